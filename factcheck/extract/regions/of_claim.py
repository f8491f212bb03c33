"""The region of each figure in its document: a region named as the subject before it in its sentence, the
document's own region for 全省/全市/我市, or the region its article (in a compilation) or headings are about."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from factcheck.extract import attributes
from factcheck.extract.document_view import DocumentView
from factcheck.extract.regions.gazetteer import Region


def region_of(doc: DocumentView, offset: int, s_start: int) -> Region | None:
    """The region a figure at offset is said of: a region named as the subject before it in its sentence,
    else 全省/我市 (the document's own region of that level), else the region its article or headings are about."""
    context = _context_regions(doc, offset)
    lo = bisect_left(doc.region_starts, s_start)
    hi = bisect_left(doc.region_starts, offset)
    for mention in reversed(doc.regions[lo:hi]):
        if mention.end > offset or not attributes.is_subject(doc.norm.text, mention.start, mention.end):
            continue
        region = doc.gazetteer.resolve(mention, context)
        if region is not None:
            return region
    own = _own_region_word(doc, s_start, offset)
    if own is not None:
        return own
    return context[0] if context else None


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
