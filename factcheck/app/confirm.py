"""`factcheck confirm PATH:LINE[:COL]` (or `PATH --id ID`): the claim at that place, shown with its key, then
appended to the registry as a confirmed figure, with its source (the place, unless --source names one) and
date (the document's, unless --date gives one).

The row is written so that the registry reads it back as the same figure: the value as the text states it
(with 增长/下降 for a rate), and an explicit kind when the words alone would read another. A claim that
agrees with a figure already registered for its key is not appended twice; one that contradicts it is
refused (exit 1). The registry file is validated before and after, and written atomically."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import sys
from pathlib import Path

from factcheck.app.api import extract_source
from factcheck.app.config import ConfigError, discover
from factcheck.app.fixes import write_atomically
from factcheck.app.newsroom import shown
from factcheck.app.outputs import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, say
from factcheck.checks.base import CheckContext
from factcheck.checks.evidence.declared_claims import spell_stated, stated, states_its_figure
from factcheck.checks.evidence.declared_terms import DeclarationError, resolve_region
from factcheck.checks.evidence.figures import overlaps
from factcheck.checks.evidence.registry import COLUMNS, Registry, aspects_compatible, parse_registry, read_files
from factcheck.text.documents import FileError, read_document
from factcheck.vocab.data import use_extra_rules

_PLACE = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::(?P<column>\d+))?$")
_HEADER = ("region", "metric", "period", "value", "source", "date", "note")


class ConfirmError(Exception):
    """What stops a confirm: the message says why; exit status 2."""


def confirm_command(args) -> int:
    try:
        return _confirm(args)
    except ConfirmError as exc:
        say(f"factcheck: {exc}")
        return EXIT_ERROR
    except DeclarationError as exc:
        for problem in exc.problems:
            say(f"factcheck: {problem}")
        return EXIT_ERROR


def _confirm(args) -> int:
    path, line, column = _place(args.place, args.id)
    try:
        config = discover([path], args.config)
    except ConfigError as exc:
        raise ConfirmError(str(exc)) from None
    use_extra_rules(config.metrics, config.regions)
    registry_path = args.facts or (shown(config.facts[0]) if config.facts else None)
    if registry_path is None:
        raise ConfirmError("没有登记表 (no registry): give --facts FILE or set facts = [...] in the config")
    if not registry_path.lower().endswith((".csv", ".toml")):
        raise ConfirmError(f"{registry_path}: 登记表应为 .csv 或 .toml 文件 (a registry is a .csv or a .toml file)")
    doc, claim = _claim_at(path, line, column, args.id)
    figure, plainly = _as_declared(doc, claim)
    row = {"region": _region_text(claim), "metric": figure.metric, "period": claim.period, "value": None,
           "source": args.source or f"{path}:{claim.location.line}",
           "date": args.date or doc.document.date or datetime.date.today().isoformat(), "note": args.note or ""}
    row = _fitting_row(row, figure)
    existing = _existing(registry_path)
    print(f"{path}:{claim.location.line}:{claim.location.column}  {claim.text}")
    print(f"  {claim.region} · {figure.metric} · {claim.period} · {figure.kind} · {figure.quantity.unit or ''}")
    if not plainly:
        print("  注意：这一处数字本身的指标或时期不够明确，不会被 FC801 比较 (note: this claim itself states its "
              "metric or period too loosely to be compared; the registered figure still holds for the others)")
    same = [f for f in existing.facts_for(_key(claim, figure)) if _agrees(f, figure)]
    if same:
        print(f"已登记 (already registered): {same[0].where} {same[0].figure.text}")
        return EXIT_OK
    against = existing.facts_for(_key(claim, figure))
    if against:
        registered = against[0]
        say(f"与已登记的核实数字矛盾 (contradicts the registered figure): {registered.where} "
            f"{registered.figure.text}（{registered.source}）; 未追加 (not appended)")
        return EXIT_FINDINGS
    text, new_text = _appended(registry_path, row)
    print(f"将追加到 (appending to) {registry_path}:")
    print("  " + new_text[len(text):].strip("\n").replace("\n", "\n  "))
    if args.dry_run:
        return EXIT_OK
    asked = not args.yes and sys.stdin.isatty()
    if asked and input("追加？(append?) [y/N] ").strip().lower() not in ("y", "yes", "是"):
        print("未追加 (not appended)")
        return EXIT_OK
    parse_registry(((registry_path, new_text.lstrip("\ufeff")),))  # the file as it will be, valid or not written
    _write(registry_path, new_text)
    print(f"已追加 (appended): {registry_path}")
    return EXIT_OK


def _place(place: str, claim_id: str | None) -> tuple[str, int | None, int | None]:
    found = _PLACE.match(place)
    if claim_id:
        return (found.group("path"), None, None) if found and not os.path.exists(place) else (place, None, None)
    if not found:
        raise ConfirmError(f"{place}: 应写作 PATH:LINE[:COL]，或 PATH --id ID "
                           "(expected PATH:LINE[:COL], or PATH --id ID)")
    column = found.group("column")
    return found.group("path"), int(found.group("line")), int(column) if column else None


def _claim_at(path: str, line: int | None, column: int | None, claim_id: str | None):
    source = read_document(path)
    if isinstance(source, FileError):
        raise ConfirmError(f"{source.path}: {source.message}")
    doc = extract_source(source)
    if claim_id:
        found = [c for c in doc.claims if c.id == claim_id]
        if not found:
            raise ConfirmError(f"{path}: 没有 id 为 {claim_id} 的数字 (no claim with id {claim_id})")
        return doc, found[0]
    on_line = [c for c in doc.claims if c.location.line == line and c.quantity.dimension not in ("rank", "duration")]
    if column is not None:
        on_line = [c for c in on_line if c.location.column <= column < max(c.location.end_column, c.location.column + 1)
                   or c.location.column == column]
    if len(on_line) == 1:
        return doc, on_line[0]
    where = f"{path}:{line}" + (f":{column}" if column else "")
    if not on_line:
        raise ConfirmError(f"{where}: 这里没有可登记的数字 (no figure to confirm here)")
    listed = "; ".join(f"{c.location.column} {c.text} ({c.metric or '指标未知'}, id {c.id})" for c in on_line)
    raise ConfirmError(f"{where}: 这一行有 {len(on_line)} 个数字，请加上列号或 --id (several figures on this line; "
                       f"add :COL or --id): {listed}")


def _as_declared(doc, claim):
    """The claim as the registry would read it, and whether the claim itself is compared with registered figures."""
    missing = [name for name, value in (("地区 region", claim.region_code), ("指标 metric", claim.metric),
                                        ("时期 period", claim.period)) if not value]
    if missing:
        raise ConfirmError(f"{claim.location.path}:{claim.location.line}:{claim.location.column} {claim.text}: "
                           f"没有 {', '.join(missing)}，不能登记 (the claim has no {', '.join(missing)})")
    if claim.role == "target":
        raise ConfirmError(f"{claim.text} 是目标，不是核实数字 (a target is not a confirmed figure)")
    ctx = CheckContext((doc,))
    return stated(ctx, claim), states_its_figure(ctx, claim)


def _fitting_row(row: dict, figure) -> dict:
    """The row with the value as written (增长/下降 spelled for a rate) and a kind only when the words need one."""
    row = {**row, "value": spell_stated(figure)}
    if _read_back(row) != (figure.kind, figure.quantity.unit, figure.quantity.dimension):
        row["kind"] = figure.kind
    return row


def _read_back(row: dict):
    text = _csv_text(list(row), [row])
    fact = parse_registry((("row.csv", text),)).facts[0]
    q = fact.figure.quantity
    return fact.figure.kind, q.unit, q.dimension


def _region_text(claim) -> str:
    """The region's official name, or its code when the name alone names several (鼓楼区)."""
    found, _ = resolve_region(claim.region or "")
    return claim.region if found is not None and found.code == claim.region_code else claim.region_code


def _key(claim, figure) -> tuple:
    q = figure.quantity
    return (claim.region_code, figure.metric, claim.period, figure.kind, q.unit, q.dimension)


def _agrees(fact, figure) -> bool:
    return overlaps(fact.figure.quantity, figure.quantity) or not aspects_compatible(fact.figure.aspect, figure.aspect)


def _existing(path: str):
    if not Path(path).exists():
        return Registry(())
    return parse_registry(tuple(read_files([path])))


def _appended(path: str, row: dict) -> tuple[str, str]:
    """(the registry's text now, its text with the row appended)."""
    target = Path(path)
    text = target.read_bytes().decode("utf-8") if target.exists() else ""  # a BOM stays where it is
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline
    if path.lower().endswith(".toml"):
        block = "[[fact]]" + newline + "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}{newline}"
                                              for k, v in row.items() if v)
        return text, text + (newline if text.strip() else "") + block
    header = _csv_header(text)
    if header is None:
        columns = [c for c in (*_HEADER, *COLUMNS) if c in row or c in _HEADER]
        return text, text + _csv_text(list(dict.fromkeys(columns)), [row], newline)
    if "kind" in row and "kind" not in header:
        raise ConfirmError(f"{path}: 这一条需要 kind 列，登记表没有 (this figure needs a kind column, which the "
                           f"registry lacks): add kind to its header")
    return text, text + _csv_text(header, [row], newline, with_header=False)


def _csv_header(text: str) -> list[str] | None:
    for line in text.lstrip("\ufeff").split("\n"):
        if line.strip() and not line.lstrip().startswith("#"):
            return [h.strip() for h in next(csv.reader([line.rstrip("\r")]))]
    return None


def _csv_text(columns: list[str], rows: list[dict], newline: str = "\n", with_header: bool = True) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    if with_header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c) or "" for c in columns])
    return out.getvalue()


def _write(path: str, text: str) -> None:
    target = Path(os.path.realpath(path))  # a symlinked registry stays a symlink: its target is written
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, text, "utf-8")
