"""The claims cache: hits give the same answers, damage and locks never crash or mislead, and two
processes can write at once."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from factcheck.app.api import check_paths, extract_paths
from factcheck.formatters.jsonfmt import render_claims, render_report, write_report
from factcheck.report.build import build_report
from factcheck.scale.cache import store as cache_module
from factcheck.scale.cache.store import DB_NAME, ClaimCache

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds(tmp_path) -> Path:
    return shutil.copytree(SEEDS, tmp_path / "seeds")


def _no_extraction(monkeypatch):
    """Make any extraction fail: what runs afterwards must come from the cache."""
    import factcheck.extract.claims

    def refuse(*args, **kwargs):
        raise AssertionError("extracted although cached")

    monkeypatch.setattr(factcheck.extract.claims, "extract_document", refuse)


def test_a_warm_run_extracts_nothing_and_answers_the_same(seeds, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    plain = render_report(build_report(extract_paths([str(seeds)])))
    assert render_report(check_paths([str(seeds)], cache_dir=cache_dir)) == plain
    _no_extraction(monkeypatch)
    assert render_report(check_paths([str(seeds)], cache_dir=cache_dir)) == plain
    assert (cache_dir / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")  # never committed


def test_an_entry_serves_the_same_content_at_another_path(seeds, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    extract_paths([str(seeds)], cache_dir=cache_dir)
    moved = tmp_path / "elsewhere" / "renamed.txt"
    moved.parent.mkdir()
    shutil.copyfile(seeds / "001_ec323503e56e8838.txt", moved)
    expected = render_claims(extract_paths([str(moved)]))
    _no_extraction(monkeypatch)
    got = extract_paths([str(moved)], cache_dir=cache_dir)
    assert render_claims(got) == expected
    assert {c.location.path for c in got.claims} == {str(moved)}


def test_another_environment_sees_nothing_and_empties_the_cache(seeds, tmp_path):
    cache_dir = tmp_path / "cache"
    extract_paths([str(seeds)], cache_dir=cache_dir)
    sha = extract_paths([str(seeds)]).documents[0].document.sha256
    assert ClaimCache(cache_dir).documents([sha])
    assert ClaimCache(cache_dir, environment="another version").documents([sha]) == {}
    assert ClaimCache(cache_dir).documents([sha]) == {}  # emptied when the other one opened it


def test_rules_and_code_are_in_the_environment(monkeypatch):
    from factcheck.scale import fingerprint

    before = fingerprint.environment()
    fingerprint._environment.cache_clear()
    monkeypatch.setattr(fingerprint, "rules_digest", lambda: "edited rules")
    assert fingerprint.environment() != before
    fingerprint._environment.cache_clear()


def test_a_projects_own_rule_files_are_in_the_environment(tmp_path):
    """Claims extracted with a newsroom's extra metric aliases are not served to a run without them."""
    from factcheck.scale import fingerprint
    from factcheck.vocab.data import use_extra_rules

    extra = tmp_path / "metrics.toml"
    extra.write_text('[aliases]\n"新签约项目" = ["签约项目"]\n', encoding="utf-8")
    before = fingerprint.environment()
    try:
        use_extra_rules(metrics=(str(extra),))
        with_extra = fingerprint.environment()
        extra.write_text('[aliases]\n"新签约项目" = ["签约的项目"]\n', encoding="utf-8")
        edited = fingerprint.environment()
    finally:
        use_extra_rules()
    assert len({before, with_extra, edited}) == 3
    assert fingerprint.environment() == before


def test_a_garbage_cache_file_is_rebuilt_with_a_warning(seeds, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / DB_NAME).write_bytes(b"this is not a database\x00" * 200)
    plain = render_report(build_report(extract_paths([str(seeds)])))
    report = check_paths([str(seeds)], cache_dir=cache_dir)
    warnings = [e for e in report.extraction.errors if e.level == "warning"]
    assert len(warnings) == 1 and "rebuilt" in warnings[0].message and warnings[0].path.endswith(DB_NAME)
    assert [f.message for f in report.findings] == [f.message
                                                    for f in build_report(extract_paths([str(seeds)])).findings]
    _no_extraction(monkeypatch)  # the rebuilt cache works
    assert render_report(check_paths([str(seeds)], cache_dir=cache_dir)) == plain


def test_a_damaged_row_is_a_miss(seeds, tmp_path):
    cache_dir = tmp_path / "cache"
    plain = render_report(check_paths([str(seeds)], cache_dir=cache_dir))
    with sqlite3.connect(cache_dir / DB_NAME) as db:
        db.execute("UPDATE claims SET row = '[\"truncated' WHERE ord = 3")
        db.execute("UPDATE documents SET findings = '{oops' WHERE 1")
    assert render_report(check_paths([str(seeds)], cache_dir=cache_dir)) == plain
    assert render_report(check_paths([str(seeds)], cache_dir=cache_dir)) == plain  # and was rewritten


def test_a_locked_cache_is_bypassed_with_a_warning(seeds, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    extract_paths([str(seeds / "000_4d17e7c81b8cc963.txt")], cache_dir=cache_dir)
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(cache_dir / DB_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a long write
    try:
        report = check_paths([str(seeds)], cache_dir=cache_dir)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    warnings = [e for e in report.extraction.errors if e.level == "warning"]
    assert warnings and all("bypassed" in w.message for w in warnings)
    assert [f.message for f in report.findings] == [f.message
                                                    for f in build_report(extract_paths([str(seeds)])).findings]


def test_an_unwritable_cache_folder_is_bypassed(seeds, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    report = check_paths([str(seeds)], cache_dir=blocker / "cache")
    assert any("bypassed" in e.message for e in report.extraction.errors)
    assert report.findings == build_report(extract_paths([str(seeds)])).findings


_WRITER = textwrap.dedent("""
    import sys, time
    from factcheck.app.api import extract_paths
    start = float(sys.argv[3])
    while time.time() < start:
        time.sleep(0.005)
    extraction = extract_paths(sys.argv[4:], cache_dir=sys.argv[1])
    problems = [e for e in extraction.errors]
    print(len(extraction.documents), len(problems), [e.message for e in problems], file=sys.stderr)
    sys.exit(1 if problems else 0)
""")


def test_two_processes_writing_at_once_leave_a_sound_cache(tmp_path):
    """Two pre-commit hooks at once: both write many documents into one cache at the same moment."""
    import time

    folder = tmp_path / "docs"
    folder.mkdir()
    lines = (SEEDS / "001_ec323503e56e8838.txt").read_text(encoding="utf-8").splitlines()
    for i in range(160):  # many small documents: many write transactions that interleave
        (folder / f"{i:03d}.txt").write_text(f"2024年无锡市新增企业{i + 100}家。\n"
                                             + "\n".join(lines[i % 20:i % 20 + 3]), encoding="utf-8")
    files = sorted(str(p) for p in folder.iterdir())
    cache_dir = tmp_path / "cache"
    start = str(time.time() + 1.5)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = tmp_path / "writer.py"
    script.write_text(_WRITER, encoding="utf-8")
    writers = [subprocess.Popen([sys.executable, str(script), str(cache_dir), name, start, *chosen], env=env,
                                stderr=subprocess.PIPE, text=True)
               for name, chosen in (("a", files[:120]), ("b", files[40:]))]  # 80 documents in common
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    with sqlite3.connect(cache_dir / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM documents").fetchone() == (160,)
    warm = extract_paths(files, cache_dir=cache_dir)
    assert not warm.errors
    assert render_claims(warm) == render_claims(extract_paths(files))


def test_cached_document_findings_follow_the_configs_overrides(seeds, tmp_path):
    """Document-scope findings are cached under the settings they were made with: a config that changes a
    check's severity gets that severity from a warm cache, and the default comes back without it."""
    cache_dir = tmp_path / "cache"
    loud = {"FC706": {"severity": "error"}}

    def severities(report):
        return {f.severity for f in report.findings if f.rule == "FC706"}

    assert severities(check_paths([str(seeds)], cache_dir=cache_dir)) == {"warning"}
    assert severities(check_paths([str(seeds)], cache_dir=cache_dir, overrides=loud)) == {"error"}
    assert severities(check_paths([str(seeds)], cache_dir=cache_dir, overrides=loud, jobs=2)) == {"error"}
    assert severities(check_paths([str(seeds)], cache_dir=cache_dir)) == {"warning"}


def test_a_warm_run_on_unchanged_documents_takes_its_findings_from_the_cache(seeds, tmp_path, monkeypatch):
    import factcheck.report.build

    cache_dir = tmp_path / "cache"
    plain = render_report(build_report(extract_paths([str(seeds)])))
    assert render_report(check_paths([str(seeds)], cache_dir=cache_dir)) == plain
    real = factcheck.report.build.run_checks
    ran = []

    def counting(*args, **kwargs):
        ran.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(factcheck.report.build, "run_checks", counting)
    assert render_report(check_paths([str(seeds)], cache_dir=cache_dir, jobs=2)) == plain
    assert not ran  # the same documents, settings and selection: the stored result
    # anything the findings depend on is another key
    selected = check_paths([str(seeds)], cache_dir=cache_dir, select=["FC7"])
    assert ran and {f.rule[:3] for f in selected.findings} == {"FC7"}
    ran.clear()
    loud = check_paths([str(seeds)], cache_dir=cache_dir, overrides={"FC706": {"severity": "error"}})
    assert ran and "error" in {f.severity for f in loud.findings if f.rule == "FC706"}
    ran.clear()
    edited = next(p for p in sorted(seeds.iterdir()) if "国家重点实验室" in p.read_text(encoding="utf-8"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n无锡累计牵头建设国家重点实验室9家。\n", encoding="utf-8")
    after = check_paths([str(seeds)], cache_dir=cache_dir)
    assert ran and render_report(after) == render_report(build_report(extract_paths([str(seeds)])))
    ran.clear()
    renamed = seeds / "renamed.txt"
    edited.rename(renamed)  # same contents at another path: the findings name the new path
    moved = check_paths([str(seeds)], cache_dir=cache_dir)
    assert ran and render_report(moved) == render_report(build_report(extract_paths([str(seeds)])))


def _count_decoding(monkeypatch) -> list:
    """Count the Claim objects made from cached rows."""
    from factcheck.model import codec

    made = []
    real = codec.claim_from_row

    def counting(row, path):
        made.append(1)
        return real(row, path)

    monkeypatch.setattr(codec, "claim_from_row", counting)
    return made


def test_a_warm_run_with_stored_findings_writes_its_reports_without_making_claims(seeds, tmp_path, monkeypatch):
    import io

    from rich.console import Console

    from factcheck.formatters import terminal
    from factcheck.formatters.sarif import render_report as render_sarif

    def render_report_to_string(report) -> str:
        console = Console(file=io.StringIO(), width=120, color_system=None)
        terminal.render_report(report, console)
        return console.file.getvalue()

    cache_dir = tmp_path / "cache"
    cold = check_paths([str(seeds)], cache_dir=cache_dir)
    expected = (render_report(cold), render_sarif(cold), render_report_to_string(cold))
    assert cold.corroborated  # the terminal report shows the corroborated figures, found by id
    made = _count_decoding(monkeypatch)
    warm = check_paths([str(seeds)], cache_dir=cache_dir)
    assert (render_report(warm), render_sarif(warm), render_report_to_string(warm)) == expected
    decoded = sum(1 for d in warm.extraction.documents if not isinstance(d.claims, tuple) and d.claims.rows() is None)
    assert decoded <= len({i for group in warm.corroborated for i in group})  # only documents holding one
    # claims are made for the documents holding a corroborated figure only (three of the five seeds since their
    # summary boxes restate their bodies), never for the others
    holding = {i.split(":")[0] for group in warm.corroborated for i in group}
    held = sum(len(d.claims) for d in warm.extraction.documents if d.document.sha256[:8] in holding)
    assert len(made) <= held < sum(len(d.claims) for d in warm.extraction.documents)
    # the claims are all there when something asks for them, equal to extraction's
    fresh = extract_paths([str(seeds)])
    assert warm.extraction.claims == fresh.claims
    assert [d.claims for d in warm.extraction.documents] == [d.claims for d in fresh.documents]


def test_lazily_decoded_claims_behave_as_the_tuple_of_them(seeds, tmp_path):
    from factcheck.model.codec import LazyClaims

    cache_dir = tmp_path / "cache"
    check_paths([str(seeds)], cache_dir=cache_dir)
    doc = max(check_paths([str(seeds)], cache_dir=cache_dir).extraction.documents, key=lambda d: len(d.claims))
    fresh = next(d for d in extract_paths([str(seeds)]).documents if d.document.path == doc.document.path)
    lazy = doc.claims
    assert isinstance(lazy, LazyClaims) and lazy.rows() is not None
    assert len(lazy) == len(fresh.claims) and lazy.ids() == [c.id for c in fresh.claims]
    assert lazy.rows() is not None  # neither len nor ids decoded them
    assert lazy[1:3] == fresh.claims[1:3] and isinstance(lazy[1:3], tuple)
    assert lazy == fresh.claims and fresh.claims == lazy and hash(lazy) == hash(fresh.claims)
    assert list(lazy) == list(fresh.claims) and lazy[-1] == fresh.claims[-1]
    assert doc == fresh and lazy.rows() is None


def test_a_cached_row_that_decodes_wrong_late_gives_the_extracted_claims(seeds, tmp_path):
    cache_dir = tmp_path / "cache"
    plain = render_report(check_paths([str(seeds)], cache_dir=cache_dir))
    with sqlite3.connect(cache_dir / DB_NAME) as db:
        # well-formed JSON of the right shape, but no decimal: found only when the claims are decoded
        rows = db.execute("SELECT sha, ord, row FROM claims WHERE ord = 2").fetchall()
        for sha, ordinal, row in rows:
            db.execute("UPDATE claims SET row = ? WHERE sha = ? AND ord = ?",
                       (row.replace(row.split(",")[8], '"not a number"', 1), sha, ordinal))
        # and a row with a list where a scalar goes: refused when read
        db.execute("UPDATE claims SET row = json_set(row, '$[7]', json('[1,2]')) WHERE ord = 4")
    warm = check_paths([str(seeds)], cache_dir=cache_dir)
    assert render_report(warm) == plain
    assert warm.extraction.claims == extract_paths([str(seeds)]).claims


def test_an_edited_files_former_content_is_dropped_unless_another_file_holds_it(seeds, tmp_path):
    cache_dir = tmp_path / "cache"
    article = seeds / "001_ec323503e56e8838.txt"
    twin = tmp_path / "twin.txt"
    shutil.copyfile(article, twin)
    extract_paths([str(seeds), str(twin)], cache_dir=cache_dir)
    db = sqlite3.connect(cache_dir / DB_NAME)
    first = db.execute("SELECT sha FROM files WHERE path = ?", (str(article.resolve()),)).fetchone()[0]
    other = seeds / "002_0e9245cded2b0f09.txt"
    other_sha = db.execute("SELECT sha FROM files WHERE path = ?", (str(other.resolve()),)).fetchone()[0]

    def held(sha):
        return (db.execute("SELECT count(*) FROM documents WHERE sha = ?", (sha,)).fetchone()[0],
                db.execute("SELECT count(*) FROM claims WHERE sha = ?", (sha,)).fetchone()[0] > 0)

    article.write_text(article.read_text(encoding="utf-8") + "\n另有新增项目3个。\n", encoding="utf-8")
    other.write_text(other.read_text(encoding="utf-8") + "\n另有新增项目4个。\n", encoding="utf-8")
    extract_paths([str(article), str(other)], cache_dir=cache_dir)
    assert held(first) == (1, True)        # twin.txt still holds that content
    assert held(other_sha) == (0, False)   # no file holds it now
    expected = render_claims(extract_paths([str(seeds)]))
    assert render_claims(extract_paths([str(seeds)], cache_dir=cache_dir)) == expected


def _json_report(report, tmp_path, name: str) -> bytes:
    """The JSON report as written to a file (the stored blocks go to its byte buffer) and, checked equal, to a
    text stream that has none."""
    target = tmp_path / name
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        write_report(report, out)
    text = io.StringIO()
    write_report(report, text)
    assert text.getvalue().encode("utf-8") == target.read_bytes()
    return target.read_bytes()


def test_a_warm_json_report_writes_the_claim_records_the_cache_stored(seeds, tmp_path, monkeypatch):
    from factcheck.formatters import json_records

    cache_dir = tmp_path / "cache"
    plain = _json_report(check_paths([str(seeds)]), tmp_path, "plain.json")
    assert b'"corroborated": true' in plain  # the flags put into the stored blocks are exercised
    assert _json_report(check_paths([str(seeds)], cache_dir=cache_dir, jobs=2), tmp_path, "cold.json") == plain

    def refuse(*args, **kwargs):
        raise AssertionError("a claim record made although the cache stored it")

    monkeypatch.setattr(json_records, "claim_record", refuse)
    monkeypatch.setattr(json_records, "_from_rows", refuse)
    assert _json_report(check_paths([str(seeds)], cache_dir=cache_dir), tmp_path, "warm.json") == plain


def test_stored_claim_records_read_from_another_path_carry_that_path(seeds, tmp_path):
    """The cache is keyed by content: the same documents under another folder get their own paths."""
    cache_dir = tmp_path / "cache"
    check_paths([str(seeds)], cache_dir=cache_dir)
    moved = shutil.copytree(seeds, tmp_path / "其他 \"目录\"")
    plain = _json_report(check_paths([str(moved)]), tmp_path, "plain.json")
    assert _json_report(check_paths([str(moved)], cache_dir=cache_dir), tmp_path, "warm.json") == plain


def test_damaged_stored_claim_records_give_the_records_of_the_claims(seeds, tmp_path):
    cache_dir = tmp_path / "cache"
    plain = _json_report(check_paths([str(seeds)]), tmp_path, "plain.json")
    check_paths([str(seeds)], cache_dir=cache_dir)
    with sqlite3.connect(cache_dir / DB_NAME) as db:
        first, second = [sha for (sha,) in db.execute("SELECT sha FROM documents WHERE claims > 1 ORDER BY sha")][:2]
        db.execute("UPDATE documents SET records = x'00ff' WHERE sha = ?", (first,))  # not zlib
        db.execute("UPDATE documents SET records = NULL WHERE sha = ?", (second,))
    assert _json_report(check_paths([str(seeds)], cache_dir=cache_dir), tmp_path, "warm.json") == plain


def test_damaged_claim_rows_give_the_records_of_the_extracted_claims(seeds, tmp_path):
    cache_dir = tmp_path / "cache"
    plain = render_report(check_paths([str(seeds)]))
    check_paths([str(seeds)], cache_dir=cache_dir)
    with sqlite3.connect(cache_dir / DB_NAME) as db:
        first, second = [sha for (sha,) in db.execute("SELECT sha FROM documents WHERE claims > 1 ORDER BY sha")][:2]
        db.execute("UPDATE claims SET row = '[1, 2]' WHERE sha = ? AND ord = 0", (first,))  # of another shape
        db.execute("UPDATE claims SET row = replace(row, '\"', '') WHERE sha = ? AND ord = 1", (second,))  # no JSON
    assert render_report(check_paths([str(seeds)], cache_dir=cache_dir)) == plain


def test_claim_rows_gone_by_the_time_they_are_read_give_the_extracted_claims(seeds, tmp_path):
    """Rows are read when the claims are first needed, after the run's connection has closed: rows deleted,
    or a database made under another environment by then, give the claims extraction gives."""
    cache_dir = tmp_path / "cache"
    check_paths([str(seeds)], cache_dir=cache_dir)
    fresh = extract_paths([str(seeds)])
    first = check_paths([str(seeds)], cache_dir=cache_dir)
    second = check_paths([str(seeds)], cache_dir=cache_dir)
    with sqlite3.connect(cache_dir / DB_NAME) as db:
        db.execute("DELETE FROM claims WHERE ord > 2")
    assert first.extraction.claims == fresh.claims
    other = ClaimCache(cache_dir, environment="another version")
    assert other.present(["0" * 64]) == set()  # opening it emptied it and made it anew
    other.close()
    with sqlite3.connect(cache_dir / DB_NAME) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'environment'").fetchone() == ("another version",)
    assert second.extraction.claims == fresh.claims
