"""Notebook HTML for ledger objects (``_repr_html_``): short, escaped, no scripts.

``due_window_html`` is for ``DueWindow._repr_html_`` (ledger/deadlines.py
attaches it).
"""

from __future__ import annotations

import html
from collections import Counter

from ledger.core.formats import short_date

_MAX_ROWS = 20


def _esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def ledger_html(ledger) -> str:
    """A Ledger: counts, actors, date range, and its first commitments."""
    commitments = ledger.commitments
    n_events = Counter(e.commitment_id for e in ledger.events)
    actors = Counter(c.actor for c in commitments)
    lines = [f"<p><b>Ledger</b>: {len(commitments)} commitments, {len(ledger.events)} events, {len(actors)} actors"]
    if commitments:
        first = min(c.stated_on for c in commitments)
        last = max(c.stated_on for c in commitments)
        lines[0] += f", stated {_esc(short_date(first))} to {_esc(short_date(last))}"
    lines[0] += "</p>"
    rows = [
        [
            f"<code>{_esc(c.id)}</code>",
            _esc(c.actor),
            _esc(short_date(c.stated_on)),
            f"“{_esc(c.deadline)}”",
            _esc(c.topic or ""),
            _esc(c.supersedes or ""),
            str(len(c.sources)),
            str(n_events.get(c.id, 0)),
        ]
        for c in commitments[:_MAX_ROWS]
    ]
    if rows:
        lines.append(_table(["id", "actor", "stated_on", "deadline", "topic", "supersedes", "sources", "events"], rows))
    if len(commitments) > _MAX_ROWS:
        lines.append(f"<p>… and {len(commitments) - _MAX_ROWS} more (ledger.to_frames() gives them all)</p>")
    return '<div class="ledger-ledger">' + "".join(lines) + "</div>"


def load_result_html(result) -> str:
    """A LoadResult: its summary line, its errors and warnings as one table in file order, then the ledger.

    Warnings are listed too: each is a question for the desk (two spellings of one actor, a
    candidate left out of the statistics), and a notebook is where it is first seen.
    """
    parts = [f"<p><b>LoadResult</b>: {_esc(result.summary())}</p>"]
    problems = result.problems
    if problems:
        rows = [
            [
                _esc(f"{e.path}:{e.line}" if e.line else e.path),
                _esc(e.severity),
                f"<code>{_esc(e.code)}</code>",
                _esc(e.field or ""),
                _esc(e.message),
            ]
            for e in problems[:_MAX_ROWS]
        ]
        parts.append(_table(["where", "kind", "code", "field", "message"], rows))
        if len(problems) > _MAX_ROWS:
            parts.append(f"<p>… and {len(problems) - _MAX_ROWS} more</p>")
    parts.append(ledger_html(result.ledger))
    return '<div class="ledger-load-result">' + "".join(parts) + "</div>"


def due_window_html(window) -> str:
    """A DueWindow: the phrase, its dates, kind and rule, what was set aside, and the one-line explanation."""
    dates = [("said", window.stated_on), ("earliest", window.earliest), ("due", window.due), ("latest", window.latest)]
    cells = [[_esc(name), _esc(short_date(day) if day else "open (no date)")] for name, day in dates]
    cells += [
        ["kind", _esc(window.kind) + (" (hedged)" if window.hedged else "") + (" (vague)" if window.vague else "")],
        ["rule", f"<code>{_esc(window.rule)}</code>"],
    ]
    aside = getattr(window, "ignored", ())
    if aside:  # words of the phrase not read into the window (DueWindow.ignored)
        cells.append(["set aside", ", ".join(f"“{_esc(a.words)}” ({_esc(a.why)})" for a in aside)])
    body = "".join(f"<tr><th style='text-align:left'>{name}</th><td>{value}</td></tr>" for name, value in cells)
    return (
        f'<div class="ledger-due-window"><p><b>DueWindow</b> “{_esc(window.phrase)}”</p><table>{body}</table>'
        f"<p>{_esc(window.explain())}</p></div>"
    )
