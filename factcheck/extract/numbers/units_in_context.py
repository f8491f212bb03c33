"""The unit of a figure where the surface alone does not say it: 度 is ℃ after 气温 and 千瓦时 of electricity,
a currency word before the figure names the currency of the 元 after it (港币8000万元 is 港元), 元/吨 is a price.
Read from rules/units.toml; never guessed (度 with no cue stays 度, with no dimension)."""

from __future__ import annotations

from factcheck.vocab.data import Reading, Unit, contextual_units, unit_prefixes, units

_CLAUSE_END = "。；！？;!?\n"
_CUE_WINDOW = 8  # characters before the figure searched for a cue word: 最低气温零下十五度, 全社会用电量12亿度


def unit_of(text: str, surface: str, figure_start: int, unit_end: int) -> Unit | None:
    """The unit `surface` stands for here, or None when the figure is to be left out (52度白酒, 3级医院).

    figure_start is where the figure (with its hedge and sign) starts, unit_end where the unit ends."""
    readings = contextual_units().get(surface)
    if readings is None:
        return units().get(surface)
    reading = _reading(text, readings, figure_start, unit_end)
    if reading is not None:
        return reading.unit
    return units().get(surface)


def _reading(text: str, readings: tuple[Reading, ...], figure_start: int, unit_end: int) -> Reading | None:
    following = text[unit_end:unit_end + 4]
    for reading in readings:
        if reading.after and following.startswith(reading.after):
            return reading
    lo = max(0, figure_start - _CUE_WINDOW)
    window = text[lo:figure_start]
    cut = max(window.rfind(ch) for ch in _CLAUSE_END)
    window = window[cut + 1:]
    best, best_at = None, -1
    for reading in readings:
        for cue in reading.before:
            at = window.rfind(cue)
            if at >= 0 and at + len(cue) > best_at:
                best, best_at = reading, at + len(cue)
    if best is not None:
        return best
    return next((r for r in readings if r.default), None)


def with_prefix(prefix: str | None, unit: Unit | None) -> Unit | None:
    """The unit of a figure written after a currency word or sign: 人民币3000元 → 元, 港币8000万元 → 港元, $300万 →
    美元. None when the two disagree (人民币300万美元) or the unit is no money (￥5家)."""
    if prefix is None:
        return unit
    currency = unit_prefixes()[prefix]
    if unit is None:
        return currency
    if unit.dimension != "money" or (unit.unit != "元" and unit.unit != currency.unit):
        return None
    return Unit(unit.surface, currency.unit, unit.factor, "money")
