"""Build a deterministic benchmark corpus of N MB (or N documents) from the real documents of
../shared/corpus/ and seeds/.

    python3 benchmarks/make_corpus.py --mb 50 --out /tmp/fc-bench/50mb [--seed 0]
    python3 benchmarks/make_corpus.py --docs 1000 --out /tmp/fc-bench/1000docs

Copies of the same article would make every claim key collide (same region, metric and period), which
is neither what an archive looks like nor a fair load for the checks that group by key. So each copy is a
variant: the regions it names are mapped through the gazetteer to other regions of the same level (a
province to another province, its cities to that province's cities, keeping containment), its figures are
perturbed (the same figure string always maps to the same new string within a document, so a figure
restated stays restated), and its years are shifted. The variant of a 2025 and a 2026 report of the same
province get the same mapping and shift, so targets still meet their outturns across documents.

Everything derives from random.Random seeded with strings: the same arguments give byte-identical files.
MB means 10**6 bytes of UTF-8. The corpus is written outside the repository (refused inside it) and a
MANIFEST.json records what was built, so benchmarks/run.py can tell a complete corpus from a partial one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.extract.docmeta import infer_context  # noqa: E402
from factcheck.extract.regions.gazetteer import Gazetteer, Region, load_gazetteer  # noqa: E402

DEFAULT_SOURCES = (ROOT.parent / "shared" / "corpus", ROOT / "seeds")
GENERATOR_VERSION = 1

# A year: 19xx/20xx written as a year (2025年, 2021—2025年, 2025-01-14, 2025.1.14), never a figure (2215家).
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)"
                   r"(?=\s*(?:年|[—–\-－~～至到]\s*(?:(?:19|20)?\d\d)\s*年|[-/.]\d{1,2}[-/.]\d{1,2}))")
_RANGE_END = re.compile(r"(?<=[—–\-－~～至到])(\s*)((?:19|20)\d\d)(?=\s*年)")
# A figure: digits with an optional decimal part, not part of a longer number, not a date part, not an
# ordinal (第3), not a code name (5G, 1650). Single digits and small integers are left alone: they count
# list items (3个方面) far more often than they state a fact.
_FIGURE = re.compile(r"(?<![\d.第〔\[A-Za-z])(\d+(?:\.\d+)?)(?![\d.]|\s*[月日号时]|[A-Za-z])")


@dataclass(frozen=True)
class Source:
    path: Path
    family: str   # documents of one family (jiangsu_2025, jiangsu_2026) share a variant's mapping
    text: str


def sources(roots: list[Path]) -> list[Source]:
    found = []
    for root in roots:
        for path in sorted(root.rglob("*.txt")):
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            family = path.stem.split("_")[0]
            found.append(Source(path, family, path.read_text(encoding="utf-8-sig")))
    if not found:
        raise SystemExit(f"make_corpus: no .txt documents under {', '.join(map(str, roots))}")
    return found


class RegionMap:
    """One variant's mapping of regions to regions of the same level, keeping containment: a province maps
    to a province, a city of it to a city of the image province (injective while the image has cities left)."""

    def __init__(self, gazetteer: Gazetteer, rng: random.Random) -> None:
        self.gazetteer = gazetteer
        self.rng = rng
        self.mapped: dict[str, Region] = {}
        self.used: dict[str, set[str]] = {}
        # Only provinces with cities in the gazetteer trade places (香港, 澳门 and 台湾 have none listed), so a
        # city named in the text always finds a city of the new province.
        provinces = sorted((r for r in gazetteer if r.level == "province" and gazetteer.children(r)),
                           key=lambda r: r.code)
        images = provinces[:]
        rng.shuffle(images)
        for old, new in zip(provinces, images, strict=False):
            self.mapped[old.code] = new

    def image(self, region: Region) -> Region | None:
        if region.code in self.mapped:
            return self.mapped[region.code]
        if region.level in ("country", "zone") or region.parent is None:
            return None
        parent = self.gazetteer.get(region.parent)
        parent_image = self.image(parent) if parent else None
        if parent_image is None:
            return None
        pool = [r for r in self.gazetteer.children(parent_image) if r.level == region.level]
        if not pool:
            return None
        taken = self.used.setdefault(parent_image.code, set())
        free = [r for r in pool if r.code not in taken] or pool
        choice = free[self.rng.randrange(len(free))]
        taken.add(choice.code)
        self.mapped[region.code] = choice
        return choice


def _surface_for(old: Region, new: Region, surface: str) -> str:
    if surface == old.short and new.short:
        return new.short
    return new.name


def _perturb(figure: str, rng: random.Random) -> str:
    value = Decimal(figure)
    if "." not in figure and value < 20:
        return figure
    factor = Decimal(1) + Decimal(rng.randint(-150, 150)) / Decimal(1000)
    places = len(figure.split(".")[1]) if "." in figure else 0
    quantum = Decimal(1).scaleb(-places)
    new = (value * factor).quantize(quantum, rounding=ROUND_HALF_UP)
    if new <= 0:
        new = value
    return f"{new:f}"


@dataclass(frozen=True)
class Spans:
    """Where a source document's regions, years and figures stand, found once for all its variants."""

    regions: tuple[tuple[int, int, str, Region], ...]  # start, end, surface, the region it resolves to
    years: tuple[tuple[int, int, int], ...]            # start, end, year
    figures: tuple[tuple[int, int, str], ...]          # start, end, figure


def spans_of(source: Source, gazetteer: Gazetteer) -> Spans:
    text = source.text
    context = infer_context(text, gazetteer)
    own = tuple(r for r in (context.region, gazetteer.get("100000")) if r is not None)
    regions = []
    for mention in gazetteer.find(text):
        region = gazetteer.resolve(mention, own)
        if region is not None:
            regions.append((mention.start, mention.end, mention.surface, region))
    years = [(m.start(1), m.end(1), int(m.group(1))) for m in _YEAR.finditer(text)]
    years += [(m.start(2), m.end(2), int(m.group(2))) for m in _RANGE_END.finditer(text)]
    year_spans = {(s, e) for s, e, _ in years}
    figures = [(m.start(1), m.end(1), m.group(1)) for m in _FIGURE.finditer(text)
               if (m.start(1), m.end(1)) not in year_spans]
    return Spans(tuple(regions), tuple(years), tuple(figures))


def variant(source: Source, spans: Spans, number: int, seed: int, gazetteer: Gazetteer) -> str:
    """The text of one variant of a source document; variant 0 is the document itself."""
    if number == 0:
        return source.text
    family_rng = random.Random(f"{seed}:{source.family}:{number}")
    regions = RegionMap(gazetteer, family_rng)
    shift = family_rng.choice((-3, -2, -1, 1, 2, 3))
    figures_rng = random.Random(f"{seed}:{source.path.name}:{number}:figures")
    edits: list[tuple[int, int, str]] = []
    for start, end, surface, region in spans.regions:
        new = regions.image(region)
        if new is not None and new.code != region.code:
            edits.append((start, end, _surface_for(region, new, surface)))
    edits.extend((start, end, str(year + shift)) for start, end, year in spans.years)
    figures: dict[str, str] = {}
    for start, end, figure in spans.figures:
        if figure not in figures:
            figures[figure] = _perturb(figure, figures_rng)
        if figures[figure] != figure:
            edits.append((start, end, figures[figure]))
    return _apply(source.text, edits)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping edits left to right (a region name never holds digits, so overlaps are rare;
    the first edit at a position wins)."""
    out, cursor = [], 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], -e[1])):
        if start < cursor:
            continue
        out.append(text[cursor:start])
        out.append(new)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def build(out: Path, mb: float | None, docs: int | None, seed: int, roots: list[Path]) -> dict:
    out = out.resolve()
    if out == ROOT or ROOT in out.parents:
        raise SystemExit(f"make_corpus: refusing to write inside the repository ({out}); use e.g. /tmp/fc-bench/")
    manifest_path = out / "MANIFEST.json"
    script = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]  # an edited generator rebuilds
    wanted = {"generator": GENERATOR_VERSION, "script": script, "seed": seed, "mb": mb, "docs": docs,
              "sources": [str(r.resolve()) for r in roots]}
    if manifest_path.exists():
        existing = json.loads(manifest_path.read_text(encoding="utf-8"))
        if {k: existing.get(k) for k in wanted} == wanted:
            return existing
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    manifest_path.unlink(missing_ok=True)
    gazetteer = load_gazetteer()
    docs_in = sources(roots)
    random.Random(f"{seed}:order").shuffle(docs_in)  # a small corpus still mixes provinces, years and kinds
    found = {source.path: spans_of(source, gazetteer) for source in docs_in}
    limit_bytes = int(mb * 1_000_000) if mb else None
    total, files, digest = 0, [], hashlib.sha256()
    number = 0
    while True:
        for source in docs_in:
            if (limit_bytes is not None and total >= limit_bytes) or (docs is not None and len(files) >= docs):
                break
            data = variant(source, found[source.path], number, seed, gazetteer).encode("utf-8")
            name = f"v{number:03d}_{source.path.stem}.txt"
            (out / name).write_bytes(data)
            total += len(data)
            files.append(name)
            digest.update(hashlib.sha256(data).digest())
        else:
            number += 1
            continue
        break
    manifest = {**wanted, "files": len(files), "bytes": total, "sha256": digest.hexdigest()}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--mb", type=float, help="stop once the corpus holds this many MB (10**6 bytes)")
    size.add_argument("--docs", type=int, help="stop at this many documents")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into (outside the repository)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--source", type=Path, action="append",
                        help="source folder of .txt documents (default: ../shared/corpus and seeds/)")
    args = parser.parse_args(argv)
    roots = args.source or [r for r in DEFAULT_SOURCES if r.is_dir()]
    manifest = build(args.out, args.mb, args.docs, args.seed, roots)
    print(f"{args.out}: {manifest['files']} documents, {manifest['bytes'] / 1e6:.1f} MB, "
          f"sha256 {manifest['sha256'][:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
