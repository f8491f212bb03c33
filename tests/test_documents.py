"""Reading files: encodings detected, bad files reported per file, folders walked in order."""

from factcheck.app.api import extract_paths
from factcheck.text.documents import decode, discover

TEXT = "江苏国家先进制造业集群增至14个。"


def test_utf8_bom_and_gb18030_are_detected():
    assert decode("a", TEXT.encode("utf-8")).encoding == "utf-8"
    assert decode("a", b"\xef\xbb\xbf" + TEXT.encode("utf-8")).encoding == "utf-8-sig"
    gb = decode("a", TEXT.encode("gb18030"))
    assert gb.encoding == "gb18030" and gb.text == TEXT


def test_binary_and_undecodable_files_are_errors_not_crashes():
    assert decode("a", b"\x89PNG\r\n\x1a\n\x00\x00\x00").message.startswith("二进制")
    assert "编码" in decode("a", bytes(range(128, 256)) * 4).message


def test_folder_walk_is_sorted_recursive_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    files, errors = discover([str(tmp_path)])
    assert [f.removeprefix(str(tmp_path)) for f in files] == ["/a.txt", "/b/2.md"]
    assert errors == []


def test_bad_files_do_not_stop_the_others(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "gbk.txt").write_bytes(TEXT.encode("gb18030"))
    result = extract_paths([str(tmp_path), str(tmp_path / "missing.txt")])
    assert sorted(d.document.path.rsplit("/", 1)[1] for d in result.documents) == ["empty.txt", "gbk.txt", "good.txt"]
    levels = {e.path.rsplit("/", 1)[1]: e.level for e in result.errors}
    assert levels == {"bin.txt": "error", "empty.txt": "warning", "missing.txt": "error"}
    assert all(len(d.claims) == 1 for d in result.documents if not d.document.path.endswith("empty.txt"))
