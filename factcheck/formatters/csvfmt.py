"""`--format csv`: one row per claim (the JSON claim fields as columns), or per target of the targets table
(every field of its JSON row). `--excel`: the same rows for a spreadsheet on a Chinese desktop: UTF-8 with a
byte order mark (without it Excel reads the file in the local code page and garbles it), Chinese column
headers, every cell on one line (a line break shown as ⏎) and paths relative to the current folder."""

from __future__ import annotations

import csv
import io

from factcheck.formatters.concise import relative_path
from factcheck.formatters.records import CLAIM_FIELDS, TARGET_FIELDS, claim_record, target_csv_row
from factcheck.model.claims import Extraction

BOM = "\ufeff"
LINE_BREAK = "⏎"

CLAIM_HEADERS = {
    "id": "编号", "path": "文件", "line": "行", "column": "列", "end_line": "结束行", "end_column": "结束列",
    "text": "原文", "value": "数值", "low": "下限", "high": "上限", "low_open": "下限开区间",
    "high_open": "上限开区间", "unit": "单位", "dimension": "量纲", "qualifier": "限定", "role": "角色",
    "kind": "类别", "aspect": "存量或流量", "region": "地区", "metric": "指标", "metric_text": "指标原文",
    "period": "时期",
}
_PLACE_HEADERS = {"path": "文件", "line": "行", "column": "列", "end_line": "结束行", "end_column": "结束列"}
TARGET_HEADERS = {
    "region": "地区", "region_code": "区划代码", "year": "年份", "metric": "指标", "main": "主要目标", "kind": "类别",
    "target": "目标（原文）", "target_claim": "目标数字编号", "target_direction": "目标方向",
    **{f"target_{k}": f"目标{v}" for k, v in _PLACE_HEADERS.items()},
    "outcome": "实际（原文）", "outcome_claim": "实际数字编号",
    **{f"outcome_{k}": f"实际{v}" for k, v in _PLACE_HEADERS.items()},
    "verdict": "结论代码", "verdict_text": "结论", "difference": "差距", "tolerance": "容差", "also": "其他出处",
}
assert set(CLAIM_HEADERS) == set(CLAIM_FIELDS) and set(TARGET_HEADERS) == set(TARGET_FIELDS)


def _cell(value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return value


def _one_line(value):
    if isinstance(value, str):
        return value.replace("\r\n", LINE_BREAK).replace("\n", LINE_BREAK).replace("\r", LINE_BREAK)
    return value


def _write(fields, headers: dict[str, str] | None, rows, excel: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    writer.writerow([headers[f] for f in fields] if excel and headers else fields)
    for row in rows:
        writer.writerow([_one_line(row[f]) if excel else row[f] for f in fields])
    return (BOM if excel else "") + out.getvalue()


def render_claims(extraction: Extraction, excel: bool = False) -> str:
    def rows():
        for claim in extraction.claims:
            row = {k: _cell(v) for k, v in claim_record(claim).items()}
            if excel:
                row["path"] = relative_path(str(row["path"]))  # a claim's path is a str: str() only types it
            yield row

    return _write(CLAIM_FIELDS, CLAIM_HEADERS, rows(), excel)


def render_targets(table, excel: bool = False) -> str:
    path = relative_path if excel else None
    return _write(TARGET_FIELDS, TARGET_HEADERS, (target_csv_row(r, path) for r in table.rows), excel)
