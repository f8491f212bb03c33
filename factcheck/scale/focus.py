"""Focus runs: check a few edited files against a large cached reference corpus, reporting only the findings
that touch the focus files, without loading the corpus.

A focus run must report exactly what a full run over focus + references reports at the focus files, so
what it loads is derived from what the checks compare. Document-scope checks (Check.scope) see one
document: they run on the focus documents only. The corpus-scope checks compare claims across documents,
and every one of them pairs claims only within a key that includes the metric:

- FC101/FC102 and the corroborated figures: figure_key — region code, metric, role, kind, period, unit (a
  policy's term, 再延长30年, by its metric alone, in any region);
- FC401/FC402/FC403 and the 目标完成情况 table: series_key — region code, metric, kind, unit, dimension;
- FC501: metric, period, unit, dimension, aspect, between a region and the regions within or around it;
- FC404: a document's statement that its year's targets were met, against every main target of the
  document's region (and its 与经济增长同步 relation targets), each judged within its series key;
- FC803/FC804/FC805, a newsroom's declared relations: region code and period, between the metrics a rule
  names together (a focus figure of 城镇常住人口 needs the reference figures of 常住人口 and 乡村常住人口).

So a reference claim can meet a focus claim only if it is pairable at all (checks/figures.py: a region, a
specific metric, a unit) and shares (metric, region code) with a pairable focus claim, or its region code and
a metric a declared relation names with the focus claim's; or, for FC501, it is
eligible (PartExceedsRegion.eligible) and shares metric and period with an eligible focus claim while its
region lies within or around that claim's region; or it belongs to the FC404 closure of a region a focus
document or claim names: the main targets of that region with their series, its relation targets, and the
documents of that region that state their targets were met. These are the candidates; nothing else in the
corpus can change a finding that touches a focus file, and it is never read.

A candidate is judged by its local evidence, which reads its document's text and its neighbours among the
document's claims: the previous figure of its sentence, figures in the 60 characters before it (between it
and its metric), and for an undated figure the dated ones up to three sentences up. Each reference document
is therefore loaded with its full text (read from disk, its sha256 verified), its candidates, those
neighbours and its main targets (a 主要预期目标 passage is read whole). Neighbours are in the documents but
not among the claims the checks iterate (CheckContext.candidates), so they cost a lookup, not a check.

tests/test_focus.py proves the equivalence against a full run followed by filtering.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass

from factcheck.checks.base import CheckContext
from factcheck.checks.evidence.declarations import rules_of
from factcheck.checks.evidence.declared_terms import regional_names
from factcheck.checks.evidence.figures import is_term, keyable
from factcheck.checks.evidence.local import region_fits
from factcheck.checks.regions import PartExceedsRegion
from factcheck.checks.selection import selected_checks
from factcheck.checks.settings import check_settings
from factcheck.extract.regions.gazetteer import load_gazetteer
from factcheck.extract.regions.tree import RegionTree
from factcheck.model import codec
from factcheck.model.claims import DocumentClaims, DocumentInfo, Extraction
from factcheck.report.build import Report, confirmed_claims, corroborated, remember, run_checks
from factcheck.scale.cache.store import ClaimCache
from factcheck.scale.pipeline import ensure_cached, extract
from factcheck.text.documents import FileError, SourceText, read_document

_CONTEXT_SENTENCES = 3  # inferred_year reads the dated figures of the 3 sentences before an undated one
_BROAD = 400            # a focus region with more related regions than this selects by metric alone


def focus_report(files: list[str], errors: list[FileError], reference_files: list[str], select=None, ignore=(), *,
                 overrides=None, settings: dict | None = None, jobs: int = 1, cache_dir=None, progress=None,
                 given=()):
    """files (and given, texts not on disk) are the focus; reference_files are discovered already. settings:
    rules/checks.toml with the config's overrides (report.effective_settings)."""
    temporary = None
    if cache_dir is None:  # no cache wanted: the references still need an index for one run
        import tempfile

        temporary = tempfile.TemporaryDirectory(prefix="factcheck-focus-")
        cache_dir = temporary.name
    cache = ClaimCache(cache_dir)
    settings = check_settings() if settings is None else settings
    try:
        focus = extract(files, errors, jobs=jobs, cache=cache, settings=settings, progress=progress, given=given)
        focus_evidence = focus.evidence(cache)
        focus_docs = [r.doc for r in focus.results]
        own = {os.path.realpath(d.document.path): d for d in focus_docs}
        all_refs = list(reference_files)
        ref_files = [p for p in all_refs if os.path.realpath(p) not in own]  # the focus file's current text wins
        for attempt in range(3):
            shas, unreadable = ensure_cached(ref_files, cache, jobs=jobs, progress=progress if attempt == 0 else None)
            try:
                references_loaded, candidates, known = _load_references(
                    cache, focus.results, ref_files, shas, settings, whole=_needs_whole_documents(select, ignore))
                break
            except StaleReference as stale:  # changed since its stat was recorded: hash it again
                cache.forget_files([stale.args[0]])
        else:
            raise RuntimeError("reference files keep changing during the run")
        problems = list(focus.errors) + unreadable
        problems.extend(w for w in cache.warnings if w not in problems)
    finally:
        cache.close()
        if temporary is not None:
            temporary.cleanup()
    candidates.update(id(c) for d in focus_docs for c in d.claims)
    ctx = CheckContext(_reading_order(focus_docs, own, all_refs, references_loaded), frozenset(candidates))
    remember(ctx, focus_evidence)
    remember(ctx, known.evidence, known.ordinals)
    failures: list[FileError] = []
    findings = [f for f in run_checks(ctx, select, ignore, focus.document_findings() or {}, overrides,
                                      failures=failures)
                if touches(f, {d.document.path for d in focus_docs})]
    problems.extend(failures)
    focus_ids = {c.id for d in focus_docs for c in d.claims}
    groups = tuple(g for g in corroborated(ctx) if focus_ids.intersection(g))
    confirmed = confirmed_claims(ctx, settings)
    return Report(Extraction(tuple(focus_docs), tuple(problems)), tuple(findings), groups,
                  confirmed=None if confirmed is None else confirmed & focus_ids)


def declared_relations(settings: dict) -> dict[str, set[str]]:
    """metric → the other metrics a declared relation (sum, ratio, order) of the run's rule files names with it."""
    related: dict[str, set[str]] = defaultdict(set)
    for rule in rules_of(settings).rules:
        if rule.type_name != "bounds":
            for metric in rule.metrics():
                others = {name for m in rule.metrics() if m != metric for name in regional_names(m)}
                for name in regional_names(metric):  # claims hold the metric as extracted (地区生产总值 for 中国)
                    related[name].update(others)
    return related


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


# The pairing keys (Check.pairs_on) whose candidates _load_references knows how to select.
LOADED_KEYS = frozenset({"metric-region", "region-family", "region-targets", "declared-relation"})


def _needs_whole_documents(select, ignore) -> bool:
    """Whether a selected corpus-scope check pairs claims on something this module cannot select by: then the
    reference documents are loaded whole, so that a new cross-document check never misses a finding here."""
    return any(c.scope == "corpus" and (c.pairs_on is None or not LOADED_KEYS.issuperset(c.pairs_on))
               for c in selected_checks(select, ignore))


def _load_references(cache: ClaimCache, focus_results, ref_files: list[str], shas: dict[str, str],
                     settings: dict, whole: bool = False) -> tuple[list[DocumentClaims], set[int], Known]:
    """The reference documents a focus run needs, each with the claims selected and their neighbours, and
    the ids of the selected claim objects (the candidates the corpus-scope checks iterate). whole: every
    claim of every reference document is a candidate."""
    ref_set = {shas[p] for p in ref_files if p in shas}
    if not ref_set:
        return [], set(), Known({}, {})
    gazetteer = load_gazetteer()
    fc501 = PartExceedsRegion(settings.get(PartExceedsRegion.code, {}))
    exact: set[tuple[str, str]] = set()        # (metric, region code): FC1, FC4, and the FC404 closure
    near: set[tuple[str, str, str]] = set()    # (metric, region code, period): FC501 parts and wholes
    near_any: set[tuple[str, str]] = set()     # (metric, period), any region: FC501 for a region with many
    regions: set[str] = set()                  # regions whose FC404 closure is needed
    terms: set[str] = set()                    # metrics of policy terms: keyed without a region (FC101)
    tree = RegionTree(gazetteer)
    meta = {row[0]: row for row in cache.query_with(
        "refs", "sha TEXT", [(s,) for s in sorted(ref_set)],
        "SELECT d.sha, d.encoding, d.date, d.region, d.region_code, d.completion, d.relations "
        "FROM refs JOIN documents d ON d.sha = refs.sha")}
    relations = {sha: _relations(row[6]) for sha, row in meta.items()}
    relation_keys = {(r, m) for found in relations.values() for r, m in found}
    related = declared_relations(settings)  # a newsroom's sum, ratio and order rules pair these metrics too
    for result in focus_results:
        doc = result.doc
        if doc.document.region_code:
            regions.add(doc.document.region_code)
        for region, metric in result.relations:
            if region:
                regions.add(region)
                if metric:
                    exact.add((metric, region))
        for claim in doc.claims:
            if is_term(claim):
                terms.add(claim.metric or "")
            if not keyable(claim):
                continue
            exact.add((claim.metric, claim.region_code))
            exact.update((other, claim.region_code) for other in related.get(claim.metric, ()))
            if (region_fits(gazetteer, claim.region_code, doc.document.region_code)
                    or claim.role == "growth_rate" and (claim.region_code, claim.metric) in relation_keys):
                # only such a claim can be a target or an outcome in a region's rows (usable_target,
                # _usable_outcome), or the outcome of a 与经济增长同步 relation target (_judge_relation)
                regions.add(claim.region_code)
            if fc501.eligible(claim):
                around = tree.related(claim.region_code) or {claim.region_code}
                if len(around) > _BROAD:
                    near_any.add((claim.metric, claim.period))
                else:
                    near.update((claim.metric, r, claim.period) for r in around)
    # FC404: every main target of those regions (with its series), their relation targets, and the
    # documents of those regions that say their targets were met
    for sha, metric, region in cache.query_with(
            "want_regions", "region_code TEXT", [(r,) for r in sorted(regions)],
            "SELECT c.sha, c.metric, c.region_code FROM want_regions w JOIN claims c "
            "ON c.region_code = w.region_code WHERE c.main = 1 AND c.metric IS NOT NULL"):
        if sha in ref_set:
            exact.add((metric, region))
    whole_docs: set[str] = set()
    for sha, meta_row in meta.items():
        if (meta_row[5] and meta_row[4] in regions) or any(r in regions for r, _ in relations[sha]):
            whole_docs.add(sha)
            exact.update((m, r) for r, m in relations[sha] if r in regions and m)
    # The candidates. No "sha IN refs" in SQL: the planner would probe every reference per key.
    picked: dict[tuple[str, int], tuple[int, int, str | None, str]] = {}
    for sha, ordinal, sentence, start, period, row in cache.query_with(
            "want", "metric TEXT, region_code TEXT", sorted(exact),
            "SELECT c.sha, c.ord, c.sentence, c.start, c.period, c.row FROM want w JOIN claims c "
            "ON c.metric = w.metric AND c.region_code = w.region_code"):
        if sha in ref_set:
            picked[(sha, ordinal)] = (sentence, start, period, row)
    # a policy's term (再延长30年) is one fact wherever it is restated: the same metric in any region
    for sha, ordinal, sentence, start, period, row in cache.query_with(
            "want_terms", "metric TEXT", [(m,) for m in sorted(terms)],
            "SELECT c.sha, c.ord, c.sentence, c.start, c.period, c.row FROM want_terms w JOIN claims c "
            "ON c.metric = w.metric") if terms else ():
        if sha in ref_set and (sha, ordinal) not in picked and is_term(codec.claim_from_row(_row(row), "")):
            picked[(sha, ordinal)] = (sentence, start, period, row)
    # by (metric, period), the regions sorted out here: one probe per pair instead of one per related region
    near_pairs = {(m, p) for m, _, p in near} | near_any
    near_rows = [r[:6] for r in cache.query_with(
        "want_near", "metric TEXT, period TEXT", sorted(near_pairs),
        "SELECT c.sha, c.ord, c.sentence, c.start, c.period, c.row, c.metric, c.region_code FROM want_near w "
        "JOIN claims c ON c.metric = w.metric AND c.period = w.period")
        if (r[6], r[4]) in near_any or r[7] is not None and (r[6], r[7], r[4]) in near] if near_pairs else []
    for sha, ordinal, sentence, start, period, row in near_rows:
        if sha in ref_set and (sha, ordinal) not in picked and fc501.eligible(codec.claim_from_row(_row(row), "")):
            picked[(sha, ordinal)] = (sentence, start, period, row)
    if whole:
        for sha, ordinal, sentence, start, period, row in cache.query_with(
                "every", "sha TEXT", [(s,) for s in sorted(ref_set)],
                "SELECT c.sha, c.ord, c.sentence, c.start, c.period, c.row "
                "FROM every e JOIN claims c ON c.sha = e.sha"):
            picked[(sha, ordinal)] = (sentence, start, period, row)
        whole_docs.update(ref_set)
    # Their neighbours: the sentence (and for an undated figure the sentences before it, where its year is
    # read), the 60 characters before it (figures between it and its metric), and each document's main targets.
    sentences, chars = [], []
    for (sha, _), (sentence, start, period, _) in picked.items():
        sentences.append((sha, sentence - (_CONTEXT_SENTENCES if period is None else 0), sentence))
        chars.append((sha, start - 60, start))
    rows = {(sha, o): row for (sha, o), (_, _, _, row) in picked.items()}
    loaded = sorted({sha for sha, _ in picked} | whole_docs)
    for sha, ordinal, row in (
            cache.query_with("spans", "sha TEXT, lo INTEGER, hi INTEGER", _merged(sentences),
                             "SELECT c.sha, c.ord, c.row FROM spans s JOIN claims c "
                             "ON c.sha = s.sha AND c.sentence BETWEEN s.lo AND s.hi")
            + cache.query_with("windows", "sha TEXT, lo INTEGER, hi INTEGER", _merged(chars),
                               "SELECT c.sha, c.ord, c.row FROM windows s JOIN claims c "
                               "ON c.sha = s.sha AND c.start BETWEEN s.lo AND s.hi")
            + cache.query_with("loaded", "sha TEXT", [(s,) for s in loaded],
                               "SELECT c.sha, c.ord, c.row FROM loaded l "
                               "JOIN claims c ON c.sha = l.sha AND c.main = 1")):
        rows[(sha, ordinal)] = row
    by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (sha, ordinal), row in rows.items():
        by_doc[sha].append((ordinal, row))
    evidence = dict(cache.query_with("loaded", "sha TEXT", [(s,) for s in loaded],
                                     "SELECT d.sha, d.evidence FROM loaded l JOIN documents d ON d.sha = l.sha "
                                     "WHERE d.evidence IS NOT NULL"))
    out, known = [], Known({}, {})
    candidates: set[int] = set()
    for path in ref_files:
        sha = shas.get(path)
        if sha not in by_doc and sha not in whole_docs:
            continue
        row = meta[sha]
        source = read_document(path)
        if not isinstance(source, SourceText) or source.sha256 != sha:
            raise StaleReference(path)
        chosen = sorted(by_doc.get(sha, ()))
        claims = codec.claims_from_rows((r for _, r in chosen), path)
        candidates.update(id(c) for (o, _), c in zip(chosen, claims, strict=False) if (sha, o) in picked)
        info = DocumentInfo(path, sha, source.encoding, row[2], row[3], row[4], source.text)
        out.append(DocumentClaims(info, claims))
        if sha in evidence:
            known.evidence[path] = evidence[sha]
            known.ordinals[path] = [o for o, _ in chosen]
    return out, candidates, known


@dataclass(frozen=True, slots=True)
class Known:
    """The cached local evidence of the loaded reference claims, by path, and their ordinals."""

    evidence: dict[str, str]
    ordinals: dict[str, list[int]]


def _row(text: str) -> list:
    import json

    return json.loads(text)


def _merged(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Ranges per document, overlapping or adjacent ones merged."""
    by_doc: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for sha, lo, hi in spans:
        by_doc[sha].append((lo, hi))
    merged = []
    for sha, ranges in sorted(by_doc.items()):
        current: list[int] | None = None
        for lo, hi in sorted(ranges):
            if current and lo <= current[1] + 1:
                current[1] = max(current[1], hi)
            else:
                if current:
                    merged.append((sha, current[0], current[1]))
                current = [lo, hi]
        assert current is not None  # a document is listed only with a range
        merged.append((sha, current[0], current[1]))
    return merged


class StaleReference(Exception):
    """A reference file changed between its stat and its read; the caller runs again (never seen in tests)."""


def _relations(text: str) -> list[tuple[str | None, str | None]]:
    import json

    try:
        return [(r, m) for r, m in json.loads(text)]
    except (ValueError, TypeError):
        return []


def related_regions(gazetteer, region) -> set[str]:
    """Codes of every region g with gazetteer.is_within(g, region) or is_within(region, g)."""
    return set(RegionTree(gazetteer).related(region.code))
