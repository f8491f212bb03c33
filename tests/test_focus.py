"""Focus runs: the findings touching the focus files are exactly those of a full run, filtered."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from factcheck.app.api import check_paths
from factcheck.formatters.jsonfmt import finding_record
from factcheck.scale.focus import related_regions, touches

ROOT = Path(__file__).resolve().parent.parent
EXE = shutil.which("factcheck")
# FC101 also between figures dated only by their context (off by default): more cross-document material
LOUD = {"FC101": {"weak_evidence_severity": "warning"}}


def records(findings) -> list[dict]:
    return [finding_record(f) for f in findings]


def expected(full, focus: str):
    findings = [f for f in full.findings if touches(f, {focus})]
    ids = {c.id for d in full.extraction.documents if d.document.path == focus for c in d.claims}
    groups = [g for g in full.corroborated if ids.intersection(g)]
    return records(findings), groups


def test_focus_runs_match_a_full_run_filtered(corpus_slice, slice_cache):
    full = check_paths([str(corpus_slice)], jobs=2, cache_dir=slice_cache, overrides=LOUD)
    assert {f.rule for f in full.findings} >= {"FC101", "FC403", "FC404"}  # cross-document material
    paths = [d.document.path for d in full.extraction.documents]
    checked = 0
    for focus in paths:
        want, groups = expected(full, focus)
        got = check_paths([focus], references=[str(corpus_slice)], jobs=1, cache_dir=slice_cache, overrides=LOUD)
        assert records(got.findings) == want, focus
        assert list(got.corroborated) == groups, focus
        assert [d.document.path for d in got.extraction.documents] == [focus]
        checked += bool(want)
    assert checked >= 8


def test_an_edited_focus_file_is_the_only_one_extracted(corpus_slice, tmp_path, monkeypatch):
    corpus = shutil.copytree(corpus_slice, tmp_path / "corpus")
    cache_dir = tmp_path / "cache"
    check_paths([str(corpus)], jobs=2, cache_dir=cache_dir)
    edited = corpus / "provincial-gwr" / "jiangsu_2026_gwr.txt"
    text = edited.read_text(encoding="utf-8")
    assert "增至3022家" in text
    edited.write_text(text.replace("增至3022家", "增至3122家", 1), encoding="utf-8")  # now disagrees with a seed

    import factcheck.extract.claims

    extracted = []
    real = factcheck.extract.claims.extract_document

    def counting(path, *args, **kwargs):
        extracted.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(factcheck.extract.claims, "extract_document", counting)
    got = check_paths([str(edited)], references=[str(corpus)], jobs=1, cache_dir=cache_dir, overrides=LOUD)
    assert extracted == [str(edited)]
    monkeypatch.setattr(factcheck.extract.claims, "extract_document", real)
    full = check_paths([str(corpus)], jobs=2, cache_dir=tmp_path / "fresh", overrides=LOUD)
    want, groups = expected(full, str(edited))
    assert records(got.findings) == want and list(got.corroborated) == groups
    assert any(f.rule == "FC101" and "3122" in f.message for f in got.findings)


def test_a_focus_run_without_a_cache_gives_the_same_findings(tmp_path):
    seeds = shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "a.txt").write_text("截至2024年底，无锡累计牵头建设国家重点实验室5家。", encoding="utf-8")
    full = check_paths([str(tmp_path / "a.txt"), str(seeds)])
    got = check_paths([str(tmp_path / "a.txt")], references=[str(seeds)])
    want, _ = expected(full, str(tmp_path / "a.txt"))
    assert records(got.findings) == want and [f.rule for f in got.findings] == ["FC101"]


def test_related_regions_is_is_within_both_ways():
    from factcheck.extract.regions.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    regions = list(gazetteer)
    rng = random.Random(5)
    sample = [r for r in regions if r.level in ("country", "province", "zone") or r.same_as]
    sample += [r for r in regions if any(z.same_as == r.code for z in regions)]  # districts run with a zone
    sample += rng.sample(regions, 40)
    for region in sample:
        brute = {g.code for g in regions if gazetteer.is_within(g, region) or gazetteer.is_within(region, g)}
        assert related_regions(gazetteer, region) == brute, region.name


@pytest.mark.skipif(EXE is None, reason="factcheck is not installed as a console script")
def test_cli_focus_run(tmp_path):
    seeds = shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "a.txt").write_text("截至2024年底，无锡累计牵头建设国家重点实验室5家。", encoding="utf-8")
    result = subprocess.run([EXE, "--reference", "seeds", "a.txt", "--format", "json"], cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["documents"]] == ["a.txt"]
    assert [f["rule"] for f in report["findings"]] == ["FC101"]
    finding = report["findings"][0]
    assert {finding["location"]["path"][:5], finding["related"][0]["path"][:5]} == {"seeds", "a.txt"}
    assert seeds.is_dir() and (tmp_path / ".factcheck_cache" / "claims.sqlite3").is_file()
