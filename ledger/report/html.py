"""The report as one self-contained HTML page, and as a notebook cell.

Everything that comes from data passes through ``html.escape``; links are
written only for http(s) URLs. Charts are inline SVG; the CSS is inline; no
script, font or image is fetched.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from ledger.core.formats import long_date, plural, short_date
from ledger.core.vocabulary import STATUSES
from ledger.report.content import (
    CANDIDATE_REASON,
    NEEDS_READING_HEADING,
    NEEDS_READING_NOTE,
    commitment_entries,
    due_note,
    methods,
    report_summary_rows,
    unreadable_entries,
    verdict_text,
    window_text,
)
from ledger.report.style import STATUS_STYLES
from ledger.report.summary import SUMMARY_COLUMNS


def esc(value) -> str:
    """Text from data, escaped for HTML text and attribute values; '' for None.

    >>> esc('<b> & "x"')
    '&lt;b&gt; &amp; &quot;x&quot;'
    """
    return html.escape("" if value is None else str(value), quote=True)


def link(url: str | None, text: str | None = None) -> str:
    """An <a> for an http(s) URL (anything else is shown as text, never as a link).

    >>> link("https://www.example.org/a"), link("javascript:alert(1)", "x")
    ('<a href="https://www.example.org/a">example.org</a>', 'x')
    """
    if not url:
        return ""
    shown = text or domain(url)
    if urlsplit(url).scheme not in ("http", "https"):
        return esc(shown)
    return f'<a href="{esc(url)}">{esc(shown)}</a>'


def domain(url: str) -> str:
    """The site a URL is on, without 'www.'.

    >>> domain("https://www.example.org/a?b=1")
    'example.org'
    """
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def status_badge(status: str) -> str:
    """A status as a coloured badge: its symbol (hidden from screen readers) and its label.

    >>> status_badge("kept")
    '<span class="status s-kept"><span aria-hidden="true">●</span> kept</span>'
    """
    style = STATUS_STYLES[status]
    return (
        f'<span class="status s-{esc(status)}"><span aria-hidden="true">{esc(style.symbol)}</span> '
        f"{esc(style.label)}</span>"
    )


def _anchor(commitment_id: str) -> str:
    return f"c-{commitment_id}"


# One CSS rule a line, as the page ships it (some are longer than the code's lines).
_CSS = """
:root { --ink: #1a1a1a; --muted: #5b5b5b; --rule: #d9d9d9; --paper: #ffffff; --tint: #f5f3ee; }
* { box-sizing: border-box; }
html { background: var(--paper); }
body { margin: 0 auto; max-width: 1120px; padding: 32px 40px 64px; color: var(--ink);
  font: 16px/1.55 Georgia, "Iowan Old Style", "Source Serif Pro", "DejaVu Serif", serif; }
.sans, table, figcaption, .kicker, .dek, .meta, aside, nav, .status, footer {
  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
header { border-bottom: 3px solid var(--ink); padding-bottom: 14px; margin-bottom: 24px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0 0 6px; }
h1 { font-size: 36px; line-height: 1.15; margin: 0 0 10px; font-weight: 700; }
.dek { font-size: 16px; color: #333; margin: 0; }
h2 { font-size: 22px; margin: 40px 0 10px; padding-top: 8px; border-top: 1px solid var(--rule); }
h3 { font-family: "Helvetica Neue", Helvetica, Arial, "DejaVu Sans", sans-serif; font-size: 15px; margin: 22px 0 6px; }
.findings { list-style: none; margin: 0; padding: 0; }
.findings li { font-size: 19px; line-height: 1.5; padding: 12px 0 12px 18px; border-left: 4px solid var(--ink);
  margin-bottom: 12px; background: var(--tint); padding-right: 16px; }
.findings li:first-child { font-size: 22px; border-left-width: 6px; }
p.note { color: var(--muted); font-size: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; line-height: 1.4; }
th { text-align: left; font-weight: 600; border-bottom: 2px solid var(--ink); padding: 6px 8px; vertical-align: bottom; }
tbody th { font-weight: 600; border-bottom: 1px solid var(--rule); vertical-align: top; }
td { border-bottom: 1px solid var(--rule); padding: 6px 8px; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
td.zero { color: #b5b5b5; }
tr.group th { background: var(--tint); font-size: 14px; border-bottom: 1px solid var(--ink); padding-top: 10px; }
.commitments td:nth-child(1) { width: 10%; white-space: nowrap; }
.commitments td:nth-child(2) { width: 25%; }
.commitments td:nth-child(3) { width: 17%; }
.commitments td:nth-child(4) { width: 27%; }
.id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 11px; color: var(--muted);
  word-break: break-all; white-space: normal; }
.said { font-style: italic; }
.quiet { color: var(--muted); }
.status { display: inline-block; font-weight: 600; font-size: 12px; padding: 1px 7px; border-radius: 3px;
  border: 1.5px solid; white-space: nowrap; }
ul.sources, ul.events { margin: 0; padding-left: 16px; }
ul.sources li, ul.events li { margin: 0 0 4px; }
.quote { font-style: italic; color: #333; }
a { color: #0b4f8a; text-decoration-thickness: 1px; text-underline-offset: 2px; }
figure { margin: 18px 0 8px; }
figure svg.chart { width: 100%; height: auto; display: block; }
figcaption { font-size: 13px; color: #333; margin-top: 6px; max-width: 860px; }
figcaption b { color: var(--ink); }
aside.methods { background: var(--tint); border: 1px solid #cfcac0; padding: 14px 20px; margin-top: 36px;
  font-size: 13px; line-height: 1.5; }
aside.methods h2 { border: 0; margin: 0 0 8px; padding: 0; font-size: 18px; }
aside.methods dl { display: grid; grid-template-columns: 150px 1fr; gap: 6px 14px; margin: 0; }
aside.methods dt { font-weight: 700; }
aside.methods dd { margin: 0; overflow-wrap: anywhere; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 12px; margin: 6px 0 0; padding: 0; list-style: none; }
footer { margin-top: 30px; font-size: 12px; color: var(--muted); }
@media print {
  body { padding: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; }
  .findings li { background: none; }
  tr, figure, li { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""  # noqa: E501


def _status_css() -> str:
    rules = []
    for status, style in STATUS_STYLES.items():
        rules.append(f".s-{status} {{ border-color: {style.colour}; color: #111; background: {style.colour}22; }}")
    return "\n".join(rules)


def _summary_table(report) -> str:
    head = "".join(f'<th class="num" scope="col">{esc(label)}</th>' for _, label in SUMMARY_COLUMNS)
    by = esc(report.by)
    out = [
        '<table class="summary"><thead><tr>',
        f'<th scope="col">{by}</th>{head}<th class="num" scope="col">kept on time</th>'
        '<th class="num" scope="col">95% interval</th><th class="num" scope="col">median days late</th>',
        "</tr></thead><tbody>",
    ]
    for row in report_summary_rows(report):
        cells = "".join(f'<td class="num{" zero" if n == 0 else ""}">{n}</td>' for n in row.counts.values())
        out.append(
            f'<tr{" class=total" if row.total else ""}><th scope="row">{esc(row.label)}</th>{cells}'
            f'<td class="num">{esc(row.kept)}</td><td class="num">{esc(row.interval)}</td>'
            f'<td class="num">{esc(row.median_days_late)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def _table_open(cls: str, *columns: str) -> str:
    """A table's opening tags and header row, up to its body."""
    head = "".join(f'<th scope="col">{label}</th>' for label in columns)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>'


def _sources_html(sources) -> str:
    if not sources:
        return ""
    items = []
    for s in sources:
        text = link(s.url, s.title or domain(s.url))
        extra = []
        if s.title:
            extra.append(esc(domain(s.url)))
        if s.published_on:
            extra.append(esc(short_date(s.published_on)))
        line = text + (f' <span class="quiet">({", ".join(extra)})</span>' if extra else "")
        if s.quote:
            line += f'<br><span class="quote">“{esc(s.quote)}”</span>'
        items.append(f"<li>{line}</li>")
    return f'<ul class="sources">{"".join(items)}</ul>'


def _commitment_rows(report) -> str:
    out = [
        _table_open(
            "commitments",
            "Said",
            "What was promised",
            "Deadline as said, and the window it was read as",
            "Verdict, and the rule that decided it",
            "Sources",
        )
    ]
    for group, entries in commitment_entries(report):
        out.append(
            f'<tr class="group"><th colspan="5" scope="rowgroup">{esc(group)} '
            f'<span class="quiet">· {plural(len(entries), "commitment")}</span></th></tr>'
        )
        for entry in entries:
            v, c = entry["v"], entry["c"]
            cid = str(v["id"])
            said = f'{esc(short_date(v["stated_on"]))}<div class="id">{esc(cid)}</div>'
            what = esc(c.text) if c is not None else ""
            if c is not None and c.tags:
                what += f'<div class="quiet sans" style="font-size:11px">{esc(", ".join(c.tags))}</div>'
            deadline = f'<span class="said">“{esc(v["deadline"])}”</span>'
            if isinstance(v["deadline_means"], str):
                deadline += f'<br><span class="quiet">read as “{esc(v["deadline_means"])}”</span>'
            deadline += f"<br>{esc(window_text(v))}"
            verdict = [
                status_badge(str(v["status"])),
                f"<div>{esc(verdict_text(v))}</div>",
                f'<div class="quiet">Rule: {esc(v["status_rule"])}.</div>',
            ]
            if entry["resets"]:
                prev = entry["resets"]
                verdict.append(f'<div>Resets <a href="#{esc(_anchor(prev))}">{esc(prev)}</a>.</div>')
            if isinstance(v["superseded_by"], str):
                nxt = v["superseded_by"]
                verdict.append(f'<div>Reset by <a href="#{esc(_anchor(nxt))}">{esc(nxt)}</a>.</div>')
            if entry["events"]:
                events = []
                for e in entry["events"]:
                    line = f"<b>{esc(short_date(e.on))}</b> {esc(e.type)}"
                    if e.note:
                        line += f": {esc(e.note)}"
                    if e.sources:
                        line += " " + " · ".join(link(s.url, s.title or domain(s.url)) for s in e.sources)
                    events.append(f"<li>{line}</li>")
                verdict.append(f'<ul class="events">{"".join(events)}</ul>')
            elif c is None and isinstance(v["evidence_url"], str):
                verdict.append(f"<div>Evidence: {link(v['evidence_url'])}</div>")
            sources = _sources_html(c.sources) if c is not None else link(v["evidence_url"])
            out.append(
                f'<tr id="{esc(_anchor(cid))}"><td>{said}</td><td>{what}</td><td>{deadline}</td>'
                f"<td>{''.join(verdict)}</td><td>{sources}</td></tr>"
            )
    out.append("</tbody></table>")
    return "".join(out)


def _needs_reading_html(report) -> str:
    """The commitments whose deadline could not be read, under a heading that asks for a reading."""
    entries = unreadable_entries(report)
    if not entries:
        return ""
    out = [
        f'<h2 id="needs-reading">{esc(NEEDS_READING_HEADING)}</h2><p class="note">{esc(NEEDS_READING_NOTE)}</p>',
        _table_open("later", "Commitment", "Who", "Deadline as said", "Why it could not be read"),
    ]
    for e in entries:
        out.append(
            f'<tr><td><a href="#{esc(_anchor(e["id"]))}"><span class="id">{esc(e["id"])}</span></a></td>'
            f"<td>{esc(e['actor'])}</td><td class=said>“{esc(e['deadline'])}”</td><td>{esc(e['message'])}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _not_counted_html(report) -> str:
    if not len(report.not_counted) and not report.later_events:
        return ""
    out = [
        f'<h2 id="not-counted">Recorded in the ledger, not counted as of {esc(long_date(report.as_of))}</h2>',
        '<p class="note">These entries exist in the ledger but lie after the as-of date (or were recorded after '
        "the known-as-of date"
        + (", or are unconfirmed candidates" if (report.not_counted["reason"] == CANDIDATE_REASON).any() else "")
        + "), so no verdict above uses them. They are listed so that every entry and source "
        "of the ledger can be traced.</p>",
    ]
    if len(report.not_counted):
        out.append(_table_open("later", "Said", "Who", "What was promised", "Deadline", "Why not counted", "Sources"))
        for _, row in report.not_counted.iterrows():
            c = report.ledger.commitment(row["id"])
            out.append(
                f'<tr id="{esc(_anchor(c.id))}"><td>{esc(short_date(c.stated_on))}'
                f'<div class="id">{esc(c.id)}</div></td>'
                f"<td>{esc(c.actor)}</td><td>{esc(c.text)}</td><td class=said>“{esc(c.deadline)}”</td>"
                f"<td>{esc(row['reason'])}</td><td>{_sources_html(c.sources)}</td></tr>"
            )
        out.append("</tbody></table>")
    if report.later_events:
        out.append("<h3>Later events</h3>" + _table_open("later", "On", "Commitment", "Event", "Sources"))
        for e in report.later_events:
            note = f"{esc(e.type)}" + (f": {esc(e.note)}" if e.note else "")
            out.append(
                f'<tr><td>{esc(short_date(e.on))}</td><td><a href="#{esc(_anchor(e.commitment_id))}">'
                f'<span class="id">{esc(e.commitment_id)}</span></a></td><td>{note}</td>'
                f"<td>{_sources_html(e.sources)}</td></tr>"
            )
        out.append("</tbody></table>")
    return "".join(out)


def _methods_html(report) -> str:
    rows = "".join(f"<dt>{esc(term)}</dt><dd>{esc(text)}</dd>" for term, text in methods(report))
    statuses = "".join(f"<dt>{status_badge(s)}</dt><dd>{esc(STATUS_STYLES[s].meaning)}</dd>" for s in STATUSES)
    return (
        '<aside class="methods" id="methods"><h2>Methods</h2>'
        f"<dl>{rows}</dl><h3>What each verdict means</h3><dl>{statuses}</dl></aside>"
    )


def _charts(report) -> str:
    from ledger.report.charts import survival_svg, timeline_svg

    as_of = long_date(report.as_of)
    timeline = timeline_svg(report)
    survival = survival_svg(report)
    out = [
        '<h2 id="timeline">Every deadline, and what became of it</h2>',
        f"<figure>{timeline}<figcaption><b>How to read it.</b> Each bar runs from the day a commitment was said to "
        f"its latest due date (a hedge such as “or so” lengthens it). A marker shows how it ended: the day it was "
        f"fulfilled, broken or withdrawn, the day a check found it not delivered, or the day it was reset; an "
        f"arrow joins a reset deadline to its "
        f"restatement. A dotted line runs on from the latest due date while nothing was recorded. Shapes and "
        f"hatching tell the statuses apart in grey print. The vertical line is {esc(as_of)}.</figcaption></figure>",
    ]
    if survival:
        out.append(
            '<h2 id="survival">How long fulfilment takes</h2>'
            f"<figure>{survival}<figcaption><b>How to read it.</b> The share of commitments not yet fulfilled, by "
            "days since they were said (Kaplan–Meier), with its 95% interval as a band. Ticks mark days on which "
            "commitments were censored: still open on the as-of date, or reset, so that we know only that they "
            "were not fulfilled up to that day. Broken and withdrawn ones are censored on the day they ended."
            "</figcaption></figure>"
        )
    return "".join(out)


def render_html(report, *, charts: bool = True) -> str:
    """The full page."""
    n_said, n_actors = len(report.verdicts), report.verdicts["actor"].nunique()
    in_ledger = len(report.ledger) if report.ledger is not None else n_said
    dek = (
        f"Who kept the deadlines they set, as of {long_date(report.as_of)}: "
        f"{plural(n_said, 'commitment')} by {plural(n_actors, 'actor')}"
        + (f", of {in_ledger} in the ledger" if in_ledger != n_said else "")
        + (f"; as known on {long_date(report.known_as_of)}" if report.known_as_of else "")
        + ". Every number below comes from the table of commitments at the end, each with its sources."
    )
    findings = "".join(f"<li>{esc(h.text)}</li>" for h in report.headlines)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="ledger {esc(report.version)}">',
        f"<title>{esc(report.title)}</title>",
        f"<style>{_CSS}\n{_status_css()}</style></head><body>",
        f'<header><p class="kicker">Follow-through report · as of {esc(long_date(report.as_of))}</p>'
        f'<h1>{esc(report.title)}</h1><p class="dek">{esc(dek)}</p></header>',
        '<main><section id="findings" aria-label="Key findings"><h2 style="border:0;margin-top:0">Key findings</h2>'
        f'<ol class="findings">{findings}</ol></section>',
        f'<h2 id="statistics">Follow-through by {esc(report.by)}</h2>',
        _summary_table(report),
        f'<p class="note">{esc(due_note())} Percentages are given only where at least {esc(_small_n())} are due.</p>',
        _needs_reading_html(report),
        _charts(report) if charts else "",
        _methods_html(report),
        '<h2 id="commitments">Every commitment, with its sources</h2>',
        _commitment_rows(report),
        _not_counted_html(report),
        "</main>",
        f"<footer>Made with ledger {esc(report.version)} from a ledger with SHA-256 "
        f"{esc(report.input_hash or 'unknown')}. "
        f"Verdicts are computed, never entered by hand; see docs/statistics.md for every definition.</footer>",
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _small_n() -> int:
    from ledger.core.formats import SMALL_N

    return SMALL_N


def render_summary_html(report) -> str:
    """A notebook cell: the findings and the follow-through table (report.to_html() gives the whole page)."""
    findings = "".join(f"<li>{esc(h.text)}</li>" for h in report.headlines)
    return (
        f'<div class="ledger-report"><style>{_status_css()}</style>'
        f"<p><b>{esc(report.title)}</b> · as of {esc(long_date(report.as_of))} · "
        f"{plural(len(report.verdicts), 'commitment')}</p>"
        f"<ol>{findings}</ol>{_summary_table(report)}"
        "<p><small>report.to_html() gives the full page with charts, every commitment and the methods."
        "</small></p></div>"
    )
