"""A segmenter reading its words from the lexicon store cuts and tags exactly as one holding all of dict.txt,
before and after it switches to the whole dictionary, and a damaged or vanished store changes nothing but
speed."""

import os
import random
import sqlite3

import pytest
from test_segment import CORPUS, samples, seed_texts

from factcheck.extract.metrics.names import vocabulary
from factcheck.text import lexicon_store, segment


@pytest.fixture
def store_dir(tmp_path):
    lexicon_store._store_in.cache_clear()
    lexicon_store.models.cache_clear()
    yield tmp_path
    lexicon_store.use(None)
    lexicon_store._store_in.cache_clear()
    lexicon_store.models.cache_clear()


def eager(added=()):
    lexicon_store.use(None)
    return segment.Segmenter(added)


def lazy(folder, added=()):
    lexicon_store.use(folder)
    return segment.Segmenter(added)


def metric_words():
    vocab = vocabulary()
    added = [(word, 200000) for word in set(vocab.canonical) | set(vocab.canonical.values())]
    added += [(word, 20000) for word in
              vocab.linking | vocab.introducing | vocab.rank_cues | vocab.subject_measures | vocab.whole_words]
    return added


def assert_same(lazy, eager, strings):
    for s in strings:
        assert lazy.cut(s) == eager.cut(s), s
        if len(s) <= 60:
            assert lazy.tag(s) == eager.tag(s), s


def texts():
    found = seed_texts()
    if CORPUS.is_dir():
        found += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))[:8]]
    return found


def test_store_backed_segmenter_cuts_and_tags_as_the_whole_dictionary(store_dir):
    eager_plain, eager_main = eager(), eager(metric_words())
    lazy_plain, lazy_main = lazy(store_dir), lazy(store_dir, metric_words())
    assert lazy_main._store is not None and lazy_plain._store is not None
    strings = samples(texts(), 150, seed=5)
    assert_same(lazy_plain, eager_plain, strings)
    assert_same(lazy_main, eager_main, strings)
    assert lazy_main._store is not None  # still reading by the run: these texts need a fraction of the words
    assert len(lazy_plain._freq) < len(eager_plain._freq) / 2
    assert [p.name for p in store_dir.iterdir()] == [f"lexicon-{lexicon_store.source_digest()}-{lexicon_store.LAYOUT}.sqlite3"]


def test_switching_to_the_whole_dictionary_midway_changes_no_cut(store_dir, monkeypatch):
    whole = eager(metric_words())
    monkeypatch.setattr(segment, "_LOAD_ALL_AFTER", 30_000)
    reader = lazy(store_dir, metric_words())
    strings = samples(texts(), 80, seed=9)
    assert_same(reader, whole, strings)
    assert reader._store is None  # it switched on the way
    assert len(reader._freq) == len(whole._freq)


def test_a_damaged_store_is_made_again(store_dir):
    lazy(store_dir)
    (path,) = store_dir.glob("lexicon-*.sqlite3")
    path.write_bytes(b"not a database" * 100)
    lexicon_store._store_in.cache_clear()
    lexicon_store.models.cache_clear()
    assert lazy(store_dir)._store is not None
    assert sqlite3.connect(path).execute("SELECT count(*) FROM words").fetchone()[0] > 300_000


def test_a_store_failing_during_the_run_leaves_the_cuts_exact(store_dir):
    whole = eager(metric_words())
    reader = lazy(store_dir, metric_words())
    text = seed_texts()[0]
    reader.cut(text[:200])
    reader._store._db.close()  # as if the file had gone: the next read fails
    reader._store._db = None
    reader._store.path = store_dir / "gone" / "nowhere.sqlite3"
    rnd = random.Random(2)
    strings = [text[i:i + rnd.randrange(1, 50)] for i in (rnd.randrange(len(text)) for _ in range(300))]
    assert_same(reader, whole, strings)
    assert reader._store is None  # it went on with the whole dictionary


def test_an_unwritable_folder_means_no_store_and_the_same_cuts(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    lexicon_store.use(blocked)
    lexicon_store._store_in.cache_clear()
    try:
        assert lexicon_store.current(segment._store_sources) is None
        assert segment.Segmenter()._store is None
    finally:
        lexicon_store.use(None)
        lexicon_store._store_in.cache_clear()


def test_a_store_of_another_jieba_is_removed_when_this_one_is_made(store_dir):
    stale = store_dir / "lexicon-0000-1.sqlite3"
    stale.write_bytes(b"old")
    lazy(store_dir)
    assert not stale.exists()
    assert not [p for p in os.listdir(store_dir) if p.endswith(".tmp")]
