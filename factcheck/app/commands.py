"""What each command does with its parsed arguments: merge them over the project config (flags win), call the
API (factcheck.app.lint, factcheck.app.api), pick the formatter, decide the exit status. Nothing here reads a claim."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from factcheck.app.config import Config, ConfigError, discover
from factcheck.app.suppression import BASELINE_FILE, BaselineError, IgnoreFileError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str | None) -> tuple[str, ...] | None:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else None


def _open_output(path: str | None):
    if not path:
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        print(f"factcheck: cannot write {path}: {exc.strerror}", file=sys.stderr)
        return None


def _config(args, paths: list[str]) -> Config:
    config = discover(paths, args.config)
    from factcheck.vocab.data import use_extra_rules

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
    from factcheck.scale.pipeline import default_jobs

    jobs = args.jobs or config.jobs or default_jobs()
    if args.no_cache:
        return {"jobs": jobs, "cache_dir": None}
    if args.cache_dir:
        return {"jobs": jobs, "cache_dir": Path(args.cache_dir)}
    return {"jobs": jobs, "cache_dir": (config.root or Path.cwd()) / (config.cache_dir or CACHE_DIR)}


def run_options(args, config: Config):
    from factcheck.app.lint import RunOptions

    select = _codes(args.select) or config.select
    ignore = (*config.ignore, *(_codes(args.ignore) or ()))
    focus = tuple(args.paths) or (() if args.stdin else _relative_to_root(config, config.include))
    reference = (*_relative_to_root(config, config.reference), *args.reference)
    baseline_flag = args.baseline if args.baseline is not None else (True if config.baseline else None)
    return RunOptions(focus=focus, reference=reference, select=select, ignore=ignore, overrides=config.checks,
                      exclude=config.exclude, root=config.root,
                      baseline=None if args.write_baseline else _baseline_path(baseline_flag, config),
                      dask=args.dask or config.dask, **scale_options(args, config))


def check_command(args, parser) -> int:
    fmt = args.format
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
        if args.fix:
            _apply_fixes(options)
        out = _open_output(args.output)
        if out is None:
            return EXIT_ERROR
        if args.claims:
            report = _check_claims(args, options)
        else:
            report = _run(options, out if fmt == "rich" and not args.quiet else None, _ahead(fmt))
    except (ConfigError, BaselineError, IgnoreFileError) as exc:
        return _operational_error(fmt or "rich", str(exc), args.output)
    if args.write_baseline:
        from factcheck.app.suppression import write_baseline

        target = _baseline_path(args.write_baseline, config)
        count = write_baseline(target, report.findings)
        print(f"factcheck: 已将 {count} 条发现写入基线 {target} (wrote {count} findings to the baseline)", file=sys.stderr)
        return EXIT_OK
    fails = report.fails(args.fail_on or config.fail_on or _default_fail_on())
    shown = _at_least(report, args.min_severity or config.min_severity)
    try:
        _render_report(fmt, shown, out, args.quiet)
    finally:
        if out is not sys.stdout:
            out.close()
    if fmt != "rich" or out is not sys.stdout:
        for error in report.extraction.errors:
            print(f"factcheck: {error.path}: {error.message}", file=sys.stderr)
    if any(e.level == "error" for e in report.extraction.errors):
        return EXIT_ERROR
    return EXIT_FINDINGS if fails else EXIT_OK


def _ahead(fmt: str):
    """What of the report the formatter can render before the findings are known (build_report's ahead)."""
    if fmt != "json":
        return None
    from factcheck.formatters.jsonfmt import render_ahead

    return render_ahead


def _run(options, stream, ahead=None):
    from factcheck.app.lint import run

    if stream is not sys.stdout:
        return run(options, ahead=ahead)
    from factcheck.app.lint import gather
    from factcheck.formatters.terminal import make_console, progress

    gathered = gather(options)
    focus, reference, _ = gathered
    with progress(len(focus) + len(reference), make_console(sys.stderr)) as advance:
        return run(options, advance, gathered, ahead)


def _check_claims(args, options):
    """check --claims: the checks over claims read back from JSONL (and any PATHs extracted beside them)."""
    from factcheck.app.api import check_claims
    from factcheck.app.lint import finish, gather

    options = replace(options, focus=tuple(args.paths), reference=())  # not the config's include: the claims are the corpus
    focus, _, errors = gather(options)
    report = check_claims(args.claims, options.select, options.ignore, paths=focus, overrides=options.overrides,
                          jobs=options.jobs, cache_dir=options.cache_dir)
    if errors:
        report = replace(report, extraction=replace(report.extraction, errors=(*errors, *report.extraction.errors)))
    return finish(report, frozenset(d.document.path for d in report.extraction.documents), options)


def _stdin_source(name: str | None):
    from factcheck.text.documents import FileError, decode

    source = decode(name or "<stdin>", sys.stdin.buffer.read())
    if isinstance(source, FileError):
        raise ConfigError(f"{source.path}: {source.message}")
    return source


def _at_least(report, level: str | None):
    if not level:
        return report
    from factcheck.model.findings import SEVERITY_RANK

    floor = SEVERITY_RANK[level]
    return replace(report, findings=tuple(f for f in report.findings if SEVERITY_RANK[f.severity] >= floor))


def _default_fail_on() -> str:
    from factcheck.checks.settings import report_settings

    return report_settings().get("fail_on", "error")


def _operational_error(fmt: str, message: str, output: str | None) -> int:
    print(f"factcheck: {message}", file=sys.stderr)
    if fmt in ("json", "sarif", "github"):
        out = _open_output(output)
        if out is not None:
            out.write(_formatter(fmt)(None, (message,)))
            if out is not sys.stdout:
                out.close()
    return EXIT_ERROR


def _formatter(fmt: str):
    if fmt == "json":
        from factcheck.formatters.jsonfmt import render_report
    elif fmt == "sarif":
        from factcheck.formatters.sarif import render_report
    else:
        from factcheck.formatters.github import render_report
    return render_report


def _render_report(fmt: str, report, out, quiet: bool) -> None:
    from factcheck.report.gcpolicy import settled

    with settled():
        _render(fmt, report, out, quiet)


def _render(fmt: str, report, out, quiet: bool) -> None:
    if fmt == "rich":
        from factcheck.formatters import terminal

        terminal.render_report(report, terminal.make_console(out), quiet=quiet)
    elif fmt == "json":  # written in pieces: a large run's claim list need not be one string in memory
        from factcheck.formatters.jsonfmt import write_report

        write_report(report, out)
    else:
        out.write(_formatter(fmt)(report))


def _show_fixes(args, options) -> int:
    """--diff: the fixes as a unified diff, exit 1 when there are any; --stdin --fix: the fixed text."""
    from factcheck.app.fixes import unified_diff
    from factcheck.app.lint import fix

    fixes, errors = fix(options, write=False)
    for error in errors:
        print(f"factcheck: {error.path}: {error.message}", file=sys.stderr)
    if args.diff:
        sys.stdout.write("".join(unified_diff(f) for f in fixes))
    else:
        sys.stdout.write(fixes[0].after if fixes else options.stdin.text)
    if any(e.level == "error" for e in errors):
        return EXIT_ERROR
    return EXIT_FINDINGS if args.diff and fixes else EXIT_OK


def _apply_fixes(options) -> None:
    from factcheck.app.lint import fix

    fixes, _ = fix(options, write=True)  # read errors are reported by the run that follows
    total = sum(f.applied for f in fixes)
    print(f"factcheck: 已修复 {len(fixes)} 个文件中的 {total} 处问题 (fixed {total} findings in {len(fixes)} files)",
          file=sys.stderr)
    for f in fixes:
        print(f"  {f.path}: {f.applied}", file=sys.stderr)


def extraction_command(command: str, args) -> int:
    """`claims` and `targets`: the extraction (and target table) of the paths, in the chosen format."""
    try:
        config = _config(args, list(args.paths))
    except ConfigError as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return EXIT_ERROR
    fmt = args.format or "rich"
    out = _open_output(args.output)
    if out is None:
        return EXIT_ERROR
    from factcheck.app.api import extract_files, stream_files
    from factcheck.app.lint import excluded
    from factcheck.model.claims import Extraction
    from factcheck.text.documents import discover as discover_files

    scale = scale_options(args, config)
    files, errors = discover_files(list(args.paths))
    files = [f for f in files if not excluded(f, config.exclude, config.root)]
    try:
        if fmt == "jsonl":  # streamed, a batch of documents at a time
            extraction = Extraction((), stream_files(files, errors, out, **scale))
        elif fmt == "rich" and out is sys.stdout:
            from factcheck.formatters.terminal import make_console, progress

            with progress(len(files), make_console(sys.stderr)) as advance:
                extraction = extract_files(files, errors, advance, **scale)
        else:
            extraction = extract_files(files, errors, **scale)
        if fmt != "jsonl":
            result = extraction
            if command == "targets":
                from factcheck.app.api import target_table

                result = target_table(extraction).selected(args.all, args.year, args.region)
            _render_extraction(command, fmt, result, out)
    finally:
        if out is not sys.stdout:
            out.close()
    if fmt != "rich" or out is not sys.stdout:
        for error in extraction.errors:
            print(f"factcheck: {error.path}: {error.message}", file=sys.stderr)
    return EXIT_ERROR if any(e.level == "error" for e in extraction.errors) else EXIT_OK


def _render_extraction(command: str, fmt: str, result, out) -> None:
    if fmt == "json":
        from factcheck.formatters import jsonfmt

        if command == "targets":
            out.write(jsonfmt.render_targets(result))
        else:  # written in pieces: a large run's claim list need not be one string in memory
            jsonfmt.write_claims(result, out)
    elif fmt == "csv":
        from factcheck.formatters import csvfmt

        out.write(csvfmt.render_targets(result) if command == "targets" else csvfmt.render_claims(result))
    else:
        from factcheck.formatters import terminal

        console = terminal.make_console(out)
        (terminal.render_targets if command == "targets" else terminal.render_claims)(result, console)
