"""Word segmentation with jieba's dictionary and models, read once and shared, cut the way jieba cuts.

factcheck used to hold two jieba.Tokenizer objects (with and without the metric vocabulary) and jieba.posseg's
tagger. Each Tokenizer marshal-loads jieba's 500,000-entry prefix cache (1-1.7 s here), importing jieba.posseg
reads dict.txt once more for its tags, and importing jieba at all loads pkg_resources. Here dict.txt is read
once into one table of log frequencies (and one of tags), and text is cut with jieba 0.42's own algorithm:
the DAG of dictionary words, the maximum-probability route through it, finalseg's HMM for runs of single
characters that are no word, and for the tagger posseg's HMM. Every cut is the one jieba.Tokenizer.lcut (and
posseg's cut) would make with the same words added: tests/test_segment.py compares them on the corpus.

jieba cuts each run of CJK characters and alphanumerics on its own, so a run's words never depend on the text
around it: cuts are memoized per run and per whole input (both bounded), which the metric finder, cutting
overlapping windows of the same clauses, hits often.

During a run with a cache, a Segmenter reads its words from the lexicon store beside it (factcheck.text.lexicon_store)
instead: before a run is routed, the words filed under its characters and two-character strings, which are
all the words its DAG can hold. A run that segments one article reads a twentieth of the dictionary; one
that has read 120,000 words, or whose store fails, reads dict.txt whole (load_all), and cuts the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from math import log

from factcheck.text import lexicon_store
from factcheck.text.segment_hmm import (
    RE_ENG,
    RE_NUM,
    Tagged,
    finalseg_cut,
    hmm_tables,
    jieba_file,
    pickled_hmm_model,
    pickled_pos_model,
    pos_detail,
    pos_tables,
)

__all__ = ["Segmenter", "Tagged", "plain"]

# jieba's block patterns (jieba/__init__.py, posseg), verbatim: they decide what is cut together.
_RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_RE_SKIP = re.compile("(\r\n|\\s)", re.U)
_RE_POS_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_RE_POS_SKIP = re.compile("(\r\n|\\s)")

_MEMO_LIMIT = 50_000  # entries per memo before it starts over: bounded memory on any corpus
_LOAD_ALL_AFTER = 120_000  # words read from the store after which reading dict.txt whole is the cheaper way


@dataclass(frozen=True, eq=False)
class _Lexicon:
    """dict.txt: the frequency and part-of-speech tag of every word, and the sum of all frequencies. Logs are
    taken when a route needs them, and the tag table is built when a text is first tagged: most of dict.txt's
    349,000 words never occur in a run, and a table of them all costs a tenth of a second each."""

    freq: dict[str, int]
    words: list[str]
    tag_list: list[str]
    total: int
    heads: tuple[frozenset[str], ...]  # heads[n]: the first n + 2 characters of words longer than that

    @cached_property
    def tags(self) -> dict[str, str]:
        return dict(zip(self.words, self.tag_list, strict=False))


@cache
def _lexicon() -> _Lexicon:
    data = jieba_file("dict.txt").read_bytes().decode("utf-8")
    lines = data.count("\n") + (0 if data.endswith("\n") else 1)
    parts = data.split()
    if len(parts) != 3 * lines:  # not "word freq tag" on every line: read it line by line, as jieba does
        parts = [field for line in data.splitlines() for field in _fields(line)]
    words = parts[0::3]
    freqs = list(map(int, parts[1::3]))
    # a repeated word keeps its last frequency and tag, and the total counts every line (jieba's gen_pfdict);
    # a word of frequency 0 is no word to jieba's DAG, and is none here (every use asks for a true frequency)
    freq = dict(zip(words, freqs, strict=False))
    return _Lexicon(freq, words, parts[2::3], sum(freqs), _heads(freq))


def _store_sources() -> lexicon_store.Sources:
    lexicon = _lexicon()
    return lexicon_store.Sources(lexicon.freq, lexicon.tags, lexicon.total, pos_tables(), hmm_tables())


def _heads(words: Iterable[str]) -> tuple[frozenset[str], ...]:
    """Which 2-, 3- and 4-character strings begin a longer word: where the route need not look further."""
    words = [w for w in words if len(w) > 2]
    return (frozenset(w[:2] for w in words), frozenset(w[:3] for w in words if len(w) > 3),
            frozenset(w[:4] for w in words if len(w) > 4))


def _fields(line: str) -> tuple[str, str, str]:
    word, freq, tag = line.strip().split(" ")
    return word, freq, tag


class Segmenter:
    """jieba's accurate mode with HMM over the dictionary plus words added at given frequencies."""

    def __init__(self, added: Iterable[tuple[str, int]] = ()) -> None:
        added = list(added)
        for word, count in added:
            if count <= 0:
                raise ValueError(f"{word}: only words with a positive frequency can be added")
        # Tokenizer.add_word: a word's frequency is set (the last one given), the total grows by every call
        self._added = dict(added)
        self._added_total = sum(count for _, count in added)
        self._cuts: dict[str, tuple[str, ...]] = {}
        self._blocks: dict[str, tuple[str, ...]] = {}
        self._hmm: dict[str, tuple[str, ...]] = {}
        self._tagged: dict[str, tuple[Tagged, ...]] = {}
        self._lexicon: _Lexicon | None = None
        self._store = lexicon_store.current(_store_sources)
        if self._store is None:
            self.load_all()
            return
        # the store's words arrive run by run (_need); the added words are there from the start
        self._freq = dict(self._added)
        self._tags: dict[str, str] | None = {}
        self._have: set[str] = set()
        self._log_total = log(self._store.total + self._added_total)
        self._longest = max([self._store.longest, *map(len, self._added)])
        self._heads2, self._heads3, self._heads4 = (set(h) for h in _heads(self._added))
        self._hmm_model, self._pos = lexicon_store.models(self._store)

    def load_all(self) -> None:
        """Hold the whole dictionary from now on (read from dict.txt), as a large run needs it anyway."""
        if self._lexicon is not None:
            return
        lexicon = _lexicon()
        freq = lexicon.freq
        if self._added:
            freq = dict(freq)
            freq.update(self._added)
        self._freq = freq
        self._log_total = log(lexicon.total + self._added_total)
        self._longest = max(map(len, freq))
        heads = lexicon.heads
        if self._added:
            heads = tuple(a | b for a, b in zip(heads, _heads(self._added), strict=False))
        self._heads2, self._heads3, self._heads4 = heads
        self._lexicon = lexicon
        self._tags = None
        self._store = None
        self._hmm_model, self._pos = pickled_hmm_model(), pickled_pos_model()

    def _need(self, sentence: str) -> None:
        """Read from the store every word that can start somewhere in sentence (those filed under one of its
        characters or two-character strings) that is not here yet."""
        keys = {sentence[i:i + 2] for i in range(len(sentence) - 1)}
        keys.update(sentence)
        keys.difference_update(self._have)
        if not keys:
            return
        try:
            rows = self._store.words(keys)
        except lexicon_store.StoreError:
            self.load_all()
            return
        self._have.update(keys)
        freq, tags, added = self._freq, self._tags, self._added
        for word, count, tag in rows:
            if word not in added:
                freq[word] = count
            tags[word] = tag  # the dictionary's tag, as jieba.posseg has it for an added word too
        for have, found in zip((self._heads2, self._heads3, self._heads4), _heads(word for word, _, _ in rows), strict=False):
            have |= found
        if len(freq) > _LOAD_ALL_AFTER:
            self.load_all()

    def _tag_table(self) -> dict[str, str]:
        return self._lexicon.tags if self._tags is None else self._tags

    # -- the public cuts -------------------------------------------------------------------------

    def cut(self, text: str) -> tuple[str, ...]:
        """The words of text, as jieba.Tokenizer.lcut(text) (HMM on) returns them."""
        words = self._cuts.get(text)
        if words is None:
            words = tuple(self._cut(text))
            if len(self._cuts) >= _MEMO_LIMIT:
                self._cuts.clear()
            self._cuts[text] = words
        return words

    def lcut(self, text: str) -> list[str]:
        return list(self.cut(text))

    def iter_cut(self, text: str) -> Iterator[str]:
        """cut(text) word by word, each run cut only when the reader gets to it: a reader that stops at the
        first punctuation does not pay for the rest (jieba cuts runs independently, so the words are the same)."""
        words = self._cuts.get(text)
        if words is not None:
            yield from words
            return
        for piece in self._pieces(text):
            yield from piece

    def tag(self, text: str) -> tuple[Tagged, ...]:
        """Words and part-of-speech flags, as jieba.posseg's cut over this segmenter's words gives them."""
        tagged = self._tagged.get(text)
        if tagged is None:
            tagged = tuple(self._tag(text))
            if len(self._tagged) >= _MEMO_LIMIT:
                self._tagged.clear()
            self._tagged[text] = tagged
        return tagged

    def _tag(self, text: str) -> list[Tagged]:
        out: list[Tagged] = []
        for blk in _RE_POS_HAN.split(text):
            if _RE_POS_HAN.match(blk):
                self._tag_block(blk, out)
            else:
                for x in _RE_POS_SKIP.split(blk):
                    if _RE_POS_SKIP.match(x):
                        out.append(Tagged(x, "x"))
                    else:
                        for xx in x:
                            if RE_NUM.match(xx):
                                out.append(Tagged(xx, "m"))
                            elif RE_ENG.match(x):  # x, not xx: as jieba has it
                                out.append(Tagged(xx, "eng"))
                            else:
                                out.append(Tagged(xx, "x"))
        return out

    # -- jieba's Tokenizer.cut ---------------------------------------------------------------------

    def _cut(self, text: str) -> list[str]:
        out: list[str] = []
        for words in self._pieces(text):
            out.extend(words)
        return out

    def _pieces(self, text: str) -> Iterator[Iterable[str]]:
        """The words of text run by run: a run of CJK and alphanumerics through the DAG (memoized), other
        characters one by one, white space as it stands."""
        blocks = self._blocks
        for blk in _RE_HAN.split(text):
            if not blk:
                continue
            if _RE_HAN.match(blk):
                words = blocks.get(blk)
                if words is None:
                    words = tuple(self._cut_block(blk))
                    if len(blocks) >= _MEMO_LIMIT:
                        blocks.clear()
                    blocks[blk] = words
                yield words
            else:
                for x in _RE_SKIP.split(blk):
                    yield (x,) if _RE_SKIP.match(x) else x

    def _route(self, sentence: str) -> list[int]:
        """For each position, the end (inclusive) of the word the best route takes there: Tokenizer.get_DAG
        and calc in one right-to-left pass, with the same sums in the same order and ties to the longer word
        (max over (probability, end)). The words starting at a position are looked up by length, and a longer
        length only while the shorter string begins some longer word (the heads): the words jieba's prefix
        walk finds, in the same order."""
        if self._store is not None:
            self._need(sentence)
        n = len(sentence)
        get = self._freq.get
        ln = log
        log_total = self._log_total
        heads2, heads3, heads4 = self._heads2, self._heads3, self._heads4
        longest = self._longest
        prob = [0.0] * (n + 1)
        ends = [0] * n
        for k in range(n - 1, -1, -1):
            best = None
            end = k
            f = get(sentence[k])
            if f:
                best = ln(f) - log_total + prob[k + 1]
            if k + 1 < n:
                word = sentence[k:k + 2]
                f = get(word)
                if f:
                    p = ln(f) - log_total + prob[k + 2]
                    if best is None or p >= best:
                        best, end = p, k + 1
                if k + 2 < n and word in heads2:
                    word = sentence[k:k + 3]
                    f = get(word)
                    if f:
                        p = ln(f) - log_total + prob[k + 3]
                        if best is None or p >= best:
                            best, end = p, k + 2
                    if k + 3 < n and word in heads3:
                        word = sentence[k:k + 4]
                        f = get(word)
                        if f:
                            p = ln(f) - log_total + prob[k + 4]
                            if best is None or p >= best:
                                best, end = p, k + 3
                        if k + 4 < n and word in heads4:
                            for size in range(5, min(longest, n - k) + 1):
                                f = get(sentence[k:k + size])
                                if f:
                                    p = ln(f) - log_total + prob[k + size]
                                    if best is None or p >= best:
                                        best, end = p, k + size - 1
            if best is None:  # no word starts here: the character alone, at frequency 1 (log 1 = 0)
                best = 0.0 - log_total + prob[k + 1]
            prob[k] = best
            ends[k] = end
        return ends

    def _cut_block(self, sentence: str) -> list[str]:
        """Tokenizer.__cut_DAG: the route's words, runs of single characters that are no word through the HMM."""
        ends = self._route(sentence)
        freq = self._freq
        out: list[str] = []
        x = 0
        buf = ""
        n = len(sentence)
        while x < n:
            y = ends[x] + 1
            if y - x == 1:
                buf += sentence[x]
            else:
                if buf:
                    self._flush(buf, freq, out)
                    buf = ""
                out.append(sentence[x:y])
            x = y
        if buf:
            self._flush(buf, freq, out)
        return out

    def _flush(self, buf: str, freq: dict[str, int], out: list[str]) -> None:
        if len(buf) == 1:
            out.append(buf)
        elif not freq.get(buf):
            out.extend(self._finalseg(buf))
        else:
            out.extend(buf)

    def _finalseg(self, sentence: str) -> tuple[str, ...]:
        words = self._hmm.get(sentence)
        if words is None:
            words = tuple(finalseg_cut(sentence, self._hmm_model))
            if len(self._hmm) >= _MEMO_LIMIT:
                self._hmm.clear()
            self._hmm[sentence] = words
        return words

    # -- jieba.posseg's POSTokenizer.cut -----------------------------------------------------------

    def _tag_block(self, sentence: str, out: list[Tagged]) -> None:
        ends = self._route(sentence)
        tags = self._tag_table()
        x = 0
        buf = ""
        n = len(sentence)
        while x < n:
            y = ends[x] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    self._tag_flush(buf, out)
                    buf = ""
                out.append(Tagged(word, tags.get(word, "x")))
            x = y
        if buf:
            self._tag_flush(buf, out)

    def _tag_flush(self, buf: str, out: list[Tagged]) -> None:
        tags = self._tag_table()
        if len(buf) == 1:
            out.append(Tagged(buf, tags.get(buf, "x")))
        elif not self._freq.get(buf):
            out.extend(pos_detail(buf, self._pos))
        else:
            out.extend(Tagged(ch, tags.get(ch, "x")) for ch in buf)


@cache
def plain() -> Segmenter:
    """jieba's dictionary alone."""
    return Segmenter()
