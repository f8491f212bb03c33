"""Score claim identity against tests/gold/same_fact.jsonl: pairs of mentions that state the same fact (`same`
true) and near-pairs that look alike but are different facts (`same` false), annotated by reading.

    python3 benchmarks/same_fact.py [--corpus ../shared/corpus] [--details] [--no-edits]

- pair-key recall: same pairs whose two mentions get the same claim key (figure_key, the identity FC101 groups
  figures on), both keys present;
- false merges: near-pairs whose two mentions get the same claim key;
- restated edits caught: each same pair has one side's figure changed so that no rounding or hedge reconciles
  it with the other side (pairs where no such edit exists, such as two lower bounds, are left out and
  counted); the checks run on the pair's documents before and after; a pair is caught when an FC1-FC6 error or
  warning absent before the edit has its place or a related place on either side.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.checks.evidence.figures import figure_key, overlaps  # noqa: E402
from factcheck.extract.claims import extract_document  # noqa: E402
from factcheck.extract.numbers.grammar import find_quantities  # noqa: E402
from factcheck.model.claims import Claim, DocumentClaims, Extraction, Quantity  # noqa: E402
from factcheck.report.build import build_report  # noqa: E402

PAIR_GOLD = "same_fact.jsonl"
CAUGHT_RULES = ("FC1", "FC2", "FC3", "FC4", "FC5", "FC6")


def load_pairs(gold_dir: Path) -> list[dict]:
    path = gold_dir / PAIR_GOLD
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def source_path(name: str, corpus: Path) -> Path:
    if name.startswith("corpus/"):
        return corpus / name.removeprefix("corpus/")
    return ROOT / name


@cache
def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


@lru_cache(maxsize=256)
def _extracted(name: str, text: str) -> DocumentClaims:
    return extract_document(name, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), "utf-8")


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:line - 1]) + column - 1


def claim_at(doc: DocumentClaims, start: int, end: int) -> Claim | None:
    """The claim overlapping the mention [start, end) of the original text (the first, if several)."""
    for claim in doc.claims:
        if claim.location.start < end and claim.location.end > start:
            return claim
    return None


@dataclass
class Side:
    name: str
    start: int
    end: int
    text: str


def side_of(record: dict, corpus: Path) -> Side | None:
    path = source_path(record["file"], corpus)
    if not path.exists():
        return None
    start = _offset(_text(path), record["line"], record["column"])
    return Side(record["file"], start, start + len(record["text"]), record["text"])


@dataclass
class PairScore:
    same: int = 0
    same_keyed: int = 0
    near: int = 0
    near_merged: int = 0
    editable: int = 0
    not_editable: int = 0
    caught: int = 0
    skipped: list = field(default_factory=list)
    details: list = field(default_factory=list)

    def summary(self) -> dict:
        return {"same_pairs": self.same, "pair_key_recall": _rate(self.same_keyed, self.same),
                "near_pairs": self.near, "false_merge_rate": _rate(self.near_merged, self.near),
                "false_merges": self.near_merged,
                "edited_pairs": self.editable, "not_editable": self.not_editable,
                "restated_edits_caught": _rate(self.caught, self.editable), "caught": self.caught}


def _rate(n: int, d: int) -> float:
    return n / d if d else float("nan")


def _key_text(claim: Claim | None) -> str:
    if claim is None:
        return "no claim"
    key = figure_key(claim)
    return f"{claim.text!r} key={key}" if key else (
        f"{claim.text!r} no key (region={claim.region} metric={claim.metric} role={claim.role} "
        f"period={claim.period} unit={claim.quantity.unit} dim={claim.quantity.dimension})")


def score_pairs(gold_dir: Path, corpus: Path, edits: bool = True) -> PairScore:
    result = PairScore()
    for pair in load_pairs(gold_dir):
        a, b = side_of(pair["a"], corpus), side_of(pair["b"], corpus)
        if a is None or b is None:
            result.skipped.append(pair["id"])
            continue
        ca = claim_at(_extracted(a.name, _text(source_path(a.name, corpus))), a.start, a.end)
        cb = claim_at(_extracted(b.name, _text(source_path(b.name, corpus))), b.start, b.end)
        keyed = ca is not None and cb is not None and figure_key(ca) is not None and figure_key(ca) == figure_key(cb)
        if pair["same"]:
            result.same += 1
            result.same_keyed += keyed
            if not keyed:
                result.details.append(f"UNKEYED {pair['id']}: {_key_text(ca)} | {_key_text(cb)}")
            if edits:
                _score_edit(pair, a, b, corpus, result)
        else:
            result.near += 1
            result.near_merged += keyed
            if keyed:
                result.details.append(f"MERGED {pair['id']} ({pair.get('kind')}): {_key_text(ca)} | {_key_text(cb)}")
    return result


# -- restated edits ---------------------------------------------------------------------------------------------

_CN_SWAP = {"一": "三", "二": "五", "两": "五", "三": "六", "四": "七", "五": "八", "六": "九", "七": "四", "八": "五",
            "九": "六", "千": "百", "百": "千"}
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _parse(text: str) -> Quantity | None:
    """The figure a side's text states; a rank (第二) is read as the grammar reads it after 居全国."""
    for context in ("", "居全国"):
        found = find_quantities(context + text)
        if found:
            return found[0].quantity
    return None


def edited_text(edit: str, other: str) -> str | None:
    """The figure `edit` changed so that no rounding or hedge reconciles it with `other`, keeping its words
    (超, 以上, the unit): its numbers scaled by 0.7, else 1.4, else 0.5, else 2, else 3 (same number of decimals),
    or its Chinese numerals swapped; None when every such change still overlaps `other`."""
    other_q = _parse(other)
    candidates = []
    if _DIGITS.search(edit):
        for factor in ("0.7", "1.4", "0.5", "2", "3"):  # every number of the figure (both ends of a range)
            candidates.append(_DIGITS.sub(lambda m, f=Decimal(factor): _scaled(m.group(), f), edit))
    else:
        swapped = "".join(_CN_SWAP.get(ch, ch) for ch in edit)
        if swapped != edit:
            candidates.append(swapped)
    for text in candidates:
        q = _parse(text)
        if q is None or text == edit:
            continue
        if other_q is None or not overlaps(q, other_q):
            return text
    return None


def _scaled(number: str, factor: Decimal) -> str:
    places = len(number.split(".")[1]) if "." in number else 0
    value = Decimal(number) * factor
    out = f"{value:.{places}f}"
    if out == number:
        out = f"{Decimal(number) + 1:.{places}f}"
    return out


@lru_cache(maxsize=128)
def _findings(docs: tuple[tuple[str, str], ...]) -> tuple:
    extraction = Extraction(tuple(_extracted(name, text) for name, text in docs), ())
    report = build_report(extraction)
    return tuple(f for f in report.findings if f.rule.startswith(CAUGHT_RULES) and f.severity in ("error", "warning"))


def _places(finding) -> list:
    return [finding.place.location, *(r.location for r in finding.related)]


def _touches(finding, sides: list[Side]) -> bool:
    return any(loc.path == s.name and loc.start < s.end and loc.end > s.start
               for loc in _places(finding) for s in sides)


def _identity(finding) -> tuple:
    return (finding.rule, tuple((loc.path, loc.start, loc.end) for loc in _places(finding)))


def _score_edit(pair: dict, a: Side, b: Side, corpus: Path, result: PairScore) -> None:
    """Edit side b (the later statement, as the gold orders most pairs), else side a."""
    for edit, other in ((b, a), (a, b)):
        new = edited_text(edit.text, other.text)
        if new is not None:
            break
    else:
        result.not_editable += 1
        result.details.append(f"NOT EDITABLE {pair['id']}: {a.text} / {b.text}")
        return
    result.editable += 1
    texts = {s.name: _text(source_path(s.name, corpus)) for s in (a, b)}
    before = _findings(tuple(sorted(texts.items())))
    original = texts[edit.name]
    texts[edit.name] = original[:edit.start] + new + original[edit.end:]
    shift = len(new) - len(edit.text)
    moved = Side(edit.name, edit.start, edit.end + shift, new)
    still = other if other.name != edit.name or other.start < edit.start else Side(
        other.name, other.start + shift, other.end + shift, other.text)
    after = _findings(tuple(sorted(texts.items())))
    old_ids = {_identity(f) for f in before}
    new_ones = [f for f in after if _touches(f, [moved, still]) and _identity(f) not in old_ids
                and not _touches_unshifted(f, before, edit, shift)]
    if new_ones:
        result.caught += 1
        rules = ", ".join(sorted({f.rule for f in new_ones}))
        result.details.append(f"CAUGHT {pair['id']}: {edit.text} -> {new} by {rules}")
    else:
        result.details.append(f"MISSED {pair['id']}: {edit.text} -> {new} ({edit.name.split('/')[-1]})")


def _touches_unshifted(finding, before, edit: Side, shift: int) -> bool:
    """A finding that stood before the edit, its places moved by the edit's change in length."""
    if not shift:
        return False
    def moved(loc):
        if loc.path == edit.name and loc.start >= edit.end:
            return (loc.path, loc.start - shift, loc.end - shift)
        return (loc.path, loc.start, loc.end)
    old = {(f.rule, tuple((loc.path, loc.start, loc.end) for loc in _places(f))) for f in before}
    return (finding.rule, tuple(moved(loc) for loc in _places(finding))) in old


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--gold", default=str(ROOT / "tests" / "gold"))
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--no-edits", action="store_true", help="keys only, no restated-edit runs")
    args = parser.parse_args()
    result = score_pairs(Path(args.gold), Path(args.corpus), edits=not args.no_edits)
    if args.details:
        print("\n".join(result.details))
    print_summary(result.summary(), edits=not args.no_edits)
    if result.skipped:
        print(f"skipped (source not found): {len(result.skipped)} pairs")
    return 0


def print_summary(s: dict, edits: bool = True) -> None:
    print(f"same-fact pairs: {s['same_pairs']}  near-pairs: {s['near_pairs']}")
    print(f"{'pair_key_recall':22s} {s['pair_key_recall']:6.3f}   target 0.85")
    print(f"{'false_merges':22s} {s['false_merge_rate']:6.3f}   target <= 0.03   "
          f"({s['false_merges']} of {s['near_pairs']})")
    if edits:
        print(f"{'restated_edits_caught':22s} {s['restated_edits_caught']:6.3f}   target 0.80   "
              f"({s['caught']} of {s['edited_pairs']} edited; {s['not_editable']} pairs allow no unreconcilable edit)")


if __name__ == "__main__":
    sys.exit(main())
