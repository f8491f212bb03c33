"""What each command does with its parsed arguments: merge them over the project config (flags win), call the
API (factcheck.app.lint, factcheck.app.api), pick the formatter, decide the exit status. Nothing here reads a claim."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from factcheck.app.api import check_claims, extract_files, stream_files, target_table
from factcheck.app.config import Config, ConfigError, discover
from factcheck.app.fixes import unified_diff
from factcheck.app.lint import NOT_FIXED, RunOptions, excluded, finish, fix, gather, run
from factcheck.app.newsroom import as_file_errors, declaration_paths, declared_overrides, load_declarations
from factcheck.app.outputs import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    WriteRefused,
    check_not_input,
    open_output,
    regular_target,
)
from factcheck.app.outputs import say as _say
from factcheck.app.rendering import formatter, render_extraction, render_report
from factcheck.app.suppression import BASELINE_FILE, BaselineError, IgnoreFileError, write_baseline
from factcheck.checks.evidence.declared_terms import DeclarationError
from factcheck.checks.selection import unknown_patterns_message
from factcheck.checks.settings import report_settings
from factcheck.model.claims import Extraction
from factcheck.model.findings import SEVERITY_RANK
from factcheck.scale.pipeline import default_jobs
from factcheck.text.documents import FileError, decode
from factcheck.text.documents import discover as discover_files
from factcheck.vocab.data import use_extra_rules


def _codes(value: str | None) -> tuple[str, ...] | None:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else None


def _config(args, paths: list[str]) -> Config:
    config = discover(paths, args.config)
    use_extra_rules(config.metrics, config.regions)
    return config


def _relative_to_root(config: Config, values: tuple[str, ...]) -> tuple[str, ...]:
    root = config.root or Path.cwd()
    return tuple(v if os.path.isabs(v) else os.path.relpath(root / v) for v in values)


def _baseline_path(value, config: Config) -> Path | None:
    """--baseline/--write-baseline FILE, or (given bare, or set in the config) the config's baseline file, or
    .factcheck-baseline.json beside the config, or in the current folder."""
    if value is None or value is False:
        return None
    if value is True:
        return (config.root or Path.cwd()) / (config.baseline or BASELINE_FILE)
    return Path(value)


CACHE_DIR = ".factcheck_cache"


def scale_options(args, config: Config) -> dict:
    """jobs and cache_dir: flags over the config; the cache beside the config, else in the current folder."""
    cores = default_jobs()
    jobs = args.jobs or config.jobs or cores
    if jobs > cores:
        _say(f"factcheck: 只有 {cores} 个可用核心，--jobs {jobs} 按 {cores} 运行 "
             f"(--jobs {jobs} capped at the {cores} available cores)")
        jobs = cores
    if args.no_cache:
        return {"jobs": jobs, "cache_dir": None}
    if args.cache_dir:
        return {"jobs": jobs, "cache_dir": Path(args.cache_dir)}
    return {"jobs": jobs, "cache_dir": (config.root or Path.cwd()) / (config.cache_dir or CACHE_DIR)}


def _known_codes(flag: str, codes: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """--select/--ignore codes, each naming a check: a typo would select or skip nothing and pass."""
    unknown = unknown_patterns_message(codes or ())
    if unknown:
        raise ConfigError(f"{flag}: {unknown}")
    return codes


def run_options(args, config: Config):
    select = _known_codes("--select", _codes(args.select)) or config.select
    ignore = (*config.ignore, *(_known_codes("--ignore", _codes(args.ignore)) or ()))
    focus = tuple(args.paths) or (() if args.stdin else _relative_to_root(config, config.include))
    reference = (*_relative_to_root(config, config.reference), *args.reference)
    baseline_flag = args.baseline if args.baseline is not None else (True if config.baseline else None)
    overrides, notes = _declared(args, config)
    return RunOptions(focus=focus, reference=reference, select=select, ignore=ignore, overrides=overrides,
                      exclude=config.exclude, root=config.root,
                      baseline=None if args.write_baseline else _baseline_path(baseline_flag, config),
                      report_unused=bool(args.report_unused_suppressions or config.report_unused_suppressions),
                      notes=notes, dask=args.dask or config.dask, **scale_options(args, config))


def _declared(args, config: Config):
    """The config's check overrides with the run's registry and rule files (FC8) laid over them, read and
    validated now (DeclarationError: exit 2), and their warnings."""
    facts, rules = declaration_paths(config, args.facts, args.rule_file)
    if not facts and not rules:
        return config.checks, ()
    declarations = load_declarations(facts, rules)
    return declared_overrides(config.checks, declarations), as_file_errors(declarations.warnings)


def check_command(args, parser) -> int:
    import time

    started = time.perf_counter()
    fmt = args.format
    out = None
    try:
        config = _config(args, [args.stdin_filename] if args.stdin and args.stdin_filename else list(args.paths))
        fmt = fmt or config.output_format or "rich"
        options = run_options(args, config)
        if not options.focus and not args.stdin and not args.claims:
            parser.error("no PATH given and the config names none (include = [...])")
        if args.stdin:
            options = replace(options, stdin=_stdin_source(args.stdin_filename))
        if args.diff or (args.fix and args.stdin):
            return _show_fixes(args, options)
        if args.claims:  # not the config's include: the claims are the corpus, beside any PATHs given
            options = replace(options, focus=tuple(args.paths), reference=())
        gathered = gather(options)  # once: the output is checked against the inputs before the run
        inputs = _inputs(gathered, args, config, options)
        baseline_target = None
        if args.write_baseline:  # refused before the run, not after it
            baseline_target = _baseline_path(args.write_baseline, config)
            assert baseline_target is not None  # a --write-baseline value given (truthy) names a path
            check_not_input(str(baseline_target), inputs)
            regular_target(baseline_target)
        not_fixed = _apply_fixes(options) if args.fix else []
        if not args.write_baseline:
            out = open_output(args.output, inputs)
        if args.claims:
            report = _check_claims(args, options, gathered)
        else:
            on_terminal = fmt == "rich" and not args.quiet and not args.output
            report = _run(options, on_terminal, gathered)
    except WriteRefused as exc:  # nothing is written anywhere: the refused path may be an input
        _say(f"factcheck: {exc}")
        return EXIT_ERROR
    except (ConfigError, BaselineError, IgnoreFileError, DeclarationError) as exc:
        if out is not None:
            out.discard()
        return _operational_error(fmt or "rich", str(exc), args.output)
    except BaseException:
        if out is not None:
            out.discard()
        raise
    if baseline_target is not None:
        try:
            count = write_baseline(baseline_target, report.findings)
        except WriteRefused as exc:
            _say(f"factcheck: {exc}")
            return EXIT_ERROR
        except OSError as exc:
            _say(f"factcheck: {baseline_target}: 无法写入基线 (cannot write the baseline): {exc.strerror or exc}")
            return EXIT_ERROR
        _say(f"factcheck: 已将 {count} 条发现写入基线 {baseline_target} (wrote {count} findings to the baseline)")
        return EXIT_ERROR if not_fixed else EXIT_OK
    fail_on = args.fail_on or config.fail_on or _default_fail_on()
    fails = report.fails(fail_on) or (fail_on != "never" and bool(report.unused_suppressions))
    shown = _at_least(report, args.min_severity or config.min_severity)
    assert out is not None  # opened unless --write-baseline, whose run returned above
    try:
        render_report(fmt, shown, out, args.quiet, config.docs_url, time.perf_counter() - started)
        out.commit()
    except BaseException:
        out.discard()
        raise
    if fmt != "rich" or args.output:
        for error in report.extraction.errors:
            _say(f"factcheck: {error.path}: {error.message}")
    if not_fixed or any(e.level == "error" for e in report.extraction.errors):
        return EXIT_ERROR
    return EXIT_FINDINGS if fails else EXIT_OK


def _inputs(gathered, args, config: Config, options) -> list[str]:
    """Every file the run reads: an output path among them is refused."""
    focus, reference, _ = gathered
    named = [str(p) for p in (config.source, options.baseline) if p is not None]
    return [*focus, *reference, *(c for c in args.claims if c != "-"), *named]


def _run(options, on_terminal: bool, gathered=None):
    if not on_terminal:
        return run(options, gathered=gathered)
    from factcheck.formatters.terminal import make_console, progress  # lazy: rich (docs/scaling.md)

    focus, reference, _ = gathered
    with progress(len(focus) + len(reference), make_console(sys.stderr)) as advance:
        return run(options, advance, gathered)


def _check_claims(args, options, gathered):
    """check --claims: the checks over claims read back from JSONL (and any PATHs extracted beside them)."""
    focus, _, errors = gathered
    report = check_claims(args.claims, options.select, options.ignore, paths=focus, overrides=options.overrides,
                          jobs=options.jobs, cache_dir=options.cache_dir)
    if errors:
        report = replace(report, extraction=replace(report.extraction, errors=(*errors, *report.extraction.errors)))
    return finish(report, frozenset(d.document.path for d in report.extraction.documents), options)


def _stdin_source(name: str | None):
    source = decode(name or "<stdin>", sys.stdin.buffer.read())
    if isinstance(source, FileError):
        raise ConfigError(f"{source.path}: {source.message}")
    return source


def _at_least(report, level: str | None):
    if not level:
        return report
    floor = SEVERITY_RANK[level]
    shown = tuple(f for f in report.findings if SEVERITY_RANK[f.severity] >= floor)
    return replace(report, findings=shown, hidden=len(report.findings) - len(shown))  # (0 hidden is said too)


def _default_fail_on() -> str:
    return report_settings().get("fail_on", "error")


def _operational_error(fmt: str, message: str, output: str | None) -> int:
    """A run that could not start: the message, and in a machine format a report that says so."""
    _say(f"factcheck: {message}")
    if fmt in ("json", "sarif", "github", "concise"):
        out = open_output(output)
        try:
            out.write(formatter(fmt)(None, (message,)))
            out.commit()
        except BaseException:
            out.discard()
            raise
    return EXIT_ERROR


def _show_fixes(args, options) -> int:
    """--diff: the fixes as a unified diff, exit 1 when there are any; --stdin --fix: the fixed text."""
    fixes, errors = fix(options, write=False)
    for error in errors:
        _say(f"factcheck: {error.path}: {error.message}")
    out = open_output(None)
    if args.diff:
        out.write("".join(unified_diff(f) for f in fixes))
    else:
        out.write(fixes[0].after if fixes else options.stdin.text)
    out.commit()
    if any(e.level == "error" for e in errors):
        return EXIT_ERROR
    return EXIT_FINDINGS if args.diff and fixes else EXIT_OK


def _apply_fixes(options) -> list:
    """Fix the focus files in place; the files that were not written (refused, or the write failed)."""
    fixes, errors = fix(options, write=True)  # read errors are reported by the run that follows
    total = sum(f.applied for f in fixes)
    _say(f"factcheck: 已修复 {len(fixes)} 个文件中的 {total} 处问题 (fixed {total} findings in {len(fixes)} files)")
    for f in fixes:
        _say(f"  {f.path}: {f.applied}")
    not_fixed = [e for e in errors if e.message.startswith(NOT_FIXED)]
    for error in not_fixed:
        _say(f"factcheck: {error.path}: {error.message}")
    return not_fixed


def extraction_command(command: str, args) -> int:
    """`claims` and `targets`: the extraction (and target table) of the paths, in the chosen format."""
    try:
        config = _config(args, list(args.paths))
    except ConfigError as exc:
        _say(f"factcheck: {exc}")
        return EXIT_ERROR
    fmt = args.format or "rich"
    scale = scale_options(args, config)
    files, errors = discover_files(list(args.paths))
    files = [f for f in files if not excluded(f, config.exclude, config.root)]
    try:
        out = open_output(args.output, [*files, *([str(config.source)] if config.source else [])])
    except WriteRefused as exc:
        _say(f"factcheck: {exc}")
        return EXIT_ERROR
    try:
        if fmt == "jsonl":  # streamed, a batch of documents at a time
            extraction = Extraction((), stream_files(files, errors, out, **scale))
        elif fmt == "rich" and not args.output:
            from factcheck.formatters.terminal import make_console, progress  # lazy: rich (docs/scaling.md)

            with progress(len(files), make_console(sys.stderr)) as advance:
                extraction = extract_files(files, errors, advance, **scale)
        else:
            extraction = extract_files(files, errors, **scale)
        if fmt != "jsonl":
            result = extraction
            if command == "targets":
                result = target_table(extraction).selected(args.all, args.year, args.region)
            render_extraction(command, fmt, result, out, getattr(args, "excel", False))
        out.commit()
    except BaseException:
        out.discard()
        raise
    if fmt != "rich" or args.output:
        for error in extraction.errors:
            _say(f"factcheck: {error.path}: {error.message}")
    return EXIT_ERROR if any(e.level == "error" for e in extraction.errors) else EXIT_OK
