"""Claim attributes in context: metric aliases, regions, roles, read from short documents."""

from decimal import Decimal

import pytest

from factcheck.app.api import extract_text


def claim(text, surface, path="doc.txt"):
    """The claim whose text is surface (the first such)."""
    claims = extract_text(text, path).claims
    found = [c for c in claims if c.text == surface]
    assert found, [c.text for c in claims]
    return found[0]


# 1. An alias is looked up whole: 全国 in 全国重点实验室 is part of the name, not a scope to strip first.
@pytest.mark.parametrize("text, surface, metric", [
    ("全省新增全国重点实验室5家。", "5家", "全国重点实验室"),
    ("全市新增全国重点实验室3家，新建省级工程中心10个。", "3家", "全国重点实验室"),
    ("我省拥有全国重点实验室12家。", "12家", "全国重点实验室"),
    ("牵头建设44家全国重点实验室。", "44家", "全国重点实验室"),
    ("江苏省牵头建设44家国家重点实验室。", "44家", "全国重点实验室"),
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


# 3. Roles: a paragraph that opens with what its subject is to do (要全力…, 锡山区要着力…) plans; its figures are
# targets even in an undated article, where no year after the document's date can say so.
ARTICLE = "# 无锡锡山奋力开局“十五五”\n\n近日，锡山区晒出了2025年的发展“成绩单”。2026年，是“十五五”起步之年。\n\n"


@pytest.mark.parametrize("text, surface, role", [
    (ARTICLE + "## 集中精力抓项目\n\n要全力推动增资扩产。把现有企业的增资扩产摆在重要位置，"
     "全年滚动实施超千万元技改项目200个\n\n以上，完成技改投资100亿元。", "200个\n\n以上", "target"),
    (ARTICLE + "## 集中精力抓项目\n\n要全力推动增资扩产。把现有企业的增资扩产摆在重要位置，"
     "全年滚动实施超千万元技改项目200个\n\n以上，完成技改投资100亿元。", "100亿元", "target"),
    (ARTICLE + "要全力提高招商能力。深化招商体制机制改革，全年招引落地超10亿元产业项目20个以上。",
     "20个以上", "target"),
    (ARTICLE + "要着力抓好优势企业培育壮大。梯度培育成长型科技企业，全年新增省级以上专精特新中小企业100家。",
     "100家", "target"),
    (ARTICLE + "锡山区要着力抓好产业集群建设。持续推进“产业集群+特色\n\n专业园区”发展，"
     "全年产业集群营收规模超2600亿元。", "超2600亿元", "target"),
    (ARTICLE + "营商环境值大钱。要推动行政审批事项能减则减，再推出20个“高效办成一件事”重点事项。", "20个", "target"),
    # not plans: 主要/需要 are no modal; a year over before a dated report is an outturn; durations named in passing
    (ARTICLE + "主要经济指标稳中有进，全区新增企业100家。", "100家", "actual"),
    (ARTICLE + "需要加快发展的产业有3个。", "3个", "actual"),
    ("2026年1月26日\n\n要着力扩大内需。2025年全省社会消费品零售总额增长5%。", "5%", "growth_rate"),
    (ARTICLE + "我们要深入贯彻强军思想，聚焦建军一百年奋斗目标。", "一百年", "actual"),
])
def test_plan_paragraphs_set_targets(text, surface, role):
    assert claim(text, surface).role == role


def test_a_hedge_broken_off_onto_the_next_line_still_bounds_the_figure():
    c = claim("全年滚动实施技改项目200个\n\n以上，完成技改投资100亿元。", "200个\n\n以上")
    assert (c.quantity.qualifier, c.quantity.low, c.quantity.high) == ("lower", Decimal(200), None)
    assert claim("增长5%\n\n以上数据截至2024年底。", "5%").quantity.qualifier == "exact_rounded"


# 7. Metrics: what the things counted did, said right after their noun, is part of what is counted (as the
# gold set words it: 新获评全国文明城市的地级市); a verb jieba glued to a measure is no part of it.
@pytest.mark.parametrize("text, surface, metric", [
    ("16所高职学校入选第二期国家“双高计划”，大湾区大学正式成立。", "16所", "入选第二期国家双高计划的高职学校"),
    ("5个地级市和5个县级城市新获评全国文明城市。", "5个", "新获评全国文明城市的地级市"),
    ("全省5个地级市和3个县级城市新获评全国文明城市。", "3个", "新获评全国文明城市的县级城市"),
    ("综合算力指数全国第一，13个大模型通过国家备案，高新技术产业增加值增长5%。", "13个", "通过国家备案的大模型"),
    ("247个项目得到国家超长期特别国债资金支持；省重大项目投资7300亿元。", "247个",
     "得到国家超长期特别国债资金支持的项目"),
    ("《大河安澜》等6部作品荣获“五个一工程”优秀奖。", "6部", "荣获五个一工程优秀奖的作品"),
    # not a relative clause: cut short at 、, a figure of its own, a place, a named metric
    ("电影《柳青》等50部文艺作品获得国家、国际大奖。", "50部", "文艺作品"),
    ("3家企业获得融资5亿元。", "3家", "企业"),
    ("14家国家工业互联网双跨平台落户苏州。", "14家", "国家工业互联网双跨平台"),
    ("3家全国重点实验室获批建设。", "3家", "全国重点实验室"),
    # measures jieba cuts with the verb after them (率达, 比达) or with a verb inside (治理率)
    ("强化矛盾纠纷预防调处化解，行政复议化解率达90%。", "90%", "行政复议化解率"),
    ("绿色电力占比达36%。", "36%", "绿色电力占比"),
    ("整治提升清洁乡村2500个，农村生活污水治理率达93%。", "93%", "农村生活污水治理率"),
    ("65岁以上老年人医养结合服务率超过40%。", "超过40%", "老年人医养结合服务率"),
])
def test_metric_phrases(text, surface, metric):
    assert claim(text, surface).metric == metric
