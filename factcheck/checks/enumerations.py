"""FC6: a count announced for a list (“八个一”, 三个工作重点方向) that the list itself does not bear out."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.checks.base import Check, CheckContext, Option
from factcheck.checks.evidence.enumeration_lists import Enumeration, counted_lists, slogan_lists
from factcheck.checks.evidence.enumeration_sections import section_runs
from factcheck.model.claims import DocumentClaims
from factcheck.model.findings import Finding
from factcheck.text.normalize import normalize


class EnumerationCountMismatch(Check):
    code = "FC601"
    name = "enumeration-count-mismatch"
    summary = "宣称的项数（“八个一”、三个工作重点方向、六大领域）与其后列出的项或分节数不一致。"
    why = ("A count that names a list (“八个一”工作机制, 重点做好十个方面工作) is a promise the list must keep; one "
           "item more or fewer means an item was dropped or added in editing, or the count was not updated.")
    summary_en = (
        "A stated number of items (八个一, 三个工作重点方向, 六大领域) differs from the items or sections listed "
        "after it.")
    why_zh = (
        "点明清单项数的说法（“八个一”工作机制、重点做好十个方面工作）是清单必须兑现的承诺；多一项或少一项，说明编"
        "辑时删掉或加进了某项，或项数没有随之更新。")
    severity = "warning"
    scope = "document"
    options = {
        "delimited_severity": Option("severity",
                                     "severity when the list is bracketed or runs from a colon to a full stop"),
    }
    bad = (
        "苏州建立“八个一”工作机制（一位牵头市领导、一个牵头单位、一项行动计划、一份重点企业名录、一个重点项目清单、"
        "一个行业协会、一次行业大会），推进产业创新集群融合发展。",
        "# 锡山奋力开局“十五五”\n\n2026年，锡山区确立了四个工作重点方向。\n\n"
        "## 集中精力抓项目\n\n始终坚持“项目为王”的理念。"
        "\n\n## 集中精力抓产业\n\n坚定不移发展实体经济。\n\n## 集中精力抓创新\n\n加快塑造发展新动能。",
        "“三通一码”：赣服通、赣政通、赣通码。",
        "今年重点做好三个方面工作：一是稳住经济增长；二是深化改革开放；三是保障改善民生；四是守牢安全底线。",
        "江西省六大领域：未来材料、未来能源、未来生物、未来健康、未来显示。",
        "推出新赛道开拓、新技术引领、新物种培育、新要素链通、新空间优化“六新”工程。",
        "重点培育以人工智能、生物制造、量子科技、未来能源为代表的3个未来产业。",
    )
    bad_spans = (
        "“八个一”工作机制",
        "四个工作重点方向",
        "“三通一码”",
        "三个方面工作",
        "六大领域",
        "“六新”",
        "3个未来产业",
    )
    good = (
        "编制“三单一图”（关键技术清单、重点产品清单、研发机构清单、产业地图），推进产业创新集群融合发展。",
        "无锡高新区落实“八个一”，即一支专业的招商队伍、一份产业研究报告、一个产业政策、一批特色产业园、一个研究机构"
        "（平台）、一支投资基金、一个专家智库、一张产业链招商图谱。",
        "# 锡山奋力开局“十五五”\n\n2026年，锡山区确立了三个工作重点方向。\n\n通讯员 锡宣\n\n## 集中精力抓项目\n\n"
        "始终坚持“项目为王”的理念。\n\n## 集中精力抓产业\n\n坚定不移发展实体经济。\n\n"
        "## 集中精力抓创新\n\n加快塑造发展新动能。",
        "今年重点做好两个方面工作。\n\n（一）稳住经济增长。扩大有效投资。\n\n（二）保障改善民生。\n\n三、加强政府自身建设",
        "全省共有17个县（市、区）实现全域旅游。重点培育以化合物半导体和先进封测、氢能和新型储能为代表的5个主导型未来产业。",
        "“一图四清单”：重点行业、重点产业链数字化转型场景图谱，数据要素、知识模型、工具软件、人才技能四类清单。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            normalized = normalize(doc.document.text)
            text = normalized.text
            seen: set[int] = set()
            for enumeration, sections in [(e, False) for e in slogan_lists(text) + counted_lists(text)] + \
                                         [(e, True) for e in section_runs(text)]:
                if enumeration.agrees or enumeration.start in seen:
                    continue
                seen.add(enumeration.start)
                yield self._finding(ctx, doc, normalized, enumeration, sections)

    def _finding(self, ctx: CheckContext, doc: DocumentClaims, normalized, e: Enumeration, sections: bool) -> Finding:
        text = normalized.text
        start, end = normalized.span(e.start, e.end)
        if sections:
            first, last = (normalized.span(i, i + 1)[0] for i in (e.list_start, e.list_end))
            related = [(first, first, "第一个分节"), (last, last, f"第{e.low}个分节，其后未见同级分节")]
            lines = f"第{ctx.place_at(doc, first, first).location.line}—{ctx.place_at(doc, last, last).location.line}行"
            message = f"{e.label}：称{e.announced}个，其后的分节（{lines}）共{e.low}个"
        else:
            list_start, list_end = normalized.span(e.list_start, e.list_end)
            related = [(list_start, list_end, "列出的各项")]
            message = f"{e.label}：{_announced(e)}，{_where(e, text)}列出{_items(e)}"
        return self.finding_at(
            ctx, doc, start, end, message, related=related, key=f"{e.label}|{e.announced}|{e.low}",
            severity=self.setting("delimited_severity") if e.delimited else None,
        )


def _announced(e: Enumeration) -> str:
    if e.part:
        return f"其中“{e.part}”为{e.announced}项"
    return f"总数为{e.announced}" if e.impossible_only else f"称{e.announced}项"


def _where(e: Enumeration, text: str) -> str:
    if e.impossible_only:
        return "但前面举例已"
    if e.list_end <= e.start:
        return "前面"
    if e.part:
        return "对应的项"
    return "括号内" if text[e.list_start - 1:e.list_start] in "（(" else "其后"


def _items(e: Enumeration) -> str:
    if e.high == e.low:
        return f"{e.low}项"
    return f"{e.low}项（以“和”“及”相连的各分为两项也只有{e.high}项）" if e.announced > e.high else f"{e.low}项"
