"""The four kinds of rule a newsroom declares in a rule file ([[rule]] tables, factcheck.checks.evidence.rule_files),
one small class each: what its table holds (validated as it is read) and when figures break it.

- bounds: a metric's plausible range (城镇调查失业率 within 2%–10%), optionally for one region (and the regions
  within it) and one kind of figure (a growth rate within −30%..+50%);
- sum: parts that add up to a total for the same region and period (三次产业增加值 = 地区生产总值);
- ratio: a metric defined from two others (人均 = 总量 / 人口; 占比 = part / whole);
- order: metrics that never exceed each other for the same region and period (城镇 ≥ 全体 ≥ 农村居民收入).

Figures are intervals, so rounding and hedges are honoured: a rule is broken only when no value each figure
allows satisfies it, beyond the rule's own tolerance."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from factcheck.checks.evidence.declared_terms import LEVEL_KINDS, Figure, read_figure, resolve_region
from factcheck.checks.evidence.intervals import Span, span_of
from factcheck.model.claims import Quantity


@dataclass(frozen=True)
class Rule:
    """What every rule has: an id, where it is declared, a severity and a message template (None: the check's)."""

    id: str
    path: str
    line: int
    severity: str | None
    message: str | None
    kind: str

    type_name: ClassVar[str] = ""
    own_keys: ClassVar[tuple[str, ...]] = ()      # the keys of its table besides id, type, severity, message, kind
    placeholders: ClassVar[tuple[str, ...]] = ()  # what its message may name, besides the common ones

    def metrics(self) -> tuple[str, ...]:
        """The metrics it speaks of (canonical)."""
        raise NotImplementedError


class Reader:
    """Reads the keys of one [[rule]] table, noting each problem against the key's line (rule_files)."""

    def __init__(self, table: dict, fail, metric) -> None:
        self.table, self.fail, self.metric_of = table, fail, metric

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.table.get(key)
        if value is None:
            if required:
                self.fail(key, f"缺少 {key} (missing {key})")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"{key} 应为非空字符串 (expected a non-empty string), got {value!r}")
            return None
        return value.strip()

    def metric(self, key: str) -> str | None:
        value = self.text(key)
        return None if value is None else self.metric_of(key, value)

    def metric_list(self, key: str, least: int, required: bool = True) -> tuple[str, ...] | None:
        value: Any = self.table.get(key)  # any TOML value: checked below
        if value is None and not required:
            return ()
        if isinstance(value, str) and least <= 1:
            value = [value]
        listed = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        if not listed or len(value) < least:
            self.fail(key, f"{key} 应为至少 {least} 个指标名的列表 (expected a list of at least {least} metric names), "
                           f"got {value!r}")
            return None
        names = tuple(self.metric_of(key, v.strip()) for v in value)
        if len(set(names)) != len(names):
            self.fail(key, f"{key} 中有重复的指标 (a metric named twice)")
            return None
        return names

    def figure(self, key: str, metric_words: str = "", required: bool = True) -> Figure | None:
        value = self.text(key, required)
        if value is None:
            return None
        figure, why = read_figure(value, metric_words)
        if figure is None:
            self.fail(key, why)
        return figure

    def tolerance(self, key: str = "tolerance") -> tuple[Decimal, Decimal | None, str | None] | None:
        """(relative, absolute, unit): "1%" is relative to the figure compared, "5亿元" absolute."""
        if key not in self.table:
            return Decimal(0), None, None
        figure = self.figure(key)
        if figure is None:
            return None
        q = figure.quantity
        if q.value is None or q.value < 0 or q.qualifier not in ("exact", "exact_rounded"):
            self.fail(key, f"容差应为不带修饰的非负数 (expected a plain non-negative figure), got {figure.text!r}")
            return None
        if q.dimension == "percent":
            return q.value / 100, None, None
        return Decimal(0), q.value, q.unit


def interval_sum(quantities) -> tuple[Decimal | None, Decimal | None]:
    low: Decimal | None = Decimal(0)
    high: Decimal | None = Decimal(0)
    for q in quantities:
        low = None if low is None or q.low is None else low + q.low
        high = None if high is None or q.high is None else high + q.high
    return low, high


@dataclass(frozen=True)
class BoundsRule(Rule):
    """A metric's plausible range: figures of these metrics (any, when none is named) of this kind and in the
    unit of min/max, within region when one is named, must lie between min and max."""

    names: tuple[str, ...] = ()
    region_code: str | None = None
    low: Figure | None = None
    high: Figure | None = None

    type_name: ClassVar[str] = "bounds"
    own_keys: ClassVar[tuple[str, ...]] = ("metric", "region", "min", "max")
    placeholders: ClassVar[tuple[str, ...]] = ("min", "max", "range")

    def metrics(self) -> tuple[str, ...]:
        return self.names

    @classmethod
    def read(cls, base: dict, reader: Reader) -> BoundsRule | None:
        names = reader.metric_list("metric", 1, required=False)
        given = reader.table.get("metric")
        words = given if isinstance(given, str) else ""
        low, high = reader.figure("min", words, required=False), reader.figure("max", words, required=False)
        region = None
        if "region" in reader.table:
            text = reader.text("region")
            found, why = resolve_region(text) if text else (None, None)
            if text and found is None:
                reader.fail("region", why)
            region = found.code if found else None
        if "min" not in reader.table and "max" not in reader.table:
            reader.fail("min", "bounds 规则至少需要 min 或 max (a bounds rule needs min, max or both)")
            return None
        if names is None or ("min" in reader.table and low is None) or ("max" in reader.table and high is None):
            return None
        ends = [f for f in (low, high) if f is not None]
        units = {(f.quantity.unit, f.quantity.dimension) for f in ends}
        if len(units) > 1:
            reader.fail("max", "min 与 max 的单位不同 (min and max are in different units)")
            return None
        # a range figure (3%～5%) has value None and raises TypeError here: existing behaviour, left unchanged
        if low is not None and high is not None and low.quantity.value > high.quantity.value:  # type: ignore[operator]
            reader.fail("max", f"max 小于 min (max is below min): {low.text} > {high.text}")
            return None
        kind = "actual" if base["kind"] == "share" else base["kind"] or ends[0].kind
        return cls(**{**base, "kind": kind}, names=names, region_code=region, low=low, high=high)

    @property
    def unit(self) -> tuple[str | None, str]:
        end = self.low or self.high
        assert end is not None  # read() refuses a bounds rule with neither min nor max
        q = end.quantity
        return q.unit, q.dimension

    def range_text(self) -> str:
        return f"{self.low.text if self.low else '−∞'}～{self.high.text if self.high else '∞'}"

    def admits(self, q: Quantity) -> bool:
        """Whether some value of the figure lies within the bounds."""
        low = None if self.low is None else self.low.quantity.value
        high = None if self.high is None else self.high.quantity.value
        above = low is None or q.high is None or q.high > low or q.high == low and not q.high_open
        below = high is None or q.low is None or q.low < high or q.low == high and not q.low_open
        return above and below


@dataclass(frozen=True)
class SumRule(Rule):
    """parts add up to total, for the same region and period, within tolerance beyond the figures' rounding."""

    total: str = ""
    parts: tuple[str, ...] = ()
    relative: Decimal = Decimal(0)
    absolute: Decimal | None = None

    type_name: ClassVar[str] = "sum"
    own_keys: ClassVar[tuple[str, ...]] = ("total", "parts", "tolerance")
    placeholders: ClassVar[tuple[str, ...]] = ("total", "parts", "sum", "total_figure")

    def metrics(self) -> tuple[str, ...]:
        return (self.total, *self.parts)

    @classmethod
    def read(cls, base: dict, reader: Reader) -> SumRule | None:
        total, parts, tolerance = reader.metric("total"), reader.metric_list("parts", 2), reader.tolerance()
        if total is None or parts is None or tolerance is None:
            return None
        if total in parts:
            reader.fail("parts", "总数也列在部分中 (the total is among the parts)")
            return None
        return cls(**_level(base), total=total, parts=parts, relative=tolerance[0], absolute=tolerance[1])

    def holds(self, total: Quantity, parts: list[Quantity]) -> bool:
        return Span(*interval_sum(parts)).meets(span_of(total).widened(self.relative, self.absolute or Decimal(0)))


@dataclass(frozen=True)
class RatioRule(Rule):
    """result = numerator / denominator × factor (100 when the result is a percent, 1000 per mille, else 1, unless
    factor is given), for the same region and period, within tolerance."""

    result: str = ""
    numerator: str = ""
    denominator: str = ""
    factor: Decimal | None = None
    relative: Decimal = Decimal(0)
    absolute: Decimal | None = None

    type_name: ClassVar[str] = "ratio"
    own_keys: ClassVar[tuple[str, ...]] = ("result", "numerator", "denominator", "factor", "tolerance")
    placeholders: ClassVar[tuple[str, ...]] = ("result", "numerator", "denominator", "expected", "result_figure")

    def metrics(self) -> tuple[str, ...]:
        return (self.result, self.numerator, self.denominator)

    @classmethod
    def read(cls, base: dict, reader: Reader) -> RatioRule | None:
        result, numerator = reader.metric("result"), reader.metric("numerator")
        denominator, tolerance = reader.metric("denominator"), reader.tolerance()
        factor = None
        if "factor" in reader.table:
            value = reader.table["factor"]
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                reader.fail("factor", f"factor 应为正数 (expected a positive number), got {value!r}")
                return None
            try:
                factor = Decimal(str(value))
            except ArithmeticError:
                factor = None
            if factor is None or not factor.is_finite() or factor <= 0:
                reader.fail("factor", f"factor 应为正数 (expected a positive number), got {value!r}")
                return None
        if result is None or numerator is None or denominator is None or tolerance is None:
            return None
        if len({result, numerator, denominator}) != 3:
            reader.fail("result", "result、numerator、denominator 应为三个不同的指标 (three different metrics)")
            return None
        return cls(**_level(base), result=result, numerator=numerator, denominator=denominator, factor=factor,
                   relative=tolerance[0], absolute=tolerance[1])

    def scale(self, result: Quantity) -> Decimal:
        if self.factor is not None:
            return self.factor
        return {"percent": Decimal(100), "permille": Decimal(1000)}.get(result.dimension, Decimal(1))

    def expected(self, result: Quantity, numerator: Quantity, denominator: Quantity
                 ) -> tuple[Decimal, Decimal] | None:
        """The result's interval the other two allow, or None when a figure is unbounded or not positive."""
        ends = (numerator.low, numerator.high, denominator.low, denominator.high)
        if any(v is None or v <= 0 for v in ends):
            return None
        scale = self.scale(result)
        n_low, n_high, d_low, d_high = ends
        assert n_low is not None and n_high is not None and d_low is not None and d_high is not None  # any() above
        return n_low / d_high * scale, n_high / d_low * scale

    def holds(self, result: Quantity, numerator: Quantity, denominator: Quantity) -> bool:
        found = self.expected(result, numerator, denominator)
        return found is None or Span(*found).meets(span_of(result).widened(self.relative,
                                                                           self.absolute or Decimal(0)))


@dataclass(frozen=True)
class OrderRule(Rule):
    """Each metric is at least the next one (descending = [a, b, c]: a ≥ b ≥ c), for the same region and period."""

    ranked: tuple[str, ...] = ()

    type_name: ClassVar[str] = "order"
    own_keys: ClassVar[tuple[str, ...]] = ("descending",)
    placeholders: ClassVar[tuple[str, ...]] = ("greater", "lesser", "greater_figure", "lesser_figure")

    def metrics(self) -> tuple[str, ...]:
        return self.ranked

    @classmethod
    def read(cls, base: dict, reader: Reader) -> OrderRule | None:
        ranked = reader.metric_list("descending", 2)
        return None if ranked is None else cls(**_level(base), ranked=ranked)

    @staticmethod
    def holds(greater: Quantity, lesser: Quantity) -> bool:
        """Whether some value of greater is at least some value of lesser."""
        if greater.high is None or lesser.low is None:
            return True
        return greater.high > lesser.low or greater.high == lesser.low and not (greater.high_open or lesser.low_open)


def _level(base: dict) -> dict:
    """A relation's figures are levels unless the rule says which kind (kind = "growth_rate"); a share is a level."""
    kind = base["kind"] or "actual"
    return {**base, "kind": "actual" if kind == "share" else kind}


RULE_TYPES = {cls.type_name: cls for cls in (BoundsRule, SumRule, RatioRule, OrderRule)}
KINDS = LEVEL_KINDS
