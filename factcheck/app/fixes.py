"""Safe mechanical fixes (the checks marked fixable: FC702-FC705): plan them from findings, apply them to the original
text, and write files atomically in their own encoding. A fix only ever deletes white space inside a figure,
turns full-width digits into ASCII, or deletes the second copy of an exactly doubled run without digits.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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
    """Write to a temporary file beside path, then rename over it: a reader sees the old file or the new one,
    never half of one. The file's permissions are kept; line endings are whatever text holds."""
    path = Path(path)
    data = text.encode(encoding)
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    import tempfile  # only a fix writes: a check run need not import it

    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".factcheck-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def unified_diff(fix: FileFix) -> str:
    before = fix.before.splitlines(keepends=True)
    after = fix.after.splitlines(keepends=True)
    shown = Path(fix.path).as_posix()
    old, new = (shown, shown) if Path(fix.path).is_absolute() else (f"a/{shown}", f"b/{shown}")
    lines = difflib.unified_diff(before, after, fromfile=old, tofile=new)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
