"""The field lists of the file formats, derived from the records' declarations.

Readers and writers list a record's fields in the order the record declares
them (``ledger.core.records``), except in three places where the files were
first written otherwise; each says so with ``moved``, so a field added to a
record appears in every format without an edit here. docs/format.md
describes the same fields and columns.

>>> CSV_COMMITMENT_REQUIRED
('id', 'actor', 'stated_on', 'text', 'deadline', 'source_url')
>>> CSV_EVENT_COLUMNS[:5]
('commitment_id', 'on', 'type', 'note', 'recorded_on')
"""

from __future__ import annotations

from collections.abc import Iterable

from ledger.core.fields import Declared, Kind, declared, moved
from ledger.core.records import Commitment, Event, Source

__all__ = [
    "COMMITMENT_FIELDS",
    "COMMITMENT_READ",
    "COMMITMENT_YAML",
    "CSV_COMMITMENT_COLUMNS",
    "CSV_COMMITMENT_REQUIRED",
    "CSV_EVENT_COLUMNS",
    "CSV_EVENT_REQUIRED",
    "EVENT_CSV",
    "EVENT_FIELDS",
    "EVENT_READ",
    "MULTI_SEPARATOR",
    "SOURCE_COLUMNS",
    "SOURCE_FIELDS",
    "SOURCE_READ",
    "TOP_LEVEL_FIELDS",
    "names",
]

MULTI_SEPARATOR = "|"  # several values in one CSV cell: "a | b"

#: A commitment's fields as the loader reads them and CSV lists them: declaration order.
COMMITMENT_READ: tuple[Declared, ...] = declared(Commitment)
#: An event's fields as the loader reads them and YAML writes them: its date before its type, as a diary reads.
EVENT_READ: tuple[Declared, ...] = moved(declared(Event), "on", after="commitment_id")
SOURCE_READ: tuple[Declared, ...] = declared(Source)
#: The YAML writer puts a commitment's tags right after its topic.
COMMITMENT_YAML: tuple[Declared, ...] = moved(COMMITMENT_READ, "tags", after="topic")
#: events.csv puts the note before recorded_on.
EVENT_CSV: tuple[Declared, ...] = moved(EVENT_READ, "note", after="type")


def names(fields: Iterable[Declared]) -> tuple[str, ...]:
    """The names of declared fields, in order."""
    return tuple(f.name for f in fields)


#: The fields each entry of a YAML file may have (a commitment may nest its events).
COMMITMENT_FIELDS = (*names(COMMITMENT_READ), "events")
EVENT_FIELDS = names(EVENT_READ)
SOURCE_FIELDS = names(SOURCE_READ)
TOP_LEVEL_FIELDS = ("title", "description", "dates", "actors", "commitments", "events")

#: A source's fields spread over CSV columns: column -> field.
SOURCE_COLUMNS: dict[str, str] = {f.csv_column: f.name for f in SOURCE_READ}


def _columns(fields: Iterable[Declared]) -> tuple[str, ...]:
    # Sources take one column per source field, the rest one column each.
    return tuple(column for f in fields for column in (SOURCE_COLUMNS if f.kind is Kind.RECORDS else (f.name,)))


def _required(fields: Iterable[Declared]) -> tuple[str, ...]:
    required = []
    for f in fields:
        if f.kind is Kind.RECORDS and f.required_in_files:
            required += [s.csv_column for s in SOURCE_READ if s.required_in_files]
        elif f.required_in_files:
            required.append(f.name)
    return tuple(required)


CSV_COMMITMENT_COLUMNS = _columns(COMMITMENT_READ)
CSV_COMMITMENT_REQUIRED = _required(COMMITMENT_READ)
CSV_EVENT_COLUMNS = _columns(EVENT_CSV)
CSV_EVENT_REQUIRED = _required(EVENT_CSV)
