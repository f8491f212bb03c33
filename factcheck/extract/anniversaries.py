"""Anniversaries: 新中国成立75周年 is a figure of the event, not a duration of nothing. The claim gets the event as
its metric (its canonical name from rules/anniversaries.toml, plus 周年), the event's region (the country's for
a national event), and the role of a fact whatever the sentence plans (以优异成绩迎接…70周年 does not make the
anniversary a target). For an event of known year the anniversary's own year follows (anniversary_year: a
five-year review restating 新中国成立75周年 speaks of 2024): figure keys pair on it, and the year a sentence
states is checked against it (FC307). A stretch
before N周年 that does not end like an event's name (策划十周年系列活动) leaves the claim as it was."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import regex

from factcheck.extract.regions.gazetteer import Gazetteer
from factcheck.model.claims import Claim
from factcheck.vocab.data import alternation, load_toml, loaded_from_rules

ANNIVERSARY_SUFFIX = "周年"
# How far back an event's name may start: the longest national wording is 26 characters.
_REACH = 40
_COUNTRY = "100000"  # the gazetteer's code of the whole country
_BREAK = regex.compile(r"[，。；：！？、,;:!?\s（）()]")


@dataclass(frozen=True)
class Vocabulary:
    ends: tuple[str, ...]
    before: regex.Pattern
    national: dict[str, str]  # wording (and canonical name) → canonical name
    wordings: tuple[str, ...]  # national's keys, longest first (新中国成立 before a shorter wording it ends with)
    founded: dict[str, int]   # canonical name → the event's year


@loaded_from_rules
@cache
def vocabulary() -> Vocabulary:
    data = load_toml("anniversaries.toml")
    national, founded = {}, {}
    for name, entry in data["national"].items():
        national[name] = name
        national.update(dict.fromkeys(entry["wordings"], name))
        founded[name] = entry["year"]
    before = regex.compile(alternation(data["before"]))
    wordings = tuple(sorted(national, key=len, reverse=True))
    return Vocabulary(tuple(data["event_ends"]), before, national, wordings, founded)


def event_before(text: str, start: int) -> tuple[str, bool] | None:
    """The event whose anniversary a figure at start counts (canonical name, whether it is the country's), or
    None when the words before it name none."""
    stretch = text[max(0, start - _REACH):start]
    words = vocabulary()
    for wording in words.wordings:
        if stretch.endswith(wording):
            return words.national[wording], True
    cut = 0
    for found in _BREAK.finditer(stretch):
        cut = found.end()
    for found in words.before.finditer(stretch, cut):
        cut = found.end()
    name = stretch[cut:]
    if len(name) < 2 or not name.endswith(words.ends):
        return None
    return name, False


def as_anniversary(claim: Claim, text: str, start: int, gazetteer: Gazetteer) -> Claim:
    """The claim keyed as an anniversary when it is one (its text ends in 周年 and an event's name stands right
    before the figure, start being where the figure starts in the normalized text), else the claim itself."""
    if not claim.text.endswith(ANNIVERSARY_SUFFIX) or claim.quantity.unit != "年":
        return claim
    found = event_before(text, start)
    if found is None:
        return claim
    event, national = found
    region_name, region_code = claim.region, claim.region_code
    if national:
        country = gazetteer.get(_COUNTRY)
        region_name, region_code = (country.name, country.code) if country else (None, None)
    return replace(claim, metric=event + ANNIVERSARY_SUFFIX, metric_text=event, role="actual", kind="actual",
                   aspect=None, region=region_name, region_code=region_code)


def event_year(claim: Claim) -> int | None:
    """The year of the event an anniversary claim counts from, when the rules know it."""
    if not is_anniversary(claim):
        return None
    assert claim.metric is not None  # is_anniversary
    return vocabulary().founded.get(claim.metric[:-len(ANNIVERSARY_SUFFIX)])


def anniversary_year(claim: Claim) -> str | None:
    """The year an anniversary claim falls in (新中国成立75周年: 2024), when its event's year is known."""
    founded, years = event_year(claim), claim.quantity.value
    if founded is None or years is None or years != years.to_integral_value() or not 0 < years < 1000:
        return None
    return str(founded + int(years))


def is_anniversary(claim: Claim) -> bool:
    return (claim.metric is not None and claim.metric.endswith(ANNIVERSARY_SUFFIX)
            and claim.text.endswith(ANNIVERSARY_SUFFIX) and claim.quantity.unit == "年")

