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
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from factcheck.model import codec
from factcheck.model.claims import Claim, DocumentClaims, DocumentInfo, Extraction
from factcheck.scale import claim_records
from factcheck.scale.fingerprint import environment
from factcheck.text.documents import MAX_BYTES, FileError


def records(extraction: Extraction, header: bool = True) -> Iterator[dict]:
    if header:
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


# A line holds at most one document's text: the largest file factcheck reads, JSON-escaped, with room.
MAX_LINE = 4 * MAX_BYTES


def read_jsonl(files: Iterable[str]) -> Extraction:
    """The extraction the files describe, documents in the order they appear; lines that are not valid
    records become errors naming the file and line (the rest is still read). A device or folder is refused
    (a FIFO or standard input is read: claims are a stream); a line longer than MAX_LINE ends the file's
    reading with an error (it cannot be resynchronised without reading the rest of it)."""
    documents: list[tuple[DocumentInfo, list[Claim]]] = []
    errors: list[FileError] = []
    for name in files:
        try:
            handle = sys.stdin if name == "-" else _open_claims(name)
        except OSError as exc:
            errors.append(FileError(name, f"无法读取 (cannot read): {exc.strerror or exc}"))
            continue
        except ValueError as exc:
            errors.append(FileError(name, str(exc)))
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


def _open_claims(name: str) -> IO[str]:
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise ValueError("不是普通文件或管道，拒绝读取 (not a regular file or a pipe: refused)")
        if stat.S_ISFIFO(mode):  # a pipe is read as it comes: blocking again
            os.set_blocking(fd, True)
        return open(fd, encoding="utf-8", closefd=True)
    except BaseException:
        os.close(fd)
        raise


def _lines(handle: IO[str]):
    """(number, line) with each line read to at most MAX_LINE characters; a longer one raises."""
    number = 0
    while True:
        line = handle.readline(MAX_LINE + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE:
            raise _LineTooLong(number)
        yield number, line


class _LineTooLong(Exception):
    pass


def _read_one(name: str, handle: IO[str], documents: list, errors: list[FileError]) -> None:
    open_docs: dict[str, tuple[list[Claim], str, int]] = {}
    try:
        for number, line in _lines(handle):
            if not line.strip():
                continue
            try:
                _record(name, line, documents, open_docs, errors, environment)
            except (ValueError, KeyError, TypeError, ArithmeticError, RecursionError) as exc:
                why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:300]
                errors.append(FileError(name, f"第{number}行不是有效的声明记录 (line {number}: not a valid claims "
                                              f"record: {why})"))
    except _LineTooLong as long:
        errors.append(FileError(name, f"第{long.args[0]}行过长，其后不再读取 (line {long.args[0]} is longer than "
                                      f"{MAX_LINE} characters: the rest of the file is not read)"))


def _record(name, line, documents, open_docs, errors, environment) -> None:
    record = json.loads(line)
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    kind = record["type"]
    if kind == "header":
        if record.get("schema") != codec.JSONL_SCHEMA:
            raise ValueError(f"schema {record.get('schema')!r}, expected {codec.JSONL_SCHEMA}"[:200])
        if record.get("environment") != environment():
            errors.append(FileError(name, "声明由其他版本或其他规则提取，检查结果可能不同 (claims were extracted "
                                          "by another version, rules or code; findings may differ)", "warning"))
    elif kind == "document":
        claim_records.check_document(record)
        info = codec.document_from_record(record)
        claims: list[Claim] = []
        documents.append((info, claims))
        open_docs[info.path] = (claims, info.text, info.text.count("\n") + 1)
    elif kind == "claim":
        path = record["path"]
        if not isinstance(path, str) or path not in open_docs:
            raise ValueError(f"claim {record.get('id')!r} before any document record for {path!r}"[:200])
        claims, text, lines = open_docs[path]
        claim_records.check_claim(record, text, lines)
        claims.append(codec.claim_from_record(record))
    elif kind == "error":
        claim_records.check_error(record)
        errors.append(codec.error_from_record(record))
    else:
        raise ValueError(f"unknown record type {kind!r}"[:200])
