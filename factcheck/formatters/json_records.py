"""The JSON reports' text (orjson: json.dumps(indent=2, ensure_ascii=False)'s bytes, many times faster) and
their claim records, which a 50 MB run holds a quarter of a million of.

A warm run writes each cached document's records as the cache stored them rendered (claim_block), with the
run's path and corroborated flags put in; without a stored block, claims still in their cached rows
(codec.LazyClaims) become records straight from the rows, without making Claim objects. Making a quarter of
a million records on every warm run cost more than the rest of the run (docs/scaling.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
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


def write_report_claims(shell: dict, documents: Iterable[DocumentClaims], corroborated: frozenset[str],
                        confirmed: frozenset[str] | None, out: IO[str]) -> None:
    """write_with_records(shell, "claims", claim_records(documents, corroborated, confirmed), out), byte for
    byte, taking each document's stored block where there is one."""
    by_document: dict[str, list[str]] = {}
    for claim_id in corroborated:
        by_document.setdefault(claim_id.partition(":")[0], []).append(claim_id)
    head, tail = dumps({**shell, "claims": _SPLICE}).split(json.dumps(_SPLICE), 1)
    out.write(head)
    write_bytes = _bytes_writer(out)
    first = True
    for doc in documents:
        block = None if confirmed is not None else _patched_block(doc, by_document)
        if block is not None:
            if block:
                out.write("[\n" if first else ",\n")
                write_bytes(block)
                first = False
            continue
        for batch in _batches(claim_records((doc,), corroborated, confirmed)):
            out.write("[\n" if first else ",\n")
            out.write("  " + dumps(batch)[2:-3].replace("\n", "\n  "))
            first = False
    out.write("[]" if first else "\n  ]")
    out.write(tail)


def _bytes_writer(out: IO[str]) -> Callable[[bytes], object]:
    """Writes UTF-8 bytes to a text stream: to its buffer when it encodes UTF-8 (flushed first, so that the
    order holds), saving a decoding and an encoding of every stored block."""
    buffer = getattr(out, "buffer", None)
    if buffer is None or str(getattr(out, "encoding", "")).lower().replace("-", "") != "utf8":
        return lambda data: out.write(data.decode("utf-8"))

    def write(data: bytes) -> None:
        out.flush()
        buffer.write(data)
    return write


# In a stored block (claim_block) a raw line break followed by an indented key is the layout's own: a line
# break inside a string is written \n.
_PATH_KEY = b'\n      "path": '
_FLAG = b'"corroborated": false'


def claim_block(claims, sha256: str) -> bytes | None:
    """A document's claim records as they stand in a JSON report's "claims" array (indented, joined by
    ",\n", no line break around them), each with "corroborated": false — what the cache stores so that a warm
    run writes them without making them (write_report_claims puts in the run's flags, and its path when the
    document is read from another path now). None when they will not render (a lone surrogate in a text or
    the path) or an id is not the document's (a claim's flag is found by the document's id prefix)."""
    prefix = sha256[:8] + ":"
    records = []
    for claim in claims:
        if not claim.id.startswith(prefix):
            return None
        record = claim_record(claim)
        record["corroborated"] = False
        records.append(record)
    if not records:
        return b""
    try:
        text = orjson.dumps(records, option=orjson.OPT_INDENT_2)
    except (orjson.JSONEncodeError, TypeError):
        return None
    return b"  " + text[2:-2].replace(b"\n", b"\n  ")


def _patched_block(doc: DocumentClaims, by_document: dict[str, list[str]]) -> bytes | None:
    """The document's stored block with this run's path and corroborated flags, or None."""
    if not isinstance(doc.claims, LazyClaims):
        return None
    block = doc.claims.stored_block()
    if block is None or (not block) != (len(doc.claims) == 0):
        return None
    if block:
        try:
            path_line = _PATH_KEY + orjson.dumps(doc.document.path) + b",\n"
        except (orjson.JSONEncodeError, TypeError):
            return None  # a file name that is not UTF-8: the records are made, and json writes it
        start = block.find(_PATH_KEY)
        end = block.find(b",\n", start)
        if start < 0 or end < 0:
            return None
        stored_line = block[start:end + 2]
        if stored_line != path_line:  # the same content read from another path than when it was stored
            block = block.replace(stored_line, path_line)
    flagged = by_document.get(doc.document.sha256[:8])
    if flagged:
        pieces: list[bytes] = []
        start = 0
        for at in sorted(filter(None, (_flag_of(block, claim_id) for claim_id in flagged))):
            pieces += (block[start:at], b'"corroborated": true')
            start = at + len(_FLAG)
        block = b"".join((*pieces, block[start:]))
    return block


def _flag_of(block: bytes, claim_id: str) -> int | None:
    """Where the corroborated flag of this claim's record starts in a block, None when no record has its id."""
    at = block.find(b'\n      "id": ' + orjson.dumps(claim_id) + b",")
    if at < 0:
        return None
    flag = block.find(_FLAG, at)
    return flag if flag >= 0 else None


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
