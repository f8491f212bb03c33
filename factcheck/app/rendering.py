"""Which formatter writes what: a report, an operational error in a machine format, a claim list or a targets
table, in the format the command line asked for."""

from __future__ import annotations


def formatter(fmt: str):
    if fmt == "json":
        from factcheck.formatters.jsonfmt import render_report
    elif fmt == "sarif":
        from factcheck.formatters.sarif import render_report
    elif fmt == "concise":
        from factcheck.formatters.concise import render_report
    else:
        from factcheck.formatters.github import render_report
    return render_report


def render_report(fmt: str, report, out, quiet: bool, docs_url: str | None = None,
                   elapsed: float | None = None) -> None:
    from factcheck.report.gcpolicy import settled

    with settled():
        _render(fmt, report, out, quiet, docs_url, elapsed)


def _render(fmt: str, report, out, quiet: bool, docs_url: str | None, elapsed: float | None) -> None:
    if fmt == "rich":
        from factcheck.formatters import terminal

        terminal.render_report(report, terminal.make_console(out), quiet=quiet)
    elif fmt == "json":  # written in pieces: a large run's claim list need not be one string in memory
        from factcheck.formatters.jsonfmt import write_report

        write_report(report, out)
    elif fmt == "concise":
        from factcheck.formatters.concise import render_report

        out.write(render_report(report))
    elif fmt == "html":
        from factcheck.formatters.html import render_report as render_html

        out.write(render_html(report, elapsed=elapsed))
    elif fmt == "sarif":
        from factcheck.formatters.sarif import render_report as render_sarif

        out.write(render_sarif(report, docs_url=docs_url))
    else:
        out.write(formatter(fmt)(report))


def render_extraction(command: str, fmt: str, result, out, excel: bool = False) -> None:
    if fmt == "json":
        from factcheck.formatters import jsonfmt

        if command == "targets":
            out.write(jsonfmt.render_targets(result))
        else:  # written in pieces: a large run's claim list need not be one string in memory
            jsonfmt.write_claims(result, out)
    elif fmt == "csv":
        from factcheck.formatters import csvfmt

        render = csvfmt.render_targets if command == "targets" else csvfmt.render_claims
        out.write(render(result, excel=excel))
    elif fmt == "html":
        from factcheck.formatters.html import render_targets

        out.write(render_targets(result))
    else:
        from factcheck.formatters import terminal

        console = terminal.make_console(out)
        (terminal.render_targets if command == "targets" else terminal.render_claims)(result, console)
