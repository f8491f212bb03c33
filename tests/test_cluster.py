"""Extraction on a Dask cluster (factcheck.scale.cluster): the report of a local run, the cache still applied
on the client, and a file that fails on a worker reported like an unreadable file."""

from __future__ import annotations

import shutil
from pathlib import Path

import distributed
import pytest
from clirun import run as run_cli
from conftest import CORPUS

from factcheck.app.api import check_paths
from factcheck.formatters.jsonfmt import render_report
from factcheck.scale import cluster as dask_cluster

ROOT = Path(__file__).resolve().parent.parent
# A few real documents beside the seeds: a province's target and outturn years and the nested Jiangxi
# bulletins, so the corpus-scope checks pair claims across documents the workers extracted apart.
FEW = ["provincial-gwr/jiangxi_2025_gwr.txt", "provincial-gwr/jiangxi_2026_gwr.txt",
       "jiangxi-bulletins/jiangxi_2022_bulletin.txt", "jiangxi-bulletins/jiangxi-yichun_2022_bulletin.txt"]


@pytest.fixture(scope="module")
def few(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("few")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    if CORPUS.is_dir():
        for name in FEW:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(CORPUS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def scheduler():
    """A 2-worker LocalCluster of processes, reached by its address as a remote scheduler would be."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.fixture
def threaded_scheduler():
    """Workers in this process (threads), so that a test can make one document fail on them."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as local:
        yield local.scheduler_address


def test_a_2_worker_cluster_gives_the_report_of_a_local_run(few, scheduler, tmp_path, monkeypatch):
    local = render_report(check_paths([str(few)], jobs=1))
    assert render_report(check_paths([str(few)], jobs=1, dask=scheduler)) == local
    # the shards really went to the cluster, and in more than one task
    sent: list[int] = []
    original = dask_cluster._shards

    def counted(items):
        for group in original(items):
            sent.append(len(group))
            yield group

    monkeypatch.setattr(dask_cluster, "SHARD_DOCUMENTS", 2)
    monkeypatch.setattr(dask_cluster, "_shards", counted)
    files = len(list(few.rglob("*.txt")))
    assert render_report(check_paths([str(few)], jobs=2, dask=scheduler, cache_dir=tmp_path / "c")) == local
    assert sum(sent) == files and len(sent) >= 3
    # with the cache, only what changed is sent: nothing on a warm run, one file after an edit
    sent.clear()
    assert render_report(check_paths([str(few)], jobs=2, dask=scheduler, cache_dir=tmp_path / "c")) == local
    assert sent == []
    edited = few / "seeds" / sorted(p.name for p in (few / "seeds").glob("*.txt"))[0]
    original_text = edited.read_text(encoding="utf-8")
    try:
        edited.write_text(original_text.replace("增长", "增加", 1) + "\n全年粮食产量1000万吨。\n", encoding="utf-8")
        after = render_report(check_paths([str(few)], jobs=2, dask=scheduler, cache_dir=tmp_path / "c"))
        assert sent == [1]
        assert after == render_report(check_paths([str(few)], jobs=1))
    finally:
        edited.write_text(original_text, encoding="utf-8")


def test_a_document_that_fails_on_a_worker_is_reported_not_dropped(few, threaded_scheduler, monkeypatch):
    victim = sorted((few / "seeds").glob("*.txt"))[1]
    real = dask_cluster.analyse

    def failing(source, *args, **kwargs):
        if Path(source.path).name == victim.name:
            raise RuntimeError("worker ran out of luck")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(dask_cluster, "analyse", failing)
    report = check_paths([str(few)], jobs=1, dask=threaded_scheduler)
    errors = [e for e in report.extraction.errors if e.level == "error"]
    assert [Path(e.path).name for e in errors] == [victim.name]
    assert "Dask" in errors[0].message and "worker ran out of luck" in errors[0].message
    assert victim.name not in {Path(d.document.path).name for d in report.extraction.documents}
    assert len(report.extraction.documents) == len(list(few.rglob("*.txt"))) - 1


def test_a_shard_whose_task_fails_on_every_try_reports_each_of_its_files(few, threaded_scheduler, monkeypatch):
    """A task that fails outright (a worker that died each time: Dask retried it and gave up) loses no file."""
    TRIES.clear()
    monkeypatch.setattr(dask_cluster, "analyse_shard", _dying_shard)
    report = check_paths([str(few / "seeds")], jobs=1, dask=threaded_scheduler)
    files = sorted(p.name for p in (few / "seeds").glob("*.txt"))
    assert sorted(Path(e.path).name for e in report.extraction.errors if e.level == "error") == files
    assert report.extraction.documents == ()
    assert TRIES == [len(files)] * (dask_cluster.RETRIES + 1)  # one shard, tried and retried by Dask


TRIES: list[int] = []


def _dying_shard(shard):
    """(at module level: Dask pickles it by reference, so the workers in this process append to TRIES)"""
    TRIES.append(len(shard.items))
    raise MemoryError("the worker died")


def test_workers_that_cannot_read_the_files_are_sent_their_text(few, threaded_scheduler, monkeypatch):
    """On a cluster without the client's files (no shared storage) a worker reads nothing, and the client
    sends the text instead: the same report."""
    monkeypatch.setattr(dask_cluster, "read_document", lambda path: dask_cluster.FileError(path, "no such file"))
    seeds = str(few / "seeds")
    assert render_report(check_paths([seeds], jobs=1, dask=threaded_scheduler)) == \
        render_report(check_paths([seeds], jobs=1))


def test_the_cli_starts_a_local_cluster_for_the_run(few, tmp_path):
    seeds = few / "seeds"
    local = run_cli(seeds, "--no-cache", "--jobs", "1", "--format", "json")
    on_dask = run_cli(seeds, "--no-cache", "--dask", "local:2", "--format", "json")
    assert on_dask.returncode == local.returncode
    assert on_dask.stdout == local.stdout
    bad = run_cli(seeds, "--dask", "local:0")
    assert bad.returncode == 2 and "--dask" in bad.stderr
    (tmp_path / "factcheck.toml").write_text('dask = "local:none"\n', encoding="utf-8")
    shutil.copytree(seeds, tmp_path / "seeds")
    bad = run_cli(tmp_path / "seeds")
    assert bad.returncode == 2 and "dask" in bad.stderr


def test_the_config_names_the_cluster(tmp_path):
    from factcheck.app.config import ConfigError, load_config

    path = tmp_path / "factcheck.toml"
    path.write_text('dask = "tcp://scheduler:8786"\n', encoding="utf-8")
    assert load_config(path).dask == "tcp://scheduler:8786"
    for bad in ("dask = 2", 'dask = "local:0"', 'dask = ""'):
        path.write_text(bad + "\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="dask"):
            load_config(path)


def test_local_addresses():
    assert dask_cluster.local_workers("local:3") == 3
    assert dask_cluster.local_workers("local") >= 1
    assert dask_cluster.local_workers("tcp://10.0.0.1:8786") is None
    with pytest.raises(ValueError):
        dask_cluster.local_workers("local:none")
