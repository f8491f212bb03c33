"""The JSON reports' text (orjson: json.dumps(indent=2, ensure_ascii=False)'s bytes, many times faster) and
their claim records, which a 50 MB run holds a quarter of a million of.

Claims still in their cached rows (codec.LazyClaims) become records straight from the rows, without making
Claim objects: a warm run over an unchanged corpus decodes none.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from itertools import islice
from operator import itemgetter
from typing import IO

import orjson

from factcheck.formatters.records import CLAIM_FIELDS, claim_record
from factcheck.model.claims import DocumentClaims
from factcheck.model.codec import ROW_FIELDS, LazyClaims
from factcheck.model.decimals import decimal_text


def dumps(document) -> str:
    """json.dumps(document, ensure_ascii=False, indent=2) + newline, byte for byte."""
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        # what orjson refuses and json writes: a lone surrogate (a file name that is not UTF-8, read with
        # surrogateescape), an integer beyond 64 bits
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


_SPLICE = "\x00records\x00"
_BATCH = 2000


def write_with_records(shell: dict, key: str, records: Iterable[dict], out: IO[str]) -> None:
    """dumps(shell with records as its top-level key), written in pieces: a large report's records are
    never all held at once. A batch of records is encoded by one orjson call and indented one level deeper
    (an encoded string holds no raw line break, so every line break is the layout's)."""
    head, tail = dumps({**shell, key: _SPLICE}).split(json.dumps(_SPLICE), 1)
    out.write(head)
    first = True
    for batch in _batches(records):
        text = dumps(batch)[2:-3]  # between "[\n" and "\n]\n"
        out.write("[\n" if first else ",\n")
        out.write("  " + text.replace("\n", "\n  "))
        first = False
    out.write("[]" if first else "\n  ]")
    out.write(tail)


def _batches(records: Iterable[dict]) -> Iterator[list[dict]]:
    iterator = iter(records)
    while batch := list(islice(iterator, _BATCH)):
        yield batch


def claim_records(documents: Iterable[DocumentClaims], corroborated: frozenset[str] | None = None,
                  confirmed: frozenset[str] | None = None) -> Iterator[dict]:
    """The claim records of the documents in order (CLAIM_FIELDS, and "corroborated" when the set of
    corroborated claim ids is given, and then "confirmed" when the set of the claims that agree with the run's
    registry is: a run without one has no such field)."""
    confirmed = None if corroborated is None else confirmed
    for doc in documents:
        from_rows = _from_rows(doc, corroborated, confirmed)
        if from_rows is not None:
            yield from from_rows
            continue
        for claim in doc.claims:
            record = claim_record(claim)
            if corroborated is not None:
                record["corroborated"] = claim.id in corroborated
                if confirmed is not None:
                    record["confirmed"] = claim.id in confirmed
            yield record


def _from_rows(doc: DocumentClaims, corroborated: frozenset[str] | None,
               confirmed: frozenset[str] | None = None) -> list[dict] | None:
    """The document's records from its cached rows, or None when its claims are decoded already or a row
    will not read (then its claims are decoded, or extracted again, by the caller)."""
    if not isinstance(doc.claims, LazyClaims):
        return None
    rows = doc.claims.rows()
    if rows is None:
        return None
    pick, (value, low, high) = _picking()
    path = doc.claims.path
    names = CLAIM_FIELDS if corroborated is None else (*CLAIM_FIELDS, "corroborated")
    seen = _DECIMALS
    out = []
    try:
        for row in rows:
            values = list(pick(row))
            values.insert(1, path)
            for i in (value, low, high):
                text = values[i]
                if text is not None:
                    values[i] = seen.get(text) or _decimal(text)
            if corroborated is not None:
                values.append(values[0] in corroborated)
                if confirmed is not None:
                    values.append(values[0] in confirmed)
            out.append(dict(zip(names, values, strict=True)))
    except (ValueError, TypeError, ArithmeticError):
        return None
    return out


@cache
def _picking():
    """A row's fields in CLAIM_FIELDS order but the path (which rows do not hold), picked in one C call,
    and the positions of the decimals in a record (the path put in)."""
    names = [name for name in CLAIM_FIELDS if name != "path"]
    return itemgetter(*(ROW_FIELDS.index(name) for name in names)), tuple(
        CLAIM_FIELDS.index(name) for name in ("value", "low", "high"))


_DECIMALS: dict[str, str] = {}  # a row's decimal text → the report's (the same few thousand recur in a corpus)


def _decimal(text: str) -> str:
    if type(text) is not str:
        raise TypeError("a cached decimal that is not a string")
    known = _DECIMALS.get(text)
    if known is None:
        if len(_DECIMALS) >= 1 << 16:
            _DECIMALS.clear()
        known = _DECIMALS[text] = decimal_text(Decimal(text))
    return known
