"""What a desk reads on the command line: one commitment in full, a listing with totals, what changed.

Each view is built once as plain values (``commitment_view``, ``listing``,
``changes_view``, ``ledger_changes_view``), which ``--json`` prints as they
are, and rendered as text a terminal shows or a desk pastes into a CMS
(Markdown-friendly). ``ledger show``, ``ledger list`` and ``ledger diff``
are thin layers over these.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ledger.core.formats import long_date, plural, short_date
from ledger.core.records import Commitment, Event, Ledger, Source
from ledger.core.vocabulary import CANDIDATE_TAG, STATUS_WORDS, STATUSES
from ledger.deadlines import DeadlineError, parse_deadline
from ledger.report.markdown import md_escape, md_link
from ledger.verdicts.changes import DESK_SECTIONS, LedgerChanges, desk_sections

__all__ = [
    "LISTING_COLUMNS",
    "changes_text",
    "changes_view",
    "commitment_text",
    "commitment_view",
    "ledger_changes_text",
    "ledger_changes_view",
    "listing",
    "listing_text",
    "status_totals",
    "window_view",
]

#: The columns ``ledger list`` prints, in order (CSV and JSON carry them all; text and Markdown a few).
LISTING_COLUMNS = (
    "id",
    "actor",
    "topic",
    "stated_on",
    "text",
    "deadline",
    "due",
    "latest",
    "status",
    "resolved_on",
    "days_late",
    "status_rule",
    "source_url",
    "evidence_url",
)
_SHORT_COLUMNS = (("id", "id"), ("actor", "actor"), ("stated_on", "said"), ("latest", "latest"), ("status", "status"))


def plain(value: Any) -> Any:
    """A cell as a JSON value: dates as ISO text, missing as None, numpy numbers as Python numbers.

    >>> plain(pd.Timestamp("2025-03-03")), plain(pd.NA), plain(float("nan"))
    ('2025-03-03', None, None)
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return (value.date() if isinstance(value, _dt.datetime) else value).isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _source(source: Source) -> dict[str, Any]:
    return {
        "url": source.url,
        "title": source.title,
        "quote": source.quote,
        "published_on": plain(source.published_on),
    }


def _event(event: Event, as_of: _dt.date, known_as_of: _dt.date | None) -> dict[str, Any]:
    # As evaluate sees it: dated by the as-of day, and recorded (or, unsaid, dated) by known_as_of.
    known = known_as_of is None or (event.recorded_on or event.on) <= known_as_of
    return {
        "on": event.on.isoformat(),
        "type": event.type,
        "note": event.note,
        "recorded_on": plain(event.recorded_on),
        "sources": [_source(s) for s in event.sources],
        "counted": event.on <= as_of and known,
        "why_not_counted": None if known else "recorded after the known-as-of day",
    }


def _chain(ledger: Ledger, commitment_id: str) -> list[Commitment]:
    """The commitment's chain of resets, first statement first, following ``supersedes`` both ways."""
    successor = {c.supersedes: c for c in ledger.commitments if c.supersedes is not None}
    first = ledger.commitment(commitment_id)
    while first.supersedes is not None:
        first = ledger.commitment(first.supersedes)
    chain = [first]
    while chain[-1].id in successor:
        chain.append(successor[chain[-1].id])
    return chain


def window_view(commitment: Commitment) -> dict[str, Any]:
    """The commitment's due window as ``DueWindow.to_dict`` gives it (``deadline_means`` read where given),
    or its phrase and the reader's error: what ``ledger show`` and ``ledger add`` print.

    >>> import datetime as dt
    >>> from ledger import Commitment, Source
    >>> c = Commitment(id="a", actor="A", text="t", stated_on=dt.date(2025, 10, 16), deadline="when pigs fly",
    ...                sources=[Source(url="https://example.org")])
    >>> sorted(window_view(c))
    ['error', 'phrase']
    """
    phrase = commitment.deadline_means or commitment.deadline
    try:
        window = parse_deadline(phrase, commitment.stated_on)
    except DeadlineError as exc:
        return {"phrase": phrase, "error": str(exc)}
    return window.to_dict()


def commitment_view(ledger: Ledger, verdicts: pd.DataFrame, commitment_id: str) -> dict[str, Any]:
    """One commitment in full, as plain values: its record, window, events, chain of resets and verdict.

    ``verdicts`` is ``evaluate()``'s frame for ``ledger`` (its ``attrs`` give
    the as-of day). Events after the as-of day are listed with ``counted``
    False; a commitment said after it has no verdict (None).

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> led = load("fixtures/examples").ledger
    >>> view = commitment_view(led, evaluate(led, as_of=dt.date(2025, 6, 1)), "bridge-reopening-2")
    >>> [c["id"] for c in view["chain"]], view["verdict"]["status"], view["window"]["latest"]
    (['bridge-reopening', 'bridge-reopening-2'], 'late', '2025-04-03')
    """
    as_of = verdicts.attrs["as_of"]
    c = ledger.commitment(commitment_id)
    rows = verdicts.set_index(verdicts["id"].astype(object))
    status_of = {cid: str(rows.at[cid, "status"]) for cid in rows.index}
    verdict = None
    if commitment_id in rows.index:
        row = rows.loc[commitment_id]
        verdict = {name: plain(row[name]) for name in ("status", "status_rule", "resolved_on", "days_late")}
        verdict |= {name: plain(row[name]) for name in ("superseded_by", "evidence_url")}
        verdict["meaning"] = STATUS_WORDS[verdict["status"]].meaning
    return {
        "as_of": as_of.isoformat(),
        "id": c.id,
        "actor": c.actor,
        "stated_on": c.stated_on.isoformat(),
        "recorded_on": plain(c.recorded_on),
        "text": c.text,
        "deadline": c.deadline,
        "deadline_means": c.deadline_means,
        "topic": c.topic,
        "tags": list(c.tags),
        "candidate": CANDIDATE_TAG in c.tags,
        "supersedes": c.supersedes,
        "sources": [_source(s) for s in c.sources],
        "window": window_view(c),
        "events": [_event(e, as_of, verdicts.attrs.get("known_as_of")) for e in ledger.events_for(commitment_id)],
        "chain": [
            {
                "id": link.id,
                "stated_on": link.stated_on.isoformat(),
                "deadline": link.deadline,
                "status": status_of.get(link.id),
                "this": link.id == commitment_id,
            }
            for link in _chain(ledger, commitment_id)
        ],
        "verdict": verdict,
    }


def _source_lines(sources: Iterable[dict[str, Any]]) -> list[str]:
    lines = []
    for s in sources:
        parts = [s["url"]]
        if s["title"]:
            parts.append(f"“{s['title']}”")
        if s["published_on"]:
            parts.append(f"(published {short_date(_dt.date.fromisoformat(s['published_on']))})")
        if s["quote"]:
            parts.append(f"quote: “{s['quote']}”")
        lines.append(" ".join(parts))
    return lines


def _day(text: str | None) -> str:
    return short_date(_dt.date.fromisoformat(text)) if text else ""


def commitment_text(view: dict[str, Any]) -> str:
    """``commitment_view`` as the text ``ledger show`` prints: the record, window, events, chain, verdict.

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> led = load("fixtures/examples").ledger
    >>> text = commitment_text(commitment_view(led, evaluate(led, as_of=dt.date(2025, 6, 1)), "budget-plan"))
    >>> print(text.splitlines()[0])
    budget-plan: Publish the draft city budget
    """
    said = long_date(_dt.date.fromisoformat(view["stated_on"]))
    if view["recorded_on"] and view["recorded_on"] != view["stated_on"]:
        said += f" (recorded {long_date(_dt.date.fromisoformat(view['recorded_on']))})"
    lines = [f"{view['id']}: {view['text']}", f"  actor     {view['actor']}", f"  said      {said}"]
    if view["topic"] or view["tags"]:
        lines.append(
            f"  topic     {view['topic'] or '–'}" + (f"; tags: {', '.join(view['tags'])}" if view["tags"] else "")
        )
    if view["candidate"]:
        lines.append("  candidate not yet confirmed (tagged 'candidate'): left out of counts until the tag is removed")
    means = f" (read as “{view['deadline_means']}”)" if view["deadline_means"] else ""
    lines.append(f"  deadline  “{view['deadline']}”{means}")
    window = view["window"]
    if "error" in window:
        lines.append(f"  window    cannot be read: {window['error']}")
    else:
        due = _day(window["due"]) or "–"
        latest = _day(window["latest"]) or "open"
        span = f"{_day(window['earliest'])} .. due {due} .. latest {latest}"
        lines.append(f"  window    {span} [{window['kind']}, {window['rule']}]")
        lines.append(f"            {window['explanation']}")
    for i, source in enumerate(_source_lines(view["sources"])):
        lines.append(("  sources   " if i == 0 else "            ") + source)
    lines += ["", _events_heading(view["events"])]
    for event in view["events"]:
        recorded = f" (recorded {_day(event['recorded_on'])})" if event["recorded_on"] else ""
        why = event.get("why_not_counted") or "after the as-of day"
        later = "" if event["counted"] else f"  [{why}: not counted]"
        note = " ".join((event["note"] or "").split())  # a note's own line breaks would break the columns
        lines.append(f"  {_day(event['on']):<12} {event['type']:<15}{note}{recorded}{later}".rstrip())
        lines += [f"  {'':<12} {'':<15}{source}" for source in _source_lines(event["sources"])]
    lines += ["", *_chain_lines(view["chain"]), "", *_verdict_lines(view)]
    return "\n".join(lines)


def _events_heading(events: list[dict[str, Any]]) -> str:
    return f"events ({len(events)}), in date order" if events else "events: none recorded"


def _chain_lines(chain: list[dict[str, Any]]) -> list[str]:
    if len(chain) == 1:
        return ["chain of resets: none (no commitment resets this one, and it resets none)"]
    lines = [f"chain of resets ({len(chain)} commitments, first statement first)"]
    width = max(len(link["id"]) for link in chain)
    for i, link in enumerate(chain, 1):
        status = link["status"] or "not yet said"
        mark = "  <- this one" if link["this"] else ""
        lines.append(
            f"  {i}. {link['id']:<{width}}  said {_day(link['stated_on']):<12} “{link['deadline']}”  {status}{mark}"
        )
    return lines


def _verdict_lines(view: dict[str, Any]) -> list[str]:
    as_of = long_date(_dt.date.fromisoformat(view["as_of"]))
    verdict = view["verdict"]
    if verdict is None:
        return [f"verdict as of {as_of}: none: it was said after that day"]
    status = verdict["status"]
    extra = ""
    if verdict["days_late"]:
        extra = f" ({plural(verdict['days_late'], 'day')} late)"
    elif verdict["resolved_on"] and status != "superseded":
        extra = f" (on {_day(verdict['resolved_on'])})"
    lines = [f"verdict as of {as_of}: {status}{extra}", f"  rule      {verdict['status_rule']}"]
    if verdict["superseded_by"]:
        lines.append(f"  reset by  {verdict['superseded_by']}")
    if verdict["evidence_url"]:
        lines.append(f"  evidence  {verdict['evidence_url']}")
    return lines


# -- the listing ----------------------------------------------------------------------


def status_totals(verdicts: pd.DataFrame) -> dict[str, int]:
    """How many commitments have each status, in the order of ``STATUSES``, statuses with none left out.

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> status_totals(evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1)))
    {'kept': 1, 'late': 2, 'broken': 1, 'superseded': 1, 'lapsed': 2}
    """
    counts = verdicts["status"].astype(object).value_counts()
    return {status: int(counts[status]) for status in STATUSES if counts.get(status, 0)}


def _totals_sentence(verdicts: pd.DataFrame) -> str:
    totals = status_totals(verdicts)
    parts = ", ".join(f"{n} {status}" for status, n in totals.items())
    return f"{plural(len(verdicts), 'commitment')}" + (f": {parts}" if parts else "")


def listing(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The listing's columns of a verdicts frame (``LISTING_COLUMNS``), rows as given."""
    return verdicts.loc[:, list(LISTING_COLUMNS)]


def _cell(name: str, value: Any) -> str:
    value = plain(value)
    if value is None:
        return "–" if name in ("latest", "due", "topic") else ""
    if name in ("stated_on", "latest", "due", "resolved_on"):
        return short_date(_dt.date.fromisoformat(value))
    return str(value)


def listing_text(verdicts: pd.DataFrame, *, markdown: bool = False) -> str:
    """One line per commitment (id, actor, day said, latest due date, status), then the totals by status.

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> v = evaluate(load("fixtures/examples/spreadsheet").ledger, as_of=dt.date(2025, 6, 1))
    >>> print(listing_text(v))  # doctest: +NORMALIZE_WHITESPACE
    id             actor                  said         latest       status
    library-hours  Councillor Ben Sample  1 Feb 2025   31 May 2025  kept
    pool-repair    Councillor Ben Sample  15 Feb 2025  17 Mar 2025  lapsed
    pool-repair-2  Councillor Ben Sample  20 Mar 2025  19 Apr 2025  broken
    <BLANKLINE>
    3 commitments: 1 kept, 1 broken, 1 lapsed
    """
    header = [title for _, title in _SHORT_COLUMNS]
    rows = [
        [_cell(name, value) for (name, _), value in zip(_SHORT_COLUMNS, values)]
        for values in zip(*(verdicts[name] for name, _ in _SHORT_COLUMNS))
    ]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(md_escape(cell) for cell in row) + " |" for row in rows]
        return "\n".join([*lines, "", f"**Totals:** {_totals_sentence(verdicts)}"])
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header, *rows]]
    return "\n".join([*lines, "", _totals_sentence(verdicts)])


# -- what changed ---------------------------------------------------------------------


def _entry(row: pd.Series) -> dict[str, Any]:
    names = ("id", "actor", "text", "deadline", "latest", "status_before", "status_after", "status_rule")
    found = {name: plain(row[name]) for name in names if name in row.index}
    found |= {name: plain(row[name]) for name in ("resolved_on", "superseded_by", "source_url", "evidence_url")}
    return found


def changes_view(changed: pd.DataFrame) -> dict[str, Any]:
    """``changes()`` between two as-of days as plain values: the interval and every desk section's entries.

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> from ledger.verdicts.changes import changes
    >>> led = load("fixtures/examples/example.yaml").ledger
    >>> view = changes_view(changes(evaluate(led, as_of=dt.date(2025, 4, 1)), evaluate(led, as_of=dt.date(2025, 4, 8))))
    >>> view["from"], [e["id"] for e in view["sections"]["late"]]
    ('2025-04-01', ['bridge-reopening-2'])
    """
    sections = desk_sections(changed)
    return {
        "from": plain(changed.attrs.get("as_of_before")),
        "to": plain(changed.attrs.get("as_of_after")),
        "sections": {name: [_entry(row) for _, row in rows.iterrows()] for name, rows in sections.items()},
    }


def _line(entry: dict[str, Any], section: str) -> str:
    head = f"- `{entry['id']}` {md_escape(entry['actor'])}: {md_escape(entry['text'])}"
    latest = _day(entry["latest"])
    if section == "new":
        due = f", latest due date {latest}" if latest else ", no date named"
        return f"{head} (“{md_escape(entry['deadline'])}”{due}; {md_link(entry['source_url'], 'source')})"
    if section == "came_due":
        return f"{head} (due by {latest}; now {entry['status_after']})"
    if section == "superseded":
        return f"{head} (reset by `{entry['superseded_by']}`)"
    details = [_day(entry["resolved_on"])] if entry["resolved_on"] else []
    details += [md_link(entry["evidence_url"], "evidence")] if entry["evidence_url"] else []
    return f"{head} — {md_escape(entry['status_rule'])}" + (f" ({', '.join(details)})" if details else "")


def changes_text(view: dict[str, Any]) -> str:
    """``changes_view`` as Markdown a desk can paste: a heading, then each section that has entries.

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> from ledger.verdicts.changes import changes
    >>> led = load("fixtures/examples/example.yaml").ledger
    >>> week = changes(evaluate(led, as_of=dt.date(2025, 4, 1)), evaluate(led, as_of=dt.date(2025, 4, 8)))
    >>> print(changes_text(changes_view(week)).splitlines()[0])
    ## What changed from 1 April 2025 to 8 April 2025
    """
    start, end = (long_date(_dt.date.fromisoformat(view[k])) if view[k] else "?" for k in ("from", "to"))
    lines = [f"## What changed from {start} to {end}"]
    for name, entries in view["sections"].items():
        if entries:
            lines += ["", f"**{DESK_SECTIONS[name]} ({len(entries)})**", ""]
            lines += [_line(entry, name) for entry in entries]
    if len(lines) == 1:
        lines += ["", "Nothing changed: no new commitment, no deadline came due, no verdict moved."]
    return "\n".join(lines)


def _commitment_change(row: dict[str, Any]) -> dict[str, Any]:
    found = {name: plain(value) for name, value in row.items() if name not in ("was", "now")}
    found["was"] = {name: _plain_field(value) for name, value in row["was"].items()}
    found["now"] = {name: _plain_field(value) for name, value in row["now"].items()}
    return found


def _plain_field(value: Any) -> Any:
    """A record field's value as JSON: sources as mappings, tuples as lists."""
    if isinstance(value, tuple):
        return [_source(v) if isinstance(v, Source) else v for v in value]
    return plain(value)


def ledger_changes_view(found: LedgerChanges, verdicts: pd.DataFrame, old: str, new: str) -> dict[str, Any]:
    """``ledger_changes`` and the verdicts that changed (``changes()`` of the two versions) as plain values."""
    moved = verdicts[verdicts["change"].astype(object) != "unchanged"]
    return {
        "old": old,
        "new": new,
        "as_of": plain(verdicts.attrs.get("as_of_after")),
        "commitments": [_commitment_change(row) for row in found.commitments.to_dict("records")],
        "events": [_commitment_change(row) for row in found.events.to_dict("records")],
        "verdicts": [
            {
                "id": row["id"],
                "change": row["change"],
                "status_before": plain(row["status_before"]),
                "status_after": plain(row["status_after"]),
                "latest_before": plain(row["latest_before"]),
                "latest_after": plain(row["latest"]) if row["change"] != "removed" else None,
                "fields": row["fields"],
                "status_rule": plain(row["status_rule"]),
            }
            for row in moved.to_dict("records")
        ],
    }


def _edits(was: dict[str, Any], now: dict[str, Any]) -> str:
    """'deadline “very soon” → “by the end of April”; sources edited': what a changed record was, and is."""
    edits = []
    for name, value in was.items():
        new = now.get(name)
        if isinstance(value, list) or isinstance(new, list):
            edits.append(f"{name} edited")
        elif value is None:
            edits.append(f"{name} added: “{md_escape(new)}”")
        elif new is None:
            edits.append(f"{name} removed (was “{md_escape(value)}”)")
        else:
            edits.append(f"{name} “{md_escape(value)}” → “{md_escape(new)}”")
    return "; ".join(edits)


def _commitment_change_line(row: dict[str, Any]) -> str:
    head = f"- `{row['id']}` {md_escape(row['actor'])}: {md_escape(row['text'])}"
    if row["change"] != "changed":
        return f"{head} (“{md_escape(row['deadline'])}”)"
    return f"{head}: {_edits(row['was'], row['now'])}"


def _verdict_change(row: dict[str, Any]) -> str:
    parts = []
    rule = f" ({md_escape(row['status_rule'])})" if row["status_after"] else ""
    if row["status_before"] is None:
        parts.append(f"new, {row['status_after']}{rule}")
    elif row["status_after"] is None:
        parts.append(f"was {row['status_before']}, now removed")
    elif row["status_before"] != row["status_after"]:
        parts.append(f"{row['status_before']} → {row['status_after']}{rule}")
    if row["latest_before"] != row["latest_after"] and row["status_before"] and row["status_after"]:
        before, after = _day(row["latest_before"]) or "open", _day(row["latest_after"]) or "open"
        parts.append(f"latest due date {before} → {after}")
    return f"- `{row['id']}`: " + "; ".join(parts)


def ledger_changes_text(view: dict[str, Any]) -> str:
    """``ledger_changes_view`` as Markdown a reviewer reads: records added, removed, changed; verdicts moved."""
    as_of = long_date(_dt.date.fromisoformat(view["as_of"])) if view["as_of"] else "?"
    lines = [f"## Changes from {md_escape(view['old'])} to {md_escape(view['new'])}, judged as of {as_of}"]
    for change in ("added", "removed", "changed"):
        rows = [row for row in view["commitments"] if row["change"] == change]
        if rows:
            lines += ["", f"**Commitments {change} ({len(rows)})**", ""]
            lines += [_commitment_change_line(row) for row in rows]
    for change in ("added", "removed", "changed"):
        rows = [row for row in view["events"] if row["change"] == change]
        if rows:
            lines += ["", f"**Events {change} ({len(rows)})**", ""]
            for row in rows:
                what = _edits(row["was"], row["now"]) if row["fields"] else md_escape(row["note"] or "")
                lines.append(
                    f"- `{row['commitment_id']}` {_day(row['on'])} {row['type']}" + (f": {what}" if what else "")
                )
    moved = [
        row
        for row in view["verdicts"]
        if row["status_before"] != row["status_after"] or row["latest_before"] != row["latest_after"]
    ]
    if moved:
        lines += ["", f"**Verdicts that changed ({len(moved)})**", ""]
        lines += [_verdict_change(row) for row in moved]
    if len(lines) == 1:
        lines += ["", "No change: the two versions hold the same commitments and events."]
    return "\n".join(lines)
