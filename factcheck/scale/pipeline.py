"""Extraction at scale: files in, one DocumentResult per file out, in input order — from the cache when the
content was seen before, else extracted, in worker processes when jobs > 1.

What a worker does for one document (analyse): extract its claims, run the document-scope checks on it
alone (their findings are a function of the document: checks/base.py Check.scope), and note what focus runs
need to know without loading it (which claims are main targets, whether it says its targets were met, its
与经济增长同步 relation targets). Workers send JSON text back, not pickled objects: the same rows the cache
stores, and cheaper to move between processes than a graph of small dataclasses (factcheck.scale.jobs).
--jobs 1 runs analyse in-process; the codec is lossless, so both give equal results (tests/test_scale.py).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass

from factcheck.checks import CHECKS
from factcheck.formatters.json_records import claim_block
from factcheck.model import codec
from factcheck.model.claims import Extraction
from factcheck.model.findings import Finding
from factcheck.report.gcpolicy import fewer_collections
from factcheck.scale.analysis import DocumentFailure, DocumentResult, analyse, document_claims, extracted, failure
from factcheck.scale.cache.schema import records_packed
from factcheck.scale.cache.store import ClaimCache, Entry
from factcheck.text.documents import FileError, SourceText, read_document


@dataclass(frozen=True, slots=True)
class Extracted:
    results: tuple[DocumentResult, ...]
    errors: tuple[FileError, ...]

    @property
    def extraction(self) -> Extraction:
        return Extraction(tuple(r.doc for r in self.results), self.errors)

    def document_findings(self) -> dict[str, tuple[Finding, ...]] | None:
        if any(r.findings is None for r in self.results):
            return None
        return {r.doc.document.path: r.findings for r in self.results if r.findings is not None}

    def evidence(self, cache: ClaimCache | None = None) -> dict[str, str]:
        """Per path, the evidence worked out beside extraction, and with a cache, what it holds for the
        documents that came from it."""
        found = {r.doc.document.path: r.evidence for r in self.results if r.evidence}
        from_cache = [r for r in self.results if r.cached]
        if cache is not None and from_cache:
            stored = cache.evidence(r.doc.document.sha256 for r in from_cache)
            found.update((r.doc.document.path, stored[r.doc.document.sha256]) for r in from_cache
                         if r.doc.document.sha256 in stored)
        return found


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def settings_key(settings: dict) -> str:
    """Digest of the settings the document-scope checks run under (a config may override checks.toml)."""
    used = {c.code: settings.get(c.code, {}) for c in CHECKS if c.scope == "document"}
    return hashlib.sha256(json.dumps(used, sort_keys=True, default=str).encode()).hexdigest()[:24]


# -- many documents -------------------------------------------------------------------------------------

def extract(files: list[str], errors: list[FileError] | None = None, *, jobs: int = 1,
            cache_dir: str | os.PathLike | None = None, settings: dict | None = None,
            progress: Callable[[str], None] | None = None, cache: ClaimCache | None = None,
            given: tuple[SourceText, ...] = (), dask: str | None = None) -> Extracted:
    """Read, then load or extract, every file; settings given = also run the document-scope checks.
    given: texts that are not read from disk (an editor's buffer on standard input), analysed here, never
    cached, and placed first. dask: a scheduler's address, or local[:N], to extract on a Dask cluster
    (factcheck.scale.cluster) what the cache does not hold. Errors keep the order a one-by-one run gives them:
    discovery, then per file, then the cache's."""

    with fewer_collections():
        extracted = _extract(files, errors, jobs, cache_dir, settings, progress, cache, dask)
    if not given:
        return extracted
    first, problems = [], []
    for source in given:
        try:
            first.append(analyse(source, None, settings, evidence=False))
        except Exception as exc:
            problems.append(FileError(source.path, failure(exc).message))
    return Extracted(tuple(first) + extracted.results, (*problems, *extracted.errors))


def _extract(files, errors, jobs, cache_dir, settings, progress, cache, dask=None) -> Extracted:
    own_cache = cache is None and cache_dir is not None
    if own_cache:
        cache = ClaimCache(cache_dir)
    want_key = settings_key(settings) if settings is not None else None
    sources: list[SourceText | FileError] = [read_document(p) for p in files]
    cached = cache.documents(s.sha256 for s in sources if isinstance(s, SourceText)) if cache else {}
    # Claims whose document-scope findings are stored load their rows when first asked for (a warm run may
    # never need them); the others' rows are read now, for those checks to run on them again.
    stale = {sha: hit for sha, hit in cached.items() if not _findings_current(hit, want_key)}
    cached_rows = cache.claim_rows(stale) if stale else {}
    reader = cache.rows_reader() if cached else None
    results: dict[int, DocumentResult] = {}
    todo: list[tuple[int, SourceText, object | None]] = []
    for index, source in enumerate(sources):
        if not isinstance(source, SourceText):
            if progress:
                progress(files[index])
            continue
        hit = cached.get(source.sha256)
        rows = cached_rows.get(source.sha256) if hit else None
        result = None
        if hit is not None and source.sha256 not in stale:
            try:
                result = _from_cache(source, hit, reader, want_key)
            except (ValueError, TypeError, KeyError, IndexError, ArithmeticError):
                hit = None  # findings that do not decode: extract afresh, and overwrite the entry below
        if result is not None:
            results[index] = result
            if progress:
                progress(files[index])
        else:
            todo.append((index, source, (hit, rows) if rows is not None else None))
    entries: list[Entry] = []
    # Evidence only when it is cached: worked out in the workers and sent over as JSON, it cost a --jobs 2
    # run more than the corpus pass working it out itself (docs/scaling.md).
    cluster_warnings: list[FileError] = []
    if dask is not None and todo:
        from factcheck.scale.cluster import (
            run_documents as on_cluster,  # dask: docs/scaling.md, imports kept inside functions
        )

        analysed = on_cluster(todo, dask, settings, cache is not None, cluster_warnings)
    else:
        from factcheck.scale.jobs import (
            run_documents,  # not on a cached run: docs/scaling.md, imports kept inside functions
        )

        analysed = run_documents(todo, jobs, settings, evidence=cache is not None)
    for index, source, result, rows, reused in analysed:
        if progress:
            progress(files[index])
        if isinstance(result, FileError):  # failed on a cluster worker: reported as an unreadable file is
            sources[index] = result
            continue
        results[index] = result
        if isinstance(result, DocumentFailure):
            continue
        if cache is None:
            continue
        if reused:  # the claims came from the cache; only the document-scope findings are new
            cache.store_findings(source.sha256, codec.findings_blob(list(result.findings or ())), want_key,
                                 result.evidence)
        else:
            entries.append(_entry(result, rows, want_key))
    problems = list(errors or [])
    final: list[DocumentResult] = []
    for index, source in enumerate(sources):
        if isinstance(source, FileError):
            problems.append(source)
            continue
        outcome = results[index]
        if isinstance(outcome, DocumentFailure):
            problems.append(FileError(source.path, outcome.message))
            continue
        final.append(outcome)
        if not source.text.strip():
            problems.append(FileError(source.path, "空文件，没有可检查的内容 (empty file)", "warning"))
    problems.extend(dict.fromkeys(cluster_warnings))  # one per worker environment, not one per shard
    if cache is not None:
        cache.store(entries)
        # the sha of each path as of its stat: a later focus run needs no read to know these files
        cache.remember_files({s.path: s.sha256 for s in sources if isinstance(s, SourceText)})
        if own_cache:  # a cache passed in is the caller's: it reports the warnings once, at the end
            problems.extend(cache.warnings)
            cache.close()
    return Extracted(tuple(final), tuple(problems))


def _findings_current(hit, want_key: str | None) -> bool:
    """Whether the stored document-scope findings are the ones wanted (none are, with no settings)."""
    return want_key is None or (hit.findings is not None and hit.findings_key == want_key)


def _from_cache(source: SourceText, hit, reader, want_key: str | None) -> DocumentResult:
    """The cached result of a document whose findings are current; its claims' rows are read by reader
    (cache.rows_reader()) when first needed."""
    claims = codec.LazyClaims(lambda: reader.rows(hit.sha, hit.claims), hit.claims, source.path,
                              lambda: extracted(source).claims, lambda: reader.block(hit.sha))
    doc = document_claims(source, hit.date, hit.region, hit.region_code, claims)
    findings = None if want_key is None else tuple(codec.findings_from_blob(hit.findings, source.path))
    return DocumentResult(doc, findings, frozenset(hit.main), hit.completion, hit.relations, None, cached=True)


def _entry(result: DocumentResult, rows: list[str] | None, findings_key: str | None) -> Entry:
    doc = result.doc
    if rows is None:
        rows = [codec.claim_row_text(c) for c in doc.claims]
    table = tuple((i, c.sentence, c.location.start, c.metric, c.region_code, c.period, int(i in result.main), row)
                  for i, (c, row) in enumerate(zip(doc.claims, rows, strict=False)))
    info = doc.document
    findings = None if result.findings is None else codec.findings_blob(list(result.findings))
    return Entry(info.sha256, info.encoding, info.date, info.region, info.region_code, table, result.completion,
                 result.relations, findings, findings_key if findings is not None else None, result.evidence,
                 records_packed(claim_block(doc.claims, info.sha256)))


def ensure_cached(files: list[str], cache: ClaimCache, *, jobs: int = 1,
                  progress: Callable[[str], None] | None = None) -> tuple[dict[str, str], list[FileError]]:
    """path → sha for every readable file, with each one's claims in the cache afterwards; files whose stat
    matches what the cache recorded are not even read. Claims are not loaded: a focus run selects the few
    it needs (factcheck.scale.focus). Returns the files that could not be read as errors, in file order."""
    known = cache.known_shas(files)
    unknown = [p for p in files if p not in known]
    sources = {p: read_document(p) for p in unknown}
    shas = {p: known.get(p) or getattr(sources[p], "sha256", None) for p in files}
    present = cache.present(s for s in shas.values() if s) if files else set()
    todo: list[tuple[int, SourceText, None]] = []
    seen = set()
    for path in files:
        sha = shas[path]
        if sha is not None and sha not in present and sha not in seen:
            seen.add(sha)
            source = sources.get(path) or read_document(path)
            if isinstance(source, SourceText) and source.sha256 == sha:
                todo.append((len(todo), source, None))
    from factcheck.scale.jobs import (
        run_documents,  # not on a cached run: docs/scaling.md, imports kept inside functions
    )

    failed: dict[str, str] = {}
    entries = []
    for _, source, result, rows, _ in run_documents(todo, jobs, None):
        if isinstance(result, DocumentFailure):
            failed[source.sha256] = result.message
        else:
            entries.append(_entry(result, rows, None))
    cache.store(entries)
    cache.remember_files({p: s for p, s in shas.items() if s and p in sources})
    errors: list[FileError] = []
    for path in files:
        if progress:
            progress(path)
        sha = shas[path]
        if sha is None:
            unread = sources[path]
            assert isinstance(unread, FileError)  # no sha: not cached, and read_document gave no SourceText
            errors.append(unread)
        elif sha in failed:
            errors.append(FileError(path, failed[sha]))
    return {p: s for p, s in shas.items() if s and s not in failed}, errors
