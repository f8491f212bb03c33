"""What happens to one document at scale (in a worker, or in-process with --jobs 1): extract its claims, run
the document-scope checks on it alone (their findings are a function of the document: checks/base.py
Check.scope), and note what focus runs need to know without loading it (which claims are main targets,
whether it says its targets were met, its 与经济增长同步 relation targets)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from factcheck.checks.base import CheckContext
from factcheck.checks.evidence.target_matching import Tolerances
from factcheck.checks.selection import corpus_scope_checks, document_scope_checks
from factcheck.checks.target_claims import completion_claims
from factcheck.model import codec
from factcheck.model.claims import DocumentClaims, DocumentInfo
from factcheck.model.findings import Finding
from factcheck.text.documents import SourceText


@dataclass(frozen=True, slots=True)
class DocumentResult:
    doc: DocumentClaims
    findings: tuple[Finding, ...] | None  # of the document-scope checks; None when they were not run
    main: frozenset[int]                  # ordinals of claims that are targets inside a 主要预期目标 passage
    completion: bool                      # the text says its year's targets were met (FC404)
    relations: tuple[tuple[str | None, str | None], ...]  # (region code, metric) of relation targets
    evidence: str | None = None           # JSON: the corpus-scope checks' per-claim evidence (CheckContext.evidence_of)
    cached: bool = False                  # from the cache, whose evidence for it is read when wanted (with_evidence)


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    """A document whose reading, extraction or document-scope checks raised: reported as an error entry for
    that document, and the run goes on with the others."""
    message: str


def failure(exc: BaseException) -> DocumentFailure:
    return DocumentFailure(f"处理本文档时出现内部错误，已跳过 (internal error while analysing this document, "
                           f"skipped): {type(exc).__name__}: {str(exc)[:200]}")


def analyse(source: SourceText, claims: DocumentClaims | None = None, settings: dict | None = None,
            evidence: bool = True) -> DocumentResult:
    """Claims (extracted, or given from the cache), document-scope findings when settings are given, and
    the document's focus facts."""
    if claims is None:
        claims = extracted(source)
    findings = evidence_text = None
    if settings is not None:
        ctx = CheckContext((claims,))
        findings = tuple(f for check in document_scope_checks(settings) for f in check.run(ctx))
        # The corpus-scope checks on this document alone: what they find here is not the run's answer, but
        # the local evidence they read on the way is (it depends on this document only), and working it out
        # here, in parallel and once per content, spares the one process that checks the whole corpus.
        if evidence:  # (only for the cache: with none, the corpus pass reading it once costs less)
            for check in corpus_scope_checks(settings):
                for _ in check.run(ctx):
                    pass
            evidence_text = json.dumps(ctx.evidence_of(claims), ensure_ascii=False, separators=(",", ":"))
    main, completion, relations = focus_facts(claims)
    return DocumentResult(claims, findings, main, completion, relations, evidence_text)


def focus_facts(doc: DocumentClaims) -> tuple[frozenset[int], bool, tuple[tuple[str | None, str | None], ...]]:
    """What FC404 and the 目标完成情况 table read from a document beyond its claims' own keys."""
    # lazy: read only when a document is extracted, never by a cached run (docs/scaling.md)
    from factcheck.checks.evidence.target_table import main_passages, relation_rows

    passages = main_passages(doc.document.text)
    main = frozenset(i for i, c in enumerate(doc.claims)
                     if c.role == "target" and any(s <= c.location.start < e for s, e in passages))
    completion = next(iter(completion_claims(doc)), None) is not None
    relations: tuple = ()
    if passages:
        rows = relation_rows(CheckContext((doc,)), [], {doc.document.path: passages}, Tolerances())
        relations = tuple(dict.fromkeys((r.region_code, r.metric) for r in rows))
    return main, completion, relations


def document_claims(source: SourceText, date, region, region_code, claims) -> DocumentClaims:
    if not isinstance(claims, codec.LazyClaims):
        claims = tuple(claims)
    return DocumentClaims(DocumentInfo(source.path, source.sha256, source.encoding, date, region, region_code,
                                       source.text), claims)


def extracted(source: SourceText) -> DocumentClaims:
    # lazy: the extraction stage, which a cached run never needs (docs/scaling.md)
    from factcheck.extract.claims import extract_document

    return extract_document(source.path, source.text, source.sha256, source.encoding)
