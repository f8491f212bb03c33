"""Claim records as json.dumps(indent=2) writes them inside a report's "claims" list, byte for byte, made in
bulk: a 50 MB run's report holds a quarter of a million of them, and json encodes with indent in pure Python.

Each batch of records goes through the C encoder once, as lists of scalars joined by a separator that cannot
occur in its output otherwise (an encoded string escapes control characters); the scalars are split apart
again and set into a template that holds the keys and the indentation. Between two records the separator
follows "]" and precedes "[", which no scalar ends or begins with.

Claims still in their cached rows (codec.LazyClaims) are written from the rows, without making Claim
objects: a warm run over an unchanged corpus decodes none.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache, lru_cache
from operator import itemgetter

from factcheck.formatters.records import CLAIM_FIELDS, claim_values, decimal_text
from factcheck.model import DocumentClaims

_SEPARATOR = "\x01"
_BATCH = 2000


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
                level: int = 1, skip: int = 0) -> Iterator[str]:
    """The claim records of the documents in order (CLAIM_FIELDS, and "corroborated" when the set of
    corroborated claim ids is given), a batch of record texts at a time; skip: from the claim after the
    first skip ones (whose records were rendered already), without rendering those."""
    keys = CLAIM_FIELDS if corroborated is None else (*CLAIM_FIELDS, "corroborated")
    generic = template(keys, level)
    encoded_ids = None if corroborated is None else {json.dumps(i, ensure_ascii=False) for i in corroborated}
    batch: list[list] = []
    for doc in documents:
        claims = doc.claims
        if skip:
            if skip >= len(claims):
                skip -= len(claims)
                continue
            claims, skip = claims[skip:], 0
        from_rows = _from_rows(doc, keys, level, encoded_ids) if len(claims) == len(doc.claims) else None
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
            batch.append(values)
            if len(batch) >= _BATCH:
                yield from record_texts(batch, generic, len(keys))
                batch = []
    if batch:
        yield from record_texts(batch, generic, len(keys))


def _from_rows(doc: DocumentClaims, keys: tuple[str, ...], level: int, ids: set[str] | None) -> list[str] | None:
    """The document's records from its cached rows, or None when its claims are decoded already or a row
    will not read (then its claims are decoded, or extracted again, by the caller). ids: the corroborated
    claims' ids as JSON strings."""
    from factcheck.codec import LazyClaims

    if not isinstance(doc.claims, LazyClaims) or doc.claims.rows() is None:
        return None
    pick, decimals = _picking()
    own = template(keys, level, {"path": json.dumps(doc.claims.path, ensure_ascii=False)})
    out = []
    try:
        for scalars in _encoded([pick(row) for row in doc.claims.rows()], len(CLAIM_FIELDS) - 1):
            for i in decimals:
                if not _plain_integer(scalars[i]):  # a whole number is written as it is
                    scalars[i] = _decimal_json(scalars[i])
            if ids is not None:
                scalars.append("true" if scalars[0] in ids else "false")
            out.append(own.format(*scalars))
    except (ValueError, TypeError, ArithmeticError):
        return None
    return out


@cache
def _picking():
    """A row's fields in CLAIM_FIELDS order but the path (which rows do not hold), picked in one C call,
    and the positions of the decimals among them."""
    from factcheck.codec import ROW_FIELDS

    names = [name for name in CLAIM_FIELDS if name != "path"]
    return itemgetter(*(ROW_FIELDS.index(name) for name in names)), tuple(
        i for i, name in enumerate(names) if name in ("value", "low", "high"))


def _plain_integer(encoded: str) -> bool:
    """Whether an encoded decimal string is a plain integer ("3000", "-5"), which decimal_text keeps."""
    digits = encoded[1:-1]
    if digits[:1] == "-":
        digits = digits[1:]
    return encoded[:1] == '"' and digits.isascii() and digits.isdigit()


@lru_cache(maxsize=1 << 16)
def _decimal_json(encoded: str) -> str:
    """The encoded str of a Decimal (a row's form) as the encoded decimal_text of it (a report's form)."""
    value = json.loads(encoded)
    if value is None:
        return encoded
    if not isinstance(value, str):
        raise TypeError("a cached decimal that is not a string")
    return json.dumps(decimal_text(Decimal(value)), ensure_ascii=False)
