"""What extraction results depend on, as one short digest: the tool version, the rule data in use and the
code itself. Cached claims are valid only under the digest they were made with.

The code is hashed as well as the version because this project changes its extractor far more often than
it bumps the version: a developer's edited extractor must never be served claims from before the edit.
Hashing ~60 small files costs a few milliseconds, once per run, and only runs that use the cache pay it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from factcheck import __version__
from factcheck.model.claims import Extraction
from factcheck.model.codec import ROW_VERSION
from factcheck.report.results import RESULT_VERSION
from factcheck.vocab.data import extra_rule_files
from factcheck.vocab.files import rules_path

_RULE_SUFFIXES = (".toml", ".csv", ".txt")


@cache
def rules_digest() -> str:
    """sha256 over the names and bytes of the rule data files (the folder rulesdata reads from)."""
    folder = rules_path("checks.toml").parent
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.suffix in _RULE_SUFFIXES and path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def code_digest() -> str:
    package = Path(__file__).resolve().parent.parent  # the whole factcheck package, every stage
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def environment() -> str:
    """The digest a cache entry or a claims file is valid under: version, row layout, the shipped rule data,
    the code, and a project's own rule files (config [rules] metrics/regions) when it adds any."""
    return _environment(extra_rules_digest())


@cache
def _environment(extra: str) -> str:
    raw = f"factcheck {__version__}\0rows {ROW_VERSION}\0rules {rules_digest()}\0code {code_digest()}\0extra {extra}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def extra_rules_digest() -> str:
    """sha256 over the extra rule files in use (names as given, and bytes); empty when there are none."""
    files = [(kind, path) for kind in ("metrics", "regions") for path in extra_rule_files(kind)]
    if not files:
        return ""
    digest = hashlib.sha256()
    for kind, path in files:
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b"\xff"  # unreadable now: the rules loader reports it; never match a cache made with it
        digest.update(f"{kind}\0{path}\0".encode("utf-8", "surrogateescape") + data + b"\0")
    return digest.hexdigest()


# Whole-run results in the claims cache: a run over documents that have not changed, under the same
# environment, settings and selection, has the same findings, so a warm re-run takes them from the cache
# instead of running the corpus-scope checks again. The key is a digest of everything the findings are a
# function of: the environment, the effective check settings, the selection, and the documents in reading
# order as (path, content sha256) — paths because findings name them and the order because checks cite the
# first of equal figures. Anything else changed is another key, so a stale result is never served; results
# are kept for the last few keys only (ClaimCache.store_run).
def run_key(extraction: Extraction, settings: Mapping, select: Iterable[str] | None, ignore: Iterable[str]) -> str:
    digest = hashlib.sha256()
    head = {"v": RESULT_VERSION, "env": environment(), "settings": settings,
            "select": None if select is None else sorted(select), "ignore": sorted(ignore)}
    digest.update(json.dumps(head, sort_keys=True, ensure_ascii=False, default=str).encode())
    for doc in extraction.documents:
        digest.update(f"\0{doc.document.path}\0{doc.document.sha256}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
