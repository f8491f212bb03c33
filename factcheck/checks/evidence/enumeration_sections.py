"""Counts announced for the sections that follow: 重点做好以下十个方面工作。（一）…（十）…; 确立了三个工作重点方向。## …

A run is counted only when it plainly begins right after the announcement (its first marker numbers one, in
the next paragraph or just after the announcement's colon) and ends plainly (a heading of a higher level, a
restart at one, or the end of the document). Offsets are into the normalized text.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.checks.evidence.enumeration_lists import NUMERALS, Enumeration, small_number

_ORDINAL = rf"[{NUMERALS}]{{1,3}}"
_SECTION_NOUNS = "方面|方向|任务|重点|工作|举措|措施|领域|目标|原则|部分|环节|问题|板块|行动|路径|抓手|特点|变化"
_ANNOUNCEMENT = regex.compile(
    rf"(?<![第\d{NUMERALS}])([{NUMERALS}]{{1,3}}|\d{{1,2}})(?:个|项|条|大)[^\s，。；：:、“”]{{0,6}}?(?:{_SECTION_NOUNS})"
    r"[^\s，。；：:、！？!?]{0,12}?[。：:]?[”’]?[ \t]*$|"
    rf"(?<![第\d{NUMERALS}])([{NUMERALS}]{{1,3}}|\d{{1,2}})(?:个|项|条|大)[^\s，。；：:、“”]{{0,6}}?(?:{_SECTION_NOUNS})"
    r"[^\s，。；：:、！？!?]{0,12}?[：:。](?=(?:一是|第一[，、,]|[（(]一[）)]|1[、.]))",
    regex.MULTILINE)

# Marker styles, ranked: a paragraph opening with a marker of a lower rank number ends a run of a higher one.
_STYLES = (
    ("outline", 10, regex.compile(rf"({_ORDINAL})、")),
    ("paren", 11, regex.compile(rf"[（(]({_ORDINAL})[）)]")),
    ("arabic", 12, regex.compile(r"(\d{1,2})[、.．](?!\d)")),
    ("arabic-paren", 13, regex.compile(r"[（(](\d{1,2})[）)]")),
    ("shi", 14, regex.compile(rf"({_ORDINAL})是")),
    ("di", 14, regex.compile(rf"第({_ORDINAL})[，、,：:]")),
)
_INLINE_STYLES = ("shi", "di")
_INLINE_BEFORE = "。；：，;:,\n"
_HEADING = regex.compile(r"(#{1,6})[ \t]")
_PART = regex.compile(rf"第{_ORDINAL}[章节部篇]")
_SECOND_COUNT = regex.compile(rf"[\d{NUMERALS}]+(?:个|项|条|大)")
_BYLINE_MAX = 40  # a short line without a full stop (a byline) may stand between announcement and sections
# Headings that close an article rather than continue its enumeration.
_BACK_MATTER = regex.compile(r"#+[ \t]*(?:相关阅读|延伸阅读|相关链接|相关新闻|链接|记者手记|编后|编者按|背景"
                             r"|名词解释|附件|附录|注释|来源)")


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int


def paragraphs(text: str) -> list[Paragraph]:
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append(Paragraph(pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _opening(text: str, para: Paragraph) -> tuple[str, int, int] | None:
    """(style, rank, number) of the marker a paragraph opens with; headings rank by their level."""
    heading = _HEADING.match(text, para.start, para.end)
    if heading:
        return "heading", len(heading.group(1)), 0
    if _PART.match(text, para.start, para.end):
        return "part", 1, 0
    if text.startswith("——", para.start):
        return "dash", 20, 0
    for style, rank, pattern in _STYLES:
        m = pattern.match(text, para.start, para.end)
        if m:
            number = small_ordinal(m.group(1))
            if number:
                return style, rank, number
    return None


def small_ordinal(text: str) -> int | None:
    return 1 if text == "一" else small_number(text)


def section_runs(text: str) -> list[Enumeration]:
    paras = paragraphs(text)
    found = []
    for index, para in enumerate(paras):
        for m in _ANNOUNCEMENT.finditer(text, para.start, para.end):
            count = small_number(m.group(1) or m.group(2))
            number_end = m.end(1) if m.group(1) else m.end(2)
            if count is None or _SECOND_COUNT.search(text, number_end, m.end()):
                continue  # 15个方面的重点任务和4个方面的保障措施: which count the run answers is not plain
            run = _inline_run(text, paras, index, m.end()) if m.group(2) else _run_after(text, paras, index)
            if run is not None:
                low, first, last = run
                label_end = m.end() - len(m.group()) + len(m.group().rstrip("。：:”’ \t"))
                found.append(Enumeration(m.start(), label_end, text[m.start():label_end], count, low, low,
                                         first, last, False))
    return found


def _run_after(text: str, paras: list[Paragraph], index: int) -> tuple[int, int, int] | None:
    """The sections opening the paragraphs after paras[index]: (how many, start of the first, start of the last)."""
    following = paras[index + 1:index + 3]
    if following and _opening(text, following[0]) is None and len(following) > 1 \
            and following[0].end - following[0].start <= _BYLINE_MAX \
            and "。" not in text[following[0].start:following[0].end]:
        following = following[1:]  # 通讯员 锡宣 扬子晚报/紫牛新闻记者 张建波
    if not following:
        return None
    first = _opening(text, following[0])
    if first is None:
        return None
    style, rank, number = first
    start = paras.index(following[0])
    if style == "heading":
        if not _heads_its_section(text, paras, index, rank):
            return None
        return _count_headings(text, paras, start, rank)
    if style == "dash":
        return _count_dashes(text, paras, start)
    if number != 1 or style == "part":
        return None
    return _count_numbered(text, paras, start, style, rank, inline=False)


def _inline_run(text: str, paras: list[Paragraph], index: int, at: int) -> tuple[int, int, int] | None:
    """Sections that begin right after the announcement's colon: 抓好三个方面：一是…；二是…；三是…。"""
    for style, rank, pattern in _STYLES:
        m = pattern.match(text, at, at + 200)  # (an end: regex reads to the text's end otherwise)
        if m and small_ordinal(m.group(1)) == 1:
            return _count_numbered(text, paras, index, style, rank, inline=style in _INLINE_STYLES, first=at)
    return None


def _heads_its_section(text: str, paras: list[Paragraph], index: int, level: int) -> bool:
    """Unnumbered headings belong to an announcement only when it opens its section: the last heading above it
    is of a higher level, so the headings that follow are its subsections."""
    for para in reversed(paras[:index]):
        opening = _opening(text, para)
        if opening and opening[0] == "heading":
            return opening[1] < level
    return False


def _count_headings(text: str, paras: list[Paragraph], start: int, level: int) -> tuple[int, int, int] | None:
    count, first, last = 0, paras[start].start, paras[start].start
    for para in paras[start:]:
        opening = _opening(text, para)
        if opening is None or opening[0] not in ("heading", "part"):
            continue
        if opening[0] == "part" or opening[1] < level or _BACK_MATTER.match(text, para.start, para.end):
            break
        if opening[1] == level:
            count, last = count + 1, para.start
    return count, first, last


def _count_dashes(text: str, paras: list[Paragraph], start: int) -> tuple[int, int, int]:
    """——保持经济中高速增长…: unnumbered items, one a paragraph, until the first paragraph without the dash."""
    run = [start]
    while run[-1] + 1 < len(paras) and text.startswith("——", paras[run[-1] + 1].start):
        run.append(run[-1] + 1)
    return len(run), paras[run[0]].start, paras[run[-1]].start


def _count_numbered(text: str, paras: list[Paragraph], start: int, style: str, rank: int, inline: bool,
                    first: int | None = None) -> tuple[int, int, int] | None:
    """Count markers 1, 2, … of one style until a higher-ranked opening or a restart at 1; None on a gap."""
    pattern = dict((s, p) for s, _, p in _STYLES)[style]
    expected, first_at, last_at = 1, None, None
    begin = first if first is not None else paras[start].start
    for i, para in enumerate(paras[start:]):
        lo = begin if i == 0 else para.start
        opening = _opening(text, para)
        if i and opening and (opening[0] in ("heading", "part") or opening[1] < rank):
            break
        positions = ([m for m in pattern.finditer(text, lo, para.end) if _inline_marker(text, m.start(), para.start)]
                     if inline else [m for m in [pattern.match(text, lo, para.end)] if m])
        for m in positions:
            number = small_ordinal(m.group(1))
            if number == expected:
                first_at = m.start() if first_at is None else first_at
                last_at, expected = m.start(), expected + 1
            elif number == 1:
                return (expected - 1, first_at, last_at) if first_at is not None and last_at is not None else None
            elif number is not None:
                return None  # a gap or a repeat: the numbering is not a plain run
    if first_at is None or last_at is None:  # set together
        return None
    return expected - 1, first_at, last_at


def _inline_marker(text: str, at: int, para_start: int) -> bool:
    return at == para_start or text[at - 1] in _INLINE_BEFORE
