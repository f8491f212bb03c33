"""SQLite plumbing for the claims cache (factcheck.scale.cache.store): transactions, the WAL switch, batching, and the
marks that keep the cache folder out of version control and backups."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path


class transaction:
    """BEGIN IMMEDIATE … COMMIT for writes (the write lock up front: no deadlock between two writers that
    both read first), plain BEGIN for reads (one snapshot across statements); rollback on any error."""

    def __init__(self, db: sqlite3.Connection, write: bool = True) -> None:
        self.db, self.write = db, write

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE" if self.write else "BEGIN")
        return self.db

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.db.execute("COMMIT")
        else:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        return False


def use_wal(db: sqlite3.Connection, timeout: float) -> None:
    """Switch to the WAL journal (it may stay 'delete' on filesystems without shared memory). On a database
    another process is creating at this moment, SQLite answers SQLITE_BUSY at once instead of waiting out
    the busy timeout, so wait here."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", 5) & 0xFF != 5 or time.monotonic() > deadline:  # 5: SQLITE_BUSY
                raise
            time.sleep(0.01)


def chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def mark_folder(directory: Path) -> None:
    """Keep the cache out of version control and backups: a .gitignore of * and a CACHEDIR.TAG."""
    try:
        ignore = directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by factcheck: the claims cache, never to be committed\n*\n", encoding="utf-8")
        tag = directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# factcheck claims cache\n", encoding="utf-8")
    except OSError:
        pass
