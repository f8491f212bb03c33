"""`--format html`: one self-contained page an editor can open, read and forward (no network, no external
file: the style and script are inline, and the page's Content-Security-Policy allows nothing else). A header
with the run, the per-document summary, the findings by document (the source line with the figure
highlighted; for a finding across documents both sides side by side), each document's text once with its
lines anchored and its figures marked, the 相互印证 table; filters by severity and check and a search box.
`factcheck targets --format html` is the 目标完成情况 table on the same page design.

Templates are jinja2 with autoescaping: document text is untrusted and reaches the page only escaped."""

from __future__ import annotations

import base64
import hashlib
import os
from datetime import datetime
from functools import cache
from pathlib import Path

from markupsafe import Markup

from factcheck import __version__
from factcheck.formatters.concise import relative_path
from factcheck.formatters.html_text import Mark, document_lines, excerpt_parts, line_anchor
from factcheck.formatters.summary import document_summaries, totals_line

TEMPLATES = Path(__file__).parent / "templates"
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
_ROLE_NAMES = {"actual": "实际", "target": "目标", "change": "变化", "growth_rate": "增速", "share": "占比",
               "rank": "排名"}


@cache
def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _asset(name: str) -> tuple[Markup, str]:
    """An inline asset and its CSP source ('sha256-…'): only this exact style and script may run."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


def _page(template: str, **context) -> str:
    style, style_hash = _asset("report.css")
    script, script_hash = _asset("report.js")
    csp = f"default-src 'none'; style-src {style_hash}; script-src {script_hash}; img-src data:"
    return _environment().get_template(template).render(
        style=style, script=script, csp=csp, version=__version__,
        generated=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %z"), **context)


class _Documents:
    """The documents of the page: each gets an id (d1, d2 …) when first referred to, and is rendered once."""

    def __init__(self, extraction) -> None:
        self.by_path = {d.document.path: d for d in extraction.documents}
        self.ids: dict[str, str] = {}
        self.marks: dict[str, list[Mark]] = {}

    def place(self, place, note: str = "") -> dict:
        loc = place.location
        doc_id = self.refer(loc.path)
        single = loc.line == loc.end_line
        before, figure, after, cut_left, cut_right = excerpt_parts(place.excerpt, loc.column,
                                                                   loc.end_column if single else None)
        return {"path": relative_path(loc.path), "name": Path(loc.path).name, "line": loc.line, "column": loc.column,
                "anchor": line_anchor(doc_id, loc.line) if doc_id else "", "doc": doc_id,
                "before": before, "figure": figure, "after": after, "cut_left": cut_left, "cut_right": cut_right,
                "note": note or place.note}

    def refer(self, path: str) -> str:
        if path not in self.by_path or not self.by_path[path].document.text:
            return ""
        if path not in self.ids:
            self.ids[path] = f"d{len(self.ids) + 1}"
            self.marks[path] = []
        return self.ids[path]

    def mark_finding(self, finding, anchor: str) -> None:
        for place in (finding.place, *finding.related):
            if self.refer(place.location.path):
                loc = place.location
                self.marks[loc.path].append(Mark(loc.start, loc.end, anchor, finding.severity,
                                                 f"{finding.rule} {finding.name}"))

    def rendered(self) -> list[dict]:
        out = []
        for path, doc_id in self.ids.items():
            doc = self.by_path[path]
            marks = list(self.marks[path])
            marks.extend(Mark(c.location.start, c.location.end, title=_claim_title(c)) for c in doc.claims)
            info = doc.document
            out.append({"id": doc_id, "path": relative_path(path), "region": info.region or "地区未知",
                        "date": info.date or "日期未知", "claims": len(doc.claims),
                        "lines": document_lines(doc_id, info.text, marks)})
        return out


def _claim_title(claim) -> str:
    parts = [_ROLE_NAMES.get(claim.role, claim.role), claim.region or "", claim.metric or "", claim.period or ""]
    return " · ".join(p for p in parts if p)


def report_context(report, elapsed: float | None = None) -> dict:
    extraction = report.extraction
    documents = _Documents(extraction)
    counts = report.counts()
    findings = []
    for index, finding in enumerate(report.findings, 1):
        anchor = f"f{index}"
        main = documents.place(finding.place)
        related = [documents.place(p) for p in finding.related]
        documents.mark_finding(finding, anchor)
        findings.append({
            "id": anchor, "rule": finding.rule, "name": finding.name, "severity": finding.severity,
            "severity_name": SEVERITY_NAMES[finding.severity], "message": finding.message,
            "main": main, "related": related, "path": main["path"],
            "cross": any(r["path"] != main["path"] for r in related),
            "search": " ".join([finding.rule, finding.name, finding.message, main["path"], finding.place.excerpt,
                                *(p.excerpt for p in finding.related), *(p.note for p in finding.related)]).lower(),
        })
    groups: dict[str, list[dict]] = {}
    for item in findings:
        groups.setdefault(item["path"], []).append(item)
    corroborated = _corroborated(report, documents)
    summary = [{"cells": row.cells(), "path": relative_path(row.path), "doc": documents.ids.get(row.path, ""),
                "findings": len(groups.get(relative_path(row.path), []))}
               for row in document_summaries(extraction)]
    head, tail = totals_line(extraction)
    names = {f.rule: f.name for f in report.findings}
    return {
        "title": "factcheck 检查报告",
        "run": {"documents": len(extraction.documents), "claims": sum(len(d.claims) for d in extraction.documents),
                "findings": len(report.findings),
                "by_severity": [(s, SEVERITY_NAMES[s], counts["severity"].get(s, 0)) for s in SEVERITY_NAMES],
                "corroborated": len(report.corroborated), "suppressed": report.suppressed,
                "baselined": report.baselined, "hidden": report.hidden,
                "elapsed": f"{elapsed:.1f}" if elapsed is not None else None, "cwd": os.getcwd()},
        "checks": [(rule, names[rule], n) for rule, n in sorted(counts["rule"].items())],
        "groups": [{"path": path, "doc": items[0]["main"]["doc"], "findings": items} for path, items in groups.items()],
        "summary": summary, "totals": head + tail, "corroborated": corroborated,
        "documents": documents.rendered(),
        "unused": [{"path": relative_path(u.path), "line": u.line, "text": u.text}
                   for u in (report.unused_suppressions or ())],
        "errors": [{"path": relative_path(e.path), "message": e.message, "level": e.level}
                   for e in extraction.errors],
    }


def _corroborated(report, documents: _Documents) -> list[dict]:
    """Every group of figures stated alike in two or more places, each place a link to its line."""
    if not report.corroborated:
        return []
    wanted = {i for group in report.corroborated for i in group}
    by_id = {}
    for doc in report.extraction.documents:
        for claim in doc.claims:
            if claim.id in wanted:
                by_id[claim.id] = claim
    rows = []
    for group in report.corroborated:
        claims = [by_id[i] for i in group if i in by_id]
        if not claims:
            continue
        first = claims[0]
        places = []
        for claim in claims:
            doc_id = documents.refer(claim.location.path)
            places.append({"path": relative_path(claim.location.path), "name": Path(claim.location.path).name,
                           "line": claim.location.line,
                           "anchor": line_anchor(doc_id, claim.location.line) if doc_id else ""})
        figures = "、".join(dict.fromkeys("".join(c.text.split()).replace("**", "") for c in claims))
        rows.append({"region": first.region or "", "metric": first.metric or "", "period": first.period or "",
                     "figures": figures, "places": places})
    return rows


def render_report(report, errors_extra: tuple[str, ...] = (), elapsed: float | None = None) -> str:
    if report is None:
        return _page("error.html.j2", title="factcheck 检查报告", messages=list(errors_extra))
    return _page("report.html.j2", **report_context(report, elapsed))


_VERDICT_CLASS = {"met": "met", "within_tolerance": "tolerance", "missed": "missed", "no_outcome": "none",
                  "ambiguous": "none", "undecided": "none"}
_VERDICT_LABELS = (("met", "完成"), ("within_tolerance", "容差内"), ("missed", "未完成"), ("no_outcome", "未找到结果"),
                   ("ambiguous", "结果不一"), ("undecided", "无法判断"))


def targets_context(table) -> dict:
    documents = _Documents(table.extraction)
    regions: dict[str, list[dict]] = {}
    for index, row in enumerate(table.rows, 1):
        target = documents.place(row.target)
        outcome = documents.place(row.outcome) if row.outcome is not None else None
        for place in (row.target, row.outcome, *row.also):  # marked in the text, linking back to the row
            if place is not None and documents.refer(place.location.path):
                documents.marks[place.location.path].append(
                    Mark(place.location.start, place.location.end, f"t{index}", "target", row.metric or ""))
        regions.setdefault(row.region or "地区未知", []).append({
            "id": f"t{index}", "year": row.year, "metric": row.metric or "", "main": row.main,
            "statement": row.statement, "outcome_statement": row.outcome_statement or "—", "verdict": row.verdict,
            "verdict_text": row.verdict_text, "verdict_class": _VERDICT_CLASS.get(row.verdict, "none"),
            "target": target, "outcome": outcome, "also": [documents.place(p) for p in row.also]})
    counts = table.counts()
    return {
        "title": "factcheck 目标完成情况",
        "regions": list(regions.items()), "rows": len(table.rows),
        "verdicts": [(label, counts[v], _VERDICT_CLASS[v]) for v, label in _VERDICT_LABELS if counts.get(v)],
        "run": {"documents": len(table.extraction.documents), "cwd": os.getcwd()},
        "documents": documents.rendered(),
        "errors": [{"path": relative_path(e.path), "message": e.message, "level": e.level}
                   for e in table.extraction.errors],
    }


def render_targets(table) -> str:
    return _page("targets.html.j2", **targets_context(table))
