"""`--format sarif`: SARIF 2.1.0 for code-scanning UIs. Rules come from the checks' own metadata; the other
side of a conflict is a relatedLocation; columns are Unicode code points, as everywhere in factcheck."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from factcheck import __version__
from factcheck.checks.selection import selected_checks
from factcheck.formatters.places import MAX_EXCERPT, EditPosition, edit_positions, shown_excerpt

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_BASE = "SRCROOT"


def _uri(path: str) -> tuple[str, str | None]:
    """A relative path stays relative to SRCROOT (the current folder); one outside it becomes a file: URI."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    if relative.startswith(".."):
        return Path(absolute).as_uri(), None
    # a name's own bytes, percent-encoded (a name that is not UTF-8 reaches here with surrogate escapes)
    return quote(Path(relative).as_posix().encode("utf-8", "surrogateescape")), _BASE


def _artifact_location(path: str, index: dict[str, int]) -> dict:
    uri, base = _uri(path)
    location: dict[str, str | int] = {"uri": uri}
    if base:
        location["uriBaseId"] = base
    if path in index:
        location["index"] = index[path]
    return location


def _region(loc) -> dict:
    return {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}


def _physical_location(place, artifact_index: dict[str, int], text: str | None) -> dict:
    """The place's region with its own text as the snippet, and its whole lines as the contextRegion
    (SARIF 3.30.13 and 3.29.5). Without the document's text (claims read back from JSONL), the excerpt
    is that line when the place lies on one line."""
    loc = place.location
    region = _region(loc)
    context = None
    if text is not None and 0 <= loc.start <= loc.end <= len(text):
        first = text.rfind("\n", 0, loc.start) + 1
        last = text.find("\n", max(loc.end - 1, loc.start))
        region["snippet"] = {"text": text[loc.start:loc.end]}
        context = text[first:len(text) if last < 0 else last].removesuffix("\r")
        if len(context) > MAX_EXCERPT:  # a line of megabytes: the window around the place, as excerpts show it
            context = shown_excerpt(place)
    elif place.excerpt and loc.line == loc.end_line:
        region["snippet"] = {"text": place.excerpt[loc.column - 1:loc.end_column - 1]}
        context = shown_excerpt(place)
    location = {"artifactLocation": _artifact_location(loc.path, artifact_index), "region": region}
    if context is not None:
        location["contextRegion"] = {"startLine": loc.line, "endLine": loc.end_line, "snippet": {"text": context}}
    return location


def help_uri(docs_url: str, check) -> str:
    """The check's section of the rules docs: docs/rules.md's heading anchor, `## FC101 conflicting-figures`."""
    return f"{docs_url.split('#', 1)[0]}#{check.code.lower()}-{check.name}"


def _rules(checks, docs_url: str | None = None) -> list[dict]:
    rules = []
    for c in checks:
        rule = {
            "id": c.code, "name": c.name,
            "shortDescription": {"text": f"{c.summary} ({c.summary_en})"},
            "fullDescription": {"text": f"{c.summary}{c.why_zh}\n\n{c.summary_en} {c.why}"},
            "help": {"text": f"{c.summary}\n{c.why_zh}\n\n{c.summary_en}\n{c.why}",
                     "markdown": f"**{c.code} {c.name}**: {c.summary}\n\n{c.why_zh}\n\n{c.summary_en}\n\n{c.why}"},
            "defaultConfiguration": {"level": _LEVEL[c.level]},
            "properties": {"tags": [f"FC{c.code[2]}"]},
        }
        if docs_url:
            rule["helpUri"] = help_uri(docs_url, c)
        rules.append(rule)
    return rules


def _replacement(position: EditPosition) -> dict:
    return {"deletedRegion": {"startLine": position.line, "startColumn": position.column,
                              "endLine": position.end_line, "endColumn": position.end_column},
            "insertedContent": {"text": position.replacement}}


def sarif_document(report, errors_extra: tuple[str, ...] = (), docs_url: str | None = None) -> dict:
    checks = selected_checks()
    rule_index = {c.code: i for i, c in enumerate(checks)}
    documents = report.extraction.documents if report is not None else ()
    artifacts: list[dict] = []
    artifact_index: dict[str, int] = {}
    for doc in documents:
        artifact_index[doc.document.path] = len(artifacts)
        artifacts.append({"location": _artifact_location(doc.document.path, {}),
                          "encoding": doc.document.encoding.replace("-sig", ""),
                          "hashes": {"sha-256": doc.document.sha256}})
    results = []
    texts = {d.document.path: d.document.text for d in documents}
    for f in report.findings if report is not None else ():
        loc = f.place.location
        result: dict[str, Any] = {
            "ruleId": f.rule, "ruleIndex": rule_index.get(f.rule, -1), "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": _physical_location(f.place, artifact_index, texts.get(loc.path))}],
            "partialFingerprints": {"factcheck/v1": f.fingerprint},
        }
        if f.related:
            result["relatedLocations"] = [
                {"id": i, "message": {"text": p.note or "相关位置"},
                 "physicalLocation": _physical_location(p, artifact_index, texts.get(p.location.path))}
                for i, p in enumerate(f.related, 1)]
        if f.fix and loc.path in texts:
            result["fixes"] = [{"description": {"text": "factcheck --fix"}, "artifactChanges": [{
                "artifactLocation": _artifact_location(loc.path, artifact_index),
                "replacements": [_replacement(p) for p in edit_positions(texts[loc.path], f.fix)]}]}]
        if result["ruleIndex"] < 0:
            del result["ruleIndex"]
        results.append(result)
    errors = [*((e.path, e.message, e.level) for e in (report.extraction.errors if report is not None else ())),
              *((None, message, "error") for message in errors_extra)]
    notifications = []
    for path, message, level in errors:
        notification: dict[str, Any] = {"level": "error" if level == "error" else "warning",
                                        "message": {"text": message}}
        if path:
            notification["locations"] = [{"physicalLocation": {"artifactLocation": _artifact_location(path, {})}}]
        notifications.append(notification)
    for unused in (report.unused_suppressions or ()) if report is not None else ():
        where = {"artifactLocation": _artifact_location(unused.path, {}), "region": {"startLine": unused.line}}
        message = {"text": f"抑制未起作用 (suppressed nothing): {unused.text}"}
        notifications.append({"level": "warning", "message": message, "locations": [{"physicalLocation": where}]})
    run = {
        "tool": {"driver": {"name": "factcheck", "version": __version__, "semanticVersion": __version__,
                            "rules": _rules(checks, docs_url)}},
        "invocations": [{"executionSuccessful": not any(level == "error" for _, _, level in errors),
                         "toolExecutionNotifications": notifications}],
        "originalUriBaseIds": {_BASE: {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_report(report, errors_extra: tuple[str, ...] = (), docs_url: str | None = None) -> str:
    return json.dumps(sarif_document(report, errors_extra, docs_url), ensure_ascii=False, indent=2) + "\n"
