"""The report in a real browser: Debian's Chromium, driven by Playwright, with the network closed.

Every page is served from memory through Playwright's router: the report's own
URL gets the HTML, any other request is recorded and refused, and the test fails
on it. Screenshots go to build/screenshots/ (git-ignored), named in the README.
Chromium comes from the OS packages (``apt-get install -y chromium``, as .ci/run
does); without it these tests fail, saying so, rather than skip.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ledger import build_report, load
from ledger.report.build import ledger_title

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "russia-ukraine-2025.yaml"
AS_OF = dt.date(2025, 10, 17)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "build" / "screenshots"
WIDTHS = (320, 390, 768, 1280)
REPORT_URL = "http://ledger.test/report.html"
HOST_URL = "http://ledger.test/host.html"
AGREED_URL = "http://ledger.test/agreed.html"
CODERS = [ROOT / "fixtures" / "agreement" / f"coder-{c}.yaml" for c in "ab"]
MIN_CHART_TEXT_PX = 11.0

HOST_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<style>body { font-family: serif; margin: 20px; } .story { max-width: 600px; }</style></head>
<body><header><h1>Newsroom</h1><nav><a href="#a">Home</a></nav></header>
<article class="story"><h2>A story</h2><p>Body text with <a href="#b">a link</a> and <b>bold</b>.</p>
<ul><li>one</li><li>two</li></ul><table><tr><th>h</th><td>cell</td></tr></table>
<figure><figcaption>caption</figcaption></figure><aside>aside</aside><section><h3>More</h3><p>text</p></section>
<form><label>field <input name="x"></label><select><option>o</option></select><button>go</button></form>
<div class="note">a note</div><div id="embed">EMBED</div><footer>page footer</footer></article></body></html>"""


@pytest.fixture(scope="module")
def pages():
    """The fixture's report as a page and as a fragment (with PolitiFact ratings), and the host page around it."""
    result = load(FIXTURE)
    report = build_report(result.ledger, as_of=AS_OF, title=ledger_title([FIXTURE]))
    fragment = report.to_html(scale="politifact", fragment=True)
    coder_a, coder_b = (load(path).ledger for path in CODERS)
    agreed = build_report(coder_a, as_of=dt.date(2025, 12, 19), second_coding=coder_b)
    return {
        REPORT_URL: report.to_html(scale="politifact"),
        AGREED_URL: agreed.to_html(),
        HOST_URL: HOST_PAGE.replace("EMBED", ""),
        HOST_URL + "?with-fragment": HOST_PAGE.replace("EMBED", fragment),
    }


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module, or None when it is not installed (each test then fails)."""
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if executable is None:
        yield None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page opened at a width, with what it logged and every request it tried to make besides its own URL."""

    def __init__(self, browser, pages, url: str, width: int, *, javascript: bool = True, height: int = 900):
        if browser is None:
            pytest.fail(f"Chromium is not installed at {CHROMIUM}: install it with `apt-get install -y chromium`")
        self.context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", lambda route: self._serve(route, pages))
        self.page.goto(url)

    def _serve(self, route, pages) -> None:
        url = route.request.url
        base = url.split("#")[0]
        if base in pages:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=pages[base])
        else:
            self.requests.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, pages):
    opened = []

    def open_page(url: str, width: int, **kwargs) -> Visit:
        v = Visit(browser, pages, url, width, **kwargs)
        opened.append(v)
        return v

    yield open_page
    for v in opened:
        v.close()


_CHART_TEXT = """() => Array.from(document.querySelectorAll("svg.chart"))
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => ({name: svg.getAttribute("class"), chart: svg.getAttribute("aria-labelledby").split(" ")[0],
                px: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * Number(svg.dataset.minTextPt)}))"""


@pytest.mark.parametrize("width", WIDTHS)
def test_page_fits_the_screen_offline_without_errors(visit, width):
    """No page-level horizontal scroll, no console error, no request but the page, chart text >= 11 CSS px."""
    v = visit(REPORT_URL, width)
    page = v.page
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    charts = page.evaluate(_CHART_TEXT)
    expected = "chart-narrow" if width < 760 else "chart-wide"
    # The timeline, the survival curve and follow-through over time, each in the size laid out for this width.
    names = sorted(chart["chart"].removesuffix(f"-{expected.removeprefix('chart-')}-title") for chart in charts)
    assert names == ["over-time", "survival", "timeline"], charts
    for chart in charts:
        assert expected in chart["name"]
        assert chart["px"] >= MIN_CHART_TEXT_PX, chart
    assert v.errors == [] and v.requests == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"report-{width}.png"))


@pytest.mark.parametrize("width", (320, 1280))
def test_report_with_a_second_coding_fits_the_screen(visit, width):
    """With the agreement section and its long table of disagreements: no sideways scroll, no error, text >= 11 px."""
    v = visit(AGREED_URL, width)
    page = v.page
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    assert page.evaluate("document.querySelectorAll('#agreement ~ div.scroll table tbody tr').length") >= 7
    charts = page.evaluate(_CHART_TEXT)
    assert any(chart["chart"].startswith("over-time-") for chart in charts), charts
    assert all(chart["px"] >= MIN_CHART_TEXT_PX for chart in charts), charts
    assert v.errors == [] and v.requests == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"report-agreement-{width}.png"), full_page=True)


def _visible_cards(page) -> list[dict]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("article.promise"))
          .filter(a => a.offsetParent !== null).map(a => ({id: a.id, ...a.dataset}))"""
    )


def test_filters_search_and_anchors(visit):
    """Actor, status and search narrow the sections and the table together; a link to #c-id opens its section."""
    v = visit(REPORT_URL, 390)
    page = v.page
    every = _visible_cards(page)
    assert len(every) == 25 and page.locator("form.controls").is_visible()
    page.select_option("select[name=actor]", "Vladimir Putin")
    shown = _visible_cards(page)
    assert 0 < len(shown) < len(every) and {c["actor"] for c in shown} == {"Vladimir Putin"}
    rows = page.evaluate("""() => Array.from(document.querySelectorAll("tr[data-for]"))
        .filter(r => r.offsetParent !== null).map(r => r.getAttribute("data-for"))""")
    assert sorted(rows) == sorted(c["id"] for c in shown)
    assert page.locator("form.controls output").inner_text() == f"Showing {len(shown)} of 25 commitments."
    page.select_option("select[name=status]", "lapsed")
    assert {(c["actor"], c["status"]) for c in _visible_cards(page)} == {("Vladimir Putin", "lapsed")}
    page.select_option("select[name=actor]", "")
    page.select_option("select[name=status]", "")
    page.fill("input[name=q]", "Easter truce")
    assert [c["id"] for c in _visible_cards(page)] == ["c-putin-easter-truce"]
    # A link to a commitment the filter hides clears the filter and opens it.
    page.evaluate("location.hash = '#c-trump-end-war-24-hours'")
    page.wait_for_function("document.querySelector('#c-trump-end-war-24-hours').offsetParent !== null")
    assert page.evaluate("document.querySelector(':target').id") == "c-trump-end-war-24-hours"
    top = page.evaluate("document.getElementById('c-trump-end-war-24-hours').getBoundingClientRect().top")
    assert abs(top) < 5
    assert v.errors == [] and v.requests == []


def test_anchor_opens_one_promise_with_its_window_record_chain_and_rule(visit):
    """Opening report.html#c-id scrolls to that commitment's section, which holds its window, record, chain, rule."""
    v = visit(REPORT_URL + "#c-trump-50-days", 1280)
    page = v.page
    section = page.locator("#c-trump-50-days")
    assert abs(section.evaluate("e => e.getBoundingClientRect().top")) < 5
    text = section.inner_text()
    for needle in ("Deadline", "Verdict", "Rule:", "Chain of resets", "Record", "Stalled"):
        assert needle in text, needle


def test_columns_sort(visit):
    """A click on a column header sorts the table by it, up then down; the 'All' row stays last."""
    v = visit(REPORT_URL, 1280)
    page = v.page
    said = "table.index thead th:nth-child(1) button"
    keys = (
        "() => Array.from(document.querySelectorAll('table.index tbody tr td:nth-child(1)')).map(c => c.dataset.sort)"
    )
    page.click(said)
    up = page.evaluate(keys)
    assert up == sorted(up)
    page.click(said)
    assert page.evaluate(keys) == sorted(up, reverse=True)
    page.click("table.summary thead th:nth-child(2) button")
    labels = page.evaluate(
        "() => Array.from(document.querySelectorAll('table.summary tbody tr')).map(r => r.cells[0].textContent)"
    )
    counts = page.evaluate(
        "() => Array.from(document.querySelectorAll('table.summary tbody tr')).map(r => +r.cells[1].textContent)"
    )
    assert labels[-1] == "All" and counts[:-1] == sorted(counts[:-1])


def test_whole_and_readable_without_javascript(visit):
    """With scripts off, every commitment shows, the controls stay hidden, and the page still fits a phone."""
    v = visit(REPORT_URL, 390, javascript=False)
    page = v.page
    assert len(_visible_cards(page)) == 25
    assert not page.locator("form.controls").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_print_shows_urls_and_the_wide_charts(visit):
    """In print, each external link's URL follows its text and the wide chart, scaled to a page, is the one shown."""
    v = visit(REPORT_URL, 1280)
    page = v.page
    page.emulate_media(media="print")
    after = page.evaluate(
        """() => { const a = document.querySelector("article.promise a[href^='http']");
                   return [a.href, getComputedStyle(a, '::after').content]; }"""
    )
    assert after[0] in after[1]
    assert page.evaluate(_CHART_TEXT)[0]["name"].endswith("chart-wide")
    # No chart cut across pages: figures do not break, and each chart is scaled to fit within one A4 page's height.
    figures = page.evaluate(
        """() => Array.from(document.querySelectorAll("figure")).map(f => [getComputedStyle(f).breakInside,
             Math.max(...Array.from(f.querySelectorAll("svg.chart")).map(s => s.getBoundingClientRect().height))])"""
    )
    a4_printable_px = (297 - 18 - 20) / 25.4 * 96
    assert figures and all(brk == "avoid" and 0 < height <= a4_printable_px for brk, height in figures), figures


_STYLES = """() => Array.from(document.querySelectorAll("body, body *"))
  .filter(e => !e.closest(".ledger-report") && e.tagName !== "STYLE" && e.tagName !== "SCRIPT")
  .map(e => { const s = getComputedStyle(e), holds = e.contains(document.getElementById("embed"));
              const out = {tag: e.tagName};
              for (const p of s) if (!(holds && SIZED.includes(p))) out[p] = s.getPropertyValue(p);
              return out; })"""
# An element that holds the embed grows with it: its used height (and what derives from it) may change.
_SIZED = ["height", "block-size", "perspective-origin", "transform-origin"]


def test_fragment_leaves_the_host_page_alone(visit):
    """Every host element's computed style is the same with the fragment embedded as without it; the fragment works."""
    plain = visit(HOST_URL, 1280)
    embedded = visit(HOST_URL + "?with-fragment", 1280)
    script = _STYLES.replace("SIZED", str(_SIZED))
    before, after = plain.page.evaluate(script), embedded.page.evaluate(script)
    assert len(before) == len(after) > 15
    for b, a in zip(before, after):
        differ = {p: (b[p], a.get(p)) for p in b if b[p] != a.get(p)}
        assert not differ, (b["tag"], differ)
    page = embedded.page
    assert page.locator(".ledger-report form.controls").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert embedded.errors == [] and embedded.requests == []
