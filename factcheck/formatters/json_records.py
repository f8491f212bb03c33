"""Claim records as json.dumps(indent=2) writes them inside a report's "claims" list, byte for byte, made in
bulk: a 50 MB run's report holds a quarter of a million of them, and json encodes with indent in pure Python.

Each batch of records goes through the C encoder once, as lists of scalars joined by a separator that cannot
occur in its output otherwise (an encoded string escapes control characters); the scalars are split apart
again and set into a template that holds the keys and the indentation. Between two records the separator
follows "]" and precedes "[", which no scalar ends or begins with.

Claims still in their cached rows (codec.LazyClaims) are written from the rows, without making Claim
objects: a warm run over an unchanged corpus decodes none. Better still, the claims cache keeps each
document's records as a report writes them (stored_records: rendered once, when the claims are stored, with
the path and the corroborated flags left as marks), and a run that has them only fills in the marks.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cache
from operator import itemgetter

from factcheck.formatters.records import CLAIM_FIELDS, claim_values
from factcheck.model.claims import DocumentClaims
from factcheck.model.decimals import decimal_text

_SEPARATOR = "\x01"
_BATCH = 2000
# Marks in stored records: control characters, which the encoder escapes wherever they occur in a value.
_PATH, _FLAG, _NEXT = "\x03", "\x02", "\x1e"


def template(keys: tuple[str, ...], level: int, fixed: dict[str, str] | None = None) -> str:
    """One record at this depth of the document for str.format, a {} where each value goes but the fixed
    ones (key → encoded value)."""
    outer, inner = "  " * (level + 1), "  " * (level + 2)
    fixed = fixed or {}
    fields = [_braces(f"{inner}{json.dumps(k, ensure_ascii=False)}: ") + (_braces(fixed[k]) if k in fixed else "{}")
              for k in keys]
    return f"{outer}{{{{\n" + ",\n".join(fields) + f"\n{outer}}}}}"


def _braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def record_texts(values: list[list], record_template: str, width: int) -> list[str]:
    """Each list of scalar values (width of them) as one record of record_template."""
    return [record_template.format(*scalars) for scalars in _encoded(values, width)]


def _encoded(values: list[list], width: int) -> list[list[str]]:
    """Each list of scalar values as the JSON texts of its values, from one call of the C encoder."""
    if not values:
        return []
    text = json.dumps(values, ensure_ascii=False, separators=(_SEPARATOR, ":"))
    records = [record.split(_SEPARATOR) for record in text[2:-2].split(f"]{_SEPARATOR}[")]
    if any(len(scalars) != width for scalars in records):
        raise ValueError("a record that is not a flat list of its fields")
    return records


def claim_texts(documents: Iterable[DocumentClaims], corroborated: set[str] | frozenset[str] | None = None,
                level: int = 1, skip: int = 0, stored: Sequence[bytes | None] | None = None,
                confirmed: set[str] | frozenset[str] | None = None) -> Iterator[str]:
    """The claim records of the documents in order (CLAIM_FIELDS, and "corroborated" when the set of
    corroborated claim ids is given, and then "confirmed" when the set of confirmed ones is), a batch of record
    texts at a time; skip: from the claim after the first skip ones (whose records were rendered already),
    without rendering those. stored: per document, its stored_records, or None; they are used for a report's
    records (level 1, corroborated given)."""
    confirmed = None if corroborated is None else confirmed
    keys = CLAIM_FIELDS if corroborated is None else (*CLAIM_FIELDS, "corroborated")
    if confirmed is not None:
        keys = (*keys, "confirmed")
    generic = template(keys, level)
    encoded_ids = None if corroborated is None else {json.dumps(i, ensure_ascii=False) for i in corroborated}
    encoded_confirmed = None if confirmed is None else {json.dumps(i, ensure_ascii=False) for i in confirmed}
    usable = stored is not None and corroborated is not None and level == 1
    batch: list[list] = []
    for k, doc in enumerate(documents):
        claims = doc.claims
        if skip:
            if skip >= len(claims):
                skip -= len(claims)
                continue
            claims, skip = claims[skip:], 0
        whole = len(claims) == len(doc.claims)
        from_rows = _from_stored(doc, stored[k], encoded_ids) if usable and whole and stored[k] else None
        if from_rows is not None and encoded_confirmed is not None:
            from_rows = _flagged(from_rows, "confirmed", encoded_confirmed)
        if from_rows is None and whole:
            from_rows = _from_rows(doc, keys, level, encoded_ids, encoded_confirmed)
        if from_rows is not None:
            if batch:
                yield from record_texts(batch, generic, len(keys))
                batch = []
            yield from from_rows
            continue
        for claim in claims:
            values = claim_values(claim)
            if corroborated is not None:
                values.append(claim.id in corroborated)
            if confirmed is not None:
                values.append(claim.id in confirmed)
            batch.append(values)
            if len(batch) >= _BATCH:
                yield from record_texts(batch, generic, len(keys))
                batch = []
    if batch:
        yield from record_texts(batch, generic, len(keys))


def _from_rows(doc: DocumentClaims, keys: tuple[str, ...], level: int, ids: set[str] | None,
               confirmed: set[str] | None = None) -> list[str] | None:
    """The document's records from its cached rows, or None when its claims are decoded already or a row
    will not read (then its claims are decoded, or extracted again, by the caller). ids: the corroborated
    claims' ids as JSON strings; confirmed: the confirmed ones' (None: no such field)."""
    from factcheck.model.codec import LazyClaims

    if not isinstance(doc.claims, LazyClaims) or doc.claims.rows() is None:
        return None
    fill = template(keys, level, {"path": json.dumps(doc.claims.path, ensure_ascii=False)}).format
    out = []
    try:
        for scalars in _row_scalars(doc.claims.rows()):
            if ids is not None:
                scalars.append("true" if scalars[0] in ids else "false")
            if confirmed is not None:
                scalars.append("true" if scalars[0] in confirmed else "false")
            out.append(fill(*scalars))
    except (ValueError, TypeError, ArithmeticError):
        return None
    return out


def _row_scalars(rows: list[list]) -> list[list[str]]:
    """The JSON texts of rows' values in CLAIM_FIELDS order (but the path), decimals as a report writes them."""
    pick, (value, low, high) = _picking()
    seen = _DECIMALS
    encoded = _encoded([pick(row) for row in rows], len(CLAIM_FIELDS) - 1)
    for scalars in encoded:
        # the same few thousand decimals recur across a corpus: each is converted once (per process)
        text = scalars[value]
        scalars[value] = seen.get(text) or _remember(text)
        text = scalars[low]
        scalars[low] = seen.get(text) or _remember(text)
        text = scalars[high]
        scalars[high] = seen.get(text) or _remember(text)
    return encoded


def stored_records(doc: DocumentClaims) -> bytes:
    """The document's records as claim_texts writes them in a report (level 1, with "corroborated"), the
    path and each flag left as marks, joined by a mark and compressed (zlib's checksum guards them in the
    cache)."""
    values = [claim_values(claim) for claim in doc.claims]
    for each in values:
        del each[1]  # the path: a mark
    texts = record_texts(values, _stored_template(), len(CLAIM_FIELDS) - 1)
    return zlib.compress(_NEXT.join(texts).encode("utf-8"), 1)


@cache
def _stored_template() -> str:
    return template((*CLAIM_FIELDS, "corroborated"), 1, {"path": _PATH, "corroborated": _FLAG})


def _from_stored(doc: DocumentClaims, blob: bytes, ids: set[str]) -> list[str] | None:
    """The document's report records from its stored_records, or None when they will not read or do not
    match its claims in number. ids: the corroborated claims' ids as JSON strings."""
    if not doc.claims:
        return []
    try:
        text = zlib.decompress(blob).decode("utf-8")
    except (zlib.error, UnicodeDecodeError):
        return None
    texts = text.replace(_PATH, json.dumps(doc.document.path, ensure_ascii=False)).split(_NEXT)
    at = _id_at()  # a record opens with its id: the encoded id runs from there to the first ",\n"
    if len(texts) != len(doc.claims) or at is None:
        return None
    return [t.replace(_FLAG, "true" if t[at:t.find(",\n", at)] in ids else "false", 1) for t in texts]


def _flagged(texts: list[str], key: str, ids: set[str]) -> list[str]:
    """Report records (level 1) with one more boolean field at their end: whether each one's id is among ids
    (JSON strings). A level-1 record closes with a line holding two spaces and "}"; its id opens it, at
    _id_at()."""
    at = _id_at()
    field = f',\n    "{key}": '
    return [f"{t[:-4]}{field}{'true' if t[at:t.find(',' + chr(10), at)] in ids else 'false'}\n  }}" for t in texts]


@cache
def _id_at() -> int | None:
    if CLAIM_FIELDS[0] != "id":
        return None
    opening = _stored_template().format(*([_NEXT] * (len(CLAIM_FIELDS) - 1)))
    return opening.index(_NEXT)


@cache
def _picking():
    """A row's fields in CLAIM_FIELDS order but the path (which rows do not hold), picked in one C call,
    and the positions of the decimals among them."""
    from factcheck.model.codec import ROW_FIELDS

    names = [name for name in CLAIM_FIELDS if name != "path"]
    return itemgetter(*(ROW_FIELDS.index(name) for name in names)), tuple(
        i for i, name in enumerate(names) if name in ("value", "low", "high"))


_DECIMALS: dict[str, str] = {}  # a row's encoded decimal → the report's (bounded: cleared when full)


def _remember(encoded: str) -> str:
    if len(_DECIMALS) >= 1 << 16:
        _DECIMALS.clear()
    report = encoded if _plain_integer(encoded) else _decimal_json(encoded)  # a whole number is as it is
    _DECIMALS[encoded] = report
    return report


def _plain_integer(encoded: str) -> bool:
    """Whether an encoded decimal string is a plain integer ("3000", "-5"), which decimal_text keeps."""
    digits = encoded[1:-1]
    if digits[:1] == "-":
        digits = digits[1:]
    return encoded[:1] == '"' and digits.isascii() and digits.isdigit()


def _decimal_json(encoded: str) -> str:
    """The encoded str of a Decimal (a row's form) as the encoded decimal_text of it (a report's form)."""
    value = json.loads(encoded)
    if value is None:
        return encoded
    if not isinstance(value, str):
        raise TypeError("a cached decimal that is not a string")
    return json.dumps(decimal_text(Decimal(value)), ensure_ascii=False)
