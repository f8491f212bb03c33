"""Shared fixtures: a slice of the real corpus (../shared/corpus, skipped when absent) and its claims cache,
built once per test session so the scale tests do not each extract the same documents again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

# Two years of reports of a few provinces (targets in 2025, outturns in 2026), national reports and the
# nested Jiangxi bulletins (province, city, county): every corpus-scope check has material here.
SLICE = [
    "provincial-gwr/jiangsu_2025_gwr.txt", "provincial-gwr/jiangsu_2026_gwr.txt",
    "provincial-gwr/hebei_2025_gwr.txt", "provincial-gwr/hebei_2026_gwr.txt",
    "provincial-gwr/anhui_2025_gwr.txt", "provincial-gwr/anhui_2026_gwr.txt",
    "provincial-gwr/jiangxi_2025_gwr.txt", "provincial-gwr/jiangxi_2026_gwr.txt",
    "national-gwr/china_2024_gwr.txt", "national-gwr/china_2025_gwr.txt",
    "jiangxi-bulletins/jiangxi_2022_bulletin.txt", "jiangxi-bulletins/jiangxi-yichun_2022_bulletin.txt",
    "jiangxi-bulletins/jiangxi-yichun-wanzai_2022_bulletin.txt",
]


@pytest.fixture(scope="session")
def corpus_slice(tmp_path_factory) -> Path:
    """A folder holding the slice and the seeds (copied: tests may edit them)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not available")
    folder = tmp_path_factory.mktemp("slice")
    for name in SLICE:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / name, target)
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    return folder


@pytest.fixture(scope="session")
def slice_cache(corpus_slice, tmp_path_factory) -> Path:
    """A claims cache holding the slice (filled by one full check run with two workers)."""
    from factcheck.app.api import check_paths

    cache = tmp_path_factory.mktemp("cache")
    check_paths([str(corpus_slice)], jobs=2, cache_dir=cache)
    return cache


@pytest.fixture(scope="session")
def slice_extraction(corpus_slice):
    """The slice extracted the plain way: one process, no cache."""
    from factcheck.app.api import extract_paths

    return extract_paths([str(corpus_slice)], jobs=1)
