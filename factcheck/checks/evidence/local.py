"""What the words right around a figure say about it: whether it names its own metric, whether it is an
average, a fall, a stock or a flow, and which single year (if any) the passage it stands in speaks of.

Checks that pair figures across sentences or documents rest on this local evidence rather than on the
extracted metric and period strings alone, which are sometimes inherited from a neighbouring figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

import regex

from factcheck.checks.base import CheckContext, per_claim
from factcheck.checks.evidence.figures import pairable
from factcheck.checks.same_fact import stated_plainly
from factcheck.extract import attributes
from factcheck.model.claims import Claim
from factcheck.text import patterns
from factcheck.text.patterns import SENTENCE_END, YEAR_NAMED

# Words before a rate that make it a fall: 能耗下降2% is −2.
_FALL = regex.compile(r"(下降|降低|减少|回落|下滑|收窄|降幅|减幅|压减|降)[^，。；、增长涨提升高]{0,6}$")
_RISE = regex.compile(r"(增长|增加|提高|提升|上涨|上升|涨幅|增幅|增速|扩大)[^，。；、]{0,6}$")
# A passage about several years: its figures are totals or averages, never one year's.
_MULTI_YEAR = regex.compile(r"(?<![\d〇零一二三四六七八九十])[五5]年"
                            r"|(?<!(?:谋划|编制|擘画|收官|开局|起步)[“\"]?)十[三四五]五(?!”?\s*(?:圆满)?收官)|年均|平均每年"
                            r"|(?:19|20)\d\d\s*[—–\-－~至到]\s*(?:19|20)?\d\d年|这些年|近年来")
_LAST_YEAR = regex.compile(r"过去一年|过去的一年|刚刚过去的一年|一年来|这一年|去年")
_THIS_YEAR = regex.compile(r"今年")
_ONE_YEAR_RATE = regex.compile(r"比上年|较上年|同比")
_BASE_YEAR = regex.compile(r"(?:比|较|相比|与)\s*((?:19|20)\d\d)\s*年")
# What may stand between a metric and its second figure: 地区生产总值5.2万亿元、增长5.4%; 产值达3.8万亿元，
# 到2025年力争突破5万亿元.
_CONNECTORS = regex.compile(r"(?:到\s*(?:19|20)\d\d\s*年|力争|确保|争取|努力|达到|达|为|实现|完成|增长|下降|增加|减少|"
                            r"(?:提高|提升|增长|增加)(?:到|至)|增至|"
                            r"比上年|较上年|同比|稳居全国|位居全国|居全国|高于全国|低于全国|、|，|,|\s|\*)*")
_SCOPE_WORDS = ("扣除", "剔除", "不含", "同口径", "可比口径", "按可比")
# 分别增长5%、6.5%左右: the closing 左右 hedges every figure of the list.
_SHARED_HEDGE = regex.compile(r"^\s*[、和及]\s*\d+(?:\.\d+)?\s*[%％]?\s*左右")
_NUMERAL_NAME = regex.compile(r"^[一二三四五六七八九十两]+[大期次批轮类个项]$")
ANY_YEAR = "any"     # the passage says 比上年/同比: one year's change, whichever year the claim is for
MULTI_YEAR = "multi"


# re's \s is exactly str.isspace() (regex's leaves out \x1c-\x1f)
_NOT_PLAIN = re.compile(r"[\s*“”\"‘’'「」]")


def plain(text: str) -> str:
    """text without white space, emphasis and quotes."""
    return _NOT_PLAIN.sub("", text)


def spell_plain(claim: Claim) -> str:
    return "".join(claim.text.split()).replace("**", "")


@per_claim
def before(ctx: CheckContext, claim: Claim, width: int) -> str:
    text = ctx.document_of(claim).document.text
    return plain(text[max(0, claim.location.start - width):claim.location.start])


@per_claim(persist=False)
def clause_before(ctx: CheckContext, claim: Claim) -> str:
    """The words from the start of the figure's clause up to the figure."""
    text = ctx.document_of(claim).document.text
    window = text[max(0, claim.location.start - 60):claim.location.start]
    cut = max(window.rfind(mark) for mark in "，。；：、,;:！？")
    return plain(window[cut + 1:])


@per_claim(persist=False)
def sentence_before(ctx: CheckContext, claim: Claim) -> str:
    window = before(ctx, claim, 400)
    return window[max(window.rfind(mark) for mark in "。！？\n") + 1:]


def after(ctx: CheckContext, claim: Claim, width: int) -> str:
    text = ctx.document_of(claim).document.text
    return text[claim.location.end:claim.location.end + width]


@per_claim
def scoped(ctx: CheckContext, claim: Claim) -> bool:
    """A figure of a narrower or adjusted scope (扣除房地产开发投资后, 同口径增长): not the headline figure."""
    aside = after(ctx, claim, 16)
    window = before(ctx, claim, 24)
    window = window[max(window.rfind(mark) for mark in "。；）)") + 1:]
    return (any(word in window for word in _SCOPE_WORDS)
            or aside[:1] in "（(" and any(word in aside for word in _SCOPE_WORDS))


@per_claim
def qualifier_of(ctx: CheckContext, claim: Claim) -> str:
    """The claim's qualifier, reading a 左右 that closes a list as hedging the plain figures before it."""
    q = claim.quantity.qualifier
    return "approx" if q == "exact_rounded" and _SHARED_HEDGE.match(after(ctx, claim, 16)) else q


def year_of(period: str | None) -> int | None:
    return int(period) if period and period.isdigit() else None


def document_year(ctx: CheckContext, claim: Claim) -> int | None:
    date = ctx.document_of(claim).document.date
    return int(date[:4]) if date else None


@per_claim
def comparable(ctx: CheckContext, claim: Claim, metric_before: bool = False) -> bool:
    """A figure specific enough to pair across sentences: a named, non-generic metric it states itself (before
    the figure when metric_before: 吸引超2万名高校毕业生到粤东… counts only some graduates), not an average,
    not a numeral naming a thing (六大, 八个方面)."""
    if (not pairable(claim) or _NUMERAL_NAME.match(spell_plain(claim)) or is_average(ctx, claim)
            or scoped(ctx, claim)):
        return False
    if metric_before:
        return names_metric_before(ctx, claim)
    return stated_plainly(ctx, claim) or names_metric_before(ctx, claim)


@per_claim
def names_metric_before(ctx: CheckContext, claim: Claim) -> bool:
    """The metric's words stand shortly before the figure in its sentence, with nothing between but figures
    of the same metric and connecting words (地区生产总值5.2万亿元、增长5.4%)."""
    if not claim.metric_text:
        return False
    doc = ctx.document_of(claim)
    text = doc.document.text
    previous = ctx.previous_claim(claim)
    previous = previous if previous is not None and previous.sentence == claim.sentence else None
    since = max(previous.location.end if previous else 0, claim.location.start - 60)
    if plain(claim.metric_text) in plain(text[since:claim.location.start]):
        return True
    if _named_by_list(ctx, claim) or _named_in_parts(ctx, claim):
        return True
    start = max(0, claim.location.start - 50)
    window = text[start:claim.location.start]
    start += max(window.rfind(mark) for mark in "。；！？") + 1  # not at line breaks: PDF text breaks inside figures
    found = text.rfind(claim.metric_text, start, claim.location.start)
    if found < 0 or "其中" in text[found:claim.location.start]:
        return False
    between = ctx.claims_within(doc, found, claim.location.start)
    if not all(c.metric == claim.metric or c.role in ("rank", "change") for c in between):
        return False
    rest, cursor = [], found + len(claim.metric_text)
    for other in between:
        rest.append(text[cursor:other.location.start])
        cursor = other.location.end
    rest.append(text[cursor:claim.location.start])
    return bool(_CONNECTORS.fullmatch("".join(rest)))


def _named_in_parts(ctx: CheckContext, claim: Claim) -> bool:
    """A metric named in two parts of its sentence: its measure ending the figure's clause and what it measures
    before it (规模以上工业企业达7.6万家、增加值增长3%; 农牧区劳动力实现转移就业112万人次)."""
    metric = plain(claim.metric_text or "")
    clause = clause_before(ctx, claim)
    if len(metric) < 4 or not clause:
        return False
    for cut in range(1, len(metric) - 1):
        measure = metric[cut:]
        at = clause.rfind(measure)
        if at == -1:
            continue
        if len(clause) - at - len(measure) > 4:
            return False  # the measure must end the clause (a verb such as 增长 may follow)
        words = sentence_before(ctx, claim)
        return len(metric[:cut]) >= 2 and metric[:cut] in words[:len(words) - len(clause) + at]
    return False


_LIST_TAIL = regex.compile(r"[^，,。；;：:！？]*")


def _named_by_list(ctx: CheckContext, claim: Claim) -> bool:
    """A value of a 分别 list whose names stand before 分别 in the same clause: 城镇、农村居民人均可支配收入分别增长5%、
    6.5%左右 names 农村居民人均可支配收入 for 6.5%, and 城乡居民人均可支配收入分别增长8%和10% names 城镇… for 8%
    (the names share the metric's head, at least four characters of it)."""
    words = sentence_before(ctx, claim)
    at = words.rfind("分别")
    if at == -1 or not _LIST_TAIL.fullmatch(words, at):
        return False
    names = words[:at]
    names = names[max(names.rfind(mark) for mark in "，,；;：:") + 1:]
    metric = plain(claim.metric_text or "")
    if len(metric) < 4 or not names:
        return False
    if metric in names:
        return True
    shared = 0
    while shared < min(len(metric), len(names)) and metric[-1 - shared] == names[-1 - shared]:
        shared += 1
    return shared >= 4


@per_claim
def fits_document(ctx: CheckContext, claim: Claim) -> bool:
    """The claim's region lies within its document's region (a 内蒙古 report's 至江西 is a route, not a subject);
    only such claims are paired across documents."""
    return region_fits(ctx.gazetteer, claim.region_code, ctx.document_of(claim).document.region_code)


def region_fits(gazetteer, claim_code: str | None, document_code: str | None) -> bool:
    """fits_document on codes alone (focus runs ask it of claims not yet in a context)."""
    if document_code is None or claim_code is None:
        return True
    inner, outer = gazetteer.get(claim_code), gazetteer.get(document_code)
    return inner is None or outer is None or gazetteer.is_within(inner, outer)


@per_claim
def is_average(ctx: CheckContext, claim: Claim) -> bool:
    """年均增长5%, 平均每年: not one year's figure. The year's unemployment rate is by definition the average of its
    months (城镇调查失业率平均为4.2% is the year's rate)."""
    window = before(ctx, claim, 12)
    if "失业率平均" in window and "年均" not in window:
        return False
    return any(word in window for word in ("年均", "平均", "人均增"))


@per_claim
def sign_of(ctx: CheckContext, claim: Claim) -> int:
    """−1 for a rate stated as a fall (能耗下降2%), else 1."""
    if claim.kind != "growth_rate":
        return 1
    return -1 if falls(before(ctx, claim, 14)) else 1


def falls(words: str) -> bool:
    """Whether the words just before a rate make it a fall (能耗下降 …), read as sign_of reads them."""
    fall, rise = _FALL.search(words), _RISE.search(words)
    return bool(fall and (not rise or fall.start() > rise.start()))


def signed_bounds(ctx: CheckContext, claim: Claim) -> tuple[Decimal | None, Decimal | None]:
    q = claim.quantity
    if sign_of(ctx, claim) < 0:
        return (-q.high if q.high is not None else None), (-q.low if q.low is not None else None)
    return q.low, q.high


def signed_value(ctx: CheckContext, claim: Claim) -> Decimal | None:
    """The figure as one signed number: its value, a range's low end (a range target is met at its low end);
    None for a vague magnitude (数十亿元 is no one number to set a target or a rate by)."""
    q = claim.quantity
    if q.qualifier == "vague":
        return None
    value = q.value if q.value is not None else (q.low if q.low is not None else q.high)
    return None if value is None else value * sign_of(ctx, claim)


@per_claim
def aspect_of(ctx: CheckContext, claim: Claim) -> str | None:
    """The claim's aspect, else the one its clause implies (新增 → flow, 稳定在 → stock), read as extraction reads
    it (rules/cues.toml [aspect]) for figures of any kind."""
    if claim.aspect:
        return claim.aspect
    return attributes.clause_aspect(clause_before(ctx, claim))


def aspects_compatible(ctx: CheckContext, a: Claim, b: Claim) -> bool:
    """A stock and a flow never measure the same thing; an unstated aspect goes with either."""
    return not ({aspect_of(ctx, a), aspect_of(ctx, b)} >= {"stock", "flow"})


@per_claim
def base_year_ok(ctx: CheckContext, claim: Claim, year: int) -> bool:
    """A rate measured against some other base (比2020年增长30%) is not the year's growth."""
    found = _BASE_YEAR.findall(before(ctx, claim, 30))
    return not found or int(found[-1]) == year - 1


@per_claim
def passage_year(ctx: CheckContext, claim: Claim) -> int | str | None:
    """The year the passage around a figure speaks of: a year, ANY_YEAR for 比上年/同比, MULTI_YEAR for 过去五年/
    十四五/年均, None when nothing is said. 去年/过去一年 and 今年 are resolved against the document's date.

    The nearest marker before the figure in its own paragraph decides; else the passage the paragraph stands
    in: the year the opening of the last paragraph that names one sets (2025年是…, 过去一年，…, 这五年，…, a
    heading such as 一、2025年工作回顾), back to the start of its top-level section. A year named deep inside an
    earlier paragraph (…近3年年均增速…, 2026年将…) speaks for its own sentence, not for the paragraphs after it.
    A work report's top-level section reviewing past work (一、工作回顾) is about the year before it was
    delivered, until a paragraph says otherwise."""
    doc = ctx.document_of(claim)
    line_start = claim.location.start - claim.location.column + 1
    ends, values = _line_markers(ctx, doc, line_start, document_year(ctx, claim))
    at = bisect_right(ends, claim.location.start)
    if at:
        return values[at - 1]
    starts, carried = _passages(ctx, doc)
    i = bisect_right(starts, line_start) - 1  # this paragraph's index; the state the paragraphs before it set
    return carried[i - 1] if i > 0 else None


def _line_markers(ctx: CheckContext, doc, line_start: int, written: int | None) -> tuple[list[int], list]:
    """The year markers of the line starting at line_start, read once per line (a claim's scan of its line up
    to itself made a line of a megabyte quadratic): their end offsets in the text, ascending, and the value
    of the marker that ends at each, the earliest kind first (_year_markers' order) where two end together."""
    table = ctx.memo.setdefault(("year-markers", doc.document.path), {})
    found = table.get(line_start)
    if found is None:
        text = doc.document.text
        line_end = text.find("\n", line_start)
        best: dict[int, int | str] = {}
        for end, value in _year_markers(text[line_start:len(text) if line_end == -1 else line_end], written):
            best.setdefault(line_start + end, value)
        ends = sorted(best)
        found = table[line_start] = (ends, [best[e] for e in ends])
    return found


def _year_markers(segment: str, written: int | None) -> list[tuple[int, int | str]]:
    markers: list[tuple[int, int | str]] = [(m.end(), MULTI_YEAR) for m in _MULTI_YEAR.finditer(segment)]
    markers += [(m.end(), int(m.group(1))) for m in YEAR_NAMED.finditer(segment)]
    markers += [(m.end(), written - 1 if written else ANY_YEAR) for m in _LAST_YEAR.finditer(segment)]
    markers += [(m.end(), written if written else ANY_YEAR) for m in _THIS_YEAR.finditer(segment)]
    markers += [(m.end(), ANY_YEAR) for m in _ONE_YEAR_RATE.finditer(segment)]
    return markers


# The opening of a paragraph, where it says what it is about: its first sentence, after a salutation.
_SALUTATION = regex.compile(r"^\s*(?:——|各位代表[！!，,]|同志们[！!，,])\s*")
_OPENING_WIDTH = 60
_NOT_THE_PASSAGE = ("比", "较", "与", "同", "从", "自", "到", "至", "于")  # 比2020年, 到2027年: not what it is about


def _opening_year(line: str, written: int | None) -> int | str | None:
    """The year a paragraph's opening names first, its subject (2025年是“十四五”收官之年 is about 2025; “十四五”时期和
    2025年工作回顾 opens with the five years): a year, MULTI_YEAR for a span, or None when it names none."""
    line = _SALUTATION.sub("", line, count=1)
    end = SENTENCE_END.search(line, 0, _OPENING_WIDTH)
    opening = line[:end.start() if end else _OPENING_WIDTH]
    for at, value in sorted(_year_markers(opening, written), key=lambda marker: marker[0]):
        if value == ANY_YEAR:
            continue  # 同比, or 去年 in an undated text: nothing about the passage
        if isinstance(value, int):
            found = opening.rfind(f"{value}", 0, at)
            if found > 0 and opening[found - 1] in _NOT_THE_PASSAGE:
                continue
        return value
    return None


def _passages(ctx: CheckContext, doc) -> tuple[list[int], list[int | str | None]]:
    """Paragraph start offsets of a document, and for each the passage year in force after it: set by each
    paragraph whose opening names a year, reset at each top-level heading (to the heading's year, or to the
    year before delivery for a work report's review section, else to nothing)."""
    key = ("passages", doc.document.path)
    if key in ctx.memo:
        return ctx.memo[key]
    # lazy: the text's structure, which a cached run never reads (docs/scaling.md)
    from factcheck.text.structure import find_headings

    text = doc.document.text
    date = doc.document.date
    written = int(date[:4]) if date else None
    review_year = written - 1 if written and "工作报告" in text[:300] else None
    tops = {h.start for h in find_headings(text) if h.level == 1}
    starts: list[int] = []
    carried: list[int | str | None] = []
    state: int | str | None = None
    pos = 0
    for line in text.split("\n"):
        value = _opening_year(line, written)
        if pos in tops:
            state = value if value is not None else review_year if patterns.REVIEW.search(line) else None
        elif value is not None:
            state = value
        starts.append(pos)
        carried.append(state)
        pos += len(line) + 1
    ctx.memo[key] = (starts, carried)
    return starts, carried
