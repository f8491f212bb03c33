"""FC8, a newsroom's declared rules (1 of 2): figures held to the confirmed-figures registry (FC801) and to
declared plausible ranges (FC802). Both look at one claim at a time, so their findings on a run are the
union of their findings on each document: document scope (checks/base.py)."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.checks.base import CheckContext
from factcheck.checks.evidence.declarations import FACTS, RULES, DeclaredCheck
from factcheck.checks.evidence.declared_claims import (
    names_its_metric,
    spell_stated,
    stated,
    stated_figures,
    unequivocal,
)
from factcheck.checks.evidence.declared_terms import national_name
from factcheck.checks.evidence.figures import overlaps
from factcheck.checks.evidence.registry import Fact, aspects_compatible
from factcheck.checks.same_fact import subject
from factcheck.model.findings import Finding


class ContradictsConfirmedFigure(DeclaredCheck):
    code = "FC801"
    name = "contradicts-confirmed-figure"
    summary = "数字与登记的核实数字（同一地区、指标、时期）不符。"
    why = ("The newsroom has confirmed this figure with its source (the statistics bureau's bulletin, the "
           "ministry's count): a figure for the same region, metric and period that no rounding or hedge "
           "reconciles with it is wrong, however many documents of the run repeat it.")
    summary_en = "A figure disagrees with the confirmed figure in the registry (same region, metric and period)."
    why_zh = ("新闻单位已按来源（统计局公报、部委统计）核实过这个数字：同一地区、指标、时"
              "期的数字，若无法以四舍五入或约数解释，就是错的，无论本次有多少文件重复它。")
    severity = "error"
    scope = "document"
    declaration = FACTS
    example_file = "facts.csv"
    example_declaration = (
        "region,metric,period,value,source,date\n"
        "无锡市,国家重点实验室,2024,4家,无锡市科技局,2025-01-20\n"
        "江苏省,地区生产总值,2024,13.7万亿元,江苏省统计局,2025-03-03\n"
        "江苏省,地区生产总值,2024,增长5.8%,江苏省统计局,2025-03-03\n"
    )
    bad_spans = ("5家", "14.2万亿元", "超14万亿元", "6.8%")
    bad = (
        "截至2024年底，无锡累计牵头建设国家重点实验室5家。",
        "2024年，江苏地区生产总值达14.2万亿元。",
        "2024年，江苏地区生产总值超14万亿元，比上年增长5.8%。",
        "2024年，江苏地区生产总值13.7万亿元，比上年增长6.8%。",
    )
    good = (
        "截至2024年底，无锡累计牵头建设全国重点实验室4家。",
        "2024年，江苏地区生产总值达137008亿元，比上年增长5.8%。",
        "2024年，江苏地区生产总值约13.7万亿元。",
        "2025年，江苏地区生产总值力争增长5%左右。",
        "截至2024年底，苏州累计牵头建设国家重点实验室5家。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        registry = self.registry()
        if not registry:
            return
        for figure in unequivocal(ctx):
            facts = [f for f in registry.facts_for(figure.key) if aspects_compatible(f.figure.aspect, figure.aspect)]
            if not facts or any(overlaps(figure.quantity, f.figure.quantity) for f in facts):
                continue
            claim, fact = figure.claim, facts[0]
            yield self.finding(ctx, claim, f"{subject(claim)}：{spell_stated(figure)} 与核实数字 "
                                           f"{fact.figure.text} 不符（{_source(fact)}）")

    def confirmed(self, ctx: CheckContext) -> set[str]:
        """The ids of the claims that state a registered figure, and agree with it."""
        registry = self.registry()
        if not registry:
            return set()
        return {figure.claim.id for figure in stated_figures(ctx)
                if any(overlaps(figure.quantity, f.figure.quantity)
                       and aspects_compatible(f.figure.aspect, figure.aspect) for f in registry.facts_for(figure.key))}


def _source(fact: Fact) -> str:
    dated = f"，{fact.date}" if fact.date else ""
    return f"来源：{fact.source}{dated}；登记于 {fact.where}"


class OutOfBounds(DeclaredCheck):
    code = "FC802"
    name = "out-of-bounds"
    summary = "数字超出规则文件为该指标声明的合理范围（bounds 规则）。"
    why = ("An unemployment rate of 45% or a GDP growth of 58% is a slipped decimal point or a wrong unit far "
           "more often than news; the newsroom declares what is plausible for its metrics, and a figure "
           "outside it deserves a second look before it is printed.")
    summary_en = "A figure lies outside the plausible range a rule file declares for its metric (a bounds rule)."
    why_zh = ("失业率45%、GDP增长58%，多半是小数点错位或单位写错，而非新闻"
              "；新闻单位为其指标声明合理范围，超出范围的数字在刊发前值得再看一眼。")
    severity = "warning"
    scope = "document"
    declaration = RULES
    rule_type = "bounds"
    example_file = "rules.toml"
    example_declaration = (
        '[[rule]]\nid = "unemployment-plausible"\ntype = "bounds"\nmetric = "城镇调查失业率"\n'
        'min = "2%"\nmax = "10%"\n\n'
        '[[rule]]\nid = "gdp-growth-plausible"\ntype = "bounds"\nmetric = ["地区生产总值", "国内生产总值"]\n'
        'kind = "growth_rate"\nmin = "-30%"\nmax = "50%"\nseverity = "error"\n'
        'message = "{region}{metric}{figure}超出合理范围{range}，请核对小数点"\n'
    )
    bad_spans = ("45%", "58%", "35%")
    bad = (
        "2024年，全市城镇调查失业率为45%。",
        "2024年，无锡地区生产总值15519亿元，比上年增长58%。",
        "2024年，无锡地区生产总值比上年下降35%。",
    )
    good = (
        "2024年，全市城镇调查失业率为4.5%。",
        "2024年，无锡地区生产总值15519亿元，比上年增长5.8%。",
        "2024年，无锡规模以上工业增加值比上年下降3.2%。",
        "2024年，全市新能源汽车产量增长58%。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        rules = self.rules()
        if not rules:
            return
        for claim in ctx.claims:
            if not claim.metric or claim.quantity.dimension in ("rank", "duration", "other"):
                continue
            read, metric = None, national_name(claim.metric, claim.region_code)
            for rule in rules:
                if rule.names and metric not in rule.names and claim.metric not in rule.names:
                    continue
                if (claim.quantity.unit, claim.quantity.dimension) != rule.unit:
                    continue
                if rule.region_code is not None and not _within(ctx, claim.region_code, rule.region_code):
                    continue
                if read is None:
                    if not names_its_metric(ctx, claim):
                        break
                    read = stated(ctx, claim)
                if read.kind != rule.kind or rule.admits(read.quantity):
                    continue
                yield self.finding(
                    ctx, claim,
                    self.message(rule, "{region}{metric}{figure}，超出声明的合理范围{range}", {
                        "region": claim.region or "", "period": claim.period or "", "metric": claim.metric,
                        "figure": spell_stated(read), "min": rule.low.text if rule.low else "",
                        "max": rule.high.text if rule.high else "", "range": rule.range_text()}),
                    key=f"{rule.id}|{claim.region_code}|{claim.metric}|{claim.period}", severity=self.level_of(rule))


def _within(ctx: CheckContext, code: str | None, outer: str) -> bool:
    if code is None:
        return False
    inner, whole = ctx.gazetteer.get(code), ctx.gazetteer.get(outer)
    return inner is not None and whole is not None and ctx.gazetteer.is_within(inner, whole)
