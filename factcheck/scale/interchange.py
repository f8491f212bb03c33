"""Claims as an interchange format: `factcheck claims --format jsonl` writes, `factcheck check --claims`
reads (schema factcheck-claims-jsonl/1, docs/schema/factcheck-claims-jsonl-1.json, docs/scaling.md).

One JSON object per line, each with a "type":
- header: the schema, the tool version and the environment digest (version, rules, code) it was made under;
- document: path, sha256, encoding, date, region, region_code, claim count and the full text (checks
  such as FC6 enumerations and every check's local evidence read the words around a figure);
- claim: every field of a claim, Decimals as exact strings, following its document;
- error: a file that could not be read, or a warning, after the documents of its batch.

Files from several shards may be concatenated or passed together; each shard's header is checked, and
claims made under another environment are still read, with a warning that findings may differ.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from factcheck.model import codec
from factcheck.model.claims import Claim, DocumentClaims, DocumentInfo, Extraction
from factcheck.text.documents import FileError


def records(extraction: Extraction, header: bool = True) -> Iterator[dict]:
    if header:
        from factcheck.scale.fingerprint import environment

        yield codec.header_record(environment())
    for doc in extraction.documents:
        yield codec.document_record(doc)
        for claim in doc.claims:
            yield codec.claim_record(claim)
    for error in extraction.errors:
        yield codec.error_record(error)


def write_jsonl(extraction: Extraction, out: IO[str], header: bool = True) -> None:
    for record in records(extraction, header):
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


def read_jsonl(files: Iterable[str]) -> Extraction:
    """The extraction the files describe, documents in the order they appear; lines that are not valid
    records become errors naming the file and line (the rest is still read)."""
    documents: list[tuple[DocumentInfo, list[Claim]]] = []
    errors: list[FileError] = []
    for name in files:
        try:
            handle = sys.stdin if name == "-" else open(name, encoding="utf-8")
        except OSError as exc:
            errors.append(FileError(name, f"无法读取 (cannot read): {exc.strerror or exc}"))
            continue
        try:
            _read_one(name, handle, documents, errors)
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(FileError(name, f"无法读取 (cannot read): {exc}"))
        finally:
            if handle is not sys.stdin:
                handle.close()
    docs = tuple(DocumentClaims(info, tuple(claims)) for info, claims in documents)
    return Extraction(docs, tuple(errors))


def _read_one(name: str, handle: IO[str], documents: list, errors: list[FileError]) -> None:
    from factcheck.scale.fingerprint import environment

    open_docs: dict[str, list[Claim]] = {}
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            kind = record["type"]
            if kind == "header":
                if record.get("schema") != codec.JSONL_SCHEMA:
                    raise ValueError(f"schema {record.get('schema')!r}, expected {codec.JSONL_SCHEMA}")
                if record.get("environment") != environment():
                    errors.append(FileError(name, "声明由其他版本或其他规则提取，检查结果可能不同 "
                                                  "(claims were extracted by another version, rules or code; "
                                                  "findings may differ)", "warning"))
            elif kind == "document":
                info = codec.document_from_record(record)
                claims: list[Claim] = []
                documents.append((info, claims))
                open_docs[info.path] = claims
            elif kind == "claim":
                claim = codec.claim_from_record(record)
                if claim.location.path not in open_docs:
                    raise ValueError(f"claim {claim.id} before any document record for {claim.location.path}")
                open_docs[claim.location.path].append(claim)
            elif kind == "error":
                errors.append(codec.error_from_record(record))
            else:
                raise ValueError(f"unknown record type {kind!r}")
        except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
            errors.append(FileError(name, f"第{number}行不是有效的声明记录 (line {number}: not a valid claims "
                                          f"record: {exc})"))
