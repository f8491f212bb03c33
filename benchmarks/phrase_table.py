"""Score the extractor against the hand-written table of number phrases (tests/data/number_phrases.jsonl).

    python3 benchmarks/phrase_table.py [--details]

Each row is one phrase and one mention in it. A row passes when:
- expect "claim": exactly one claim overlaps the mention, and its value, unit, low and high (and the
  openness of a bound that is not None) are those of the row;
- expect "none": no claim overlaps the mention;
- expect "uncertain": no claim overlaps the mention (the model has no uncertain flag: an ambiguous figure is
  left out).

The row's unit is read as a surface of rules/units.toml when it is one, so a unit the project folds into
another (千克 → 公斤, 千米 → 公里, 工作日 → 天, 摄氏度 → ℃) is compared in the project's base unit, the
row's figures multiplied by the same factor. tests/data/number_phrases.md says why.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.app.api import extract_text  # noqa: E402
from factcheck.vocab.data import units  # noqa: E402

TABLE = ROOT / "tests" / "data" / "number_phrases.jsonl"
KNOWN_FAILURES = ROOT / "tests" / "data" / "number_phrases_known_failures.txt"
REL_TOL = Decimal("1e-6")


@dataclass(frozen=True)
class Outcome:
    row: dict
    found: bool   # a claim overlaps the mention
    passed: bool
    detail: str


def load_rows(path: Path = TABLE) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_known_failures(path: Path = KNOWN_FAILURES) -> set[str]:
    if not path.exists():
        return set()
    return {line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()} - {""}


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a, b = Decimal(str(a)), Decimal(str(b))
    return a == b or abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def expected_in_base_units(row: dict) -> tuple[str | None, Decimal | None, Decimal | None, Decimal | None]:
    """The row's unit and figures, the unit read through rules/units.toml when it is a surface there."""
    unit, factor = row.get("unit") or None, Decimal(1)
    if unit is not None and unit in units():
        u = units()[unit]
        unit, factor = u.unit, u.factor

    def scaled(v):
        return None if v is None else Decimal(str(v)) * factor

    return unit, scaled(row.get("value")), scaled(row.get("low")), scaled(row.get("high"))


def _describe(q) -> str:
    lo = "(" if q.low_open else "["
    hi = ")" if q.high_open else "]"
    return f"{q.value} {q.unit} {q.qualifier} {lo}{q.low}, {q.high}{hi}"


def check_row(row: dict) -> Outcome:
    phrase, mention = row["phrase"], row["mention"]
    start = phrase.find(mention)
    if start < 0:
        raise ValueError(f"{row['id']}: mention {mention!r} is not in {phrase!r}")
    end = start + len(mention)
    claims = extract_text(phrase).claims
    hits = [c for c in claims if c.location.start < end and start < c.location.end]
    seen = "; ".join(f"{c.text!r} {_describe(c.quantity)}" for c in hits) or "no claim"
    if row["expect"] in ("none", "uncertain"):
        return Outcome(row, bool(hits), not hits, seen)
    if len(hits) != 1:
        return Outcome(row, bool(hits), False, f"{len(hits)} claims: {seen}")
    q = hits[0].quantity
    unit, value, low, high = expected_in_base_units(row)
    ok = ((q.unit or None) == unit and _same(q.value, value) and _same(q.low, low) and _same(q.high, high)
          and (q.low is None or q.low_open == row["low_open"]) and (q.high is None or q.high_open == row["high_open"]))
    want = f"{value} {unit} [{low}, {high}] open {row['low_open']}/{row['high_open']}"
    return Outcome(row, True, ok, f"got {seen}; want {want}")


@dataclass
class TableScore:
    outcomes: list[Outcome]

    def _claim_rows(self):
        return [o for o in self.outcomes if o.row["expect"] == "claim"]

    @property
    def pass_rate(self) -> float:
        return sum(o.passed for o in self.outcomes) / len(self.outcomes)

    @property
    def recall(self) -> float:
        rows = self._claim_rows()
        return sum(o.found for o in rows) / len(rows)

    @property
    def values(self) -> float:
        """Of the claim rows found, the share read right (value, unit, interval)."""
        found = [o for o in self._claim_rows() if o.found]
        return sum(o.passed for o in found) / len(found) if found else float("nan")

    @property
    def left_alone(self) -> float:
        """Of the none and uncertain rows, the share given no claim."""
        rows = [o for o in self.outcomes if o.row["expect"] != "claim"]
        return sum(o.passed for o in rows) / len(rows)

    def by_category(self) -> dict[str, tuple[int, int]]:
        total, passed = Counter(), Counter()
        for o in self.outcomes:
            total[o.row["category"]] += 1
            passed[o.row["category"]] += o.passed
        return {k: (passed[k], total[k]) for k in total}


def score_table(rows: list[dict] | None = None) -> TableScore:
    return TableScore([check_row(r) for r in (rows if rows is not None else load_rows())])


def report(result: TableScore, details: bool = False) -> None:
    n = len(result.outcomes)
    print(f"phrase table: {sum(o.passed for o in result.outcomes)}/{n} rows pass ({result.pass_rate:.3f}); "
          f"claim rows: recall {result.recall:.3f}, values {result.values:.3f}; "
          f"none/uncertain rows left alone {result.left_alone:.3f}")
    for category, (passed, total) in sorted(result.by_category().items()):
        print(f"  {category:24s} {passed:3d}/{total:3d}")
    if details:
        for o in result.outcomes:
            if not o.passed:
                print(f"FAIL {o.row['id']} {o.row['phrase']!r} [{o.row['mention']}] {o.detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every failing row")
    parser.add_argument("--write-known-failures", action="store_true",
                        help=f"rewrite {KNOWN_FAILURES.relative_to(ROOT)} with the rows failing now")
    args = parser.parse_args()
    result = score_table()
    report(result, args.details)
    if args.write_known_failures:
        failing = [o.row["id"] for o in result.outcomes if not o.passed]
        KNOWN_FAILURES.write_text(
            "# Rows of number_phrases.jsonl the grammar does not read as the row says (benchmarks/phrase_table.py\n"
            "# --write-known-failures keeps the reason after each id). tests/test_number_phrases.py expects them to\n"
            "# fail and reports those that pass.\n"
            + "".join(f"{i}{_reasons().get(i, '')}\n" for i in failing), encoding="utf-8")


def _reasons() -> dict[str, str]:
    """The comment after each id in the known-failure list, to keep it when the list is rewritten."""
    if not KNOWN_FAILURES.exists():
        return {}
    lines = KNOWN_FAILURES.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip(): "  #" + line.split("#", 1)[1] for line in lines
            if "#" in line and line.split("#", 1)[0].strip()}
    return 0


if __name__ == "__main__":
    sys.exit(main())
