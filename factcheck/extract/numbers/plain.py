"""A numeral with its magnitude word and unit, read as one figure: 9.4万家, 三百万人, 1.2万千瓦, 人民币50亿元, 负1.2%,
零下十五度, 45元6角5分, 一年半, 3万2千5百份. Two neighbouring digits are a range (六七吨 → [6, 7], 二十三四万元 →
[230000, 240000]); a vague magnitude is the interval it allows (数十亿元 → [1e9, 1e10), 十几个 → [11, 20)).

Where the form leaves the value in doubt the figure is left out, never guessed: 下降-1.5% (a fall, or a rise?),
52度白酒, a lone Chinese numeral with nothing that makes it a figure (一批, 统一).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache

import regex

from factcheck.extract.numbers.intervals import Candidate
from factcheck.extract.numbers.numerals import (
    DIGITS,
    MAGNITUDES,
    parse_mixed,
    parse_pair,
    parse_vague,
    read_numeral,
)
from factcheck.extract.numbers.traps import (
    ends_with,
    is_year,
    label_number,
    latin_neighbour,
    one_year,
    quoted_code,
    quoted_slogan,
)
from factcheck.extract.numbers.units_in_context import unit_of, with_prefix
from factcheck.vocab.data import qualifiers, unit_prefixes

# A sign: a dash not right after a figure (2万-8万元 is a range), a + not in a formula (1+3), 负 after a word that
# introduces a value or a mark (同比负1.2%, 增速为负百分之七; not 减负, 胜负, 抱负), 零下 (below zero). A verb
# never signs a figure: 下降3.2% stays 3.2.
_NOT_BEFORE_DASH = frozenset("0123456789.,%‰〇零一二两三四五六七八九十百千万亿")
_BEFORE_NEGATIVE = frozenset(" \t\n\u3000，。；、：,;:（(“\"为是比至到达于长率速值约近")
_MINUS_DASHES = "-−－"
_ROUND_HALF = Decimal("0.5")
_CAPITALS = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")
# a Chinese numeral that opens a range (三 of 三至五亿元)…
_JOINS_NEXT = regex.compile(r"(?:至|到|—{1,2}|[-~～〜–])(?=[\d〇零一二两三四五六七八九十百千])")
_NOT_A_LEAD = "统唯万之第同专单合逐划归整均如不其周期双国大高初"  # 统一到, 之一至: words, not figures
# …or closes one after 百分之 (百分之五至十)
_JOINERS = "至到—-~～〜–"
# what may follow a Chinese figure written without a unit (一万二, 两万五): the figure ends there
_ENDS_FIGURE = frozenset("，。；、：,;:）)！？\n的") | {""}
_MIXED_PIECE = regex.compile(r"(\d+)(万亿|千万|百万|十万|亿|万|千|百|十)")
_WITHIN = ("内", "以内", "之内")
_ONE_COUNTS = ("倍", "个百分点", "百分点")  # 一倍, 一个百分点: a lone 一 that is a figure
_PER_COUNTER = {"月": "个月", "钟头": "小时"}  # 一个半月, 两个多月: the unit is 个月
_MARKER_AND_YEAR = regex.compile(r"\d{1,2}\.(?:19|20)\d\d$")
_NAMING = frozenset({"期", "类", "届", "批", "号"})  # counters that number things: 一二期 names two phases
_RANGE_NAME = regex.compile(r"[^，。；、]{0,4}圈")
_ORDINAL_RANGE = regex.compile(r"第[\d〇零一二两三四五六七八九十百]+(?:至|到|—{1,2}|[-~～〜–])$")


def lead_of(text: str, pos: int, arabic_or_chinese: bool) -> tuple[str | None, str | None, int]:
    """The currency word and the sign written right before the figure at pos, and where they start:
    人民币50亿元 → ("人民币", None), 同比-0.7% → (None, "-"), US$5亿 → ("US$", None), 负百分之七 → (None, "负")."""
    sign = None
    ch = text[pos - 1:pos]
    before = text[pos - 2:pos - 1] if pos >= 2 else ""
    digit_follows = text[pos:pos + 1].isdigit()
    if ch in _MINUS_DASHES and ch and digit_follows and before not in _NOT_BEFORE_DASH:
        sign = ch
    elif (ch == "+" and digit_follows and before not in _NOT_BEFORE_DASH and before != "+"
          and not (before.isascii() and before.isalnum())):
        sign = ch
    elif ch == "负" and (not before or before in _BEFORE_NEGATIVE):
        sign = ch
    elif ch == "下" and before == "零":
        sign = "零下"
    start = pos - len(sign) if sign else pos
    prefix = None
    if arabic_or_chinese and text[start - 1:start] in _PREFIX_ENDS:
        prefix = next((p for p in _prefixes() if text.startswith(p, start - len(p)) and start >= len(p)), None)
        if prefix:
            start -= len(prefix)
    return prefix, sign, start


@cache
def _prefixes() -> tuple[str, ...]:
    return tuple(sorted(unit_prefixes(), key=len, reverse=True))


_PREFIX_ENDS = frozenset("币幣B￥¥$€£")
LEAD_ENDS = _PREFIX_ENDS | frozenset("-−－+负下")  # the last characters of what lead_of reads


def read_plain(text: str, m: regex.Match, g: dict, gi: dict, candidate, figure_start: int) -> Candidate | None:
    raw = g["num"]
    num_start, num_end = m.span(gi["num"])
    # 两个多百分点, 一个多月: 多 between 个 and the unit
    unit_surface = (g["unit_direct"] or g["unit"] or _PER_COUNTER.get(g["half_unit"], g["half_unit"])
                    or _PER_COUNTER.get(g["more_unit"], g["more_unit"]))
    mag = g["mag"]
    form = _form(raw)
    chinese = form in ("chinese", "vague")
    role = None
    if chinese and not unit_surface and not mag and not g["mag2"] and not g["cur"]:
        # 一批, 统一: a Chinese numeral with no unit or magnitude states no figure, unless it opens or closes a
        # range, is a hedged magnitude (超千万) or a vague one (几十万), or is written short (一万二) (tested
        # first: cheap)
        role = _unitless_role(text, m, g, raw, form, num_start)
        if role is None:
            return None
    sign = g["neg"]
    if latin_neighbour(text, figure_start, num_end if not (unit_surface or mag) else None):
        return None
    if quoted_code(text, num_start, num_end, unit_surface or mag) or quoted_slogan(text, num_start):
        return None
    if label_number(text, num_start):
        return None  # 附件2 名词解释, 表1: a label, not a quantity
    if num_start and text[num_start - 1] == "双":
        return None  # 双20条, 双11, 双一流: names
    if (num_start and text[num_start - 1] in _JOINERS
            and _ORDINAL_RANGE.search(text, max(0, num_start - 8), num_start)):
        return None  # 第三至五名: places three to five, no count of five
    if form == "vague":
        if raw[0] == "数" and num_start > 0 and text[num_start - 1] in qualifiers().shu_nouns:
            return None  # 人数十万: 人数 and a figure, no vague 数十万
        low_high = parse_vague(raw)
        return _interval(text, m, g, gi, "vague", low_high, unit_surface, figure_start) if low_high else None
    if form == "chinese":
        pair = parse_pair(raw)
        if pair is not None:
            return _interval(text, m, g, gi, "range", pair, unit_surface, figure_start)
    if form == "mixed":
        parsed = _mixed(raw, mag, g["mag2"])
    else:
        parsed = read_numeral(raw, allow_bare=bool(g["inside"]))
    if parsed is None and raw in MAGNITUDES:
        # 超千万元, 百亿元以上, 逾万家, 上亿: a magnitude standing alone as the figure needs a hedge, or it
        # is a label (两个万亿元台阶, 百万亩造林工程, 千家万户)
        if not (g["pre"] or g["post"] or g["inside"]) or text[max(0, m.start() - 2):m.start()] == "成千":
            return None
        parsed = Decimal(MAGNITUDES[raw]), Decimal(MAGNITUDES[raw])
    if parsed is None:
        return None
    value, place = parsed
    halved = bool(g["and_half"] or g["ge_half"])
    if chinese:
        if num_start > 0 and text[num_start - 1] in "数几若":
            return None  # 人数十万, 若十: no figure of its own
        if (raw == "一" and role != "lead" and not halved and not g["ge_more"] and unit_surface not in _ONE_COUNTS
                and not one_year(text, m, unit_surface)
                and not (unit_surface == "成" and not text.startswith("不", m.end()))):
            return None  # 一个平台, 一批, 一流: a lone 一 with a counter states no figure (一成 does, but 一成不变)
    u = None
    if unit_surface:
        unit_end = _unit_end(m, gi)
        u = unit_of(text, unit_surface, num_start, unit_end)
        if u is None or (u.arabic_only and chinese):
            return None  # 52度白酒, 3级医院, 长三角
        if _not_a_count(text, unit_end, chinese, num_start, u):
            return None
        if u.unit == "个" and g["post"] == "多" and text[m.end():m.end() + 1] in ("万", "亿"):
            return None  # 两个多亿: more than 2亿, no count of 个 (left out rather than read as 2个)
        if u.unit == "年" and (is_year(raw, value) or _MARKER_AND_YEAR.match(raw)):
            return candidate("year", None, Decimal(0), None, "year")  # 2025年; 14.2025年: list item 14, then 2025年
    if len(raw) == 1 and raw in _CAPITALS and not (u is not None and u.dimension == "money"):
        return None  # a lone capital numeral is a figure only in an amount of money (伍元); 大陆架 is no 6架
    if g["cur"]:
        u = with_prefix(g["cur"], u)
        if u is None:
            return None
    if mag and not u and is_year(raw, value):
        return None
    if g["post"] == "+" and _continues(text, m.end()):
        return None  # 1+3, 10万+5万: a formula, not "more than"
    if g["inside"] == "来" and not (raw.endswith(("十", "百", "千")) or (raw.isdigit() and raw.endswith("0"))):
        return None  # 十来个 is about ten; 3来 is no figure
    negative = bool(sign) and sign != "+"
    if negative and _after_falling_word(text, figure_start):
        return None  # 下降-1.5%: a fall of 1.5%, or a rise? Left out
    if halved:
        if place < 1:
            return None
        value, place = value + _ROUND_HALF, Decimal("0.1")  # 一年半, 六成半 (6.5成), 一个半小时
    if g["jiao"] or g["fen"]:
        if u is None or u.unit != "元" or u.factor != 1 or mag or place < 1:
            return None
        value += sum(Decimal(DIGITS.get(s[0], s[0])) * w for s, w in ((g["jiao"], Decimal("0.1")),
                                                                      (g["fen"], Decimal("0.01"))) if s)
        place = Decimal("0.01") if g["fen"] else Decimal("0.1")  # 45元6角5分
    scale = Decimal(MAGNITUDES[mag]) if mag else Decimal(1)
    if g["mag2"] and form != "mixed":
        scale *= MAGNITUDES[g["mag2"]]  # 4万多亿元, 6600多万
    if negative:
        value = -value
    factor = u.factor if u else Decimal(1)
    base = value * scale * factor
    half = place * _ROUND_HALF * scale * factor
    fields = {"numeral": value, "scaled": bool(mag) or raw.endswith(("万", "亿")), "written": raw, "magnitude": mag,
              "factor": factor, "dash_sign": bool(sign) and sign in _MINUS_DASHES}
    if role in ("lead", "tail"):
        return candidate(role, base, half, None, "other", **fields)
    if not u and not mag and not g["mag2"]:
        if raw in MAGNITUDES or role == "elided":
            return candidate("number", base, half, None, "other", **fields)
        return candidate("bare", base, half, None, "other", **fields)
    unit_name, dimension = (u.unit, u.dimension) if u else (None, "other")
    if g["per"]:
        if u is None:
            return None
        unit_name, dimension = (unit_name or "") + g["per"], "other"  # 3200元/吨: a price, not an amount
    if g["zheng"]:
        return candidate("fixed", base, Decimal(0), unit_name, dimension, **fields)  # 壹佰万元整: exactly
    cand = candidate("number", base, half, unit_name, dimension, g["inside"] or g["ge_more"], **fields)
    if cand.hedge_word == "近" and unit_name in ("年", "月"):
        # 近5年 is "the past five years", not "nearly five years"
        cand = replace(cand, start=cand.core_start, hedge_word=None, hedge=None)
    return cand


def _mixed(raw: str, mag: str | None, mag2: str | None):
    """3万2千5百, 1亿2千万; 1亿3千多万 (the 万 after 多 belongs to the last piece: 1亿 and 3千多万)."""
    pieces = _MIXED_PIECE.findall(raw)
    if mag or "".join(d + w for d, w in pieces) != raw:
        return None
    if mag2:
        digits, word = pieces[-1]
        if word + mag2 not in MAGNITUDES:
            return None
        pieces[-1] = (digits, word + mag2)
    return parse_mixed(pieces)


def _form(raw: str) -> str:
    if raw[0].isdigit():
        return "arabic" if raw[-1].isdigit() else "mixed"
    if raw[0] in "数几" or "几" in raw:
        return "vague"
    return "chinese"


def _unitless_role(text, m, g, raw, form, num_start) -> str | None:
    if raw in MAGNITUDES and g["pre"]:
        return "magnitude"
    if form == "vague":
        return "vague" if raw.endswith(("万", "亿")) else None  # 几十万群众; 几十 alone states nothing
    if g["pre"] or g["post"]:
        return None
    end = m.end()
    if (text[end:end + 1] in _JOINERS and _JOINS_NEXT.match(text, end)
            and not (num_start > 0 and text[num_start - 1] in _NOT_A_LEAD)):
        return "lead"
    if num_start > 0 and text[num_start - 1] in _JOINERS:
        return "tail"
    if len(raw) > 2 and raw[-1] in DIGITS and raw[-2] in "万亿千百" and text[end:end + 1] in _ENDS_FIGURE:
        return "elided"  # 月收入一万二, 观众两万五: 12000, 25000
    return None


def _interval(text, m, g, gi, kind, low_high, unit_surface, figure_start) -> Candidate | None:
    """六七吨, 五六万人 (kind range), 数十亿元, 十几个 (kind vague): the interval the numeral allows."""
    low, high = low_high
    u = None
    if unit_surface:
        u = unit_of(text, unit_surface, m.start(gi["num"]), _unit_end(m, gi))
        if u is None or u.arabic_only:
            return None
        if _not_a_count(text, _unit_end(m, gi), True, m.start(gi["num"]), u) or u.unit in _NAMING:
            return None  # 一二期工程, 一二类水质: phases and classes I and II, no count of one to two
    if g["cur"]:
        u = with_prefix(g["cur"], u)
        if u is None:
            return None
    if (g["mag2"] or g["inside"] or g["and_half"] or g["ge_half"] or g["ge_more"] or g["jiao"] or g["fen"] or g["per"]
            or g["zheng"]):
        return None
    q = qualifiers()
    hedges = [h for h in (q.before.get(g["pre"] or ""), q.after.get(g["post"] or "")) if h is not None]
    end = m.end()
    if g["post"] in _WITHIN:
        end -= len(g["post"])  # 三五年内: the span is three to five years
    elif any(h.kind != "approx" for h in hedges):
        return None  # 七八万人以上: which end does 以上 hedge? Left out
    scale = Decimal(MAGNITUDES[g["mag"]]) if g["mag"] else Decimal(1)
    factor = u.factor if u else Decimal(1)
    low, high = low * scale * factor, high * scale * factor
    if g["neg"]:
        if kind == "vague" or g["neg"] == "+":
            return None
        low, high = -high, -low  # 零下五六度
    unit_name, dimension = (u.unit, u.dimension) if u else (None, "other")
    return Candidate(figure_start, end, figure_start, end, kind, low, high, unit_name, dimension, None, None)


def _unit_end(m, gi) -> int:
    return max(m.end(gi["unit_direct"]), m.end(gi["unit"]), m.end(gi["half_unit"]), m.end(gi["more_unit"]))


_NAMED_BY_COUNTER = frozenset({"届", "次", "个", "年"})


def _not_a_count(text: str, unit_end: int, chinese: bool, num_start: int, u) -> bool:
    """Numerals with a counter that name things rather than count them: 十四届, 二十次会议, “3个100”, 15分钟生活圈,
    五六十年代; a Latin unit run on into Latin text (100km/h)."""
    unit, dimension = u.unit, u.dimension
    if unit not in _NAMED_BY_COUNTER and dimension != "duration" and not u.surface[-1].isascii():
        return False
    after_unit = text[unit_end:unit_end + 8]
    congress = ("全会", "中央", "全国", "人大", "政协", "代表", "委员", "大会")
    if unit == "届" and (chinese or after_unit.startswith(congress) or ends_with(text, num_start, ("党的",))):
        return True
    if unit == "次" and after_unit.startswith(("会议", "全会", "全体会议", "产业")):
        return True
    if unit == "个" and after_unit[:1].isdigit():
        return True  # “3个100”: a programme name
    if dimension == "duration" and _RANGE_NAME.match(after_unit):
        return True  # 15分钟社区生活圈, 1小时通勤圈: names of service ranges
    if unit == "年" and after_unit.startswith("代"):
        return True  # 五六十年代, 90年代: decades, no duration
    last, following = u.surface[-1], after_unit[:1]
    return last.isascii() and last.isalpha() and following.isascii() and (following.isalnum() or following == "/")


def _continues(text: str, pos: int) -> bool:
    following = text[pos:pos + 1]
    return bool(following) and ((following.isascii() and following.isalnum()) or following in DIGITS
                                or following in MAGNITUDES)


def _after_falling_word(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip("了为达是")
    return before.endswith(qualifiers().falling_words)
