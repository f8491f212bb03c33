"""Role, aspect and region scope of a figure, decided from the words around it (rules/cues.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factcheck.vocab.data import load_toml


@dataclass(frozen=True, slots=True)
class Cues:
    target: tuple[str, ...]
    plan_verbs: tuple[str, ...]
    growth: tuple[str, ...]
    growth_to: tuple[str, ...]
    change: tuple[str, ...]
    share: tuple[str, ...]
    stock: tuple[str, ...]
    flow: tuple[str, ...]
    running_total: tuple[str, ...]
    level_target: tuple[str, ...]
    flow_action: tuple[str, ...]
    covering_stock: tuple[str, ...]
    covering_flow: tuple[str, ...]
    scope_after: tuple[str, ...]
    scope_before: tuple[str, ...]
    org_after: tuple[str, ...]
    list_before: tuple[str, ...]
    list_after: tuple[str, ...]
    joint: tuple[str, ...]
    own: dict[str, str]


@cache
def cues() -> Cues:
    data = load_toml("cues.toml")
    role, aspect, region = data["role"], data["aspect"], data["region"]
    return Cues(tuple(role["target"]), tuple(role["plan_verbs"]), tuple(role["growth"]), tuple(role["growth_to"]),
                tuple(role["change"]), tuple(role["share"]), tuple(aspect["stock"]), tuple(aspect["flow"]),
                tuple(aspect["running_total"]),
                tuple(aspect["level_target"]), tuple(aspect["flow_action"]), tuple(aspect["covering_stock"]),
                tuple(aspect["covering_flow"]),
                tuple(region["scope_after"]), tuple(region["scope_before"]), tuple(region["org_after"]),
                tuple(region["list_before"]), tuple(region["list_after"]), tuple(region["joint"]), dict(region["own"]))


def kind_of(dimension: str, clause_before: str) -> str:
    """actual | change | growth_rate | share | rank, from the figure's dimension and the words before it."""
    c = cues()
    if dimension == "rank":
        return "rank"
    tail = clause_before[-8:]
    if dimension == "ratio":
        return "share"
    if dimension in ("percent", "permille"):
        if c.share and words_pattern(c.share).search(clause_before) is not None:  # one scan, not one a word
            return "share"
        verb = _last_cue(tail, c.growth)
        if verb is not None and not tail[verb:].lstrip().startswith(c.growth_to) and not _ends_level(tail, verb, c):
            return "growth_rate"
        return "actual"
    if dimension == "percentage_point":
        return "change"
    if dimension == "multiple":
        return "change" if _last_cue(tail, c.growth) is not None else "actual"
    verb = _last_cue(tail[-4:], c.change)
    if verb is not None and not tail[-4:][verb:].startswith(c.growth_to) and not tail.endswith(_VALUE_ADDED):
        return "change"  # (not 第三产业增加值15263.7亿元: 增加值 is value added, no change)
    return "actual"


_VALUE_ADDED = ("增加值", "增加值为", "增加值达", "增加值达到")


def _ends_level(tail: str, pos: int, c: Cues) -> bool:
    after = tail[pos:]
    for word in c.growth:
        if after.startswith(word):
            rest = after[len(word):]
            return rest.startswith(c.growth_to)
    return False


def _last_cue(text: str, words: tuple[str, ...]) -> int | None:
    """Offset just after the last cue word in text (the greatest end of any occurrence of any of them), or
    None. Read as the first match of the reversed words in the reversed text: one scan, not one per word."""
    found = _reversed_alternation(words).search(text[::-1])
    return None if found is None else len(text) - found.start()


@cache
def _reversed_alternation(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(w[::-1]) for w in words))


@cache
def words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Any of the words, found in one scan (memoized per word tuple)."""
    return re.compile("|".join(re.escape(w) for w in words))


def is_target(sentence_before: str) -> bool:
    return words_pattern(cues().target).search(sentence_before) is not None


def plans(sentence_before: str) -> bool:
    """Whether 要/将 and a verb of effort (要全力, 将继续) stand before the figure in its sentence."""
    return _plan().search(sentence_before) is not None


def opens_plan(paragraph_start: str) -> bool:
    """Whether a paragraph opens with what its subject is to do (要全力推动增资扩产。, 锡山区要着力抓好…, 我们将继续…):
    its figures are plans, whatever sentence of it they stand in."""
    return _plan_opening().match(paragraph_start) is not None


# The lookbehind follows the modal it guards (the character before 要/将, seen from after it) so that the
# pattern opens with a literal and re skips to each 要/将; opening with the lookbehind, it was tried at every
# position of every figure's sentence.
_MODAL = r"(?:要|将)(?<![主重需只纪摘提首不想纲必].)"
_OPENING_SUBJECT = r"[ \t\u3000#*>-]*[^，,；;：:。！？\n]{0,12}?"


@cache
def _plan() -> re.Pattern:
    return re.compile(_MODAL + "(?:" + "|".join(re.escape(w) for w in cues().plan_verbs) + ")")


@cache
def _plan_opening() -> re.Pattern:
    return re.compile(_OPENING_SUBJECT + _plan().pattern)


def aspect_of(kind: str, clause_before: str) -> str | None:
    """stock | flow | None for a figure of this kind: the last stock or flow word of its clause decides."""
    if kind not in ("actual", "change"):
        return None
    return clause_aspect(clause_before)


def clause_aspect(clause_before: str) -> str | None:
    """stock | flow | None, from the last stock or flow word (rules/cues.toml [aspect]) of a clause."""
    c = cues()
    if not c.stock and not c.flow:
        return None
    # The word with the greatest end decides, a flow word where both end together: the first match in the
    # reversed clause of the reversed words, flow words tried first (one reversal and one scan, not two). One
    # flat alternation: re skips to the words' first characters only when the pattern opens with no group.
    found = _reversed_alternation(c.flow + c.stock).search(clause_before[::-1])
    if found is None:
        return None
    return "flow" if found.group()[::-1] in _word_set(c.flow) else "stock"


@cache
def _word_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


def is_scope(text: str, start: int, end: int) -> bool:
    """Whether the region name at text[start:end] is a comparison scope (全国第二, 占全省) rather than a subject."""
    c = cues()
    return text.startswith(c.scope_after, end) or text[max(0, start - 3):start].endswith(c.scope_before)


_TOP_N = re.compile(r"[\d一二三四五六七八九十百千]+强")


def in_list_name(text: str, start: int, end: int) -> bool:
    """Whether the region name at text[start:end] opens the name of a list or an award (入选中国独角兽企业,
    中国500强, 中国驰名商标): the figure counts entries in it, it is not the figure's subject."""
    c = cues()
    return (text[max(0, start - 3):start].endswith(c.list_before) or text.startswith(c.list_after, end)
            or _TOP_N.match(text, end) is not None)


def is_subject(text: str, start: int, end: int) -> bool:
    """Whether a region name can be what a figure is about: not a scope, not part of 苏州实验室 or 南京大学,
    not the opening of a list's name (入选中国独角兽企业), not inside a quoted name (“中国创翼”创业大赛)."""
    return (not is_scope(text, start, end) and not text.startswith(cues().org_after, end)
            and not in_list_name(text, start, end) and not in_quoted_name(text, start, end)
            and not _name_ahead().match(text, end))


@cache
def _name_ahead() -> re.Pattern:
    """A few more characters and then an organization's or event's word (2024中国高校科技成果交易会, 拉萨贡嘎机场):
    the place is part of the name, unless a verb or a mark comes first (江苏举办…大会: 江苏 held it)."""
    words = "|".join(re.escape(w) for w in sorted(cues().org_after, key=len, reverse=True) if len(w) >= 2)
    return re.compile(r"(?:(?!举办|召开|承办|主办|参加|举行|成功|获批|建成|入选|设立|落户|实现|拥有|新增|累计)"
                      r"[^\s\d，。；;：:、,（）()“”\"]){1,6}?(?:" + words + ")")


_OPEN_QUOTES = "“「《〈『\""
_CLOSE_QUOTES = "”」》〉』\""


def in_quoted_name(text: str, start: int, end: int) -> bool:
    """Whether the region name at text[start:end] opens a quoted name that goes on after it (“中国创翼”, 《江苏
    省…条例》): the name of an event, brand or law, not the place."""
    return (start > 0 and text[start - 1] in _OPEN_QUOTES and end < len(text) and text[end] not in _CLOSE_QUOTES
            and any(ch in _CLOSE_QUOTES for ch in text[end:end + 12]))
