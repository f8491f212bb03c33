"""Text defects that let figure errors slip in: repeated and doubled phrases, figures broken or spaced
apart, full-width digits, stray page numbers. Pure functions over a document's original text (and its
claims, where "a figure" must mean what the number grammar reads as one); the FC7 checks report them.

Every span is an offset into the original text, so fixes apply to the file exactly as it was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from factcheck.model.claims import Claim
from factcheck.model.findings import Edit, splice
from factcheck.text.normalize import HIDDEN, MAY_HIDE, LineStarts
from factcheck.text.patterns import FULLWIDTH_FIGURE

_SPACE = " \t\u00a0\u3000"
_GAP = regex.compile(r"(?:\*\*|__)?[ \t\u00a0\u3000\r\n]+(?:\*\*|__)?")
_DIGIT = regex.compile(r"[0-9０-９]")
_HAS_SPACE = re.compile(r"[ \t\u00a0\u3000\r\n]")


@dataclass(frozen=True, slots=True)
class Defect:
    start: int
    end: int
    text: str                   # the defective original text, for the message
    suggestion: str = ""        # how it should read, where that is mechanical
    edits: tuple[Edit, ...] = ()
    related: tuple[tuple[int, int, str], ...] = ()


# FC701: “不同阶段、不同阶段的成长规律”. Chinese parallelism repeats phrases on purpose (顶真: 以大城市带动大京郊、
# 大京郊服务大城市; 项目大谋划、谋划大项目), so a repeat is reported only when both copies are whole words, the
# second ends its phrase (a delimiter or a particle follows, not a verb and an object), and the two clauses
# around it share no other character (parallel clauses do: 带动…服务, 大…大).
_REPEATED = regex.compile(r"(\p{Han}{2,12})、\1", regex.V1)
_ENDS_PHRASE = set("、，,；;。：:！？!?）)」』”’\n\r 的之等和与及或")
_CLAUSE_BREAK = set("、，,；;。：:！？!?\n\r（(“”「」")


def repeated_phrases(text: str, tokenize) -> list[Defect]:
    found: list[Defect] = []
    for m in _REPEATED.finditer(text, overlapped=True):
        phrase = m.group(1)
        first, second = m.start(), m.end() - len(phrase)
        after = text[m.end():m.end() + 2]
        if after[:1] and after[:1] not in _ENDS_PHRASE:
            continue
        follows = after.lstrip("、，,")
        if (follows.startswith(("再", "又", "还")) or text.startswith(phrase, m.end() + 1)
                or text[max(0, first - len(phrase) - 1):first] == phrase + "、"):
            continue  # 加油、加油、加油; 创新、创新、再创新: deliberate emphasis
        before = text[_clause_start(text, first):first]
        rest = text[m.end():_clause_end(text, m.end())]
        if set(_han(before)) & set(_han(rest)):
            continue
        if not _whole_words(text, (first, first + len(phrase)), (second, m.end()), tokenize):
            continue
        if found and found[-1].start == first:
            continue
        found.append(Defect(first, m.end(), m.group(), phrase))
    return found


def _han(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in _CLAUSE_BREAK and pos - i < 40:
        i -= 1
    return i


def _clause_end(text: str, pos: int) -> int:
    i = pos
    while i < len(text) and text[i] not in _CLAUSE_BREAK and i - pos < 40:
        i += 1
    return i


def _whole_words(text: str, first: tuple[int, int], second: tuple[int, int], tokenize) -> bool:
    """Both copies start and end on word boundaries (群众体育、竞技体育、体育产业 repeats no word)."""
    lo = max(0, first[0] - 20)
    hi = min(len(text), second[1] + 20)
    bounds = {lo}
    pos = lo
    for token in tokenize(text[lo:hi]):
        pos += len(token)
        bounds.add(pos)
    return all(b in bounds for b in (*first, *second))


# A line's defects of one kind are one finding, quoting them, up to this span: wider than any line of real text
# (the corpus's longest is 1,387 characters), so that a line of a megabyte is many findings of a few thousand
# characters each, not one whose message quotes the whole line twice.
MAX_DEFECT_SPAN = 4000


class _LineGroups:
    """Matches (added in order of their starts) grouped by the line they start on; a group closes where the
    next match would start MAX_DEFECT_SPAN or more after the group's first."""

    __slots__ = ("groups", "_line_start_of", "_line", "_first")

    def __init__(self, text: str) -> None:
        self.groups: list[list] = []
        self._line_start_of = LineStarts(text)
        self._line = self._first = -1

    def add(self, start: int, item) -> None:
        line = self._line_start_of(start)
        if self.groups and line == self._line and start - self._first < MAX_DEFECT_SPAN:
            self.groups[-1].append(item)
        else:
            self.groups.append([item])
            self._line, self._first = line, start


# FC702: PDF extraction of bold or shadowed type doubles every run: “无锡高新区无锡高新区：：”.
# The standard library's re runs this back-reference scan about seven times faster than regex does.
_DOUBLED = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff]{3,40})\1+")  # every further copy at once
_DOUBLED_MARKS = set("：；，。、！？（）“”《》")  # Chinese marks only: ** is Markdown emphasis, never a doubling


def doubled_runs(text: str) -> list[Defect]:
    """One defect per line holding doubled runs; edits remove every copy of a run after the first (and a
    doubled mark after them) when the doubling is exact and holds no digit. The suggestion is the text as
    --fix leaves it after all its passes."""
    return doubled_runs_once(text, final=True)


def doubled_runs_once(text: str, final: bool = False) -> list[Defect]:
    by_line = _LineGroups(text)
    for m in _DOUBLED.finditer(text):
        run = m.group(1)
        if run.startswith("一"):
            continue  # 一家一家地对接, 一个项目一个项目地抓: reduplication, not a defect
        end = m.end()
        while end + 1 < len(text) and text[end] == text[end + 1] and text[end] in _DOUBLED_MARKS:
            end += 2  # the doubled colon of “无锡高新区无锡高新区：：”
        by_line.add(m.start(), (m.start(), m.start() + len(run), m.end(), end))
    defects = []
    for runs in by_line.groups:
        start, end = runs[0][0], runs[-1][3]
        edits = []
        for _, run_end, copies_end, stop in runs:
            edits.append(Edit(run_end, copies_end, ""))
            marks = text[copies_end:stop]
            edits.extend(Edit(copies_end + i, copies_end + i + 1, "") for i in range(1, len(marks), 2))
        original = text[start:end]
        # the line's span alone with the edits moved into it (splicing the whole text for each line was
        # quadratic in a file of doubled runs)
        fixed = splice(original, [Edit(e.start - start, e.end - start, e.replacement) for e in edits])
        exact = not _DIGIT.search(original)
        # what --fix leaves: its passes undo a doubling of a doubling too (加快推进加快推进加快推进加快推进)
        if exact and final:
            fixed = _undoubled(fixed)
        defects.append(Defect(start, end, original, fixed, tuple(edits) if exact else ()))
    return defects


def _undoubled(text: str, passes: int = 32) -> str:
    """text with its exact doublings removed pass after pass, as --fix removes them."""
    for _ in range(passes):
        edits = [e for d in doubled_runs_once(text) for e in d.edits]
        if not edits:
            break
        text = splice(text, edits)
    return text


# FC703 / FC704: white space inside a figure the grammar reads as one (“4.36\n\n万亿元”, “13473 家”),
# and inside a date (“2022 年”), which is not a claim but is a figure all the same.
_DATE_GAP = regex.compile(r"(?<![0-9.０-９])(?:[0-9]{4}[ \t\u00a0\u3000\r\n]+(?=年)"
                          r"|[0-9]{1,2}[ \t\u00a0\u3000]+(?=[月日]))")
_LABEL = regex.compile(r"(?:附件|附表|附图|表|图)\s*$")


def figure_gaps(text: str, claims: Iterable[Claim]) -> Iterator[tuple[Defect, bool]]:
    """(defect, broken) for each figure with white space inside it, one per figure; broken when a gap crosses
    a line. The space between a hedge and its digits (“超过 1 万家”) is ordinary typesetting and is left alone
    unless it crosses a line (“超\n1万亿元”)."""
    seen: set[int] = set()
    for claim in claims:
        start, end = claim.location.start, claim.location.end
        surface = text[start:end]
        if not _HAS_SPACE.search(surface):
            continue
        first_digit = next((i for i, ch in enumerate(surface)
                            if ch.isdigit() or ch in "一二三四五六七八九十两百千万亿"), None)
        if first_digit is None or _LABEL.search(text, max(0, start - 4), start):
            continue
        gaps = [m for m in _GAP.finditer(surface) if m.start() >= first_digit or "\n" in m.group()]
        if gaps:
            seen.update(start + m.start() for m in gaps)
            yield (_gap_defect(text, start, end, [(start + m.start(), start + m.end()) for m in gaps]),
                   any("\n" in m.group() for m in gaps))
    for m in _DATE_GAP.finditer(text):
        digits_end = m.start() + len(m.group().rstrip(_SPACE + "\r\n"))
        if digits_end not in seen:
            yield _gap_defect(text, m.start(), m.end() + 1, [(digits_end, m.end())]), "\n" in m.group()


def _gap_defect(text: str, start: int, end: int, gaps: list[tuple[int, int]]) -> Defect:
    # Emphasis markers around a gap stay (“**4.36** 万亿元” → “**4.36**万亿元”); only white space goes.
    edits = tuple(Edit(i, i + 1, "") for g_start, g_end in gaps for i in range(g_start, g_end)
                  if text[i] in _SPACE + "\r\n")
    joined = splice(text[start:end], [Edit(e.start - start, e.end - start, "") for e in edits])
    return Defect(start, end, text[start:end], joined, _merge(edits))


def _merge(edits: tuple[Edit, ...]) -> tuple[Edit, ...]:
    merged: list[Edit] = []
    for e in edits:
        if merged and merged[-1].end == e.start and not e.replacement and not merged[-1].replacement:
            merged[-1] = Edit(merged[-1].start, e.end, "")
        else:
            merged.append(e)
    return tuple(merged)


# FC705: ２０２４年, ３．５％.
_FULLWIDTH_RUN = regex.compile(r"[０-９]+(?:[．.][０-９]+)*[％]?")
_TO_ASCII = str.maketrans(FULLWIDTH_FIGURE)


def fullwidth_digits(text: str) -> list[Defect]:
    """One defect per line, with an edit per run."""
    by_line = _LineGroups(text)
    for m in _FULLWIDTH_RUN.finditer(text):
        by_line.add(m.start(), m)
    defects = []
    for runs in by_line.groups:
        edits = tuple(Edit(m.start(), m.end(), m.group().translate(_TO_ASCII)) for m in runs)
        original = "”“".join(m.group() for m in runs)
        defects.append(Defect(runs[0].start(), runs[-1].end(), original, "”“".join(e.replacement for e in edits),
                              edits))
    return defects


# FC706: a page or footnote number left behind by PDF extraction: “…高层次人才。9”.
_STRAY = regex.compile(r"(?<=[。！？；!?;][”’」』）)]*)[0-9０-９]{1,4}(?=[ \t\u3000]*\r?$)", regex.M)


def stray_numbers(text: str) -> list[Defect]:
    return [Defect(m.start(), m.end(), m.group(), "") for m in _STRAY.finditer(text)]


# FC708: invisible characters inside the text (U+200B between the digits of 1<U+200B>5456亿元, a U+FEFF pasted
# into a figure, a U+202E that reverses what the reader sees). Normalization drops them (normalize.HIDDEN),
# so the figure is read as written; the file still holds them, and search, copy and other tools do not.
def hidden_characters(text: str) -> list[Defect]:
    """One defect per line holding hidden characters, naming them; edits delete every one of them."""
    if MAY_HIDE.search(text) is None:
        return []
    by_line = _LineGroups(text)
    for m in HIDDEN.finditer(text):
        by_line.add(m.start(), m.span())
    defects = []
    for runs in by_line.groups:
        start, end = runs[0][0], runs[-1][1]
        names = sorted({f"U+{ord(ch):04X}" for a, b in runs for ch in text[a:b]})
        edits = tuple(Edit(a, b, "") for a, b in runs)
        defects.append(Defect(start, end, text[start:end], "、".join(names), edits))
    return defects
