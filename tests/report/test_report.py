"""The report: builds for every fixture, parses, traces every id and source, and says the table's numbers."""

from __future__ import annotations

import datetime as dt
import math
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import html5lib
import pytest
from helpers import load_doc

import ledger
from ledger import STATUSES, build_report, load
from ledger.cli import main
from ledger.core.formats import SMALL_N
from ledger.core.vocabulary import NOT_DUE_WORDS, STATUS_MEANINGS, STATUS_WORDS
from ledger.report.build import ledger_title
from ledger.report.content import report_summary_rows
from ledger.report.page import SCRIPT
from ledger.report.style import STATUS_STYLES
from ledger.report.summary import SUMMARY_COLUMNS
from ledger.verdicts.scales import POLITIFACT

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = [ROOT / "fixtures" / "russia-ukraine-2025.yaml", ROOT / "fixtures" / "examples"]
AS_OF = dt.date(2025, 10, 17)
_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b\d{{1,2}} (?:{_MONTH}) \d{{4}}\b")


def _pct(x) -> int:
    """Whole percent, halves up: the rounding docs/tutorial.md states, worked independently of the library."""
    return math.floor(float(x) * 100 + 0.5)


class _Links(HTMLParser):
    """Collects hrefs and ids with Python's own HTML parser."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = set(), Counter()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.add(attrs["href"])
        if attrs.get("id"):
            self.ids[attrs["id"]] += 1


@pytest.fixture(scope="module", params=FIXTURES, ids=lambda p: p.name)
def built(request):
    result = load(request.param)
    assert result.ok
    report = build_report(result.ledger, as_of=AS_OF, title=ledger_title([request.param]))
    return result.ledger, report, report.to_html(), report.to_markdown()


def test_html_parses_with_a_strict_html5_parser(built):
    """html5lib in strict mode raises on any parse error; the page has none."""
    _, _, page, _ = built
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def test_every_commitment_id_and_source_url_appears(built):
    """Every commitment id of the ledger is an anchor, and every source URL (commitments and events) a link."""
    led, _, page, markdown = built
    parser = _Links()
    parser.feed(page)
    for c in led.commitments:
        assert parser.ids[f"c-{c.id}"] == 1, c.id
        assert c.id in markdown
    urls = {s.url for c in led.commitments for s in c.sources} | {s.url for e in led.events for s in e.sources}
    assert urls and urls <= parser.hrefs, sorted(urls - parser.hrefs)[:3]
    for url in urls:
        assert url in markdown


def test_ids_are_unique_so_charts_do_not_clash(built):
    """No id appears twice in the page (chart glyph and clip ids are prefixed per chart)."""
    _, _, page, _ = built
    parser = _Links()
    parser.feed(page)
    assert [i for i, n in parser.ids.items() if n > 1] == []


def _without_own_script(page: str) -> str:
    """The page with its one inline script (the report's own, exactly) taken out."""
    own = f"<script>{SCRIPT}</script>"
    assert page.count(own) == 1
    return page.replace(own, "")


def test_self_contained(built):
    """Nothing is fetched: no script but the report's own inline one, no stylesheet link, image, font or frame."""
    _, _, page, _ = built
    lowered = _without_own_script(page).lower()
    for needle in ("<script", "<link", "<img", "@import", 'src="', "<iframe", "@font-face"):
        assert needle not in lowered, needle
    assert re.findall(r"url\((?!#)", lowered) == [], "only in-page references such as url(#pattern)"
    for needle in ("fetch(", "xmlhttprequest", "import(", "websocket", "http", "src", "eval(", "innerhtml"):
        assert needle not in SCRIPT.lower(), needle


def _row(report, headline):
    if headline.source == "overall":
        return report.overall.iloc[0]
    if headline.source == "by_group":
        return report.by_group.set_index(report.by).loc[headline.key]
    raise AssertionError(headline.source)


def test_headline_numbers_equal_the_statistics_table(built):
    """Each number a headline states is the number in its table row; the sentence states no other number."""
    _, report, _, _ = built
    assert report.headlines
    for headline in report.headlines:
        if headline.source == "chains":
            chains = report.chains
            reset = chains[chains["resets"] > 0]
            expected = {"resets": int(reset["resets"].sum()), "n_chains": len(reset)}
            if headline.key is not None:
                row = chains.set_index("chain_id").loc[headline.key]
                expected["chain_resets"] = int(row["resets"])
                assert int(row["resets"]) == int(reset["resets"].max())
                if "total_slip_days" in headline.values:
                    expected["total_slip_days"] = int(row["total_slip_days"])
                if "n_tied" in headline.values:
                    expected["n_tied"] = int((reset["resets"] == row["resets"]).sum())
            assert headline.values == expected, headline.text
        else:
            row = _row(report, headline)
            for name, value in headline.values.items():
                if name in ("kept_rate", "kept_ci_low", "kept_ci_high"):
                    assert value == _pct(row[name]), (name, headline.text)
                else:
                    assert value == int(row[name]), (name, headline.text)
        # dates and quoted deadline phrases ("within 30 days") are not statistics
        words = re.sub(r"“[^”]*”", "", _DATE.sub("", headline.text)).replace("95% interval", "").replace("none", "0")
        if headline.key and headline.source == "by_group":
            words = words.replace(headline.key, "")
        stated = Counter(int(x) for x in re.findall(r"\d+", words))
        assert stated == Counter(headline.values.values()), headline.text


def test_small_numbers_are_said_as_counts(built):
    """Below SMALL_N due, a sentence gives counts and the interval, never a point percentage; from SMALL_N on, both."""
    _, report, _, _ = built
    for headline in report.headlines:
        if "n_due" not in headline.values:
            continue
        if headline.values["n_due"] < SMALL_N:
            assert "kept_rate" not in headline.values
            assert "interval for the on-time rate" in headline.text
        else:
            assert f"({headline.values['kept_rate']}%; 95% interval" in headline.text


def test_markdown_holds_the_same_numbers(built):
    """The Markdown has every headline and every count of the statistics table, row by row."""
    _, report, _, markdown = built
    plain = markdown.replace("\\", "")
    for headline in report.headlines:
        assert headline.text in plain
    lines = {line.split("|")[1].strip().strip("*"): line for line in markdown.splitlines() if line.startswith("| ")}
    for _, row in report.by_group.iterrows():
        cells = [c.strip() for c in lines[str(row[report.by])].split("|")[2:-1]]
        assert cells[:2] == [str(int(row["n"])), str(int(row["n_due"]))]
        assert cells[2 : 2 + len(STATUSES)] == [str(int(row[f"n_{s}"])) for s in STATUSES]


def test_report_is_deterministic():
    """The same ledger and date give the same bytes (fixed SVG hash salt, no dates in metadata)."""
    led = load(FIXTURES[1]).ledger
    first = build_report(led, as_of=AS_OF).to_html()
    assert first == build_report(led, as_of=AS_OF).to_html()
    assert "<dc:date>" not in first and "Matplotlib v" not in first


def test_data_is_escaped():
    """Titles, names and notes from data are escaped in HTML and Markdown."""
    result = load_doc(
        """
        commitments:
          - id: x1
            actor: <script>alert(1)</script>
            stated_on: 2025-01-01
            text: Ship & <b>bold</b> | pipe *star*
            deadline: in two weeks
            sources: [{url: "https://example.org/a?x=1&y=<2>", title: "</a><script>"}]
            events:
              - {on: 2025-01-05, type: fulfilled, note: "<img src=x onerror=alert(1)>"}
        """
    )
    assert result.ok, result.errors
    report = build_report(result.ledger, as_of=dt.date(2025, 3, 1), title="<i>T</i>")
    page = report.to_html()
    html5lib.HTMLParser(strict=True).parse(page)
    page = _without_own_script(page)
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<b>bold" not in page
    assert "&lt;script&gt;" in page and "&lt;i&gt;T&lt;/i&gt;" in page
    markdown = report.to_markdown()
    assert "<script" not in markdown and "<img" not in markdown and "\\| pipe \\*star\\*" in markdown


def test_report_before_anything_was_said():
    """As of a date before every commitment, the report still builds and says so."""
    report = build_report(load(FIXTURES[1]).ledger, as_of=dt.date(2020, 1, 1))
    page = report.to_html()
    html5lib.HTMLParser(strict=True).parse(page)
    assert len(report.verdicts) == 0 and len(report.not_counted) == len(load(FIXTURES[1]).ledger)
    assert report.to_markdown()


def _docs_status_table() -> dict[str, str]:
    """docs/statistics.md's table of statuses: {status: meaning}."""
    text = (ROOT / "docs" / "statistics.md").read_text(encoding="utf-8")
    table = text[text.index("| status | meaning |") :].split("\n\n")[0]
    return dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", table, re.M))


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_has_words_a_look_a_rating_and_a_docs_line(status):
    """Each status has its words (label, meaning, verbs), a colour, marker, hatch and symbol, a rating, a docs line."""
    words = STATUS_WORDS[status]
    assert words.label == status and words.meaning and words.one and words.many
    style = STATUS_STYLES[status]
    assert re.fullmatch(r"#[0-9A-Fa-f]{6}", style.colour) and style.marker and style.fill and style.symbol
    assert (style.label, style.meaning) == (words.label, words.meaning)
    assert status in POLITIFACT
    assert _docs_status_table()[status] == STATUS_MEANINGS[status] == words.meaning
    assert f"n_{status}" in dict(SUMMARY_COLUMNS)


def test_status_sets_are_closed():
    """The words, the looks and the docs table list exactly STATUSES, in order; no two statuses look alike."""
    assert tuple(STATUS_WORDS) == tuple(STATUS_STYLES) == tuple(STATUS_MEANINGS) == STATUSES
    assert tuple(_docs_status_table()) == STATUSES
    assert set(NOT_DUE_WORDS) < set(STATUSES)
    looks = {(s.marker, s.fill) for s in STATUS_STYLES.values()}
    assert len(looks) == len(STATUSES), "two statuses would look alike in grey print"
    assert len({s.colour for s in STATUS_STYLES.values()}) == len(STATUSES)


def test_methods_name_dates_policy_hash_and_version():
    """The methods box is generated from the data: as-of, known-as-of, policy values, exclusions, hash, version."""
    led = load(FIXTURES[0]).ledger
    report = build_report(led, as_of=AS_OF, known_as_of=dt.date(2025, 10, 1))
    page = report.to_html()
    for needle in (
        "17 October 2025",
        "1 October 2025",
        "hedge_factor=1.5",
        ledger.ledger_hash(led),
        f"ledger {ledger.__version__}",
        "stated after 17 October 2025",
        "Wilson",
    ):
        assert needle in page, needle


def test_repr_and_notebook_html():
    """Report, Ledger and LoadResult show short reprs and parseable notebook HTML; errors as a table."""
    result = load(FIXTURES[1])
    report = build_report(result.ledger, as_of=AS_OF)
    assert repr(report).startswith("<Report ") and len(repr(report)) < 200
    for obj in (report, result.ledger, result):
        html5lib.HTMLParser(strict=True).parseFragment(obj._repr_html_())
    bad = load(ROOT / "tests" / "invalid" / "bad_date.yaml")
    cell = bad._repr_html_()
    assert "bad_date" in cell and "<table>" in cell


def test_due_window_html():
    """due_window_html shows the phrase, dates, rule and explanation, escaped."""
    from ledger.core.notebook import due_window_html

    window = ledger.parse_deadline("two weeks or so", dt.date(2025, 10, 16))
    cell = due_window_html(window)
    html5lib.HTMLParser(strict=True).parseFragment(cell)
    assert "6 Nov 2025" in cell and window.rule in cell and "“two weeks or so”" in cell


def test_cli_report_in_process(tmp_path, capsys):
    """`ledger report` writes HTML (and Markdown by suffix) and exits 0."""
    out = tmp_path / "report.html"
    assert main(["report", str(FIXTURES[0]), "--as-of", "2025-10-17", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "US–Russia–Ukraine deadlines, 2025" in page
    md = tmp_path / "report.md"
    assert main(["report", str(FIXTURES[1]), "--as-of", "2025-10-17", "--by", "topic", "-o", str(md)]) == 0
    assert md.read_text(encoding="utf-8").startswith("# ")
    assert main(["report", str(ROOT / "tests" / "invalid" / "bad_date.yaml"), "--as-of", "2025-10-17"]) == 1


def test_cli_report_subprocess():
    """`python -m ledger report --format md` prints Markdown to stdout."""
    completed = subprocess.run(
        [sys.executable, "-m", "ledger", "report", str(FIXTURES[1]), "--as-of", "2025-10-17", "--format", "md"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr
    assert "## Key findings" in completed.stdout and "bridge-reopening" in completed.stdout


def test_summary_table_rows_for_a_column_that_is_not_text():
    """Grouped by a flag (vague), the summary table still has a row per group, then 'All'."""
    led = load(FIXTURES[0]).ledger
    report = ledger.summarize(ledger.evaluate(led, as_of=AS_OF), by="vague", ledger=led)
    rows = report_summary_rows(report)
    assert [row.label for row in rows] == ["False", "True", "All"]
    assert sum(row.counts["n"] for row in rows[:-1]) == rows[-1].counts["n"] == len(report.verdicts)
    assert '<th scope="row">True</th>' in report.to_html(charts=False)


def _css_selectors(css: str) -> list[str]:
    """Every selector of a stylesheet, outside at-rule headers, split on commas (a small independent CSS reader)."""
    selectors = []
    for prelude in re.findall(r"([^{}]+)\{[^{}]*\}", css):
        prelude = prelude.strip()
        if prelude.startswith("@"):
            continue
        selectors += [s.strip() for s in prelude.split(",")]
    return selectors


def test_fragment_is_scoped_self_contained_and_valid():
    """--fragment: no html/head/body, every CSS selector under .ledger-report (no @page), nothing fetched, valid."""
    report = build_report(load(FIXTURES[1]).ledger, as_of=AS_OF)
    fragment = report.to_html(fragment=True)
    html5lib.HTMLParser(strict=True).parseFragment(fragment)
    lowered = fragment.lower()
    assert re.findall(r"<(?:html|head|body)\b", lowered) == [] and "@page" not in lowered
    styles = re.findall(r"<style[^>]*>(.*?)</style>", fragment, re.S)
    assert len(styles) == 1  # matplotlib's own global "* {stroke-linejoin}" rule is gone from the charts
    selectors = _css_selectors(re.sub(r"@media[^{]*\{", "", styles[0]))
    assert selectors and all(s == ".ledger-report" or s.startswith(".ledger-report ") for s in selectors)
    assert fragment.count('<div class="ledger-report">') == 1
    page = report.to_html()
    assert "@page" in page and fragment[fragment.index('<div class="ledger-report">') :] in page  # the same report
    assert fragment == build_report(load(FIXTURES[1]).ledger, as_of=AS_OF).to_html(fragment=True)


def test_every_commitment_has_a_section_with_window_record_chain_and_rule(built):
    """Each counted commitment's <article id=c-ID> holds its window, rule and record; a restated one, its chain."""
    led, report, page, _ = built
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    articles = {a.get("id"): a for a in tree.iter("article")}
    for _, v in report.verdicts.iterrows():
        article = articles[f"c-{v['id']}"]
        text = "".join(article.itertext())
        assert "Deadline" in text and "Rule:" in text and "Record" in text and str(v["status_rule"]) in text
        assert (article.get("data-actor"), article.get("data-status")) == (v["actor"], v["status"])
        chained = (report.verdicts["chain_id"] == v["chain_id"]).sum() > 1
        assert ("Chain of resets" in text) == chained
        record = [li for ol in article.iter("ol") if ol.get("class") == "record" for li in ol.iter("li")]
        days = [dt.datetime.strptime(li.find("b").text, "%d %b %Y").date() for li in record if li.find("b") is not None]
        assert days == sorted(days) and len(days) >= 1


def test_report_says_when_the_ledger_was_last_updated():
    """The header names the latest day recorded in the ledger (a commitment or event, recorded_on first)."""
    led = load(FIXTURES[0]).ledger
    latest = max([c.recorded_on or c.stated_on for c in led.commitments] + [e.recorded_on or e.on for e in led.events])
    report = build_report(led, as_of=AS_OF)
    from ledger.core.formats import long_date

    assert f"ledger last updated {long_date(latest)}".upper() in report.to_html(charts=False).upper()
    assert f"ledger last updated {long_date(latest)}" in report.to_markdown()


@pytest.mark.parametrize("status", STATUSES)
def test_scale_puts_the_rating_beside_each_status(status):
    """With scale='politifact', every badge of a status is followed by its PolitiFact rating, in HTML and Markdown."""
    report = build_report(load(FIXTURES[0]).ledger, as_of=AS_OF)
    page = report.to_html(charts=False, scale="politifact")
    badge = f'<span class="status s-{status}">'
    rated = re.findall(re.escape(badge) + r'.*?</span> \w+</span>( <span class="rating">([^<]+)</span>)?', page)
    assert rated and all(r[1] == POLITIFACT[status] for r in rated)
    assert 'class="rating"' not in report.to_html(charts=False)
    if (report.verdicts["status"] == status).any():
        assert f"**{status}** ({POLITIFACT[status]})" in report.to_markdown(scale="politifact")


def test_cli_report_fragment_and_scale(tmp_path, capsys):
    """`ledger report --fragment --scale politifact` writes the fragment with ratings; --fragment with md is refused."""
    out = tmp_path / "fragment.html"
    args = ["report", str(FIXTURES[1]), "--as-of", "2025-10-17", "--fragment", "--scale", "politifact", "-o", str(out)]
    assert main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<style>.ledger-report") and "Promise Kept" in text and "<!DOCTYPE" not in text
    assert main(["report", str(FIXTURES[1]), "--as-of", "2025-10-17", "--fragment", "-o", str(tmp_path / "r.md")]) == 2
    assert "--fragment" in capsys.readouterr().err
