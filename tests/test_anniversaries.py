"""Anniversaries (新中国成立75周年) are figures of their event: keyed by it, and checked against a stated year."""

from __future__ import annotations

import pytest

from factcheck.checks.evidence.figures import figure_key
from factcheck.extract.anniversaries import anniversary_year, event_before, vocabulary
from factcheck.extract.claims import extract_document
from factcheck.vocab.data import load_toml


def _claims(text: str, name: str = "a.txt"):
    return extract_document(name, text, name.ljust(64, "0"), "utf-8").claims


def _anniversary(text: str):
    return next(c for c in _claims(text) if c.text.endswith("周年"))


@pytest.mark.parametrize(("stretch", "event", "national"), [
    ("我们隆重庆祝中华人民共和国成立", "中华人民共和国成立", True),
    ("满怀豪情庆祝党的百年华诞和新中国成立", "中华人民共和国成立", True),
    ("隆重纪念中国人民抗日战争暨世界反法西斯战争胜利", "中国人民抗日战争暨世界反法西斯战争胜利", True),
    ("做好中国人民抗日战争胜利", "中国人民抗日战争暨世界反法西斯战争胜利", True),
    ("今年是改革开放", "改革开放", True),
    ("这一年，自治区成立", "自治区成立", False),
    ("圆满完成自治区成立", "自治区成立", False),
    ("成功举办苏州工业园区开发建设", "苏州工业园区开发建设", False),
    ("重庆将迎来直辖", "直辖", False),
])
def test_the_event_is_read_from_the_words_before_the_figure(stretch, event, national):
    assert event_before(stretch, len(stretch)) == (event, national)


@pytest.mark.parametrize("before", ["协同办好", "策划", "编制五年发展规划，策划", "过去"])
def test_words_that_name_no_event_give_no_anniversary(before):
    assert event_before(before, len(before)) is None


def test_an_anniversary_is_a_fact_of_its_event_in_its_own_year():
    planned = _anniversary("2025年工作安排\n以优异成绩迎接中华人民共和国成立70周年。")
    assert (planned.metric, planned.role, planned.region) == ("中华人民共和国成立周年", "actual", "中国")
    assert anniversary_year(planned) == "2019"


def test_a_five_year_review_restating_an_anniversary_pairs_with_the_year_it_fell_in():
    of_the_year = _anniversary("江苏省政府工作报告\n2024年是中华人民共和国成立75周年，是关键一年。")
    review = _anniversary("江苏省政府工作报告\n过去五年，我们满怀豪情庆祝党的百年华诞和新中国成立75周年。")
    assert figure_key(of_the_year) is not None
    assert figure_key(of_the_year) == figure_key(review)


def test_a_regional_anniversary_keeps_its_region_and_period():
    claim = _anniversary("西藏自治区政府工作报告\n2025年，自治区成立60周年庆祝活动隆重举行。")
    assert claim.metric == "自治区成立周年" and claim.region == "西藏自治区"
    assert anniversary_year(claim) is None  # the rules know no year for it: the claim's own period stands


def test_a_ten_year_campaign_is_no_anniversary():
    claims = _claims("编制五年发展规划，策划十周年系列活动。")
    assert all(not (c.metric or "").endswith("周年") for c in claims)


def test_the_anniversary_rules_are_well_formed():
    data = load_toml("anniversaries.toml")
    assert data["event_ends"] and data["before"]
    assert all(isinstance(w, str) and w == w.strip() and w for w in (*data["event_ends"], *data["before"]))
    seen: dict[str, str] = {}
    for name, entry in data["national"].items():
        assert set(entry) == {"wordings", "year"}, name
        assert isinstance(entry["year"], int) and 1 <= entry["year"] <= 2100, name
        assert name.endswith(tuple(data["event_ends"])), f"{name} does not end like an event's name"
        for wording in [name, *entry["wordings"]]:
            assert seen.setdefault(wording, name) == name, f"{wording} names two events"
    assert vocabulary().national["新中国成立"] == "中华人民共和国成立"
