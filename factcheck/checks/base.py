"""What every check is: a small class with a stable code, docs, examples, and a run() over all claims."""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from factcheck.extract.regions.gazetteer import load_gazetteer
from factcheck.model.claims import Claim, DocumentClaims, Location
from factcheck.model.findings import Edit, Finding, Place
from factcheck.text.normalize import LineIndex
from factcheck.vocab.data import load_toml

DOCUMENT_BREAK = "\n===\n"  # separates documents inside one Bad/Good example


OPTION_KINDS = ("severity", "severity-or-off", "decimal", "words")

# What a corpus-scope check pairs claims on, so that a focus run knows which reference claims can meet a focus
# claim (factcheck.scale.focus loads exactly those):
PAIRING_KEYS = {
    # claims with the same (metric, region code) as a pairable focus claim (figure and series keys)
    "metric-region": "same metric and region",
    # claims of the same metric and period in a region within or around the focus claim's region
    "region-family": "same metric and period, in a region within or around the claim's",
    # every main target of the regions a focus document or claim names, their relation targets, and the
    # documents of those regions that say their year's targets were met
    "region-targets": "the main targets of the regions named",
    # claims of the same region and period whose metrics a declared rule (sum, ratio, order) names together
    "declared-relation": "the metrics a declared relation names, in the same region and period",
}


@dataclass(frozen=True, slots=True)
class Option:
    """A setting a check reads. Its default value lives in rules/checks.toml under the check's code (a word
    list: under [words], by the name given here), and a project's config may override it ([checks.FCnnn])."""

    kind: str          # one of OPTION_KINDS
    doc: str
    words: str = ""    # for kind "words": the list in rules/checks.toml [words] that is the default


@functools.cache
def option_defaults(check: type[Check]) -> dict[str, Any]:
    """The defaults of a check's declared options, from rules/checks.toml."""
    data = load_toml("checks.toml")
    own, words = data.get(check.code, {}), data.get("words", {})
    return {name: list(words[option.words]) if option.kind == "words" else own[name]
            for name, option in check.options.items()}


class Check:
    """Base of all checks. Subclasses set the class attributes and implement run(); everything the rest of
    the tool needs to know about a check is declared here, on the class."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]   # one line: what it flags, in Chinese
    why: ClassVar[str]       # why an editor should care, in English
    summary_en: ClassVar[str]  # the summary in English (--explain, the rules docs and SARIF give both languages)
    why_zh: ClassVar[str]      # the why in Chinese
    severity: ClassVar[str] = "error"  # the default; a project's config may override it per check
    # "document" when a check's findings on a run are exactly the union of its findings on each document
    # alone (it never looks across documents): such checks run beside extraction, in the worker processes,
    # and their findings are cached with the claims. "corpus" (the safe default for a new check) runs once
    # over all documents. tests/test_scale.py proves the document scope on the real corpus.
    scope: ClassVar[str] = "corpus"
    # For a corpus-scope check: the PAIRING_KEYS it pairs claims on. None (the safe default for a new
    # corpus-scope check) makes a focus run load every reference document whole.
    pairs_on: ClassVar[tuple[str, ...] | None] = None
    # Checks of one group share per-claim memos and run in one process; with --jobs 2 and a large run, the
    # groups other than "main" run in a second process (factcheck.report.parallel).
    process_group: ClassVar[str] = "main"
    fixable: ClassVar[bool] = False  # its findings carry edits that --fix applies
    options: ClassVar[Mapping[str, Option]] = {}
    bad: ClassVar[tuple[str, ...]] = ()   # each must raise this check's code at least once
    # per Bad example: the original text its first finding points at (between the place's start and end)
    bad_spans: ClassVar[tuple[str, ...]] = ()
    # per Bad example of a fixable check: the example after --fix (its edits applied until none is left)
    fixed: ClassVar[tuple[str, ...]] = ()
    good: ClassVar[tuple[str, ...]] = ()  # each must raise nothing from this check

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        self.settings = dict(settings or {})
        self.level = self.settings.get("severity", self.severity)

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError(f"{type(self).__name__} must implement run()")

    def setting(self, key: str) -> Any:
        """A declared option's value: the run's settings (a config's override), else its default."""
        if key not in self.options:
            raise KeyError(f"{self.code} declares no option {key!r}")
        # a class is hashable, but mypy checks type[Check] against Hashable with the instances' __hash__
        return self.settings[key] if key in self.settings else option_defaults(type(self))[key]  # type: ignore[arg-type]

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

    Claims are found by identity (two files with the same text give their claims the same ids and equal
    fields but for the path, and each claim must still find its own document and position in O(1)), else
    by (path, id). A document's claims stand in reading order and do not overlap, so the claims in a span
    are found by bisection.

    candidates, when given, are the ids of the claim objects ctx.claims yields: a focus run loads some
    reference claims only as neighbours of the ones it selected (the previous figure of a sentence), and
    they must be there when a check looks at a document's claims, but are not figures to check."""

    documents: tuple[DocumentClaims, ...]
    candidates: frozenset[int] | None = None
    _by_id: dict[str, tuple[DocumentClaims, Claim]] = field(default_factory=dict, repr=False)
    _by_key: dict[tuple[str, str], tuple[DocumentClaims, int]] = field(default_factory=dict, repr=False)
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _spans: dict[str, tuple[list[int], list[int]] | None] = field(default_factory=dict, repr=False)
    _line_index: dict[str, LineIndex] = field(default_factory=dict, repr=False)
    _position: dict[int, tuple[DocumentClaims, int, Claim, int]] = field(default_factory=dict, repr=False)
    # per_claim answers: one column per function (and arguments), one slot per claim of the run; a list of
    # slots costs 8 bytes a claim where a dict of answers would cost a hundred and more
    _evidence: dict[str | tuple[str, tuple, tuple], list] = field(default_factory=dict, repr=False)
    memo: dict[object, Any] = field(default_factory=dict, repr=False)  # other results checks share

    def __post_init__(self) -> None:
        count = 0
        self._offset: dict[int, int] = {}
        for doc in self.documents:
            self._offset[id(doc)] = count
            for index, claim in enumerate(doc.claims):
                self._position[id(claim)] = (doc, index, claim, count)
                count += 1
        self._count = count
        # the usual lookup: a path names one document of the run (one read twice, as a claims file and a
        # document beside it, is found by identity instead)
        named = Counter(d.document.path for d in self.documents)
        self._by_path = {d.document.path: d for d in self.documents if named[d.document.path] == 1}
        everything = (c for doc in self.documents for c in doc.claims)
        only = self.candidates
        self._claims = tuple(everything if only is None else (c for c in everything if id(c) in only))

    @property
    def claim_count(self) -> int:
        """Claims of all documents, neighbours included."""
        return self._count

    def shared(self, key: str, build):
        """An index over the run that several checks share, built by build() the first time it is asked for."""
        if (key,) not in self.memo:
            self.memo[(key,)] = build()
        return self.memo[(key,)]

    @property
    def claims(self) -> Iterator[Claim]:
        return iter(self._claims)

    def document_of(self, claim: Claim) -> DocumentClaims:
        doc = self._by_path.get(claim.location.path)
        return doc if doc is not None else self._locate(claim)[0]

    def _locate(self, claim: Claim) -> tuple[DocumentClaims, int]:
        hit = self._position.get(id(claim))
        if hit is not None and hit[2] is claim:
            return hit[0], hit[1]
        return self._keyed()[(claim.location.path, claim.id)]

    def _keyed(self) -> dict[tuple[str, str], tuple[DocumentClaims, int]]:
        """(path, id) → (document, index), made when first asked for: a claim not found by identity (an equal
        copy) is rare, and the table cost a dense document's every context a dict entry per claim."""
        if not self._by_key:
            for doc in self.documents:
                for index, claim in enumerate(doc.claims):
                    self._by_key[(claim.location.path, claim.id)] = (doc, index)
        return self._by_key

    def previous_claim(self, claim: Claim) -> Claim | None:
        """The claim just before this one in its document."""
        doc, i = self._locate(claim)
        return doc.claims[i - 1] if i else None

    def evidence_of(self, doc: DocumentClaims) -> dict[str, list]:
        """The remembered per_claim answers about doc's claims: {function: [[ordinal, value(, args, kwargs)]]}."""
        start = self._offset[id(doc)]
        out: dict[str, list] = {}
        for key, column in self._evidence.items():
            name, args, kwargs = (key, (), ()) if isinstance(key, str) else key
            if name not in _PERSISTED:
                continue
            extra = [list(args), [list(kv) for kv in kwargs]] if args or kwargs else []
            found = [[i, value, *extra] for i, value in enumerate(column[start:start + len(doc.claims)])
                     if value is not _UNSET]
            if found:
                out.setdefault(name, []).extend(found)
        return out

    def remember_evidence(self, doc: DocumentClaims, evidence: dict[str, list],
                          ordinals: list[int] | None = None) -> None:
        """Take answers made by evidence_of on the same document (ordinals: the document's ordinal of each of
        doc.claims, when only some of its claims are loaded)."""
        start = self._offset[id(doc)]
        slot = ({o: start + i for i, o in enumerate(ordinals)} if ordinals is not None
                else {i: start + i for i in range(len(doc.claims))})
        for name, entries in evidence.items():
            if name not in _PERSISTED:
                continue
            for entry in entries:
                at = slot.get(entry[0])
                if at is None:
                    continue
                key = name if len(entry) == 2 else (name, tuple(entry[2]), tuple(map(tuple, entry[3])))
                column = self._evidence.get(key)
                if column is None:
                    column = self._evidence[key] = [_UNSET] * self._count
                column[at] = entry[1]

    def index_of(self, claim: Claim) -> int:
        """The claim's position in its document's claims (what doc.claims.index(claim) means, in O(1))."""
        return self._locate(claim)[1]

    def claim(self, claim_id: str) -> Claim:
        if not self._by_id:
            self._by_id.update((c.id, (doc, c)) for doc in self.documents for c in doc.claims)
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
            ordered = (all(a <= b for a, b in zip(ends, starts[1:], strict=False))
                       and all(a < b for a, b in zip(starts, ends, strict=False)))
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

    def claims_in_sentence(self, claim: Claim) -> list[Claim]:
        """The claims of the claim's document in its sentence, in the document's order (itself included)."""
        return self._sentence_groups(self.document_of(claim)).get(claim.sentence, [])

    def sentences(self, doc: DocumentClaims) -> list[list[Claim]]:
        """The document's claims grouped by the sentence they stand in, in order."""
        groups = self._sentence_groups(doc)
        return [groups[k] for k in sorted(groups)]

    def _sentence_groups(self, doc: DocumentClaims) -> dict[int, list[Claim]]:
        """The document's claims by sentence, grouped once, not scanned again for each claim or check that asks."""
        key = ("claims-by-sentence", id(doc))
        groups = self.memo.get(key)
        if groups is None:
            groups = self.memo[key] = {}
            for c in doc.claims:
                groups.setdefault(c.sentence, []).append(c)
        return groups

    @cached_property
    def gazetteer(self):
        return load_gazetteer()


_PERSISTED: set[str] = set()  # per_claim functions whose answers are small enough to cache with the claims
_UNSET = object()


def per_claim(fn=None, *, persist: bool = True):
    """Remember a pure function of (ctx, claim, …) for the life of the context. The local evidence of a
    claim (its passage's year, whether it names its metric, its sign) is asked for by many checks, and by
    the target matching once per target of its series: reading the text again gives the same answer.
    Claims are remembered by their slot in the context (found by identity).

    Such a function must depend on the claim's own document only (its text, claims, date, region) and
    the gazetteer: its answers are worked out beside extraction, on the document alone, and cached with
    the claims (CheckContext.evidence_of / remember_evidence); persist=False for long string answers."""
    if fn is None:
        return functools.partial(per_claim, persist=persist)
    name = f"{fn.__module__}.{fn.__qualname__}"
    if persist:
        _PERSISTED.add(name)

    @functools.wraps(fn)
    def remembered(ctx: CheckContext, claim: Claim, *args, **kwargs):
        own = ctx._position.get(id(claim))
        if own is None or own[2] is not claim:  # not a claim of this context: nothing to remember it by
            return fn(ctx, claim, *args, **kwargs)
        key = (name, args, tuple(kwargs.items())) if args or kwargs else name
        column = ctx._evidence.get(key)
        if column is None:
            column = ctx._evidence[key] = [_UNSET] * ctx._count
        value = column[own[3]]
        if value is _UNSET:
            value = column[own[3]] = fn(ctx, claim, *args, **kwargs)
        return value

    return remembered


def example_documents(example: str) -> list[str]:
    """The documents of a Bad/Good example: one, or several separated by a line holding only ===."""
    return [part.strip("\n") for part in example.split(DOCUMENT_BREAK)]
