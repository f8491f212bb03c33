"""Plain records (dicts of JSON-ready values) shared by the JSON and CSV formatters."""

from __future__ import annotations

from decimal import Decimal

from factcheck.model import Claim, DocumentClaims
from factcheck.documents import FileError

CLAIM_FIELDS = ("id", "path", "line", "column", "end_line", "end_column", "text", "value", "low", "high",
                "low_open", "high_open", "unit", "dimension", "qualifier", "role", "kind", "aspect", "region",
                "metric", "metric_text", "period")


def decimal_text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def claim_record(claim: Claim) -> dict:
    loc, q = claim.location, claim.quantity
    return {
        "id": claim.id, "path": loc.path, "line": loc.line, "column": loc.column,
        "end_line": loc.end_line, "end_column": loc.end_column, "text": claim.text,
        "value": decimal_text(q.value), "low": decimal_text(q.low), "high": decimal_text(q.high),
        "low_open": q.low_open, "high_open": q.high_open, "unit": q.unit,
        "dimension": q.dimension, "qualifier": q.qualifier, "role": claim.role, "kind": claim.kind,
        "aspect": claim.aspect, "region": claim.region, "metric": claim.metric,
        "metric_text": claim.metric_text, "period": claim.period,
    }


def document_record(doc: DocumentClaims) -> dict:
    info = doc.document
    return {"path": info.path, "sha256": info.sha256, "encoding": info.encoding, "date": info.date,
            "region": info.region, "claims": len(doc.claims)}


def error_record(error: FileError) -> dict:
    return {"path": error.path, "message": error.message, "level": error.level}
