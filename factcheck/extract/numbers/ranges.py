"""Two figures joined by 至/到/—/-/～ are one range: 5.0%—5.5%, 3至5年, 2万-8万元, 三至五亿元, 6500到2万元.

A magnitude, percent or unit written once, on the second end, applies to the first end too (三至五亿元 is
3亿 to 5亿, 1-2万元 1万 to 2万元) unless that would put the first end above the second: 6500到2万元 is 6500 to
20000元, not 6500万 to 2万. A range is never read as one of its ends: a pair that cannot be joined into an
interval whose low end is at most its high end stays two figures, and a lone first end (lead) is dropped.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from factcheck.extract.numbers.intervals import Candidate
from factcheck.extract.numbers.numerals import BIG_UNITS, DIGITS, MAGNITUDES, SMALL_UNITS, read_numeral

_UNREADABLE = Candidate(0, 0, 0, 0, "drop", None, Decimal(0), None, "other", None, None)
RANGE_JOINERS = frozenset({"—", "——", "-", "－", "~", "～", "〜", "至", "到", "–"})
_ENDS = ("number", "bare", "lead")


def merge_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        if b is not None:
            joined = _range(text, a, b)
            if joined is _UNREADABLE:
                i += 2  # 超10-15亿元, 10-15亿元以上: a hedged range, neither end alone is the figure
                continue
            if joined is not None:
                out.append(joined)
                i += 2
                continue
            if a.kind == "bare" and b.kind == "year" and text[a.end:b.start] in RANGE_JOINERS:
                i += 2  # 2021—2025年
                continue
        if a.dash_sign and out and out[-1].end == a.start:
            a = _unsigned(a)  # 2万元-8万人: a dash right after a figure is no minus sign
        out.append(a)
        i += 1
    return out


def _unsigned(c: Candidate) -> Candidate:
    base = -c.base if c.base is not None else None
    return replace(c, start=c.start + 1, core_start=c.core_start + 1, base=base, dash_sign=False,
                   numeral=-c.numeral if c.numeral is not None else None)


def _range(text: str, a: Candidate, b: Candidate) -> Candidate | None:
    if a.kind not in _ENDS or b.kind not in ("number", "tail") or a.base is None or b.base is None:
        return None
    if b.dash_sign and a.end == b.start:
        b = _unsigned(b)  # 2万-8万元: the dash joins, it is no minus sign
        joiner = "-"
    else:
        joiner = text[a.end:b.start]
    if joiner not in RANGE_JOINERS:
        return None
    # 约10-15亿元, 3%—5%左右: an approximate range is still the range its ends state; another hedge on an end
    # (超10—15亿, 10-15亿元以上, 1000多至2000多家) leaves no figure to read: neither end is one alone
    if (a.hedge is not None and a.hedge.kind != "approx") or (b.hedge is not None and b.hedge.kind != "approx"):
        return _UNREADABLE
    low: Decimal | None
    high: Decimal | None
    unit: str | None
    if b.kind == "tail":
        # 百分之五至十: the second end is a bare numeral that takes the first end's percent
        if a.unit not in ("%", "‰") or b.numeral is None:
            return None
        low, high, unit, dimension = a.base, b.numeral * a.factor, a.unit, a.dimension
    else:
        if a.unit is not None and a.unit != b.unit:
            return None
        low, high, unit, dimension = _low_end(a, b), b.base, b.unit, b.dimension
    if low is None or high is None or low > high:
        return None
    start = a.core_start if a.hedge is not None else a.start  # 约 before a range does not widen it
    return Candidate(start, b.end, a.core_start, b.core_end, "range", low, high, unit, dimension, None, None)


def _low_end(a: Candidate, b: Candidate) -> Decimal | None:
    assert a.base is not None and b.base is not None  # _range reads only ends that have a value
    if a.unit is not None:
        return a.base  # 8000元到1.2万元: both ends written in full
    if a.scaled:
        a_mag, b_mag = _magnitude_word(a), _magnitude_word(b)
        if a_mag and b_mag and b_mag != a_mag and b_mag.startswith(a_mag):
            # 3万-4.5万亿元: the 万 of the first end is the start of 万亿, written once (3万亿, not 3万)
            return a.base / MAGNITUDES[a_mag] * Decimal(MAGNITUDES[b_mag]) * b.factor
        return a.base * b.factor  # 2万-8万元, 两千万到三千万元: the first end has its own magnitude
    if a.numeral is None:
        return None
    # 三至五亿元, 两千到三千万元 (2000万, not 2000亿), 6500到2万元 (6500, not 6500万): the second end's
    # magnitude, as long as the first end stays at most the second
    for scale in _scales(b.written or "", b.magnitude):
        low = a.numeral * scale * b.factor
        if low <= b.base:
            return low
    return None


def _scales(raw: str, mag: str | None) -> tuple[Decimal, ...]:
    """The magnitudes a figure can lend the bare first end of a range, likeliest first: 五亿 lends 亿 (三至五亿),
    三千万 lends 千万 and then 万 (两千到三千万: 2000万, since 2000千万 would pass the high end)."""
    if mag:
        big = next((MAGNITUDES[w] for w in ("万亿", "亿", "万") if mag.endswith(w)), 1)
        scales = (MAGNITUDES[mag], big, 1)
    elif raw and not raw[0].isdigit() and len(raw) > 1:
        big = next((MAGNITUDES[w] for w in ("万亿", "亿", "万") if raw.endswith(w)), 1)
        single = 1
        if raw[0] in DIGITS and all(ch in SMALL_UNITS or ch in BIG_UNITS for ch in raw[1:]):
            parsed = read_numeral(raw)
            single = int(parsed[0]) // DIGITS[raw[0]] if parsed and DIGITS[raw[0]] else 1
        scales = (single, big, 1)
    else:
        return (Decimal(1),)
    return tuple(Decimal(s) for s in dict.fromkeys(scales))


def _magnitude_word(c: Candidate) -> str | None:
    """The magnitude word a figure ends with: 万 of 3万, 万亿 of 4.5万亿, 万 of 三千万."""
    if c.magnitude:
        return c.magnitude
    written = c.written or ""
    return next((w for w in ("万亿", "亿", "万") if written.endswith(w) and not written[0].isdigit()), None)
