"""A newsroom's declarations read as data: the confirmed-figures registry and rule files, every problem named by
file and line, nothing used in part; the config keys that name them."""

from decimal import Decimal
from pathlib import Path

import pytest

from factcheck.app.config import ConfigError, load_config
from factcheck.checks.evidence.declared_terms import DeclarationError
from factcheck.checks.evidence.figures import overlaps
from factcheck.checks.evidence.registry import parse_registry, read_files
from factcheck.checks.evidence.rule_files import parse_rule_files

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "newsroom"
HEADER = "region,metric,period,value,source,date,note\n"


def registry(text: str, name: str = "facts.csv"):
    return parse_registry(((name, text),))


def problems(text: str, name: str = "facts.csv", parse=parse_registry):
    with pytest.raises(DeclarationError) as caught:
        parse(((name, text),))
    return [(p.line, p.level, p.message) for p in caught.value.problems]


def test_values_go_through_the_number_grammar_and_names_through_the_gazetteer_and_aliases():
    facts = registry(HEADER + "苏州,规上工业总产值,2022,4.36万亿元,苏州市统计局,2023-02-01,\n"
                              "无锡,全国重点实验室,2024,4家,无锡市科技局,,\n"
                              "江苏,地区生产总值,2024,增长5.8%,江苏省统计局,,\n"
                              "中国,GDP,2024,134.9万亿元,国家统计局,,\n"
                              "320200,居民消费价格涨幅,2024,下降0.3%,无锡市统计局,,\n").facts
    gross, labs, growth, national, prices = facts
    other = registry(HEADER + "苏州市,规上工业总产值,2022,43600亿元,x,,\n").facts[0]
    assert gross.key == other.key and overlaps(gross.figure.quantity, other.figure.quantity)
    assert (labs.region, labs.region_code, labs.metric, labs.line) == ("无锡市", "320200", "全国重点实验室", 3)
    assert (growth.figure.kind, growth.figure.quantity.unit, growth.figure.quantity.low) == (
        "growth_rate", "%", Decimal("5.75"))
    assert national.metric == "国内生产总值"  # the country's GDP, whatever alias names it
    assert prices.region == "无锡市" and prices.figure.quantity.high == Decimal("-0.25")  # a fall is negative


def test_toml_registry_reads_like_csv():
    text = ('[[fact]]\nregion = "无锡市"\nmetric = "国家重点实验室"\nperiod = 2024\nvalue = "累计4家"\n'
            'source = "无锡市科技局"\n\n[[fact]]\nregion = "江苏省"\nmetric = "城镇调查失业率"\nperiod = "2024"\n'
            'value = "4.5%"\nsource = "江苏省统计局"\nnote = "全年平均"\n')
    first, second = registry(text, "facts.toml").facts
    assert (first.line, first.period, first.figure.aspect) == (1, "2024", "stock")
    assert (second.line, second.note, second.figure.kind) == (8, "全年平均", "actual")


def test_every_bad_row_is_named_by_line_and_nothing_is_loaded():
    found = problems(HEADER + "无锡市,国家重点实验室,2024,4家,无锡市科技局,,\n"
                              "# a comment line keeps the numbering\n"
                              "无锡市,国家重点实验室,2024,四家左右吧,无锡市科技局,,\n"
                              "火星,地区生产总值,2024,1亿元,x,,\n"
                              "鼓楼区,地区生产总值,2024,1亿元,x,,\n"
                              "无锡市,地区生产总值,24年,1亿元,x,,\n"
                              "无锡市,地区生产总值,2024,1亿元,x,2024-13-01,\n"
                              "无锡市,地区生产总值,2024,1亿元,,,\n"
                              "无锡市,地区生产总值,2024,1亿元\n"
                              "无锡市,地区生产总值,2024,第2位,x,,\n")
    lines = {line: message for line, level, message in found if level == "error"}
    assert sorted(lines) == [4, 5, 6, 7, 8, 9, 10, 11]
    assert "text after the figure" in lines[4] and "gazetteer" in lines[5]
    assert "ambiguous" in lines[6] and "320106" in lines[6]
    assert "2021-2025" in lines[7] and "YYYY-MM-DD" in lines[8] and "source" in lines[9]
    assert "expected 7 fields, got 4" in lines[10] and "rank" in lines[11]


def test_header_and_toml_problems():
    assert problems("region,metric,value,source,colour\n") == [
        (1, "error", "未知的列 (unknown columns) colour；缺少的列 (missing columns) period; "
                     "可用的列 (columns): region, metric, period, value, source, date, note, kind")]
    [(line, _, message)] = problems('[[fact]]\nregion = "无锡市"\nvalue = 4\n[[fact]\n', "facts.toml")
    assert line == 4 and "invalid TOML" in message
    found = problems('[[fact]]\nregion = "无锡市"\nmetric = "国家重点实验室"\nperiod = "2024"\nvalue = 4\n'
                     'source = "x"\ncolour = "red"\n', "facts.toml")
    assert [line for line, _, _ in found] == [1, 1, 1]
    assert any("write the value with its unit" in m for _, _, m in found) and any("colour" in m for _, _, m in found)
    assert problems("region,metric\n", "facts.txt")[0][2].startswith("登记表应为 .csv 或 .toml")


def test_unknown_metric_is_a_warning_and_the_registry_is_used():
    loaded = registry(HEADER + "无锡市,雏鹰企业,2024,5961家,无锡市科技局,,\n")
    assert len(loaded.facts) == 1
    [warning] = loaded.warnings
    assert (warning.line, warning.level) == (2, "warning") and "雏鹰企业" in warning.message


def test_entries_that_contradict_each_other_are_paired():
    loaded = registry(HEADER + "无锡市,国家重点实验室,2024,累计4家,a,,\n"
                               "无锡市,国家重点实验室,2024,约4家,b,,\n"
                               "无锡市,国家重点实验室,2024,5家,c,,\n"
                               "无锡市,国家重点实验室,2023,5家,d,,\n"
                               "无锡市,国家重点实验室,2024,新增1家,e,,\n")
    # a stock and a flow never contradict each other; an unstated aspect goes with either
    assert [(a.line, b.line) for a, b in loaded.conflicts()] == [(2, 4), (3, 4), (3, 6), (4, 6)]


def test_unreadable_and_undecodable_files(tmp_path):
    bad = tmp_path / "facts.csv"
    bad.write_bytes(HEADER.encode("gb18030") + "无锡市,国家重点实验室,2024,4家,科技局,,\n".encode("gb18030"))
    with pytest.raises(DeclarationError) as caught:
        read_files([bad, tmp_path / "missing.csv"])
    assert [p.message.split(" (")[0] for p in caught.value.problems] == ["不是 UTF-8 文本", "无法读取"]


RULES = '''[[rule]]
id = "unemployment-plausible"
type = "bounds"
metric = "城镇调查失业率"
min = "2%"
max = "10%"

[[rule]]
id = "gdp-three-sectors"
type = "sum"
total = "GDP"
parts = ["第一产业增加值", "第二产业增加值", "第三产业增加值"]
tolerance = "0.1%"
'''


def test_rule_files_read_every_type():
    rules = parse_rule_files((("rules.toml", RULES + open(EXAMPLES / "rules.toml", encoding="utf-8").read()
                               .replace('"unemployment-plausible"', '"unemployment-2"')
                               .replace('"gdp-three-sectors"', '"sectors-2"')),))
    assert {r.type_name for r in rules.rules} == {"bounds", "sum", "ratio", "order"}
    bounds, total = rules.rules[:2]
    assert (bounds.line, bounds.kind, bounds.unit, bounds.low.quantity.value) == (1, "actual", ("%", "percent"), 2)
    assert (total.line, total.total, total.relative) == (8, "地区生产总值", Decimal("0.001"))  # the alias, canonical
    assert 12 in {w.line for w in rules.warnings}  # 第一产业增加值 … are no names of rules/metrics.toml


def test_rule_file_errors_name_the_line_of_the_key():
    text = RULES + '''
[[rule]]
id = "typo"
type = "bound"

[[rule]]
id = "bad-value"
type = "bounds"
metric = "城镇调查失业率"
min = "很低"
max = "10%"
colour = "red"

[[rule]]
id = "unemployment-plausible"
type = "order"
descending = ["城镇居民人均可支配收入"]
message = "{region}{metric} {value.__class__}"
severity = "fatal"
'''
    found = problems(text, "rules.toml", parse_rule_files)
    errors = [(line, message) for line, level, message in found if level == "error"]
    assert [line for line, _ in errors] == [17, 25, 23, 32, 31, 30]
    messages = dict(errors)
    assert "unknown rule type) 'bound'" in messages[17] and "bounds, sum, ratio, order" in messages[17]
    assert "colour" in messages[25] and "一个数字" in messages[23]
    assert "severity" in messages[32] and "{value.__class__}" in messages[31] and "at least 2" in messages[30]
    duplicate = text.replace('message = "{region}{metric} {value.__class__}"\nseverity = "fatal"\n', "").replace(
        '["城镇居民人均可支配收入"]', '["城镇居民人均可支配收入", "农村居民人均可支配收入"]')
    found = problems(duplicate, "rules.toml", parse_rule_files)
    assert (27, "error") in [(line, level) for line, level, message in found if "duplicate rule id" in message]


def test_rule_type_values_are_validated():
    def first(table: str) -> str:
        found = problems(f'[[rule]]\nid = "r"\n{table}', "rules.toml", parse_rule_files)
        return next(message for _, level, message in found if level == "error")

    assert "below min" in first('type = "bounds"\nmin = "10%"\nmax = "2%"\n')
    assert "different units" in first('type = "bounds"\nmin = "2%"\nmax = "10亿元"\n')
    assert "min, max or both" in first('type = "bounds"\nmetric = "城镇调查失业率"\n')
    assert "among the parts" in first('type = "sum"\ntotal = "常住人口"\nparts = ["常住人口", "城镇常住人口"]\n')
    assert "plain non-negative" in first('type = "sum"\ntotal = "常住人口"\nparts = ["a", "b"]\ntolerance = "约1%"\n')
    assert "positive number" in first('type = "ratio"\nresult = "a"\nnumerator = "b"\ndenominator = "c"\nfactor = -1\n')
    assert "three different" in first('type = "ratio"\nresult = "a"\nnumerator = "a"\ndenominator = "c"\n')
    assert "unknown kind" in first('type = "order"\ndescending = ["a", "b"]\nkind = "level"\n')
    assert "expected an id" in problems('[[rule]]\nid = "has space"\ntype = "order"\ndescending = ["a", "b"]\n',
                                        "rules.toml", parse_rule_files)[0][2]


def test_examples_are_valid():
    facts = parse_registry(tuple(read_files([EXAMPLES / "facts.csv"])))
    rules = parse_rule_files(tuple(read_files([EXAMPLES / "rules.toml"])))
    assert len(facts.facts) >= 50 and not facts.conflicts()
    assert {r.type_name for r in rules.rules} == {"bounds", "sum", "ratio", "order"}


def test_config_names_registry_and_rule_files(tmp_path):
    (tmp_path / "newsroom").mkdir()
    (tmp_path / "newsroom" / "facts.csv").write_text(HEADER, encoding="utf-8")
    (tmp_path / "newsroom" / "rules.toml").write_text("", encoding="utf-8")
    config = tmp_path / "factcheck.toml"
    config.write_text('facts = ["newsroom/facts.csv"]\nrule-files = ["newsroom/rules.toml"]\n', encoding="utf-8")
    loaded = load_config(config)
    assert loaded.facts == (str(tmp_path / "newsroom" / "facts.csv"),)
    assert loaded.rule_files == (str(tmp_path / "newsroom" / "rules.toml"),)
    for text, why in (('facts = ["newsroom/missing.csv"]\n', "no such file"),
                      ('rule-files = ["newsroom/facts.csv"]\n', "expected a .toml file"),
                      ("facts = 3\n", "expected a list of strings")):
        config.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match="factcheck.toml") as caught:
            load_config(config)
        assert why in str(caught.value)


def test_sample_config_lists_as_schema_factcheck_facts():
    import json

    import jsonschema
    from clirun import run

    done = run("facts", "--config", EXAMPLES / "factcheck.toml", "--format", "json")
    assert done.returncode == 0 and not done.stderr  # its metric names are declared: no warning
    listed = json.loads(done.stdout)
    jsonschema.validate(listed, json.loads((ROOT / "docs" / "schema" / "factcheck-facts-1.json").read_text("utf-8")))
    assert len(listed["facts"]) == 53 and len(listed["rules"]) == 9 and not listed["conflicts"]
