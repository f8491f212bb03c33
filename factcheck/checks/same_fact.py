"""FC1: the same fact stated with figures that cannot all be true."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from factcheck.checks.base import Check, CheckContext, Option, per_claim
from factcheck.checks.evidence.figures import (
    agreeing_clusters,
    aspects_differ,
    figure_key,
    groups_of_same_figure,
    is_term,
    overlaps,
    spell,
)
from factcheck.checks.evidence.name_counts import conflicting_name_counts
from factcheck.extract.attributes import cues
from factcheck.model.claims import Claim
from factcheck.model.findings import Finding


def where(claim: Claim, other: Claim | None = None) -> str:
    """第12行, or 文件名第12行 when the other claim stands in another file."""
    line = f"第{claim.location.line}行"
    if other is not None and other.location.path != claim.location.path:
        return f"{Path(claim.location.path).name}{line}"
    return line


def subject(claim: Claim) -> str:
    return " ".join(p for p in (claim.region, claim.metric, claim.period) if p)


class ConflictingFigures(Check):
    code = "FC101"
    name = "conflicting-figures"
    summary = "同一地区、同一指标、同一时期的同一数字，两处写法不一致。"
    why = ("A figure restated elsewhere (the lede and the body, last week's piece and today's) must be the same "
           "figure; two values that no rounding or hedge reconciles mean one of them is wrong.")
    summary_en = "The same figure for the same region, metric and period is stated two different ways."
    why_zh = (
        "同一数字在别处重述（导语与正文、上周的稿件与今天的稿件）必须是同一个数；两个数值若无论怎样取整、怎样考虑"
        "“约”“左右”都对不上，其中必有一个是错的。")
    severity = "error"
    pairs_on = ("metric-region",)
    options = {
        "weak_evidence_severity": Option(
            "severity-or-off", "severity of a conflict whose key rests on weaker evidence: a year taken from a title "
            "or a document's date rather than from the figure's sentence or section, or a metric carried over from a "
            "neighbouring figure rather than named at the figure"),
    }
    bad = (
        "截至2024年底，无锡累计牵头建设国家重点实验室4家。\n\n截至2024年底，无锡累计牵头建设国家重点实验室5家。",
        "2024年无锡有效期内高新技术企业7341家。\n===\n2024年无锡有效期内高新技术企业7431家。",
        "2022年苏州规上工业总产值达4.36万亿元。\n\n2022年苏州规上工业总产值达42000亿元。",
        "江苏省人民政府\n一、2025年工作回顾\n全省牵头建设44家国家重点实验室。\n===\n"
        "江苏省人民政府\n一、2025年工作回顾\n全省牵头建设45家全国重点实验室。",
        "深入实施“八个一”文化品牌建设。\n\n“七个一”文化品牌建设成效明显。",
    )
    bad_spans = ("5家", "7431家", "42000亿元", "45家", "七")
    good = (
        "截至2024年底，无锡累计牵头建设国家重点实验室4家。\n\n截至2024年底，无锡累计牵头建设全国重点实验室4家。",
        "2022年苏州规上工业总产值达4.36万亿元。\n\n2022年苏州规上工业总产值达43600亿元。",
        "2022年苏州规上工业总产值超4万亿元。\n\n2022年苏州规上工业总产值达4.36万亿元。",
        "2023年无锡有效期内高新技术企业6000家。\n\n2024年无锡有效期内高新技术企业7341家。",
        "2024年无锡新增高新技术企业1200家。\n\n2024年无锡高新技术企业总数达7341家。",
        "深入实施“八个一”文化品牌建设。\n\n“八个一”文化品牌建设成效明显。",
        "江苏省人民政府\n一、“十四五”时期工作回顾\n五年来，全省经济总量连跨4万亿元、5万亿元两个台阶。\n"
        "一、2025年工作回顾\n2025年，全省地区生产总值达到5.2万亿元。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        weak_level = self.setting("weak_evidence_severity")
        for group in groups_of_same_figure(ctx.claims):
            clusters = agreeing_clusters(group)
            if len(clusters) < 2:
                continue
            solid = {id(c): solid_key(ctx, c) for c in group}
            reference = min(clusters[0], key=lambda c: (not solid[id(c)], _reading_order(c)))
            for cluster in clusters[1:]:
                for claim in sorted(cluster, key=_reading_order):
                    if _same_paragraph(claim, reference) or aspects_differ(claim, reference):
                        continue  # two values in one paragraph are items of a list far more often than one fact twice
                    sure = solid[id(reference)] and solid[id(claim)]
                    if not sure and (weak_level == "off"
                                     or not (stated_plainly(ctx, claim) and stated_plainly(ctx, reference))):
                        continue
                    first, second = sorted((reference, claim), key=_reading_order)
                    yield self.finding(
                        ctx, second,
                        f"{subject(second)}：{spell(first)}（{where(first, second)}）与 {spell(second)}"
                        f"（{where(second, first)}）不一致" + ("" if sure else "（时期或指标取自上下文，请核对）"),
                        related=[(first, f"同一数字写作 {spell(first)}")],
                        severity=None if sure else weak_level,
                    )
        for doc in ctx.documents:
            for named, later in conflicting_name_counts(doc):
                text = doc.document.text
                named_line = ctx.place_at(doc, named.start, named.start).location.line
                later_line = ctx.place_at(doc, later.start, later.start).location.line
                yield self.finding_at(
                    ctx, doc, later.start, later.end,
                    f"同一名称的数字前后不一：“{text[named.start:named.end]}”（第{named_line}行）与"
                    f"“{text[later.start:later.end]}”（第{later_line}行）",
                    related=[(named.start, named.end, "同一名称此前写作此数")],
                    key=f"{doc.document.path}|{later.name}|name-count")


# Where a figure's year comes from when it rests on explicit evidence: its own sentence or paragraph, the section of
# the document it stands in, a data note (以上数据均截至2024年底), or the one period its document gives the same metric
# elsewhere (a summary box restating its article).
SOLID_PERIODS = ("text", "section", "heading", "note", "restated")


@per_claim
def solid_key(ctx: CheckContext, claim: Claim) -> bool:
    """Whether a figure's key rests on explicit evidence: its year from its sentence, paragraph or section, and
    its metric named where it stands (stated_plainly)."""
    if claim.period_source not in SOLID_PERIODS and not is_term(claim) or not stated_plainly(ctx, claim):
        return False  # (a policy's term has no period: its key is the policy's name)
    text = ctx.document_of(claim).document.text
    loc = claim.location
    if claim.quantity.dimension == "money" and _ALLOCATED.match(text, loc.end):
        return False  # 安排超长期特别国债3000亿元支持消费品以旧换新: a part given to a purpose, not the whole
    return not (_NAME_COUNT.match(claim.text) and _ENUMERATED.search(text, max(0, loc.start - 40), loc.start))


# What an amount is given to: 3000亿元支持…, 1000亿元用于….
_ALLOCATED = re.compile(r"\s*(?:专项)?(?:资金|资金支持)?(?:支持|用于|用来|投向|补助|奖补)")
# A count of things just listed (新材料、特色装备两大产业集群): the count of those names, not of all such things.
_ENUMERATED = re.compile(r"、[^，。；：、\d]{1,12}等?$")
_NAME_COUNT = re.compile(r"[一二两三四五六七八九十]")


class CumulativeDecrease(Check):
    code = "FC102"
    name = "cumulative-decrease"
    summary = "累计数（存量）在较晚的时期反而小于较早时期。"
    why = ("A stock such as 累计建成 or 现有 can only grow or stay between two dates unless something was closed "
           "or reclassified; a smaller later figure is usually a typo or a mixed-up scope.")
    summary_en = "A cumulative figure (a stock) is smaller for a later period than for an earlier one."
    why_zh = (
        "“累计建成”“现有”这类存量，两个时点之间只会增加或持平，除非有关闭或重新归类；较晚时期的数字反而更小，通常"
        "是笔误或统计口径混淆。")
    severity = "warning"
    pairs_on = ("metric-region",)
    bad = (
        "截至2023年底，无锡累计建成5G基站3.2万个。\n\n截至2024年底，无锡累计建成5G基站2.9万个。",
    )
    bad_spans = ("2.9万个",)
    good = (
        "截至2023年底，无锡累计建成5G基站3.2万个。\n\n截至2024年底，无锡累计建成5G基站3.9万个。",
        "2023年无锡新增5G基站1.2万个。\n\n2024年无锡新增5G基站0.9万个。",
        "一、2024年工作回顾\n\n上海深化“服务包”制度，累计办理企业诉求15345件。\n===\n"
        "一、2025年工作回顾\n\n上海深化“服务包”制度，累计办理企业诉求1.3万件。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        series: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in ctx.claims:
            key = figure_key(claim)
            if (key is None or claim.period is None or claim.aspect != "stock" or claim.role != "actual"
                    or claim.period_source not in ("text", "heading", "note") or not _says_stock(ctx, claim)):
                continue
            # a running total over 十四五 (累计…2021-2025) stands at the span's last year
            series[(key[0], key[1], key[3]) + key[5:]].append(claim)
        for claims in series.values():
            by_year = sorted(claims, key=_as_of)
            years = [_as_of(c) for c in by_year]
            # the peak of each prefix (the first of equals, as max gives): the claims of earlier years are a
            # prefix, and a list of them for each claim was quadratic in a figure stated many times
            peaks: list[Claim] = []
            for claim in by_year:
                peaks.append(claim if not peaks or (claim.quantity.low or 0) > (peaks[-1].quantity.low or 0)
                             else peaks[-1])
            for i, later in enumerate(by_year):
                earlier = bisect_left(years, years[i])  # by_year[:earlier] are of earlier years
                if not earlier:
                    continue
                peak = peaks[earlier - 1]
                if later.period_source == peak.period_source == "heading":
                    continue  # 累计 in two one-year reviews (一、2025年工作回顾) is often each year's own tally
                q, p = later.quantity, peak.quantity
                if q.high is not None and p.low is not None and not overlaps(q, p) and q.high <= p.low:
                    yield self.finding(
                        ctx, later,
                        f"{later.region} {later.metric}：截至{_as_of(peak)}年为 {spell(peak)}（{where(peak, later)}），"
                        f"截至{_as_of(later)}年却为 {spell(later)}（{where(later, peak)}），累计数不应减少",
                        related=[(peak, f"截至{_as_of(peak)}年的累计数")],
                    )


_AVERAGE = ("年均", "平均", "人均增")
_PUNCTUATION = "，。；、：,.;:！？!?）)”’\n"
# Phrases that begin like this are comparisons or fragments the extractor failed to bound, not metrics.
_NOT_A_METRIC_START = ("比", "较", "占", "按", "同比", "为", "是", "从", "由", "其中", "增长", "下降")


@per_claim
def stated_plainly(ctx: CheckContext, claim: Claim) -> bool:
    """Whether the claim names its own metric right where it stands (the metric's words lie between the
    previous figure and this one, or just after it) and is not an average: only such figures are compared,
    since a metric carried over from a neighbouring figure is a guess."""
    if not claim.metric_text:
        return False
    text = ctx.document_of(claim).document.text
    loc = claim.location
    previous = _previous_in_sentence(ctx, claim)
    start = max(previous.location.end if previous else 0, loc.start - 60)
    before = _plain(text[start:loc.start])
    after = _plain(text[loc.end:loc.end + 24])
    if before.endswith(_AVERAGE) or any(word in before[-8:] for word in _AVERAGE):
        return False
    q = claim.quantity
    if q.qualifier == "lower" and q.dimension == "money" and after[:1] and after[0] not in _PUNCTUATION:
        return False  # 亿元以上项目, 超亿元的工业企业: a threshold that classifies, not an amount stated
    metric = _plain(claim.metric_text)
    at = before.rfind(metric)
    if metric.startswith(_NOT_A_METRIC_START) or _LOOSE_DIGIT.search(metric) or at > 0 and before[at - 1].isdigit():
        # (a figure inside the phrase or right before it: a fragment, as 市PM2.5浓度 of 国考10市PM2.5浓度; 5G工厂 and
        # PM2.5 are names)
        return False
    own = _SENTENCE_END.split(before)[-1]  # (the window may reach back into the sentence before)
    if "分别" in own:
        return metric[:2] in own  # 雏鹰、瞪羚…分别达到5961家、3503家: the name is paired, not copied
    if previous is not None and before in _LIST_JOINS:
        # …分别达到5961家、3503家: a later value of the list; its name stands before the list's 分别
        listed = _plain(text[max(0, loc.start - 80):loc.start])
        if "分别" in listed:
            return metric[:2] in listed[:listed.rfind("分别")]
    if (metric in before or after.startswith(metric) or _around(metric, before, after)
            or metric in _SUBJECT_VERB.sub("", own)):  # 服务业实现增加值 → 服务业增加值
        return True
    if previous is not None and previous.metric == claim.metric and _STILL_NAMED.fullmatch(before):
        # 高速公路里程从9.6万公里增加到13.6万公里, …分别达到5961家、3503家: named with the figure before
        return stated_plainly(ctx, previous)
    return False


def _around(metric: str, before: str, after: str) -> bool:
    """The metric's words on both sides of the figure: a package's name before its count and the counted noun
    after it (优化营商环境58条改革举措 → 营商环境改革举措), or the measure then what it measures (设立15亿元规模的市天使
    投资引导基金 → 市天使投资引导基金规模)."""
    return any(before.endswith(metric[:k]) and after.startswith(metric[k:])
               or after.startswith(metric[k:] + "的" + metric[:k]) for k in range(2, len(metric) - 1))


# A digit that is no part of a name (5G, PM2.5, C919 are names): a figure inside a metric phrase.
_LOOSE_DIGIT = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d+)?(?![A-Za-z\d.])")
_LIST_JOINS = ("、", "和", "及")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
# Between a subject and what it measures (规模以上工业企业实现营业收入): the metric is subject + measure.
_SUBJECT_VERB = re.compile(r"实现|完成|拥有|共有|获得|达成")


# Between two figures of one metric: the end of 从A增加到B, the next value of a 分别 list.
_STILL_NAMED = re.compile(r"(?:增加|提高|提升|增长|降低|下降|减少|扩大|缩小|调整|增)?(?:到|至)|[、和及]"
                          # 增加值15263.7亿元，增长4.2%: the rate of the level before it
                          r"|[，,](?:按可比价(?:格)?计算[，,])?(?:比上年|同比|较上年)?(?:增长|下降)")


def _previous_in_sentence(ctx: CheckContext, claim: Claim) -> Claim | None:
    previous = ctx.previous_claim(claim)
    return previous if previous is not None and previous.sentence == claim.sentence else None


# re's \s is exactly str.isspace() (regex's leaves out \x1c-\x1f)
_NOT_PLAIN = re.compile(r"[\s*“”\"‘’'「」]")


def _plain(text: str) -> str:
    return _NOT_PLAIN.sub("", text)


def _same_paragraph(a: Claim, b: Claim) -> bool:
    return a.location.path == b.location.path and a.location.line == b.location.line


@per_claim
def _says_stock(ctx: CheckContext, claim: Claim) -> bool:
    """Whether the words just before the figure say it is a running total (累计实施…223个; rules/cues.toml
    [aspect] running_total)."""
    text = ctx.document_of(claim).document.text
    start = claim.location.start
    previous = _previous_in_sentence(ctx, claim)
    window = text[max(previous.location.end if previous else 0, start - 30):start]
    return any(word in window for word in cues().running_total)


def _as_of(claim: Claim) -> int:
    assert claim.period is not None  # series hold claims with a figure_key, which needs a period
    return int(claim.period.split("-")[-1])


def _reading_order(claim: Claim) -> tuple:
    return claim.location.path, claim.location.start
