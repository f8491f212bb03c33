"""The layout of the claims cache's database (factcheck.scale.cache.store): its tables, what is stored for one document
(Entry) and read back of it (CachedDocument), and how the documents table's JSON and zlib columns encode."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass

SCHEMA_VERSION = "9"  # 9: each document's claim records stored rendered by orjson (documents.records)

# documents is a rowid table: WITHOUT ROWID keeps each row (evidence and findings, 70 KB on average) in the key's
# own b-tree, and looking up shas was forty times slower than through the rowid table's key index. The large
# values come last: reading a column walks the overflow pages of those before it.
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    sha TEXT PRIMARY KEY, encoding TEXT NOT NULL, date TEXT, region TEXT, region_code TEXT,
    claims INTEGER NOT NULL, main TEXT NOT NULL, completion INTEGER NOT NULL, relations TEXT NOT NULL,
    findings TEXT, findings_key TEXT, records BLOB, evidence BLOB);
CREATE TABLE IF NOT EXISTS claims(
    sha TEXT NOT NULL, ord INTEGER NOT NULL, sentence INTEGER NOT NULL, start INTEGER NOT NULL, metric TEXT,
    region_code TEXT, period TEXT, main INTEGER NOT NULL, row TEXT NOT NULL, PRIMARY KEY(sha, ord)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claims_by_key ON claims(metric, region_code);
CREATE INDEX IF NOT EXISTS claims_by_sentence ON claims(sha, sentence);
CREATE INDEX IF NOT EXISTS claims_by_start ON claims(sha, start);
CREATE INDEX IF NOT EXISTS main_claims_by_region ON claims(region_code) WHERE main = 1;
CREATE INDEX IF NOT EXISTS claims_by_metric_period ON claims(metric, period);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, ino INTEGER, sha TEXT,
    recorded_ns INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs(key TEXT PRIMARY KEY, result TEXT NOT NULL, used_ns INTEGER NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class CachedDocument:
    sha: str
    encoding: str
    date: str | None
    region: str | None
    region_code: str | None
    claims: int
    main: tuple[int, ...]      # ordinals of the claims that are main targets (Entry.rows' main flags)
    completion: bool
    relations: tuple[tuple[str | None, str | None], ...]
    findings: str | None       # JSON rows (factcheck.model.codec.findings_blob), None when not computed
    findings_key: str | None   # (the evidence made with the findings is read on its own: evidence())


@dataclass(frozen=True, slots=True)
class Entry:
    """What is stored for one document (built by factcheck.scale.pipeline)."""

    sha: str
    encoding: str
    date: str | None
    region: str | None
    region_code: str | None
    # (ord, sentence, start, metric, region code, period, main, json) per claim
    rows: tuple[tuple[int, int, int, str | None, str | None, str | None, int, str], ...]
    completion: bool
    relations: tuple[tuple[str | None, str | None], ...]
    findings: str | None
    findings_key: str | None
    evidence: str | None = None
    records: bytes | None = None  # formatters.json_records.claim_block, zlib-packed (records_packed)


def ordinals(text: str) -> tuple[int, ...] | None:
    try:
        found = tuple(json.loads(text))
    except (ValueError, TypeError):
        return None
    return found if all(type(i) is int for i in found) else None


def records_packed(block: bytes | None) -> bytes | None:
    """A claim block as stored: packed when made, so that a run's entries waiting to be stored hold a tenth of it."""
    return None if block is None else zlib.compress(block, 1)


def packed(text: str | None) -> bytes | None:
    return None if text is None else zlib.compress(text.encode("utf-8"), 1)


def relations_of(text: str) -> tuple[tuple[str | None, str | None], ...] | None:
    try:
        return tuple((r, m) for r, m in json.loads(text))
    except (ValueError, TypeError):
        return None
