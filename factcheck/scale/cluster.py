"""Extraction on a Dask cluster (`--dask ADDRESS`, `dask = "tcp://…"` in the config, `--dask local[:N]` for a
LocalCluster of N single-threaded worker processes started for the run).

Documents are cut into shards of about SHARD_CHARS characters of text. Each shard is one task: a worker
analyses its documents as a --jobs worker does (claims, the document-scope checks, what focus runs and the
cache need) and answers with the shard as claims JSONL records (header, document, claim and error records:
factcheck.scale.interchange, docs/scaling.md) and, beside them, what the JSONL does not carry (the
document-scope findings and the cache's extras). The client gathers the shards and runs the corpus-scope
checks once, as after a local extraction: the findings are those of a local run (tests/test_cluster.py).

Workers read the files by path (a LocalCluster, or a cluster on shared storage) and verify the content's
sha256 against the one the client read; a worker that cannot read a file, or reads other content, says so,
and the client sends those files' text instead. A document whose analysis raises on a worker comes back as
an error record for its path; a shard whose task fails after Dask's retries (a worker that died each time)
gives an error for each of its files: reported like a file that cannot be read, never dropped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.model import codec
from factcheck.model.claims import FileError
from factcheck.report.gcpolicy import fewer_collections
from factcheck.scale.analysis import DocumentResult, analyse, document_claims
from factcheck.scale.fingerprint import environment
from factcheck.scale.jobs import run_documents as local_run
from factcheck.text.documents import SourceText, read_document
from factcheck.vocab.data import extra_rule_files, use_extra_rules

SHARD_CHARS = 100_000   # text per task (~0.3 MB): the last tasks spread over the workers (a few ms per task)
SHARD_DOCUMENTS = 32
RETRIES = 2             # Dask runs a task again when its worker dies, up to this many times
LOCAL = "local"


@dataclass(frozen=True, slots=True)
class Shard:
    """One task's documents: (path, sha256, encoding, text or None to read the file by path)."""

    items: tuple[tuple[str, str, str, str | None], ...]
    settings: dict | None
    evidence: bool
    extra_rules: tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class ShardAnswer:
    jsonl: str                    # the shard's claims JSONL: header, then document + claims (or an error) per file
    extras: dict[str, tuple]      # path -> (findings blob, main, completion, relations, evidence)
    unread: tuple[str, ...]       # paths this worker could not read with the client's content: send their text


def local_workers(address: str) -> int | None:
    """N of `local:N` (`local`: the cores this process may use); None for the address of a running scheduler."""
    if address != LOCAL and not address.startswith(LOCAL + ":"):
        return None
    if address == LOCAL:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except (AttributeError, OSError):
            return os.cpu_count() or 1
    count = address[len(LOCAL) + 1:]
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"--dask {address}: expected local, local:N (N >= 1) or a scheduler address")
    return int(count)


class Cluster:
    """A Dask client for one run: connected to a scheduler, or with a LocalCluster of its own (closed with it)."""

    def __init__(self, address: str) -> None:
        import logging

        from distributed import Client, LocalCluster

        workers = local_workers(address)
        self._local = None
        if workers is not None:
            # one thread per worker: extraction is pure Python and holds the GIL
            self._local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self._local)
        else:
            self.client = Client(address, timeout="30s")

    def close(self) -> None:
        self.client.close()
        if self._local is not None:
            self._local.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_documents(todo: list, address: str, settings: dict | None, evidence: bool,
                  warnings: list[FileError]) -> Iterator[tuple]:
    """pipeline's run_documents on a cluster: (index, source, result or FileError, rows, reused) per document,
    in the order shards finish; warnings gets what the workers' headers say (claims made under another
    environment). Documents whose claims come from the cache (reuse) are analysed here: only their
    document-scope checks are due."""
    fresh = [(index, source) for index, source, reuse in todo if reuse is None]
    yield from local_run([t for t in todo if t[2] is not None], 1, settings, evidence)
    if not fresh:
        return
    from distributed import as_completed

    extra_rules = (extra_rule_files("metrics"), extra_rule_files("regions"))

    def shard(items: list, with_text: bool) -> Shard:
        return Shard(tuple((os.path.abspath(s.path), s.sha256, s.encoding, s.text if with_text else None)
                           for _, s in items), settings, evidence, extra_rules)

    with Cluster(address) as cluster:
        client = cluster.client
        groups = {}
        for group in _shards(fresh):
            groups[client.submit(analyse_shard, shard(group, False), pure=False, retries=RETRIES)] = group
        pending = as_completed(groups)
        for future in pending:
            group = groups.pop(future)
            try:
                answer = future.result()
            except Exception as exc:  # the task failed on every try (KilledWorker, an error outside a document)
                for index, source in group:
                    yield index, source, _worker_error(source.path, exc), None, False
                continue
            unread = set(answer.unread)
            if unread:  # this worker sees other files: send their text
                again = [(i, s) for i, s in group if os.path.abspath(s.path) in unread]
                for part in _shards(again):
                    retry = client.submit(analyse_shard, shard(part, True), pure=False, retries=RETRIES)
                    groups[retry] = part
                    pending.add(retry)
            yield from _decoded(answer, group, unread, warnings)


def _shards(items: list[tuple[int, SourceText]]) -> Iterator[list[tuple[int, SourceText]]]:
    group: list = []
    size = 0
    for item in items:
        group.append(item)
        size += len(item[1].text)
        if size >= SHARD_CHARS or len(group) >= SHARD_DOCUMENTS:
            yield group
            group, size = [], 0
    if group:
        yield group


def _worker_error(path: str, exc: BaseException) -> FileError:
    return FileError(path, "在 Dask 工作进程上分析失败 (analysis failed on a Dask worker): "
                           f"{type(exc).__name__}: {exc}")


def _decoded(answer: ShardAnswer, group: list[tuple[int, SourceText]], unread: set[str],
             warnings: list[FileError]) -> Iterator[tuple]:
    """The group's documents from a shard's JSONL: each claim list bound to the client's own source (whose
    sha256 the document record must carry), or the error the worker reported for it."""
    wanted = {os.path.abspath(s.path): (i, s) for i, s in group if os.path.abspath(s.path) not in unread}
    documents: dict[str, tuple[dict, list]] = {}
    failed: dict[str, FileError] = {}
    current: list | None = None
    for line in answer.jsonl.splitlines():
        record = json.loads(line)
        kind = record["type"]
        if kind == "header":
            if record["environment"] != environment():
                warnings.append(FileError(record.get("tool", {}).get("version", "?"),
                                          "Dask 工作进程的版本、规则或代码与本机不同，检查结果可能不同 "
                                          "(a Dask worker runs another version, rules or code; findings may differ)",
                                          "warning"))
        elif kind == "document":
            current = []
            documents[record["path"]] = (record, current)
        elif kind == "claim":
            if current is None:  # a claim before its document: not a shard's answer
                raise ValueError("a claim record before any document record")
            current.append(record)
        elif kind == "error":
            failed[record["path"]] = codec.error_from_record(record)
    for path, (index, source) in wanted.items():
        if path in failed:
            error = failed[path]
            yield index, source, FileError(source.path, error.message, error.level), None, False
            continue
        found = documents.get(path)
        if found is None or found[0]["sha256"] != source.sha256 or path not in answer.extras:
            yield index, source, _worker_error(source.path, ValueError("no answer for this file")), None, False
            continue
        record, claim_records = found
        claims = [codec.claim_from_record({**r, "path": source.path}) for r in claim_records]
        doc = document_claims(source, record["date"], record["region"], record["region_code"], claims)
        findings, main, completion, relations, evidence = answer.extras[path]
        found_findings = None if findings is None else tuple(codec.findings_from_blob(findings, source.path))
        result = DocumentResult(doc, found_findings, frozenset(main), completion,
                                tuple((r, m) for r, m in relations), evidence)
        yield index, source, result, None, False


def analyse_shard(shard: Shard) -> ShardAnswer:
    """On a worker: each document of the shard analysed, as claims JSONL plus the extras."""
    # as in a local run (pipeline.extract): the collector's default thresholds cost a fifth of the analysis
    with fewer_collections():
        return _analyse_shard(shard)


def _analyse_shard(shard: Shard) -> ShardAnswer:
    use_extra_rules(*shard.extra_rules)  # a worker starts without the client's project rules
    lines = [_line(codec.header_record(environment()))]
    extras: dict[str, tuple] = {}
    unread: list[str] = []
    for path, sha, encoding, text in shard.items:
        if text is None:
            source = read_document(path)
            if not isinstance(source, SourceText) or source.sha256 != sha:
                unread.append(path)
                continue
        else:
            source = SourceText(path, text, encoding, sha)
        try:
            result = analyse(source, None, shard.settings, shard.evidence)
        except Exception as exc:  # noqa: BLE001 - one document's failure is reported for it, the shard goes on
            lines.append(_line(codec.error_record(_worker_error(path, exc))))
            continue
        lines.append(_line(codec.document_record(result.doc)))
        lines.extend(_line(codec.claim_record(c)) for c in result.doc.claims)
        findings = None if result.findings is None else codec.findings_blob(list(result.findings))
        extras[path] = (findings, sorted(result.main), result.completion, [list(r) for r in result.relations],
                        result.evidence)
    return ShardAnswer("\n".join(lines), extras, tuple(unread))


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))

