"""The hostile-input benchmark of issue 21: each pathological document generator at two sizes (n = 250 KB
and 4n) against ordinary report text of the same size (the seeds repeated), through a whole JSON check run
(extraction, every check, the JSON report with its fix positions), one process, no cache.

    python3 benchmarks/hostile.py                 # every generator, medians of 3 runs
    python3 benchmarks/hostile.py --rounds 1 --only digit-run,long-line
    python3 benchmarks/hostile.py --timeout 300

Printed per generator: seconds per MB at n and at 4n, the growth ratio t(4n)/t(n) (linear is 4; the target
is at most 4.6), and at 4n (1 MB) the time per MB against ordinary text's (target: at most 5x). Each run is
a fresh subprocess (no warm caches carried between runs; the rule data is loaded before the clock starts),
killed at --timeout, which then counts as a failure. Runs go round after round over every generator and both
sizes (ordinary text included), and each figure printed is the median of its rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KB = 1024
N = 250 * KB
GROWTH_TARGET = 4.6
RATIO_TARGET = 5.0


def _seed_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def _to_size(unit: str, size: int) -> str:
    """unit repeated to size bytes of UTF-8 (cut at a character boundary)."""
    data = (unit * (size // max(1, len(unit.encode("utf-8"))) + 1)).encode("utf-8")[:size]
    return data.decode("utf-8", "ignore")


def ordinary(size: int) -> str:
    return _to_size(_seed_text() + "\n\n", size)


def long_line(size: int) -> str:
    """The report text with every line break taken out: one line of size bytes."""
    return _to_size(_seed_text().replace("\n", "") , size)


def no_sentence_marks(size: int) -> str:
    """One sentence: the report text without 。！？；, and without line breaks."""
    text = _seed_text()
    for mark in "。！？；\n":
        text = text.replace(mark, "")
    return _to_size(text, size)


def digit_run(size: int) -> str:
    return "1" * size + "年来增长5%。\n"


def digit_runs_with_years(size: int) -> str:
    return _to_size("2025" * 50 + "年来", size)


def repeated_percent_words(size: int) -> str:
    return _to_size("百分之", size)


def repeated_doubling(size: int) -> str:
    return _to_size("翻一番", size)


def repeated_hedged_money(size: int) -> str:
    return _to_size("1亿元左右", size)


def fixable_findings(size: int) -> str:
    """A file that is nothing but fixable findings: doubled runs (FC702) and split figures (FC704)."""
    return _to_size("全面提升全面提升核心竞争力，全市企业13473 家。\n", size)


def hidden_characters(size: int) -> str:
    """The report text with a zero-width space after every character (FC708 on every figure)."""
    return _to_size("\u200b".join(_seed_text()), size)


def combining_marks(size: int) -> str:
    return _to_size("\u0301".join(_seed_text()), size)


def long_enumeration(size: int) -> str:
    """One clause listing figures without end: 分别增长1%、2%、3%…"""
    parts = "、".join(f"{i % 97}.{i % 7}%" for i in range(1, 200_000))
    return "全市地区生产总值、工业增加值分别增长" + _to_size(parts, size) + "。\n"


def blank_lines(size: int) -> str:
    return _to_size("\n", size)


def cjk_without_marks(size: int) -> str:
    """CJK characters with no punctuation, digits or line breaks (the segmenter's and the sentence splitter's
    worst case)."""
    return _to_size("".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(5000)), size)


GENERATORS: dict[str, Callable[[int], str]] = {
    "long-line": long_line,
    "no-sentence-marks": no_sentence_marks,
    "digit-run": digit_run,
    "digit-runs-years": digit_runs_with_years,
    "百分之": repeated_percent_words,
    "翻一番": repeated_doubling,
    "亿元左右": repeated_hedged_money,
    "fixable-findings": fixable_findings,
    "hidden-characters": hidden_characters,
    "combining-marks": combining_marks,
    "long-enumeration": long_enumeration,
    "blank-lines": blank_lines,
    "cjk-without-marks": cjk_without_marks,
}

# In the child: load everything a run needs, then time one whole JSON check run of the file.
_CHILD = """
import sys, time
from factcheck.app.cli import main
from factcheck.extract.regions.gazetteer import load_gazetteer
from factcheck.extract.metrics.names import tokenizer
load_gazetteer(); tokenizer().cut("全市地区生产总值增长5%")
start = time.perf_counter()
code = main([sys.argv[1], "--no-cache", "--jobs", "1", "--format", "json", "-o", sys.argv[2], "--fail-on", "never"])
print(time.perf_counter() - start, code)
"""


def measure(text: str, timeout: float, folder: Path) -> float | None:
    path = folder / "doc.txt"
    path.write_text(text, encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(folder / "out.json")],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0 or not done.stdout.strip():
        print(f"    run failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}", file=sys.stderr)
        return None
    seconds, code = done.stdout.split()
    if code not in ("0", "1", "2"):
        print(f"    exit status {code}", file=sys.stderr)
        return None
    return float(seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run counts as a hang")
    parser.add_argument("--only", help="comma-separated generator names")
    parser.add_argument("--json", metavar="FILE", help="also write the measurements as JSON")
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(GENERATORS)
    unknown = [name for name in names if name not in GENERATORS]
    if unknown:
        parser.error(f"unknown generators: {', '.join(unknown)}")
    generators: dict[str, Callable[[int], str]] = {"ordinary": ordinary, **{name: GENERATORS[name] for name in names}}
    sizes = (N, 4 * N)
    mb = {size: size / (1024 * KB) for size in sizes}
    times: dict[tuple[str, int], list[float]] = {(name, size): [] for name in generators for size in sizes}
    hung: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts = {(name, size): generator(size) for name, generator in generators.items() for size in sizes}
        # Round after round over every generator and both sizes, so that the load of a shared machine,
        # which drifts over minutes, weighs on every column alike rather than on whichever ran last.
        for round_ in range(args.rounds):
            for name in generators:
                for size in sizes:
                    if name in hung:
                        continue
                    t = measure(texts[name, size], args.timeout, folder)
                    if t is None:
                        hung.add(name)
                        continue
                    times[name, size].append(t)
                    print(f"  round {round_ + 1} {name} {size // KB} KB: {t:.2f} s", file=sys.stderr, flush=True)
    median = {key: statistics.median(ts) for key, ts in times.items() if ts}
    results: dict[str, dict[str, float] | None] = {}
    ok = "ordinary" not in hung
    print(f"{'generator':<20}{'s/MB @n':>10}{'s/MB @4n':>10}{'growth':>9}{'x ordinary':>12}  verdict")
    for name in generators:
        if name in hung:
            print(f"{name:<20}{'timeout or failure':>41}  FAIL")
            ok = False
            results[name] = None
            continue
        small, large = median[name, N], median[name, 4 * N]
        growth = large / small
        ratio = large / median["ordinary", 4 * N] if "ordinary" not in hung else float("nan")
        verdict = "" if name == "ordinary" else (
            "PASS" if growth <= GROWTH_TARGET and ratio <= RATIO_TARGET else "FAIL")
        ok &= verdict != "FAIL"
        results[name] = {"n": small, "4n": large, "growth": growth, "ratio": ratio}
        print(f"{name:<20}{small / mb[N]:>10.2f}{large / mb[4 * N]:>10.2f}{growth:>9.2f}{ratio:>12.2f}  {verdict}",
              flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    print("all PASS" if ok else "some FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
