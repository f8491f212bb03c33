"""Parallel extraction and the document-scope checks: the same answers as a plain one-process run."""

from __future__ import annotations

import shutil
import sys
from decimal import Decimal
from pathlib import Path

from factcheck.app.api import check_paths, extract_paths
from factcheck.checks import CHECKS
from factcheck.checks.base import CheckContext
from factcheck.checks.selection import selected_checks
from factcheck.formatters.jsonfmt import render_claims, render_report
from factcheck.model import codec
from factcheck.report.build import build_report

ROOT = Path(__file__).resolve().parent.parent


def test_jobs_2_gives_the_claims_and_report_of_jobs_1(corpus_slice, slice_extraction, tmp_path):
    one = slice_extraction
    two = extract_paths([str(corpus_slice)], jobs=2)
    assert len(one.documents) >= 15
    assert render_claims(two) == render_claims(one)
    assert two == one
    plain = render_report(build_report(one))  # every check in one process, nothing cached
    assert render_report(check_paths([str(corpus_slice)], jobs=2)) == plain
    # and through a cold and then a warm cache
    assert render_report(check_paths([str(corpus_slice)], jobs=2, cache_dir=tmp_path / "c")) == plain
    assert render_report(check_paths([str(corpus_slice)], jobs=2, cache_dir=tmp_path / "c")) == plain


def test_jobs_2_shares_the_documents_between_this_process_and_a_worker(corpus_slice, slice_extraction):
    """This process is one of the jobs: it analyses chunks from the back while the worker takes them from
    the front, and the answers still come in input order, equal to a one-process run's."""
    from factcheck.scale.jobs import run_documents
    from factcheck.text.documents import discover, read_document

    sources = [read_document(p) for p in discover([str(corpus_slice)])[0]]
    todo = [(i, s, None) for i, s in enumerate(sources)]
    assert len(todo) >= 12  # chunks of one: more than the worker's queue can hold before this process starts
    answers = list(run_documents(todo, 2, None, evidence=False))
    assert [index for index, *_ in answers] == list(range(len(todo)))
    made_here = [rows is None for _, _, _, rows, _ in answers]
    assert any(made_here) and not all(made_here)
    assert tuple(result.doc for _, _, result, _, _ in answers) == slice_extraction.documents


def test_document_scope_checks_see_one_document(slice_extraction):
    """A check declared scope = "document" finds on the corpus exactly the union of what it finds on each
    document alone: what lets it run in the extraction workers and be cached per file."""
    extraction = slice_extraction
    whole = CheckContext(extraction.documents)
    scoped = [c for c in selected_checks() if c.scope == "document"]
    assert {c.code for c in scoped} >= {"FC201", "FC301", "FC502", "FC601", "FC701", "FC704"}
    for check in scoped:
        together = sorted(map(repr, check.run(whole)))
        alone = sorted(repr(f) for doc in extraction.documents for f in check.run(CheckContext((doc,))))
        assert together == alone, check.code


def test_every_check_declares_a_known_scope():
    assert {c.scope for c in CHECKS} <= {"document", "corpus"}


def test_codec_round_trips_every_claim_field(slice_extraction):
    extraction = slice_extraction
    for doc in extraction.documents:
        back = codec.claims_from_blob(codec.claims_blob(doc.claims), doc.document.path)
        assert back == doc.claims
        for a, b in zip(back, doc.claims, strict=False):  # equal Decimals can differ in exponent; these must not
            assert [str(x) for x in (a.quantity.value, a.quantity.low, a.quantity.high)] == \
                   [str(x) for x in (b.quantity.value, b.quantity.low, b.quantity.high)]
    report = build_report(extraction, select=["FC2", "FC3", "FC6"])
    for finding in report.findings:
        if all(p.location.path == finding.place.location.path for p in finding.related):
            assert codec.findings_from_blob(codec.findings_blob([finding]), finding.place.location.path) == [finding]


def test_decimal_exponents_survive():
    assert str(Decimal(codec._dec(Decimal("4.360E+12")))) == "4.360E+12"
    assert codec._undec(codec._dec(Decimal("0.00"))).as_tuple() == Decimal("0.00").as_tuple()


def test_identical_files_at_two_paths_are_both_checked(tmp_path):
    """Same content, same claim ids: each claim must still find its own document (this used to crash)."""
    source = ROOT / "seeds" / "000_4d17e7c81b8cc963.txt"
    shutil.copyfile(source, tmp_path / "a.txt")
    shutil.copyfile(source, tmp_path / "b.txt")
    report = check_paths([str(tmp_path)], jobs=1)
    assert len(report.extraction.documents) == 2
    assert not [f for f in report.findings if f.rule == "FC101"]  # the same figures, stated alike


def test_plain_removes_exactly_whitespace_emphasis_and_quotes():
    from factcheck.checks.same_fact import _plain

    spaces = [i for i in range(sys.maxunicode + 1) if chr(i).isspace()]
    assert max(spaces) <= 0x3000
    sample = "".join(chr(i) for i in range(0x3100)) + "*“”\"‘’'「」"
    assert _plain(sample) == "".join(ch for ch in sample if not ch.isspace() and ch not in "*“”\"‘’'「」")


def test_fast_json_is_byte_for_byte_json_dumps(corpus_slice):
    import json

    from factcheck.formatters.json_records import dumps
    from factcheck.formatters.jsonfmt import claims_document, report_document

    extraction = extract_paths([str(corpus_slice / "seeds")])
    for document in (report_document(build_report(extraction)), claims_document(extraction),
                     {"claims": [{"text": "}\x01{\x02\n\"\u2028\x7f", "value": None, "ok": True, "n": 3}],
                      "x": [1, {"y": 2}]},
                     {"path": "bad\udcffname.txt", "n": 10 ** 30, "empty": [], "nested": {}}):
        assert dumps(document) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
