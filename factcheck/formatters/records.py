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


TARGET_FIELDS = ("region", "year", "metric", "main", "kind", "target", "target_path", "target_line", "outcome",
                 "outcome_path", "outcome_line", "verdict", "verdict_text", "difference", "tolerance")


def target_csv_row(row) -> dict:
    return {
        "region": row.region or "", "year": row.year, "metric": row.metric or "", "main": str(row.main).lower(),
        "kind": row.kind, "target": row.statement, "target_path": row.target.location.path,
        "target_line": row.target.location.line, "outcome": row.outcome_statement or "",
        "outcome_path": row.outcome.location.path if row.outcome else "",
        "outcome_line": row.outcome.location.line if row.outcome else "",
        "verdict": row.verdict, "verdict_text": row.verdict_text,
        "difference": decimal_text(row.difference) or "", "tolerance": decimal_text(row.tolerance) or "",
    }
