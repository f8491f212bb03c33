"""Issue 22's outputs: --format concise and the terminal's path:line:col at 80 columns, SARIF snippets and
helpUri, GitHub columns on single-line findings only, CSV for Excel and the full targets row, and the
bilingual rule texts."""

import csv
import io
import json
import re

import jsonschema
import pytest
from clirun import run
from rich.cells import cell_len
from rich.console import Console
from test_formats import _sarif_schema

from factcheck.checks import CHECKS

CONFLICT = ("截至2024年底，无锡累计牵头建设国家重点实验室4家。", "截至2024年底，无锡累计牵头建设国家重点实验室5家。")
BROKEN = "全市规上工业总产值达4.36\n\n万亿元，同比增长5%。\n"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "a.txt").write_text(CONFLICT[0] + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(CONFLICT[1] + "\n全市拥有高新技术企业 13473 家。\n" + BROKEN, encoding="utf-8")
    return tmp_path


def test_concise_is_one_clickable_line_per_finding_relative_to_the_current_folder(project):
    result = run(project, "--format", "concise", cwd=project.parent)
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and lines
    folder = project.name
    assert f"{folder}/b.txt:1:25: FC101 [error] " in lines[0]
    shape = re.compile(rf"{folder}/[ab]\.txt:\d+:\d+: FC\d{{3}} \[(error|warning|info)\] \S.*")
    assert all(shape.fullmatch(line) for line in lines)
    assert any(f"{folder}/b.txt:2:12: FC704 [info]" in line for line in lines)


def test_terminal_report_prints_path_line_col_and_keeps_its_indent_at_80_columns(tmp_path, monkeypatch):
    from factcheck.app.api import check_paths
    from factcheck.formatters import terminal

    monkeypatch.chdir(tmp_path)  # paths are shown relative to the current folder

    long_name = "jiangxi-yichun-wanzai_2022_bulletin"  # the corpus's longest file name
    (tmp_path / f"{long_name}_a.txt").write_text(CONFLICT[0] * 3 + "\n", encoding="utf-8")
    (tmp_path / f"{long_name}_b.txt").write_text(CONFLICT[1] * 3 + "\n" + CONFLICT[0] + "\n", encoding="utf-8")
    report = check_paths(["."])
    assert report.findings and report.corroborated
    for width in (80, 200):
        out = io.StringIO()
        terminal.render_report(report, Console(file=out, width=width, highlight=False, no_color=True))
        text = out.getvalue()
        findings, _, rest = text.partition("相互印证的数字")
        for line in findings.splitlines():
            assert cell_len(line) <= width
            # a finding's head is path:line:col; everything under it (wrapped lines too) stays indented
            assert not line or line.startswith(long_name) or line.startswith("    "), line
        assert re.search(rf"^{long_name}_b\.txt:1:\d+\b", findings, re.M)
        kind = "错误 FC101 conflicting-figures"  # on the path's line, or indented beneath a long path
        assert re.search(rf"^\S+:1:\d+ {kind}|^    {kind}", findings, re.M)
        table = rest.split("factcheck 检查摘要")[0]
        assert all(cell_len(line) <= width for line in table.splitlines())
        for side in ("a", "b"):  # each place whole on its line: a file name is never folded in two
            assert re.search(rf"{long_name}_{side}\.txt:\d+", table), table


def test_sarif_snippet_is_the_region_with_the_line_as_context_and_help_uri(project):
    (project / "factcheck.toml").write_text('docs-url = "https://example.org/factcheck/rules.html"\n', encoding="utf-8")
    result = run(project, "--format", "sarif", cwd=project)
    log = json.loads(result.stdout)
    jsonschema.Draft7Validator(_sarif_schema()).validate(log)
    sarif_run = log["runs"][0]
    results = {r["ruleId"]: r for r in sarif_run["results"]}
    conflict = results["FC101"]["locations"][0]["physicalLocation"]
    assert conflict["region"]["snippet"]["text"] == "5家"
    assert conflict["contextRegion"] == {"startLine": 1, "endLine": 1, "snippet": {"text": CONFLICT[1]}}
    related = results["FC101"]["relatedLocations"][0]["physicalLocation"]
    assert related["region"]["snippet"]["text"] == "4家" and related["contextRegion"]["snippet"]["text"] == CONFLICT[0]
    broken = results["FC703"]["locations"][0]["physicalLocation"]
    assert broken["region"]["snippet"]["text"] == "4.36\n\n万亿元"
    assert broken["contextRegion"] == {"startLine": 3, "endLine": 5, "snippet": {"text": BROKEN.rstrip("\n")}}
    rules = {r["id"]: r for r in sarif_run["tool"]["driver"]["rules"]}
    assert rules["FC101"]["helpUri"] == "https://example.org/factcheck/rules.html#fc101-conflicting-figures"
    full = rules["FC101"]["fullDescription"]["text"]
    assert full.index("同一数字在别处重述") < full.index("A figure restated elsewhere")
    (project / "factcheck.toml").unlink()
    plain = json.loads(run(project, "--format", "sarif", cwd=project).stdout)
    assert all("helpUri" not in r for r in plain["runs"][0]["tool"]["driver"]["rules"])


def test_github_annotations_give_columns_only_on_single_line_findings(project):
    lines = run(project, "--format", "github", cwd=project).stdout.splitlines()
    broken = next(line for line in lines if "FC703" in line)
    assert broken.startswith("::warning file=b.txt,line=3,endLine=5,title=FC703 broken-figure::")
    assert "col=" not in broken and "endColumn=" not in broken
    spacing = next(line for line in lines if "FC704" in line)
    assert "line=2,col=12,endLine=2,endColumn=19," in spacing


def test_claims_csv_for_excel(tmp_path):
    (tmp_path / "a.txt").write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "claims.csv"
    result = run("claims", "a.txt", "--excel", "-o", out, "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:7] == ["编号", "文件", "行", "列", "结束行", "结束列", "原文"]
    broken = next(row for row in rows[1:] if row[6].startswith("4.36"))
    assert broken[6] == "4.36⏎⏎万亿元" and broken[1] == "a.txt"
    assert all("\n" not in cell for row in rows for cell in row)
    absolute = run("claims", tmp_path / "a.txt", "--excel", "--no-cache", cwd=tmp_path)
    assert list(csv.reader(io.StringIO(absolute.stdout.lstrip("\ufeff"))))[1][1] == "a.txt"
    plain = run("claims", "a.txt", "--format", "csv", "--no-cache", cwd=tmp_path).stdout
    assert plain.startswith("id,path,line") and "4.36\n\n万亿元" in plain  # plain CSV unchanged
    assert run("claims", "a.txt", "--excel", "--format", "json", cwd=tmp_path).returncode == 2


def test_targets_csv_keeps_every_field_of_the_json(tmp_path):
    from test_targets import PLAN, REVIEW

    (tmp_path / "hebei_2025.txt").write_text(PLAN + "（一）稳增长。今年地区生产总值增长5%左右。\n", encoding="utf-8")
    (tmp_path / "hebei_2026.txt").write_text(REVIEW.format(gdp="4.9%", income="5.3%"), encoding="utf-8")
    rows = json.loads(run("targets", tmp_path, "--format", "json", "--no-cache").stdout)["rows"]
    table = list(csv.DictReader(io.StringIO(run("targets", tmp_path, "--format", "csv", "--no-cache").stdout)))
    assert len(table) == len(rows) >= 1
    for record, row in zip(rows, table, strict=True):
        flat = {k: v for k, v in record.items() if k not in ("target", "outcome", "also")}
        flat.update({f"target_{k}" if k != "statement" else "target": v for k, v in record["target"].items()})
        for k, v in (record["outcome"] or {}).items():
            flat[f"outcome_{k}" if k != "statement" else "outcome"] = v
        for key, value in flat.items():
            expected = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
            assert row[key] == expected, key
        assert row["also"] == "; ".join(f"{p['path']}:{p['line']}:{p['column']}-{p['end_line']}:{p['end_column']}"
                                        for p in record["also"])
    assert any(r["also"] for r in table)  # the target stated twice: the second statement is `also`
    excel = run("targets", tmp_path, "--excel", "--no-cache", cwd=tmp_path).stdout
    assert excel.startswith("\ufeff地区,区划代码,年份,指标") and "其他出处" in excel.splitlines()[0]


def test_rule_texts_are_bilingual_chinese_first():
    for check in CHECKS:
        assert CJK.search(check.summary) and CJK.search(check.why_zh), check.code
        assert re.search(r"[A-Za-z]{3,} [a-z]+ ", check.summary_en) and not CJK.fullmatch(check.summary_en[:1])
    text = run("--explain", "FC101").stdout
    assert text.index("检查内容") < text.index("What it does")
    assert text.index("为什么要改") < text.index("Why is this bad")
    assert "同一数字在别处重述" in text and "A figure restated elsewhere" in text
    assert "错误示例 (Bad) 1" in text and "正确示例 (Good) 1" in text
