"""Project configuration: `[tool.factcheck]` in pyproject.toml or a factcheck.toml, found by walking up from
the files being checked. Every key is validated; an unknown one is an error that names it.

Paths in a config file are relative to the directory that holds it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.checks import CHECKS
from factcheck.checks.base import Option
from factcheck.checks.selection import unknown_patterns_message
from factcheck.model.findings import SEVERITIES

CONFIG_NAMES = ("factcheck.toml", "pyproject.toml")
FAIL_LEVELS = (*SEVERITIES, "never")
FORMATS = ("rich", "json", "sarif", "github", "concise", "html")


class ConfigError(Exception):
    """A config file that cannot be used: the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Config:
    source: Path | None = None         # the file read, None when there is none
    root: Path | None = None           # its directory: paths in it are relative to this
    include: tuple[str, ...] = ()      # what to check when no path is given (paths or globs)
    exclude: tuple[str, ...] = ()      # globs of files never checked, even when named
    reference: tuple[str, ...] = ()    # the reference corpus: read, but only findings touching the focus are shown
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    min_severity: str | None = None
    output_format: str | None = None
    baseline: str | None = None
    cache_dir: str | None = None
    jobs: int | None = None
    dask: str | None = None            # extract on this Dask cluster: a scheduler's address, or local[:N]
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)  # per-check severity and tolerance overrides
    metrics: tuple[str, ...] = ()      # extra metric-alias files (the [aliases] table of rules/metrics.toml)
    regions: tuple[str, ...] = ()      # extra gazetteer files (the columns of rules/regions.csv)
    report_unused_suppressions: bool = False  # list suppression comments and ignore lines that silenced nothing
    docs_url: str | None = None        # the rules docs (docs/rules.md as published): SARIF helpUri points into it
    facts: tuple[str, ...] = ()        # the confirmed-figures registry: CSV or TOML files (docs/newsroom-rules.md)
    rule_files: tuple[str, ...] = ()   # declared rules: TOML files of [[rule]] tables (docs/newsroom-rules.md)


def dask_address_error(value: str) -> str | None:
    """Why value is no --dask address (local, local:N with N >= 1, or a scheduler's address), or None."""
    if value == "local" or value.startswith("local:"):
        count = value[len("local:"):] if ":" in value else "1"
        if count.isdigit() and int(count) >= 1:
            return None
    elif value.strip() and not value.startswith("-"):
        return None
    return f"应为 local、local:N 或调度器地址 (expected local, local:N with N >= 1, or a scheduler address " \
           f"such as tcp://host:8786), got {value!r}"


def find_config(start: Path) -> Path | None:
    """The nearest factcheck.toml, or pyproject.toml with a [tool.factcheck] table, at or above start."""
    start = start.resolve()
    for folder in (start, *start.parents) if start.is_dir() else (start.parent, *start.parent.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name == "factcheck.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def config_start(paths: list[str]) -> Path:
    """Where discovery starts: the deepest folder holding every given path, else the current folder."""
    if not paths:
        return Path.cwd()
    absolute = [os.path.abspath(p) for p in paths]
    try:
        common = Path(os.path.commonpath(absolute))
    except ValueError:  # different drives
        return Path.cwd()
    return common if common.is_dir() else common.parent


def load_config(path: Path) -> Config:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置文件 (cannot read config): {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: 配置文件不是合法的 TOML (invalid TOML): {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("factcheck", {})
        prefix = "tool.factcheck."
    else:
        table = data
        prefix = ""
    return _parse(table, path, prefix)


_LIST_KEYS = {"include", "exclude", "reference", "select", "ignore"}
_STRING_KEYS = {"fail-on": FAIL_LEVELS, "min-severity": SEVERITIES, "format": FORMATS,
                "baseline": None, "cache-dir": None, "docs-url": None, "dask": None}
_BOOL_KEYS = {"report-unused-suppressions"}
_TABLE_KEYS = {"checks", "rules"}
_RULE_FILES = {"metrics", "regions"}
_DECLARATION_FILES = {"facts": (".csv", ".toml"), "rule-files": (".toml",)}  # a newsroom's own rules (FC8)


def _parse(table: dict, path: Path, prefix: str) -> Config:
    def fail(key: str, why: str) -> ConfigError:
        return ConfigError(f"{path}: {prefix}{key}: {why}")

    known = _LIST_KEYS | set(_STRING_KEYS) | _BOOL_KEYS | _TABLE_KEYS | set(_DECLARATION_FILES) | {"jobs"}
    for key in table:
        if key not in known:
            raise fail(key, f"未知的配置项 (unknown key); known keys: {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    for key in _LIST_KEYS & set(table):
        values[key.replace("-", "_")] = _string_list(table[key], lambda why, k=key: fail(k, why))
    for key in {"select", "ignore"} & set(values):
        unknown = unknown_patterns_message(values[key])
        if unknown:
            raise fail(key, unknown)
    for key in _BOOL_KEYS & set(table):
        if not isinstance(table[key], bool):
            raise fail(key, f"应为 true 或 false (expected a boolean), got {table[key]!r}")
        values[key.replace("-", "_")] = table[key]
    for key, choices in _STRING_KEYS.items():
        if key in table:
            value = table[key]
            if not isinstance(value, str) or (choices and value not in choices):
                expected = " | ".join(choices) if choices else "a string"
                raise fail(key, f"应为 {expected} (expected {expected}), got {value!r}")
            values["output_format" if key == "format" else key.replace("-", "_")] = value
    if "jobs" in table:
        if not isinstance(table["jobs"], int) or isinstance(table["jobs"], bool) or table["jobs"] < 1:
            raise fail("jobs", f"应为正整数 (expected a positive integer), got {table['jobs']!r}")
        values["jobs"] = table["jobs"]
    if "dask" in values and (problem := dask_address_error(values["dask"])):
        raise fail("dask", problem)
    values["checks"] = _check_overrides(table.get("checks", {}), fail)
    rules = table.get("rules", {})
    if not isinstance(rules, dict):
        raise fail("rules", "应为表 (expected a table)")
    for key in rules:
        if key not in _RULE_FILES:
            raise fail(f"rules.{key}", f"未知的规则数据 (unknown rule data); known: {', '.join(sorted(_RULE_FILES))}")
    root = path.parent.resolve()
    for key in sorted(_RULE_FILES & set(rules)):
        files = _string_list(rules[key], lambda why, k=key: fail(f"rules.{k}", why))
        for name in files:
            if not (root / name).is_file():
                raise fail(f"rules.{key}", f"文件不存在 (no such file): {name}")
        values[key] = tuple(str(root / name) for name in files)
        _check_rule_files(key, [root / name for name in files], fail)
    for key, suffixes in _DECLARATION_FILES.items():
        if key in table:
            files = _string_list(table[key], lambda why, k=key: fail(k, why))
            for name in files:
                if not name.lower().endswith(suffixes):
                    expected = " or ".join(suffixes)
                    raise fail(key, f"应为 {expected} 文件 (expected a {expected} file): {name}")
                if not (root / name).is_file():
                    raise fail(key, f"文件不存在 (no such file): {name}")
            values[key.replace("-", "_")] = tuple(str(root / name) for name in files)
    if "select" in values:
        values["select"] = tuple(values["select"])
    return Config(source=path.resolve(), root=root, **values)


def _check_rule_files(kind: str, paths: list[Path], fail) -> None:
    # lazy: only a config that names rule files reads them (docs/scaling.md)
    from factcheck.app.rule_files import RuleFileError, check_metric_file, check_region_files

    try:
        if kind == "metrics":
            for path in paths:
                check_metric_file(path)
        else:
            check_region_files(paths)
    except RuleFileError as exc:
        raise fail(f"rules.{kind}", str(exc)) from None


def _string_list(value, fail) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail("应为字符串列表 (expected a list of strings)")
    return tuple(value)


def _check_overrides(table, fail) -> dict[str, dict[str, Any]]:
    """[checks.FC403] approx_points = "0.3": severity, or an option the check declares (Check.options), of
    the kind it declares."""
    if not isinstance(table, dict):
        raise fail("checks", "应为表 (expected a table)")
    by_code = {c.code: c for c in CHECKS}
    overrides: dict[str, dict[str, Any]] = {}
    for code, settings in table.items():
        if code not in by_code:
            raise fail(f"checks.{code}", "未知的检查代码 (unknown check code)")
        if not isinstance(settings, dict):
            raise fail(f"checks.{code}", "应为表 (expected a table)")
        declared = {"severity": Option("severity", "the check's severity"), **by_code[code].options}
        for key, value in settings.items():
            option = declared.get(key)
            if option is None:
                raise fail(f"checks.{code}.{key}",
                           f"未知的参数 (unknown setting); known: {', '.join(sorted(declared))}")
            problem = _kind_problem(option.kind, value)
            if problem:
                raise fail(f"checks.{code}.{key}", f"{problem}, got {value!r}")
        overrides[code] = dict(settings)
    return overrides


def _kind_problem(kind: str, value: Any) -> str | None:
    """Why value cannot be an option of this kind (checks/base.py OPTION_KINDS), or None."""
    from decimal import Decimal, InvalidOperation

    if kind in ("severity", "severity-or-off"):
        levels = SEVERITIES if kind == "severity" else (*SEVERITIES, "off")
        return None if value in levels else f"应为 {' | '.join(levels)}"
    if kind == "words":
        ok = isinstance(value, list) and all(isinstance(v, str) and v for v in value)
        return None if ok else "应为字符串列表 (expected a list of strings)"
    # decimal: tolerances are written as strings ("0.2") or numbers
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return "应为数值 (expected a number)"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return "应为数值 (expected a number)"
    return None if number.is_finite() else "应为有限数值 (expected a finite number)"


def _has_tool_table(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return "factcheck" in tomllib.load(handle).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False


def discover(paths: list[str], explicit: str | None = None) -> Config:
    """The config in force: --config FILE if given, else the nearest one above the paths, else defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: 配置文件不存在 (no such config file)")
        return load_config(path)
    found = find_config(config_start(paths))
    return load_config(found) if found else Config()
