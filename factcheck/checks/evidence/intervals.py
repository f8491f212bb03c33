"""Interval arithmetic for the FC3 checks: what two stated figures allow a third to be.

Every figure is an interval (3.37% is [3.365, 3.375), 超3000家 is (3000, ∞)); a derived figure such as
B − A or B / A is the interval of all values the stated intervals allow. Ends are treated as closed: a
check that widens its intervals can only stay silent more often, never raise a false alarm.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from factcheck.model.claims import Quantity

HUNDRED = Decimal(100)
_MAGNITUDES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))


@dataclass(frozen=True, slots=True)
class Span:
    """A closed interval; None is unbounded on that side."""

    low: Decimal | None
    high: Decimal | None

    def scaled(self, factor: Decimal) -> Span:
        low = None if self.low is None else self.low * factor
        high = None if self.high is None else self.high * factor
        return Span(low, high) if factor >= 0 else Span(high, low)

    def shifted(self, amount: Decimal) -> Span:
        return Span(None if self.low is None else self.low + amount, None if self.high is None else self.high + amount)

    def widened(self, relative: Decimal, absolute: Decimal = Decimal(0)) -> Span:
        """Widened on each side by absolute plus relative times the larger end's size."""
        size = max((abs(v) for v in (self.low, self.high) if v is not None), default=Decimal(0))
        pad = absolute + relative * size
        return Span(None if self.low is None else self.low - pad, None if self.high is None else self.high + pad)

    def meets(self, other: Span) -> bool:
        """Whether some value lies in both."""
        return ((self.low is None or other.high is None or self.low <= other.high)
                and (other.low is None or self.high is None or other.low <= self.high))

    @property
    def bounded(self) -> bool:
        return self.low is not None and self.high is not None


def span_of(q: Quantity) -> Span:
    return Span(q.low, q.high)


def fraction_of(q: Quantity) -> Span | None:
    """A share as a fraction of one: 20% and 1/5 are both 0.2; None for anything that is not a share."""
    if q.dimension == "percent" or q.unit == "%":
        return span_of(q).scaled(1 / HUNDRED)
    if q.dimension == "ratio":
        return span_of(q)
    return None


def difference(later: Span, earlier: Span) -> Span:
    """later − earlier."""
    low = None if later.low is None or earlier.high is None else later.low - earlier.high
    high = None if later.high is None or earlier.low is None else later.high - earlier.low
    return Span(low, high)


def quotient(part: Span, whole: Span) -> Span:
    """part / whole for non-negative part and a whole known to be positive; unbounded otherwise."""
    if whole.low is None or whole.low <= 0 or (part.low is not None and part.low < 0):
        return Span(None, None)
    low = Decimal(0) if part.low is None or whole.high is None else part.low / whole.high
    high = None if part.high is None else part.high / whole.low
    return Span(low, high)


def nth_root(span: Span, n: int) -> Span:
    """Each end raised to 1/n (for growth factors, which are positive)."""
    def root(v: Decimal | None) -> Decimal | None:
        if v is None:
            return None
        if v <= 0:
            return Decimal(0)
        try:
            return v ** (Decimal(1) / Decimal(n))
        except InvalidOperation:
            return None
    return Span(root(span.low), root(span.high))


def central(q: Quantity) -> Decimal | None:
    """The figure's own value, or the middle of a range, for messages."""
    if q.value is not None:
        return q.value
    if q.low is not None and q.high is not None:
        return (q.low + q.high) / 2
    return q.low if q.low is not None else q.high


def value_ratio(numerator: Quantity, denominator: Quantity) -> Decimal | None:
    """The ratio of the figures' own values, for messages (the check itself uses the intervals)."""
    top, bottom = central(numerator), central(denominator)
    return top / bottom if top is not None and bottom else None


def plain_number(value: Decimal, places: int = 2) -> str:
    """A decimal with at most `places` decimals and no trailing zeros: 3311, 46.92, 0.4."""
    quantum = Decimal(1).scaleb(-places)
    text = format(value.quantize(quantum), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def amount(value: Decimal, unit: str | None, like: str) -> str:
    """value in base units written the way the figure `like` is written: 4374.4亿元, 3311家, 5.2个百分点."""
    if unit == "%":
        return f"{plain_number(value)}%"
    if unit == "百分点":
        return f"{plain_number(value)}个百分点"
    for word, size in _MAGNITUDES:
        if word in like:
            return f"{plain_number(value / size)}{word}{unit or ''}"
    return f"{plain_number(value)}{unit or ''}"
