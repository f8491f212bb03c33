"""Chinese numerals: parse 一百二十三 / 两千零五 / 三百万 into Decimal, and render Decimal back.

Parsing keeps track of the place value of the last written digit, because a plain figure is widened by
half a unit of that digit (三百万 is 3 of 百万, so it is read as [2.5M, 3.5M)).
"""

from __future__ import annotations

from decimal import Decimal

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


DECIMAL_POINT = "点"
_FRACTION_DIGITS = frozenset("〇零一二三四五六七八九")


def parse_chinese(text: str) -> tuple[Decimal, Decimal] | None:
    """Return (value, place value of the last written digit), or None if text is not a numeral.

    Digit strings without place words (二〇二五) are read positionally, as years and codes are written.
    A decimal is written with 点 and its fraction digit by digit: 三点五 is 3.5, 〇点五 0.5, 十二点零五 12.05
    (the last digit counts hundredths).
    """
    if DECIMAL_POINT in text:
        return _parse_decimal(text)
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    if all(ch in DIGITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return Decimal(value), Decimal(1)
    total = 0          # completed 亿 sections
    section = 0        # completed 万 sections below the current 亿
    group = 0          # the current group below 万
    digit: int | None = None
    last_place = 1
    pending_place = 1
    for ch in text:
        if ch in DIGITS:
            if digit is not None and digit != 0 and DIGITS[ch] != 0:
                return None  # two digits in a row without a place word: not a Chinese numeral
            digit = DIGITS[ch]
            if digit == 0:
                pending_place = 1  # 一百零二: the digit after 零 is a unit digit
        elif ch in SMALL_UNITS:
            place = SMALL_UNITS[ch]
            if digit is None:
                if place != 10 or group:
                    if place == 10 and group:
                        return None
                    if place != 10:
                        return None
                digit = 1  # 十 alone or 十五 means 1 ten
            group += digit * place
            last_place = place
            digit = None
            pending_place = place // 10
        else:
            big = BIG_UNITS[ch]
            if digit:
                group += digit
                last_place = 1 if pending_place == 1 else pending_place
            digit = None
            if group == 0 and section == 0 and total == 0:
                return None
            if big == 10_000:
                section = (section + group) * big
                last_place *= big if group else 1
            else:
                total = (total + section + group) * big
                section = 0
                last_place *= big
            group = 0
            pending_place = 1
    if digit:
        # 一百二 means 120: a trailing digit after a place word counts one place lower.
        place = pending_place if pending_place >= 1 else 1
        group += digit * place
        last_place = place
    if text[-1] in "十拾" and last_place == 10:
        last_place = 1  # 十件, 二十个: read as precisely as the Arabic 10, 20
    value = total + section + group
    if value == 0 and "零" not in text and "〇" not in text:
        return None
    return Decimal(value), Decimal(last_place)


def _parse_decimal(text: str) -> tuple[Decimal, Decimal] | None:
    whole, _, fraction = text.partition(DECIMAL_POINT)
    if not whole or not fraction or any(ch not in _FRACTION_DIGITS for ch in fraction):
        return None
    if any(ch in BIG_UNITS for ch in whole):
        return None  # 三万点五 is no way to write a number
    parsed = parse_chinese(whole) if whole not in ("〇", "零") else (Decimal(0), Decimal(1))
    if parsed is None:
        return None
    digits = "".join(str(DIGITS[ch]) for ch in fraction)
    place = Decimal(1).scaleb(-len(digits))
    return parsed[0] + Decimal(digits) * place, place


_RENDER_DIGITS = "零一二三四五六七八九"


def _render_below_10000(n: int, leading: bool) -> str:
    out = []
    places = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero_pending = False
    started = False
    for place, name in places:
        d = n // place
        n %= place
        if d == 0:
            zero_pending = started
            continue
        if zero_pending:
            out.append("零")
        zero_pending = False
        if not (d == 1 and place == 10 and leading and not started):
            out.append(_RENDER_DIGITS[d])
        out.append(name)
        started = True
    return "".join(out)


def render_chinese(n: int) -> str:
    """Render a non-negative integer in standard Chinese numerals (for round-trip tests and messages)."""
    if n == 0:
        return "零"
    yi, rest = divmod(n, 100_000_000)
    wan, low = divmod(rest, 10_000)
    parts = []
    if yi:
        parts.append(render_chinese(yi) + "亿")
    if wan:
        if yi and wan < 1000:
            parts.append("零")
        parts.append(_render_below_10000(wan, leading=not yi) + "万")
    if low:
        if (yi or wan) and low < 1000:
            parts.append("零")
        parts.append(_render_below_10000(low, leading=not (yi or wan)))
    return "".join(parts)
