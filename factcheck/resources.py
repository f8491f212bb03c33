"""Where the rule data lives: inside the installed package, or in the repository's rules/ folder."""

from __future__ import annotations

from pathlib import Path


def rules_dir() -> Path:
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "rules"


def rules_path(name: str) -> Path:
    return rules_dir() / name
