"""The confirmed-figures registry: facts a newsroom has confirmed (the statistics bureau's GDP, the official count
of national key labs), one a row of a CSV file or one a [[fact]] table of a TOML file, each with its region,
metric, period, value as written, source, date and note. Read as claims are read (declared_terms), so a row
that says 4.36万亿元 matches a claim of 43600亿元.

A fact's key is what a claim must share with it to speak of the same figure: region code, metric, period,
kind (level, growth rate, share, change), unit and dimension. FC801 compares claims with the facts of their
key (factcheck.checks.declared)."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.checks.evidence.declared_terms import (
    DeclarationError,
    Figure,
    Problem,
    national_name,
    parse_period,
    read_figure,
    resolve_metric,
    resolve_region,
    toml_tables,
)
from factcheck.checks.evidence.figures import overlaps
from factcheck.vocab.data import loaded_from_rules

COLUMNS = ("region", "metric", "period", "value", "source", "date", "note", "kind")
REQUIRED = ("region", "metric", "period", "value", "source")
TOML_TABLE = "fact"


@dataclass(frozen=True, slots=True)
class Fact:
    path: str          # the registry file, as named in the config or on the command line
    line: int
    region: str        # official name
    region_code: str
    metric: str        # canonical, through the metric aliases
    period: str        # "2024" or "2021-2025"
    figure: Figure
    source: str
    date: str | None
    note: str
    written: dict = field(compare=False, repr=False)  # the row as written, for listing it

    @property
    def key(self) -> tuple:
        q = self.figure.quantity
        return (self.region_code, self.metric, self.period, self.figure.kind, q.unit, q.dimension)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def agrees(self, other: Fact) -> bool:
        return overlaps(self.figure.quantity, other.figure.quantity) or not aspects_compatible(
            self.figure.aspect, other.figure.aspect)


def aspects_compatible(a: str | None, b: str | None) -> bool:
    """A stock and a flow never measure the same thing; an unstated aspect goes with either."""
    return not ({a, b} >= {"stock", "flow"})


@dataclass(frozen=True)
class Registry:
    facts: tuple[Fact, ...]
    warnings: tuple[Problem, ...] = ()
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[tuple, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            index[fact.key].append(fact)
        self._index.update((k, tuple(v)) for k, v in index.items())

    def __bool__(self) -> bool:
        return bool(self.facts)

    def facts_for(self, key: tuple) -> tuple[Fact, ...]:
        return self._index.get(key, ())

    def conflicts(self) -> list[tuple[Fact, Fact]]:
        """Pairs of entries with one key whose figures cannot both be true, in file order."""
        found: list[tuple[Fact, Fact]] = []
        for facts in self._index.values():
            for i, first in enumerate(facts):
                found.extend((first, second) for second in facts[i + 1:] if not first.agrees(second))
        return found


# -- reading --------------------------------------------------------------------------------------------------

def read_files(paths) -> list[tuple[str, str]]:
    """(path, text) of each registry or rule file; an unreadable or undecodable one is a DeclarationError."""
    out, problems = [], []
    for path in paths:
        try:
            data = open(path, "rb").read()
        except OSError as exc:
            problems.append(Problem(str(path), 0, f"无法读取 (cannot read): {exc.strerror or exc}"))
            continue
        try:
            out.append((str(path), data.decode("utf-8-sig")))
        except UnicodeDecodeError:
            problems.append(Problem(str(path), 0, "不是 UTF-8 文本 (not UTF-8 text)"))
    if problems:
        raise DeclarationError(problems)
    return out


@loaded_from_rules  # facts resolve through the metric aliases, which a project's extra rules change
@lru_cache(maxsize=8)
def parse_registry(files: tuple[tuple[str, str], ...]) -> Registry:
    """The registry of these (path, text) files, or DeclarationError with every problem of every file: a
    registry with one bad row is not used at all (a half-loaded registry would confirm the wrong claims).
    Cached: the checks of every document of a run ask for the same registry."""
    facts: list[Fact] = []
    problems: list[Problem] = []
    for path, text in files:
        if path.lower().endswith(".csv"):
            rows = _csv_rows(path, text, problems)
        elif path.lower().endswith(".toml"):
            rows = _toml_rows(path, text, problems)
        else:
            problems.append(Problem(path, 0, "登记表应为 .csv 或 .toml 文件 (a registry is a .csv or a .toml file)"))
            continue
        for line, row in rows:
            fact = _fact(path, line, row, problems)
            if fact is not None:
                facts.append(fact)
    if any(p.level == "error" for p in problems):
        raise DeclarationError(problems)
    return Registry(tuple(facts), tuple(problems))


def _csv_rows(path: str, text: str, problems: list[Problem]) -> list[tuple[int, dict]]:
    lines = text.split("\n")
    kept = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]
    if not kept:
        problems.append(Problem(path, 0, "文件为空，没有表头 (empty: no header row)"))
        return []
    reader = csv.reader([line.rstrip("\r") for _, line in kept])
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        problems.append(Problem(path, kept[0][0], f"CSV 格式错误 (bad CSV): {exc}"))
        return []
    header_line = kept[0][0]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if unknown or missing or len(set(header)) != len(header):
        why = []
        if unknown:
            why.append(f"未知的列 (unknown columns) {', '.join(unknown)}")
        if missing:
            why.append(f"缺少的列 (missing columns) {', '.join(missing)}")
        if len(set(header)) != len(header):
            why.append("列名重复 (a column named twice)")
        problems.append(Problem(path, header_line, "；".join(why) + f"; 可用的列 (columns): {', '.join(COLUMNS)}"))
        return []
    rows = []
    try:
        for values in reader:
            line = kept[reader.line_num - 1][0]
            if len(values) != len(header):
                problems.append(Problem(path, line, f"应有 {len(header)} 列，实有 {len(values)} 列 "
                                                    f"(expected {len(header)} fields, got {len(values)})"))
                continue
            rows.append((line, {h: v.strip() for h, v in zip(header, values, strict=True)}))
    except csv.Error as exc:
        problems.append(Problem(path, kept[min(reader.line_num, len(kept)) - 1][0], f"CSV 格式错误 (bad CSV): {exc}"))
    return rows


def _toml_rows(path: str, text: str, problems: list[Problem]) -> list[tuple[int, dict]]:
    rows = []
    for line, table in toml_tables(path, text, TOML_TABLE, "事实", problems):
        row = {}
        for key, value in table.items():
            if key not in COLUMNS:
                problems.append(Problem(path, line, f"未知的键 (unknown key) {key!r}; "
                                                    f"可用的键 (keys): {', '.join(COLUMNS)}"))
            elif key == "period" and isinstance(value, int) and not isinstance(value, bool):
                row[key] = str(value)
            elif not isinstance(value, str):
                problems.append(Problem(path, line, f"{key} 应为字符串 (expected a string), got {value!r}"
                                        + ("; 数值连同单位写作字符串，如 \"4家\" (write the value with its unit)"
                                           if key == "value" else "")))
            else:
                row[key] = value.strip()
        rows.append((line, row))
    return rows


def _fact(path: str, line: int, row: dict, problems: list[Problem]) -> Fact | None:
    def fail(message: str, level: str = "error") -> None:
        problems.append(Problem(path, line, message, level))

    missing = [c for c in REQUIRED if not row.get(c)]
    if missing:
        fail(f"缺少 (missing) {', '.join(missing)}")
        return None
    region, why = resolve_region(row["region"])
    if region is None:
        fail(why)
    metric, known = resolve_metric(row["metric"])
    if not known:
        fail(f"指标 {row['metric']!r} 既不是规范名也不是别名 (neither a canonical metric nor an alias): only claims "
             "whose metric is worded exactly so will match it", "warning")
    period, why = parse_period(row["period"])
    if period is None:
        assert why is not None  # parse_period says why whenever it reads no period
        fail(why)
    figure, why = read_figure(row["value"], row["metric"], row.get("kind") or None)
    if figure is None:
        assert why is not None  # read_figure says why whenever it reads no figure
        fail(why)
    date = row.get("date") or None
    if date is not None and not _is_date(date):
        fail(f"日期应为 YYYY-MM-DD (expected a date), got {date!r}")
        return None
    if region is None or period is None or figure is None:
        return None
    return Fact(path, line, region.name, region.code, national_name(metric, region.code), period, figure,
                row["source"], date, row.get("note", ""), dict(row))


def _is_date(text: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
