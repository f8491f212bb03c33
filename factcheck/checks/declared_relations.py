"""FC8, a newsroom's declared rules (2 of 2): relations between metrics declared in rule files — a sum (FC803), a
ratio (FC804), an order (FC805) — checked on the figures the run states for one region and period.

A relation is checked for each document that states one of its metrics, on that document's figures and, for
the metrics it does not state, on the other documents' (a draft that gives only the urban income is held to
the bulletin's rural income). Only figures that state their region's figure plainly take part
(declared_claims.states_its_figure), and a metric whose figures disagree among themselves is left to FC101.
Corpus scope: the figures of a relation may stand in different documents; focus runs load the reference
figures of the metrics a focus figure's relations name (factcheck.scale.focus)."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.checks.base import CheckContext
from factcheck.checks.evidence.declarations import RULES, DeclaredCheck
from factcheck.checks.evidence.declared_claims import Stated, by_region_and_period, hull, statement_sets
from factcheck.checks.evidence.declared_terms import amount_text
from factcheck.checks.evidence.figures import spell
from factcheck.model.findings import Finding

_EXAMPLE_TEXT = "2024年，无锡地区生产总值15519亿元。"


class _RelationCheck(DeclaredCheck):
    declaration = RULES
    example_file = "rules.toml"
    pairs_on = ("declared-relation",)  # a focus run loads the figures of the metrics a rule names

    def groups(self, ctx: CheckContext, rule):
        """(region code, period, document's first figure, {metric: figures}) for each set the rule is checked on."""
        for (region, period), by_metric in by_region_and_period(ctx, (rule.kind,)).items():
            for anchor, chosen in statement_sets(by_metric, rule.metrics()):
                units = {(f.quantity.unit, f.quantity.dimension) for pick in chosen.values() for f in pick}
                yield region, period, anchor, chosen, units

    def report(self, ctx: CheckContext, rule, region, period, anchor: Stated, chosen, message: str) -> Finding:
        related = [(f.claim, f"{metric} {spell(f.claim)}") for metric, pick in chosen.items() for f in pick
                   if f.claim is not anchor.claim]
        return self.finding(ctx, anchor.claim, message, related=related, key=f"{rule.id}|{region}|{period}",
                            severity=self.level_of(rule))


def _common(rule, anchor: Stated) -> dict[str, str]:
    claim = anchor.claim
    return {"region": claim.region or "", "period": claim.period or "", "metric": claim.metric or "",
            "figure": spell(claim)}


def _spelled(figures: list[Stated]) -> str:
    return "、".join(dict.fromkeys(spell(f.claim) for f in figures))


class DeclaredSumMismatch(_RelationCheck):
    code = "FC803"
    name = "declared-sum-mismatch"
    summary = "声明的加总关系不成立：各部分之和与总数不符（sum 规则）。"
    why = ("The three industries add up to GDP and urban plus rural population is the resident population, by "
           "definition: when the figures stated for one region and year do not add up beyond their rounding, "
           "one of them is wrong.")
    summary_en = "A declared sum does not hold: the parts do not add up to the total (a sum rule)."
    why_zh = ("三次产业增加值之和即地区生产总值，城镇人口加乡村人口即常住人口，这是"
              "定义：同一地区、同一年份的数字在舍入之外加不起来，其中必有一个是错的。")
    severity = "error"
    rule_type = "sum"
    example_declaration = (
        '[[rule]]\nid = "gdp-three-sectors"\ntype = "sum"\ntotal = "地区生产总值"\n'
        'parts = ["第一产业增加值", "第二产业增加值", "第三产业增加值"]\ntolerance = "0.1%"\n\n'
        '[[rule]]\nid = "population-urban-rural"\ntype = "sum"\ntotal = "常住人口"\n'
        'parts = ["城镇常住人口", "乡村常住人口"]\n'
    )
    bad_spans = ("15519亿元", "750.3万人", "15519亿元")
    bad = (
        _EXAMPLE_TEXT + "其中，第一产业增加值137亿元，第二产业增加值7380亿元，第三产业增加值9002亿元。",
        "2024年末，无锡常住人口750.3万人，城镇常住人口628万人，乡村常住人口132.3万人。",
        _EXAMPLE_TEXT + "\n===\n2024年，无锡第一产业增加值137亿元，第二产业增加值7380亿元，第三产业增加值7002亿元。",
    )
    good = (
        _EXAMPLE_TEXT + "其中，第一产业增加值137亿元，第二产业增加值7380亿元，第三产业增加值8002亿元。",
        "2024年末，无锡常住人口750.3万人，城镇常住人口618万人，乡村常住人口132.3万人。",
        _EXAMPLE_TEXT + "第二产业增加值7380亿元。",
        "2024年，无锡第一产业增加值137亿元，第二产业增加值7380亿元，第三产业增加值8002亿元。\n===\n"
        "2023年，无锡地区生产总值15456亿元。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for rule in self.rules():
            for region, period, anchor, chosen, units in self.groups(ctx, rule):
                total, parts = hull(chosen[rule.total]), [hull(chosen[p]) for p in rule.parts]
                if len(units) != 1 or rule.holds(total, parts):
                    continue
                values = [chosen[p][0].quantity.value for p in rule.parts]
                added = amount_text(sum(values), total.unit, total.dimension) if None not in values else "—"
                message = self.message(rule, "{region}{period}年{parts}合计{sum}，与{total}{total_figure}不符", {
                    **_common(rule, anchor), "total": rule.total, "parts": "、".join(rule.parts), "sum": added,
                    "total_figure": _spelled(chosen[rule.total])})
                yield self.report(ctx, rule, region, period, anchor, chosen, message)


class DeclaredRatioMismatch(_RelationCheck):
    code = "FC804"
    name = "declared-ratio-mismatch"
    summary = "声明的比率关系不成立：结果与分子除以分母不符（ratio 规则）。"
    why = ("A per-capita figure is the total divided by the population and a share is the part over the whole: "
           "when the three figures stated for one region and year cannot satisfy the definition within the "
           "declared tolerance, one of them is wrong or the wrong population was used.")
    summary_en = "A declared ratio does not hold: the result is not the numerator over the denominator (a ratio rule)."
    why_zh = ("人均值是总量除以人口，占比是部分除以整体：同一地区、同一年份的三个"
              "数字在声明的容差内满足不了定义时，其中一个有错，或用错了人口口径。")
    severity = "warning"
    rule_type = "ratio"
    example_declaration = (
        '[[rule]]\nid = "gdp-per-capita"\ntype = "ratio"\nresult = "人均地区生产总值"\nnumerator = "地区生产总值"\n'
        'denominator = "常住人口"\ntolerance = "2%"\n\n'
        '[[rule]]\nid = "urbanisation"\ntype = "ratio"\nresult = "常住人口城镇化率"\nnumerator = "城镇常住人口"\n'
        'denominator = "常住人口"\ntolerance = "0.2%"\n'
    )
    bad_spans = ("25.7万元", "78.4%")
    bad = (
        _EXAMPLE_TEXT + "年末常住人口750.3万人。人均地区生产总值25.7万元。",
        "2024年末，无锡常住人口750.3万人，城镇常住人口618万人。常住人口城镇化率为78.4%。",
    )
    good = (
        _EXAMPLE_TEXT + "年末常住人口750.3万人。人均地区生产总值20.7万元。",
        "2024年末，无锡常住人口750.3万人，城镇常住人口618万人。常住人口城镇化率为82.4%。",
        _EXAMPLE_TEXT + "人均地区生产总值25.7万元。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for rule in self.rules():
            for region, period, anchor, chosen, _ in self.groups(ctx, rule):
                result, numerator = hull(chosen[rule.result]), hull(chosen[rule.numerator])
                denominator = hull(chosen[rule.denominator])
                if rule.holds(result, numerator, denominator):
                    continue
                low, high = rule.expected(result, numerator, denominator)
                expected = amount_text((low + high) / 2, result.unit, result.dimension)
                message = self.message(
                    rule, "{region}{period}年{result}{result_figure}，按{numerator}÷{denominator}应约为{expected}", {
                        **_common(rule, anchor), "result": rule.result, "numerator": rule.numerator,
                        "denominator": rule.denominator, "expected": expected,
                        "result_figure": _spelled(chosen[rule.result])})
                yield self.report(ctx, rule, region, period, anchor, chosen, message)


class DeclaredOrder(_RelationCheck):
    code = "FC805"
    name = "declared-order"
    summary = "声明的大小关系不成立：一个指标超过了规则规定不应超过的指标（order 规则）。"
    why = ("Urban incomes are above the all-residents average and that is above rural incomes, in every "
           "region and year: a rural figure above the urban one for the same region and year is a swapped "
           "pair or a wrong figure.")
    summary_en = ("A declared order does not hold: one metric exceeds another that a rule says it never "
                  "exceeds (an order rule).")
    why_zh = ("城镇居民收入高于全体居民平均、全体居民又高于农村居民，各地各年"
              "皆然：同一地区、同一年份农村数字高于城镇，是两数颠倒或数字有误。")
    severity = "error"
    rule_type = "order"
    example_declaration = (
        '[[rule]]\nid = "income-order"\ntype = "order"\n'
        'descending = ["城镇居民人均可支配收入", "居民人均可支配收入", "农村居民人均可支配收入"]\n'
    )
    bad_spans = ("3.9万元", "8.1万元")
    bad = (
        "2024年，无锡城镇居民人均可支配收入8.1万元，农村居民人均可支配收入4.5万元，全体居民人均可支配收入3.9万元。",
        "2024年，无锡城镇居民人均可支配收入4.5万元。\n===\n2024年，无锡农村居民人均可支配收入8.1万元。",
    )
    good = (
        "2024年，无锡城镇居民人均可支配收入8.1万元，农村居民人均可支配收入4.5万元，全体居民人均可支配收入7.0万元。",
        "2024年，无锡城镇居民人均可支配收入8.1万元。\n\n2014年，无锡农村居民人均可支配收入2.3万元。",
        "2024年，无锡城镇居民人均可支配收入增长4.5%，农村居民人均可支配收入增长6.1%。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for rule in self.rules():
            for (region, period), by_metric in by_region_and_period(ctx, (rule.kind,)).items():
                for i, greater in enumerate(rule.ranked):
                    for lesser in rule.ranked[i + 1:]:
                        yield from self._pairs(ctx, rule, region, period, greater, lesser, by_metric)

    def _pairs(self, ctx, rule, region, period, greater: str, lesser: str, by_metric) -> Iterator[Finding]:
        for high in by_metric.get(greater, ()):
            for low in by_metric.get(lesser, ()):
                if ((high.quantity.unit, high.quantity.dimension) != (low.quantity.unit, low.quantity.dimension)
                        or rule.holds(high.quantity, low.quantity)):
                    continue
                first, second = sorted((high, low), key=lambda f: f.at)
                message = self.message(rule, "{region}{period}年{lesser}{lesser_figure}高于{greater}{greater_figure}", {
                    **_common(rule, second), "greater": greater, "lesser": lesser,
                    "greater_figure": spell(high.claim), "lesser_figure": spell(low.claim)})
                yield self.finding(ctx, second.claim, message,
                                   related=[(first.claim, f"{first.claim.metric} {spell(first.claim)}")],
                                   key=f"{rule.id}|{region}|{period}|{greater}|{lesser}", severity=self.level_of(rule))

