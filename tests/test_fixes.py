"""--fix and --diff: only safe mechanical edits, written atomically in the file's own encoding."""

import json
import shutil
import unicodedata

import regex
from clirun import ROOT, run
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.app.lint import RunOptions, fix
from factcheck.text.documents import decode

FRAGMENTS = ["全市", "规上工业总产值达", "高新技术企业", "，", "。", "、", "增长", "无锡高新区", "澎湃科创动能", "：",
             "4.36", "13473", "2022", "5", "２０２４", "３．５", "％", "%", "万亿元", "万", "家", "个", "年", "月",
             " ", "  ", "\n", "\n\n", "\r\n", "\u3000", "**", "超过", "第", "一", "〔2018〕59号", "“1650”"]


def _doubled(draw_text: str) -> str:
    return draw_text + draw_text


texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(["无锡高新区", "奔向产业高质量"]).map(_doubled)),
                 max_size=40).map("".join)


def fixed_text(text: str, passes: int = 4) -> str:
    source = decode("t.md", text.encode("utf-8"))
    fixes, _ = fix(RunOptions(focus=(), stdin=source), write=False, passes=passes)
    return fixes[0].after if fixes else text


def _visible(text: str) -> str:
    return regex.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _only_doubles_removed(before: str, after: str) -> bool:
    """after is before with some runs deleted, each an exact copy of the run just before it in before."""
    reachable = {0}  # positions i in before such that before[:i] can become after[:j], for the current j
    for j in range(len(after) + 1):
        frontier = sorted(reachable)
        seen = set(frontier)
        while frontier:  # close over deletions of a copy of the run just before i
            i = frontier.pop()
            for n in range(1, min(i, len(before) - i, 41) + 1):
                if before[i:i + n] == before[i - n:i] and i + n not in seen:
                    seen.add(i + n)
                    frontier.append(i + n)
        if j == len(after):
            return len(before) in seen
        reachable = {i + 1 for i in seen if i < len(before) and before[i] == after[j]}
        if not reachable:
            return False
    return False


@settings(max_examples=150, deadline=None)
@given(texts)
def test_a_fix_changes_no_digit_and_no_visible_character_but_a_doubled_run(text):
    # Pass by pass (a later pass may see a doubling an earlier one made whole: 4 copies become 2, then 1).
    current = text
    for _ in range(8):
        after = fixed_text(current, passes=1)
        before_visible, after_visible = _visible(current), _visible(after)
        assert regex.sub(r"\D", "", before_visible) == regex.sub(r"\D", "", after_visible)
        assert _only_doubles_removed(before_visible, after_visible), (before_visible, after_visible)
        if after == current:
            break
        current = after
    assert fixed_text(text) == fixed_text(fixed_text(text))  # a fixed text has nothing left to fix


def test_fix_keeps_encoding_bom_and_line_endings(tmp_path):
    gb = tmp_path / "gb.txt"
    gb.write_bytes("全市拥有高新技术企业 13473 家。\r\n规上工业总产值达 4.36\r\n\r\n万亿元。\r\n".encode("gb18030"))
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeff# 标题\n\n全年增长５．２％，无锡高新区无锡高新区：：\n".encode("utf-8"))
    result = run(tmp_path, "--fix", "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    gb_text = gb.read_bytes().decode("gb18030")
    assert gb_text == "全市拥有高新技术企业 13473家。\r\n规上工业总产值达 4.36万亿元。\r\n"
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    assert bom.read_bytes().decode("utf-8-sig") == "# 标题\n\n全年增长5.2%，无锡高新区：\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bom.md", "gb.txt"]  # no temporary file left


def test_diff_shows_the_fix_and_writes_nothing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("全市拥有高新技术企业 13473 家。\n", encoding="utf-8")
    result = run(path, "--diff")
    assert result.returncode == 1
    assert "-全市拥有高新技术企业 13473 家。" in result.stdout and "+全市拥有高新技术企业 13473家。" in result.stdout
    assert path.read_text(encoding="utf-8") == "全市拥有高新技术企业 13473 家。\n"
    assert run(path, "--diff", "--ignore", "FC704").returncode == 0


def test_stdin_fix_prints_the_fixed_text():
    result = run("--stdin", "--stdin-filename", "a.md", "--fix", stdin="增长５．２％，达 13473 家。\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "增长5.2%，达 13473家。\n"


def _claims(folder):
    document = json.loads(run("claims", "--format", "json", folder).stdout)
    by_file = {}
    for c in document["claims"]:
        by_file.setdefault(c["path"].rsplit("/", 1)[-1], []).append(
            (c["value"], c["low"], c["high"], c["unit"], c["dimension"], c["metric"], c["region"], c["period"],
             c["role"]))
    return by_file


def test_fix_on_a_copy_of_the_seeds_removes_the_fixable_defects_and_keeps_every_claim(tmp_path):
    copy = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", copy)
    before = json.loads(run(copy, "--format", "json", "--select", "FC7").stdout)
    fixable = {"FC702", "FC703", "FC704", "FC705"}
    assert {f["rule"] for f in before["findings"]} >= {"FC702", "FC703", "FC704"}
    result = run(copy, "--fix", "--select", "FC7", "--format", "json")
    after = json.loads(result.stdout)
    assert not [f for f in after["findings"] if f["rule"] in fixable]
    assert {f["rule"] for f in after["findings"]} == {f["rule"] for f in before["findings"]} - fixable
    assert "已修复" in result.stderr
    assert _claims(copy) == _claims(ROOT / "seeds")
    for name in ("001_ec323503e56e8838.txt", "004_2866834a70edf2cd.txt"):
        assert (copy / name).read_bytes() == (ROOT / "seeds" / name).read_bytes()  # nothing to fix: untouched
    # seed 000 has one figure a PDF break cut off from its hedge (项目200个⏎⏎以上,): joined, nothing else
    name = "000_4d17e7c81b8cc963.txt"
    original = (ROOT / "seeds" / name).read_text(encoding="utf-8")
    assert original.count("200个\n\n以上,") == 1
    assert (copy / name).read_text(encoding="utf-8") == original.replace("200个\n\n以上,", "200个以上,")
