"""FC6 on the seeds: every announced count there is borne out by its list (“八个一” has eight items, “三单一图”
four, 三个工作重点方向 three sections, “六新” six), and an item dropped or a count changed in a copy is caught
at the edited line."""

from pathlib import Path

import pytest
from planting import copy_seeds, plant

from factcheck.app.api import extract_paths
from factcheck.report.build import build_report

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
XISHAN = "000_4d17e7c81b8cc963.txt"    # line 45: 锡山区确立了三个工作重点方向。 then three ## sections
SUZHOU = "002_0e9245cded2b0f09.txt"    # lines 21-23: “八个一”工作机制（…）, “三单一图”（…）
WUXI_HT = "003_0bafd40c7c1bd641.txt"   # line 169: “八个一”，即…; line 165: 以…为代表的5个主导型未来产业
HIGH_NEW = "004_2866834a70edf2cd.txt"  # line 53: …、新生态植根“六新”工程


def fc6(paths) -> list:
    report = build_report(extract_paths([str(p) for p in paths]), select=["FC6"])
    return list(report.findings)


def test_unchanged_seeds_raise_nothing_from_fc6():
    assert fc6([SEEDS]) == []


@pytest.mark.parametrize("seed, line, old, new, severity, words", [
    (SUZHOU, 21, "一项行动计划、", "", "error", ("“八个一”工作机制", "8项", "7项")),
    (SUZHOU, 21, "“八个一”", "“九个一”", "error", ("9项", "8项")),
    (SUZHOU, 23, "重点产品清单、", "", "error", ("“三单一图”", "4项", "3项")),
    (XISHAN, 45, "确立了三个工作重点方向", "确立了四个工作重点方向", "warning", ("四个工作重点方向", "4个", "共3个")),
    (WUXI_HT, 169, "一份产业研", "一份产业研究报告、一份产业研", "warning", ("“八个一”", "9项")),
    (WUXI_HT, 165, "代表的5个主导型", "代表的3个主导型", "warning", ("3", "5项")),
    (HIGH_NEW, 53, "新物种培育、", "", "warning", ("“六新”", "6项", "5项")),
])
def test_planted_mismatch_is_caught_at_the_edited_line(tmp_path, seed, line, old, new, severity, words):
    seeds = copy_seeds(tmp_path)
    plant(seeds / seed, old, new, line)
    found = [f for f in fc6([seeds / seed]) if f.rule == "FC601"]
    assert len(found) == 1, [f.message for f in found]
    finding = found[0]
    assert finding.place.location.line == line and finding.severity == severity
    assert all(word in finding.message for word in words), finding.message


def test_three_sections_announced_as_three_hold_but_a_fourth_heading_breaks_them(tmp_path):
    seeds = copy_seeds(tmp_path)
    path = seeds / XISHAN
    path.write_text(path.read_text(encoding="utf-8") + "\n\n## 集中精力抓民生,办好民生实事\n\n持续增进民生福祉。\n",
                    encoding="utf-8")
    found = fc6([path])
    assert [f.place.location.line for f in found] == [45]
    assert "共4个" in found[0].message and found[0].related[-1].excerpt.startswith("## 集中精力抓民生")
