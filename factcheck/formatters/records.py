"""Plain records (dicts of JSON-ready values) shared by the JSON and CSV formatters."""

from __future__ import annotations

from factcheck.model.claims import Claim, DocumentClaims
from factcheck.model.decimals import decimal_text
from factcheck.text.documents import FileError

CLAIM_FIELDS = ("id", "path", "line", "column", "end_line", "end_column", "text", "value", "low", "high",
                "low_open", "high_open", "unit", "dimension", "qualifier", "role", "kind", "aspect", "region",
                "metric", "metric_text", "period")


def claim_record(claim: Claim) -> dict:
    return dict(zip(CLAIM_FIELDS, claim_values(claim), strict=False))


def claim_values(claim: Claim) -> list:
    """The values of claim_record, in CLAIM_FIELDS order."""
    loc, q = claim.location, claim.quantity
    return [claim.id, loc.path, loc.line, loc.column, loc.end_line, loc.end_column, claim.text,
            decimal_text(q.value), decimal_text(q.low), decimal_text(q.high), q.low_open, q.high_open, q.unit,
            q.dimension, q.qualifier, claim.role, claim.kind, claim.aspect, claim.region, claim.metric,
            claim.metric_text, claim.period]


def document_record(doc: DocumentClaims) -> dict:
    info = doc.document
    return {"path": info.path, "sha256": info.sha256, "encoding": info.encoding, "date": info.date,
            "region": info.region, "claims": len(doc.claims)}


def error_record(error: FileError) -> dict:
    return {"path": error.path, "message": error.message, "level": error.level}


def place_record(place) -> dict:
    loc = place.location
    return {"path": loc.path, "line": loc.line, "column": loc.column, "end_line": loc.end_line,
            "end_column": loc.end_column}


def target_row_record(row) -> dict:
    """One row of the 目标完成情况 table (schema factcheck-targets/1)."""
    outcome = None
    if row.outcome is not None:
        outcome = {"statement": row.outcome_statement, "claim": row.outcome_claim, **place_record(row.outcome)}
    return {
        "region": row.region, "region_code": row.region_code, "metric": row.metric, "year": row.year,
        "kind": row.kind, "main": row.main,
        "target": {"statement": row.statement, "claim": row.target_claim, "direction": row.direction,
                   **place_record(row.target)},
        "outcome": outcome,
        "verdict": row.verdict, "verdict_text": row.verdict_text,
        "difference": decimal_text(row.difference), "tolerance": decimal_text(row.tolerance),
        "also": [place_record(p) for p in row.also],
    }


_PLACE_FIELDS = ("path", "line", "column", "end_line", "end_column")
# Every field of a factcheck-targets/1 row, flattened: target.statement is `target`, target.claim `target_claim`…
TARGET_FIELDS = ("region", "region_code", "year", "metric", "main", "kind",
                 "target", "target_claim", "target_direction", *(f"target_{f}" for f in _PLACE_FIELDS),
                 "outcome", "outcome_claim", *(f"outcome_{f}" for f in _PLACE_FIELDS),
                 "verdict", "verdict_text", "difference", "tolerance", "also")


def place_text(place, path=None) -> str:
    """path:line:column-end_line:end_column, a place in one cell (path: how to show the path)."""
    loc = place.location
    return f"{(path or str)(loc.path)}:{loc.line}:{loc.column}-{loc.end_line}:{loc.end_column}"


def target_csv_row(row, path=None) -> dict:
    """One row of the targets table as CSV cells; path: how to show a path (default: as read)."""
    path = path or str
    record = target_row_record(row)
    out = {"region": row.region or "", "region_code": row.region_code or "", "year": row.year,
           "metric": row.metric or "", "main": str(row.main).lower(), "kind": row.kind,
           "target": row.statement, "target_claim": row.target_claim or "", "target_direction": row.direction or ""}
    for field in _PLACE_FIELDS:
        out[f"target_{field}"] = path(record["target"][field]) if field == "path" else record["target"][field]
    outcome = record["outcome"] or {}
    out["outcome"] = outcome.get("statement") or ""
    out["outcome_claim"] = outcome.get("claim") or ""
    for field in _PLACE_FIELDS:
        value = outcome.get(field, "")
        out[f"outcome_{field}"] = path(value) if field == "path" and value else value
    out.update({"verdict": row.verdict, "verdict_text": row.verdict_text,
                "difference": decimal_text(row.difference) or "", "tolerance": decimal_text(row.tolerance) or "",
                "also": "; ".join(place_text(p, path) for p in row.also)})
    return out
