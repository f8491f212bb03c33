"""Chinese administrative regions: lookup, containment and free-text mention finding.

Data: rules/regions.csv (built from cpca's adcode table by scripts/build_gazetteer.py),
rules/zones.csv (hand-curated parks) and rules/region_stopwords.txt. Nothing is read at
import time; load_gazetteer() reads them once.

Matching policy for find(): official names, shorts, and aliases of three or more
characters (恩施州, 无锡国家高新区, 中华人民共和国). One- and two-character aliases (苏, 锡,
全国) are for lookup() only: in running text they are ordinary words far more often than
region names. Stoplist entries are consumed without being reported, which also keeps them
from exposing a region name that straddles them (隆重庆祝 never yields 重庆).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factcheck.vocab.data import extra_rule_files, loaded_from_rules
from factcheck.vocab.files import rules_path

LEVELS = ("country", "province", "prefecture", "county", "zone")
_LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
MIN_MATCHED_ALIAS = 3

# A candidate is rejected when its last character and the next one read as a common word
# (河北区域 is 河北 + 区域, 无锡市场 is 无锡 + 市场, 示范县城 has no 范县); a shorter
# candidate at the same start is then tried, so 无锡市场 still yields 无锡.
_END_GUARDS = {"区": "域", "市": "场", "县": "城域级乡镇", "城": "市镇乡"}
# A short name followed by one of these is part of a longer place name, not the region: 云龙湖 (a lake in
# 徐州) is not 云龙区, 苏州河 (in 上海) not 苏州, 岳麓山 not 岳麓区. The value lists the characters after the
# feature word that make it a common noun instead (江苏河湖, 广西山清水秀, 山西路径, 浙江山区): the short is
# then the region. A region name starting at the feature character (浙江湖州, 河北山东) always counts.
_LANDMARK_AFTER = {"湖": "泊区", "山": "区地清水川林洪村乡山", "河": "流道湖", "湾": "区", "岛": "屿", "桥": "梁",
                   "路": "径线网子", "峡": "谷", "岭": "", "寺": "", "塔": ""}


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    short: str
    level: str
    parent: str | None
    aliases: tuple[str, ...]
    same_as: str | None = None  # zones run as one with a district (无锡高新区 = 新吴区)


@dataclass(frozen=True, slots=True)
class RegionMention:
    start: int
    end: int
    surface: str
    candidates: tuple[Region, ...]


def read_rows(path: Path) -> list[dict[str, str]]:
    """CSV rows of a rules file, '#' comment lines skipped."""
    with open(path, encoding="utf-8-sig", newline="") as handle:  # (a project's file saved with a BOM)
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def read_stoplist(path: Path) -> dict[str, set[str]]:
    """Stoplist entries by section ('stop', 'block'); entries before any header count as 'stop'."""
    sections: dict[str, set[str]] = {"stop": set(), "block": set()}
    current = "stop"
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            entry = line.split("#", 1)[0].strip()
            if entry.startswith("[") and entry.endswith("]"):
                current = entry[1:-1]
                sections.setdefault(current, set())
            elif entry:
                sections[current].add(entry)
    return sections


def region_from_row(row: dict[str, str]) -> Region:
    aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
    return Region(
        code=row["code"], name=row["name"], short=row.get("short") or "", level=row["level"],
        parent=row.get("parent") or None, aliases=aliases, same_as=row.get("same_as") or None,
    )


def _sort_key(region: Region) -> tuple[int, str]:
    return _LEVEL_RANK.get(region.level, len(LEVELS)), region.code


class Gazetteer:
    def __init__(self, regions: Iterable[Region], stopwords: Iterable[str] = ()) -> None:
        self._by_code: dict[str, Region] = {}
        for region in regions:
            if region.code in self._by_code:
                raise ValueError(f"duplicate region code {region.code}")
            self._by_code[region.code] = region
        self._stopwords = frozenset(stopwords)

        children: dict[str, list[Region]] = {}
        forms: dict[str, list[Region]] = {}
        matched: dict[str, list[Region]] = {}
        for region in self._by_code.values():
            if region.parent:
                children.setdefault(region.parent, []).append(region)
            for form in (region.name, region.short, *region.aliases):
                if form:
                    forms.setdefault(form, []).append(region)
            for form in (region.name, region.short):
                if len(form) >= 2:
                    matched.setdefault(form, []).append(region)
            for form in region.aliases:
                if len(form) >= MIN_MATCHED_ALIAS:
                    matched.setdefault(form, []).append(region)

        def frozen(table: dict[str, list[Region]]) -> dict[str, tuple[Region, ...]]:
            return {k: tuple(sorted(set(v), key=_sort_key)) for k, v in table.items()}

        self._children = frozen(children)
        self._forms = frozen(forms)
        # Matching table: stop/block entries map to () so they are consumed but not reported.
        self._matched = frozen(matched)
        for word in self._stopwords:
            self._matched[word] = ()
        # find() jumps between positions whose character can start an entry and whose next one can
        # follow it there (a C-level scan: two character classes skip some 85% of running text), then
        # tries only the lengths that exist for the two-character prefix there.
        lengths: dict[str, set[int]] = {}
        for form in self._matched:
            if len(form) >= 2:
                lengths.setdefault(form[:2], set()).add(len(form))
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        first_chars = sorted({form[0] for form in self._lengths})
        second_chars = sorted({form[1] for form in self._lengths})
        self._starts = re.compile("[" + "".join(re.escape(c) for c in first_chars) + "](?=["
                                  + "".join(re.escape(c) for c in second_chars) + "])")

    # -- data access -------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self):
        return iter(self._by_code.values())

    @property
    def stopwords(self) -> frozenset[str]:
        return self._stopwords

    def get(self, code: str) -> Region | None:
        return self._by_code.get(code)

    def parent(self, region: Region) -> Region | None:
        return self._by_code.get(region.parent) if region.parent else None

    def same_as(self, region: Region) -> Region | None:
        """The division a zone is administered as one with, if any."""
        return self._by_code.get(region.same_as) if region.same_as else None

    def ancestors(self, region: Region) -> tuple[Region, ...]:
        chain: list[Region] = []
        seen = {region.code}
        current = self.parent(region)
        while current is not None and current.code not in seen:
            chain.append(current)
            seen.add(current.code)
            current = self.parent(current)
        return tuple(chain)

    def is_within(self, inner: Region, outer: Region) -> bool:
        """True when inner is outer, lies inside it, or is a zone run as one with it (reflexive)."""
        for region in (inner, self.same_as(inner)):
            if region is not None and (region == outer or outer in self.ancestors(region)):
                return True
        twin = self.same_as(outer)
        return twin is not None and self.is_within(inner, twin)

    def children(self, region: Region, level: str | None = None) -> tuple[Region, ...]:
        kids = self._children.get(region.code, ())
        return kids if level is None else tuple(r for r in kids if r.level == level)

    def lookup(self, name: str) -> tuple[Region, ...]:
        """Every region whose name, short or any alias (including 1-char ones) equals name."""
        return self._forms.get(name, ())

    # -- text --------------------------------------------------------------------------

    def find(self, text: str) -> list[RegionMention]:
        """Region mentions, left to right, longest first, non-overlapping; stoplist honoured."""
        mentions: list[RegionMention] = []
        matched, lengths, guards = self._matched, self._lengths, _END_GUARDS
        end, limit = 0, len(text)
        for hit in self._starts.finditer(text):
            start = hit.start()
            if start < end:
                continue
            sizes = lengths.get(text[start:start + 2])
            if sizes is None:
                continue
            for size in sizes:
                if start + size > limit:
                    continue
                surface = text[start:start + size]
                regions = matched.get(surface)
                if regions is None:
                    continue
                stop = start + size
                follow = guards.get(surface[-1])
                if follow and stop < limit and text[stop] in follow:
                    continue
                if (stop < limit and text[stop] in _LANDMARK_AFTER and regions
                        and self._in_landmark(text, stop, surface, regions)):
                    continue
                if regions:
                    mentions.append(RegionMention(start, stop, surface, regions))
                end = stop
                break
        return mentions

    def _in_landmark(self, text: str, stop: int, surface: str, regions: tuple[Region, ...]) -> bool:
        """Whether a short name ending at stop opens the name of a lake, hill, road … (云龙湖, 苏州河)."""
        if any(surface == r.name for r in regions):
            return False  # a full name (云龙区) is the region whatever follows it
        generic = _LANDMARK_AFTER[text[stop]]
        if stop + 1 < len(text) and text[stop + 1] in generic:
            return False
        for size in self._lengths.get(text[stop:stop + 2], ()):
            if self._matched.get(text[stop:stop + size]):
                return False  # 浙江湖州: the next region starts there
        return True

    def resolve(self, mention: RegionMention, context: Sequence[Region]) -> Region | None:
        """The candidate meant in this context, or None when that is not certain.

        A single candidate is returned as is. Otherwise each candidate is scored by how few
        levels separate it from the closest context region that contains it or that it
        contains; the unique best wins, and ties or no relation give None. Pass the country
        (100000) as context to prefer the higher-level reading of 吉林 or 海南.
        """
        candidates = mention.candidates
        if len(candidates) == 1:
            return candidates[0]
        if not candidates or not context:
            return None
        scored = sorted((self._distance(c, context), _sort_key(c), c) for c in candidates)
        best = scored[0][0]
        if math.isinf(best) or scored[1][0] == best:
            return None
        return scored[0][2]

    def _distance(self, candidate: Region, context: Sequence[Region]) -> float:
        up = (candidate, *self.ancestors(candidate))
        best = math.inf
        for region in context:
            if region in up:
                best = min(best, up.index(region))
            else:
                down = (region, *self.ancestors(region))
                if candidate in down:
                    best = min(best, down.index(candidate))
        return best


@loaded_from_rules
@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    rows = read_rows(rules_path("regions.csv")) + read_rows(rules_path("zones.csv"))
    for extra in extra_rule_files("regions"):
        rows += read_rows(Path(extra))
    stoplist = read_stoplist(rules_path("region_stopwords.txt"))
    names = read_stoplist(rules_path("region_names.txt"))  # names that hold a place name: consumed the same way
    return Gazetteer(
        (region_from_row(row) for row in rows),
        stopwords=set().union(*stoplist.values(), *names.values()),
    )
