"""The checks of a large run split over two processes give the report a one-process run gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.app.api import extract_paths
from factcheck.checks import CHECKS
from factcheck.formatters.jsonfmt import render_report
from factcheck.report import parallel as parallel_checks
from factcheck.report.build import build_report

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def split_always(monkeypatch):
    """Split however small the run, and note each time the parent takes a child's findings."""
    monkeypatch.setattr(parallel_checks, "MIN_CLAIMS", 0)
    received = []
    real = parallel_checks._receive

    def receiving(*args):
        found = real(*args)
        received.append(found is not None)
        return found

    monkeypatch.setattr(parallel_checks, "_receive", receiving)
    return received


AWAY = {c.code for c in CHECKS if c.process_group != "main"}


def test_two_processes_give_the_one_process_report(corpus_slice, split_always):
    extraction = extract_paths([str(corpus_slice)])
    alone = build_report(extraction)
    split = build_report(extraction, jobs=2)
    assert split_always == [True]
    assert render_report(split) == render_report(alone)
    assert {f.rule for f in split.findings} & AWAY  # the child's checks found something
    assert {f.rule for f in split.findings} - AWAY


def test_a_failing_child_leaves_its_checks_to_the_parent(split_always, monkeypatch):
    extraction = extract_paths([str(SEEDS)])
    alone = build_report(extraction)

    def dying(ctx, checks, send):
        os._exit(3)

    monkeypatch.setattr(parallel_checks, "_child", dying)
    assert render_report(build_report(extraction, jobs=2)) == render_report(alone)
    assert split_always == [False]


def test_small_runs_and_one_job_stay_in_one_process(monkeypatch):
    extraction = extract_paths([str(SEEDS)])
    monkeypatch.setattr(parallel_checks, "_receive", lambda *a: pytest.fail("forked"))
    build_report(extraction, jobs=2)  # 1,300 claims: under MIN_CLAIMS
    monkeypatch.setattr(parallel_checks, "MIN_CLAIMS", 0)
    build_report(extraction, jobs=1)


def test_waiting_for_the_child_works_out_the_corroborated_figures(split_always, monkeypatch):
    extraction = extract_paths([str(SEEDS)])
    alone = build_report(extraction)
    real = parallel_checks._child

    def slow(ctx, checks, send):
        import time

        time.sleep(1.5)  # longer than the parent's own checks take on the seeds
        real(ctx, checks, send)

    monkeypatch.setattr(parallel_checks, "_child", slow)
    split = build_report(extraction, jobs=2)
    assert split_always == [True]
    assert split.corroborated == alone.corroborated
    assert render_report(split) == render_report(alone)

