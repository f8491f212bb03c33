"""End to end through the installed console script, as a user runs it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXE = shutil.which("factcheck")


def run(*args, cwd=None):
    command = [EXE] if EXE else [sys.executable, "-m", "factcheck"]
    return subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=300)


@pytest.mark.skipif(EXE is None, reason="factcheck is not installed as a console script")
def test_installed_cli_runs_main_job_on_seeds():
    result = run(str(ROOT / "seeds"))
    assert result.returncode == 0, result.stderr
    assert "factcheck 检查摘要" in result.stdout and "数字声明" in result.stdout


def test_findings_at_fail_level_exit_1_and_fail_on_never_exits_0(tmp_path):
    (tmp_path / "a.txt").write_text("截至2024年底，无锡累计牵头建设国家重点实验室4家。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("截至2024年底，无锡累计牵头建设国家重点实验室5家。", encoding="utf-8")
    failing = run(str(tmp_path))
    assert failing.returncode == 1
    assert "FC101" in failing.stdout and "b.txt" in failing.stdout
    assert run(str(tmp_path), "--fail-on", "never").returncode == 0
    assert run(str(tmp_path), "--ignore", "FC1").returncode == 0
    report = json.loads(run(str(tmp_path), "--format", "json", "--fail-on", "never").stdout)
    assert report["schema"] == "factcheck-report/1" and report["summary"]["by_rule"] == {"FC101": 1}


def test_claims_json_from_another_directory(tmp_path):
    result = run("claims", "--format", "json", str(ROOT / "seeds"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema"] == "factcheck-claims/1"
    texts = {c["text"] for c in document["claims"]}
    assert {"3022家", "9.4万家", "3.38%**左右"} <= texts


def test_claims_csv_and_output_file(tmp_path):
    out = tmp_path / "claims.csv"
    result = run("claims", "--format", "csv", "-o", str(out), str(ROOT / "seeds" / "000_4d17e7c81b8cc963.txt"))
    assert result.returncode == 0, result.stderr
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert header.startswith("id,path,line,column,end_line,end_column,text,value")
    assert any(",3022家,3022," in row for row in rows)


def test_rich_claim_table_renders(tmp_path):
    result = run("claims", str(ROOT / "seeds" / "000_4d17e7c81b8cc963.txt"))
    assert result.returncode == 0
    assert "3022家" in result.stdout and "国家级专精特新小巨人企业" in result.stdout


def test_io_errors_exit_2_and_other_files_still_read(tmp_path):
    (tmp_path / "good.txt").write_text("全省新增高新技术企业1200家。", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff\x00binary")
    result = run("claims", "--format", "json", str(tmp_path), str(tmp_path / "missing.md"))
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert [c["text"] for c in document["claims"]] == ["1200家"]
    assert "bad.txt" in result.stderr and "missing.md" in result.stderr


def test_usage_error_exits_2():
    assert run("--format", "xml", "seeds").returncode == 2
    assert run().returncode == 2


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("factcheck ")
