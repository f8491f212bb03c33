"""FC1 on the seeds: their repeated figures agree, and a figure changed in one place is caught there."""

from pathlib import Path

from planting import copy_seeds, plant

from factcheck.app.api import extract_paths
from factcheck.report.build import build_report

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = "001_ec323503e56e8838.txt"


def test_seeds_repeated_figures_are_corroborated_not_flagged():
    report = build_report(extract_paths([str(SEEDS)]))
    assert not [f for f in report.findings if f.rule.startswith("FC1") and f.severity in ("error", "warning")]
    claims = {c.id: c for c in report.extraction.claims}
    corroborated = {(claims[g[0]].metric, claims[g[0]].text) for g in report.corroborated}
    assert {("全国重点实验室", "4家"), ("高新技术企业", "7341家"), ("雏鹰企业", "5961家"), ("瞪羚企业", "3503家"),
            ("准独角兽培育入库企业", "322家")} <= corroborated


def test_planted_second_statement_of_a_figure_is_caught_at_the_edited_line(tmp_path):
    seeds = copy_seeds(tmp_path)
    plant(seeds / SEED, "净增超3000家", "净增超3000家", 75)  # untouched anchor: the planted edit is on line 76
    plant(seeds / SEED, "5961家", "5691家", 76)
    report = build_report(extract_paths([str(seeds)]))
    found = [f for f in report.findings if f.rule == "FC101"]
    assert found, "FC101 missed a changed restatement"
    assert any(f.place.location.path.endswith(SEED) and f.place.location.line == 76 and "5691家" in f.message
               and "5961家" in f.message for f in found)


def test_planted_conflict_across_documents(tmp_path):
    seeds = copy_seeds(tmp_path)
    extra = seeds / "999_edited.txt"
    extra.write_text("截至2024年底，无锡高新技术企业数量达7431家。", encoding="utf-8")
    report = build_report(extract_paths([str(seeds)]))
    found = [f for f in report.findings if f.rule == "FC101" and f.place.location.path.endswith("999_edited.txt")]
    assert found and found[0].place.location.line == 1 and found[0].severity == "error"
    assert any(r.location.path.endswith(SEED) for r in found[0].related)


def test_planted_later_stock_below_the_seeds_is_caught_in_the_later_document(tmp_path):
    """Seed 001 dates its stocks by a data note (截至2024年底); a later piece giving a smaller 累计 figure for
    2025 is flagged there, and one giving a larger figure is not."""
    seeds = copy_seeds(tmp_path)
    later = seeds / "999_later.txt"
    later.write_text("截至2025年底，无锡累计牵头建设国家重点实验室3家。", encoding="utf-8")
    report = build_report(extract_paths([str(seeds)]))
    found = [f for f in report.findings if f.rule == "FC102"]
    assert [(Path(f.place.location.path).name, f.place.location.line) for f in found] == [("999_later.txt", 1)]
    assert "4家" in found[0].message and "3家" in found[0].message
    assert found[0].related[0].location.path.endswith(SEED) and found[0].severity == "warning"
    later.write_text("截至2025年底，无锡累计牵头建设国家重点实验室5家。", encoding="utf-8")
    assert not [f for f in build_report(extract_paths([str(seeds)])).findings if f.rule == "FC102"]
