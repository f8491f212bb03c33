"""factcheck: a fact-consistency checker and linter for Chinese policy and news text."""

__version__ = "0.1.0"
