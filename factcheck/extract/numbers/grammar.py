"""The number grammar: find every figure in normalized text and read it as a hedged interval.

Written on `regex` because general-purpose converters misread years, plan names, 百分点 and 超/近 hedges.
Each match is read in three steps: the regex finds a candidate (hedge, numeral, magnitude, unit, hedge),
`_read` decides whether it is a quantity at all (years, dates, code names, list markers, 5G … are not),
and `merge_ranges` (factcheck.extract.numbers.ranges) joins "5.0%—5.5%", "3至5年" and "三至五亿元" into one
range. A numeral with its magnitude and unit is read by factcheck.extract.numbers.plain.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache

import regex

from factcheck.extract.numbers.intervals import Candidate as _Candidate
from factcheck.extract.numbers.intervals import NumberMention, mention_of
from factcheck.extract.numbers.numerals import MAGNITUDES, parse_chinese, parse_pair, parse_vague, read_numeral
from factcheck.extract.numbers.plain import LEAD_ENDS, lead_of, read_plain
from factcheck.extract.numbers.ranges import merge_ranges
from factcheck.vocab.data import Hedge, alternation, contextual_units, qualifiers, units

CN_NUMERALS = "〇零一二两三四五六七八九十百千万亿"
_CAPITAL_NUMERALS = "壹贰叁肆伍陆柒捌玖拾佰仟"  # financial writing: 贰拾伍万元
HAS_NUMERAL = regex.compile(rf"[0-9{CN_NUMERALS}]")
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?"
# 三点五, 〇点五, 十二点零五: a Chinese decimal, its fraction written digit by digit after 点. A 千 that opens 千克,
# 千米 or 千瓦 belongs to the unit (三十五千克, 二百千瓦), not to the numeral.
# 几 runs with the numerals (十几, 几十万, 二十几): such a numeral is a vague magnitude
# (factcheck.extract.numbers.plain).
_CNUM = (rf"[{CN_NUMERALS}{_CAPITAL_NUMERALS}几]+(?:(?<=千)(?![克米瓦])|(?<!千))"
         r"(?:点[〇零一二三四五六七八九]+)?")
# 3万2千5百, 1亿2千万: Arabic digits with Chinese place words, one figure
_MIXED = r"\d++(?:万亿|亿|万)(?:\d+(?:千万|百万|十万|万)|[1-9][千百十](?![万亿]))+"
# 数十亿, 数万: vague magnitudes (几十万 and 十几 are numeral runs)
_VAGUE = r"数(?:[十百千](?:万亿|亿|万)?|万亿|亿|万)"
_MAG = r"万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千|百"
_BARE_NEEDS_HEDGE = {"亿", "万", "千", "百"}
_SIZE_UNITS = ("元", "美元", "吨", "千瓦", "千瓦时", "公里", "平方公里", "亩", "公顷", "立方米", "标准箱")
# what may stand after a slash to make a compound unit: 元/吨, 部/百人
_PER = ("人", "人次", "户", "月", "年", "日", "天", "亩", "桶", "次", "件", "台", "辆", "床", "吨", "公斤", "斤",
        "千克", "平方米", "立方米", "千瓦时", "度", "小时", "公里", "张", "个", "家", "套")
_ROUND_HALF = Decimal("0.5")
_SEPARATED_HEDGE = regex.compile(r"(超过|超出|逾|将近|接近|近|不到|不足)(?:全球|全国|全省|全市|全区|世界)$")


@cache
def _pattern() -> regex.Pattern:
    q = qualifiers()
    before = alternation(q.before)
    after = alternation(q.after)
    inside = alternation(q.inside)
    unit_alt = alternation(set(units()) | set(contextual_units()))
    size_units = alternation(_SIZE_UNITS)
    per_alt = alternation(_PER)
    digit = "[0-9一二三四五六七八九]"
    return regex.compile(
        rf"""
        (?P<pre>{before})?
        (?:
            (?P<pct>百分之|千分之|百分(?=[一二两三四五六七八九十百]))(?P<pct_num>{_VAGUE}|{_ARABIC}|{_CNUM})
          | (?P<den>{_CNUM}|\d+)分之(?P<numer>{_CNUM}|\d+)(?P<frac_unit>倍)?
            (?P<frac_hedge>[强弱](?=[，。；、,;）)的\n]|$))?
          | (?<![\d/.])(?P<fa>\d+)/(?P<fb>\d+)(?![\d/])
          | 第(?P<ord>\d+|[一二三四五六七八九十百]+)(?P<ord_unit>位|名)?
          | 翻了?(?P<fan>一|两|二|三|四)?番 | (?P<double>倍增)
          | (?P<half>一半|半数)
          | (?<![第统{CN_NUMERALS}])(?P<big>[二两三四五六七八九])大(?![会])
          | (?<![\d.,%])(?P<num>{_MIXED}|{_ARABIC}|{_VAGUE}|{_CNUM})
            (?: (?P<ge_half>个半)(?P<half_unit>小时|钟头|月)
              | 个(?P<ge_more>多)(?P<more_unit>百分点|千分点|小时|月)
              | (?P<unit_direct>{unit_alt})
              | (?P<mag>{_MAG})?(?P<inside>{inside})?(?P<mag2>(?<=[多余])(?:亿|万))?(?P<unit>{unit_alt})? )
            (?P<and_half>(?<=[成年天倍周]|小时)半(?![载径岛导]))?
            (?P<per>/(?:百|千|万)?(?:{per_alt}))?
            (?P<jiao>(?<=元){digit}[角毛])?(?P<fen>(?<=[元角毛]){digit}分(?![钟]))?
            (?P<zheng>(?<=[元角分])整(?=[，。；、,;）)\n]|$))?
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
    # a phrase ending in a numeral is the whole numeral or nothing: 二百五 is a name, 二百五十家 a figure
    phrases = qualifiers().nonquantity_phrases
    ending = [p for p in phrases if p[-1] in CN_NUMERALS]
    return regex.compile(rf"{alternation(set(phrases) - set(ending))}|(?:{alternation(ending)})(?![{CN_NUMERALS}\d])")


# Beyond these a figure is no figure a report states (the world's output is some 10^15 元): a run of digits
# from a broken file, or a test of the reader. Skipped: its interval would need more precision than a
# Decimal context has, and a wrong value is worse than a miss.
MAX_MAGNITUDE = Decimal(10) ** 20


def sane(value: Decimal | None) -> bool:
    """A value the intervals and the checks' arithmetic can hold (a quotient such as 4/3 has all of a
    context's digits, and is fine: MAX_DIGITS bounds the numerals as written, in numerals.read_numeral)."""
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
    merged = merge_ranges(text, candidates)
    return [mention for c in merged if (mention := mention_of(text, c)) is not None and _sane_mention(mention)]


def _sane_mention(mention: NumberMention) -> bool:
    """The figure as read is one the intervals can hold (a range's ends, or its value), whatever path read it."""
    q = mention.quantity
    return sane(q.value) if q.value is not None else sane(q.low) and sane(q.high)


def _blocked_offsets(text: str) -> set[int]:
    blocked: set[int] = set()
    for m in _nonquantity_pattern().finditer(text):
        blocked.update(range(m.start(), m.end()))
    return blocked


_LONE = frozenset(CN_NUMERALS + _CAPITAL_NUMERALS + "几")
_JOINER_CHARS = frozenset("至到—-~～〜–")


def _read(text: str, m: regex.Match, blocked: set[int]) -> _Candidate | None:
    start, end = m.span()
    if (end - start == 1 and text[start] in _LONE and text[end:end + 1] not in _JOINER_CHARS
            and text[start - 1:start] not in _JOINER_CHARS):
        return None  # 一体化, 统一, 进一步: a lone Chinese numeral with nothing after it (most matches; tested cheaply)
    q = qualifiers()
    g = _groups(m)
    pre, post = g["pre"], g["post"]
    core_start = m.start() + len(pre) if pre else m.start()  # pre opens the match
    if core_start in blocked:
        return None
    start = m.start()
    hedge_word, hedge = None, None
    if pre:
        if start > 0 and text[start - 1] in q.word_parts.get(pre, ""):
            start = core_start  # 节约12度电, 以上3个行业: the word is no hedge
        else:
            hedge_word, hedge = pre, q.before[pre]
    g["cur"] = g["neg"] = None
    if not pre and (g["num"] is not None or g["pct"]) and text[core_start - 1:core_start] in LEAD_ENDS:
        # a currency word or sign written before the figure (人民币50亿元, 同比负1.2%, 零下十五度), and a hedge before
        # those (约人民币50亿元)
        g["cur"], g["neg"], lead = lead_of(text, core_start, g["num"] is not None)
        if lead < core_start:
            start = core_start = lead
            hedged = _hedge_ending_at(text, lead)
            if hedged:
                start, hedge_word, hedge = lead - len(hedged), hedged, q.before[hedged]
    end = m.end()
    core_end = end - len(post) if post else end  # post closes it

    def candidate(kind, base, half, unit, dimension, inside=None, **fields):
        nonlocal hedge_word, hedge
        if inside:
            hedge_word, hedge = inside, q.inside[inside]
        elif post:
            hedge_word, hedge = post, q.after[post]
        return _Candidate(start, end, core_start, core_end, kind, base, half, unit, dimension, hedge_word, hedge,
                          **fields)

    if g["num"] is not None:
        return read_plain(text, m, g, _group_index(), candidate, core_start)
    if g["pct"]:
        return _percent(g, candidate)
    if g["den"]:
        return _fraction(text, start, g, candidate)
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
        return _Candidate(start, end, core_start, core_end, "vague", None, Decimal(0), "位", "rank", None, None)
    if g["half"]:
        c = candidate("fixed", Decimal("0.5"), Decimal(0), None, "ratio")
        hedged = _SEPARATED_HEDGE.search(text, max(0, start - 8), start) if c.hedge is None else None
        if hedged:  # 超过全球一半: the hedge stands before the whole the half is of
            c = replace(c, hedge_word=hedged.group(1), hedge=q.before[hedged.group(1)])
        return c
    if g["top"]:
        parsed = read_numeral(g["top"])
        if parsed is None:
            return None
        return _Candidate(start, end, core_start, core_end, "number", parsed[0], Decimal(0), "位", "rank",
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
    return None


def _hedge_ending_at(text: str, pos: int) -> str | None:
    q = qualifiers()
    for word in _hedges_longest_first():
        at = pos - len(word)
        if at >= 0 and text.startswith(word, at) and not (at > 0 and text[at - 1] in q.word_parts.get(word, "")):
            return word
    return None


@cache
def _hedges_longest_first() -> tuple[str, ...]:
    return tuple(sorted(qualifiers().before, key=len, reverse=True))


def _percent(g, candidate) -> _Candidate | None:
    """百分之五, 千分之三点五, 负百分之七, 百分之五六 (5 to 6%), 百分之十几 ([11, 20)%), 百分之百 (all of it)."""
    raw = g["pct_num"]
    unit, dimension = ("‰", "permille") if g["pct"] == "千分之" else ("%", "percent")  # 百分三十: 百分之三十
    sign = -1 if g["neg"] and g["neg"] != "+" else 1
    vague = parse_vague(raw) if not raw[0].isdigit() else None
    pair = parse_pair(raw) if vague is None and not raw[0].isdigit() else None
    if vague or pair:
        if sign < 0:
            return None
        bounds = vague or pair
        assert bounds is not None  # one of the two was read
        return candidate("vague" if vague else "range", bounds[0], bounds[1], unit, dimension)
    if raw == "百" and unit == "%":
        return candidate("fixed", Decimal(100), Decimal(0), unit, dimension)  # 百分之百覆盖: complete
    parsed = read_numeral(raw, allow_bare=True)
    if parsed is None:
        return None
    value, place = parsed
    return candidate("number", sign * value, place * _ROUND_HALF, unit, dimension, numeral=sign * value)


_WHOLE_BEFORE = regex.compile(rf"(?<![\d{CN_NUMERALS}])({_CNUM}|\d+)又$")


def _fraction(text, start, g, candidate) -> _Candidate | None:
    """八分之一, 万分之五, 三又三分之二倍 (3 + 2/3), 三分之一强 (a little over a third)."""
    den, numer = read_numeral(g["den"], allow_bare=True), read_numeral(g["numer"])
    if not den or not numer or den[0] == 0:
        return None
    mixed = _WHOLE_BEFORE.search(text, max(0, start - 12), start) if start and text[start - 1] == "又" else None
    whole = read_numeral(mixed.group(1)) if mixed else (Decimal(0), Decimal(1))
    if whole is None:
        return None
    value = whole[0] + numer[0] / den[0]
    unit, dimension = ("倍", "multiple") if g["frac_unit"] else (None, "ratio")
    c = candidate("fixed", value, Decimal(0), unit, dimension)
    if mixed:
        c = replace(c, start=mixed.start(), core_start=mixed.start())
    if g["frac_hedge"] and c.hedge is None:
        kind = "lower" if g["frac_hedge"] == "强" else "upper"
        c = replace(c, hedge_word=g["frac_hedge"], hedge=Hedge(kind, True))
    return c


def _bare_magnitude(text, m, g, candidate) -> _Candidate | None:
    """千万元, 百亿元以上, 逾百亿元, 超百万, 万亿级: a magnitude word standing alone as the figure."""
    scale = Decimal(MAGNITUDES[g["bare"]])
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


def _rank(text, m, g, candidate) -> _Candidate | None:
    q = qualifiers()
    parsed = read_numeral(g["ord"])
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
