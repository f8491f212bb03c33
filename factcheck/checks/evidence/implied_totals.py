"""Wholes implied by a part and its share (6家，占全国八分之一 → 48家) held against the figures of every document
of the run: the same whole stated elsewhere (the FC101 comparison), and a part inside the whole's region that
alone exceeds it (the FC501 comparison). Only figures that name their own metric and year are used."""

from __future__ import annotations

from collections import defaultdict

from factcheck.checks.base import CheckContext
from factcheck.checks.evidence.intervals import span_of
from factcheck.checks.same_fact import stated_plainly
from factcheck.model.claims import Claim

_DATED = ("text", "note")


def _index(ctx: CheckContext) -> dict[tuple, list[Claim]]:
    """Plainly stated actuals by (metric, period, unit), built once per run."""
    def build():
        index: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in ctx.claims:
            if (claim.role == "actual" and claim.metric and claim.period and claim.region_code
                    and claim.period_source in _DATED and stated_plainly(ctx, claim)):
                index[(claim.metric, claim.period, claim.quantity.unit)].append(claim)
        return index

    return ctx.shared("implied_totals.index", build)


def _candidates(ctx: CheckContext, whole) -> list[Claim]:
    part = whole.part
    if whole.region_code is None or part.period_source not in _DATED or not part.metric:
        return []
    return [c for c in _index(ctx).get((part.metric, part.period, part.quantity.unit), [])
            if c.id != part.id and c.quantity.dimension == part.quantity.dimension]


def stated_in_another_document(ctx: CheckContext, whole) -> Claim | None:
    """The implied whole's region, metric and year stated plainly in another document of the run."""
    path = whole.part.location.path
    found = [c for c in _candidates(ctx, whole) if c.region_code == whole.region_code and c.location.path != path]
    return found[0] if found else None


def part_above_whole(ctx: CheckContext, whole) -> Claim | None:
    """A figure for a region inside the whole's region that is larger than the implied whole can be."""
    outer = ctx.gazetteer.get(whole.region_code) if whole.region_code else None
    if outer is None or whole.span.high is None:
        return None
    for claim in _candidates(ctx, whole):
        inner = ctx.gazetteer.get(claim.region_code)
        if inner is None or inner == outer or not ctx.gazetteer.is_within(inner, outer):
            continue
        low = span_of(claim.quantity).low
        if low is not None and low > whole.span.high:
            return claim
    return None
