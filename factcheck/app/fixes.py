"""Safe mechanical fixes (the checks marked fixable: FC702-FC705): plan them from findings, apply them to the original
text, and write files atomically in their own encoding. A fix only ever deletes white space inside a figure,
turns full-width digits into ASCII, deletes the second copy of an exactly doubled run without digits, or deletes
invisible characters inside the text.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from factcheck.app.outputs import write_atomically as write_bytes
from factcheck.checks import CHECKS
from factcheck.model.findings import Edit, Finding, splice


def fixable_codes() -> tuple[str, ...]:
    """The codes of the checks whose edits --fix applies (Check.fixable)."""
    return tuple(c.code for c in CHECKS if c.fixable)


@dataclass(frozen=True, slots=True)
class FileFix:
    path: str
    encoding: str
    before: str
    after: str
    applied: int  # findings whose edits were applied


def planned_edits(findings: Iterable[Finding]) -> dict[str, list[tuple[Finding, tuple[Edit, ...]]]]:
    plan: dict[str, list[tuple[Finding, tuple[Edit, ...]]]] = {}
    fixable = fixable_codes()
    for f in findings:
        if f.fix and f.rule in fixable:
            plan.setdefault(f.place.location.path, []).append((f, f.fix))
    return plan


def apply_edits(text: str, groups: Iterable[tuple[Edit, ...]]) -> tuple[str, int]:
    """Apply whole groups (one finding's edits) that overlap no group applied before; (new text, groups applied).
    Overlapping fixes wait for the next pass, after the text is read again."""
    taken: list[tuple[int, int]] = []
    chosen: list[Edit] = []
    applied = 0
    for group in sorted(groups, key=lambda g: min(e.start for e in g)):
        if any(e.start < end and start < e.end for e in group for start, end in taken):
            continue
        taken.extend((e.start, e.end) for e in group)
        chosen.extend(group)
        applied += 1
    return splice(text, chosen), applied


def write_atomically(path: Path | str, text: str, encoding: str) -> None:
    """text written over path in its encoding, atomically, through symlinks, keeping mode and owner; a file
    with other hard links, or no regular file, is refused (factcheck.app.outputs)."""
    write_bytes(path, text.encode(encoding))


def unified_diff(fix: FileFix) -> str:
    before = fix.before.splitlines(keepends=True)
    after = fix.after.splitlines(keepends=True)
    shown = Path(fix.path).as_posix()
    old, new = (shown, shown) if Path(fix.path).is_absolute() else (f"a/{shown}", f"b/{shown}")
    lines = difflib.unified_diff(before, after, fromfile=old, tofile=new)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
