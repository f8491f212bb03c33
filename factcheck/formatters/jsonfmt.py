"""`--format json`: schema factcheck-claims/1 (docs/schema/factcheck-claims-1.json)."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator
from typing import IO

from factcheck.formatters.json_records import claim_texts, record_texts, template
from factcheck.formatters.places import shown_excerpt
from factcheck.formatters.records import claim_record, document_record, error_record, target_row_record
from factcheck.model.claims import Extraction

CLAIMS_SCHEMA = "factcheck-claims/1"


def claims_document(extraction: Extraction, with_claims: bool = True) -> dict:
    return {
        "schema": CLAIMS_SCHEMA,
        "documents": [document_record(d) for d in extraction.documents],
        "claims": [claim_record(c) for c in extraction.claims] if with_claims else _SPLICE,
        "errors": [error_record(e) for e in extraction.errors],
    }


def render_claims(extraction: Extraction) -> str:
    out = io.StringIO()
    write_claims(extraction, out)
    return out.getvalue()


def write_claims(extraction: Extraction, out: IO[str]) -> None:
    _write(claims_document(extraction, with_claims=False), claim_texts(extraction.documents), out)


_SPLICE = "\x00records\x00"


def dumps(document: dict) -> str:
    """json.dumps(document, ensure_ascii=False, indent=2) + newline, byte for byte, but faster when its
    top-level "claims" list holds flat records with the same keys (formatters/json_records.py)."""
    records = document.get("claims")
    if not isinstance(records, list) or not records or not all(r and _flat(r) for r in records):
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    keys = tuple(records[0])
    if not all(tuple(r) == keys for r in records):
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    texts = record_texts([list(r.values()) for r in records], template(keys, 1), len(keys))
    _write({**document, "claims": _SPLICE}, iter(texts), out)
    return out.getvalue()


def _write(shell: dict, records: Iterator[str], out: IO[str]) -> None:
    """shell with its "claims" placeholder replaced by the records (texts at depth 1), as json.dumps(indent=2)
    writes it, in pieces: the whole text of a large report is never held."""
    head, tail = json.dumps(shell, ensure_ascii=False, indent=2).split(json.dumps(_SPLICE), 1)
    out.write(head)
    first = True
    for chunk in _batched(records, 2000):
        out.write("[\n" if first else ",\n")
        out.write(",\n".join(chunk))
        first = False
    out.write("[]" if first else "\n  ]")
    out.write(tail + "\n")


def _batched(items: Iterator[str], size: int) -> Iterator[list[str]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _flat(record) -> bool:
    return isinstance(record, dict) and all(v is None or isinstance(v, (str, bool, int)) for v in record.values())


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
        from factcheck.formatters.places import edit_positions

        record["fix"] = [{"line": e.line, "column": e.column, "end_line": e.end_line, "end_column": e.end_column,
                          "replacement": e.replacement} for e in edit_positions(text, finding.fix)]
    return record


def report_document(report, errors_extra: tuple[str, ...] = (), with_claims: bool = True) -> dict:
    """The report as schema factcheck-report/1; errors_extra are operational errors that stopped the run
    before any document was read (a bad config), reported inside the document as well as on stderr."""
    from factcheck import __version__

    if report is None:
        return {"schema": REPORT_SCHEMA, "tool": {"name": "factcheck", "version": __version__}, "documents": [],
                "findings": [], "claims": [], "summary": _summary(0, 0, 0, [], {}, 0, 0),
                "errors": [{"path": None, "message": m, "level": "error"} for m in errors_extra]}
    extraction = report.extraction
    counts = report.counts()
    texts = {d.document.path: d.document.text for d in extraction.documents}
    claims = [{**claim_record(c), "corroborated": c.id in report.corroborated_ids}
              for c in extraction.claims] if with_claims else _SPLICE
    count = len(claims) if with_claims else sum(len(d.claims) for d in extraction.documents)
    return {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "factcheck", "version": __version__},
        "documents": [document_record(d) for d in extraction.documents],
        "findings": [finding_record(f, texts) for f in report.findings],
        "claims": claims,
        "summary": _summary(len(extraction.documents), count, len(report.corroborated), report.findings,
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
    out = io.StringIO()
    write_report(report, out, errors_extra)
    return out.getvalue()


def write_report(report, out: IO[str], errors_extra: tuple[str, ...] = ()) -> None:
    if report is None:
        out.write(json.dumps(report_document(None, errors_extra), ensure_ascii=False, indent=2) + "\n")
        return
    ahead = report.rendered_claims  # rendered by claim_texts while the checks finished (render_ahead)
    rest = claim_texts(report.extraction.documents, report.corroborated_ids, skip=len(ahead),
                       stored=report.stored_claims)
    _write(report_document(report, errors_extra, with_claims=False), itertools.chain(ahead, rest), out)


def render_ahead(documents, corroborated_ids: frozenset[str], stored=None) -> Iterator[str]:
    """The report's claim records, for build_report(ahead=…) to render while it waits for its checks;
    stored: per document, its records from the claims cache (json_records.stored_records), or None."""
    return claim_texts(documents, corroborated_ids, stored=stored)


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
