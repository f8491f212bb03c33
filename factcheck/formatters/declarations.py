"""`factcheck facts`: the confirmed-figures registry and the rule files as read, in plain text or as schema
factcheck-facts/1 (docs/schema/factcheck-facts-1.json)."""

from __future__ import annotations

import json
from collections import Counter

from factcheck import __version__
from factcheck.checks.evidence.declared_terms import spell_interval
from factcheck.model.decimals import decimal_text

FACTS_SCHEMA = "factcheck-facts/1"
_KIND_NAMES = {"actual": "水平", "growth_rate": "增速", "share": "占比", "change": "变化"}


def render_declarations(declarations, conflicts, fmt: str = "rich", check_only: bool = False) -> str:
    if fmt == "json":
        return json.dumps(facts_document(declarations, conflicts), ensure_ascii=False, indent=2) + "\n"
    return _text(declarations, conflicts, check_only)


def facts_document(declarations, conflicts) -> dict:
    return {
        "schema": FACTS_SCHEMA,
        "tool": {"name": "factcheck", "version": __version__},
        "files": [path for path, _ in (*declarations.fact_files, *declarations.rule_files)],
        "facts": [_fact_record(f) for f in declarations.registry.facts],
        "rules": [{"path": r.path, "line": r.line, "id": r.id, "type": r.type_name, "kind": r.kind,
                   "severity": r.severity, "metrics": list(r.metrics())} for r in declarations.rules.rules],
        "conflicts": [[{"path": a.path, "line": a.line}, {"path": b.path, "line": b.line}] for a, b in conflicts],
        "warnings": [{"path": p.path, "line": p.line, "message": p.message} for p in declarations.warnings],
    }


def _fact_record(fact) -> dict:
    q = fact.figure.quantity
    return {"path": fact.path, "line": fact.line, "region": fact.region, "region_code": fact.region_code,
            "metric": fact.metric, "period": fact.period, "value": fact.figure.text, "kind": fact.figure.kind,
            "aspect": fact.figure.aspect, "low": decimal_text(q.low), "high": decimal_text(q.high),
            "low_open": q.low_open, "high_open": q.high_open, "unit": q.unit, "dimension": q.dimension,
            "source": fact.source, "date": fact.date, "note": fact.note or None}


def _text(declarations, conflicts, check_only: bool) -> str:
    registry, rules = declarations.registry, declarations.rules
    lines = []
    if not check_only:
        for fact in registry.facts:
            q = fact.figure.quantity
            extra = "".join(f"  {v}" for v in (fact.date, fact.note) if v)
            lines.append(f"{fact.where}  {fact.region}  {fact.metric}  {fact.period}  {fact.figure.text}"
                         f"  {_KIND_NAMES.get(fact.figure.kind, fact.figure.kind)} {spell_interval(q)} {q.unit or ''}"
                         f"  {fact.source}{extra}")
        for rule in rules.rules:
            metrics = " / ".join(rule.metrics()) or "任何指标"
            lines.append(f"{rule.path}:{rule.line}  [{rule.type_name}] {rule.id}: {metrics}")
    files = len(declarations.fact_files) + len(declarations.rule_files)
    types = Counter(r.type_name for r in rules.rules)
    kinds = "，".join(f"{name} {n}" for name, n in sorted(types.items()))
    lines.append(f"{len(registry.facts)} 条核实数字，{len(rules.rules)} 条规则{'（' + kinds + '）' if kinds else ''}，"
                 f"{files} 个文件 ({len(registry.facts)} facts, {len(rules.rules)} rules, {files} files)"
                 + ("：均有效 (valid)" if check_only else ""))
    if conflicts:
        lines.append(f"相互矛盾的登记 {len(conflicts)} 对 (entries that contradict each other):")
        for first, second in conflicts:
            lines.append(f"  {first.where} {first.region} {first.metric} {first.period} {first.figure.text}"
                         f"  ↔  {second.where} {second.figure.text}")
    return "\n".join(lines) + "\n"
