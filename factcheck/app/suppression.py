"""Saying "this one is fine": inline directives in Markdown, .factcheckignore files, and a baseline.

Inline (Markdown only; plain text has no comment syntax):
    <!-- factcheck-disable FC101 -->  …  <!-- factcheck-enable -->
    <!-- factcheck-disable-next-line FC701 -- 引文原样保留 -->
.factcheckignore, one entry a line: a path pattern with gitignore's rules (relative to the file's folder; one
without "/" matches a file or folder name anywhere below), codes, and optionally a fragment of the finding's line:
    seeds/002_*.txt   FC704
    *.txt             FC701   不同阶段、不同阶段
A code that names no check is an error (a typo would silence nothing and pass), and each suppression
remembers whether it silenced anything, for --report-unused-suppressions.
A baseline records findings by path, code, key and the claims' texts, never by line, so edits above a
finding do not bring it back.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from factcheck import __version__
from factcheck.app.fixes import write_atomically
from factcheck.checks.selection import unknown_patterns_message
from factcheck.model.claims import FileError
from factcheck.model.findings import Finding, rule_matches

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

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
    line: int = 0             # the line of the directive that opened it
    text: str = ""            # that directive as written


@dataclass(frozen=True, slots=True)
class Unused:
    """A suppression that silenced nothing: an inline directive or a .factcheckignore line."""

    path: str
    line: int
    text: str


def inline_directives(text: str) -> list[Silenced]:
    from bisect import bisect_right

    lines = text.split("\n")
    starts, at = [0], 0
    for line_text in lines[:-1]:
        at += len(line_text) + 1
        starts.append(at)
    out: list[Silenced] = []
    open_blocks: list[tuple[int, tuple[str, ...], str]] = []
    for m in _DIRECTIVE.finditer(text):
        kind, patterns = m.group(1), _patterns(m.group(2))
        line = bisect_right(starts, m.start())  # 1-based: a directive's line without counting from the top
        if kind == "disable-next-line":
            target = _next_content_line(lines, bisect_right(starts, m.end()))
            out.append(Silenced(target, target, patterns, line, m.group(0)))
        elif kind == "disable":
            open_blocks.append((line, patterns, m.group(0)))
        else:
            still_open = []
            for start, codes, written in open_blocks:
                if not patterns or not codes or set(codes) <= set(patterns):
                    out.append(Silenced(start, line, codes, start, written))
                else:
                    out.append(Silenced(start, line, tuple(c for c in codes if c in patterns), start, written))
                    still_open.append((start, tuple(c for c in codes if c not in patterns), written))
            open_blocks = still_open
    out.extend(Silenced(start, 1 << 30, codes, start, written) for start, codes, written in open_blocks)
    return out


def directive_errors(path: str, text: str) -> list[FileError]:
    """A message for each directive (enable included) that names a check that does not exist."""
    errors = []
    for m in _DIRECTIVE.finditer(text):
        unknown = unknown_patterns_message(_patterns(m.group(2)))
        if unknown:
            line = text.count("\n", 0, m.start()) + 1
            errors.append(FileError(path, f"第 {line} 行的抑制注释 (suppression comment, line {line}): {unknown}"))
    return errors


def _patterns(body: str) -> tuple[str, ...]:
    body = body.split(" -- ", 1)[0] if " -- " in body else body.rstrip("- ")
    return tuple(p for p in regex.split(r"[,\s]+", body.strip()) if p)


def _next_content_line(lines: list[str], after: int) -> int:
    """The line a disable-next-line speaks of: the next line with text (Markdown puts blank lines between)."""
    for number in range(after + 1, len(lines) + 1):
        if lines[number - 1].strip():
            return number
    return after + 1


def silenced_inline(finding: Finding, directives: list[Silenced]) -> Silenced | None:
    """The directive that silences the finding, if one does."""
    line = finding.place.location.line
    return next((d for d in directives if d.first_line <= line <= d.last_line
                 and (not d.patterns or rule_matches(finding.rule, finding.name, d.patterns))), None)


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    folder: Path
    glob: GitIgnoreSpec       # the entry's one pattern
    patterns: tuple[str, ...]
    fragment: str
    source: Path = Path()     # the .factcheckignore it was read from
    line: int = 0
    text: str = ""

    def covers(self, path: Path) -> bool:
        try:
            relative = path.relative_to(self.folder).as_posix()
        except ValueError:
            return False
        return self.glob.match_file(relative)

    def silences(self, finding: Finding) -> bool:
        """Whether the entry silences the finding in a file it covers."""
        return rule_matches(finding.rule, finding.name, self.patterns) and (
            not self.fragment or self.fragment in finding.place.excerpt)


class IgnoreFileError(Exception):
    pass


def path_spec(patterns: Iterable[str]):
    """gitignore's rules (pathspec's GitIgnoreSpec): `drafts`, `drafts/` and `/drafts` name a folder and
    everything in it, `drafts/*` reaches into its subfolders too, `**` spans folders, a pattern without an
    inner / matches a name at any depth, `!` re-includes."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


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
        codes = tuple(p for p in parts[1].split(",") if p)
        unknown = unknown_patterns_message(codes)
        if unknown:
            raise IgnoreFileError(f"{path}:{number}: {unknown}")
        entries.append(IgnoreEntry(folder, path_spec([parts[0]]), codes, parts[2].strip() if len(parts) > 2 else "",
                                   path, number, line))
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


def silenced_by_ignore_files(finding: Finding, stop: Path | None, known: dict | None = None) -> IgnoreEntry | None:
    """The entry that silences the finding, if one does. known: per file already asked about in this run, the
    entries that cover it and, per check, what silences that check's findings there (a run has many findings
    per file, and finding the entries walks the folders up to the root; a .factcheckignore of thousands of
    entries is matched once per file and check, not once per finding)."""
    by_check = _entries_of(finding.place.location.path, stop, known)
    verdict = by_check.get((finding.rule, finding.name))
    if verdict is None:
        verdict = by_check[(finding.rule, finding.name)] = _verdict(
            [e for e in by_check[None] if rule_matches(finding.rule, finding.name, e.patterns)])
    whole, fragments, pattern = verdict
    if whole is not None:
        return whole
    if pattern is None:
        return None
    m = pattern.search(finding.place.excerpt)
    return fragments[m.group()] if m else None


def _verdict(entries: list[IgnoreEntry]) -> tuple[IgnoreEntry | None, dict[str, IgnoreEntry], regex.Pattern | None]:
    """(the first entry that silences every finding of the check in the file, the entries by fragment, a
    pattern of the fragments one of which a finding's line must hold)."""
    whole = next((e for e in entries if not e.fragment), None)
    fragments: dict[str, IgnoreEntry] = {}
    for e in entries:
        if e.fragment:
            fragments.setdefault(e.fragment, e)
    # longest first: the alternation then reports the longest fragment found at a place
    alternatives = sorted(fragments, key=len, reverse=True)
    pattern = regex.compile("|".join(regex.escape(f) for f in alternatives)) if alternatives else None
    return whole, fragments, pattern


def _entries_of(name: str, stop: Path | None, known: dict | None) -> dict:
    found = known.get(name) if known is not None else None
    if found is None:
        path = Path(name).resolve()
        found = {None: [e for e in ignore_entries(path, stop) if e.covers(path)]}
        if known is not None:
            known[name] = found
    return found


@dataclass
class Suppressions:
    """What apply_suppressions did: the findings kept, how many it silenced, the directives naming unknown
    checks, and (when asked) the suppressions that silenced nothing."""

    kept: list[Finding]
    silenced: int = 0
    errors: list[FileError] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)


def apply_suppressions(findings: Iterable[Finding], texts: dict[str, str], stop: Path | None,
                       unused_in: Iterable[str] | None = None, ran=None) -> Suppressions:
    """Findings not silenced inline or by a .factcheckignore. unused_in: the files whose directives and
    .factcheckignore lines are reported when they silenced nothing (the focus files; None: not asked);
    ran(patterns): whether a suppression names a check the run used (one about a check that did not run
    cannot be judged unused)."""
    directives: dict[str, list[Silenced]] = {}
    errors: list[FileError] = []
    for path, text in texts.items():
        if path.lower().endswith(_MARKDOWN) and "factcheck-" in text:
            directives[path] = inline_directives(text)
            errors.extend(directive_errors(path, text))
    result = Suppressions([], errors=errors)
    used_directives: set[tuple[str, int]] = set()
    used_entries: set[tuple[Path, int]] = set()
    known: dict = {}
    for finding in findings:
        path = finding.place.location.path
        directive = silenced_inline(finding, directives.get(path, []))
        entry = None if directive is not None else silenced_by_ignore_files(finding, stop, known)
        if directive is not None:
            used_directives.add((path, directive.line))
        elif entry is not None:
            used_entries.add((entry.source, entry.line))
        else:
            result.kept.append(finding)
            continue
        result.silenced += 1
    if unused_in is not None:
        result.unused = _unused(list(unused_in), directives, used_directives, used_entries, stop, known,
                                ran or (lambda patterns: True))
    return result


def _unused(paths: list[str], directives: dict[str, list[Silenced]], used_directives: set, used_entries: set,
            stop: Path | None, known: dict, ran) -> list[Unused]:
    out: list[Unused] = []
    for path in paths:
        seen: set[int] = set()
        for d in directives.get(path, []):
            if d.line not in seen and (path, d.line) not in used_directives and ran(d.patterns):
                seen.add(d.line)
                out.append(Unused(path, d.line, d.text))
    entries: dict[tuple[Path, int], IgnoreEntry] = {}
    for path in paths:
        for entry in _entries_of(path, stop, known)[None]:
            entries[(entry.source, entry.line)] = entry
    for key, entry in sorted(entries.items(), key=lambda item: (str(item[0][0]), item[0][1])):
        if key not in used_entries and ran(entry.patterns):
            out.append(Unused(os.path.relpath(entry.source), entry.line, entry.text))
    return out


# The baseline.

def _baseline_key(finding: Finding, base: Path) -> tuple:
    path = os.path.relpath(os.path.abspath(finding.place.location.path), base).replace(os.sep, "/")
    return (path, finding.rule, finding.key, tuple(sorted(finding.related_texts())))


def baseline_document(findings: Iterable[Finding], base: Path) -> dict:
    entries = []
    for f in findings:
        path, rule, key, texts = _baseline_key(f, base)
        entries.append({"path": path, "rule": rule, "key": key, "texts": list(texts),
                        "line": f.place.location.line, "message": f.message})
    return {"schema": BASELINE_SCHEMA, "tool": {"name": "factcheck", "version": __version__}, "findings": entries}


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
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
        entries: Counter[tuple[str, str, str, tuple[str, ...]]] = Counter()
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
