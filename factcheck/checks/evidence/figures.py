"""Shared by the checks: which claims speak of the same figure, and whether their intervals can agree."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from factcheck.extract.anniversaries import anniversary_year, is_anniversary
from factcheck.model.claims import Claim, Quantity
from factcheck.vocab.data import load_toml, loaded_from_rules

# Metrics too generic to say two figures are about the same thing (项目 could be any projects).
GENERIC_METRICS = frozenset({"项目", "企业", "平台", "人", "人次", "个", "家", "方面", "工作", "城市", "学校", "资金",
                             "投资", "总投资", "投资额", "重点任务", "任务", "政策措施", "措施", "举措", "事项",
                             "工程"})
# Milestones passed (连跨两个千亿台阶, 跨越万亿元大关): the steps are no level of anything to compare.
MILESTONES = ("台阶", "大关", "关口")
COMPARABLE_ROLES = ("actual", "target", "growth_rate", "share", "change", "rank")


def pairable(claim: Claim) -> bool:
    """Whether a claim's own fields let it be paired with a figure of another sentence or document at all:
    a region, a specific metric, a unit (or a bare ratio), a dimension that measures something. figure_key
    and local_evidence.comparable rest on it, and focus runs select reference claims by it."""
    q = claim.quantity
    return not (claim.region_code is None or not claim.metric or len(claim.metric) < 3
                or claim.metric in GENERIC_METRICS or claim.metric.endswith(MILESTONES)
                or q.unit is None and q.dimension != "ratio"
                or q.dimension in ("rank", "duration", "other") and not is_anniversary(claim))


def rankable(claim: Claim) -> bool:
    """A rank with its region and a specific metric (its scope is part of the metric: 区域创新能力（全国）)."""
    metric = claim.metric
    return (claim.kind == "rank" and claim.region_code is not None and metric is not None
            and len(metric) >= 3 and metric not in GENERIC_METRICS)


def keyable(claim: Claim) -> bool:
    """Whether figure_key can pair the claim at all: pairable, or a rank (focus runs load by it)."""
    return pairable(claim) or rankable(claim)


def figure_key(claim: Claim) -> tuple | None:
    """What must match for two claims to state the same fact, or None when the claim is too vague to
    compare safely (no region, metric or period, a generic metric, a rank or a bare number). A policy's term
    (is_term) is keyed by the policy's name alone."""
    q = claim.quantity
    if is_term(claim):
        return (None, claim.metric, "term", claim.kind, None, q.unit, q.dimension, "level")
    period = anniversary_year(claim) or claim.period
    if period is None or claim.role not in COMPARABLE_ROLES or not keyable(claim):
        return None
    # a flow (新增711家) is never the level (累计达2215家) of the same metric; an unstated aspect goes with the
    # levels, which most restated counts are (the metric's canonical name leaves 新增 and 累计 out)
    package = is_package(claim)
    # (a package's count is its size, whether the text launches it or completes it: 实施/全面完成…58条改革举措)
    flow = "flow" if claim.aspect == "flow" and q.dimension == "count" and not package else "level"
    role = "package" if package else "standard" if is_standard(claim) else claim.role
    return (claim.region_code, claim.metric, role, claim.kind, period, q.unit, q.dimension, flow)


@loaded_from_rules
@cache
def _same_whether_planned() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """rules/metrics.toml [same_whether_planned]: package heads, standard heads, verbs that grant a term."""
    data = load_toml("metrics.toml")["same_whether_planned"]
    return tuple(data["packages"]), tuple(data["standards"]), tuple(data["term_verbs"])


def is_package(claim: Claim) -> bool:
    """A count of the package of a year (十件民生实事): the same fact planned or reviewed."""
    return (claim.kind == "actual" and claim.quantity.unit in ("件", "条", "项") and claim.metric is not None
            and claim.metric.endswith(_same_whether_planned()[0]))


def is_term(claim: Claim) -> bool:
    """The term a policy grants (第二轮土地承包到期后再延长30年, 停留时间延长至240小时): a duration whose metric ends in
    the verb that grants it. No period or place of its own: every report restating the policy states it."""
    metric = claim.metric
    return (claim.kind == "actual" and claim.quantity.dimension == "duration" and claim.quantity.unit is not None
            and metric is not None and len(metric) >= 5 and metric.endswith(_same_whether_planned()[2]))


def is_standard(claim: Claim) -> bool:
    """A standard set by decision (…护理补贴标准280元, 增值税起征点10万元, 加计扣除比例100%): the plan that sets it
    and the review that reports it state one value for its period."""
    metric = claim.metric
    if claim.kind not in ("actual", "share") or metric is None or not metric.endswith(_same_whether_planned()[1]):
        return False
    # a rate or a share is in percent, an amount per head in money (not the 1.8万亿元 a cut of rates saved)
    return claim.quantity.dimension == ("percent" if metric.endswith(("率", "比例")) else "money")


def aspects_differ(a: Claim, b: Claim) -> bool:
    return a.aspect is not None and b.aspect is not None and a.aspect != b.aspect


def groups_of_same_figure(claims: Iterable[Claim]) -> list[list[Claim]]:
    """Claims grouped by figure_key, groups of two or more only, in first-seen order."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        key = figure_key(claim)
        if key is not None:
            groups[key].append(claim)
    return [g for g in groups.values() if len(g) > 1]


def overlaps(a: Quantity, b: Quantity) -> bool:
    """Whether some value lies in both intervals, honouring open and unbounded ends."""
    return _below(a.low, a.low_open, b.high, b.high_open) and _below(b.low, b.low_open, a.high, a.high_open)


def all_overlap(quantities: Iterable[Quantity]) -> bool:
    """Whether every two of the intervals overlap (each with itself too): all(overlaps(a, b) for a, b in pairs),
    in one pass. Intervals overlap pairwise exactly when the greatest lower end lies below the least upper
    end, an end point shared only if every interval ending there is closed at it."""
    ends = _Ends()
    for q in quantities:
        ends.narrow(q)
    return _below(ends.low, ends.low_open, ends.high, ends.high_open)


def _below(low: Decimal | None, low_open: bool, high: Decimal | None, high_open: bool) -> bool:
    """low ≤ high, where a shared end point counts only if both ends are closed."""
    if low is None or high is None:
        return True
    if low < high:
        return True
    return low == high and not low_open and not high_open


class _Ends:
    """The greatest lower end and the least upper end of some intervals, each open if any interval ending
    there is open at it."""

    __slots__ = ("low", "low_open", "high", "high_open")

    def __init__(self) -> None:
        self.low: Decimal | None = None
        self.high: Decimal | None = None
        self.low_open = self.high_open = False

    def narrow(self, q: Quantity) -> _Ends:
        if q.low is not None:
            if self.low is None or q.low > self.low:
                self.low, self.low_open = q.low, q.low_open
            elif q.low == self.low:
                self.low_open = self.low_open or q.low_open
        if q.high is not None:
            if self.high is None or q.high < self.high:
                self.high, self.high_open = q.high, q.high_open
            elif q.high == self.high:
                self.high_open = self.high_open or q.high_open
        return self

    def overlap_all(self, q: Quantity) -> bool:
        """Whether q overlaps each interval narrowed in: all(overlaps(q, m) for m in them), exactly — q's lower
        end below every upper end is q's lower end below the least of them, open if any of those is."""
        return _below(q.low, q.low_open, self.high, self.high_open) and _below(self.low, self.low_open, q.high,
                                                                               q.high_open)


def agreeing_clusters(claims: list[Claim]) -> list[list[Claim]]:
    """Split claims of one figure into clusters whose intervals all share a value, largest first. A claim joins
    the first cluster each of whose members it overlaps, found from the cluster's ends (comparing it with
    every member made a figure stated a thousand times a million comparisons)."""
    ordered = sorted(claims, key=lambda c: (_sort_value(c.quantity), c.location.path, c.location.start))
    clusters: list[tuple[list[Claim], _Ends]] = []
    for claim in ordered:
        for cluster, ends in clusters:
            if ends.overlap_all(claim.quantity):
                cluster.append(claim)
                ends.narrow(claim.quantity)
                break
        else:
            clusters.append(([claim], _Ends().narrow(claim.quantity)))
    return sorted((cluster for cluster, _ in clusters), key=len, reverse=True)


def _sort_value(q: Quantity) -> Decimal:
    for v in (q.value, q.low, q.high):
        if v is not None:
            return v
    return Decimal(0)


def spell(claim: Claim) -> str:
    """The figure as the text states it, without line breaks or emphasis: 4.36万亿元, 超3000家."""
    return "".join(claim.text.split()).replace("**", "")


# A numeral naming a set of things rather than counting them (三大攻坚战, 五大领域): no figure to corroborate.
_NAMED_SET = re.compile(r"^[一二两三四五六七八九十]+大$")
# A money floor that classifies what follows (亿元以上项目, 十亿元以上): a threshold, not an amount stated.
_FLOOR = re.compile(r"^[^\d]*[十百千万亿]*元以上$")


def corroborates(claim: Claim) -> bool:
    """Whether a figure can corroborate another: a stated amount, not a set's name or a classifying floor."""
    text = spell(claim)
    return not (_NAMED_SET.match(text) or _FLOOR.match(text) or claim.quantity.value is None
                and claim.quantity.qualifier != "range")


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two figures state the same value, not merely values that can both be true: equal values under the
    bound (超480家 and 超480家), or two figures each inside the other's interval (9.4万家 and 94000家, 3.38% and
    3.38%左右). 1000个以上 and 2000个以上, or 超过60万亿元 and 67.7万亿元, can both be true, but neither
    confirms the other."""
    if a.value is None or b.value is None:
        return a.qualifier == b.qualifier == "range" and a.low == b.low and a.high == b.high
    if _direction(a) != "point" or _direction(b) != "point":
        return a.value == b.value and _direction(a) == _direction(b)  # 超480家, 超480家; not 5.5%以内 and 5.5%左右
    return _inside(a.value, b) and _inside(b.value, a)


def _direction(q: Quantity) -> str:
    return q.qualifier if q.qualifier in ("lower", "upper") else "point"


def _inside(value: Decimal, q: Quantity) -> bool:
    return (q.low is None or value >= q.low) and (q.high is None or value <= q.high)