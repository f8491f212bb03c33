"""Names that carry a count (“八个一”文化品牌, “十项行动”, “33条”增量政策, 十件民生实事): the grammar reads no figure in
a quoted name, yet a document that names the same thing with another count contradicts itself (FC101)."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.extract.numbers.numerals import parse_chinese
from factcheck.model.claims import DocumentClaims

# A quoted numeral and counter, then the rest of the name: “八个一”文化品牌, “十项行动”, “33条”增量政策.
_QUOTED = regex.compile(r"“(?P<n>\d{1,3}|[一二两三四五六七八九十百]{1,3})(?P<c>个一|大|项|条|件|个)"
                        r"(?P<inside>[^”\n]{0,8})”"
                        r"(?P<after>[^，。；、：\s“”\d]{0,6})")


# Words that name a kind of programme, not one programme: “五大工程” and “六大工程” are two.
_GENERIC = regex.compile(r"行动|工程|计划|攻坚|战略|体系|举措|政策|措施|任务|重点|领域|方面|产业|板块|功能|高地"
                         r"|支撑|安全|平台|项目|改革")


@dataclass(frozen=True, slots=True)
class NameCount:
    start: int   # offsets of the numeral in the document's original text
    end: int
    count: int
    name: str    # the name without its count: 个一|文化品牌, 项行动|


def name_counts(doc: DocumentClaims) -> list[NameCount]:
    text = doc.document.text
    out = []
    for m in _QUOTED.finditer(text):
        count = _number(m.group("n"))
        if count is None or count < 2:
            continue
        inside, after = m.group("inside"), m.group("after")
        if len(_GENERIC.sub("", inside + after)) < 2:
            continue  # “十条”, “五大工程”, “八大行动”: many a document has several such, each its own
        out.append(NameCount(m.start("n"), m.end("n"), count, f"{m.group('c')}{inside}|{after}"))
    return out


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    parsed = parse_chinese(text)
    if parsed is None or parsed[0] != int(parsed[0]):
        return None
    return int(parsed[0])


def conflicting_name_counts(doc: DocumentClaims) -> list[tuple[NameCount, NameCount]]:
    """(first, later) pairs of one document naming the same thing with different counts, the later once."""
    first: dict[str, NameCount] = {}
    out = []
    for found in name_counts(doc):
        seen = first.setdefault(found.name, found)
        if seen.count != found.count:
            out.append((seen, found))
    return out
