"""FC703, FC704, FC705, FC707: how figures are written — broken, spaced, full-width, or in two styles."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from factcheck.checks.base import Check, CheckContext
from factcheck.model.claims import Claim
from factcheck.model.decimals import decimal_text
from factcheck.model.findings import Finding
from factcheck.text import defects as text_defects

# compiled once: regex.match(pattern, …) costs a cache lookup of ~20 µs per call
_DIGIT_RUN = regex.compile(r"[0-9０-９][0-9０-９,，]*")


def _shown(text: str) -> str:
    return text.replace("\r", "").replace("\n", "⏎")


def _figure_gaps(ctx: CheckContext, doc) -> list:
    """FC703 and FC704 read the same gaps: found once per document."""
    return ctx.shared(f"figure_gaps|{doc.document.path}",
                      lambda: list(text_defects.figure_gaps(doc.document.text, doc.claims)))


class BrokenFigure(Check):
    code = "FC703"
    name = "broken-figure"
    summary = "一个数字被换行拆开（“4.36⏎⏎万亿元”），多为 PDF 提取或排版折行所致。"
    why = ("A figure split across lines (4.36 at the end of one line, 万亿元 at the start of the next) is read "
           "as two things by search, by copy-paste and by readers of the raw text: 4.36 with no unit and a "
           "unit with no number. --fix joins the figure by removing the line break inside it.")
    summary_en = "A figure split by a line break (4.36⏎⏎万亿元), usually from PDF extraction or layout wrapping."
    why_zh = (
        "被拆在两行的数字（上一行末尾是4.36，下一行开头是万亿元）在检索、复制粘贴和阅读原始文本时会被当成两样东西"
        "：没有单位的4.36和没有数字的单位。--fix 删除数字内部的换行，把它接回去。")
    severity = "warning"
    scope = "document"
    fixable = True
    bad = (
        "苏州是制造业大市，2022 年规上工业总产值达 4.36\n\n万亿元，制造业增加值破万亿元。",
        "帮助逾万\n\n家企业复工复产。",
    )
    bad_spans = ("4.36\n\n万亿元", "逾万\n\n家")
    fixed = (
        "苏州是制造业大市，2022 年规上工业总产值达 4.36万亿元，制造业增加值破万亿元。",
        "帮助逾万家企业复工复产。",
    )
    good = (
        "苏州是制造业大市，2022年规上工业总产值达4.36万亿元。\n\n万亿元级城市再添一员。",
        "全年完成投资4.36亿元\n\n二、主要任务",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            for d, broken in _figure_gaps(ctx, doc):
                if broken:
                    yield self.finding_at(ctx, doc, d.start, d.end,
                                          f"数字被换行拆开：“{_shown(d.text)}”应为“{d.suggestion}”", key=d.suggestion,
                                          fix=d.edits)


class FigureSpacing(Check):
    code = "FC704"
    name = "figure-spacing"
    summary = "数字内部或数字与中文单位之间有空格（“2022 年”“13473 家”“4.36 万亿元”）。"
    why = ("A space between a figure and its unit (13473 家, 4.36 万亿元) is a leftover of PDF or Word layout. "
           "It breaks search for the figure as written, lets a line wrap split the figure from its unit, and "
           "is against GB/T 15835 practice for Chinese text. The space between a word and a figure "
           "(超过 1 万家: the one after 超过) is left alone; --fix removes only the space inside the figure.")
    summary_en = "A space inside a figure or between a figure and its Chinese unit (2022 年, 13473 家, 4.36 万亿元)."
    why_zh = (
        "数字与单位之间的空格（13473 家、4.36 万亿元）是PDF或Word排版的残留。它使按原文检索数字失败，让折行把"
        "数字和单位拆开，也不符合GB/T 15835对中文文本的要求。词语与数字之间的空格（“超过 1 万家”中“超过”后的"
        "空格）不受影响；--fix 只删除数字内部的空格。")
    severity = "info"
    scope = "document"
    fixable = True
    bad = (
        "全市拥有高新技术企业 13473 家，数量位列全国第四位。",
        "2022 年四大产业创新集群产值达 3.8万亿元，同比增长 8.7 %。",
        "入库企业超过 1 万家。",
    )
    bad_spans = ("13473 家", "2022 年", "超过 1 万家")
    fixed = (
        "全市拥有高新技术企业 13473家，数量位列全国第四位。",
        "2022年四大产业创新集群产值达 3.8万亿元，同比增长 8.7%。",
        "入库企业超过 1万家。",
    )
    good = (
        "全市拥有高新技术企业13473家，2022年产值达3.8万亿元，入库企业超过 1万家。",
        "附件2 名词解释\n\n表 3 主要指标",
        "印发《实施意见》（苏政发〔2018〕59号），实施“十四五”规划。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            for d, broken in _figure_gaps(ctx, doc):
                if not broken:
                    yield self.finding_at(ctx, doc, d.start, d.end,
                                          f"数字中有空格：“{d.text}”应为“{d.suggestion}”",
                                          key=d.suggestion, fix=d.edits)


class FullwidthDigits(Check):
    code = "FC705"
    name = "fullwidth-digits"
    summary = "使用全角数字（“２０２４年”“３．５％”），应为半角阿拉伯数字。"
    why = ("Full-width digits look like digits but are different characters: search, sorting, spreadsheets and "
           "other tools do not see them as numbers, and a document mixing both writes the same figure two "
           "ways. GB/T 15835 asks for half-width Arabic numerals. --fix converts them.")
    summary_en = "Full-width digits (２０２４年, ３．５％) where half-width Arabic numerals belong."
    why_zh = (
        "全角数字看起来像数字，其实是不同的字符：检索、排序、电子表格等工具不把它们当作数字，混用两种写法的文档等"
        "于把同一数字写成两样。GB/T 15835要求使用半角阿拉伯数字。--fix 会转换它们。")
    severity = "info"
    scope = "document"
    fixable = True
    bad = (
        "全年地区生产总值增长５．２％，城镇新增就业１２万人。",
        "２０２４年１月２４日",
    )
    bad_spans = ("５．２％，城镇新增就业１２", "２０２４年１月２４")
    fixed = (
        "全年地区生产总值增长5.2%，城镇新增就业12万人。",
        "2024年1月24日",
    )
    good = (
        "全年地区生产总值增长5.2%，城镇新增就业12万人。",
        "第一，实施“十四五”规划，落实“八个一”工作机制。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            for d in text_defects.fullwidth_digits(doc.document.text):
                yield self.finding_at(ctx, doc, d.start, d.end, f"全角数字“{d.text}”，应写作半角“{d.suggestion}”",
                                      key=d.suggestion, fix=d.edits)


_FIGURE = regex.compile(r"(?P<digits>[0-9０-９][0-9０-９,，.．]*)\s*(?P<magnitude>万亿|万|亿)?\s*(?:余|多)?\s*"
                        r"(?P<unit>[^\s0-9０-９以左上下近约余多万亿千百十]*)")
_ASCII = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "，": ",", "．": "."})


class MixedFigureStyle(Check):
    code = "FC707"
    name = "mixed-figure-style"
    summary = "同一文档同类数字写法不一（既写“2.18万个”又写“21800个”，既用“%”又用“百分之”）。"
    why = ("A document that writes some large figures with 万/亿 and a round one of the same unit in full "
           "(40000 家 beside 1 万家), or percentages both as % and as 百分之, invites misreading by a factor of "
           "ten thousand and shows figures pasted from different sources without a final edit.")
    summary_en = (
        "Figures of one kind written in different styles in one document (both 2.18万个 and 21800个, both % a"
        "nd 百分之).")
    why_zh = (
        "同一文档里，有的大数用“万/亿”写，同单位的整数却写全（“40000 家”与“1 万家”并存），或百分数既写“%”又写“百"
        "分之”，容易让人错读一万倍，也说明数字取自不同来源、没有经过最后统稿。")
    severity = "info"
    scope = "document"
    bad = (
        "已累计实施改造项目2.18万个。全年新开工项目21800个。",
        "城镇调查失业率为5.2%。居民收入增长百分之五。",
    )
    bad_spans = ("21800个", "百分之五")
    good = (
        "已累计实施改造项目2.18万个，规上工业企业总数达13383家，全年新开工项目1.2万个。",
        "城镇调查失业率为5.2%，把群众的急难愁盼办到“百分之百”。",
        "印发《实施意见》（苏政发〔2018〕59号）。2024年1月24日，实施“十四五”规划，建设12345热线。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            text = doc.document.text
            yield from self._magnitudes(ctx, doc, text)
            yield from self._percents(ctx, doc, text)

    def _magnitudes(self, ctx, doc, text: str) -> Iterator[Finding]:
        # Compared by the unit as written (亩, 万亩; not 兆瓦 against 千瓦) and the figure as written.
        with_magnitude: dict[str, Claim] = {}
        plain: list[tuple[Claim, Decimal, str]] = []
        for claim in doc.claims:
            if claim.quantity.dimension in ("percent", "percentage_point", "rank", "ratio", "multiple"):
                continue
            m = _FIGURE.search(claim.text)
            if m is None or not m.group("unit"):
                continue
            if m.group("magnitude"):
                with_magnitude.setdefault(m.group("unit"), claim)
            elif "." not in m.group("digits"):
                value = Decimal(m.group("digits").translate(_ASCII).replace(",", ""))
                if value >= 10000 and value % 100 == 0:
                    plain.append((claim, value, m.group("unit")))
        for claim, value, unit in plain:
            other = with_magnitude.get(unit)
            if other is None:
                continue
            yield self.finding(ctx, claim, f"“{claim.text}”写作完整数字，而本文同类数字用“万”“亿”（如“{other.text}”），"
                                           f"宜统一写作“{_with_magnitude(claim.text, value)}”",
                               related=[(other, "用“万”“亿”写的同类数字")], key=f"magnitude|{unit}|{value}")

    def _percents(self, ctx, doc, text: str) -> Iterator[Finding]:
        signs, words = [], []
        for claim in doc.claims:
            if claim.quantity.dimension != "percent":
                continue
            if "百分之" in claim.text and "百分之百" not in claim.text:
                words.append(claim)
            elif "%" in claim.text or "％" in claim.text:
                signs.append(claim)
        if not signs or not words:
            return
        minority, majority = (words, signs) if len(words) <= len(signs) else (signs, words)
        style = "“百分之…”" if minority is words else "“%”"
        yield self.finding(
            ctx, minority[0],
            f"本文百分数有两种写法：“%”{len(signs)}处、“百分之…”{len(words)}处；{style}只有{len(minority)}处，宜统一",
            related=[(c, "同一写法的另一处") for c in minority[1:5]] + [(majority[0], "另一种写法")],
            key=f"percent|{len(signs)}|{len(words)}")


def _with_magnitude(surface: str, value: Decimal) -> str:
    digits = _DIGIT_RUN.search(surface)
    scale, word = (Decimal(100000000), "亿") if value >= 100000000 else (Decimal(10000), "万")
    figure = decimal_text((value / scale).normalize()) or ""
    head, tail = surface[:digits.start()], surface[digits.end():].lstrip(" \t")
    return f"{head}{figure}{word}{tail}"
