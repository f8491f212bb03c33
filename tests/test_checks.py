"""Every check's Bad examples raise its code and its Good examples raise nothing from it; a Bad example's first
finding points at the text the check declares (bad_spans), and --fix turns it into the declared fixed text.

The examples are the checks' own documentation (docs/rules.md is generated from them), so a check
cannot drift from what its docs promise.
"""

import pytest

from factcheck.app.api import extract_text
from factcheck.app.fixes import apply_edits
from factcheck.checks import CHECKS
from factcheck.checks.base import DOCUMENT_BREAK, example_documents
from factcheck.checks.evidence.declarations import example_overrides
from factcheck.model.claims import Extraction
from factcheck.report.build import build_report

CASES = [(check, "bad", i, text) for check in CHECKS for i, text in enumerate(check.bad)] + \
        [(check, "good", i, text) for check in CHECKS for i, text in enumerate(check.good)]


def example_extraction(text):
    documents = tuple(extract_text(doc, f"example{i}.txt") for i, doc in enumerate(example_documents(text)))
    return Extraction(documents, ())


def findings_in(check, extraction):
    report = build_report(extraction, select=[check.code], overrides=example_overrides(check))
    return [f for f in report.findings if f.rule == check.code]


def span_text(extraction, finding):
    """The original text between the start and the end of the finding's primary place."""
    location = finding.place.location
    document = next(d for d in extraction.documents if d.document.path == location.path)
    return document.document.text[location.start:location.end]


def fixed_text(check, text, passes=32):
    """The example after the check's fixes, applied pass after pass until none is left (as --fix does), each
    document of the example on its own (a fixable check sees one document)."""
    out = []
    for i, document in enumerate(example_documents(text)):
        for _ in range(passes):
            extraction = Extraction((extract_text(document, f"example{i}.txt"),), ())
            groups = [f.fix for f in findings_in(check, extraction) if f.fix]
            if not groups:
                break
            document, _ = apply_edits(document, groups)
        else:
            pytest.fail(f"{check.code}: fixes still pending after {passes} passes")
        out.append(document)
    return DOCUMENT_BREAK.join(out)


@pytest.mark.parametrize("check, kind, index, text", CASES,
                         ids=[f"{c.code}-{k}{i}" for c, k, i, _ in CASES])
def test_check_examples(check, kind, index, text):
    extraction = example_extraction(text)
    found = findings_in(check, extraction)
    if kind == "bad":
        assert found, f"{check.code} found nothing in its Bad example {index}"
        assert span_text(extraction, found[0]) == check.bad_spans[index], \
            f"{check.code}'s first finding in its Bad example {index} points elsewhere: {found[0].message}"
        if check.fixable:
            assert fixed_text(check, text) == check.fixed[index], f"{check.code}: Bad example {index} after --fix"
    else:
        assert not found, f"{check.code} flagged its Good example {index}: {[f.message for f in found]}"


@pytest.mark.parametrize("check", CHECKS, ids=[c.code for c in CHECKS])
def test_check_metadata(check):
    assert check.code.startswith("FC") and len(check.code) == 5
    assert check.name == check.name.lower() and " " not in check.name
    assert check.summary and check.why and check.bad and check.good
    assert check.severity in ("error", "warning", "info")
    assert len(check.bad_spans) == len(check.bad), f"{check.code}: one bad_spans entry per Bad example"
    assert len(check.fixed) == (len(check.bad) if check.fixable else 0), \
        f"{check.code}: a fixable check declares one fixed text per Bad example, any other none"


def test_codes_and_names_are_unique():
    assert len({c.code for c in CHECKS}) == len(CHECKS)
    assert len({c.name for c in CHECKS}) == len(CHECKS)


def test_rules_doc_is_current():
    from pathlib import Path

    from factcheck.formatters.rule_docs import render_markdown

    path = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == render_markdown(), "run: python3 scripts/gen_rules_doc.py"


def test_readme_check_table_is_current():
    from pathlib import Path

    from factcheck.formatters.rule_docs import with_readme_table

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert with_readme_table(readme) == readme, "run: python3 scripts/gen_rules_doc.py"


def test_every_declared_option_has_a_default_of_its_kind_and_nothing_else_is_in_the_rules():
    from factcheck.checks.base import OPTION_KINDS, option_defaults
    from factcheck.vocab.data import load_toml

    data = load_toml("checks.toml")
    used_lists = set()
    for check in CHECKS:
        defaults = option_defaults(check)
        for name, option in check.options.items():
            assert option.kind in OPTION_KINDS and option.doc, (check.code, name)
            value = defaults[name]
            if option.kind == "words":
                used_lists.add(option.words)
                assert value and all(isinstance(w, str) and w for w in value), (check.code, name)
            elif option.kind.startswith("severity"):
                assert value in ("error", "warning", "info", "off"[: 3 * (option.kind == "severity-or-off")]), name
            else:
                assert not isinstance(value, bool) and isinstance(value, (int, float, str)), (check.code, name)
        stray = set(data.get(check.code, {})) - set(check.options)
        assert not stray, f"{check.code}: rules/checks.toml has keys the check does not declare: {stray}"
    codes = {c.code for c in CHECKS}
    assert set(data) - codes == {"report", "words"}, "a table in rules/checks.toml names no check"
    assert used_lists == set(data["words"]), "a word list in rules/checks.toml [words] is used by no option"


@pytest.mark.parametrize("check", CHECKS, ids=[c.code for c in CHECKS])
def test_what_a_check_declares_is_known(check):
    from factcheck.checks.base import PAIRING_KEYS
    from factcheck.scale.focus import LOADED_KEYS

    assert check.scope in ("document", "corpus")
    assert check.process_group in ("main", "targets")
    if check.scope == "corpus":
        # None is allowed (focus runs then load whole documents), but every shipped check says what it pairs on
        assert check.pairs_on, f"{check.code} should declare pairs_on"
        assert set(check.pairs_on) <= set(PAIRING_KEYS) and set(check.pairs_on) <= LOADED_KEYS
    if check.fixable:
        assert check.scope == "document", "--fix runs the focus files alone: a fixable check sees one document"


def test_fix_help_and_fixable_codes_come_from_the_checks():
    from factcheck.app.cli import build_parsers
    from factcheck.app.fixes import fixable_codes

    assert fixable_codes() == tuple(c.code for c in CHECKS if c.fixable)
    import re

    assert ", ".join(fixable_codes()) in re.sub(r"\s+", " ", build_parsers()[0].format_help())
