"""Which formatter writes what: a report, an operational error in a machine format, a claim list or a targets
table, in the format the command line asked for. Only the formatter asked for is imported: the others cost a
run's start-up time for nothing (docs/scaling.md)."""

from __future__ import annotations

from factcheck.formatters import jsonfmt
from factcheck.report.gcpolicy import settled


def formatter(fmt: str):
    if fmt == "json":
        return jsonfmt.render_report
    if fmt == "sarif":
        from factcheck.formatters import sarif  # lazy: the format asked for only

        return sarif.render_report
    if fmt == "concise":
        from factcheck.formatters import concise  # lazy: the format asked for only

        return concise.render_report
    from factcheck.formatters import github  # lazy: the format asked for only

    return github.render_report


def render_report(fmt: str, report, out, quiet: bool, docs_url: str | None = None,
                  elapsed: float | None = None) -> None:
    with settled():
        _render(fmt, report, out, quiet, docs_url, elapsed)


def _render(fmt: str, report, out, quiet: bool, docs_url: str | None, elapsed: float | None) -> None:
    if fmt == "rich":
        from factcheck.formatters import terminal  # lazy: the format asked for only (and rich)

        terminal.render_report(report, terminal.make_console(out), quiet=quiet)
    elif fmt == "json":  # written in pieces: a large run's claim list need not be one string in memory
        jsonfmt.write_report(report, out)
    elif fmt == "html":
        from factcheck.formatters import html  # lazy: the format asked for only

        out.write(html.render_report(report, elapsed=elapsed))
    elif fmt == "sarif":
        from factcheck.formatters import sarif  # lazy: the format asked for only

        out.write(sarif.render_report(report, docs_url=docs_url))
    else:
        out.write(formatter(fmt)(report))


def render_extraction(command: str, fmt: str, result, out, excel: bool = False) -> None:
    if fmt == "json":
        if command == "targets":
            out.write(jsonfmt.render_targets(result))
        else:  # written in pieces: a large run's claim list need not be one string in memory
            jsonfmt.write_claims(result, out)
    elif fmt == "csv":
        from factcheck.formatters import csvfmt  # lazy: the format asked for only

        render = csvfmt.render_targets if command == "targets" else csvfmt.render_claims
        out.write(render(result, excel=excel))
    elif fmt == "html":
        from factcheck.formatters import html  # lazy: the format asked for only

        out.write(html.render_targets(result))
    else:
        from factcheck.formatters import terminal  # lazy: the format asked for only (and rich)

        console = terminal.make_console(out)
        (terminal.render_targets if command == "targets" else terminal.render_claims)(result, console)
