"""Explicit change structures inside one sentence, the evidence of the FC3 checks.

Two shapes are read, and nothing looser:
  从/由 (2020年的) A 增至/提高到/降至… (2024年的) B ， 净增/增长/提高… C ， 年均增长 D …
  B ， 比/较 (“十三五”末/2020年) 的 A  增加 C ， 增长 D …
A, B and the stated changes C, D… must be neighbouring claims of one sentence, and the words between
them must be exactly those cue words: a figure whose subject changed in between ("一般公共预算收入从…增长到…，
规上工业增加值年均增长6.5%") is not read as the change of A and B.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from factcheck.checks.base import CheckContext
from factcheck.model.claims import Claim
from factcheck.text.normalize import halfwidth_unemphasized
from factcheck.text.patterns import YEAR_NAMED

# compiled once: regex.match(pattern, …) costs a cache lookup of ~20 µs per call
_HEDGE_THEN_CLAUSE_END = regex.compile(r"^(?:左右|以上|上下)?(?:[，。；、,;：:（(！？]|$)")

_UP_VERBS = ("增至", "增加到", "增加至", "增长到", "增长至", "提高到", "提高至", "提升到", "提升至", "上升到", "上升至",
             "升至", "扩大到", "扩大至")
_DOWN_VERBS = ("降至", "下降到", "下降至", "减少到", "减少至", "降低到", "降低至", "缩小到", "缩小至", "回落到",
               "回落至", "压减到", "压减至", "减至", "压缩到", "压缩至", "缩减到", "缩减至")
_UP_CUES = ("净增加", "净增长", "净增", "增加", "增长", "提高", "提升", "上升", "扩大", "增幅为", "增幅达", "增幅",
            "增长率为", "增速为", "增")
_DOWN_CUES = ("净减少", "净减", "减少", "下降", "降低", "缩小", "回落", "压减", "压缩", "降幅为", "降幅达", "降幅",
              "减")
_AVERAGE = ("年均", "年平均", "平均每年", "每年平均")
_PLAN_END_YEARS = {"十二五": 2015, "十三五": 2020, "十四五": 2025}


def _alternatives(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_TRANSITION = regex.compile(
    rf"^(?P<verb>{_alternatives(_UP_VERBS + _DOWN_VERBS)})"
    rf"(?P<when>\d{{4}}年[^，。；、：\d]{{0,5}}|[^，。；、：\d]{{0,8}})$")
_COMPARED = regex.compile(r"^[，、,]?(?:比|较)(?P<when>\d{4}年[^，。；、：\d]{0,4}|[^，。；、：\d]{0,10})的$")
_CUE = regex.compile(
    rf"^(?P<lead>[，、,]?)(?:累计|共|合计|总共)?(?P<average>{_alternatives(_AVERAGE)})?"
    rf"(?P<verb>{_alternatives(_UP_CUES + _DOWN_CUES)})了?(?:约|为|达|达到)?$")
_FROM = regex.compile(r"[从由](?P<when>[^，。；、：从由]{0,16})$")
_PLAN_END = regex.compile(rf"({'|'.join(_PLAN_END_YEARS)})(?:末|期末)")
_IGNORED = regex.compile(r"[\s*“”\"‘’「」『』]+")
_ASIDE_NOTE = regex.compile(r"（[^（）\d]{0,20}）|\([^()\d]{0,20}\)")  # 比重（常住人口城镇化率）为


@dataclass(frozen=True, slots=True)
class StatedChange:
    """A figure the text gives as the change from A to B: 净增超3000家, 增长33.6%, 年均提升1.2个百分点."""

    claim: Claim
    cue: str          # the cue word as written (净增, 年均增长)
    direction: int    # +1 for 增/提高, −1 for 减/下降
    average: bool     # 年均…: per year over the years between A and B


@dataclass(frozen=True, slots=True)
class Change:
    before: Claim                 # A, the earlier figure
    after: Claim                  # B, the later figure
    verb: str                     # 增至, 提高到, 较…的 (for messages)
    direction: int                # +1, −1, or 0 when only the stated changes say
    years: tuple[int, int] | None  # the years of A and B when the text names both
    subject: str                  # the clause's words before the structure, to recognise real-terms metrics
    stated: tuple[StatedChange, ...]


@lru_cache(maxsize=50_000)  # the same gaps between neighbouring figures are read by several FC3 checks
def plain(text: str) -> str:
    """Text as read for cue words: normalized digits, no spaces, line breaks, emphasis or quotes."""
    return _ASIDE_NOTE.sub("", _IGNORED.sub("", halfwidth_unemphasized(text)))


def ends_clause(ctx: CheckContext, claim: Claim) -> bool:
    """Whether nothing but punctuation follows the figure in its clause: 增加3个省级园区 names what was
    added, so 3个 is not the change of the figures before it, and 占6.5%的土地面积 is a share of land."""
    text = ctx.document_of(claim).document.text
    tail = plain(text[claim.location.end:claim.location.end + 16])
    return _HEDGE_THEN_CLAUSE_END.match(tail) is not None


def changes(ctx: CheckContext) -> Iterator[Change]:
    """Every explicit change structure of every document, in reading order."""
    for doc in ctx.documents:
        for sentence in ctx.sentences(doc):
            claims = sorted(sentence, key=lambda c: c.location.start)
            for i in range(len(claims) - 1):
                change = _read_change(ctx, claims, i)
                if change is not None:
                    yield change


def _read_change(ctx: CheckContext, claims: list[Claim], i: int) -> Change | None:
    first, second = claims[i], claims[i + 1]
    between = plain(ctx.text_between(first, second))
    text = ctx.document_of(first).document.text
    moved = _TRANSITION.match(between)
    if moved:
        opening = _opening(ctx, claims, i, text)
        if opening is None:
            return None
        verb = moved["verb"]
        direction = 1 if verb in _UP_VERBS else -1
        years = _years(opening[0], moved["when"])
        return _with_stated(ctx, claims, i + 1, first, second, verb, direction, years, opening[1])
    compared = _COMPARED.match(between)
    if compared and _same_measure(first, second):
        clause = plain(text[_clause_start(text, first.location.start):first.location.start])
        earlier_year = _year_in(compared["when"])
        later_years = YEAR_NAMED.findall(clause)
        years = (earlier_year, int(later_years[-1])) if earlier_year and len(later_years) == 1 else None
        change = _with_stated(ctx, claims, i + 1, second, first, "较", 0, years, clause)
        assert change is not None  # _same_measure held above
        return change if change.stated else None
    return None


def _opening(ctx: CheckContext, claims: list[Claim], i: int, text: str) -> tuple[str, str] | None:
    """(words between 从/由 and A, the clause's words before 从) when A is opened by 从/由 right before it;
    None when another figure stands between 从 and A (从50%、75%提高至100% is a list)."""
    a = claims[i]
    start = max(a.location.start - 40, _clause_start(text, a.location.start))
    if i and claims[i - 1].location.end > start:
        start = claims[i - 1].location.end
    lead = plain(text[start:a.location.start])
    opened = _FROM.search(lead)
    if opened is None:
        return None
    return opened["when"], lead[:opened.start()]


def _clause_start(text: str, offset: int) -> int:
    """Start of the clause holding offset (after the last ，。；！？ or line start within 80 characters)."""
    floor = max(0, offset - 80)
    for j in range(offset - 1, floor - 1, -1):
        if text[j] in "，。；！？,;\n":
            # a PDF line break inside a sentence is not a clause boundary; a blank line after 。 is
            if text[j] == "\n" and j > 0 and text[j - 1] not in "。；！？\n":
                continue
            return j + 1
    return floor


def _with_stated(ctx: CheckContext, claims: list[Claim], last: int, before: Claim, after: Claim, verb: str,
                 direction: int, years: tuple[int, int] | None, subject: str) -> Change | None:
    if not _same_measure(before, after):
        return None
    stated: list[StatedChange] = []
    previous = claims[last]
    for claim in claims[last + 1:]:
        cue = _CUE.match(plain(ctx.text_between(previous, claim)))
        if cue is None or (not stated and verb != "较" and not cue["lead"]) or not ends_clause(ctx, claim):
            break
        word = cue["verb"]
        stated.append(StatedChange(claim, (cue["average"] or "") + word,
                                   1 if word in _UP_CUES else -1, cue["average"] is not None))
        previous = claim
    if years is not None and years[1] <= years[0]:
        years = None
    return Change(before, after, verb, direction, years, subject + "".join(
        c.metric_text or "" for c in (before, after)), tuple(stated))


def _same_measure(a: Claim, b: Claim) -> bool:
    qa, qb = a.quantity, b.quantity
    return qa.unit == qb.unit and qa.dimension == qb.dimension and qa.dimension not in ("rank", "other")


def _years(first: str, second: str) -> tuple[int, int] | None:
    a, b = _year_in(first), _year_in(second)
    return (a, b) if a and b else None


def _year_in(words: str) -> int | None:
    found = YEAR_NAMED.findall(words)
    if len(found) == 1:
        return int(found[0])
    plan = _PLAN_END.search(words)
    return _PLAN_END_YEARS[plan[1]] if plan and not found else None
