"""Run the checks over an extraction and assemble the report: findings, corroborated figures, summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from factcheck.checks import CHECKS
from factcheck.checks.base import CheckContext
from factcheck.checks.figures import agreeing_clusters, groups_of_same_figure
from factcheck.findings import SEVERITY_RANK, Finding
from factcheck.model import Extraction
from factcheck.rulesdata import load_toml


@dataclass(frozen=True, slots=True)
class Report:
    extraction: Extraction
    findings: tuple[Finding, ...]
    corroborated: tuple[tuple[str, ...], ...]  # claim ids of figures stated alike in two or more sentences

    @property
    def corroborated_ids(self) -> frozenset[str]:
        return frozenset(i for group in self.corroborated for i in group)

    def counts(self) -> dict[str, Counter]:
        return {"severity": Counter(f.severity for f in self.findings), "rule": Counter(f.rule for f in self.findings)}

    def fails(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        floor = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] >= floor for f in self.findings)


@cache
def check_settings() -> dict:
    return load_toml("checks.toml")


def selected_checks(select: Iterable[str] | None = None, ignore: Iterable[str] = ()):
    """Check instances whose code or name matches select (prefixes allowed, FC1 = all of FC1xx) and not ignore."""
    settings = check_settings()

    def matches(check, patterns) -> bool:
        return any(check.code.startswith(p) or check.name == p for p in patterns)

    chosen = [c for c in CHECKS if (select is None or matches(c, list(select))) and not matches(c, list(ignore))]
    return [c(settings.get(c.code, {})) for c in chosen]


def document_scope_checks(settings: dict | None = None):
    """Every check whose findings depend on one document alone (Check.scope), with its settings."""
    settings = check_settings() if settings is None else settings
    return [c(settings.get(c.code, {})) for c in CHECKS if c.scope == "document"]


def corpus_scope_checks(settings: dict | None = None):
    settings = check_settings() if settings is None else settings
    return [c(settings.get(c.code, {})) for c in CHECKS if c.scope != "document"]


def build_report(extraction: Extraction, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
                 document_findings: dict[str, tuple[Finding, ...]] | None = None,
                 evidence: dict[str, str] | None = None) -> Report:
    """document_findings: the document-scope checks' findings per path, already made (in the extraction
    workers, or from the cache); those checks are then not run again here. evidence: per path, the local
    evidence of the claims as worked out beside extraction (factcheck.pipeline), taken instead of read again."""
    ctx = CheckContext(extraction.documents)
    if evidence:
        remember(ctx, evidence)
    return Report(extraction, tuple(run_checks(ctx, select, ignore, document_findings)), corroborated(ctx))


def remember(ctx: CheckContext, evidence: dict[str, str], ordinals: dict[str, list[int]] | None = None) -> None:
    import json

    for doc in ctx.documents:
        found = evidence.get(doc.document.path)
        if found:
            try:
                ctx.remember_evidence(doc, json.loads(found), (ordinals or {}).get(doc.document.path))
            except (ValueError, TypeError):
                pass  # not remembered: worked out again when asked


def run_checks(ctx: CheckContext, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
               document_findings: dict[str, tuple[Finding, ...]] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    chosen = selected_checks(select, ignore)
    for check in chosen:
        if document_findings is None or check.scope != "document":
            findings.extend(check.run(ctx))
    if document_findings is not None:
        codes = {c.code for c in chosen if c.scope == "document"}
        for doc in ctx.documents:
            findings.extend(f for f in document_findings.get(doc.document.path, ()) if f.rule in codes)
    # Ties after this sort are findings of one check in one document, which keep their order either way.
    findings.sort(key=lambda f: (f.place.location.path, f.place.location.line, f.place.location.column, f.rule))
    return _unique(findings)


def corroborated(ctx: CheckContext) -> tuple[tuple[str, ...], ...]:
    groups = []
    for group in groups_of_same_figure(ctx.claims):
        clusters = agreeing_clusters(group)
        for cluster in clusters:
            places = {(c.location.path, c.sentence) for c in cluster}
            if len(places) > 1:
                groups.append(tuple(c.id for c in cluster))
    return tuple(groups)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule, f.place.location.path, f.place.location.start, f.claims)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
