"""Region gazetteer: data validation (adding a region is a data-only change) and behaviour."""

from __future__ import annotations

import csv
import importlib.util
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from factcheck.extract.regions.gazetteer import LEVELS, RegionMention, load_gazetteer, read_rows, read_stoplist
from factcheck.vocab.files import rules_path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CJK = re.compile(r"^[\u3400-\u9fff]+$")
REGION_COLUMNS = ["code", "name", "short", "aliases", "level", "parent"]


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def one(gaz, name, level=None):
    found = [r for r in gaz.lookup(name) if r.name == name and (level is None or r.level == level)]
    assert len(found) == 1, (name, found)
    return found[0]


def raw_rows(name):
    lines = [line for line in rules_path(name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.reader(lines))


# -- data validation ------------------------------------------------------------------


def test_csv_headers_and_source_are_recorded():
    assert raw_rows("regions.csv")[0] == REGION_COLUMNS
    assert raw_rows("zones.csv")[0] == REGION_COLUMNS + ["same_as"]
    header = rules_path("regions.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "cpca==0.5.5" in header and "MIT" in header and "adcodes.csv" in header


@pytest.mark.parametrize("name", ["regions.csv", "zones.csv"])
def test_every_row_is_well_formed(name):
    rows = raw_rows(name)
    width = len(rows[0])
    code_re = re.compile(r"^\d{6}$" if name == "regions.csv" else r"^Z\d{6}$")
    for row in rows[1:]:
        assert len(row) == width, row
        rec = dict(zip(rows[0], row, strict=False))
        assert code_re.match(rec["code"]), row
        assert CJK.match(rec["name"]), row
        assert rec["level"] in LEVELS, row
        assert (rec["level"] == "zone") == (name == "zones.csv"), row
        if rec["short"]:
            # Shorts are derived by cutting a suffix, so a short is always a proper prefix.
            assert len(rec["short"]) >= 2 and rec["name"].startswith(rec["short"]) and rec["short"] != rec["name"], row
        aliases = rec["aliases"].split("|") if rec["aliases"] else []
        assert all(CJK.match(a) for a in aliases), row
        assert len(set(aliases)) == len(aliases) and not {rec["name"], rec["short"]} & set(aliases), row
        if rec["level"] == "country":
            assert rec["parent"] == "", row
        else:
            assert re.match(r"^\d{6}$", rec["parent"]), row


def test_codes_are_unique_and_parents_exist(gaz):
    codes = [row[0] for name in ("regions.csv", "zones.csv") for row in raw_rows(name)[1:]]
    assert len(codes) == len(set(codes))
    for region in gaz:
        if region.level == "country":
            assert region.parent is None
            continue
        parent = gaz.parent(region)
        assert parent is not None, region
        assert LEVELS.index(parent.level) < LEVELS.index(region.level) or region.level == "zone", region
        assert gaz.ancestors(region)[-1].code == "100000", region


def test_parent_levels_and_codes_agree(gaz):
    for region in gaz:
        parent = gaz.parent(region)
        if region.level == "province":
            assert parent.level == "country"
        elif region.level == "prefecture":
            assert parent.level == "province" and region.code[:2] == parent.code[:2], region
        elif region.level == "county":
            # A county hangs under its prefecture, or straight under a 直辖市 / the province
            # (省直辖县级市 like 仙桃市); never under a 市辖区 pseudo row.
            assert parent.level in ("prefecture", "province"), region
            assert region.code[:2] == parent.code[:2], region
            if parent.level == "prefecture":
                assert region.code[:4] == parent.code[:4], region
        elif region.level == "zone":
            assert parent.level in ("prefecture", "county"), region
            assert region.code[1:3] == parent.code[:2], region


def test_no_pseudo_rows(gaz):
    names = {r.name for r in gaz}
    assert not names & {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def test_row_counts_per_level(gaz):
    counts = Counter(r.level for r in gaz)
    assert counts["country"] == 1
    assert 31 <= counts["province"] <= 34
    assert 330 <= counts["prefecture"] <= 345
    assert 2800 <= counts["county"] <= 3000
    assert counts["zone"] >= 18


def test_zones_same_as_points_at_a_sibling_district(gaz):
    for row in read_rows(rules_path("zones.csv")):
        if row["same_as"]:
            twin = gaz.get(row["same_as"])
            assert twin is not None and twin.level == "county", row
            assert twin.parent == row["parent"], row


def test_stoplist_entries_are_consistent(gaz):
    sections = read_stoplist(rules_path("region_stopwords.txt"))
    assert set(sections) == {"stop", "block"}
    for word in sections["stop"]:
        assert CJK.match(word) and gaz.lookup(word), f"[stop] {word} is no region name or short"
    for word in sections["block"]:
        assert CJK.match(word) and not gaz.lookup(word), f"[block] {word} is a region form: move it to [stop]"
    stopped = sections["stop"] | sections["block"]
    # The build script empties stoplisted county shorts; a mismatch means regions.csv is stale.
    for region in gaz:
        if region.level == "county":
            assert region.short not in stopped, f"{region.name}: rerun scripts/build_gazetteer.py"


def test_region_names_hold_a_place_name_and_are_none(gaz):
    """rules/region_names.txt: names of organizations, brands, ports, streets … that hold a place name. Each must
    hold one (else it is no use) and be no region form itself (else it would hide a region)."""
    from factcheck.extract.regions.gazetteer import Gazetteer

    names = set().union(*read_stoplist(rules_path("region_names.txt")).values())
    assert len(names) >= 20
    bare = Gazetteer(list(gaz))  # the regions alone, no stoplist
    for name in names:
        assert not gaz.lookup(name), f"{name} is a region form"
        assert bare.find(name), f"{name} holds no region name"
        assert not gaz.find(name), f"{name} is not consumed whole"


def test_county_shorts_do_not_shadow_larger_units(gaz):
    higher = {f for r in gaz if r.level in ("province", "prefecture") for f in (r.name, r.short) if f}
    shadowing = {r.code for r in gaz if r.level == "county" and r.short in higher}
    assert shadowing == {"110105"}  # 北京 朝阳区, kept ambiguous with 朝阳市 on purpose
    assert one(gaz, "河北省") in gaz.lookup("河北") and [m.candidates for m in gaz.find("河北")] == [
        (one(gaz, "河北省"),)]


# -- build script -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "suffixes", "short"), [
    ("海西蒙古族藏族自治州", "PREFECTURE_SUFFIXES", "海西"),
    ("博尔塔拉蒙古自治州", "PREFECTURE_SUFFIXES", "博尔塔拉"),
    ("大兴安岭地区", "PREFECTURE_SUFFIXES", "大兴安岭"),
    ("锡林郭勒盟", "PREFECTURE_SUFFIXES", "锡林郭勒"),
    ("龙胜各族自治县", "COUNTY_SUFFIXES", "龙胜"),
    ("鄂温克族自治旗", "COUNTY_SUFFIXES", "鄂温克"),
    ("鄂伦春自治旗", "COUNTY_SUFFIXES", "鄂伦春"),
    ("万柏林区", "COUNTY_SUFFIXES", "万柏林"),
    ("清新区", "COUNTY_SUFFIXES", "清新"),
    ("浦东新区", "COUNTY_SUFFIXES", "浦东"),
    ("神农架林区", "COUNTY_SUFFIXES", "神农架"),
    ("沛县", "COUNTY_SUFFIXES", ""),
])
def test_short_name_derivation(build, name, suffixes, short):
    assert build.derive_short(name, getattr(build, suffixes))[0] == short


def test_build_rows_from_a_small_table(build, tmp_path):
    """Rebuild from a tiny table in cpca's format: pseudo rows dropped, 直辖市 re-parented."""
    source = tmp_path / "adcodes.csv"
    source.write_text(
        "adcode,name,longitude,latitude\n"
        "110000000000,北京市,0,0\n110100000000,市辖区,0,0\n110105000000,朝阳区,0,0\n"
        "420000000000,湖北省,0,0\n429000000000,省直辖县级行政区划,0,0\n429004000000,仙桃市,0,0\n",
        encoding="utf-8",
    )
    rows = build.build_rows(build.read_source(source), {"朝阳"})
    by_code = {row[0]: row for row in rows}
    assert set(by_code) == {"100000", "110000", "110105", "420000", "429004"}
    assert by_code["110105"][2:] == ("", "朝阳", "county", "110000")
    assert by_code["429004"][5] == "420000"


# -- behaviour --------------------------------------------------------------------------


def test_jiangsu_hierarchy(gaz):
    jiangsu = one(gaz, "江苏省")
    wuxi = one(gaz, "无锡市")
    xinwu = one(gaz, "新吴区")
    assert len(gaz.children(jiangsu, "prefecture")) == 13
    assert gaz.parent(wuxi) == jiangsu and gaz.parent(xinwu) == wuxi
    assert [r.name for r in gaz.ancestors(xinwu)] == ["无锡市", "江苏省", "中国"]
    assert gaz.is_within(xinwu, jiangsu) and gaz.is_within(xinwu, xinwu) and not gaz.is_within(jiangsu, xinwu)
    assert jiangsu.short == "江苏" and "苏" in jiangsu.aliases and wuxi.short == "无锡" and "锡" in wuxi.aliases


def test_municipality_districts_hang_under_the_municipality(gaz):
    beijing = one(gaz, "北京市")
    assert gaz.parent(one(gaz, "海淀区")) == beijing
    assert len(gaz.children(beijing, "county")) >= 16 and not gaz.children(beijing, "prefecture")


def test_zone_same_as_district(gaz):
    zone = one(gaz, "无锡高新区")
    xinwu = one(gaz, "新吴区")
    assert zone.level == "zone" and zone.same_as == xinwu.code and gaz.same_as(zone) == xinwu
    assert gaz.parent(zone) == one(gaz, "无锡市")
    assert gaz.is_within(zone, xinwu) and gaz.is_within(xinwu, zone) and gaz.is_within(zone, one(gaz, "江苏省"))
    assert zone in gaz.children(one(gaz, "无锡市"), "zone")
    assert gaz.lookup("无锡国家高新区") == (zone,)


def test_autonomous_region_and_prefecture_shorts(gaz):
    assert {one(gaz, n).short
            for n in ("西藏自治区", "广西壮族自治区", "内蒙古自治区", "宁夏回族自治区", "新疆维吾尔自治区")} == {
        "西藏", "广西", "内蒙古", "宁夏", "新疆"}
    enshi = one(gaz, "恩施土家族苗族自治州")
    assert enshi.short == "恩施" and "恩施州" in enshi.aliases


def test_lookup_sees_everything_find_does_not(gaz):
    assert one(gaz, "江苏省") in gaz.lookup("苏") and one(gaz, "苏州市") in gaz.lookup("苏")
    assert gaz.lookup("全国") == (gaz.get("100000"),)
    assert gaz.find("苏锡常一体化，全国一盘棋") == []


def test_find_example_offsets(gaz):
    text = "无锡市锡山区晒出了2025年的发展成绩单，江苏坚持创新驱动"
    got = [(m.start, m.end, m.surface, [r.name for r in m.candidates]) for m in gaz.find(text)]
    assert got == [(0, 3, "无锡市", ["无锡市"]), (3, 6, "锡山区", ["锡山区"]), (21, 23, "江苏", ["江苏省"])]
    for m in gaz.find(text):
        assert text[m.start:m.end] == m.surface


def test_stoplist_words_are_not_found(gaz):
    assert gaz.find("城区面积扩大，新区建设") == []
    assert gaz.find("维护和平，推进合作，坚持绿水青山就是金山银山") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("江苏省委", [(0, 3, "江苏省")]),
    ("河北区域协同", [(0, 2, "河北")]),           # 区域 is not 河北区 (天津)
    ("无锡市场监管", [(0, 2, "无锡")]),
    ("隆重庆祝", []),                              # 重庆 straddles 隆重
    ("长江苏州段", [(2, 4, "苏州")]),
    ("美丽江苏", [(2, 4, "江苏")]),
    ("示范县城", []),
    ("恩施州和本溪县", [(0, 3, "恩施州"), (4, 7, "本溪县")]),
    ("白云区", [(0, 3, "白云区")]),               # stoplisted short, full name still found
    ("无锡国家高新区", [(0, 7, "无锡国家高新区")]),
])
def test_find_edge_cases(gaz, text, expected):
    assert [(m.start, m.end, m.surface) for m in gaz.find(text)] == expected


def test_resolve_by_context(gaz):
    [_, mention] = gaz.find("南京市鼓楼区")
    assert len(mention.candidates) >= 3
    nanjing = one(gaz, "南京市")
    assert gaz.resolve(mention, [nanjing]).code == "320106"
    assert gaz.resolve(mention, []) is None
    assert gaz.resolve(mention, [one(gaz, "江苏省")]) is None      # 南京 and 徐州 both have one
    assert gaz.resolve(mention, [one(gaz, "玄武区")]) is None      # a sibling is no container


def test_resolve_prefers_nearest_level(gaz):
    hainan = RegionMention(0, 2, "海南", gaz.lookup("海南"))
    assert len(hainan.candidates) >= 2
    assert gaz.resolve(hainan, []) is None
    assert gaz.resolve(hainan, [gaz.get("100000")]).name == "海南省"
    assert gaz.resolve(hainan, [one(gaz, "青海省")]).name == "海南藏族自治州"
    single = gaz.find("江苏")[0]
    assert gaz.resolve(single, []).name == "江苏省"


def test_load_is_cached():
    assert load_gazetteer() is load_gazetteer()


def test_find_is_fast(gaz):
    if CORPUS.is_dir():
        text = "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt")))
    else:
        text = "无锡市锡山区晒出了2025年的发展成绩单，江苏坚持创新驱动，推动长三角一体化发展。"
    text = (text * (1_000_000 // len(text) + 1))[:1_000_000]
    started = time.perf_counter()
    mentions = gaz.find(text)
    elapsed = time.perf_counter() - started
    assert mentions
    assert elapsed < 1.0, f"find() took {elapsed:.2f}s on 1 MB"
