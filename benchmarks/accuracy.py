"""Score the extractor against the hand-annotated gold set in tests/gold/.

    python3 benchmarks/accuracy.py [--corpus ../shared/corpus] [--details] [--no-pairs]

Mention detection is scored on annotated lines only (every numeral on them is annotated). A tool claim
matches a gold record when they overlap on the same line. Attribute accuracies are over matched quantities.
"Traps avoided" is the share of the gold's non-quantities (years, plan names, code names, list markers …)
that no claim overlaps. The hand-written phrase table (benchmarks/phrase_table.py) is scored after the gold.
The mention gold of four reports annotated before the tool was ever run on them (HELD_OUT) is scored apart
from the rest, on which the extractor was tuned. Claim identity is scored on the pair gold
(tests/gold/same_fact.jsonl, benchmarks/same_fact.py): pair-key recall, false merges, restated edits caught.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.app.api import extract_text  # noqa: E402
from factcheck.extract.metrics.names import canonical, clean, vocabulary  # noqa: E402
from factcheck.extract.numbers.grammar import HAS_NUMERAL  # noqa: E402
from factcheck.extract.regions.gazetteer import load_gazetteer  # noqa: E402

REL_TOL = Decimal("1e-6")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    traps: int = 0          # gold non-quantities on scored lines
    traps_claimed: int = 0  # … that a claim overlaps
    checked: Counter = field(default_factory=Counter)
    correct: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)

    def rate(self, key: str) -> float:
        return self.correct[key] / self.checked[key] if self.checked[key] else float("nan")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")

    @property
    def traps_avoided(self) -> float:
        return 1 - self.traps_claimed / self.traps if self.traps else float("nan")

    def summary(self) -> dict:
        return {"mentions_gold": self.tp + self.fn, "true_positives": self.tp, "false_positives": self.fp,
                "false_negatives": self.fn, "precision": self.precision, "recall": self.recall,
                "traps_gold": self.traps, "traps_avoided": self.traps_avoided,
                **{key: self.rate(key)
                   for key in ("value_unit_interval", "region", "period", "metric", "metric_strict")}}


# Mention gold of reports chosen and annotated before the tool was run on them: scored separately.
HELD_OUT = ("chongqing_2025_gwr.jsonl", "gansu_2026_gwr.jsonl", "hunan_2025_gwr.jsonl", "tianjin_2026_gwr.jsonl")
# Gold files in tests/gold/ that are not mention gold.
NOT_MENTIONS = ("same_fact.jsonl",)


def mention_gold_files(gold_dir: Path, held_out: bool = False) -> list[Path]:
    """The mention gold files: those the extractor was tuned on, or (held_out) the four held-out reports."""
    return [p for p in sorted(gold_dir.glob("*.jsonl"))
            if p.name not in NOT_MENTIONS and (p.name in HELD_OUT) == held_out]


def load_gold(gold_dir: Path, held_out: bool = False) -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = defaultdict(list)
    for path in mention_gold_files(gold_dir, held_out):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                by_file[record["file"]].append(record)
    return by_file


def source_path(name: str, corpus: Path) -> Path:
    if name.startswith("corpus/"):
        return corpus / name.removeprefix("corpus/")
    return ROOT / name


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a, b = Decimal(str(a)), Decimal(str(b))
    if a == b:
        return True
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def _interval_ok(claim, gold) -> bool:
    q = claim.quantity
    return (_same_number(q.value, gold.get("value")) and (q.unit or None) == (gold.get("unit") or None)
            and _same_number(q.low, gold.get("low")) and _same_number(q.high, gold.get("high"))
            and (q.low is None or q.low_open == gold.get("low_open"))
            and (q.high is None or q.high_open == gold.get("high_open")))


_SCOPE_PREFIX = re.compile(r"^(?:全国|全省|全市|全区|全县|我国|我省|我市|本市|新增|新培育|新获批|新认定"
                           r"|累计|引进|新|年末|年底)+")
_GENERIC_SUFFIX = re.compile(r"(?:数量|总数|总量|规模|人数|个数|家数)$")
# What the annotation guide keeps out of a metric but annotators sometimes wrote into it: notes in
# brackets, the comparison or change that the claim's role already carries (比2021年减少, 增速, 增加额,
# 高于全国), the scope of a rank (全国排名).
_NOTES = re.compile(r"[（(][^）)]*[）)]")
_ROLE_SUFFIX = re.compile(
    r"(?:(?:比|较)(?:上年|去年|常年|上年同期|\d{4}年)?(?:末)?(?:新增|增加|减少|增长|下降|提高|降低|偏高|偏低|偏多|偏少|减产|增产)?"
    r"(?:幅度|额)?|增速|增幅|增长率|增加额|减少额|增量|(?:高于|快于|低于|优于)(?:全国|全省|城镇居民|农村居民)?"
    r"|(?:全国|全省|全市|世界|全球)?排名|(?:全国|全省)?排位|连续年数|年数|次数)+$")


def _strip_leading_verbs(text: str) -> str:
    from factcheck.extract.metrics.names import tokenizer, vocabulary

    tokens = tokenizer().lcut(text)
    while len(tokens) > 1 and tokens[0] in vocabulary().introducing:
        tokens.pop(0)
    return "".join(tokens)


def comparable(phrase: str | None) -> str:
    """A metric phrase with what gold and tool may word differently removed, as the annotation guide
    asks of a metric (no region, verbs or hedges): quotes and bracketed notes, the region, verbs such as
    新增/累计/入选 before it, generic heads such as 数量 and the role's own comparison words after it;
    then normalized through the aliases."""
    if not phrase:
        return ""
    text = _NOTES.sub("", clean(phrase))
    if text in vocabulary().canonical:
        return canonical(text)  # an alias is looked up whole: 全国重点实验室 is 国家重点实验室, not 重点实验室
    for mention in load_gazetteer().find(text):
        if mention.start == 0:
            text = text[mention.end:]
        break
    text = _strip_leading_verbs(_SCOPE_PREFIX.sub("", text))
    previous = None
    while previous != text:
        previous = text
        text = _GENERIC_SUFFIX.sub("", _ROLE_SUFFIX.sub("", text)) or text
    return canonical(text) or ""


def _region_ok(claim, gold) -> bool:
    """Same region by identity: 无锡国家高新技术产业开发区 in the gold is the zone the tool calls 无锡高新区."""
    wanted = gold.get("region")
    if not wanted or not claim.region:
        return not wanted and not claim.region
    if wanted == claim.region:
        return True
    return claim.region_code in {r.code for r in load_gazetteer().lookup(wanted)}


def _metric_ok(claim, gold) -> bool:
    wanted = {comparable(m) for m in [gold.get("metric"), *(gold.get("metric_alt") or [])] if m} - {""}
    got = comparable(claim.metric_text) or comparable(claim.metric)
    if not wanted:
        return not got
    if not got:
        return False
    if got in wanted:
        return True
    # One wording contains the other and they differ by a qualifier of at most a few characters
    # (智能工厂 / 国家级智能工厂): the same metric for a reader, reported as a lenient match.
    return any((got in w or w in got) and min(len(got), len(w)) / max(len(got), len(w)) >= 0.7 for w in wanted)


def _metric_strict(claim, gold) -> bool:
    """_metric_ok without its lenient containment: the tool's phrase, made comparable as the gold's are,
    must equal the gold metric or one of its metric_alt."""
    wanted = {comparable(m) for m in [gold.get("metric"), *(gold.get("metric_alt") or [])] if m} - {""}
    got = comparable(claim.metric_text) or comparable(claim.metric)
    if not wanted:
        return not got
    return got in wanted


def score(gold_dir: Path, corpus: Path, held_out: bool = False) -> tuple[Score, list[str]]:
    result = Score()
    skipped = []
    for name, records in load_gold(gold_dir, held_out).items():
        path = source_path(name, corpus)
        if not path.exists():
            skipped.append(name)
            continue
        text = path.read_bytes().decode("utf-8-sig")
        claims = extract_text(text, name).claims
        _score_file(name, text, records, claims, result)
    return result, skipped


def _score_file(name, text, records, claims, result: Score) -> None:
    lines = {r["line"] for r in records}
    spans = [(r["line"], r["column"], r["column"] + len(r["text"]), r) for r in records]
    matched_gold = set()
    for claim in claims:
        loc = claim.location
        if loc.line not in lines:
            continue
        c_end = loc.end_column if loc.end_line == loc.line else 10**9
        hits = [r for (ln, a, b, r) in spans if ln == loc.line and a < c_end and loc.column < b]
        quantities = [r for r in hits if r["is_quantity"]]
        if not quantities:
            if HAS_NUMERAL.search(claim.text) or hits:
                result.fp += 1
                result.misses.append(f"FP {name}:{loc.line}:{loc.column} {claim.text!r}")
            continue
        gold = quantities[0]
        if id(gold) in matched_gold:
            result.fp += 1
            result.misses.append(f"FP(dup) {name}:{loc.line}:{loc.column} {claim.text!r}")
            continue
        matched_gold.add(id(gold))
        result.tp += 1
        _attributes(name, claim, gold, result)
    for (ln, a, b, r) in spans:
        if r["is_quantity"] and id(r) not in matched_gold:
            result.fn += 1
            result.misses.append(f"FN {name}:{ln}:{a} {r['text']!r}")
        elif not r["is_quantity"]:
            result.traps += 1
            if any(_overlaps(c.location, ln, a, b) for c in claims):
                result.traps_claimed += 1
                result.misses.append(f"TRAP {name}:{ln}:{a} {r['text']!r}")


def _overlaps(loc, line: int, a: int, b: int) -> bool:
    """Whether a claim's location overlaps columns [a, b) of a line."""
    if not loc.line <= line <= loc.end_line:
        return False
    start = loc.column if loc.line == line else 0
    end = loc.end_column if loc.end_line == line else 10**9
    return start < b and a < end


def _attributes(name, claim, gold, result: Score) -> None:
    where = f"{name}:{claim.location.line}:{claim.location.column} {claim.text!r}"
    checks = {
        "value_unit_interval": (_interval_ok(claim, gold),
                                f"{claim.quantity.value} {claim.quantity.unit} "
                                f"[{claim.quantity.low},{claim.quantity.high}] vs {gold.get('value')} "
                                f"{gold.get('unit')} [{gold.get('low')},{gold.get('high')}]"),
        "region": (_region_ok(claim, gold), f"{claim.region} vs {gold.get('region')}"),
        "period": ((claim.period or None) == (gold.get("period") or None), f"{claim.period} vs {gold.get('period')}"),
        "metric": (_metric_ok(claim, gold), f"{claim.metric_text} vs {gold.get('metric')}"),
        "metric_strict": (_metric_strict(claim, gold), f"{claim.metric_text} vs {gold.get('metric')}"),
    }
    for key, (ok, detail) in checks.items():
        result.checked[key] += 1
        if ok:
            result.correct[key] += 1
        else:
            result.misses.append(f"{key} {where}: {detail}")


TARGETS = {"precision": 0.98, "recall": 0.97, "value_unit_interval": 0.98, "traps_avoided": 0.98, "region": 0.90,
           "period": 0.90, "metric": 0.85, "metric_strict": 0.80}
HELD_OUT_TARGETS = {"region": 0.95, "period": 0.95}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--gold", default=str(ROOT / "tests" / "gold"))
    parser.add_argument("--details", action="store_true", help="list every miss")
    parser.add_argument("--only", help="print misses of one kind only "
                                       "(FP, FN, TRAP, region, metric, metric_strict, period, value_unit_interval)")
    parser.add_argument("--no-phrases", action="store_true", help="skip the phrase table")
    parser.add_argument("--held-out", action="store_true",
                        help="details of the held-out gold instead of the tuned gold")
    parser.add_argument("--no-pairs", action="store_true", help="skip the claim-identity scores (same_fact.jsonl)")
    parser.add_argument("--no-edits", action="store_true", help="claim keys only, no restated-edit runs")
    args = parser.parse_args()
    gold, corpus = Path(args.gold), Path(args.corpus)
    result, skipped = score(gold, corpus)
    held, held_skipped = score(gold, corpus, held_out=True)
    shown = held if args.held_out else result
    if args.details or args.only:
        for miss in shown.misses:
            if not args.only or miss.startswith(args.only):
                print(miss)
    _print_mentions("tuned gold", result.summary(), TARGETS)
    if held.tp + held.fn:
        _print_mentions(f"held-out gold ({', '.join(n.removesuffix('.jsonl') for n in HELD_OUT)})", held.summary(),
                        {**TARGETS, **HELD_OUT_TARGETS})
    if skipped or held_skipped:
        print(f"skipped (source not found): {', '.join(skipped + held_skipped)}")
    print(f"gold non-quantities: {result.traps}  left without a claim: {result.traps - result.traps_claimed}")
    if not args.no_phrases:
        from phrase_table import report, score_table

        report(score_table())
    if not args.no_pairs:
        from same_fact import print_summary, score_pairs

        pairs = score_pairs(gold, corpus, edits=not args.no_edits)
        if pairs.same or pairs.near:
            print("claim identity (tests/gold/same_fact.jsonl)")
            print_summary(pairs.summary(), edits=not args.no_edits)
    return 0


def _print_mentions(title: str, summary: dict, targets: dict) -> None:
    print(f"{title}: gold quantities {summary['mentions_gold']}  tool matches {summary['true_positives']}  "
          f"false positives {summary['false_positives']}  misses {summary['false_negatives']}")
    for key, target in targets.items():
        value = summary[key]
        print(f"  {key:22s} {value:6.3f}   target {target:.2f}   {'pass' if value >= target else 'FAIL'}")


if __name__ == "__main__":
    sys.exit(main())
