"""Every check's Bad examples raise its code and its Good examples raise nothing from it.

The examples are the checks' own documentation (docs/rules.md is generated from them), so a check
cannot drift from what its docs promise.
"""

import pytest

from factcheck.app.api import extract_text
from factcheck.checks import CHECKS
from factcheck.checks.base import example_documents
from factcheck.checks.evidence.declarations import example_overrides
from factcheck.model.claims import Extraction
from factcheck.report.build import build_report

CASES = [(check, "bad", i, text) for check in CHECKS for i, text in enumerate(check.bad)] + \
        [(check, "good", i, text) for check in CHECKS for i, text in enumerate(check.good)]


def findings_for(check, text):
    documents = tuple(extract_text(doc, f"example{i}.txt") for i, doc in enumerate(example_documents(text)))
    report = build_report(Extraction(documents, ()), select=[check.code], overrides=example_overrides(check))
    return [f for f in report.findings if f.rule == check.code]


@pytest.mark.parametrize("check, kind, index, text", CASES,
                         ids=[f"{c.code}-{k}{i}" for c, k, i, _ in CASES])
def test_check_examples(check, kind, index, text):
    found = findings_for(check, text)
    if kind == "bad":
        assert found, f"{check.code} found nothing in its Bad example {index}"
    else:
        assert not found, f"{check.code} flagged its Good example {index}: {[f.message for f in found]}"


@pytest.mark.parametrize("check", CHECKS, ids=[c.code for c in CHECKS])
def test_check_metadata(check):
    assert check.code.startswith("FC") and len(check.code) == 5
    assert check.name == check.name.lower() and " " not in check.name
    assert check.summary and check.why and check.bad and check.good
    assert check.severity in ("error", "warning", "info")


def test_codes_and_names_are_unique():
    assert len({c.code for c in CHECKS}) == len(CHECKS)
    assert len({c.name for c in CHECKS}) == len(CHECKS)


def test_rules_doc_is_current():
    from pathlib import Path

    from factcheck.formatters.rule_docs import render_markdown

    path = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == render_markdown(), "run: python3 scripts/gen_rules_doc.py"
