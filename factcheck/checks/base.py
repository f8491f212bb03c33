"""What every check is: a small class with a stable code, docs, examples, and a run() over all claims."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, wraps
from typing import Any, ClassVar, TypeVar

from factcheck.findings import Edit, Finding, Place
from factcheck.model import Claim, DocumentClaims, Location
from factcheck.normalize import LineIndex

DOCUMENT_BREAK = "\n===\n"  # separates documents inside one Bad/Good example


class Check:
    """Base of all checks. Subclasses set the class attributes and implement run()."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]   # one line: what it flags
    why: ClassVar[str]       # why an editor should care
    severity: ClassVar[str] = "error"  # default; rules/checks.toml may override per check
    bad: ClassVar[tuple[str, ...]] = ()   # each must raise this check's code at least once
    good: ClassVar[tuple[str, ...]] = ()  # each must raise nothing from this check

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        self.settings = dict(settings or {})
        self.level = self.settings.get("severity", self.severity)

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError(f"{type(self).__name__} must implement run()")

    def setting(self, key: str, default: Any) -> Any:
        return self.settings.get(key, default)

    def finding(self, ctx: CheckContext, claim: Claim, message: str, related: Iterable[tuple[Claim, str]] = (),
                key: str = "", severity: str | None = None, extra: Iterable[Claim] = ()) -> Finding:
        """A finding at claim; related is (claim, note) pairs shown beneath it; extra claims are cited only."""
        related = list(related)
        return Finding(
            rule=self.code, name=self.name, severity=severity or self.level, message=message,
            place=Place(claim.location, ctx.line(claim)),
            related=tuple(Place(c.location, ctx.line(c), note) for c, note in related),
            claims=tuple(dict.fromkeys([claim.id, *(c.id for c, _ in related), *(c.id for c in extra)])),
            key=key or f"{claim.region_code}|{claim.metric}|{claim.period}",
        )

    def finding_at(self, ctx: CheckContext, doc: DocumentClaims, start: int, end: int, message: str,
                   related: Iterable[tuple[int, int, str]] = (), key: str = "",
                   severity: str | None = None, fix: Iterable[Edit] = ()) -> Finding:
        """A finding at the original text [start, end) of doc, for checks that read the text rather than a
        claim; related is (start, end, note) spans of the same document; claims inside the main span are cited."""
        return Finding(
            rule=self.code, name=self.name, severity=severity or self.level, message=message,
            place=ctx.place_at(doc, start, end),
            related=tuple(ctx.place_at(doc, s, e, note) for s, e, note in related),
            claims=tuple(c.id for c in ctx.claims_overlapping(doc, start, end)),
            key=key, fix=tuple(fix),
        )


@dataclass
class CheckContext:
    """All documents of a run, with the lookups checks share.

    Claims are found by (path, id): two files with the same text give their claims the same ids. A document's
    claims stand in reading order and do not overlap, so the claims in a span are found by bisection. The
    memo holds what per_claim functions computed: checks ask the same questions of a claim many times (FC4
    and FC5 alone ask comparable() some 31,000 times of the corpus's 12,600 claims)."""

    documents: tuple[DocumentClaims, ...]
    _by_id: dict[str, tuple[DocumentClaims, Claim]] = field(default_factory=dict, repr=False)
    _by_key: dict[tuple[str, str], tuple[DocumentClaims, int]] = field(default_factory=dict, repr=False)
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _spans: dict[str, tuple[list[int], list[int]] | None] = field(default_factory=dict, repr=False)
    _line_index: dict[str, LineIndex] = field(default_factory=dict, repr=False)
    memo: dict[tuple, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for doc in self.documents:
            for i, claim in enumerate(doc.claims):
                self._by_id[claim.id] = (doc, claim)
                self._by_key[(claim.location.path, claim.id)] = (doc, i)

    def shared(self, key: str, build):
        """An index over the run that several checks share, built by build() the first time it is asked for."""
        if (key,) not in self.memo:
            self.memo[(key,)] = build()
        return self.memo[(key,)]

    @property
    def claims(self) -> Iterator[Claim]:
        for doc in self.documents:
            yield from doc.claims

    def document_of(self, claim: Claim) -> DocumentClaims:
        return self._by_key[(claim.location.path, claim.id)][0]

    def index_of(self, claim: Claim) -> int:
        """The claim's position among its document's claims."""
        return self._by_key[(claim.location.path, claim.id)][1]

    def previous_claim(self, claim: Claim) -> Claim | None:
        """The claim just before this one in its document."""
        doc, i = self._by_key[(claim.location.path, claim.id)]
        return doc.claims[i - 1] if i else None

    def claim(self, claim_id: str) -> Claim:
        return self._by_id[claim_id][1]

    def claims_within(self, doc: DocumentClaims, start: int, end: int) -> tuple[Claim, ...]:
        """The claims of doc with start > start and end <= end, in order."""
        spans = self._claim_spans(doc)
        if spans is None:
            return tuple(c for c in doc.claims if start < c.location.start and c.location.end <= end)
        starts, ends = spans
        return doc.claims[bisect_right(starts, start):bisect_right(ends, end)]

    def claims_overlapping(self, doc: DocumentClaims, start: int, end: int) -> tuple[Claim, ...]:
        """The claims of doc that share a character with [start, end), in order."""
        spans = self._claim_spans(doc)
        if spans is None:
            return tuple(c for c in doc.claims if c.location.start < end and c.location.end > start)
        starts, ends = spans
        return doc.claims[bisect_right(ends, start):bisect_left(starts, end)]

    def _claim_spans(self, doc: DocumentClaims) -> tuple[list[int], list[int]] | None:
        """Start and end offsets of doc's claims, or None if they are not in order without overlaps (then the
        span lookups scan)."""
        path = doc.document.path
        if path not in self._spans:
            starts = [c.location.start for c in doc.claims]
            ends = [c.location.end for c in doc.claims]
            ordered = all(a <= b for a, b in zip(ends, starts[1:])) and all(a < b for a, b in zip(starts, ends))
            self._spans[path] = (starts, ends) if ordered else None
        return self._spans[path]

    def line(self, claim: Claim) -> str:
        """The source line the claim starts on (the original text, for excerpts)."""
        path = claim.location.path
        if path not in self._lines:
            doc = self.document_of(claim)
            self._lines[path] = doc.document.text.split("\n")
        lines = self._lines[path]
        index = claim.location.line - 1
        return lines[index].rstrip("\r") if 0 <= index < len(lines) else ""

    def place_at(self, doc: DocumentClaims, start: int, end: int, note: str = "") -> Place:
        """The Place of the original text [start, end) of doc, with the line it starts on as excerpt."""
        text = doc.document.text
        index = self._line_index.get(doc.document.path)
        if index is None:
            index = self._line_index[doc.document.path] = LineIndex(text)
        line, column = index.position(start)
        end_line, end_column = index.position(max(start, end))
        location = Location(doc.document.path, line, column, end_line, end_column, start, end)
        return Place(location, index.line_text(text, line), note)

    def text_between(self, first: Claim, second: Claim) -> str:
        """The original text between two claims of one document (empty if they overlap or differ in file)."""
        if first.location.path != second.location.path or first.location.end > second.location.start:
            return ""
        return self.document_of(first).document.text[first.location.end:second.location.start]

    def sentences(self, doc: DocumentClaims) -> list[list[Claim]]:
        """The document's claims grouped by the sentence they stand in, in order."""
        groups: dict[int, list[Claim]] = {}
        for claim in doc.claims:
            groups.setdefault(claim.sentence, []).append(claim)
        return [groups[k] for k in sorted(groups)]

    @cached_property
    def gazetteer(self):
        from factcheck.gazetteer import load_gazetteer

        return load_gazetteer()


_F = TypeVar("_F", bound=Callable[..., Any])
_MISSING = object()


def per_claim(fn: _F) -> _F:
    """Memoize fn(ctx, claim, *args) in ctx.memo: for functions of the claim and the run's documents only
    (what the words around a figure say), which several checks ask of the same claims."""

    @wraps(fn)
    def memoized(ctx: CheckContext, claim: Claim, *args, **kwargs):
        memo = ctx.memo.get(fn)
        if memo is None:
            memo = ctx.memo[fn] = {}
        key = (claim.location.path, claim.id, args, tuple(kwargs.items())) if args or kwargs else \
            (claim.location.path, claim.id)
        value = memo.get(key, _MISSING)
        if value is _MISSING:
            value = memo[key] = fn(ctx, claim, *args, **kwargs)
        return value

    return memoized  # type: ignore[return-value]


def example_documents(example: str) -> list[str]:
    """The documents of a Bad/Good example: one, or several separated by a line holding only ===."""
    return [part.strip("\n") for part in example.split(DOCUMENT_BREAK)]
