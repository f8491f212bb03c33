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
    return dumps(claims_document(extraction))


_SPLICE = "\x00records\x00"


def dumps(document: dict) -> str:
    """json.dumps(document, ensure_ascii=False, indent=2) + newline, byte for byte, but faster: the flat
    records of the top-level "claims" list (a quarter of a million in a 50 MB run) are written one by one
    by the C encoder with the separators indent=2 uses at their depth; the rest goes through json.dumps."""
    records = document.get("claims")
    if not isinstance(records, list) or not records or not all(r and _flat(r) for r in records):
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    shell = json.dumps({**document, "claims": _SPLICE}, ensure_ascii=False, indent=2)
    return shell.replace(json.dumps(_SPLICE), _records(records, 1), 1) + "\n"


def _flat(record) -> bool:
    return isinstance(record, dict) and all(v is None or isinstance(v, (str, bool, int)) for v in record.values())


def _records(records: list[dict], level: int) -> str:
    """The list as indent=2 writes it, from one call of the C encoder with separators that cannot occur in
    its output otherwise (an encoded string escapes control characters), which are then replaced: between
    records a separator follows "}" and precedes "{", inside one it follows a scalar and precedes a key."""
    outer, inner, close = "  " * (level + 1), "  " * (level + 2), "  " * level
    text = json.dumps(records, ensure_ascii=False, separators=("\x01", "\x02"))
    text = text.replace("}\x01{", f"\n{outer}}},\n{outer}{{\n{inner}").replace("\x01", ",\n" + inner)
    return f"[\n{outer}{{\n{inner}" + text[2:-2].replace("\x02", ": ") + f"\n{outer}}}\n{close}]"


REPORT_SCHEMA = "factcheck-report/1"


def _place_record(place) -> dict:
    loc = place.location
    return {"path": loc.path, "line": loc.line, "column": loc.column, "end_line": loc.end_line,
            "end_column": loc.end_column, "excerpt": place.excerpt}


def finding_record(finding) -> dict:
    return {
        "rule": finding.rule, "name": finding.name, "severity": finding.severity, "message": finding.message,
        "location": _place_record(finding.place),
        "related": [{**_place_record(p), "note": p.note} for p in finding.related],
        "claims": list(finding.claims), "fingerprint": finding.fingerprint,
    }


def report_document(report) -> dict:
    from factcheck import __version__

    extraction = report.extraction
    counts = report.counts()
    corroborated = report.corroborated_ids
    claims = []
    for claim in extraction.claims:
        record = claim_record(claim)
        record["corroborated"] = claim.id in corroborated
        claims.append(record)
    return {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "factcheck", "version": __version__},
        "documents": [document_record(d) for d in extraction.documents],
        "findings": [finding_record(f) for f in report.findings],
        "claims": claims,
        "summary": {
            "documents": len(extraction.documents), "claims": len(claims),
            "corroborated_figures": len(report.corroborated),
            "findings": len(report.findings),
            "by_severity": {s: counts["severity"].get(s, 0) for s in ("error", "warning", "info")},
            "by_rule": dict(sorted(counts["rule"].items())),
        },
        "errors": [error_record(e) for e in extraction.errors],
    }


def render_report(report) -> str:
    return dumps(report_document(report))


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
