"""The registry kept from the command line and used by runs: confirm → facts → check on the seeds (the worked
example of docs/newsroom-rules.md), bad declarations exit 2 with file and line, the JSON report's confirmed flags,
and the claims cache and focus runs under changing declarations."""

import json
import shutil
from pathlib import Path

import pytest
from planting import plant

from factcheck.app.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = "001_ec323503e56e8838.txt"
DRAFT = "截至2024年底，无锡累计牵头建设国家重点实验室5家，位居全省第二。\n"


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """A newsroom's folder: the seeds, a newsroom/ folder for its declarations, the current directory."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "newsroom").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys, *args) -> tuple[int, dict]:
    code, out, _ = run(capsys, *args, "--format", "json")
    return code, json.loads(out)


def confirm_labs(capsys, *extra):
    return run(capsys, "confirm", f"seeds/{SEED}:66", "--facts", "newsroom/facts.csv", "--source", "无锡市科技局",
               "--date", "2025-01-20", "--yes", *extra)


def test_confirm_then_facts_then_check_round_trip(desk, capsys):
    code, out, _ = confirm_labs(capsys)
    assert code == 0 and "4家" in out and "无锡市 · 全国重点实验室 · 2024" in out
    registry = (desk / "newsroom" / "facts.csv").read_text(encoding="utf-8")
    assert registry == ("region,metric,period,value,source,date,note\n"
                        "无锡市,全国重点实验室,2024,4家,无锡市科技局,2025-01-20,\n")
    code, out, _ = run(capsys, "facts", "--facts", "newsroom/facts.csv")
    assert code == 0 and "newsroom/facts.csv:2  无锡市  全国重点实验室  2024  4家" in out
    assert run(capsys, "facts", "--facts", "newsroom/facts.csv", "--check")[0] == 0
    (desk / "draft.txt").write_text(DRAFT, encoding="utf-8")
    code, found = report(capsys, "draft.txt", "seeds", "--facts", "newsroom/facts.csv", "--no-cache", "--jobs", "1")
    assert code == 1
    [finding] = [f for f in found["findings"] if f["rule"] == "FC801"]
    assert (finding["location"]["path"], finding["location"]["line"], finding["severity"]) == ("draft.txt", 1, "error")
    assert "5家" in finding["message"] and "4家" in finding["message"] and "无锡市科技局" in finding["message"]
    confirmed = [(c["path"], c["line"]) for c in found["claims"] if c["confirmed"]]
    assert (f"seeds/{SEED}", 11) in confirmed and (f"seeds/{SEED}", 66) in confirmed
    assert found["summary"]["confirmed_claims"] == len(confirmed)
    # confirming it again adds nothing; the draft's contradicting figure is refused
    assert confirm_labs(capsys)[0] == 0 and "already registered" in capsys.readouterr().out + confirm_labs(capsys)[1]
    code, _, err = run(capsys, "confirm", "draft.txt:1", "--facts", "newsroom/facts.csv", "--yes")
    assert code == 1 and "contradicts the registered figure" in err
    assert (desk / "newsroom" / "facts.csv").read_text(encoding="utf-8") == registry


def test_planted_edit_of_a_confirmed_figure_in_a_seed_copy_is_caught_at_its_line(desk, capsys):
    confirm_labs(capsys)
    plant(desk / "seeds" / SEED, "国家重点实验室4家", "国家重点实验室5家", 11)
    code, found = report(capsys, "seeds", "--facts", "newsroom/facts.csv", "--no-cache", "--select", "FC8")
    assert code == 1
    assert [(f["location"]["line"], f["location"]["column"]) for f in found["findings"]] == [(11, 63)]


def test_confirm_picks_the_claim_by_column_or_id_and_appends_to_toml(desk, capsys):
    code, _, err = run(capsys, "confirm", f"seeds/{SEED}:11", "--facts", "newsroom/facts.toml", "--yes")
    assert code == 2 and "add :COL or --id" in err and "63 4家" in err
    assert run(capsys, "confirm", f"seeds/{SEED}:11:63", "--facts", "newsroom/facts.toml", "--yes")[0] == 0
    assert run(capsys, "confirm", f"seeds/{SEED}", "--id", "d3a78b1d:4", "--facts", "newsroom/facts.toml",
               "--yes")[0] == 0
    text = (desk / "newsroom" / "facts.toml").read_text(encoding="utf-8")
    assert text.count("[[fact]]") == 2 and 'value = "78家"' in text and f'source = "seeds/{SEED}:11"' in text
    code, out, _ = run(capsys, "facts", "--facts", "newsroom/facts.toml", "--format", "json")
    listed = json.loads(out)
    assert code == 0 and [f["metric"] for f in listed["facts"]] == ["全国重点实验室", "市重点实验室"]
    import jsonschema

    jsonschema.validate(listed, json.loads((ROOT / "docs" / "schema" / "factcheck-facts-1.json").read_text("utf-8")))
    assert run(capsys, "confirm", f"seeds/{SEED}:11:63", "--yes")[0] == 2  # no registry named anywhere
    assert run(capsys, "confirm", f"seeds/{SEED}:1", "--facts", "newsroom/facts.csv", "--yes")[0] == 2
    code, out, _ = run(capsys, "confirm", f"seeds/{SEED}:11:85", "--facts", "newsroom/facts.csv", "--dry-run")
    assert code == 0 and "5家" in out and not (desk / "newsroom" / "facts.csv").exists()


def test_bad_registry_or_rule_file_exits_2_naming_file_and_line(desk, capsys):
    (desk / "newsroom" / "facts.csv").write_text("region,metric,period,value,source\n无锡市,国家重点实验室,2024,4家,x\n"
                                                 "无锡市,国家重点实验室,2024年底,4家,x\n", encoding="utf-8")
    (desk / "newsroom" / "rules.toml").write_text('[[rule]]\nid = "a"\ntype = "bounds"\nmetric = "城镇调查失业率"\n'
                                                  'min = "很低"\n', encoding="utf-8")
    code, out, err = run(capsys, "seeds", "--facts", "newsroom/facts.csv", "--rule-file", "newsroom/rules.toml")
    assert code == 2 and "newsroom/facts.csv:3" in err and "newsroom/rules.toml:5" in err and not out.strip()
    code, found = report(capsys, "seeds", "--facts", "newsroom/facts.csv")
    assert code == 2 and "newsroom/facts.csv:3" in found["errors"][0]["message"] and not found["findings"]
    code, _, err = run(capsys, "facts", "--facts", "newsroom/facts.csv", "--rule-file", "newsroom/rules.toml",
                       "--check")
    assert code == 2 and "newsroom/facts.csv:3" in err and "newsroom/rules.toml:5" in err
    (desk / "factcheck.toml").write_text('rule-files = ["newsroom/missing.toml"]\n', encoding="utf-8")
    code, _, err = run(capsys, "seeds")
    assert code == 2 and "rule-files" in err and "missing.toml" in err


def test_declarations_named_in_the_config_and_their_warnings(desk, capsys):
    (desk / "newsroom" / "facts.csv").write_text("region,metric,period,value,source\n"
                                                 "无锡市,国家重点实验室,2024,3家,无锡市科技局\n"
                                                 "无锡市,雏鹰企业,2024,5961家,无锡市科技局\n", encoding="utf-8")
    (desk / "factcheck.toml").write_text('facts = ["newsroom/facts.csv"]\n', encoding="utf-8")
    code, found = report(capsys, "seeds", "--no-cache", "--select", "FC8")
    assert code == 1 and {(f["location"]["line"]) for f in found["findings"]} == {11, 66}
    assert any(e["level"] == "warning" and "雏鹰企业" in e["message"] for e in found["errors"])
    assert run(capsys, "facts")[0] == 0


def test_reports_carry_confirmed_flags_only_with_a_registry(desk, capsys):
    import jsonschema

    schema = json.loads((ROOT / "docs" / "schema" / "factcheck-report-1.json").read_text(encoding="utf-8"))
    _, plain = report(capsys, "seeds", "--no-cache")
    assert "confirmed_claims" not in plain["summary"] and all("confirmed" not in c for c in plain["claims"])
    confirm_labs(capsys)
    _, declared = report(capsys, "seeds", "--no-cache", "--facts", "newsroom/facts.csv")
    jsonschema.validate(declared, schema)
    assert declared["summary"]["confirmed_claims"] == sum(c["confirmed"] for c in declared["claims"]) == 2
    assert [{k: v for k, v in c.items() if k != "confirmed"} for c in declared["claims"]] == plain["claims"]
    code, out, _ = run(capsys, "seeds", "--no-cache", "--facts", "newsroom/facts.csv")
    assert "与登记的核实数字一致" in out


def test_a_changed_registry_or_rule_file_invalidates_what_the_cache_holds(desk, capsys):
    facts = desk / "newsroom" / "facts.csv"
    rules = desk / "newsroom" / "rules.toml"
    facts.write_text("region,metric,period,value,source\n无锡市,国家重点实验室,2024,4家,科技局\n", encoding="utf-8")
    rules.write_text('[[rule]]\nid = "labs"\ntype = "bounds"\nmetric = "高新技术企业"\n'
                     'region = "无锡"\nmax = "8000家"\n', encoding="utf-8")
    args = ("seeds", "--facts", facts, "--rule-file", rules, "--cache-dir", desk / "cache", "--jobs", "2")
    cold = report(capsys, *args)
    assert report(capsys, *args) == cold  # warm: the stored run, the same report
    assert not [f for f in cold[1]["findings"] if f["rule"].startswith("FC8")]
    facts.write_text("region,metric,period,value,source\n无锡市,国家重点实验室,2024,3家,科技局\n", encoding="utf-8")
    _, changed = report(capsys, *args)
    assert [f["location"]["line"] for f in changed["findings"] if f["rule"] == "FC801"] == [11, 66]
    assert changed["summary"]["confirmed_claims"] == 0
    rules.write_text('[[rule]]\nid = "labs"\ntype = "bounds"\nmetric = "高新技术企业"\n'
                     'region = "无锡"\nmax = "7000家"\n', encoding="utf-8")
    _, bounded = report(capsys, *args)
    assert {f["location"]["line"] for f in bounded["findings"] if f["rule"] == "FC802"} >= {21}
    assert report(capsys, *args) == (1, bounded)


def test_focus_runs_take_the_declarations_into_account(desk, capsys):
    """A draft checked against the seeds as a reference corpus reports what a full run reports at the draft: a
    registered figure it contradicts, and a declared order it breaks with a figure of the reference corpus."""
    (desk / "newsroom" / "facts.csv").write_text("region,metric,period,value,source\n"
                                                 "无锡市,国家重点实验室,2024,4家,科技局\n", encoding="utf-8")
    (desk / "newsroom" / "rules.toml").write_text(
        '[[rule]]\nid = "high-tech-above-gazelles"\ntype = "order"\ndescending = ["高新技术企业", "瞪羚企业"]\n',
        encoding="utf-8")
    (desk / "draft.txt").write_text(DRAFT + "截至2024年底，无锡瞪羚企业达8503家。\n", encoding="utf-8")
    declared = ("--facts", "newsroom/facts.csv", "--rule-file", "newsroom/rules.toml", "--cache-dir", desk / "cache")
    _, full = report(capsys, "draft.txt", "seeds", *declared, "--select", "FC8")
    _, focus = report(capsys, "--reference", "seeds", "draft.txt", *declared, "--select", "FC8")
    touching = [(f["rule"], f["message"]) for f in full["findings"]
                if "draft.txt" in (f["location"]["path"], *(p["path"] for p in f["related"]))]
    assert [(f["rule"], f["message"]) for f in focus["findings"]] == touching
    assert [(f["rule"], f["location"]["path"], f["location"]["line"]) for f in focus["findings"]] == [
        ("FC801", "draft.txt", 1), ("FC805", "draft.txt", 2)]  # a finding between the two sides moves to the draft
    assert [c["confirmed"] for c in focus["claims"]] == [False, False, False]
