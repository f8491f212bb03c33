"""The checks' shipped settings (rules/checks.toml), by code: what every check reads its parameters from
unless a project's config overrides them (factcheck.checks.selection)."""

from __future__ import annotations

from functools import cache

from factcheck.vocab.data import load_toml


@cache
def check_settings() -> dict:
    return load_toml("checks.toml")
