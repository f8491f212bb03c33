"""The number grammar: find every figure in normalized text and read it as a hedged interval.

Written on `regex` because general-purpose converters misread years, plan names, 百分点 and 超/近 hedges.
Each match is read in three steps: the regex finds a candidate (hedge, numeral, magnitude, unit, hedge),
`_read` decides whether it is a quantity at all (years, dates, code names, list markers, 5G … are not),
and `_merge_ranges` joins "5.0%—5.5%" and "3至5年" into one range.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import cache

import regex

from factcheck.extract.numbers.intervals import Candidate as _Candidate
from factcheck.extract.numbers.intervals import NumberMention, mention_of
from factcheck.extract.numbers.numerals import parse_chinese
from factcheck.extract.numbers.traps import (
    ends_with,
    is_year,
    label_number,
    latin_neighbour,
    one_year,
    quoted_code,
    quoted_slogan,
)
from factcheck.vocab.data import Hedge, alternation, qualifiers, units

CN_NUMERALS = "〇零一二两三四五六七八九十百千万亿"
HAS_NUMERAL = regex.compile(rf"[0-9{CN_NUMERALS}]")
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?"
# 三点五, 〇点五, 十二点零五: a Chinese decimal, its fraction written digit by digit after 点
_CNUM = rf"[{CN_NUMERALS}]+(?:点[〇零一二三四五六七八九]+)?"
_MAG = r"万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千|百"
_MAGNITUDES = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "千万": 10**7,
               "百万": 10**6, "十万": 10**5, "亿": 10**8, "万": 10**4, "千": 1000, "百": 100}
_BARE_NEEDS_HEDGE = {"亿", "万", "千", "百"}
_RANGE_JOINERS = {"—", "——", "-", "－", "~", "～", "至", "到", "–"}
_SIZE_UNITS = ("元", "美元", "吨", "千瓦", "千瓦时", "公里", "平方公里", "亩", "公顷", "立方米", "标准箱")
_ROUND_HALF = Decimal("0.5")


@cache
def _pattern() -> regex.Pattern:
    q = qualifiers()
    before = alternation(q.before)
    after = alternation(q.after)
    inside = alternation(q.inside)
    unit_alt = alternation(units())
    size_units = alternation(_SIZE_UNITS)
    return regex.compile(
        rf"""
        (?P<pre>{before})?
        (?:
            (?P<pct>百分之|千分之)(?P<pct_num>{_ARABIC}|{_CNUM})
          | (?P<den>{_CNUM}|\d+)分之(?P<numer>{_CNUM}|\d+)
          | (?<![\d/.])(?P<fa>\d+)/(?P<fb>\d+)(?![\d/])
          | 第(?P<ord>\d+|[一二三四五六七八九十百]+)(?P<ord_unit>位|名)?
          | 翻了?(?P<fan>一|两|二|三|四)?番 | (?P<double>倍增)
          | (?<![第统{CN_NUMERALS}])(?P<big>[二两三四五六七八九])大(?![会])
          | (?<![\d.,%])(?P<neg>[-−－](?=\d))?(?<![\d.,])(?P<num>{_ARABIC}|{_CNUM})
            (?: (?P<unit_direct>{unit_alt})
              | (?P<mag>{_MAG})?(?P<inside>{inside})?(?P<mag2>(?<=[多余])(?:亿|万))?(?P<unit>{unit_alt})? )
          | (?P<half>一半)
          | (?<=(?:居|位居|位列|处于|进入|走在|保持|稳居|跻身|名列)
                (?:全国|全省|全市|全区|世界|全球|国内|国际|同类城市|中部|西部|东部)?)(?P<front>前列)
          | (?<=(?:居|位居|稳居|位列|进入|跻身|排名|全国|全省|全市|全球|世界))
            前(?P<top>[二三四五六七八九十]|\d+)(?P<top_unit>强|位|名)?
          | (?<![{CN_NUMERALS}\d])(?P<bare>{_MAG})(?P<bare_inside>{inside})?(?P<bare_unit>{size_units}|级)?
        )
        (?P<post>{after})?
        """,
        regex.VERBOSE,
    )


@cache
def _group_index() -> dict[str, int]:
    return dict(_pattern().groupindex)


@cache
def _group_names() -> tuple[str | None, ...]:
    """Group names by number, to read a match with m.groups(): regex's groupdict() costs ~20 µs a match here."""
    return tuple(next((k for k, v in _group_index().items() if v == i), None) for i in range(1, _pattern().groups + 1))


def _groups(m: regex.Match) -> dict[str | None, str | None]:
    return dict(zip(_group_names(), m.groups(), strict=False))


@cache
def _nonquantity_pattern() -> regex.Pattern:
    return regex.compile(alternation(qualifiers().nonquantity_phrases))


# Beyond these a figure is no figure a report states (the world's output is some 10^15 元): a run of digits
# from a broken file, or a test of the reader. Skipped: its interval would need more precision than a
# Decimal context has, and a wrong value is worse than a miss.
MAX_MAGNITUDE = Decimal(10) ** 20
MAX_DIGITS = 20


def sane(value: Decimal | None) -> bool:
    """A value the intervals and the checks' arithmetic can hold (a quotient such as 4/3 has all of a
    context's digits, and is fine: MAX_DIGITS bounds the numerals as written, in _numeral)."""
    if value is None:
        return True
    return value.is_finite() and abs(value) < MAX_MAGNITUDE


def find_quantities(text: str) -> list[NumberMention]:
    """Every figure in `text` (normalized), left to right, with its interval."""
    blocked = _blocked_offsets(text)
    candidates = [c for m in _pattern().finditer(text)
                  if (c := _read(text, m, blocked)) is not None and sane(c.base) and sane(c.half)]
    if "∶" in text or ":" in text or "：" in text:
        candidates = _ratio_parts(text, candidates)
    merged = _merge_ranges(text, candidates)
    return [mention for c in merged if (mention := mention_of(text, c)) is not None]


def _blocked_offsets(text: str) -> set[int]:
    blocked: set[int] = set()
    for m in _nonquantity_pattern().finditer(text):
        blocked.update(range(m.start(), m.end()))
    return blocked


def _read(text: str, m: regex.Match, blocked: set[int]) -> _Candidate | None:
    q = qualifiers()
    g = _groups(m)
    pre, post = g["pre"], g["post"]
    core_start = m.start() + len(pre) if pre else m.start()  # pre opens the match
    if core_start in blocked:
        return None
    hedge_word, hedge = None, None
    if pre:
        hedge_word, hedge = pre, q.before[pre]
    end = m.end()
    core_end = end - len(post) if post else end  # post closes it

    def candidate(kind, base, half, unit, dimension, inside=None):
        nonlocal hedge_word, hedge
        if inside:
            hedge_word, hedge = inside, q.inside[inside]
        elif post:
            hedge_word, hedge = post, q.after[post]
        return _Candidate(m.start(), end, core_start, core_end, kind, base, half, unit, dimension,
                          hedge_word, hedge)

    if g["pct"]:
        assert g["pct_num"] is not None  # the pattern reads a numeral right after 百分之/千分之
        value, _ = _numeral(g["pct_num"], allow_bare=True) or (None, None)
        if value is None:
            return None
        unit = "%" if g["pct"] == "百分之" else "‰"
        return candidate("number", value, _half_of(g["pct_num"]), unit, "percent" if unit == "%" else "permille")
    if g["den"]:
        assert g["numer"] is not None  # …分之… has both numerals
        den, numer = _numeral(g["den"]), _numeral(g["numer"])
        if not den or not numer or den[0] == 0:
            return None
        return candidate("fixed", numer[0] / den[0], Decimal(0), None, "ratio")
    if g["fa"]:
        assert g["fb"] is not None  # a/b has both numbers
        a, b = Decimal(g["fa"]), Decimal(g["fb"])
        if b == 0 or b > 100 or a > 3 * b:
            return None
        return candidate("fixed", a / b, Decimal(0), None, "ratio")
    if g["ord"] is not None:
        return _rank(text, m, g, candidate)
    if g["front"]:
        # 居全国前列: a rank near the top, no number to it
        return _Candidate(m.start(), end, core_start, core_end, "vague", None, Decimal(0), "位", "rank", None, None)
    if g["half"]:
        return candidate("fixed", Decimal("0.5"), Decimal(0), None, "ratio")
    if g["top"]:
        parsed = _numeral(g["top"])
        if parsed is None:
            return None
        return _Candidate(m.start(), end, core_start, core_end, "number", parsed[0], Decimal(0), "位", "rank",
                          "前", Hedge("upper", False))
    if g["double"]:
        return candidate("fixed", Decimal(2), Decimal(0), "倍", "multiple")
    if g["big"]:
        # 四大产业创新集群: a count of named things (十八大/二十大 are congresses, kept out by the lookbehind)
        big = parse_chinese(g["big"])
        assert big is not None  # one of 二两三四五六七八九
        value = big[0]
        return candidate("number", value, _ROUND_HALF, "个", "count")
    if g["fan"] is not None or text.startswith("翻", core_start):
        times = {"一": 2, None: 2, "两": 4, "二": 4, "三": 8, "四": 16}[g["fan"]]
        return candidate("fixed", Decimal(times), Decimal(0), "倍", "multiple")
    if g["bare"]:
        return _bare_magnitude(text, m, g, candidate)
    return _plain_number(text, m, g, candidate)


def _bare_magnitude(text, m, g, candidate) -> _Candidate | None:
    """千万元, 百亿元以上, 逾百亿元, 超百万, 万亿级: a magnitude word standing alone as the figure."""
    scale = Decimal(_MAGNITUDES[g["bare"]])
    hedged = bool(g["pre"] or g["post"] or g["bare_inside"])
    if g["bare_unit"] == "级":
        if g["bare"] not in ("万亿", "千亿", "百亿") or text[max(0, m.start() - 1):m.start()] in ("个", "家"):
            return None  # 3个万亿级产业集群: a class label on a count
        # 达万亿级规模: at least one 万亿 (of yuan, the only scale such classes are stated in)
        return _Candidate(m.start(), m.end(), m.start(), m.end(), "number", scale, Decimal(0), "元", "money",
                          "级", Hedge("lower", False))
    if not hedged:
        return None
    if not g["bare_unit"]:
        if not g["pre"] or g["bare"] in _BARE_NEEDS_HEDGE:
            return None
        return candidate("number", scale, scale * _ROUND_HALF, None, "other", g["bare_inside"])
    u = units()[g["bare_unit"]]
    scale *= u.factor
    return candidate("number", scale, scale * _ROUND_HALF, u.unit, u.dimension, g["bare_inside"])


_RANGE_NAME = regex.compile(r"[^，。；、]{0,4}圈")


def _plain_number(text, m, g, candidate) -> _Candidate | None:
    gi = _group_index()
    num_start, num_end = m.span(gi["num"])
    raw = g["num"]
    unit_surface = g["unit_direct"] or g["unit"]
    mag = g["mag"]
    chinese = not raw[0].isdigit()
    if chinese and not unit_surface and not mag and not (raw in _MAGNITUDES and g["pre"]):
        return None  # 一批, 统一: a Chinese numeral with no unit or magnitude states no figure (tested first: cheap)
    if latin_neighbour(text, num_start, num_end if not (unit_surface or mag) else None):
        return None
    if quoted_code(text, num_start, num_end, unit_surface or mag) or quoted_slogan(text, num_start):
        return None
    if label_number(text, num_start):
        return None  # 附件2 名词解释, 表1: a label, not a quantity
    parsed = _numeral(raw, allow_bare=bool(g["inside"]))
    if parsed is None and raw in _MAGNITUDES:
        # 超千万元, 百亿元以上, 逾万家, 上亿: a magnitude standing alone as the figure needs a hedge, or it
        # is a label (两个万亿元台阶, 百万亩造林工程, 千家万户)
        if not (g["pre"] or g["post"] or g["inside"]) or text[max(0, m.start() - 2):m.start()] == "成千":
            return None
        parsed = Decimal(_MAGNITUDES[raw]), Decimal(_MAGNITUDES[raw])
    if parsed is None:
        return None
    value, place = parsed
    if chinese:
        if not unit_surface and not mag and not (raw in _MAGNITUDES and g["pre"]):
            return None
        if num_start > 0 and text[num_start - 1] in "数几若":
            return None  # 数十家, 几百个: a vague count
        if raw == "一" and unit_surface not in ("倍", "个百分点", "百分点") and not one_year(text, m, unit_surface):
            return None  # 一个平台, 一批, 一流: a lone 一 with a counter states no figure
    # the words right after the figure, as far as the tests below read (全体会议, …圈): a bounded slice, not
    # the rest of the document for every figure
    end = m.end
    after = max(end(gi["num"]), end(gi["unit_direct"]), end(gi["mag"]), end(gi["inside"]), end(gi["mag2"]),
                end(gi["unit"]))
    after_unit = text[after:after + 8]
    if unit_surface:
        u = units()[unit_surface]
        if u.unit == "届" and (
                chinese or after_unit.startswith(("全会", "中央", "全国", "人大", "政协", "代表", "委员", "大会"))
                or ends_with(text, num_start, ("党的",))):
            return None
        if u.unit == "次" and after_unit.startswith(("会议", "全会", "全体会议", "产业")):
            return None
        if u.unit == "个" and after_unit[:1].isdigit():
            return None  # “3个100”: a programme name
        if u.dimension == "duration" and _RANGE_NAME.match(after_unit):
            return None  # 15分钟社区生活圈, 1小时通勤圈: names of service ranges
        if u.unit == "年" and is_year(raw, value):
            return candidate("year", None, Decimal(0), None, "year")
    else:
        u = None
    if mag and not u and is_year(raw, value):
        return None
    scale = Decimal(_MAGNITUDES[mag]) if mag else Decimal(1)
    if g["mag2"]:
        scale *= _MAGNITUDES[g["mag2"]]  # 4万多亿元, 6600多万
    if g["neg"]:
        value = -value
    factor = u.factor if u else Decimal(1)
    base = value * scale * factor
    half = (place * _ROUND_HALF if chinese else _half_of(raw)) * scale * factor
    if not u and not mag and not g["mag2"]:
        if raw in _MAGNITUDES:
            return candidate("number", base, half, None, "other")
        return candidate("bare", base, half, None, "other")
    dimension = u.dimension if u else "other"
    unit_name = u.unit if u else None
    cand = candidate("number", base, half, unit_name, dimension, g["inside"])
    if cand.hedge_word == "近" and unit_name in ("年", "月"):
        # 近5年 is "the past five years", not "nearly five years"
        cand = replace(cand, start=cand.core_start, hedge_word=None, hedge=None)
    return cand


def _rank(text, m, g, candidate) -> _Candidate | None:
    q = qualifiers()
    parsed = _numeral(g["ord"])
    if parsed is None:
        return None
    if not g["ord_unit"]:
        if text.startswith(q.ordinal_name_suffixes, m.end(_group_index()["ord"])):
            return None
        # the cue window is the 8 characters before the figure, cut at a clause mark inside them
        lo = max(0, m.start() - 8)
        clause_start = max(text.rfind(p, lo, m.start()) for p in "，。；：,;\n")
        window = text[max(clause_start + 1, lo):m.start()]
        if not any(cue in window for cue in q.rank_cues):
            return None
    return candidate("fixed", parsed[0], Decimal(0), "位", "rank")


_RATIO_MARK = regex.compile(r"[:：∶]")
_RATIO_CHAIN = regex.compile(r"(?<![\d.:：∶])\d+(?:\.\d+)?(?:[:：∶]\d+(?:\.\d+)?){2,}(?![\d.:：∶])")


def _ratio_parts(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """三次产业比重 4.0∶37.7∶58.3: each part of a chain of three or more is a share of the whole."""
    parts: set[tuple[int, int]] = set()
    for m in _RATIO_CHAIN.finditer(text):
        pos = m.start()
        for piece in _RATIO_MARK.split(m.group()):
            parts.add((pos, pos + len(piece)))
            pos += len(piece) + 1
    if not parts:
        return cands
    return [replace(c, kind="number", dimension="ratio") if c.kind == "bare" and (c.core_start, c.core_end) in parts
            else c for c in cands]


def _merge_ranges(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    out: list[_Candidate] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        if (b is not None and a.kind in ("number", "bare") and b.kind == "number" and a.hedge is None
                and text[a.end:b.start] in _RANGE_JOINERS and (a.unit is None or a.unit == b.unit)
                and b.hedge is None and a.base is not None and b.base is not None):
            low = a.base if a.unit else _scale_like(text, a, b)
            if low is not None and low <= b.base:
                out.append(_Candidate(a.start, b.end, a.core_start, b.core_end, "range", low, b.base,
                                      b.unit, b.dimension, None, None))
                i += 2
                continue
        if b is not None and a.kind == "bare" and b.kind == "year" and text[a.end:b.start] in _RANGE_JOINERS:
            i += 2  # 2021—2025年
            continue
        out.append(a)
        i += 1
    return out


def _scale_like(text: str, a: _Candidate, b: _Candidate) -> Decimal | None:
    # "100—200万元": the first end borrows the second's magnitude and unit.
    raw_b = _numeral_prefix(text[b.core_start:b.core_end])
    if raw_b is None or raw_b == 0 or b.base is None or a.base is None:
        return None
    return a.base * (b.base / raw_b)


def _numeral(raw: str, allow_bare: bool = False) -> tuple[Decimal, Decimal] | None:
    if raw[0].isdigit():
        if sum(ch.isdigit() for ch in raw) > MAX_DIGITS:
            return None
        try:
            return Decimal(raw.replace(",", "")), Decimal(1)
        except InvalidOperation:
            return None
    parsed = parse_chinese(raw)
    if parsed is None and allow_bare and raw in ("十", "百", "千", "万"):
        place = Decimal({"十": 10, "百": 100, "千": 1000, "万": 10000}[raw])
        return place, place
    return parsed


_ARABIC_PREFIX = regex.compile(_ARABIC)


def _numeral_prefix(surface: str) -> Decimal | None:
    m = _ARABIC_PREFIX.match(surface)
    if m:
        return Decimal(m.group().replace(",", ""))
    return None


def _half_of(raw: str) -> Decimal:
    if raw[0].isdigit():
        decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
        return _ROUND_HALF * Decimal(1).scaleb(-decimals)
    parsed = parse_chinese(raw)
    return _ROUND_HALF * (parsed[1] if parsed else Decimal(1))
