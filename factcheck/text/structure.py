"""Text structure of a normalized document: sentences, clauses, and headings that set context."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import regex

_SENTENCE_END = regex.compile(r"[。！？!?]+[”’」』）)]*|(?:[ \t\u3000]*\r?\n)+")

_CLAUSE_DELIMS = "，,；;：:"
_CLAUSE_DELIM = regex.compile("[，,；;：:]")
_OUTLINE = regex.compile(r"^\s*(?:#+\s*|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）"
                         r"|\([一二三四五六七八九十]+\)|\d{1,2}[、.．]\s*(?!\d))")


@dataclass(frozen=True, slots=True)
class Heading:
    start: int
    end: int
    level: int  # 1 for "#"/"一、", 2 for "##"/"（一）", 3 for deeper


_LINE_BREAK = regex.compile("\n")

# How far a scan made for one figure or cue reads each way: wider than any sentence, clause or line of real
# text (the corpus's longest sentence before a figure is 474 characters, its longest clause 92, its longest
# line 1,387), so that ordinary text reads the same, and a text without marks costs a window per figure.
SENTENCE_WINDOW = 800
CLAUSE_WINDOW = 400
PARAGRAPH_WINDOW = 4000


class Structure:
    """Sentence and heading lookup for offsets of one normalized text."""

    __slots__ = ("text", "_sentence_starts", "_sentence_ends", "headings", "_heading_starts", "_delims", "_enclosing",
                 "_breaks")

    def __init__(self, text: str) -> None:
        self.text = text
        starts, ends = [], []
        pos = 0
        for m in _SENTENCE_END.finditer(text):
            if m.start() > pos:
                starts.append(pos)
                ends.append(m.end() if m.group()[0] != "\n" else m.start())
            pos = m.end()
        if pos < len(text):
            starts.append(pos)
            ends.append(len(text))
        self._sentence_starts = starts
        self._sentence_ends = ends
        self.headings = find_headings(text)
        self._heading_starts = [h.start for h in self.headings]
        # clause marks, in order: a clause's bounds are a bisection away, not six scans of the sentence
        self._delims = [m.start() for m in _CLAUSE_DELIM.finditer(text)]
        self._enclosing: dict[tuple[int, bool], tuple[Heading, ...]] = {}
        self._breaks: list[int] | None = None  # line breaks, found when a paragraph is first asked for

    def sentence_index(self, offset: int) -> int:
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def sentence(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i < 0:
            return 0, 0
        return self._sentence_starts[i], self._sentence_ends[i]

    def clause_start(self, offset: int) -> int:
        """Just after the last clause mark before offset in its sentence, else the sentence's start."""
        s_start, _ = self.sentence(offset)
        i = bisect_left(self._delims, offset) - 1
        return self._delims[i] + 1 if i >= 0 and self._delims[i] >= s_start else s_start

    def clause_end(self, offset: int) -> int:
        """The first clause mark from offset on in its sentence, else the sentence's end."""
        _, s_end = self.sentence(offset)
        i = bisect_left(self._delims, offset)
        return self._delims[i] if i < len(self._delims) and self._delims[i] < s_end else s_end

    def paragraph(self, offset: int) -> tuple[int, int]:
        """The line holding offset, by bisection (a scan for its ends, for every figure of a line of a
        megabyte, was quadratic)."""
        breaks = self._breaks
        if breaks is None:
            breaks = self._breaks = [m.start() for m in _LINE_BREAK.finditer(self.text)]
        i = bisect_left(breaks, offset)
        start = breaks[i - 1] + 1 if i > 0 else 0
        return start, breaks[i] if i < len(breaks) else len(self.text)

    def articles(self) -> list[tuple[int, int]]:
        """Spans of the articles in a compilation: the text from one "# " heading to the next. Empty when
        the document has fewer than two such headings (one document, one subject)."""
        tops = [h.start for h in self.headings if h.level == 1 and self.text.startswith("#", h.start)]
        if len(tops) < 2:
            return []
        starts = [0] + tops
        ends = tops + [len(self.text)]
        return [(a, b) for a, b in zip(starts, ends, strict=False) if b > a]

    def enclosing_headings(self, offset: int) -> tuple[Heading, ...]:
        """The headings whose sections hold `offset`, innermost first. Headings are whole lines in order, so
        the chain depends only on the last heading starting at or before offset and whether offset is on
        that heading's own line: it is computed once per such pair."""
        i = bisect_right(self._heading_starts, offset) - 1
        key = (i, i >= 0 and offset < self.headings[i].end)
        chain = self._enclosing.get(key)
        if chain is None:
            chain = self._enclosing[key] = tuple(self._enclosing_headings(offset, i))
        return chain

    def _enclosing_headings(self, offset: int, i: int) -> list[Heading]:
        chain: list[Heading] = []
        level = 99
        while i >= 0:
            h = self.headings[i]
            if h.level < level and not (h.start <= offset < h.end):
                chain.append(h)
                level = h.level
                if level == 1:
                    break
            i -= 1
        return chain



class WindowedStructure(Structure):
    """A Structure whose sentences and clauses, as seen from an offset, reach at most sentence_window and
    clause_window characters from it each way: what extraction reads around one figure is bounded by a
    window, never by the line (in a text without marks every figure's sentence is the whole text, and
    reading it for each figure is quadratic). The windows are wider than any sentence or clause of real
    text (the corpus's longest sentence before a figure is 474 characters, its longest clause 92), so on
    ordinary text nothing changes."""

    __slots__ = ("_sentence_window", "_clause_window")

    def __init__(self, text: str, sentence_window: int, clause_window: int) -> None:
        super().__init__(text)
        self._sentence_window, self._clause_window = sentence_window, clause_window

    def sentence(self, offset: int) -> tuple[int, int]:
        start, end = super().sentence(offset)
        return max(start, offset - self._sentence_window), min(end, offset + self._sentence_window)

    def clause_start(self, offset: int) -> int:
        return max(super().clause_start(offset), offset - self._clause_window)

    def clause_end(self, offset: int) -> int:
        return min(super().clause_end(offset), offset + self._clause_window)


def span_start(text: str, at: int, marks: str, window: int) -> int:
    """Just after the last of marks among the window characters before at, else the window's first character
    (0 when the text starts inside it): the start of at's clause or sentence, read no further back than the
    window. One rfind per mark over the whole text before at, for every figure or cue, was quadratic in a
    text without those marks — and a mark a document never uses sent it to the text's start every time."""
    lo = max(0, at - window)
    return max(max(text.rfind(mark, lo, at) for mark in marks) + 1, lo)


def span_end(text: str, at: int, marks: str, window: int) -> int:
    """The first of marks among the window characters from at on, else the window's end (the text's end when
    it ends inside it)."""
    hi = min(len(text), at + window)
    return min((p for p in (text.find(mark, at, hi) for mark in marks) if p != -1), default=hi)


def find_headings(text: str) -> list[Heading]:
    """The outline headings of a text (# …, 一、…, （一）…, 1. …), in order."""
    headings = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped and len(stripped) <= 40 and not stripped.endswith(("。", "；", "，", "：", ":")):
            m = _OUTLINE.match(line)
            if m:
                marker = m.group().strip()
                if marker.startswith("#"):
                    level = min(len(marker) - len(marker.lstrip("#")), 3)
                elif marker.endswith("、") and not marker[0].isdigit():
                    level = 1
                elif marker.startswith(("（", "(")):
                    level = 2
                else:
                    level = 3
                headings.append(Heading(pos, end, level))
        pos = end + 1
    return headings
