"""The number grammar against every trap the brief names: figures read right, non-figures left alone."""

from decimal import Decimal

import pytest

from factcheck.extract.numbers.grammar import find_quantities
from factcheck.text.normalize import normalize


def read(text):
    norm = normalize(text)
    return [(norm.text[m.start:m.end], m.quantity) for m in find_quantities(norm.text)]


def only(text):
    found = read(text)
    assert len(found) == 1, found
    return found[0]


D = Decimal


@pytest.mark.parametrize("text, surface, value, unit, qualifier, low, high", [
    ("增至3022家", "3022家", "3022", "家", "exact_rounded", "3021.5", "3022.5"),
    ("科技型中小企业增至9.4万家", "9.4万家", "94000", "家", "exact_rounded", "93500", "94500"),
    ("经济总量4.36万亿元", "4.36万亿元", "4360000000000", "元", "exact_rounded", "4355000000000", "4365000000000"),
    ("3.37%", "3.37%", "3.37", "%", "exact_rounded", "3.365", "3.375"),
    ("超3000家", "超3000家", "3000", "家", "lower", "3000", None),
    ("力争培育500家以上", "500家以上", "500", "家", "lower", "500", None),
    ("3000余家", "3000余家", "3000", "家", "lower", "3000", None),
    ("1万多家", "1万多家", "10000", "家", "lower", "10000", None),
    ("近1/3", "近1/3", "0.3333333333333333333333333333", None, "upper", None, "0.3333333333333333333333333333"),
    ("不到3000人", "不到3000人", "3000", "人", "upper", None, "3000"),
    ("控制在5.5%以内", "5.5%以内", "5.5", "%", "upper", None, "5.5"),
    ("城镇调查失业率5.5%左右", "5.5%左右", "5.5", "%", "approx", "5.225", "5.775"),
    ("约120亿元", "约120亿元", "12000000000", "元", "approx", "11400000000", "12600000000"),
    ("较上年提高2.7个百分点", "2.7个百分点", "2.7", "百分点", "exact_rounded", "2.65", "2.75"),
    ("占全国八分之一", "八分之一", "0.125", None, "exact", "0.125", "0.125"),
    ("6成", "6成", "0.6", None, "exact_rounded", "0.55", "0.65"),
    ("集聚了2/5的人才", "2/5", "0.4", None, "exact", "0.4", "0.4"),
    ("百分之五", "百分之五", "5", "%", "exact_rounded", "4.5", "5.5"),
    ("增长1.5倍", "1.5倍", "1.5", "倍", "exact_rounded", "1.45", "1.55"),
    ("经济总量翻一番", "翻一番", "2", "倍", "exact", "2", "2"),
    ("居全国第二", "第二", "2", "位", "exact", "2", "2"),
    ("位列全市第4位", "第4位", "4", "位", "exact", "4", "4"),
    ("两院院士增至一百二十三位", "一百二十三位", "123", "位", "exact_rounded", "122.5", "123.5"),
    ("三百万人", "三百万人", "3000000", "人", "exact_rounded", "2500000", "3500000"),
    ("三个工作重点方向", "三个", "3", "个", "exact_rounded", "2.5", "3.5"),
    ("超千万元", "超千万元", "10000000", "元", "lower", "10000000", None),
    ("百亿元以上项目", "百亿元以上", "10000000000", "元", "lower", "10000000000", None),
    ("粮食种植面积3776.4千公顷", "3776.4千公顷", "3776400", "公顷", "exact_rounded", "3776350", "3776450"),
    ("装机1.2万千瓦", "1.2万千瓦", "12000", "千瓦", "exact_rounded", "11500", "12500"),
    ("总值[2]32074.7亿元", "32074.7亿元", "3207470000000", "元", "exact_rounded", "3207465000000", "3207475000000"),
    ("5,961家", "5,961家", "5961", "家", "exact_rounded", "5960.5", "5961.5"),
    ("１２３４５个", "12345个", "12345", "个", "exact_rounded", "12344.5", "12345.5"),
    ("连续5年", "5年", "5", "年", "exact_rounded", "4.5", "5.5"),
    ("近5年", "5年", "5", "年", "exact_rounded", "4.5", "5.5"),
])
def test_figures(text, surface, value, unit, qualifier, low, high):
    got_surface, q = only(text)
    assert got_surface == surface
    assert q.value == D(value)
    assert q.unit == unit
    assert q.qualifier == qualifier
    assert q.low == (D(low) if low is not None else None)
    assert q.high == (D(high) if high is not None else None)


@pytest.mark.parametrize("text, low, high, unit", [
    ("3万-4.5万亿元", "3000000000000", "4500000000000", "元"),  # 万 of the first end starts 万亿
    ("3千-5千万元", "30000000", "50000000", "元"),
    ("两千到三千万元", "20000000", "30000000", "元"),
    ("6500到2万元", "6500", "20000", "元"),
    ("零下5度到35度", "-5", "35", "℃"),
    ("五元六角-五元七毛八分", "5.6", "5.78", "元"),
    ("5.0%—5.5%", "5.0", "5.5", "%"),
    ("增长5%-5.5%", "5", "5.5", "%"),
    ("3至5年", "3", "5", "年"),
    ("100—200万元", "1000000", "2000000", "元"),
])
def test_ranges(text, low, high, unit):
    _, q = only(text)
    assert q.qualifier == "range" and q.value is None
    assert (q.low, q.high, q.unit) == (D(low), D(high), unit)
    assert not q.low_open and not q.high_open


@pytest.mark.parametrize("text", [
    "2024年1月24日", "2026年", "二〇二五年", "“十四五”时期", "十五五开局", "深化“1650”产业体系建设",
    "“465”现代化产业体系",
    "“3010”工程", "12345热线", "6+2+X", "5+N", "“1+3”", "一是加快", "（二）推进", "1.加快建设", "〔2018〕59号",
    "A股第一股", "第一方阵", "第二产业", "第十四届全国人民代表大会第二次会议", "5G基站", "6G外场试验网", "PM2.5",
    "C919", "一带一路", "统一大市场", "一体化", "一批项目", "打造一个平台", "两个确立", "四个全面",
    "党的二十届三中全会", "十八大以来", "三农", "两会", "时间：2026-02-09", "1—11月", "2021—2025年", "第十四个五年规划",
    "万人高价值发明专利拥有量", "千家万户", "千方百计", "百姓", "万元GDP能耗", "3月5日",
])
def test_not_quantities(text):
    assert read(text) == []


@pytest.mark.parametrize("text, surface, low, high, unit", [
    ("数十家企业", "数十家", "10", "100", "家"),
    ("几百个", "几百个", "100", "1000", "个"),
    ("带动社会投资数十亿元", "数十亿元", "1000000000", "10000000000", "元"),
    ("每年接待十几万人次", "十几万人次", "110000", "200000", "人次"),
])
def test_vague_magnitudes_are_intervals_closed_low_open_high(text, surface, low, high, unit):
    got_surface, q = only(text)
    assert got_surface == surface
    assert (q.value, q.low, q.high, q.unit, q.qualifier) == (None, D(low), D(high), unit, "vague")
    assert not q.low_open and q.high_open


def test_a_rank_near_the_top_is_a_vague_rank():
    surface, q = only("均居全国前列")
    assert surface == "前列"
    assert (q.dimension, q.qualifier, q.value, q.low, q.high) == ("rank", "vague", None, None, None)
    assert read("前列腺") == [] and read("走在前列") == [("前列", q)]


def test_respectively_values_are_separate():
    found = read("雏鹰、瞪羚、准独角兽企业分别达到5961家、3503家、322家")
    assert [s for s, _ in found] == ["5961家", "3503家", "322家"]


def test_figure_with_both_hedge_and_growth():
    found = read("全年地区生产总值1400.51亿元、同比增长5.4%")
    assert [s for s, _ in found] == ["1400.51亿元", "5.4%"]


@pytest.mark.parametrize("text", [
    "力争为经营主体减负", "胜负已定", "三五成群的游客", "五六十年代建成的厂房", "长三角一体化", "大陆架面积",
    "十四五期间", "十三五期间全市新增", "一二期工程", "一二类水质", "他是个二百五。", "一二线城市", "六七月份是主汛期",
    "https://zh.wikisource.org/wiki/2016%E5%B9%B4%E5%9B%BD%E5%8A%A1%E9%99%A2", "双20条", "推出52度白酒新品",
    "三级医院", "一年半载", "100km/h", "10万+5万", "营业收入同比下降-1.5%", "降幅为-1.5%", "数以万计的群众",
    "成千上万的游客", "十之八九", "每月也就百八十块钱", "参保人数十万人", "1—5月", "从一到十",
    "超过10-15亿元", "10-15亿元以上", "1000多至2000多家",
])
def test_new_forms_leave_these_alone(text):
    assert read(text) == []


@pytest.mark.parametrize("text, surface, value, unit", [
    ("以上3个行业", "3个", "3", "个"),  # 以上 is "the above", no hedge
    ("每户每月节约12度电", "12度", "12", "千瓦时"),  # 节约 holds no 约
    ("录取二本以上790人", "790人", "790", "人"),
    ("统一到三个方面", "三个", "3", "个"),  # 统一 opens no range
    ("第三至五名", None, None, None),  # places three to five: no count of five
    ("2万元-8万人", "8万人", "80000", "人"),  # a dash between two figures is no minus sign
    ("月收入一万二。", "一万二", "12000", None),  # 一万二 is 12000, never 10002
    ("一亿五千万元", "一亿五千万元", "150000000", "元"),
    ("1亿3千多万人", "1亿3千多万人", "130000000", "人"),
])
def test_readings_that_were_wrong_or_missed(text, surface, value, unit):
    found = read(text)
    if surface is None:
        assert found == []
        return
    got = [(s, q) for s, q in found if s == surface]
    assert len(got) == 1, found
    q = got[0][1]
    assert (q.value if q.value is not None else q.low) == D(value) and q.unit == unit


def test_a_range_is_never_read_as_its_upper_end():
    for text in ("三至五亿元", "两千到三千万元", "从6500到2万元不等", "2万-8万元", "约10-15亿元", "六七吨",
                 "百分之五至十"):
        (surface, q), = read(text)
        assert q.qualifier == "range" and q.value is None and q.low < q.high, (text, q)


def test_temperature_and_electricity_are_told_apart_by_their_words():
    (_, warm), = read("午后气温40度")
    (_, power), = read("全社会用电量12亿度")
    (_, slope), = read("25度以上坡耕地")
    assert (warm.unit, power.unit, power.value, slope.unit, slope.dimension) == ("℃", "千瓦时", D(1_200_000_000), "度",
                                                                                "other")
