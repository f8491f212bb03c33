"""The HTML report (--format html, targets --format html): one self-contained page, escaped document text,
and its behaviour in a real headless Chromium (Debian's chromium, driven through playwright's Python API):
no console errors, the severity filter, a related-line link, untrusted markup shown as text, and the
timings on the 55-document corpus. Without a browser the browser tests skip, except under CI=true."""

from __future__ import annotations

import os
import re
import shutil
import time
from html import unescape
from pathlib import Path

import pytest
from clirun import ROOT, run

CORPUS = ROOT.parent / "shared" / "corpus"
HOSTILE = '全市拥有高新技术企业 13473 家。<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">\n'
CONFLICT = ("截至2024年底，无锡累计牵头建设国家重点实验室4家。\n",
            "截至2024年底，无锡累计牵头建设国家重点实验室5家。\n")


def _browser_path() -> str | None:
    for candidate in (os.environ.get("FACTCHECK_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, or a skip (a failure under CI=true, where .ci/run installs it)."""
    executable = _browser_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if executable is None or sync_playwright is None:
        missing = "chromium (apt-get install chromium)" if executable is None else "playwright (pip install playwright)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {missing} is not installed: the HTML report must be tested in a real browser")
        pytest.skip(f"{missing} is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "a.txt").write_text(CONFLICT[0], encoding="utf-8")
    (tmp_path / "b.txt").write_text(CONFLICT[1] + HOSTILE, encoding="utf-8")
    return tmp_path


def _report(folder: Path, *args) -> Path:
    out = folder / "report.html"
    result = run(folder, "--format", "html", "-o", out, "--no-cache", *args, cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return out


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    return page, problems, time.perf_counter() - started


def test_page_is_self_contained_and_escapes_the_documents(project):
    html = _report(project).read_text(encoding="utf-8")
    assert "<link" not in html and not re.search(r"""\s(?:src|href)=["']?(?:https?:|//)""", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in unescape(html)
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # the page's own script, nothing from the documents
    for heading in ("文档概览", "发现", "相互印证的数字", "原文"):
        assert heading in html


def test_in_a_browser_no_errors_filters_links_and_untrusted_text(browser, project):
    page, problems, _ = _open(browser, _report(project))
    try:
        assert problems == []
        # the document's markup is text: no script ran, no image element exists, the characters are shown
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("img").count() == 0
        page.locator("details.doc").nth(1).evaluate("d => d.open = true")
        assert "<img src=x onerror=" in page.inner_text("main")
        # the severity filter: unticking 提示 hides exactly the info findings
        info = page.locator("article.finding[data-sev=info]")
        others = page.locator("article.finding:not([data-sev=info])")
        assert info.count() >= 1 and others.count() >= 1
        page.uncheck("input[data-filter-severity][value=info]")
        assert all(not item.is_visible() for item in info.all())
        assert all(item.is_visible() for item in others.all())
        assert page.inner_text("#shown") == f"显示 {others.count()} / {info.count() + others.count()} 条"
        page.check("input[data-filter-severity][value=info]")
        assert all(item.is_visible() for item in info.all())
        # the conflict's related line is one click away, in the other document
        conflict = page.locator("article.finding[data-rule=FC101]")
        link = conflict.locator(".place.related a.to-line")
        target_id = link.get_attribute("href")[1:]
        assert link.inner_text().startswith("a.txt:1:")
        link.click()
        target = page.locator(f"[id='{target_id}']")
        assert target.is_visible() and target.locator("a.hit").count() >= 1
        box, height = target.bounding_box(), page.viewport_size["height"]
        assert 0 <= box["y"] and box["y"] + box["height"] <= height
        assert page.evaluate(f"document.getElementById('{target_id}').closest('details').open")
        main_doc = page.evaluate("document.querySelector('article.finding[data-rule=FC101] .loc a').hash")
        assert main_doc.split("-L")[0] != "#" + target_id.split("-L")[0]  # the other document, not the same one
        assert problems == []
        # and were markup ever to slip through, the page's policy runs no script but its own
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 3';"
                      " document.body.appendChild(s); }")
        assert page.evaluate("window.__pwned === undefined")
    finally:
        page.close()


def test_targets_page_lists_targets_and_links_their_sources(tmp_path, browser):
    (tmp_path / "hebei_2025.txt").write_text(
        "河北省2025年政府工作报告\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n", encoding="utf-8")
    (tmp_path / "hebei_2026.txt").write_text(
        "河北省2026年政府工作报告\n过去一年，全省地区生产总值增长5.4%。\n", encoding="utf-8")
    out = tmp_path / "targets.html"
    result = run("targets", tmp_path, "--format", "html", "-o", out, "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page, problems, _ = _open(browser, out)
    try:
        assert problems == []
        assert "目标完成情况" in page.inner_text("main") and page.locator("table.targets tr").count() >= 2
        link = page.locator("table.targets a.to-line").first
        target_id = link.get_attribute("href")[1:]
        link.click()
        assert page.locator(f"[id='{target_id}']").is_visible()
    finally:
        page.close()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not available")
def test_corpus_report_loads_under_2s_and_filters_under_200ms(browser, tmp_path):
    out = tmp_path / "corpus.html"
    result = run(ROOT / "seeds", CORPUS, "--format", "html", "-o", out, "--cache-dir", tmp_path / "cache", cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    page, problems, _ = _open(browser, out)
    try:
        assert problems == []
        loaded = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
        assert loaded < 2000, f"load took {loaded:.0f} ms"
        assert page.locator("details.doc").count() >= 50 and page.locator("article.finding").count() >= 100
        timed = """([selector, action]) => {
            const start = performance.now();
            const el = document.querySelector(selector);
            if (action === 'click') { el.click(); }
            else { el.value = action; el.dispatchEvent(new Event('input')); }
            void document.body.offsetHeight;  // the layout the change causes
            return performance.now() - start; }"""
        for step in (["input[value=info]", "click"], ["input[value=info]", "click"], ["#search", "江苏"],
                     ["#search", "地区生产总值 增长"], ["#search", ""]):
            elapsed = page.evaluate(timed, step)
            assert elapsed < 200, f"{step}: {elapsed:.0f} ms"
        page.select_option("#filter-rule", "FC403")
        assert page.locator("article.finding[data-rule=FC403]:not([hidden])").count() >= 1
        assert page.locator("article.finding:not([data-rule=FC403]):not([hidden])").count() == 0
    finally:
        page.close()
