"""Locate data files shipped with factcheck."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # factcheck/, which carries rules/ when installed
_REPO_RULES = _PACKAGE.parent / "rules"


def rules_path(name: str) -> Path:
    """Path of rules/<name>.

    An installed package carries the rules inside itself (factcheck/rules, by symlink or
    package-data mapping); a source checkout has them at the repository root. The packaged
    copy wins so that an installed factcheck never reads a stray checkout's rules.
    """
    # (importlib.resources finds the same file, at a start-up cost: docs/scaling.md)
    packaged = _PACKAGE / "rules" / name
    if packaged.is_file():
        return packaged
    return _REPO_RULES / name
