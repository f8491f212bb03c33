"""FC306: FC302 across documents — a growth rate stated beside its level against the previous year's level of the
same figure in another document (this year's report against last year's)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

import regex

from factcheck.checks.base import Check, CheckContext, Option
from factcheck.checks.evidence.figures import pairable, spell
from factcheck.checks.evidence.intervals import HUNDRED, plain_number, quotient, span_of
from factcheck.checks.evidence.local import base_year_ok, is_average, scoped, sign_of
from factcheck.checks.same_fact import solid_key, where
from factcheck.model.claims import Claim
from factcheck.model.findings import Finding

# Between a level and its growth rate: 一般公共预算收入4398.6亿元、增长5.2%; 营业收入2.1万亿元，比上年增长8%.
_RATE_AFTER_LEVEL = regex.compile(r"^[、，,\s]*(?:比上年|较上年|同比|比去年)?(?:增长|下降|增|降)$")


class GrowthRateAcrossDocuments(Check):
    code = "FC306"
    name = "growth-rate-against-last-year"
    summary = "某年的数值及其“增长p%”与另一文档所报上一年的同一数值不符：按两年数值算出的增速与p相差超过舍入与修订。"
    why = ("A growth rate stated beside this year's figure can be redone from last year's figure as last year's "
           "report stated it; a rate that no rounding or ordinary revision of the preliminary figure reconciles "
           "means one of the three figures is wrong, or the two years are not measured alike. Growth of GDP-like "
           "figures is stated in real terms and is not checked; nor are averages and adjusted-scope rates.")
    summary_en = ("A year's figure and its growth rate disagree with last year's same figure as another document "
                  "states it: the growth the two figures give differs from the stated rate beyond rounding and "
                  "revision.")
    why_zh = ("本年数值旁写的增速可以用上一年报告所写的上年数值重算；若舍入与初步数的正常修订都解释不了，"
              "三个数字中必有一个有误，或两年的口径不同。GDP 一类按不变价计算的增速不核对，"
              "平均增速与调整口径的增速也不核对。")
    severity = "warning"
    pairs_on = ("metric-region",)
    options = {
        "relative_slack": Option("decimal", "fraction of the computed rate interval's size added on each side"),
        "revision_tolerance": Option("decimal", "relative revision allowed to last year's preliminary figure"),
        "small_gap_points": Option("decimal", "a gap of at most this many percentage points beyond the tolerances "
                                              "is reported at small_gap_severity"),
        "small_gap_severity": Option("severity", "severity of a small gap"),
        "real_terms": Option("words", "metrics whose growth is stated in real terms: not checked", words="real_terms"),
    }
    bad_spans = ("20%",)
    bad = (
        "江苏省人民政府\n2024年，全省一般公共预算收入1000亿元。\n===\n"
        "江苏省人民政府\n2025年，全省一般公共预算收入1100亿元、增长20%。",
    )
    good = (
        "江苏省人民政府\n2024年，全省一般公共预算收入1000亿元。\n===\n"
        "江苏省人民政府\n2025年，全省一般公共预算收入1100亿元、增长10%。",
        "江苏省人民政府\n2024年，全省一般公共预算收入1000亿元。\n===\n"
        "江苏省人民政府\n2025年，全省一般公共预算收入1100亿元、增长10.8%。",
        "江苏省人民政府\n2024年，全省地区生产总值1000亿元。\n===\n"
        "江苏省人民政府\n2025年，全省地区生产总值1100亿元、增长5%。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        real_terms = tuple(self.setting("real_terms"))
        levels = _levels_by_key(ctx)
        for rate, level in _stated_with_level(ctx, real_terms):
            year = int(level.period or 0)  # _stated_with_level gives levels of one year only
            earlier = [p for p in levels.get(_key(level, year - 1), ()) if p.location.path != level.location.path]
            if not earlier or len({(p.quantity.low, p.quantity.high) for p in earlier}) > 1:
                continue  # no figure for last year, or several that disagree (FC101 speaks of those)
            previous = min(earlier, key=lambda c: (c.location.path, c.location.start))
            found = self._mismatch(ctx, rate, level, previous)
            if found is None:
                continue
            computed, gap, small = found
            yield self.finding(
                ctx, rate,
                f"{level.region} {level.metric}：{level.period}年 {spell(level)}（{where(level, previous)}）、"
                f"“增长”{spell(rate)}，而{year - 1}年为 {spell(previous)}（{where(previous, level)}），"
                f"按两年数值算增速约{plain_number(computed)}%，相差约{plain_number(gap)}个百分点"
                + ("（差距不大，或为上年数据修订）" if small else ""),
                related=[(level, f"{level.period}年的数值"), (previous, f"{year - 1}年的数值")],
                key=f"{level.region_code}|{level.metric}|{level.period}|{self.code}",
                severity=self.setting("small_gap_severity") if small else None,
            )

    def _mismatch(self, ctx: CheckContext, rate: Claim, level: Claim,
                  previous: Claim) -> tuple[Decimal, Decimal, bool] | None:
        """(the rate the two levels give, the gap in points beyond the tolerances, whether it is small), or None."""
        revision = Decimal(str(self.setting("revision_tolerance")))
        slack = Decimal(str(self.setting("relative_slack")))
        before = span_of(previous.quantity).widened(revision)
        if before.low is None or before.low <= 0 or before.high is None:
            return None
        ratio = quotient(span_of(level.quantity), before)
        expected = ratio.shifted(Decimal(-1)).scaled(HUNDRED).widened(slack)
        sign = Decimal(sign_of(ctx, rate))
        stated = span_of(rate.quantity).scaled(sign)
        if expected.meets(stated) or not expected.bounded or not stated.bounded:
            return None
        # bounded: every end is a number
        assert stated.low is not None and stated.high is not None and expected.low is not None
        assert expected.high is not None
        gap = max(stated.low - expected.high, expected.low - stated.high)
        central = (level.quantity.value or Decimal(0)) / (previous.quantity.value or Decimal(1)) - 1
        small = gap <= Decimal(str(self.setting("small_gap_points")))
        return central * HUNDRED, gap, small


def _key(claim: Claim, year: int) -> tuple:
    q = claim.quantity
    return (claim.region_code, claim.metric, str(year), q.unit, q.dimension)


def _levels_by_key(ctx: CheckContext) -> dict[tuple, list[Claim]]:
    """The year's figures that a rate can be redone from: stated amounts of one year, explicitly keyed."""
    out: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in ctx.claims:
        q = claim.quantity
        if (claim.role != "actual" or claim.kind != "actual" or not claim.period or not claim.period.isdigit()
                or q.dimension == "percent" or q.unit in (None, "%") or q.qualifier not in ("exact_rounded", "exact")
                or "累计" in (claim.metric_text or "") or not pairable(claim) or not solid_key(ctx, claim)):
            continue
        out[_key(claim, int(claim.period))].append(claim)
    return out


def _stated_with_level(ctx: CheckContext, real_terms: tuple[str, ...]) -> Iterator[tuple[Claim, Claim]]:
    """(rate, level) pairs: a year's growth rate stated right after that year's figure of the same metric."""
    for doc in ctx.documents:
        claims = doc.claims
        for i in range(1, len(claims)):
            rate, level = claims[i], claims[i - 1]
            if (rate.kind != "growth_rate" or rate.role != "growth_rate" or rate.quantity.unit != "%"
                    or level.metric != rate.metric or level.sentence != rate.sentence or level.period != rate.period
                    or not level.period or not level.period.isdigit() or level.role != "actual"
                    or level.kind != "actual" or level.quantity.unit in (None, "%")):
                continue
            if any(word in (rate.metric or "") for word in real_terms):
                continue  # GDP and value added grow at constant prices
            if not _RATE_AFTER_LEVEL.match(ctx.text_between(level, rate)):
                continue
            if is_average(ctx, rate) or scoped(ctx, rate) or not base_year_ok(ctx, rate, int(level.period)):
                continue
            if rate.quantity.qualifier not in ("exact_rounded", "exact") or not solid_key(ctx, level):
                continue
            yield rate, level
