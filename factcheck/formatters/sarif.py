"""`--format sarif`: SARIF 2.1.0 for code-scanning UIs. Rules come from the checks' own metadata; the other
side of a conflict is a relatedLocation; columns are Unicode code points, as everywhere in factcheck."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from factcheck.formatters.places import EditPosition, edit_positions, shown_excerpt

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
    location = {"uri": uri}
    if base:
        location["uriBaseId"] = base
    if path in index:
        location["index"] = index[path]
    return location


def _region(loc, excerpt: str | None = None) -> dict:
    region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}
    if excerpt:
        region["snippet"] = {"text": excerpt}
    return region


def _rules(checks) -> list[dict]:
    return [{
        "id": c.code, "name": c.name,
        "shortDescription": {"text": c.summary},
        "fullDescription": {"text": c.why},
        "help": {"text": f"{c.summary}\n\n{c.why}", "markdown": f"**{c.code} {c.name}**: {c.summary}\n\n{c.why}"},
        "defaultConfiguration": {"level": _LEVEL[c.level]},
        "properties": {"tags": [f"FC{c.code[2]}"]},
    } for c in checks]


def _replacement(position: EditPosition) -> dict:
    return {"deletedRegion": {"startLine": position.line, "startColumn": position.column,
                              "endLine": position.end_line, "endColumn": position.end_column},
            "insertedContent": {"text": position.replacement}}


def sarif_document(report, errors_extra: tuple[str, ...] = ()) -> dict:
    from factcheck import __version__
    from factcheck.checks.selection import selected_checks

    checks = selected_checks()
    rule_index = {c.code: i for i, c in enumerate(checks)}
    documents = report.extraction.documents if report is not None else ()
    artifacts, artifact_index = [], {}
    for doc in documents:
        artifact_index[doc.document.path] = len(artifacts)
        artifacts.append({"location": _artifact_location(doc.document.path, {}),
                          "encoding": doc.document.encoding.replace("-sig", ""),
                          "hashes": {"sha-256": doc.document.sha256}})
    results = []
    texts = {d.document.path: d.document.text for d in documents}
    for f in report.findings if report is not None else ():
        loc = f.place.location
        result = {
            "ruleId": f.rule, "ruleIndex": rule_index.get(f.rule, -1), "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact_location(loc.path, artifact_index),
                                                "region": _region(loc, shown_excerpt(f.place))}}],
            "partialFingerprints": {"factcheck/v1": f.fingerprint},
        }
        if f.related:
            result["relatedLocations"] = [
                {"id": i, "message": {"text": p.note or "相关位置"},
                 "physicalLocation": {"artifactLocation": _artifact_location(p.location.path, artifact_index),
                                      "region": _region(p.location, shown_excerpt(p))}}
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
        notification = {"level": "error" if level == "error" else "warning", "message": {"text": message}}
        if path:
            notification["locations"] = [{"physicalLocation": {"artifactLocation": _artifact_location(path, {})}}]
        notifications.append(notification)
    run = {
        "tool": {"driver": {"name": "factcheck", "version": __version__, "semanticVersion": __version__,
                            "rules": _rules(checks)}},
        "invocations": [{"executionSuccessful": not any(level == "error" for _, _, level in errors),
                         "toolExecutionNotifications": notifications}],
        "originalUriBaseIds": {_BASE: {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_report(report, errors_extra: tuple[str, ...] = ()) -> str:
    return json.dumps(sarif_document(report, errors_extra), ensure_ascii=False, indent=2) + "\n"
