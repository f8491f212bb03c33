"""Project config: found by walking up from the files, validated key by key, overridden by flags."""

import json

import pytest
from clirun import run

from factcheck.app.config import Config, ConfigError, discover, load_config

CONFLICT = ("截至2024年底，无锡累计牵头建设国家重点实验室4家。", "截至2024年底，无锡累计牵头建设国家重点实验室5家。")


def _project(tmp_path, config: str, name="factcheck.toml"):
    (tmp_path / name).write_text(config, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(CONFLICT[0], encoding="utf-8")
    (docs / "b.txt").write_text(CONFLICT[1], encoding="utf-8")
    return docs


def _rules(result):
    return json.loads(result.stdout)["summary"]["by_rule"]


def test_pyproject_table_is_found_from_a_nested_file_and_flags_override_it(tmp_path):
    docs = _project(tmp_path, '[project]\nname = "x"\n\n[tool.factcheck]\nignore = ["FC101"]\nfail-on = "never"\n',
                    "pyproject.toml")
    quiet = run(docs / "b.txt", docs / "a.txt", "--format", "json")
    assert quiet.returncode == 0 and "FC101" not in _rules(quiet)
    loud = run(docs, "--format", "json", "--select", "FC1", "--fail-on", "error",
               "--config", tmp_path / "pyproject.toml")
    assert "FC101" not in _rules(loud)  # the config's ignore still holds; --select does not undo it
    assert run(docs, "--fail-on", "error").returncode == 0  # ignore from config, fail-on from the flag
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "never"\n', encoding="utf-8")
    assert run(docs, "--fail-on", "error").returncode == 1


def test_unknown_keys_are_errors_that_name_the_key(tmp_path):
    docs = _project(tmp_path, 'selct = ["FC1"]\n')
    result = run(docs)
    assert result.returncode == 2 and "selct" in result.stderr
    (tmp_path / "factcheck.toml").write_text('[checks.FC403]\napprox_pointz = "0.3"\n', encoding="utf-8")
    result = run(docs, "--format", "json")
    assert result.returncode == 2 and "checks.FC403.approx_pointz" in result.stderr
    document = json.loads(result.stdout)  # the error is inside the JSON document too
    assert document["errors"] and "approx_pointz" in document["errors"][0]["message"]
    for bad, key in (('[checks.FC999]\nseverity = "error"\n', "FC999"), ('fail-on = "sometimes"\n', "fail-on"),
                     ('jobs = 0\n', "jobs"), ('[rules]\nmetrics = ["missing.toml"]\n', "rules.metrics"),
                     ('[checks.FC101]\nseverity = "fatal"\n', "severity")):
        (tmp_path / "factcheck.toml").write_text(bad, encoding="utf-8")
        with pytest.raises(ConfigError, match=key):
            load_config(tmp_path / "factcheck.toml")


def test_per_check_severity_override(tmp_path):
    docs = _project(tmp_path, '[checks.FC101]\nseverity = "info"\n')
    result = run(docs, "--format", "json")
    assert result.returncode == 0
    assert [f["severity"] for f in json.loads(result.stdout)["findings"]] == ["info"]
    assert run(docs, "--fail-on", "info").returncode == 1


def test_include_exclude_and_no_config(tmp_path):
    docs = _project(tmp_path, 'include = ["docs"]\nexclude = ["docs/b.txt"]\n')
    result = run("--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [d["path"].rsplit("/", 1)[-1] for d in json.loads(result.stdout)["documents"]] == ["a.txt"]
    (tmp_path / "factcheck.toml").unlink()
    assert discover([str(docs)]) == Config()
    no_paths = run(cwd=tmp_path)
    assert no_paths.returncode == 2 and "no PATH" in no_paths.stderr


def test_extra_rule_data_files_add_a_metric_alias_and_a_region(tmp_path):
    (tmp_path / "aliases.toml").write_text('[aliases]\n"高新技术企业" = ["高科技企业"]\n', encoding="utf-8")
    (tmp_path / "regions.csv").write_text("code,name,short,aliases,level,parent\nX320299,蠡湖新城,,,county,320200\n",
                                          encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text('[rules]\nmetrics = ["aliases.toml"]\nregions = ["regions.csv"]\n',
                                             encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("2024年，蠡湖新城拥有高科技企业120家。", encoding="utf-8")
    claims = json.loads(run("claims", "--format", "json", doc).stdout)["claims"]
    assert [(c["metric"], c["region"]) for c in claims] == [("高新技术企业", "蠡湖新城")]
    plain = json.loads(run("claims", "--format", "json", doc, "--config", tmp_path / "none.toml").stdout or "{}")
    assert plain == {}  # a --config that does not exist is a usage error, not a silent default
