"""The checks' settings by code: each declared option (Check.options) at its default from rules/checks.toml.
A project's config lays its overrides over these (factcheck.checks.selection)."""

from __future__ import annotations

from functools import cache

from factcheck.checks import CHECKS
from factcheck.checks.base import option_defaults
from factcheck.vocab.data import load_toml


@cache
def check_settings() -> dict[str, dict]:
    return {check.code: option_defaults(check) for check in CHECKS}


def report_settings() -> dict:
    """rules/checks.toml [report]: the run's defaults (fail_on)."""
    return load_toml("checks.toml").get("report", {})
