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


def is_known_pattern(pattern: str) -> bool:
    """A code (FC101), a prefix that some check's code starts with (FC, FC1, FC10), or a kebab name."""
    return any(c.name == pattern or (len(pattern) >= 2 and c.code.startswith(pattern)) for c in CHECKS)


def nearest_pattern(pattern: str) -> str | None:
    """The valid code, family or name closest to a mistyped one (FC704X → FC704, FC2O1 → FC201)."""
    import difflib

    codes = [c.code for c in CHECKS]
    families = sorted({code[:3] for code in codes})
    names = [c.name for c in CHECKS]
    wanted = pattern.strip()
    found = (difflib.get_close_matches(wanted.upper(), codes + families, n=1, cutoff=0.5)
             or difflib.get_close_matches(wanted.lower(), names, n=1, cutoff=0.5))
    return found[0] if found else None


def unknown_patterns_message(patterns: Iterable[str]) -> str | None:
    """None when every pattern names a check; else a message naming each unknown one and the nearest valid code."""
    unknown = [p for p in dict.fromkeys(patterns) if not is_known_pattern(p)]
    if not unknown:
        return None
    parts = []
    for pattern in unknown:
        nearest = nearest_pattern(pattern)
        hint = f"，是否想写 {nearest}？(did you mean {nearest}?)" if nearest else "（见 factcheck --list-rules）"
        parts.append(f"未知的检查代码 {pattern!r} (unknown check code){hint}")
    return "; ".join(parts)
