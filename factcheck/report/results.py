"""A run's findings as compact JSON: how the second check process sends its findings back
(factcheck.report.parallel) and how the claims cache keeps whole-run results (keyed by
factcheck.scale.fingerprint.run_key).

Findings travel with their paths (a corpus-scope finding's places lie in several documents), as compact
JSON with a path table; no pickle, as everywhere in the cache.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from factcheck.model.codec import place_from_row, place_row
from factcheck.model.findings import Edit, Finding
from factcheck.text.normalize import LineIndex

RESULT_VERSION = 2  # 2: excerpts that are their whole line are stored as null


def encode(findings: Iterable[Finding], corroborated: Iterable[tuple[str, ...]], texts: Mapping[str, str],
           confirmed: Iterable[str] | None = None) -> str:
    """texts: the documents' text by path. An excerpt that is its place's whole line of that text (the usual
    case) is stored as null and read from the text again: a run's findings repeat long lines many times.
    confirmed: the ids of the claims that agree with the run's registry (None: the run has none)."""
    paths: dict[str, int] = {}
    lines = _Lines(texts)

    def place(p) -> list:
        row = place_row(p)
        if row[6] == lines.get(p.location.path, p.location.line):
            row[6] = None
        return [paths.setdefault(p.location.path, len(paths)), *row]

    rows = [[f.rule, f.name, f.severity, f.message, place(f.place), [place(p) for p in f.related],
             list(f.claims), f.key, [[e.start, e.end, e.replacement] for e in f.fix]] for f in findings]
    result = {"v": RESULT_VERSION, "paths": list(paths), "findings": rows,
              "corroborated": [list(g) for g in corroborated]}
    if confirmed is not None:
        result["confirmed"] = sorted(confirmed)
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def decode(text: str, texts: Mapping[str, str]) -> tuple[tuple[Finding, ...], tuple[tuple[str, ...], ...],
                                                       frozenset[str] | None] | None:
    """The findings, corroborated groups and confirmed claim ids (None when the run had no registry), or None
    when the text is not a result of this version. texts: as given to encode (the run key covers every path
    and content)."""
    lines = _Lines(texts)
    try:
        data = json.loads(text)
        if data.get("v") != RESULT_VERSION:
            return None
        paths = data["paths"]

        def place(row):
            path = paths[row[0]]
            if row[7] is None:
                line = lines.get(path, row[1])
                if line is None:
                    raise KeyError(path)
                row[7] = line
            return place_from_row(row[1:], path)

        findings = tuple(Finding(rule, name, severity, message, place(at), tuple(place(p) for p in related),
                                 tuple(claims), key, tuple(Edit(s, e, r) for s, e, r in fix))
                         for rule, name, severity, message, at, related, claims, key, fix in data["findings"])
        confirmed = frozenset(data["confirmed"]) if "confirmed" in data else None
        return findings, tuple(tuple(g) for g in data["corroborated"]), confirmed
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


class _Lines:
    """Line n (1-based) of each text, as the checks' excerpts hold it (LineIndex.line_text)."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._indexes: dict[str, LineIndex] = {}

    def get(self, path: str, line: int) -> str | None:
        text = self._texts.get(path)
        if text is None:
            return None
        index = self._indexes.get(path)
        if index is None:
            index = self._indexes[path] = LineIndex(text)
        return index.line_text(text, line) if 0 < line <= len(index) else None
