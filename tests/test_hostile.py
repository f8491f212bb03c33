"""The hostile-input battery of issue 21: every way it was found to lose a file, crash, hang or answer wrong,
as a regression test on inputs made here. Never lose a file; never a traceback; exit 0 clean, 1 findings,
2 usage or I/O error, 3 internal error; never block; linear time on pathological text.

Tests that need root (another user's file, a device node) or a platform's special files skip with the
reason elsewhere; CI runs as root on Linux, where all of them run."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.app.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXE = shutil.which("factcheck")
SEED = (ROOT / "seeds" / "000_4d17e7c81b8cc963.txt").read_text(encoding="utf-8")
GDP = "2023年全市地区生产总值15456亿元，增长5.2%。\n"
DOUBLED = "全面提升全面提升核心竞争力，全市企业13473 家。\n"  # FC702 and FC704, both fixable
ROOT_ONLY = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                               reason="needs root (CI runs as root): chown to another user, mknod")
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, symlinks and byte file names are POSIX")


def cli(*args, stdin=None, timeout=120, **kw):
    """The installed console script in a subprocess, as a user runs it (exit status, stdout, stderr)."""
    command = [EXE] if EXE else [sys.executable, "-m", "factcheck"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, timeout=timeout, input=stdin, **kw)


def no_traceback(result) -> None:
    err = result.stderr.decode("utf-8", "replace") if isinstance(result.stderr, bytes) else result.stderr
    assert "Traceback" not in err, err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- 1, 2: data loss -------------------------------------------------------------------------------------

def test_1_output_that_is_an_input_is_refused_and_not_truncated(tmp_path):
    article = write(tmp_path / "docs" / "000_x.txt", GDP)
    result = cli(tmp_path / "docs", "--no-cache", "--format", "json", "-o", article)
    assert result.returncode == 2 and b"input" in result.stderr
    assert article.read_text(encoding="utf-8") == GDP
    # the same file by another name (a symlink to it) is the same input
    link = tmp_path / "link.json"
    link.symlink_to(article)
    assert cli(article, "--no-cache", "--format", "json", "-o", link).returncode == 2
    assert article.read_text(encoding="utf-8") == GDP


def test_1_new_output_inside_a_checked_folder_is_not_read_as_input(tmp_path):
    write(tmp_path / "docs" / "a.txt", GDP)
    report = tmp_path / "docs" / "report.txt"
    result = cli(tmp_path / "docs", "--no-cache", "--format", "json", "-o", report)
    assert result.returncode == 0, result.stderr
    assert [d["path"] for d in json.loads(report.read_text(encoding="utf-8"))["documents"]] == \
        [str(tmp_path / "docs" / "a.txt")]
    assert b"empty file" not in result.stderr


@POSIX
def test_2_write_baseline_through_a_symlink_writes_its_target(tmp_path):
    write(tmp_path / "a.txt", DOUBLED)
    target = write(tmp_path / "real" / "baseline.json", "{}")
    os.chmod(target, 0o640)
    link = tmp_path / "baseline.json"
    link.symlink_to(target)
    assert cli(tmp_path / "a.txt", "--no-cache", "--write-baseline", link).returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "factcheck-baseline/1"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@POSIX
def test_2_write_baseline_to_a_fifo_is_refused(tmp_path):
    write(tmp_path / "a.txt", DOUBLED)
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    result = cli(tmp_path / "a.txt", "--no-cache", "--write-baseline", fifo, timeout=60)
    assert result.returncode == 2 and b"FIFO" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@ROOT_ONLY
def test_2_write_baseline_to_a_device_is_refused(tmp_path):
    write(tmp_path / "a.txt", DOUBLED)
    device = tmp_path / "full"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # the /dev/full device
    result = cli(tmp_path / "a.txt", "--no-cache", "--write-baseline", device)
    assert result.returncode == 2 and b"device" in result.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@ROOT_ONLY
def test_2_fix_keeps_another_users_file_theirs(tmp_path):
    article = write(tmp_path / "a.txt", DOUBLED)
    os.chown(article, 1234, 2345)
    os.chmod(article, 0o664)
    assert cli(article, "--no-cache", "--fix", "--fail-on", "never").returncode == 0
    st = article.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1234, 2345, 0o664)
    assert article.read_text(encoding="utf-8") == "全面提升核心竞争力，全市企业13473家。\n"


@POSIX
def test_2_fix_refuses_to_split_hard_links(tmp_path):
    article = write(tmp_path / "a.txt", DOUBLED)
    other = tmp_path / "elsewhere.txt.bak"
    os.link(article, other)
    result = cli(article, "--no-cache", "--fix")
    assert result.returncode == 2 and "硬链接".encode() in result.stderr
    assert os.stat(article).st_ino == os.stat(other).st_ino  # not split
    assert article.read_text(encoding="utf-8") == DOUBLED


@POSIX
def test_2_fix_through_a_symlink_keeps_the_link_and_the_mode(tmp_path):
    target = write(tmp_path / "real" / "a.txt", DOUBLED)
    os.chmod(target, 0o600)
    link = tmp_path / "a.txt"
    link.symlink_to(target)
    assert cli(link, "--no-cache", "--fix", "--fail-on", "never").returncode == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "全面提升核心竞争力，全市企业13473家。\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_2_a_new_output_file_gets_the_umask_mode(tmp_path):
    write(tmp_path / "a.txt", GDP)
    out = tmp_path / "report.json"
    old = os.umask(0o022)
    try:
        assert main([str(tmp_path / "a.txt"), "--no-cache", "--format", "json", "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


# -- 3-8: crashes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("figure", ["1" * 29 + "家", "1" * 21 + "亿元", "二" * 33 + "家", "1" * 15 + "万亿元",
                                    "0." + "1" * 30 + "%", "1" * 5000 + "元"])
def test_3_huge_figures_are_skipped_and_the_other_files_reported(tmp_path, figure):
    write(tmp_path / "a.txt", f"全市共有企业{figure}。\n")
    write(tmp_path / "b.txt", GDP)
    out = tmp_path / "report.json"
    assert main([str(tmp_path), "--no-cache", "--format", "json", "-o", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["documents"]) == 2 and not report["errors"]
    assert all(c["path"].endswith("b.txt") for c in report["claims"])


@POSIX
@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "rich"])
@pytest.mark.parametrize("cached", [False, True])
def test_4_file_names_that_are_not_utf8(tmp_path, fmt, cached):
    folder = tmp_path / "docs"
    folder.mkdir()
    (Path(os.fsdecode(os.fsencode(folder) + b"/bad\xffname.txt"))).write_text(SEED, encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")] if cached else ["--no-cache"]
    for _ in range(2 if cached else 1):  # cold, then warm
        result = cli(folder, *cache, "--format", fmt, "--fail-on", "never")
        no_traceback(result)
        assert result.returncode == 0, result.stderr
    if fmt == "json":
        assert json.loads(result.stdout)["documents"][0]["path"].endswith("bad\udcffname.txt")
    if fmt == "sarif":
        assert b"bad%FFname.txt" in result.stdout


@POSIX
def test_4_stdin_filename_that_is_not_utf8():
    result = cli("--stdin", "--stdin-filename", os.fsdecode(b"x\xff.txt"), "--format", "json", "--fail-on", "never",
                 stdin=SEED.encode("utf-8"))
    no_traceback(result)
    assert result.returncode == 0 and json.loads(result.stdout)["findings"]


RULE_FILE_CASES = [
    ("metrics", "x.toml", "aliases = 5\n", "x.toml"),
    ("metrics", "x.toml", "[aliases]\n规上工业增加值 = [1\n", "invalid TOML"),
    ("metrics", "x.csv", "a,b\n1,2\n", "invalid TOML"),
    ("metrics", "x.toml", "[aliases]\n\"规上工业增加值\" = \"规工增加值\"\n", "list of non-empty strings"),
    ("regions", "r.toml", "[x]\ny = 1\n", "r.toml:1"),
    ("regions", "r.csv", "code,name,level\n320299\n", "r.csv:2"),
    ("regions", "r.csv", "code,name\n320299,蠡湖新城\n", "missing ['level']"),
    ("regions", "r.csv", "code,name,short,aliases,level,parent\nabc,蠡湖新城,,,county,320200\n", "'abc'"),
    ("regions", "r.csv", "code,name,short,aliases,level,parent\nX320299,蠡湖新城,,,galaxy,320200\n", "'galaxy'"),
    ("regions", "r.csv", "code,name,short,aliases,level,parent\n320200,蠡湖新城,,,county,320000\n", "duplicate"),
    ("regions", "r.csv", "code,name,short,aliases,level,parent\nX320299,甲,,,county,\nX320299,乙,,,county,\n",
     "r.csv:3"),
    ("regions", "r.csv", "code,name,short,aliases,level,parent\nX320299,蠡湖新城,,,county,999999\n", "999999"),
]


@pytest.mark.parametrize("kind, name, body, expected", RULE_FILE_CASES, ids=[c[3] for c in RULE_FILE_CASES])
def test_5_malformed_rule_files_exit_2_naming_file_and_line(tmp_path, capsys, kind, name, body, expected):
    write(tmp_path / "a.txt", GDP)
    write(tmp_path / name, body)
    write(tmp_path / "factcheck.toml", f'[rules]\n{kind} = ["{name}"]\n')
    assert main([str(tmp_path / "a.txt"), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert expected in err and name in err and "Traceback" not in err


def test_5_a_gbk_region_file_is_refused(tmp_path, capsys):
    write(tmp_path / "a.txt", GDP)
    (tmp_path / "r.csv").write_bytes("code,name,level\nX320299,蠡湖新城,county\n".encode("gbk"))
    write(tmp_path / "factcheck.toml", '[rules]\nregions = ["r.csv"]\n')
    assert main([str(tmp_path / "a.txt"), "--no-cache"]) == 2
    assert "r.csv:2" in capsys.readouterr().err


def test_5_a_valid_region_file_with_a_bom_still_works(tmp_path):
    write(tmp_path / "a.txt", "蠡湖新城2024年地区生产总值300亿元。\n")
    (tmp_path / "r.csv").write_bytes("\ufeffcode,name,short,aliases,level,parent\nX320299,蠡湖新城,,,county,320200\n"
                                     .encode("utf-8"))
    write(tmp_path / "factcheck.toml", '[rules]\nregions = ["r.csv"]\n')
    out = tmp_path / "claims.json"
    assert main(["claims", str(tmp_path / "a.txt"), "--no-cache", "--format", "json", "-o", str(out)]) == 0
    assert any(c["region"] == "蠡湖新城" for c in json.loads(out.read_text(encoding="utf-8"))["claims"])


@pytest.fixture(scope="module")
def seed_claims(tmp_path_factory) -> list[dict]:
    folder = tmp_path_factory.mktemp("claims")
    out = folder / "seeds.jsonl"
    assert main(["claims", str(ROOT / "seeds"), "--no-cache", "--format", "jsonl", "-o", str(out)]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _with(records: list[dict], field: str, value) -> str:
    changed = [dict(r) for r in records]
    target = next(r for r in changed if r["type"] == "claim" and r["value"] is not None)
    target[field] = value
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in changed)


@pytest.mark.parametrize("field", ["value", "low", "high"])
@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e400", "1e-999999", "sNaN", 5, True, [1]])
def test_6_claims_with_numbers_that_are_no_figures(tmp_path, capsys, seed_claims, field, value):
    path = write(tmp_path / "c.jsonl", _with(seed_claims, field, value))
    out = tmp_path / "r.json"
    assert main(["check", "--claims", str(path), "--format", "json", "-o", str(out), "--fail-on", "never"]) == 2
    err = capsys.readouterr().err
    assert "line 3" in err and "Traceback" not in err
    assert json.loads(out.read_text(encoding="utf-8"))["findings"] is not None


@pytest.mark.parametrize("field, value", [("sentence", "x"), ("end", "9"), ("text", 5), ("line", 0),
                                          ("start", -1), ("end", 10**9), ("path", ["a"]), ("role", "boss"),
                                          ("low_open", "yes"), ("period", "2025年")])
def test_6_claims_with_fields_of_the_wrong_type(tmp_path, capsys, seed_claims, field, value):
    path = write(tmp_path / "c.jsonl", _with(seed_claims, field, value))
    assert main(["check", "--claims", str(path), "--format", "json", "-o", str(tmp_path / "r.json")]) == 2
    assert "not a valid claims record" in capsys.readouterr().err


def test_6_negative_zero_is_read(tmp_path, seed_claims):
    changed = [dict(r) for r in seed_claims]
    for r in changed:
        if r["type"] == "claim" and r["value"] is not None:
            r.update(value="-0", low="-0", high="0")
    path = write(tmp_path / "c.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in changed))
    assert main(["check", "--claims", str(path), "--format", "json", "-o", str(tmp_path / "r.json")]) in (0, 1)


def test_6_deeply_nested_claims_and_baselines(tmp_path, capsys):
    deep = "[" * 100_000 + "]" * 100_000 + "\n"
    path = write(tmp_path / "c.jsonl", deep)
    assert main(["check", "--claims", str(path), "--format", "json", "-o", str(tmp_path / "r.json")]) == 2
    assert "nested too deeply" in capsys.readouterr().err
    write(tmp_path / "a.txt", GDP)
    baseline = write(tmp_path / "b.json", '{"schema": "factcheck-baseline/1", "findings": ' + deep + "}")
    assert main([str(tmp_path / "a.txt"), "--no-cache", "--baseline", str(baseline)]) == 2
    assert "nested too deeply" in capsys.readouterr().err


@POSIX
def test_7_output_to_a_full_disk(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this platform")
    write(tmp_path / "a.txt", GDP)
    for args, kw in ((["-o", "/dev/full"], {}), ([], {"stdout": open("/dev/full", "wb")})):
        result = subprocess.run([*([EXE] if EXE else [sys.executable, "-m", "factcheck"]), str(tmp_path / "a.txt"),
                                 "--no-cache", "--format", "json", *args], stderr=subprocess.PIPE, timeout=120,
                                **({"stdout": subprocess.PIPE} | kw))
        no_traceback(result)
        assert result.returncode == 2 and b"No space left" in result.stderr


def test_7_stored_records_written_to_a_full_disk_are_an_output_error():
    """A warm JSON report writes its stored claim records to the stream's byte buffer: a write error there is
    the output's (exit 2), not an internal error."""
    import io

    from factcheck.app.outputs import GuardedStream, OutputError

    class Full(io.RawIOBase):
        def writable(self):
            return True

        def write(self, data):
            raise OSError(28, "No space left on device")

    stream = GuardedStream(io.TextIOWrapper(io.BufferedWriter(Full(), buffer_size=8), encoding="utf-8"), "f")
    with pytest.raises(OutputError, match="No space left"):
        stream.buffer.write(b"x" * 100)
    assert getattr(GuardedStream(io.StringIO(), "s"), "buffer", None) is None


@POSIX
def test_7_a_reader_that_closes_the_pipe_gets_no_traceback_and_no_message(tmp_path):
    write(tmp_path / "a.txt", SEED * 20)
    command = [EXE] if EXE else [sys.executable, "-m", "factcheck"]
    for fmt in ("json", "rich"):
        run = subprocess.Popen([*command, str(tmp_path / "a.txt"), "--no-cache", "--format", fmt],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        run.stdout.read(10)
        run.stdout.close()
        err = run.stderr.read()
        assert run.wait(timeout=120) == 2 and err == b"", err


@POSIX
def test_7_a_closed_stdout(tmp_path):
    write(tmp_path / "a.txt", GDP)
    command = " ".join([EXE] if EXE else [sys.executable, "-m", "factcheck"])
    result = subprocess.run(f"{command} {tmp_path / 'a.txt'} --no-cache --format json >&-", shell=True,
                            capture_output=True, timeout=120)
    no_traceback(result)
    assert result.returncode == 2 and b"closed" in result.stderr


def test_7_write_baseline_to_a_folder(tmp_path, capsys):
    write(tmp_path / "a.txt", DOUBLED)
    (tmp_path / "folder").mkdir()
    assert main([str(tmp_path / "a.txt"), "--no-cache", "--write-baseline", str(tmp_path / "folder")]) == 2
    assert "folder" in capsys.readouterr().err


def test_7_an_internal_error_exits_3_in_one_line(tmp_path, capsys, monkeypatch):
    from factcheck.formatters import jsonfmt

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(jsonfmt, "write_report", broken)
    write(tmp_path / "a.txt", GDP)
    assert main([str(tmp_path / "a.txt"), "--no-cache", "--format", "json", "-o", str(tmp_path / "r.json")]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "ZeroDivisionError: a bug" in err[0]
    assert not (tmp_path / "r.json").exists()  # the half-written report was not left behind


def test_7_one_documents_failure_is_its_error_entry(tmp_path, capsys, monkeypatch):
    import factcheck.extract.claims as claims_module

    real = claims_module.extract_document

    def fails_on_b(path, *args):
        if path.endswith("b.txt"):
            raise RecursionError("deep")
        return real(path, *args)

    monkeypatch.setattr(claims_module, "extract_document", fails_on_b)
    write(tmp_path / "a.txt", GDP)
    write(tmp_path / "b.txt", GDP)
    out = tmp_path / "r.json"
    assert main([str(tmp_path), "--no-cache", "--jobs", "1", "--format", "json", "-o", str(out)]) == 2
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [d["path"] for d in report["documents"]] == [str(tmp_path / "a.txt")]
    assert report["errors"][0]["path"].endswith("b.txt") and "RecursionError" in report["errors"][0]["message"]


def test_7_a_check_that_fails_on_one_document_spares_the_others(tmp_path, monkeypatch):
    from factcheck.checks.same_fact import ConflictingFigures

    real = ConflictingFigures.run

    def fails_with_c(self, ctx):
        if any(d.document.path.endswith("c.txt") for d in ctx.documents):
            raise KeyError("bug")
        return real(self, ctx)

    monkeypatch.setattr(ConflictingFigures, "run", fails_with_c)
    write(tmp_path / "a.txt", "截至2024年底，无锡累计牵头建设国家重点实验室4家。")
    write(tmp_path / "b.txt", "截至2024年底，无锡累计牵头建设国家重点实验室5家。")
    write(tmp_path / "c.txt", GDP)
    out = tmp_path / "r.json"
    assert main([str(tmp_path), "--no-cache", "--jobs", "1", "--format", "json", "-o", str(out)]) == 2
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [f["rule"] for f in report["findings"]] == ["FC101"]
    assert [e["path"].endswith("c.txt") for e in report["errors"]] == [True]


def test_8_a_folder_a_thousand_levels_deep(tmp_path):
    folder = tmp_path / "deep"
    os.makedirs(folder)
    current = str(folder)
    for _ in range(1000):
        current = os.path.join(current, "d")
        os.mkdir(current)
    write(Path(current) / "x.txt", GDP)
    from factcheck.text.documents import discover

    try:
        found, errors = discover([str(folder)])
        assert len(found) == 1 and found[0].endswith("x.txt") and not errors
    finally:  # bottom up: pytest's own clean-up of old temporary folders recurses, and would fail on this one
        os.remove(os.path.join(current, "x.txt"))
        while current != str(folder):
            os.rmdir(current)
            current = os.path.dirname(current)


# -- 9-13: hangs and superlinear time --------------------------------------------------------------------

@POSIX
def test_9_a_fifo_inside_a_folder_is_refused_not_waited_on(tmp_path):
    write(tmp_path / "a.txt", GDP)
    os.mkfifo(tmp_path / "pipe.txt")
    result = cli(tmp_path, "--no-cache", "--format", "json", timeout=60)
    assert result.returncode == 2 and b"pipe.txt" in result.stderr and b"not a regular file" in result.stderr
    assert len(json.loads(result.stdout)["documents"]) == 1


@POSIX
def test_9_a_fifo_put_where_a_document_was_is_not_waited_on(tmp_path):
    from factcheck.text.documents import FileError, read_document

    os.mkfifo(tmp_path / "a.txt")
    started = time.monotonic()
    assert isinstance(read_document(str(tmp_path / "a.txt")), FileError)
    assert time.monotonic() - started < 5


def test_10_claims_from_a_device_are_refused(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this platform")
    result = cli("check", "--claims", "/dev/zero", "--format", "json", timeout=60)
    assert result.returncode == 2 and b"refused" in result.stderr


def test_10_a_claims_line_without_end_is_bounded(tmp_path, monkeypatch):
    from factcheck.scale import interchange

    monkeypatch.setattr(interchange, "MAX_LINE", 1000)
    path = write(tmp_path / "c.jsonl", "x" * 5000)
    extraction = interchange.read_jsonl([str(path)])
    assert "longer than 1000" in extraction.errors[0].message


def test_11_digit_runs_are_linear():
    from factcheck.extract.periods import DocumentYears, find_periods

    started = time.monotonic()
    find_periods("1" * 160_000 + "年来", DocumentYears(2024, 2023))
    assert time.monotonic() - started < 5  # was more than 120 s


def test_11_a_huge_digit_run_in_a_document(tmp_path):
    write(tmp_path / "a.txt", "1" * 100_000 + "年来全市地区生产总值增长5.2%。\n")
    out = tmp_path / "r.json"
    assert main([str(tmp_path / "a.txt"), "--no-cache", "--format", "json", "-o", str(out)]) in (0, 1)


def test_12_a_line_is_read_for_year_markers_once(monkeypatch):
    """passage_year read the line from its start up to each figure: quadratic on a long line."""
    from factcheck.checks.base import CheckContext
    from factcheck.checks.evidence import local
    from factcheck.extract.claims import extract_document

    calls = []
    real = local._year_markers
    monkeypatch.setattr(local, "_year_markers", lambda segment, written: calls.append(len(segment)) or
                        real(segment, written))
    line = "全市地区生产总值增长5.2%，工业增加值增长6.1%，社会消费品零售总额增长4.3%，" * 50
    doc = extract_document("a.txt", line + "\n", "0" * 64, "utf-8")
    ctx = CheckContext((doc,))
    assert len(doc.claims) == 150
    for claim in doc.claims:
        local.passage_year(ctx, claim)
    assert sum(calls) < 2 * len(line)  # the line once (and each line's opening); was 150 prefixes of it


@pytest.mark.parametrize("unit", ["百分之", "翻一番", "1亿元左右", "增长5%"])
def test_12_figures_without_sentence_marks_are_linear(tmp_path, unit):
    from factcheck.app.api import check_paths

    check_paths([str(write(tmp_path / "warm.txt", GDP))])
    timings = []
    for size in (10_000, 40_000):
        path = write(tmp_path / f"{size}.txt", unit * (size // len(unit)))
        started = time.perf_counter()
        check_paths([str(path)])
        timings.append(time.perf_counter() - started)
    assert timings[1] < 8 * timings[0] + 1.0, timings  # linear is 4x; quadratic was 16x and more


def test_12_excerpts_of_a_long_line_are_windows(tmp_path):
    """Each finding's excerpt was its whole line: a thousand findings on a line of a megabyte, a gigabyte."""
    line = DOUBLED.strip() * 3000
    write(tmp_path / "a.txt", line + "\n")
    out = tmp_path / "r.json"
    assert main([str(tmp_path / "a.txt"), "--no-cache", "--format", "json", "-o", str(out), "--fail-on",
                 "never"]) == 0
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    spacing = [f for f in findings if f["rule"] == "FC704"]  # (FC702's one finding spans the whole line)
    assert len(spacing) == 3000 and all(len(f["location"]["excerpt"]) <= 420 for f in spacing)
    assert out.stat().st_size < 10_000_000  # (whole lines: 800 MB)


def test_13_fix_positions_index_each_text_once(tmp_path, monkeypatch):
    from factcheck.formatters import places

    built = []
    real = places.LineIndex
    monkeypatch.setattr(places, "LineIndex", lambda text: built.append(1) or real(text))
    write(tmp_path / "a.txt", DOUBLED * 300)
    out = tmp_path / "r.json"
    assert main([str(tmp_path / "a.txt"), "--no-cache", "--format", "json", "-o", str(out), "--fail-on",
                 "never"]) == 0
    assert sum(1 for f in json.loads(out.read_text(encoding="utf-8"))["findings"] if f.get("fix")) == 600
    assert len(built) == 1


def test_13_ignore_file_cost_is_not_entries_times_findings(tmp_path, monkeypatch):
    from factcheck.app import suppression

    write(tmp_path / "a.txt", DOUBLED * 200)
    entries = "".join(f"other{i}.txt FC702\n" for i in range(2000)) + "a.txt FC704 不会出现的片段\n"
    write(tmp_path / ".factcheckignore", entries)
    write(tmp_path / "factcheck.toml", "")
    tried = []
    real = suppression.rule_matches
    monkeypatch.setattr(suppression, "rule_matches", lambda *a: tried.append(1) or real(*a))
    out = tmp_path / "r.json"
    assert main([str(tmp_path / "a.txt"), "--no-cache", "--format", "json", "-o", str(out), "--fail-on",
                 "never"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["findings"]) == 400
    assert len(tried) < 10  # once per file and check, not per finding and entry (400 × 2,001)


def test_13_jobs_are_capped_at_the_cores(tmp_path, capsys):
    from factcheck.scale.pipeline import default_jobs

    write(tmp_path / "a.txt", GDP)
    assert main([str(tmp_path / "a.txt"), "--no-cache", "--jobs", "1000", "--format", "json", "-o",
                 str(tmp_path / "r.json")]) == 0
    assert f"capped at the {default_jobs()} available cores" in capsys.readouterr().err


# -- 14-17: wrong answers --------------------------------------------------------------------------------

@pytest.mark.parametrize("hidden", ["\u200b", "\u200d", "\ufeff", "\u2060", "\u00ad", "\u202e", "\u0301"])
def test_14_an_invisible_character_inside_a_figure(tmp_path, hidden):
    from factcheck.app.api import check_paths, extract_text

    claim = extract_text(f"2023年全市地区生产总值1{hidden}5456亿元，增长5.2%。").claims[0]
    assert (claim.quantity.value, claim.metric) == (1545600000000, "地区生产总值")
    labs = "截至2024年底，无锡累计牵头建设国家重点实验室{}家。\n"
    write(tmp_path / "agree" / "a.txt", labs.format(f"1{hidden}4"))
    write(tmp_path / "agree" / "b.txt", labs.format("14"))
    assert sorted(f.rule for f in check_paths([str(tmp_path / "agree")]).findings) == ["FC708"]
    write(tmp_path / "differ" / "a.txt", labs.format(f"1{hidden}4"))
    write(tmp_path / "differ" / "c.txt", labs.format("15"))
    assert sorted(f.rule for f in check_paths([str(tmp_path / "differ")]).findings) == ["FC101", "FC708"]


def test_14_fix_removes_the_hidden_characters(tmp_path):
    article = write(tmp_path / "a.txt", "收入1\ufeff000亿元，增长5\u200b.2%。\n")
    assert main([str(article), "--no-cache", "--fix", "--fail-on", "never"]) == 0
    assert article.read_text(encoding="utf-8") == "收入1000亿元，增长5.2%。\n"


def test_15_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    from factcheck.text import documents

    write(tmp_path / "a.txt", GDP)
    write(tmp_path / "locked" / "b.txt", GDP)
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(documents.os, "scandir", scandir)
    found, errors = documents.discover([str(tmp_path)])
    assert [Path(p).name for p in found] == ["a.txt"]
    assert errors[0].path.endswith("locked") and errors[0].level == "error"


@POSIX
def test_15_a_symlinked_subfolder_is_reported(tmp_path):
    write(tmp_path / "elsewhere" / "b.txt", GDP)
    write(tmp_path / "docs" / "a.txt", GDP)
    (tmp_path / "docs" / "linked").symlink_to(tmp_path / "elsewhere")
    result = cli(tmp_path / "docs", "--no-cache", "--format", "json")
    assert result.returncode == 0 and b"symlinked folder" in result.stderr


def test_16_fc702_says_what_fix_leaves(tmp_path):
    from factcheck.app.api import check_paths

    article = write(tmp_path / "a.txt", "我们要加快推进加快推进加快推进加快推进改革。\n")
    finding = next(f for f in check_paths([str(article)]).findings if f.rule == "FC702")
    assert "应为“加快推进”" in finding.message
    assert main([str(article), "--no-cache", "--fix", "--fail-on", "never"]) == 0
    assert article.read_text(encoding="utf-8") == "我们要加快推进改革。\n"


@POSIX
def test_17_the_cache_does_not_follow_a_symlinked_database(tmp_path):
    write(tmp_path / "a.txt", GDP)
    victim = tmp_path / "victim"
    victim.write_bytes(b"")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "claims.sqlite3").symlink_to(victim)
    result = cli(tmp_path / "a.txt", "--cache-dir", cache, "--format", "json")
    assert result.returncode == 0 and b"symlink" in result.stderr
    assert victim.read_bytes() == b""


# -- properties: whatever the document or the claims file, the run completes --------------------------------

REPORT_SCHEMA = json.loads((ROOT / "docs" / "schema" / "factcheck-report-1.json").read_text(encoding="utf-8"))
# Pieces of report text, figures and the characters that broke things, to mix with arbitrary code points.
FRAGMENTS = ["2023年", "全市地区生产总值", "15456亿元", "增长5.2%", "分别", "其中", "、", "，", "。", "\n", "\n\n",
             "百分之", "翻一番", "亿元左右", "左右", "以上", "超过", "约", "1" * 40, "二" * 30, "５．２％", "十四五",
             "年来",
             "比上年", "全覆盖", "设区市", "**", "# ", "\u200b", "\ufeff", "\u0301", "\u202e", "\ud800", "\x00",
             "4/3", "1∶2∶3", "第1位", "前列", "—", "至", "<!-- factcheck-disable FC101 -->", "\r\n"]
documents = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)


def _run_quietly(args: list[str]) -> tuple[int, str]:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(args)
    return code, err.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(documents, min_size=1, max_size=3), raw=st.one_of(st.none(), st.binary(max_size=200)))
def test_property_any_documents_complete_with_a_valid_report(texts, raw):
    import tempfile

    import jsonschema

    with tempfile.TemporaryDirectory() as folder:
        for i, text in enumerate(texts):
            Path(folder, f"{i}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
        if raw is not None:
            Path(folder, "raw.md").write_bytes(raw)
        out = Path(folder, "report.out")
        code, err = _run_quietly([folder, "--no-cache", "--jobs", "1", "--format", "json", "-o", str(out)])
        assert code in (0, 1, 2), err
        assert "Traceback" not in err and "internal error" not in err, err
        jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), REPORT_SCHEMA)


_CLAIMS: list[str] = []


def _small_claims_file() -> list[str]:
    """The JSONL lines of one short document's claims (made once)."""
    if not _CLAIMS:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            write(Path(folder) / "a.txt", "2023年全市地区生产总值15456亿元，增长5.2%，其中第一产业增加值500亿元。"
                                          "城镇、农村居民人均可支配收入分别增长5%、6.5%左右。\n")
            out = Path(folder) / "a.jsonl"
            assert main(["claims", folder, "--no-cache", "--format", "jsonl", "-o", str(out)]) == 0
            _CLAIMS.extend(out.read_text(encoding="utf-8").splitlines())
    return _CLAIMS


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8),
              st.sampled_from(["NaN", "Infinity", "-0", "1e400", "1e-999999", "0", "5.2", "-1", "2025", "2025-2030",
                               "\ud800", "percent", "growth_rate", "target"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.integers(0, 50), st.sampled_from(
    ["value", "low", "high", "start", "end", "line", "end_line", "column", "text", "path", "sentence", "role",
     "kind", "dimension", "qualifier", "period", "type", "claims", "sha256", "date", "region_code", "metric"]),
    json_values), max_size=4),
    cut=st.one_of(st.none(), st.integers(0, 400)), junk=st.one_of(st.none(), st.text(max_size=30)))
def test_property_any_claims_file_completes_with_a_valid_report(edits, cut, junk):
    import tempfile

    import jsonschema

    lines = list(_small_claims_file())
    for index, field, value in edits:
        at = index % len(lines)
        record = json.loads(lines[at])
        record[field] = value
        lines[at] = json.dumps(record, ensure_ascii=False)
    if cut is not None:
        at = cut % len(lines)
        lines[at] = lines[at][:cut]
    if junk is not None:
        lines.insert(len(lines) // 2, junk)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "c.jsonl")
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
        out = Path(folder, "report.out")
        code, err = _run_quietly(["check", "--claims", str(path), "--format", "json", "-o", str(out)])
        assert code in (0, 1, 2), err
        assert "Traceback" not in err and "internal error" not in err, err
        jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), REPORT_SCHEMA)


# -- 12, 13: scans bounded by a window, each stretch of text read once -----------------------------------------


class MeteredText(str):
    """A text that adds up how many characters its find and rfind calls read: from where each starts to what it
    finds (the whole range when it finds nothing)."""

    searched = 0

    def find(self, sub, start=None, end=None):  # type: ignore[override]
        start, end = _bounds(self, start, end)
        found = str.find(self, sub, start, end)
        self.searched += (end if found == -1 else found) - start
        return found

    def rfind(self, sub, start=None, end=None):  # type: ignore[override]
        start, end = _bounds(self, start, end)
        found = str.rfind(self, sub, start, end)
        self.searched += end - (start if found == -1 else found)
        return found


def _bounds(text: str, start: int | None, end: int | None) -> tuple[int, int]:
    start, end, _ = slice(start, end).indices(len(text))
    return start, max(start, end)


@pytest.mark.parametrize("find", ["doubled_runs", "fullwidth_digits", "hidden_characters"])
def test_12_line_defects_find_their_line_once(find):
    """Each defect's line was found by an rfind from the defect back to its line's start: on a line of
    a megabyte holding a defect every few characters, quadratic."""
    from factcheck.text import defects

    unit = {"doubled_runs": "加快推进加快推进，", "fullwidth_digits": "增长５％，",
            "hidden_characters": "增长\u200b5%，"}[find]
    line = unit * 2000
    lines = [line[:len(line) // 2], line[len(line) // 2:], "", "尾"]
    metered = MeteredText("\n".join(lines))
    found = getattr(defects, find)(metered)
    plain = getattr(defects, find)(str(metered))
    assert found == plain and len(found) >= 2  # per line holding the defect, a few thousand characters each
    assert metered.searched < 3 * len(metered)  # was about 2000 × the half line


def test_13_doubled_runs_splice_each_line_alone(monkeypatch):
    """The fixed text of each line of doubled runs was cut from the whole text with every edit applied: a
    copy of the file per line, quadratic in a file of such lines."""
    from factcheck.text import defects

    spliced = []
    real = defects.splice
    monkeypatch.setattr(defects, "splice", lambda text, edits: spliced.append(len(text)) or real(text, edits))
    text = DOUBLED * 500 + "加快推进加快推进加快推进加快推进。\n"
    found = defects.doubled_runs(text)
    assert len(found) == 501
    assert {d.suggestion for d in found} == {"全面提升", "加快推进"}
    assert sum(spliced) < 2 * len(text)  # each line's span once (and its own passes), not the file per line


def test_12_wrapped_lines_find_their_line_once():
    from factcheck.text.normalize import _mark_wraps

    text = MeteredText(("一" * 40 + "\n") * 2000)
    drop = bytearray(len(text))
    _mark_wraps(text, drop)
    assert text.searched < 3 * len(text)  # was the text from its start to each line break


def test_span_start_and_end_are_bounded_by_their_window():
    from factcheck.text.structure import span_end, span_start

    text = "甲，乙" + "丙" * 1000 + "丁，戊"
    assert span_start(text, 3, "，。", 400) == 2 and span_end(text, 3, "，。", 400) == 400 + 3
    assert span_start(text, len(text) - 1, "，。", 400) == len(text) - 1
    assert span_start(text, 500, "，。", 400) == 100 and span_end(text, 500, "，。", 400) == 900
    assert span_start(text, 3, "！", 400) == 0 and span_end(text, len(text) - 3, "！", 400) == len(text)
    assert span_start(text, 2, "，", 400) == 2  # a mark just before at: at is its clause's start


def _metered_document(text: str):
    from dataclasses import replace

    from factcheck.extract.claims import extract_document

    doc = extract_document("a.txt", text, "0" * 64, "utf-8")
    return replace(doc, document=replace(doc.document, text=MeteredText(doc.document.text)))


def test_12_respectively_clauses_are_read_within_a_window():
    """FC205 found a 分别 clause's ends by a find of each mark from 分别 to the text's ends: a mark the text
    never uses sent every 分别 to the start and the end of the text."""
    from factcheck.checks.base import CheckContext
    from factcheck.checks.parts_shares import RespectivelyMismatch

    sentence = "城镇、农村居民人均可支配收入分别增长5%、6%、7%。\n"
    doc = _metered_document(sentence * 400)
    findings = list(RespectivelyMismatch().run(CheckContext((doc,))))
    assert len(findings) == 400  # three values for two names, each time
    # each mark looked for within 400 characters each way of each 分别; was the text back to its start and on
    # to its end, for each mark the text does not use
    assert doc.document.text.searched < 20 * 400 * 400


def test_12_completion_statements_read_their_sentence_within_a_window():
    from factcheck.checks.target_claims import completion_claims

    doc = _metered_document("2023年主要目标任务全面完成，" * 3000 + "\n")
    assert len(list(completion_claims(doc))) == 3000
    assert doc.document.text.searched < 4 * 800 * 3000  # was the text back to its start, per statement


_bound = st.one_of(st.none(), st.integers(0, 6).map(Decimal))


@settings(max_examples=300, deadline=None)
@given(intervals=st.lists(st.tuples(_bound, st.booleans(), _bound, st.booleans()), min_size=1, max_size=12))
def test_13_agreeing_clusters_as_defined_pairwise(intervals):
    """Clusters are found from each cluster's ends, not by comparing a figure with every member (a figure
    stated a thousand times was a million comparisons): the same clusters as the pairwise definition."""
    from factcheck.checks.evidence.figures import agreeing_clusters, overlaps
    from factcheck.model.claims import Claim, Location, Quantity

    claims = [Claim(id=f"x:{i}", location=Location("a.txt", 1, i + 1, 1, i + 2, i, i + 1), text="1",
                    quantity=Quantity(None, low, high, low_open, high_open, "家", "count", "range"),
                    role="actual", kind="actual", aspect=None, region=None, region_code=None, metric=None,
                    metric_text=None, period=None, period_source=None, hedge=None, sentence=0)
              for i, (low, low_open, high, high_open) in enumerate(intervals)]
    expected: list[list[Claim]] = []
    for claim in sorted(claims, key=lambda c: (c.quantity.low if c.quantity.low is not None else
                                               c.quantity.high if c.quantity.high is not None else Decimal(0),
                                               c.location.start)):
        home = next((c for c in expected if all(overlaps(claim.quantity, o.quantity) for o in c)), None)
        if home is None:
            expected.append([claim])
        else:
            home.append(claim)
    assert agreeing_clusters(claims) == sorted(expected, key=len, reverse=True)


def test_12_a_defect_quotes_a_window_of_a_long_line(tmp_path):
    """FC702 quoted the span from a line's first doubled run to its last, and what --fix leaves of it: on a
    60 MB line of reports, a message of 125 MB. A line's defects are grouped within MAX_DEFECT_SPAN."""
    from factcheck.text.defects import MAX_DEFECT_SPAN, doubled_runs

    line = ("坚定不移发展实体经济坚定不移发展实体经济，" + "夯实高质量发展的产业基础。" * 40) * 300
    found = doubled_runs(line + "\n")
    assert len(found) >= 30  # the line is 162,300 characters
    assert all(d.end - d.start < MAX_DEFECT_SPAN + 40 and len(d.suggestion) < MAX_DEFECT_SPAN + 40 for d in found)
    assert sum(len(d.edits) for d in found) == 300  # every doubling still fixed
    short = "坚定不移发展实体经济坚定不移发展实体经济，夯实基础。加快推进加快推进改革。\n"
    assert len(doubled_runs(short)) == 1  # a line of real text: one finding, as before
