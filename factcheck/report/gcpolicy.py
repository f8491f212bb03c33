"""Fewer garbage-collector passes while a run builds its claims and findings.

A run allocates millions of small objects (matches, tokens, tuples, frozen dataclasses) and frees them by
reference counting; none form cycles (the oldest generation collects nothing on the corpus). The collector's
default thresholds still start a young collection every 700 net allocations, and each pass walks every
young container: some 15-20% of the extraction's time. Raising the first threshold for the run's duration
keeps the collector for what it is for, at a fraction of the cost; the previous thresholds are restored.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_YOUNG = 100_000  # allocations between young collections (default 700)


@contextmanager
def fewer_collections() -> Iterator[None]:
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], _YOUNG), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


@contextmanager
def settled() -> Iterator[None]:
    """What is alive on entry (the run's documents and claims, a quarter of a million in a 50 MB run) is
    moved out of the collector's walks while the block runs — the checks or the report writer, which
    allocate millions of short-lived objects and would start collections that walk it all again — and put
    back after, so nothing lives longer than reference counting lets it."""
    gc.freeze()
    try:
        with fewer_collections():
            yield
    finally:
        gc.unfreeze()
