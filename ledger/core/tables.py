"""A ledger as two Arrow tables (``LedgerTables``), back to records, and its content hash.

``LedgerTables`` is the columnar form that evaluation works on, with the
schemas of ``ledger.core.columns``; ``ledger_hash`` is computed from it.
"""

from __future__ import annotations

import hashlib

import attrs
import pyarrow as pa
import pyarrow.compute as pc

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
        plain = pa.schema([_canonical_field(f) for f in table.schema])
        canonical = table.replace_schema_metadata(None).cast(plain).combine_chunks()
        canonical = pa.table([_settled(column) for column in canonical.columns], schema=canonical.schema)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, canonical.schema) as writer:
            writer.write_table(canonical)
        digest.update(sink.getvalue().to_pybytes())
    return digest.hexdigest()


def _canonical_field(field: pa.Field) -> pa.Field:
    """``field`` as the hash reads it: repeated strings as plain strings, and a list's values named ``item``.

    Arrow names a list's values ``item``; a Parquet file names them ``element`` (pyarrow reads them so from
    a file written without the ledger's hash). The content is the same, so the hash must be: the
    name is part of the IPC bytes hashed. Fields already canonical are returned as they are, so no hash
    written before changes.

    >>> _canonical_field(pa.field("tags", pa.list_(pa.field("element", pa.string())))).type
    ListType(list<item: string>)
    """
    if pa.types.is_dictionary(field.type):
        return pa.field(field.name, pa.string(), field.nullable)
    if pa.types.is_list(field.type) and field.type.value_field.name != "item":
        return field.with_type(pa.list_(field.type.value_field.with_name("item")))
    return field


def _settled(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """``column`` with a zero under every null of a fixed-width value, at any depth (a source's ``published_on``).

    The IPC bytes hashed hold what lies under a null, which Arrow leaves undefined: a table built from
    records has zeros there, one read from Parquet may have any value (the day of the row next to it).
    Values already zero there are returned as they are, so no hash written before changes.

    >>> days = pa.array([7, 9], pa.int32()).buffers()[1]
    >>> junk = pa.Array.from_buffers(pa.date32(), 2, [pa.py_buffer(b"\\x02"), days])  # the first is null
    >>> junk.to_pylist(), _settled(junk).to_pylist() == junk.to_pylist()
    ([None, datetime.date(1970, 1, 10)], True)
    >>> _settled(junk).buffers()[1].to_pybytes()
    b'\\x00\\x00\\x00\\x00\\t\\x00\\x00\\x00'
    """
    if isinstance(column, pa.ChunkedArray):
        return pa.chunked_array([_settled(chunk) for chunk in column.chunks], type=column.type)
    kind = column.type
    mask = column.is_null().to_numpy(zero_copy_only=False) if column.null_count else None
    if pa.types.is_list(kind):
        child = column.values
        values = _settled(child)
        if values is child:
            return column
        return pa.ListArray.from_arrays(column.offsets, values, kind, mask=None if mask is None else pa.array(mask))
    if pa.types.is_struct(kind):
        children = [column.field(k) for k in range(kind.num_fields)]
        settled = [_settled(child) for child in children]
        if all(a is b for a, b in zip(settled, children, strict=True)):
            return column
        return pa.StructArray.from_arrays(settled, fields=list(kind), mask=None if mask is None else pa.array(mask))
    if mask is None or not (pa.types.is_temporal(kind) or pa.types.is_integer(kind)):
        return column  # (a ledger's tables hold no floats)
    whole = {64: pa.int64(), 32: pa.int32()}.get(kind.bit_width)
    if whole is None:
        return column  # no such column in a ledger's tables
    zeroed = pc.fill_null(column.cast(whole), 0).to_numpy()  # a zero where each null was
    return pa.array(zeroed, type=whole, mask=mask).cast(kind)


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
