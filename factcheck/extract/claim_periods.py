"""The period of a figure: from its sentence, its paragraph, its section (factcheck.extract.sections), a data note or
a title; over several years, the span for what the years added up to and the end for a level; and whether that
period makes the figure a target (a year not over when the document speaks) or an outturn (one that is)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from factcheck.extract import attributes
from factcheck.extract.anniversaries import ANNIVERSARY_SUFFIX
from factcheck.extract.document_view import DocumentView
from factcheck.extract.numbers.grammar import NumberMention
from factcheck.extract.periods import PeriodMention
from factcheck.text.structure import PARAGRAPH_WINDOW


def names_a_period(doc: DocumentView, mention: NumberMention) -> bool:
    """过去五年, 五年来: a duration that is itself the period of the sentence measures nothing."""
    return mention.quantity.dimension == "duration" and _period_inside(doc, mention) is not None


def _period_inside(doc: DocumentView, mention: NumberMention) -> PeriodMention | None:
    """The period mention that holds the figure (过去五年 holds 五年), if one does."""
    lo = bisect_left(doc.period_starts, mention.start - 4)
    hi = bisect_left(doc.period_starts, mention.end)
    return next((p for p in doc.periods[lo:hi] if p.start <= mention.start and p.end >= mention.end), None)


def past(doc: DocumentView, period: PeriodMention | None) -> bool:
    """A year over before a dated document speaks: its figures are outturns, whatever 目标 the sentence names."""
    years = doc.context.years
    return (period is not None and not period.unknown and years.dated and years.published is not None
            and period.last < years.published)


def future(doc: DocumentView, period: PeriodMention | None) -> bool:
    """A figure for a year that has not ended when the document speaks is a plan: any year after its date,
    and, in a work report delivered early in the year, the year of delivery itself."""
    years = doc.context.years
    if period is None or years.published is None or period.unknown:
        return False
    if period.first > years.published or period.first < period.last and period.last > years.published:
        return True  # a year after the document speaks, or a plan's years running beyond it (十五五: 2026-2030)
    return doc.context.is_work_report and years.dated and period.first == years.published


def delivery_year(doc: DocumentView) -> PeriodMention | None:
    """A target a dated work report sets without naming a year (经济社会发展主要预期目标是：…) is for the year the
    report is delivered in: the report speaks for that year's work."""
    years = doc.context.years
    if doc.context.is_work_report and years.dated and years.published is not None:
        return PeriodMention(0, 0, years.published, years.published, source="document")
    return None


_SPAN_KINDS = ("growth_rate", "change")
_NOW = ("目前", "当前", "现已", "截至目前")  # speak for their own sentence (利当前、惠长远)
_OPENING = 12  # a plan named this close to a paragraph's start is what the paragraph is about (“十四五”时期，…)
# 标准从每人每月202元提高到…, 关税总水平由9.8%降至7.5%: a starting value right after 从 or 由 (not 从业, 从事,
# 从全球400余项, 由于)
# (分别从每人每月209元、280元提高到…: the starting values listed after one 从)
_START_VALUE = re.compile(r"(?P<from>从(?![业事而中严全])|由(?![于此]))[^，。；、\d]{0,6}"
                          r"(?:\d[\d.]*[^，。；、\d]{0,3}、)*$")
# What a start after 由 must be followed by: the change to the end (由9.8%降至7.5%), not 由3个部门组成.
_CHANGED_TO = re.compile(r"[^，。；]{0,16}?(?:提高|提升|增加|增长|下降|降低|减少|扩大|缩小|上升|调整|压减|降|升|增)"
                         r"(?:到|至|为)")
# 这是…的五年。: the passage's years, named as a duration
_THE_YEARS = re.compile(r"\s*[。！!；;]")


def _measured_in_context(doc: DocumentView, mention: NumberMention) -> str | None:
    """How a duration in a work report is a measure of its passage's period: "passage" for days and months counted
    in it (优良天数329天, 连续30个月居全国前10位) and for the passage's years themselves (这是…的五年。), "level"
    for an age (人均预期寿命82.58岁); None for 延长30年, 提前5年, 三年行动, which have no period of their own."""
    if not doc.context.is_work_report:
        return None
    unit = mention.quantity.unit
    text = doc.norm.text
    if unit == "岁":
        return "level"
    if unit in ("天", "月"):
        # 连续30个月居全国前10位 over the passage's years; 优良天数281天 in its last
        return "passage" if text[max(0, mention.start - 2):mention.start] == "连续" else "level"
    if unit == "年" and text[max(0, mention.start - 1):mention.start] == "的" and _THE_YEARS.match(text, mention.end):
        return "passage"
    return None
_FROM = ("从", "由")


def period_for(doc: DocumentView, mention: NumberMention, kind: str, s_start: int, c_start: int,
                clause_before: str) -> PeriodMention | None:
    """The period a figure is for; a span narrows to its end for levels and to the year before it for
    the starting value of 从…到…."""
    q = mention.quantity
    if q.dimension == "duration":
        # 过去五年: the duration names its own span; 连续5年 ends in the year its sentence speaks of;
        # 三年行动 has no period of its own
        inside = _period_inside(doc, mention)
        if inside is not None:
            return inside
        if doc.norm.text[mention.start:mention.end].endswith(ANNIVERSARY_SUFFIX):
            context = _period(doc, mention.start, s_start)  # 成立75周年: the anniversary falls in its sentence's year
            if context is None or not context.known:
                return None
            return PeriodMention(context.start, context.end, context.last, context.last)
        if q.unit == "年" and q.value and doc.norm.text[max(0, mention.start - 2):mention.start].endswith("连续"):
            context = _period(doc, mention.start, s_start)
            if context is not None and context.known and 1 < q.value <= 50:
                last = context.last
                return PeriodMention(context.start, context.end, last - int(q.value) + 1, last)
        measured = _measured_in_context(doc, mention)
        if measured is None:
            return None
        if measured == "passage":
            context = _period(doc, mention.start, s_start)
            return context if context is not None and context.known else None
    period = _period(doc, mention.start, s_start)
    if period is None or period.unknown:
        return None
    from_pos = max(clause_before.rfind(w) for w in _FROM)
    if from_pos != -1 and not any(w in clause_before[from_pos:] for w in ("到", "至", "提高", "增长", "增加")):
        # the starting value of 从…到…: the year before the span, or before the year, unless the 从 names its own
        # year (从2020年的82.4岁)
        start = _START_VALUE.search(clause_before)
        if start is not None and start.group("from") == "由" and not _CHANGED_TO.match(
                doc.norm.text, mention.end, mention.end + 24):
            start = None
        if period.first < period.last or (start is not None and not _is_deadline(doc, period)
                                          and not c_start + from_pos <= period.start < mention.start):
            year = period.first - 1
            return replace(period, first=year, last=year)
    if period.first == period.last:
        return period
    if not _is_level(kind, q.dimension, clause_before):
        return period  # 累计超过1000亿美元 over 十四五 is the span's sum, not its last year
    return replace(period, first=period.last, last=period.last)


_REACHES = re.compile(r"(?:达到|达|增至|增加到|增长到|提高到|提升到|提升至|提高至|升至|扩大到|突破)\s*$")


def _is_level(kind: str, dimension: str, clause_before: str) -> bool:
    """Whether a figure stated over several years is the level at their end (累计达到46个, 从1832户增加到3382户,
    地区生产总值达14.2万亿元) rather than what the years added up to (累计接待游客17.52亿人次, 新增百亿县区26个,
    建成养老机构357家) or a change over them."""
    if kind in _SPAN_KINDS:
        return False
    if _REACHES.search(clause_before):
        return True
    if "累计" in clause_before or "连续" in clause_before[-6:]:
        return False  # 连续五年排名全国第三, 连续30个月: held through the years
    if attributes.clause_aspect(clause_before) == "flow" or any(
            w in clause_before[-12:] for w in attributes.cues().flow_action if w != "培育"):
        return False  # 新增城市绿道超200公里, 新建改造…管网6562公里, 建设高标准农田2556万亩
    return not (kind == "actual" and dimension == "count" and attributes.aspect_of(kind, clause_before) != "stock")


_REACHED = re.compile(r"(?:到|至|为)")


def _start_passed(doc: DocumentView, period: PeriodMention, offset: int) -> bool:
    """从2020年的82.4岁提升至83.9岁: the year dates the start, not the figure the change reaches."""
    text = doc.norm.text
    return (text[max(0, period.start - 1):period.start] in _FROM
            and _REACHED.search(text, period.end, offset) is not None)


def _is_deadline(doc: DocumentView, period: PeriodMention) -> bool:
    before = doc.norm.text[max(0, period.start - 4):period.start].rstrip()
    return before.endswith(("到", "至", "力争", "确保", "目标"))


def _from_heading(p: PeriodMention) -> PeriodMention:
    """p as the period a heading gives its section (dataclasses.replace is some 5 µs a call)."""
    return PeriodMention(p.start, p.end, p.first, p.last, p.plan, p.unknown, "heading")


def _period(doc: DocumentView, offset: int, s_start: int) -> PeriodMention | None:
    hi = bisect_left(doc.period_starts, offset)
    lo = bisect_left(doc.period_starts, s_start)
    candidates = [p for p in doc.periods[lo:hi] if p.end <= offset and not _start_passed(doc, p, offset)]
    if not candidates:
        # carried over from an earlier sentence of the same paragraph (五年来，…。全省…), unless that
        # period is a deadline (到2025年力争…), which speaks for its own sentence only
        p_start, _ = doc.structure.paragraph(offset)
        lo = bisect_left(doc.period_starts, max(p_start, offset - PARAGRAPH_WINDOW))  # a line of a megabyte
        earlier = [p for p in doc.periods[lo:hi] if p.end <= offset and not _start_passed(doc, p, offset)
                   and not (p.plan and p.start - p_start > _OPENING) and not p.unknown
                   and doc.norm.text[p.start:p.end] not in _NOW]
        if earlier and not _is_deadline(doc, earlier[-1]) and not earlier[-1].since:
            candidates = earlier  # (a plan named in passing, 提前完成“十四五”目标, is not what the paragraph is about)
    if candidates and candidates[-1].unknown:
        # 目前 in an undated document: a note such as 以上数据均截至2024年底 dates it
        note = next((year for pos, year in doc.data_notes if pos > offset), None)
        if note is not None:
            return PeriodMention(0, 0, note, note, source="note")
    if candidates:
        nearest = candidates[-1]
        if nearest.plan:
            years = [p for p in candidates
                     if not p.plan and p.first == p.last and nearest.first <= p.first <= nearest.last]
            if years:
                return years[-1]
        return nearest
    if doc.passages is not None:
        passage = doc.passages.at(offset)  # a work report's outline (factcheck.extract.sections)
        if passage is not None:
            return passage
    else:
        for heading in doc.structure.enclosing_headings(offset):
            a = bisect_left(doc.period_starts, heading.start)
            b = bisect_right(doc.period_starts, heading.end)
            in_heading = [p for p in doc.periods[a:b] if p.end <= heading.end]
            explicit = [p for p in in_heading if not p.plan]
            if explicit:
                return _from_heading(explicit[0])
            if in_heading:
                # "奋力开局十五五": the plan's span, narrowed to a year the section itself names within it
                plan = in_heading[0]
                named = [p for p in doc.periods[b:hi] if not p.plan and p.first == p.last
                         and plan.first <= p.first <= plan.last]
                return _from_heading(named[-1] if named else plan)
    note = next((year for pos, year in doc.data_notes if pos > offset), None)
    if note is not None:
        return PeriodMention(0, 0, note, note, source="note")
    reference = doc.context.years.reference
    if reference is not None and doc.context.years.from_title:
        return PeriodMention(0, 0, reference, reference, source="title")
    return None
