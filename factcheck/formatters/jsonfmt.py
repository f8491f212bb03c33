"""`--format json`: schema factcheck-claims/1 (docs/schema/factcheck-claims-1.json)."""

from __future__ import annotations

import json

from factcheck.formatters.records import claim_record, document_record, error_record, target_row_record
from factcheck.model import Extraction

CLAIMS_SCHEMA = "factcheck-claims/1"


def claims_document(extraction: Extraction) -> dict:
    return {
        "schema": CLAIMS_SCHEMA,
        "documents": [document_record(d) for d in extraction.documents],
        "claims": [claim_record(c) for c in extraction.claims],
        "errors": [error_record(e) for e in extraction.errors],
    }


def render_claims(extraction: Extraction) -> str:
    return json.dumps(claims_document(extraction), ensure_ascii=False, indent=2) + "\n"


REPORT_SCHEMA = "factcheck-report/1"


def _place_record(place) -> dict:
    loc = place.location
    return {"path": loc.path, "line": loc.line, "column": loc.column, "end_line": loc.end_line,
            "end_column": loc.end_column, "excerpt": place.excerpt}


def finding_record(finding, texts: dict[str, str] | None = None) -> dict:
    record = {
        "rule": finding.rule, "name": finding.name, "severity": finding.severity, "message": finding.message,
        "location": _place_record(finding.place),
        "related": [{**_place_record(p), "note": p.note} for p in finding.related],
        "claims": list(finding.claims), "fingerprint": finding.fingerprint,
    }
    text = (texts or {}).get(finding.place.location.path)
    if finding.fix and text is not None:
        from factcheck.formatters.places import edit_positions

        record["fix"] = [{"line": e.line, "column": e.column, "end_line": e.end_line, "end_column": e.end_column,
                          "replacement": e.replacement} for e in edit_positions(text, finding.fix)]
    return record


def report_document(report, errors_extra: tuple[str, ...] = ()) -> dict:
    """The report as schema factcheck-report/1; errors_extra are operational errors that stopped the run
    before any document was read (a bad config), reported inside the document as well as on stderr."""
    from factcheck import __version__

    if report is None:
        return {"schema": REPORT_SCHEMA, "tool": {"name": "factcheck", "version": __version__}, "documents": [],
                "findings": [], "claims": [], "summary": _summary(0, 0, 0, [], {}, 0, 0),
                "errors": [{"path": None, "message": m, "level": "error"} for m in errors_extra]}
    extraction = report.extraction
    counts = report.counts()
    corroborated = report.corroborated_ids
    texts = {d.document.path: d.document.text for d in extraction.documents}
    claims = []
    for claim in extraction.claims:
        record = claim_record(claim)
        record["corroborated"] = claim.id in corroborated
        claims.append(record)
    return {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "factcheck", "version": __version__},
        "documents": [document_record(d) for d in extraction.documents],
        "findings": [finding_record(f, texts) for f in report.findings],
        "claims": claims,
        "summary": _summary(len(extraction.documents), len(claims), len(report.corroborated), report.findings,
                            counts, report.suppressed, report.baselined),
        "errors": [error_record(e) for e in extraction.errors] + [{"path": None, "message": m, "level": "error"} for m in errors_extra],
    }


def _summary(documents, claims, corroborated, findings, counts, suppressed, baselined) -> dict:
    return {
        "documents": documents, "claims": claims, "corroborated_figures": corroborated,
        "findings": len(findings),
        "by_severity": {s: counts.get("severity", {}).get(s, 0) for s in ("error", "warning", "info")},
        "by_rule": dict(sorted(counts.get("rule", {}).items())),
        "suppressed": suppressed, "baselined": baselined,
    }


def render_report(report, errors_extra: tuple[str, ...] = ()) -> str:
    return json.dumps(report_document(report, errors_extra), ensure_ascii=False, indent=2) + "\n"


TARGETS_SCHEMA = "factcheck-targets/1"


def targets_document(table) -> dict:
    from factcheck import __version__

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
    return json.dumps(targets_document(table), ensure_ascii=False, indent=2) + "\n"
