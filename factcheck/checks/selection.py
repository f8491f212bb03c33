"""Which checks a run uses, with which settings: rules/checks.toml, a project's overrides laid over it, and
--select/--ignore. The one place that turns the registry (factcheck.checks.CHECKS) into check instances."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from factcheck.checks import CHECKS
from factcheck.checks.settings import check_settings
from factcheck.model.findings import rule_matches


def selected_checks(select: Iterable[str] | None = None, ignore: Iterable[str] = (),
                    overrides: Mapping[str, Mapping] | None = None):
    """Check instances whose code or name matches select (prefixes allowed, FC1 = all of FC1xx) and not ignore;
    overrides (from the project config) replace settings of rules/checks.toml per check."""
    settings = effective_settings(overrides)
    select = None if select is None else list(select)
    ignore = list(ignore)
    chosen = [c for c in CHECKS if (select is None or rule_matches(c.code, c.name, select))
              and not rule_matches(c.code, c.name, ignore)]
    return [c(settings.get(c.code, {})) for c in chosen]


def effective_settings(overrides: Mapping[str, Mapping] | None = None) -> dict:
    """rules/checks.toml with a project config's per-check overrides laid over it."""
    settings = check_settings()
    if not overrides:
        return settings
    merged = dict(settings)
    for code, values in overrides.items():
        merged[code] = {**settings.get(code, {}), **values}
    return merged


def document_scope_checks(settings: dict | None = None):
    """Every check whose findings depend on one document alone (Check.scope), with its settings."""
    return _of_scope(True, settings)


def corpus_scope_checks(settings: dict | None = None):
    return _of_scope(False, settings)


def _of_scope(document: bool, settings: dict | None):
    settings = check_settings() if settings is None else settings
    return [c(settings.get(c.code, {})) for c in CHECKS if (c.scope == "document") == document]
