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


# -- one fact, one key (issue 19, second round): shapes taken from the corpus' sentences -------------------------

def key_of(text: str, surface: str, name: str = "doc.txt"):
    from factcheck.checks.evidence.figures import figure_key

    found = [c for c in extract_text(text, name).claims if c.text == surface]
    assert found, [c.text for c in extract_text(text, name).claims]
    return figure_key(found[0]), found[0]


def test_a_year_after_a_numbered_glossary_marker_dates_its_line():
    # jiangxi_2025_gwr 名词解释: 14.2025年10件民生实事：… (the list's 14. is no decimal point before the year)
    text = "江西省人民政府\n名词解释\n13.“三大工程”建设：保障性住房建设。\n14.2025年10件民生实事：加大就业扶持力度。\n"
    _, c = key_of(text, "10件")
    assert c.period == "2025" and c.period_source == "text"


def test_each_starting_value_of_one_from_list_is_the_year_before():
    # guangdong_2026_gwr: 困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月209元、280元提高到217元、290元
    text = ("广东省人民政府工作报告\n2026年1月25日\n三、2026年工作安排\n"
            "困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月209元、280元提高到217元、290元。\n")
    assert [key_of(text, s)[1].period for s in ("209元", "280元", "217元", "290元")] == ["2025", "2025", "2026", "2026"]


def test_a_standard_set_by_a_plan_and_reported_by_the_review_is_one_fact():
    plan = ("广东省人民政府工作报告\n2025年1月20日\n三、2025年工作安排\n"
            "困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月202元、270元提高到209元、280元。\n")
    review = ("广东省人民政府工作报告\n2026年1月25日\n三、2026年工作安排\n"
              "困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月209元、280元提高到217元、290元。\n")
    planned, p = key_of(plan, "280元", "2025.txt")
    reported, r = key_of(review, "280元", "2026.txt")
    assert p.role == "target" and r.role == "actual" and planned == reported and planned[2] == "standard"
    # a target of an outcome stays apart from the outcome
    target = "安徽省人民政府工作报告\n2025年1月20日\n三、2025年工作安排\n新增精品示范村200个。\n"
    assert key_of(target, "200个")[0][2] == "target"
    # a rate's standard is in percent: an amount its metric was carried to is no standard (china_2023_gwr: 将养老
    # 保险单位缴费比例从20%降至16%，同时充实全国社保基金，储备规模从1.8万亿元增加到2.5万亿元以上)
    from factcheck.checks.evidence.figures import is_standard

    cut = ("国务院\n2022年，将养老保险单位缴费比例从20%降至16%，同时充实全国社保基金，"
           "储备规模从1.8万亿元增加到2.5万亿元以上。\n")
    assert [is_standard(key_of(cut, s)[1]) for s in ("16%", "1.8万亿元")] == [True, False]


def test_a_policy_term_is_keyed_by_the_policy_alone():
    national, c = key_of("国务院政府工作报告\n2024年3月5日\n启动第二轮土地承包到期后再延长30年整省试点。\n",
                         "30年", "a.txt")
    provincial, _ = key_of("内蒙古自治区人民政府工作报告\n2025年1月20日\n"
                           "稳妥推进第二轮土地承包到期后再延长三十年试点。\n", "三十年", "b.txt")
    assert c.period is None and national is not None and national == provincial
    assert key_of("将新能源汽车车辆购置税优惠政策再延长三年。\n", "三年")[0] != national
    assert key_of("2024年，连续5年位居全国第一。\n", "5年")[0] is None  # a streak is no term


def test_a_summary_box_restating_an_article_takes_the_year_its_body_gives():
    # seeds/003: the body's 2023年…有效期内…高新技术企业超过1520家 and the box's ● 有效期内高新技术企业超过1520家
    text = ("无锡高新区：澎湃科创动能\n\n2023年，无锡高新区有效期内高新技术企业超过1520家，位居无锡市第一。\n\n"
            "● 无锡高新区有效期内高新技术企业超过1520家，名列无锡市第一\n")
    body, box = [c for c in extract_text(text).claims if c.text == "超过1520家"]
    assert box.period == body.period == "2023" and box.period_source == "restated"
    from factcheck.checks.evidence.figures import figure_key

    assert figure_key(box) == figure_key(body) is not None


def test_a_starting_value_after_from_by_is_the_year_before_only_when_a_change_follows():
    # china_2019_gwr: 关税总水平由9.8%降至7.5% (2018's cut: 9.8% stood in 2017); 由3个部门组成 starts nothing
    text = "国务院政府工作报告\n2019年3月5日\n一、2018年工作回顾\n关税总水平由9.8%降至7.5%。由3个部门组成工作专班。\n"
    assert [key_of(text, s)[1].period for s in ("9.8%", "7.5%", "3个")] == ["2017", "2018", "2018"]


def test_a_package_launched_and_completed_is_one_count():
    # shanghai_2025/2026_gwr: 实施新一轮优化营商环境58条改革举措 / 全面完成优化营商环境58条改革举措
    launched, _ = key_of("上海市人民政府\n2025年，实施新一轮优化营商环境58条改革举措。\n", "58条", "a.txt")
    completed, _ = key_of("上海市人民政府\n2025年，全面完成优化营商环境58条改革举措。\n", "58条", "b.txt")
    assert launched == completed is not None


def fc101(*texts: str) -> list[tuple[str, str]]:
    docs = tuple(extract_text(t, f"{i}.txt") for i, t in enumerate(texts))
    report = build_report(Extraction(docs, ()), select=["FC101"])
    return [(f.severity, f.message) for f in report.findings if f.rule == "FC101"]


@pytest.mark.parametrize("first, second", [
    # shanghai_2025/2026_gwr: the package's name before its count and the counted noun after it
    ("上海市人民政府\n2025年，实施新一轮优化营商环境58条改革举措。",
     "上海市人民政府\n2025年，全面完成优化营商环境41条改革举措。"),
    # seeds/000 and jiangsu_2026_gwr: a name with a digit in it (5G工厂) is a name, not a fragment
    ("江苏省人民政府\n2025年，入选国家卓越级智能工厂67家、5G工厂301家。", "江苏省人民政府\n2025年，入选5G工厂211家。"),
    # seeds/001: a later value of a 分别 list is named before the list's 分别
    ("无锡市\n截至2024年底，全市雏鹰、瞪羚企业分别达到5961家、3503家。",
     "无锡市\n截至2024年底，全市雏鹰、瞪羚企业分别达到5961家、2452家。"),
    # seeds/001: the measure, then what it measures (设立15亿元规模的市天使投资引导基金)
    ("无锡市\n2024年，设立15亿元规模的市天使投资引导基金。", "无锡市\n2024年，设立10亿元规模的市天使投资引导基金。"),
    # jiangxi_2022_bulletin: 服务业实现增加值…，比上年增长4.2% (subject, verb, measure; then its rate)
    ("江西省2022年统计公报\n2022年，第三产业增加值15263.7亿元，增长4.2%。",
     "江西省2022年统计公报\n2022年，全年服务业实现增加值15263.7亿元，比上年增长2.9%。"),
], ids=["package-around-its-count", "name-with-a-digit", "later-value-of-a-list", "measure-then-noun",
        "subject-verb-measure-and-rate"])
def test_a_restated_figure_named_where_it_stands_is_compared_as_an_error(first, second):
    assert [severity for severity, _ in fc101(first, second)] == ["error"]


def test_a_figure_right_before_the_words_makes_them_a_fragment():
    # shaanxi_2026_gwr: 国考10市PM2.5浓度改善10.8％ and 关中5市PM2.5浓度改善24.7％ measure two sets of cities
    text = ("陕西省人民政府\n一、2025年工作回顾\n2025年，国考10市PM2.5浓度改善10.8％。\n"
            "二、“十四五”时期工作回顾\n2025年，关中5市PM2.5浓度改善24.7％。\n")
    assert fc101(text) == []


def test_a_place_after_a_qualifier_of_time_is_the_region_not_the_metric():
    # seeds/003: 2023年有效期内无锡高新区高新技术企业超过1520家 (its box: 有效期内高新技术企业超过1520家)
    c = claim("2023年有效期内无锡高新区高新技术企业超过1520家。", "超过1520家")
    assert c.metric_text == "有效期内高新技术企业" and c.metric == "高新技术企业" and c.region == "无锡高新区"


def test_a_rate_after_a_comparable_prices_clause_is_the_level_s_rate():
    # jiangxi-yichun_2022_bulletin: 全年服务业实现增加值1612.87亿元，按可比价计算，同比增长4.3%
    level = "宜春市2022年统计公报\n2022年，第三产业增加值1612.87亿元，增长4.3%。"
    restated = "宜春市2022年统计公报\n2022年，全年服务业实现增加值1612.87亿元，按可比价计算，同比增长3.0%。"
    assert [severity for severity, _ in fc101(level, restated)] == ["error"]


def test_the_earlier_names_of_a_list_share_the_standard_the_last_one_names():
    # guangdong_2025_gwr: 困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月202元、270元提高到209元、280元
    text = ("广东省人民政府\n2025年，困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月202元、270元"
            "提高到209元、280元。")
    assert [claim(text, s).metric for s in ("209元", "280元")] == ["困难残疾人生活补贴标准", "重度残疾人护理补贴标准"]
    # a member ending in another noun is left alone
    from factcheck.extract.metrics.lists import _share_standard

    assert _share_standard(["高龄津贴", "重度残疾人护理补贴标准"]) == ["高龄津贴", "重度残疾人护理补贴标准"]
