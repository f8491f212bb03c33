"""Money floors that name a group of counted things: 营业收入超亿元的工业企业827户, 亿元以上施工项目923个.

The floor is a figure of its own whose metric is the measure it bounds (工业企业营业收入, 施工项目投资额),
and it is part of the name of the things the count after it counts (营业收入超亿元的工业企业).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.extract.metrics import names as metrics
from factcheck.extract.metrics import subjects as metric_subjects

# What follows the grouped noun: the count, maybe behind a verb (工业企业达827户).
_COUNT_AFTER = regex.compile(r"\s*(?:达到|达|有|共|为|增至|增加到|增加至|增长到|减少到|减少至)?"
                             r"\s*(?:超过|超|近|约|逾)?\s*[\d一二两三四五六七八九十百千]")
_HEDGE_END = regex.compile(r"(?:超过|超|近|约|逾)$")
# A money floor as worded inside a metric (营业收入超亿元的工业企业): replaced by the next floor of a series.
_FLOOR = regex.compile(r"(?:超过|超|逾|近|约)?[\d.]*[万亿千百十]*元(?:以上|以下)?")


@dataclass(frozen=True, slots=True)
class Floor:
    surface: str  # 超亿元
    lead: str  # 营业收入: the measure the floor bounds, worded just before it; "" when none
    of: bool  # 超亿元的工业企业: 的 between the floor and the noun
    noun: str  # 工业企业: the things grouped; "" when carried over (其中超10亿元的99户)

    @property
    def name_part(self) -> str:
        """The floor as part of the name of what is counted after it."""
        return self.lead + self.surface + ("的" if self.of else "")

    def metric(self, carried: str | None) -> str:
        """What the floor bounds: the noun's measure (工业企业营业收入, 项目投资额), or that of the floor before
        it in the sentence when the noun is carried over."""
        if not self.noun:
            return carried or self.lead
        return self.noun + (self.lead or metric_subjects.group_measure(self.noun))


def floor_at(text: str, start: int, end: int, clause_end: int, lead_text: str, lower: bool) -> Floor | None:
    """The money figure text[start:end] as the floor of a group counted right after it, or None. lead_text is
    its clause up to the figure. A plain amount groups only with 的 or 项目 after it (10亿元项目2个), so that
    安排资金5亿元支持企业20家 stays an amount."""
    rest = text[end:clause_end]
    of = rest.startswith("的")
    body = rest[1:] if of else rest
    noun = metrics.after(body)
    if not (lower or of or noun.endswith("项目") or _HEDGE_END.sub("", noun).endswith("项目")):
        return None  # (as below, before the clause is cleaned: most figures are no floor)
    body = metrics.clean(metrics.without_notes(body))  # 营收超百亿元工业企业（集团）46家
    if noun and not body.startswith(noun):
        return None
    if _HEDGE_END.search(noun) and _COUNT_AFTER.match(body[len(noun):]):
        noun = _HEDGE_END.sub("", noun)  # 亿元以上项目超270个: the hedge belongs to the count
    if not _COUNT_AFTER.match(body[len(noun):]):
        return None
    lead = metrics.before(lead_text)
    if not (metrics.clean(lead_text).endswith(lead) and metric_subjects.is_floor_measure(lead)):
        lead = ""  # 对口合作新签约亿元以上项目: what stands before is no measure
    elif not lower:
        return None  # 总投资1.78万亿元的省重点项目289个: a plain amount after its measure is a total, not a floor
    return Floor(metrics.clean(text[start:end]), lead, of, noun)


def with_floor(name: str, surface: str) -> str:
    """营业收入超亿元的工业企业 with the floor 超10亿元 → 营业收入超10亿元的工业企业."""
    found = _FLOOR.search(name)
    if found is None or not found.group():
        return surface + name
    return name[:found.start()] + surface + name[found.end():]
