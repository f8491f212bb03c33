"""The scale benchmarks of issue 5: each figure with its target and PASS/FAIL, as medians of repeated runs
of the installed CLI in subprocesses (Python start-up included, as a user sees it).

    python3 benchmarks/run.py                  # 1/10/50 MB corpora and a 1,000-document reference corpus
    python3 benchmarks/run.py --quick          # 1 and 10 MB only, for development (targets scaled, marked)
    python3 benchmarks/run.py --markdown FILE  # also write the table as markdown
    python3 benchmarks/run.py --readme         # and put it into README.md between the benchmark markers

Corpora are built by benchmarks/make_corpus.py under --bench-dir (default /tmp/fc-bench) when missing;
caches live in a temporary folder. Timings on a shared machine are noisy: the ratios (against jieba in the
same run, jobs 2 against jobs 1, 50 MB against 10 MB, warm against cold) are what the targets are set on, and
the runs they compare are measured in alternating rounds (one of each, then again), so that the machine's
drift over the minutes a round takes falls on both sides of a ratio alike.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_corpus  # noqa: E402

# Run one command and report its wall time and the peak RSS of it and its descendants (RUSAGE_CHILDREN
# of this small wrapper holds exactly the command's tree, and maxrss is the largest member's peak).
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "rss_kb": peak, "rc": done.returncode, "stderr": done.stderr.decode()[-2000:]}))
"""

# jieba.lcut over every document of a folder, dictionary loaded before the clock starts.
_JIEBA = """
import json, logging, pathlib, sys, time
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
start = time.perf_counter()
for text in texts:
    jieba.lcut(text)
print(json.dumps({"wall": time.perf_counter() - start}))
"""


# The cluster's map step alone: extraction (and the document-scope checks) of every document of a folder on
# a 2-worker LocalCluster, started and warmed before the clock starts, the shards gathered by this client.
_DASK_MAP = """
import json, sys, time
from distributed import LocalCluster
from factcheck.checks.selection import effective_settings
from factcheck.scale.pipeline import extract
from factcheck.text.documents import discover
if __name__ == "__main__":
    files, _ = discover([sys.argv[1]])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        extract(files[:2], settings=effective_settings(None), dask=cluster.scheduler_address)  # load the dictionaries
        start = time.perf_counter()
        done = extract(files, settings=effective_settings(None), dask=cluster.scheduler_address)
        wall = time.perf_counter() - start
    print(json.dumps({"wall": wall, "documents": len(done.results)}))
"""


# Two busy processes against one: how much of a second core this machine gives right now (other
# tenants' load shows here, and bounds any --jobs 2 speed-up).
_BURN = """
import multiprocessing, sys, time
def burn(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
if __name__ == "__main__":
    n = 15_000_000
    start = time.perf_counter(); burn(n); one = time.perf_counter() - start
    with multiprocessing.get_context("fork").Pool(2) as pool:
        start = time.perf_counter(); pool.map(burn, [n, n]); two = time.perf_counter() - start
    print(2 * one / two)
"""


@dataclass
class Row:
    figure: str
    measured: str
    target: str
    ok: bool | None  # None: informational

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else "PASS" if self.ok else "FAIL"


def compile_package() -> None:
    """Byte-compile the installed package, as installing a wheel does. An editable install on a machine with
    PYTHONDONTWRITEBYTECODE set (this one) otherwise compiles every module again on every run: 0.1 s of
    each start, which no user's installed copy pays."""
    found = subprocess.run([sys.executable, "-c", "import factcheck, os; print(os.path.dirname(factcheck.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    compileall.compile_dir(found, quiet=1)


def cli() -> list[str]:
    exe = shutil.which("factcheck")
    return [exe] if exe else [sys.executable, "-m", "factcheck"]


def measure(args: list[str], cwd: Path | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, cwd=cwd)
    result = json.loads(out.stdout)
    if result["rc"] not in (0, 1):
        raise SystemExit(f"benchmark command failed ({result['rc']}): {' '.join(args)}\n{result['stderr']}")
    return result


def median_run(args: list[str], repeat: int, before=None, cwd: Path | None = None,
               label: str = "") -> tuple[float, int]:
    walls, peaks = [], []
    for i in range(repeat):
        if before:
            before(i)
        result = measure(args, cwd)
        walls.append(result["wall"])
        peaks.append(result["rss_kb"])
        print(f"  {label} run {i + 1}/{repeat}: {result['wall']:.2f} s, peak {result['rss_kb'] / 1024:.0f} MiB",
              file=sys.stderr, flush=True)
    return statistics.median(walls), max(peaks)


def machine_parallelism() -> float:
    out = subprocess.run([sys.executable, "-c", _BURN], capture_output=True, text=True, check=True)
    value = float(out.stdout)
    print(f"  machine parallelism: {value:.2f}x", file=sys.stderr, flush=True)
    return value


def jieba_time(folder: Path, repeat: int) -> float:
    walls = []
    for i in range(repeat):
        out = subprocess.run([sys.executable, "-c", _JIEBA, str(folder)], capture_output=True, text=True, check=True)
        walls.append(json.loads(out.stdout)["wall"])
        print(f"  jieba.lcut {folder.name} run {i + 1}/{repeat}: {walls[-1]:.2f} s", file=sys.stderr, flush=True)
    return statistics.median(walls)


def dask_map_time(folder: Path) -> float:
    out = subprocess.run([sys.executable, "-c", _DASK_MAP, str(folder)], capture_output=True, text=True, check=True)
    wall = json.loads(out.stdout.splitlines()[-1])["wall"]
    print(f"  Dask map step {folder.name}: {wall:.2f} s", file=sys.stderr, flush=True)
    return wall


def corpus(bench: Path, name: str, **size) -> Path:
    folder = bench / name
    roots = [r for r in make_corpus.DEFAULT_SOURCES if r.is_dir()]
    manifest = make_corpus.build(folder, size.get("mb"), size.get("docs"), 0, roots)
    print(f"corpus {folder}: {manifest['files']} documents, {manifest['bytes'] / 1e6:.1f} MB", file=sys.stderr)
    return folder


def megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6


def run(args) -> list[Row]:
    bench = Path(args.bench_dir)
    small = corpus(bench, "1mb", mb=1)
    medium = corpus(bench, "10mb", mb=10)
    large = medium if args.quick else corpus(bench, "50mb", mb=50)
    reference = medium if args.quick else corpus(bench, "1000docs", docs=1000)
    base = small if args.quick else medium
    scale = "" if not args.quick else " (quick: 10 MB)"
    fc = cli()
    rows: list[Row] = []
    work = Path(tempfile.mkdtemp(prefix="fc-bench-run-"))
    try:
        size = megabytes(large)
        cache = work / "cache-large"
        cold, _ = median_run([*fc, str(large), "--cache-dir", str(cache), "--format", "json"], 1,
                             label=f"{large.name} fill the cache")
        # The figures compared with each other are measured in turns, one round after another, so that a
        # shared machine's drift (it changes speed by a fifth over minutes here) falls on both sides alike.
        runs = {
            "t1": [*fc, str(large), "--jobs", "1", "--no-cache", "--format", "json"],
            "t2": [*fc, str(large), "--jobs", "2", "--no-cache", "--format", "json"],
            "dask": [*fc, str(large), "--dask", "local:2", "--no-cache", "--format", "json"],
            "base": [*fc, str(base), "--jobs", "1", "--no-cache", "--format", "json"],
            "warm": [*fc, str(large), "--jobs", "1", "--cache-dir", str(cache), "--format", "json"],
        }
        walls: dict[str, list[float]] = {name: [] for name in (*runs, "lcut", "map")}
        peak1 = 0
        cores_seen = [machine_parallelism()]
        for i in range(args.repeat_large):
            for name, command in runs.items():
                result = measure(command)
                walls[name].append(result["wall"])
                if name == "t1":
                    peak1 = max(peak1, result["rss_kb"])
                print(f"  round {i + 1}/{args.repeat_large} {name}: {result['wall']:.2f} s, peak "
                      f"{result['rss_kb'] / 1024:.0f} MiB", file=sys.stderr, flush=True)
            walls["lcut"].append(jieba_time(large, 1))
            walls["map"].append(dask_map_time(large))
            cores_seen.append(machine_parallelism())
        t1, t2, tb, warm, lcut, td, tmap = (statistics.median(walls[k])
                                            for k in ("t1", "t2", "base", "warm", "lcut", "dask", "map"))
        cores = statistics.mean(cores_seen)
        rows.append(Row(f"full run{scale}, --jobs 1, no cache, vs jieba.lcut of the same text",
                        f"{t1:.1f} s vs {lcut:.1f} s = {t1 / lcut:.2f}x", "≤ 0.5x", t1 / lcut <= 0.5))
        rows.append(Row(f"throughput{scale}, --jobs 1", f"{size / t1:.2f} MB/s", "≥ 2 MB/s", size / t1 >= 2))
        rows.append(Row(f"--jobs 2 speed-up{scale}", f"{t1:.1f} s / {t2:.1f} s = {t1 / t2:.2f}x", "≥ 1.7x",
                        t1 / t2 >= 1.7))
        paired = ", ".join(f"{a / b:.2f}" for a, b in zip(walls["t1"], walls["t2"], strict=False))
        rows.append(Row("(--jobs 2 speed-up of each round, t1/t2 measured back to back)", paired, "", None))
        rows.append(Row(f"--dask local:2{scale} vs --jobs 2, no cache", f"{td:.1f} s / {t2:.1f} s = {td / t2:.2f}x",
                        "≤ 1.15x", td / t2 <= 1.15))
        paired = ", ".join(f"{a / b:.2f}" for a, b in zip(walls["dask"], walls["t2"], strict=False))
        rows.append(Row("(--dask local:2 / --jobs 2 of each round)", paired, "", None))
        rows.append(Row(f"Dask map step{scale} on a 2-worker LocalCluster (extraction and document checks, "
                        "gathered; cluster warm)", f"{tmap:.1f} s = {size / tmap:.2f} MB/s = "
                        f"{size / tmap / 2:.2f} MB/s per worker", "", None))
        rows.append(Row("(machine: two busy processes at once vs one, between the rounds)",
                        f"{cores:.2f}x", "2x on idle cores", None))
        ratio, limit = t1 / tb, 5.5 * (size / megabytes(base)) / 5
        rows.append(Row(f"growth: {large.name} / {base.name} time", f"{t1:.1f} s / {tb:.1f} s = {ratio:.2f}",
                        f"≤ {limit:.1f}", ratio <= limit))
        rows.append(Row(f"warm re-run{scale}, unchanged corpus, vs the cold --jobs 1 run",
                        f"{warm:.2f} s / {t1:.1f} s = {100 * warm / t1:.1f}%", "≤ 10%", warm / t1 <= 0.10))
        rows.append(Row(f"cold run with cache writes{scale}, default --jobs", f"{cold:.1f} s", "", None))
        rows.extend(focus_rows(fc, reference, work, args))
        version, _ = median_run([*fc, "--version"], 10, label="--version")
        rows.append(Row("factcheck --version", f"{version:.3f} s", "< 0.2 s", version < 0.2))
        rows.append(Row(f"peak memory, {large.name} run, --jobs 1", f"{peak1 / 1024:.0f} MiB", "< 1 GB",
                        peak1 * 1024 < 1e9))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def focus_rows(fc: list[str], reference: Path, work: Path, args) -> list[Row]:
    """One edited article against the cached reference corpus: a working copy of the corpus, its claims
    cached once, then each repetition edits a figure of one article (new content: not in the cache)."""
    copy = work / "reference"
    shutil.copytree(reference, copy)
    cache = work / "cache-reference"
    # a full check run fills the cache as an editor's earlier runs would have (claims, findings, evidence)
    subprocess.run([*fc, str(copy), "--format", "json", "-o", os.devnull, "--cache-dir", str(cache)],
                   stderr=subprocess.DEVNULL)
    article = sorted(copy.glob("*jiangsu_2026_gwr.txt"))[-1]
    original = article.read_text(encoding="utf-8")

    def edit(i: int) -> None:
        article.write_text(original.replace("增至", f"增至{i + 1}", 1), encoding="utf-8")

    wall, _ = median_run([*fc, "--reference", str(copy), str(article), "--cache-dir", str(cache), "--format", "json"],
                         max(args.repeat, 5), before=edit, label="focus")
    docs = len(list(copy.glob("*.txt")))
    scale = "" if not args.quick else " (quick)"
    return [Row(f"focus run{scale}: one edited article vs a cached {docs:,}-document reference corpus",
                f"{wall:.2f} s", "< 1.0 s", wall < 1.0)]


def table(rows: list[Row]) -> str:
    lines = ["| figure | measured | target | result |", "|---|---|---|---|"]
    lines += [f"| {r.figure} | {r.measured} | {r.target} | {r.verdict} |" for r in rows]
    return "\n".join(lines)


def header() -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"Measured {time.strftime('%Y-%m-%d')} at commit {commit or '?'} on {cores} cores, "
            f"Python {platform.python_version()}, medians of repeated runs of the installed CLI.")


README_START, README_END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"


def write_readme(block: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if README_START not in text:
        raise SystemExit(f"README.md has no {README_START} … {README_END} block")
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    readme.write_text(f"{head}{README_START}\n{block}\n{README_END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 and 10 MB corpora only (development)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cheap figure (median; default 3)")
    # five rounds: with three, one round on a disturbed machine (a neighbour's burst) was the median of t2
    parser.add_argument("--repeat-large", type=int, default=5, help="rounds of the 50 MB figures (default 5)")
    parser.add_argument("--bench-dir", default="/tmp/fc-bench", help="where the corpora are built")
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as markdown to FILE")
    parser.add_argument("--readme", action="store_true", help="replace the benchmark table in README.md")
    args = parser.parse_args(argv)
    compile_package()
    rows = run(args)
    block = f"{header()}\n\n{table(rows)}"
    print(block)
    if args.markdown:
        Path(args.markdown).write_text(block + "\n", encoding="utf-8")
    if args.readme:
        write_readme(block)
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
