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
def _hmm_model():
    """finalseg's character HMM (B/M/E/S), from the pickles jieba ships beside its modules."""
    return tuple(pickle.loads(jieba_file("finalseg", f"prob_{name}.p").read_bytes())
                 for name in ("start", "trans", "emit"))


@cache
def _pos_model():
    """posseg's joint segmentation and tagging HMM: char_state_tab, start, trans and emit."""
    return tuple(pickle.loads(jieba_file("posseg", f"{name}.p").read_bytes())
                 for name in ("char_state_tab", "prob_start", "prob_trans", "prob_emit"))


# -- finalseg ------------------------------------------------------------------------------------


def finalseg_cut(sentence: str) -> list[str]:
    out: list[str] = []
    for blk in _RE_HMM_HAN.split(sentence):
        if _RE_HMM_HAN.match(blk):
            out.extend(_hmm_words(blk))
        else:
            out.extend(x for x in _RE_HMM_SKIP.split(blk) if x)
    return out


def _hmm_words(sentence: str) -> list[str]:
    start_p, trans_p, emit_p = _hmm_model()
    _, pos_list = _viterbi(sentence, "BMES", start_p, trans_p, emit_p)
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


def _viterbi(obs, states, start_p, trans_p, emit_p):
    """finalseg.viterbi: the same sums in the same order and the same ties (max over (probability, state)),
    kept as back-pointers instead of copied paths."""
    V = {y: start_p[y] + emit_p[y].get(obs[0], _MIN_FLOAT) for y in states}
    back = []
    for t in range(1, len(obs)):
        ch = obs[t]
        now = {}
        came = {}
        for y in states:
            em_p = emit_p[y].get(ch, _MIN_FLOAT)
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


def pos_detail(sentence: str) -> list[Tagged]:
    """POSTokenizer.__cut_detail."""
    out: list[Tagged] = []
    for blk in _RE_DETAIL_HAN.split(sentence):
        if _RE_DETAIL_HAN.match(blk):
            out.extend(_pos_hmm(blk))
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


def _pos_hmm(sentence: str) -> list[Tagged]:
    """POSTokenizer.__cut."""
    char_state_tab, start_p, trans_p, emit_p = _pos_model()
    _, pos_list = _pos_viterbi(sentence, char_state_tab, start_p, trans_p, emit_p)
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


def _pos_viterbi(obs, states, start_p, trans_p, emit_p):
    """jieba.posseg.viterbi.viterbi with the same sums, order and ties. jieba compares every state of the
    previous step as a predecessor and keeps the character's states that some of them lead to; here each
    state is reached only from those with a transition to it (the others add -inf and cannot win), which
    is the same set of states and the same maxima. Where no state of the character can be reached, or
    the best is -inf, the step is taken exactly as jieba takes it."""
    into = _transitions_into(trans_p)
    all_states = trans_p.keys()
    V = [{}]
    mem_path = [{}]
    for y in states.get(obs[0], all_states):
        V[0][y] = start_p[y] + emit_p[y].get(obs[0], _MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        before = V[t - 1]
        usable = {x for x in mem_path[t - 1] if len(trans_p[x]) > 0}
        now: dict = {}
        came: dict = {}
        ch = obs[t]
        for y in states.get(ch, all_states):
            if y in now:
                continue
            em = emit_p[y].get(ch, _MIN_FLOAT)
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
            expect_next = set((y for x in prev_states for y in trans_p[x].keys()))
            for y in expect_next if expect_next else all_states:
                prob, state = max((before[y0] + trans_p[y0].get(y, _MIN_INF) + emit_p[y].get(ch, _MIN_FLOAT), y0)
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


def _transitions_into(trans_p) -> dict:
    """For each state, the states that have a transition to it and its log probability."""
    if trans_p is _pos_model()[2]:
        return _pos_transitions_into()
    return _invert(trans_p)


@cache
def _pos_transitions_into() -> dict:
    return _invert(_pos_model()[2])


def _invert(trans_p) -> dict:
    into: dict = {}
    for y0, row in trans_p.items():
        for y, tr in row.items():
            into.setdefault(y, []).append((y0, tr))
    return into
