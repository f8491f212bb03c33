"""A document's claim rows read from the claims cache when its claims are first needed (codec.LazyClaims),
after the run has closed its own connection: a warm run whose findings are cached and that writes no claim records never
reads the 230,000 rows of a 50 MB corpus (they and their indexes are half of the database file).

Each read is one read-only snapshot that checks the database is still of this schema and environment: the
rows of a content sha are then the ones the run would have read at its start. Any failure, or a number of
rows other than the document's count, answers None, and the claims are extracted again (never a wrong
answer, only a slower one).
"""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

from factcheck.scale.cache.db import transaction

_BUSY_TIMEOUT_S = 10.0


class RowReader:
    def __init__(self, path: Path, schema: str, environment: str) -> None:
        self._uri = Path(path).resolve().as_uri() + "?mode=ro"
        self._schema, self._environment = schema, environment
        self._db: sqlite3.Connection | None = None

    def rows(self, sha: str, count: int) -> list[str] | None:
        """The claim rows of the document with this sha, in order, or None."""
        rows = self._read("SELECT row FROM claims WHERE sha = ? ORDER BY ord", sha)
        return None if rows is None or len(rows) != count else [row for (row,) in rows]

    def block(self, sha: str) -> bytes | None:
        """The document's claim records as stored rendered for a JSON report (documents.records), or None."""
        found = self._read("SELECT records FROM documents WHERE sha = ?", sha)
        if not found or found[0][0] is None:
            return None
        try:
            return zlib.decompress(found[0][0])
        except (zlib.error, TypeError):
            return None

    def _read(self, sql: str, sha: str) -> list[tuple] | None:
        try:
            if self._db is None:
                self._db = sqlite3.connect(self._uri, uri=True, timeout=_BUSY_TIMEOUT_S, isolation_level=None,
                                           check_same_thread=False)
            db = self._db
            with transaction(db, write=False):
                meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
                if meta.get("schema") != self._schema or meta.get("environment") != self._environment:
                    return None
                return db.execute(sql, (sha,)).fetchall()
        except (sqlite3.Error, OSError, ValueError):
            return None
