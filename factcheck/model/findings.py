"""Findings: what a check reports. Values, never exceptions; code, severity and places are fields."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from factcheck.model.claims import Location

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True, slots=True)
class Place:
    """A place a finding points at: the claim's location and the line it stands on."""

    location: Location
    excerpt: str       # the whole source line, for showing the claim in context
    note: str = ""     # for related places: why this place matters ("the same figure stated as 5家")


@dataclass(frozen=True, slots=True)
class Edit:
    """A safe mechanical fix: replace the original text [start, end) of the finding's file with replacement."""

    start: int
    end: int
    replacement: str


def splice(text: str, edits) -> str:
    """text with non-overlapping edits (offsets into text) applied."""
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str          # stable code, FC101
    name: str          # kebab name, conflicting-figures
    severity: str      # error | warning | info
    message: str       # Chinese, numbers spelled out
    place: Place
    related: tuple[Place, ...]
    claims: tuple[str, ...]  # ids of the claims it rests on, the main one first
    key: str           # what the finding is about, stable under edits elsewhere (region|metric|period …)
    fix: tuple[Edit, ...] = ()  # edits to place.location.path that remove the defect (only the safe lints have one)

    @property
    def fingerprint(self) -> str:
        """Stable across runs and line shifts: rule, file, the finding's key and the claims' texts."""
        texts = "|".join(sorted(self.related_texts()))
        raw = f"{self.rule}\x1f{self.place.location.path}\x1f{self.key}\x1f{texts}"
        return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:24]  # a file name's own bytes

    def related_texts(self) -> list[str]:
        spans = [self.place, *self.related]
        return [p.excerpt[p.location.column - 1:p.location.end_column - 1] if p.location.line == p.location.end_line
                else p.excerpt[p.location.column - 1:] for p in spans]


def rule_matches(code: str, name: str, patterns) -> bool:
    """A check is named by its code, a code prefix (FC1 = every FC1xx) or its kebab name."""
    return any(code.startswith(p) or name == p for p in patterns)
