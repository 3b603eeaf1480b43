"""The column layout of a ledger: Arrow schemas, and records to Arrow tables and frames.

Every table has one declared pyarrow schema: dates are ``date32``, repeated
strings (actors, topics, deadline phrases, event types) are dictionary
encoded, sources are a list of structs. Records are read by attribute, so
this module sits below the records that use it for ``Ledger.to_frames``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa

__all__ = [
    "COMMITMENTS_SCHEMA",
    "DICTIONARY_STRING",
    "EVENTS_SCHEMA",
    "SOURCE_TYPE",
    "commitments_frame",
    "commitments_table",
    "events_frame",
    "events_table",
]

#: Repeated strings (actors, topics, phrases, statuses) in every table.
DICTIONARY_STRING = pa.dictionary(pa.int32(), pa.string())

SOURCE_TYPE = pa.struct(
    [
        pa.field("url", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("quote", pa.string()),
        pa.field("published_on", pa.date32()),
    ]
)

COMMITMENTS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("actor", DICTIONARY_STRING, nullable=False),
        pa.field("stated_on", pa.date32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("deadline", DICTIONARY_STRING, nullable=False),
        pa.field("deadline_means", pa.string()),
        pa.field("topic", DICTIONARY_STRING),
        pa.field("supersedes", pa.string()),
        pa.field("recorded_on", pa.date32()),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("sources", pa.list_(SOURCE_TYPE)),
    ]
)

EVENTS_SCHEMA = pa.schema(
    [
        pa.field("commitment_id", pa.string(), nullable=False),
        pa.field("type", DICTIONARY_STRING, nullable=False),
        pa.field("on", pa.date32(), nullable=False),
        pa.field("recorded_on", pa.date32()),
        pa.field("note", pa.string()),
        pa.field("sources", pa.list_(SOURCE_TYPE)),
    ]
)


def _source_dict(s: Any) -> dict:
    return {"url": s.url, "title": s.title, "quote": s.quote, "published_on": s.published_on}


def commitments_table(commitments: Iterable[Any]) -> pa.Table:
    """Commitment records as an Arrow table with ``COMMITMENTS_SCHEMA``."""
    cs = list(commitments)
    columns = {
        "id": [c.id for c in cs],
        "actor": [c.actor for c in cs],
        "stated_on": [c.stated_on for c in cs],
        "text": [c.text for c in cs],
        "deadline": [c.deadline for c in cs],
        "deadline_means": [c.deadline_means for c in cs],
        "topic": [c.topic for c in cs],
        "supersedes": [c.supersedes for c in cs],
        "recorded_on": [c.recorded_on for c in cs],
        "tags": [list(c.tags) for c in cs],
        "sources": [[_source_dict(s) for s in c.sources] for c in cs],
    }
    return pa.Table.from_pydict(columns, schema=COMMITMENTS_SCHEMA)


def events_table(events: Iterable[Any]) -> pa.Table:
    """Event records as an Arrow table with ``EVENTS_SCHEMA``."""
    es = list(events)
    columns = {
        "commitment_id": [e.commitment_id for e in es],
        "type": [e.type for e in es],
        "on": [e.on for e in es],
        "recorded_on": [e.recorded_on for e in es],
        "note": [e.note for e in es],
        "sources": [[_source_dict(s) for s in e.sources] for e in es],
    }
    return pa.Table.from_pydict(columns, schema=EVENTS_SCHEMA)


def _to_pandas(table: pa.Table):
    # Plain string columns, not Categoricals: a categorical groupby lists
    # every actor of the file even where a filter left none (pandas'
    # observed=False), a surprise in a notebook. datetime64 dates are what
    # pandas users filter and plot with.
    fields = [pa.field(f.name, pa.string(), f.nullable) if pa.types.is_dictionary(f.type) else f for f in table.schema]
    return table.cast(pa.schema(fields)).to_pandas(date_as_object=False)


def commitments_frame(commitments: Iterable[Any]):
    """Commitment records as a pandas DataFrame (one row each).

    >>> import datetime as dt
    >>> from ledger import Commitment
    >>> c = Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="soon")
    >>> commitments_frame([c]).loc[0, "stated_on"]
    Timestamp('2025-01-01 00:00:00')
    """
    return _to_pandas(commitments_table(commitments))


def events_frame(events: Iterable[Any]):
    """Event records as a pandas DataFrame (one row each)."""
    return _to_pandas(events_table(events))
