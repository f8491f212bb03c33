"""Turn one decoded document into located claims: figure, role, aspect, region, metric, period."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from factcheck.extract import attributes
from factcheck.extract.docmeta import infer_context
from factcheck.extract.document_view import DocumentView
from factcheck.extract.metrics.canonical import canonical_metric
from factcheck.extract.metrics import of_claim as claim_metrics
from factcheck.extract.numbers.grammar import NumberMention, find_quantities
from factcheck.extract.periods import PeriodMention, find_data_notes, find_periods
from factcheck.extract.regions import of_claim as claim_regions
from factcheck.extract.regions.gazetteer import load_gazetteer
from factcheck.extract.sections import PLAN, find_passages
from factcheck.model.claims import Claim, DocumentClaims, DocumentInfo, Location
from factcheck.text import patterns
from factcheck.text.normalize import LineIndex, normalize
from factcheck.text.structure import Structure


def extract_document(path: str, text: str, sha256: str, encoding: str) -> DocumentClaims:
    gazetteer = load_gazetteer()
    norm = normalize(text)
    ntext = norm.text
    regions = gazetteer.find(ntext)
    context = infer_context(ntext, gazetteer, regions)
    periods = find_periods(ntext, context.years)
    structure = Structure(ntext)
    doc = DocumentView(norm, structure, context, gazetteer, regions, [r.start for r in regions],
               periods, [p.start for p in periods], structure.articles(), {}, find_data_notes(ntext),
               heading_starts=[h.start for h in structure.headings],
               passages=find_passages(ntext, structure.headings, periods, context) if context.is_work_report else None)
    mentions = find_quantities(ntext)
    respectively = claim_metrics.respectively(doc, mentions)
    lines = LineIndex(text)
    claims: list[Claim] = []
    previous_metric: dict = {}
    for n, mention in enumerate(mentions):
        pairing = respectively.get(n)
        if isinstance(pairing, int):  # 分别 pairing this value with an earlier figure's metric
            pairing = claims[pairing].metric_text
        elif isinstance(pairing, tuple):  # … and what the 分别 clause says of it (占规模以上工业比重)
            pairing = (claims[pairing[0]].metric_text or "") + pairing[1]
        previous = mentions[n - 1] if n else None
        claim = _claim(doc, path, sha256, lines, text, n, mention, pairing, previous_metric, previous)
        if claims and _continues_rate(claims[-1], claim, ntext[previous.end:mention.start]):
            claim = replace(claim, kind="growth_rate", role="target" if claim.role == "target" else "growth_rate")
        claims.append(claim)
    region = context.region
    info = DocumentInfo(path, sha256, encoding, context.date, region.name if region else None,
                        region.code if region else None, text)
    return DocumentClaims(info, tuple(claims))


def _claim(doc: DocumentView, path, sha256, lines, text, n, mention: NumberMention, paired_metric: str | None,
           previous_metric: dict, previous: NumberMention | None) -> Claim:
    ntext = doc.norm.text
    q = mention.quantity
    start, end = doc.norm.span(mention.start, mention.end)
    line, column = lines.position(start)
    end_line, end_column = lines.position(end)
    s_start, _ = doc.structure.sentence(mention.start)
    c_start = doc.structure.clause_start(mention.start)
    clause_before = ntext[c_start:mention.start]
    kind = attributes.kind_of(q.dimension, clause_before)
    if isinstance(paired_metric, str):
        kind = _paired_kind(kind, q.dimension, clause_before, paired_metric)
    elif q.dimension == "percent" and kind != "share" and _SHARE_OF.match(ntext, mention.end):
        kind = "share"  # 贡献了全省74.6%的规模工业增加值: a share of it
    region = claim_regions.region_of(doc, mention.start, s_start)
    period = _period_for(doc, mention, kind, s_start, c_start, clause_before)
    sentence_before = ntext[s_start:mention.start]
    # 要/将 + a verb of effort plans what it governs, but not the durations and ages it names in passing
    # (建军一百年奋斗目标, 60岁以上老年人)
    plans = q.dimension != "duration" and (attributes.plans(sentence_before) or _plan_paragraph(doc, mention.start))
    planned = (q.dimension != "duration" and doc.passages is not None
               and doc.passages.role_at(mention.start) == PLAN)  # 三、对2018年政府工作的建议
    target = ((attributes.is_target(sentence_before) or plans or planned) and not _past(doc, period)) or _future(doc, period)
    if target and period is None:
        period = _delivery_year(doc)
    metric_text = claim_metrics.metric_text(doc, mention, kind, s_start, c_start, previous, paired_metric,
                                            previous_metric, _names_a_period(doc, mention))
    metric = canonical_metric(metric_text)
    if metric == _REGIONAL_GDP and region is not None and region.level == "country":
        metric = _NATIONAL_GDP  # 经济增长…预期目标 in the State Council's report
    return Claim(
        id=f"{sha256[:8]}:{n + 1}",
        location=Location(path, line, column, end_line, end_column, start, end),
        text=text[start:end],
        quantity=q,
        role="target" if target and kind != "rank" else kind, kind=kind,
        aspect=attributes.aspect_of(kind, clause_before),
        region=region.name if region else None, region_code=region.code if region else None,
        metric=metric, metric_text=metric_text or None,
        period=period.label if period else None, period_source=period.source if period else None,
        hedge=mention.hedge,
        sentence=doc.structure.sentence_index(mention.start),
    )


def _plan_paragraph(doc: DocumentView, offset: int) -> bool:
    """Whether the paragraph holding offset opens with a plan (要全力推动增资扩产。…), as attributes.opens_plan."""
    p_start, _ = doc.structure.paragraph(offset)
    opens = doc.plan_paragraphs.get(p_start)
    if opens is None:
        opens = doc.plan_paragraphs[p_start] = attributes.opens_plan(doc.norm.text[_paragraph_start(doc, p_start):][:40])
    return opens


_ENDS_PARAGRAPH = tuple("。！？!?；;：:”’」』）)…")


def _paragraph_start(doc: DocumentView, p_start: int) -> int:
    """Where the paragraph starting at p_start begins when a line break cut it off (…“产业集群+特色\n\n专业园区”发展):
    the earlier line ends mid-sentence and is no heading. A few lines back at most."""
    text = doc.norm.text
    for _ in range(3):
        before = text[:p_start].rstrip()
        if not before or before.endswith(_ENDS_PARAGRAPH):
            break
        start, _ = doc.structure.paragraph(len(before) - 1)
        if any(h.start == start for h in doc.structure.headings[bisect_left(doc.heading_starts, start):][:1]):
            break  # a heading is no part of the paragraph under it
        p_start = start
    return p_start


_RATE_NAMES = ("涨幅", "增速", "增幅", "增长率", "降幅")
# 增长7%以上、力争达到8%: the second figure restates the first's rate as a stretch goal
_CONTINUED = re.compile(r"\s*[、，,]?\s*(?:力争|争取|努力|确保)(?:达到|达|实现)?\s*")


def _paired_kind(kind: str, dimension: str, clause_before: str, name: str) -> str:
    """A percent of a 分别 list takes its kind from the list's verb (分别增长5%、6.5%左右: both rates, however far the
    second stands from 增长), or, when the verb states no change (城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内),
    from the name: a rate for 涨幅 and the like, a level otherwise."""
    if dimension != "percent" or kind not in ("actual", "growth_rate") or "分别" not in clause_before:
        return kind
    after = clause_before[clause_before.rfind("分别") + 2:]
    verb = next((w for w in attributes.cues().growth if after.startswith(w)), None)
    if verb is not None:
        rest = after[len(verb):]
        return kind if rest.startswith(attributes.cues().growth_to) else "growth_rate"
    if any(w in after for w in attributes.cues().growth):
        return kind
    return "growth_rate" if name.endswith(_RATE_NAMES) else "actual"


def _continues_rate(previous: Claim, claim: Claim, between: str) -> bool:
    """地区生产总值增长7%以上、力争达到8%: 8% is the same growth rate, stated as what to strive for."""
    return (claim.kind == "actual" and claim.quantity.dimension == "percent" and previous.kind == "growth_rate"
            and previous.sentence == claim.sentence and previous.metric == claim.metric
            and _CONTINUED.fullmatch(between) is not None)


def _names_a_period(doc: DocumentView, mention: NumberMention) -> bool:
    """过去五年, 五年来: a duration that is itself the period of the sentence measures nothing."""
    if mention.quantity.dimension != "duration":
        return False
    lo = bisect_left(doc.period_starts, mention.start - 4)
    hi = bisect_left(doc.period_starts, mention.end)
    return any(p.start <= mention.start and p.end >= mention.end for p in doc.periods[lo:hi])


def _past(doc: DocumentView, period: PeriodMention | None) -> bool:
    """A year over before a dated document speaks: its figures are outturns, whatever 目标 the sentence names."""
    years = doc.context.years
    return (period is not None and not period.unknown and years.dated and years.published is not None
            and period.last < years.published)


def _future(doc: DocumentView, period: PeriodMention | None) -> bool:
    """A figure for a year that has not ended when the document speaks is a plan: any year after its date,
    and, in a work report delivered early in the year, the year of delivery itself."""
    years = doc.context.years
    if period is None or years.published is None or period.unknown:
        return False
    if period.first > years.published or period.first < period.last and period.last > years.published:
        return True  # a year after the document speaks, or a plan's years running beyond it (十五五: 2026-2030)
    return doc.context.is_work_report and years.dated and period.first == years.published


def _delivery_year(doc: DocumentView) -> PeriodMention | None:
    """A target a dated work report sets without naming a year (经济社会发展主要预期目标是：…) is for the year the
    report is delivered in: the report speaks for that year's work."""
    years = doc.context.years
    if doc.context.is_work_report and years.dated and years.published is not None:
        return PeriodMention(0, 0, years.published, years.published, source="document")
    return None


_SPAN_KINDS = ("growth_rate", "change")
_SHARE_OF = re.compile(r"(?:左右|以上)?的(?![增速幅比])")
_NOW = ("目前", "当前", "现已", "截至目前")  # speak for their own sentence (利当前、惠长远)
_OPENING = 12  # a plan named this close to a paragraph's start is what the paragraph is about (“十四五”时期，…)
_REGIONAL_GDP, _NATIONAL_GDP = "地区生产总值", "国内生产总值"
# 标准从每人每月202元提高到…: a starting value right after 从 (not 从业, 从事, 从全球400余项)
_START_VALUE = re.compile(r"从(?![业事而中严全])[^，。；、\d]{0,6}$")
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


def _period_for(doc: DocumentView, mention: NumberMention, kind: str, s_start: int, c_start: int,
                clause_before: str) -> PeriodMention | None:
    """The period a figure is for; a span narrows to its end for levels and to the year before it for
    the starting value of 从…到…."""
    q = mention.quantity
    if q.dimension == "duration":
        # 过去五年: the duration names its own span; 连续5年 ends in the year its sentence speaks of;
        # 三年行动 has no period of its own
        lo = bisect_left(doc.period_starts, mention.start - 4)
        hi = bisect_left(doc.period_starts, mention.end)
        inside = [p for p in doc.periods[lo:hi] if p.start <= mention.start and p.end >= mention.end]
        if inside:
            return inside[0]
        if doc.norm.text[mention.start:mention.end].endswith("周年"):
            context = _period(doc, mention.start, s_start)  # 成立75周年: the anniversary falls in its sentence's year
            return PeriodMention(context.start, context.end, context.last, context.last) if context and context.known else None
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
        if period.first < period.last or (_START_VALUE.search(clause_before) and not _is_deadline(doc, period)
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
        lo = bisect_left(doc.period_starts, p_start)
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
            years = [p for p in candidates if not p.plan and p.first == p.last and nearest.first <= p.first <= nearest.last]
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
