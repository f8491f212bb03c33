"""`--format concise`: one finding a line, `path:line:col: FC101 [error] message`, the form terminals, editors'
problem matchers and pre-commit logs turn into links (Vale's --output=line, ruff's concise). Paths are
relative to the current folder."""

from __future__ import annotations

import os


def relative_path(path: str) -> str:
    """path relative to the current folder, / separated; one outside it as given (an absolute path stays
    absolute, ../shared/a.txt stays so), as does one with no relative path (another drive)."""
    try:
        relative = os.path.relpath(os.path.abspath(path))
    except ValueError:
        return path
    if relative.startswith("..") and os.path.isabs(path):
        return path
    return relative.replace(os.sep, "/")


def _one_line(text: str) -> str:
    return " ".join(text.split("\n"))


def finding_line(finding) -> str:
    loc = finding.place.location
    return (f"{relative_path(loc.path)}:{loc.line}:{loc.column}: {finding.rule} [{finding.severity}] "
            f"{_one_line(finding.message)}")


def render_report(report, errors_extra: tuple[str, ...] = ()) -> str:
    lines = [finding_line(f) for f in report.findings] if report is not None else []
    for unused in (report.unused_suppressions or ()) if report is not None else ():
        lines.append(f"{relative_path(unused.path)}:{unused.line}:1: unused-suppression [warning] "
                     f"抑制未起作用 (suppressed nothing): {_one_line(unused.text)}")
    for error in report.extraction.errors if report is not None else ():
        lines.append(f"{relative_path(error.path)}: [{error.level}] {_one_line(error.message)}")
    lines.extend(f"factcheck: [error] {_one_line(message)}" for message in errors_extra)
    return "".join(line + "\n" for line in lines)
