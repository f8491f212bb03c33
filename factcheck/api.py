"""The library entry points the CLI calls. Pure: paths in, values out; nothing is printed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from factcheck.claims import extract_document
from factcheck.documents import FileError, SourceText, discover, read_document
from factcheck.gcpolicy import fewer_collections
from factcheck.model import DocumentClaims, Extraction


def extract_paths(paths: Iterable[str], progress: Callable[[str], None] | None = None) -> Extraction:
    files, errors = discover(list(paths))
    return extract_files(files, errors, progress)


def extract_files(files: list[str], errors: list[FileError] | None = None,
                  progress: Callable[[str], None] | None = None) -> Extraction:
    documents: list[DocumentClaims] = []
    problems = list(errors or [])
    with fewer_collections():
        for path in files:
            source = read_document(path)
            if progress:
                progress(path)
            if isinstance(source, FileError):
                problems.append(source)
                continue
            documents.append(extract_source(source))
            if not source.text.strip():
                problems.append(FileError(path, "空文件，没有可检查的内容 (empty file)", "warning"))
    return Extraction(tuple(documents), tuple(problems))


def extract_source(source: SourceText) -> DocumentClaims:
    return extract_document(source.path, source.text, source.sha256, source.encoding)


def extract_text(text: str, path: str = "<text>") -> DocumentClaims:
    """Claims of an in-memory text (tests, editor integrations)."""
    import hashlib

    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract_document(path, text, sha, "utf-8")


def target_table(extraction: Extraction):
    """The 目标完成情况 table of a run: every target, its outcome and verdict (factcheck.target_table)."""
    from factcheck.target_table import build_target_table

    return build_target_table(extraction)
