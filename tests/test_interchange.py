"""Claims as an interchange format: JSONL out, claims read back, the same findings."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema

from factcheck.app.api import check_claims, extract_paths, read_claims, stream_claims
from factcheck.formatters.jsonfmt import render_report
from factcheck.report.build import build_report

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schema" / "factcheck-claims-jsonl-1.json").read_text(encoding="utf-8"))
EXE = shutil.which("factcheck")


def run(*args, cwd=None, stdin=None):
    command = [EXE] if EXE else [sys.executable, "-m", "factcheck"]
    return subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
                          timeout=300, input=stdin)


def test_jsonl_read_back_gives_the_findings_of_a_direct_run(corpus_slice, slice_extraction, tmp_path):
    from factcheck.model.claims import Extraction

    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    paths = [str(corpus_slice), str(tmp_path / "bad.txt")]
    out = io.StringIO()
    errors = stream_claims(paths, out, jobs=2, batch=4)  # several batches, as on an archive shard
    assert [e.path for e in errors] == [str(tmp_path / "bad.txt")]
    claims_file = tmp_path / "claims.jsonl"
    claims_file.write_text(out.getvalue(), encoding="utf-8")
    direct = Extraction(slice_extraction.documents, extract_paths([str(tmp_path / "bad.txt")]).errors)
    back = read_claims([str(claims_file)])
    assert back == direct
    assert render_report(check_claims([str(claims_file)])) == render_report(build_report(direct))


def test_every_record_validates_against_the_schema(corpus_slice):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    out = io.StringIO()
    stream_claims([str(corpus_slice / "seeds"), str(corpus_slice / "missing.txt")], out)
    lines = out.getvalue().splitlines()
    kinds = []
    for line in lines:
        record = json.loads(line)
        jsonschema.validate(record, SCHEMA)
        kinds.append(record["type"])
    assert kinds[0] == "header" and kinds[-1] == "error"
    assert kinds.count("document") == 5 and kinds.count("claim") > 200
    # each document record is followed by exactly its claims
    records = [json.loads(line) for line in lines]
    for i, record in enumerate(records):
        if record["type"] == "document":
            following = records[i + 1:i + 1 + record["claims"]]
            assert all(r["type"] == "claim" and r["path"] == record["path"] for r in following)


def test_a_broken_line_is_an_error_naming_the_line(tmp_path):
    good = io.StringIO()
    stream_claims([str(ROOT / "seeds" / "000_4d17e7c81b8cc963.txt")], good)
    lines = good.getvalue().splitlines()
    lines.insert(3, '{"type": "claim", "id": "x"}')
    lines.insert(4, "not json")
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    extraction = read_claims([str(broken)])
    assert [e.level for e in extraction.errors] == ["error", "error"]
    assert "line 4" in extraction.errors[0].message and "line 5" in extraction.errors[1].message
    assert len(extraction.documents) == 1 and len(extraction.documents[0].claims) > 10


def test_claims_from_another_environment_warn(tmp_path):
    out = io.StringIO()
    stream_claims([str(ROOT / "seeds" / "000_4d17e7c81b8cc963.txt")], out)
    header, *rest = out.getvalue().splitlines()
    record = json.loads(header)
    record["environment"] = "0" * 32
    old = tmp_path / "old.jsonl"
    old.write_text("\n".join([json.dumps(record), *rest]) + "\n", encoding="utf-8")
    extraction = read_claims([str(old)])
    assert [e.level for e in extraction.errors] == ["warning"] and len(extraction.documents) == 1


def test_cli_claims_jsonl_then_check_claims(tmp_path):
    seeds = shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    produced = run("claims", "--format", "jsonl", "--no-cache", "seeds", cwd=tmp_path)
    assert produced.returncode == 0, produced.stderr
    (tmp_path / "seeds.jsonl").write_text(produced.stdout, encoding="utf-8")
    direct = run("seeds", "--format", "json", "--no-cache", cwd=tmp_path)
    from_file = run("check", "--claims", "seeds.jsonl", "--format", "json", cwd=tmp_path)
    from_stdin = run("check", "--claims", "-", "--format", "json", cwd=tmp_path, stdin=produced.stdout)
    assert from_file.returncode == direct.returncode == from_stdin.returncode
    assert from_file.stdout == direct.stdout == from_stdin.stdout
    assert seeds.is_dir() and not (tmp_path / ".factcheck_cache").exists()  # --no-cache wrote nothing
