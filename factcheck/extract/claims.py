"""Turn one decoded document into located claims: figure, role, aspect, region, metric, period."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from factcheck.extract import attributes, claim_periods
from factcheck.extract.anniversaries import as_anniversary
from factcheck.extract.docmeta import infer_context
from factcheck.extract.document_view import DocumentView
from factcheck.extract.metrics import names as metric_names
from factcheck.extract.metrics import of_claim as claim_metrics
from factcheck.extract.metrics.canonical import canonical_metric
from factcheck.extract.numbers.grammar import NumberMention, find_quantities
from factcheck.extract.periods import find_data_notes, find_periods
from factcheck.extract.regions import of_claim as claim_regions
from factcheck.extract.regions.gazetteer import load_gazetteer
from factcheck.extract.sections import PLAN, find_passages
from factcheck.model.claims import Claim, DocumentClaims, DocumentInfo, Location
from factcheck.text.normalize import LineIndex, normalize
from factcheck.text.structure import CLAUSE_WINDOW, SENTENCE_WINDOW, WindowedStructure


def extract_document(path: str, text: str, sha256: str, encoding: str) -> DocumentClaims:
    gazetteer = load_gazetteer()
    norm = normalize(text)
    ntext = norm.text
    regions = gazetteer.find(ntext)
    context = infer_context(ntext, gazetteer, regions)
    periods = find_periods(ntext, context.years)
    structure = WindowedStructure(ntext, SENTENCE_WINDOW, CLAUSE_WINDOW)
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
        claim = as_anniversary(_claim(doc, path, sha256, lines, text, n, mention, pairing, previous_metric, previous),
                               ntext, mention.start, gazetteer)
        if claims and previous is not None and _continues_rate(claims[-1], claim, ntext[previous.end:mention.start]):
            claim = replace(claim, kind="growth_rate", role="target" if claim.role == "target" else "growth_rate")
        claims.append(claim)
    if not context.is_work_report:
        # (a work report's outline dates its passages: a figure it leaves undated stands in a plan or a list of
        # tasks that no review restates, as in 二、深化落实…：完成…防沙治沙1500万亩)
        claims = dated_by_restatement(claims)
    region = context.region
    info = DocumentInfo(path, sha256, encoding, context.date, region.name if region else None,
                        region.code if region else None, text)
    return DocumentClaims(info, tuple(claims))


# Where a figure's year is read from its own place (its sentence, paragraph, section or a data note).
_OWN_PERIODS = ("text", "section", "heading", "note")


def dated_by_restatement(claims: list[Claim]) -> list[Claim]:
    """In an article or a bulletin, a figure whose place names no period, restating a metric its document dates
    elsewhere in one period only (the summary box after an article: ● 有效期内高新技术企业超过1520家, the body
    having said 2023年有效期内…高新技术企业超过1520家), is about that period: period_source "restated". Only a
    figure of the same region, metric, unit and role lends its year, never a value: an edited restatement keeps
    the key it is checked on."""
    dated: dict[tuple, set[str]] = {}
    for c in claims:
        if c.period is not None and c.period_source in _OWN_PERIODS and c.metric and c.region_code:
            dated.setdefault(_restated_key(c), set()).add(c.period)
    if not dated:
        return claims
    out = []
    for c in claims:
        periods = dated.get(_restated_key(c)) if c.period is None and c.metric and c.region_code else None
        if periods is not None and len(periods) == 1:
            c = replace(c, period=next(iter(periods)), period_source="restated")
        out.append(c)
    return out


def _restated_key(c: Claim) -> tuple:
    return c.region_code, c.metric, c.role, c.quantity.unit, c.quantity.dimension


def _claim(doc: DocumentView, path, sha256, lines, text, n, mention: NumberMention, paired_metric: str | None,
           previous_metric: dict, previous: NumberMention | None) -> Claim:
    ntext = doc.norm.text
    q = mention.quantity
    start, end = doc.norm.span(mention.start, mention.end)
    line, column = lines.position(start)
    end_line, end_column = lines.position(end)
    s_start, _ = doc.structure.sentence(mention.start)  # within windows: factcheck.text.structure.WindowedStructure
    c_start = doc.structure.clause_start(mention.start)
    clause_before = ntext[c_start:mention.start]
    kind = attributes.kind_of(q.dimension, clause_before)
    if isinstance(paired_metric, str):
        kind = _paired_kind(kind, q.dimension, clause_before, paired_metric)
    elif (q.dimension == "percent" and kind != "share" and _SHARE_OF.match(ntext, mention.end)
          and _SHARE_SCOPE.search(clause_before)):
        kind = "share"  # 贡献了全省74.6%的规模工业增加值: a share of it
    region = claim_regions.region_of(doc, mention.start, s_start, q.dimension == "count")
    period = claim_periods.period_for(doc, mention, kind, s_start, c_start, clause_before)
    sentence_before = ntext[s_start:mention.start]
    # 要/将 + a verb of effort plans what it governs, but not the durations and ages it names in passing
    # (建军一百年奋斗目标, 60岁以上老年人)
    plans = q.dimension != "duration" and (attributes.plans(sentence_before) or _plan_paragraph(doc, mention.start))
    planned = (q.dimension != "duration" and doc.passages is not None
               and doc.passages.role_at(mention.start) == PLAN)  # 三、对2018年政府工作的建议
    target = (((attributes.is_target(sentence_before) or plans or planned) and not claim_periods.past(doc, period))
              or claim_periods.future(doc, period))
    if target and period is None:
        period = claim_periods.delivery_year(doc)
    carried = previous_metric.get(s_start)
    metric_text = claim_metrics.metric_text(doc, mention, kind, s_start, c_start, previous, paired_metric,
                                            previous_metric, claim_periods.names_a_period(doc, mention))
    if _milestone(doc, mention, c_start):
        # 经济总量连续迈上4万亿、5万亿两个台阶, 突破1600亿斤大关: a threshold passed, at least that much
        q = replace(q, low=q.value if q.value is not None else q.low, high=None, low_open=False, high_open=True,
                    qualifier="lower")
        if not metric_text or metric_text.endswith(_MILESTONE_WORDS):
            # …、5万亿两个台阶, 粮食总产量再上新台阶，突破1600亿斤大关: the subject's, not the step's
            metric_text = carried or _milestone_subject(doc, s_start, c_start) or metric_text
            previous_metric[s_start] = metric_text
    metric = canonical_metric(metric_text)
    if kind == "rank" and metric:
        scope = _RANK_SCOPE.search(ntext, c_start, mention.start)
        if scope is not None:
            metric = f"{metric}（{scope.group(1)}）"  # 区域创新能力升至全国第二: ranked in the country
    if metric == _REGIONAL_GDP and region is not None and region.level == "country":
        metric = _NATIONAL_GDP  # 经济增长…预期目标 in the State Council's report
    return Claim(
        id=f"{sha256[:8]}:{n + 1}",
        location=Location(path, line, column, end_line, end_column, start, end),
        text=text[start:end],
        quantity=q,
        role="target" if target and kind != "rank" else kind, kind=kind,
        aspect=_aspect(doc, mention, kind, clause_before),
        region=region.name if region else None, region_code=region.code if region else None,
        metric=metric, metric_text=metric_text or None,
        period=period.label if period else None, period_source=period.source if period else None,
        hedge=mention.hedge,
        sentence=doc.structure.sentence_index(mention.start),
    )


# What the things a count counts did in its year, said right after them (2家全国重点实验室获批建设): new ones.
_NEWLY = re.compile(r"[^，。；;,]{0,16}?(?:获批|落户|落地|投产|开工|竣工|签约|投运|挂牌)")


def _aspect(doc: DocumentView, mention: NumberMention, kind: str, clause_before: str) -> str | None:
    aspect = attributes.aspect_of(kind, clause_before)
    if aspect is None and kind == "actual" and mention.quantity.dimension == "count" and _NEWLY.match(
            doc.norm.text, mention.end, doc.structure.clause_end(mention.end)):
        return "flow"
    return aspect


def _plan_paragraph(doc: DocumentView, offset: int) -> bool:
    """Whether the paragraph holding offset opens with a plan (要全力推动增资扩产。…), as attributes.opens_plan."""
    p_start, _ = doc.structure.paragraph(offset)
    opens = doc.plan_paragraphs.get(p_start)
    if opens is None:
        start = _paragraph_start(doc, p_start)
        opens = doc.plan_paragraphs[p_start] = attributes.opens_plan(doc.norm.text[start:start + 40])
    return opens


_ENDS_PARAGRAPH = tuple("。！？!?；;：:”’」』）)…")


def _paragraph_start(doc: DocumentView, p_start: int) -> int:
    """Where the paragraph starting at p_start begins when a line break cut it off (…“产业集群+特色\n\n专业园区”发展):
    the earlier line ends mid-sentence and is no heading. A few lines back at most."""
    text = doc.norm.text
    for _ in range(3):
        last = p_start  # the end of the text before p_start, white space left out (not a copy of all of it)
        while last > 0 and text[last - 1].isspace():
            last -= 1
        if not last or text[last - 1] in _ENDS_PARAGRAPH:
            break
        start, _ = doc.structure.paragraph(last - 1)
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


# Where a rank is taken: the last scope word before it in its clause (全国, 全省, 中部, 全球, 同类城市 …).
_RANK_SCOPE = re.compile(r"(全国|全省|全市|全区|全球|世界|中部|西部|东部|东北|长三角|同类城市|副省级城市|省会城市)"
                         r"(?!.*(?:全国|全省|全市|全区|全球|世界|中部|西部|东部|东北|长三角|同类城市|副省级城市|省会城市))")
_SHARE_OF = re.compile(r"(?:左右|以上)?的(?![增速幅比])")
_SHARE_SCOPE = re.compile(r"贡献|(?:全省|全市|全国|全区|全县)$")
_REGIONAL_GDP, _NATIONAL_GDP = "地区生产总值", "国内生产总值"
# A threshold passed: a verb of crossing, the figure, then the step's name in its clause (迈上5万亿元台阶,
# 突破1600亿斤大关, 连跨4万亿、5万亿两个台阶); the count of steps itself (两个台阶) is not read as one.
_MILESTONE_WORDS = ("台阶", "大关", "关口")
_CROSSING = re.compile(r"(?:跨越|连跨|迈上|跃上|跨上|站上|迈过|跨过|突破|跃升至|迈入)[^，。；;]{0,12}$")
_STEP_AFTER = re.compile(r"[^，。；;]{0,10}?(?:台阶|大关|关口)")


def _milestone(doc: DocumentView, mention: NumberMention, c_start: int) -> bool:
    q = mention.quantity
    if q.dimension not in ("money", "mass", "count", "energy", "power", "volume", "length", "area", "other") or (
            q.value is None or q.qualifier not in ("exact_rounded", "lower", "approx")):
        return False
    text = doc.norm.text
    if text.startswith(("个", "次"), mention.end - 1) and q.dimension == "count" and q.unit in ("个", None):
        return False  # 连跨3个千亿元台阶: the steps counted
    # (the crossing verb may be read into the figure as its hedge: 突破1600亿斤, 迈上5万亿元)
    crossed = _CROSSING.search(text, c_start, mention.start) or text.startswith(("突破", "上"), mention.start)
    return bool(crossed and _STEP_AFTER.match(text, mention.end))


_NEW_STEP = re.compile(r"[，,\s]*(?:再上|迈上|跃上|跨上|站上)?新?台阶[，,\s]*$")


def _milestone_subject(doc: DocumentView, s_start: int, c_start: int) -> str:
    """What passed the threshold, named in the clause before (全省粮食总产量再上新台阶，突破1600亿斤大关)."""
    before = _NEW_STEP.sub("", doc.norm.text[s_start:c_start].rstrip("，,； "))
    return metric_names.before(before) if before else ""
