"""Targets and the figures they are measured against: the outcome a later document reports for the target's
year, and the baseline stated before it. Shared by the FC4 checks and by anything that tabulates 目标完成情况
(match_target_outcomes is the entry point for that).

A target and a figure are paired only on explicit identity: the same region code, metric, kind, unit and
dimension, each naming its metric where it stands, neither an average, stock never against flow. An outcome
must be for exactly the target's year, stand in a later document, and in a passage about that one year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

import regex

from factcheck.checks.base import CheckContext, per_claim
from factcheck.checks.evidence.figures import all_overlap
from factcheck.checks.evidence.local import (
    ANY_YEAR,
    MULTI_YEAR,
    aspect_of,
    aspects_compatible,
    base_year_ok,
    comparable,
    document_year,
    fits_document,
    passage_year,
    qualifier_of,
    sentence_before,
    sign_of,
    signed_bounds,
    signed_value,
    year_of,
)
from factcheck.model.claims import Claim
from factcheck.vocab.data import load_toml, word_list

TARGET_WORDS = ("目标", "力争", "确保", "争取", "预期", "今年", "计划")


@cache
def target_cues() -> dict:
    """rules/cues.toml [targets]: the words of target passages and of statements that targets were met."""
    return load_toml("cues.toml")["targets"]


@dataclass(frozen=True, slots=True)
class Tolerances:
    approx_points: Decimal = Decimal("0.2")     # 5%左右 is still met at 4.8%
    approx_relative: Decimal = Decimal("0.05")  # 68万人左右 is still met at 64.6万人
    # Metrics whose target is a ceiling even when stated 左右 (居民消费价格涨幅2%左右 is met at 0.1%).
    ceiling_words: tuple[str, ...] = field(default_factory=lambda: word_list("ceiling"))


@dataclass(frozen=True, slots=True)
class TargetOutcome:
    """A target, the outcome reported for its year, and the verdict."""

    target: Claim
    outcome: Claim
    direction: str          # floor (reach at least) | ceiling (stay within)
    bound: Decimal          # the signed value the outcome had to reach or stay within, tolerance applied
    met: bool
    difference: Decimal     # signed outcome − signed target value, in the target's unit
    tolerance: Decimal      # the 左右 allowance used (0 for a firm target)
    also: tuple[Claim, ...] = ()  # further targets stating the same goal (a report repeats its targets)


@dataclass(frozen=True, slots=True)
class Baseline:
    """The latest actual before a target's year, and the year it stands for."""

    target: Claim
    baseline: Claim
    year: int
    year_inferred: bool     # the baseline states no year; the year of the figures just before it was used


def series_key(claim: Claim, kind: str) -> tuple:
    return claim.region_code, claim.metric, kind, claim.quantity.unit, claim.quantity.dimension


@per_claim
def usable_target(ctx: CheckContext, claim: Claim) -> bool:
    """A target for one year, set no later than that year, not standing in a passage about another year or
    about five years (a review paragraph whose figures the extractor took for targets)."""
    year = year_of(claim.period)
    if (claim.role != "target" or year is None or not fits_document(ctx, claim)
            or not comparable(ctx, claim, metric_before=claim.kind == "actual")):
        return False
    written = document_year(ctx, claim)
    if written is not None and written > year:
        return False
    if claim.kind == "actual" and not any(ch.isdigit() for ch in claim.text):
        return False  # 八个, 两万: levels written in words are names or rough talk more often than targets
    if names_a_part(ctx, claim) or claim.text.startswith("近"):
        return False  # 近3亿人次 describes, it does not set a goal
    said = passage_year(ctx, claim)
    if said == MULTI_YEAR:  # 为“十五五”开局打牢基础…主要预期目标是: the sentence itself must say it sets a target
        return any(word in sentence_before(ctx, claim) for word in TARGET_WORDS)
    return said in (year, ANY_YEAR, None)


def elided_lead(ctx: CheckContext, claim: Claim) -> Claim | None:
    """The figure before a list member whose name leaves out the list's measure (勘探新增石油地质储量3000万吨、天然气
    200亿立方米: 天然气 is a reserve, as the first member says), or None. Members that name their own measure
    (燃气管网650公里、供水管网100公里, 规模以上工业企业达7.6万家、增加值增长3%) stand alone."""
    previous = ctx.previous_claim(claim)
    if previous is None or previous.sentence != claim.sentence or not previous.metric or not claim.metric:
        return None
    between = ctx.text_between(previous, claim)
    if not between.startswith("、") or any(mark in between for mark in "，,；;：:"):
        return None
    bare = len(claim.metric) <= 3 and previous.metric[-2:] != claim.metric[-2:]  # 天然气 after …储量
    return previous if bare else None


def same_list(ctx: CheckContext, target: Claim, outcome: Claim) -> bool:
    """A list member that leaves out its measure is the same thing only in a list of the same measure: 天然气 after
    石油地质储量 (a reserve) is not 天然气 after 原油 (production)."""
    a, b = elided_lead(ctx, target), elided_lead(ctx, outcome)
    if a is None and b is None:
        return True
    return a is not None and b is not None and a.metric == b.metric


def names_a_part(ctx: CheckContext, claim: Claim) -> bool:
    """A figure inside the name of another's metric: 公交与轨道50米内换乘比例提高到90%, 5000万元以上项目200个 (what
    follows it in its clause is more name, then the figure it qualifies)."""
    doc = ctx.document_of(claim)
    i = ctx.index_of(claim)
    if i + 1 >= len(doc.claims):
        return False
    following = doc.claims[i + 1]
    between = ctx.text_between(claim, following)
    if following.sentence != claim.sentence or any(mark in between for mark in "，,。；;：:、！？"):
        return False
    return len(_CONNECTORS_ONLY.sub("", between)) >= 2


_CONNECTORS_ONLY = regex.compile(r"以上|以下|以内|左右|和|与|及|或|至|到|—|-|~|～|\s")


_STRETCH = regex.compile(r"\s*[、，,；;]\s*(?:并)?(?:力争|争取|努力)")


def is_stretch(ctx: CheckContext, claim: Claim) -> bool:
    """The second figure of 地区生产总值增长7%以上、力争达到8%: what to strive for beyond the firm target just
    stated for the same metric. Missing it is noted, not warned of (FC403), and does not contradict
    "主要目标任务完成" (FC404 leaves it out)."""
    previous = ctx.previous_claim(claim)
    return (previous is not None and previous.sentence == claim.sentence and previous.role == "target"
            and previous.metric == claim.metric and previous.kind == claim.kind
            and _STRETCH.match(ctx.text_between(previous, claim)) is not None)


def direction_of(ctx: CheckContext, target: Claim, tolerances: Tolerances) -> str:
    """floor or ceiling on the signed value: 下降3%以上 is at most −3, a ceiling."""
    q = target.quantity
    if q.qualifier in ("lower", "upper"):
        floor = (q.qualifier == "lower") == (sign_of(ctx, target) > 0)
        return "floor" if floor else "ceiling"
    metric = f"{target.metric}{target.metric_text or ''}"
    return "ceiling" if any(word in metric for word in tolerances.ceiling_words) else "floor"


# -- outcomes ---------------------------------------------------------------------------------------------

def _outcome_for_its_year(ctx: CheckContext, claim: Claim, year: int) -> bool:
    """What _usable_outcome asks of the claim alone (its period is the target's year)."""
    if claim.kind == "growth_rate" and not base_year_ok(ctx, claim, year):
        return False
    return (comparable(ctx, claim, metric_before=claim.kind == "actual") and fits_document(ctx, claim)
            and passage_year(ctx, claim) in (year, ANY_YEAR))


def _usable_outcome(ctx: CheckContext, target: Claim, claim: Claim, year: int) -> bool:
    if claim.role != target.kind or claim.period != target.period or claim.location.path == target.location.path:
        return False
    written, target_written = document_year(ctx, claim), document_year(ctx, target)
    if written is not None and (written <= year or target_written is not None and written <= target_written):
        return False
    if not aspects_compatible(ctx, target, claim) or claim.kind == "growth_rate" and not base_year_ok(ctx, claim, year):
        return False
    if not same_list(ctx, target, claim):
        return False
    return (comparable(ctx, claim, metric_before=claim.kind == "actual") and fits_document(ctx, claim)
            and passage_year(ctx, claim) in (year, ANY_YEAR))


@dataclass(frozen=True, slots=True)
class TargetAssessment:
    """One usable target and what the run says about its outcome."""

    target: Claim
    status: str                       # matched | no_outcome | ambiguous (outcomes disagree) | undecided
    verdict: TargetOutcome | None     # set when matched
    candidates: tuple[Claim, ...] = ()


def tolerances_from(settings: dict) -> Tolerances:
    """The 左右 allowances and ceiling words of rules/checks.toml [FC403], shared by FC403, FC404 and the table."""
    default = Tolerances()
    return Tolerances(
        approx_points=Decimal(str(settings.get("approx_points", default.approx_points))),
        approx_relative=Decimal(str(settings.get("approx_relative", default.approx_relative))),
        ceiling_words=tuple(settings.get("ceiling_words", default.ceiling_words)),
    )


def assess_targets(ctx: CheckContext, tolerances: Tolerances = Tolerances()) -> list[TargetAssessment]:
    """Every usable target with its outcome, or why there is none. Outcomes come from later documents, for
    exactly the target's year, region and metric; when the candidates disagree, none is chosen."""
    memo_key = ("assess_targets", tolerances)
    if memo_key in ctx.memo:  # FC403, FC404 and the table all ask
        return list(ctx.memo[memo_key])
    # Outcomes by series and period, as _usable_outcome would pair them; what it asks of the outcome alone is
    # asked once per outcome, not once per target (a run with many reports of one region has many of both)
    outcomes: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in ctx.claims:
        if claim.role != "target" and year_of(claim.period) is not None:
            outcomes[(series_key(claim, claim.role), claim.period)].append(claim)
    usable: dict[tuple, list[tuple[Claim, int | None, str | None]]] = {}
    assessed = []
    for target in ctx.claims:
        if not usable_target(ctx, target):
            continue
        assert target.period is not None  # usable_target: a target for one year
        year = int(target.period)
        key = (series_key(target, target.kind), target.period)
        if key not in usable:
            usable[key] = [(c, document_year(ctx, c), aspect_of(ctx, c)) for c in outcomes.get(key, ())
                           if _outcome_for_its_year(ctx, c, year)]
        target_written, target_aspect = document_year(ctx, target), aspect_of(ctx, target)
        path = target.location.path
        # the rest of _usable_outcome: another document, written after the year and after the target's, and
        # never a stock against a flow
        candidates = tuple(c for c, written, aspect in usable[key]
                           if c.location.path != path
                           and not (written is not None and (written <= year or target_written is not None
                                                             and written <= target_written))
                           and not ({target_aspect, aspect} >= {"stock", "flow"})
                           and same_list(ctx, target, c))
        if not candidates:
            assessed.append(TargetAssessment(target, "no_outcome", None))
        elif not all_overlap(c.quantity for c in candidates):
            assessed.append(TargetAssessment(target, "ambiguous", None, candidates))
        else:
            outcome = min(candidates, key=lambda c: (c.location.path, c.location.start))
            verdict = judge(ctx, target, outcome, tolerances)
            assessed.append(TargetAssessment(target, "matched" if verdict else "undecided", verdict, candidates))
    ctx.memo[memo_key] = tuple(assessed)
    return assessed


def match_target_outcomes(ctx: CheckContext, tolerances: Tolerances = Tolerances()) -> list[TargetOutcome]:
    """Every target with the outcome a later document reports for its year, one entry per outcome and goal.
    A target whose candidate outcomes disagree with each other is left out: which one is meant is a guess."""
    results: dict[tuple, TargetOutcome] = {}
    for assessment in assess_targets(ctx, tolerances):
        verdict = assessment.verdict
        if verdict is None:
            continue
        goal = (verdict.outcome.id, verdict.bound, verdict.direction)
        if goal in results:
            results[goal] = replace(results[goal], also=(*results[goal].also, assessment.target))
        else:
            results[goal] = verdict
    return list(results.values())


def judge(ctx: CheckContext, target: Claim, outcome: Claim, tolerances: Tolerances) -> TargetOutcome | None:
    """Met or missed. A floor is missed when the outcome lies below it, a ceiling when above; 左右 allows its
    tolerance. A plain outcome counts as the figure it writes (5% is 5.0%, not [4.5, 5.5)); one stated as
    超/近 counts by its bound, and when that bound cannot decide, there is no verdict."""
    value, actual = signed_value(ctx, target), signed_value(ctx, outcome)
    low, high = signed_bounds(ctx, target)
    if value is None or actual is None:
        return None
    q = target.quantity
    direction = direction_of(ctx, target, tolerances)
    tolerance = Decimal(0)
    if qualifier_of(ctx, target) == "approx":
        tolerance = tolerances.approx_points if q.unit == "%" else abs(value) * tolerances.approx_relative
    if q.qualifier in ("range", "vague"):
        bound = low if direction == "floor" else high
    else:
        bound = value - tolerance if direction == "floor" else value + tolerance
    if bound is None:
        return None
    if outcome.quantity.qualifier in ("lower", "upper", "range", "vague"):
        least, most = signed_bounds(ctx, outcome)
    else:
        least = most = actual
    if direction == "floor":
        met = True if least is not None and least >= bound else False if most is not None and most < bound else None
    else:
        met = True if most is not None and most <= bound else False if least is not None and least > bound else None
    if met is None:
        return None
    return TargetOutcome(target, outcome, direction, bound, met, actual - value, tolerance)


# -- baselines --------------------------------------------------------------------------------------------

def level_series(ctx: CheckContext) -> dict[tuple, list[Claim]]:
    """Actual levels and shares that can serve as baselines, by series (computed once per run: FC401 and
    FC402 both ask; the lists are not to be changed)."""
    if "level_series" in ctx.memo:
        return ctx.memo["level_series"]
    # Only a series some target can ask for (find_baseline and history look series up by a target's key):
    # the evidence of a level no target shares a key with (most of a corpus's figures) is never read.
    wanted = {series_key(c, c.kind) for c in ctx.claims if c.role == "target" and c.kind in ("actual", "share")}
    series: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in ctx.claims:
        if (claim.role in ("actual", "share") and claim.role == claim.kind
                and (key := series_key(claim, claim.role)) in wanted and comparable(ctx, claim, True)
                and fits_document(ctx, claim)):
            series[key].append(claim)
    ctx.memo["level_series"] = series
    return series


@per_claim
def inferred_year(ctx: CheckContext, claim: Claim) -> int | None:
    """An undated figure's year: that of the nearest dated actual figure before it in its document, within a
    few sentences (累计入选…“小巨人”企业171家 right after figures for 2022)."""
    doc = ctx.document_of(claim)
    for i in range(ctx.index_of(claim) - 1, -1, -1):
        earlier = doc.claims[i]
        if claim.sentence - earlier.sentence > 3:
            return None
        year = year_of(earlier.period)
        if year is not None and earlier.role != "target":
            return year
    return None


def find_baseline(ctx: CheckContext, target: Claim, series: dict[tuple, list[Claim]]) -> Baseline | None:
    """The latest actual of the target's series before its year: dated ones from any document, undated ones
    only from before the target in its own document."""
    assert target.period is not None  # callers pass usable targets (usable_target: one year)
    year = int(target.period)
    best: Baseline | None = None
    target_aspect = aspect_of(ctx, target)
    for claim, own_year, aspect, multi in _baseline_candidates(ctx, series, series_key(target, target.kind)):
        if {target_aspect, aspect} >= {"stock", "flow"}:  # aspects_compatible
            continue
        inferred = own_year is None
        if inferred:
            if claim.location.path != target.location.path or claim.location.start > target.location.start:
                continue
            own_year = inferred_year(ctx, claim)
        if own_year is None or own_year >= year or multi:
            continue
        candidate = Baseline(target, claim, own_year, inferred)
        if best is None or _rank(candidate) > _rank(best):
            best = candidate
    return best


def _baseline_candidates(ctx: CheckContext, series: dict[tuple, list[Claim]],
                         key: tuple) -> list[tuple[Claim, int | None, str | None, bool]]:
    """A series' claims with what find_baseline asks of each alone (stated year, aspect, whether its passage
    is about several years), worked out once per run instead of once per target."""
    memo_key = ("baseline_candidates", key)
    cached = ctx.memo.get(memo_key)
    if cached is None or cached[0] is not series:
        cached = ctx.memo[memo_key] = (series, [(c, year_of(c.period), aspect_of(ctx, c),
                                                 passage_year(ctx, c) == MULTI_YEAR) for c in series.get(key, ())])
    return cached[1]


def _rank(item: Baseline) -> tuple:
    """Later year first, then a stated year over an inferred one, then the target's own document, then the
    figure nearest before the target."""
    own = item.baseline.location.path == item.target.location.path
    return item.year, not item.year_inferred, own, own and item.baseline.location.start


def history(ctx: CheckContext, baseline: Baseline, series: dict[tuple, list[Claim]]) -> Iterator[Claim]:
    """Dated actuals of the baseline's series in earlier years: the historical rate is read off them."""
    for claim in series.get(series_key(baseline.baseline, baseline.baseline.kind), ()):
        year = year_of(claim.period)
        if year is not None and year < baseline.year and aspects_compatible(ctx, claim, baseline.baseline):
            yield claim
