"""`--format json`: schema factcheck-claims/1 (docs/schema/factcheck-claims-1.json)."""

from __future__ import annotations

from typing import IO

from factcheck import __version__
from factcheck.formatters.json_records import claim_records, dumps, write_report_claims, write_with_records
from factcheck.formatters.places import edit_positions, shown_excerpt
from factcheck.formatters.records import document_record, error_record, target_row_record
from factcheck.model.claims import Extraction

CLAIMS_SCHEMA = "factcheck-claims/1"


def claims_document(extraction: Extraction, claims=None) -> dict:
    """Schema factcheck-claims/1; claims: the records to hold, when not every claim's (write_claims' ())."""
    return {
        "schema": CLAIMS_SCHEMA,
        "documents": [document_record(d) for d in extraction.documents],
        "claims": list(claim_records(extraction.documents)) if claims is None else list(claims),
        "errors": [error_record(e) for e in extraction.errors],
    }


def render_claims(extraction: Extraction) -> str:
    return dumps(claims_document(extraction))


def write_claims(extraction: Extraction, out: IO[str]) -> None:
    write_with_records(claims_document(extraction, claims=()), "claims", claim_records(extraction.documents), out)


REPORT_SCHEMA = "factcheck-report/1"


def _place_record(place) -> dict:
    loc = place.location
    return {"path": loc.path, "line": loc.line, "column": loc.column, "end_line": loc.end_line,
            "end_column": loc.end_column, "excerpt": shown_excerpt(place)}


def finding_record(finding, texts: dict[str, str] | None = None) -> dict:
    record = {
        "rule": finding.rule, "name": finding.name, "severity": finding.severity, "message": finding.message,
        "location": _place_record(finding.place),
        "related": [{**_place_record(p), "note": p.note} for p in finding.related],
        "claims": list(finding.claims), "fingerprint": finding.fingerprint,
    }
    text = (texts or {}).get(finding.place.location.path)
    if finding.fix and text is not None:
        record["fix"] = [{"line": e.line, "column": e.column, "end_line": e.end_line, "end_column": e.end_column,
                          "replacement": e.replacement} for e in edit_positions(text, finding.fix)]
    return record


def report_document(report, errors_extra: tuple[str, ...] = (), claims=None) -> dict:
    """The report as schema factcheck-report/1; errors_extra are operational errors that stopped the run
    before any document was read (a bad config), reported inside the document as well as on stderr;
    claims: the records to hold, when not every claim's (write_report's ())."""
    if report is None:
        return {"schema": REPORT_SCHEMA, "tool": {"name": "factcheck", "version": __version__}, "documents": [],
                "findings": [], "claims": [], "summary": _summary(0, 0, 0, [], {}, 0, 0),
                "errors": [{"path": None, "message": m, "level": "error"} for m in errors_extra]}
    extraction = report.extraction
    counts = report.counts()
    texts = {d.document.path: d.document.text for d in extraction.documents}
    count = sum(len(d.claims) for d in extraction.documents)
    confirmed = report.confirmed
    claims = (list(claim_records(extraction.documents, report.corroborated_ids, confirmed)) if claims is None
              else list(claims))
    summary = _summary(len(extraction.documents), count, len(report.corroborated), report.findings, counts,
                       report.suppressed, report.baselined, report.hidden)
    if confirmed is not None:  # a run with a registry: how many claims agree with it
        summary["confirmed_claims"] = report.confirmed_count()
    return {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "factcheck", "version": __version__},
        "documents": [document_record(d) for d in extraction.documents],
        "findings": [finding_record(f, texts) for f in report.findings],
        "claims": claims,
        "summary": summary,
        "errors": [error_record(e) for e in extraction.errors]
        + [{"path": None, "message": m, "level": "error"} for m in errors_extra],
        **({} if report.unused_suppressions is None else {"unused_suppressions": [
            {"path": u.path, "line": u.line, "text": u.text} for u in report.unused_suppressions]}),
    }


def _summary(documents, claims, corroborated, findings, counts, suppressed, baselined, hidden=None) -> dict:
    summary = {
        "documents": documents, "claims": claims, "corroborated_figures": corroborated,
        "findings": len(findings),
        "by_severity": {s: counts.get("severity", {}).get(s, 0) for s in ("error", "warning", "info")},
        "by_rule": dict(sorted(counts.get("rule", {}).items())),
        "suppressed": suppressed, "baselined": baselined,
    }
    if hidden is not None:
        summary["hidden"] = hidden
    return summary


def render_report(report, errors_extra: tuple[str, ...] = ()) -> str:
    return dumps(report_document(report, errors_extra))


def write_report(report, out: IO[str], errors_extra: tuple[str, ...] = ()) -> None:
    if report is None:
        out.write(render_report(report, errors_extra))
        return
    shell = report_document(report, errors_extra, claims=())
    write_report_claims(shell, report.extraction.documents, report.corroborated_ids, report.confirmed, out)


TARGETS_SCHEMA = "factcheck-targets/1"


def targets_document(table) -> dict:
    rows = [target_row_record(r) for r in table.rows]
    return {
        "schema": TARGETS_SCHEMA,
        "tool": {"name": "factcheck", "version": __version__},
        "documents": [document_record(d) for d in table.extraction.documents],
        "rows": rows,
        "summary": {"rows": len(rows), "regions": len({r.region_code for r in table.rows}),
                    "by_verdict": table.counts()},
        "errors": [error_record(e) for e in table.extraction.errors],
    }


def render_targets(table) -> str:
    return dumps(targets_document(table))
