"""Which claims a newsroom's declarations speak of, and as what: the claims that state a figure of their own
region, metric and period plainly enough to hold them to a confirmed figure or a declared relation.

A claim is held to a declaration only when the evidence around it is as good as the evidence the target
checks ask of an outcome (factcheck.checks.evidence.target_matching): not a target, a specific metric named
right at the figure (before it, for a level), not an average or a figure of a narrower scope, a region
within its document's, and a period its passage speaks of (比2020年增长30% is no year's growth). A wrong
claim missed costs less than a right one flagged: an editor who sees a confirmed figure contradicted by a
figure that was about something else stops trusting the registry."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from factcheck.checks.base import CheckContext, per_claim
from factcheck.checks.evidence.declared_terms import level_kind, national_name, signed
from factcheck.checks.evidence.figures import all_overlap, pairable, spell
from factcheck.checks.evidence.local import (
    ANY_YEAR,
    MULTI_YEAR,
    aspect_of,
    base_year_ok,
    clause_before,
    comparable,
    fits_document,
    names_metric_before,
    passage_year,
    sign_of,
    year_of,
)
from factcheck.checks.same_fact import stated_plainly
from factcheck.model.claims import Claim, Quantity
from factcheck.text.structure import PARAGRAPH_WINDOW, span_start


@dataclass(frozen=True, slots=True)
class Stated:
    """A claim as a declaration reads it: its kind (a 增加值 level is a level), its signed interval, its aspect."""

    claim: Claim
    metric: str | None   # the claim's, named for the country when it is the country's (declared_terms.national_name)
    kind: str
    quantity: Quantity
    aspect: str | None
    at: int = 0  # its place among the run's stated figures: reading order across documents

    @property
    def key(self) -> tuple:
        c, q = self.claim, self.quantity
        return (c.region_code, self.metric, c.period, self.kind, q.unit, q.dimension)


def stated(ctx: CheckContext, claim: Claim, at: int = 0) -> Stated:
    """The claim as declarations read it, whatever its evidence (bounds hold targets and rough figures too)."""
    kind = level_kind(claim.kind, claim.quantity.dimension, clause_before(ctx, claim))
    return Stated(claim, national_name(claim.metric, claim.region_code), kind,
                  signed(claim.quantity, sign_of(ctx, claim)), aspect_of(ctx, claim), at)


@per_claim
def states_its_figure(ctx: CheckContext, claim: Claim) -> bool:
    """Whether the claim states its region's figure of its metric for its period, plainly enough to be held to
    a confirmed figure or a declared relation (the module's docstring says what that asks)."""
    if claim.role == "target" or claim.period is None or not pairable(claim):
        return False
    assert claim.metric is not None  # pairable() asks for a metric
    if "、" in claim.metric:
        return False  # (新一代信息技术、高端装备产业增加值 names a list, not one metric)
    if not (comparable(ctx, claim, metric_before=claim.kind == "actual") and fits_document(ctx, claim)):
        return False
    year = year_of(claim.period)
    if year is None:  # a span (2021-2025): only when the text names it
        return claim.period_source in ("text", "note")
    if claim.kind == "growth_rate" and not base_year_ok(ctx, claim, year):
        return False
    found = passage_year(ctx, claim)
    if found in (year, ANY_YEAR) or found == year - 1 and _compared_with(ctx, claim, found):
        return True
    if claim.period_source not in ("text", "note"):
        return False
    # a passage that says nothing of years; or one about several (十四五以来…) whose figures a note dates
    # (以上数据均截至2024年底): a level as of then, unless the words make it a flow over the span
    return found is None or (found == MULTI_YEAR and claim.period_source == "note" and claim.kind == "actual"
                             and aspect_of(ctx, claim) != "flow")


_LAST_YEAR_NAMED = re.compile(r"((?:比|较|相比|与)\s*)?((?:19|20)\d\d)\s*年(?!代|以来)")


def _compared_with(ctx: CheckContext, claim: Claim, year: int) -> bool:
    """Whether the last year named on the claim's line before it is the base of a comparison (年末常住人口…，比2021
    年减少0.14万人。其中，城镇常住人口…): the passage then speaks of the year after it, not of that year."""
    text = ctx.document_of(claim).document.text
    line = text[span_start(text, claim.location.start, "\n", PARAGRAPH_WINDOW):claim.location.start]
    named = list(_LAST_YEAR_NAMED.finditer(line))
    return bool(named) and named[-1].group(1) is not None and int(named[-1].group(2)) == year


@per_claim
def names_its_metric(ctx: CheckContext, claim: Claim) -> bool:
    """Whether the metric's words stand right at the figure (before it, or just after it): what a bounds rule
    asks of any figure it holds, targets and averages included."""
    return stated_plainly(ctx, claim) or names_metric_before(ctx, claim)


def stated_figures(ctx: CheckContext) -> list[Stated]:
    """Every claim of the run that states its figure (states_its_figure), read as declarations read it."""
    return ctx.shared("declared.stated", lambda: [stated(ctx, c, at) for at, c in enumerate(ctx.claims)
                                                  if states_its_figure(ctx, c)])


def unequivocal(ctx: CheckContext) -> list[Stated]:
    """The stated figures no other figure of the same key on the same line contradicts. Two values of one key in
    one paragraph are items of a list, or a whole and a part (超长期特别国债1.3万亿元…其中3000亿元), far more often
    than one fact stated twice: neither is held to a registered figure."""
    def build():
        by_line: dict[tuple, list[Stated]] = defaultdict(list)
        for figure in stated_figures(ctx):
            by_line[(figure.claim.location.path, figure.claim.location.line, figure.key)].append(figure)
        return [f for f in stated_figures(ctx) if all_overlap(
            other.quantity for other in by_line[(f.claim.location.path, f.claim.location.line, f.key)])]

    return ctx.shared("declared.unequivocal", build)


def by_region_and_period(ctx: CheckContext, kinds: tuple[str, ...] = ("actual",)
                         ) -> dict[tuple, dict[str, list[Stated]]]:
    """The stated figures of these kinds by (region code, period), then by metric, in reading order: what the
    declared relations (sum, ratio, order) compare."""
    def build():
        groups: dict[tuple, dict[str, list[Stated]]] = defaultdict(lambda: defaultdict(list))
        for figure in stated_figures(ctx):
            if figure.kind in kinds:
                assert figure.metric is not None  # stated figures pass states_its_figure: pairable, so a metric
                groups[(figure.claim.region_code, figure.claim.period)][figure.metric].append(figure)
        return groups

    return ctx.shared(f"declared.groups|{','.join(kinds)}", build)


def statement_sets(by_metric: dict[str, list[Stated]], metrics: tuple[str, ...]):
    """What a relation of these metrics is checked on, for one region and period: for each document stating one of
    them (in reading order), each metric's figures as that document states them, or as the run's other documents
    state them when it does not. None when a metric is stated nowhere, or its figures disagree among themselves
    (FC101's matter, not the relation's). Yields (the document's figure of the first metric it states, in the
    order given: a total or a result before its parts; {metric: figures}), each set of claims once."""
    if not all(by_metric.get(m) for m in metrics):
        return
    present = sorted((f for m in metrics for f in by_metric[m]), key=lambda f: f.at)
    seen: set[frozenset[str]] = set()
    for path in dict.fromkeys(f.claim.location.path for f in present):
        chosen = {}
        for metric in metrics:
            own = [f for f in by_metric[metric] if f.claim.location.path == path]
            pick = own or by_metric[metric]
            if not all_overlap(f.quantity for f in pick):
                break
            chosen[metric] = pick
        else:
            ids = frozenset(f.claim.id for pick in chosen.values() for f in pick)
            if ids not in seen:
                seen.add(ids)
                own = [f for metric in metrics for f in chosen[metric] if f.claim.location.path == path]
                yield own[0], chosen


def hull(figures: list[Stated]) -> Quantity:
    """The smallest interval holding every figure's (one figure: its own)."""
    first = figures[0].quantity
    if len(figures) == 1:
        return first
    lows, highs = [f.quantity.low for f in figures], [f.quantity.high for f in figures]
    low = None if None in lows else min(v for v in lows if v is not None)
    high = None if None in highs else max(v for v in highs if v is not None)
    return Quantity(None, low, high, False, False, first.unit, first.dimension, "range")


def spell_stated(figure: Stated) -> str:
    """The figure as written, with the direction of a rate that the text gives in words: 增长6.8%, 下降35%."""
    text = spell(figure.claim)
    if figure.kind != "growth_rate" or text[:1] in "-−－+":
        return text
    value = figure.quantity.value if figure.quantity.value is not None else figure.quantity.low
    return ("下降" if value is not None and value < 0 else "增长") + text
