"""What the words right around a figure say about it: whether it names its own metric, whether it is an
average, a fall, a stock or a flow, and which single year (if any) the passage it stands in speaks of.

Checks that pair figures across sentences or documents rest on this local evidence rather than on the
extracted metric and period strings alone, which are sometimes inherited from a neighbouring figure.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from factcheck.checks.base import CheckContext, per_claim
from factcheck.checks.figures import pairable
from factcheck.checks.same_fact import _plain, stated_plainly
from factcheck.model import Claim

# Words before a rate that make it a fall: 能耗下降2% is −2.
_FALL = regex.compile(r"(下降|降低|减少|回落|下滑|收窄|降幅|减幅|压减|降)[^，。；、增长涨提升高]{0,6}$")
_RISE = regex.compile(r"(增长|增加|提高|提升|上涨|上升|涨幅|增幅|增速|扩大)[^，。；、]{0,6}$")
# A passage about several years: its figures are totals or averages, never one year's.
_MULTI_YEAR = regex.compile(r"(?<![\d〇零一二三四六七八九十])[五5]年|(?<!(?:谋划|编制|擘画|收官|开局|起步)[“\"]?)十[三四五]五(?!”?\s*(?:圆满)?收官)|年均|平均每年"
                            r"|(?:19|20)\d\d\s*[—–\-－~至到]\s*(?:19|20)?\d\d年|这些年|近年来")
_YEAR = regex.compile(r"((?:19|20)\d\d)\s*年(?!代|以来)")
_LAST_YEAR = regex.compile(r"过去一年|过去的一年|刚刚过去的一年|一年来|这一年|去年")
_THIS_YEAR = regex.compile(r"今年")
_ONE_YEAR_RATE = regex.compile(r"比上年|较上年|同比")
_BASE_YEAR = regex.compile(r"(?:比|较|相比|与)\s*((?:19|20)\d\d)\s*年")
_FLOW_WORDS = ("新增", "新建", "新认定", "新培育", "新开工", "新引进", "全年", "当年", "年度")
_STOCK_WORDS = ("稳定在", "保持在", "累计", "总数", "总量", "增至", "现有")
# What may stand between a metric and its second figure: 地区生产总值5.2万亿元、增长5.4%; 产值达3.8万亿元，
# 到2025年力争突破5万亿元.
_CONNECTORS = regex.compile(r"(?:到\s*(?:19|20)\d\d\s*年|力争|确保|争取|努力|达到|达|为|实现|完成|增长|下降|增加|减少|"
                            r"比上年|较上年|同比|稳居全国|位居全国|居全国|高于全国|低于全国|、|，|,|\s|\*)*")
_SCOPE_WORDS = ("扣除", "剔除", "不含", "同口径", "可比口径", "按可比")
# 分别增长5%、6.5%左右: the closing 左右 hedges every figure of the list.
_SHARED_HEDGE = regex.compile(r"^\s*[、和及]\s*\d+(?:\.\d+)?\s*[%％]?\s*左右")
_NUMERAL_NAME = regex.compile(r"^[一二三四五六七八九十两]+[大期次批轮类个项]$")
ANY_YEAR = "any"     # the passage says 比上年/同比: one year's change, whichever year the claim is for
MULTI_YEAR = "multi"


def plain(text: str) -> str:
    return _plain(text)


def spell_plain(claim: Claim) -> str:
    return "".join(claim.text.split()).replace("**", "")


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
    index = ctx.index_of(claim)
    previous = doc.claims[index - 1] if index and doc.claims[index - 1].sentence == claim.sentence else None
    since = max(previous.location.end if previous else 0, claim.location.start - 60)
    if plain(claim.metric_text) in plain(text[since:claim.location.start]):
        return True
    start = max(0, claim.location.start - 50)
    window = text[start:claim.location.start]
    start += max(window.rfind(mark) for mark in "。；！？") + 1  # not at line breaks: PDF text breaks inside figures
    found = text.rfind(claim.metric_text, start, claim.location.start)
    if found < 0 or "其中" in text[found:claim.location.start]:
        return False
    between = [c for c in ctx.document_of(claim).claims
               if found < c.location.start and c.location.end <= claim.location.start]
    if not all(c.metric == claim.metric or c.role in ("rank", "change") for c in between):
        return False
    rest, cursor = [], found + len(claim.metric_text)
    for other in between:
        rest.append(text[cursor:other.location.start])
        cursor = other.location.end
    rest.append(text[cursor:claim.location.start])
    return bool(_CONNECTORS.fullmatch("".join(rest)))


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
    return any(word in before(ctx, claim, 12) for word in ("年均", "平均", "人均增"))


@per_claim
def sign_of(ctx: CheckContext, claim: Claim) -> int:
    """−1 for a rate stated as a fall (能耗下降2%), else 1."""
    if claim.kind != "growth_rate":
        return 1
    words = before(ctx, claim, 14)
    fall, rise = _FALL.search(words), _RISE.search(words)
    return -1 if fall and (not rise or fall.start() > rise.start()) else 1


def signed_bounds(ctx: CheckContext, claim: Claim) -> tuple[Decimal | None, Decimal | None]:
    q = claim.quantity
    if sign_of(ctx, claim) < 0:
        return (-q.high if q.high is not None else None), (-q.low if q.low is not None else None)
    return q.low, q.high


def signed_value(ctx: CheckContext, claim: Claim) -> Decimal | None:
    q = claim.quantity
    value = q.value if q.value is not None else (q.low if q.low is not None else q.high)
    return None if value is None else value * sign_of(ctx, claim)


@per_claim
def aspect_of(ctx: CheckContext, claim: Claim) -> str | None:
    """The claim's aspect, else the one its clause implies (新增 → flow, 稳定在 → stock)."""
    if claim.aspect:
        return claim.aspect
    clause = clause_before(ctx, claim)
    if any(word in clause for word in _FLOW_WORDS):
        return "flow"
    return "stock" if any(word in clause for word in _STOCK_WORDS) else None


def aspects_compatible(ctx: CheckContext, a: Claim, b: Claim) -> bool:
    """A stock and a flow never measure the same thing; an unstated aspect goes with either."""
    return not ({aspect_of(ctx, a), aspect_of(ctx, b)} >= {"stock", "flow"})


def base_year_ok(ctx: CheckContext, claim: Claim, year: int) -> bool:
    """A rate measured against some other base (比2020年增长30%) is not the year's growth."""
    found = _BASE_YEAR.findall(before(ctx, claim, 30))
    return not found or int(found[-1]) == year - 1


@per_claim
def passage_year(ctx: CheckContext, claim: Claim, lines_back: int = 6) -> int | str | None:
    """The year the passage around a figure speaks of, from the nearest marker before it (in its line, else
    in the lines above): a year, ANY_YEAR for 比上年/同比, MULTI_YEAR for 过去五年/十四五/年均, None when
    nothing is said. 去年/过去一年 and 今年 are resolved against the document's date."""
    doc = ctx.document_of(claim).document.text
    written = document_year(ctx, claim)
    line_start = doc.rfind("\n", 0, claim.location.start) + 1
    segments = [doc[line_start:claim.location.start]]
    end = line_start - 1
    for _ in range(lines_back):
        if end <= 0:
            break
        start = doc.rfind("\n", 0, end) + 1
        segments.append(doc[start:end])
        end = start - 1
    for segment in segments:
        markers = [(m.end(), MULTI_YEAR) for m in _MULTI_YEAR.finditer(segment)]
        markers += [(m.end(), int(m.group(1))) for m in _YEAR.finditer(segment)]
        markers += [(m.end(), written - 1 if written else ANY_YEAR) for m in _LAST_YEAR.finditer(segment)]
        markers += [(m.end(), written if written else ANY_YEAR) for m in _THIS_YEAR.finditer(segment)]
        markers += [(m.end(), ANY_YEAR) for m in _ONE_YEAR_RATE.finditer(segment)]
        if markers:
            return max(markers, key=lambda marker: marker[0])[1]
    return None
