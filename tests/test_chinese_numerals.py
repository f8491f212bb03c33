from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.numbers.grammar import find_quantities
from factcheck.extract.numbers.numerals import parse_chinese, render_chinese
from factcheck.text.normalize import normalize


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_chinese_rendering_round_trips(n):
    value, _ = parse_chinese(render_chinese(n))
    assert value == n


@settings(deadline=None)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=2, allow_nan=False))
def test_arabic_figure_round_trips(d):
    text = f"达到{d}亿元。"
    found = find_quantities(normalize(text).text)
    assert len(found) == 1
    assert found[0].quantity.value == d * 100_000_000


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_figure_with_counter_round_trips(n):
    rendered = render_chinese(n)
    if rendered == "一":
        return  # a lone 一 with a counter states no figure, by design
    found = find_quantities(normalize(f"新增{rendered}家。").text)
    assert [m.quantity.value for m in found] == [n]


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_integer_with_thousands_separators(n):
    text = f"共{n:,}人。"
    found = find_quantities(normalize(text).text)
    assert [m.quantity.value for m in found] == [n]


def test_place_of_last_digit():
    assert parse_chinese("三百万") == (Decimal(3_000_000), Decimal(1_000_000))
    assert parse_chinese("一百二") == (Decimal(120), Decimal(10))
    assert parse_chinese("一百零二") == (Decimal(102), Decimal(1))
    assert parse_chinese("十四五") is None
