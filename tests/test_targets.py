"""目标完成情况: the targets table, its verdicts, its formats, and the provincial acceptance run."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from factcheck.api import extract_paths, target_table

ROOT = Path(__file__).resolve().parent.parent
PROVINCIAL = ROOT.parent / "shared" / "corpus" / "provincial-gwr"
EXE = shutil.which("factcheck")

PLAN = ("2025年1月14日\n河北省政府工作报告\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，"
        "规上工业增加值增长6%以上，固定资产投资增长5%—6%，城镇调查失业率控制在5.5%以内，居民消费价格涨幅2%左右，"
        "居民人均可支配收入增长与经济增长同步，粮食产量750亿斤以上。\n"
        "今年，全省改造城中村6万户以上。\n")
REVIEW = ("2026年1月26日\n河北省政府工作报告\n过去一年，河北省地区生产总值增长{gdp}，规上工业增加值增长5.8%，"
          "固定资产投资增长5.2%，城镇调查失业率5.2%，居民消费价格上涨0.3%，居民人均可支配收入增长{income}。"
          "改造城中村2.6万户。\n")


def table_of(tmp_path, plan=PLAN, review=REVIEW.format(gdp="4.9%", income="5.3%")):
    (tmp_path / "hebei_2025.txt").write_text(plan, encoding="utf-8")
    (tmp_path / "hebei_2026.txt").write_text(review, encoding="utf-8")
    return target_table(extract_paths([str(tmp_path)]))


def by_metric(table):
    return {(row.metric, row.year): row for row in table.rows}


def test_verdicts_cover_tolerance_floors_ceilings_ranges_relations_and_no_outcome(tmp_path):
    rows = by_metric(table_of(tmp_path))
    assert rows[("地区生产总值", 2025)].verdict == "within_tolerance"      # 5%左右 at 4.9%: inside 0.2 points
    assert rows[("规模以上工业增加值", 2025)].verdict == "missed"           # 6%以上 at 5.8%
    assert rows[("固定资产投资", 2025)].verdict == "met"                    # 5%—6% at 5.2%
    assert rows[("城镇调查失业率", 2025)].verdict == "met"                  # ceiling 5.5%以内 at 5.2%
    assert rows[("城镇调查失业率", 2025)].direction == "ceiling"
    assert rows[("居民消费价格涨幅", 2025)].verdict == "met"                # 2%左右 is a ceiling: 0.3% is met
    assert rows[("居民人均可支配收入", 2025)].verdict == "met"              # 5.3% ≥ GDP's 4.9%: 同步
    assert rows[("居民人均可支配收入", 2025)].kind == "relation"
    assert rows[("粮食产量", 2025)].verdict == "no_outcome"                 # never stated afterwards
    village = next(row for (metric, _), row in rows.items() if metric and "城中村" in metric)
    assert village.verdict == "missed" and not village.main                # a target outside the main list
    assert all(rows[(m, 2025)].main for m in ("地区生产总值", "城镇调查失业率", "粮食产量"))


def test_outside_tolerance_is_missed_with_the_gap_spelled_out(tmp_path):
    rows = by_metric(table_of(tmp_path, review=REVIEW.format(gdp="4.5%", income="4.0%")))
    gdp = rows[("地区生产总值", 2025)]
    assert gdp.verdict == "missed" and "0.5个百分点" in gdp.verdict_text
    assert str(gdp.difference) == "-0.5"
    assert rows[("居民人均可支配收入", 2025)].verdict == "missed"  # 4.0% against GDP's 4.5%


def test_never_another_years_or_another_regions_outcome(tmp_path):
    other_year = REVIEW.format(gdp="4.9%", income="5.3%").replace("过去一年，", "2024年，")
    rows = by_metric(table_of(tmp_path, review=other_year))
    assert rows[("地区生产总值", 2025)].verdict == "no_outcome"
    other_region = REVIEW.format(gdp="4.9%", income="5.3%").replace("河北省", "山西省")
    rows = by_metric(table_of(tmp_path, review=other_region))
    assert rows[("地区生产总值", 2025)].verdict == "no_outcome"


def test_a_restated_target_is_one_row(tmp_path):
    plan = PLAN + "（一）稳增长。今年地区生产总值增长5%左右。\n"
    table = table_of(tmp_path, plan=plan)
    gdp = [r for r in table.rows if r.metric == "地区生产总值" and r.year == 2025]
    assert len(gdp) == 1 and len(gdp[0].also) == 1 and gdp[0].main


def test_selection_keeps_main_targets_and_outcomes_by_default(tmp_path):
    table = table_of(tmp_path)
    default = table.selected()
    assert all(r.main or r.outcome is not None for r in default.rows)
    assert len(table.selected(everything=True).rows) >= len(default.rows)
    assert table.selected(year=2030).rows == ()
    assert {r.region for r in table.selected(region="河北").rows} == {"河北省"}


def run(*args):
    command = [EXE] if EXE else [sys.executable, "-m", "factcheck"]
    return subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_cli_json_validates_against_schema_and_csv_and_rich_render(tmp_path):
    table_of(tmp_path)
    result = run("targets", "--format", "json", str(tmp_path))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    schema = json.loads((ROOT / "docs" / "schema" / "factcheck-targets-1.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    assert document["schema"] == "factcheck-targets/1"
    assert document["summary"]["by_verdict"]["missed"] >= 1
    gdp = next(r for r in document["rows"] if r["metric"] == "地区生产总值")
    assert gdp["target"]["path"].endswith("hebei_2025.txt") and gdp["target"]["line"] == 3
    assert gdp["outcome"]["path"].endswith("hebei_2026.txt") and gdp["outcome"]["line"] == 3

    result = run("targets", "--format", "csv", "--year", "2025", str(tmp_path))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["year"] for r in rows} == {"2025"} and "verdict_text" in rows[0]

    result = run("targets", str(tmp_path))
    assert result.returncode == 0 and "河北省 目标完成情况" in result.stdout and "未完成" in result.stdout


@pytest.mark.skipif(not PROVINCIAL.is_dir(), reason="../shared/corpus is not beside the checkout")
def test_provincial_reports_give_every_province_its_gdp_target_and_outcome():
    table = target_table(extract_paths([str(PROVINCIAL)]))
    gdp = {r.region for r in table.rows if r.metric == "地区生产总值" and r.year == 2025 and r.main
           and r.kind == "growth_rate" and r.outcome is not None}
    provinces = {r.region for r in table.rows if r.region and r.region.endswith(("省", "市", "自治区")) and r.main}
    assert len(gdp) == 21 and gdp <= provinces


@pytest.mark.parametrize("claim, severity", [("全年经济社会发展主要目标任务圆满完成", "warning"),
                                             ("经济社会发展主要目标任务基本完成", "info"),
                                             ("“十四五”规划主要目标任务圆满完成", None)])
def test_fc404_points_at_the_claim_and_lists_each_miss(tmp_path, claim, severity):
    from factcheck.report import build_report

    review = REVIEW.format(gdp="4.5%", income="5.3%") + claim + "。\n"
    table_of(tmp_path, review=review)
    report = build_report(extract_paths([str(tmp_path)]), select=["FC404"])
    if severity is None:
        assert report.findings == ()
        return
    (finding,) = report.findings
    assert finding.severity == severity and finding.place.location.line == 4
    assert "地区生产总值" in finding.message and "规模以上工业增加值" in finding.message
    assert {p.location.path.rsplit("/", 1)[-1] for p in finding.related} == {"hebei_2025.txt", "hebei_2026.txt"}
