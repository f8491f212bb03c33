"""What a newsroom's declarations (the confirmed-figures registry, the rule files) are made of, read the way a
claim is read: a region through the gazetteer, a metric through the metric aliases, a figure through the
number grammar and the role cues. Declarations are data: nothing in them is ever executed.

Every problem found in a declaration file is a Problem naming the file and line; a file with an error is
never used in part (DeclarationError carries all of its problems at once)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import overload

from factcheck.checks.evidence.local import falls
from factcheck.extract import attributes
from factcheck.extract.metrics.names import canonical, clean, vocabulary
from factcheck.extract.regions.gazetteer import load_gazetteer
from factcheck.model.claims import Quantity
from factcheck.model.decimals import decimal_text
from factcheck.text.normalize import normalize
from factcheck.vocab.data import load_toml

LEVEL_KINDS = ("actual", "growth_rate", "share", "change")


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int          # 1-based; 0 when the problem is the file's as a whole
    message: str
    level: str = "error"  # error (the file is not used) | warning (used, but worth saying)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {'警告 (warning)' if self.level == 'warning' else '错误 (error)'}: {self.message}"


class DeclarationError(Exception):
    """A registry or rule file that cannot be used; problems holds every error (and warning) found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class Figure:
    """A declared figure as the number grammar reads it: its interval (signed: 下降3% is −3), its kind and
    aspect as the role cues read the words before it, and the text it was written as."""

    text: str
    quantity: Quantity   # signed
    kind: str            # actual | growth_rate | share | change
    aspect: str | None   # stock | flow | None


def resolve_region(text: str):
    """(region, None) or (None, why): a region's code, official name, short name or alias."""
    gazetteer = load_gazetteer()
    text = text.strip()
    if not text:
        return None, "地区为空 (region is empty)"
    found = gazetteer.get(text)  # a code: 320200, or a zone's Z320201
    if found is not None:
        return found, None
    if text.isdigit():
        return None, f"未知的地区代码 (unknown region code) {text!r}"
    candidates = gazetteer.lookup(text)
    if len(candidates) == 1:
        return candidates[0], None
    if not candidates:
        return None, f"地名表中没有这个地区 (not in the gazetteer) {text!r}"
    listed = "、".join(f"{r.name} {r.code}" for r in candidates)
    return None, f"地区 {text!r} 有歧义 (ambiguous: {listed}); 请写全称或代码 (write the full name or the code)"


def resolve_metric(text: str) -> tuple[str, bool]:
    """(the canonical metric, whether the wording is a canonical name or an alias of rules/metrics.toml or the
    config's metric files). An unknown wording stays as written: claims whose metric is worded exactly so
    still match it."""
    return canonical(text.strip()) or "", clean(text.strip()) in vocabulary().canonical


@overload
def national_name(metric: str, region_code: str | None) -> str: ...


@overload
def national_name(metric: None, region_code: str | None) -> None: ...


def national_name(metric: str | None, region_code: str | None) -> str | None:
    """The metric's name for the whole country when the region is the country (rules/metrics.toml
    [national_names]: 地区生产总值 of 中国 is 国内生产总值), else the metric."""
    if metric is None or region_code is None:
        return metric
    names = _national_names()
    if metric not in names:
        return metric
    region = load_gazetteer().get(region_code)
    return names[metric] if region is not None and region.level == "country" else metric


def regional_names(metric: str) -> set[str]:
    """The metric and the names whose national name it is (国内生产总值: also 地区生产总值), as claims may hold it."""
    return {metric, *(regional for regional, national in _national_names().items() if national == metric)}


@cache
def _national_names() -> dict[str, str]:
    return dict(load_toml("metrics.toml").get("national_names", {}))


_PERIOD = re.compile(r"^((?:19|20)\d\d)(?:\s*[-—–~至到]\s*((?:19|20)\d\d))?\s*年?$")


def parse_period(text: str) -> tuple[str | None, str | None]:
    """("2024" or "2021-2025", None) or (None, why)."""
    found = _PERIOD.match(text.strip())
    if not found:
        return None, f"时期应为年份或年份区间，如 2024 或 2021-2025 (expected a year or a span of years), got {text!r}"
    first, last = found.group(1), found.group(2)
    if last is None or last == first:
        return first, None
    if int(last) < int(first):
        return None, f"时期的终止年早于起始年 (the span ends before it starts): {text!r}"
    return f"{first}-{last}", None


def read_figure(text: str, metric_words: str = "", kind: str | None = None) -> tuple[Figure | None, str | None]:
    """(the figure, None) or (None, why). text holds one figure, hedges and cue words included (4.36万亿元,
    超3000家, 增长5.4%, 下降3%左右, 累计4家); metric_words are the metric as written, read with the words before
    the figure as a claim's clause is (优良天数比例 makes 87.2% a share). kind overrides what the cues say."""
    # lazy: the number grammar, which only a run with a registry or rule files reads here (docs/scaling.md)
    from factcheck.extract.numbers.grammar import find_quantities

    written = text.strip()
    if not written:
        return None, "数值为空 (value is empty)"
    normalized = normalize(written).text
    mentions = find_quantities(normalized)
    if len(mentions) != 1:
        why = "没有读到数字" if not mentions else f"读到 {len(mentions)} 个数字"
        return None, f"数值应为一个数字 (expected one figure; {why}): {written!r}"
    mention = mentions[0]
    if normalized[mention.end:].strip():
        return None, f"数字之后还有文字 (text after the figure): {written!r}"
    q = mention.quantity
    if q.dimension in ("rank", "duration", "other") or q.qualifier == "vague":
        return None, f"不能核对的数字 (a rank, a duration or a bare number cannot be compared): {written!r}"
    words = normalized[:mention.start]
    clause = metric_words.strip() + words
    found_kind = level_kind(attributes.kind_of(q.dimension, clause), q.dimension, clause)
    if kind is not None:
        if kind not in LEVEL_KINDS:
            return None, f"kind 应为 {' | '.join(LEVEL_KINDS)} (unknown kind) {kind!r}"
        found_kind = level_kind(kind, q.dimension, "")
    aspect = attributes.aspect_of(found_kind, clause)
    sign = -1 if found_kind == "growth_rate" and falls(words) else 1
    return Figure(written, signed(q, sign), found_kind, aspect), None


def level_kind(kind: str, dimension: str, clause: str) -> str:
    """The kind as declarations compare it, for claims and declarations alike: a share is a level (常住人口城镇化率
    is worded 占总人口的比重 in one text and 为62.07% in another; the metric and the unit say what is measured), and
    so is a figure of an 增加值 whose only change cue is the 增加 of 增加值 (第一产业增加值137亿元), which the role
    cues read as a change."""
    if kind == "share":
        return "actual"
    if kind != "change" or dimension in ("percent", "permille", "percentage_point", "permille_point", "multiple"):
        return kind
    tail = clause.replace("增加值", "")[-4:]
    return kind if any(word in tail for word in attributes.cues().change) else "actual"


def signed(q: Quantity, sign: int) -> Quantity:
    """q, or −q for a fall (下降3% is the interval of −3)."""
    if sign >= 0:
        return q

    def neg(value: Decimal | None) -> Decimal | None:
        return None if value is None else -value

    return Quantity(neg(q.value), neg(q.high), neg(q.low), q.high_open, q.low_open, q.unit, q.dimension, q.qualifier)


def spell_interval(q: Quantity) -> str:
    low, high = decimal_text(q.low), decimal_text(q.high)
    left = "(" if q.low_open else "["
    right = ")" if q.high_open else "]"
    return f"{left}{low if low is not None else '-∞'}, {high if high is not None else '∞'}{right}"


# -- where things stand in a TOML file ------------------------------------------------------------------------

def table_lines(text: str, name: str) -> list[int]:
    """The 1-based lines of the [[name]] headers of a TOML text, in order: tomllib reports no positions, and an
    array of tables keeps the order of its headers."""
    header = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]\s*(?:#.*)?$")
    return [n for n, line in enumerate(text.split("\n"), 1) if header.match(line)]


def key_line(text: str, start: int, key: str) -> int:
    """The line of `key =` in the table whose header is on line start (the header's line when not found)."""
    lines = text.split("\n")
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
    for n in range(start, len(lines)):  # lines[n] is line n + 1: the lines after the header
        if lines[n].lstrip().startswith("[["):
            break
        if pattern.match(lines[n]):
            return n + 1
    return start


def toml_error_line(message: str) -> int:
    """The line tomllib names in its message ("… (at line 3, column 7)"), else 0."""
    found = re.search(r"at line (\d+)", message)
    return int(found.group(1)) if found else 0


def amount_text(value: Decimal, unit: str | None, dimension: str) -> str:
    """A computed figure as an editor reads it: 15519亿元, 20.68万元, 82.37%."""
    if dimension in ("percent", "permille"):
        return f"{decimal_text(value.quantize(Decimal('0.01')))}{'%' if dimension == 'percent' else '‰'}"
    for scale, word in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if abs(value) >= scale:
            return f"{decimal_text((value / scale).quantize(Decimal('0.01')))}{word}{unit or ''}"
    return f"{decimal_text(value.quantize(Decimal('0.01')))}{unit or ''}"


def toml_tables(path: str, text: str, table: str, noun: str, problems: list[Problem]) -> list[tuple[int, dict]]:
    """The [[table]] tables of a declaration file, each with the line it opens on; the file's problems (not
    TOML, other tables, not an array of tables) noted in problems. noun: what one table declares, in Chinese
    (事实, 规则)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(path, toml_error_line(str(exc)), f"不是合法的 TOML (invalid TOML): {exc}"))
        return []
    extra = [k for k in data if k != table]
    if extra:
        problems.append(Problem(path, 0, f"未知的表 (unknown tables) {', '.join(extra)}; 每条{noun}写作 [[{table}]] "
                                         f"(write each {table} as a [[{table}]] table)"))
    tables = data.get(table, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        problems.append(Problem(path, 0, f"{table} 应为 [[{table}]] 表的数组 "
                                         f"(expected an array of [[{table}]] tables)"))
        return []
    lines = table_lines(text, table)
    return [(lines[n] if n < len(lines) else 0, found) for n, found in enumerate(tables)]

