"""The region of each figure in its document: a region named as the subject before it in its sentence, the
document's own region for 全省/全市/我市, or the region its article (in a compilation) or headings are about."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from factcheck.extract import attributes
from factcheck.extract.document_view import DocumentView
from factcheck.extract.regions.gazetteer import Region


def region_of(doc: DocumentView, offset: int, s_start: int, counts: bool = True) -> Region | None:
    """The region a figure at offset is said of: a region named as the subject before it in its clause or in the
    clause that opens its sentence (not one named in a clause between: 长沙…新增研发机构1178家；研发投入强度提升至
    2.57% is the province's), else 全省/我市 (the document's own region of that level), else the region its
    article or headings are about. Places listed before a count (长沙高新区、株洲高新区等6家园区; 庆阳、酒泉经济
    总量突破千亿元) are counted together: the figure is their parent's. A place naming a zone the gazetteer does not
    know (兰州新区) is that zone, not the place: no region."""
    context = _context_regions(doc, offset)
    text = doc.norm.text
    c_start = doc.structure.clause_start(offset)
    topic_end = doc.structure.clause_end(s_start)
    lo = bisect_left(doc.region_starts, s_start)
    hi = bisect_left(doc.region_starts, offset)
    mentions = doc.regions[lo:hi]
    joint = attributes.words_pattern(attributes.cues().joint).search(text, c_start, offset)
    for i in range(len(mentions) - 1, -1, -1):
        mention = mentions[i]
        if mention.end > offset or not (mention.start >= c_start or mention.end <= topic_end):
            continue
        if joint is not None and mention.end <= joint.start():
            return None  # 300个川渝共建重点项目: several regions' together
        if not attributes.is_subject(text, mention.start, mention.end):
            continue
        if _listed(text, mentions, i, offset):
            if counts:
                break  # the parent's count, as 全省/我市 or the context give it
            return None  # 庆阳、酒泉经济总量突破千亿元: each place's, no one region's
        region = doc.gazetteer.resolve(mention, context)
        if region is not None and region.level != "zone" and _ZONE_AFTER.match(text, mention.end):
            return None  # 兰州新区经济总量: a zone's figure, and no zone of the gazetteer
        if region is not None:
            return region
    if joint is not None:
        return None
    zones = _ZONES_PLAN.search(text, s_start, offset)
    if zones is not None and not _region_ends_at(doc, zones.start()):
        return None  # 开展高新区新质专项行动…高新技术企业3.8万家: the zones' targets, not the province's
    own = _own_region_word(doc, s_start, offset)
    if own is not None:
        return own
    return context[0] if context else None


# After a place name, a zone named by it that the gazetteer would have matched whole if it knew it.
_ZONE_AFTER = re.compile(r"(?:国家级|省级)?(?:高新区|高新技术产业开发区|经开区|经济技术开发区|开发区|新区"
                         r"|自贸片区|自贸区|综合保税区|综保区|工业园区|产业园区|产业园|工业园|园区)")
# An action of zones spoken of together, no place named (开展高新区新质专项行动): the figures of its sentence are the
# zones' targets, not their region's (the zones are no region of the gazetteer).
_ZONES_PLAN = re.compile(r"(?:高新区|经开区|开发区|自贸试验区|自贸区)[^，。；;,]{0,8}(?:行动|工程|计划)")


def _region_ends_at(doc: DocumentView, offset: int) -> bool:
    """Whether a region mention ends right at offset (无锡高新区: the zone word after a place is its name)."""
    i = bisect_right(doc.region_starts, offset) - 1
    return i >= 0 and offset - 3 <= doc.regions[i].end <= offset


# Between the places of a list: 、 和 及 与, and a zone or level word that each item may carry.
_LIST_JOINT = re.compile(r"[^\s，。；：、和及与]{0,8}?[、和及与]")


def _listed(text: str, mentions, i: int, offset: int) -> bool:
    """Whether mentions[i] is one of several places listed right before a figure (长沙高新区和长沙经开区、株洲高新区、
    衡阳高新区等6家园区; 庆阳、酒泉经济总量…; 在14个市州城区和兰州新区增补…)."""
    mention = mentions[i]
    before = text[max(0, mention.start - 12):mention.start]
    if i > 0 and _LIST_JOINT.fullmatch(text, mentions[i - 1].end, mention.start):
        return True
    if before.endswith(("、", "和", "及", "与")) and _COUNTED_PLACES.search(before):
        return True  # 在14个市州城区和兰州新区
    following = text[mention.end:offset]
    return following.startswith("、") or bool(_LISTED_BEFORE_COUNT.match(following))


_COUNTED_PLACES = re.compile(r"\d+个(?:市|县|区|市州|设区市|县市区)")
# a place with its zone word, then 等 and the count of the list: 衡阳高新区等6家园区
_LISTED_BEFORE_COUNT = re.compile(r"[^\s，。；：、]{0,8}?等\s*$")


def _context_regions(doc: DocumentView, offset: int) -> tuple[Region, ...]:
    article = _article_region(doc, offset)
    headings = doc.structure.enclosing_headings(offset)
    key = (article.code if article else None, headings)
    regions = doc.context_regions.get(key)
    if regions is None:
        regions = doc.context_regions[key] = _regions_of(doc, article, headings)
    return regions


def _regions_of(doc: DocumentView, article: Region | None, headings) -> tuple[Region, ...]:
    found: list[Region] = []
    base = tuple(r for r in (article, doc.context.region) if r is not None)
    for heading in headings:
        lo = bisect_left(doc.region_starts, heading.start)
        hi = bisect_left(doc.region_starts, heading.end)
        for mention in reversed(doc.regions[lo:hi]):
            region = doc.gazetteer.resolve(mention, tuple(found) + base)
            if region is not None:
                found.append(region)
                break
    return tuple(found) + base


def _article_region(doc: DocumentView, offset: int) -> Region | None:
    """In a compilation of articles (markdown "# " headings), the region the article at offset is about:
    the one its body names most often as a subject, ties going to the one named first."""
    bounds = doc.articles
    if not bounds:
        return None
    i = bisect_right([a for a, _ in bounds], offset) - 1
    if i < 0:
        return None
    start, end = bounds[i]
    if start in doc.article_regions:
        return doc.article_regions[start]
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    lo, hi = bisect_left(doc.region_starts, start), bisect_left(doc.region_starts, end)
    for mention in doc.regions[lo:hi]:
        if not attributes.is_subject(doc.norm.text, mention.start, mention.end):
            continue
        region = doc.gazetteer.resolve(mention, (doc.context.region,) if doc.context.region else ())
        if region is not None:
            counts[region.code] = counts.get(region.code, 0) + 1
            first.setdefault(region.code, mention.start)
    best = max(counts, key=lambda code: (counts[code], -first[code]), default=None)
    doc.article_regions[start] = doc.gazetteer.get(best) if best else None
    return doc.article_regions[start]


def _own_region_word(doc: DocumentView, s_start: int, offset: int) -> Region | None:
    """全省/全市/我市 before the figure, resolved to the document's own region of that level."""
    own = doc.context.region
    if own is None:
        return None
    text = doc.norm.text
    before = text[s_start:offset]
    if _own_words().search(before) is None:
        return None  # most sentences name no 全省/我市: one scan instead of one per word
    best_pos, best_level = -1, None
    for word, level in attributes.cues().own.items():
        pos = before.rfind(word)
        while pos != -1 and attributes.is_scope(text, s_start + pos, s_start + pos + len(word)):
            pos = before.rfind(word, 0, pos)
        if pos > best_pos:
            best_pos, best_level = pos, level
    if best_level is None or best_level == "any":
        return own if best_level else None
    for region in (own, *doc.gazetteer.ancestors(own)):
        if region.level == best_level:
            return region
    return own


@cache
def _own_words() -> re.Pattern:
    return re.compile("|".join(re.escape(word) for word in attributes.cues().own))
