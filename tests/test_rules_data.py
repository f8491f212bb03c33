"""rules/ is data only; every file parses and every entry is well formed, so adding one is a data-only change."""

from decimal import Decimal

import regex

from factcheck.extract.attributes import cues
from factcheck.extract.metrics.names import vocabulary
from factcheck.vocab.data import contextual_units, load_toml, qualifiers, unit_prefixes, units


def _schema_dimensions() -> set[str]:
    """The dimensions the claim schema lets a claim carry: a unit with another would write invalid output."""
    import json
    from pathlib import Path

    schema = json.loads((Path(__file__).resolve().parent.parent / "docs" / "schema" / "factcheck-claims-jsonl-1.json")
                        .read_text(encoding="utf-8"))
    found: list[set[str]] = []

    def walk(node):
        if isinstance(node, dict):
            if "dimension" in node and isinstance(node["dimension"], dict) and "enum" in node["dimension"]:
                found.append(set(node["dimension"]["enum"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert found
    return found[0]


DIMENSIONS = _schema_dimensions()


def test_units_are_well_formed():
    table = units()
    assert len(table) > 80
    for surface, unit in table.items():
        assert surface and not regex.search(r"\s", surface)
        assert unit.dimension in DIMENSIONS, surface
        assert unit.factor > 0


def test_currency_prefixes_are_money():
    prefixes = unit_prefixes()
    assert {"人民币", "￥", "$", "€", "£", "US$", "HK$"} <= set(prefixes)
    for surface, unit in prefixes.items():
        assert surface and not regex.search(r"\s", surface)
        assert unit.dimension == "money" and unit.unit and unit.factor == 1, surface


def test_contextual_units_are_well_formed():
    table = contextual_units()
    assert {"度", "级"} <= set(table)
    for surface, readings in table.items():
        assert sum(r.default for r in readings) <= 1, f"{surface}: two default readings"
        for r in readings:
            assert r.surface == surface
            assert all(w and not regex.search(r"\s", w) for w in r.before + r.after)
            if r.unit is not None:
                assert r.unit.dimension in DIMENSIONS and r.unit.factor > 0 and r.unit.unit, surface
    # 度 is never read without its context: no plain entry a missing cue could fall back on
    assert "度" not in units()


def test_qualifiers_are_well_formed():
    q = qualifiers()
    assert Decimal(0) < q.approx_tolerance < Decimal(1)
    for table in (q.before, q.inside, q.after):
        for word, hedge in table.items():
            assert word and hedge.kind in {"lower", "upper", "approx"}
    assert all(regex.search(r"[一二两三四五六七八九十百千万]", p) for p in q.nonquantity_phrases)
    assert set(q.word_parts) <= set(q.before) and all(q.word_parts.values())
    assert q.falling_words and q.shu_nouns


def test_metric_aliases_do_not_collide():
    data = load_toml("metrics.toml")
    seen: dict[str, str] = {}
    for name, aliases in data["aliases"].items():
        for alias in aliases:
            assert alias != name
            assert seen.setdefault(alias, name) == name, f"{alias} is an alias of two metrics"
    assert vocabulary().canonical["全社会研发投入占地区生产总值比重"] == "全社会研发投入强度"


def test_renamings_map_the_old_name_to_the_new_one_and_name_no_alias():
    data = load_toml("metrics.toml")
    aliases = {a for names in data["aliases"].values() for a in names} | set(data["aliases"])
    for old, new in data["renamings"].items():
        assert old != new and old not in aliases and new not in aliases, old
        assert vocabulary().canonical[old] == vocabulary().canonical[new] == new
    assert vocabulary().canonical["国家重点实验室"] == "全国重点实验室"


def test_canonical_metric_words_are_well_formed():
    from factcheck.extract.metrics.canonical import canonical_metric

    words = load_toml("metrics.toml")["canonical"]
    for key in ("predicates", "adverbs", "adverb_verbs", "leading", "from_words"):
        assert words[key] and all(isinstance(w, str) and w.strip() == w and w for w in words[key]), key
    assert canonical_metric("国家区域医疗中心全部开诊") == "国家区域医疗中心"
    assert canonical_metric("经济薄弱村扶持工作圆满收官") == "经济薄弱村扶持"
    assert canonical_metric("乡村旅游重点片区有序建设") == "乡村旅游重点片区"
    assert canonical_metric("散居孤儿从每人每月") == "散居孤儿"
    assert canonical_metric("累计实施城市更新项目") == "实施城市更新项目"
    assert canonical_metric("自由贸易试验区") == "自由贸易试验区"
    assert canonical_metric("本年从业人员") == "本年从业人员"
    assert canonical_metric("全员劳动生产率人均") == "全员劳动生产率人均"
    assert canonical_metric("国家重点实验室") == "全国重点实验室"


def test_cues_are_well_formed():
    c = cues()
    assert set(c.own.values()) <= {"province", "prefecture", "county", "any"}
    assert c.target and c.growth and c.stock and c.flow


def test_every_subpackage_is_packaged():
    """pyproject lists packages explicitly (rules/ is mapped in); a new subpackage must be listed too."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    listed = set(tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(root).parts) for p in (root / "factcheck").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_heads_the_same_whether_planned_are_well_formed():
    table = load_toml("metrics.toml")["same_whether_planned"]
    assert set(table) == {"packages", "standards", "term_verbs"}
    for key, words in table.items():
        assert words and all(isinstance(w, str) and w.strip() == w and w for w in words), key
        assert len(set(words)) == len(words), key
    assert not set(table["packages"]) & set(table["standards"])
