"""Periods: explicit years, plan names, and relative words resolved against the document's dates."""

from __future__ import annotations

from dataclasses import dataclass

import regex

PLANS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
         "十五五": (2026, 2030), "十六五": (2031, 2035)}
_CN_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# (n2 starts only where its run of numerals starts: tried at every digit of a long run, it read the rest of
# the run each time, quadratic in the run's length)
_PERIOD = regex.compile(
    r"(?P<span>(?<!\d)(?P<y1>(?:19|20)\d\d)(?:年)?\s*(?:—{1,2}|-|–|～|~|至|到)\s*(?P<y2>(?:19|20)\d\d)年)"
    r"|(?P<since>(?<![\d.])(?:19|20)\d\d)年以来"
    # (14.2025年10件民生实事: a numbered list's marker, not a decimal point, before the year; a count right after it)
    r"|(?P<year>(?:(?<![\d.])|(?<=(?:^|\n)[ \t]*\d{1,2}\.))(?:19|20)\d\d)年(?:(?!\d)|(?=\d{1,3}[件项个条类]))"
    r"|(?P<plan>十[一二三四五六]五)(?P<plan_end>[”\"]?(?:期末|末))?"
    r"|(?P<now>目前|当前|现已|截至目前)"
    r"|(?P<rel>(?<![比较同于])(?<!当地)(?:今年|本年|当年|全年|去年|上年|上一年|明年|(?:刚刚|刚)?过去的?一年|一年来|(?:过去|经过|历经)(?P<n>[一二两三四五六七八九十\d]+)年|(?:今后|未来)(?P<ahead>[一二两三四五六七八九十\d]+)年|(?P<n2>[二两三四五六七八九十\d]+)年来|这(?P<n3>[二两三四五六七八九十\d]+)年))"
)


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    first: int
    last: int
    plan: bool = False  # 十四五: a plan's span, weaker than an explicit year beside it
    unknown: bool = False  # 目前 in an undated document: "now", a year nobody can name
    # how sure the year is: text (the sentence or its paragraph) | section | heading | note | title | document
    source: str = "text"
    since: bool = False    # 2022年以来: speaks for its own sentence, not for the paragraph after it

    @property
    def known(self) -> bool:
        return not self.unknown

    @property
    def label(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


_DATA_NOTE = regex.compile(
    r"(?:注[:：]\s*)?以上(?:各项|所有|统计|相关)?(?:数据|指标|数字)(?:均|都|皆)?(?:截至|截止|截止到|为)\s*((?:19|20)\d\d)\s*年")


def find_data_notes(text: str) -> list[tuple[int, int]]:
    """(offset, year) of notes such as "注：以上统计数据均截至2024年底", which date the figures above them."""
    return [(m.start(), int(m.group(1))) for m in _DATA_NOTE.finditer(text)]


@dataclass(frozen=True, slots=True)
class DocumentYears:
    published: int | None   # the year of the document's date (estimated for an undated document)
    reference: int | None   # the year the document reports on (全年)
    from_title: bool = False  # the reference year is stated in the title (a bulletin's 2022年…统计公报)
    dated: bool = False       # the document states its date (published is not an estimate)


def find_periods(text: str, years: DocumentYears) -> list[PeriodMention]:
    found = []
    for m in _PERIOD.finditer(text):
        if text[max(0, m.start() - 2):m.start()].rstrip("“\"")[-1:] in ("比", "较", "与", "同"):
            continue  # 比2020年翻一番, 较“十三五”末: a base of comparison, not the figure's period
        if m.group("year") and text[max(0, m.start() - 1):m.start()] in ("从", "自", "于") and \
                text[m.end():m.end() + 1] not in ("的", "底", "末", "起", "以", "至", "到"):
            continue  # 从1988年设立高新区: when something began, not the period of the figures after it
        if m.group("span"):
            a, b = int(m.group("y1")), int(m.group("y2"))
            if a <= b:
                found.append(PeriodMention(m.start(), m.end(), a, b))
        elif m.group("since"):
            y = int(m.group("since"))
            if years.published is not None:
                last = years.published - 1 if years.dated else years.published
                if y <= last:
                    found.append(PeriodMention(m.start(), m.end(), y, last, since=True))
        elif m.group("year"):
            y = int(m.group("year"))
            found.append(PeriodMention(m.start(), m.end(), y, y))
        elif m.group("now"):
            if years.dated and years.published is not None:
                found.append(PeriodMention(m.start(), m.end(), years.published, years.published))
            else:
                found.append(PeriodMention(m.start(), m.end(), 0, 0, unknown=True))
        elif m.group("plan"):
            a, b = PLANS[m.group("plan")]
            if m.group("plan_end"):
                found.append(PeriodMention(m.start(), m.end(), b, b))  # “十三五”末: the plan's last year
            else:
                found.append(PeriodMention(m.start(), m.end(), a, b, plan=True))
        else:
            span = _relative(m, years) or _year_of_paragraph(m, text, found)
            if span:
                found.append(PeriodMention(m.start(), m.end(), *span))
    return found


def _year_of_paragraph(m: regex.Match, text: str, found: list[PeriodMention]) -> tuple[int, int] | None:
    """全年 where the document gives no reference year: the year its paragraph named last (刚刚过去的2025年，…
    谋划“十五五”…，全年GDP增长4%), not a plan named in passing."""
    if m.group("rel") not in ("全年", "当年"):
        return None
    for earlier in reversed(found):
        if "\n" in text[earlier.end:m.start()] or m.start() - earlier.end > 400:
            return None
        if not earlier.plan and not earlier.unknown and earlier.first == earlier.last:
            return earlier.first, earlier.last
    return None


def _relative(m: regex.Match, years: DocumentYears) -> tuple[int, int] | None:
    word = m.group("rel")
    pub, ref = years.published, years.reference
    if word in ("今年", "本年", "明年"):
        if pub is None:
            return None
        y = pub + (1 if word == "明年" else 0)
        return y, y
    if word in ("全年", "当年"):
        return (ref, ref) if ref is not None else None
    if pub is None:
        return None
    if m.group("ahead"):
        n = _count(m.group("ahead"))
        return (pub, pub + n - 1) if n and n <= 20 else None
    if word in ("去年", "上年", "上一年", "一年来") or word.endswith("过去一年") or word.endswith("过去的一年"):
        return pub - 1, pub - 1
    n = _count(m.group("n") or m.group("n2") or m.group("n3"))
    if not n or n > 20:
        return None
    return pub - n, pub - 1


def _count(text: str) -> int | None:
    if len(text) > 4:
        return None  # no count of years is that long (and int() refuses a run of thousands of digits)
    return int(text) if text.isdigit() else _CN_DIGITS.get(text)
