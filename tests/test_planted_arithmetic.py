"""FC3 on the seeds: their arithmetic holds (4030 → 7341 verifies 净增超3000), implied wholes are shown as
info, and a figure changed in a copy is caught at the edited line by the check that owns it."""

from pathlib import Path

import pytest
from planting import copy_seeds, plant

from factcheck.app.api import extract_paths
from factcheck.report.build import build_report

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HIGH_TECH = "001_ec323503e56e8838.txt"   # line 75: 从2020年的4030家增至2024年的7341家，净增超3000家
XISHAN = "000_4d17e7c81b8cc963.txt"      # line 45: 高新技术产业产值占比达59.6%、较上年提高2.7个百分点
LIGHTHOUSE = "002_0e9245cded2b0f09.txt"  # line 75: 拥有全球“灯塔工厂”6家，占全国八分之一
PROJECTS = "003_0bafd40c7c1bd641.txt"    # line 195: 4个项目入围，立项数占无锡市 66.67%、江苏省 50%


def fc3(paths) -> list:
    report = build_report(extract_paths([str(p) for p in paths]), select=["FC3"])
    return list(report.findings)


def at(findings, rule: str, seed: str, line: int) -> list:
    return [f for f in findings if f.rule == rule and f.place.location.path.endswith(seed)
            and f.place.location.line == line]


def test_unchanged_seeds_raise_no_fc3_error_or_warning():
    findings = fc3([SEEDS])
    assert not [f for f in findings if f.severity in ("error", "warning")]
    assert not at(findings, "FC301", HIGH_TECH, 75)


def test_unchanged_seeds_show_implied_wholes_as_info():
    findings = fc3([SEEDS])
    projects = at(findings, "FC304", PROJECTS, 195)
    assert len(projects) == 2 and all(f.severity == "info" for f in projects)
    assert any("无锡市" in f.message and "6个" in f.message for f in projects)
    assert any("江苏省" in f.message and "8个" in f.message for f in projects)
    lighthouse = at(findings, "FC304", LIGHTHOUSE, 75)
    assert lighthouse and "48家" in lighthouse[0].message and lighthouse[0].severity == "info"


@pytest.mark.parametrize("seed, line, old, new, rule, severity", [
    (HIGH_TECH, 75, "净增超3000家", "净增超4000家", "FC301", "error"),
    (HIGH_TECH, 75, "增至2024年的7341家", "增至2024年的3741家", "FC301", "error"),
    (HIGH_TECH, 75, "净增超3000家", "增长超90%", "FC302", "error"),
    (HIGH_TECH, 75, "净增超3000家", "年均增长20%", "FC305", "warning"),
    (XISHAN, 45, "占比达59.6%、较上年提高2.7个百分点", "占比由56.9%提高到59.6%、提高3.7个百分点", "FC303", "error"),
    (LIGHTHOUSE, 75, "拥有全球“灯塔工厂”6家，占全国八分之一", "全国共有全球“灯塔工厂”40家，其中苏州6家，占比八分之一",
     "FC304", "error"),
])
def test_planted_edit_is_caught_at_the_edited_line(tmp_path, seed, line, old, new, rule, severity):
    seeds = copy_seeds(tmp_path)
    plant(seeds / seed, old, new, line)
    found = at(fc3([seeds]), rule, seed, line)
    assert found, f"{rule} missed the planted edit {new}"
    assert any(f.severity == severity for f in found)


@pytest.mark.parametrize("seed, line, old, new", [
    (HIGH_TECH, 75, "净增超3000家", "增长超80%"),          # 7341/4030 − 1 = 82.2%
    (HIGH_TECH, 75, "净增超3000家", "年均增长16.2%"),      # (7341/4030)^(1/4) − 1 = 16.2%
    (XISHAN, 45, "占比达59.6%、较上年提高2.7个百分点", "占比由56.9%提高到59.6%、提高2.7个百分点"),
    (LIGHTHOUSE, 75, "拥有全球“灯塔工厂”6家，占全国八分之一", "全国共有全球“灯塔工厂”48家，其中苏州6家，占比八分之一"),
])
def test_planted_arithmetic_that_holds_raises_nothing(tmp_path, seed, line, old, new):
    seeds = copy_seeds(tmp_path)
    plant(seeds / seed, old, new, line)
    assert not [f for f in fc3([seeds]) if f.severity in ("error", "warning")]
