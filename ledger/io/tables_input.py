"""A folder of Parquet tables (what ``ledger tables`` writes) read as ledger entries, for ``load``.

``load`` reads such a folder when it is given one that holds ``commitments.parquet`` and no
ledger files (YAML or CSV): then ``ledger check``, ``report``, ``show``, ``list``, ``diff`` and
``export`` read the tables as ``ledger evaluate`` does. Each row becomes an entry located at
its table and row (1 is the first row), so a row a record cannot take is reported, with its
field and value, and left out, like a bad entry of a YAML file; the integrity rules then run
as for any ledger. A table that cannot be read at all (not Parquet, another schema version, a
pair written from different inputs) is one ``unsupported_file`` error naming it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ledger.core.errors import FieldTypeError, FieldValueError
from ledger.core.fields import declared
from ledger.core.records import Commitment, Event, Origin
from ledger.io.entries import CommitmentEntry, EventEntry
from ledger.io.parquet import COMMITMENTS_FILE, EVENTS_FILE, MixedTablesError, TableFormatError, read_arrow
from ledger.io.problems import Collector

__all__ = ["holds_tables", "is_table_file", "read_tables_folder"]

# The error code of a value a field refused, by field: the codes the YAML and CSV readers give.
_CODE_OF_FIELD = {"id": "bad_id", "supersedes": "bad_id", "commitment_id": "bad_id", "url": "bad_url"}


def holds_tables(folder: Path) -> bool:
    """True when ``folder`` holds the commitments table ``ledger tables`` writes.

    >>> holds_tables(Path("fixtures"))
    False
    """
    return (folder / COMMITMENTS_FILE).is_file()


def is_table_file(path: Path) -> bool:
    """True when ``path`` is one of the pair of tables ``ledger tables`` writes, with the commitments beside it:
    ``load`` then reads their folder, as one file of a CSV pair means the pair.

    >>> is_table_file(Path("fixtures/examples/example.yaml"))
    False
    """
    return path.name in (COMMITMENTS_FILE, EVENTS_FILE) and path.is_file() and holds_tables(path.parent)


def read_tables_folder(folder: Path, out: Collector) -> tuple[list[CommitmentEntry], list[EventEntry]]:
    """The commitments and events of a folder of Parquet tables, each row an entry at its table and row.

    Problems go to ``out``; nothing raises for a bad file or row.

    >>> import tempfile
    >>> from ledger.io.parquet import write_tables
    >>> from ledger.io.loader import load
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = write_tables(load("fixtures/examples").ledger, folder)
    >>> out = Collector()
    >>> commitments, events = read_tables_folder(folder, out)
    >>> len(commitments), len(events), out.errors
    (7, 6, [])
    """
    try:
        tables = read_arrow(folder)
        for table in (tables.commitments, tables.events):
            # A table written without page checksums (before they were written, or by another tool): a damaged
            # byte in a string reads as text that is not UTF-8, which only a full validation finds.
            table.validate(full=True)
    except MixedTablesError as exc:
        out.add("unsupported_file", str(folder), None, None, str(exc))
        return [], []
    except TableFormatError as exc:
        # its message names the table; the error is put on it when a plain read finds it damaged too
        out.add("unsupported_file", str(_damaged_file(folder) or folder), None, None, str(exc))
        return [], []
    except FileNotFoundError:
        missing = folder / EVENTS_FILE
        out.add(
            "unsupported_file",
            str(missing),
            None,
            None,
            f"{COMMITMENTS_FILE} has no {EVENTS_FILE} beside it; write both again with `ledger tables`",
        )
        return [], []
    except (OSError, pa.ArrowException, UnicodeDecodeError) as exc:
        where = _damaged_file(folder)
        out.add(
            "unsupported_file",
            str(where or folder),
            None,
            None,
            f"the Parquet {'table' if where else 'tables'} cannot be read ({exc}); "
            "write them again with `ledger tables`",
        )
        return [], []
    commitment_path, event_path = str(folder / COMMITMENTS_FILE), str(folder / EVENTS_FILE)
    commitments = []
    for row, fields in enumerate(_rows(tables.commitments, Commitment, commitment_path, out), start=1):
        origin = Origin(commitment_path, row)
        record = None if fields is None else _record(Commitment, fields, origin, out)
        cid = None if fields is None else fields.get("id")
        commitments.append(CommitmentEntry(record, cid if isinstance(cid, str) else None, origin, (row, row)))
    events = []
    for row, fields in enumerate(_rows(tables.events, Event, event_path, out), start=1):
        origin = Origin(event_path, row)
        record = None if fields is None else _record(Event, fields, origin, out)
        events.append(EventEntry(record, None, origin, (row, row), f"event in row {row}"))
    return commitments, events


def _damaged_file(folder: Path) -> Path | None:
    """The first of the folder's two tables that Arrow cannot read whole, or None if each reads on its own."""
    for name in (COMMITMENTS_FILE, EVENTS_FILE):
        try:
            pq.ParquetFile(folder / name, page_checksum_verification=True).read().validate(full=True)
        except (OSError, pa.ArrowException, UnicodeDecodeError):
            return folder / name
    return None


def _rows(table: pa.Table, record_type: type, path: str, out: Collector) -> list[dict[str, Any] | None]:
    """The table's rows as field values by field name (the events' ``happened_on`` is ``on``); None for a
    row Python cannot hold (a day outside the years 1 to 9999), with an error naming it."""
    table = table.rename_columns([f.name for f in declared(record_type)])
    try:
        return table.to_pylist()
    except (OverflowError, ValueError, pa.ArrowException):
        pass
    rows: list[dict[str, Any] | None] = []
    for row in range(table.num_rows):  # only a table with such a row is read one row at a time
        try:
            rows.append(table.slice(row, 1).to_pylist()[0])
        except (OverflowError, ValueError, pa.ArrowException) as exc:
            field = next((name for name in table.column_names if not _readable(table.column(name), row)), None)
            out.add("bad_date", path, row + 1, field, f"row {row + 1}: {field!r} cannot be read ({exc})")
            rows.append(None)
    return rows


def _readable(column: pa.ChunkedArray, row: int) -> bool:
    try:
        column[row].as_py()
    except (OverflowError, ValueError, pa.ArrowException):
        return False
    return True


def _record(record_type: Any, fields: dict[str, Any], origin: Origin, out: Collector) -> Any:
    """The record of one row, or None with an error naming the row, the field and the value."""
    try:
        return record_type.from_fields(fields, origin=origin)
    except (FieldValueError, FieldTypeError) as exc:
        code = "missing_field" if exc.got is None or exc.got == "" else _CODE_OF_FIELD.get(exc.field, "wrong_type")
        out.add(code, origin.path, origin.line, exc.field, f"row {origin.line}: {exc}")
    except (ValueError, TypeError) as exc:
        out.add("wrong_type", origin.path, origin.line, None, f"row {origin.line}: {exc}")
    return None
