"""The records of a claims file checked before they become claims (docs/schema/factcheck-claims-jsonl-1.json):
a claims file can come from anywhere, and a field of the wrong type, a number that is no finite decimal
("NaN", "Infinity", 1e400, "1e-999999"), a position outside its document, or text that is not Unicode would
otherwise surface deep inside a check as a crash. A record that fails is an error naming the line; the rest
of the file is still read."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from factcheck.extract.numbers.grammar import sane

DIMENSIONS = {"count", "money", "percent", "permille", "percentage_point", "permille_point", "ratio", "multiple",
              "rank", "duration", "mass", "energy", "power", "length", "area", "volume", "other"}
QUALIFIERS = {"exact_rounded", "exact", "lower", "upper", "approx", "range", "vague"}
ROLES = {"actual", "target", "change", "growth_rate", "share", "rank"}
KINDS = {"actual", "change", "growth_rate", "share", "rank"}
ASPECTS = {"stock", "flow", None}
PERIOD_SOURCES = {"text", "section", "heading", "note", "title", "document", "restated", None}
ENCODINGS = {"utf-8", "utf-8-sig", "gb18030"}
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_PERIOD = re.compile(r"[0-9]{4}(?:-[0-9]{4})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ID = re.compile(r"[0-9a-f]{8}:[0-9]+")
_SHA = re.compile(r"[0-9a-f]{64}")
_LARGEST_INT = 2**53


def _text(record: dict, name: str, nullable: bool = False) -> str | None:
    value = record[name]
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name}: expected a string, got {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{name}: not Unicode text (a lone surrogate)") from None
    return value


def _integer(record: dict, name: str, least: int) -> int:
    value = record[name]
    if type(value) is not int or not least <= value < _LARGEST_INT:
        raise ValueError(f"{name}: expected an integer of at least {least}, got {value!r}"[:120])
    return value


def _choice(record: dict, name: str, allowed: set) -> str | None:
    value = record[name]
    if value not in allowed or (value is not None and not isinstance(value, str)):
        raise ValueError(f"{name}: {value!r} is not one of the schema's values"[:120])
    return value


def _decimal(record: dict, name: str) -> None:
    value = record[name]
    if value is None:
        return
    if not isinstance(value, str) or not _DECIMAL.fullmatch(value):
        raise ValueError(f"{name}: expected a decimal string, got {value!r}"[:120])
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{name}: {value!r} is no decimal"[:120]) from None
    if not sane(number) or (number != 0 and abs(number.adjusted()) > 40):
        raise ValueError(f"{name}: {value!r} is beyond any figure a document states"[:120])


def check_document(record: dict) -> None:
    for name in ("path", "text"):
        _text(record, name)
    if not isinstance(record["sha256"], str) or not _SHA.fullmatch(record["sha256"]):
        raise ValueError("sha256: expected 64 hex digits")
    _choice(record, "encoding", ENCODINGS)
    date = _text(record, "date", nullable=True)
    if date is not None and not _DATE.fullmatch(date):
        raise ValueError(f"date: expected YYYY-MM-DD, got {date!r}"[:120])
    for name in ("region", "region_code"):
        _text(record, name, nullable=True)
    _integer(record, "claims", 0)


def check_claim(record: dict, text: str, lines: int) -> None:
    """text, lines: the claim's document's text and its number of lines, which its position must lie in."""
    if not isinstance(record["id"], str) or not _ID.fullmatch(record["id"]):
        raise ValueError(f"id: expected HEX8:N, got {record['id']!r}"[:120])
    _text(record, "path")
    if not _text(record, "text"):
        raise ValueError("text: empty")
    line, end_line = _integer(record, "line", 1), _integer(record, "end_line", 1)
    _integer(record, "column", 1)
    _integer(record, "end_column", 1)
    start, end = _integer(record, "start", 0), _integer(record, "end", 0)
    if not start <= end <= len(text) or not line <= end_line <= lines:
        raise ValueError("position outside its document's text")
    for name in ("value", "low", "high"):
        _decimal(record, name)
    if record["low"] is not None and record["high"] is not None and Decimal(record["low"]) > Decimal(record["high"]):
        raise ValueError("low is above high")
    for name in ("low_open", "high_open"):
        if type(record[name]) is not bool:
            raise ValueError(f"{name}: expected true or false")
    _choice(record, "dimension", DIMENSIONS)
    _choice(record, "qualifier", QUALIFIERS)
    _choice(record, "role", ROLES)
    _choice(record, "kind", KINDS)
    _choice(record, "aspect", ASPECTS)
    _choice(record, "period_source", PERIOD_SOURCES)
    for name in ("unit", "region", "region_code", "metric", "metric_text", "hedge"):
        _text(record, name, nullable=True)
    period = _text(record, "period", nullable=True)
    if period is not None and not _PERIOD.fullmatch(period):
        raise ValueError(f"period: expected YYYY or YYYY-YYYY, got {period!r}"[:120])
    _integer(record, "sentence", 0)


def check_error(record: dict) -> None:
    _text(record, "path")
    _text(record, "message")
    if record.get("level", "error") not in ("error", "warning"):
        raise ValueError("level: expected error or warning")
