"""FC4 on the seeds: unchanged they raise only the growth each target needs; a planted edit raises the rule
at the edited line. FC403 is also checked against the real 2025/2026 reports when the corpus is present."""

from pathlib import Path

import pytest
from planting import at, copy_seeds, edit

from factcheck.app.api import extract_paths
from factcheck.checks.base import CheckContext
from factcheck.checks.evidence.target_matching import match_target_outcomes
from factcheck.report.build import build_report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus" / "provincial-gwr"
SUZHOU = "002_0e9245cded2b0f09.txt"


def findings(paths, codes=("FC4",)):
    return build_report(extract_paths([str(p) for p in paths]), select=list(codes)).findings


def test_unchanged_seeds_raise_no_warning_and_show_the_growth_targets_need(tmp_path):
    found = findings([copy_seeds(tmp_path)])
    assert not [f for f in found if f.severity in ("error", "warning")], [f.message for f in found]
    cluster = at(found, "FC402", SUZHOU, 27)   # 3.8万亿元 (2022) → 突破5万亿元 (2025)
    giants = at(found, "FC402", SUZHOU, 57)    # 171家 → 500家以上 by 2025
    assert cluster and "9.6%" in cluster[0].message and cluster[0].severity == "info"
    assert giants and "43%" in giants[0].message and "按上文2022年计" in giants[0].message


def test_target_already_reached_is_flagged_at_the_target(tmp_path):
    seeds = copy_seeds(tmp_path)
    edit(seeds / SUZHOU, "“小巨人”企业 171 家", "“小巨人”企业 571 家")
    hits = at(findings([seeds]), "FC401", SUZHOU, 57)
    assert hits and hits[0].severity == "warning" and "571家" in hits[0].message


def test_changed_baseline_changes_the_growth_needed(tmp_path):
    seeds = copy_seeds(tmp_path)
    edit(seeds / SUZHOU, "“小巨人”企业 171 家", "“小巨人”企业 250 家")
    hits = at(findings([seeds]), "FC402", SUZHOU, 57)
    assert hits and "26%" in hits[0].message


OUTTURN = "2026年1月20日\n苏州市人民政府工作报告\n过去一年，全市国家级专精特新“小巨人”企业达到{count}家。\n"


@pytest.mark.parametrize("count, severity, word", [("520", "info", "完成"), ("480", "warning", "未完成")])
def test_planted_outturn_is_judged_against_the_seed_target(tmp_path, count, severity, word):
    seeds = copy_seeds(tmp_path)
    (seeds / "005_outturn.txt").write_text(OUTTURN.format(count=count), encoding="utf-8")
    hits = at(findings([seeds], ["FC403"]), "FC403", "005_outturn.txt", 3)
    assert len(hits) == 1 and hits[0].severity == severity and word in hits[0].message
    assert "500家以上" in hits[0].message


def test_outturn_for_another_year_is_not_a_target_outcome(tmp_path):
    seeds = copy_seeds(tmp_path)
    (seeds / "005_outturn.txt").write_text(
        "2025年1月20日\n苏州市人民政府工作报告\n过去一年，全市国家级专精特新“小巨人”企业达到480家。\n",
        encoding="utf-8")
    assert not [f for f in findings([seeds], ["FC403"]) if f.rule == "FC403"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_real_reports_targets_against_outturns():
    paths = [CORPUS / f"{p}_{y}_gwr.txt" for p in ("guangdong", "jiangsu", "gansu") for y in (2025, 2026)]
    found = [f for f in findings(paths, ["FC403"]) if f.rule == "FC403"]
    guangdong = at(found, "FC403", "guangdong_2026_gwr.txt", 12)
    assert any("地区生产总值" in f.message and f.severity == "warning" and "3.9%" in f.message for f in guangdong)
    jiangsu = at(found, "FC403", "jiangsu_2026_gwr.txt", 21)
    assert any("地区生产总值" in f.message and f.severity == "info" and "5.3%" in f.message for f in jiangsu)
    # 扣除房地产开发投资后，固定资产投资增长2.7% is not the headline figure the target set
    assert not [f for f in found if "固定资产投资" in f.message and "gansu" in f.place.location.path]
    # 城镇新增就业超690万人 is the five-year total, not 2025's outturn
    assert not [f for f in found if "690" in f.message]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_matching_is_reusable_for_a_table():
    extraction = extract_paths([str(CORPUS / "hebei_2025_gwr.txt"), str(CORPUS / "hebei_2026_gwr.txt")])
    pairs = match_target_outcomes(CheckContext(extraction.documents))
    table = {(p.target.metric, p.target.text, p.outcome.text, p.met) for p in pairs}
    assert ("地区生产总值", "5%以上", "5.6%", True) in table
    assert all(p.target.period == p.outcome.period == "2025" for p in pairs)
    assert all(p.target.region_code == p.outcome.region_code for p in pairs)
