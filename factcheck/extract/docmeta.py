"""What a document is about: its date, the year it reports on, and its primary region."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from factcheck.extract.periods import DocumentYears
from factcheck.extract.regions.gazetteer import Gazetteer, Region, RegionMention
from factcheck.text import patterns

_DATE = regex.compile(
    r"(?P<y>20\d\d|19\d\d)\s*(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日|[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?!\d))"
)
_TITLE_YEAR = regex.compile(r"((?:19|20)\d\d)年[^。\n]{0,30}(?:统计公报|公报|年鉴|工作总结|发展报告)")
_HEAD_LINES = 12


@dataclass(frozen=True, slots=True)
class DocumentContext:
    date: str | None          # ISO date, from the document's first lines
    years: DocumentYears
    region: Region | None
    is_work_report: bool


def head(text: str) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    return "\n".join(lines[:_HEAD_LINES])


def infer_context(text: str, gazetteer: Gazetteer, mentions: list[RegionMention] | None = None) -> DocumentContext:
    """mentions, when given, are gazetteer.find(text): the caller needs them too, and finding them is a scan
    of the whole text."""
    top = head(text)
    date = None
    m = _DATE.search(top)
    if m:
        month = int(m.group("m") or m.group("m2"))
        day = int(m.group("d") or m.group("d2"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            date = f"{m.group('y')}-{month:02d}-{day:02d}"
    published = int(date[:4]) if date else None
    review = patterns.DATED_REVIEW_HEADING.search(text[:20000])
    is_work_report = ("政府工作报告" in top or "工作报告" in top[:200] or review is not None
                      or patterns.REVIEW_HEADING.search(text[:20000]) is not None)
    dated = date is not None
    if published is None and review is not None:
        published = int(review.group(1)) + 1  # a work report reviews the year before it is delivered
        dated = True  # (its year of delivery is then as certain as a date's)
    if published is None:
        published = _latest_reported_year(text)
    title_year = _TITLE_YEAR.search(top)
    if title_year:
        reference = int(title_year.group(1))
    else:
        # 全年 in a work report means last year in the review and this year in the plans: the section's
        # heading decides, not the word
        reference = None
    return DocumentContext(date, DocumentYears(published, reference, title_year is not None, dated),
                           _primary_region(text, top, gazetteer, mentions),
                           is_work_report)


_YEAR_MENTION = regex.compile(r"(?<![\d.])((?:19|20)\d\d)年(?!\d)")
_FORWARD = ("到", "至", "力争", "预计", "目标", "计划", "争取", "确保", "前")


def _latest_reported_year(text: str) -> int | None:
    """An undated document is written no earlier than the latest year it speaks of, targets aside
    (到2025年, 力争2027年): that year stands in for its date when 今年 or 这5年 need one."""
    years = [int(m.group(1)) for m in _YEAR_MENTION.finditer(text)
             if not text[max(0, m.start() - 3):m.start()].endswith(_FORWARD)]
    return max(years) if years else None


def _primary_region(text: str, top: str, gazetteer: Gazetteer, mentions: list[RegionMention] | None) -> Region | None:
    """The title's region if the first lines name one, else the most often named region."""
    # The title, or the line under it ("——2026年1月27日在海南省第七届人民代表大会…"); a paragraph of
    # running text is not a title.
    lines = [line.strip() for line in top.split("\n") if line.strip()][:3]
    titles = lines[:1] + [line for line in lines[1:] if line.startswith(("——", "—", "-")) or "会议上" in line]
    for line in titles:
        if len(line) > 60:
            continue
        for mention in gazetteer.find(line):
            region = gazetteer.resolve(mention, ())
            if region is not None:
                return _deepest_in_title(line, gazetteer, region)
    counts: Counter = Counter()
    for mention in gazetteer.find(text) if mentions is None else mentions:
        region = gazetteer.resolve(mention, ())
        if region is not None:
            counts[region.code] += 1
    if not counts:
        return None
    # A province named about as often as one of its cities is the document's scope.
    top_code, top_n = counts.most_common(1)[0]
    best = gazetteer.get(top_code)
    for code, n in counts.most_common(5):
        candidate = gazetteer.get(code)
        if candidate and best and n >= 0.9 * top_n and gazetteer.is_within(best, candidate):
            best = candidate
    return best


def _deepest_in_title(line: str, gazetteer: Gazetteer, first: Region) -> Region:
    deepest = first
    for mention in gazetteer.find(line):
        region = gazetteer.resolve(mention, (deepest,))
        if region is not None and gazetteer.is_within(region, deepest):
            deepest = region
    return deepest
