"""Lossless JSON forms of claims, documents and findings, for the cache and the JSONL interchange format.

No pickle anywhere: a cache folder or a claims file can come from anywhere (committed by mistake, mailed
by a colleague), and loading one must never run code. Decimals travel as their exact string (str() of a
Decimal round-trips to an equal Decimal with the same exponent), so a claim read back is equal, field for
field, to the claim that was written, and the checks reach the same findings.

Two shapes: compact positional rows (the cache, where size and load time matter and nobody reads the
bytes) and named records (the JSONL stream, documented in docs/scaling.md and its JSON Schema).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from sys import intern
from typing import overload

import orjson

from factcheck import __version__
from factcheck.model.claims import Claim, DocumentClaims, DocumentInfo, FileError, Location, Quantity
from factcheck.model.findings import Edit, Finding, Place

JSONL_SCHEMA = "factcheck-claims-jsonl/1"
ROW_VERSION = 2  # bump when the row layout below changes: the cache key includes it

# The named claim fields of a JSONL claim record, in order.
CLAIM_RECORD_FIELDS = (
    "id", "path", "line", "column", "end_line", "end_column", "start", "end", "text",
    "value", "low", "high", "low_open", "high_open", "unit", "dimension", "qualifier",
    "role", "kind", "aspect", "region", "region_code", "metric", "metric_text", "period", "period_source",
    "hedge", "sentence",
)


def compact(value) -> str:
    """json.dumps(value, ensure_ascii=False, separators=(",", ":")), through orjson (the same text, several
    times faster); json where orjson refuses (a lone surrogate, an integer beyond 64 bits)."""
    try:
        return orjson.dumps(value).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


# -- compact rows (cache) -------------------------------------------------------------------------------

def claim_row(claim: Claim) -> list:
    """A claim without its path (the cache is keyed by content; the path is bound on load)."""
    loc, q = claim.location, claim.quantity
    return [claim.id, loc.line, loc.column, loc.end_line, loc.end_column, loc.start, loc.end, claim.text,
            _dec(q.value), _dec(q.low), _dec(q.high), q.low_open, q.high_open, q.unit, q.dimension, q.qualifier,
            claim.role, claim.kind, claim.aspect, claim.region, claim.region_code, claim.metric, claim.metric_text,
            claim.period, claim.period_source, claim.hedge, claim.sentence]


def claim_from_row(row: list, path: str) -> Claim:
    (cid, line, column, end_line, end_column, start, end, text, value, low, high, low_open, high_open, unit,
     dimension, qualifier, role, kind, aspect, region, region_code, metric, metric_text, period, period_source,
     hedge, sentence) = row
    # json.loads makes a new string for every value; the categorical ones are shared again (a 50 MB run
    # holds a quarter of a million claims, each with a dozen of them)
    return Claim(cid, Location(path, line, column, end_line, end_column, start, end), text,
                 Quantity(_undec(value), _undec(low), _undec(high), low_open, high_open, _i(unit), _i(dimension),
                          _i(qualifier)),
                 _i(role), _i(kind), _i(aspect), _i(region), _i(region_code), _i(metric), metric_text, _i(period),
                 _i(period_source), _i(hedge), sentence)


@overload
def _i(text: str) -> str: ...
@overload
def _i(text: None) -> None: ...
def _i(text: str | None) -> str | None:
    return None if text is None else intern(text)


def claims_blob(claims: tuple[Claim, ...]) -> str:
    return compact([claim_row(c) for c in claims])


def claim_row_text(claim: Claim) -> str:
    """claim_row as the compact JSON text the cache and the workers' answers hold."""
    return compact(claim_row(claim))


def claims_from_rows(rows: Iterable[str], path: str) -> tuple[Claim, ...]:
    """The claims of claim_row_text rows, decoded in one json.loads."""
    return claims_from_blob("[" + ",".join(rows) + "]", path)


def claims_from_blob(blob: str, path: str) -> tuple[Claim, ...]:
    return tuple(claim_from_row(row, path) for row in orjson.loads(blob))


# The positions of claim_row.
ROW_FIELDS = ("id", "line", "column", "end_line", "end_column", "start", "end", "text", "value", "low", "high",
              "low_open", "high_open", "unit", "dimension", "qualifier", "role", "kind", "aspect", "region",
              "region_code", "metric", "metric_text", "period", "period_source", "hedge", "sentence")


def _parse_rows(texts: list[str]) -> list[list]:
    rows = orjson.loads("[" + ",".join(texts) + "]")
    width = len(ROW_FIELDS)
    if not all(type(row) is list and len(row) == width and set(map(type, row)) <= _SCALARS for row in rows):
        raise ValueError("a cached claim row of another shape")
    return rows


_SCALARS = {str, int, bool, type(None)}


class LazyClaims(Sequence):
    """A document's count claims from the cache, as an immutable sequence equal to the tuple of them: the
    rows load() reads are read, parsed and decoded into Claim objects only when first asked for. A warm run
    whose findings are cached too never needs them: the terminal report counts claims, and the JSON report
    writes its records from the rows (rows()); a quarter of a million rows are
    half the cache's file, and decoding them costs seconds. rebuild() gives the claims as extraction does,
    should load() give None or another number of rows, or a row not parse, not be a flat list of its
    fields, or not decode (a decimal that is none)."""

    __slots__ = ("_load", "_count", "_rows", "_path", "_rebuild", "_claims", "_block")

    def __init__(self, load: Callable[[], list[str] | None], count: int, path: str,
                 rebuild: Callable[[], tuple[Claim, ...]], block: Callable[[], bytes | None] | None = None) -> None:
        self._load: Callable[[], list[str] | None] | None = load
        self._count, self._path, self._rebuild, self._block = count, path, rebuild, block
        self._rows: list[list] | None = None
        self._claims: tuple[Claim, ...] | None = None

    def _parsed(self) -> list[list] | None:
        if self._rows is None and self._claims is None:
            try:
                assert self._load is not None  # dropped only once the rows or the claims are set
                texts = self._load()
                if texts is None or len(texts) != self._count:
                    raise ValueError("cached claim rows missing")
                self._rows = _parse_rows(texts)
            except ValueError:  # a damaged or missing row: the claims as extraction gives them
                self._claims = tuple(self._rebuild())
            self._load = None
        return self._rows

    def _decoded(self) -> tuple[Claim, ...]:
        if self._claims is None:
            rows = self._parsed()
            if self._claims is None:
                assert rows is not None  # _parsed sets the rows or the claims
                try:
                    self._claims = tuple(claim_from_row(row, self._path) for row in rows)
                except (ValueError, TypeError, ArithmeticError):
                    self._claims = tuple(self._rebuild())
            self._rows = None
        return self._claims

    def rows(self) -> list[list] | None:
        """The undecoded rows (claim_row layout, without the path), parsed on first use; None once decoded
        (or a row did not parse, and the claims were extracted again)."""
        return self._parsed()

    def stored_block(self) -> bytes | None:
        """The claims' records as the cache stored them rendered for a JSON report
        (formatters.json_records.claim_block), read now; None when there is none (then the records are made
        from the rows or the claims)."""
        if self._block is None:
            return None
        return self._block()

    @property
    def path(self) -> str:
        return self._path

    def ids(self) -> list[str]:
        """The claims' ids, read from the rows while they are undecoded."""
        rows = self._parsed()
        if rows is not None:
            return [row[0] for row in rows]
        return [c.id for c in self._decoded()]

    def __len__(self) -> int:
        return self._count if self._claims is None else len(self._claims)

    def __getitem__(self, index):
        return self._decoded()[index]

    def __iter__(self) -> Iterator[Claim]:
        return iter(self._decoded())

    def __eq__(self, other) -> bool:
        if isinstance(other, (tuple, LazyClaims)):
            return self._decoded() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._decoded())

    def __repr__(self) -> str:
        return repr(self._decoded())


def place_row(place: Place) -> list:
    loc = place.location
    return [loc.line, loc.column, loc.end_line, loc.end_column, loc.start, loc.end, place.excerpt, place.note]


def place_from_row(row: list, path: str) -> Place:
    line, column, end_line, end_column, start, end, excerpt, note = row
    return Place(Location(path, line, column, end_line, end_column, start, end), excerpt, note)


def finding_row(finding: Finding) -> list:
    """A finding of a document-level check: every place is in that one document, so no paths are kept."""
    return [finding.rule, finding.name, finding.severity, finding.message, place_row(finding.place),
            [place_row(p) for p in finding.related], list(finding.claims), finding.key,
            [[e.start, e.end, e.replacement] for e in finding.fix]]


def finding_from_row(row: list, path: str) -> Finding:
    rule, name, severity, message, place, related, claims, key, fix = row
    return Finding(rule, name, severity, message, place_from_row(place, path),
                   tuple(place_from_row(p, path) for p in related), tuple(claims), key,
                   tuple(Edit(start, end, replacement) for start, end, replacement in fix))


def findings_blob(findings: list[Finding]) -> str:
    return compact([finding_row(f) for f in findings])


def findings_from_blob(blob: str, path: str) -> list[Finding]:
    return [finding_from_row(row, path) for row in orjson.loads(blob)]


# -- named records (JSONL interchange) ------------------------------------------------------------------

def header_record(environment: str) -> dict:
    return {"type": "header", "schema": JSONL_SCHEMA, "tool": {"name": "factcheck", "version": __version__},
            "environment": environment}


def document_record(doc: DocumentClaims) -> dict:
    info = doc.document
    return {"type": "document", "path": info.path, "sha256": info.sha256, "encoding": info.encoding,
            "date": info.date, "region": info.region, "region_code": info.region_code, "claims": len(doc.claims),
            "text": info.text}


def claim_record(claim: Claim) -> dict:
    return {"type": "claim", **dict(zip(CLAIM_RECORD_FIELDS, _named_claim_values(claim), strict=False))}


def _named_claim_values(claim: Claim) -> list:
    row = claim_row(claim)
    return [row[0], claim.location.path, *row[1:]]


def error_record(error: FileError) -> dict:
    return {"type": "error", "path": error.path, "message": error.message, "level": error.level}


def document_from_record(record: dict) -> DocumentInfo:
    return DocumentInfo(record["path"], record["sha256"], record["encoding"], record["date"], record["region"],
                        record["region_code"], record["text"])


def claim_from_record(record: dict) -> Claim:
    values = [record[name] for name in CLAIM_RECORD_FIELDS]
    return claim_from_row([values[0], *values[2:]], values[1])


def error_from_record(record: dict) -> FileError:
    return FileError(record["path"], record["message"], record.get("level", "error"))
