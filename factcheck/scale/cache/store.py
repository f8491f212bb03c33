"""The claims cache: extracted claims per file, in SQLite, keyed by content.

Layout (one database, <dir>/claims.sqlite3):
- documents: one row per content sha256 — the document's metadata, what the focus runs need to know of it
  (completion statements, relation targets), the findings of the document-scope checks with the digest
  of the settings they were made under, and the corpus-scope checks' local evidence (compressed).
- claims: one row per claim, (sha, ordinal) → the claim as compact JSON (factcheck.model.codec), with its
  metric, region code, sentence and whether it is a main target as columns, indexed: a focus run selects
  reference claims by key without reading whole documents.
- files: path → (size, mtime, ctime, inode, sha) as last seen, so a focus run knows the sha of 1,000
  reference files from a stat() each instead of reading and hashing them.
- runs: the findings of the last few whole runs (factcheck.report.results), keyed by everything they depend
  on, so re-running on an unchanged corpus skips the corpus-scope checks.

Entries hold no paths: a claim's path is bound when its row is decoded (factcheck.model.codec), so a renamed
file or a second checkout hits the same entry. Everything is valid under one environment digest (version,
rules, code: factcheck.scale.fingerprint); a database made under another is emptied when opened.

Failure policy: the cache only ever makes a run faster. A database that is not a database or is damaged
is moved aside and rebuilt, with a warning; one that stays locked past the busy timeout, or cannot be
written, is bypassed for the rest of the run, with a warning. A row that does not decode is a miss (the claims
are extracted again when needed). No pickle:
loading runs json.loads, zlib and dataclass constructors, never code from the file.

Concurrency (two pre-commit hooks at once): WAL journal (readers never block the writer), a busy timeout,
and every write in a short BEGIN IMMEDIATE transaction, so a reader sees a document whole or not at all.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
import zlib
from collections.abc import Iterable
from pathlib import Path

from factcheck.scale.cache.db import chunks, mark_folder, transaction, use_wal
from factcheck.scale.cache.rows import RowReader
from factcheck.scale.cache.schema import SCHEMA, SCHEMA_VERSION, CachedDocument, Entry, ordinals, packed, relations_of
from factcheck.scale.fingerprint import environment as current
from factcheck.text.documents import FileError

DB_NAME = "claims.sqlite3"
BUSY_TIMEOUT_S = 10.0
_WRITE_BATCH = 64          # documents per write transaction: the lock is held for a moment, not a run
_RACY_NS = 2_000_000_000   # a file modified within 2 s of being recorded is re-hashed (git's racy-clean rule)
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB

_RUNS_KEPT = 8  # whole-run results kept (a few corpora, configs or selections in turn)


class CacheUnavailable(Exception):
    pass


class _NotOurs(Exception):
    pass


def _storable_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _storable(path: str) -> bool:
    """Whether a path can be a key of the files table (SQLite text is UTF-8): a file name that is not UTF-8
    is read and hashed on every run instead of being known from its stat."""
    return _storable_text(os.path.abspath(path))


class ClaimCache:
    def __init__(self, directory: str | os.PathLike, environment: str | None = None) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        self.environment = environment or current()
        self.warnings: list[FileError] = []
        self._db: sqlite3.Connection | None = None
        self._off = False
        self._rebuilt = False

    # -- connection and failure handling --------------------------------------------------------------

    def _warn(self, message: str) -> None:
        self.warnings.append(FileError(str(self.path), message, "warning"))

    def _connection(self) -> sqlite3.Connection:
        if self._off:
            raise CacheUnavailable
        if self._db is None:
            try:
                self._db = self._open()
            except _NotOurs as exc:
                self._off = True
                self._warn(f"缓存文件不是普通文件，本次运行不使用缓存 (cache bypassed: {exc})")
                raise CacheUnavailable from None
        return self._db

    def _check_files(self) -> None:
        """The database and its journal files must be regular files of the cache folder: SQLite follows a
        symlink, and would turn whatever file it points at into a database (an empty one instantly)."""
        for path in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm"), Path(f"{self.path}-journal")):
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                continue
            if not stat.S_ISREG(mode):
                kind = "a symlink" if stat.S_ISLNK(mode) else "not a regular file"
                raise _NotOurs(f"{path} is {kind}")

    def _open(self) -> sqlite3.Connection:
        self.directory.mkdir(parents=True, exist_ok=True)
        mark_folder(self.directory)
        self._check_files()
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        try:
            use_wal(db, BUSY_TIMEOUT_S)
            db.execute("PRAGMA synchronous=NORMAL")
            if self._current(db):
                return db  # the usual case, and it needs no write lock: a read-only cache still serves
            with transaction(db):
                if not self._current(db):  # (again: another process may have just done this)
                    # New, or made by another version, other rules or other code: nothing in it is valid
                    # here, and its tables may have another layout. executescript() would commit on its
                    # own, so one statement at a time.
                    for table in ("documents", "claims", "files", "runs", "meta"):
                        db.execute(f"DROP TABLE IF EXISTS {table}")
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute("INSERT INTO meta VALUES ('schema', ?), ('environment', ?)",
                               (SCHEMA_VERSION, self.environment))
        except BaseException:
            db.close()
            raise
        return db

    def _current(self, db: sqlite3.Connection) -> bool:
        """Whether the database has this schema and was made under this environment."""
        try:
            found = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return False
            raise
        return found.get("schema") == SCHEMA_VERSION and found.get("environment") == self.environment

    def _failed(self, exc: Exception) -> None:
        """Decide what a database error means: damage (rebuild once) or trouble (stop using the cache)."""
        code = getattr(exc, "sqlite_errorcode", None)
        damaged = (code is not None and code & 0xFF in _CORRUPT_CODES) or (
            isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError))
        self.close()
        if damaged and not self._rebuilt:
            self._rebuilt = True
            self._warn(f"缓存已损坏，已重建 (cache damaged, rebuilt): {exc}")
            try:
                aside = self.path.with_name(f"{DB_NAME}.damaged-{os.getpid()}-{time.time_ns()}")
                os.replace(self.path, aside)  # atomic: another process never sees half a file
                for suffix in ("-wal", "-shm"):
                    Path(str(self.path) + suffix).unlink(missing_ok=True)
                aside.unlink(missing_ok=True)
                self._db = self._open()
                return
            except (OSError, sqlite3.Error, _NotOurs) as again:
                exc = again
        self._off = True
        self._warn(f"缓存不可用，本次运行不使用缓存 (cache unavailable, bypassed): {exc}")

    def _attempt(self, operation, default):
        """Run operation(db); on a database error, handle it and retry once on a rebuilt database."""
        for _ in range(2):
            try:
                return operation(self._connection())
            except CacheUnavailable:
                return default
            except (sqlite3.Error, OSError) as exc:
                self._failed(exc)
        return default

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    # -- documents ------------------------------------------------------------------------------------

    def documents(self, shas: Iterable[str]) -> dict[str, CachedDocument]:
        found = {}
        for row in self._select("SELECT sha, encoding, date, region, region_code, claims, main, completion, "
                                "relations, findings, findings_key FROM documents WHERE sha IN ({marks})", shas):
            main, relations = ordinals(row[6]), relations_of(row[8])
            if main is not None and relations is not None:  # a row that does not decode is a miss
                found[row[0]] = CachedDocument(row[0], row[1], row[2], row[3], row[4], row[5], main, bool(row[7]),
                                               relations, row[9], row[10])
        return found

    def evidence(self, shas: Iterable[str]) -> dict[str, str]:
        """The local evidence stored with each document's findings (JSON, CheckContext.evidence_of), read only
        when the corpus-scope checks are to run: a quarter of a million claims' evidence is 70 MB of text."""
        found = {}
        for sha, blob in self._select("SELECT sha, evidence FROM documents WHERE sha IN ({marks}) "
                                      "AND evidence IS NOT NULL", shas):
            try:
                found[sha] = zlib.decompress(blob).decode("utf-8")
            except (zlib.error, UnicodeDecodeError, TypeError):
                pass  # then the checks work it out again
        return found

    def rows_reader(self) -> RowReader:
        """What reads a document's claim rows when they are first needed, after this connection is closed."""
        return RowReader(self.path, SCHEMA_VERSION, self.environment)

    def present(self, shas: Iterable[str]) -> set[str]:
        """Which of these documents the cache holds, as documents() would find them, without reading their
        findings and evidence (a focus run asks this of every reference, and their blobs are large)."""
        return {sha for sha, relations in self._select("SELECT sha, relations FROM documents WHERE sha IN ({marks})",
                                                       shas)
                if relations_of(relations) is not None}  # else a miss, as in documents()

    def claim_rows(self, documents: dict[str, CachedDocument]) -> dict[str, list[str]]:
        """The claims' rows in order, per document of documents() whose claims are all there (their main
        flags are the documents' own: CachedDocument.main)."""
        found: dict[str, list[str]] = {sha: [] for sha in documents}
        for sha, row in self._select("SELECT sha, row FROM claims WHERE sha IN ({marks}) ORDER BY sha, ord",
                                     documents):
            found[sha].append(row)
        return {sha: rows for sha, rows in found.items() if len(rows) == documents[sha].claims}

    def _select(self, sql: str, shas: Iterable[str]) -> list[tuple]:
        """The rows of sql for these documents (its {marks} stands for a chunk of their shas), in one read
        snapshot; none when the cache fails."""
        wanted = sorted(set(shas))

        def read(db):
            rows = []
            with transaction(db, write=False):
                for chunk in chunks(wanted, 500):
                    rows.extend(db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk))
            return rows

        return self._attempt(read, [])

    def store(self, entries: list[Entry]) -> None:
        def write(db):
            for batch in chunks(entries, _WRITE_BATCH):
                with transaction(db):
                    for e in batch:
                        db.execute("DELETE FROM claims WHERE sha = ?", (e.sha,))
                        db.execute("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                   (e.sha, e.encoding, e.date, e.region, e.region_code, len(e.rows),
                                    json.dumps([r[0] for r in e.rows if r[6]]), int(e.completion),
                                    json.dumps(e.relations, ensure_ascii=False), e.findings, e.findings_key,
                                    e.records, packed(e.evidence)))
                        db.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?)",
                                       [(e.sha, *row) for row in e.rows])

        self._attempt(write, None)

    def store_findings(self, sha: str, findings: str, findings_key: str, evidence: str | None) -> None:
        def write(db):
            with transaction(db):
                db.execute("UPDATE documents SET findings = ?, findings_key = ?, evidence = ? WHERE sha = ?",
                           (findings, findings_key, packed(evidence), sha))

        self._attempt(write, None)

    # -- files: the sha of a path from its stat ---------------------------------------------------------

    def known_shas(self, paths: list[str]) -> dict[str, str]:
        """path → sha for the paths whose stat matches what was recorded (and was not racy when recorded)."""
        stats = {}
        for path in filter(_storable, paths):
            try:
                stats[path] = os.stat(path)
            except OSError:
                continue

        def read(db):
            found = {}
            with transaction(db, write=False):
                for chunk in chunks(list(stats), 500):
                    marks = ",".join("?" * len(chunk))
                    keys = {os.path.abspath(p): p for p in chunk}
                    for row in db.execute(f"SELECT path, size, mtime_ns, ctime_ns, ino, sha, recorded_ns FROM files "
                                          f"WHERE path IN ({marks})", list(keys)):
                        path = keys[row[0]]
                        st = stats[path]
                        if ((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino) == tuple(row[1:5])
                                and max(st.st_mtime_ns, st.st_ctime_ns) < row[6] - _RACY_NS):
                            found[path] = row[5]
            return found

        return self._attempt(read, {})

    def remember_files(self, shas: dict[str, str]) -> None:
        now = time.time_ns()
        rows = []
        for path, sha in shas.items():
            if not _storable(path):
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            rows.append((os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, sha, now))

        def write(db):
            for batch in chunks(rows, 2000):
                with transaction(db):
                    replaced = set()
                    for row in batch:
                        found = db.execute("SELECT sha FROM files WHERE path = ?", (row[0],)).fetchone()
                        if found is not None and found[0] != row[5]:
                            replaced.add(found[0])
                    db.executemany("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?)", batch)
                    self._drop_orphans(db, replaced)

        if rows:
            self._attempt(write, None)

    @staticmethod
    def _drop_orphans(db, shas: set[str]) -> None:
        """Drop the entries of former contents that no recorded file holds any more: an article edited a
        hundred times would otherwise leave a hundred versions' claims for every focus query to read past.
        (Content that comes back is extracted again: a cost, never a wrong answer.)"""
        for sha in shas:
            if db.execute("SELECT 1 FROM files WHERE sha = ? LIMIT 1", (sha,)).fetchone() is None:
                db.execute("DELETE FROM claims WHERE sha = ?", (sha,))
                db.execute("DELETE FROM documents WHERE sha = ?", (sha,))

    def forget_files(self, paths: list[str]) -> None:
        def write(db):
            with transaction(db):
                db.executemany("DELETE FROM files WHERE path = ?", [(os.path.abspath(p),) for p in paths])

        self._attempt(write, None)

    # -- whole runs -----------------------------------------------------------------------------------

    def run_result(self, key: str) -> str | None:
        def read(db):
            with transaction(db, write=False):
                row = db.execute("SELECT result FROM runs WHERE key = ?", (key,)).fetchone()
            return row[0] if row else None

        return self._attempt(read, None)

    def store_run(self, key: str, result: str) -> None:
        if not _storable_text(result):
            return  # a file name that is not UTF-8 among its places: the next run checks again
        def write(db):
            with transaction(db):
                db.execute("INSERT OR REPLACE INTO runs VALUES (?,?,?)", (key, result, time.time_ns()))
                db.execute("DELETE FROM runs WHERE key NOT IN (SELECT key FROM runs ORDER BY used_ns DESC LIMIT ?)",
                           (_RUNS_KEPT,))

        self._attempt(write, None)

    # -- focus selection --------------------------------------------------------------------------------

    def query_with(self, table: str, columns: str, rows: list[tuple], sql: str, params: Iterable = ()) -> list[tuple]:
        """A read-only query joined against a temporary table of rows (many keys without many statements)."""
        def read(db):
            with transaction(db, write=False):
                db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}({columns})")
                db.execute(f"DELETE FROM {table}")
                width = len(columns.split(","))
                db.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * width)})", rows)
                return db.execute(sql, list(params)).fetchall()

        return self._attempt(read, [])
