"""The extractor's measured accuracy on the gold set must not fall below what it reaches today.

Floors sit at (just under) the figures benchmarks/accuracy.py prints, so a change that makes extraction
worse fails here; raise them when the extractor gets better.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold"

# metric is the lenient comparison (one wording containing the other counts); metric_strict asks for the gold
# wording (or a metric_alt) after the same normalization.
FLOORS = {"precision": 0.996, "recall": 0.981, "value_unit_interval": 0.9895, "traps_avoided": 0.995,
          "region": 0.99, "period": 0.941, "metric": 0.878, "metric_strict": 0.832}
# The held-out reports' gold (benchmarks/accuracy.HELD_OUT): region and period, the figures issue 19 set targets for.
# period 0.948 after the number grammar of issue 20 was merged (it matches figures the held-out gold dates
# differently); 0.95 on the same-fact branch alone.
HELD_OUT_FLOORS = {"region": 0.974, "period": 0.947}
# Claim identity on tests/gold/same_fact.jsonl (benchmarks/same_fact.py, keys only): same-fact pairs whose two
# mentions get one figure_key, and near-pairs that do (target <= 3%). Measured 0.547 and 1 of 337 on the gold of
# 225 same pairs (anniversaries keyed by their event); a grown pair gold is measured again before the floor moves.
PAIR_KEY_RECALL_FLOOR = 0.54
FALSE_MERGE_CEILING = 0.03


def gold_records():
    """Mention gold records, the held-out reports' too (benchmarks/accuracy.py scores those apart)."""
    for path in sorted(GOLD.glob("*.jsonl")):
        if path.name == "same_fact.jsonl":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def test_gold_set_is_large_and_varied_enough():
    records = list(gold_records())
    files = {r["file"] for r in records}
    assert len(records) >= 400
    assert sum(r["is_quantity"] for r in records) >= 400
    assert len({f for f in files if f.startswith("corpus/")}) >= 12
    assert {f for f in files if f.startswith("seeds/")}


def test_gold_records_slice_back_to_their_text():
    cache: dict[str, list[str]] = {}
    for r in gold_records():
        if r["file"].startswith("corpus/"):
            path = CORPUS / r["file"].removeprefix("corpus/")
            if not path.exists():
                continue
        else:
            path = ROOT / r["file"]
        lines = cache.setdefault(r["file"], path.read_text(encoding="utf-8-sig").split("\n"))
        line = lines[r["line"] - 1]
        assert line[r["column"] - 1:r["column"] - 1 + len(r["text"])] == r["text"], r


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
def test_accuracy_does_not_fall():
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from accuracy import score

    result, skipped = score(GOLD, CORPUS)
    assert not skipped
    summary = result.summary()
    below = {k: round(summary[k], 3) for k, floor in FLOORS.items() if summary[k] < floor}
    assert not below, f"accuracy fell below the floor: {below}"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
def test_held_out_region_and_period_do_not_fall():
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from accuracy import score

    result, skipped = score(GOLD, CORPUS, held_out=True)
    assert not skipped and result.tp >= 600
    summary = result.summary()
    below = {k: round(summary[k], 3) for k, floor in HELD_OUT_FLOORS.items() if summary[k] < floor}
    assert not below, f"held-out accuracy fell below the floor: {below}"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
def test_claim_identity_does_not_fall():
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from same_fact import score_pairs

    result = score_pairs(GOLD, CORPUS, edits=False)
    assert not result.skipped
    summary = result.summary()
    assert summary["pair_key_recall"] >= PAIR_KEY_RECALL_FLOOR, summary
    assert summary["false_merge_rate"] <= FALSE_MERGE_CEILING, summary
