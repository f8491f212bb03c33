"""jieba's dictionary and posseg's per-character tables in a small SQLite file beside the claim cache, handed
out a few hundred words at a time.

Segmenting one edited article (a focus run, a pre-commit hook) used to pay for the whole dictionary: dict.txt
into a table 0.4 s, its tags 0.1 s, posseg's pickles 0.2 s, of a 2 s run. Only words that begin with two
adjacent characters of a text (or are one of its characters) can be in that text's DAG; for the 48 KB Jiangsu
work report those are 20,778 of dict.txt's 349,045 words. posseg's HMM needs the rows of the characters it
meets. So the store keeps the words under their first two characters and the HMM rows under their character,
and the segmenter asks for the keys of each new run of text before routing it (factcheck.text.segment).

The file is made once from jieba's own files and named by their digest and this layout's version, written
under a temporary name and renamed, and only read afterwards: concurrent runs share it, and a second
writer's rename puts identical content in its place. When it cannot be made or read, the caller stays on
the whole-dictionary path, which cuts the same words: the store is derived data, never a source of answers.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sqlite3
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

from factcheck.text.segment_hmm import CharHMM, emissions_by_char, jieba_file, pickled_hmm_model, pickled_pos_model

LAYOUT = "1"
_SOURCES = ("dict.txt", "posseg/char_state_tab.p", "posseg/prob_start.p", "posseg/prob_trans.p",
            "posseg/prob_emit.p", "finalseg/prob_start.p", "finalseg/prob_trans.p", "finalseg/prob_emit.p")
_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE words(key TEXT NOT NULL, word TEXT NOT NULL, freq INTEGER NOT NULL, tag TEXT NOT NULL,
                   PRIMARY KEY(key, word)) WITHOUT ROWID;
CREATE TABLE pos_chars(char TEXT PRIMARY KEY, states BLOB, emit BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE hmm_chars(char TEXT PRIMARY KEY, emit BLOB NOT NULL) WITHOUT ROWID;
"""
_CHUNK = 500  # keys per statement (SQLite's default limit on bound parameters is far above)



class Sources(NamedTuple):
    """What a store is made of: dict.txt's frequencies, tags and total, posseg's (char_state_tab, start,
    trans, emit) and finalseg's (start, trans, emit)."""

    freq: dict[str, int]
    tags: dict[str, str]
    total: int
    pos: tuple[dict, dict, dict, dict]
    hmm: tuple[dict, dict, dict]


class StoreError(Exception):
    """The store could not be read: the caller goes on without it."""


_directory: Path | None = None


def use(directory: str | os.PathLike | None) -> None:
    """Keep stores in this folder (the claim cache's) from now on; None: none (a run without a cache)."""
    global _directory
    _directory = Path(directory) if directory is not None else None


def current(sources: Callable[[], Sources]) -> LexiconStore | None:
    """The store in the folder in use, made from sources() if it is not there; None when no folder is in
    use or it cannot be made or read."""
    if _directory is None:
        return None
    return _store_in(_directory, sources)


@cache
def _store_in(directory: Path, sources: Callable[[], Sources]) -> LexiconStore | None:
    try:
        path = directory / f"lexicon-{source_digest()}-{LAYOUT}.sqlite3"
    except (OSError, ModuleNotFoundError):
        return None
    for attempt in range(2):
        try:
            if attempt or not path.exists():
                build(path, sources())
            return LexiconStore(path)
        except (OSError, sqlite3.Error, StoreError, KeyError, ValueError, TypeError):
            continue  # unreadable (damaged, or not ours): made afresh once
    return None


@cache
def source_digest() -> str:
    """Of the jieba files a store is made from (path, size and modification time: hashing their 7 MB took
    a focus run 25 ms, and an installed package's data files change only with a reinstall), and of the
    marshal format its rows are written in."""
    digest = hashlib.sha256(f"marshal {marshal.version}\0".encode())
    for name in _SOURCES:
        path = jieba_file(*name.split("/"))
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:20]


def build(path: Path, sources: Sources) -> None:
    freq, tags, total = sources.freq, sources.tags, sources.total
    char_states, start_p, trans_p, emit_p = sources.pos
    by_char = emissions_by_char(emit_p)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        db = sqlite3.connect(temporary)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.executescript(_SCHEMA)
            meta = {"total": str(total), "longest": str(max(map(len, freq))),
                    "pos": marshal.dumps((start_p, trans_p)), "hmm": marshal.dumps(sources.hmm[:2])}
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            db.executemany("INSERT INTO words VALUES (?, ?, ?, ?)",
                           ((word[:2], word, f, tags[word]) for word, f in freq.items()))
            db.executemany("INSERT INTO pos_chars VALUES (?, ?, ?)",
                           ((char, marshal.dumps(char_states[char]) if char in char_states else None,
                             marshal.dumps(by_char.get(char, {}))) for char in set(by_char) | set(char_states)))
            db.executemany("INSERT INTO hmm_chars VALUES (?, ?)",
                           ((char, marshal.dumps(row)) for char, row in emissions_by_char(sources.hmm[2]).items()))
            db.commit()
        finally:
            db.close()
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    for old in path.parent.glob("lexicon-*.sqlite3"):  # made from another jieba: no run of this one reads it
        if old.name != path.name:
            try:
                old.unlink()
            except OSError:
                pass


class LexiconStore:
    """One store file, read-only. Connections are per process: a forked worker opens its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        meta = dict(self._rows("SELECT key, value FROM meta", ()))
        self.total = int(meta["total"])
        self.longest = int(meta["longest"])
        self._tables = {"pos": meta["pos"], "hmm": meta["hmm"]}

    def tables(self, model: str) -> tuple[dict, dict]:
        """The start and transition tables of an HMM: "pos" (posseg's) or "hmm" (finalseg's)."""
        try:
            start_p, trans_p = marshal.loads(self._tables[model])
        except (ValueError, EOFError, TypeError) as exc:
            raise StoreError(str(exc)) from exc
        return start_p, trans_p

    def pos_rows(self, chars: Iterable[str]) -> dict[str, tuple[tuple | None, dict]]:
        """For each of chars: its posseg states (None: not in char_state_tab, so any) and its emission
        log probability by state."""
        chars = list(chars)
        rows = self._char_rows("SELECT char, states, emit FROM pos_chars WHERE char IN ({marks})", chars)
        out = dict.fromkeys(chars, (None, {}))
        try:
            out.update((char, (None if states is None else marshal.loads(states), marshal.loads(emit)))
                       for char, states, emit in rows)
        except (ValueError, EOFError, TypeError) as exc:
            raise StoreError(str(exc)) from exc
        return out

    def hmm_rows(self, chars: Iterable[str]) -> dict[str, dict]:
        """For each of chars, finalseg's emission log probability by state."""
        chars = list(chars)
        rows = self._char_rows("SELECT char, emit FROM hmm_chars WHERE char IN ({marks})", chars)
        out = dict.fromkeys(chars, {})
        try:
            out.update((char, marshal.loads(emit)) for char, emit in rows)
        except (ValueError, EOFError, TypeError) as exc:
            raise StoreError(str(exc)) from exc
        return out

    def words(self, keys: Iterable[str]) -> list[tuple[str, int, str]]:
        """(word, frequency, tag) of every word whose first two characters (one, for a one-character word)
        are one of keys."""
        return self._char_rows("SELECT word, freq, tag FROM words WHERE key IN ({marks})", keys)

    def _char_rows(self, sql: str, keys: Iterable[str]) -> list[tuple]:
        keys = list(keys)
        out: list[tuple] = []
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            out.extend(self._rows(sql.format(marks=",".join("?" * len(chunk))), chunk))
        return out

    def _rows(self, sql: str, params) -> list[tuple]:
        try:
            if self._db is None or self._pid != os.getpid():
                # immutable: the file is only ever replaced whole (a rename), never written in place
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                           check_same_thread=False)
                self._pid = os.getpid()
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from exc


@cache
def models(store: LexiconStore) -> tuple[CharHMM, CharHMM]:
    """finalseg's and posseg's models with their rows read from the store as characters are met; from the
    pickles where the store fails."""
    return (_store_model(store, "hmm", store.hmm_rows, pickled_hmm_model),
            _store_model(store, "pos", store.pos_rows, pickled_pos_model))


def _store_model(store, name: str, rows, pickled) -> CharHMM:
    try:
        start_p, trans_p = store.tables(name)
    except StoreError:
        return pickled()

    def fetch(chars):
        try:
            return rows(chars)
        except StoreError:
            return pickled().fetch(chars)

    return CharHMM(start_p, trans_p, fetch)
