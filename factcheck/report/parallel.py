"""The checks of a large run in two processes: with --jobs 2 or more, the checks whose process_group is not
"main" (the target checks FC401–FC404, which share the level series and target matching) run in a forked
copy of the process while this one runs the rest, so the corpus-scope pass, which follows
extraction on one core, takes about half as long on a large corpus (docs/scaling.md has the figures).

The split follows what the checks share: the FC4 checks all read the level series and the target matching
(CheckContext.shared, per-claim memos), which a process builds once for the four of them; the others read
figure keys. A forked child sees the context as it is (claims, remembered evidence) without any copying or
encoding of claims; it sends its findings back as the JSON of factcheck.report.results. Findings are values,
so the findings of a check are the same in either process, and they are put back in check order: the
report is identical to a one-process run (tests/test_parallel_checks.py). If the child fails for any
reason, its checks run here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from factcheck.checks.base import CheckContext
from factcheck.model.claims import FileError
from factcheck.model.findings import Finding
from factcheck.report import results as run_results

MIN_CLAIMS = 20_000  # below this a fork costs more than it saves (docs/scaling.md)


RUN_PATH = "<checks>"  # where a failure that no single document explains is reported


def findings_of(check, ctx, failures: list[FileError] | None = None) -> list[Finding]:
    """check.run(ctx), where an exception costs one document that check, not the run: the check is run on
    each document alone to find the ones it fails on, each becomes an error entry (in failures), and it runs
    again on the others. A failure no single document explains is one entry for the run."""
    try:
        return list(check.run(ctx))
    except Exception as exc:  # a bug in a check: isolate it
        first = exc
    failing = []
    for doc in ctx.documents:
        try:
            for _ in check.run(CheckContext((doc,), ctx.candidates)):
                pass
        except Exception as exc:
            failing.append((doc, exc))
    notes = failures if failures is not None else []
    for doc, error in failing:
        notes.append(FileError(doc.document.path, f"检查 {check.code} 在本文档上出错，已跳过 (internal error in "
                                                  f"{check.code}, skipped for this document): {_describe(error)}"))
    rest = tuple(d for d in ctx.documents if all(d is not bad for bad, _ in failing))
    if failing and rest:
        try:
            return list(check.run(CheckContext(rest, ctx.candidates)))
        except Exception as exc:
            first = exc
        else:
            first = None
    if first is not None and (rest or not failing):
        notes.append(FileError(RUN_PATH, f"检查 {check.code} 出错，本次运行未执行此项检查 (internal error in "
                                         f"{check.code}, not run): {_describe(first)}"))
    return []


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def run_checks_split(ctx, checks: Sequence, jobs: int = 1, meanwhile: Iterator[object] | None = None,
                     failures: list[FileError] | None = None) -> dict[str, list[Finding]]:
    """Each check's findings on ctx, by code. meanwhile: work of the caller's that this process advances a
    step at a time once its own checks are done, for as long as the child is still checking (the FC4 side
    is the longer one); the caller finishes whatever is left of it."""
    away = [c for c in checks if c.process_group != "main"]  # the checks of the other groups (Check.process_group)
    here = [c for c in checks if c.process_group == "main"]
    if jobs < 2 or not away or not here or ctx.claim_count < MIN_CLAIMS or not _can_fork():
        return {c.code: findings_of(c, ctx, failures) for c in checks}
    import multiprocessing  # here, not at the top: its import (socket, pickle) would cost every focus run

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(ctx, away, send), daemon=True)
    child.start()
    send.close()
    found = {c.code: findings_of(c, ctx, failures) for c in here}
    if meanwhile is not None:
        for _ in meanwhile:
            if receive.poll():
                break
    theirs = _receive(ctx, receive, child, [c.code for c in away])
    if theirs is None:  # the child failed: its checks run here
        theirs = {c.code: findings_of(c, ctx, failures) for c in away}
    found.update(theirs)
    return found


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _texts(ctx) -> dict[str, str]:
    return {d.document.path: d.document.text for d in ctx.documents}


def _child(ctx, checks, send) -> None:
    try:
        findings = [f for c in checks for f in c.run(ctx)]
        send.send_bytes(run_results.encode(findings, (), _texts(ctx)).encode("utf-8"))
    finally:
        send.close()
        os._exit(0)  # no atexit handlers or buffered output of the parent's run in a forked copy


def _receive(ctx, receive, child, codes: list[str]) -> dict[str, list[Finding]] | None:
    try:
        data = receive.recv_bytes().decode("utf-8")
    except (EOFError, OSError, UnicodeDecodeError):
        data = None
    finally:
        receive.close()
        child.join()
    decoded = run_results.decode(data, _texts(ctx)) if data is not None else None
    if decoded is None:
        return None
    by_rule: dict[str, list[Finding]] = {code: [] for code in codes}
    for finding in decoded[0]:
        by_rule.setdefault(finding.rule, []).append(finding)
    return by_rule
