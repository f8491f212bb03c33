"""Values that flow from extraction to the formatters. Frozen: nothing downstream mutates a claim."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class FileError:
    path: str
    message: str
    level: str = "error"  # "error" (unreadable: exit 2) or "warning" (read, but worth saying)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure read as an interval in base units; a None bound is unbounded on that side."""

    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    low_open: bool
    high_open: bool
    unit: str | None
    dimension: str
    qualifier: str  # exact_rounded | exact | lower | upper | approx | range | vague


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int
    column: int      # 1-based, code points
    end_line: int
    end_column: int  # exclusive
    start: int       # 0-based offsets into the decoded original text
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    location: Location
    text: str            # the original surface, exactly as in the file
    quantity: Quantity
    role: str            # actual | target | change | growth_rate | share | rank
    kind: str            # the role a target would have if it were not one (growth_rate for 增长5%左右)
    aspect: str | None   # stock | flow
    region: str | None   # official name
    region_code: str | None
    metric: str | None   # normalized through rules/metrics.toml
    metric_text: str | None  # as worded in the text
    period: str | None   # "2025" or "2021-2025"
    # text | section | heading | note | title | document (a work report's year of delivery, for its targets)
    # | restated (no period where it stands; the one its document gives the same metric elsewhere)
    period_source: str | None
    hedge: str | None
    sentence: int = 0    # ordinal of the sentence it stands in, within its document (checks compare neighbours)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    path: str
    sha256: str
    encoding: str
    date: str | None
    region: str | None
    region_code: str | None
    text: str = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class DocumentClaims:
    document: DocumentInfo
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Extraction:
    documents: tuple[DocumentClaims, ...]
    errors: tuple[FileError, ...]

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for d in self.documents for c in d.claims)
