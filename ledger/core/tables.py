"""A ledger as two Arrow tables (``LedgerTables``), back to records, and its content hash.

``LedgerTables`` is the columnar form that evaluation works on, with the
schemas of ``ledger.core.columns``; ``ledger_hash`` is computed from it.
"""

from __future__ import annotations

import hashlib

import attrs
import pyarrow as pa

from ledger.core.columns import (
    COMMITMENTS_SCHEMA,
    EVENTS_SCHEMA,
    commitments_table,
    events_table,
)
from ledger.core.fields import declared
from ledger.core.records import Commitment, Event, Ledger

__all__ = ["LedgerTables", "ledger_hash"]


def ledger_hash(ledger: Ledger | LedgerTables) -> str:
    """A SHA-256 of the ledger's content, independent of file format and origin.

    The same commitments and events loaded from YAML, from CSV or from
    Parquet hash the same. It hashes the Arrow IPC bytes of the two tables
    with repeated strings decoded and chunks combined, so a million rows hash
    in well under a second.

    >>> len(ledger_hash(Ledger()))
    64
    """
    tables = ledger if isinstance(ledger, LedgerTables) else LedgerTables.from_ledger(ledger)
    if tables.stored_hash is not None:
        return tables.stored_hash  # read_arrow: the hash the files were written with
    digest = hashlib.sha256()
    for cls, table in ((Commitment, tables.commitments), (Event, tables.events)):
        # Under the records' field names, as before the events' ``on`` column became ``happened_on``:
        # renaming a column changes no content, so no hash written before changes either.
        table = table.rename_columns([f.name for f in declared(cls)])
        plain = pa.schema(
            [pa.field(f.name, pa.string(), f.nullable) if pa.types.is_dictionary(f.type) else f for f in table.schema]
        )
        canonical = table.replace_schema_metadata(None).cast(plain).combine_chunks()
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, canonical.schema) as writer:
            writer.write_table(canonical)
        digest.update(sink.getvalue().to_pybytes())
    return digest.hexdigest()


@attrs.frozen
class LedgerTables:
    """A ledger as two Arrow tables, for work on whole columns.

    ``evaluate`` takes this as well as a ``Ledger``: a million commitments
    read from Parquet never become a million Python objects. Construction
    checks the schemas; ``evaluate`` checks ids and references in the same
    pass that looks them up (a second pass here would double the cost).

    >>> t = LedgerTables.from_ledger(Ledger())
    >>> t.commitments.num_rows, t.events.num_rows
    (0, 0)
    """

    commitments: pa.Table = attrs.field()
    events: pa.Table = attrs.field()
    #: The hash recorded in the files these tables were read from, if any.
    #: Tables derived from them (a slice, a filter) are new LedgerTables
    #: without it, so their hash is computed from their rows.
    stored_hash: str | None = attrs.field(default=None, kw_only=True, eq=False)

    def __attrs_post_init__(self) -> None:
        for name, table, schema in (
            ("commitments", self.commitments, COMMITMENTS_SCHEMA),
            ("events", self.events, EVENTS_SCHEMA),
        ):
            if not isinstance(table, pa.Table):
                raise TypeError(f"{name!r} must be a pyarrow.Table (got {type(table).__name__})")
            if table.schema.remove_metadata() != schema.remove_metadata():
                raise ValueError(f"{name!r} must have the ledger's {name} schema; build it with ledger.tables")

    @classmethod
    def from_ledger(cls, ledger: Ledger) -> LedgerTables:
        """The Arrow tables of a ``Ledger``."""
        return cls(commitments_table(ledger.commitments), events_table(ledger.events))

    def to_ledger(self) -> Ledger:
        """The records of these tables, as an equal ``Ledger`` (one Python object per row)."""
        # Columns back to field names: the events' ``happened_on`` is the record's ``on``.
        commitments = self.commitments.rename_columns([f.name for f in declared(Commitment)])
        events = self.events.rename_columns([f.name for f in declared(Event)])
        return Ledger(
            [Commitment.from_fields(row) for row in commitments.to_pylist()],
            [Event.from_fields(row) for row in events.to_pylist()],
        )
