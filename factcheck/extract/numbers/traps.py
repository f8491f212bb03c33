"""Signs that a numeral is not a quantity: years, Latin neighbours (5G, PM2.5), quoted code names
(“1650”) and slogans (“八个坚持”). Pure predicates over the normalized text, used by the number grammar."""

from __future__ import annotations

from decimal import Decimal

import regex


def is_year(raw: str, value: Decimal) -> bool:
    if raw[0].isdigit():
        return len(raw) == 4 and "." not in raw and 1900 <= value <= 2100
    return len(raw) >= 3 and all(ch in "〇零一二三四五六七八九" for ch in raw)


def latin_neighbour(text: str, start: int, end: int | None) -> bool:
    before = text[start - 1] if start > 0 else " "
    if before.isascii() and (before.isalpha() or before in "+×*#@_/\\"):
        return True
    if end is not None and end < len(text):
        after = text[end]
        return after.isascii() and (after.isalpha() or after in "+×*_")
    return False


def quoted_code(text: str, start: int, end: int, has_unit: bool | str | None) -> bool:
    if has_unit:
        return False
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in "“\"「『‘'" and after in "”\"」』’'"


_CLOSING_QUOTE = regex.compile(r"[”\"」』]")


def quoted_slogan(text: str, start: int) -> bool:
    """“八个坚持”, “12条”, “两个更好统筹”: a numeral opening a short quoted name."""
    if start == 0 or text[start - 1] not in "“\"「『":
        return False
    close = _CLOSING_QUOTE.search(text, start, start + 12)
    return close is not None and "，" not in text[start:close.start()] and "。" not in text[start:close.start()]


def one_year(text: str, m: regex.Match, unit_surface: str | None) -> bool:
    """过去一年, 一年来, 按一年计: a duration of one year, as the guide counts 过去五年."""
    if unit_surface != "年":
        return False
    start, end = m.start("num"), m.end()
    return text[max(0, start - 2):start].endswith(("过去", "这", "按", "近")) or text[end:end + 1] in ("来", "计")


def ends_with(text: str, pos: int, words: tuple[str, ...]) -> bool:
    return text[max(0, pos - 4):pos].endswith(words)


# 附件2, 附表3, 专栏4 anywhere; 表1, 图2 as a caption (at the start of a line) or a reference (见表1, （图2）):
# the number labels a part of the document, it counts nothing (附件2 名词解释 is no "2名").
_LABEL_BEFORE = regex.compile(
    r"(?:附件|附表|附图|专栏|图表|(?:^|\n)[ \t\u3000#*>]*[表图]|[见如（(][ \t\u3000]*[表图])[ \t\u3000]*$")


def label_number(text: str, start: int) -> bool:
    """Whether the numeral at text[start] is the number of an annex, table, figure or box."""
    return _LABEL_BEFORE.search(text, max(0, start - 12), start) is not None
