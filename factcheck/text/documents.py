"""Find and decode documents. Bad input becomes a per-file error value, never an exception."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from factcheck.model.claims import FileError

SUFFIXES = (".txt", ".md", ".markdown")
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    path: str
    text: str
    encoding: str  # "utf-8", "utf-8-sig" or "gb18030"
    sha256: str


def discover(paths: list[str]) -> tuple[list[str], list[FileError]]:
    """Expand folders recursively (sorted, hidden folders and files skipped); keep files as given."""
    found: list[str] = []
    errors: list[FileError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                        found.append(str(Path(root) / name))
        elif path.is_file():
            found.append(str(path))
        elif path.exists():
            errors.append(FileError(raw, "不是普通文件或文件夹 (not a regular file or folder)"))
        else:
            errors.append(FileError(raw, "文件不存在 (no such file or folder)"))
    unique = list(dict.fromkeys(found))
    return unique, errors


def decode(path: str, data: bytes) -> SourceText | FileError:
    if len(data) > MAX_BYTES:
        return FileError(path, f"文件过大 ({len(data) / 1048576:.1f} MiB, 上限 {MAX_BYTES // 1048576} MiB) "
                               "(file too large)")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return FileError(path, "二进制文件，已跳过 (binary file skipped)")
    sha = hashlib.sha256(data).hexdigest()
    candidates: tuple[str, ...]
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ("utf-8-sig",)
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _looks_like_text(text):
            break
        return SourceText(path, text, encoding, sha)
    return FileError(path, "无法识别的编码：既不是 UTF-8 也不是 GB18030 (undecodable: not UTF-8 or GB18030)")


def read_document(path: str) -> SourceText | FileError:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return FileError(path, f"无法读取 (cannot read): {exc.strerror or exc}")
    return decode(path, data)


def _looks_like_text(text: str) -> bool:
    # GB18030 decodes almost any byte string; accept it only when the result is mostly CJK, ASCII text
    # and punctuation, not a soup of rare code points from a binary file.
    if not text:
        return True
    sample = text[:4000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return control / len(sample) < 0.01
