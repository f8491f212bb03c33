"""FC5 on the seeds: unchanged they raise nothing; a planted edit raises the rule at the edited line."""

from pathlib import Path

from planting import at, copy_seeds, edit

from factcheck.app.api import extract_paths
from factcheck.report.build import build_report

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
JIANGSU_ARTICLE = "000_4d17e7c81b8cc963.txt"
WUXI = "001_ec323503e56e8838.txt"
JIANGSU_ZONES = "004_2866834a70edf2cd.txt"


def findings(folder: Path):
    return [f for f in build_report(extract_paths([str(folder)]), select=["FC5"]).findings]


def test_unchanged_seeds_raise_nothing(tmp_path):
    assert not findings(copy_seeds(tmp_path))


def test_coverage_with_fewer_clusters_than_cities(tmp_path):
    seeds = copy_seeds(tmp_path)
    edit(seeds / JIANGSU_ARTICLE, "国家先进制造业集群增至**14**个", "国家先进制造业集群增至**12**个")
    hits = at(findings(seeds), "FC502", JIANGSU_ARTICLE, 21)
    assert hits and "13个" in hits[0].message and "12个" in hits[0].message


def test_coverage_with_as_many_clusters_as_cities_holds(tmp_path):
    seeds = copy_seeds(tmp_path)
    edit(seeds / JIANGSU_ARTICLE, "国家先进制造业集群增至**14**个", "国家先进制造业集群增至**13**个")
    assert not findings(seeds)


def test_stated_number_of_cities_differs_from_gazetteer(tmp_path):
    seeds = copy_seeds(tmp_path)
    edit(seeds / JIANGSU_ZONES, "江苏省现建有18家国家高新区,实现设区市全覆盖", "江苏省国家高新区实现12个设区市全覆盖")
    found = [f for f in findings(seeds) if f.rule == "FC502"]
    assert found and "为13个" in found[0].message


def test_city_above_its_province(tmp_path):
    seeds = copy_seeds(tmp_path)
    lines = (seeds / JIANGSU_ZONES).read_text(encoding="utf-8").split("\n")
    lines[52] = "截至2024年底，江苏省有效期内高新技术企业7000家。"  # the province's figure, planted below Wuxi's 7341
    (seeds / JIANGSU_ZONES).write_text("\n".join(lines), encoding="utf-8")
    hits = at(findings(seeds), "FC501", WUXI, 21)
    assert hits and "7341家" in hits[0].message and "7000家" in hits[0].message


def test_province_above_its_city_is_fine(tmp_path):
    seeds = copy_seeds(tmp_path)
    lines = (seeds / JIANGSU_ZONES).read_text(encoding="utf-8").split("\n")
    lines[52] = "截至2024年底，江苏省有效期内高新技术企业57000家。"
    (seeds / JIANGSU_ZONES).write_text("\n".join(lines), encoding="utf-8")
    assert not [f for f in findings(seeds) if f.rule == "FC501"]
