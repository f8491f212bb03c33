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

from factcheck.app.api import extract_paths, target_table

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


def table_of(tmp_path, plan=PLAN, review=None):
    review = REVIEW.format(gdp="4.9%", income="5.3%") if review is None else review
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


@pytest.mark.skipif(not PROVINCIAL.is_dir(), reason="../shared/corpus is not beside the checkout")
def test_provincial_main_targets_with_an_outcome_stated_in_the_next_report():
    from factcheck.report.build import build_report

    extraction = extract_paths([str(PROVINCIAL)])
    rows = [r for r in target_table(extraction).rows if r.year == 2025 and r.main]
    found = [r for r in rows if r.outcome is not None]
    assert len(found) >= 97  # 74 before the review-section, 分别, 力争 and alias fixes (of 159 main targets)
    outcome = {(r.region, r.metric, r.statement): (r.verdict, r.outcome_statement) for r in found}
    by_metric = {(region, metric): value for (region, metric, _), value in outcome.items()}
    # 一是…, 一、工作回顾
    assert by_metric[("吉林省", "社会消费品零售总额")] == ("missed", "社会消费品零售总额增长3.9%")
    assert by_metric[("吉林省", "粮食产量")][0] == "missed"                                   # 粮食总产量871.6亿斤
    assert by_metric[("重庆市", "社会消费品零售总额")][0] == "missed"                          # not 黔江区's
    assert by_metric[("上海市", "城镇调查失业率")][0] == "met"                                 # 平均为4.2%
    assert by_metric[("海南省", "农村居民人均可支配收入")][0] == "missed"                       # the pair's second half
    assert by_metric[("西藏自治区", "城镇调查失业率")][0] == "met"                             # 控制在5%以内
    assert {m for (region, m) in by_metric if region == "西藏自治区"} >= {
        "城镇居民人均可支配收入", "农村居民人均可支配收入"}
    stretch = [r for r in found if r.stretch]
    assert len(stretch) == 3 and all(r.region == "西藏自治区" for r in stretch)
    per_province = {r.region for r in found}
    assert len(per_province) == 21
    report = build_report(extraction, select=["FC404"])
    claims = {(f.place.location.path.rsplit("/", 1)[-1], f.severity) for f in report.findings}
    assert claims == {("anhui_2026_gwr.txt", "warning"), ("gansu_2026_gwr.txt", "warning"),
                      ("henan_2026_gwr.txt", "warning"), ("jiangxi_2026_gwr.txt", "warning"),
                      ("qinghai_2026_gwr.txt", "warning"), ("beijing_2026_gwr.txt", "info")}


@pytest.mark.parametrize("claim, severity", [("全年经济社会发展主要目标任务圆满完成", "warning"),
                                             ("经济社会发展主要目标任务基本完成", "info"),
                                             ("较好完成了省十四届人大三次会议确定的目标任务", "info"),
                                             ("“十四五”规划主要目标任务圆满完成", None)])
def test_fc404_points_at_the_claim_and_lists_each_miss(tmp_path, claim, severity):
    from factcheck.report.build import build_report

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


REVIEW_SECTION = ("2026年1月27日\n吉林省政府工作报告\n一、工作回顾\n"
                  "2025年是“十四五”收官之年，全省地区生产总值增长5%。\n"
                  "主要做了以下工作。\n一是全力以进促稳。社会消费品零售总额增长3.9%。\n"
                  "二是推进乡村全面振兴。粮食总产量达到871.6亿斤。城镇调查失业率平均为5.2%。\n"
                  "“十四五”时期是吉林砥砺奋进的五年。\n这是消费扩容的五年。\n固定资产投资增长30%。\n"
                  "二、2026年工作安排\n今年经济社会发展主要预期目标是：地区生产总值增长5%左右。\n")
JILIN_PLAN = ("2025年1月20日\n吉林省政府工作报告\n2025年经济社会发展主要预期目标是：地区生产总值增长5.5%左右，"
              "粮食产量880亿斤以上，固定资产投资增长5%左右，社会消费品零售总额增长6%左右，城镇调查失业率控制在5.5%左右。\n")


def test_a_review_section_speaks_of_the_year_before_delivery_until_it_turns_to_five_years(tmp_path):
    rows = by_metric(table_of(tmp_path, plan=JILIN_PLAN, review=REVIEW_SECTION))
    assert rows[("社会消费品零售总额", 2025)].outcome_statement.endswith("3.9%")    # 一是…, no year of its own
    assert rows[("粮食产量", 2025)].verdict == "missed"                           # 粮食总产量 871.6 < 880亿斤
    assert rows[("城镇调查失业率", 2025)].verdict == "met"                        # the year's rate is an average
    assert rows[("固定资产投资", 2025)].verdict == "no_outcome"                   # 这是…的五年: not the year's


PAIRS = ("2025年1月20日\n西藏自治区政府工作报告\n经济社会发展主要预期目标是：地区生产总值增长7%以上、力争达到8%，"
         "城乡居民人均可支配收入分别增长8%和10%，城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内。\n")
PAIRS_REVIEW = ("2026年1月27日\n西藏自治区政府工作报告\n一、2025年工作回顾\n2025年极不平凡。地区生产总值增长7.2%，"
                "城乡居民人均可支配收入分别增长6%和10.4%，城镇调查失业率控制在5%以内。主要目标任务圆满完成。\n")


def test_paired_targets_keep_both_halves_and_a_stretch_goal_is_only_noted(tmp_path):
    from factcheck.report.build import build_report

    table = table_of(tmp_path, plan=PAIRS, review=PAIRS_REVIEW)
    rows = {(r.metric, r.statement): r for r in table.rows if r.year == 2025}
    urban = next(r for (m, _), r in rows.items() if m == "城镇居民人均可支配收入")
    rural = next(r for (m, _), r in rows.items() if m == "农村居民人均可支配收入")
    assert urban.verdict == "missed" and rural.verdict == "met" and urban.main and rural.main
    unemployment = next(r for (m, _), r in rows.items() if m == "城镇调查失业率")
    assert unemployment.kind == "actual" and unemployment.verdict == "met"        # 分别控制在5%…以内: a level
    gdp = sorted((r for (m, _), r in rows.items() if m == "地区生产总值"), key=lambda r: r.target.location.start)
    assert [r.verdict for r in gdp] == ["met", "missed"] and gdp[1].stretch and "力争" in gdp[1].verdict_text
    report = build_report(extract_paths([str(tmp_path)]), select=["FC403", "FC404"])
    stretch = [f for f in report.findings if f.rule == "FC403" and "力争目标" in f.message]
    assert stretch and all(f.severity == "info" for f in stretch)
    assert not [f for f in report.findings if f.rule == "FC404" and "地区生产总值" in f.message]  # the 8% is a stretch


def test_a_figure_inside_a_metric_name_is_no_target(tmp_path):
    plan = "2025年1月14日\n北京市政府工作报告\n今年，公交与轨道50米内换乘比例提高到90%。\n"
    review = "2026年1月26日\n北京市政府工作报告\n过去一年，公交与轨道50米内换乘比例达到91%。\n"
    rows = table_of(tmp_path, plan=plan, review=review).rows
    assert [r.metric for r in rows] == ["换乘比例"] and rows[0].verdict == "met"


def test_relation_judged_from_urban_and_rural_rates_when_the_residents_rate_is_not_stated(tmp_path):
    plan = ("2025年1月14日\n江苏省政府工作报告\n"
            "主要预期目标是：地区生产总值增长5%以上，居民收入增长与经济增长基本同步。\n")
    review = ("2026年1月26日\n江苏省政府工作报告\n刚刚过去的2025年，地区生产总值增长5.3%。"
              "城乡居民人均可支配收入分别增长{}、{}。\n")
    for rates, verdict in ((("5.4%", "6.1%"), "met"), (("4.2%", "5.3%"), "undecided"), (("4.2%", "4.8%"), "missed")):
        table = table_of(tmp_path, plan=plan, review=review.format(*rates))
        (relation,) = [r for r in table.rows if r.kind == "relation" and r.year == 2025]
        assert relation.verdict == verdict and relation.outcome is not None, rates
