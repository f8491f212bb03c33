"""A figure read by the number grammar (factcheck.extract.numbers.grammar) made an interval: an exact figure
widened by half a unit of its last written digit (3.37% → [3.365, 3.375)), a hedge opening one end
(超3000 → (3000, ∞)), 约 widened by the approximation tolerance of rules/qualifiers.toml, a range kept as its
two ends (3至5年, and 六七吨: two neighbouring digits are a range too), a vague magnitude as the interval it
allows (数十亿 → [1e9, 1e10))."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from factcheck.model.claims import Quantity
from factcheck.vocab.data import Hedge, qualifiers

_PUNCT_AFTER_BARE = set("，。；、：,;:）)！？\n") | {""}
_VALUE_CUES = ("为", "达", "达到", "是", "至", "增至", "降至", "提高到", "提升至", "升至", "下降到", "超", "约")


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int  # normalized offsets of the whole surface, hedges included
    end: int
    quantity: Quantity
    hedge: str | None = None  # the hedge word, if any, for messages and role cues


@dataclass(frozen=True, slots=True)
class Candidate:
    """A figure the grammar read, before it is made an interval (factcheck.extract.numbers.grammar)."""
    start: int
    end: int
    core_start: int
    core_end: int
    # number | bare (no unit: a figure only after a value cue) | fixed (exact) | year | drop | range | vague |
    # lead / tail (a numeral that is a figure only as the first / second end of a range: 三 of 三至五亿元)
    kind: str
    base: Decimal | None  # value in base units before hedging; the low end of a range or vague interval
    half: Decimal  # half a unit of the last written digit, in base units; the high end of a range or vague interval
    unit: str | None
    dimension: str
    hedge_word: str | None
    hedge: Hedge | None
    # What joining two figures into a range reads (factcheck.extract.numbers.ranges):
    numeral: Decimal | None = None  # the figure as its digits write it, before magnitude words and unit factor
    scaled: bool = False  # it carries its own magnitude word (2万, 两千万), so a range's other end lends it none
    written: str | None = None  # its numeral as written (三千万, 2), and its magnitude word (万): what it can lend
    magnitude: str | None = None  # a bare first end (三至五亿元: 亿)
    factor: Decimal = Decimal(1)  # its unit's factor
    dash_sign: bool = False  # it took a dash as its minus sign: right after another figure that dash joins them


def mention_of(text: str, c: Candidate) -> NumberMention | None:
    """The candidate as a figure with its interval, or None when it is no figure after all (a year, a
    bare number no cue or hedge makes a value of)."""
    if c.kind in ("year", "drop", "lead", "tail"):
        return None
    if c.kind == "vague":
        if c.base is None:  # 居全国前列: a rank near the top, no bounds to it
            return NumberMention(c.start, c.end, Quantity(None, None, None, True, True, c.unit, c.dimension, "vague"))
        quantity = Quantity(None, c.base, c.half, False, True, c.unit, c.dimension, "vague")
        return NumberMention(c.start, c.end, _tidy(quantity), c.hedge_word)
    if c.kind == "bare":
        before = text[max(0, c.core_start - 2):c.core_start]
        following = text[c.end:c.end + 1]
        if not ((before.endswith(_VALUE_CUES) or c.hedge) and following in _PUNCT_AFTER_BARE):
            return None
        if c.base is not None and c.base == c.base.to_integral() and 1900 <= c.base <= 2100:
            return None
    if c.kind == "range":
        quantity = Quantity(None, c.base, c.half, False, False, c.unit, c.dimension, "range")
        return NumberMention(c.start, c.end, _tidy(quantity))
    value = c.base
    assert value is not None  # only year and vague candidates have no value, and they are handled above
    if c.hedge is None:
        if c.kind == "fixed":
            quantity = Quantity(value, value, value, False, False, c.unit, c.dimension, "exact")
        else:
            quantity = Quantity(value, value - c.half, value + c.half, False, True, c.unit, c.dimension,
                                "exact_rounded")
    elif c.hedge.kind == "lower":
        quantity = Quantity(value, value, None, c.hedge.open, True, c.unit, c.dimension, "lower")
    elif c.hedge.kind == "upper":
        quantity = Quantity(value, None, value, True, c.hedge.open, c.unit, c.dimension, "upper")
    else:
        tol = qualifiers().approx_tolerance
        low, high = sorted((value * (1 - tol), value * (1 + tol)))  # 约零下5度: −5.25 to −4.75
        quantity = Quantity(value, low, high, False, False, c.unit, c.dimension, "approx")
    return NumberMention(c.start, c.end, _tidy(quantity), c.hedge_word)


def _tidy(q: Quantity) -> Quantity:
    def norm(d: Decimal | None) -> Decimal | None:
        if d is None:
            return None
        d = d.normalize()
        return d.quantize(Decimal(1)) if d == d.to_integral() else d
    return Quantity(norm(q.value), norm(q.low), norm(q.high), q.low_open, q.high_open, q.unit, q.dimension, q.qualifier)
