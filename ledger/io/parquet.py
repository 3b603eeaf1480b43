"""Parquet files of a ledger: the two input tables in and out, with metadata.

Files carry metadata: the library version, the schema version, the table's
name and a hash of the input. Writes go to a temporary file in the target
folder and are renamed into place (``ledger.io.atomic``), so a crash leaves
the previous file whole.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ledger._version import __version__
from ledger.core.columns import (
    COMMITMENTS_SCHEMA,
    EVENTS_SCHEMA,
    commitments_table,
    events_table,
)
from ledger.core.records import Ledger
from ledger.core.tables import LedgerTables, ledger_hash
from ledger.io.atomic import (
    discard,
    flush_to_disk,
    folder_lock,
    recover,
    replace_together,
    replacing_path,
    temporary_beside,
)

__all__ = [
    "COMMITMENTS_FILE",
    "EVENTS_FILE",
    "MixedTablesError",
    "SCHEMA_VERSION",
    "read_arrow",
    "read_metadata",
    "read_tables",
    "table_metadata",
    "write_parquet",
    "write_tables",
]

#: Bumped whenever a column is added, removed, renamed or changes type.
#: 2: the events' ``on`` became ``happened_on`` (``on`` is a SQL keyword);
#: verdicts gained ``text`` and ``source_url``.
SCHEMA_VERSION = "2"

#: Older schema versions still read, each with the columns renamed since: old name -> new name.
_RENAMED_SINCE = {"1": {"on": "happened_on"}}

COMMITMENTS_FILE = "commitments.parquet"
EVENTS_FILE = "events.parquet"


def table_metadata(name: str, input_hash: str, extra: Mapping[str, str] | None = None) -> dict[bytes, bytes]:
    """The file-level metadata every ledger Parquet table carries."""
    meta = {
        "ledger.table": name,
        "ledger.version": __version__,
        "ledger.schema_version": SCHEMA_VERSION,
        "ledger.input_hash": input_hash,
    }
    meta.update(extra or {})
    return {k.encode(): str(v).encode() for k, v in meta.items()}


def write_parquet(table: pa.Table, path: str | os.PathLike, metadata: Mapping[bytes, bytes] | None = None) -> Path:
    """Write ``table`` to ``path`` atomically and return the path.

    The table goes to a temporary file in the same folder, is flushed to disk
    and renamed over ``path``: readers see the old file or the new one, never
    half of either.

    >>> import tempfile, pyarrow as pa
    >>> folder = tempfile.mkdtemp()
    >>> write_parquet(pa.table({"x": [1]}), folder + "/x.parquet").name
    'x.parquet'
    """
    path = Path(path)
    if metadata:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    with replacing_path(path) as tmp:
        # By name, not through a Python file object: Arrow then writes
        # without taking the GIL for every page.
        pq.write_table(table, tmp)
    return path


def write_tables(ledger: Ledger, directory: str | os.PathLike) -> dict[str, Path]:
    """Write ``commitments.parquet`` and ``events.parquet`` for ``ledger``.

    Returns the written paths by table name. The folder is created if needed.

    >>> import tempfile
    >>> sorted(write_tables(Ledger(), tempfile.mkdtemp()))
    ['commitments', 'events']
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with folder_lock(directory):
        recover(directory)  # a pair an earlier run left half renamed, and its stale temporary files
    digest, generation = ledger_hash(ledger), {"ledger.generation": uuid.uuid4().hex}
    tables = {
        "commitments": (commitments_table(ledger.commitments), directory / COMMITMENTS_FILE),
        "events": (events_table(ledger.events), directory / EVENTS_FILE),
    }
    written: list[tuple[str, Path]] = []
    try:
        for name, (table, path) in tables.items():
            tmp = temporary_beside(path)
            written.append((tmp, path))
            # By name, not through a Python file object: Arrow then writes without the GIL.
            pq.write_table(table.replace_schema_metadata(table_metadata(name, digest, generation)), tmp)
            flush_to_disk(tmp)
    except BaseException:
        for tmp, _ in written:
            discard(tmp)
        raise
    # The pair is put in place as one unit: never commitments from one run with events from another.
    replace_together(written, directory)
    return {name: path for name, (_, path) in tables.items()}


def read_metadata(path: str | os.PathLike) -> dict[str, str]:
    """The ``ledger.*`` metadata of a Parquet file written by this library."""
    raw = pq.read_schema(path).metadata or {}
    return {k.decode(): v.decode() for k, v in raw.items() if k.startswith(b"ledger.")}


def read_arrow(directory: str | os.PathLike) -> LedgerTables:
    """Read the tables ``write_tables`` wrote as Arrow tables, without building records.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_tables(Ledger(), folder)
    >>> read_arrow(folder).commitments.num_rows
    0
    """
    directory = Path(directory)
    commitments = _read(directory / COMMITMENTS_FILE, COMMITMENTS_SCHEMA)
    events = _read(directory / EVENTS_FILE, EVENTS_SCHEMA)
    hashes = [(table.schema.metadata or {}).get(b"ledger.input_hash") for table in (commitments, events)]
    if hashes[0] != hashes[1]:
        # Written by two runs (an interrupted or concurrent write): judging one against the other is wrong.
        raise MixedTablesError(
            f"{directory}: {COMMITMENTS_FILE} and {EVENTS_FILE} were written from different inputs "
            f"(input hash {_shown(hashes[0])} and {_shown(hashes[1])}); write both again with `ledger tables`"
        )
    stored = hashes[0].decode() if hashes[0] is not None else None
    return LedgerTables(commitments, events, stored_hash=stored)


class MixedTablesError(ValueError):
    """A commitments/events pair whose files come from different inputs."""


def _shown(digest: bytes | None) -> str:
    return "none" if digest is None else repr(digest.decode()[:12])


def _read(path: Path, schema: pa.Schema) -> pa.Table:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such table; write it with ledger.write_tables or `ledger tables`")
    parquet = pq.ParquetFile(path)  # reads the footer once, for the version and for the data
    on_disk = parquet.schema_arrow.metadata or {}
    version = on_disk.get(b"ledger.schema_version", b"").decode() or None
    if version != SCHEMA_VERSION and version not in _RENAMED_SINCE:
        readable = ", ".join(repr(v) for v in (*_RENAMED_SINCE, SCHEMA_VERSION))
        raise ValueError(
            f"{path}: schema version {version!r} is not one this ledger {__version__} reads ({readable}); "
            "write the tables again with this version"
        )
    # ParquetFile.read gives one chunk per row group; read_table would cut
    # every column into 128k-row batches, which later joins cost a copy of.
    table = parquet.read()
    if version in _RENAMED_SINCE:
        renamed = _RENAMED_SINCE[version]
        # Metadata only: the columns' data is not copied.
        table = table.rename_columns([renamed.get(name, name) for name in table.column_names])
    if not table.schema.remove_metadata().equals(schema):
        try:
            table = table.select(schema.names).cast(schema)
        except (KeyError, pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
            raise ValueError(f"{path}: its columns do not match the ledger's schema ({exc})") from None
    # Keep the file's metadata (its input hash) on the table.
    return table.replace_schema_metadata(on_disk)


def read_tables(directory: str | os.PathLike) -> Ledger:
    """Read the tables ``write_tables`` wrote back into an equal ``Ledger``.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_tables(Ledger(), folder)
    >>> read_tables(folder) == Ledger()
    True
    """
    directory = Path(directory)
    return read_arrow(directory).to_ledger()
