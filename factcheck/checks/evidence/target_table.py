"""目标完成情况: every target a run's documents set for a year, the outcome a later document reports, and the
verdict. One row per goal (a report that restates a target in its summary and its section gives one row).
FC403 and FC404 rest on the same matching (factcheck.checks.evidence.target_matching.assess_targets)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from factcheck.checks.base import CheckContext, option_defaults
from factcheck.checks.evidence.local import (
    ANY_YEAR,
    clause_before,
    comparable,
    document_year,
    passage_year,
    sign_of,
    signed_value,
    year_of,
)
from factcheck.checks.evidence.target_matching import (
    TargetAssessment,
    Tolerances,
    assess_targets,
    direction_of,
    is_stretch,
    target_cues,
    tolerances_from,
)
from factcheck.checks.targets import TargetMetOrMissed, outcome_text
from factcheck.extract.metrics.names import canonical
from factcheck.model.claims import Claim, DocumentClaims, Extraction
from factcheck.model.decimals import decimal_text
from factcheck.model.findings import Place

VERDICTS = ("met", "within_tolerance", "missed", "no_outcome", "ambiguous", "undecided")
STATUS_TEXT = {"no_outcome": "未找到当年结果", "ambiguous": "结果说法不一，未判断", "undecided": "结果不足以判断"}


@dataclass(frozen=True, slots=True)
class TargetRow:
    region: str | None
    region_code: str | None
    metric: str | None
    year: int
    kind: str                  # growth_rate | actual | share | change | relation
    main: bool                 # set in the report's 主要预期目标 passage
    statement: str             # the target as worded: 地区生产总值增长5%左右
    target: Place
    target_claim: str | None   # claim id (None for a relation such as 与经济增长同步)
    direction: str | None      # floor | ceiling | relation
    verdict: str               # one of VERDICTS
    outcome_statement: str | None = None
    outcome: Place | None = None
    outcome_claim: str | None = None
    difference: Decimal | None = None  # signed outcome − target, in the target's unit
    tolerance: Decimal | None = None   # the 左右 allowance applied
    also: tuple[Place, ...] = ()       # the same goal stated again
    verdict_text: str = ""             # in Chinese, with the gap spelled out: 未完成，低于目标0.8个百分点
    stretch: bool = False              # 增长7%以上、力争达到8%: the 力争 figure, a goal beyond the firm one


@dataclass(frozen=True, slots=True)
class TargetTable:
    extraction: Extraction
    rows: tuple[TargetRow, ...]

    def counts(self) -> dict[str, int]:
        return {v: sum(1 for r in self.rows if r.verdict == v) for v in VERDICTS}

    def selected(self, everything: bool = False, year: int | None = None, region: str | None = None) -> TargetTable:
        """The rows an editor asked for: by default main targets and any target with an outcome (the rest
        are plans nobody has reported on yet); a region matches by name or code prefix."""
        rows = [r for r in self.rows if (everything or r.main or r.outcome is not None)
                and (year is None or r.year == year)
                and (region is None or region in (r.region or "") or (r.region_code or "").startswith(region))]
        return TargetTable(self.extraction, tuple(rows))


def main_passages(text: str) -> list[tuple[int, int]]:
    """Spans of the text that list a report's main targets: from a marker to the end of its paragraph, or
    through the next paragraph when the marker stands alone as a heading."""
    spans = []
    for marker in target_cues()["main_markers"]:
        start = text.find(marker)
        while start != -1:
            end = _line_end(text, start)
            if len(text[start + len(marker):end].strip(" ：:是为\r")) < 6:
                end = _line_end(text, end + 1)
            spans.append((start, end))
            start = text.find(marker, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # 主要预期目标是 holds two markers: one passage
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    while end != -1 and not text[offset:end].strip():
        offset, end = end + 1, text.find("\n", end + 1)
    return len(text) if end == -1 else end


def build_target_table(extraction: Extraction, tolerances: Tolerances | None = None,
                       ctx: CheckContext | None = None) -> TargetTable:
    ctx = ctx or CheckContext(extraction.documents)
    tolerances = tolerances or tolerances_from(option_defaults(TargetMetOrMissed))
    rows = target_rows(ctx, tolerances)
    return TargetTable(extraction, tuple(rows))


def target_rows(ctx: CheckContext, tolerances: Tolerances) -> list[TargetRow]:
    passages = {doc.document.path: main_passages(doc.document.text) for doc in ctx.documents}

    def is_main(claim: Claim) -> bool:
        return any(s <= claim.location.start < e for s, e in passages[claim.location.path])

    groups: dict[tuple, list[TargetAssessment]] = defaultdict(list)
    for item in assess_targets(ctx, tolerances):
        t, q = item.target, item.target.quantity
        groups[(t.location.path, t.region_code, t.metric, t.period, t.kind, q.low, q.high, q.qualifier)].append(item)
    rows = []
    for items in groups.values():
        main = any(is_main(i.target) for i in items)
        first = min(items, key=lambda i: (not is_main(i.target), i.target.location.start))
        verdicts = [i for i in items if i.verdict is not None]
        chosen = min(verdicts, key=lambda i: i.target.location.start) if verdicts else first
        rows.append(_row(ctx, chosen, main, tolerances,
                         tuple(_place(ctx, i.target) for i in items if i is not chosen)))
    rows.extend(relation_rows(ctx, rows, passages, tolerances))
    rows.sort(key=lambda r: (r.region_code or "~", r.year, not r.main, r.target.location.path, r.target.location.start))
    return rows


def _place(ctx: CheckContext, claim: Claim, note: str = "") -> Place:
    return Place(claim.location, ctx.line(claim), note)


def statement(ctx: CheckContext, claim: Claim) -> str:
    """The figure with the words of its clause; the metric is prefixed when the clause does not name it
    (增长5.4% after 全市生产总值…, the second name of a 分别 list)."""
    clause = clause_before(ctx, claim)
    name = claim.metric_text or ""
    if name and "分别" in clause:
        return f"{name}…{claim.text}"
    if name and name not in clause:
        return f"{name}…{clause}{claim.text}"
    return clause + claim.text


def _row(ctx: CheckContext, item: TargetAssessment, main: bool, tolerances: Tolerances,
         also: tuple[Place, ...]) -> TargetRow:
    target = item.target
    assert target.period is not None  # assessed targets are usable: one year each
    row: dict[str, Any] = dict(
               region=target.region, region_code=target.region_code, metric=target.metric, year=int(target.period),
               kind=target.kind, main=main, statement=statement(ctx, target), target=_place(ctx, target, "目标"),
               target_claim=target.id, direction=direction_of(ctx, target, tolerances), also=also,
               stretch=is_stretch(ctx, target))
    verdict = item.verdict
    if verdict is None:
        return TargetRow(**row, verdict=item.status, verdict_text=STATUS_TEXT[item.status])
    worse = verdict.difference < 0 if verdict.direction == "floor" else verdict.difference > 0
    status = "missed" if not verdict.met else "within_tolerance" if worse and verdict.tolerance else "met"
    text = outcome_text(verdict, sign_of(ctx, target) < 0) + ("（力争目标）" if row["stretch"] else "")
    return TargetRow(**row, verdict=status, outcome_statement=statement(ctx, verdict.outcome),
                     outcome=_place(ctx, verdict.outcome, "实际"), outcome_claim=verdict.outcome.id,
                     difference=verdict.difference, tolerance=verdict.tolerance, verdict_text=text)


# -- relations: 居民收入增长和经济增长同步 ---------------------------------------------------------------------

def relation_rows(ctx: CheckContext, rows: list[TargetRow], passages: dict[str, list[tuple[int, int]]],
                  tolerances: Tolerances) -> list[TargetRow]:
    """Targets stated as keeping pace with GDP growth, judged only when the outcome documents state both
    growth rates for the year: met when the metric grew at least as fast (the 左右 allowance in points)."""
    cues = target_cues()
    gdp = {(r.region_code, r.year): r for r in rows
           if r.metric == cues["relation_partner"] and r.kind == "growth_rate" and r.main}
    found = []
    for doc in ctx.documents:
        text = doc.document.text
        for start, end in passages[doc.document.path]:
            year, region = _passage_year_region(doc, start, end)
            if year is None:
                continue
            for phrase in cues["relation_phrases"]:
                at = text.find(phrase, start, end)
                if at == -1:
                    continue
                cut = max(text.rfind(mark, start, at) for mark in "，。；：、,;:") + 1
                subject = text[cut:at].strip()
                for suffix in ("增长", "增速", "增幅"):
                    subject = subject.removesuffix(suffix)
                if len(subject) < 2:
                    continue
                place = ctx.place_at(doc, cut, at + len(phrase), "目标")
                base: dict[str, Any] = dict(region=region.region if region else doc.document.region,
                            region_code=region.region_code if region else doc.document.region_code,
                            metric=canonical(subject), year=year, kind="relation", main=True,
                            statement=text[cut:at + len(phrase)], target=place, target_claim=None,
                            direction="relation")
                found.append(_judge_relation(ctx, base, gdp.get((base["region_code"], year)), tolerances))
    return found


def _passage_year_region(doc: DocumentClaims, start: int, end: int) -> tuple[int | None, Claim | None]:
    inside = [c for c in doc.claims if start <= c.location.start < end and c.role == "target"]
    years = [year_of(c.period) for c in inside if year_of(c.period) is not None]
    if not years:
        return None, None
    year = max(set(years), key=years.count)
    return year, next(c for c in inside if year_of(c.period) == year)


def _claim_indexes(ctx: CheckContext) -> tuple[dict[str, Claim], dict[tuple, list[Claim]]]:
    """The first claim of each id, and growth rates by (metric, region code, year), in reading order: each
    relation row looks its figures up instead of scanning every claim of the run."""
    if "target_table.indexes" not in ctx.memo:
        first_by_id: dict[str, Claim] = {}
        rates: dict[tuple, list[Claim]] = defaultdict(list)
        for c in ctx.claims:
            first_by_id.setdefault(c.id, c)
            if c.role == "growth_rate":
                rates[(c.metric, c.region_code, year_of(c.period))].append(c)
        ctx.memo["target_table.indexes"] = (first_by_id, rates)
    return ctx.memo["target_table.indexes"]


def _judge_relation(ctx: CheckContext, base: dict, gdp: TargetRow | None, tolerances: Tolerances) -> TargetRow:
    if gdp is None or gdp.outcome_claim is None:
        return TargetRow(**base, verdict="no_outcome", verdict_text=STATUS_TEXT["no_outcome"])
    first_by_id, rates = _claim_indexes(ctx)
    partner = first_by_id[gdp.outcome_claim]
    candidates = _relation_outcomes(ctx, rates, base["metric"], base["region_code"], base["year"])
    values = {signed_value(ctx, c) for c in candidates}
    if not candidates:
        return _judge_by_parts(ctx, base, partner, rates, tolerances)
    if len(values) > 1:
        return TargetRow(**base, verdict="ambiguous", verdict_text=STATUS_TEXT["ambiguous"])
    outcome = min(candidates, key=lambda c: (c.location.path, c.location.start))
    rate, pace = signed_value(ctx, outcome), signed_value(ctx, partner)
    if rate is None or pace is None:
        return TargetRow(**base, verdict="undecided", verdict_text=STATUS_TEXT["undecided"])
    difference = rate - pace
    tolerance = tolerances.approx_points
    verdict = "met" if difference >= 0 else "within_tolerance" if difference >= -tolerance else "missed"
    gap = f"{decimal_text(abs(difference))}个百分点"
    text = {"met": f"完成，增速不低于经济增速（高{gap}）" if difference else "完成，与经济增速持平",
            "within_tolerance": f"基本同步，增速低于经济增速{gap}", "missed": f"未同步，增速低于经济增速{gap}"}[verdict]
    return TargetRow(**base, verdict=verdict, verdict_text=text, outcome_statement=f"{statement(ctx, outcome)}，"
                     f"{statement(ctx, partner)}", outcome=_place(ctx, outcome, "实际"), outcome_claim=outcome.id,
                     difference=difference, tolerance=tolerance if verdict == "within_tolerance" else Decimal(0),
                     also=(_place(ctx, partner, "同年经济增长"),))


def _relation_outcomes(ctx: CheckContext, rates: dict[tuple, list[Claim]], metric: str | None, region_code: str | None,
                       year: int) -> list[Claim]:
    return [c for c in rates.get((metric, region_code, year), ())
            if (document_year(ctx, c) or 0) > year and passage_year(ctx, c) in (year, ANY_YEAR)
            and comparable(ctx, c)]


# 居民收入增长和经济增长同步, with only 城乡居民人均可支配收入分别增长4.2%、5.3% stated: the residents' rate
# lies between
RELATION_PARTS = {"居民人均可支配收入": ("城镇居民人均可支配收入", "农村居民人均可支配收入")}


def _judge_by_parts(ctx: CheckContext, base: dict, partner: Claim, rates: dict[tuple, list[Claim]],
                    tolerances: Tolerances) -> TargetRow:
    """The relation judged from the urban and the rural rate when the residents' own is not stated: met when both
    kept pace, missed when both lagged beyond tolerance, otherwise undecided (the average lies in between)."""
    parts = [_relation_outcomes(ctx, rates, name, base["region_code"], base["year"])
             for name in RELATION_PARTS.get(base["metric"], ())]
    if not parts or not all(parts) or any(len({signed_value(ctx, c) for c in found}) > 1 for found in parts):
        return TargetRow(**base, verdict="no_outcome", verdict_text=STATUS_TEXT["no_outcome"])
    outcomes = [min(found, key=lambda c: (c.location.path, c.location.start)) for found in parts]
    rates_ = [rate for c in outcomes if (rate := signed_value(ctx, c)) is not None]
    pace = signed_value(ctx, partner)
    if pace is None or len(rates_) < len(outcomes):
        return TargetRow(**base, verdict="undecided", verdict_text=STATUS_TEXT["undecided"])
    low, high = min(rates_) - pace, max(rates_) - pace
    tolerance = tolerances.approx_points
    if low >= 0:
        verdict, text = "met", "完成，城镇、农村居民收入增速均不低于经济增速"
    elif high < -tolerance:
        verdict, text = "missed", f"未同步，城镇、农村居民收入增速均低于经济增速（至少{decimal_text(-high)}个百分点）"
    else:
        verdict, text = "undecided", "结果不足以判断：城镇、农村居民收入增速一快一慢，全体居民增速未说明"
    difference = high if verdict == "missed" else low if verdict == "met" else None
    return TargetRow(**base, verdict=verdict, verdict_text=text,
                     outcome_statement="，".join([*(statement(ctx, c) for c in outcomes), statement(ctx, partner)]),
                     outcome=_place(ctx, outcomes[0], "实际"), outcome_claim=outcomes[0].id, difference=difference,
                     tolerance=Decimal(0),
                     also=(_place(ctx, outcomes[1], "实际"), _place(ctx, partner, "同年经济增长")))
