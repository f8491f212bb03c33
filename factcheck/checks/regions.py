"""FC5: figures that cannot be true of a region and its parts — a part above its whole, and 全覆盖 claims
with fewer things than there are subdivisions to cover."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import regex

from factcheck.checks.base import Check, CheckContext, Option, per_claim
from factcheck.checks.evidence.figures import overlaps, pairable, spell
from factcheck.checks.evidence.local import (
    after,
    aspect_of,
    clause_before,
    comparable,
    plain,
    sentence_before,
    year_of,
)
from factcheck.checks.same_fact import where
from factcheck.extract.attributes import cues
from factcheck.extract.regions.gazetteer import Region
from factcheck.extract.regions.tree import RegionTree
from factcheck.model.claims import Claim
from factcheck.model.findings import Finding

# Extensive quantities only: a part's count or amount cannot exceed its whole's; a rate, average or price can.
_QUOTED = regex.compile(r"“[^”]{0,20}”|\"[^\"]{0,20}\"")
_DEFINITION_WORDS = ("统计范围", "统计口径", "及以上的")
_EXTENSIVE = ("count", "money", "area", "mass", "length", "power", "energy", "volume")


def region_tree(ctx: CheckContext):
    tree = ctx.memo.get("region_tree")
    if tree is None:
        tree = ctx.memo["region_tree"] = RegionTree(ctx.gazetteer)
    return tree


@per_claim
def named_here(ctx: CheckContext, claim: Claim) -> bool:
    """The claim's region is its document's own region, or its name stands before it in its sentence: a
    region inherited from a neighbouring sentence is not evidence enough to compare across regions."""
    doc = ctx.document_of(claim).document
    if claim.region_code == doc.region_code:
        return True
    region = ctx.gazetteer.get(claim.region_code or "")
    if region is None:
        return False
    text = doc.text
    start = max(0, claim.location.start - 80)
    window = text[start:claim.location.start]
    window = _QUOTED.sub("", window[max(window.rfind(mark) for mark in "。；！？") + 1:])  # “中国创翼” is a name
    window = plain(window)
    if region.level == "country":  # 中国能建, 中国中部博览会: 中国 in names; the country as subject is 全国/我国
        return any(word in window for word in ("全国", "我国", "国内"))
    return any(form and form in window for form in (region.name, region.short, *region.aliases) if len(form) >= 2)


def _with_a_region_around(ctx: CheckContext, tree, claims: Iterable[Claim]) -> list[Claim]:
    """The claims, in order, whose (metric, period, unit, dimension) also holds a claim of a region around
    theirs: only those can meet a whole. run() reads local evidence per claim, and most such groups of a
    corpus hold the figures of one region only."""
    def key(claim: Claim) -> tuple:
        return claim.metric, claim.period, claim.quantity.unit, claim.quantity.dimension

    claims = list(claims)
    codes: dict[tuple, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.region_code and ctx.gazetteer.get(claim.region_code) is not None:
            codes[key(claim)].add(claim.region_code)
    kept = {k for k, found in codes.items()
            if any(code != part and code in found for part in found for code in tree.around(part))}
    return [c for c in claims if key(c) in kept]


def single_valued(claims: list[Claim]) -> list[Claim]:
    """Drop the figures of a region whose document gives the same metric several disagreeing values (在校学生
    112.51万人, then 7.69万人 for 高等学校, 5.19万人 for 中职): which of them is the whole is not known."""
    by_source: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_source[(claim.location.path, claim.region_code)].append(claim)
    return [c for group in by_source.values()
            if all(overlaps(a.quantity, b.quantity) for a in group for b in group) for c in group]


class PartExceedsRegion(Check):
    code = "FC501"
    name = "part-exceeds-region"
    summary = "下级地区（市、区县）的总量或存量数字超过其所属上级地区同一指标、同一时期的数字。"
    why = ("A city's count of enterprises or its output cannot exceed its province's for the same thing in the "
           "same year; when it does, one of the figures is wrong, or the two do not measure the same thing.")
    summary_en = (
        "A subordinate region's (a city's or county's) total or stock exceeds its parent region's figure for "
        "the same metric and period.")
    why_zh = (
        "一个市的企业数或产值不可能超过其所在省同一年的同一指标；若超过，要么其中一个数字错了，要么两者统计的不是"
        "同一件事。")
    severity = "warning"
    pairs_on = ("region-family",)
    options = {
        "intensive_words": Option("words",
                                  "words that make a figure intensive (a rate, an average, a price, a rank): "
                                  "not compared",
                                  words="intensive_regions"),
    }
    bad = (
        "2022年江西省规模以上工业企业16000家。\n===\n2022年宜春市规模以上工业企业17000家。",
        "截至2024年底，江苏省累计建成5G基站28万个。截至2024年底，无锡市累计建成5G基站30万个。",
    )
    bad_spans = ("17000家", "30万个")
    good = (
        "2022年江西省规模以上工业企业16000家。\n===\n2022年宜春市规模以上工业企业1700家。",
        "2022年江西省人均地区生产总值7万元。2022年南昌市人均地区生产总值11万元。",
        "2022年江西省规模以上工业企业16000家。\n===\n2023年宜春市规模以上工业企业17000家。",
        "2024年江苏省新增高新技术企业5000家。截至2024年底，无锡市累计有高新技术企业7000家。",
    )

    def eligible(self, claim: Claim) -> bool:
        """What the claim's own fields say: an actual extensive figure for one year of a specific metric.
        run() asks this first; focus runs select the reference claims FC501 may compare by it."""
        q = claim.quantity
        if not (claim.role == "actual" and claim.kind == "actual" and q.dimension in _EXTENSIVE
                and year_of(claim.period) is not None and pairable(claim)):
            return False
        avoid = self.__dict__.get("_avoid")
        if avoid is None:
            avoid = self.__dict__["_avoid"] = tuple(self.setting("intensive_words"))
        metric = claim.metric
        assert metric is not None  # pairable: a specific metric
        return not any(word in metric for word in avoid)

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        tree = region_tree(ctx)
        groups: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in _with_a_region_around(ctx, tree, (c for c in ctx.claims if self.eligible(c))):
            q = claim.quantity
            if (not comparable(ctx, claim, metric_before=True) or not named_here(ctx, claim)
                    or any(word in sentence_before(ctx, claim) + after(ctx, claim, 6) for word in _DEFINITION_WORDS)):
                continue  # 统计范围为年主营业务收入2000万元及以上: a threshold, not a figure of the region
            groups[(claim.metric, claim.period, q.unit, q.dimension, aspect_of(ctx, claim))].append(claim)
        gazetteer = ctx.gazetteer
        for group in groups.values():
            claims = single_valued(group)
            by_region: dict[str | None, list[tuple[int, Claim]]] = defaultdict(list)
            for position, claim in enumerate(claims):
                by_region[claim.region_code].append((position, claim))
            for part in claims:
                inner = gazetteer.get(part.region_code or "")
                if inner is None:
                    continue
                # the wholes it lies within, in the group's order: is_within(inner, outer) by construction
                wholes = sorted((pc for code in tree.around(part.region_code) if code != part.region_code
                                 for pc in by_region.get(code, ())), key=lambda pc: pc[0])
                for _, whole in wholes:
                    outer = gazetteer.get(whole.region_code or "")
                    if outer is None or gazetteer.is_within(outer, inner):
                        continue
                    if _above(part, whole):
                        yield self.finding(
                            ctx, part,
                            f"{part.metric} {part.period}年：{part.region} {spell(part)}（{where(part, whole)}）"
                            f"高于其所属的{whole.region} {spell(whole)}（{where(whole, part)}），下级不应超过上级",
                            related=[(whole, f"{whole.region}的同一指标")],
                            key=f"{part.region_code}<{whole.region_code}|{part.metric}|{part.period}",
                        )
                        break


def _above(part: Claim, whole: Claim) -> bool:
    """The part's figure lies wholly above the whole's."""
    low, high = part.quantity.low, whole.quantity.high
    return low is not None and high is not None and low >= high and not overlaps(part.quantity, whole.quantity)


# -- 全覆盖 ---------------------------------------------------------------------------------------------------

_PREFECTURE_WORDS = {"设区市": "city", "地级市": "city", "地级以上市": "city", "省辖市": "city",
                     "市州": "all", "市（州）": "all", "市(州)": "all"}
_COUNTY_WORDS = ("县（市、区）", "县(市、区)", "县市区", "县（区）", "区县", "县区")
_NUMERAL = r"(?:\d+|[一二三四五六七八九十两]+)"
_LEVEL = "|".join(regex.escape(w) for w in sorted([*_PREFECTURE_WORDS, *_COUNTY_WORDS], key=len, reverse=True))
_COVERAGE = regex.compile(rf"(?:(?P<count>{_NUMERAL})\s*个)?\s*(?P<level>{_LEVEL})\s*(?:基本)?全覆盖")
_COVERING_LINK = regex.compile(r"^[、，,\s]*(?:并|并且|基本)?\s*(?:实现|做到|达到)?$")


class CoverageClaim(Check):
    code = "FC502"
    name = "coverage-claim"
    summary = "“实现设区市全覆盖”等说法与数字不符：覆盖的数量少于区划中下级地区的数量，或写明的地区数与区划不符。"
    why = ("全覆盖 means every subdivision has one; 9 clusters cannot cover 13 设区市 one each, and a province "
           "with 13 设区市 cannot be said to have 12. The gazetteer counts the subdivisions.")
    summary_en = (
        "A claim such as 实现设区市全覆盖 disagrees with the figures: fewer covered than the region's subdivi"
        "sions, or a stated count of regions that differs from the gazetteer.")
    why_zh = (
        "“全覆盖”意味着每个下级地区都有；9个集群不可能让13个设区市各有一个，有13个设区市的省也不能说成12个。下级"
        "地区的数目取自区划表。")
    severity = "warning"
    scope = "document"
    bad = (
        "江苏省国家先进制造业集群增至10个、实现设区市全覆盖。",
        "江西省人民政府\n全省本科院校实现12个设区市全覆盖。",
    )
    bad_spans = ("10个", "12个")
    good = (
        "江苏省国家先进制造业集群增至14个、实现设区市全覆盖。",
        "江苏省国家先进制造业集群增至13个、实现设区市全覆盖。",
        "甘肃省升格设置8所本科院校，实现高校设置市州全覆盖。",
        "甘肃省建成125个县域医共体，实现五大急危重症救治中心县级全覆盖。",
        "广东省人民政府\n本科高校、高职院校、技师学院均实现21个地级以上市全覆盖。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            text = doc.document.text
            ends = [c.location.end for c in doc.claims]  # in reading order, not overlapping: ascending
            for match in _COVERAGE.finditer(text):
                count = bisect_right(ends, match.end())  # the claims ending by the match: doc.claims[:count]
                claims = doc.claims[count - 1:count]  # the last of them is all the tests below read
                stated = next((c for c in claims if c.location.start >= match.start()), None)
                covering = None if stated else _covering_count(ctx, claims, text, match)
                anchor = stated or covering
                if anchor is None:
                    continue
                region = _region_for(ctx, anchor, doc.document.region_code, match.group("level"))
                if region is None:
                    continue
                subdivisions = _subdivisions(ctx, region, match.group("level"))
                if not subdivisions:
                    continue
                expected = len(subdivisions)
                value = anchor.quantity.value
                level = match.group("level")
                if value is None:
                    continue
                if stated is not None and value != expected:
                    message = (f"{region.name}的{level}按区划库为{expected}个，文中写“{spell(stated)}{level}全覆盖”"
                               f"（{where(stated)}）")
                elif covering is not None and value < expected:
                    message = (f"{region.name}的{level}按区划库有{expected}个，{covering.metric} {spell(covering)}"
                               f"（{where(covering)}）少于此数，却称“{level}全覆盖”")
                else:
                    continue
                yield self.finding(ctx, anchor, message, key=f"{region.code}|{level}|{anchor.metric}|coverage")


def _covering_count(ctx: CheckContext, claims: Sequence[Claim], text: str, match: regex.Match) -> Claim | None:
    """The count the coverage rests on: a stock figure ending the clause right before 实现…全覆盖 with no
    other subject in between (集群增至14个、实现设区市全覆盖; not 建成125个医共体，实现救治中心县级全覆盖)."""
    if not claims:
        return None
    last = claims[-1]
    link = plain(text[last.location.end:match.start()])
    if last.metric_text and link.startswith(plain(last.metric_text)):
        link = link[len(plain(last.metric_text)):]  # 建有18家国家高新区，实现…
    if not _COVERING_LINK.match(link):
        return None
    clause = clause_before(ctx, last)
    if (last.quantity.dimension != "count" or last.quantity.qualifier not in ("exact_rounded", "exact")
            or any(cue in clause for cue in cues().covering_flow)
            or not any(cue in clause for cue in cues().covering_stock)):
        return None
    return last


def _region_for(ctx: CheckContext, claim: Claim, document_code: str | None, level: str) -> Region | None:
    """The region whose subdivisions are meant: a province for 设区市 (the claim's, else the document's
    province), a prefecture for 县（市、区）."""
    gazetteer = ctx.gazetteer
    wanted = "province" if level in _PREFECTURE_WORDS else "prefecture"
    for code in (claim.region_code, document_code):
        region = gazetteer.get(code or "")
        if region is None:
            continue
        for candidate in (region, *gazetteer.ancestors(region)):
            if candidate.level == wanted:
                return candidate
        if wanted == "prefecture":
            return None  # a province's 县（市、区） count is too unstable in the gazetteer to check
    return None


def _subdivisions(ctx: CheckContext, region: Region, level: str) -> tuple[Region, ...]:
    gazetteer = ctx.gazetteer
    if level in _PREFECTURE_WORDS:
        children = gazetteer.children(region, "prefecture")
        if _PREFECTURE_WORDS[level] == "city":
            children = tuple(r for r in children if r.name.endswith("市"))
        return children
    return gazetteer.children(region, "county")
