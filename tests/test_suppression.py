"""Inline disable comments in Markdown, .factcheckignore for plain text, and baselines that survive edits."""

import json

from clirun import run

from factcheck.app.suppression import inline_directives, path_spec

REPEAT = "无锡紧扣企业不同阶段、不同阶段的成长规律。"


def _findings(result):
    return [(f["rule"], f["location"]["line"]) for f in json.loads(result.stdout)["findings"]]


def test_markdown_disable_enable_and_next_line(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("\n".join([
        "# 标题", REPEAT,
        "<!-- factcheck-disable-next-line FC701 -- 引文原样保留 -->", "", REPEAT,
        "<!-- factcheck-disable repeated-phrase -->", REPEAT, REPEAT, "<!-- factcheck-enable -->",
        REPEAT,
        "<!-- factcheck-disable-next-line FC702 -->", REPEAT,
        "<!-- factcheck-disable -->", REPEAT]) + "\n", encoding="utf-8")
    result = run(doc, "--format", "json", "--select", "FC7")
    assert _findings(result) == [("FC701", 2), ("FC701", 10), ("FC701", 12)]
    assert json.loads(result.stdout)["summary"]["suppressed"] == 4


def test_directives_parse_codes_reasons_and_open_blocks():
    text = "<!-- factcheck-disable FC101, FC2 -->\na\n<!-- factcheck-enable FC2 -->\nb\n<!-- factcheck-enable -->\n"
    blocks = inline_directives(text)
    assert [(b.first_line, b.last_line, b.patterns) for b in blocks] == [(1, 3, ("FC2",)), (1, 5, ("FC101",))]


def test_factcheckignore_by_glob_code_and_fragment(tmp_path):
    sub = tmp_path / "news"
    sub.mkdir()
    (sub / "a.txt").write_text(REPEAT + "\n" + REPEAT.replace("不同阶段", "不同类型") + "\n", encoding="utf-8")
    (sub / "b.txt").write_text(REPEAT + "\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the repository root: lookups stop here
    assert len(_findings(run(tmp_path, "--format", "json", "--select", "FC7"))) == 3
    (tmp_path / ".factcheckignore").write_text("# path  codes  fragment\nnews/a.txt  FC701  不同类型\n",
                                               encoding="utf-8")
    assert len(_findings(run(tmp_path, "--format", "json", "--select", "FC7"))) == 2
    (sub / ".factcheckignore").write_text("b.txt repeated-phrase\n", encoding="utf-8")
    assert _findings(run(tmp_path, "--format", "json", "--select", "FC7")) == [("FC701", 1)]
    (tmp_path / ".factcheckignore").write_text("justaglob\n", encoding="utf-8")
    broken = run(tmp_path)
    assert broken.returncode == 2 and ".factcheckignore:1" in broken.stderr


def test_patterns_follow_gitignore():
    assert path_spec(["*.txt"]).match_file("a/b/c.txt") and not path_spec(["a/*.txt"]).match_file("a/b/c.txt")
    assert path_spec(["a/**/*.txt"]).match_file("a/b/c.txt") and path_spec(["a/**/*.txt"]).match_file("a/c.txt")
    for folder in ("drafts/", "drafts", "/drafts", "drafts/*", "drafts/**"):
        spec = path_spec([folder])
        assert spec.match_file("drafts/a.md") and spec.match_file("drafts/sub/b.md"), folder
        assert not spec.match_file("draftsman/a.md") and not spec.match_file("a.md"), folder
    assert path_spec(["drafts"]).match_file("news/drafts/a.md")
    assert not path_spec(["/drafts"]).match_file("news/drafts/a.md")
    assert not path_spec(["drafts/", "!drafts/keep.md"]).match_file("drafts/keep.md")


def test_baseline_reports_only_new_findings_and_ignores_line_shifts(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(REPEAT + "\n", encoding="utf-8")
    written = run(doc, "--write-baseline", cwd=tmp_path)
    assert written.returncode == 0 and (tmp_path / ".factcheck-baseline.json").is_file()
    doc.write_text("新增的一段。\n\n" + REPEAT + "\n" + REPEAT.replace("不同阶段", "科技企业") + "\n", encoding="utf-8")
    result = run(doc, "--baseline", "--format", "json", "--select", "FC7", cwd=tmp_path)
    assert _findings(result) == [("FC701", 4)]
    assert json.loads(result.stdout)["summary"]["baselined"] == 1
    (tmp_path / ".factcheck-baseline.json").write_text("{not json", encoding="utf-8")
    assert run(doc, "--baseline", cwd=tmp_path).returncode == 2
