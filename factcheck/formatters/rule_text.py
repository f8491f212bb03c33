"""`--list-rules` and `--explain CODE`: the checks' own metadata as plain text (the same source as docs/rules.md)."""

from __future__ import annotations

from factcheck.checks.base import example_documents
from factcheck.checks.selection import selected_checks


def _checks():
    return selected_checks()


def list_rules() -> str:
    rows = [(c.code, c.name, c.level, c.summary) for c in _checks()]
    width = max(len(name) for _, name, _, _ in rows)
    lines = [f"{code}  {name:<{width}}  {level:<7}  {summary}" for code, name, level, summary in rows]
    return "\n".join(lines) + "\n"


def explain(wanted: str) -> str | None:
    check = next((c for c in _checks() if wanted.upper() == c.code or wanted == c.name), None)
    if check is None:
        return None
    out = [f"{check.code} {check.name}（默认级别 default severity: {check.level}）", "",
           "检查内容 (What it does)", f"  {check.summary}", f"  {check.summary_en}", "",
           "为什么要改 (Why is this bad)", f"  {check.why_zh}", f"  {check.why}", ""]
    declared = getattr(check, "example_declaration", None)
    if declared:
        out.append(f"示例使用的声明文件 (the examples run under this {check.example_file})")
        out.extend(f"  {line}" for line in declared.rstrip().split("\n"))
        out.append("")
    for label, examples in (("错误示例 (Bad)", check.bad), ("正确示例 (Good)", check.good)):
        for i, example in enumerate(examples, 1):
            out.append(f"{label} {i}")
            out.extend(f"  {line}" for line in "\n===\n".join(example_documents(example)).split("\n"))
            out.append("")
    return "\n".join(out)
