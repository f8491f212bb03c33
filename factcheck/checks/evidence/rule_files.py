"""Rule files: a newsroom's declared rules, [[rule]] tables in TOML, each with an id, a type (bounds, sum, ratio,
order: factcheck.checks.evidence.rule_types), and optionally a severity, a kind and a message template:

    [[rule]]
    id = "unemployment-plausible"
    type = "bounds"
    metric = "城镇调查失业率"
    min = "2%"
    max = "10%"
    severity = "warning"
    message = "{region}{period}年{metric}为{figure}，超出合理范围{range}"

Validated as read, every problem named by file and line: an unknown type or key, a value the number grammar
cannot read, a duplicate id, a placeholder the message cannot fill are errors (the files are then not used
at all); a metric that is neither a canonical name nor an alias is a warning, since claims whose metric is
worded exactly so still match it. A message template is filled by substituting {name} placeholders with
text; nothing in a rule file is ever evaluated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.checks.evidence.declared_terms import (
    LEVEL_KINDS,
    DeclarationError,
    Problem,
    key_line,
    resolve_metric,
    toml_tables,
)
from factcheck.checks.evidence.rule_types import RULE_TYPES, Reader, Rule
from factcheck.model.findings import SEVERITIES
from factcheck.vocab.data import loaded_from_rules

TOML_TABLE = "rule"
COMMON_KEYS = ("id", "type", "severity", "message", "kind")
COMMON_PLACEHOLDERS = ("id", "region", "period", "metric", "figure")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_ID = re.compile(r"^[A-Za-z0-9_\-.\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    warnings: tuple[Problem, ...] = ()
    _by_type: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for rule in self.rules:
            self._by_type.setdefault(rule.type_name, []).append(rule)

    def of_type(self, type_name: str) -> list[Rule]:
        return self._by_type.get(type_name, [])


@loaded_from_rules  # rules name metrics through the aliases, which a project's extra rules change
@lru_cache(maxsize=8)
def parse_rule_files(files: tuple[tuple[str, str], ...]) -> RuleSet:
    """The rules of these (path, text) files, or DeclarationError with every problem of every file."""
    rules: list[Rule] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path, text in files:
        for rule in _rules_of(path, text, problems):
            if rule.id in seen:
                problems.append(Problem(path, rule.line, f"规则 id 重复 (duplicate rule id) {rule.id!r}; "
                                                         f"first at {seen[rule.id]}"))
                continue
            seen[rule.id] = f"{path}:{rule.line}"
            rules.append(rule)
    if any(p.level == "error" for p in problems):
        raise DeclarationError(problems)
    return RuleSet(tuple(rules), tuple(problems))


def _rules_of(path: str, text: str, problems: list[Problem]) -> list[Rule]:
    if not path.lower().endswith(".toml"):
        problems.append(Problem(path, 0, "规则文件应为 .toml 文件 (a rule file is a .toml file)"))
        return []
    rules = []
    for line, table in toml_tables(path, text, TOML_TABLE, "规则", problems):
        rule = _rule(path, text, line, table, problems)
        if rule is not None:
            rules.append(rule)
    return rules


def _rule(path: str, text: str, line: int, table: dict, problems: list[Problem]) -> Rule | None:
    errors_before = sum(p.level == "error" for p in problems)

    named = f"[[rule]] {table['id']}" if isinstance(table.get("id"), str) else "[[rule]]"

    def fail(key: str, message: str, level: str = "error") -> None:
        at = key_line(text, line, key) if line else 0
        problems.append(Problem(path, at, f"{named}: {message}", level))

    def metric(key: str, written: str) -> str:
        name, known = resolve_metric(written)
        if not known:
            fail(key, f"指标 {written!r} 既不是规范名也不是别名 (neither a canonical metric nor an alias); only claims "
                      "whose metric is worded exactly so will match it", "warning")
        return name

    rule_id = table.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        fail("id", f"id 应为由字母、数字、汉字、-、_、. 组成的字符串 (expected an id such as gdp-sum), got {rule_id!r}")
    type_name = table.get("type")
    cls = RULE_TYPES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        fail("type", f"未知的规则类型 (unknown rule type) {type_name!r}; 可用 (known): {', '.join(RULE_TYPES)}")
        return None
    for key in table:
        if key not in COMMON_KEYS and key not in cls.own_keys:
            fail(key, f"{type_name} 规则没有 {key!r} 这个键 (unknown key); 可用 (known): "
                      f"{', '.join((*COMMON_KEYS, *cls.own_keys))}")
    severity = table.get("severity")
    if severity is not None and severity not in SEVERITIES:
        fail("severity", f"severity 应为 {' | '.join(SEVERITIES)}, got {severity!r}")
    kind = table.get("kind")
    if kind is not None and kind not in LEVEL_KINDS:
        fail("kind", f"kind 应为 {' | '.join(LEVEL_KINDS)} (unknown kind), got {kind!r}")
    message = table.get("message")
    if message is not None:
        if not isinstance(message, str) or not message.strip():
            fail("message", f"message 应为非空字符串 (expected a non-empty string), got {message!r}")
        else:
            allowed = (*COMMON_PLACEHOLDERS, *cls.placeholders)
            unknown = [name for name in _PLACEHOLDER.findall(message) if name not in allowed]
            if unknown:
                fail("message", f"消息模板中有无法填写的占位符 (unknown placeholders) "
                                f"{', '.join('{' + u + '}' for u in unknown)}; 可用 (known): "
                                f"{', '.join('{' + a + '}' for a in allowed)}")
    base = {"id": rule_id, "path": path, "line": line, "severity": severity, "message": message, "kind": kind}
    rule = cls.read(base, Reader(table, fail, metric))
    if sum(p.level == "error" for p in problems) > errors_before:
        return None
    return rule


def fill(template: str, values: dict[str, str]) -> str:
    """The message: each {name} of the template replaced by its value (validated when the file was read)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
