"""A whole implied by a part and its share (6家，占全国八分之一 → 48家) meets the figures of other documents."""

from factcheck.app.api import extract_text
from factcheck.model.claims import Extraction
from factcheck.report.build import build_report

PART = "2022年，苏州拥有全球“灯塔工厂”6家，占全国八分之一。"


def _fc304(*texts):
    documents = tuple(extract_text(t, f"doc{i}.txt") for i, t in enumerate(texts))
    return [f for f in build_report(Extraction(documents, ()), select=["FC304"]).findings]


def test_an_agreeing_national_figure_elsewhere_is_noted_not_flagged():
    found = _fc304(PART, "截至2022年底，中国拥有全球“灯塔工厂”48家，上海拥有全球“灯塔工厂”8家。")
    assert [(f.severity, "相符" in f.message) for f in found] == [("info", True)]


def test_a_different_national_figure_or_a_larger_part_elsewhere_is_a_warning():
    conflict = _fc304(PART, "截至2022年底，中国拥有全球“灯塔工厂”60家。")
    assert [f.severity for f in conflict] == ["warning"] and "60家" in conflict[0].message
    assert conflict[0].related[-1].location.path == "doc1.txt"
    larger = _fc304(PART, "截至2022年底，上海拥有全球“灯塔工厂”60家。")
    assert [f.severity for f in larger] == ["warning"] and "上海市" in larger[0].message


def test_another_year_or_an_undated_figure_is_not_compared():
    assert [f.severity for f in _fc304(PART, "截至2023年底，中国拥有全球“灯塔工厂”60家。")] == ["info"]
    assert [f.severity for f in _fc304(PART, "中国拥有全球“灯塔工厂”60家。")] == ["info"]
