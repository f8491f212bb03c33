"""Focus runs: check a few edited files against a large cached reference corpus, reporting only the findings
that touch the focus files, without loading the corpus.

A focus run must report exactly what a full run over focus + references reports at the focus files, so
what it loads is derived from what the checks compare. Document-scope checks (Check.scope) see one
document: they run on the focus documents only. The corpus-scope checks compare claims across documents,
and every one of them pairs claims only within a key that includes the metric:

- FC101/FC102 and the corroborated figures: figure_key — region code, metric, role, kind, period, unit;
- FC401/FC402/FC403 and the 目标完成情况 table: series_key — region code, metric, kind, unit, dimension;
- FC501: metric, period, unit, dimension, aspect, between a region and the regions within or around it;
- FC404: a document's statement that its year's targets were met, against every main target of the
  document's region (and its 与经济增长同步 relation targets), each judged within its series key.

So a reference claim can meet a focus claim only if it shares (region code, metric) with one, or shares
the metric and its region lies within or around a focus claim's region (FC501), or it belongs to the FC404
closure of a region a focus document or claim names: the main targets of that region, their series, its
relation targets and the documents of that region that state their targets were met. Everything else in
the corpus is irrelevant to the focus findings and is never read.

A selected claim is judged by its local evidence, which reads its document's text and its neighbours in
the document's claims (the previous figure of its sentence, figures between it and its metric, the dated
figure a few sentences up). Each reference document is therefore loaded with its full text (read from disk,
its sha256 verified) and, as claims, the selected ones plus every claim of the sentences around them
(_CONTEXT_SENTENCES back) and its main targets (the 主要预期目标 passage is read whole). A loaded claim that
shares no key with the focus can still produce findings; they do not touch a focus file and are dropped.

tests/test_focus.py proves the equivalence against a full run followed by filtering.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable

from factcheck.cache import ClaimCache
from factcheck.documents import FileError, discover, read_document
from factcheck.model import Claim, DocumentClaims, DocumentInfo, Extraction

_CONTEXT_SENTENCES = 4  # inferred_year looks 3 sentences up; one more for sentences split at line breaks
_BROAD = 400            # a focus region with more related regions than this selects by metric alone


def focus_report(files: list[str], errors: list[FileError], references: Iterable[str],
                 select=None, ignore=(), *, jobs: int = 1, cache_dir=None, progress=None):
    from factcheck.checks.base import CheckContext
    from factcheck.pipeline import ensure_cached, extract
    from factcheck.report import Report, check_settings, corroborated, run_checks

    temporary = None
    if cache_dir is None:  # no cache wanted: the references still need an index for one run
        temporary = tempfile.TemporaryDirectory(prefix="factcheck-focus-")
        cache_dir = temporary.name
    cache = ClaimCache(cache_dir)
    try:
        focus = extract(files, errors, jobs=jobs, cache=cache, settings=check_settings(), progress=progress)
        focus_docs = [r.doc for r in focus.results]
        own = {os.path.realpath(d.document.path): d for d in focus_docs}
        all_refs, ref_errors = discover(list(references))
        ref_files = [p for p in all_refs if os.path.realpath(p) not in own]  # the focus file's current text wins
        for attempt in range(3):
            shas, unreadable = ensure_cached(ref_files, cache, jobs=jobs)
            try:
                references_loaded = _load_references(cache, focus.results, ref_files, shas)
                break
            except StaleReference as stale:  # changed since its stat was recorded: hash it again
                cache.forget_files([stale.args[0]])
        else:
            raise RuntimeError("reference files keep changing during the run")
        problems = list(focus.errors) + ref_errors + unreadable
        problems.extend(w for w in cache.warnings if w not in problems)
    finally:
        cache.close()
        if temporary is not None:
            temporary.cleanup()
    ctx = CheckContext(_reading_order(focus_docs, own, all_refs, references_loaded))
    findings = [f for f in run_checks(ctx, select, ignore, focus.document_findings() or {})
                if touches(f, {d.document.path for d in focus_docs})]
    focus_ids = {c.id for d in focus_docs for c in d.claims}
    groups = tuple(g for g in corroborated(ctx) if focus_ids.intersection(g))
    return Report(Extraction(tuple(focus_docs), tuple(problems)), tuple(findings), groups)


def _reading_order(focus_docs, own: dict, all_refs: list[str], loaded: list[DocumentClaims]) -> tuple:
    """Documents in the order a full run would read them: a focus file that is also among the references
    takes its place there (`factcheck --reference DIR DIR/a.txt` reads like `factcheck DIR`), the others
    come first (like `factcheck a.txt DIR`). Order matters where a check cites the first of equals."""
    loaded_by_path = {d.document.path: d for d in loaded}
    placed, ordered = set(), []
    for path in all_refs:
        doc = own.get(os.path.realpath(path))
        if doc is not None:
            if id(doc) not in placed:
                placed.add(id(doc))
                ordered.append(doc)
        elif path in loaded_by_path:
            ordered.append(loaded_by_path[path])
    leading = [d for d in focus_docs if id(d) not in placed]
    return tuple(leading + ordered)


def touches(finding, paths: set[str]) -> bool:
    return finding.place.location.path in paths or any(p.location.path in paths for p in finding.related)


def _load_references(cache: ClaimCache, focus_results, ref_files: list[str], shas: dict[str, str]) -> list[DocumentClaims]:
    from factcheck import codec
    from factcheck.gazetteer import load_gazetteer

    ref_shas = sorted({shas[p] for p in ref_files if p in shas})
    if not ref_shas:
        return []
    gazetteer = load_gazetteer()
    pairs: set[tuple[str, str]] = set()        # (metric, region code) a reference claim must match
    metrics_only: set[str] = set()             # metrics a reference claim of any region matches (FC501, broad)
    regions: set[str] = set()                  # regions whose FC404 closure is needed
    by_region: dict[str, set[str]] = defaultdict(set)
    for result in focus_results:
        doc = result.doc
        if doc.document.region_code:
            regions.add(doc.document.region_code)
        regions.update(r for r, _ in result.relations if r)
        pairs.update((m, r) for r, m in result.relations if r and m)
        for claim in doc.claims:
            if claim.region_code and claim.metric:
                pairs.add((claim.metric, claim.region_code))
                by_region[claim.region_code].add(claim.metric)
                regions.add(claim.region_code)
    for code, metrics in by_region.items():
        region = gazetteer.get(code)
        related = related_regions(gazetteer, region) if region else {code}
        if len(related) > _BROAD:
            metrics_only.update(metrics)
        else:
            pairs.update((m, r) for m in metrics for r in related)
    docs_meta = {row[0]: row for row in cache.query_with(
        "refs", "sha TEXT", [(s,) for s in ref_shas],
        "SELECT d.sha, d.encoding, d.date, d.region, d.region_code, d.completion, d.relations "
        "FROM refs JOIN documents d ON d.sha = refs.sha")}
    # FC404 closure: main targets of the regions, relation targets, documents that say targets were met
    region_rows = [(r,) for r in sorted(regions)]
    for metric, region in cache.query_with(
            "want_regions", "region_code TEXT", region_rows,
            "SELECT DISTINCT c.metric, c.region_code FROM want_regions w JOIN claims c "
            "ON c.region_code = w.region_code AND c.main = 1 WHERE c.metric IS NOT NULL "
            "AND c.sha IN (SELECT sha FROM refs)"):
        pairs.add((metric, region))
    whole_docs: set[str] = set()
    for sha, meta in docs_meta.items():
        relations = _relations(meta[6])
        if (meta[5] and meta[4] in regions) or any(r in regions for r, _ in relations):
            whole_docs.add(sha)
            pairs.update((m, r) for r, m in relations if r in regions and m)
    selected = cache.query_with(
        "want", "metric TEXT, region_code TEXT", sorted(pairs),
        "SELECT c.sha, c.sentence FROM want w JOIN claims c ON c.metric = w.metric AND c.region_code = w.region_code "
        "WHERE c.sha IN (SELECT sha FROM refs)")
    if metrics_only:
        selected += cache.query_with(
            "want_metrics", "metric TEXT", [(m,) for m in sorted(metrics_only)],
            "SELECT c.sha, c.sentence FROM want_metrics w JOIN claims c ON c.metric = w.metric "
            "WHERE c.sha IN (SELECT sha FROM refs)")
    spans = _spans(selected)
    rows = cache.query_with(
        "spans", "sha TEXT, lo INTEGER, hi INTEGER", spans,
        "SELECT c.sha, c.ord, c.row FROM spans s JOIN claims c ON c.sha = s.sha AND c.sentence BETWEEN s.lo AND s.hi")
    loaded_shas = sorted({sha for sha, _, _ in spans} | whole_docs)
    rows += cache.query_with(
        "loaded", "sha TEXT", [(s,) for s in loaded_shas],
        "SELECT c.sha, c.ord, c.row FROM loaded l JOIN claims c ON c.sha = l.sha AND c.main = 1")
    claim_rows: dict[str, dict[int, str]] = defaultdict(dict)
    for sha, ordinal, row in rows:
        claim_rows[sha][ordinal] = row
    out = []
    for path in ref_files:
        sha = shas.get(path)
        if sha not in claim_rows and sha not in whole_docs:
            continue
        meta = docs_meta[sha]
        source = read_document(path)
        if getattr(source, "sha256", None) != sha:
            raise StaleReference(path)
        chosen = claim_rows.get(sha, {})
        claims = codec.claims_from_blob("[" + ",".join(chosen[k] for k in sorted(chosen)) + "]", path)
        info = DocumentInfo(path, sha, source.encoding, meta[2], meta[3], meta[4], source.text)
        out.append(DocumentClaims(info, claims))
    return out


class StaleReference(Exception):
    """A reference file changed between its stat and its read; the caller runs again (never seen in tests)."""


def _relations(text: str) -> list[tuple[str | None, str | None]]:
    import json

    try:
        return [(r, m) for r, m in json.loads(text)]
    except (ValueError, TypeError):
        return []


def _spans(selected: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """Sentence ranges [s − context, s] per document, merged where they overlap."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for sha, sentence in selected:
        by_doc[sha].append(sentence)
    spans = []
    for sha, sentences in by_doc.items():
        current = None
        for s in sorted(set(sentences)):
            lo = s - _CONTEXT_SENTENCES
            if current and lo <= current[1] + 1:
                current[1] = s
            else:
                if current:
                    spans.append((sha, *current))
                current = [lo, s]
        spans.append((sha, *current))
    return spans


def related_regions(gazetteer, region) -> set[str]:
    """Codes of every region g with gazetteer.is_within(g, region) or is_within(region, g), built from the
    tree instead of testing all 3,000 regions (tests/test_focus.py compares the two)."""
    def down(r) -> set:
        found, stack = set(), [r]
        while stack:
            current = stack.pop()
            if current.code in found:
                continue
            found.add(current.code)
            stack.extend(gazetteer.children(current))
        return found

    def up(r) -> set:
        return {r.code, *(a.code for a in gazetteer.ancestors(r))}

    twin = gazetteer.same_as(region)
    inside = down(region) | (down(twin) if twin else set())
    around = up(region) | (up(twin) if twin else set())
    zones = [r for r in gazetteer if r.same_as]
    inside |= {z.code for z in zones if z.same_as in inside}
    around |= {z.code for z in zones if z.same_as in around}
    return inside | around
