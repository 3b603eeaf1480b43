"""The report as Markdown for a newsroom CMS: the same sentences, tables and methods as the HTML, no charts.

Data passes through ``md_escape``: characters that Markdown or inline HTML
would interpret (``<``, ``&``, ``|``, ``*``, ``_``, brackets...) are escaped.
"""

from __future__ import annotations

import re

from ledger.core.formats import long_date, short_date
from ledger.core.vocabulary import STATUSES
from ledger.report.content import (
    AGREEMENT_NOTE,
    EXPECT_NOTE,
    NEEDS_READING_HEADING,
    NEEDS_READING_NOTE,
    commitment_entries,
    last_updated,
    methods,
    report_summary_rows,
    unreadable_entries,
    verdict_text,
    window_text,
)
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

_SPECIAL = re.compile(r"([\\`*_\[\]|>~])")


def md_escape(value) -> str:
    r"""Text from data, safe in Markdown and in a table cell: marks escaped, one line.

    >>> print(md_escape("a|b *c* <d>\nnext"))
    a\|b \*c\* &lt;d\> next
    """
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())  # no line breaks inside a table cell


def md_link(url: str | None, text: str | None = None) -> str:
    r"""A Markdown link for an http(s) URL; anything else as escaped text.

    >>> print(md_link("https://example.org/a b", "A [b]"), md_link("ftp://x", "F"))
    [A \[b\]](<https://example.org/a%20b>) F
    """
    if not url or not url.startswith(("http://", "https://")):
        return md_escape(text or url or "")
    return f"[{md_escape(text or url)}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"


def _table(header: list[str], rows: list[list[str]], align_right: frozenset[int] = frozenset()) -> list[str]:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if i in align_right else "---" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_markdown(report, *, scale=None) -> str:
    """The whole report: title, findings, the summary table, every commitment, what was not counted, methods.

    With ``scale`` ("politifact" or a dict from status to rating), each verdict gives its rating too.
    """
    ratings = {}
    if scale is not None:
        from ledger.verdicts.scales import to_scale

        ratings = dict(zip(map(str, report.verdicts["id"]), map(str, to_scale(report.verdicts, scale))))
    out = [
        f"# {md_escape(report.title)}",
        "",
        f"*Follow-through report as of {long_date(report.as_of)}*"
        + (f"*, as known on {long_date(report.known_as_of)}*" if report.known_as_of else "")
        + (f" · *ledger last updated {long_date(last_updated(report))}*" if last_updated(report) else ""),
        "",
        "## Key findings",
        "",
    ]
    out += [f"- {md_escape(h.text)}" for h in report.headlines]
    out += ["", f"## Follow-through by {md_escape(report.by)}", ""]
    out += _summary_table(report)
    out += [""]
    out += _needs_reading(report)
    out += _over_time(report)
    out += _expectations(report)
    out += _agreement(report)
    out += ["## Every commitment, with its sources", ""]
    for group, entries in commitment_entries(report):
        out += [f"### {md_escape(group)}", ""]
        rows = [_commitment_row(entry, ratings.get(str(entry["v"]["id"]))) for entry in entries]
        out += _table(["said", "what was promised", "deadline and window", "verdict", "sources"], rows)
        out.append("")
    out += _not_counted(report)
    out += ["## Methods", ""]
    out += [f"- **{md_escape(term)}**: {md_escape(text)}" for term, text in methods(report)]
    out += ["", "What each verdict means:", ""]
    out += [
        f"- {STATUS_STYLES[s].symbol} **{STATUS_STYLES[s].label}**: {md_escape(STATUS_STYLES[s].meaning)}"
        for s in STATUSES
    ]
    return "\n".join(out).rstrip() + "\n"


def _summary_table(report) -> list[str]:
    """The report's summary rows as a Markdown table, the 'All' row in bold."""
    header = [
        md_escape(report.by),
        *(label for _, label in SUMMARY_COLUMNS),
        "kept on time",
        "95% interval",
        "median days late",
    ]
    rows = []
    for row in report_summary_rows(report):
        label = f"**{md_escape(row.label)}**" if row.total else md_escape(row.label)
        rows.append(
            [
                label,
                *map(str, row.counts.values()),
                md_escape(row.kept),
                md_escape(row.interval),
                md_escape(row.median_days_late),
            ]
        )
    return _table(header, rows, frozenset(range(1, len(header))))


def _commitment_row(entry: dict, rating: str | None = None) -> list[str]:
    """One commitment's cells: said, what, deadline and window, verdict with its events, sources."""
    v, c = entry["v"], entry["c"]
    deadline = f"“{md_escape(v['deadline'])}”"
    if isinstance(v["deadline_means"], str):
        deadline += f", read as “{md_escape(v['deadline_means'])}”"
    style = STATUS_STYLES[str(v["status"])]
    rated = f" ({md_escape(rating)})" if rating else ""
    verdict = (
        f"{style.symbol} **{style.label}**{rated}: {md_escape(verdict_text(v))}. Rule: {md_escape(v['status_rule'])}."
    )
    if entry["resets"]:
        verdict += f" Resets {md_escape(entry['resets'])}."
    if isinstance(v["superseded_by"], str):
        verdict += f" Reset by {md_escape(v['superseded_by'])}."
    for e in entry["events"]:
        verdict += f" {short_date(e.on)} {md_escape(e.type)}" + (f": {md_escape(e.note)}" if e.note else "")
        verdict += "".join(f" {md_link(s.url, s.title)}" for s in e.sources) + "."
    sources = "; ".join(md_link(s.url, s.title) for s in c.sources) if c is not None else md_link(v["evidence_url"])
    return [
        f"{short_date(v['stated_on'])}<br>`{v['id']}`",
        md_escape(c.text if c is not None else ""),
        f"{deadline}; {md_escape(window_text(v))}",
        verdict,
        sources,
    ]


def _needs_reading(report) -> list[str]:
    """The commitments whose deadline could not be read, under a heading that asks for a reading ([] if none)."""
    entries = unreadable_entries(report)
    if not entries:
        return []
    out = [f"## {NEEDS_READING_HEADING}", "", md_escape(NEEDS_READING_NOTE), ""]
    out += [
        f"- `{e['id']}` ({md_escape(e['actor'])}): “{md_escape(e['deadline'])}”: {md_escape(e['message'])}"
        for e in entries
    ]
    return [*out, ""]


def _not_counted(report) -> list[str]:
    """Commitments and events of the ledger after the as-of date, so every entry can be traced ([] if none)."""
    if not len(report.not_counted) and not report.later_events:
        return []
    out = [f"## Recorded in the ledger, not counted as of {long_date(report.as_of)}", ""]
    for _, row in report.not_counted.iterrows():
        c = report.ledger.commitment(row["id"])
        links = "; ".join(md_link(s.url, s.title) for s in c.sources)
        out.append(
            f"- `{c.id}` ({md_escape(c.actor)}, {short_date(c.stated_on)}): {md_escape(c.text)}, "
            f"“{md_escape(c.deadline)}”; {md_escape(row['reason'])}. {links}"
        )
    for e in report.later_events:
        links = "; ".join(md_link(s.url, s.title) for s in e.sources)
        out.append(
            f"- {short_date(e.on)}, `{e.commitment_id}`: {md_escape(e.type)}"
            + (f": {md_escape(e.note)}" if e.note else "")
            + f". {links}"
        )
    out.append("")
    return out


def _over_time(report) -> list[str]:
    """The chart over time as a small table (or the sentence saying why there is none); [] without a ledger."""
    over_time = report.over_time
    if not over_time.step:
        return []
    out = ["## Follow-through over time", "", md_escape(over_time_sentence(over_time)), ""]
    if over_time.drawn:
        out.append(
            md_escape(
                f"As of each date of a {over_time.step} grid (and the as-of date): the deadlines due by then, how "
                "many were met on time and how many had lapsed with nothing recorded, each with its 95% interval."
            )
        )
        out.append("")
        rows = [[md_escape(cell) for cell in row] for row in over_time_table(over_time)]
        out += _table(list(OVER_TIME_COLUMNS), rows, frozenset(range(1, 6)))
        out.append("")
    return out


def _expectations(report) -> list[str]:
    """Per actor with a few deadlines on record, what their record suggests ([] if none)."""
    if not report.expectations:
        return []
    out = ["## What to expect of a new deadline", "", md_escape(EXPECT_NOTE), ""]
    out += [f"- {md_escape(e.text())}" for e in report.expectations]
    return [*out, ""]


def _agreement(report) -> list[str]:
    """The comparison with a second coding and every disagreement ([] without one)."""
    found = report.agreement
    if found is None:
        return []
    out = ["## Agreement with a second coding", "", md_escape(AGREEMENT_NOTE), ""]
    for paragraph in agreement_paragraphs(found):
        out += [md_escape(paragraph), ""]
    rows = [[md_escape(cell) for cell in row] for row in agreement_rows(found)]
    out += [*_table(list(AGREEMENT_COLUMNS), rows, frozenset((2, 3))), ""]
    listed = disagreement_rows(found)
    if listed:
        out += ["### Every disagreement, the one that moves the on-time rate most first", ""]
        rows = [[md_escape(cell) for cell in row] for row in listed]
        out += [*_table(list(DISAGREEMENT_COLUMNS), rows, frozenset((0,))), ""]
    return out
