"""A newsroom's own rules (FC8) from the command line: which registry and rule files a run uses (the config's
facts and rule-files, then --facts and --rule-file), read and validated before anything is checked; and the
two commands that keep the registry: `factcheck confirm` and `factcheck facts` (docs/newsroom-rules.md)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from factcheck.app.config import ConfigError, discover
from factcheck.app.outputs import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, say
from factcheck.checks.evidence.declarations import declaration_overrides
from factcheck.checks.evidence.declared_terms import DeclarationError, Problem
from factcheck.checks.evidence.registry import Registry, parse_registry, read_files
from factcheck.checks.evidence.rule_files import RuleSet, parse_rule_files
from factcheck.formatters.declarations import render_declarations
from factcheck.model.claims import FileError
from factcheck.vocab.data import use_extra_rules


@dataclass(frozen=True)
class Declarations:
    fact_files: tuple[tuple[str, str], ...]   # (path, text) of each registry file
    rule_files: tuple[tuple[str, str], ...]   # (path, text) of each rule file
    registry: Registry
    rules: RuleSet

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return (*self.registry.warnings, *self.rules.warnings)


def shown(path: str) -> str:
    """A config's absolute path as the user reads it: relative to the current folder when below it."""
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def declaration_paths(config, facts=(), rule_files=()) -> tuple[list[str], list[str]]:
    """The registry and rule files of a run: the config's, then those given with --facts and --rule-file."""
    return ([shown(p) for p in (*config.facts, *facts)], [shown(p) for p in (*config.rule_files, *rule_files)])


def load_declarations(facts: list[str], rules: list[str]) -> Declarations:
    """The files read and validated, every problem of every file at once (DeclarationError): a run never uses
    a registry or rule file in part."""
    problems: list[Problem] = []
    fact_files: tuple[tuple[str, str], ...] = ()
    rule_files: tuple[tuple[str, str], ...] = ()
    registry, ruleset = Registry(()), RuleSet(())
    try:
        fact_files = tuple(read_files(facts))
        registry = parse_registry(fact_files) if fact_files else registry
    except DeclarationError as exc:
        problems.extend(exc.problems)
    try:
        rule_files = tuple(read_files(rules))
        ruleset = parse_rule_files(rule_files) if rule_files else ruleset
    except DeclarationError as exc:
        problems.extend(exc.problems)
    if problems:
        raise DeclarationError(problems)
    return Declarations(fact_files, rule_files, registry, ruleset)


def declared_overrides(overrides: Mapping, declarations: Declarations) -> dict:
    return declaration_overrides(overrides, list(declarations.fact_files), list(declarations.rule_files))


def as_file_errors(problems) -> tuple[FileError, ...]:
    """Warnings about declarations, as the per-file messages of a report."""
    return tuple(FileError(p.path, (f"line {p.line}: " if p.line else "") + p.message, p.level) for p in problems)


# -- factcheck facts ------------------------------------------------------------------------------------------

def facts_command(args) -> int:
    """List the registry (and count the rules), flag entries that contradict each other; --check: only validate.
    Exit 2 when a file is invalid (every bad row named by file and line), 1 when entries contradict, else 0."""
    import sys

    try:
        config = discover([], args.config)
    except ConfigError as exc:
        say(f"factcheck: {exc}")
        return EXIT_ERROR
    use_extra_rules(config.metrics, config.regions)
    facts, rules = declaration_paths(config, args.facts, args.rule_file)
    if not facts and not rules:
        say("factcheck: 没有登记表或规则文件 (no registry or rule file): set facts = [...] or rule-files = [...] "
            "in the config, or give --facts FILE / --rule-file FILE")
        return EXIT_ERROR
    try:
        declarations = load_declarations(facts, rules)
    except DeclarationError as exc:
        for problem in exc.problems:
            say(f"factcheck: {problem}")
        errors = sum(p.level == "error" for p in exc.problems)
        say(f"factcheck: {errors} 处错误，文件未被使用 ({errors} errors; the files are not used)")
        return EXIT_ERROR
    conflicts = declarations.registry.conflicts()
    sys.stdout.write(render_declarations(declarations, conflicts, args.format or "rich", check_only=args.check))
    for problem in declarations.warnings:
        say(f"factcheck: {problem}")
    return EXIT_FINDINGS if conflicts else EXIT_OK
