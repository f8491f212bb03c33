"""FC2 on the seeds: their parts, totals, shares and 分别 lists hold, and a figure changed in a copy is caught
at the edited line."""

from pathlib import Path

import pytest
from planting import copy_seeds, plant

from factcheck.app.api import extract_paths
from factcheck.report.build import build_report

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PROJECTS = "003_0bafd40c7c1bd641.txt"   # 新批亿元以上项目145个，项目总投资额1087亿元。其中，100亿元以上项目2个
WUXI = "001_ec323503e56e8838.txt"       # 雏鹰、瞪羚、准独角兽…分别达到5961家、3503家、322家
XISHAN = "000_4d17e7c81b8cc963.txt"     # 超10亿元产业项目20个以上，其中超50亿元项目2个以上


def findings(seeds: Path, code: str, name: str):
    report = build_report(extract_paths([str(seeds)]), select=[code])
    return [f for f in report.findings if f.rule == code and f.place.location.path.endswith(name)]


def test_seeds_raise_no_part_or_total_findings():
    report = build_report(extract_paths([str(SEEDS)]), select=["FC2"])
    assert not [(f.rule, f.message) for f in report.findings if f.severity in ("error", "warning")]


@pytest.mark.parametrize("code, name, old, new, line, words", [
    ("FC201", PROJECTS, "2个", "200个", 106, ("145个", "200个")),
    ("FC201", WUXI, "其中6家", "其中66家", 23, ("60家", "66家")),
    ("FC204", PROJECTS, "1087亿元", "108亿元", 104, ("108亿元", "145个")),
    ("FC203", WUXI, "53.1%", "153.1%", 60, ("153.1%",)),
    ("FC205", WUXI, "5961家、3503家、322家", "5961家、3503家", 76, ("5961家、3503家",)),
])
def test_planted_edit_is_caught_at_the_edited_line(tmp_path, code, name, old, new, line, words):
    seeds = copy_seeds(tmp_path)
    plant(seeds / name, old, new, line)
    found = findings(seeds, code, name)
    assert any(f.place.location.line == line and all(w in f.message for w in words) for f in found), \
        [(f.place.location.line, f.message) for f in found]


def test_planted_parts_adding_up_to_more_than_their_total(tmp_path):
    seeds = copy_seeds(tmp_path)
    plant(seeds / XISHAN, "其中超50亿元项目2个以上。",
          "其中超50亿元项目2个以上。全年新开工项目45个，其中制造业项目30个、服务业项目19个。", 59)
    found = findings(seeds, "FC202", XISHAN)
    assert any(f.place.location.line == 59 and "45个" in f.message and f.severity == "warning" for f in found)


def test_planted_subtotal_that_does_not_add_up(tmp_path):
    seeds = copy_seeds(tmp_path)
    plant(seeds / PROJECTS, "17个计划竣工项目全部竣工。",
          "17个计划竣工项目全部竣工，其中工业项目9个，服务业项目6个，合计16个。", 108)
    found = findings(seeds, "FC202", PROJECTS)
    assert any(f.place.location.line == 108 and f.severity == "error" and "16个" in f.message for f in found)


def test_the_seed_threshold_counts_hold_and_a_raised_tier_does_not(tmp_path):
    seeds = copy_seeds(tmp_path)
    plant(seeds / PROJECTS, "2个", "11个", 106)  # 11×100亿 + 134×1亿 = 1234亿 > 1087亿; 11 ≤ 145 still holds
    assert not findings(seeds, "FC201", PROJECTS)
    found = findings(seeds, "FC204", PROJECTS)
    assert any(f.place.location.line == 104 and "1087亿元" in f.message for f in found)
