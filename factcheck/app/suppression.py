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
    lines = text.split("\n")
    out: list[Silenced] = []
    open_blocks: list[tuple[int, tuple[str, ...]]] = []
    for m in _DIRECTIVE.finditer(text):
        kind, patterns = m.group(1), _patterns(m.group(2))
        line = text.count("\n", 0, m.start()) + 1
        if kind == "disable-next-line":
            target = _next_content_line(lines, text.count("\n", 0, m.end()) + 1)
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
    return any(d.first_line <= line <= d.last_line
               and (not d.patterns or rule_matches(finding.rule, finding.name, d.patterns))
               for d in directives)


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    folder: Path
    glob: regex.Pattern
    patterns: tuple[str, ...]
    fragment: str

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
    """known: the resolved path and entries of each file already asked about in this run (a run has many
    findings per file, and finding the entries walks the folders up to the root)."""
    name = finding.place.location.path
    found = known.get(name) if known is not None else None
    if found is None:
        path = Path(name).resolve()
        found = (path, ignore_entries(path, stop))
        if known is not None:
            known[name] = found
    path, entries = found
    return any(entry.matches(finding, path) for entry in entries)


def apply_suppressions(findings: Iterable[Finding], texts: dict[str, str],
                       stop: Path | None) -> tuple[list[Finding], int]:
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


def read_baseline(path: Path) -> Counter:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: 无法读取基线文件 (cannot read baseline): {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: 基线文件不是合法的 JSON (invalid JSON): {exc}") from None
    if not isinstance(document, dict) or document.get("schema") != BASELINE_SCHEMA:
        raise BaselineError(f"{path}: 不是 {BASELINE_SCHEMA} 基线文件 (not a factcheck baseline)")
    try:
        return Counter((e["path"], e["rule"], e["key"], tuple(e["texts"])) for e in document["findings"])
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
