"""Locate data files shipped with factcheck."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO_RULES = Path(__file__).resolve().parent.parent / "rules"


def rules_path(name: str) -> Path:
    """Path of rules/<name>.

    An installed package carries the rules inside itself (factcheck/rules, by symlink or
    package-data mapping); a source checkout has them at the repository root. The packaged
    copy wins so that an installed factcheck never reads a stray checkout's rules.
    """
    try:
        packaged = resources.files("factcheck").joinpath("rules", name)
        if packaged.is_file() and isinstance(packaged, Path):
            return packaged
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    return _REPO_RULES / name
