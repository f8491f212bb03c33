"""What the words around figures say about parts and totals, for the FC2 checks.

A total and its parts are read only from explicit structures of one sentence (or a sentence that opens with
其中 and the one before it):
  T …，其中 P1 …，P2 …             a part, then a list of parts, of the total T
  P1 …，P2 …，P3 …，合计 T           parts that are all of T (合计/共计/总计/共)
  T（P1、P2）                        parts listed in brackets right after their total
Both figures must be amounts (a count or an amount of money, area, …) stated as such: not a threshold that
classifies things (亿元以上项目), not a change (比上年增加353人), not an average or a rate (人均, 增速).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

import regex

from factcheck.checks.base import CheckContext
from factcheck.checks.evidence.local import plain
from factcheck.model.claims import Claim, DocumentClaims, Quantity
from factcheck.vocab.data import word_list

# compiled once: regex.match(pattern, …) costs a cache lookup of ~20 µs per call
_MAGNITUDE = regex.compile(r"[万亿千百]")
_QIZHONG_NEXT = regex.compile(r"[，,；;]?其中")
_LIST_ITEM_GAP = regex.compile(r"、[^，,；;：:、]{1,16}")
_LIST_NAME_GAP = regex.compile(r"、[^，。；、\d（()）]{1,12}")

EXTENSIVE = ("count", "money", "area", "mass", "length", "power", "energy", "volume")
# Counters that name the same kind of thing: 卫生机构23个，其中医院2所.
_GENERIC_COUNTERS = frozenset({"个", "家", "所", "座", "处", "项"})
# Words before a figure that make it an average, a rate or a price, which a part may well exceed.
_COMPARED = regex.compile(r"比|较|同比|环比|相比")
_CHANGE_VERB = regex.compile(r"(?:增加|减少|增收|减收|增支|减支|增产|减产|净增|净减|增长|下降|提高|降低|上升|扩大|"
                             r"缩小|缩减)了?(?:约|近|超|逾)?$")
_LEVEL_VERB = regex.compile(r"(?:增至|增加到|增长到|提高到|提高至|提升到|提升至|达到|达|扩大到|扩大至)$")
# What may follow a figure that states an amount: punctuation, or the change or share said of it.
_AMOUNT_END = regex.compile(r"^(?:左右|以上|上下|多)?(?:[，。；、,;：:（(）)！？\]]|$"
                            r"|增长|下降|增加|减少|比|较|同比|占)")
_SUBSET_MARK = regex.compile(r"其中(?!之一|的|一)")
_SENTENCE_END = "。！？!?"
# A clause that opens another total: the list of parts after 其中 has ended (…，金融机构各项贷款余额达678599万元).
_NEW_TOTAL = regex.compile(r"总|全[省市县区国部年]|各项|各类|合计|共计|共有|累计|此外|另有|同时|年末|规模以上|限额以上")
# Words that make parts tiers of one measure rather than disjoint kinds (亿元以上项目48个，十亿元以上项目11个).
_TIER_WORDS = regex.compile(r"以上|以下|超|不足|不到|逾|多于|少于")
_HEAD_END = regex.compile(r"(?:为|是|达到|达|约|共|有|完成|实现)+$")
_ACTION = regex.compile(r"新增|新建|建成|建设|认定|培育|获得|获批|引进|修复|治理|开工|竣工|签约|招引|落地|打造|实施|"
                        r"创建|争取|发放|投入|带动|吸引|推动|开展|改造|入选|发展")
ALL_OF = regex.compile(r"^(?:合计|共计|总计|总共|一共|共)(?:达到|达|为|有|约)?$")


def text_of(ctx: CheckContext, claim: Claim) -> str:
    return ctx.document_of(claim).document.text


def clause_words(ctx: CheckContext, claim: Claim) -> str:
    """The words from the start of the figure's clause (or list item) up to the figure, as read for cue words."""
    text = text_of(ctx, claim)
    window = text[max(0, claim.location.start - 60):claim.location.start]
    cut = max(window.rfind(mark) for mark in "，。；：,;:！？、")
    return plain(window[cut + 1:])


def key_of(claim: Claim, *more: str) -> str:
    """A finding's key that survives edits elsewhere in the file: what the claim is about, not where it is."""
    return "|".join([claim.region_code or "", claim.metric or "", claim.period or "", *more])


def words_after(ctx: CheckContext, claim: Claim, width: int = 12) -> str:
    text = text_of(ctx, claim)
    return plain(text[claim.location.end:claim.location.end + width * 2])[:width]


def is_extensive(claim: Claim) -> bool:
    q = claim.quantity
    return q.dimension in EXTENSIVE and claim.role not in ("share", "growth_rate", "rank") and q.unit is not None


def same_unit(a: Claim, b: Claim) -> bool:
    qa, qb = a.quantity, b.quantity
    if qa.dimension != qb.dimension:
        return False
    return qa.unit == qb.unit or qa.dimension == "count" and {qa.unit, qb.unit} <= _GENERIC_COUNTERS


def is_threshold(ctx: CheckContext, claim: Claim) -> bool:
    """亿元以上项目, 超10亿元的, 10亿元项目: a figure that classifies the things after it rather than stating an
    amount; a count may stand before what it counts (建设1000个农村“水盆子”项目) unless it is a bound."""
    if _AMOUNT_END.match(words_after(ctx, claim)):
        return False
    q = claim.quantity
    return q.dimension != "count" or q.qualifier in ("lower", "upper") or words_after(ctx, claim).startswith("的")


def is_comparative(ctx: CheckContext, claim: Claim) -> bool:
    """比上年末增加353人, 增收23.25亿元: a change, not a level."""
    words = clause_words(ctx, claim)
    if _LEVEL_VERB.search(words):
        return False
    return bool(_CHANGE_VERB.search(words) or _COMPARED.search(words))


def is_intensive(ctx: CheckContext, claim: Claim, words: tuple[str, ...] | None = None) -> bool:
    said = clause_words(ctx, claim) + (claim.metric_text or "")
    return any(word in said for word in (word_list("intensive") if words is None else words))


def stated_amount(ctx: CheckContext, claim: Claim, intensive: tuple[str, ...] | None = None) -> bool:
    """An amount a part or total can be: extensive, stated as such, a level, not an average or rate."""
    return (is_extensive(claim) and not is_threshold(ctx, claim) and not is_comparative(ctx, claim)
            and not is_intensive(ctx, claim, intensive))


def head_of(ctx: CheckContext, claim: Claim) -> str:
    """The last two characters of what the figure measures: 产值 of 规模以上工业总产值, 企业 of 瞪羚企业."""
    words = plain(claim.metric_text or "") or _HEAD_END.sub("", clause_words(ctx, claim))
    return words[-2:]


def bracket_depth(text: str) -> int:
    return sum(text.count(o) for o in "（(") - sum(text.count(c) for c in "）)")


def bounds(claim: Claim) -> Quantity:
    """The claim's interval, read as exact for a plain count of things (685人, 17个): a count written without 万
    or 亿 is not rounded, and widening each part by half a unit would let a wrong 合计 pass."""
    q = claim.quantity
    if (q.dimension == "count" and q.qualifier == "exact_rounded" and q.value is not None
            and q.value == q.value.to_integral_value() and not _MAGNITUDE.search(claim.text)):
        return replace(q, low=q.value, high=q.value, low_open=False, high_open=False)
    return q


def must_exceed(part: Claim, total: Claim) -> bool:
    """Whether every value the part allows is above every value the total allows."""
    p, t = bounds(part), bounds(total)
    if p.low is None or t.high is None:
        return False
    return p.low > t.high or p.low == t.high and (p.low_open or t.high_open)


@dataclass(frozen=True, slots=True)
class Sum:
    low: Decimal | None
    high: Decimal | None
    low_open: bool
    high_open: bool


def sum_of(quantities: list[Quantity]) -> Sum:
    lows = [q.low for q in quantities if q.low is not None]
    highs = [q.high for q in quantities if q.high is not None]
    return Sum(sum(lows, Decimal(0)) if len(lows) == len(quantities) else None,
               sum(highs, Decimal(0)) if len(highs) == len(quantities) else None,
               any(q.low_open for q in quantities), any(q.high_open for q in quantities))


@dataclass(frozen=True, slots=True)
class Subset:
    """T …，其中 P1 …: the total, the other totals the 其中 might refer to, and the parts."""

    marker: int                  # offset of 其中 in the original text
    total: Claim
    rivals: tuple[Claim, ...]    # other amounts of the same unit before 其中 in its scope, nearest last
    parts: tuple[Claim, ...]     # the part right after 其中, then the parts listed after it
    tiers: bool                  # some parts are tiers of a measure (亿元以上…，十亿元以上…): they may nest


def subsets(ctx: CheckContext, intensive: tuple[str, ...] | None = None) -> Iterator[Subset]:
    for doc in ctx.documents:
        text = doc.document.text
        claims = sorted(doc.claims, key=lambda c: c.location.start)
        starts = [c.location.start for c in claims]
        ends = [c.location.end for c in claims]  # claims do not overlap: ascending too
        for match in _SUBSET_MARK.finditer(text):
            found = _subset_at(ctx, doc, claims, match.start(), intensive, (starts, ends))
            if found is not None:
                yield found


def _same_sentence(claims: list[Claim], first: int, step: int) -> list[Claim]:
    """claims[first], and its neighbours in the step direction while they stand in its sentence (in
    reading order)."""
    run, i = [], first
    while 0 <= i < len(claims) and claims[i].sentence == claims[first].sentence:
        run.append(claims[i])
        i += step
    return run if step > 0 else run[::-1]


def _subset_at(ctx: CheckContext, doc: DocumentClaims, claims: list[Claim], at: int,
               intensive: tuple[str, ...] | None, index: tuple[list[int], list[int]]) -> Subset | None:
    """index: the claims' start and end offsets, to find those around at by bisection (a scan of every claim
    of the document for every 其中 was quadratic in its length)."""
    text = doc.document.text
    starts, ends = index
    first = bisect_left(starts, at + 2)
    if first == len(claims) or any(ch in _SENTENCE_END for ch in text[at:claims[first].location.start]):
        return None
    sentence = claims[first].sentence
    parts, tiers = _parts_after(ctx, _same_sentence(claims, first, 1), at, intensive)
    if not parts:
        return None
    count = bisect_right(ends, at)  # the claims before: claims[:count]
    before_last = claims[count - 1] if count else None
    scope = _same_sentence(claims, count - 1, -1) if before_last is not None and before_last.sentence == sentence \
        else []
    if not scope and before_last is not None:
        # 其中 opens its sentence: it refers to the sentence before
        gap = text[before_last.location.end:at]
        last_end = max(gap.rfind(ch) for ch in _SENTENCE_END)
        if (last_end == -1 or plain(gap[last_end + 1:]).strip("，,：:")
                or any(ch in _SENTENCE_END for ch in gap[:last_end])):
            return None  # not right after the sentence with the figures
        scope = _same_sentence(claims, count - 1, -1)
    candidates = [c for c in scope if same_unit(c, parts[0]) and stated_amount(ctx, c, intensive)
                  and bracket_depth(text[c.location.end:at]) >= 0]  # not a figure in a bracket closed before 其中
    if not candidates:
        return None
    total = candidates[-1]
    return Subset(at, total, tuple(candidates[:-1]), tuple(_before_sibling(ctx, total, parts)), tiers)


def _before_sibling(ctx: CheckContext, total: Claim, parts: list[Claim]) -> list[Claim]:
    """The parts up to one named like the total (房屋施工面积…，其中新开工面积…；房屋竣工面积…): that one is
    the total's sibling, not its part."""
    opening = _HEAD_END.sub("", clause_words(ctx, total))[:2]
    for i, part in enumerate(parts[1:], 1):
        if len(opening) == 2 and clause_words(ctx, part).startswith(opening):
            return parts[:i]
    return parts


def _parts_after(ctx: CheckContext, claims: list[Claim], at: int,
                 intensive: tuple[str, ...] | None) -> tuple[list[Claim], bool]:
    """The part right after 其中 and the parts listed after it in the sentence; whether any is a tier."""
    text = text_of(ctx, claims[0]) if claims else ""
    parts: list[Claim] = []
    tiers = False
    for claim in claims:
        between = text[at + 2:claim.location.start]
        if bracket_depth(between) < 0:
            break  # …医师11835人（其中执业医师9919人），注册护士…: the bracket holding 其中 has closed
        if bracket_depth(between) > 0:
            continue  # 医师579人（其中执业医师493人）: a part of a part
        if parts and _SUBSET_MARK.search(text[parts[-1].location.end:claim.location.start]):
            break
        if is_extensive(claim) and is_threshold(ctx, claim):
            tiers = True
            continue
        if not parts:
            if not stated_amount(ctx, claim, intensive):
                break
            parts.append(claim)
            tiers = tiers or bool(_TIER_WORDS.search(clause_words(ctx, claim)))
            continue
        if not is_extensive(claim) or is_comparative(ctx, claim):
            continue  # 增长10.28%, 比上年减产849吨: said of the part before
        if (not same_unit(claim, parts[0]) or _NEW_TOTAL.search(clause_words(ctx, claim))
                or "分别" in text[parts[-1].location.end:claim.location.start]
                or _QIZHONG_NEXT.match(words_after(ctx, claim, 4))
                or not stated_amount(ctx, claim, intensive) or not _continues_list(ctx, parts, claim)):
            break  # a new total, a list of the part's own parts, or another topic
        tiers = tiers or bool(_TIER_WORDS.search(clause_words(ctx, claim)))
        parts.append(claim)
    return parts, tiers


def _continues_list(ctx: CheckContext, parts: list[Claim], claim: Claim) -> bool:
    """Whether the figure is one more part of the list: joined by 、 to the part before, or a clause that
    names the same measure (第一产业增加值…；第二产业增加值…) or only a name (高中…，初中…), not a clause with
    an action of its own (…，新增高速公路2600公里)."""
    gap = plain(text_of(ctx, claim)[parts[-1].location.end:claim.location.start])
    if _LIST_ITEM_GAP.fullmatch(gap):
        return True
    words = _HEAD_END.sub("", clause_words(ctx, claim))
    if _ACTION.search(words):
        return False
    first = _HEAD_END.sub("", clause_words(ctx, parts[0]))
    return len(words) >= 2 and len(first) >= 2 and words[-2:] == first[-2:] or len(words) <= 8


def explained_by_rival(ctx: CheckContext, subset: Subset, part: Claim) -> bool:
    """Whether another total before 其中 measures what the part measures while the nearest does not (…工业总产值
    2738280万元，…工业增加值644350万元。其中规模以上工业企业完成工业总产值2596736万元) and can hold it."""
    head = head_of(ctx, part)
    if head_of(ctx, subset.total) == head:
        return False
    return any(head_of(ctx, rival) == head and not must_exceed(part, rival)
               for rival in subset.rivals)


@dataclass(frozen=True, slots=True)
class Listed:
    """Parts and the total they add up to or contain: 合计 (all of it) or a bracketed list (some of it)."""

    total: Claim
    parts: tuple[Claim, ...]
    complete: bool               # 合计/共计: the parts are all of the total


def totals_of_lists(ctx: CheckContext, intensive: tuple[str, ...] | None = None) -> Iterator[Listed]:
    for doc in ctx.documents:
        text = doc.document.text
        claims = sorted(doc.claims, key=lambda c: c.location.start)
        for i, claim in enumerate(claims):
            if not is_extensive(claim) or is_threshold(ctx, claim):
                continue
            if ALL_OF.match(clause_words(ctx, claim)):
                parts = _parts_before(ctx, claims, i, intensive)
                if len(parts) >= 2:
                    yield Listed(claim, tuple(parts), True)
            elif text[claim.location.end:claim.location.end + 1] in "（(" and stated_amount(ctx, claim, intensive):
                parts = _parts_in_brackets(ctx, claims, i, intensive)
                if len(parts) >= 2:
                    yield Listed(claim, tuple(parts), False)


def _parts_before(ctx: CheckContext, claims: list[Claim], i: int, intensive: tuple[str, ...] | None) -> list[Claim]:
    """P1 …，P2 …，合计 T: the parts in the clauses right before the total, back to a ；, a sentence start,
    or anything that is not a plain part."""
    total = claims[i]
    text = text_of(ctx, total)
    parts: list[Claim] = []
    edge = total.location.start
    for claim in reversed(claims[:i]):
        gap = text[claim.location.end:edge]
        if claim.sentence != total.sentence or any(ch in "；;" + _SENTENCE_END for ch in gap):
            break
        words = clause_words(ctx, claim)
        if (not same_unit(claim, total) or not stated_amount(ctx, claim, intensive) or "其中" in gap
                or _NEW_TOTAL.search(words) or _ACTION.search(words)):
            break  # 全县卫生人员2000人，…: a total of its own, not one of the parts
        parts.append(claim)
        edge = claim.location.start
    return parts[::-1]


def _parts_in_brackets(ctx: CheckContext, claims: list[Claim], i: int,
                       intensive: tuple[str, ...] | None) -> list[Claim]:
    """T（P1、P2）: same-unit amounts separated by 、 inside the bracket that opens right after the total."""
    total = claims[i]
    text = text_of(ctx, total)
    open_at = total.location.end
    close_at = min((p for p in (text.find("）", open_at, open_at + 81), text.find(")", open_at, open_at + 81))
                    if p != -1), default=-1)
    if close_at == -1 or close_at - open_at > 80 or bracket_depth(text[open_at + 1:close_at]) != 0:
        return []
    inside = [c for c in claims[i + 1:] if c.location.end <= close_at]
    for a, b in zip(inside, inside[1:], strict=False):
        if not _LIST_NAME_GAP.fullmatch(plain(text[a.location.end:b.location.start])):
            return []
    if not all(same_unit(c, total) and stated_amount(ctx, c, intensive) for c in inside):
        return []
    if any(_TIER_WORDS.search(clause_words(ctx, c)) for c in inside) or "其中" in text[open_at:close_at]:
        return []
    return inside
