"""Command line: parse arguments, call the API, pick a formatter. No extraction logic lives here."""

from __future__ import annotations

import argparse
import sys

from factcheck import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_CACHE_DIR = ".factcheck_cache"


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...], paths: str = "+") -> None:
    parser.add_argument("paths", nargs=paths, metavar="PATH", help=".txt/.md files or folders (walked recursively)")
    parser.add_argument("--format", choices=formats, default=formats[0], help="output format (default: %(default)s)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    _scale(parser)


def _scale(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=int, metavar="N", default=None,
                        help="worker processes for extraction (default: the number of cores; 1 = in-process)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the claims cache")
    parser.add_argument("--cache-dir", metavar="DIR", default=DEFAULT_CACHE_DIR,
                        help="where the claims cache lives (default: %(default)s in the current directory)")


def build_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    main = argparse.ArgumentParser(
        prog="factcheck",
        description="Check the figures in Chinese policy and news text against each other. "
                    "`factcheck claims PATH...` lists every numeric claim; `factcheck targets PATH...` tabulates "
                    "targets against outcomes.")
    main.add_argument("--version", action="version", version=f"factcheck {__version__}")
    _common(main, ("rich", "json"), paths="*")
    main.add_argument("--reference", action="append", default=[], metavar="PATH",
                      help="focus run: also read PATH (cached) as reference, report only findings touching PATH...")
    main.add_argument("--claims", action="append", default=[], metavar="FILE",
                      help="check claims read back from `factcheck claims --format jsonl` output ('-': stdin)")
    main.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default=None,
                      help="lowest severity that makes the exit status 1 (default: rules/checks.toml, error)")
    main.add_argument("--select", metavar="CODES", help="only these checks: codes, code prefixes or names, comma-separated")
    main.add_argument("--ignore", metavar="CODES", help="skip these checks: codes, code prefixes or names, comma-separated")
    claims = argparse.ArgumentParser(prog="factcheck claims", description="List every numeric claim with its "
                                     "value, interval, unit, role, aspect, region, metric and period.")
    _common(claims, ("rich", "json", "csv", "jsonl"))
    return main, claims


def build_targets_parser() -> argparse.ArgumentParser:
    targets = argparse.ArgumentParser(
        prog="factcheck targets", description="目标完成情况: the targets the documents set for a year, the outcome a "
        "later document reports, and whether each was met (tolerances from rules/checks.toml [FC403]).")
    _common(targets, ("rich", "json", "csv"))
    targets.add_argument("--all", action="store_true",
                         help="every target, also those that are not main targets and have no outcome yet")
    targets.add_argument("--year", type=int, metavar="YEAR", help="only targets for this year")
    targets.add_argument("--region", metavar="NAME", help="only this region (name, part of a name, or code prefix)")
    return targets


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    main_parser, claims_parser = build_parsers()
    if argv and argv[0] == "claims":
        args = claims_parser.parse_args(argv[1:])
        command = "claims"
    elif argv and argv[0] == "targets":
        args = build_targets_parser().parse_args(argv[1:])
        command = "targets"
    else:
        if argv and argv[0] == "check":
            argv = argv[1:]
        args = main_parser.parse_args(argv)
        command = "check"
        if not args.paths and not args.claims:
            main_parser.error("the following arguments are required: PATH (or --claims FILE)")
        if args.claims and args.reference:
            main_parser.error("--reference reads documents through the cache; it does not combine with --claims")
    try:
        out = open(args.output, "w", encoding="utf-8", newline="\n") if args.output else sys.stdout
    except OSError as exc:
        print(f"factcheck: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    try:
        report = None
        if command == "check":
            report = _check(args, out if args.format == "rich" else None)
            extraction = report.extraction
        elif args.format == "jsonl":
            extraction = _stream_claims(args, out)
        else:
            extraction = _extract(args, out if args.format == "rich" else None)
        if args.format == "jsonl":
            pass  # already written, document by document
        elif command == "targets":
            _render(command, args.format, _targets(args, extraction), out)
        else:
            _render(command, args.format, report or extraction, out)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.format != "rich" or out is not sys.stdout:
        for error in extraction.errors:
            print(f"factcheck: {error.path}: {error.message}", file=sys.stderr)
    if any(e.level == "error" for e in extraction.errors):
        return EXIT_ERROR
    if report is not None and report.fails(args.fail_on or _default_fail_on()):
        return EXIT_FINDINGS
    return EXIT_OK


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _scale_options(args) -> dict:
    from factcheck.pipeline import default_jobs

    return {"jobs": args.jobs if args.jobs and args.jobs > 0 else default_jobs(),
            "cache_dir": None if args.no_cache else args.cache_dir}


def _check(args, stream):
    from factcheck import api

    select, ignore = _split(args.select), _split(args.ignore) or ()
    if args.claims:
        return api.check_claims(args.claims, select, ignore, paths=args.paths, **_scale_options(args))
    with _progress(args.paths, stream) as advance:
        return api.check_paths(args.paths, select, ignore, references=args.reference, progress=advance,
                               **_scale_options(args))


def _stream_claims(args, out):
    from factcheck import api
    from factcheck.model import Extraction

    return Extraction((), api.stream_claims(args.paths, out, **_scale_options(args)))


def _targets(args, extraction):
    from factcheck.api import target_table

    return target_table(extraction).selected(args.all, args.year, args.region)


def _default_fail_on() -> str:
    from factcheck.report import check_settings

    return check_settings().get("report", {}).get("fail_on", "error")


def _extract(args, stream):
    from factcheck.api import extract_paths

    with _progress(args.paths, stream) as advance:
        return extract_paths(args.paths, advance, **_scale_options(args))


def _progress(paths, stream):
    """A progress bar on stderr when the report goes to the terminal; else a context yielding None."""
    import contextlib

    if stream is None or stream is not sys.stdout:
        return contextlib.nullcontext(None)
    from factcheck.documents import discover
    from factcheck.formatters.terminal import make_console, progress

    return progress(len(discover(paths)[0]), make_console(sys.stderr))


def _render(command: str, fmt: str, result, out) -> None:
    """result is a Report for the main job, an Extraction for `claims`, a TargetTable for `targets`."""
    if fmt == "json":
        from factcheck.formatters import jsonfmt

        if command == "targets":
            out.write(jsonfmt.render_targets(result))
        else:  # written in pieces: a large run's claim list need not be one string in memory
            (jsonfmt.write_report if command == "check" else jsonfmt.write_claims)(result, out)
    elif fmt == "csv":
        from factcheck.formatters import csvfmt

        out.write(csvfmt.render_targets(result) if command == "targets" else csvfmt.render_claims(result))
    else:
        from factcheck.formatters import terminal

        console = terminal.make_console(out)
        render = {"check": terminal.render_report, "claims": terminal.render_claims, "targets": terminal.render_targets}
        render[command](result, console)
