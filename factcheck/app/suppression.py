"""Saying "this one is fine": inline directives in Markdown, .factcheckignore files, and a baseline.

Inline (Markdown only; plain text has no comment syntax):
    <!-- factcheck-disable FC101 -->  …  <!-- factcheck-enable -->
    <!-- factcheck-disable-next-line FC701 -- 引文原样保留 -->
.factcheckignore, one entry a line: a path glob (relative to the file's folder; a glob without "/" matches
the file name anywhere below), codes, and optionally a fragment of the finding's line:
    seeds/002_*.txt   FC704
    *.txt             FC701   不同阶段、不同阶段
A baseline records findings by path, code, key and the claims' texts, never by line, so edits above a
finding do not bring it back.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from factcheck.model.findings import Finding, rule_matches

IGNORE_FILE = ".factcheckignore"
BASELINE_FILE = ".factcheck-baseline.json"
BASELINE_SCHEMA = "factcheck-baseline/1"
_MARKDOWN = (".md", ".markdown")

_DIRECTIVE = regex.compile(r"<!--\s*factcheck-(disable-next-line|disable|enable)\b(.*?)-->", regex.S)


@dataclass(frozen=True, slots=True)
class Silenced:
    first_line: int
    last_line: int            # inclusive; a very large number for a disable never re-enabled
    patterns: tuple[str, ...]  # codes, code prefixes or names; empty means every check


def inline_directives(text: str) -> list[Silenced]:
    from bisect import bisect_right

    lines = text.split("\n")
    starts, at = [0], 0
    for line_text in lines[:-1]:
        at += len(line_text) + 1
        starts.append(at)
    out: list[Silenced] = []
    open_blocks: list[tuple[int, tuple[str, ...]]] = []
    for m in _DIRECTIVE.finditer(text):
        kind, patterns = m.group(1), _patterns(m.group(2))
        line = bisect_right(starts, m.start())  # 1-based: a directive's line without counting from the top
        if kind == "disable-next-line":
            target = _next_content_line(lines, bisect_right(starts, m.end()))
            out.append(Silenced(target, target, patterns))
        elif kind == "disable":
            open_blocks.append((line, patterns))
        else:
            still_open = []
            for start, codes in open_blocks:
                if not patterns or not codes or set(codes) <= set(patterns):
                    out.append(Silenced(start, line, codes))
                else:
                    out.append(Silenced(start, line, tuple(c for c in codes if c in patterns)))
                    still_open.append((start, tuple(c for c in codes if c not in patterns)))
            open_blocks = still_open
    out.extend(Silenced(start, 1 << 30, codes) for start, codes in open_blocks)
    return out


def _patterns(body: str) -> tuple[str, ...]:
    body = body.split(" -- ", 1)[0] if " -- " in body else body.rstrip("- ")
    return tuple(p for p in regex.split(r"[,\s]+", body.strip()) if p)


def _next_content_line(lines: list[str], after: int) -> int:
    """The line a disable-next-line speaks of: the next line with text (Markdown puts blank lines between)."""
    for number in range(after + 1, len(lines) + 1):
        if lines[number - 1].strip():
            return number
    return after + 1


def silenced_inline(finding: Finding, directives: list[Silenced]) -> bool:
    line = finding.place.location.line
    return any(d.first_line <= line <= d.last_line and (not d.patterns or rule_matches(finding.rule, finding.name, d.patterns))
               for d in directives)


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    folder: Path
    glob: regex.Pattern
    patterns: tuple[str, ...]
    fragment: str

    def takes(self, path: Path) -> bool:
        """Whether the entry's glob, from its folder, takes the file."""
        try:
            relative = path.relative_to(self.folder).as_posix()
        except ValueError:
            return False
        return bool(self.glob.fullmatch(relative))

    def matches(self, finding: Finding, path: Path) -> bool:
        try:
            relative = path.relative_to(self.folder).as_posix()
        except ValueError:
            return False
        return (bool(self.glob.fullmatch(relative)) and rule_matches(finding.rule, finding.name, self.patterns)
                and (not self.fragment or self.fragment in finding.place.excerpt))


class IgnoreFileError(Exception):
    pass


def glob_pattern(glob: str) -> regex.Pattern:
    """gitignore-style: ** spans folders, * and ? stay inside one; a glob without / matches a name anywhere."""
    anchored = "/" in glob.strip("/")
    out = []
    i = 0
    glob = glob.strip("/")
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(regex.escape(glob[i]))
            i += 1
    body = "".join(out)
    return regex.compile(body if anchored else f"(?:.*/)?{body}")


@cache
def _ignore_entries_in(folder: Path) -> tuple[IgnoreEntry, ...]:
    path = folder / IGNORE_FILE
    if not path.is_file():
        return ()
    entries = []
    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 2:
            raise IgnoreFileError(f"{path}:{number}: 需要“路径模式 代码 [文字片段]” (expected: GLOB CODES [TEXT])")
        entries.append(IgnoreEntry(folder, glob_pattern(parts[0]), tuple(p for p in parts[1].split(",") if p),
                                   parts[2].strip() if len(parts) > 2 else ""))
    return tuple(entries)


def ignore_entries(path: Path, stop: Path | None) -> list[IgnoreEntry]:
    """The entries of every .factcheckignore from the file's folder up to stop (the config's folder), or up to
    the repository root (a folder holding .git) when there is no config above the file."""
    entries: list[IgnoreEntry] = []
    for folder in path.resolve().parents:
        entries.extend(_ignore_entries_in(folder))
        if folder == stop or (folder / ".git").exists():
            break
    return entries


def silenced_by_ignore_files(finding: Finding, stop: Path | None, known: dict | None = None) -> bool:
    """known: per file already asked about in this run, the entries whose glob takes it and, per check, what
    silences that check's findings there (a run has many findings per file, and finding the entries walks
    the folders up to the root; a .factcheckignore of thousands of entries is read once per file and
    check, not once per finding)."""
    name = finding.place.location.path
    found = known.get(name) if known is not None else None
    if found is None:
        path = Path(name).resolve()
        found = ([e for e in ignore_entries(path, stop) if e.takes(path)], {})
        if known is not None:
            known[name] = found
    entries, by_check = found
    verdict = by_check.get((finding.rule, finding.name))
    if verdict is None:
        verdict = by_check[(finding.rule, finding.name)] = _verdict(
            [e for e in entries if rule_matches(finding.rule, finding.name, e.patterns)])
    if isinstance(verdict, bool):
        return verdict
    return verdict.search(finding.place.excerpt) is not None


def _verdict(entries: list[IgnoreEntry]) -> bool | regex.Pattern:
    """True when an entry silences every finding of the check in the file, False when none does, else a
    pattern of the fragments one of which the finding's line must hold."""
    if not entries:
        return False
    if any(not e.fragment for e in entries):
        return True
    return regex.compile("|".join(regex.escape(f) for f in sorted({e.fragment for e in entries})))


def apply_suppressions(findings: Iterable[Finding], texts: dict[str, str], stop: Path | None) -> tuple[list[Finding], int]:
    """Findings not silenced inline or by a .factcheckignore, and how many were silenced."""
    directives = {path: inline_directives(text) for path, text in texts.items()
                  if path.lower().endswith(_MARKDOWN) and "factcheck-" in text}
    kept = []
    silenced = 0
    known: dict = {}
    for finding in findings:
        path = finding.place.location.path
        if silenced_inline(finding, directives.get(path, [])) or silenced_by_ignore_files(finding, stop, known):
            silenced += 1
        else:
            kept.append(finding)
    return kept, silenced


# The baseline.

def _baseline_key(finding: Finding, base: Path) -> tuple:
    path = os.path.relpath(os.path.abspath(finding.place.location.path), base).replace(os.sep, "/")
    return (path, finding.rule, finding.key, tuple(sorted(finding.related_texts())))


def baseline_document(findings: Iterable[Finding], base: Path) -> dict:
    from factcheck import __version__

    entries = []
    for f in findings:
        path, rule, key, texts = _baseline_key(f, base)
        entries.append({"path": path, "rule": rule, "key": key, "texts": list(texts),
                        "line": f.place.location.line, "message": f.message})
    return {"schema": BASELINE_SCHEMA, "tool": {"name": "factcheck", "version": __version__}, "findings": entries}


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    from factcheck.app.fixes import write_atomically

    document = baseline_document(findings, path.resolve().parent)
    write_atomically(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return len(document["findings"])


class BaselineError(Exception):
    pass


MAX_BASELINE = 256 * 1024 * 1024


def read_baseline(path: Path) -> Counter:
    """The baseline's entries. Bounded: a regular file of at most MAX_BASELINE bytes, JSON no deeper than the
    parser's recursion limit, entries of the shape baseline_document writes."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise BaselineError(f"{path}: 基线不是普通文件 (the baseline is not a regular file)")
            data = handle.read(MAX_BASELINE + 1)
    except OSError as exc:
        raise BaselineError(f"{path}: 无法读取基线文件 (cannot read baseline): {exc.strerror or exc}") from None
    if len(data) > MAX_BASELINE:
        raise BaselineError(f"{path}: 基线文件过大 (larger than {MAX_BASELINE // 1048576} MiB)")
    try:
        document = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise BaselineError(f"{path}: 基线文件嵌套过深 (nested too deeply)") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: 基线文件不是合法的 JSON (invalid JSON): {str(exc)[:200]}") from None
    if not isinstance(document, dict) or document.get("schema") != BASELINE_SCHEMA:
        raise BaselineError(f"{path}: 不是 {BASELINE_SCHEMA} 基线文件 (not a factcheck baseline)")
    try:
        entries = Counter()
        for e in document["findings"]:
            key = (e["path"], e["rule"], e["key"], tuple(e["texts"]))
            if not all(isinstance(part, str) for part in (*key[:3], *key[3])):
                raise TypeError("path, rule, key and texts must be strings")
            entries[key] += 1
        return entries
    except (KeyError, TypeError) as exc:
        raise BaselineError(f"{path}: 基线条目缺少字段 (malformed entry): {exc}") from None


def new_since_baseline(findings: Iterable[Finding], baseline: Counter, base: Path) -> tuple[list[Finding], int]:
    """Findings the baseline does not hold, and how many it held back (as many of one key as it recorded)."""
    remaining = Counter(baseline)
    kept = []
    known = 0
    for f in findings:
        key = _baseline_key(f, base)
        if remaining[key] > 0:
            remaining[key] -= 1
            known += 1
        else:
            kept.append(f)
    return kept, known
