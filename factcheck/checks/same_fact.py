"""FC1: the same fact stated with figures that cannot all be true."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from factcheck.checks.base import Check, CheckContext
from factcheck.checks.figures import agreeing_clusters, figure_key, groups_of_same_figure, overlaps, spell
from factcheck.findings import Finding
from factcheck.model import Claim


def where(claim: Claim, other: Claim | None = None) -> str:
    """第12行, or 文件名第12行 when the other claim stands in another file."""
    line = f"第{claim.location.line}行"
    if other is not None and other.location.path != claim.location.path:
        return f"{Path(claim.location.path).name}{line}"
    return line


def subject(claim: Claim) -> str:
    return " ".join(p for p in (claim.region, claim.metric, claim.period) if p)


class ConflictingFigures(Check):
    code = "FC101"
    name = "conflicting-figures"
    summary = "同一地区、同一指标、同一时期的同一数字，两处写法不一致。"
    why = ("A figure restated elsewhere (the lede and the body, last week's piece and today's) must be the same "
           "figure; two values that no rounding or hedge reconciles mean one of them is wrong.")
    severity = "error"
    bad = (
        "截至2024年底，无锡累计牵头建设国家重点实验室4家。\n\n截至2024年底，无锡累计牵头建设国家重点实验室5家。",
        "2024年无锡有效期内高新技术企业7341家。\n===\n2024年无锡有效期内高新技术企业7431家。",
        "2022年苏州规上工业总产值达4.36万亿元。\n\n2022年苏州规上工业总产值达42000亿元。",
    )
    good = (
        "截至2024年底，无锡累计牵头建设国家重点实验室4家。\n\n截至2024年底，无锡累计牵头建设全国重点实验室4家。",
        "2022年苏州规上工业总产值达4.36万亿元。\n\n2022年苏州规上工业总产值达43600亿元。",
        "2022年苏州规上工业总产值超4万亿元。\n\n2022年苏州规上工业总产值达4.36万亿元。",
        "2023年无锡有效期内高新技术企业6000家。\n\n2024年无锡有效期内高新技术企业7341家。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for group in groups_of_same_figure(ctx.claims):
            clusters = agreeing_clusters(group)
            if len(clusters) < 2:
                continue
            reference = min(clusters[0], key=_reading_order)
            for cluster in clusters[1:]:
                for claim in sorted(cluster, key=_reading_order):
                    if _same_sentence(claim, reference):
                        continue  # two values in one sentence are two items of a list, not one fact twice
                    first, second = sorted((reference, claim), key=_reading_order)
                    yield self.finding(
                        ctx, second,
                        f"{subject(second)}：{spell(first)}（{where(first, second)}）与 {spell(second)}"
                        f"（{where(second, first)}）不一致",
                        related=[(first, f"同一数字写作 {spell(first)}")],
                    )


class CumulativeDecrease(Check):
    code = "FC102"
    name = "cumulative-decrease"
    summary = "累计数（存量）在较晚的时期反而小于较早时期。"
    why = ("A stock such as 累计建成 or 现有 can only grow or stay between two dates unless something was closed "
           "or reclassified; a smaller later figure is usually a typo or a mixed-up scope.")
    severity = "warning"
    bad = (
        "截至2023年底，无锡累计建成5G基站3.2万个。\n\n截至2024年底，无锡累计建成5G基站2.9万个。",
    )
    good = (
        "截至2023年底，无锡累计建成5G基站3.2万个。\n\n截至2024年底，无锡累计建成5G基站3.9万个。",
        "2023年无锡新增5G基站1.2万个。\n\n2024年无锡新增5G基站0.9万个。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        series: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in ctx.claims:
            key = figure_key(claim)
            if key is None or claim.aspect != "stock" or claim.role != "actual" or "-" in claim.period:
                continue
            series[key[:2] + key[3:5] + key[6:]].append(claim)
        for claims in series.values():
            by_year = sorted(claims, key=lambda c: int(c.period))
            for i, later in enumerate(by_year):
                earlier = [c for c in by_year[:i] if int(c.period) < int(later.period)]
                if not earlier:
                    continue
                peak = max(earlier, key=lambda c: c.quantity.low or 0)
                q, p = later.quantity, peak.quantity
                if q.high is not None and p.low is not None and not overlaps(q, p) and q.high <= p.low:
                    yield self.finding(
                        ctx, later,
                        f"{later.region} {later.metric}：{peak.period}年为 {spell(peak)}（{where(peak, later)}），"
                        f"{later.period}年却为 {spell(later)}（{where(later, peak)}），累计数不应减少",
                        related=[(peak, f"{peak.period}年的累计数")],
                    )


def _same_sentence(a: Claim, b: Claim) -> bool:
    return a.location.path == b.location.path and a.sentence == b.sentence


def _reading_order(claim: Claim) -> tuple:
    return claim.location.path, claim.location.start
