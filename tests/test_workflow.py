"""Issue 22's workflow papercuts: unknown check codes are errors everywhere a code is written, unused
suppressions are reported, --min-severity says what it hid, exclude patterns follow gitignore, a folder's
README/SOURCES are not articles, and a new baseline gets an ordinary file mode."""

import json
import os
import stat

import pytest
from clirun import run

REPEAT = "无锡紧扣企业不同阶段、不同阶段的成长规律。"
SPACING = "全市拥有高新技术企业 13473 家。"


@pytest.fixture()
def doc(tmp_path):
    (tmp_path / ".git").mkdir()  # lookups of .factcheckignore stop here
    path = tmp_path / "a.txt"
    path.write_text(REPEAT + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("args", "named", "nearest"), [
    (("--select", "FC9"), "FC9", "FC8"),
    (("--ignore", "FC704X"), "FC704X", "FC704"),
    (("--select", "FC1,repeated-phrse"), "repeated-phrse", "repeated-phrase"),
])
def test_unknown_codes_in_flags_exit_2_and_suggest_the_nearest(doc, args, named, nearest):
    result = run(doc, *args)
    assert result.returncode == 2, result.stdout
    assert named in result.stderr and f"did you mean {nearest}?" in result.stderr


def test_unknown_codes_in_config_ignore_files_and_comments(doc, tmp_path):
    config = tmp_path / "factcheck.toml"
    config.write_text('select = ["FC9"]\n', encoding="utf-8")
    result = run(doc)
    assert result.returncode == 2 and "select" in result.stderr and "FC9" in result.stderr
    config.write_text('ignore = ["FC2O1"]\n', encoding="utf-8")
    result = run(doc)
    assert result.returncode == 2 and "did you mean FC201?" in result.stderr
    config.unlink()

    (tmp_path / ".factcheckignore").write_text("a.txt  FC704X\n", encoding="utf-8")
    result = run(doc)
    assert result.returncode == 2 and ".factcheckignore:1" in result.stderr and "did you mean FC704?" in result.stderr
    (tmp_path / ".factcheckignore").unlink()

    markdown = tmp_path / "b.md"
    markdown.write_text(f"# 标题\n\n<!-- factcheck-disable-next-line FC2O1 -->\n{REPEAT}\n", encoding="utf-8")
    result = run(markdown, "--format", "json")
    assert result.returncode == 2
    errors = json.loads(result.stdout)["errors"]
    assert len(errors) == 1 and errors[0]["path"].endswith("b.md") and "第 3 行" in errors[0]["message"]
    assert "FC2O1" in errors[0]["message"] and "FC201" in errors[0]["message"]
    assert json.loads(result.stdout)["findings"]  # the file was still checked
    # codes that exist, prefixes and names pass
    markdown.write_text(f"<!-- factcheck-disable-next-line FC7, doubled-text -->\n{REPEAT}\n", encoding="utf-8")
    assert run(markdown, "--select", "FC", "--ignore", "FC70").returncode == 0


def test_report_unused_suppressions_lists_comments_and_ignore_lines(tmp_path):
    (tmp_path / ".git").mkdir()
    markdown = tmp_path / "a.md"
    markdown.write_text("\n".join([
        "<!-- factcheck-disable-next-line FC701 -->", REPEAT,           # used
        "<!-- factcheck-disable-next-line FC704 -->", REPEAT,           # names a check that ran, silenced nothing
        "<!-- factcheck-disable-next-line FC101 -->", REPEAT]) + "\n",  # FC101 not selected: cannot be judged
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(SPACING + "\n", encoding="utf-8")
    (tmp_path / ".factcheckignore").write_text("b.txt FC704\nb.txt FC701\n", encoding="utf-8")
    plain = run(tmp_path, "--select", "FC7", "--format", "json")
    assert plain.returncode == 0 and "unused_suppressions" not in json.loads(plain.stdout)
    result = run(tmp_path, "--select", "FC7", "--format", "json", "--report-unused-suppressions", "--fail-on", "never")
    assert result.returncode == 0
    unused = json.loads(result.stdout)["unused_suppressions"]
    assert [(u["path"].rsplit("/", 1)[-1], u["line"]) for u in unused] == [("a.md", 3), (".factcheckignore", 2)]
    assert unused[0]["text"] == "<!-- factcheck-disable-next-line FC704 -->" and unused[1]["text"] == "b.txt FC701"
    concise = run(tmp_path, "--select", "FC7", "--format", "concise", "--report-unused-suppressions", cwd=tmp_path)
    assert concise.returncode == 1  # unused suppressions fail the run, as ruff's RUF100 does
    assert "a.md:3:1: unused-suppression [warning]" in concise.stdout
    assert ".factcheckignore:2:1: unused-suppression" in concise.stdout
    (tmp_path / "factcheck.toml").write_text("report-unused-suppressions = true\n", encoding="utf-8")
    rich = run(tmp_path, "--select", "FC7", cwd=tmp_path)
    assert rich.returncode == 1 and "未起作用的抑制" in rich.stdout and "a.md:3:1" in rich.stdout
    (tmp_path / "factcheck.toml").write_text('report-unused-suppressions = "yes"\n', encoding="utf-8")
    assert run(tmp_path, cwd=tmp_path).returncode == 2


def test_min_severity_and_fail_on_agree(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SPACING + "\n", encoding="utf-8")  # one info finding
    result = run(path, "--min-severity", "warning", "--fail-on", "info", "--format", "json")
    summary = json.loads(result.stdout)["summary"]
    assert result.returncode == 1 and summary["findings"] == 0 and summary["hidden"] == 1
    assert "hidden" not in json.loads(run(path, "--format", "json").stdout)["summary"]
    rich = run(path, "--min-severity", "warning", "--fail-on", "info")
    assert rich.returncode == 1 and "低于 --min-severity，未显示" in rich.stdout
    assert run(path, "--min-severity", "warning").returncode == 0


@pytest.mark.parametrize("pattern", ["drafts/", "drafts", "/drafts", "drafts/*", "drafts/**"])
def test_exclude_follows_gitignore(tmp_path, pattern):
    for name in ("a.txt", "drafts/b.txt", "drafts/sub/c.txt", "draftsman/d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(REPEAT + "\n", encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text(f'exclude = ["{pattern}"]\n', encoding="utf-8")
    result = run(tmp_path, "--format", "json", cwd=tmp_path)
    paths = sorted(os.path.relpath(d["path"], tmp_path) for d in json.loads(result.stdout)["documents"])
    assert paths == ["a.txt", os.path.join("draftsman", "d.txt")]


def test_factcheckignore_patterns_follow_gitignore(tmp_path):
    (tmp_path / ".git").mkdir()
    for name in ("news/a.txt", "drafts/sub/b.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(REPEAT + "\n", encoding="utf-8")
    (tmp_path / ".factcheckignore").write_text("drafts/ FC701\n", encoding="utf-8")
    findings = json.loads(run(tmp_path, "--format", "json", "--select", "FC7").stdout)["findings"]
    assert [f["location"]["path"].rsplit("/", 1)[-1] for f in findings] == ["a.txt"]


def test_meta_files_are_skipped_in_folders_and_read_when_named(tmp_path):
    for name in ("README.md", "SOURCES.md", "LICENSE.txt", "CHANGELOG.md", "CONTRIBUTING.md", "sub/readme.txt",
                 "article.txt", "sub/sources_of_growth.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(REPEAT + "\n", encoding="utf-8")
    documents = json.loads(run(tmp_path, "--format", "json").stdout)["documents"]
    assert sorted(os.path.relpath(d["path"], tmp_path) for d in documents) == \
        ["article.txt", os.path.join("sub", "sources_of_growth.txt")]
    named = json.loads(run(tmp_path / "README.md", "--format", "json").stdout)["documents"]
    assert [d["path"].rsplit("/", 1)[-1] for d in named] == ["README.md"]


def test_a_new_baseline_has_the_umask_mode(doc, tmp_path):
    previous = os.umask(0o022)
    try:
        assert run(doc, "--write-baseline", cwd=tmp_path).returncode == 0
    finally:
        os.umask(previous)
    mode = stat.S_IMODE((tmp_path / ".factcheck-baseline.json").stat().st_mode)
    assert mode == 0o644, oct(mode)
