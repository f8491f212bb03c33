"""FC304: a share (占X%, 八分之一, 2/5) against the part and the whole stated beside it, and the whole a
part and its share imply when the whole is not stated (6家，占全国八分之一 → 48家 nationally).

Read only from neighbouring claims of one sentence (a sentence opening with 其中 refers to the first figure
of the sentence before it, as statistical bulletins write):
  W …，其中 … P …(，下降5.1%)，占 … X   whole, part, share
  P …，占 (全部) W 的 X                  part, whole, share
  P …，(立项数)占 S X(、S′ X′)           part and share(s) of a whole S that is not stated: the implied whole
The words after 占 must name W (or nothing) for W to be the whole; 占世界/占全国 name another whole. An
implied whole is compared with the same whole stated elsewhere in the document only when the words after
占 spell out that figure's metric and region.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from factcheck.checks.base import Check, CheckContext, Option
from factcheck.checks.evidence.changes import ends_clause, plain
from factcheck.checks.evidence.figures import spell
from factcheck.checks.evidence.implied_totals import part_above_whole, stated_in_another_document
from factcheck.checks.evidence.intervals import (
    HUNDRED,
    Span,
    amount,
    central,
    fraction_of,
    plain_number,
    quotient,
    span_of,
    value_ratio,
)
from factcheck.checks.same_fact import where
from factcheck.model.claims import Claim, DocumentClaims
from factcheck.model.findings import Finding

_NOT_PARTS = ("percent", "percentage_point", "ratio", "rank", "multiple", "duration", "other")
_FILLER = r"(?P<filler>的?(?:比重|比例|份额|比)?的?(?:为|是|达到|达|约|超过|超|近|逾)?)"
_SCOPE = r"(?P<scope>[^，。；：、\d]{0,16}?)"
_PART_THEN_SHARE = regex.compile(
    rf"^(?P<rest>[^，。；：\d]{{0,10}}?)(?P<comma>[，,]?)(?P<subj>[^，。；：\d]{{0,6}}?)(?<!以)占{_SCOPE}{_FILLER}$")
_NEXT_SHARE = regex.compile(rf"^、{_SCOPE.replace('{0,16}', '{1,8}')}{_FILLER}$")
_WHOLE_THEN_PART = regex.compile(r"^[^，。；：\d]{0,8}[，,：:]?其中[，,：:]?[^，。；：\d]{0,16}$")
_WHOLE_THEN_PART_ACROSS = regex.compile(r"^[^，。；：\d]{0,8}[。；]其中[，,：:]?[^，。；：\d]{0,16}$")
_PART_THEN_WHOLE = regex.compile(r"^[，,]?[^，。；：\d]{0,6}?(?<!以)占(?P<scope>[^，。；：、\d]{0,8})$")
_WHOLE_THEN_SHARE = regex.compile(r"^的(?:比重|比例|份额)?(?:为|是|达到|达|约)?$")
# A rate said of a figure in passing (税收收入168.17亿元，下降5.1%，占…): skipped between part and share.
_ASIDE = regex.compile(r"^[，,（(]?(?:同比|比上年末?|较上年末?|比\d{4}年末?|同口径)?"
                       r"(?:增长|下降|增加|减少|提高|降低|增收|减收|上升)了?$")
# Words after 占 that still mean "the whole just stated", and subjects that still mean "the part's count".
_WHOLE_WORDS = ("", "总数", "总量", "全部", "总额", "总体", "整体", "合计")
_COUNT_SUBJECTS = ("数", "数量", "总量", "规模", "总额", "金额")
_SCOPE_PREFIX = regex.compile(r"^(?:全国|全省|全市|全县|全区|全部|全|总)")
# 全市 is the nearest enclosing region that is a 市 (a county-level city or a prefecture), and so on.
_WHOLE_OF_LEVEL = {"全省": "省", "全区": "区", "全市": "市", "全县": "县"}


@dataclass(frozen=True, slots=True)
class ImpliedWhole:
    """A whole that a stated part and share imply (other checks may compare it with stated figures)."""

    part: Claim
    share: Claim
    scope: str                # the words after 占 naming the whole: 全国, 无锡市, 全省
    region_code: str | None   # the scope's region when it names one
    span: Span                # in the part's base unit
    value: Decimal | None


@dataclass(frozen=True, slots=True)
class StatedShare:
    part: Claim
    whole: Claim
    share: Claim
    scope: str


def implied_wholes(ctx: CheckContext) -> Iterator[ImpliedWhole]:
    """Every whole implied by a part and its share(s) where the text states no whole."""
    for claims, previous in _sentences(ctx):
        if not any(_is_share(c) for c in claims):
            continue  # a whole is implied by a share of the sentence, and most sentences state none
        stated = {t.part.id for t in _stated_shares(ctx, claims, previous)}
        for i, part in enumerate(claims):
            if _is_part(part) and part.id not in stated:
                yield from _implied_from(ctx, claims, i)


def stated_shares(ctx: CheckContext) -> Iterator[StatedShare]:
    for claims, previous in _sentences(ctx):
        if any(_is_share(c) for c in claims):  # (_stated_shares pairs a part with a share of its sentence)
            yield from _stated_shares(ctx, claims, previous)


def _sentences(ctx: CheckContext) -> Iterator[tuple[list[Claim], list[Claim]]]:
    """Each sentence's claims in order, with the previous sentence's (a 其中 sentence refers back to it)."""
    for doc in ctx.documents:
        previous: list[Claim] = []
        for sentence in ctx.sentences(doc):
            claims = sorted(sentence, key=lambda c: c.location.start)
            yield claims, previous
            previous = claims


def _is_part(claim: Claim) -> bool:
    q = claim.quantity
    return q.unit is not None and q.dimension not in _NOT_PARTS and claim.kind not in ("growth_rate", "share")


def _is_share(claim: Claim) -> bool:
    return claim.kind == "share" and fraction_of(claim.quantity) is not None


def _same_measure(a: Claim, b: Claim) -> bool:
    return a.quantity.unit == b.quantity.unit and a.quantity.dimension == b.quantity.dimension


def _between(ctx: CheckContext, a: Claim, b: Claim) -> str:
    return plain(ctx.text_between(a, b))


def _share_after(ctx: CheckContext, claims: list[Claim], i: int) -> tuple[int, regex.Match] | None:
    """The share stated of claims[i] (index and the words before it), past rates said in passing."""
    previous = claims[i]
    for j in range(i + 1, len(claims)):
        between = _between(ctx, previous, claims[j])
        if claims[j].kind in ("growth_rate", "change") and _ASIDE.match(between):
            previous = claims[j]
            continue
        m = _PART_THEN_SHARE.match(between)
        return (j, m) if m and _is_share(claims[j]) and ends_clause(ctx, claims[j]) else None
    return None


def _whole_before(ctx: CheckContext, claims: list[Claim], i: int, previous: list[Claim]) -> Claim | None:
    """W of "W…，其中P": in the same sentence (past rates said of W), or the first figure of the sentence
    before when this one opens with 其中."""
    part = claims[i]
    if i == 0:
        if previous and _WHOLE_THEN_PART_ACROSS.match(_between(ctx, previous[-1], part)):
            whole = previous[0]
            return whole if _is_part(whole) and _same_measure(whole, part) else None
        return None
    if not _WHOLE_THEN_PART.match(_between(ctx, claims[i - 1], part)):
        return None
    j = i - 1
    while j > 0 and claims[j].kind in ("growth_rate", "change") and _ASIDE.match(
            _between(ctx, claims[j - 1], claims[j])):
        j -= 1
    whole = claims[j]
    return whole if _is_part(whole) and _same_measure(whole, part) else None


def _stated_shares(ctx: CheckContext, claims: list[Claim], previous: list[Claim]) -> Iterator[StatedShare]:
    for i, part in enumerate(claims):
        if not _is_part(part):
            continue
        whole = _whole_before(ctx, claims, i, previous)
        found = _share_after(ctx, claims, i)
        if whole is not None and found is not None and _names_whole(found[1]["scope"], whole):
            yield StatedShare(part, whole, claims[found[0]], found[1]["scope"])
        elif i + 2 < len(claims):  # P，占全部W的X
            whole, share = claims[i + 1], claims[i + 2]
            m = _PART_THEN_WHOLE.match(_between(ctx, part, whole))
            if (m and _is_part(whole) and _same_measure(whole, part) and _is_share(share)
                    and _WHOLE_THEN_SHARE.match(_between(ctx, whole, share)) and _names_whole(m["scope"], whole)):
                yield StatedShare(part, whole, share, m["scope"])


def _names_whole(scope: str, whole: Claim) -> bool:
    """Whether the words after 占 name W: nothing or 总数/全部, or W's metric or its head (总人口 for 常住人口,
    全县就业人员 for 就业人员); 占民间投资 does not name 投资, and a bare 全国 names no stated figure."""
    if scope in _WHOLE_WORDS:
        return True
    core = _SCOPE_PREFIX.sub("", scope)
    metric = plain(whole.metric_text or "")
    return len(core) >= 2 and len(metric) >= 2 and metric.endswith(core)


def _implied_from(ctx: CheckContext, claims: list[Claim], i: int) -> Iterator[ImpliedWhole]:
    part = claims[i]
    found = _share_after(ctx, claims, i)
    if found is None:
        return
    first, m = found
    if not m["comma"] or m["subj"] and not m["subj"].endswith(_COUNT_SUBJECTS):
        return
    scope = m["scope"]
    for j in range(first, len(claims)):
        share = claims[j]
        if j > first:
            nxt = _NEXT_SHARE.match(_between(ctx, claims[j - 1], share))
            if nxt is None or not _is_share(share) or "占" in nxt["scope"] or not ends_clause(ctx, share):
                return
            scope = nxt["scope"]
        fraction = fraction_of(share.quantity)
        assert fraction is not None  # _share_after and _is_share above keep only shares
        span = quotient(span_of(part.quantity), fraction)
        if not scope or not span.bounded:
            return
        mid = central(share.quantity)
        divisor = mid / HUNDRED if share.quantity.unit == "%" and mid is not None else mid
        part_mid = central(part.quantity)
        value = part_mid / divisor if divisor and part_mid is not None else None
        yield ImpliedWhole(part, share, scope, _scope_region(ctx, part, scope), span, value)


def _scope_region(ctx: CheckContext, part: Claim, scope: str) -> str | None:
    if scope.startswith("全国"):
        found = ctx.gazetteer.lookup("全国")
        return found[0].code if found else None
    for word, suffix in _WHOLE_OF_LEVEL.items():
        if scope.startswith(word) and part.region_code:
            region = ctx.gazetteer.get(part.region_code)
            chain = [region, *ctx.gazetteer.ancestors(region)] if region else []
            return next((r.code for r in chain if r.name.endswith(suffix)), None)
    mentions = ctx.gazetteer.find(scope)
    if mentions and mentions[0].start == 0 and len(mentions[0].candidates) == 1:
        return mentions[0].candidates[0].code
    return None


class ShareMismatch(Check):
    code = "FC304"
    name = "share-mismatch"
    summary = "“W，其中P，占X%”中，X与P/W不符；只给出部分与占比时，提示其隐含的总数（info）。"
    why = ("A share stated beside its part and its whole is a division the reader can redo; when P/W, allowing "
           "for rounding, cannot be the stated share, a figure is wrong. A part with a share alone implies a "
           "whole (6家，占全国八分之一 means 48 nationally) that an editor can hold against other sources.")
    summary_en = (
        "In W，其中P，占X%, X does not equal P/W; when only a part and its share are given, the whole they im"
        "ply is noted (info).")
    why_zh = (
        "与部分和整体写在一起的占比是读者可以验算的除法；考虑取整后 P/W 仍不可能等于所写占比，说明有数字是错"
        "的。只给出部分和占比时，它隐含一个整体（“6家，占全国八分之一”意味着全国48家），编辑可以拿它与其他来"
        "源核对。")
    severity = "error"
    # corpus: an implied whole is held against the figures of every document (checks/implied_totals.py)
    pairs_on = ("metric-region",)
    options = {
        "relative_slack": Option("decimal", "fraction of the implied whole allowed on each side"),
    }
    bad = (
        "年末就业人员20.63万人，其中城镇就业人员1.22万人，占全县就业人员比重为8.91%。",
        "全市引进亿元以上项目120个，其中制造业项目90个，占比为65%。",
        "拥有全球“灯塔工厂”6家，占全国八分之一。",
        "宜春市2022年一般公共预算收入277.48亿元。2022年中心城区一般公共预算收入68.48亿元，占全市一般公共预算收入比重为20.7%。",
        "2022年，苏州拥有全球“灯塔工厂”6家，占全国八分之一。\n===\n截至2022年底，中国拥有全球“灯塔工厂”60家。",
        "2022年，苏州拥有全球“灯塔工厂”6家，占全国八分之一。\n===\n截至2022年底，上海拥有全球“灯塔工厂”60家。",
    )
    bad_spans = ("8.91%", "65%", "八分之一", "20.7%", "八分之一", "八分之一")
    good = (
        "年末就业人员20.63万人，其中城镇就业人员1.22万人，占全县就业人员比重为5.91%。",
        "全市引进亿元以上项目120个，其中制造业项目90个，占比为75%。",
        "铁路营业里程达到12.1万公里，其中高速铁路超过1.9万公里。",
        "54家省级以上高新区以占江苏省6.5%的土地面积，创造了江苏省近1/3的地区生产总值。",
        "引进亿元以上项目793个，其中12条重点产业链项目占比达84.4%。",
        "全市一般公共预算收入277.48亿元，增收23.25亿元，同比增长9.1%。其中，税收收入168.17亿元，下降5.1%，"
        "占一般公共预算收入比重为60.6%。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._stated(ctx)
        relative = Decimal(str(self.setting("relative_slack")))
        for whole in implied_wholes(ctx):
            said = (f"{spell(whole.part)} 占{whole.scope} {spell(whole.share)}，"
                    f"推算{'' if whole.scope in _WHOLE_WORDS else whole.scope}{_total_word(whole.part)}"
                    f"{_whole_figure(whole)}")
            key = f"{whole.region_code}|{whole.part.metric}|{whole.part.period}|implied|{spell(whole.share)}"
            related = [(whole.part, "部分")]
            stated = stated_elsewhere(ctx, whole) or stated_in_another_document(ctx, whole)
            if stated is not None and not whole.span.widened(relative).meets(span_of(stated.quantity)):
                yield self.finding(ctx, whole.share, f"{said}，与{where(stated, whole.share)}所述 {spell(stated)} 不符",
                                   related=[*related, (stated, "所述总数")], severity="warning", key=key)
                continue
            inner = part_above_whole(ctx, whole)
            if inner is not None:
                yield self.finding(ctx, whole.share, f"{said}，但其中的{inner.region}（{where(inner, whole.share)}）"
                                                     f"已有 {spell(inner)}，超过推算的总数",
                                   related=[*related, (inner, "下级地区的数字")], severity="warning", key=key)
                continue
            note = f"，与{where(stated, whole.share)}所述 {spell(stated)} 相符" if stated is not None else ""
            yield self.finding(ctx, whole.share, f"{said}（隐含数字{note or '，可与其他来源核对'}）",
                               related=related, severity="info", key=key)

    def _stated(self, ctx: CheckContext) -> Iterator[Finding]:
        relative = Decimal(str(self.setting("relative_slack")))
        for stated in stated_shares(ctx):
            part, whole, share = stated.part, stated.whole, stated.share
            ratio = quotient(span_of(part.quantity), span_of(whole.quantity))
            fraction = fraction_of(share.quantity)
            assert fraction is not None  # _stated_shares keeps only shares (_is_share)
            if ratio.widened(relative).meets(fraction):
                continue
            computed = _percent(value_ratio(part.quantity, whole.quantity))
            yield self.finding(
                ctx, share,
                f"{spell(part)} 占 {spell(whole)} 的比例约为{computed}，与“占{stated.scope}{spell(share)}”不符",
                related=[(part, "部分"), (whole, "总数")],
                key=f"{whole.region_code}|{part.metric}|{part.period}|{spell(part)}|{spell(whole)}")


def stated_elsewhere(ctx: CheckContext, whole: ImpliedWhole) -> Claim | None:
    """The whole itself, stated in another sentence of the document: same region, period and unit, and a
    metric the words after 占 spell out (中心城区…占全市一般公共预算收入24.7% against
    全市一般公共预算收入277.48亿元)."""
    part = whole.part
    if whole.region_code is None or part.period is None:
        return None
    levels = _stated_levels(ctx, ctx.document_of(part))
    at = part.location.start
    best: tuple[int, int, Claim] | None = None  # (distance, position in the document's claims, claim)
    for metric, (starts, claims) in levels.get((whole.region_code, part.period, part.quantity.unit,
                                                part.quantity.dimension), {}).items():
        if metric not in whole.scope:
            continue
        i = bisect_left(starts, at)
        for step, first in ((-1, i - 1), (1, i)):  # the nearest outside the part's sentence, each way
            j = first
            while 0 <= j < len(claims) and claims[j][1].sentence == part.sentence:
                j += step
            k = j
            while 0 <= k < len(claims) and starts[k] == starts[j]:  # (several at one place: all as near)
                found = (abs(starts[k] - at), claims[k][0], claims[k][1])
                best = found if best is None or found[:2] < best[:2] else best
                k += step
    return best[2] if best is not None else None


def _stated_levels(ctx: CheckContext, doc: DocumentClaims) -> dict[tuple, dict[str, tuple[list[int], list]]]:
    """The document's stated levels with a metric of four characters or more, by region, period, unit and
    dimension, then by metric: their starts and (position in the document's claims, claim), in order of
    start. Found once per document: a scan of all its claims for each implied whole was wholes × claims, and
    of all a region's and year's levels, for a document stating them many times, not much less."""
    key = ("stated-levels", id(doc))
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = {}
        ordered = sorted(enumerate(doc.claims), key=lambda pair: (pair[1].location.start, pair[0]))
        for n, c in ordered:
            metric = plain(c.metric_text or "")
            if c.role == "actual" and c.region_code is not None and c.period is not None and len(metric) >= 4:
                starts, claims = found.setdefault(
                    (c.region_code, c.period, c.quantity.unit, c.quantity.dimension), {}).setdefault(metric, ([], []))
                starts.append(c.location.start)
                claims.append((n, c))
    return found


def _total_word(part: Claim) -> str:
    return {"count": "总数", "money": "总额"}.get(part.quantity.dimension, "总量")


def _percent(value: Decimal | None) -> str:
    return "无法确定" if value is None else f"{plain_number(value * HUNDRED)}%"


def _whole_figure(whole: ImpliedWhole) -> str:
    """为48家; 约6个; 约5000亿元: counts as whole numbers, others in the part's own magnitude."""
    value, unit = whole.value, whole.part.quantity.unit
    if value is None:
        return "无法确定"
    exact = whole.part.quantity.qualifier in ("exact", "exact_rounded") and whole.share.quantity.qualifier == "exact"
    if whole.part.quantity.dimension == "count" and value < 10000:
        rounded = value.to_integral_value()
        near = abs(value - rounded) <= max(Decimal("0.05"), value * Decimal("0.001"))
        text = f"{rounded}{unit}" if near else amount(value, unit, whole.part.text)
        return f"为{text}" if value == rounded and exact else f"约{text}"
    return f"约{amount(value, unit, whole.part.text)}"
