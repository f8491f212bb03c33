"""FC2 parts and totals: a part above its total, parts that add up to more than their total (or not to the
合计 they are said to make), and counts of things above a threshold that need more than the stated total."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from factcheck.checks.base import Check, CheckContext, Option
from factcheck.checks.evidence.figures import spell
from factcheck.checks.evidence.intervals import amount
from factcheck.checks.evidence.parts import (
    Subset,
    bounds,
    clause_words,
    explained_by_rival,
    is_threshold,
    key_of,
    must_exceed,
    same_unit,
    subsets,
    sum_of,
    text_of,
    totals_of_lists,
    words_after,
)
from factcheck.checks.same_fact import where
from factcheck.model.claims import Claim, DocumentClaims, Quantity
from factcheck.model.findings import Finding

# compiled once: regex.match(pattern, …) costs a cache lookup of ~20 µs per call
_CLAUSE_MARK = regex.compile(r"[，。；、,;：:（(）)]")
_COMMA_FIRST = regex.compile(r"^[，,]")
_SENTENCE_END = regex.compile(r"[。；;！？]")


def name_of(claim: Claim) -> str:
    return claim.metric_text or claim.metric or ""


def _intensive(check: Check) -> tuple[str, ...]:
    return tuple(check.setting("intensive_words"))


class PartExceedsTotal(Check):
    code = "FC201"
    name = "part-exceeds-total"
    summary = "“其中”引出的部分大于它所属的总数，或更高门槛的个数多于更低门槛的个数。"
    why = ("A part introduced by 其中 is contained in the total just stated; a part larger than its whole means "
           "one of the two figures is mistyped or the part belongs to another total.")
    summary_en = (
        "A part introduced by 其中 is larger than the total it belongs to, or more items pass a higher thresh"
        "old than a lower one.")
    why_zh = (
        "“其中”引出的部分包含在刚给出的总数之内；部分大于整体，说明两个数字中有一个打错了，或者这个部分属于另一个"
        "总数。")
    severity = "error"
    scope = "document"
    options = {
        "intensive_words": Option("words",
                                  "words that make a figure an average, a rate or a price, which a part may exceed",
                                  words="intensive"),
    }
    bad = (
        "2023年新批亿元以上项目145个，项目总投资额1087亿元。其中，100亿元以上项目200个。",
        "全县农业总产值282563万元，比上年增长5.04%，其中：种植业1130577万元，林业产值33942万元。",
        "全年营业收入超200亿元的园区9个，超300亿元的12个，超500亿元的3个。",
    )
    bad_spans = ("200个", "1130577万元", "12个")
    good = (
        "2023年新批亿元以上项目145个，项目总投资额1087亿元。其中，100亿元以上项目2个。",
        "年末常住人口488403人，比上年末增加353人，其中城镇常住人口258266人。",
        "全县居民人均可支配收入25000元，其中城镇居民人均可支配收入38000元。",
        "全年招引落地超10亿元产业项目20个以上，其中超50亿元项目2个以上。",
        "完成工业总产值2738280万元，完成工业增加值644350万元。其中规模以上工业企业完成工业总产值2596736万元。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for subset in subsets(ctx, _intensive(self)):
            for part in subset.parts:
                if must_exceed(part, subset.total) and not explained_by_rival(ctx, subset, part):
                    total = subset.total
                    named = name_of(part) if name_of(part) != name_of(total) else ""
                    yield self.finding(
                        ctx, part,
                        f"部分大于总数：{name_of(total)} {spell(total)}（{where(total, part)}），"
                        f"其中 {named} {spell(part)}（{where(part, total)}）".replace("其中  ", "其中 "),
                        related=[(total, f"总数 {spell(total)}")],
                        key=key_of(total, spell(part)),
                    )
        for lower, higher in tier_inversions(ctx):
            yield self.finding(
                ctx, higher[1],
                f"门槛更高的个数反而更多：{spell(lower[0])}的 {spell(lower[1])}（{where(lower[1])}），"
                f"{spell(higher[0])}的却有 {spell(higher[1])}",
                related=[(lower[1], f"门槛 {spell(lower[0])} 的个数")],
                key=key_of(lower[1], spell(higher[0])),
            )


def tiered_counts(ctx: CheckContext, claims: list[Claim]) -> list[tuple[Claim, Claim]]:
    """(threshold, count) pairs of one sentence: 超200亿元的园区9个, 亿元以上项目145个."""
    pairs = []
    for a, b in zip(claims, claims[1:], strict=False):
        if (a.quantity.qualifier == "lower" and a.quantity.low is not None and b.quantity.dimension == "count"
                and a.sentence == b.sentence and is_threshold(ctx, a)):
            gap = text_of(ctx, a)[a.location.end:b.location.start]
            if len(gap) <= 14 and not _CLAUSE_MARK.search(gap):
                pairs.append((a, b))
    return pairs


def tier_inversions(ctx: CheckContext) -> Iterator[tuple[tuple[Claim, Claim], tuple[Claim, Claim]]]:
    """Counts of the same things above two thresholds of one sentence where the higher bar has more things."""
    for doc in ctx.documents:
        for sentence in ctx.sentences(doc):
            pairs = tiered_counts(ctx, sorted(sentence, key=lambda c: c.location.start))
            for i, lower in enumerate(pairs):
                for higher in pairs[i + 1:]:
                    if (_tier_key(lower) == _tier_key(higher) and same_unit(lower[1], higher[1])
                            and higher[0].quantity.low > lower[0].quantity.low  # type: ignore[operator]  # thresholds have a low
                            and must_exceed(higher[1], lower[1])):
                        yield lower, higher


def _tier_key(pair: tuple[Claim, Claim]) -> str | None:
    threshold, count = pair
    surface = "".join(threshold.text.split())
    text = count.metric_text or ""
    return text.replace(surface, "#") if surface in text else None


class PartsExceedTotal(Check):
    code = "FC202"
    name = "parts-sum-exceeds-total"
    summary = "列举的各部分之和大于总数，或与“合计/共计”给出的总数不符。"
    why = ("Parts followed by 合计 must add up to it within rounding (an error otherwise); parts listed after their "
           "total (其中A…，B…, or in brackets) cannot add up to more than it (a warning: listed kinds may overlap). "
           "Either way a part or the total is mistyped, or a part is missing or belongs elsewhere.")
    summary_en = "The listed parts add up to more than their total, or do not match the total given by 合计/共计."
    why_zh = (
        "“合计”前的各部分之和必须在取整误差内等于合计数（否则为错误）；总数之后列出的部分（“其中A…，B…”或括号"
        "内所列）之和不能超过总数（为警告：所列类别可能重叠）。无论哪种情况，都是某个部分或总数打错了，或漏了"
        "一部分、混入了别处的部分。")
    severity = "error"
    scope = "document"
    options = {
        "intensive_words": Option("words", "as FC201", words="intensive"),
        "relative_slack": Option("decimal", "fraction of the total allowed on each side beyond the figures' rounding"),
        "subset_severity": Option("severity", "severity when parts after 其中 or in brackets exceed their total"),
    }
    bad = (
        "全县在校学生131391人，其中高中10824人，初中96021人，小学64618人。",
        "县直单位现有在编人员685人，大集体人员27人，聘用卫技人员737人，合计1549人。",
        "县乡卫生健康单位取得高级职称156人（正高职称35人、副高职称141人）。",
    )
    bad_spans = ("64618人", "1549人", "141人")
    good = (
        "全县在校学生131391人，其中高中10824人，初中26021人，小学64618人。",
        "县直单位现有在编人员685人，大集体人员27人，聘用卫技人员737人，合计1449人。",
        "全县卫生人员2000人，县直单位现有在编人员685人，大集体人员27人，聘用卫技人员737人，合计1449人。",
        "引进千万元以上项目145个，其中亿元以上项目48个，十亿元以上项目11个。",
        "卫生技术人员1630人，其中医师579人（其中执业医师493人），注册护士800人。",
        "年末金融机构各项存款余额1221442万元，其中城乡居民储蓄存款余额912831万元，金融机构各项贷款余额达678599万元。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        intensive = _intensive(self)
        for subset in subsets(ctx, intensive):
            if len(subset.parts) >= 2 and not subset.tiers:
                yield from self._at_most(ctx, subset.total, list(subset.parts), subset, "其中")
        for listed in totals_of_lists(ctx, intensive):
            if listed.complete:
                yield from self._exactly(ctx, listed.total, list(listed.parts))
            else:
                yield from self._at_most(ctx, listed.total, list(listed.parts), None, "（）")

    def _at_most(self, ctx: CheckContext, total: Claim, parts: list[Claim], subset: Subset | None,
                 how: str) -> Iterator[Finding]:
        added = sum_of([bounds(p) for p in parts])
        if any(must_exceed(p, total) for p in parts):
            return  # FC201 reports the part itself
        if subset and any(explained_by_rival(ctx, subset, p) for p in parts):
            return
        if _exceeds(added.low, added.low_open, bounds(total)):
            yield self.finding(
                ctx, parts[-1],
                f"各部分之和大于总数：{name_of(total)} {spell(total)}（{where(total)}），"
                f"所列各部分（{_listing(parts)}）合计 {_amount(_stated_sum(parts), total)}",
                related=[(total, f"总数 {spell(total)}"), *((p, "部分") for p in parts[:-1])],
                key=key_of(total, how), severity=self.setting("subset_severity"),
            )

    def _exactly(self, ctx: CheckContext, total: Claim, parts: list[Claim]) -> Iterator[Finding]:
        added = sum_of([bounds(p) for p in parts])
        slack = Decimal(str(self.setting("relative_slack"))) * (total.quantity.value or Decimal(0))
        q = bounds(total)
        low = None if q.low is None else q.low - slack
        high = None if q.high is None else q.high + slack
        below = added.high is not None and low is not None and added.high < low
        above = added.low is not None and high is not None and added.low > high
        if below or above:
            yield self.finding(
                ctx, total,
                f"合计与各部分之和不符：各部分（{_listing(parts)}）相加为 {_amount(_stated_sum(parts), total)}，"
                f"文中合计为 {spell(total)}",
                related=[(p, "部分") for p in parts],
                key=key_of(total, "合计"),
            )


def _exceeds(low: Decimal | None, low_open: bool, total: Quantity) -> bool:
    if low is None or total.high is None:
        return False
    return low > total.high or low == total.high and (low_open or total.high_open)


def _stated_sum(parts: list[Claim]) -> Decimal | None:
    values = [p.quantity.value for p in parts if p.quantity.value is not None]
    return sum(values, Decimal(0)) if len(values) == len(parts) else None


def _listing(parts: list[Claim]) -> str:
    return "、".join(f"{name_of(p)} {spell(p)}".strip() for p in parts)


def _amount(value: Decimal | None, like: Claim) -> str:
    return "?" if value is None else amount(value, like.quantity.unit, spell(like))


_INVESTMENT_TOTAL = regex.compile(r"总投资|投资总额|计划投资|协议投资|签约(?:总)?金?额|合同(?:总)?(?:资金|金)?额")


class MinimumExceedsTotal(Check):
    code = "FC204"
    name = "minimum-times-count-exceeds-total"
    summary = "“超10亿元项目20个”这类门槛乘个数已超过文中给出的总投资额。"
    why = ("Twenty projects of over 1 billion each need at least 20 billion between them; a stated total "
           "investment below that means the count, the threshold or the total is wrong.")
    summary_en = (
        "A threshold times a count (20 projects of over 1 billion yuan each) already exceeds the total invest"
        "ment the text gives.")
    why_zh = "20个超10亿元的项目，合计至少200亿元；文中给出的总投资额低于此数，说明个数、门槛或总数有一个是错的。"
    severity = "error"
    scope = "document"
    bad = (
        "新批亿元以上项目145个，项目总投资额108亿元。",
        "签约项目50个，总投资300亿元，其中10亿元以上项目40个。",
    )
    bad_spans = ("108亿元", "300亿元")
    good = (
        "2023年新批亿元以上项目145个，项目总投资额1087亿元。其中，100亿元以上项目2个。",
        "全年招引落地超10亿元产业项目20个以上，其中超50亿元项目2个以上。",
        "实施亿元以上项目1.3万余个，年度投资保持1万亿元以上。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        # each document's (threshold, count) pairs, found once: once per 其中 subset was claims × subsets
        thresholds_of: dict[int, dict[str, Claim]] = {}

        def thresholds_in(doc: DocumentClaims) -> dict[str, Claim]:
            found = thresholds_of.get(id(doc))
            if found is None:
                claims = sorted(doc.claims, key=lambda c: c.location.start)
                found = thresholds_of[id(doc)] = {count.id: threshold
                                                  for threshold, count in tiered_counts(ctx, claims)}
            return found

        tiers_of: dict[str, list[tuple[Decimal, Claim, Claim | None]]] = {}
        for subset in subsets(ctx):
            pairs = thresholds_in(ctx.document_of(subset.total))
            tiers_of.setdefault(subset.total.id, []).extend(_tier_parts(subset, pairs))
        for doc in ctx.documents:
            claims = sorted(doc.claims, key=lambda c: c.location.start)
            thresholds = thresholds_in(doc)
            for i, count in enumerate(claims):
                if count.quantity.dimension != "count":
                    continue
                total = _investment_after(ctx, claims, i)
                if total is None:
                    continue
                base = thresholds.get(count.id)
                bar = base.quantity.low if base else Decimal(0)
                assert bar is not None  # tiered_counts pairs only thresholds with a lower bound
                tiers = [(bar, count, base)] + tiers_of.get(count.id, [])
                least = _least_total(tiers)
                if least is not None and total.quantity.high is not None and least > total.quantity.high:
                    named = [(c, f"{spell(t)}的 {spell(c)}") for _, c, t in tiers if t is not None and c is not count]
                    yield self.finding(
                        ctx, total,
                        f"{_tier_listing(tiers)}，按门槛计至少需 {_amount(least, total)}，"
                        f"超过{name_of(total)} {spell(total)}",
                        related=[(count, f"{name_of(count)} {spell(count)}"), *named],
                        key=key_of(count, spell(total)),
                    )


def _tier_parts(subset: Subset, pairs: dict[str, Claim]) -> list[tuple[Decimal, Claim, Claim]]:
    """The parts after 其中 that are counts above a threshold: (threshold, count, threshold claim), given the
    thresholds of the counts of the subset's document (by count id)."""
    # tiered_counts pairs only thresholds with a lower bound
    return [(pairs[p.id].quantity.low, p, pairs[p.id]) for p in subset.parts  # type: ignore[misc]
            if p.id in pairs and same_unit(p, subset.total) and pairs[p.id].quantity.dimension == "money"]


def _investment_after(ctx: CheckContext, claims: list[Claim], i: int) -> Claim | None:
    """项目145个，项目总投资额1087亿元: the total investment stated in the clause right after the count."""
    count = claims[i]
    if i + 1 >= len(claims) or not _COMMA_FIRST.match(words_after(ctx, count, 2)):
        return None
    total = claims[i + 1]
    if total.sentence != count.sentence or total.quantity.dimension != "money" or is_threshold(ctx, total):
        return None
    between = text_of(ctx, count)[count.location.end:total.location.start]
    if _SENTENCE_END.search(between) or len(between) > 20:
        return None
    return total if _INVESTMENT_TOTAL.search(clause_words(ctx, total)) else None


def _least_total(tiers: list[tuple[Decimal, Claim, Claim | None]]) -> Decimal | None:
    """The smallest total that counts above nested thresholds allow: every thing is worth at least its bar,
    and the things above a higher bar are among those above a lower one."""
    ordered = sorted(tiers, key=lambda t: t[0])
    counts = [low for t in ordered if (low := bounds(t[1]).low) is not None]
    if len(counts) < len(ordered):
        return None
    at_least = [max(counts[i:]) for i in range(len(counts))] + [Decimal(0)]
    return sum(((at_least[i] - at_least[i + 1]) * ordered[i][0] for i in range(len(ordered))), Decimal(0))


def _tier_listing(tiers: list[tuple[Decimal, Claim, Claim | None]]) -> str:
    return "、".join(f"{name_of(c)} {spell(c)}" for _, c, _ in sorted(tiers, key=lambda t: t[0]))
