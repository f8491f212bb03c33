"""The checks, registered in one explicit tuple: adding a check means adding it here."""

from __future__ import annotations

from factcheck.checks.same_fact import ConflictingFigures, CumulativeDecrease

CHECKS = (
    ConflictingFigures,
    CumulativeDecrease,
)
