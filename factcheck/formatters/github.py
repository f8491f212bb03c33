"""`--format github`: workflow commands that GitHub Actions turns into annotations on the changed lines."""

from __future__ import annotations

import os

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _path(path: str) -> str:
    """Annotations name files relative to the workspace (the current folder) when they lie inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative.replace(os.sep, "/")


def _property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render_report(report, errors_extra: tuple[str, ...] = ()) -> str:
    lines = []
    for f in report.findings if report is not None else ():
        loc = f.place.location
        # GitHub takes columns only within one line: a finding over several lines gives its lines alone
        columns = f"col={loc.column},endLine={loc.end_line},endColumn={loc.end_column}" if loc.line == loc.end_line \
            else f"endLine={loc.end_line}"
        props = f"file={_property(_path(loc.path))},line={loc.line},{columns},title={_property(f.rule + ' ' + f.name)}"
        lines.append(f"::{_COMMAND[f.severity]} {props}::{_data(f.message)}")
    for u in (report.unused_suppressions or ()) if report is not None else ():
        lines.append(f"::warning file={_property(_path(u.path))},line={u.line},title=unused-suppression::"
                     f"{_data('抑制未起作用 (suppressed nothing): ' + u.text)}")
    for e in report.extraction.errors if report is not None else ():
        lines.append(f"::{'error' if e.level == 'error' else 'warning'} file={_property(_path(e.path))}"
                     f"::{_data(e.message)}")
    lines.extend(f"::error::{_data(message)}" for message in errors_extra)
    return "".join(line + "\n" for line in lines)
