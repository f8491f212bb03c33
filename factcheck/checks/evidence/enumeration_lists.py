"""Counts announced next to an explicit list of items: “八个一”（…）, “三单一图”：…, 六大领域：…, 单位6个（…）.

Everything here reads normalized text and returns offsets into it; the check maps them back. Each finder
returns only lists whose bounds are plain (one bracket, one colon-to-full-stop span, one run of 、-separated
items right before a quoted name); anything less clear returns nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.extract.numbers.numerals import parse_chinese

NUMERALS = "一二三四五六七八九十两"
_OPEN = "（(“‘《【「"
_CLOSE = "）)”’》】」"
_MAX_ITEM = 30       # longer pieces are clauses, not items
_MAX_SPAN = 400      # a list longer than this is prose
# Openings that make a list partial (examples) rather than the whole set.
_PARTIAL_OPENINGS = ("如", "例如", "比如", "诸如", "含", "其中", "主要有", "主要是", "特别是", "尤其是", "重点是")
_EXHAUSTIVE_OPENINGS = ("包括", "分别是", "分别为", "即", "具体为", "具体是", "具体包括")
# A count inside the list (四类清单, 两个中心) means items are grouped: their number is not the 、 count.
_NESTED_COUNT = regex.compile(rf"[{NUMERALS[1:]}\d]+[类个项大种批张支条家所]")
_JOINED = regex.compile(r"和(?!谐)|(?<![普涉危])及(?![时格])|(?<![参给赋])与")  # 氢能和新型储能: one item or two


@dataclass(frozen=True, slots=True)
class Enumeration:
    """A count and the items the text gives for it; offsets are into the normalized text."""

    start: int            # the count's announcement
    end: int
    label: str            # the announcement as worded (“八个一”工作机制, 六大领域)
    announced: int
    low: int              # items counted; high > low when items joined by 和 may be one or two each
    high: int
    list_start: int
    list_end: int
    delimited: bool       # the list is bracketed or runs from a colon to a full stop: its length is certain
    # the list gives examples (…等5个, 以…为代表的5个): only more items than the count is wrong
    impossible_only: bool = False
    part: str = ""        # for names of several parts (三单一图): which part disagrees

    @property
    def agrees(self) -> bool:
        if self.impossible_only:
            return self.low <= self.announced
        return self.low <= self.announced <= self.high


def small_number(text: str) -> int | None:
    """A count of items as written (八, 十二, 14), or None when it is not one."""
    if text.isdigit():
        value = int(text)
    else:
        parsed = parse_chinese(text.replace("两", "二"))
        if parsed is None or parsed[1] != 1 and text[-1] != "十":
            return None
        value = int(parsed[0])
    return value if 2 <= value <= 60 else None


_NAME_PART = regex.compile(rf"([{NUMERALS}]+|\d+)([^{NUMERALS}\d]*)")
_CLASSIFIERS = "个项张条大类种批支份位"


def slogan_parts(name: str) -> list[tuple[int, str, str]] | None:
    """The counts a slogan announces, with their words and as written: 八个一 → [(8, 个一, 八个一)],
    三单一图 → [(3, 单, 三单), (1, 图, 一图)], 六新 → [(6, 新, 六新)]."""
    if not name or not (name[0] in NUMERALS or name[0].isdigit()) or "、" in name:
        return None
    pieces = [(m.group(1), m.group(2)) for m in _NAME_PART.finditer(name)]
    if "".join(n + h for n, h in pieces) != name:
        return None
    parts: list[tuple[int, str, str]] = []
    for numeral, head in pieces:
        if parts and numeral == "一" and parts[-1][1] in _CLASSIFIERS:
            count, classifier, written = parts.pop()
            parts.append((count, classifier + "一" + head, written + "一" + head))  # 八个一: eight things, each "one …"
            continue
        value = 1 if numeral == "一" else small_number(numeral)
        if value is None or not head:
            return None
        parts.append((value, head, numeral + head))
    if sum(count for count, *_ in parts) < 2:
        return None
    return parts


def split_top_level(span: str, separators: str) -> list[str]:
    """span cut at separators standing outside brackets and quotes."""
    parts, depth = [], 0
    current: list[str] = []
    for ch in span:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and ch in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def item_count(span: str) -> tuple[int, int] | None:
    """How many items a list names, as (fewest, most), or None when its items are not plainly countable."""
    text = span.strip()
    if not text or len(text) > _MAX_SPAN or text.startswith(_PARTIAL_OPENINGS) or _NESTED_COUNT.search(text):
        return None
    for opening in _EXHAUSTIVE_OPENINGS:
        if text.startswith(opening):
            text = text[len(opening):].lstrip("：:")
            break
    if len(split_top_level(text, "，,")) > 1:
        return None  # a comma at the top level joins clauses, not items
    semicolons = len(split_top_level(text, "；;")) > 1
    if semicolons and len(split_top_level(text, "、")) > 1:
        return None  # 、 inside ；-groups: which level counts is not plain
    items = [item.strip() for item in split_top_level(text, "；;" if semicolons else "、")]
    if (len(items) < 2 or any(not item or len(item) > _MAX_ITEM or any(ch.isdigit() for ch in item)
                              or "等" in item[-2:] or "。" in item for item in items)):
        return None
    joined = sum(1 for item in items if _JOINED.search(outside_brackets(item)))
    return len(items), len(items) + joined


def outside_brackets(text: str) -> str:
    out, depth = [], 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def bracket_span(text: str, open_at: int) -> tuple[int, int] | None:
    """[start, end) of the content of the bracket opening at open_at, or None when it does not close on its line."""
    depth = 0
    for i in range(open_at, min(len(text), open_at + _MAX_SPAN)):
        ch = text[i]
        if ch == "\n":
            return None
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth == 0:
                return open_at + 1, i
    return None


def sentence_span(text: str, start: int) -> tuple[int, int] | None:
    """[start, end) up to the next full stop or line end, when it ends there (colon-to-full-stop)."""
    for i in range(start, min(len(text), start + _MAX_SPAN)):
        if text[i] in "。！？!?\n":
            return start, i
    return None


_SLOGAN = regex.compile(r"“([^“”\n]{2,12})”")
_SUFFIX = regex.compile(r"[^\s，。；：:、“”‘’（）()！？,;!?即]{0,8}")
_OPENING = regex.compile(r"[（(]|[：:]|[，,]?即|[，,](?:分别是|分别为|包括|具体包括)[：:]?")
_BOUNDARY = "，。；：,;:！？!?\n"


def slogan_lists(text: str) -> list[Enumeration]:
    """Quoted count names with their list: “八个一”工作机制（…）, “三通一码”：…。, …、…“六新”工程."""
    found = []
    for m in _SLOGAN.finditer(text):
        parts = slogan_parts(m.group(1))
        if parts is None or m.start() > 0 and text[m.start() - 1] in "”、":
            continue  # one of several names (“两重”“两新”：…): which items go with which is not plain
        suffix = _SUFFIX.match(text, m.end(), m.end() + 8)  # (ends given: regex reads to the text's end otherwise)
        opening = _OPENING.match(text, suffix.end(), suffix.end() + 8)
        label = text[m.start():suffix.end()]
        if opening and opening.group() == "即" and suffix.end() > m.end():
            continue  # “两新”工作即将…: 即 of a word, not “that is”
        if opening:
            found.extend(_following_list(text, m.start(), label, parts, opening))
        elif text.startswith("“", suffix.end()) or text[suffix.end():suffix.end() + 1] == "、":
            continue
        else:
            found.extend(_preceding_list(text, m.start(), m.group(), parts))
    return found


def _following_list(text: str, start: int, label: str, parts, opening) -> list[Enumeration]:
    if opening.group().startswith(("（", "(")):
        span = bracket_span(text, opening.start())
    else:
        span = sentence_span(text, opening.end())
    if span is None:
        return []
    delimited = not opening.group().lstrip("，,").startswith(("即", "分别", "包括", "具体"))
    body = text[span[0]:span[1]]
    groups = split_top_level(body, "，,")
    if len(parts) > 1 and len(groups) == len(parts):
        # “三上门两加强”：A、B、C，D、E — one comma group per part of the name
        found, offset = [], span[0]
        for (count, _, written), group in zip(parts, groups, strict=False):
            counted = item_count(group) if count > 1 else (1, 1) if "、" not in group else None
            if counted is None:
                return []
            found.append(Enumeration(start, start + len(label), label, count, *counted, offset, offset + len(group),
                                     delimited, part=written))
            offset += len(group) + 1
        return [e for e in found if not e.agrees][:1]
    counted = item_count(body)
    if counted is None:
        return []
    total = sum(count for count, *_ in parts)
    whole = Enumeration(start, start + len(label), label, total, *counted, span[0], span[1], delimited)
    if whole.agrees and len(parts) > 1:
        return _kinds_disagreeing(whole, parts, body)
    return [whole]


def _kinds_disagreeing(found: Enumeration, parts, body: str) -> list[Enumeration]:
    """“三单一图”（A清单、B清单、C清单、D地图）: when every item ends in one part's word (单, 图), each part's
    count must match too. Items that end otherwise (四融一共: 景村融合…共同富裕) are not checked."""
    kinds = {head[-1]: (count, written) for count, head, written in parts}
    items = [outside_brackets(item).strip() for item in split_top_level(body, "、；;")]
    if len(kinds) != len(parts) or not all(item[-1:] in kinds for item in items):
        return []
    for kind, (count, written) in kinds.items():
        listed = sum(1 for item in items if item[-1] == kind)
        if listed != count:
            return [Enumeration(found.start, found.end, found.label, count, listed, listed, found.list_start,
                                found.list_end, False, part=written)]
    return []


def _preceding_list(text: str, start: int, label: str, parts) -> list[Enumeration]:
    """…新赛道开拓、新技术引领、…、新生态植根“六新”工程: the items run from the clause start to the name."""
    list_start = clause_start(text, start)
    body = text[list_start:start]
    examples = body.endswith("等")
    body = body.removesuffix("等")
    if "、" not in body or len(parts) > 1:
        return []
    counted = item_count(body)
    marks = set(parts[0][1].lstrip(_CLASSIFIERS)[-1:] or "一")
    # the items must be of the kind the name counts (六新: each item says 新), else the run may be prose
    if counted is None or not all(marks & set(item) for item in split_top_level(body, "、")):
        return []
    return [Enumeration(start, start + len(label), label, parts[0][0], *counted, list_start, start, False,
                        impossible_only=examples)]


def clause_start(text: str, end: int) -> int:
    """Where the clause ending at end begins: after the last separator outside brackets."""
    depth, i = 0, end
    while i > 0 and end - i < _MAX_SPAN:
        ch = text[i - 1]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in _BOUNDARY:
            break
        i -= 1
    return i


_COUNT_ONLY = rf"([{NUMERALS}]{{1,3}}|\d{{1,3}})"
_COUNT = rf"(?<![第\d.{NUMERALS}百千万])" + _COUNT_ONLY  # a whole number, not the tail of one or an ordinal
_COUNTED_COLON = regex.compile(
    _COUNT + r"([个大项类种张条批支])([^\s，。；：:、“”‘’（）()！？,;!?即的]{1,10}?)"
    r"(?:[：:]|[，,](?:即|分别是|分别为)[：:]?)")
_COUNTED_BRACKET = regex.compile(_COUNT + r"([个家所项座条类种])(?=[（(])")
_EXAMPLES_BEFORE = regex.compile(r"(等|为代表的)" + _COUNT_ONLY + r"([个家所项座条类种大批])"
                                 r"([^\s，。；：:、“”（）()！？,;!?\d]{0,10})")


def counted_lists(text: str) -> list[Enumeration]:
    """Unquoted counts with their list: 六大领域：A、B、…。 / 单位6个（A、B、…） / A、B等2个 (examples)."""
    found = []
    for m in _COUNTED_COLON.finditer(text):
        count = small_number(m.group(1))
        span = sentence_span(text, m.end())
        counted = item_count(text[span[0]:span[1]]) if count and span else None
        if counted:
            assert count and span  # counted only when both were found
            delimited = m.group().endswith(("：", ":"))
            label = text[m.start():m.end()].rstrip("：:，,即分别是为")
            found.append(Enumeration(m.start(), m.start() + len(label), label, count, *counted, *span, delimited))
    for m in _COUNTED_BRACKET.finditer(text):
        count = small_number(m.group(1))
        span = bracket_span(text, m.end())
        counted = item_count(text[span[0]:span[1]]) if count and span else None
        if counted and counted[0] >= 3:  # 县（市、区）: two words that qualify a noun, not a list
            assert count and span  # counted only when both were found
            opens = clause_start(text, m.start())
            label = text[max(opens, text.rfind("、", opens, m.start()) + 1):m.end()]
            found.append(Enumeration(m.end() - len(label), m.end(), label, count, *counted, *span, True))
    for m in _EXAMPLES_BEFORE.finditer(text):
        count = small_number(m.group(2))
        list_start = clause_start(text, m.start())
        if m.group(1) == "为代表的":
            opening = text.rfind("以", list_start, m.start())
            list_start = opening + 1 if opening >= 0 else m.start()
        counted = item_count(text[list_start:m.start()]) if count else None
        if counted:
            assert count  # counted only when the count was read
            found.append(Enumeration(m.start(2), m.end(), text[m.start(2):m.end()], count, *counted, list_start,
                                     m.start(), False, impossible_only=True))
    return found
