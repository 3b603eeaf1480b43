"""Write a ``Ledger`` back out as the files people edit: YAML, or a CSV pair.

What these functions write, ``ledger.load`` reads back into an equal ledger
(the round trip is pinned by property tests). Writes to disk are atomic.
"""

from __future__ import annotations

import csv
import io

import yaml

from ledger.core.records import Commitment, Event, Ledger, Source
from ledger.io.loader import CSV_COMMITMENT_COLUMNS, CSV_EVENT_COLUMNS, MULTI_SEPARATOR

__all__ = ["dump_csv", "dump_yaml"]


def _source(s: Source) -> dict:
    out = {"url": s.url}
    for key in ("title", "quote"):
        if getattr(s, key) is not None:
            out[key] = getattr(s, key)
    if s.published_on is not None:
        out["published_on"] = s.published_on.isoformat()
    return out


def _event(e: Event, *, nested: bool) -> dict:
    out = {} if nested else {"commitment_id": e.commitment_id}
    out["on"] = e.on.isoformat()
    out["type"] = e.type
    if e.recorded_on is not None:
        out["recorded_on"] = e.recorded_on.isoformat()
    if e.note is not None:
        out["note"] = e.note
    if e.sources:
        out["sources"] = [_source(s) for s in e.sources]
    return out


def _commitment(c: Commitment, events: list[Event]) -> dict:
    out = {
        "id": c.id,
        "actor": c.actor,
        "stated_on": c.stated_on.isoformat(),
        "text": c.text,
        "deadline": c.deadline,
    }
    if c.deadline_means is not None:
        out["deadline_means"] = c.deadline_means
    if c.topic is not None:
        out["topic"] = c.topic
    if c.tags:
        out["tags"] = list(c.tags)
    if c.supersedes is not None:
        out["supersedes"] = c.supersedes
    if c.recorded_on is not None:
        out["recorded_on"] = c.recorded_on.isoformat()
    out["sources"] = [_source(s) for s in c.sources]
    if events:
        out["events"] = [_event(e, nested=True) for e in events]
    return out


class _Dumper(yaml.SafeDumper):
    """Block style, keys in our order; long text wraps for hand editing."""


def _no_aliases(self, data):  # identical sub-lists must not become &anchors
    return True


_Dumper.ignore_aliases = _no_aliases

# Characters a YAML reader folds into a line break or a space unless the
# string is double-quoted, where they are written as escapes.
_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


def _text(dumper, value: str):
    style = '"' if any(c in value for c in _LINE_BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_yaml(ledger: Ledger, *, title: str | None = None, description: str | None = None) -> str:
    """The ledger as YAML text, events nested under their commitment.

    >>> import datetime as dt
    >>> c = Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="soon",
    ...                sources=[Source(url="https://example.org")])
    >>> print(dump_yaml(Ledger([c])))
    commitments:
    - id: a
      actor: X
      stated_on: '2025-01-01'
      text: t
      deadline: soon
      sources:
      - url: https://example.org
    <BLANKLINE>
    """
    by_commitment: dict[str, list[Event]] = {}
    for e in ledger.events:
        by_commitment.setdefault(e.commitment_id, []).append(e)
    doc: dict = {}
    if title is not None:
        doc["title"] = title
    if description is not None:
        doc["description"] = description
    doc["commitments"] = [_commitment(c, by_commitment.get(c.id, [])) for c in ledger.commitments]
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _joined(values) -> str:
    return f" {MULTI_SEPARATOR} ".join(values)


def _source_cells(sources) -> dict[str, str]:
    def column(get):
        values = [get(s) for s in sources]
        return "" if all(v is None for v in values) else _joined(v or "" for v in values)

    return {
        "source_url": _joined(s.url for s in sources),
        "source_title": column(lambda s: s.title),
        "quote": column(lambda s: s.quote),
        "source_published_on": column(lambda s: s.published_on.isoformat() if s.published_on else None),
    }


def _csv_text(columns, rows) -> str:
    buffer = io.StringIO(newline="")
    # CRLF, as spreadsheets write it; it also makes the writer quote any cell
    # holding a bare "\r", which would otherwise split the row on reading.
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def dump_csv(ledger: Ledger) -> tuple[str, str]:
    """The ledger as the text of ``commitments.csv`` and ``events.csv``.

    Several sources or tags share a cell, separated by ``' | '``; a value
    that itself contains '|' cannot be written this way (use YAML).
    """
    commitments = [
        {
            "id": c.id,
            "actor": c.actor,
            "stated_on": c.stated_on.isoformat(),
            "text": c.text,
            "deadline": c.deadline,
            "deadline_means": c.deadline_means or "",
            "topic": c.topic or "",
            "supersedes": c.supersedes or "",
            "recorded_on": c.recorded_on.isoformat() if c.recorded_on else "",
            "tags": _joined(c.tags),
            **_source_cells(c.sources),
        }
        for c in ledger.commitments
    ]
    events = [
        {
            "commitment_id": e.commitment_id,
            "on": e.on.isoformat(),
            "type": e.type,
            "note": e.note or "",
            "recorded_on": e.recorded_on.isoformat() if e.recorded_on else "",
            **_source_cells(e.sources),
        }
        for e in ledger.events
    ]
    return _csv_text(CSV_COMMITMENT_COLUMNS, commitments), _csv_text(CSV_EVENT_COLUMNS, events)
