"""The rich terminal report. The only module that imports rich."""

from __future__ import annotations

from contextlib import contextmanager

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from factcheck.formatters.concise import relative_path
from factcheck.formatters.summary import SUMMARY_COLUMNS, document_summaries, totals_line
from factcheck.model.claims import Claim, Extraction
from factcheck.model.codec import LazyClaims
from factcheck.model.decimals import decimal_text

_ROLE_NAMES = {"actual": "实际", "target": "目标", "change": "变化", "growth_rate": "增速", "share": "占比",
               "rank": "排名"}


def _interval(claim: Claim) -> str:
    q = claim.quantity
    low = decimal_text(q.low)
    high = decimal_text(q.high)
    left = "(" if q.low_open else "["
    right = ")" if q.high_open else "]"
    return f"{left}{low if low is not None else '-∞'}, {high if high is not None else '∞'}{right}"


def render_claims(extraction: Extraction, console: Console) -> None:
    for doc in extraction.documents:
        info = doc.document
        table = Table(title=f"{info.path}  ({info.region or '地区未知'}, {info.date or '日期未知'}, "
                            f"{len(doc.claims)} 条数字)",
                      title_justify="left", show_lines=False, expand=False)
        for name, style in (("位置", "cyan"), ("原文", "bold"), ("数值", ""), ("区间", "dim"), ("单位", ""),
                            ("角色", "magenta"), ("地区", "green"), ("指标", "yellow"), ("时期", "blue")):
            table.add_column(name, style=style, overflow="fold")
        for c in doc.claims:
            table.add_row(f"{c.location.line}:{c.location.column}", c.text.replace("\n", "⏎"),
                          decimal_text(c.quantity.value) or "—", _interval(c), c.quantity.unit or "",
                          _ROLE_NAMES.get(c.role, c.role), c.region or "", c.metric or "", c.period or "")
        console.print(table)
    render_errors(extraction, console)


def render_summary(extraction: Extraction, console: Console) -> None:
    table = Table(title="factcheck: 文档与数字概览", title_justify="left")
    for name in SUMMARY_COLUMNS:
        table.add_column(name, overflow="fold")
    for row in document_summaries(extraction):
        table.add_row(*row.cells())
    console.print(table)
    head, tail = totals_line(extraction)
    line = Text(head)
    if tail:
        line.append(tail, style="dim")
    console.print(line)
    render_errors(extraction, console)


def render_errors(extraction: Extraction, console: Console) -> None:
    for error in extraction.errors:
        style = "red" if error.level == "error" else "yellow"
        console.print(Text(f"{error.path}: {error.message}", style=style))


@contextmanager
def progress(total: int, console: Console):
    """A progress callback; a bar only when there is a terminal and more than a few documents."""
    if total <= 5 or not console.is_terminal:
        yield lambda path: None
        return
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("读取文档", total=total)
        yield lambda path: bar.advance(task)


def make_console(stream, force_plain: bool = False) -> Console:
    console = Console(file=stream, highlight=False, no_color=force_plain, soft_wrap=False)
    if not console.is_terminal:
        # Piped or redirected: no terminal width to honour, so keep rows whole for grep and less.
        console = Console(file=stream, highlight=False, no_color=force_plain, soft_wrap=False, width=200)
    return console



_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SEVERITY_NAME = {"error": "错误", "warning": "警告", "info": "提示"}


def render_report(report, console: Console, quiet: bool = False) -> None:
    """Findings grouped by document and line: each headed by its path:line:col (clickable in terminals and
    editors), the message and the source line with the claim highlighted beneath it, indented so that lines
    wrapped by a narrow terminal keep their indent; the related places beneath; then the summary table (not
    when quiet)."""
    from rich.padding import Padding

    by_path: dict[str, list] = {}
    for finding in report.findings:
        by_path.setdefault(finding.place.location.path, []).append(finding)
    for path, findings in by_path.items():
        shown = relative_path(path)
        console.rule(Text(shown, style="bold"), align="left")
        # one print per document: each print asks the terminal its size and settles its options, which
        # costs more than the line itself when an archive's run shows ten thousand findings
        lines: list = []
        for finding in findings:
            loc = finding.place.location
            head = Text(f"{shown}:{loc.line}:{loc.column}", style="cyan")
            kind = Text(f"{_SEVERITY_NAME[finding.severity]} ", style=_SEVERITY_STYLE[finding.severity])
            kind.append(f"{finding.rule} {finding.name}", style="dim")
            if head.cell_len + 1 + kind.cell_len <= console.width:
                lines.append(Text.assemble(head, " ", kind))
            else:  # a long path: the severity and check go on an indented line of their own, not wrapped to 0
                lines += [head, Padding(kind, (0, 0, 0, 4), expand=False)]
            lines += [Padding(Text(finding.message), (0, 0, 0, 4), expand=False),
                      Padding(_source_line(finding.place), (0, 0, 0, 4), expand=False)]
            for related in finding.related:
                rloc = related.location
                note = Text(f"↳ {relative_path(rloc.path)}:{rloc.line}:{rloc.column} ", style="dim")
                note.append(related.note, style="italic")
                lines += [Padding(note, (0, 0, 0, 4), expand=False),
                          Padding(_source_line(related), (0, 0, 0, 6), expand=False)]
        console.print(Group(*lines, Text()))
    if not quiet:
        render_corroborated(report, console)
        render_report_summary(report, console)
    render_unused_suppressions(report, console)
    render_errors(report.extraction, console)


def render_unused_suppressions(report, console: Console) -> None:
    """--report-unused-suppressions: the directives and .factcheckignore lines that silenced nothing."""
    if not report.unused_suppressions:
        return
    console.print(Text(f"未起作用的抑制（{len(report.unused_suppressions)} 处，可删除） (unused suppressions)",
                       style="yellow"))
    for unused in report.unused_suppressions:
        line = Text(f"{relative_path(unused.path)}:{unused.line}:1 ", style="cyan")
        line.append(unused.text)
        console.print(line)


def render_corroborated(report, console: Console, limit: int = 30) -> None:
    """The figures stated alike in two or more places: what the documents agree on, with where."""
    if not report.corroborated:
        return
    shown = report.corroborated[:limit]
    by_id = _claims_by_id(report.extraction, {i for group in shown for i in group})
    from pathlib import Path

    rows = []
    for group in shown:
        claims = [by_id[i] for i in group if i in by_id]
        if not claims:
            continue
        first = claims[0]
        figures = "、".join(dict.fromkeys("".join(c.text.split()).replace("**", "") for c in claims))
        places = [f"{Path(c.location.path).name}:{c.location.line}" for c in claims]
        rows.append((first.region or "", first.metric or "", first.period or "", figures, places))
    table = Table(title="相互印证的数字（两处以上一致）", title_justify="left")
    for name, style, width in zip(("地区", "指标", "时期", "数字", "出处"), ("green", "yellow", "blue", "bold", "dim"),
                                  _corroborated_widths(rows, console.width), strict=True):
        table.add_column(name, style=style, overflow="fold", width=width)
    for *cells, places in rows:
        table.add_row(*cells, "\n".join(places))
    console.print(table)
    if len(report.corroborated) > limit:
        console.print(Text(f"……另有 {len(report.corroborated) - limit} 组"
                           "（完整列表见 --format json 的 corroborated 字段）",
                           style="dim"))


def _corroborated_widths(rows, width: int) -> list[int | None]:
    """Column widths of the 相互印证 table that fit the terminal: one place a line, the 出处 column as wide as
    its longest place (leaving the 指标 and 数字 columns three characters at least) so that no file name is
    folded in two, and the 指标 and 数字 columns folded to what is left. (Rich cannot narrow a column of
    Chinese text by itself: it measures an unbroken run of CJK as one word.) None: as wide as its content."""
    from rich.cells import cell_len

    def widest(column: int, header: str) -> int:
        cells = [p for row in rows for p in row[4]] if column == 4 else [row[column] for row in rows]
        return max([cell_len(header), *(cell_len(line) for c in cells for line in c.split("\n"))])

    natural = [widest(i, h) for i, h in enumerate(("地区", "指标", "时期", "数字", "出处"))]
    available = width - 16  # five columns: a space either side of each, six rules
    if sum(natural) <= available:
        return [None] * 5
    places = min(natural[4], max(available - natural[0] - natural[2] - 10, 12))
    left = max(available - places - natural[0] - natural[2], 8)
    figures = min(natural[3], max(left // 3, 4))
    return [None, max(left - figures, 4), None, figures, places]


def _claims_by_id(extraction, wanted: set[str]) -> dict:
    """The claims with these ids (the last of equals, as a dict over all claims keeps), decoding only the
    documents that hold one: claims still in their cached rows are found by the rows' ids."""
    found = {}
    for doc in extraction.documents:
        ids = doc.claims.ids() if isinstance(doc.claims, LazyClaims) else [c.id for c in doc.claims]
        for index, claim_id in enumerate(ids):
            if claim_id in wanted:
                found[claim_id] = doc.claims[index]
    return found


def _source_line(place) -> Text:
    """The line with the claim's span highlighted, trimmed around it when the line is long."""
    line = place.excerpt
    loc = place.location
    start = loc.column - 1
    end = loc.end_column - 1 if loc.end_line == loc.line else len(line)
    left = max(0, start - 40)
    right = min(len(line), end + 40)
    text = Text("…" if left else "")
    text.append(line[left:start])
    text.append(line[start:end], style="bold reverse")
    text.append(line[end:right])
    if right < len(line):
        text.append("…")
    return text


def render_report_summary(report, console: Console) -> None:
    extraction = report.extraction
    counts = report.counts()
    table = Table(title="factcheck 检查摘要", title_justify="left", show_header=False)
    table.add_column("项目")
    table.add_column("数量", justify="right")
    table.add_row("文档", str(len(extraction.documents)))
    table.add_row("数字声明", str(sum(len(d.claims) for d in extraction.documents)))
    table.add_row("相互印证的数字（两处以上一致）", str(len(report.corroborated)))
    if report.confirmed is not None:
        table.add_row("与登记的核实数字一致", str(report.confirmed_count()))
    for severity in ("error", "warning", "info"):
        table.add_row(Text(_SEVERITY_NAME[severity], style=_SEVERITY_STYLE[severity]),
                      str(counts["severity"].get(severity, 0)))
    for rule, n in sorted(counts["rule"].items()):
        name = next((f.name for f in report.findings if f.rule == rule), "")
        table.add_row(Text(f"  {rule} {name}", style="dim"), str(n))
    if report.suppressed:
        table.add_row(Text("已按注释或 .factcheckignore 忽略", style="dim"), str(report.suppressed))
    if report.baselined:
        table.add_row(Text("基线中已有（未显示）", style="dim"), str(report.baselined))
    if report.hidden:
        table.add_row(Text("低于 --min-severity，未显示（仍计入 --fail-on）", style="dim"), str(report.hidden))
    if extraction.errors:
        table.add_row(Text("无法读取的文件", style="red"), str(sum(e.level == "error" for e in extraction.errors)))
    console.print(table)


_VERDICT_STYLE = {"met": "green", "within_tolerance": "yellow", "missed": "bold red", "no_outcome": "dim",
                  "ambiguous": "dim", "undecided": "dim"}


def render_targets(table, console: Console) -> None:
    """目标完成情况: a table per region, main targets first, each with both sources."""
    by_region: dict[str, list] = {}
    for row in table.rows:
        by_region.setdefault(row.region or "地区未知", []).append(row)
    for region, rows in by_region.items():
        grid = Table(title=f"{region} 目标完成情况", title_justify="left", show_lines=False)
        for name, style in (("年份", "blue"), ("指标", "yellow"), ("主要", ""), ("目标（原文）", "bold"),
                            ("实际（原文）", ""), ("结论", ""), ("出处", "dim")):
            grid.add_column(name, style=style, overflow="fold")
        for row in rows:
            sources = f"{_short(row.target)}"
            if row.outcome is not None:
                sources += f"\n{_short(row.outcome)}"
            grid.add_row(str(row.year), row.metric or "", "★" if row.main else "", row.statement,
                         row.outcome_statement or "—", Text(row.verdict_text, style=_VERDICT_STYLE[row.verdict]),
                         sources)
        console.print(grid)
    counts = table.counts()
    line = Text(f"{len(table.rows)} 项目标：")
    for verdict, label in (("met", "完成"), ("within_tolerance", "容差内"), ("missed", "未完成"),
                           ("no_outcome", "未找到结果"), ("ambiguous", "结果不一"), ("undecided", "无法判断")):
        if counts.get(verdict):
            line.append(f"{label} {counts[verdict]}  ", style=_VERDICT_STYLE[verdict])
    console.print(line)
    render_errors(table.extraction, console)


def _short(place) -> str:
    from pathlib import Path

    return f"{Path(place.location.path).name}:{place.location.line}"
