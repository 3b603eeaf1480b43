"""The report as one self-contained HTML page, and as a notebook cell.

Everything that comes from data passes through ``html.escape``; links are
written only for http(s) URLs. Charts are inline SVG; the CSS is inline; no
script, font or image is fetched.
"""

from __future__ import annotations

from ledger.core.formats import long_date, plural, short_date
from ledger.core.vocabulary import STATUSES
from ledger.report.content import (
    AGREEMENT_NOTE,
    CANDIDATE_REASON,
    EXPECT_NOTE,
    NEEDS_READING_HEADING,
    NEEDS_READING_NOTE,
    due_note,
    last_updated,
    methods,
    report_summary_rows,
    unreadable_entries,
)
from ledger.report.markup import anchor, domain, esc, link, status_badge
from ledger.report.page import PAGE_CSS, ROOT_CLASS, SCRIPT, report_css
from ledger.report.promises import commitments_html, controls_html, index_table_html
from ledger.report.studies import (
    AGREEMENT_COLUMNS,
    DISAGREEMENT_COLUMNS,
    OVER_TIME_COLUMNS,
    agreement_paragraphs,
    agreement_rows,
    disagreement_rows,
    over_time_sentence,
    over_time_table,
)
from ledger.report.style import STATUS_STYLES
from ledger.report.summary import SUMMARY_COLUMNS

__all__ = ["esc", "link", "domain", "status_badge", "render_html", "render_summary_html"]


def _summary_table(report) -> str:
    head = "".join(f'<th class="num" scope="col">{esc(label)}</th>' for _, label in SUMMARY_COLUMNS)
    by = esc(report.by)
    out = [
        '<div class="scroll"><table class="summary sortable"><thead><tr>',
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
    out.append("</tbody></table></div>")
    return "".join(out)


def _table_open(cls: str, *columns: str) -> str:
    """A table's opening tags and header row, up to its body."""
    head = "".join(f'<th scope="col">{label}</th>' for label in columns)
    return f'<div class="scroll"><table class="{cls}"><thead><tr>{head}</tr></thead><tbody>'


def _text_table(cls: str, columns, rows: list[list[str]], numeric: frozenset[int] = frozenset()) -> str:
    """A whole table of text cells (escaped here); ``numeric`` columns align right."""

    def cell(tag: str, i: int, text: str) -> str:
        return f"<{tag}{' class=num' if i in numeric else ''}{' scope=col' if tag == 'th' else ''}>{esc(text)}</{tag}>"

    head = "".join(cell("th", i, c) for i, c in enumerate(columns))
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<div class="scroll"><table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _over_time_html(report, *, charts: bool) -> str:
    """The on-time rate and the share lapsed over time: chart (or why none), a sentence, the numbers."""
    over_time = report.over_time
    if not over_time.step:
        return ""
    out = ['<h2 id="over-time">Follow-through over time</h2>']
    sentence = over_time_sentence(over_time)
    if not over_time.drawn:
        return out[0] + f'<p class="note">{esc(sentence)}</p>'
    if charts:
        from ledger.report.charts import over_time_charts

        out.append(
            _figure(
                over_time_charts(report),
                f"As of each date of a {esc(over_time.step)} grid (and the as-of date), the share of the deadlines "
                "due by then that were met on time (solid line, round markers) and that had lapsed with nothing "
                "recorded (dashed line, square markers), each with its 95% interval as a band. Every commitment "
                "counts once, a restated deadline included; dates with no deadline due yet are left out.",
            )
        )
    out.append(f"<p>{esc(sentence)}</p>")
    out.append(
        '<details class="numbers"><summary>The numbers behind the chart</summary>'
        + _text_table("figures", OVER_TIME_COLUMNS, over_time_table(over_time), frozenset(range(1, 6)))
        + "</details>"
    )
    return "".join(out)


def _expect_html(report) -> str:
    """Per actor with a few deadlines on record: what their record suggests about a new one."""
    if not report.expectations:
        return ""
    items = "".join(f"<li>{esc(e.text())}</li>" for e in report.expectations)
    return (
        '<h2 id="expect">What to expect of a new deadline</h2>'
        f'<p class="note">{esc(EXPECT_NOTE)}</p><ul class="expect">{items}</ul>'
    )


def _agreement_html(report) -> str:
    """How far a second coding of the same reporting agrees with this ledger, and every disagreement."""
    found = report.agreement
    if found is None:
        return ""
    out = [
        '<h2 id="agreement">Agreement with a second coding</h2>',
        f'<p class="note">{esc(AGREEMENT_NOTE)}</p>',
        *(f"<p>{esc(p)}</p>" for p in agreement_paragraphs(found)),
        _text_table("figures", AGREEMENT_COLUMNS, agreement_rows(found), frozenset((2, 3))),
    ]
    rows = disagreement_rows(found)
    if rows:
        out.append("<h3>Every disagreement, the one that moves the on-time rate most first</h3>")
        out.append(_text_table("later", DISAGREEMENT_COLUMNS, rows, frozenset((0,))))
    return "".join(out)


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
            f'<tr><td><a href="#{esc(anchor(e["id"]))}"><span class="id">{esc(e["id"])}</span></a></td>'
            f"<td>{esc(e['actor'])}</td><td class=said>“{esc(e['deadline'])}”</td><td>{esc(e['message'])}</td></tr>"
        )
    out.append("</tbody></table></div>")
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
                f'<tr id="{esc(anchor(c.id))}"><td>{esc(short_date(c.stated_on))}'
                f'<div class="id">{esc(c.id)}</div></td>'
                f"<td>{esc(c.actor)}</td><td>{esc(c.text)}</td><td class=said>“{esc(c.deadline)}”</td>"
                f"<td>{esc(row['reason'])}</td><td>{_sources_html(c.sources)}</td></tr>"
            )
        out.append("</tbody></table></div>")
    if report.later_events:
        out.append("<h3>Later events</h3>" + _table_open("later", "On", "Commitment", "Event", "Sources"))
        for e in report.later_events:
            note = f"{esc(e.type)}" + (f": {esc(e.note)}" if e.note else "")
            out.append(
                f'<tr><td>{esc(short_date(e.on))}</td><td><a href="#{esc(anchor(e.commitment_id))}">'
                f'<span class="id">{esc(e.commitment_id)}</span></a></td><td>{note}</td>'
                f"<td>{_sources_html(e.sources)}</td></tr>"
            )
        out.append("</tbody></table></div>")
    return "".join(out)


def _methods_html(report, scale=None) -> str:
    rows = "".join(f"<dt>{esc(term)}</dt><dd>{esc(text)}</dd>" for term, text in methods(report))
    ratings = _scale_mapping(scale)
    if ratings:
        rows += (
            f"<dt>Ratings</dt><dd>Each status is shown with its rating on the {esc(_scale_name(scale))} scale, "
            "mapped as ledger.verdicts.scales says why.</dd>"
        )
    statuses = "".join(
        f"<dt>{status_badge(s, ratings.get(s))}</dt><dd>{esc(STATUS_STYLES[s].meaning)}</dd>" for s in STATUSES
    )
    return (
        '<aside class="methods" id="methods"><h2>Methods</h2>'
        f"<dl>{rows}</dl><h3>What each verdict means</h3><dl>{statuses}</dl></aside>"
    )


def _scale_mapping(scale) -> dict[str, str]:
    """status -> rating for a scale name or mapping ({} for None)."""
    if scale is None:
        return {}
    from ledger.verdicts.scales import SCALES

    if isinstance(scale, str):
        if scale not in SCALES:
            raise ValueError(
                f"'scale' must be one of {', '.join(SCALES)} or a dict from status to rating (got {scale!r})"
            )
        return dict(SCALES[scale][0])
    return dict(scale)


def _scale_name(scale) -> str:
    return {"politifact": "PolitiFact promise"}.get(scale, str(scale)) if isinstance(scale, str) else "given"


def _figure(charts, caption: str) -> str:
    """One chart, wide and narrow (the CSS shows one), with its caption and what it leaves out."""
    from ledger.report.charts import CHART_SIZES

    shown = "".join(f'<div class="chart-{size.name}">{svg}</div>' for size, svg in zip(CHART_SIZES, charts.svgs))
    note = f" <b>Not shown.</b> {esc(charts.note)}" if charts.note else ""
    return f"<figure>{shown}<figcaption><b>How to read it.</b> {caption}{note}</figcaption></figure>"


def _charts(report) -> str:
    from ledger.report.charts import survival_charts, timeline_charts

    as_of = long_date(report.as_of)
    timeline = timeline_charts(report)
    survival = survival_charts(report)
    out = [
        '<h2 id="timeline">Every deadline, and what became of it</h2>',
        _figure(
            timeline,
            "Each bar runs from the day a commitment was said to its latest due date (a hedge such as “or so” "
            "lengthens it); each row is labelled with the commitment’s own words. A marker shows how it ended: the "
            "day it was fulfilled, broken or withdrawn, the day a check found it not delivered, or the day it was "
            "reset; an arrow joins a reset deadline to its restatement. A dotted line runs on from the latest due "
            "date while nothing was recorded. Shapes and hatching tell the statuses apart in grey print. The "
            f"vertical line is {esc(as_of)}.",
        ),
    ]
    if survival.svgs:
        out.append(
            '<h2 id="survival">How long fulfilment takes</h2>'
            + _figure(
                survival,
                "The share of commitments not yet fulfilled, by days since they were said (Kaplan–Meier), with its "
                "95% interval as a band. Ticks mark days on which commitments were censored: still open on the "
                "as-of date, or reset, so that we know only that they were not fulfilled up to that day. Broken "
                "and withdrawn ones are censored on the day they ended.",
            )
        )
    return "".join(out)


def _body(report, *, charts: bool, scale) -> str:
    """The report inside its root element: the same for the page and the fragment."""
    n_said, n_actors = len(report.verdicts), report.verdicts["actor"].nunique()
    in_ledger = len(report.ledger) if report.ledger is not None else n_said
    updated = last_updated(report)
    dek = (
        f"Who kept the deadlines they set, as of {long_date(report.as_of)}: "
        f"{plural(n_said, 'commitment')} by {plural(n_actors, 'actor')}"
        + (f", of {in_ledger} in the ledger" if in_ledger != n_said else "")
        + (f"; as known on {long_date(report.known_as_of)}" if report.known_as_of else "")
        + ". Every number below comes from the list of commitments at the end, each with its sources."
    )
    kicker = f"Follow-through report · as of {long_date(report.as_of)}"
    if updated is not None:
        kicker += f" · ledger last updated {long_date(updated)}"
    findings = "".join(f"<li>{esc(h.text)}</li>" for h in report.headlines)
    parts = [
        f'<div class="{ROOT_CLASS}">',
        f'<header><p class="kicker">{esc(kicker)}</p><h1>{esc(report.title)}</h1>'
        f'<p class="dek">{esc(dek)}</p></header>',
        '<main><section id="findings" aria-label="Key findings"><h2 class="first">Key findings</h2>'
        f'<ol class="findings">{findings}</ol></section>',
        f'<h2 id="statistics">Follow-through by {esc(report.by)}</h2>',
        _summary_table(report),
        f'<p class="note">{esc(due_note())} Percentages are given only where at least {esc(_small_n())} are due.</p>',
        _needs_reading_html(report),
        _charts(report) if charts else "",
        _over_time_html(report, charts=charts),
        _expect_html(report),
        _agreement_html(report),
        _methods_html(report, scale),
        '<h2 id="commitments">Every commitment, with its sources</h2>',
        '<p class="note">One row per commitment; each links to its own section below (its window, record, chain of '
        "resets and the rule behind its verdict).</p>",
        controls_html(report),
        index_table_html(report, scale=scale),
        commitments_html(report, scale=scale),
        _not_counted_html(report),
        "</main>",
        f"<footer>Made with ledger {esc(report.version)} from a ledger with SHA-256 "
        f"{esc(report.input_hash or 'unknown')}"
        + (f", last updated {esc(long_date(updated))}" if updated else "")
        + ". Verdicts are computed, never entered by hand; see docs/statistics.md for every definition.</footer>",
        f"<script>{SCRIPT}</script>",
        "</div>",
    ]
    return "\n".join(p for p in parts if p)


def render_html(report, *, charts: bool = True, scale=None, fragment: bool = False) -> str:
    """The full page, or with ``fragment`` the report alone (its scoped style, its markup, its script)."""
    body = _body(report, charts=charts, scale=scale)
    if fragment:
        return f"<style>{report_css()}</style>\n{body}\n"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="ledger {esc(report.version)}">',
        f"<title>{esc(report.title)}</title>",
        f"<style>{PAGE_CSS}\n{report_css()}</style></head>",
        '<body style="margin:0">',
        body,
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _small_n() -> int:
    from ledger.core.formats import SMALL_N

    return SMALL_N


def render_summary_html(report) -> str:
    """A notebook cell: the findings and the follow-through table (report.to_html() gives the whole page)."""
    findings = "".join(f"<li>{esc(h.text)}</li>" for h in report.headlines)
    return (
        f'<div class="{ROOT_CLASS}"><style>{report_css()}</style>'
        f"<p><b>{esc(report.title)}</b> · as of {esc(long_date(report.as_of))} · "
        f"{plural(len(report.verdicts), 'commitment')}</p>"
        f"<ol>{findings}</ol>{_summary_table(report)}"
        "<p><small>report.to_html() gives the full page with charts, every commitment and the methods."
        "</small></p></div>"
    )
