"""Arrow schemas, pandas frames and atomic Parquet files for a ledger.

Every table has one declared pyarrow schema: dates are ``date32``, repeated
strings (actors, topics, deadline phrases, event types) are dictionary
encoded, sources are a list of structs. Files carry metadata: the library
version, the schema version, the table's name and a hash of the input.
Writes go to a temporary file in the target folder and are renamed into
place, so a crash leaves the previous file whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs
import pyarrow as pa
import pyarrow.parquet as pq

from ledger._version import __version__
from ledger.model import Commitment, Event, Ledger, Source

__all__ = [
    "COMMITMENTS_SCHEMA",
    "EVENTS_SCHEMA",
    "LedgerTables",
    "SCHEMA_VERSION",
    "SOURCE_TYPE",
    "commitments_frame",
    "events_frame",
    "ledger_hash",
    "read_arrow",
    "read_tables",
    "write_parquet",
    "write_tables",
]

#: Bumped whenever a column is added, removed or changes type.
SCHEMA_VERSION = "1"

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

COMMITMENTS_FILE = "commitments.parquet"
EVENTS_FILE = "events.parquet"


def _source_dict(s: Source) -> dict:
    return {"url": s.url, "title": s.title, "quote": s.quote, "published_on": s.published_on}


def commitments_table(commitments: Iterable[Commitment]) -> pa.Table:
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


def events_table(events: Iterable[Event]) -> pa.Table:
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
    fields = [
        pa.field(f.name, pa.string(), f.nullable) if pa.types.is_dictionary(f.type) else f for f in table.schema
    ]
    return table.cast(pa.schema(fields)).to_pandas(date_as_object=False)


def commitments_frame(commitments: Iterable[Commitment]):
    """Commitment records as a pandas DataFrame (one row each).

    >>> import datetime as dt
    >>> c = Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="soon")
    >>> commitments_frame([c]).loc[0, "stated_on"]
    Timestamp('2025-01-01 00:00:00')
    """
    return _to_pandas(commitments_table(commitments))


def events_frame(events: Iterable[Event]):
    """Event records as a pandas DataFrame (one row each)."""
    return _to_pandas(events_table(events))


def ledger_hash(ledger: "Ledger | LedgerTables") -> str:
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
    for table in (tables.commitments, tables.events):
        plain = pa.schema(
            [pa.field(f.name, pa.string(), f.nullable) if pa.types.is_dictionary(f.type) else f for f in table.schema]
        )
        canonical = table.replace_schema_metadata(None).cast(plain).combine_chunks()
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, canonical.schema) as writer:
            writer.write_table(canonical)
        digest.update(sink.getvalue().to_pybytes())
    return digest.hexdigest()


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


def _read_umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


# Read once, at import: os.umask can only be read by setting it, which would
# race between the threads that write result files side by side.
_UMASK = _read_umask()


def temporary_beside(path: str | os.PathLike) -> str:
    """The name of a new, empty temporary file in ``path``'s folder (same file system, so it can be renamed over ``path``)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    return tmp


def flush_to_disk(name: str) -> None:
    """fsync a written file, so a rename over the old one never exposes an empty file after a power cut."""
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def put_in_place(tmp: str, path: str | os.PathLike) -> None:
    """Rename a finished temporary file over ``path``, with the permissions open() would have given it.

    mkstemp makes files readable by their owner only (0600).
    """
    os.chmod(tmp, 0o666 & ~_UMASK)
    os.replace(tmp, path)


def discard(tmp: str) -> None:
    """Remove a temporary file that will not be put in place, if it is there."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


@contextlib.contextmanager
def replacing_path(path: str | os.PathLike):
    """Yield the name of a new temporary file beside ``path``; on success it replaces ``path``.

    Whatever the caller wrote to the temporary file is flushed to disk and
    renamed over ``path``, so readers see the old file or the new one, never
    half of either; on any error the temporary file is removed and ``path``
    is left as it was.
    """
    tmp = temporary_beside(path)
    try:
        yield tmp
        flush_to_disk(tmp)
        put_in_place(tmp, path)
    except BaseException:
        discard(tmp)
        raise


@contextlib.contextmanager
def replacing(path: str | os.PathLike, mode: str = "wb", **open_arguments):
    """Open a temporary file beside ``path``; on success it replaces ``path`` (see ``replacing_path``)."""
    with replacing_path(path) as tmp, open(tmp, mode, **open_arguments) as handle:
        yield handle


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
    digest = ledger_hash(ledger)
    return {
        "commitments": write_parquet(
            commitments_table(ledger.commitments),
            directory / COMMITMENTS_FILE,
            table_metadata("commitments", digest),
        ),
        "events": write_parquet(
            events_table(ledger.events), directory / EVENTS_FILE, table_metadata("events", digest)
        ),
    }


def read_metadata(path: str | os.PathLike) -> dict[str, str]:
    """The ``ledger.*`` metadata of a Parquet file written by this library."""
    raw = pq.read_schema(path).metadata or {}
    return {k.decode(): v.decode() for k, v in raw.items() if k.startswith(b"ledger.")}


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
        for name, table, schema in (("commitments", self.commitments, COMMITMENTS_SCHEMA), ("events", self.events, EVENTS_SCHEMA)):
            if not isinstance(table, pa.Table):
                raise TypeError(f"{name!r} must be a pyarrow.Table (got {type(table).__name__})")
            if table.schema.remove_metadata() != schema.remove_metadata():
                raise ValueError(f"{name!r} must have the ledger's {name} schema; build it with ledger.tables")

    @classmethod
    def from_ledger(cls, ledger: Ledger) -> "LedgerTables":
        """The Arrow tables of a ``Ledger``."""
        return cls(commitments_table(ledger.commitments), events_table(ledger.events))

    def to_ledger(self) -> Ledger:
        """The records of these tables, as an equal ``Ledger`` (one Python object per row)."""
        commitments = [
            Commitment(
                id=row["id"],
                actor=row["actor"],
                stated_on=row["stated_on"],
                text=row["text"],
                deadline=row["deadline"],
                deadline_means=row["deadline_means"],
                topic=row["topic"],
                supersedes=row["supersedes"],
                recorded_on=row["recorded_on"],
                tags=row["tags"] or (),
                sources=[_source(s) for s in row["sources"] or ()],
            )
            for row in self.commitments.to_pylist()
        ]
        events = [
            Event(
                commitment_id=row["commitment_id"],
                type=row["type"],
                on=row["on"],
                recorded_on=row["recorded_on"],
                note=row["note"],
                sources=[_source(s) for s in row["sources"] or ()],
            )
            for row in self.events.to_pylist()
        ]
        return Ledger(commitments, events)


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
    hashes = {table.schema.metadata.get(b"ledger.input_hash") for table in (commitments, events)}
    # Both files must carry the same hash: written together by write_tables.
    stored = hashes.pop().decode() if len(hashes) == 1 and None not in hashes else None
    return LedgerTables(commitments, events, stored_hash=stored)


def _read(path: Path, schema: pa.Schema) -> pa.Table:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such table; write it with ledger.write_tables or `ledger tables`")
    parquet = pq.ParquetFile(path)  # reads the footer once, for the version and for the data
    on_disk = parquet.schema_arrow.metadata or {}
    version = on_disk.get(b"ledger.schema_version", b"").decode() or None
    if version != SCHEMA_VERSION:
        raise ValueError(
            f"{path}: schema version {version!r} is not the {SCHEMA_VERSION!r} this ledger {__version__} reads; "
            "write the tables again with this version"
        )
    # ParquetFile.read gives one chunk per row group; read_table would cut
    # every column into 128k-row batches, which later joins cost a copy of.
    table = parquet.read()
    if not table.schema.remove_metadata().equals(schema):
        try:
            table = table.select(schema.names).cast(schema)
        except (KeyError, pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
            raise ValueError(f"{path}: its columns do not match the ledger's schema ({exc})") from None
    # Keep the file's metadata (its input hash) on the table.
    return table.replace_schema_metadata(on_disk)


def _source(d: dict) -> Source:
    return Source(url=d["url"], title=d["title"], quote=d["quote"], published_on=d["published_on"])


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
