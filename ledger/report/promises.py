"""One promise at a time: a section per commitment, the table of every commitment, and the find-your-way form.

Each counted commitment gets an ``<article id="c-ID">`` (``markup.anchor``):
who said it and when, the deadline as said with its window and how it was
read, the verdict with its rule, the chain of resets it belongs to, and its
record (the statement, its sources and its events) in date order. A link to
``#c-ID`` opens on it. The table above the sections lists every commitment
in one row each, with sortable columns; the form filters both by actor,
topic and status, and searches their text. The form is ``hidden`` until the
page's script shows it, so without JavaScript the page reads whole.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict

from ledger.core.formats import as_date, plural, short_date
from ledger.core.vocabulary import STATUSES
from ledger.report.charts import short_text
from ledger.report.content import commitment_entries, verdict_text, window_explanation, window_text
from ledger.report.markup import anchor, domain, esc, link, status_badge
from ledger.report.style import STATUS_STYLES

__all__ = ["commitments_html", "controls_html", "index_table_html", "promise_html"]


def _chains(verdicts) -> dict[str, list]:
    """chain_id -> its verdict rows in order of restatement."""
    out: dict[str, list] = defaultdict(list)
    ordered = verdicts.sort_values(["chain_id", "chain_position"], kind="stable")
    for _, row in ordered.iterrows():
        out[str(row["chain_id"])].append(row)
    return out


def _topic(v) -> str:
    return v["topic"] if isinstance(v["topic"], str) else ""


def _record(entry) -> str:
    """The statement, its sources and its events, in date order (the statement first on its own day)."""
    v, c = entry["v"], entry["c"]
    said = as_date(v["stated_on"])
    items: list[tuple[_dt.date, int, str]] = []
    if said is not None:
        items.append((said, 0, f"<b>{esc(short_date(said))}</b> said: “{esc(v['deadline'])}”"))
    if c is not None:
        for s in c.sources:
            day = s.published_on or c.stated_on
            line = f"<b>{esc(short_date(day))}</b> source: {link(s.url, s.title or domain(s.url))}"
            if s.title:
                line += f' <span class="quiet">({esc(domain(s.url))})</span>'
            if s.quote:
                line += f' <span class="quote">“{esc(s.quote)}”</span>'
            items.append((day, 1, line))
    elif isinstance(v["evidence_url"], str):
        items.append((said or _dt.date.min, 1, f"source: {link(v['evidence_url'])}"))
    for e in entry["events"]:
        line = f"<b>{esc(short_date(e.on))}</b> {esc(e.type)}"
        if e.note:
            line += f": {esc(e.note)}"
        if e.sources:
            line += " · " + " · ".join(link(s.url, s.title or domain(s.url)) for s in e.sources)
        items.append((e.on, 2, line))
    items.sort(key=lambda item: (item[0], item[1]))
    return '<ol class="record">' + "".join(f"<li>{line}</li>" for _, _, line in items) + "</ol>"


def _chain(v, chain: list) -> str:
    """The chain of resets this commitment belongs to, each restatement linked; '' for a chain of one."""
    if len(chain) < 2:
        return ""
    items = []
    for row in chain:
        cid = str(row["id"])
        text = (
            f'<a href="#{esc(anchor(cid))}">{esc(short_date(row["stated_on"]))}: “{esc(row["deadline"])}”</a>'
            f" {esc(STATUS_STYLES[str(row['status'])].label)}"
        )
        if cid == str(v["id"]):
            text = f"<b>{text} (this one)</b>"
        items.append(f"<li>{text}</li>")
    resets = len(chain) - 1
    return f'<dt>Chain of resets</dt><dd>{plural(resets, "reset")}:<ol class="chain">{"".join(items)}</ol></dd>'


def promise_html(entry, chain: list, *, policy, rating: str | None = None) -> str:
    """One commitment's section: who and when, deadline and window, verdict and rule, chain, record."""
    v, c = entry["v"], entry["c"]
    cid, status = str(v["id"]), str(v["status"])
    heading = esc(c.text) if c is not None else f"“{esc(v['deadline'])}”"
    who = f'{esc(v["actor"])}, said {esc(short_date(v["stated_on"]))} · <span class="id">{esc(cid)}</span>'
    if c is not None and c.tags:
        who += f' · <span class="quiet">{esc(", ".join(c.tags))}</span>'
    if _topic(v):
        who += f' · <span class="quiet">topic: {esc(_topic(v))}</span>'
    deadline = f'<span class="said">“{esc(v["deadline"])}”</span>'
    if isinstance(v["deadline_means"], str):
        deadline += f' <span class="quiet">read as “{esc(v["deadline_means"])}”</span>'
    deadline += f": {esc(window_text(v))}."
    explanation = window_explanation(v, policy) if status != "unreadable" else ""
    if explanation:
        deadline += f' <span class="quiet">{esc(explanation)}</span>'
    rule = f'<span class="quiet">Rule: {esc(v["status_rule"])}.</span>'
    verdict = f"{status_badge(status, rating)} {esc(verdict_text(v))}. {rule}"
    return (
        f'<article class="promise" id="{esc(anchor(cid))}" data-actor="{esc(v["actor"])}" '
        f'data-topic="{esc(_topic(v))}" data-status="{esc(status)}">'
        f'<h4><a href="#{esc(anchor(cid))}">{heading}</a></h4>'
        f'<dl class="facts"><dt>Who, when</dt><dd>{who}</dd><dt>Deadline</dt><dd>{deadline}</dd>'
        f"<dt>Verdict</dt><dd>{verdict}</dd>{_chain(v, chain)}"
        f"<dt>Record</dt><dd>{_record(entry)}</dd></dl></article>"
    )


def _ratings(report, scale) -> dict[str, str]:
    """id -> rating on the scale ({} without one)."""
    if scale is None:
        return {}
    from ledger.verdicts.scales import to_scale

    rated = to_scale(report.verdicts, scale)
    return {str(cid): str(r) for cid, r in zip(report.verdicts["id"], rated)}


def commitments_html(report, *, scale=None) -> str:
    """Every counted commitment's section, grouped as the timeline is (a heading per group)."""
    chains = _chains(report.verdicts)
    ratings = _ratings(report, scale)
    out = []
    for group, entries in commitment_entries(report):
        out.append(
            f'<section class="group" aria-label="{esc(group)}"><h3>{esc(group)} '
            f'<span class="quiet">· {plural(len(entries), "commitment")}</span></h3>'
        )
        for entry in entries:
            v = entry["v"]
            out.append(
                promise_html(entry, chains[str(v["chain_id"])], policy=report.policy, rating=ratings.get(str(v["id"])))
            )
        out.append("</section>")
    return "".join(out)


def index_table_html(report, *, scale=None) -> str:
    """One row per commitment (said, who, what, deadline, due, status), sortable, each linking to its section."""
    ratings = _ratings(report, scale)
    texts = {c.id: c.text for c in report.ledger.commitments} if report.ledger is not None else {}
    head = "".join(
        f'<th scope="col">{label}</th>' for label in ("Said", "Who", "Commitment", "Deadline as said", "Due", "Status")
    )
    out = [f'<div class="scroll"><table class="index sortable"><thead><tr>{head}</tr></thead><tbody>']
    ordered = report.verdicts.sort_values(["stated_on", "id"], kind="stable")
    for _, v in ordered.iterrows():
        cid, status = str(v["id"]), str(v["status"])
        said, due = as_date(v["stated_on"]), as_date(v["latest"])
        text = short_text(texts.get(cid) or cid, 70)
        out.append(
            f'<tr data-for="{esc(anchor(cid))}"><td data-sort="{esc(said.isoformat() if said else "")}">'
            f"{esc(short_date(said))}</td><td>{esc(v['actor'])}</td>"
            f'<td><a href="#{esc(anchor(cid))}">{esc(text)}</a></td><td class="said">“{esc(v["deadline"])}”</td>'
            f'<td data-sort="{esc(due.isoformat() if due else "9999")}">{esc(short_date(due) if due else "–")}</td>'
            f'<td data-sort="{STATUSES.index(status)}">{status_badge(status, ratings.get(cid))}</td></tr>'
        )
    out.append("</tbody></table></div>")
    return "".join(out)


def _select(name: str, label: str, everything: str, options: list[tuple[str, str]]) -> str:
    choices = "".join(f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in options)
    select = f'<select name="{name}"><option value="">{esc(everything)}</option>{choices}</select>'
    return f"<label>{esc(label)}{select}</label>"


def controls_html(report) -> str:
    """The filter and search form (hidden until the script shows it)."""
    v = report.verdicts
    actors = sorted(set(map(str, v["actor"])))
    topics = sorted({t for t in v["topic"] if isinstance(t, str)})
    present = set(v["status"].astype(str))
    statuses = [(s, STATUS_STYLES[s].label) for s in STATUSES if s in present]
    parts = [
        '<form class="controls" hidden aria-label="Find a commitment">',
        _select("actor", "Actor", "All actors", [(a, a) for a in actors]),
    ]
    if topics:
        parts.append(_select("topic", "Topic", "All topics", [(t, t) for t in topics]))
    parts += [
        _select("status", "Status", "All statuses", statuses),
        '<label>Search<input type="search" name="q" placeholder="words in the text, sources or notes"></label>',
        '<output aria-live="polite"></output></form>',
    ]
    return "".join(parts)
