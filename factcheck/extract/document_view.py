"""One document as the per-claim decisions of extraction see it (claims, metrics of a claim, regions of a
claim): its normalized text, outline, context and the mentions found in it, with memos they share."""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.extract.docmeta import DocumentContext
from factcheck.extract.periods import PeriodMention
from factcheck.extract.regions.gazetteer import Gazetteer, Region, RegionMention
from factcheck.extract.sections import Passages
from factcheck.text.normalize import Normalized
from factcheck.text.structure import Structure


@dataclass
class DocumentView:
    """Everything about one document that the per-claim decisions look up."""

    norm: Normalized
    structure: Structure
    context: DocumentContext
    gazetteer: Gazetteer
    regions: list[RegionMention]
    region_starts: list[int]
    periods: list[PeriodMention]
    period_starts: list[int]
    articles: list[tuple[int, int]]
    article_regions: dict[int, Region | None]
    data_notes: list[tuple[int, int]]
    # _context_regions by (article region, enclosing headings): the same for every figure under them
    context_regions: dict[tuple, tuple[Region, ...]] = field(default_factory=dict)
    # _plan_paragraph by paragraph start
    plan_paragraphs: dict[int, bool] = field(default_factory=dict)
    heading_starts: list[int] = field(default_factory=list)
    # the period in force at each paragraph (factcheck.extract.sections)
    passages: Passages | None = None
