"""Patterns several stages read the same way (a document's outline, years, full-width figures): one home
each, so that they cannot drift apart."""

from __future__ import annotations

import regex

# A year as these texts write it (1900-2099).
YEAR = r"(?:19|20)\d\d"

# A year named with 年 (2025年, 2025 年): not a decade (2010年代), not a starting point (2020年以来), and not
# the tail of a longer number (12025年).
YEAR_NAMED = regex.compile(rf"(?<!\d)({YEAR})\s*年(?!代|以来)")

# Full-width digits and the marks that belong to a figure, as their ASCII forms (１２．５％ → 12.5%).
FULLWIDTH_FIGURE = {**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%"}

# A heading or opening line that reviews past work: 一、2025年工作回顾, 一、工作回顾, 过去一年工作总结.
REVIEW = regex.compile(r"回顾|工作总结")
# A top-level heading reviewing past work (一、过去五年工作回顾, 一、2025年工作回顾): a work report's.
REVIEW_HEADING = regex.compile(r"^[一二三四五六七八九十]、[^\n。，]{0,24}(?:工作回顾|工作总结)\s*$", regex.M)
# A work report's top-level review heading naming the year it reviews (一、2024年工作回顾, 一、“十四五”时期和2025年
# 工作回顾): group 1 is that year.
DATED_REVIEW_HEADING = regex.compile(
    r"^[一二三四五六七八九十]、\s*(?:“十[一二三四五]五”时期和)?((?:19|20)\d\d)年(?:工作)?回顾", regex.M)
# A work report's section title standing on a line of its own without an outline marker (“十四五”时期工作回顾,
# “十五五”时期的主要目标任务, 2026年重点工作): a top-level heading.
SECTION_TITLE = regex.compile(
    r"[^，。；：！？,.;:!?\n]{0,24}(?:工作回顾|发展回顾|工作总结|重点工作|主要目标任务|目标任务|主要任务|工作安排|总体要求"
    r"|关于(?:19|20)\d\d年(?:的)?工作)")
# A heading of a section that plans (三、2026年重点工作, 三、对2018年政府工作的建议, 二、“十五五”时期主要目标); a
# top-level one naming no year plans the year of delivery (三、今年重点工作).
PLAN_TITLE = regex.compile(r"重点工作|工作安排|主要任务|目标任务|总体要求|今年工作|工作的建议|主要目标|工作部署")
# What may open a paragraph before it says what it is about (——这五年，…; 各位代表！刚刚过去的2025年，…).
SALUTATION = regex.compile(r"\s*(?:——|—|各位代表[！!，,]\s*|同志们[！!，,]\s*)*\s*")
# The end of a sentence, inside a paragraph.
SENTENCE_END = regex.compile(r"[。！？!?]")
# The line that opens an appendix of a report (附件1, 附件): the line after it is the appendix's title.
APPENDIX = regex.compile(r"附件\s*[\d一二三四五六七八九十]*[:：]?")
