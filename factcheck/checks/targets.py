"""FC4: targets against the figures before and after them — a target already reached, the growth a target
needs, and whether a target was met when a later document reports the outturn."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from factcheck.checks.base import Check, CheckContext, Option
from factcheck.checks.evidence.figures import spell
from factcheck.checks.evidence.local import (
    aspect_of,
    clause_before,
    is_average,
    plain,
    qualifier_of,
    sentence_before,
    sign_of,
    signed_bounds,
    signed_value,
)
from factcheck.checks.evidence.target_matching import (
    Baseline,
    TargetOutcome,
    Tolerances,
    direction_of,
    find_baseline,
    history,
    is_stretch,
    level_series,
    match_target_outcomes,
    tolerances_from,
    usable_target,
)
from factcheck.checks.same_fact import where
from factcheck.extract.attributes import cues
from factcheck.model.claims import Claim
from factcheck.model.findings import Finding

_MAINTAIN = ("保持", "稳定在", "稳定", "守住", "巩固", "维持", "不低于", "持续", "始终", "继续")
_BY_YEAR = regex.compile(r"到\s*(?:19|20)\d\d\s*年")


def amount(value: Decimal, claim: Claim) -> str:
    """A difference in the claim's terms: 0.7个百分点 for rates and shares, 3.4万户 for counts."""
    unit = claim.quantity.unit or ""
    if unit == "%":
        return f"{_plain_number(abs(value))}个百分点"
    size = abs(value)
    for scale, word in ((Decimal("1e8"), "亿"), (Decimal("1e4"), "万")):
        if size >= scale:
            return f"{_plain_number(size / scale)}{word}{unit}"
    return f"{_plain_number(size)}{unit}"


def _plain_number(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return text or "0"


def subject(claim: Claim) -> str:
    return " ".join(p for p in (claim.region, claim.metric) if p)


def _is_maintain(ctx: CheckContext, claim: Claim) -> bool:
    return any(word in clause_before(ctx, claim) for word in _MAINTAIN)


def _is_level_target(ctx: CheckContext, target: Claim) -> bool:
    clause = clause_before(ctx, target)
    # 到2025年力争培育…500家 is a total to reach; 培育 alone does not make a target a flow
    if any(word in clause for word in cues().flow_action if word != "培育") or aspect_of(ctx, target) == "flow":
        return False
    return any(word in clause for word in cues().level_target) or bool(_BY_YEAR.search(sentence_before(ctx, target)))


def _is_flow(ctx: CheckContext, claim: Claim) -> bool:
    """What a year adds (新增, 新建, 筹集, 改造…), not a level reached."""
    return aspect_of(ctx, claim) == "flow" or bool(_actions(ctx, claim))


def _actions(ctx: CheckContext, claim: Claim) -> frozenset[str]:
    """The flow verbs of a figure's clause (培育 left out: 力争培育…500家 is a total to reach)."""
    clause = clause_before(ctx, claim)
    return frozenset(word for word in cues().flow_action if word in clause and word != "培育")


_FROM_BEFORE = regex.compile(r"(?:从|由)[^，。；\d]{0,8}$")
_TO_BETWEEN = regex.compile(r"^[^，。；\d]{0,8}?(?:到|至)(?!\s*(?:19|20)\d\d\s*年)")


def _states_the_change(ctx: CheckContext, baseline: Claim, target: Claim) -> bool:
    """从3万元提高到10万元 in one sentence: a decision stated with both ends, not a target to grow towards."""
    if baseline.location.path != target.location.path or baseline.sentence != target.sentence:
        return False
    return bool(_FROM_BEFORE.search(clause_before(ctx, baseline))
                and _TO_BETWEEN.match(ctx.text_between(baseline, target)))


def _is_stock_baseline(ctx: CheckContext, baseline: Claim) -> bool:
    """FC401 compares levels only: a baseline that says it is a stock (rules/cues.toml [aspect] running_total)."""
    words = clause_before(ctx, baseline) + plain(baseline.metric_text or "")
    if any(word in words for word in cues().running_total):
        return True  # 累计建成 is a stock though 建成 alone would be a flow
    # A count of enterprises or institutions (家) with no flow word is a stock: 高新技术企业超6.1万家.
    return baseline.quantity.unit == "家" and not any(word in words for word in cues().flow_action)


def _baseline_note(baseline: Baseline) -> str:
    return f"（基数未写年份，按上文{baseline.year}年计）" if baseline.year_inferred else ""


class TargetAtOrBelowBaseline(Check):
    code = "FC401"
    name = "target-at-or-below-baseline"
    summary = "某年的目标值不高于此前已报告的实际值：目标可能已过时，或目标与实际口径不同。"
    why = ("A target for a later year that an earlier actual already meets asks for nothing; either the target "
           "was copied from an old plan, or the target and the actual do not measure the same thing.")
    summary_en = (
        "A year's target is no higher than an actual value reported earlier: the target may be outdated, or t"
        "arget and actual measure different things.")
    why_zh = (
        "较晚年份的目标若已被更早的实际值达到，就等于没有提出要求：要么目标抄自旧规划，要么目标和实际值的统计口径"
        "不同。")
    severity = "warning"
    pairs_on = ("metric-region",)
    process_group = "targets"
    bad = (
        "2023年苏州国家级专精特新“小巨人”企业达到520家。\n\n到2025年，力争苏州国家级专精特新“小巨人”企业达到500家以上。",
        "截至2023年底，无锡累计建成5G基站3.2万个。\n===\n到2025年，无锡5G基站力争达到3万个。",
    )
    bad_spans = ("500家以上", "3万个")
    good = (
        "2022年苏州国家级专精特新“小巨人”企业171家。到2025年，力争苏州国家级专精特新“小巨人”企业500家以上。",
        "2024年江苏粮食产量800亿斤。2025年江苏粮食产量稳定在750亿斤以上。",
        "2024年江苏新增高新技术企业6000家。2025年力争江苏高新技术企业达到5万家。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        series = level_series(ctx)
        for target in ctx.claims:
            if (not usable_target(ctx, target) or target.kind not in ("actual", "share")
                    or direction_of(ctx, target, Tolerances()) != "floor" or qualifier_of(ctx, target) == "approx"
                    or not _is_level_target(ctx, target) or _is_maintain(ctx, target)):
                continue
            found = find_baseline(ctx, target, series)
            if found is None or not _is_stock_baseline(ctx, found.baseline):
                continue
            goal, reached = signed_value(ctx, target), signed_bounds(ctx, found.baseline)[0]
            if goal is None or reached is None or reached < goal:
                continue
            base = found.baseline
            yield self.finding(
                ctx, target,
                f"{subject(target)}：{target.period}年目标 {spell(target)}（{where(target, base)}），"
                f"而{found.year}年已达 {spell(base)}（{where(base, target)}）{_baseline_note(found)}，"
                f"目标不高于已有水平，可能已过时或口径不同",
                related=[(base, f"{found.year}年的实际值")],
                key=f"{target.region_code}|{target.metric}|{target.period}|baseline",
            )


class TargetGrowthRequired(Check):
    code = "FC402"
    name = "target-growth-required"
    summary = "目标值相对最近一期实际值所需的年均增速；远高于文中写明的或以往的增速时提醒。"
    why = ("A target is only as credible as the growth it needs: 171 → 500 in three years is about 43% a year. "
           "When that is far above the rate the text states or the series has shown, the target, the baseline "
           "or their scopes deserve a second look.")
    summary_en = (
        "The average annual growth a target needs from the latest actual value; flagged when far above the ra"
        "te the text states or the series has shown.")
    why_zh = (
        "目标是否可信，要看它需要多快的增长：三年从171到500，年均约43%。所需增速远高于文中写明的或以往实现的增速"
        "时，目标、基数或两者的口径都值得再看一眼。")
    severity = "info"
    pairs_on = ("metric-region",)
    process_group = "targets"
    options = {
        "warn_factor": Option("decimal",
                              "warn when the growth needed is at least this many times the stated or earlier rate"),
        "warn_min_points": Option("decimal", "... and at least this many percentage points above it"),
        "warn_severity": Option("severity", "severity of such a warning"),
    }
    bad = (
        "2022 年苏州规上工业总产值达 4.36 万亿元。建立专精特新企业培育库，累计入选国家级专精特新“小巨人”企业 171 家。"
        "到 2025 年，力争培育国家级专精特新“小巨人”企业 500 家以上。",
        "苏州市人民政府\n2022 年苏州四大产业创新集群产值达 3.8 万亿元，到 2025 年力争突破 5万亿元。",
        "2022年无锡高新技术企业产值1000亿元。2023年无锡高新技术企业产值1100亿元。到2025年，"
        "力争无锡高新技术企业产值达到3000亿元。",
    )
    bad_spans = ("500 家以上", "突破 5万亿元", "3000亿元")
    good = (
        "2024年江苏粮食产量800亿斤。2025年江苏粮食产量稳定在750亿斤以上。",
        "2024年江苏地区生产总值增长5.8%。2025年江苏地区生产总值增长5%左右。",
        "2024年苏州新增高新技术企业3000家。到2025年，苏州高新技术企业总数力争达到2万家。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        series = level_series(ctx)
        factor = Decimal(str(self.setting("warn_factor")))
        min_points = Decimal(str(self.setting("warn_min_points")))
        for target in ctx.claims:
            if (not usable_target(ctx, target) or target.kind != "actual" or target.quantity.unit == "%"
                    or direction_of(ctx, target, Tolerances()) != "floor"):
                continue
            found = find_baseline(ctx, target, series)
            if found is None or _is_flow(ctx, target) or _is_flow(ctx, found.baseline):
                continue  # a year's flow (新建…N个, 改造老旧小区N万户) is no level to grow towards
            if _states_the_change(ctx, found.baseline, target):
                continue  # 起征点从月销售额3万元提高到10万元: the sentence decides the change, it needs no growth
            goal, base = signed_value(ctx, target), signed_value(ctx, found.baseline)
            assert target.period is not None  # usable_target: a target for one year
            years = int(target.period) - found.year
            if goal is None or base is None or base <= 0 or goal <= base or years < 1:
                continue
            needed = _annual_rate(base, goal, years)
            reference, source = self._reference(ctx, target, found, series)
            warn = reference is not None and needed >= reference * factor and needed - reference >= min_points
            baseline = found.baseline
            message = (f"{subject(target)}：从{found.year}年的 {spell(baseline)}（{where(baseline, target)}）"
                       f"{_baseline_note(found)}到{target.period}年的目标 {spell(target)}"
                       f"（{where(target, baseline)}），"
                       f"需年均增长约{_plain_number(needed)}%（{years}年）")
            if warn and reference is not None:  # warn implies it
                message += f"，远高于{source}{_plain_number(reference)}%"
            yield self.finding(
                ctx, target, message, related=[(baseline, f"{found.year}年的基数")],
                key=f"{target.region_code}|{target.metric}|{target.period}|growth-required",
                severity=self.setting("warn_severity") if warn else None,
            )

    def _reference(self, ctx: CheckContext, target: Claim, found: Baseline,
                   series: dict) -> tuple[Decimal | None, str]:
        """The growth rate the target should be read against: an average rate stated in the target's own
        sentence (年均增长10%), else the series' own rate over earlier years."""
        for claim in ctx.claims_in_sentence(target):
            if (claim.kind == "growth_rate" and claim.metric == target.metric
                    and claim.quantity.unit == "%" and is_average(ctx, claim) and claim.quantity.value is not None):
                return claim.quantity.value, "文中写明的年均增速"
        earlier = [c for c in history(ctx, found, series) if signed_value(ctx, c)]
        if not earlier:
            return None, ""
        first = min(earlier, key=lambda c: int(c.period))  # type: ignore[arg-type]  # history(): dated claims only
        start, end = signed_value(ctx, first), signed_value(ctx, found.baseline)
        assert first.period is not None  # history() yields dated claims only
        years = found.year - int(first.period)
        if start is None or end is None or start <= 0 or end <= 0 or years < 1:
            return None, ""
        return _annual_rate(start, end, years), f"{first.period}—{found.year}年的年均增速"


def _annual_rate(start: Decimal, end: Decimal, years: int) -> Decimal:
    """Compound annual growth in percent, to one decimal."""
    rate = (float(end) / float(start)) ** (1 / years) - 1
    return Decimal(str(round(rate * 100, 1)))


class TargetMetOrMissed(Check):
    code = "FC403"
    name = "target-outcome"
    summary = "某年的目标与后来文件报告的当年实际值对照：完成（提示）或未完成（警告），并给出差距。"
    why = ("A report that sets 增长5%左右 for a year and a later report that states the year's outturn together "
           "say whether the target was met; an editor should see a miss stated plainly, and a 'met' claim "
           "that the figures do not support.")
    summary_en = (
        "A year's target set against the outcome a later document reports for that year: met (info) or missed"
        " (warning), with the gap.")
    why_zh = (
        "一份报告定下某年“增长5%左右”，后来的报告给出当年实绩，两者合起来就说明目标是否完成；编辑应当看到明白写出"
        "的未完成，以及数字不支持的“已完成”说法。")
    severity = "warning"
    pairs_on = ("metric-region",)
    process_group = "targets"
    options = {
        "approx_points": Option("decimal", "a 左右 percent target is met within this many points"),
        "approx_relative": Option("decimal", "a 左右 target of another unit is met within this fraction of its value"),
        "ceiling_words": Option("words", "metrics whose target is a ceiling even when stated 左右", words="ceiling"),
        "met_severity": Option("severity", "severity when a target was met"),
        "stretch_severity": Option("severity", "severity when only the 力争 figure after a firm one was missed"),
    }
    bad = (
        "2025年1月14日\n今年河北省经济社会发展主要预期目标是：地区生产总值增长5%左右，城镇新增就业120万人以上。\n===\n"
        "2026年1月26日\n刚刚过去的2025年，河北省地区生产总值增长4.2%，城镇新增就业125万人。",
        "2025年1月20日\n安徽省人民政府工作报告\n今年，全省改造城中村和城市危旧房6万户以上。\n===\n"
        "2026年2月5日\n安徽省人民政府工作报告\n过去一年，全省改造城中村和城市危旧房2.6万户。",
        # the review of the past year runs over several paragraphs after 一、工作回顾: all about 2025
        "2025年1月20日\n吉林省政府工作报告\n2025年经济社会发展主要预期目标是：社会消费品零售总额增长6%左右，"
        "粮食产量880亿斤以上。\n===\n2026年1月27日\n吉林省政府工作报告\n一、工作回顾\n"
        "2025年是“十四五”收官之年，全省地区生产总值增长5%。\n主要做了以下工作。\n"
        "一是全力以进促稳。社会消费品零售总额增长3.9%。\n二是推进乡村全面振兴。粮食总产量达到871.6亿斤。",
        # 城镇、农村居民人均可支配收入分别…: both halves of the pair are targets
        "2025年1月20日\n海南省政府工作报告\n主要预期目标是：城镇和农村常住居民人均可支配收入分别增长6.5%左右、"
        "7.5%左右。\n===\n2026年1月27日\n海南省政府工作报告\n一、2025年工作回顾\n这一年，我们迎难而上。\n"
        "城镇、农村居民人均可支配收入分别增长3.4%、5.2%。",
    )
    bad_spans = ("4.2%", "2.6万户", "3.9%", "3.4%")
    good = (
        "2025年1月14日\n今年河北省经济社会发展主要预期目标是：地区生产总值增长5%左右。\n===\n"
        "2026年1月26日\n过去五年，河北省地区生产总值年均增长4.2%。",
        "2025年1月14日\n今年甘肃省经济社会发展主要预期目标是：固定资产投资增长5%左右。\n===\n"
        "2026年1月26日\n刚刚过去的2025年，甘肃省扣除房地产开发投资后，固定资产投资增长2.7%。",
        "2025年1月14日\n今年河北省经济社会发展主要预期目标是：地区生产总值增长5%左右。\n===\n"
        "2026年1月26日\n2024年，河北省地区生产总值增长4.2%。",
        # after the review section, the paragraphs about five years are not the year's
        "2025年1月20日\n吉林省政府工作报告\n2025年经济社会发展主要预期目标是：社会消费品零售总额增长6%左右。\n===\n"
        "2026年1月27日\n吉林省政府工作报告\n一、工作回顾\n2025年是“十四五”收官之年。\n"
        "“十四五”时期是吉林砥砺奋进的五年。\n这是消费扩容的五年。\n社会消费品零售总额增长31.5%。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for pair in match_target_outcomes(ctx, tolerances_from(self.settings)):
            target, outcome = pair.target, pair.outcome
            stretch = is_stretch(ctx, target)  # 增长7%以上、力争达到8%: missing 8% is noted, not warned of
            head = (f"{subject(target)} {target.period}年{'力争' if stretch else ''}目标 {_spell_signed(ctx, target)}"
                    f"（{where(target, outcome)}），实际 {_spell_signed(ctx, outcome)}（{where(outcome, target)}）：")
            severity = (self.setting("met_severity") if pair.met
                        else self.setting("stretch_severity") if stretch else None)
            yield self.finding(
                ctx, outcome, head + outcome_text(pair, sign_of(ctx, target) < 0),
                related=[(target, f"{target.period}年的目标")], extra=pair.also,
                key=f"{target.region_code}|{target.metric}|{target.period}|outcome",
                severity=severity,
            )


def _spell_signed(ctx: CheckContext, claim: Claim) -> str:
    return f"下降{spell(claim)}" if sign_of(ctx, claim) < 0 else spell(claim)


def outcome_text(pair: TargetOutcome, fall: bool) -> str:
    """完成 or 未完成 with the gap in the target's terms (shared with the 目标完成情况 table)."""
    target = pair.target
    gap = amount(pair.difference, target)
    allowance = f"（“左右”容差按{amount(pair.tolerance, target)}计）" if pair.tolerance else ""
    if fall:  # a target to cut by at least so much: the difference is in the size of the cut
        return f"完成，降幅比目标大{gap}" if pair.met else f"未完成，降幅比目标小{gap}{allowance}"
    if pair.direction == "ceiling":
        return "完成，控制在目标以内" if pair.met else f"未完成，超出目标{gap}{allowance}"
    if not pair.met:
        return f"未完成，低于目标{gap}{allowance}"
    if pair.difference > 0:
        return f"完成，高出目标{gap}"
    if pair.difference == 0:
        return "完成，与目标持平"
    return f"完成，低于目标值{gap}，在“左右”容差{amount(pair.tolerance, target)}以内"
