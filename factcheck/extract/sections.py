"""The outline of a document as the periods its passages speak of: a work report's review of the year before
(一、2025年工作回顾), its review of several years (过去五年, “十四五”时期), its plan for the year (三、2026年重点工作)
and its longer plans (“十五五”时期主要目标). Each paragraph gets the period in force where it stands: set by the
heading of its section (at any level) and changed by a paragraph whose opening names another (刚刚过去的2025年，…;
五年来，…), until the next heading of the same or a higher level.

A figure whose own sentence and paragraph name no period takes its paragraph's (factcheck.extract.claims).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from factcheck.extract.docmeta import DocumentContext
from factcheck.extract.periods import PeriodMention
from factcheck.text import patterns
from factcheck.text.structure import Heading

# How far into a paragraph its opening runs: its first sentence, at most this many characters.
_OPENING_WIDTH = 60
# The period a paragraph is about stands at its very start: 2025年是…, 过去五年，…, 刚刚过去的2025年，…, 回顾“十四五”…,
# 甘肃五年来….
_SUBJECT_WITHIN = 6
# A period right after one of these is a base, a start or a deadline, not what the passage is about.
_NOT_THE_PASSAGE = ("比", "较", "与", "同", "从", "自", "到", "至", "于", "力争", "确保", "目标", "前")


_PARAGRAPH_ENDS = tuple("。！？!?：:；;")


REVIEW, PLAN = "review", "plan"


@dataclass(frozen=True, slots=True)
class Passages:
    """The period in force at each paragraph of a document (None where nothing says), and the role of the
    section it stands in: REVIEW (一、2025年工作回顾), PLAN (三、2026年重点工作, 二、“十五五”时期主要目标) or None."""

    starts: list[int]
    periods: list[PeriodMention | None]
    roles: list[str | None]

    def at(self, offset: int) -> PeriodMention | None:
        i = bisect_right(self.starts, offset) - 1
        return self.periods[i] if i >= 0 else None

    def role_at(self, offset: int) -> str | None:
        i = bisect_right(self.starts, offset) - 1
        return self.roles[i] if i >= 0 else None


def find_passages(text: str, headings: list[Heading], periods: list[PeriodMention],
                  context: DocumentContext) -> Passages:
    starts: list[int] = []
    values: list[PeriodMention | None] = []
    roles: list[str | None] = []
    heading_at = {h.start: h for h in headings}
    period_starts = [p.start for p in periods]
    stack: list[tuple[int, PeriodMention | None, str | None]] = []  # (heading level, period in force, role)
    pos = 0
    work_report = context.is_work_report
    appendix = False  # the line before was 附件N
    opens = True  # whether the next line opens a paragraph (the line before it ended one, or was a heading)
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        heading = heading_at.get(pos)
        if heading is None and work_report and appendix:
            heading = Heading(pos, end, 0)  # 附件1\n2026年省十件民生实事: the title of an appendix, above its 一、二、
        elif heading is None and work_report and patterns.SECTION_TITLE.fullmatch(stripped):
            heading = Heading(pos, end, 1)  # “十四五”时期工作回顾 on a line of its own, no 一、
        if stripped:
            appendix = bool(patterns.APPENDIX.fullmatch(stripped))
            if appendix:
                # an appendix naming no period (名词注释) explains the report's terms: the period in force goes on
                stack[:] = [(0, stack[-1][1], stack[-1][2])] if stack else []
        if heading is not None:
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            inherited, inherited_role = (stack[-1][1], stack[-1][2]) if stack else (None, None)
            own = _heading_period(text, heading, periods, period_starts, context)
            stack.append((heading.level, own if own is not None else inherited,
                          _heading_role(text, heading) or inherited_role))
        elif opens:
            opening = _opening_period(text, pos, end, periods, period_starts)
            if opening is not None:
                if stack:
                    stack[-1] = (stack[-1][0], opening, stack[-1][2])
                else:
                    stack.append((1, opening, None))
        if stripped:
            # a PDF's text breaks lines inside sentences (…“\n十三五\n”实现了良好开局): such a line opens nothing
            opens = heading is not None or stripped.endswith(_PARAGRAPH_ENDS)
        starts.append(pos)
        current = stack[-1][1] if stack else None
        values.append(None if current is None else _as_section(current))
        roles.append(stack[-1][2] if stack else None)
        pos = end + 1
    return Passages(starts, values, roles)


def _heading_role(text: str, heading: Heading) -> str | None:
    title = text[heading.start:heading.end]
    if patterns.REVIEW.search(title):
        return REVIEW
    return PLAN if patterns.PLAN_TITLE.search(title) else None


def _as_section(p: PeriodMention) -> PeriodMention:
    return PeriodMention(p.start, p.end, p.first, p.last, p.plan, p.unknown, "section")


def _heading_period(text: str, heading: Heading, periods: list[PeriodMention], period_starts: list[int],
                    context: DocumentContext) -> PeriodMention | None:
    """The first period a heading names (一、“十四五”时期和2025年工作回顾 opens with the five years, 一、2025年工作和
    “十四五”发展回顾 with the year); a work report's review heading naming none (一、工作回顾) reviews the year before
    its delivery, and a plan heading naming none (三、今年重点工作) plans the year of delivery."""
    lo, hi = bisect_left(period_starts, heading.start), bisect_left(period_starts, heading.end)
    for p in periods[lo:hi]:
        if p.end <= heading.end and not p.unknown and not _after_base(text, p):
            return p
    years = context.years
    if not context.is_work_report or not years.dated or years.published is None:
        return None
    title = text[heading.start:heading.end]
    if patterns.REVIEW.search(title):
        year = years.published - 1
        return PeriodMention(heading.start, heading.end, year, year)
    if heading.level == 1 and patterns.PLAN_TITLE.search(title):
        return PeriodMention(heading.start, heading.end, years.published, years.published)
    return None


def _opening_period(text: str, start: int, end: int, periods: list[PeriodMention],
                    period_starts: list[int]) -> PeriodMention | None:
    """The period a paragraph's opening names first, its subject: 2025年是“十四五”收官之年, 过去五年，…, 刚刚过去的
    2025年，…, 这是…的五年. Not a base or a deadline (比2020年, 到2027年), not 全年/当年/目前."""
    opening = patterns.SALUTATION.match(text, start, end)
    o_start = opening.end() if opening else start
    stop = patterns.SENTENCE_END.search(text, o_start, min(end, o_start + _OPENING_WIDTH))
    o_end = stop.start() if stop else min(end, o_start + _OPENING_WIDTH)
    lo, hi = bisect_left(period_starts, o_start), bisect_left(period_starts, o_end)
    for p in periods[lo:hi]:
        if p.start - o_start > _SUBJECT_WITHIN:
            break  # 这些目标的确定，既衔接“十四五”…: named in passing, not what the paragraph is about
        word = text[p.start:p.end]
        if p.unknown or word in ("全年", "当年", "目前", "当前", "现已", "截至目前") or _after_base(text, p):
            continue
        return p
    return None


def _after_base(text: str, p: PeriodMention) -> bool:
    before = text[max(0, p.start - 2):p.start]
    return before.endswith(_NOT_THE_PASSAGE)
