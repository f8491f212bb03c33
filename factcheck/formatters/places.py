"""Positions of fix edits (offsets into the original text) as 1-based lines and code-point columns."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.text.normalize import LineIndex


@dataclass(frozen=True, slots=True)
class EditPosition:
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive
    replacement: str


# A place's excerpt is its whole line; a line longer than this (a file without line breaks) is shown as the
# EXCERPT_WINDOW characters either side of the place, with … where it was cut: a report of a thousand
# findings on a line of a megabyte was a gigabyte of excerpts. The corpus's longest line is 3,768 characters.
MAX_EXCERPT = 4000
EXCERPT_WINDOW = 200


def shown_excerpt(place) -> str:
    line = place.excerpt
    if len(line) <= MAX_EXCERPT:
        return line
    loc = place.location
    start = loc.column - 1
    end = loc.end_column - 1 if loc.end_line == loc.line else start
    left, right = max(0, start - EXCERPT_WINDOW), min(len(line), end + EXCERPT_WINDOW)
    return ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")


def edit_positions(text: str, edits) -> list[EditPosition]:
    index = _index_of(text)
    out = []
    for e in edits:
        line, column = index.position(e.start)
        end_line, end_column = index.position(e.end)
        out.append(EditPosition(line, column, end_line, end_column, e.replacement))
    return out


_last_index: list = []


def _index_of(text: str) -> LineIndex:
    """The line index of the text the last finding was in, by identity: a report asks once per fixable
    finding, and ten thousand of them in one file must not each index its lines again."""
    if _last_index and _last_index[0] is text:
        return _last_index[1]
    index = LineIndex(text)
    _last_index[:] = (text, index)
    return index
