"""A project's own rule data ([rules] metrics and regions in the config), validated when the config is read:
a file that would crash the run or be misread later (not TOML, not UTF-8, an alias list that is a number, a
CSV row short of a column, a level nobody knows, a code that is no code, a code given twice) is refused
then, with the file and line, so the run exits 2 before it reads a document."""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

from factcheck.extract.regions.gazetteer import LEVELS, read_rows
from factcheck.vocab.files import rules_path

MAX_RULE_FILE = 16 * 1024 * 1024
REGION_COLUMNS = ("code", "name", "short", "aliases", "level", "parent")
REQUIRED_COLUMNS = ("code", "name", "level")
# The shipped codes are 6-digit adcodes and Z + 6 digits for parks; a project's own may add a letter too.
_CODE = re.compile(r"[A-Z]?\d{6}")


class RuleFileError(Exception):
    """The message names the file, the line where there is one, and what is wrong."""


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RuleFileError(f"{path}: 无法读取 (cannot read): {exc.strerror or exc}") from None
    if len(data) > MAX_RULE_FILE:
        raise RuleFileError(f"{path}: 文件过大 (larger than {MAX_RULE_FILE // 1048576} MiB)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise RuleFileError(f"{path}:{line}: 不是 UTF-8 编码 (not UTF-8)") from None


def check_metric_file(path: Path) -> None:
    """A TOML file whose [aliases] table maps metric names to lists of alias strings."""
    try:
        data = tomllib.loads(_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{path}: 不是合法的 TOML (invalid TOML): {exc}") from None
    aliases = data.get("aliases")
    if not isinstance(aliases, dict):
        raise RuleFileError(f"{path}: 需要 [aliases] 表 (expected an [aliases] table of name = [\"alias\", …])")
    for name, words in aliases.items():
        if not name.strip():
            raise RuleFileError(f"{path}: aliases: 指标名为空 (an empty metric name)")
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise RuleFileError(f"{path}: aliases.{name}: 应为非空字符串列表 (expected a list of non-empty strings), "
                                f"got {words!r}"[:300])


def shipped_region_codes() -> set[str]:
    return {row["code"] for name in ("regions.csv", "zones.csv") for row in read_rows(rules_path(name))}


def check_region_files(paths: list[Path]) -> None:
    """CSV files with the columns of rules/regions.csv: every row complete, a known level, a code of the
    gazetteer's form given once (across the shipped files and these), a parent that exists."""
    known = shipped_region_codes()
    rows: list[tuple[Path, int, dict[str, str]]] = []
    for path in paths:
        lines = _text(path).splitlines()
        numbered = [(n, line) for n, line in enumerate(lines, 1) if not line.startswith("#")]
        if not numbered:
            raise RuleFileError(f"{path}: 文件为空 (empty: expected a header {','.join(REGION_COLUMNS)})")
        try:
            parsed = list(csv.reader(line for _, line in numbered))
        except csv.Error as exc:
            raise RuleFileError(f"{path}: 不是合法的 CSV (invalid CSV): {exc}") from None
        header = [h.strip() for h in parsed[0]]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        unknown = [c for c in header if c not in REGION_COLUMNS]
        if missing or unknown:
            raise RuleFileError(f"{path}:{numbered[0][0]}: 表头应为 {','.join(REGION_COLUMNS)} (header: missing "
                                f"{missing or 'none'}, unknown {unknown or 'none'})")
        for (number, _), cells in zip(numbered[1:], parsed[1:], strict=False):
            if not cells or not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise RuleFileError(f"{path}:{number}: 应有 {len(header)} 列，实有 {len(cells)} 列 "
                                    f"(expected {len(header)} columns, found {len(cells)})")
            rows.append((path, number, dict(zip(header, (c.strip() for c in cells), strict=True))))
    seen: dict[str, str] = {}
    for path, number, row in rows:
        where = f"{path}:{number}"
        code = row["code"]
        if not _CODE.fullmatch(code):
            raise RuleFileError(f"{where}: 代码 {code!r} 不是六位行政区划代码 (a code is 6 digits, optionally after "
                                f"one capital letter)")
        if not row["name"]:
            raise RuleFileError(f"{where}: 名称为空 (empty name)")
        if row["level"] not in LEVELS:
            raise RuleFileError(f"{where}: 未知的级别 {row['level']!r} (unknown level; known: {', '.join(LEVELS)})")
        if code in known or code in seen:
            first = seen.get(code, "rules/regions.csv")
            raise RuleFileError(f"{where}: 代码 {code} 重复，已见于 {first} (duplicate code, first at {first})")
        seen[code] = where
    for path, number, row in rows:
        parent = row.get("parent", "")
        if parent and parent not in known and parent not in seen:
            raise RuleFileError(f"{path}:{number}: 上级代码 {parent} 不存在 (no region has the parent code)")
