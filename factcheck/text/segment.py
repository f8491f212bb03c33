"""Word segmentation and part-of-speech tags: jieba's dictionary and algorithm, compiled (rjieba, the
jieba-rs binding), with words added at given frequencies.

The metric finder cuts many overlapping windows of the same clauses, so cuts and tags are memoized per input
(bounded). jieba itself stays the reference: tests/test_segment.py measures how often the cuts and tags agree
with jieba.Tokenizer and jieba.posseg on the corpus (they differ where jieba-rs keeps hyphenated alphanumerics
together, and in the HMM's reading of a few single-character runs).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import NamedTuple

__all__ = ["Segmenter", "Tagged", "plain"]

_MEMO_LIMIT = 50_000  # entries per memo before it starts over: bounded memory on any corpus


class Tagged(NamedTuple):
    word: str
    flag: str


class Segmenter:
    """jieba's accurate mode with HMM over its dictionary plus words added at given frequencies."""

    def __init__(self, added: Iterable[tuple[str, int]] = ()) -> None:
        # Imported here: rjieba loads its default dictionary on import, which a warm run (whose claims and
        # findings come from the cache) never needs. A segmenter with no words of its own cuts with that one.
        import rjieba

        added = list(added)
        self._jieba = rjieba.Jieba() if added else rjieba
        for word, count in added:
            if count <= 0:
                raise ValueError(f"{word}: only words with a positive frequency can be added")
            self._jieba.add_word(word, count, None)
        self._cuts: dict[str, tuple[str, ...]] = {}
        self._tagged: dict[str, tuple[Tagged, ...]] = {}

    def cut(self, text: str) -> tuple[str, ...]:
        """The words of text (HMM on)."""
        words = self._cuts.get(text)
        if words is None:
            words = tuple(self._jieba.cut(text, True))
            if len(self._cuts) >= _MEMO_LIMIT:
                self._cuts.clear()
            self._cuts[text] = words
        return words

    def lcut(self, text: str) -> list[str]:
        return list(self.cut(text))

    def iter_cut(self, text: str) -> Iterator[str]:
        return iter(self.cut(text))

    def tag(self, text: str) -> tuple[Tagged, ...]:
        """Words and part-of-speech flags (jieba's tag set)."""
        tagged = self._tagged.get(text)
        if tagged is None:
            tagged = tuple(Tagged(word, flag) for word, flag in self._jieba.tag(text, True))
            if len(self._tagged) >= _MEMO_LIMIT:
                self._tagged.clear()
            self._tagged[text] = tagged
        return tagged


@cache
def plain() -> Segmenter:
    """jieba's dictionary alone, without the metric vocabulary."""
    return Segmenter()
