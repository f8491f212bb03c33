"""A document's text as HTML lines for the report: each line anchored (its id names the document and the line),
every figure the extraction read marked, and the places of findings marked by severity with a link back to
their finding. Every character of the document passes through markupsafe.escape: the text is untrusted."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from markupsafe import Markup, escape

_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int            # offsets into the document's text
    end: int
    finding: str = ""     # the finding's anchor id, for the place of a finding; "" for a figure
    severity: str = ""
    title: str = ""       # shown on hover: the claim's reading, or the finding's code


def line_anchor(doc_id: str, line: int) -> str:
    return f"{doc_id}-L{line}"


def document_lines(doc_id: str, text: str, marks: list[Mark]) -> list[Markup]:
    """The lines of text as HTML, one Markup string a line (number, then the marked text)."""
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    by_line: dict[int, list[Mark]] = {}
    for mark in marks:
        if mark.end <= mark.start:
            continue
        first = bisect_right(starts, mark.start) - 1
        last = bisect_right(starts, mark.end - 1) - 1
        for index in range(first, last + 1):
            by_line.setdefault(index, []).append(mark)
    out = []
    for index, start in enumerate(starts):
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        line = text[start:end].rstrip("\r")
        anchor = line_anchor(doc_id, index + 1)
        body = _marked(line, start, by_line.get(index, ())) if line else Markup("&#8203;")
        out.append(Markup('<div class="ln" id="{0}"><a class="no" href="#{0}">{1}</a><span class="tx">{2}</span></div>')
                   .format(anchor, index + 1, body))
    return out


def _marked(line: str, offset: int, marks) -> Markup:
    """The line with its marks: split at every mark's edge, each piece taking the strongest mark over it (a
    finding's place over a plain figure, the higher severity over the lower)."""
    if not marks:
        return escape(line)
    edges = {0, len(line)}
    for m in marks:
        edges.add(min(max(m.start - offset, 0), len(line)))
        edges.add(min(max(m.end - offset, 0), len(line)))
    cuts = sorted(edges)
    pieces: list[tuple[Mark | None, str]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        over = [m for m in marks if m.start - offset < b and m.end - offset > a]
        best = max(over, key=lambda m: (bool(m.finding), _RANK.get(m.severity, 0)), default=None)
        if pieces and pieces[-1][0] is best:
            pieces[-1] = (best, pieces[-1][1] + line[a:b])
        else:
            pieces.append((best, line[a:b]))
    html = []
    for mark, piece in pieces:
        if mark is None:
            html.append(escape(piece))
        elif mark.finding:
            html.append(Markup('<a class="hit sev-{}" href="#{}" title="{}">{}</a>')
                        .format(mark.severity, mark.finding, mark.title, piece))
        else:
            html.append(Markup('<mark class="fig" title="{}">{}</mark>').format(mark.title, piece))
    return Markup("").join(html)


def excerpt_parts(excerpt: str, column: int, end_column: int | None,
                  around: int = 60) -> tuple[str, str, str, bool, bool]:
    """A place's line cut into before, figure and after (end_column None: to the end of the line), trimmed to
    `around` characters either side; and whether each side was trimmed."""
    start = max(column - 1, 0)
    end = len(excerpt) if end_column is None else max(end_column - 1, start)
    left = max(0, start - around)
    right = min(len(excerpt), end + around)
    return excerpt[left:start], excerpt[start:end], excerpt[end:right], left > 0, right < len(excerpt)
