"""The checks, registered in one explicit tuple: adding a check means adding it here."""

from __future__ import annotations

from factcheck.checks.anniversaries import AnniversaryYearMismatch
from factcheck.checks.arithmetic import (
    AverageGrowthMismatch,
    ChangeMismatch,
    GrowthRateMismatch,
    PercentagePointMismatch,
)
from factcheck.checks.arithmetic_across import GrowthRateAcrossDocuments
from factcheck.checks.arithmetic_shares import ShareMismatch
from factcheck.checks.declared_figures import ContradictsConfirmedFigure, OutOfBounds
from factcheck.checks.declared_relations import DeclaredOrder, DeclaredRatioMismatch, DeclaredSumMismatch
from factcheck.checks.enumerations import EnumerationCountMismatch
from factcheck.checks.figure_lints import BrokenFigure, FigureSpacing, FullwidthDigits, MixedFigureStyle
from factcheck.checks.parts import MinimumExceedsTotal, PartExceedsTotal, PartsExceedTotal
from factcheck.checks.parts_shares import RespectivelyMismatch, ShareOutOfRange
from factcheck.checks.regions import CoverageClaim, PartExceedsRegion
from factcheck.checks.same_fact import ConflictingFigures, CumulativeDecrease
from factcheck.checks.target_claims import CompletionClaimContradicted
from factcheck.checks.targets import TargetAtOrBelowBaseline, TargetGrowthRequired, TargetMetOrMissed
from factcheck.checks.text_lints import DoubledText, HiddenCharacter, RepeatedPhrase, StrayNumber

# A check's family is the first digit of its code.
FAMILIES = {
    "FC1": "same fact, different figures",
    "FC2": "parts and totals",
    "FC3": "arithmetic",
    "FC4": "targets",
    "FC5": "regions",
    "FC6": "enumerations",
    "FC7": "text defects",
    "FC8": "a newsroom's declared rules",
}

CHECKS = (
    ConflictingFigures,
    CumulativeDecrease,
    PartExceedsTotal,
    PartsExceedTotal,
    ShareOutOfRange,
    MinimumExceedsTotal,
    RespectivelyMismatch,
    ChangeMismatch,
    GrowthRateMismatch,
    PercentagePointMismatch,
    ShareMismatch,
    AverageGrowthMismatch,
    GrowthRateAcrossDocuments,
    AnniversaryYearMismatch,
    TargetAtOrBelowBaseline,
    TargetGrowthRequired,
    TargetMetOrMissed,
    CompletionClaimContradicted,
    PartExceedsRegion,
    CoverageClaim,
    EnumerationCountMismatch,
    RepeatedPhrase,
    DoubledText,
    BrokenFigure,
    FigureSpacing,
    FullwidthDigits,
    StrayNumber,
    MixedFigureStyle,
    HiddenCharacter,
    ContradictsConfirmedFigure,
    OutOfBounds,
    DeclaredSumMismatch,
    DeclaredRatioMismatch,
    DeclaredOrder,
)
