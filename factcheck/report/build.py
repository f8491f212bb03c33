"""Run the checks over an extraction and assemble the report: findings, corroborated figures, summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from factcheck.checks.base import CheckContext
from factcheck.checks.declared_figures import ContradictsConfirmedFigure
from factcheck.checks.evidence.declarations import FACTS
from factcheck.checks.evidence.figures import agree, agreeing_clusters, corroborates, groups_of_same_figure
from factcheck.checks.selection import effective_settings, selected_checks
from factcheck.model.claims import Extraction
from factcheck.model.codec import LazyClaims
from factcheck.model.findings import SEVERITY_RANK, Finding
from factcheck.report.gcpolicy import settled
from factcheck.report.parallel import run_checks_split


@dataclass(frozen=True, slots=True)
class Report:
    extraction: Extraction
    findings: tuple[Finding, ...]
    corroborated: tuple[tuple[str, ...], ...]  # claim ids of figures stated alike in two or more sentences
    suppressed: int = 0   # findings silenced inline or by a .factcheckignore
    baselined: int = 0    # findings held back because the baseline records them
    hidden: int | None = None  # findings below --min-severity, not shown (--fail-on still counts them); None: no floor
    # the suppressions that silenced nothing (path, line, text), when --report-unused-suppressions asks; else None
    unused_suppressions: tuple | None = None
    # The ids of the claims that state a figure of the confirmed-figures registry and agree with it; None when
    # the run has no registry (then reports carry no "confirmed" flags at all).
    confirmed: frozenset[str] | None = None

    @property
    def corroborated_ids(self) -> frozenset[str]:
        return ids_of(self.corroborated)

    def confirmed_count(self) -> int | None:
        """How many claims agree with the run's registry (each copy of a document counted), None with no registry.
        Claims still in their cached rows are counted by their ids, not decoded."""
        if self.confirmed is None:
            return None
        count = 0
        for doc in self.extraction.documents:
            ids = doc.claims.ids() if isinstance(doc.claims, LazyClaims) else [c.id for c in doc.claims]
            count += sum(i in self.confirmed for i in ids)
        return count

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
                 evidence: dict[str, str] | None = None, jobs: int = 1) -> Report:
    """document_findings: the document-scope checks' findings per path, already made (in the extraction
    workers, or from the cache) under the same overrides; those checks are then not run again here.
    evidence: per path, the local evidence of the claims as worked out beside extraction
    (factcheck.scale.pipeline), taken instead of read again."""
    with settled():
        ctx = CheckContext(extraction.documents)
        if evidence:
            remember(ctx, evidence)
        groups: list[tuple[tuple[str, ...], ...]] = []

        def meanwhile() -> Iterator[None]:  # what needs no findings, worked out while a second process checks
            groups.append(corroborated(ctx))
            yield

        failures: list = []
        findings = run_checks(ctx, select, ignore, document_findings, overrides, jobs, meanwhile(), failures)
        if failures:
            extraction = Extraction(extraction.documents, (*extraction.errors, *failures))
        return Report(extraction, tuple(findings), groups[0] if groups else corroborated(ctx),
                      confirmed=confirmed_claims(ctx, effective_settings(overrides)))


def confirmed_claims(ctx: CheckContext, settings: Mapping) -> frozenset[str] | None:
    """The ids of the claims of ctx that agree with a figure of the run's registry; None with no registry."""
    own = settings.get(ContradictsConfirmedFigure.code, {})
    if not own.get(FACTS):
        return None
    return frozenset(ContradictsConfirmedFigure(own).confirmed(ctx))


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
               meanwhile: Iterator[object] | None = None, failures: list | None = None) -> list[Finding]:
    """document_findings, when given, must hold every document of ctx that the document-scope checks did
    not run on here. jobs > 1: a large run's checks in two processes (factcheck.report.parallel), this
    one advancing meanwhile while it waits for the other. failures: where a check's failure on a document
    is noted (factcheck.report.parallel.findings_of)."""
    findings: list[Finding] = []
    chosen = selected_checks(select, ignore, overrides)
    here = [c for c in chosen if document_findings is None or c.scope != "document"]
    found = run_checks_split(ctx, here, jobs, meanwhile, failures)
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
                agreeing = [agree(first.quantity, c.quantity) for c in rest]
                alike = [first] + [c for c, agrees in zip(rest, agreeing, strict=True) if agrees]
                # (what is not alike: a list search of alike for each made a figure stated a thousand times
                # a million comparisons; a claim equal to one in alike agrees as that one does, or is first)
                cluster = [c for c, agrees in zip(rest, agreeing, strict=True) if not agrees and c != first]
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
