"""One run of the main job as the CLI, pre-commit and editors drive it: focus files checked against a reference
corpus, findings silenced inline, by .factcheckignore or by a baseline, and the safe fixes. Pure below the CLI:
options in, values out; only fix(write=True) touches files, and only the focus files it fixes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.app.api import check_files, extract_source
from factcheck.app.fixes import FileFix, apply_edits, planned_edits, write_atomically
from factcheck.app.outputs import WriteRefused
from factcheck.app.suppression import apply_suppressions, new_since_baseline, path_spec, read_baseline
from factcheck.checks import CHECKS
from factcheck.model.claims import Extraction
from factcheck.model.findings import Finding, rule_matches
from factcheck.report.build import Report, build_report
from factcheck.text.documents import FileError, SourceText, discover, read_document


@dataclass(frozen=True)
class RunOptions:
    focus: tuple[str, ...]                       # files and folders given: their findings are the report
    reference: tuple[str, ...] = ()              # read too; their findings are shown only where they touch the focus
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    overrides: Mapping[str, Mapping] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()                # globs, relative to root
    root: Path | None = None                     # the config's folder: globs and .factcheckignore lookups stop here
    baseline: Path | None = None                 # report only what this baseline does not record
    stdin: SourceText | None = None              # an editor's unsaved buffer, checked as if it were its file
    jobs: int = 1                                # extraction worker processes (1 = in this process)
    report_unused: bool = False                  # list the suppressions that silenced nothing
    cache_dir: Path | None = None                # the claims cache (factcheck.scale.cache.store); None = no cache
    notes: tuple[FileError, ...] = ()            # warnings about the run's registry and rule files, for the report
    dask: str | None = None                      # extract on this Dask cluster (address, or local[:N])


def gather(options: RunOptions) -> tuple[list[str], list[str], list[FileError]]:
    """(focus files, reference files, errors); excluded files are dropped silently, a focus file that is also
    in the reference corpus counts once, as focus."""
    focus, errors = discover(list(options.focus)) if options.focus else ([], [])
    reference, ref_errors = discover(list(options.reference)) if options.reference else ([], [])
    focus = [p for p in focus if not excluded(p, options.exclude, options.root)]
    if options.stdin is not None:
        focus = [p for p in focus if not _same_file(p, options.stdin.path)]
    known = {os.path.abspath(p) for p in focus}
    if options.stdin is not None:
        known.add(os.path.abspath(options.stdin.path))
    reference = [p for p in reference
                 if os.path.abspath(p) not in known and not excluded(p, options.exclude, options.root)]
    return focus, reference, [*errors, *ref_errors]


def excluded(path: str, exclude: tuple[str, ...], root: Path | None) -> bool:
    """path matches the exclude patterns (gitignore's rules: factcheck.app.suppression.path_spec), taken
    relative to root (the config's folder, else the current one); a file outside root by its name."""
    if not exclude:
        return False
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root or Path.cwd()).as_posix()
    except ValueError:
        relative = absolute.name
    return _spec(exclude).match_file(relative)


_SPECS: dict[tuple[str, ...], object] = {}


def _spec(patterns: tuple[str, ...]):
    if patterns not in _SPECS:
        _SPECS[patterns] = path_spec(patterns)
    return _SPECS[patterns]


def _same_file(a: str, b: str) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


def run(options: RunOptions, progress: Callable[[str], None] | None = None,
        gathered: tuple[list[str], list[str], list[FileError]] | None = None) -> Report:
    """The report of the focus files: a full run over them, or with a reference corpus a focus run
    (factcheck.scale.focus: only what can meet a focus claim is loaded, from the cache). gathered: what
    gather(options) returns, when the caller has it already."""
    focus, reference, errors = gathered or gather(options)
    given = (options.stdin,) if options.stdin is not None else ()
    report = check_files(focus, errors, reference, options.select, options.ignore, overrides=options.overrides,
                         jobs=options.jobs, cache_dir=options.cache_dir, progress=progress, given=given,
                         focus_run=bool(options.reference), dask=options.dask)
    return finish(report, frozenset(d.document.path for d in report.extraction.documents), options)


def check(extraction: Extraction, focus: frozenset[str], options: RunOptions) -> Report:
    """The checks over an extraction already made (of the focus files alone: fix() passes), finished as run()
    finishes them."""
    report = build_report(extraction, select=options.select, ignore=options.ignore, overrides=options.overrides)
    return finish(report, focus, options)


def finish(report: Report, focus: frozenset[str], options: RunOptions) -> Report:
    """Findings between a reference document and a focus one moved onto the focus side, then the inline,
    .factcheckignore and baseline suppressions."""
    findings = list(report.findings)
    if options.reference:
        findings = [_on_focus(f, focus) for f in findings]
    texts = {d.document.path: d.document.text for d in report.extraction.documents}
    done = apply_suppressions(findings, texts, options.root, sorted(focus) if options.report_unused else None,
                              _ran(options))
    findings = done.kept
    known = 0
    if options.baseline is not None:
        findings, known = new_since_baseline(findings, read_baseline(options.baseline),
                                             options.baseline.resolve().parent)
    extraction = report.extraction
    if done.errors:
        extraction = replace(extraction, errors=(*extraction.errors, *done.errors))
    if options.notes:
        extraction = replace(extraction, errors=(*options.notes, *extraction.errors))
    return replace(report, extraction=extraction, findings=tuple(findings), suppressed=done.silenced,
                   baselined=known, unused_suppressions=tuple(done.unused) if options.report_unused else None)


def _ran(options: RunOptions) -> Callable[[tuple[str, ...]], bool]:
    """Whether a suppression's codes name a check this run used: one about checks left out by --select or
    --ignore silenced nothing because they did not run, which says nothing about the suppression."""
    used = [c for c in CHECKS if (options.select is None or rule_matches(c.code, c.name, options.select))
            and not rule_matches(c.code, c.name, options.ignore)]
    return lambda patterns: not patterns or any(rule_matches(c.code, c.name, patterns) for c in used)


def _on_focus(finding: Finding, focus: frozenset[str]) -> Finding:
    """A finding between a reference document and a focus one is reported on the focus document: its first
    focus place becomes the finding's place and the reference place joins the related ones."""
    if finding.place.location.path in focus:
        return finding
    index = next(i for i, p in enumerate(finding.related) if p.location.path in focus)
    moved = finding.related[index]
    others = finding.related[:index] + finding.related[index + 1:]
    old = replace(finding.place, note="参考文件中的对应之处 (the other side, in the reference corpus)")
    return replace(finding, place=replace(moved, note=""), related=(old, *others))


def fix(options: RunOptions, write: bool, passes: int = 32) -> tuple[list[FileFix], list[FileError]]:
    """The safe fixes of the focus files, applied pass after pass until none is left (an overlapping fix waits
    for the next pass, and a pass can make a doubling whole: ten copies of a run become five, then a
    different doubling); written atomically when write is set. Every fix deletes text, so the passes end;
    the bound is a guard, never reached in practice. Reference files are never touched."""
    focus, _, errors = gather(options)
    sources: dict[str, SourceText] = {}
    for path in focus:
        source = read_document(path)
        if isinstance(source, FileError):
            errors.append(source)
        else:
            sources[path] = source
    if options.stdin is not None:
        sources[options.stdin.path] = options.stdin
    original = {path: s.text for path, s in sources.items()}
    applied = dict.fromkeys(sources, 0)
    fixable = _fixable_selection(options)
    fix_options = replace(options, reference=(), baseline=None, select=tuple(fixable))
    for _ in range(passes if fixable else 0):
        documents = tuple(extract_source(s) for s in sources.values())
        report = check(Extraction(documents, ()), frozenset(sources), fix_options)
        plan = planned_edits(report.findings)
        if not plan:
            break
        for path, items in plan.items():
            text, count = apply_edits(sources[path].text, [edits for _, edits in items])
            applied[path] += count
            sources[path] = replace(sources[path], text=text)
    fixes = [FileFix(path, s.encoding, original[path], s.text, applied[path])
             for path, s in sources.items() if s.text != original[path]]
    if write:
        fixes = [f for f in fixes if options.stdin is not None and f.path == options.stdin.path
                 or _written(f, errors)]
    return fixes, errors


def _written(fix: FileFix, errors: list[FileError]) -> bool:
    """Write one fixed file; a refusal (hard links, an owner that cannot be kept, no regular file) or a
    failed write becomes an error for that file (its message opens with NOT_FIXED), and the file stays as it was."""
    try:
        write_atomically(fix.path, fix.after, fix.encoding)
    except WriteRefused as exc:
        errors.append(FileError(fix.path, f"{NOT_FIXED} (not fixed): {exc}"))
        return False
    except OSError as exc:
        errors.append(FileError(fix.path, f"{NOT_FIXED} (not fixed: cannot write): {exc.strerror or exc}"))
        return False
    return True


NOT_FIXED = "未修复"


def _fixable_selection(options: RunOptions) -> list[str]:
    """The fixable checks the run's selection keeps (--select FC7 keeps all four; --ignore FC704 drops one)."""
    chosen = []
    for check in CHECKS:
        if not check.fixable:
            continue
        if options.select is not None and not rule_matches(check.code, check.name, options.select):
            continue
        if not rule_matches(check.code, check.name, options.ignore):
            chosen.append(check.code)
    return chosen
