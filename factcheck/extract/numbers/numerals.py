"""Chinese numerals: parse 一百二十三 / 两千零五 / 三百万 into Decimal, and render Decimal back.

Parsing keeps track of the place value of the last written digit, because a plain figure is widened by
half a unit of that digit (三百万 is 3 of 百万, so it is read as [2.5M, 3.5M)).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


# Magnitude words written after a figure (9.4万, 3.776千公顷), by value.
MAGNITUDES = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "千万": 10**7, "百万": 10**6,
              "十万": 10**5, "亿": 10**8, "万": 10**4, "千": 1000, "百": 100}

DECIMAL_POINT = "点"
_FRACTION_DIGITS = frozenset("〇零一二三四五六七八九")


@lru_cache(maxsize=8192)  # pure, and policy text repeats its numerals
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
            if digit == 0 and place == 10:
                digit = 1  # 二百零十万: 零十 is written for 零一十 (210万)
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
            # 一万二 is 12000 and 一亿五 1.5亿: a digit right after 万/亿 counts one place lower
            pending_place = big // 10
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
    # 一万零五点三 is 10005.3: the fraction belongs to the whole figure, however large (三点五万, 3.5万, is read as
    # 三点五 and a magnitude word by the grammar, never here)
    parsed = parse_chinese(whole) if whole not in ("〇", "零") else (Decimal(0), Decimal(1))
    if parsed is None:
        return None
    digits = "".join(str(DIGITS[ch]) for ch in fraction)
    place = Decimal(1).scaleb(-len(digits))
    return parsed[0] + Decimal(digits) * place, place


# Two neighbouring digits written side by side say "this or the next": 六七吨 is 6 to 7 tonnes, 二十三四万 230000
# to 240000. 三五 (three to five) and 三两 (two or three) are the idiomatic exceptions.
_PAIRS = {(a, a + 1) for a in range(1, 9)} | {(3, 5), (3, 2)}
_PAIR_DIGITS = "一二两三四五六七八九"


@lru_cache(maxsize=8192)  # pure, and policy text repeats its numerals
def parse_pair(text: str) -> tuple[Decimal, Decimal] | None:
    """(low, high) of a numeral holding one pair of neighbouring digits (六七, 五六万, 二十三四, 一万三四千, 十一二),
    or None. A run of three or more bare digits (二〇二三) is a year or a code, never a pair."""
    if DECIMAL_POINT in text or (len(text) > 2 and all(ch in DIGITS for ch in text)):
        return None  # 零点五六 is 0.56: digits after 点 are decimals
    pairs = [i for i in range(len(text) - 1) if text[i] in _PAIR_DIGITS and text[i + 1] in _PAIR_DIGITS]
    if len(pairs) != 1:
        return None
    i = pairs[0]
    a, b = DIGITS[text[i]], DIGITS[text[i + 1]]
    if (a, b) not in _PAIRS:
        return None
    first = parse_chinese(text[:i] + text[i] + text[i + 2:])
    second = parse_chinese(text[:i] + text[i + 1] + text[i + 2:])
    if first is None or second is None:
        return None
    return min(first[0], second[0]), max(first[0], second[0])


_PLACES = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8, "万亿": 10**12}


@lru_cache(maxsize=8192)  # pure, and policy text repeats its numerals
def parse_vague(text: str) -> tuple[Decimal, Decimal] | None:
    """[low, high) of a vague magnitude, 几 and 数 standing for a digit in [1, 10): 数十亿 is [1e9, 1e10), 几十万
    [1e5, 1e6), 数万 [1e4, 1e5); 十几 is 10 + [1, 10), so [11, 20), 二十几万 [210000, 300000)."""
    if text[:1] in ("数", "几"):
        rest = text[1:]
        place = _PLACES.get(rest[:1], 1)
        if place > 1:
            rest = rest[1:]
        big = _BIG.get(rest)
        if (rest and big is None) or (place == 1 and big is None):
            return None
        scale = place * (big or 1)
        return Decimal(scale), Decimal(10 * scale)
    head, sep, rest = text.partition("十几")
    if not sep or (head and (len(head) != 1 or head not in _PAIR_DIGITS)) or (rest and rest not in _BIG):
        return None
    tens = DIGITS[head] if head else 1
    scale = _BIG.get(rest, 1)
    return Decimal((10 * tens + 1) * scale), Decimal((10 * tens + 10) * scale)


_MIXED_PLACES = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "亿": 10**8, "千万": 10**7,
                 "百万": 10**6, "十万": 10**5, "万": 10**4, "千": 1000, "百": 100, "十": 10}


def parse_mixed(pieces: list[tuple[str, str]]) -> tuple[Decimal, Decimal] | None:
    """(value, place of the last written digit) of a figure written as Arabic digits with Chinese place words,
    given as (digits, place word) pieces: 3万2千5百 is [("3", "万"), ("2", "千"), ("5", "百")] = 32500, its last
    digit counting hundreds. Each piece must stay below the place of the piece before it (1亿2500万, not 1万2万)."""
    value, previous_place, place = 0, None, 1
    for digits, word in pieces:
        if word not in _MIXED_PLACES:
            return None
        place = _MIXED_PLACES[word]
        amount = int(digits) * place
        if previous_place is not None and not (place < previous_place and amount < previous_place):
            return None
        value += amount
        previous_place = place
    return Decimal(value), Decimal(place)


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


def render_chinese_decimal(value: Decimal) -> str:
    """A non-negative decimal in Chinese numerals, its fraction digit by digit after 点 (三点一四)."""
    whole, _, fraction = format(value, "f").partition(".")
    fraction = fraction.rstrip("0")
    text = render_chinese(int(whole))
    return text + ("点" + "".join(_RENDER_DIGITS[int(d)] for d in fraction) if fraction else "")


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


_ONE = Decimal(1)
MAX_DIGITS = 20  # the most digits a numeral as written may have (factcheck.extract.numbers.grammar.sane)


@lru_cache(maxsize=8192)  # pure, and policy text repeats its numerals
def read_numeral(raw: str, allow_bare: bool = False) -> tuple[Decimal, Decimal] | None:
    """(value, place value of the last written digit) of Arabic digits (1,234.5 → place 0.1) or a Chinese
    numeral; allow_bare reads a lone 十/百/千/万 as its value (百分之百, 万分之五). None for a numeral of more
    than MAX_DIGITS digits: no report states one, and its interval would need more precision than a Decimal
    context has."""
    if sum(ch.isdigit() for ch in raw) > MAX_DIGITS or len(raw) > 2 * MAX_DIGITS:
        return None
    if raw.isdigit():
        return Decimal(raw), _ONE
    if raw[0].isdigit():
        digits = raw.replace(",", "")
        try:
            value = Decimal(digits)
        except ArithmeticError:
            return None
        decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
        return value, Decimal(1).scaleb(-decimals)
    parsed = parse_chinese(raw)
    if parsed is None and allow_bare and raw in ("十", "百", "千", "万"):
        place = Decimal({"十": 10, "百": 100, "千": 1000, "万": 10000}[raw])
        return place, place
    return parsed
