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


def load_toml(name: str) -> dict:
    with open(rules_path(name), "rb") as handle:
        return tomllib.load(handle)


@cache
def units() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    for group in load_toml("units.toml").values():
        for surface, entry in group.items():
            table[surface] = Unit(surface, entry["unit"] or None, Decimal(entry["factor"]), entry["dimension"])
    return table


@cache
def qualifiers() -> Qualifiers:
    data = load_toml("qualifiers.toml")

    def hedges(section: str) -> dict[str, Hedge]:
        return {word: Hedge(v["kind"], bool(v["open"])) for word, v in data[section].items()}

    nonq = data["nonquantity"]
    return Qualifiers(
        approx_tolerance=Decimal(data["approx"]["relative_tolerance"]),
        before=hedges("before"),
        inside=hedges("inside"),
        after=hedges("after"),
        nonquantity_phrases=tuple(nonq["phrases"]),
        ordinal_name_suffixes=tuple(nonq["ordinal_name_suffixes"]),
        rank_cues=tuple(nonq["rank_cues"]),
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
