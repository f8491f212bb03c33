"""Many documents analysed with --jobs N: N - 1 worker processes and this one, which takes its share too.

Workers answer in JSON text, not pickled objects: the rows the cache stores, cheaper to move between
processes than a graph of small dataclasses; the codec is lossless, so a run gives the same results with
any number of jobs (tests/test_scale.py). What this process analyses itself is never encoded.
"""

from __future__ import annotations

from factcheck.extract.metrics.names import tokenizer
from factcheck.extract.regions.gazetteer import load_gazetteer
from factcheck.model import codec
from factcheck.scale.analysis import DocumentFailure, DocumentResult, analyse, document_claims, failure
from factcheck.text.documents import SourceText
from factcheck.vocab.data import extra_rule_files, use_extra_rules


def run_documents(todo: list, jobs: int, settings: dict | None, evidence: bool = True):
    """(index, source, result, rows, reused) for each document to analyse, in order; rows are the claims'
    JSON when a worker made them; reused when the claims came from the cache. result is a DocumentFailure for
    a document whose analysis raised."""
    if not todo:
        return
    if jobs <= 1 or len(todo) == 1:
        for index, source, reuse in todo:
            yield index, source, _analysed(source, reuse, settings, evidence), None, reuse is not None
        return
    from concurrent.futures import ProcessPoolExecutor

    context = _context()
    if settings is not None and context.get_start_method() == "fork":  # the checks follow in this process
        _load_shared_data()

    extra_rules = (extra_rule_files("metrics"), extra_rule_files("regions"))
    tasks = [(s.path, s.text, s.sha256, s.encoding, _reuse_wire(reuse), settings, evidence, extra_rules)
             for _, s, reuse in todo]
    # Small chunks: documents differ a lot in size, and a straggler chunk at the end idles the other cores.
    size = max(1, min(4, len(tasks) // (jobs * 16)))
    chunks = [range(at, min(at + size, len(tasks))) for at in range(0, len(tasks), size)]
    # This process is one of the jobs: jobs - 1 workers take chunks from the front, and this process takes
    # them from the back for as long as a worker has not reached them. What it analyses itself needs no
    # encoding into JSON and decoding back (a tenth of a large run's work), and its core is not left idle.
    with ProcessPoolExecutor(max_workers=min(jobs - 1, len(chunks)), mp_context=context) as pool:
        futures = [pool.submit(_work_chunk, [tasks[i] for i in chunk]) for chunk in chunks]
        here: dict[int, list[DocumentResult | DocumentFailure]] = {}
        handed = 0  # chunks before this one have been yielded
        for k in reversed(range(len(chunks))):
            if not futures[k].cancel():
                break  # a worker has it, and every chunk before it
            here[k] = [_analysed(todo[i][1], todo[i][2], settings, evidence) for i in chunks[k]]
            while handed < k and futures[handed].done():  # yield what is ready, in order, between own chunks
                yield from _answers(todo, chunks[handed], futures[handed].result())
                handed += 1
        for k in range(handed, len(chunks)):
            if k in here:
                yield from _answers(todo, chunks[k], here.pop(k))
            else:
                yield from _answers(todo, chunks[k], futures[k].result())


def _work(task: tuple) -> tuple | str:
    """In a worker process: analyse one document and answer in JSON text (a failure's message: a str)."""
    try:
        return _work_on(task)
    except Exception as exc:
        return failure(exc).message


def _work_on(task: tuple) -> tuple:
    path, text, sha, encoding, reuse, settings, evidence, extra_rules = task
    use_extra_rules(*extra_rules)  # a spawned worker starts without the parent's project rules
    source = SourceText(path, text, encoding, sha)
    claims = None
    if reuse is not None:
        date, region, region_code, rows = reuse
        claims = document_claims(source, date, region, region_code, codec.claims_from_rows(rows, path))
    result = analyse(source, claims, settings, evidence)
    info = result.doc.document
    rows_out = [codec.claim_row_text(c) for c in result.doc.claims]
    findings = None if result.findings is None else codec.findings_blob(list(result.findings))
    return (info.date, info.region, info.region_code, rows_out, sorted(result.main), result.completion,
            [list(r) for r in result.relations], findings, result.evidence)


def _from_wire(source: SourceText, wire: tuple) -> tuple[DocumentResult, list[str]]:
    date, region, region_code, rows, main, completion, relations, findings, evidence = wire
    doc = document_claims(source, date, region, region_code, codec.claims_from_rows(rows, source.path))
    found = None if findings is None else tuple(codec.findings_from_blob(findings, source.path))
    return DocumentResult(doc, found, frozenset(main), completion, tuple((r, m) for r, m in relations),
                          evidence), rows


def _analysed(source: SourceText, reuse, settings: dict | None, evidence: bool) -> DocumentResult | DocumentFailure:
    try:
        claims = None
        if reuse is not None:
            hit, rows = reuse
            claims = document_claims(source, hit.date, hit.region, hit.region_code,
                                     codec.claims_from_rows(rows, source.path))
        return analyse(source, claims, settings, evidence)
    except Exception as exc:  # one document's failure is that document's error entry, not the run's end
        return failure(exc)


def _answers(todo: list, chunk: range, answers: list):
    """run_documents' items for a chunk: from a worker's wire answers, or from results made in this process."""
    for i, answer in zip(chunk, answers, strict=False):
        index, source, reuse = todo[i]
        result: DocumentResult | DocumentFailure
        if isinstance(answer, str):
            result, rows = DocumentFailure(answer), None
        elif isinstance(answer, (DocumentResult, DocumentFailure)):
            result, rows = answer, None
        else:
            result, rows = _from_wire(source, answer)
        yield index, source, result, rows, reuse is not None


def _work_chunk(tasks: list[tuple]) -> list[tuple | str]:
    return [_work(task) for task in tasks]


def _load_shared_data() -> None:
    """The segmenter's dictionary (with the metric vocabulary) and the gazetteer, loaded before the workers
    fork: they inherit them instead of each reading them again, and the checks
    in this process need them afterwards anyway."""
    load_gazetteer()
    tokenizer().cut("")


def _reuse_wire(reuse) -> tuple | None:
    if reuse is None:
        return None
    hit, rows = reuse
    return hit.date, hit.region, hit.region_code, rows


def _context():
    """fork where there is one: workers start in milliseconds with the parent's modules already imported;
    spawn elsewhere (each worker then imports factcheck itself)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
