"""Normalization keeps every digit and a faithful map back to the original text."""

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.app.api import extract_text
from factcheck.extract.numbers.grammar import find_quantities
from factcheck.text.normalize import normalize

DIGITS = regex.compile(r"[0-9０-９]")
FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}

chinese_figure_text = st.lists(
    st.sampled_from(["增至", "超", "4.36", "\n\n", "万亿元", " ", "**", "3.38%", "左右", "年", "2022", "家", "，",
                     "。", "１２", "八分之一", "第二", "近", "\r\n", "全省", "江苏", "无锡市", "个百分点", "“1650”",
                     "＊＊", "９.４万家", "　", "*", "_", "__", "〇点五", "个"]),
    max_size=30,
).map("".join)


@settings(deadline=None)
@given(st.one_of(chinese_figure_text, st.text(max_size=200)))
def test_normalization_keeps_digits_and_map(text):
    norm = normalize(text)
    assert len(norm.origin) == len(norm.text) + 1
    assert [FULLWIDTH.get(d, d) for d in DIGITS.findall(text)] == DIGITS.findall(norm.text)
    for i, ch in enumerate(norm.text):
        original = text[norm.origin[i]]
        assert original == ch or FULLWIDTH.get(original) == ch or original in "％．＋－／"
    assert list(norm.origin) == sorted(set(norm.origin))


def _canonical(surface: str) -> str:
    """A figure's surface as the grammar reads it, computed here on its own: full-width digits and signs made
    ASCII, Markdown emphasis and all white space removed."""
    surface = regex.sub(r"\*\*|__", "", surface)
    surface = "".join(FULLWIDTH.get(ch, ch) for ch in surface)
    surface = surface.translate(str.maketrans("％．＋－／", "%.+-/"))
    return regex.sub(r"\s+", "", surface)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of offset, counted from the text itself (not with LineIndex)."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


@settings(max_examples=150, deadline=None)
@given(st.one_of(chinese_figure_text, st.text(max_size=120)))
@example("增至**9.4万家**，全省")
@example("研发投入强度**3.38%**左右，经济总量达4.36\n\n万亿元。")
@example("超 1\n万亿元，新增１２３４５个，2022 年新增13473 家。")
def test_extraction_never_raises_and_locations_slice_back(text):
    """Every claim's location, sliced from the original text, is the figure the grammar read in the normalized
    text (up to the normalization itself), starts and ends on the figure (not on white space or emphasis
    around it), and its line and column are those of that slice."""
    doc = extract_text(text)
    norm = normalize(text)
    mentions = find_quantities(norm.text)
    assert len(doc.claims) == len(mentions)
    for claim, mention in zip(doc.claims, mentions, strict=False):
        loc = claim.location
        original = text[loc.start:loc.end]
        read = norm.text[mention.start:mention.end]
        assert _canonical(original) == _canonical(read), (original, read)
        assert original == claim.text
        assert original and original[0] not in " \t\r\n\u3000*_" and original[-1] not in " \t\r\n\u3000*_", original
        assert _line_column(text, loc.start) == (loc.line, loc.column)
        assert _line_column(text, loc.end) == (loc.end_line, loc.end_column)


def test_broken_and_emphasised_figures_point_at_the_original():
    text = "经济总量达4.36\n\n万亿元，增至**9.4万家**，研发投入强度**3.38%**左右，2022 年新增13473 家。"
    doc = extract_text(text)
    surfaces = [c.text for c in doc.claims]
    assert "4.36\n\n万亿元" in surfaces
    assert "9.4万家" in surfaces
    assert "3.38%**左右" in surfaces
    assert "13473 家" in surfaces
    broken = next(c for c in doc.claims if c.text.startswith("4.36"))
    assert (broken.location.line, broken.location.column, broken.location.end_line) == (1, 6, 3)
    assert broken.quantity.value == 4_360_000_000_000
