"""Patterns of a document's outline that several stages read: the one home of each (extraction's periods and
document context, the checks' passage years)."""

from __future__ import annotations

import regex

# A heading or opening line that reviews past work: 一、2025年工作回顾, 一、工作回顾, 过去一年工作总结.
REVIEW = regex.compile(r"回顾|工作总结")
# A work report's top-level review heading naming the year it reviews (一、2024年工作回顾, 一、“十四五”时期和2025年
# 工作回顾): group 1 is that year.
DATED_REVIEW_HEADING = regex.compile(
    r"^[一二三四五六七八九十]、\s*(?:“十[一二三四五]五”时期和)?((?:19|20)\d\d)年(?:工作)?回顾", regex.M)
