"""Command line: parse arguments, call the API, pick a formatter. No extraction logic lives here."""

from __future__ import annotations

import argparse
import os
import sys

from factcheck import __version__
from factcheck.app.outputs import EXIT_ERROR, EXIT_INTERNAL, EXIT_OK, OutputError, open_output
from factcheck.app.outputs import say as _say

SEVERITY_CHOICES = ("error", "warning", "info")


class _FixHelp(str):
    """The --fix help names the fixable checks (Check.fixable). argparse formats a help string with % only
    when it prints help, so the checks are imported then, not on every start (a --version run)."""

    def __mod__(self, params):
        from factcheck.app.fixes import fixable_codes  # lazy: the checks; --version needs none (docs/scaling.md)

        return str.__mod__(self.format(codes=", ".join(fixable_codes())), params)


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...], paths_required: bool = True) -> None:
    parser.add_argument("paths", nargs="+" if paths_required else "*", metavar="PATH",
                        help=".txt/.md files or folders (walked recursively)")
    parser.add_argument("--format", choices=formats, default=None,
                        help=f"output format (default: {formats[0]}, or the config's format)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument("--config", metavar="FILE",
                        help="config file (default: the nearest factcheck.toml or pyproject.toml [tool.factcheck])")
    parser.add_argument("--jobs", type=int, metavar="N", default=None,
                        help="worker processes for extraction (default: the config's, else the number of cores; "
                             "1 = in-process)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the claims cache")
    parser.add_argument("--cache-dir", metavar="DIR", default=None,
                        help="where the claims cache lives (default: .factcheck_cache beside the config, "
                             "else in the current directory)")


def build_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    main = argparse.ArgumentParser(
        prog="factcheck",
        description="Check the figures in Chinese policy and news text against each other. "
                    "`factcheck claims PATH...` lists every numeric claim; `factcheck targets PATH...` tabulates "
                    "targets against outcomes.")
    main.add_argument("--version", action="version", version=f"factcheck {__version__}")
    _common(main, ("rich", "json", "sarif", "github", "concise", "html"), paths_required=False)
    main.add_argument("--fail-on", choices=(*SEVERITY_CHOICES, "never"), default=None,
                      help="lowest severity that makes the exit status 1 (default: config, else error)")
    main.add_argument("--min-severity", choices=SEVERITY_CHOICES, default=None,
                      help="lowest severity shown (default: info); does not change the exit status (the summary "
                           "counts the findings it hid)")
    main.add_argument("--select", metavar="CODES",
                      help="only these checks: codes, code prefixes or names, comma-separated")
    main.add_argument("--ignore", metavar="CODES",
                      help="skip these checks: codes, code prefixes or names, comma-separated")
    main.add_argument("--reference", metavar="PATH", action="append", default=[],
                      help="reference corpus, read too (through the cache, only what can meet a PATH's claims); "
                           "only findings touching the PATHs are reported (repeatable)")
    main.add_argument("--claims", action="append", default=[], metavar="FILE",
                      help="check claims read back from `factcheck claims --format jsonl` output ('-': stdin; "
                           "repeatable), with any PATHs")
    main.add_argument("--facts", action="append", default=[], metavar="FILE",
                      help="a registry of confirmed figures (CSV or TOML), added to the config's facts (repeatable; "
                           "docs/newsroom-rules.md)")
    main.add_argument("--rule-file", action="append", default=[], metavar="FILE",
                      help="declared rules (TOML [[rule]] tables), added to the config's rule-files (repeatable)")
    main.add_argument("--dask", metavar="ADDRESS", default=None,
                      help="extract on a Dask cluster: a scheduler's address (tcp://host:8786), or local[:N] to start "
                           "N local workers for the run (default: the config's dask); the checks run here")
    main.add_argument("-q", "--quiet", action="store_true", help="print the findings and nothing else")
    main.add_argument("--stdin", action="store_true", help="check text read from standard input")
    main.add_argument("--stdin-filename", metavar="NAME", help="the file name the standard input stands for")
    fixing = main.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true", help=_FixHelp("apply the safe fixes ({codes}) in place"))
    fixing.add_argument("--diff", action="store_true", help="show the safe fixes as a diff; change nothing")
    fixing.add_argument("--write-baseline", nargs="?", const=True, metavar="FILE",
                        help="record the current findings in FILE (default: .factcheck-baseline.json)")
    main.add_argument("--baseline", nargs="?", const=True, metavar="FILE",
                      help="report only findings the baseline does not record (default: .factcheck-baseline.json)")
    main.add_argument("--report-unused-suppressions", action="store_true",
                      help="list the suppression comments and .factcheckignore lines that silenced nothing "
                           "(exit 1 when there are any)")
    main.add_argument("--list-rules", action="store_true", help="list every check and exit")
    main.add_argument("--explain", metavar="CODE", help="print a check's summary, why, and examples, and exit")
    claims = argparse.ArgumentParser(prog="factcheck claims", description="List every numeric claim with its "
                                     "value, interval, unit, role, aspect, region, metric and period.")
    _common(claims, ("rich", "json", "csv", "jsonl"))
    _excel(claims)
    return main, claims


def _excel(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--excel", action="store_true",
                        help="CSV for spreadsheets: UTF-8 with a BOM, Chinese column headers, one line per cell "
                             "(line breaks shown as ⏎), paths relative to the current folder (implies --format csv)")


def build_targets_parser() -> argparse.ArgumentParser:
    targets = argparse.ArgumentParser(
        prog="factcheck targets", description="目标完成情况: the targets the documents set for a year, the outcome a "
        "later document reports, and whether each was met (tolerances from rules/checks.toml [FC403]).")
    _common(targets, ("rich", "json", "csv", "html"))
    _excel(targets)
    targets.add_argument("--all", action="store_true",
                         help="every target, also those that are not main targets and have no outcome yet")
    targets.add_argument("--year", type=int, metavar="YEAR", help="only targets for this year")
    targets.add_argument("--region", metavar="NAME", help="only this region (name, part of a name, or code prefix)")
    return targets


def build_newsroom_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """`factcheck confirm` and `factcheck facts`: keeping the confirmed-figures registry (docs/newsroom-rules.md)."""
    confirm = argparse.ArgumentParser(
        prog="factcheck confirm", description="Append the claim at PATH:LINE[:COL] (or PATH --id ID) to the "
        "confirmed-figures registry, with its region, metric, period, value, source and date, after showing it.")
    confirm.add_argument("place", metavar="PATH:LINE[:COL]", help="where the claim stands (or PATH with --id)")
    confirm.add_argument("--id", metavar="ID", help="the claim's id, as the JSON report and `factcheck claims` give it")
    confirm.add_argument("--facts", metavar="FILE",
                         help="the registry to append to (default: the config's first facts file)")
    confirm.add_argument("--source", metavar="TEXT", help="who confirmed the figure (default: PATH:LINE)")
    confirm.add_argument("--date", metavar="YYYY-MM-DD", help="the source's date (default: the document's, else today)")
    confirm.add_argument("--note", metavar="TEXT", default="", help="a note kept with the entry")
    confirm.add_argument("--config", metavar="FILE", help="config file (default: the nearest one)")
    confirm.add_argument("-y", "--yes", action="store_true", help="append without asking (asked only on a terminal)")
    confirm.add_argument("--dry-run", action="store_true", help="show the entry; append nothing")
    facts = argparse.ArgumentParser(
        prog="factcheck facts", description="List the confirmed-figures registry and the declared rules, flagging "
        "entries that contradict each other (exit 1); --check only validates. Invalid files: exit 2, every bad "
        "row named by file and line.")
    facts.add_argument("--facts", action="append", default=[], metavar="FILE",
                       help="a registry file, besides the config's")
    facts.add_argument("--rule-file", action="append", default=[], metavar="FILE",
                       help="a rule file, besides the config's")
    facts.add_argument("--check", action="store_true", help="validate the files; list nothing")
    facts.add_argument("--format", choices=("rich", "json"), default=None,
                       help="plain text (default) or schema factcheck-facts/1")
    facts.add_argument("--config", metavar="FILE", help="config file (default: the nearest one)")
    return confirm, facts


def entry() -> None:
    """The console script (and python -m factcheck): main(), then exit without tearing the interpreter down.
    A run's last act was freeing every claim, dictionary and module one by one, a measurable part of a focus run
    in a pre-commit hook; the process's files are closed and its output flushed here, and the caches' SQLite
    connections were closed by the run itself. (mypy leaves the same way.) Called as a function, main()
    returns normally."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can reach the reader
            pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Exit status: 0 clean, 1 findings, 2 usage, input or output error, 3 internal error. Nothing escapes
    as a traceback: an output that fails says so in one line (exit 2; a reader that closed the pipe is told
    nothing), and an error of factcheck's own is one line asking for a report (exit 3)."""
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 is shown escaped, not a crash
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
    try:
        return _main(argv)
    except OutputError as exc:
        if exc.broken_pipe:
            _silence_stdout()
        else:
            _say(f"factcheck: {exc}")
        return EXIT_ERROR
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        _say("factcheck: 已中断 (interrupted)")
        return 130
    except Exception as exc:  # a bug: one line, never a traceback that CI reads as findings
        where = _innermost_frame(exc)
        _say(f"factcheck: 内部错误 (internal error): {type(exc).__name__}: {str(exc)[:300]}{where} "
             f"— please report it with the input that caused it")
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    """The reader is gone: what is still buffered for it goes nowhere, without a message at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _innermost_frame(exc: BaseException) -> str:
    traceback = exc.__traceback__
    if traceback is None:
        return ""
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    code = traceback.tb_frame.f_code
    return f" (at {os.path.basename(code.co_filename)}:{traceback.tb_lineno} in {code.co_name})"


def _main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    main_parser, claims_parser = build_parsers()
    if argv and argv[0] == "claims":
        return _extraction_command("claims", claims_parser.parse_args(argv[1:]))
    if argv and argv[0] == "targets":
        return _extraction_command("targets", build_targets_parser().parse_args(argv[1:]))
    if argv and argv[0] in ("confirm", "facts"):
        from factcheck.app import confirm, newsroom  # lazy: the checks; --version needs none (docs/scaling.md)

        confirm_parser, facts_parser = build_newsroom_parsers()
        if argv[0] == "confirm":
            return confirm.confirm_command(confirm_parser.parse_args(argv[1:]))
        return newsroom.facts_command(facts_parser.parse_args(argv[1:]))
    if argv and argv[0] == "check":
        argv = argv[1:]
    args = main_parser.parse_args(argv)
    if args.list_rules or args.explain:
        from factcheck.formatters.rule_text import explain, list_rules  # lazy: the checks (docs/scaling.md)

        text = list_rules() if args.list_rules else explain(args.explain)
        if text is None:
            _say(f"factcheck: unknown check {args.explain!r} (see factcheck --list-rules)")
            return EXIT_ERROR
        out = open_output(None)
        out.write(text)
        out.commit()
        return EXIT_OK
    if args.stdin_filename and not args.stdin:
        main_parser.error("--stdin-filename needs --stdin")
    if args.stdin and args.paths:
        main_parser.error("--stdin reads standard input; give no PATH (name it with --stdin-filename)")
    if args.claims and (args.reference or args.stdin or args.fix or args.diff):
        main_parser.error("--claims checks claims already extracted; it does not combine with "
                          "--reference, --stdin, --fix or --diff")
    if args.jobs is not None and args.jobs < 1:
        main_parser.error("--jobs must be at least 1")
    if args.dask is not None:
        from factcheck.app.config import dask_address_error  # lazy: config reads the checks (docs/scaling.md)

        if problem := dask_address_error(args.dask):
            main_parser.error(f"--dask: {problem}")
    # lazy: the whole pipeline; --version and --help import only this module and outputs (docs/scaling.md)
    from factcheck.app.commands import check_command

    return check_command(args, main_parser)


def _extraction_command(command: str, args) -> int:
    if args.excel:
        if args.format not in (None, "csv"):
            print(f"factcheck {command}: error: --excel writes CSV; it does not combine with --format {args.format}",
                  file=sys.stderr)
            return EXIT_ERROR
        args.format = "csv"
    from factcheck.app.commands import extraction_command  # lazy: as check_command above (docs/scaling.md)

    return extraction_command(command, args)
