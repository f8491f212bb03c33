"""FC307: an anniversary that does not fall in the year its sentence states (2024年是新中国成立76周年)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from factcheck.checks.base import Check, CheckContext
from factcheck.extract.anniversaries import anniversary_year, event_year
from factcheck.model.findings import Finding
from factcheck.text.structure import SENTENCE_WINDOW, span_start

# The year a sentence says an anniversary falls in: 2024年是…, 2025年恰逢…. A year that only opens the sentence
# (2025年，我们将总结新中国成立75周年庆祝活动的经验) may be another year's than the anniversary's.
_STATED_YEAR = regex.compile(r"(?<![\d.])(\d{4})年(?:是|正值|恰逢|适逢|正逢)")


class AnniversaryYearMismatch(Check):
    code = "FC307"
    name = "anniversary-year-mismatch"
    summary = "周年数与句中所写年份不符：事件年份加周年数不等于该年（如1949年成立的新中国，2024年是75周年）。"
    summary_en = ("An anniversary that does not fall in the year its sentence states: the event's year plus the "
                  "anniversary is not that year.")
    why = ("An anniversary is arithmetic on a known date: 新中国成立 is 1949, so 2024 is its 75th anniversary, in "
           "every report that names the year. A number off by one is a common slip when last year's text is "
           "reused, and readers notice it at once. Only events whose year the rules know (rules/anniversaries.toml) "
           "and a year stated in the same sentence are checked.")
    why_zh = ("周年数是对已知日期的算术：新中国成立于1949年，2024年就是75周年。沿用上一年的文字时最容易差一年，"
              "读者一眼就能看出。只核对规则中已知年份的事件（rules/anniversaries.toml），且只用同一句中写明的年份。")
    severity = "warning"
    scope = "document"
    bad_spans = ("76周年",)
    bad = ("2024年是中华人民共和国成立76周年，是实现“十四五”规划目标任务的关键一年。",)
    good = (
        "2024年是中华人民共和国成立75周年，是实现“十四五”规划目标任务的关键一年。",
        "过去五年，我们隆重庆祝新中国成立75周年，纪念中国人民抗日战争暨世界反法西斯战争胜利80周年。",
        "2025年，我们将认真总结新中国成立75周年庆祝活动的经验。",
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            text = doc.document.text
            for claim in doc.claims:
                falls_in = anniversary_year(claim)
                if falls_in is None:
                    continue
                stated = _stated_year(text, claim.location.start)
                if stated is None or stated == falls_in:
                    continue
                founded = event_year(claim)
                assert founded is not None  # anniversary_year found it
                years = int(stated) - founded
                yield self.finding(
                    ctx, claim,
                    f"{claim.metric_text}于{founded}年，{stated}年应为{years}周年，此处写作{claim.text}",
                    key=f"{claim.metric}|{stated}|{self.code}")


def _stated_year(text: str, start: int) -> str | None:
    """The year stated at the opening of the sentence that holds start, when nothing but that clause's words
    stands between it and the anniversary."""
    opening = span_start(text, start, "。！？；\n", SENTENCE_WINDOW)
    found = _STATED_YEAR.match(text, opening, start)
    if found is None or regex.search(r"\d{4}年", text[found.end():start]):
        return None
    return found.group(1)
