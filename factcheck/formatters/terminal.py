"""The rich terminal report. The only module that imports rich."""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from factcheck.model.claims import Claim, Extraction
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
    for name in ("文档", "编码", "日期", "地区", "数字", "目标", "增速", "占比"):
        table.add_column(name, overflow="fold")
    for doc in extraction.documents:
        roles = Counter(c.role for c in doc.claims)
        info = doc.document
        table.add_row(info.path, info.encoding, info.date or "—", info.region or "—", str(len(doc.claims)),
                      str(roles["target"]), str(roles["growth_rate"]), str(roles["share"]))
    console.print(table)
    claims = extraction.claims
    dims = Counter(c.quantity.dimension for c in claims)
    line = Text(f"{len(extraction.documents)} 个文档，{len(claims)} 条数字声明")
    if dims:
        line.append("（" + "，".join(f"{k} {v}" for k, v in dims.most_common()) + "）", style="dim")
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
    """Findings grouped by document and line: the source line with the claim highlighted, the related
    places beneath it; then the summary table (not when quiet)."""
    by_path: dict[str, list] = {}
    for finding in report.findings:
        by_path.setdefault(finding.place.location.path, []).append(finding)
    for path, findings in by_path.items():
        console.rule(Text(path, style="bold"), align="left")
        # one print per document: each print asks the terminal its size and settles its options, which
        # costs more than the line itself when an archive's run shows ten thousand findings
        lines: list[Text] = []
        for finding in findings:
            loc = finding.place.location
            head = Text()
            head.append(f"{loc.line}:{loc.column} ", style="cyan")
            head.append(f"{_SEVERITY_NAME[finding.severity]} ", style=_SEVERITY_STYLE[finding.severity])
            head.append(f"{finding.rule} {finding.name}  ", style="dim")
            head.append(finding.message)
            lines += [head, _source_line(finding.place, "    ")]
            for related in finding.related:
                note = Text(f"    ↳ {related.location.path}:{related.location.line}:{related.location.column} ",
                            style="dim")
                note.append(related.note, style="italic")
                lines += [note, _source_line(related, "      ")]
        console.print(Group(*lines, Text()))
    if not quiet:
        render_corroborated(report, console)
        render_report_summary(report, console)
    render_errors(report.extraction, console)


def render_corroborated(report, console: Console, limit: int = 30) -> None:
    """The figures stated alike in two or more places: what the documents agree on, with where."""
    if not report.corroborated:
        return
    shown = report.corroborated[:limit]
    by_id = _claims_by_id(report.extraction, {i for group in shown for i in group})
    table = Table(title="相互印证的数字（两处以上一致）", title_justify="left")
    for name, style in (("地区", "green"), ("指标", "yellow"), ("时期", "blue"), ("数字", "bold"), ("出处", "dim")):
        table.add_column(name, style=style, overflow="fold")
    from pathlib import Path

    for group in shown:
        claims = [by_id[i] for i in group if i in by_id]
        if not claims:
            continue
        first = claims[0]
        figures = "、".join(dict.fromkeys("".join(c.text.split()).replace("**", "") for c in claims))
        places = "，".join(f"{Path(c.location.path).name}:{c.location.line}" for c in claims)
        table.add_row(first.region or "", first.metric or "", first.period or "", figures, places)
    console.print(table)
    if len(report.corroborated) > limit:
        console.print(Text(f"……另有 {len(report.corroborated) - limit} 组"
                           "（完整列表见 --format json 的 corroborated 字段）",
                           style="dim"))


def _claims_by_id(extraction, wanted: set[str]) -> dict:
    """The claims with these ids (the last of equals, as a dict over all claims keeps), decoding only the
    documents that hold one: claims still in their cached rows are found by the rows' ids."""
    from factcheck.model.codec import LazyClaims

    found = {}
    for doc in extraction.documents:
        ids = doc.claims.ids() if isinstance(doc.claims, LazyClaims) else [c.id for c in doc.claims]
        for index, claim_id in enumerate(ids):
            if claim_id in wanted:
                found[claim_id] = doc.claims[index]
    return found


def _source_line(place, indent: str) -> Text:
    """The line with the claim's span highlighted, trimmed around it when the line is long."""
    line = place.excerpt
    loc = place.location
    start = loc.column - 1
    end = loc.end_column - 1 if loc.end_line == loc.line else len(line)
    left = max(0, start - 40)
    right = min(len(line), end + 40)
    text = Text(indent + ("…" if left else ""))
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
