"""Normalize text for number reading while keeping a map back to the original offsets.

What changes: full-width digits and signs become ASCII (a full-width comma only between full-width digits, as a
thousands separator), traditional 萬/億 become 万/亿; Markdown emphasis markers (** and __) are dropped;
white space between a figure and what continues it ("4.36 万亿元", "4.36\\n\\n万亿元", "超 1\\n万亿元",
"2022 年") is dropped; invisible characters inside the text (format characters such as U+200B, U+FEFF,
U+00AD, U+202E, and combining marks on digits, Han characters and punctuation: HIDDEN) are dropped, so
1<U+200B>5456亿元 reads as 15456亿元 (FC708 reports them). Nothing else changes, so every normalized
character maps to one original offset.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import chain

import regex

from factcheck.text.patterns import FULLWIDTH_FIGURE

_FULLWIDTH = {**FULLWIDTH_FIGURE, "＋": "+", "－": "-", "／": "/", "，": ","}
# the traditional magnitude words read as the simplified ones (3.5萬人次)
_FULLWIDTH.update({"萬": "万", "億": "亿"})
_FULLWIDTH_CHARS = re.compile("[" + "".join(k for k in _FULLWIDTH if k != "，") + "]")
# A full-width comma is a thousands separator only between full-width digits, three after it (１，２３４元);
# elsewhere it is the Chinese comma and stays.
_FULLWIDTH_SEPARATOR = re.compile("(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def _halfwidth(text: str) -> str:
    """text with full-width digits and signs made ASCII (and 萬/億 simplified), one character for one (a search
    finds none in most documents; str.translate would look every character up)."""
    if _FULLWIDTH_CHARS.search(text) is None:
        return text
    text = _FULLWIDTH_SEPARATOR.sub(",", text)  # before the digits turn ASCII: it looks at full-width ones
    return _FULLWIDTH_CHARS.sub(lambda m: _FULLWIDTH[m.group()], text)

# A figure's continuation: magnitude, unit, percent, or the next digits of a decimal.
_CONTINUES = "万亿千百十元%‰年月日个家项位件人倍吨米亩公平立瓦户台套辆座条所名次多余以左上近分成"
# Across a line break only what cannot start a sentence of its own: magnitudes and units.
_CONTINUES_ACROSS_LINES = "万亿千百元%‰个家项位件人倍吨亩户台套辆座条所名"
_SPACE = r"[ \t\u00a0\u3000]"
_LINE_GAP = rf"{_SPACE}*(?:\r?\n{_SPACE}*)+"
_GAP_AFTER_DIGIT = regex.compile(
    rf"(?<=[0-9%])(?:{_SPACE}+(?=[{_CONTINUES}])|{_LINE_GAP}(?=[{_CONTINUES_ACROSS_LINES}]))"
    # PDF breaks inside a figure written with magnitude words or an ordinal: "逾万\n\n家", "第\n\n一。"
    rf"|(?<=(?:[超逾近约达][万亿千百]|[0-9][万亿]))(?:{_LINE_GAP})(?=[{_CONTINUES_ACROSS_LINES}])"
    rf"|(?<=[^\n]第|[超逾近约])(?:{_LINE_GAP})(?=[0-9一二三四五六七八九十两百千万])"
    # a hedge after a figure broken off onto the next line: "200个\n\n以上，" (以上 then a mark cannot open a
    # sentence of its own; 以上数据… can, and stays)
    rf"|(?<=[0-9][万亿千百]?[{_CONTINUES_ACROSS_LINES}]?)(?:{_LINE_GAP})(?=(?:以上|以下|以内|左右)[，。；、,;)）])"
)
_GAP_AFTER_HEDGE = regex.compile(rf"(?<=(?:超过|超|逾|近|约|达到|达|突破|增至|不到|不足|共|计)){_SPACE}+(?=[0-9])")
_EMPHASIS = regex.compile(r"\*\*|__")
# A run of invisible characters between two visible ones: format characters (Cf), and combining marks (Mn,
# Me) where no script puts one (on a digit, a Han character, punctuation or a symbol; an accent on a Latin
# letter stays). One alone on a line, or at a line's end, hides nothing and stays.
HIDDEN = regex.compile(r"(?<=\S)(?:\p{Cf}|(?<=[\p{N}\p{Han}\p{P}\p{S}\p{Cf}\p{Mn}\p{Me}])[\p{Mn}\p{Me}])+(?=\S)")
MAY_HIDE = regex.compile(r"[\p{Cf}\p{Mn}\p{Me}]")


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    origin: tuple[int, ...]  # origin[i] = original offset of normalized char i; origin[len] = len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of a normalized [start, end)."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def normalize(original: str) -> Normalized:
    """The text as the extractor reads it, with a map back to the original's offsets."""
    # The last answer, by identity: extraction and then the enumeration check normalize the same text
    # object one after the other (a Normalized is a value, so sharing it is safe).
    last = _last_normalized
    if last and last[0] is original:
        return last[1]
    normalized = _normalize(original)
    _last_normalized[:] = (original, normalized)
    return normalized


_last_normalized: list = []


def _normalize(original: str) -> Normalized:
    drop = bytearray(len(original))
    for pattern in (_EMPHASIS, _GAP_AFTER_HEDGE):
        for m in pattern.finditer(original):
            drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    if MAY_HIDE.search(original) is not None:
        for m in HIDDEN.finditer(original):
            drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    _mark_gaps(original, drop)
    _mark_wraps(original, drop)
    # Most documents drop a few characters only: copy the kept runs as slices and number them with
    # ranges instead of walking the text a character at a time.
    kept = [m.span() for m in _KEPT.finditer(drop)]
    if len(kept) == 1 and kept[0] == (0, len(original)):
        return Normalized(_halfwidth(original), tuple(range(len(original) + 1)))
    text = _halfwidth("".join(original[a:b] for a, b in kept))
    origin = list(chain.from_iterable(range(a, b) for a, b in kept))
    origin.append(len(original))
    return Normalized(text, tuple(origin))


_KEPT = re.compile(rb"[^\x01]+")


def halfwidth_unemphasized(text: str) -> str:
    """normalize(text).text but for the white space normalize drops: for callers that then drop all white
    space anyway (normalize drops nothing else but emphasis, and changes nothing but full-width forms)."""
    return _halfwidth(_EMPHASIS.sub("", text))


def _mark_gaps(original: str, drop: bytearray) -> None:
    # Gaps are looked for after emphasis is dropped ("**4.36** 万亿元"), so test the text with
    # emphasis blanked out, keeping offsets.
    blanked = (_EMPHASIS.sub(lambda m: " " * len(m.group()), original) if "**" in original or "__" in original
               else original)
    blanked = _halfwidth(blanked)  # one character for one: offsets stay
    for m in _GAP_AFTER_DIGIT.finditer(blanked):
        if m.end() > m.start():
            drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())


_LINE_BREAKS = regex.compile(r"(?:[ \t\u3000\r]*\n)+[ \t\u3000]*")
_WRAPPED_LINE_MIN = 16
_ENDS_LINE = tuple("。！？!?；;：:”’」』）)…—|") 
_NOT_CONTINUATION = regex.compile(r"^(?:#|[-*•·>|]|表\s*\d|图\s*\d|注|资料来源|[一二三四五六七八九十]+、"
                                  r"|（[一二三四五六七八九十\d]+）|\d{1,2}[、.．])")
_NOT_WRAPPED_START = regex.compile(r"^\s*(?:#|[-*•·>|]|表\s*\d|图\s*\d)")


def _wrap_width(original: str) -> int | None:
    """The width a hard-wrapped document was wrapped at, or None when it was not: most long lines end
    without punctuation and have about the same length."""
    long_lines = [line.strip() for line in original.split("\n") if len(line.strip()) >= _WRAPPED_LINE_MIN]
    unended = sorted(len(line) for line in long_lines if not line.endswith(_ENDS_LINE))
    if len(unended) < 20 or len(unended) < 0.3 * len(long_lines):
        return None
    median = unended[len(unended) // 2]
    near = sum(1 for n in unended if abs(n - median) <= 0.15 * median)
    return median if near >= 0.5 * len(unended) else None


def _mark_wraps(original: str, drop: bytearray) -> None:
    """Drop the line breaks of a hard-wrapped paragraph: a line about as long as the wrap width, ending
    without punctuation, followed by a line that continues the sentence (not a heading, list item, table
    or caption)."""
    if "\n" not in original:
        return
    width = _wrap_width(original)
    if width is None:
        return
    line_start_of = LineStarts(original)
    for m in _LINE_BREAKS.finditer(original):
        line_start = line_start_of(m.start())
        line = original[line_start:m.start()].strip()
        following = original[m.end():m.end() + 8]
        if (len(line) >= 0.8 * width and not line.endswith(_ENDS_LINE)
                and not _NOT_WRAPPED_START.match(line) and following[:1]
                and (following[0].isalnum() or following[0] in "“‘《（(")
                and not _NOT_CONTINUATION.match(following)):
            drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())


class LineStarts:
    """The start of the line holding each offset of an increasing sequence (matches in order): each stretch
    of text is searched for a line break once, where an rfind from every offset back to its line's start
    was quadratic on a long line."""

    __slots__ = ("_text", "_seen", "_start")

    def __init__(self, text: str) -> None:
        self._text, self._seen, self._start = text, 0, 0

    def __call__(self, offset: int) -> int:
        if offset < self._seen:  # not in order after all: look back from here
            return self._text.rfind("\n", 0, offset) + 1
        found = self._text.rfind("\n", self._seen, offset)
        if found != -1:
            self._start = found + 1
        self._seen = offset
        return self._start


class LineIndex:
    """1-based line and code-point column of original offsets."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def __len__(self) -> int:
        """The number of lines."""
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_text(self, text: str, line: int) -> str:
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(text)
        return text[start:end].rstrip("\r")
