"""The library entry points the CLI calls. Pure: paths in, values out; nothing is printed.

Scale knobs, on every entry point that reads files: jobs (worker processes for extraction; 1 = in this
process), dask on the check entry points (a Dask scheduler's address, or local[:N]: extraction on that
cluster, factcheck.scale.cluster) and cache_dir (the claims cache, factcheck.scale.cache.store; None = no
cache). The CLI's defaults are the number of cores and .factcheck_cache/ in the current directory; the
library's are 1 and no cache, so a library call has no side effects unless asked.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence

from factcheck.checks.selection import effective_settings
from factcheck.model.claims import DocumentClaims, Extraction
from factcheck.model.codec import header_record
from factcheck.report import results as run_results
from factcheck.report.build import Report, build_report
from factcheck.report.gcpolicy import settled
from factcheck.scale.cache.store import ClaimCache
from factcheck.scale.fingerprint import environment, run_key
from factcheck.scale.pipeline import extract
from factcheck.text.documents import FileError, SourceText, discover

Progress = Callable[[str], None] | None


def extract_paths(paths: Iterable[str], progress: Progress = None, *, jobs: int = 1,
                  cache_dir: str | os.PathLike | None = None) -> Extraction:
    files, errors = discover(list(paths))
    return extract_files(files, errors, progress, jobs=jobs, cache_dir=cache_dir)


def extract_files(files: list[str], errors: list[FileError] | None = None, progress: Progress = None, *,
                  jobs: int = 1, cache_dir: str | os.PathLike | None = None) -> Extraction:
    return extract(files, errors, jobs=jobs, cache_dir=cache_dir, progress=progress).extraction


def check_paths(paths: Iterable[str], select: Iterable[str] | None = None, ignore: Iterable[str] = (), *,
                references: Iterable[str] = (), overrides: Mapping[str, Mapping] | None = None, jobs: int = 1,
                cache_dir: str | os.PathLike | None = None, progress: Progress = None, dask: str | None = None):
    """The main job: extract (document-scope checks run beside extraction) and check, as a Report.

    With references, a focus run: paths are the focus documents, references are read too (from the cache
    when possible, and only the claims that can meet a focus claim in a check), and only findings whose
    place or related places lie in a focus document are reported (factcheck.scale.focus)."""
    files, errors = discover(list(paths))
    references = list(references)
    ref_files, ref_errors = discover(references) if references else ([], [])
    return check_files(files, errors + ref_errors, ref_files, select, ignore, overrides=overrides, jobs=jobs,
                       cache_dir=cache_dir, progress=progress, focus_run=bool(references), dask=dask)


def check_files(files: list[str], errors: list[FileError], reference_files: Sequence[str] = (),
                select: Iterable[str] | None = None, ignore: Iterable[str] = (), *,
                overrides: Mapping[str, Mapping] | None = None, jobs: int = 1,
                cache_dir: str | os.PathLike | None = None, progress: Progress = None,
                given: tuple[SourceText, ...] = (), focus_run: bool = False, dask: str | None = None):
    """check_paths on discovered files; given: texts not read from disk (standard input), checked as focus
    documents. A focus run (reference files given, or asked for) reports only the findings touching files
    and given (a focus run extracts in this process: dask applies to full runs)."""
    settings = effective_settings(overrides)
    if focus_run or reference_files:
        from factcheck.scale.focus import focus_report  # lazy: a full run never needs it (docs/scaling.md)

        return focus_report(files, errors, list(reference_files), select, ignore, overrides=overrides,
                            settings=settings, jobs=jobs, cache_dir=cache_dir, progress=progress, given=given)
    if cache_dir is None or given:  # (a buffer from standard input is no file to cache a run of)
        extracted = extract(files, errors, jobs=jobs, settings=settings, progress=progress, given=given, dask=dask)
        return build_report(extracted.extraction, select, ignore, overrides, extracted.document_findings(),
                            extracted.evidence(), jobs)
    from dataclasses import replace

    cache = ClaimCache(cache_dir)
    try:
        extracted = extract(files, errors, jobs=jobs, cache=cache, settings=settings, progress=progress, dask=dask)
        report = _report_through_cache(cache, extracted, settings, select, ignore, overrides, jobs)
    finally:
        cache.close()
    if cache.warnings:
        report = replace(report, extraction=replace(report.extraction,
                                                    errors=(*report.extraction.errors, *cache.warnings)))
    return report


def _report_through_cache(cache, extracted, settings, select, ignore, overrides, jobs):
    """The stored findings of a run over exactly these documents under these settings, else the checks'
    (then stored): factcheck.scale.fingerprint.run_key."""
    extraction = extracted.extraction
    key = run_key(extraction, settings, select, ignore)
    stored = cache.run_result(key)
    texts = {d.document.path: d.document.text for d in extraction.documents}
    with settled():  # ten thousand findings made beside a quarter of a million claims
        known = run_results.decode(stored, texts) if stored is not None else None
    if known is not None:
        findings, groups, confirmed = known
        return Report(extraction, findings, groups, confirmed=confirmed)
    report = build_report(extraction, select, ignore, overrides, extracted.document_findings(),
                          extracted.evidence(cache), jobs)
    cache.store_run(key, run_results.encode(report.findings, report.corroborated, texts, report.confirmed))
    return report


def stream_claims(paths: Iterable[str], out, *, jobs: int = 1, cache_dir: str | os.PathLike | None = None,
                  progress: Progress = None, batch: int = 256) -> tuple[FileError, ...]:
    """Write `claims --format jsonl` to out as documents are extracted, a batch of files at a time, so an
    archive shard never has to fit in memory; returns the errors (also written, as the last records)."""
    files, errors = discover(list(paths))
    return stream_files(files, errors, out, jobs=jobs, cache_dir=cache_dir, progress=progress, batch=batch)


def stream_files(files: list[str], errors: list[FileError], out, *, jobs: int = 1,
                 cache_dir: str | os.PathLike | None = None, progress: Progress = None,
                 batch: int = 256) -> tuple[FileError, ...]:
    """stream_claims on discovered files."""
    from factcheck.scale.interchange import write_jsonl  # lazy: only the JSONL commands (docs/scaling.md)

    problems = list(errors)
    cache = ClaimCache(cache_dir) if cache_dir is not None else None
    out.write(json.dumps(header_record(environment()), ensure_ascii=False, separators=(",", ":")) + "\n")
    try:
        for start in range(0, len(files), batch):
            extraction = extract(files[start:start + batch], jobs=jobs, cache=cache, progress=progress).extraction
            write_jsonl(Extraction(extraction.documents, ()), out, header=False)
            problems.extend(extraction.errors)
    finally:
        if cache is not None:
            problems.extend(cache.warnings)
            cache.close()
    write_jsonl(Extraction((), tuple(problems)), out, header=False)
    return tuple(problems)


def read_claims(files: Iterable[str]) -> Extraction:
    """An extraction read back from `factcheck claims --format jsonl` output ('-' is standard input)."""
    from factcheck.scale.interchange import read_jsonl  # lazy: only the JSONL commands (docs/scaling.md)

    return read_jsonl(list(files))


def check_claims(files: Iterable[str], select: Iterable[str] | None = None, ignore: Iterable[str] = (), *,
                 paths: Iterable[str] = (), overrides: Mapping[str, Mapping] | None = None, jobs: int = 1,
                 cache_dir: str | os.PathLike | None = None):
    """The checks over claims read back from JSONL: the same findings as a direct run on the documents.
    paths: documents to extract and check together with them."""
    extraction = read_claims(files)
    paths = list(paths)
    if paths:
        direct = extract_paths(paths, jobs=jobs, cache_dir=cache_dir)
        extraction = Extraction(extraction.documents + direct.documents, extraction.errors + direct.errors)
    return build_report(extraction, select, ignore, overrides)


def extract_source(source: SourceText) -> DocumentClaims:
    # lazy: the extraction stage, which a cached run never needs (docs/scaling.md)
    from factcheck.extract.claims import extract_document

    return extract_document(source.path, source.text, source.sha256, source.encoding)


def extract_text(text: str, path: str = "<text>") -> DocumentClaims:
    """Claims of an in-memory text (tests, editor integrations)."""
    import hashlib

    # lazy: the extraction stage, which a cached run never needs (docs/scaling.md)
    from factcheck.extract.claims import extract_document

    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract_document(path, text, sha, "utf-8")


def target_table(extraction: Extraction):
    """The 目标完成情况 table of a run: every target, its outcome and verdict
    (factcheck.checks.evidence.target_table)."""
    from factcheck.checks.evidence.target_table import build_target_table  # lazy: `targets` only (docs/scaling.md)

    return build_target_table(extraction)
