"""The column layout of a ledger: its Arrow schemas, and records to Arrow tables and frames.

Every table has one declared pyarrow schema: dates are ``date32``, repeated
strings (actors, topics, deadline phrases, event types) are dictionary
encoded, sources are a list of structs. The schemas are derived from the
records' field declarations (``ledger.core.fields``): one column per field,
in the order the record declares them.

>>> COMMITMENTS_SCHEMA.names[:3], EVENTS_SCHEMA.names[:3]
(['id', 'actor', 'stated_on'], ['commitment_id', 'type', 'on'])
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from ledger.core.fields import DICTIONARY_STRING, frame, schema, table
from ledger.core.records import Commitment, Event, Source

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

SOURCE_TYPE = pa.struct(list(schema(Source)))
COMMITMENTS_SCHEMA = schema(Commitment)
EVENTS_SCHEMA = schema(Event)


def commitments_table(commitments: Iterable[Commitment]) -> pa.Table:
    """Commitment records as an Arrow table with ``COMMITMENTS_SCHEMA``."""
    return table(Commitment, commitments)


def events_table(events: Iterable[Event]) -> pa.Table:
    """Event records as an Arrow table with ``EVENTS_SCHEMA``."""
    return table(Event, events)


def commitments_frame(commitments: Iterable[Commitment]):
    """Commitment records as a pandas DataFrame (one row each).

    >>> import datetime as dt
    >>> c = Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="soon")
    >>> commitments_frame([c]).loc[0, "stated_on"]
    Timestamp('2025-01-01 00:00:00')
    """
    return frame(commitments_table(commitments))


def events_frame(events: Iterable[Event]):
    """Event records as a pandas DataFrame (one row each)."""
    return frame(events_table(events))
