"""Claim identity (issue 19): milestones are lower bounds, the corroborated figures really agree, counted
nouns keep the name before their count."""

from __future__ import annotations

import pytest

from factcheck.app.api import extract_text
from factcheck.model.claims import Extraction
from factcheck.report.build import build_report

REPORT = "江苏省人民政府\n"


def claim(text: str, surface: str):
    found = [c for c in extract_text(REPORT + text).claims if c.text == surface]
    assert found, [c.text for c in extract_text(REPORT + text).claims]
    return found[0]


@pytest.mark.parametrize("text, surface, low, metric", [
    ("经济总量连续迈上4万亿、5万亿两个台阶。", "5万亿", "5000000000000", "地区生产总值"),
    ("地区生产总值跨越1万亿元大关，增长5%。", "1万亿元", "1000000000000", "地区生产总值"),
    ("2024年，全省粮食总产量再上新台阶，突破1600亿斤大关。", "突破1600亿斤", "160000000000", "粮食产量"),
])
def test_a_milestone_passed_is_a_lower_bound_of_its_subject(text, surface, low, metric):
    c = claim(text, surface)
    assert c.quantity.qualifier == "lower" and str(c.quantity.low) == low and c.quantity.high is None
    assert c.metric == metric


def test_a_counted_package_keeps_its_name():
    assert claim("推出长江经济带高质量发展84项政策措施。", "84项").metric == "长江经济带高质量发展政策措施"


def corroborated(*texts: str) -> list[list[str]]:
    docs = tuple(extract_text(t, f"{i}.txt") for i, t in enumerate(texts))
    report = build_report(Extraction(docs, ()))
    claims = {c.id: c for d in docs for c in d.claims}
    return [[claims[i].text for i in group] for group in report.corroborated]


def test_corroborated_figures_state_the_same_value():
    assert corroborated("2024年无锡高新技术企业7341家。\n\n2024年无锡高新技术企业数量达7341家。") == [
        ["7341家", "7341家"]]
    # both can be true, neither confirms the other
    assert corroborated("2026年吉林力争亿元以上项目1000个以上。\n\n2026年吉林亿元以上项目2000个以上。") == []
    assert corroborated("2015年国内生产总值超过60万亿元。\n\n2015年国内生产总值不到70万亿元。") == []


def test_names_and_classifying_floors_corroborate_nothing():
    assert corroborated("2018年打好三大攻坚战。\n\n2018年要坚决打好三大攻坚战。") == []
