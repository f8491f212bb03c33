"""FC3: a stated change that the stated figures it connects do not allow (FC301–FC303, FC305; FC304 is in
arithmetic_shares). Each rests on one explicit structure inside one sentence (arithmetic_changes) and
on interval arithmetic over the figures' rounding (arithmetic_intervals), so rounding never raises one."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from factcheck.checks.base import Check, CheckContext, Option
from factcheck.checks.evidence.changes import Change, StatedChange, changes
from factcheck.checks.evidence.figures import spell
from factcheck.checks.evidence.intervals import (
    HUNDRED,
    Span,
    amount,
    central,
    difference,
    nth_root,
    plain_number,
    quotient,
    span_of,
    value_ratio,
)
from factcheck.model.claims import Claim
from factcheck.model.findings import Finding

# Growth of these is stated in real terms (at comparable prices) while their values are nominal, so the
# stated rate legitimately differs from the one the two values give.
_SHARES = ("percent", "ratio")


def subject(change: Change) -> str:
    claim = change.after
    metric = regex.split(r"[从由]", claim.metric_text or claim.metric or "")[0]  # 最低标准从每月 → 最低标准
    return " ".join(p for p in (claim.region, metric) if p)


def described(change: Change) -> str:
    """The structure as the text states it: 从4030家增至7341家, or 13697.5亿元较9323.1亿元."""
    if change.verb == "较":
        return f"{spell(change.after)}较{spell(change.before)}"
    return f"从{spell(change.before)}{change.verb}{spell(change.after)}"


def actual_change(change: Change) -> str:
    """增加3311家 / 减少4个百分点, from the figures' own values."""
    a, b = central(change.before.quantity), central(change.after.quantity)
    if a is None or b is None:
        return ""
    unit = change.after.quantity.unit
    if unit == "%":
        unit = "百分点"
    word = "增加" if b >= a else "减少"
    return f"{word}{amount(abs(b - a), unit, change.after.text)}"


def growth_percent(change: Change, direction: int) -> Span:
    """(B/A − 1)·100, or (1 − B/A)·100 for a stated decrease."""
    return quotient(span_of(change.after.quantity), span_of(change.before.quantity)).shifted(Decimal(-1)).scaled(
        HUNDRED * direction)


def percent_text(value: Decimal | None) -> str:
    return "无法确定" if value is None else f"{plain_number(value)}%"


def ratio_of(change: Change) -> Decimal | None:
    """B / A from the figures' own values, for messages."""
    return value_ratio(change.after.quantity, change.before.quantity)


def in_real_terms(change: Change, real_terms) -> bool:
    return any(word in change.subject for word in real_terms)


class _ArithmeticCheck(Check):
    """Shared by FC301–FC305: the slack a check allows on top of rounding, from rules/checks.toml."""

    scope = "document"  # every figure of an arithmetic relation stands in one sentence or passage

    def slack(self) -> tuple[Decimal, Decimal]:
        return (Decimal(str(self.setting("relative_slack"))), Decimal(str(self.setting("absolute_slack"))))

    def holds(self, expected: Span, stated: Claim) -> bool:
        relative, absolute = self.slack()
        return expected.widened(relative, absolute).meets(span_of(stated.quantity))

    def holds_any(self, readings: list[Span], stated: Claim) -> bool:
        return any(self.holds(reading, stated) for reading in readings)

    def report(self, ctx: CheckContext, change: Change, stated: StatedChange, message: str) -> Finding:
        return self.finding(ctx, stated.claim, message, related=[(change.before, "起点"), (change.after, "终点")],
                            key=f"{change.after.region_code}|{change.after.metric}|{self.code}|"
                                f"{spell(change.before)}|{spell(change.after)}")


class ChangeMismatch(_ArithmeticCheck):
    code = "FC301"
    name = "change-mismatch"
    summary = "“从A增至B，净增C”中，C与B−A不符；或写作“增至”而B反而小于A。"
    why = ("A change stated next to its two endpoints is arithmetic the reader can redo; when B − A, allowing for "
           "every figure's rounding and hedges, cannot be the stated change, one of the three figures is wrong.")
    summary_en = "In 从A增至B，净增C, C does not equal B − A; or 增至 is written while B is smaller than A."
    why_zh = (
        "变化量与两个端点写在一起，读者可以自己验算；考虑到每个数字的取整和“约”“左右”之后，B − A 仍不可能等于所写"
        "的变化量，三个数字中必有一个是错的。")
    severity = "error"
    options = {
        "relative_slack": Option("decimal", "fraction of the computed interval's size added on each side"),
        "absolute_slack": Option("decimal", "fixed allowance in the stated figure's unit"),
    }
    bad = (
        "高新技术企业数量从2020年的4030家增至2024年的7341家，净增超4000家。",
        "高新技术企业数量从2020年的4030家增至2024年的3741家，净增超3000家。",
        "全省地区生产总值达到13697.5亿元，较“十三五”末的9323.1亿元增加3374.4亿元。",
        "科技型中小企业从2.1万家增至1.8万家。",
    )
    bad_spans = ("超4000家", "3741家", "3374.4亿元", "1.8万家")
    good = (
        "高新技术企业数量从2020年的4030家增至2024年的7341家，净增超3000家。",
        "全省地区生产总值达到13697.5亿元，较“十三五”末的9323.1亿元增加4374.4亿元，增长33.6%。",
        "一般公共预算收入从3826.5亿元增长到4398.6亿元，规上工业增加值年均增长6.5%。",
        "营商环境评价排名由369位上升到235位。",
        "高新技术企业从771家、481家增加到1076家、636家，分别增加305家、155家。",
        "城乡居民医保财政补助标准由每人每年420元提高到450元，增加30元。",
        "国家级园区由10个增至15个，增加3个省级园区。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for change in changes(ctx):
            before, after = change.before.quantity, change.after.quantity
            moved = difference(span_of(after), span_of(before)).scaled(Decimal(change.direction))
            # 位/名 also count ranks (排名由369位上升到235位), where rising means a smaller number
            if change.direction and moved.high is not None and moved.high < 0 and before.unit not in ("位", "名"):
                yield self.finding(
                    ctx, change.after,
                    f"{subject(change)}：{described(change)}，但终点{spell(change.after)}"
                    f"{'小于' if change.direction > 0 else '大于'}起点{spell(change.before)}",
                    related=[(change.before, "起点")])
            if before.dimension in _SHARES:
                continue
            for stated in change.stated:
                q = stated.claim.quantity
                if stated.average or q.unit != before.unit or q.dimension != before.dimension:
                    continue
                expected = difference(span_of(after), span_of(before)).scaled(Decimal(stated.direction))
                if not self.holds(expected, stated.claim):
                    yield self.report(ctx, change, stated,
                                      f"{subject(change)}：{described(change)}，实际{actual_change(change)}，"
                                      f"与“{stated.cue}{spell(stated.claim)}”不符")


class GrowthRateMismatch(_ArithmeticCheck):
    code = "FC302"
    name = "growth-rate-mismatch"
    summary = "“从A增至B，增长p%”中，p与(B/A−1)×100不符。"
    why = ("A growth rate stated beside both of its endpoints must be the ratio of those endpoints; a rate no "
           "rounding of A, B or p reconciles means a figure was mistyped or taken from another year.")
    summary_en = "In 从A增至B，增长p%, p does not equal (B/A − 1) × 100."
    why_zh = "与两个端点写在一起的增速必须等于两端点之比；若A、B、p怎样取整都对不上，说明有数字打错了，或取自另一年份。"
    severity = "error"
    options = {
        "relative_slack": Option("decimal", "fraction of the computed interval's size added on each side"),
        "absolute_slack": Option("decimal", "fixed allowance in the stated figure's unit"),
        "real_terms": Option("words", "metrics whose growth is stated in real terms: not checked", words="real_terms"),
    }
    bad = (
        "有效发明专利拥有量从2020年的2.5万件增至2024年的4.5万件，增长100%。",
        "居民存款余额由1.2万亿元减少到1.1万亿元，下降18%。",
        "新型储能装机从200万千瓦增加到500万千瓦，增长5倍。",
    )
    bad_spans = ("100%", "18%", "5倍")
    good = (
        "有效发明专利拥有量从2020年的2.5万件增至2024年的4.5万件，增长80%。",
        "全省地区生产总值达到13697.5亿元，较“十三五”末的9323.1亿元增加4374.4亿元，增长33.6%。",
        "新型储能装机从200万千瓦增加到500万千瓦，增长1.5倍。",
        "城镇化率从60%提高到66%，提高10%。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        real_terms = tuple(self.setting("real_terms"))
        for change in changes(ctx):
            before = change.before.quantity
            if in_real_terms(change, real_terms) or before.unit == "百分点":
                continue
            for stated in change.stated:
                q = stated.claim.quantity
                if stated.average:
                    continue
                if q.unit == "%" and q.dimension == "percent":
                    readings = [growth_percent(change, stated.direction)]
                    if before.unit == "%":  # 提高10% may mean ten points: only both readings failing is an error
                        readings.append(difference(span_of(change.after.quantity), span_of(before)).scaled(
                            Decimal(stated.direction)))
                    r = ratio_of(change)
                    moved = None if r is None else abs(r - 1) * HUNDRED
                    word = f"{'增长' if r is None or r >= 1 else '下降'}约{percent_text(moved)}"
                    if before.unit == "%":
                        word += f"（或{actual_change(change)}）"
                elif q.dimension == "multiple" and stated.direction > 0 and before.unit != "%":
                    ratio = quotient(span_of(change.after.quantity), span_of(before))
                    readings = [ratio, ratio.shifted(Decimal(-1))]  # 增长1.5倍 is read both as ×1.5 and as ×2.5
                    r = ratio_of(change)
                    word = f"终点约为起点的{'无法确定' if r is None else plain_number(r)}倍"
                else:
                    continue
                if not self.holds_any(readings, stated.claim):
                    yield self.report(ctx, change, stated,
                                      f"{subject(change)}：{described(change)}，按两数计算{word}，"
                                      f"与“{stated.cue}{spell(stated.claim)}”不符")


class PercentagePointMismatch(_ArithmeticCheck):
    code = "FC303"
    name = "percentage-point-mismatch"
    summary = "“从A%提高到B%，提高k个百分点”中，k与B−A不符。"
    why = ("The points a rate moved by are the difference of the two rates stated beside them; a k that no "
           "rounding reconciles means one of the three figures is wrong.")
    summary_en = "In 从A%提高到B%，提高k个百分点, k does not equal B − A."
    why_zh = "比率变动的百分点数就是旁边写出的两个比率之差；若k怎样取整都对不上，三个数字中必有一个是错的。"
    severity = "error"
    options = {
        "relative_slack": Option("decimal", "fraction of the computed interval's size added on each side"),
        "absolute_slack": Option("decimal", "fixed allowance in the stated figure's unit"),
    }
    bad = (
        "常住人口城镇化率从2020年的60.2%提高到2025年的65.2%，提高6个百分点。",
        "全省森林覆盖率由23.8%提高到25.6%，提高了0.8个百分点。",
    )
    bad_spans = ("6个百分点", "0.8个百分点")
    good = (
        "常住人口城镇化率从2020年的60.2%提高到2025年的65.2%，提高5个百分点。",
        "全省森林覆盖率由23.8%提高到25.6%，提高了1.8个百分点。",
        "服务业增加值比重由52.23%提高到58.08%，提高约5.9个百分点。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for change in changes(ctx):
            if change.before.quantity.unit != "%":
                continue
            for stated in change.stated:
                if stated.average or stated.claim.quantity.unit != "百分点":
                    continue
                expected = difference(span_of(change.after.quantity), span_of(change.before.quantity)).scaled(
                    Decimal(stated.direction))
                if not self.holds(expected, stated.claim):
                    yield self.report(ctx, change, stated,
                                      f"{subject(change)}：{described(change)}，实际{actual_change(change)}，"
                                      f"与“{stated.cue}{spell(stated.claim)}”不符")


class AverageGrowthMismatch(_ArithmeticCheck):
    code = "FC305"
    name = "average-growth-mismatch"
    summary = "“从2020年的A增至2025年的B，年均增长p%”中，p与两端点算出的年均增速不符（增速按复合，百分点按线性）。"
    why = ("An average annual rate stated between two dated endpoints is (B/A)^(1/n) − 1, or (B − A)/n for "
           "percentage points and counts; a rate far from it usually means a wrong endpoint or a wrong span of "
           "years. Growth of GDP-like figures is stated in real terms and is not checked.")
    summary_en = (
        "In 从2020年的A增至2025年的B，年均增长p%, p does not match the average annual rate worked out from th"
        "e endpoints (compound for growth rates, linear for percentage points).")
    why_zh = (
        "两个有年份的端点之间的年均增速是 (B/A)^(1/n) − 1，百分点和个数则是 (B − A)/n；所写增速与之相差很远，通常"
        "是端点错了或年份跨度错了。GDP一类指标的增速按可比价计算，不作检查。")
    severity = "warning"
    options = {
        "relative_slack": Option("decimal", "fraction of the computed interval's size added on each side"),
        "absolute_slack": Option("decimal", "fixed allowance in the stated figure's unit"),
        "real_terms": Option("words", "metrics whose growth is stated in real terms: not checked", words="real_terms"),
    }
    bad = (
        "科技型中小企业数量从2020年的1.1万家增至2025年的2.9万家，年均增长10%。",
        "高新技术产业产值占比从2020年的47.6%提升至2024年的53.1%，年均提升0.5个百分点。",
        "研发人员从2021年的8万人增加到2024年的11万人，年均增加2万人。",
    )
    bad_spans = ("10%", "0.5个百分点", "2万人")
    good = (
        "科技型中小企业数量从2020年的1.1万家增至2025年的2.9万家，年均增长21.4%。",
        "高新技术产业产值占比从2020年的47.6%提升至2024年的53.1%，年均提升1.4个百分点。",
        "全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元，年均增长5.5%。",
        "普惠小微贷款余额从8.2万亿元增加到23.8万亿元、年均增长10%。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        real_terms = tuple(self.setting("real_terms"))
        for change in changes(ctx):
            if change.years is None:
                continue
            n = change.years[1] - change.years[0]
            for stated in change.stated:
                if not stated.average:
                    continue
                readings, method = self.readings(change, stated, n, real_terms)
                if readings and not self.holds_any(readings, stated.claim):
                    yield self.report(
                        ctx, change, stated,
                        f"{subject(change)}：{change.years[0]}—{change.years[1]}年{described(change)}，"
                        f"{method}，与“{stated.cue}{spell(stated.claim)}”不符")

    @staticmethod
    def readings(change: Change, stated: StatedChange, n: int, real_terms) -> tuple[list[Span], str]:
        """The averages the endpoints allow, and how they were computed (for the message)."""
        before, q = change.before.quantity, stated.claim.quantity
        moved = difference(span_of(change.after.quantity), span_of(before))
        linear = moved.scaled(Decimal(stated.direction) / n)
        if q.unit == "%" and q.dimension == "percent":
            if before.unit != "%" and in_real_terms(change, real_terms):
                return [], ""
            ratio = quotient(span_of(change.after.quantity), span_of(before))
            compound = nth_root(ratio, n).shifted(Decimal(-1)).scaled(HUNDRED * stated.direction)
            r = ratio_of(change)
            rate = None if r is None or r <= 0 else (r ** (Decimal(1) / n) - 1) * HUNDRED
            method = f"按复合计算年均约{percent_text(rate)}（{n}年）"
            return ([compound, linear] if before.unit == "%" else [compound]), method
        if q.unit == "百分点" and before.unit == "%" or q.unit == before.unit and q.dimension == before.dimension:
            a, b = central(before), central(change.after.quantity)
            if a is None or b is None:
                return [], ""
            mid = (b - a) / n
            unit = "百分点" if before.unit == "%" else before.unit
            return [linear], f"按线性计算年均约{amount(abs(mid), unit, change.after.text)}（{n}年）"
        return [], ""
