"""How the FC8 checks get a newsroom's declarations: as settings. A run's registry files are FC801's setting
"facts" and its rule files the setting "rules" of FC802–FC805, each a list of [path, text] pairs, laid over
rules/checks.toml like any other per-check setting (factcheck.checks.selection.effective_settings).

Settings are what the worker processes receive and what the claims cache keys its stored findings by
(factcheck.scale.pipeline.settings_key for the document-scope checks, factcheck.scale.fingerprint.run_key for
whole runs), so a changed registry or rule file changes those keys and nothing made under the old one is
served; the cached claims themselves do not depend on declarations and stay valid. With no registry and no
rule file the settings are the shipped ones and every FC8 check finds nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from factcheck.checks.base import Check
from factcheck.checks.evidence.registry import Registry, parse_registry
from factcheck.checks.evidence.rule_files import RuleSet, fill, parse_rule_files

FACTS, RULES = "facts", "rules"
REGISTRY_CODE = "FC801"
RULE_CODES = ("FC802", "FC803", "FC804", "FC805")


def declaration_overrides(overrides: Mapping[str, Mapping] | None, facts: list[tuple[str, str]],
                          rules: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """overrides with the registry files (path, text) set for FC801 and the rule files for FC802–FC805; the
    files must have been validated (parse_registry, parse_rule_files) by the caller."""
    merged = {code: dict(values) for code, values in (overrides or {}).items()}
    if facts:
        merged.setdefault(REGISTRY_CODE, {})[FACTS] = [list(f) for f in facts]
    if rules:
        for code in RULE_CODES:
            merged.setdefault(code, {})[RULES] = [list(f) for f in rules]
    return merged


def _files(value) -> tuple[tuple[str, str], ...]:
    return tuple((str(path), str(text)) for path, text in value or ())


def rules_of(settings: Mapping) -> RuleSet:
    """The rules the settings name (the same list for each of FC802–FC805; empty when none)."""
    files = _files(settings.get(RULE_CODES[0], {}).get(RULES))
    return parse_rule_files(files) if files else RuleSet(())


class DeclaredCheck(Check):
    """A check of a newsroom's declarations (FC8). Its Bad/Good examples run under example_declaration, a
    registry (CSV) or a rule file (TOML) written as a newsroom would write it; docs/rules.md shows it."""

    declaration: ClassVar[str]           # FACTS or RULES: the setting the declarations come in
    example_file: ClassVar[str]          # the name its example declaration goes by
    example_declaration: ClassVar[str]   # the registry or rule file its examples run under
    rule_type: ClassVar[str] = ""        # for rule checks: the rule type it checks (bounds, sum, ratio, order)

    def registry(self) -> Registry:
        files = _files(self.settings.get(FACTS, ()))  # the run's declarations, not an option of the check
        return parse_registry(files) if files else Registry(())

    def rules(self) -> list:
        files = _files(self.settings.get(RULES, ()))
        return parse_rule_files(files).of_type(self.rule_type) if files else []

    def level_of(self, rule) -> str:
        return rule.severity or self.level

    def message(self, rule, default: str, values: dict[str, str]) -> str:
        """The rule's message template filled in, else the default; the rule's id closes either."""
        text = fill(rule.message or default, {"id": rule.id, **values})
        return text if rule.id in text else f"{text}（规则 {rule.id}，{rule.path}:{rule.line}）"


def example_overrides(check: type[Check]) -> dict[str, dict[str, Any]]:
    """The settings a check's Bad/Good examples run under: its example declaration, for the FC8 checks."""
    if not issubclass(check, DeclaredCheck):
        return {}
    return {check.code: {check.declaration: [[check.example_file, check.example_declaration]]}}
