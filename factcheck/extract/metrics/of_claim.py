"""The metric of each figure in its document: the phrase around it (metrics.before/after), what its sentence
carries over from earlier figures, 分别 lists and money floors (metric_groups)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from factcheck.extract.document_view import DocumentView
from factcheck.extract.metrics import groups as metric_groups
from factcheck.extract.metrics import lists as metric_lists
from factcheck.extract.metrics import names as metrics
from factcheck.extract.metrics import subjects as metric_subjects
from factcheck.extract.numbers.grammar import NumberMention

# ，占全国八分之一, 占江苏省的: a share of a whole that only its scope names
_SHARE_OF = regex.compile(r"^(?:约|已|均)?占(?P<scope>全国|全省|全市|全区|全县|全球|世界"
                          r"|[^\d，。；、的]{2,5}?[省市县区])的?"
                          r"(?:比重|比例|份额)?(?:为|达到|达|约|超过|超|近)?$")
_SUBSET = regex.compile(r"^[，,]?其中")
_OF_AFTER = regex.compile(r"\s*(规模|总规模)?的")  # 15亿元规模的…, 500亿元的…
# How far a match at a figure may reach: regex's match(text, pos) without an end costs the length of the
# text (1 ms a call on 1.6 million characters), so every such call names its end.
_AHEAD = 64
_FROM = regex.compile(r"(?:从|由)[^，。；]{0,12}$")
_FROM_AFTER = regex.compile(r"\s*(?:从|由)[^，。；\d]{0,8}$")
_RATIO_SEPARATORS = (":", "：", "∶")


def metric_text(doc: DocumentView, mention: NumberMention, kind: str, s_start: int, c_start: int,
                previous: NumberMention | None, paired: str | None, carried: dict, names_a_period: bool) -> str | None:
    """The metric phrase of mention. carried holds, per sentence, what earlier figures measured (for a later
    bare 增长5.4%), and is updated here."""
    ntext = doc.norm.text
    q = mention.quantity
    floor = None if paired else _floor(doc, mention, c_start, previous)
    if floor is not None:
        # 营业收入超亿元的工业企业…，其中超10亿元的…: each floor bounds the measure of the things grouped
        text: str | None = floor.metric(carried.get((s_start, "floor")))
        carried[(s_start, "floor")] = text
        return text or None
    threshold = _threshold_before(doc, mention, c_start, previous)
    text = paired or (None if names_a_period else _metric(doc, mention, c_start, previous, threshold))
    own = bool(text)
    if not text:
        # 增长5.4% after 地区生产总值1400.51亿元, 提高到14.58万亿元 after 从11.37万亿元: the same thing measured
        text = carried.get(s_start)
        if text and threshold and q.dimension == "count" and previous is not None:
            # 超亿元的工业企业827户，其中超10亿元的99户: the same things above another threshold
            text = metric_groups.with_floor(text, metrics.clean(ntext[previous.start:previous.end]))
    elif carried.get(s_start) and _SUBSET.search(ntext[c_start:mention.start]) and _narrowed(text, carried[s_start]):
        text = _narrowed(text, carried[s_start])  # 铁路营业里程…，其中高速铁路超过1.9万公里 → 高速铁路营业里程
    elif text.startswith("占") and carried.get(s_start):
        text = carried[s_start] + text  # 工业技改投资…，占工业投资的41.5%
    elif metric_subjects.is_generic_head(text) and carried.get(s_start) and not carried[s_start].endswith(text):
        text = carried[s_start] + text  # 地区生产总值…，增速位列全市第二
    elif metric_subjects.is_subject_measure(text):
        subject = metric_subjects.sentence_subject(ntext[s_start:mention.start],
                                                   region_names(doc, s_start, mention.start))
        if subject and not text.startswith(subject):
            text = subject + text  # 规模以上工业企业实现营业收入…，利润总额555.2亿元
    counted_after = q.dimension == "count" and text and ntext.startswith(text, mention.end)
    streak = _streak_subject(doc, mention, previous.end if previous is not None
                             and _in_clause(mention, c_start, previous) else c_start)
    if streak:
        carried[s_start] = streak  # 两化融合发展水平连续10年全国第一: the rank after is the subject's
    elif text and kind != "rank" and (kind != "growth_rate" or own) and not counted_after:
        # what a later 增长x% or 占…% in the sentence refers to: the last thing named (…，其中工业技改投资增长16.9%，
        # 占工业投资的41.5%)
        carried[s_start] = text
    elif counted_after and s_start not in carried and _subject_before(doc, mention, c_start, previous):
        # 地区生产总值连跨两个万亿元台阶，年均增长5.7%: what grows is the subject, not the steps counted
        carried[s_start] = _subject_before(doc, mention, c_start, previous)
    elif text and s_start not in carried:
        carried[s_start] = text
    return text or None


def _narrowed(part: str, whole: str) -> str:
    """The whole's measure said of a part of its subject: 高速铁路 of 铁路营业里程 → 高速铁路营业里程."""
    for i in range(len(whole) - 1, 1, -1):
        if part.endswith(whole[:i]) and len(part) > i:
            return part + whole[i:] if metric_subjects.is_part_measure(whole[i:]) else ""
    return ""


def _in_clause(mention: NumberMention, c_start: int, previous: NumberMention | None) -> bool:
    return previous is not None and c_start <= previous.start and previous.end <= mention.start


def _floor(doc: DocumentView, mention: NumberMention, c_start: int,
           previous: NumberMention | None) -> metric_groups.Floor | None:
    q = mention.quantity
    if q.dimension != "money" or q.qualifier == "upper":
        return None
    start = previous.end if previous is not None and _in_clause(mention, c_start, previous) else c_start
    return metric_groups.floor_at(doc.norm.text, mention.start, mention.end, doc.structure.clause_end(mention.end),
                                  doc.norm.text[start:mention.start], q.qualifier == "lower")


def _threshold_before(doc: DocumentView, mention: NumberMention, c_start: int, previous: NumberMention | None) -> str:
    """A money floor just before a count in its clause (其中100亿元以上项目2个): part of what is counted, as
    worded with the measure it bounds (营业收入超亿元的工业企业)."""
    if previous is None or not _in_clause(mention, c_start, previous) or mention.quantity.dimension != "count":
        return ""
    floor = _floor(doc, previous, c_start, None)
    if floor is None:
        return ""
    # 亿元以上新开工项目291个: the noun the floor groups, verb and all, is what is counted
    return floor.name_part + floor.noun


def _metric(doc: DocumentView, mention: NumberMention, c_start: int, previous: NumberMention | None,
            threshold: str) -> str:
    ntext = doc.norm.text
    start = c_start
    if previous is not None and _in_clause(mention, c_start, previous):
        start = previous.end
        if previous.quantity.dimension == "count":
            # 迈上4个万亿元台阶、达14.2万亿元: the noun counted by the figure before is not this one's metric
            counted = metrics.after(ntext[start:mention.start])
            if counted and ntext.startswith(counted, start) and ntext[start + len(counted)] in "、，,；;":
                start += len(counted)
    names = region_names(doc, start, mention.start)
    q = mention.quantity
    shaped = _streak(doc, mention, start) or _share_of(ntext[start:mention.start]) or _amount_of(doc, mention, start)
    if shaped:
        return shaped
    # the phrase after the figure is read only when it can be the answer: cutting it is most of the work
    following = None
    if ((q.dimension == "count" and q.unit not in (None, "年"))
            or metric_subjects.ends_in_introducing(ntext[start:mention.start])):
        following = _following(doc, mention)
    if following:
        # 牵头建设44家国家重点实验室, 安排1000亿元专项奖补资金: the figure stands before the noun it measures
        phrase = following
        if metric_subjects.needs_qualifier(following):
            # 推出长江经济带高质量发展84项政策措施: the package's name stands before its count
            qualifier = metrics.before(ntext[start:mention.start], names)
            if (len(qualifier) >= 3 and not metric_subjects.needs_qualifier(qualifier)
                    and not metric_subjects.ends_in_introducing(qualifier)
                    and metrics.clean(ntext[start:mention.start]).endswith(qualifier)):
                phrase = qualifier + following
    else:
        phrase = metrics.before(ntext[start:mention.start], names, rank=q.dimension == "rank")
        if not phrase:
            phrase = _following(doc, mention) if following is None else following
    if phrase and phrase == following and not threshold:
        phrase = _with_relative_clause(doc, mention, phrase)
    if threshold and mention.quantity.dimension == "count":
        if threshold.endswith(phrase) and not threshold.endswith("的"):
            phrase = threshold  # the floor already names the things (生产总值超200亿元县（区）达26个)
        elif phrase:
            phrase = threshold + phrase
    return phrase


# 5个地级市和5个县级城市新获评…: another count and its noun between the first noun and what both did
_COORDINATED = regex.compile(r"(?:和|及|与|、)(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)[个家项所座处名位件部]")


def _with_relative_clause(doc: DocumentView, mention: NumberMention, noun: str) -> str:
    """The counted noun with what the things did, when the clause says it right after the noun (16所高职学校入选
    第二期国家“双高计划” → 入选第二期国家“双高计划”的高职学校): that is what the figure counts."""
    ntext = doc.norm.text
    q = mention.quantity
    if q.dimension != "count" or q.unit in (None, "年", "次") or not ntext.startswith(noun, mention.end):
        return noun
    if metrics.canonical(noun) != noun or noun in metrics.vocabulary().canonical:
        return noun  # a named metric (全国重点实验室获批建设) says what is counted already
    start = mention.end + len(noun)
    end = doc.structure.sentence(mention.start)[1]
    coordinated = _COORDINATED.match(ntext, start, start + _AHEAD)
    if coordinated:
        other = metrics.after(ntext[coordinated.end():end])
        if not other or not ntext.startswith(other, coordinated.end()):
            return noun
        start = coordinated.end() + len(other)
    clause = metrics.relative_clause(ntext[start:end])
    return f"{clause}的{noun}" if clause else noun


def _following(doc: DocumentView, mention: NumberMention) -> str:
    """The counted noun right after the figure, in its clause."""
    ntext = doc.norm.text
    return metrics.after(ntext[mention.end:doc.structure.clause_end(mention.end)]) if mention.end < len(ntext) else ""


def _streak(doc: DocumentView, mention: NumberMention, start: int) -> str:
    """两化融合发展水平连续10年全国第一: what held for so many years or times, subject and predicate."""
    subject = _streak_subject(doc, mention, start)
    if not subject:
        return ""  # 科技进步贡献率达70.4%，连续12年位居全省第一: the streak is that of the figure before
    held = metric_subjects.predicate(doc.norm.text[mention.end:doc.structure.clause_end(mention.end)])
    return subject + held if held else ""


def _streak_subject(doc: DocumentView, mention: NumberMention, start: int) -> str:
    q = mention.quantity
    ntext = doc.norm.text
    if q.unit not in ("年", "次", "届") or not ntext.endswith("连续", 0, mention.start):
        return ""
    return metrics.before(ntext[start:mention.start], region_names(doc, start, mention.start))


def _share_of(prefix: str) -> str:
    """，占全国八分之一: the share of what the sentence spoke of in a whole that only its scope names."""
    found = _SHARE_OF.search(metrics.clean(prefix))
    return "占" + found.group("scope") + "比重" if found else ""


def _amount_of(doc: DocumentView, mention: NumberMention, start: int) -> str:
    """设立总规模500亿元的省战略性新兴产业母基金, 15亿元规模的市天使投资引导基金, 投资达11亿元的虹发铝型材: an amount
    that qualifies the noun after it measures that noun."""
    if mention.quantity.dimension != "money":
        return ""
    ntext = doc.norm.text
    found = _OF_AFTER.match(ntext, mention.end, mention.end + _AHEAD)
    if found is None:
        return ""
    noun = metrics.after(ntext[found.end():doc.structure.clause_end(found.end())])
    measure = metric_subjects.amount_measure_before(ntext[start:mention.start]) or found.group(1)
    if not noun or not measure:
        return ""  # 经济总量超过60万亿元的高基数: not an amount of the noun
    return noun + measure


def _subject_before(doc: DocumentView, mention: NumberMention, c_start: int, previous: NumberMention | None) -> str:
    """What stands before a verb and the count after it (地区生产总值连跨两个…); not a modifier of the noun
    counted (重点监测的7种主要工业产品)."""
    start = previous.end if previous is not None and _in_clause(mention, c_start, previous) else c_start
    prefix = doc.norm.text[start:mention.start]
    if not metric_subjects.ends_in_linking(prefix):
        return ""  # 新增铜基新材料、大飞机2个国家先进制造业集群: examples of the things counted
    return metrics.before(prefix, region_names(doc, start, mention.start))


def region_names(doc: DocumentView, start: int, end: int) -> tuple[str, ...]:
    lo = bisect_left(doc.region_starts, start)
    hi = bisect_left(doc.region_starts, end)
    return (tuple(m.surface for m in doc.regions[lo:hi])
            + ("全省", "全市", "全区", "全县", "全国", "我省", "我市", "我国"))


def respectively(doc: DocumentView, mentions: list[NumberMention]) -> dict[int, str | int | tuple[int, str]]:
    """分别 lists and ratios: the n-th name pairs with the n-th value when the counts agree. With no names in
    its own clause (第一产业增加值X，第二产业增加值Y，…分别比上年增长a%、b%), the values pair with the figures
    stated just before in the sentence: the result maps a value to the index of that earlier figure, or to
    (index, what the clause adds: 占规模以上工业比重)."""
    ntext = doc.norm.text
    starts = [m.start for m in mentions]
    out: dict[int, str | int | tuple[int, str]] = {}
    pos = ntext.find("分别")
    while pos != -1:
        c_start = doc.structure.clause_start(pos)
        c_end = doc.structure.clause_end(pos)
        s_start, _ = doc.structure.sentence(pos)
        first, last = bisect_right(starts, pos), bisect_left(starts, c_end)
        values = list(range(first, last))
        # 城乡居民人均可支配收入从2021年的46503元和16935元分别提高到…: the names stand before the starting values,
        # which pair with them too
        before = list(range(bisect_left(starts, c_start), first))
        end = mentions[before[0]].start if before else pos
        if before and not _FROM.search(ntext[c_start:end]):
            before, end = [], pos
        names = metric_lists.respectively_names(ntext[c_start:end], region_names(doc, c_start, end))
        if len(values) >= 2 and len(names) > len(values):
            # 信息传输软件和信息技术服务业、租赁和商务服务业增加值: 和 inside the names, 、 between them
            names = metric_lists.respectively_names(ntext[c_start:end], region_names(doc, c_start, end), "、")
        if before and len(before) == len(names) == len(values):
            values = before + values
            names = names + names
        elif (not before and len(names) >= 2 and len(values) == 2 * len(names)
              and _FROM_AFTER.match(ntext, pos + 2, mentions[values[0]].start)):
            # 标准分别从每人每月202元、270元提高到209元、280元: the starting values, then the ends
            names = names + names
        if len(values) >= 2 and len(names) == len(values):
            for i, name in zip(values, names, strict=False):
                out[i] = name
        elif len(values) >= 2 and (not names or len(names) == 1 and names[0].startswith("占")):
            # …分别增长12.5%、13.1%，占规模以上工业比重分别提高到21.7%、33.6%: each value is said of the figure
            # stated in the same place before
            earlier = [i for i in range(bisect_left(starts, s_start), first) if mentions[i].start < c_start]
            if len(earlier) >= len(values):
                for i, j in zip(values, earlier[-len(values):], strict=False):
                    out[i] = (j, names[0]) if names else j
            elif names:
                for i in values:
                    out[i] = names[0]
        elif len(values) >= 2 and len(names) == 1:
            for i in values:
                out[i] = names[0]  # one metric for all: two rates of one thing, or a mismatch FC205 reports
        pos = ntext.find("分别", pos + 2)
    _ratio_chains(doc, mentions, out)
    return out


def _ratio_chains(doc: DocumentView, mentions: list[NumberMention], out: dict) -> None:
    """三次产业结构由8.7∶41.2∶50.1调整为7.4∶39.6∶53: the terms of a ratio of three or more pair with the names
    the phrase before it stands for; a second ratio right after the first takes the same names."""
    ntext = doc.norm.text
    n = 0
    names: list[str] = []
    last_end = -1
    while n < len(mentions):
        chain = [n]
        while chain[-1] + 1 < len(mentions) and \
                ntext[mentions[chain[-1]].end:mentions[chain[-1] + 1].start] in _RATIO_SEPARATORS:
            chain.append(chain[-1] + 1)
        if len(chain) >= 3:
            head = mentions[chain[0]]
            c_start = doc.structure.clause_start(head.start)
            gap = ntext[last_end:head.start] if last_end >= 0 else ""
            if not (names and metric_subjects.is_linking(metrics.clean(gap))):
                start = max(c_start, last_end)
                phrase = metrics.before(ntext[start:head.start], region_names(doc, start, head.start))
                names = metric_lists.expand(phrase)
            if len(names) == len(chain):
                out.update(zip(chain, names, strict=False))
            last_end = mentions[chain[-1]].end
        n = chain[-1] + 1
