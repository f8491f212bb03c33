"""Run the checks over an extraction and assemble the report: findings, corroborated figures, summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from factcheck.checks.base import CheckContext
from factcheck.checks.evidence.figures import agree, agreeing_clusters, corroborates, groups_of_same_figure
from factcheck.checks.selection import selected_checks
from factcheck.model.claims import DocumentClaims, Extraction
from factcheck.model.findings import SEVERITY_RANK, Finding
from factcheck.report.gcpolicy import settled


@dataclass(frozen=True, slots=True)
class Report:
    extraction: Extraction
    findings: tuple[Finding, ...]
    corroborated: tuple[tuple[str, ...], ...]  # claim ids of figures stated alike in two or more sentences
    suppressed: int = 0   # findings silenced inline or by a .factcheckignore
    baselined: int = 0    # findings held back because the baseline records them
    # The first records of a claim list rendered ahead (build_report's ahead), while the checks' second
    # process was still working: what the formatter that rendered them writes first, not rendering them again.
    rendered_claims: tuple[str, ...] = field(default=(), compare=False, repr=False)
    # Per document, its claim records as the claims cache stores them (json_records.stored_records), or
    # None: a JSON formatter fills them in instead of rendering the claims.
    stored_claims: tuple[bytes | None, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def corroborated_ids(self) -> frozenset[str]:
        return ids_of(self.corroborated)

    def counts(self) -> dict[str, Counter]:
        return {"severity": Counter(f.severity for f in self.findings), "rule": Counter(f.rule for f in self.findings)}

    def fails(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        floor = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] >= floor for f in self.findings)


def ids_of(groups: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The claim ids of corroborated groups."""
    return frozenset(i for group in groups for i in group)


def build_report(extraction: Extraction, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
                 overrides: Mapping[str, Mapping] | None = None,
                 document_findings: dict[str, tuple[Finding, ...]] | None = None,
                 evidence: dict[str, str] | None = None, jobs: int = 1,
                 ahead: Callable[[Sequence[DocumentClaims], frozenset[str]], Iterator[str]] | None = None) -> Report:
    """document_findings: the document-scope checks' findings per path, already made (in the extraction
    workers, or from the cache) under the same overrides; those checks are then not run again here.
    evidence: per path, the local evidence of the claims as worked out beside extraction
    (factcheck.scale.pipeline), taken instead of read again. ahead: the formatter's claim records (documents,
    corroborated ids → record texts), rendered while this process would otherwise wait for the checks'
    second process (Report.rendered_claims)."""
    with settled():
        ctx = CheckContext(extraction.documents)
        if evidence:
            remember(ctx, evidence)
        waiting = _Ahead(ctx, ahead)
        findings = run_checks(ctx, select, ignore, document_findings, overrides, jobs, waiting.steps())
        return Report(extraction, tuple(findings), waiting.corroborated(), rendered_claims=tuple(waiting.texts))


class _Ahead:
    """The report's work that needs no findings (the corroborated figures, then the claim records), a step
    at a time."""

    _STEP = 2000  # records between two looks at whether the checks are done

    def __init__(self, ctx: CheckContext, render) -> None:
        self.ctx, self.render = ctx, render
        self.groups: tuple[tuple[str, ...], ...] | None = None
        self.texts: list[str] = []

    def steps(self) -> Iterator[None]:
        self.groups = corroborated(self.ctx)
        if self.render is None:
            return
        yield
        for n, text in enumerate(self.render(self.ctx.documents, ids_of(self.groups)), 1):
            self.texts.append(text)
            if n % self._STEP == 0:
                yield

    def corroborated(self) -> tuple[tuple[str, ...], ...]:
        if self.groups is None:
            self.groups = corroborated(self.ctx)
        return self.groups


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
               document_findings: dict[str, tuple[Finding, ...]] | None = None,
               overrides: Mapping[str, Mapping] | None = None, jobs: int = 1,
               meanwhile: Iterator[object] | None = None) -> list[Finding]:
    """document_findings, when given, must hold every document of ctx that the document-scope checks did
    not run on here. jobs > 1: a large run's checks in two processes (factcheck.report.parallel), this
    one advancing meanwhile while it waits for the other."""
    from factcheck.report.parallel import run_checks_split

    findings: list[Finding] = []
    chosen = selected_checks(select, ignore, overrides)
    here = [c for c in chosen if document_findings is None or c.scope != "document"]
    found = run_checks_split(ctx, here, jobs, meanwhile)
    for check in here:
        findings.extend(found[check.code])
    if document_findings is not None:
        codes = {c.code for c in chosen if c.scope == "document"}
        for doc in ctx.documents:
            findings.extend(f for f in document_findings.get(doc.document.path, ()) if f.rule in codes)
    # Ties after this sort are findings of one check in one document, which keep their order either way.
    findings.sort(key=lambda f: (f.place.location.path, f.place.location.line, f.place.location.column, f.rule))
    return _unique(findings)


def corroborated(ctx: CheckContext) -> tuple[tuple[str, ...], ...]:
    """Figures stated alike in two or more sentences: the same key, values that agree (not merely can both be
    true: 1000个以上 and 2000个以上 do not confirm each other), stated amounts (not 三大, 亿元以上)."""
    groups = []
    for group in groups_of_same_figure(c for c in ctx.claims if corroborates(c)):
        for cluster in agreeing_clusters(group):
            while len(cluster) > 1:
                first, *rest = cluster
                alike = [first] + [c for c in rest if agree(first.quantity, c.quantity)]
                cluster = [c for c in rest if c not in alike]
                if len({(c.location.path, c.sentence) for c in alike}) > 1:
                    groups.append(tuple(c.id for c in alike))
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
