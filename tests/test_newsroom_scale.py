"""FC8 at scale, on the corpus slice: the declarations reach the extraction workers and the claims cache, so a run
with --jobs 2, cold or warm, reports exactly what one process reports; FC801 and FC802 see one document."""

from factcheck.app.api import check_paths
from factcheck.checks.base import CheckContext
from factcheck.checks.declared_figures import ContradictsConfirmedFigure, OutOfBounds
from factcheck.checks.evidence.declarations import declaration_overrides
from factcheck.checks.selection import effective_settings
from factcheck.formatters.jsonfmt import render_report
from factcheck.report.build import build_report

# 江苏's 2024 GDP registered wrong on purpose (the report says 13.7万亿元) and its growth right; a bound on
# unemployment that 江苏's 4.5% breaks; an order the slice's income figures keep.
FACTS = ("facts.csv", "region,metric,period,value,source\n江苏省,地区生产总值,2024,14.2万亿元,test\n"
                      "江苏省,地区生产总值,2024,增长5.8%,test\n中国,城镇新增就业,2024,1256万人,test\n")
RULES = ("rules.toml", '[[rule]]\nid = "low-unemployment"\ntype = "bounds"\nmetric = "城镇调查失业率"\nmax = "4%"\n\n'
                       '[[rule]]\nid = "income-order"\ntype = "order"\n'
                       'descending = ["城镇居民人均可支配收入", "居民人均可支配收入", "农村居民人均可支配收入"]\n')
DECLARED = declaration_overrides({}, [FACTS], [RULES])


def test_declared_runs_give_the_same_report_with_jobs_2_and_through_the_cache(corpus_slice, slice_extraction,
                                                                              tmp_path):
    plain = build_report(slice_extraction, overrides=DECLARED)
    assert {f.rule for f in plain.findings} >= {"FC801", "FC802"} and plain.confirmed
    text = render_report(plain)
    assert render_report(check_paths([str(corpus_slice)], overrides=DECLARED, jobs=2)) == text
    cache = tmp_path / "cache"
    assert render_report(check_paths([str(corpus_slice)], overrides=DECLARED, jobs=2, cache_dir=cache)) == text
    assert render_report(check_paths([str(corpus_slice)], overrides=DECLARED, jobs=2, cache_dir=cache)) == text
    # the same cache without declarations: the shipped report, not the stored declared one
    assert render_report(check_paths([str(corpus_slice)], jobs=2, cache_dir=cache)) == render_report(
        build_report(slice_extraction))


def test_registry_and_bounds_checks_see_one_document(slice_extraction):
    settings = effective_settings(DECLARED)
    whole = CheckContext(slice_extraction.documents)
    for cls in (ContradictsConfirmedFigure, OutOfBounds):
        check = cls(settings[cls.code])
        together = sorted(map(repr, check.run(whole)))
        alone = sorted(repr(f) for doc in slice_extraction.documents for f in check.run(CheckContext((doc,))))
        assert together == alone and together, cls.code
