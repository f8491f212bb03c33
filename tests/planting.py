"""Planting edits in a copy of seeds/ for the planted-edit tests of the checks."""

import shutil
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def copy_seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def plant(path: Path, old: str, new: str, line: int) -> None:
    """Replace old by new on one line (1-based), which must hold it."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first old by new anywhere in the file, which must hold it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def at(found, code: str, name: str, line: int) -> list:
    return [f for f in found if f.rule == code and Path(f.place.location.path).name == name
            and f.place.location.line == line]
