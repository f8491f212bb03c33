"""The shortcuts that keep extraction and the checks linear give the answers of the plain definitions."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.app.api import extract_paths
from factcheck.checks.base import CheckContext
from factcheck.checks.evidence.figures import all_overlap, overlaps
from factcheck.checks.evidence.target_matching import _usable_outcome, assess_targets, series_key, usable_target
from factcheck.model.claims import Quantity
from factcheck.report.build import build_report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PROVINCES = ROOT.parent / "shared" / "corpus" / "provincial-gwr"

_ends = st.one_of(st.none(), st.integers(-3, 3).map(Decimal))


@st.composite
def intervals(draw):
    low, high = draw(_ends), draw(_ends)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Quantity(None, low, high, draw(st.booleans()), draw(st.booleans()), None, "other", "exact")


@settings(max_examples=500, deadline=None)
@given(st.lists(intervals(), max_size=6))
def test_all_overlap_is_every_pair_overlapping(quantities):
    assert all_overlap(quantities) == all(overlaps(a, b) for a in quantities for b in quantities)


def _assert_pairwise(paths: list[str]) -> int:
    ctx = CheckContext(extract_paths(paths).documents)
    outcomes = [c for c in ctx.claims if c.role != "target" and c.period and c.period.isdigit()]
    assessed = {(a.target.location.path, a.target.id): a for a in assess_targets(ctx)}
    paired = 0
    for target in ctx.claims:
        if not usable_target(ctx, target):
            continue
        year = int(target.period)
        expected = tuple(c for c in outcomes if series_key(c, c.role) == series_key(target, target.kind)
                         and _usable_outcome(ctx, target, c, year))
        assert assessed[(target.location.path, target.id)].candidates == expected
        paired += bool(expected)
    return paired


def test_targets_are_paired_with_the_outcomes_the_pairwise_definition_gives():
    _assert_pairwise([str(SEEDS)])


@pytest.mark.skipif(not PROVINCES.is_dir(), reason="../shared/corpus is not beside the repository")
def test_provincial_targets_are_paired_as_the_pairwise_definition_pairs_them():
    assert _assert_pairwise([str(PROVINCES)]) > 20


def test_two_files_with_the_same_text_are_checked_like_two_files(tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    single = build_report(extract_paths([str(seed)]))
    double = build_report(extract_paths([str(tmp_path)]))  # the claims of both files share their ids
    per_file = {}
    for f in double.findings:
        per_file.setdefault(Path(f.place.location.path).name, []).append((f.rule, f.place.location.start))
    expected = sorted((f.rule, f.place.location.start) for f in single.findings if f.rule[:3] not in ("FC1", "FC4"))
    for name in ("a.txt", "b.txt"):
        assert sorted(x for x in per_file.get(name, []) if x[0][:3] not in ("FC1", "FC4")) == expected
