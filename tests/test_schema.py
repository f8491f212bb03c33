"""Real output validates against the documented JSON Schema."""

import json
import shutil
from pathlib import Path

import jsonschema

from factcheck.app.api import extract_paths
from factcheck.formatters.jsonfmt import claims_document

ROOT = Path(__file__).resolve().parent.parent


def test_seed_claims_validate_against_schema(tmp_path):
    schema = json.loads((ROOT / "docs" / "schema" / "factcheck-claims-1.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    document = claims_document(extract_paths([str(ROOT / "seeds"), str(tmp_path)]))
    jsonschema.validate(document, schema)
    assert document["schema"] == "factcheck-claims/1"
    assert len(document["documents"]) == 5 and document["errors"][0]["path"].endswith("bad.txt")
    assert len(document["claims"]) > 200


def test_numbers_are_decimal_strings_in_base_units():
    document = claims_document(extract_paths([str(ROOT / "seeds")]))
    by_text = {c["text"]: c for c in document["claims"]}
    trillion = next(c for t, c in by_text.items() if t.startswith("4.36") and "万亿元" in t)
    assert (trillion["value"], trillion["unit"], trillion["dimension"]) == ("4360000000000", "元", "money")
    assert by_text["3022家"]["value"] == "3022"


def test_report_validates_against_schema(tmp_path):
    from factcheck.formatters.jsonfmt import report_document
    from factcheck.report.build import build_report

    schema = json.loads((ROOT / "docs" / "schema" / "factcheck-report-1.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    # The seeds sit beside a.txt in one folder so reading order (by path) does not depend on where the
    # checkout lives: seed 001 also states 无锡's 4 labs, and the earliest statement is the reference.
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "a.txt").write_text("截至2024年底，无锡累计牵头建设国家重点实验室4家。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("截至2024年底，无锡累计牵头建设国家重点实验室5家。", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    document = report_document(build_report(extract_paths([str(tmp_path)])))
    jsonschema.validate(document, schema)
    assert document["schema"] == "factcheck-report/1"
    same_fact = [f for f in document["findings"] if f["rule"].startswith("FC1")]  # other checks add info on seeds
    assert [f["rule"] for f in same_fact] == ["FC101"]
    finding = same_fact[0]
    assert finding["location"]["path"].endswith("b.txt") and finding["related"][0]["path"].endswith("a.txt")
    assert "4家" in finding["message"] and "5家" in finding["message"]
