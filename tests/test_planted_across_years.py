"""Restated figures across two years' reports of one province (issue 19): a figure changed in this year's report
is caught against last year's, by the cross-document growth check (FC306) and by FC101/FC102."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck.app.api import check_paths

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ROOT.parent / "shared" / "corpus" / "provincial-gwr"

pytestmark = pytest.mark.skipif(not PROVINCES.is_dir(), reason="../shared/corpus is not beside the repository")


def _pair(tmp_path: Path, name: str) -> tuple[Path, Path]:
    for year in ("2025", "2026"):
        shutil.copy(PROVINCES / f"{name}_{year}_gwr.txt", tmp_path)
    return tmp_path / f"{name}_2025_gwr.txt", tmp_path / f"{name}_2026_gwr.txt"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _found(tmp_path: Path, rule: str, severities=("error", "warning")) -> list:
    report = check_paths([str(tmp_path)])
    return [f for f in report.findings if f.rule == rule and f.severity in severities]


def test_the_growth_rate_beside_this_years_figure_is_redone_from_last_years(tmp_path):
    _, later = _pair(tmp_path, "jilin")
    assert not _found(tmp_path, "FC306", ("error", "warning", "info"))  # 64.6亿元 -> 107.2亿元 is 65.9%
    _edit(later, "国有资本收益107.2亿元", "国有资本收益117.2亿元")
    found = _found(tmp_path, "FC306")
    assert len(found) == 1 and "64.6亿元" in found[0].message and "117.2亿元" in found[0].message
    assert found[0].place.location.path.endswith("jilin_2026_gwr.txt")
