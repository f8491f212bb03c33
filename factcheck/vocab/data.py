"""Rule data (vocabulary and parameters from rules/*.toml), loaded lazily and once."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from factcheck.vocab.files import rules_path


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str
    unit: str | None
    factor: Decimal
    dimension: str
    arabic_only: bool = False  # 5角 is money, 三角 (长三角, 三角形) is not: read only after Arabic digits


@dataclass(frozen=True, slots=True)
class Reading:
    """One meaning of a unit whose meaning the words around the figure decide (rules/units.toml [[contextual]])."""
    surface: str
    unit: Unit | None  # None: the figure is left out (52度白酒: alcohol strength)
    before: tuple[str, ...]  # words in the clause just before the figure that select this reading
    after: tuple[str, ...]   # words right after the unit that select it

    @property
    def default(self) -> bool:
        return not self.before and not self.after


@dataclass(frozen=True, slots=True)
class Hedge:
    kind: str  # lower | upper | approx
    open: bool


@dataclass(frozen=True, slots=True)
class Qualifiers:
    approx_tolerance: Decimal
    before: dict[str, Hedge]
    inside: dict[str, Hedge]
    after: dict[str, Hedge]
    nonquantity_phrases: tuple[str, ...]
    ordinal_name_suffixes: tuple[str, ...]
    rank_cues: tuple[str, ...]
    word_parts: dict[str, str]  # hedge word -> characters that, right before it, make it part of a word (节约)
    falling_words: tuple[str, ...]  # 下降-1.5%: a verb of decrease before a minus sign leaves the sign in doubt
    shu_nouns: str  # characters X for which X数 is a noun (人数十万 is 人数 + 十万, not 数十万)


def load_toml(name: str) -> dict:
    with open(rules_path(name), "rb") as handle:
        return tomllib.load(handle)


_UNIT_SECTIONS_NOT_PLAIN = ("prefix", "contextual")


def _unit(surface: str, entry: dict) -> Unit:
    return Unit(surface, entry["unit"] or None, Decimal(entry["factor"]), entry["dimension"],
                bool(entry.get("arabic_only", False)))


@cache
def units() -> dict[str, Unit]:
    """Units and counters written after a figure, by surface."""
    table: dict[str, Unit] = {}
    for name, group in load_toml("units.toml").items():
        if name in _UNIT_SECTIONS_NOT_PLAIN:
            continue
        for surface, entry in group.items():
            table[surface] = _unit(surface, entry)
    return table


@cache
def unit_prefixes() -> dict[str, Unit]:
    """Currency words and signs written before a figure (人民币50亿元, ￥500, US$5亿), by surface."""
    return {surface: _unit(surface, entry) for surface, entry in load_toml("units.toml").get("prefix", {}).items()}


@cache
def contextual_units() -> dict[str, tuple[Reading, ...]]:
    """Units read from the words around the figure (度: ℃ after 气温, 千瓦时 of electricity), by surface."""
    table: dict[str, list[Reading]] = {}
    for entry in load_toml("units.toml").get("contextual", []):
        unit = None if entry.get("drop") else _unit(entry["surface"], entry)
        table.setdefault(entry["surface"], []).append(
            Reading(entry["surface"], unit, tuple(entry.get("before", ())), tuple(entry.get("after", ()))))
    return {surface: tuple(readings) for surface, readings in table.items()}


@cache
def qualifiers() -> Qualifiers:
    data = load_toml("qualifiers.toml")

    def hedges(section: str) -> dict[str, Hedge]:
        return {word: Hedge(v["kind"], bool(v["open"])) for word, v in data[section].items()}

    nonq = data["nonquantity"]
    signs = data["signs"]
    return Qualifiers(
        approx_tolerance=Decimal(data["approx"]["relative_tolerance"]),
        before=hedges("before"),
        inside=hedges("inside"),
        after=hedges("after"),
        nonquantity_phrases=tuple(nonq["phrases"]),
        ordinal_name_suffixes=tuple(nonq["ordinal_name_suffixes"]),
        rank_cues=tuple(nonq["rank_cues"]),
        word_parts=dict(data["word_parts"]),
        falling_words=tuple(signs["falling_words"]),
        shu_nouns=nonq["shu_nouns"],
    )


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A shared word list of rules/checks.toml [words] (its one home; check options default to them)."""
    return tuple(load_toml("checks.toml")["words"][name])


def alternation(words) -> str:
    """A regex alternation of literal words, longest first so the longest surface wins."""
    import regex

    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# A newsroom's own rule data (extra metric aliases, extra regions) from the project config, added to the
# shipped files. Set once, before the first claim is read; changing it drops what was loaded from the old set.
_EXTRA_RULES: dict[str, tuple[str, ...]] = {"metrics": (), "regions": ()}


def use_extra_rules(metrics: tuple[str, ...] = (), regions: tuple[str, ...] = ()) -> None:
    wanted = {"metrics": tuple(metrics), "regions": tuple(regions)}
    if wanted == _EXTRA_RULES:
        return
    _EXTRA_RULES.update(wanted)
    for forget in _LOADED_FROM_RULES:
        forget()


_LOADED_FROM_RULES: list[Callable[[], None]] = []


def loaded_from_rules(loader: Callable) -> Callable:
    """Marks a cached loader (functools.cache) whose result depends on the extra rule files in use, so that
    use_extra_rules forgets it: the stages above register their loaders here, this stage imports none."""
    _LOADED_FROM_RULES.append(loader.cache_clear)  # type: ignore[attr-defined]
    return loader


def extra_rule_files(kind: str) -> tuple[str, ...]:
    return _EXTRA_RULES[kind]


def extra_aliases() -> dict[str, list[str]]:
    """The [aliases] tables of the extra metric files, merged in order."""
    merged: dict[str, list[str]] = {}
    for path in _EXTRA_RULES["metrics"]:
        with open(path, "rb") as handle:
            for name, aliases in tomllib.load(handle).get("aliases", {}).items():
                merged.setdefault(name, []).extend(aliases)
    return merged
