"""Claim attributes in context: metric aliases, regions, roles, read from short documents."""

from decimal import Decimal

import pytest

from factcheck.api import extract_text


def claim(text, surface, path="doc.txt"):
    """The claim whose text is surface (the first such)."""
    claims = extract_text(text, path).claims
    found = [c for c in claims if c.text == surface]
    assert found, [c.text for c in claims]
    return found[0]


# 1. An alias is looked up whole: 全国 in 全国重点实验室 is part of the name, not a scope to strip first.
@pytest.mark.parametrize("text, surface, metric", [
    ("全省新增全国重点实验室5家。", "5家", "国家重点实验室"),
    ("全市新增全国重点实验室3家，新建省级工程中心10个。", "3家", "国家重点实验室"),
    ("我省拥有全国重点实验室12家。", "12家", "国家重点实验室"),
    ("牵头建设44家全国重点实验室。", "44家", "国家重点实验室"),
    ("江苏省牵头建设44家国家重点实验室。", "44家", "国家重点实验室"),
    ("全省生产总值增长5.2%。", "5.2%", "地区生产总值"),
])
def test_metric_aliases_are_looked_up_before_scope_words_are_stripped(text, surface, metric):
    assert claim(text, surface).metric == metric


# 2. A short region name inside a longer place name is not the region; a region opening a list's or an
# award's name is not the subject: the figure is the document's (or the sentence's) region's.
JIANGSU = "江苏省2025年科技创新发展报告\n\n"
WUXI = "无锡市2024年科技创新发展报告\n\n"


@pytest.mark.parametrize("text, surface, region", [
    (JIANGSU + "紫金山、太湖、钟山、云龙湖等实验室加快建设，牵头建设44家国家重点实验室。", "44家", "江苏省"),
    (JIANGSU + "云龙湖实验室新增科研人员300人。", "300人", "江苏省"),
    (JIANGSU + "徐州市云龙区新增高新技术企业30家。", "30家", "云龙区"),
    ("上海市2025年报告\n\n苏州河沿岸新增绿地20公顷。", "20公顷", "上海市"),
    (JIANGSU + "浙江湖州新增企业50家。", "50家", "湖州市"),
    (WUXI + "截至2024年底，全市有效期内高新技术企业7341家，入选中国独角兽企业6家，各项指标均位居全省前列。",
     "6家", "无锡市"),
    (WUXI + "- 入选中国独角兽企业6家，位居全省第三。", "6家", "无锡市"),
    (WUXI + "- 入选中国独角兽企业6家，位居全省第三。", "第三", "无锡市"),
    (WUXI + "全市有中国500强企业3家。", "3家", "无锡市"),
    (WUXI + "新增获评中国驰名商标的企业5家。", "5家", "无锡市"),
    ("全国2025年统计公报\n\n中国国内生产总值增长5%。", "5%", "中国"),
])
def test_landmarks_and_list_names_are_not_the_region(text, surface, region):
    assert claim(text, surface).region == region


# 4. Chinese-numeral decimals.
@pytest.mark.parametrize("text, surface, value, unit, low, high", [
    ("提高〇点五个百分点。", "〇点五个百分点", "0.5", "百分点", "0.45", "0.55"),
    ("下降三点五%。", "三点五%", "3.5", "%", "3.45", "3.55"),
    ("回落零点八个百分点。", "零点八个百分点", "0.8", "百分点", "0.75", "0.85"),
    ("达到十二点零五亿元。", "十二点零五亿元", "1205000000", "元", "1204500000", "1205500000"),
    ("占百分之三点五。", "百分之三点五", "3.5", "%", "3.45", "3.55"),
])
def test_chinese_decimals_are_read_as_decimals(text, surface, value, unit, low, high):
    c = claim(text, surface)
    q = c.quantity
    assert (q.value, q.unit, q.low, q.high) == (Decimal(value), unit, Decimal(low), Decimal(high))


# 5. Numbers that label a part of the document.
@pytest.mark.parametrize("text", [
    "附件2 名词解释",
    "附件二 名单",
    "附表3 主要指标",
    "专栏4 重点项目",
    "表1  2022年主要指标\n",
    "（见图2）",
    "详见表3。",
])
def test_label_numbers_are_not_quantities(text):
    assert extract_text(text, "doc.txt").claims == ()


@pytest.mark.parametrize("text, surface", [
    ("完成1:10000比例尺地形图4062幅。", "4062幅"),
    ("选举产生代表3名。", "3名"),
    ("新增附件生产企业5家。", "5家"),
])
def test_words_ending_like_labels_still_count(text, surface):
    assert claim(text, surface).quantity.value is not None
