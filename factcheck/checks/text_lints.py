"""FC701, FC702, FC706, FC708: defects of the running text that editing and PDF extraction leave behind."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.checks.base import Check, CheckContext
from factcheck.extract.metrics.names import tokenizer
from factcheck.model.findings import Finding
from factcheck.text import defects as text_defects


class RepeatedPhrase(Check):
    code = "FC701"
    name = "repeated-phrase"
    summary = "同一词语在列举中紧接着重复出现（“不同阶段、不同阶段”），多为编辑时漏删或漏改。"
    why = ("A phrase listed twice in a row (企业不同阶段、不同阶段的成长规律) is almost always an edit gone wrong: "
           "one copy should have been deleted, or was meant to be a different item. Deliberate parallelism "
           "(以大城市带动大京郊、大京郊服务大城市; 项目大谋划、谋划大项目) is not flagged.")
    summary_en = (
        "The same phrase repeated back to back in a list (不同阶段、不同阶段), usually a deletion or change m"
        "issed in editing.")
    why_zh = (
        "列举中紧接着出现两次的词语（企业不同阶段、不同阶段的成长规律）几乎总是编辑失误：其中一处本该删掉，或本该"
        "是另一项。有意的对仗（以大城市带动大京郊、大京郊服务大城市；项目大谋划、谋划大项目）不会报告。")
    severity = "warning"
    scope = "document"
    bad = (
        "“十四五”时期，无锡紧扣企业不同阶段、不同阶段的成长规律，在国内率先构建分层分类培育机制。",
        "重点发展集成电路、生物医药、生物医药、新能源等产业。",
    )
    bad_spans = ("不同阶段、不同阶段", "生物医药、生物医药")
    good = (
        "坚持以大城市带动大京郊、大京郊服务大城市，完善城乡融合发展体制机制。",
        "持续开展“项目大谋划、谋划大项目”行动，以新需求引领新供给、新供给创造新需求。",
        "统筹群众体育、竞技体育、体育产业发展，有效维护民营企业、民营企业家合法权益。",
        "设立城市规划建设管理委员会、城市规划建设管理委员会办公室。说一件干一件、干一件成一件。",
        "创新、创新、再创新，加油、加油、加油！",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        tokenize = tokenizer().lcut
        for doc in ctx.documents:
            for d in text_defects.repeated_phrases(doc.document.text, tokenize):
                yield self.finding_at(ctx, doc, d.start, d.end,
                                      f"“{d.suggestion}”连续出现两次（“{d.text}”），疑为重复，请删去一处或改为应列的项",
                                      key=f"{d.text}")


class DoubledText(Check):
    code = "FC702"
    name = "doubled-text"
    summary = "文字逐段重复（“无锡高新区无锡高新区：：”），多为 PDF 提取粗体、阴影字时的重影。"
    why = ("PDF extraction of bold or shadowed headings emits every run twice. Doubled text is not just "
           "ugly: a doubled figure or name reads as a different one, and the heading it breaks is where a "
           "reader looks first. An exact doubling without digits is removed by --fix.")
    summary_en = (
        "Text doubled run by run (无锡高新区无锡高新区：：), usually the ghost of bold or shadowed type in PD"
        "F extraction.")
    why_zh = (
        "从PDF提取粗体或带阴影的标题时，每段文字都会输出两遍。重影不只是难看：重复的数字或名称会被读成另一个，而"
        "被它破坏的标题正是读者最先看的地方。不含数字的完全重复可由 --fix 删除。")
    severity = "warning"
    scope = "document"
    fixable = True
    bad = (
        "无锡高新区无锡高新区：：\n澎湃科创动能澎湃科创动能 奔向产业高质量奔向产业高质量",
        "全面提升全面提升核心竞争力。",
    )
    bad_spans = ("无锡高新区无锡高新区：：", "全面提升全面提升")
    fixed = (
        "无锡高新区：\n澎湃科创动能 奔向产业高质量",
        "全面提升核心竞争力。",
    )
    good = (
        "要一家一家地对接，一个项目一个项目地抓落地，把群众最关切的事一件一件解决好。",
        "无锡高新区：澎湃科创动能 奔向产业高质量。研究研究再说。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            for d in text_defects.doubled_runs(doc.document.text):
                how = "（--fix 可删去重复的一份）" if d.edits else "（含数字，请人工核对）"
                yield self.finding_at(ctx, doc, d.start, d.end,
                                      f"“{d.text}”中的文字重复了一遍，应为“{d.suggestion}”{how}",
                                      key=d.text, fix=d.edits)


class StrayNumber(Check):
    code = "FC706"
    name = "stray-number"
    summary = "句末标点之后、行尾孤立的数字（“…高层次人才。9”），多为 PDF 提取残留的页码或脚注号。"
    why = ("A bare number after a full stop at the end of a line is a page number or a footnote marker that "
           "PDF extraction pulled into the text. Left in, it is read and reprinted as part of the sentence, "
           "and a footnote marker that lost its note hides where the figure came from.")
    summary_en = (
        "A lone number at the end of a line after sentence-final punctuation (…高层次人才。9), usually a page"
        " number or footnote marker left over from PDF extraction.")
    why_zh = (
        "行尾句号之后孤零零的数字，是PDF提取时混进正文的页码或脚注号。留着它，就会被当作句子的一部分阅读和转载；"
        "丢了注释的脚注号还会掩盖数字的出处。")
    severity = "warning"
    scope = "document"
    bad = (
        "54家省级以上高新区以占江苏省6.5%的土地面积，集聚了2/5的省级以上高层次人才。9\n\n"
        "## 高新区正处于新质转型新阶段关键期",
        "全年地区生产总值增长5.2%。12",
    )
    bad_spans = ("9", "12")
    good = (
        "集聚了2/5的省级以上高层次人才。\n\n9月，高新区召开推进会。",
        "印发《实施意见》（苏政发〔2018〕59号）。2024年1月24日",
        "主要目标是：\n1. 地区生产总值增长5%左右。\n2. 城镇新增就业12万人。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            for d in text_defects.stray_numbers(doc.document.text):
                yield self.finding_at(ctx, doc, d.start, d.end,
                                      f"句末之后孤立的数字“{d.text}”，疑为页码或脚注编号残留，请核对后删除",
                                      key=d.text)


class HiddenCharacter(Check):
    code = "FC708"
    name = "hidden-character"
    summary = "文字或数字中夹有不可见字符（零宽空格 U+200B、U+FEFF、软连字符、方向控制符、组合符号等）。"
    why = ("An invisible character inside a figure splits it for every other tool: 1<U+200B>5456亿元 is found by "
           "no search for 15456, a spreadsheet reads it as text, and a reader copying it copies the character "
           "too. Direction controls (U+202E) make the text read differently from how it is stored. factcheck "
           "reads the figure as written; --fix deletes the characters.")
    summary_en = ("An invisible character (a zero-width space U+200B, U+FEFF, a soft hyphen, a direction control, a "
                  "stray combining mark) stands inside the text or a figure.")
    why_zh = ("数字中的不可见字符会把它拆开：1<U+200B>5456亿元 搜不到 15456，表格把它当作文字，复制时字符也一起带走；"
              "方向控制符（U+202E）会让显示的文字与存储的不同。factcheck 按写出的数字读取；--fix 会删除这些字符。")
    severity = "warning"
    scope = "document"
    fixable = True
    bad_spans = ("\u200b", "\ufeff", "\xad")
    fixed = ("2023年全市地区生产总值15456亿元，增长5.2%。", "全年完成固定资产投资1000亿元。", "粮食产量达到12.5亿斤。")
    bad = (
        "2023年全市地区生产总值1\u200b5456亿元，增长5.2%。",
        "全年完成固定资产投资1\ufeff000亿元。",
        "粮食产量达到1\u00ad2.5亿斤。",
    )
    good = (
        "2023年全市地区生产总值15456亿元，增长5.2%。",
        "国务院政府工作报告\n\u200b\n一、2020年工作回顾",
        "规划于2023年发布。\u200c\n下一段。",
        "Café résumé 和 Cafe\u0301 都是外文词。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            for d in text_defects.hidden_characters(doc.document.text):
                count = sum(e.end - e.start for e in d.edits)
                yield self.finding_at(ctx, doc, d.start, d.end,
                                      f"此处夹有 {count} 个不可见字符（{d.suggestion}），会使其他工具误读文字或数字"
                                      f"（--fix 可删去）", key=d.suggestion, fix=d.edits)
