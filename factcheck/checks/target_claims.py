"""FC404: a report says its year's targets were met while the run's own outcomes show a main target missed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import regex

from factcheck.checks.base import Check, CheckContext, Option
from factcheck.checks.evidence.target_matching import target_cues, tolerances_from
from factcheck.model.claims import DocumentClaims
from factcheck.model.findings import Finding
from factcheck.text.patterns import YEAR_NAMED
from factcheck.text.structure import SENTENCE_WINDOW, span_start

# A plan's or a campaign's targets (十四五规划主要目标任务, 专项行动目标任务) are not the year's.
_NOT_THE_YEAR = regex.compile(r"规划|[十]\s*[一二三四五六]\s*五|五年|专项|行动|普法|三年|攻坚")
# Words that may stand before the statement in its clause; anything else names whose targets they are.
_SCOPE_WORDS = regex.compile(r"(?:19|20)\d\d\s*年|全[省市区国县]|我[省市区县]|本[省市区县]|我们|今年|去年|"
                             r"过去一年|一年来|"
                             r"一年|各项|胜利|全面|经济社会发展|各位代表[！!]?|总体上|总的看|总的来说")
_NOT_A_CLAIM = ("确保", "力争", "努力", "争取", "为", "要", "将", "能否", "如何", "推动", "奋力", "全力")


@cache
def completion_pattern() -> regex.Pattern:
    cues = target_cues()

    def alternatives(words) -> str:
        return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))

    subject, verbs = alternatives(cues["completion_subjects"]), alternatives(
        [*cues["completion_firm"], *cues["completion_hedged"]])
    # 较好完成了市十六届人大三次会议确定的目标任务: the targets the congress approved are the year's
    approved = (r"[^，,。；;]{0,20}(?:人民代表大会|人大)[^，,。；;]{0,12}?"
                r"(?:确定|通过|审议通过|批准)的(?:主要|各项)?(?:目标任务|预期目标)")
    return regex.compile(rf"(?:(?:{subject})(?:已经|已|均|全部|都)?(?P<verb>{verbs})"
                         rf"|(?P<verb>{verbs})了?(?:{subject}|{approved}))")


def completion_claims(doc: DocumentClaims) -> Iterator[tuple[int, int, int, bool]]:
    """(start, end, year, hedged) of each statement that the year's targets were met: the year written in
    its sentence, else — in a dated work report — the year the report reviews."""
    hedged_verbs = set(target_cues()["completion_hedged"])
    text, date = doc.document.text, doc.document.date
    for m in completion_pattern().finditer(text):
        sentence = text[span_start(text, m.start(), "。！？\n", SENTENCE_WINDOW):m.start()]
        clause = sentence[max(sentence.rfind(mark) for mark in "，；：") + 1:]
        if (_NOT_THE_YEAR.search(clause) or any(clause.rstrip().endswith(w) for w in _NOT_A_CLAIM)
                or _SCOPE_WORDS.sub("", clause).strip()):
            continue  # 清理拖欠企业账款年度目标任务超额完成: a campaign's target, not the year's
        years = YEAR_NAMED.findall(sentence)
        if years:
            year = int(years[-1])
        elif date and _is_work_report(doc):
            year = int(date[:4]) - 1
        else:
            continue
        yield m.start(), m.end(), year, m.group("verb") in hedged_verbs


def _is_work_report(doc: DocumentClaims) -> bool:
    return "工作报告" in doc.document.text[:300]


class CompletionClaimContradicted(Check):
    code = "FC404"
    name = "completion-claim-contradicted"
    summary = "文件称当年主要目标任务已完成，而同一批文件中的结果显示某项主要预期目标未完成（超出“左右”容差）。"
    why = ("“主要目标任务圆满完成” is the sentence readers quote. When the report's own outcomes, set against the "
           "main targets it set a year earlier, show one missed beyond its tolerance, the sentence overstates; "
           "the editor should see each miss with both sources. A hedged claim (基本完成, 总体实现) is only noted.")
    summary_en = (
        "A document says the year's main targets were accomplished while outcomes in the same run show a main"
        " target missed (beyond its 左右 tolerance).")
    why_zh = (
        "“主要目标任务圆满完成”是读者最常引用的一句话。报告自己给出的结果与上一年定下的主要目标对照，若有一项"
        "超出容差未完成，这句话就言过其实；编辑应当看到每一项未完成及其两处出处。措辞有保留的说法（基本完成、"
        "总体实现）只作提示。")
    severity = "warning"
    pairs_on = ("metric-region", "region-targets")
    process_group = "targets"
    options = {
        "approx_points": Option("decimal", "as FC403"),
        "approx_relative": Option("decimal", "as FC403"),
        "ceiling_words": Option("words", "as FC403", words="ceiling"),
        "hedged_severity": Option("severity", "severity when the completion claim is hedged (基本完成)"),
    }
    bad = (
        "2025年1月14日\n河北省政府工作报告\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，"
        "城镇调查失业率5.5%以内。\n===\n2026年1月26日\n河北省政府工作报告\n过去一年，河北省地区生产总值增长4.5%，"
        "城镇调查失业率5.2%，全年经济社会发展主要目标任务圆满完成。",
        "2025年1月14日\n河北省政府工作报告\n主要预期目标是：地区生产总值增长5%以上，城镇新增就业120万人以上。\n===\n"
        "2026年1月26日\n河北省政府工作报告\n2025年，河北省地区生产总值增长4.9%，城镇新增就业125万人。"
        "顺利完成全年目标任务。",
        "2025年1月14日\n河北省政府工作报告\n主要预期目标是：地区生产总值增长5%—5.5%，居民消费价格涨幅2%左右。\n===\n"
        "2026年1月26日\n河北省政府工作报告\n过去一年，河北省地区生产总值增长4.8%，居民消费价格上涨0.5%。"
        "经济社会发展主要目标任务基本完成。",
        "2025年1月14日\n河北省政府工作报告\n主要预期目标是：地区生产总值增长5%左右，城镇调查失业率控制在5.5%以内。\n===\n"
        "2026年1月26日\n河北省政府工作报告\n过去一年，河北省地区生产总值增长5.1%，城镇调查失业率5.8%。"
        "主要预期目标如期实现。",
        # 较好完成 claims completion, hedged: info, as 基本完成
        "2025年1月14日\n北京市政府工作报告\n主要预期目标是：地区生产总值增长5%左右，城镇调查失业率控制在5%以内。\n===\n"
        "2026年1月26日\n北京市政府工作报告\n过去一年，全市地区生产总值增长4.5%，城镇调查失业率4.1%，"
        "较好完成了市十六届人大三次会议确定的目标任务。",
    )
    bad_spans = (
        "全年经济社会发展主要目标任务圆满完成",
        "顺利完成全年目标任务",
        "经济社会发展主要目标任务基本完成",
        "主要预期目标如期实现",
        "较好完成了市十六届人大三次会议确定的目标任务",
    )
    good = (
        "2025年1月14日\n河北省政府工作报告\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，"
        "城镇调查失业率5.5%以内。\n===\n2026年1月26日\n河北省政府工作报告\n过去一年，河北省地区生产总值增长4.9%，"
        "城镇调查失业率5.2%，全年经济社会发展主要目标任务圆满完成。",
        "2025年1月14日\n河北省政府工作报告\n主要预期目标是：地区生产总值增长5%以上，粮食产量750亿斤以上。\n===\n"
        "2026年1月26日\n河北省政府工作报告\n过去一年，河北省地区生产总值增长5.3%。顺利完成全年目标任务。",
        "2025年1月14日\n河北省政府工作报告\n主要预期目标是：地区生产总值增长5%—5.5%。\n===\n"
        "2026年1月26日\n河北省政府工作报告\n过去一年，河北省地区生产总值增长5.2%。主要预期目标如期实现。",
        "2025年1月14日\n河北省政府工作报告\n主要预期目标是：地区生产总值增长5%左右。全年改造城中村6万户以上。\n===\n"
        "2026年1月26日\n河北省政府工作报告\n过去一年，河北省地区生产总值增长5.2%，改造城中村2.6万户。"
        "全年经济社会发展主要目标任务圆满完成。",
        "2025年1月14日\n河北省政府工作报告\n主要预期目标是：地区生产总值增长5%左右。\n===\n"
        "2026年1月26日\n河北省政府工作报告\n过去一年，河北省地区生产总值增长4.2%。我们要确保顺利完成全年目标任务。",
        # only the 力争 figure beyond the firm target was missed
        "2025年1月14日\n西藏自治区政府工作报告\n主要预期目标是：地区生产总值增长7%以上、力争达到8%。\n===\n"
        "2026年1月26日\n西藏自治区政府工作报告\n过去一年，全区地区生产总值增长7.2%，主要目标任务圆满完成。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        # lazy: the targets table, which a cached run (its findings stored) never builds (docs/scaling.md)
        from factcheck.checks.evidence.target_table import target_rows

        statements = [(doc, s) for doc in ctx.documents for s in completion_claims(doc)]
        if not statements:
            return
        rows = target_rows(ctx, tolerances_from(self.settings))
        missed_by: dict[tuple, list] = defaultdict(list)  # main targets missed, by year and region, in row order
        for r in rows:
            if r.main and r.verdict == "missed" and r.region_code is not None and not r.stretch:
                missed_by[(r.year, r.region_code)].append(r)
        for doc, (start, end, year, hedged) in statements:
            missed = missed_by.get((year, doc.document.region_code), [])
            if not missed:
                continue
            place = ctx.place_at(doc, start, end)
            details = "；".join(
                f"{r.metric or r.statement} 目标“{r.statement}”（{_where(r.target, place)}），"
                f"实际“{r.outcome_statement}”（{_where(r.outcome, place)}）" for r in missed)
            claimed = doc.document.text[start:end]
            related = [p for r in missed for p in (r.target, r.outcome) if p is not None]
            yield Finding(
                rule=self.code, name=self.name,
                severity=self.setting("hedged_severity") if hedged else self.level,
                message=f"{doc.document.region or ''}{year}年：文中称“{claimed}”，但{len(missed)}项主要预期目标"
                        f"未完成：{details}",
                place=place, related=tuple(related),
                claims=tuple(dict.fromkeys(c for r in missed for c in (r.target_claim, r.outcome_claim) if c)),
                key=f"{doc.document.region_code}|{year}|completion",
            )


def _where(place, other) -> str:
    line = f"第{place.location.line}行"
    return f"{Path(place.location.path).name}{line}" if place.location.path != other.location.path else line
