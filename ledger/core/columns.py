"""The column layout of a ledger: its Arrow schemas, and records to Arrow tables.

Every table has one declared pyarrow schema: dates are ``date32``, repeated
strings (actors, topics, deadline phrases, event types) are dictionary
encoded, sources are a list of structs. The schemas are derived from the
records' field declarations (``ledger.core.fields``): one column per field,
in the order the record declares them.

>>> COMMITMENTS_SCHEMA.names[:3], EVENTS_SCHEMA.names[:3]
(['id', 'actor', 'stated_on'], ['commitment_id', 'type', 'happened_on'])
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from ledger.core.fields import DICTIONARY_STRING, schema, table
from ledger.core.records import Commitment, Event, Source

__all__ = [
    "COMMITMENTS_SCHEMA",
    "DICTIONARY_STRING",
    "EVENTS_SCHEMA",
    "SOURCE_TYPE",
    "commitments_table",
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
