"""Find and decode documents. Bad input becomes a per-file error value, never an exception."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from factcheck.model.claims import FileError

SUFFIXES = (".txt", ".md", ".markdown")
# A repository's own files, not articles: skipped inside a folder that is walked, read when named.
META_NAMES = frozenset({"README", "SOURCES", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING"})
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    path: str
    text: str
    encoding: str  # "utf-8", "utf-8-sig" or "gb18030"
    sha256: str


def discover(paths: list[str]) -> tuple[list[str], list[FileError]]:
    """Expand folders recursively (sorted; hidden folders and files, and README, SOURCES, LICENSE, CHANGELOG and
    CONTRIBUTING files skipped); keep files as given. What is not read is said: a subfolder that cannot be
    listed (an error), a symlinked subfolder (a warning: not followed), a FIFO, device or socket among the
    files (an error: reading one would block or never end)."""
    found: list[str] = []
    errors: list[FileError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            _walk(str(path), found, errors)
        elif path.is_file():
            found.append(str(path))
        elif path.exists():
            errors.append(FileError(raw, NOT_REGULAR))
        else:
            errors.append(FileError(raw, "文件不存在 (no such file or folder)"))
    unique = list(dict.fromkeys(found))
    return unique, errors


NOT_REGULAR = "不是普通文件或文件夹 (not a regular file or folder)"


def _walk(top: str, found: list[str], errors: list[FileError]) -> None:
    """os.walk's order (a folder's files, then its subfolders, each sorted), without recursion: a folder a
    thousand levels deep is walked like any other."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            errors.append(FileError(folder, f"无法读取文件夹 (cannot read folder): {exc.strerror or exc}"))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.is_symlink():
                    errors.append(FileError(entry.path, "符号链接的文件夹，未进入 (symlinked folder, not followed)",
                                            "warning"))
                else:
                    subfolders.append(entry.path)
            elif entry.name.lower().endswith(SUFFIXES) and not is_meta_file(entry.name):
                try:
                    regular = stat.S_ISREG(os.stat(entry.path).st_mode)
                except OSError as exc:
                    errors.append(FileError(entry.path, f"无法读取 (cannot read): {exc.strerror or exc}"))
                    continue
                if regular:
                    found.append(entry.path)
                else:
                    errors.append(FileError(entry.path, NOT_REGULAR))
        stack.extend(reversed(subfolders))


def is_meta_file(name: str) -> bool:
    """README.md, SOURCES.md, LICENSE.txt, CHANGELOG.md, CONTRIBUTING.md (any case): about the folder, not in it."""
    return name.split(".", 1)[0].upper() in META_NAMES


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
    """The decoded file, or why not. Opened without blocking and checked to be a regular file: a FIFO put
    where a document was (after discovery) is refused, not waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return FileError(path, NOT_REGULAR)
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
