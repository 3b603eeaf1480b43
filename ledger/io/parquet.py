"""Parquet files of a ledger: the two input tables in and out, with metadata.

Files carry metadata: the library version, the schema version, the table's
name and a hash of the input. Writes go to a temporary file in the target
folder and are renamed into place (``ledger.io.atomic``), so a crash leaves
the previous file whole.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ledger._version import __version__
from ledger.core.columns import (
    COMMITMENTS_SCHEMA,
    EVENTS_SCHEMA,
    commitments_table,
    events_table,
)
from ledger.core.integrity import Links
from ledger.core.records import Ledger
from ledger.core.tables import LedgerTables, ledger_hash
from ledger.deadlines.batch import WindowColumns
from ledger.deadlines.policy import DeadlinePolicy
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
    "CheckedRows",
    "EVALUATION_COLUMNS",
    "EVENTS_FILE",
    "EvaluationTables",
    "LINK_ONLY_COLUMNS",
    "LINK_ROW_COLUMNS",
    "LinkColumns",
    "MixedTablesError",
    "TableFormatError",
    "SCHEMA_VERSION",
    "read_arrow",
    "read_for_evaluation",
    "link_columns",
    "read_for_evaluation_in_batches",
    "read_link_columns",
    "read_link_table",
    "read_metadata",
    "read_tables",
    "table_metadata",
    "with_link_rows",
    "write_parquet",
    "write_tables",
]

#: Bumped whenever a column is added, removed, renamed or changes type, except a column a reader
#: may go without: the row columns (``supersedes_row``, ``id_rank``, ``commitment_row``) are not the
#: ledger's, are never trusted, and tables without them are read as before, so they did not bump it.
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
        # without taking the GIL for every page. Each page carries its CRC, which
        # every reader here checks: a damaged byte is refused, not read as a value.
        pq.write_table(table, tmp, write_page_checksum=True)
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
    commitments, events = with_link_rows(commitments_table(ledger.commitments), events_table(ledger.events))
    tables = {"commitments": (commitments, directory / COMMITMENTS_FILE), "events": (events, directory / EVENTS_FILE)}
    written: list[tuple[str, Path]] = []
    try:
        for name, (table, path) in tables.items():
            tmp = temporary_beside(path)
            written.append((tmp, path))
            # By name, not through a Python file object: Arrow then writes without the GIL. A CRC on every
            # page, which every reader here checks (``_open``): a damaged byte is refused, not read as a value.
            pq.write_table(
                table.replace_schema_metadata(table_metadata(name, digest, generation)), tmp, write_page_checksum=True
            )
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
        raise MixedTablesError(_mixed_message(directory, hashes))
    stored = hashes[0].decode() if hashes[0] is not None else None
    return LedgerTables(commitments, events, stored_hash=stored)


class MixedTablesError(ValueError):
    """A commitments/events pair whose files come from different inputs."""


class TableFormatError(ValueError):
    """A Parquet table this ledger cannot read: another schema version, or a column of the schema missing."""


def _mixed_message(directory: Path, hashes: list[bytes | None]) -> str:
    return (
        f"{directory}: {COMMITMENTS_FILE} and {EVENTS_FILE} were written from different inputs "
        f"(input hash {_shown(hashes[0])} and {_shown(hashes[1])}); write both again with `ledger tables`"
    )


def _shown(digest: bytes | None) -> str:
    return "none" if digest is None else repr(digest.decode()[:12])


def _column_paths(path: Path, parquet: pq.ParquetFile, version: str | None, columns: tuple[str, ...]) -> list[str]:
    """Where ``columns`` (today's names; ``sources.url``: the sources' urls alone) are in this file."""
    written_as = {new: old for old, new in _RENAMED_SINCE.get(version or "", {}).items()}
    leaves = [parquet.schema.column(i).path for i in range(len(parquet.schema))]
    found = []
    for name in columns:
        top, _, leaf = written_as.get(name, name).partition(".")
        # A nested leaf is named by its first and last parts; the middle (list, element) is the writer's.
        matches = [p for p in leaves if p.split(".")[0] == top and (not leaf or p.split(".")[-1] == leaf)]
        if not matches:
            raise TableFormatError(f"{path}: it has no column {name!r}, which the ledger's schema has")
        found.append(matches[0] if leaf else top)
    return found


def _open(
    path: Path, columns: tuple[str, ...] | None, *, in_pages: bool = False
) -> tuple[pq.ParquetFile, list[str] | None, str | None]:
    """The Parquet file at ``path`` (its schema version checked), where ``columns`` are in it, and its version.

    ``in_pages``: read a few pages at a time, not each column chunk whole, so that a reader of
    batches holds about one batch's bytes (a whole read is quicker reading chunks whole).
    """
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such table; write it with ledger.write_tables or `ledger tables`")
    # Reads the footer once, for the version and for the data.
    with _damage_said(path):
        parquet = pq.ParquetFile(path, buffer_size=_READ_BUFFER if in_pages else 0, page_checksum_verification=True)
    on_disk = parquet.schema_arrow.metadata or {}
    version = on_disk.get(b"ledger.schema_version", b"").decode() or None
    if version != SCHEMA_VERSION and version not in _RENAMED_SINCE:
        readable = ", ".join(repr(v) for v in (*_RENAMED_SINCE, SCHEMA_VERSION))
        raise TableFormatError(
            f"{path}: schema version {version!r} is not one this ledger {__version__} reads ({readable}); "
            "write the tables again with this version"
        )
    paths = None if columns is None else _column_paths(path, parquet, version, columns)
    return parquet, paths, version


@contextlib.contextmanager
def _damage_said(path: Path) -> Iterator[None]:
    """Arrow's errors while a table is opened or decoded, as ``TableFormatError`` naming the file.

    Not Parquet at all, cut short, or a damaged footer or page (a damaged byte in a footer can decode
    to a type Arrow does not have, to a column name that is not UTF-8, or to no page at all): the user's file
    to write again, not a bug to report. A file that cannot be opened (no permission) stays an
    ``OSError``, for the caller to say so.
    """
    try:
        yield
    except (PermissionError, FileNotFoundError, IsADirectoryError):
        raise
    except (pa.ArrowException, OSError, UnicodeDecodeError) as exc:  # (a damaged footer's names: not UTF-8)
        raise TableFormatError(
            f"{path}: not a Parquet table that can be read ({exc}); write it again with `ledger tables` "
            "(or `ledger partition`, for a partition)"
        ) from None


def _conform(table: pa.Table, path: Path, version: str | None, schema: pa.Schema, on_disk) -> pa.Table:
    """``table`` as read from ``path`` with today's column names and ``schema``, and the file's metadata."""
    if version in _RENAMED_SINCE:
        renamed = _RENAMED_SINCE[version]
        # Metadata only: the columns' data is not copied.
        table = table.rename_columns([renamed.get(name, name) for name in table.column_names])
    if not table.schema.remove_metadata().equals(schema):
        try:
            table = table.select(schema.names).cast(schema)
        except (KeyError, pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
            raise TableFormatError(f"{path}: its columns do not match the ledger's schema ({exc})") from None
    # Keep the file's metadata (its input hash) on the table.
    return table.replace_schema_metadata(on_disk)


#: Bytes a Parquet reader asks the disk for at once (0 would read each column chunk whole).
_READ_BUFFER = 1 << 20


def _read(
    path: Path, schema: pa.Schema, columns: tuple[str, ...] | None = None, *, if_there: tuple[str, ...] = ()
) -> pa.Table:
    """The table at ``path`` with ``schema``; with ``columns`` (``EVALUATION_COLUMNS``) only
    those are read, and ``schema`` is theirs. ``if_there``: more top-level columns, each read as the
    file has it and put last, if the file has it (``LINK_ROW_COLUMNS``)."""
    parquet, paths, version = _open(path, columns)
    names = parquet.schema_arrow.names
    extra = [name for name in if_there if name in names]
    if paths is None and any(name in _LINK_ROWS for name in names):
        paths = [name for name in names if name not in _LINK_ROWS]  # not the ledger's: not read for it
    # ParquetFile.read gives one chunk per row group; read_table would cut
    # every column into 128k-row batches, which later joins cost a copy of.
    with _damage_said(path):
        table = parquet.read(columns=None if paths is None else paths)
    table = _conform(table, path, version, schema, parquet.schema_arrow.metadata or {})
    for name, column in _if_readable(parquet, extra).items():
        table = table.append_column(name, column)
    return table


def _if_readable(parquet: pq.ParquetFile, names: list[str]) -> dict[str, pa.ChunkedArray]:
    """The columns ``names`` of ``parquet``, or none of them if any page of theirs cannot be read.

    They are the row columns (``LINK_ROW_COLUMNS``), which only spare the plan a hash and are never
    trusted: a damaged page of theirs (a failed checksum) sets them aside, as stale rows are, and the
    links are hashed; the ledger's own columns were read whole, or the file refused.
    """
    if not names:
        return {}
    try:
        read = parquet.read(columns=names)
    except (pa.ArrowException, OSError):
        return {}
    return {name: read[name] for name in names}


#: The columns ``evaluate`` reads, by table: every column but the events' notes, and of each
#: source only its url (titles and quotes are most of the sources' bytes, and no verdict shows them).
EVALUATION_COLUMNS = {
    "commitments": (*(name for name in COMMITMENTS_SCHEMA.names if name != "sources"), "sources.url"),
    "events": ("commitment_id", "type", "happened_on", "recorded_on", "sources.url"),
}


def _evaluation_schema(schema: pa.Schema, columns: tuple[str, ...]) -> pa.Schema:
    """``schema`` cut down to ``columns``; ``sources.url`` keeps a source list of urls alone."""
    fields = []
    for name in columns:
        if name == "sources.url":
            source = schema.field("sources")
            item = source.type.value_field
            fields.append(source.with_type(pa.list_(item.with_type(pa.struct([item.type.field("url")])))))
        else:
            fields.append(schema.field(name))
    return pa.schema(fields)


_EVALUATION_SCHEMAS = {
    "commitments": _evaluation_schema(COMMITMENTS_SCHEMA, EVALUATION_COLUMNS["commitments"]),
    "events": _evaluation_schema(EVENTS_SCHEMA, EVALUATION_COLUMNS["events"]),
}

#: The columns that only name another row (a reset's commitment, an event's commitment): a batch whose
#: links were found once for the whole ledger (``CheckedRows``) is read without them, and evaluated
#: without them (at a million commitments, a fifth of the batches' reading, most of it the events' ids).
LINK_ONLY_COLUMNS = {"commitments": ("supersedes",), "events": ("commitment_id",)}

_LINKED_COLUMNS = {
    name: tuple(column for column in columns if column not in LINK_ONLY_COLUMNS[name])
    for name, columns in EVALUATION_COLUMNS.items()
}
_LINKED_SCHEMAS = {
    "commitments": _evaluation_schema(COMMITMENTS_SCHEMA, _LINKED_COLUMNS["commitments"]),
    "events": _evaluation_schema(EVENTS_SCHEMA, _LINKED_COLUMNS["events"]),
}


def _evaluation_layout(name: str, linked: bool) -> tuple[tuple[str, ...], pa.Schema]:
    """The columns a batch of table ``name`` reads and their schema; ``linked``: without ``LINK_ONLY_COLUMNS``."""
    if linked:
        return _LINKED_COLUMNS[name], _LINKED_SCHEMAS[name]
    return EVALUATION_COLUMNS[name], _EVALUATION_SCHEMAS[name]


@attrs.frozen
class EvaluationTables:
    """The columns of a ledger's two tables that ``evaluate`` reads, and the hash of the whole ledger.

    What ``read_for_evaluation`` gives: not a whole ledger (sources keep only
    their url, events lose their notes), so it has no ``to_ledger``; read
    with ``read_arrow`` for that. ``stored_hash`` is the hash of the whole
    ledger the files were written from, as ``ledger_hash`` gives it.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_tables(Ledger(), folder)
    >>> read_for_evaluation(folder).events.column_names
    ['commitment_id', 'type', 'happened_on', 'recorded_on', 'sources']
    """

    commitments: pa.Table = attrs.field()
    events: pa.Table = attrs.field()
    stored_hash: str = attrs.field(kw_only=True, eq=False)
    #: For a batch of a ledger judged in batches: what was found once for the whole ledger.
    checked: CheckedRows | None = attrs.field(default=None, kw_only=True, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for name, table in (("commitments", self.commitments), ("events", self.events)):
            if not isinstance(table, pa.Table):
                raise TypeError(f"{name!r} must be a pyarrow.Table (got {type(table).__name__})")
            schema = table.schema.remove_metadata()
            # A batch with its links found already may leave out the columns that only name other rows.
            linked = self.checked is not None and schema == _LINKED_SCHEMAS[name]
            if schema != _EVALUATION_SCHEMAS[name] and not linked:
                raise ValueError(
                    f"{name!r} must have the columns EVALUATION_COLUMNS names; read it with read_for_evaluation"
                )
        if self.checked is not None:
            sizes = (len(self.checked.links.superseded), len(self.checked.windows.latest))
            events = len(self.checked.links.event_commitment)
            if sizes != (self.commitments.num_rows,) * 2 or events != self.events.num_rows:
                raise ValueError("'checked' must describe these rows: one link and window per commitment")


class CheckedRows(NamedTuple):
    """What evaluating one batch of a ledger need not work out again, found once for the whole ledger
    (``ledger.verdicts.batched``): the batch's references as row numbers within it, checked on the
    whole ledger (``check_links``), and each of its commitments' due windows, read with ``policy``."""

    links: Links
    windows: WindowColumns
    policy: DeadlinePolicy


def read_for_evaluation(directory: str | os.PathLike) -> EvaluationTables:
    """Read only the columns ``evaluate`` needs (``EVALUATION_COLUMNS``) of the tables ``write_tables`` wrote.

    ``evaluate`` gives the same verdicts from these as from ``read_arrow``'s
    whole tables, reading less than two thirds of the bytes (sources' titles
    and quotes, events' notes are left on disk). Tables without a stored
    input hash (written by something else) are read whole once, to hash them.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_tables(Ledger(), folder)
    >>> read_for_evaluation(folder).stored_hash == ledger_hash(Ledger())
    True
    """
    directory = Path(directory)
    tables = {}
    for name, file_name in (("commitments", COMMITMENTS_FILE), ("events", EVENTS_FILE)):
        tables[name] = _read(directory / file_name, _EVALUATION_SCHEMAS[name], EVALUATION_COLUMNS[name])
    return EvaluationTables(tables["commitments"], tables["events"], stored_hash=_stored_hash(directory, tables))


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


class LinkColumns(NamedTuple):
    """The columns of a ledger's tables that say which rows belong together and when each is due, read
    ahead of a batched evaluation (``ledger.verdicts.batched``): commitments' ``id``, ``supersedes``,
    ``stated_on``, ``recorded_on``, ``tags``, ``deadline`` and ``deadline_means``; events'
    ``commitment_id``, ``type`` and ``happened_on``; each table's ``LINK_ROW_COLUMNS`` last, those its
    file has; and the whole ledger's hash, as ``read_for_evaluation`` gives it."""

    commitments: pa.Table
    events: pa.Table
    stored_hash: str


#: The columns ``write_tables`` adds beside a ledger's own, by table: each commitment's reset and each event's
#: commitment as the row they name in commitments.parquet (0 the first; null for no reset), and each
#: commitment's id's rank among the ids in byte order (0 the least). Not part of the ledger (``read_arrow``
#: leaves them out): ``check_links`` checks the links by them, where they hold, instead of hashing every
#: id and reference.
LINK_ROW_COLUMNS = {"commitments": ("supersedes_row", "id_rank"), "events": ("commitment_row",)}

_LINK_ROWS = frozenset(name for names in LINK_ROW_COLUMNS.values() for name in names)

_LINK_COLUMNS = {
    "commitments": ("id", "supersedes", "stated_on", "recorded_on", "tags", "deadline", "deadline_means"),
    "events": ("commitment_id", "type", "happened_on"),
}


def read_link_columns(directory: str | os.PathLike) -> LinkColumns:
    """Read the few columns that link a ledger's rows (``LinkColumns``) of the tables ``write_tables`` wrote.

    Raises ``MixedTablesError`` for a pair written from different inputs, as ``read_for_evaluation`` does.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_tables(Ledger(), folder)
    >>> read_link_columns(folder).events.column_names
    ['commitment_id', 'type', 'happened_on', 'commitment_row']
    """
    commitments = read_link_table(directory, "commitments")
    return link_columns(directory, commitments, read_link_table(directory, "events"))


def read_link_table(directory: str | os.PathLike, name: str) -> pa.Table:
    """One table's part of ``read_link_columns`` (``name``: commitments or events), the pair's hash unchecked:
    ``link_columns`` puts the two together.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_tables(Ledger(), folder)
    >>> read_link_table(folder, "commitments").num_rows
    0
    """
    schema, file_name = (
        (COMMITMENTS_SCHEMA, COMMITMENTS_FILE) if name == "commitments" else (EVENTS_SCHEMA, EVENTS_FILE)
    )
    columns = _LINK_COLUMNS[name]
    return _read(
        Path(directory) / file_name, _evaluation_schema(schema, columns), columns, if_there=LINK_ROW_COLUMNS[name]
    )


def link_columns(directory: str | os.PathLike, commitments: pa.Table, events: pa.Table) -> LinkColumns:
    """The two tables ``read_link_table`` read as ``LinkColumns``, with the whole ledger's hash; raises
    ``MixedTablesError`` for a pair written from different inputs."""
    tables = {"commitments": commitments, "events": events}
    return LinkColumns(commitments, events, _stored_hash(Path(directory), tables))


def with_link_rows(commitments: pa.Table, events: pa.Table) -> tuple[pa.Table, pa.Table]:
    """The two tables of a sound ledger (ids unique, every reference known) with ``LINK_ROW_COLUMNS`` last.

    >>> c = pa.table({"id": ["b", "a"], "supersedes": [None, "b"]})
    >>> c, e = with_link_rows(c, pa.table({"commitment_id": ["a", "b", "a"]}))
    >>> c["supersedes_row"].to_pylist(), c["id_rank"].to_pylist(), e["commitment_row"].to_pylist()
    ([None, 0], [1, 0], [1, 0, 1])
    """
    ids = commitments["id"]
    rank = np.empty(len(ids), dtype=np.int32)
    rank[pc.sort_indices(ids).to_numpy()] = np.arange(len(ids), dtype=np.int32)
    (reset_rows, id_ranks), (event_rows,) = LINK_ROW_COLUMNS["commitments"], LINK_ROW_COLUMNS["events"]
    commitments = commitments.append_column(
        pa.field(reset_rows, pa.int32()), pc.index_in(commitments["supersedes"], value_set=ids)
    )
    commitments = commitments.append_column(pa.field(id_ranks, pa.int32()), pa.array(rank))
    events = events.append_column(pa.field(event_rows, pa.int32()), pc.index_in(events["commitment_id"], value_set=ids))
    return commitments, events


def _stored_hash(directory: Path, tables: dict[str, pa.Table]) -> str:
    """The whole ledger's hash the two tables carry; refused if they carry two."""
    hashes = [(tables[name].schema.metadata or {}).get(b"ledger.input_hash") for name in tables]
    if hashes[0] != hashes[1]:
        raise MixedTablesError(_mixed_message(directory, hashes))
    if hashes[0] is None:
        # Written without a hash: the whole ledger is read once, to hash it as read_arrow would.
        return ledger_hash(read_arrow(directory))
    return hashes[0].decode()


def _check_unchanged(path: Path, metadata, stored_hash: str) -> None:
    """Refuse a file written again since its batches were planned: its rows are not the ones planned."""
    found = metadata.get(b"ledger.input_hash")
    if found is not None and found.decode() != stored_hash:
        raise MixedTablesError(
            f"{path} was written again while the ledger was being judged (input hash {_shown(found)}); judge it again"
        )


class _Runs:
    """The rows of one Parquet table, read once from start to end and handed out in runs."""

    def __init__(self, path: Path, name: str, stored_hash: str, *, linked: bool = False):
        self.path = path
        columns, self.schema = _evaluation_layout(name, linked)
        parquet, paths, self.version = _open(path, columns, in_pages=True)
        self.metadata = parquet.schema_arrow.metadata or {}
        _check_unchanged(path, self.metadata, stored_hash)
        self.batches = parquet.iter_batches(batch_size=_RUN_ROWS, columns=paths)
        self.waiting: list[pa.RecordBatch] = []
        self.waiting_rows = 0

    def next(self, n: int) -> pa.Table:
        """The next ``n`` rows, as one chunk per column."""
        while self.waiting_rows < n:
            with _damage_said(self.path):
                batch = next(self.batches, None)
            if batch is None:
                # Written again since the plan (its hash is checked first), or pages that decode to fewer rows
                raise TableFormatError(
                    f"{self.path}: fewer rows than planned; was it written again, or is it damaged? "
                    "Check it with `ledger check`, and judge it again"
                )
            self.waiting.append(batch)
            self.waiting_rows += batch.num_rows
        taken: list[pa.RecordBatch] = []
        wanted = n
        while wanted:
            batch = self.waiting.pop(0)
            if batch.num_rows > wanted:
                self.waiting.insert(0, batch.slice(wanted))
                batch = batch.slice(0, wanted)
            taken.append(batch)
            wanted -= batch.num_rows
        self.waiting_rows -= n
        if not taken:
            return self.schema.empty_table().replace_schema_metadata(self.metadata)
        # One chunk per column, as a whole read of a small file gives: later steps would join chunks anyway.
        table = pa.Table.from_batches(taken).combine_chunks()
        return _conform(table, self.path, self.version, self.schema, self.metadata)


#: Rows a batch reader decodes at a time.
_RUN_ROWS = 65_536


def read_for_evaluation_in_batches(
    directory: str | os.PathLike,
    bounds: np.ndarray,
    event_bounds: np.ndarray | None = None,
    *,
    event_commitment: np.ndarray | None = None,
    stored_hash: str,
    linked: bool = False,
) -> Iterator[tuple[pa.Table, pa.Table]]:
    """The evaluation columns of the tables in ``directory``, one batch after another, each file read once.

    Batch ``k`` holds the commitments of rows ``bounds[k]`` to ``bounds[k + 1]`` and the events of rows
    ``event_bounds[k]`` to ``event_bounds[k + 1]``. Without ``event_bounds`` (events not in commitment
    order), ``event_commitment`` (each event's commitment row) picks them: the events are then read
    whole once, and each batch takes its own, in file order. A file that carries another ``stored_hash``
    was written again since the plan, and is refused (``MixedTablesError``). Each batch is its
    commitments' and its events' tables (``EvaluationTables`` of them with the batch's ``CheckedRows``
    is what ``evaluate`` reads); ``linked``: without the columns that only name other rows
    (``LINK_ONLY_COLUMNS``), for batches whose links were found already.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_tables(Ledger(), folder)
    >>> batches = read_for_evaluation_in_batches(folder, np.array([0, 0]), np.array([0, 0]),
    ...                                          stored_hash=ledger_hash(Ledger()))
    >>> [commitments.num_rows for commitments, events in batches]
    [0]
    """
    directory = Path(directory)
    commitments = _Runs(directory / COMMITMENTS_FILE, "commitments", stored_hash, linked=linked)
    if event_bounds is not None:
        events = _Runs(directory / EVENTS_FILE, "events", stored_hash, linked=linked)
        event_runs = np.diff(event_bounds)
    elif event_commitment is not None:
        owner = event_commitment
        columns, schema = _evaluation_layout("events", linked)
        all_events = _read(directory / EVENTS_FILE, schema, columns)
        _check_unchanged(directory / EVENTS_FILE, all_events.schema.metadata or {}, stored_hash)
    else:
        raise ValueError("give 'event_bounds', or 'event_commitment' for events out of commitment order")
    # The two files decode side by side (Parquet decodes without the GIL): the first batch, which
    # nothing else is ready to overlap, comes in about half the time.
    with ThreadPoolExecutor(max_workers=1) as beside:
        for k in range(len(bounds) - 1):
            start, end = int(bounds[k]), int(bounds[k + 1])
            if event_bounds is not None:
                events_read = beside.submit(events.next, int(event_runs[k]))
                failure = None
                try:
                    batch_commitments = commitments.next(end - start)
                except BaseException as exc:
                    failure = exc
                batch_events = events_read.result()  # an error of the events' first, as when read first
                del events_read
                if failure is not None:
                    raise failure
            else:
                batch_commitments = commitments.next(end - start)
                batch_events = all_events.take(np.flatnonzero((owner >= start) & (owner < end)))
            yield batch_commitments, batch_events
            del batch_commitments, batch_events
