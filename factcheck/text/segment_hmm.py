"""The two HMMs jieba falls back on for runs of single characters that are no dictionary word: finalseg's
(B/M/E/S, for cutting) and posseg's (segmentation and part of speech together, for tagging).

The models are the pickles jieba ships beside its modules (the ones it loads itself on Jython), read
without importing jieba: its __init__ imports pkg_resources, and jieba.posseg reads dict.txt at import.
The Viterbi searches make jieba's sums in jieba's order and break ties as jieba does; tests/test_segment.py
compares the cuts and tags with jieba's.
"""

from __future__ import annotations

import pickle
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

# jieba's patterns (finalseg, posseg), verbatim
_RE_HMM_HAN = re.compile("([\u4E00-\u9FD5]+)")
_RE_HMM_SKIP = re.compile("([a-zA-Z0-9]+(?:\\.\\d+)?%?)")
_RE_DETAIL_HAN = re.compile("([\u4E00-\u9FD5]+)")
_RE_DETAIL_SKIP = re.compile("([\\.0-9]+|[a-zA-Z0-9]+)")
RE_ENG = re.compile("[a-zA-Z0-9]+")
RE_NUM = re.compile("[\\.0-9]+")

_MIN_FLOAT = -3.14e100
_MIN_INF = float("-inf")
_PREV_STATUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}


class Tagged(NamedTuple):
    word: str
    flag: str


def jieba_file(*parts: str) -> Path:
    # find_spec locates the installed package without importing it (jieba's __init__ imports pkg_resources)
    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(spec.origin).parent.joinpath(*parts)


@cache
def hmm_tables():
    """finalseg's character HMM (B/M/E/S): start, trans and emit, from the pickles jieba ships."""
    return tuple(pickle.loads(jieba_file("finalseg", f"prob_{name}.p").read_bytes())
                 for name in ("start", "trans", "emit"))


@cache
def pos_tables():
    """posseg's joint segmentation and tagging HMM: char_state_tab, start, trans and emit."""
    return tuple(pickle.loads(jieba_file("posseg", f"{name}.p").read_bytes())
                 for name in ("char_state_tab", "prob_start", "prob_trans", "prob_emit"))


class CharHMM:
    """An HMM read by character: its start and transition tables, and a row for each character met (for
    finalseg its emission log probability by state; for posseg its states, None for every state, and
    those). fetch(chars) gives the rows: from jieba's pickles, or a few at a time from the lexicon store
    (factcheck.text.lexicon_store), which spares a short run reading all of them."""

    def __init__(self, start_p: dict, trans_p: dict, fetch) -> None:
        self.start_p = start_p
        self.trans_p = trans_p
        self.into = _invert(trans_p)
        self.all_states = trans_p.keys()
        self.fetch = fetch
        self._rows: dict[str, object] = {}

    def rows(self, sentence: str) -> dict:
        """The rows of at least every character of sentence."""
        missing = set(sentence).difference(self._rows)
        if missing:
            self._rows.update(self.fetch(missing))
        return self._rows


def emissions_by_char(emit_p: dict) -> dict[str, dict]:
    """An HMM's emissions turned around: for each character, its log probability by state."""
    by_char: dict[str, dict] = {}
    for state, row in emit_p.items():
        for char, p in row.items():
            by_char.setdefault(char, {})[state] = p
    return by_char


@cache
def pickled_hmm_model() -> CharHMM:
    start_p, trans_p, emit_p = hmm_tables()
    by_char = emissions_by_char(emit_p)
    return CharHMM(start_p, trans_p, lambda chars: {char: by_char.get(char, {}) for char in chars})


# -- finalseg ------------------------------------------------------------------------------------


def finalseg_cut(sentence: str, model: CharHMM) -> list[str]:
    out: list[str] = []
    for blk in _RE_HMM_HAN.split(sentence):
        if _RE_HMM_HAN.match(blk):
            out.extend(_hmm_words(blk, model))
        else:
            out.extend(x for x in _RE_HMM_SKIP.split(blk) if x)
    return out


def _hmm_words(sentence: str, model: CharHMM) -> list[str]:
    _, pos_list = _viterbi(sentence, "BMES", model.start_p, model.trans_p, model.rows(sentence))
    out: list[str] = []
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = pos_list[i]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append(sentence[begin:i + 1])
            nexti = i + 1
        elif pos == "S":
            out.append(char)
            nexti = i + 1
    if nexti < len(sentence):
        out.append(sentence[nexti:])
    return out


def _viterbi(obs, states, start_p, trans_p, emit_rows):
    """finalseg.viterbi: the same sums in the same order and the same ties (max over (probability, state)),
    kept as back-pointers instead of copied paths."""
    emit = emit_rows[obs[0]]
    V = {y: start_p[y] + emit.get(y, _MIN_FLOAT) for y in states}
    back = []
    for t in range(1, len(obs)):
        emit = emit_rows[obs[t]]
        now = {}
        came = {}
        for y in states:
            em_p = emit.get(y, _MIN_FLOAT)
            y1, y2 = _PREV_STATUS[y]
            p1 = V[y1] + trans_p[y1].get(y, _MIN_FLOAT) + em_p
            p2 = V[y2] + trans_p[y2].get(y, _MIN_FLOAT) + em_p
            if p1 > p2 or p1 == p2 and y1 > y2:
                now[y], came[y] = p1, y1
            else:
                now[y], came[y] = p2, y2
        V = now
        back.append(came)
    prob, state = max((V[y], y) for y in "ES")
    path = [state]
    for came in reversed(back):
        state = came[state]
        path.append(state)
    path.reverse()
    return (prob, path)


# -- posseg --------------------------------------------------------------------------------------


@cache
def pickled_pos_model() -> CharHMM:
    char_states, start_p, trans_p, emit_p = pos_tables()
    by_char = emissions_by_char(emit_p)
    return CharHMM(start_p, trans_p, lambda chars: {char: (char_states.get(char), by_char.get(char, {}))
                                                     for char in chars})


def pos_detail(sentence: str, model: CharHMM) -> list[Tagged]:
    """POSTokenizer.__cut_detail."""
    out: list[Tagged] = []
    for blk in _RE_DETAIL_HAN.split(sentence):
        if _RE_DETAIL_HAN.match(blk):
            out.extend(_pos_hmm(blk, model))
        else:
            for x in _RE_DETAIL_SKIP.split(blk):
                if x:
                    if RE_NUM.match(x):
                        out.append(Tagged(x, "m"))
                    elif RE_ENG.match(x):
                        out.append(Tagged(x, "eng"))
                    else:
                        out.append(Tagged(x, "x"))
    return out


def _pos_hmm(sentence: str, model: CharHMM) -> list[Tagged]:
    """POSTokenizer.__cut."""
    _, pos_list = _pos_viterbi(sentence, model)
    out: list[Tagged] = []
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = pos_list[i][0]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append(Tagged(sentence[begin:i + 1], pos_list[i][1]))
            nexti = i + 1
        elif pos == "S":
            out.append(Tagged(char, pos_list[i][1]))
            nexti = i + 1
    if nexti < len(sentence):
        out.append(Tagged(sentence[nexti:], pos_list[nexti][1]))
    return out


def _pos_viterbi(obs: str, model: CharHMM):
    """jieba.posseg.viterbi.viterbi with the same sums, order and ties. jieba compares every state of the
    previous step as a predecessor and keeps the character's states that some of them lead to; here each
    state is reached only from those with a transition to it (the others add -inf and cannot win), which
    is the same set of states and the same maxima. Where no state of the character can be reached, or
    the best is -inf, the step is taken exactly as jieba takes it."""
    start_p, trans_p, into, all_states = model.start_p, model.trans_p, model.into, model.all_states
    rows = model.rows(obs)
    V = [{}]
    mem_path = [{}]
    states, emit = rows[obs[0]]
    for y in all_states if states is None else states:
        V[0][y] = start_p[y] + emit.get(y, _MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        before = V[t - 1]
        usable = {x for x in mem_path[t - 1] if len(trans_p[x]) > 0}
        now: dict = {}
        came: dict = {}
        states, emit = rows[obs[t]]
        for y in all_states if states is None else states:
            if y in now:
                continue
            em = emit.get(y, _MIN_FLOAT)
            best = None
            for y0, tr in into.get(y, ()):
                if y0 in usable:
                    candidate = (before[y0] + tr + em, y0)
                    if best is None or candidate > best:
                        best = candidate
            if best is not None:
                if best[0] == _MIN_INF:
                    best = max((before[y0] + trans_p[y0].get(y, _MIN_INF) + em, y0) for y0 in usable)
                now[y], came[y] = best
        if not now:  # none of the character's states follows: jieba's fallback, verbatim
            prev_states = [x for x in mem_path[t - 1].keys() if len(trans_p[x]) > 0]
            expect_next = set(y for x in prev_states for y in trans_p[x].keys())
            for y in expect_next if expect_next else all_states:
                prob, state = max((before[y0] + trans_p[y0].get(y, _MIN_INF) + emit.get(y, _MIN_FLOAT), y0)
                                  for y0 in prev_states)
                now[y], came[y] = prob, state
        V.append(now)
        mem_path.append(came)
    last = [(V[-1][y], y) for y in mem_path[-1].keys()]
    prob, state = max(last)
    route = [None] * len(obs)
    i = len(obs) - 1
    while i >= 0:
        route[i] = state
        state = mem_path[i][state]
        i -= 1
    return (prob, route)


def _invert(trans_p) -> dict:
    into: dict = {}
    for y0, row in trans_p.items():
        for y, tr in row.items():
            into.setdefault(y, []).append((y0, tr))
    return into
