"""Records -> files -> records is the identity, for YAML, CSV and Parquet."""

import datetime as dt
import string
from pathlib import Path

import attrs
import duckdb
import polars
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger import Ledger, dump_csv, dump_yaml, load, load_text, read_tables, write_tables
from ledger.core.columns import COMMITMENTS_SCHEMA, EVENTS_SCHEMA
from ledger.core.tables import ledger_hash
from ledger.io import atomic as ledger_atomic
from ledger.io import parquet as ledger_tables
from ledger.io.parquet import SCHEMA_VERSION, read_metadata
from tests import strategies
from tests.helpers import without_stored_hash

ROOT = Path(__file__).resolve().parents[2]


@given(strategies.ledgers())
def test_yaml_round_trip_is_identity(ledger):
    """A ledger written as YAML loads back equal, with no errors."""
    result = load_text(dump_yaml(ledger))
    assert result.ok, result.errors
    assert result.ledger == ledger


@given(strategies.ledgers())
def test_load_write_load_is_identity(ledger):
    """Loading, writing and loading again gives the same ledger and the same YAML."""
    first = load_text(dump_yaml(ledger)).ledger
    text = dump_yaml(first)
    assert load_text(text).ledger == first
    assert dump_yaml(load_text(text).ledger) == text


# CSV cells hold several values separated by '|', and the loader strips
# around separators: text for the CSV round trip avoids both.
_csv_text = st.text(string.ascii_letters + string.digits + " ,\"'\n-.", min_size=1, max_size=20).filter(
    lambda s: s == s.strip() and s.strip()
)


@given(strategies.ledgers(), st.data())
def test_csv_round_trip_is_identity(tmp_path_factory, ledger, data):
    """A ledger written as commitments.csv + events.csv loads back equal."""

    def clean(record):
        changes = {}
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if field.name in ("actor", "text", "note", "topic", "title", "quote") and value is not None:
                changes[field.name] = data.draw(_csv_text)
            if field.name == "tags":
                changes["tags"] = tuple(data.draw(_csv_text) for _ in value)
            if field.name == "sources":
                # aligned columns need all-or-none titles/quotes/dates per row
                changes["sources"] = tuple(attrs.evolve(clean(s), title="t", quote="q") for s in value)
        return attrs.evolve(record, **changes)

    ledger = Ledger([clean(c) for c in ledger.commitments], [clean(e) for e in ledger.events])
    folder = tmp_path_factory.mktemp("csv")
    commitments_csv, events_csv = dump_csv(ledger)
    (folder / "commitments.csv").write_text(commitments_csv, encoding="utf-8")
    (folder / "events.csv").write_text(events_csv, encoding="utf-8")
    result = load(folder)
    assert result.ok, result.errors
    assert result.ledger == ledger


def test_csv_round_trip_through_a_folder(tmp_path):
    """The example ledger, written as a CSV pair in a folder, loads back equal."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    commitments_csv, events_csv = dump_csv(ledger)
    (tmp_path / "commitments.csv").write_text(commitments_csv, encoding="utf-8")
    (tmp_path / "events.csv").write_text(events_csv, encoding="utf-8")
    result = load(tmp_path)
    assert result.ok, result.errors
    assert result.ledger == ledger


@given(strategies.ledgers())
def test_parquet_round_trip_is_identity(tmp_path_factory, ledger):
    """A ledger written as Parquet tables reads back equal."""
    folder = tmp_path_factory.mktemp("tables")
    write_tables(ledger, folder)
    assert read_tables(folder) == ledger


def test_parquet_schema_and_metadata(tmp_path):
    """Tables have the declared schema (date32, dictionary strings, list of structs), then the row
    column of their references (docs/format.md), and metadata."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    paths = write_tables(ledger, tmp_path)
    schema = pq.read_schema(paths["commitments"])
    rows = [pa.field("supersedes_row", pa.int32()), pa.field("id_rank", pa.int32())]
    assert schema.remove_metadata() == pa.schema([*COMMITMENTS_SCHEMA, *rows])
    assert str(schema.field("stated_on").type) == "date32[day]"
    assert str(schema.field("actor").type) == "dictionary<values=string, indices=int32, ordered=0>"
    events = EVENTS_SCHEMA.append(pa.field("commitment_row", pa.int32()))
    assert pq.read_schema(paths["events"]).remove_metadata() == events
    meta = read_metadata(paths["commitments"])
    assert meta["ledger.schema_version"] == SCHEMA_VERSION
    assert meta["ledger.input_hash"] == ledger_hash(ledger)
    assert meta["ledger.table"] == "commitments"
    assert meta["ledger.version"]


def test_hash_is_the_same_for_yaml_and_csv_of_one_ledger(tmp_path):
    """The input hash depends on content, not on the file format or where it came from."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    commitments_csv, events_csv = dump_csv(ledger)
    (tmp_path / "commitments.csv").write_text(commitments_csv)
    (tmp_path / "events.csv").write_text(events_csv)
    assert ledger_hash(load(tmp_path).ledger) == ledger_hash(ledger)
    assert ledger_hash(ledger) != ledger_hash(Ledger(ledger.commitments[:-1]))


def test_tables_read_by_duckdb_and_polars(tmp_path):
    """Other readers see the same rows and dates without help."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    write_tables(ledger, tmp_path)
    path = (tmp_path / "commitments.parquet").as_posix()
    rows = duckdb.sql(f"select id, stated_on, len(sources) as n from '{path}' order by id").fetchall()
    assert [(r[0], r[1].isoformat(), r[2]) for r in rows] == sorted(
        (c.id, c.stated_on.isoformat(), len(c.sources)) for c in ledger.commitments
    )
    frame = polars.read_parquet(tmp_path / "events.parquet")
    assert frame.height == len(ledger.events)
    assert frame["happened_on"].dtype == polars.Date


def test_write_is_atomic_when_the_writer_crashes(tmp_path, monkeypatch):
    """A crash while writing leaves the previous table whole and no temporary file behind."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    write_tables(ledger, tmp_path)
    before = (tmp_path / "commitments.parquet").read_bytes()

    def crash(table, where, **kwargs):
        with open(where, "wb") as half:
            half.write(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(ledger_tables.pq, "write_table", crash)
    with pytest.raises(OSError, match="disk full"):
        write_tables(Ledger(), tmp_path)
    assert (tmp_path / "commitments.parquet").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["commitments.parquet", "events.parquet"]


def test_reading_a_table_of_another_schema_version_fails_clearly(tmp_path):
    """Tables from an incompatible version are refused with a message that says what to do."""
    import pyarrow as pa

    ledger_tables.write_parquet(
        pa.table({"x": [1]}), tmp_path / "commitments.parquet", {b"ledger.schema_version": b"0"}
    )
    with pytest.raises(ValueError, match="write the tables again"):
        read_tables(tmp_path)


def test_reading_a_table_with_other_columns_fails_clearly(tmp_path):
    """A table of the right version but the wrong columns is refused, naming the file."""
    import pyarrow as pa

    write_tables(Ledger(), tmp_path)
    ledger_tables.write_parquet(
        pa.table({"x": [1]}), tmp_path / "commitments.parquet", {b"ledger.schema_version": SCHEMA_VERSION.encode()}
    )
    with pytest.raises(ValueError, match="commitments.parquet: its columns do not match"):
        read_tables(tmp_path)


def test_reading_missing_tables_names_the_file(tmp_path):
    """A folder without tables gives FileNotFoundError naming the file."""
    with pytest.raises(FileNotFoundError, match="commitments.parquet"):
        read_tables(tmp_path)


def test_written_files_have_the_usual_permissions(tmp_path):
    """Atomic writes go through mkstemp (0600) but leave files as readable as open() would."""
    import stat

    from ledger.io.atomic import write_text_atomic

    paths = list(write_tables(Ledger(), tmp_path).values()) + [write_text_atomic("x", tmp_path / "a.yaml")]
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~ledger_atomic._UMASK, path


@pytest.mark.parametrize("text", ["a\rb", "first\x85second", "line\u2028break", "para\u2029graph"])
def test_line_break_characters_survive_yaml_and_csv(text, tmp_path):
    """A bare CR, NEL or Unicode line separator in text comes back exactly, in YAML and in CSV."""
    from ledger import Commitment, Source

    ledger = Ledger(
        [
            Commitment(
                id="a",
                actor="A",
                stated_on=dt.date(2025, 1, 1),
                text=text,
                deadline="soon",
                sources=[Source(url="https://example.org/a")],
            )
        ]
    )
    assert load_text(dump_yaml(ledger)).ledger == ledger
    commitments_csv, events_csv = dump_csv(ledger)
    (tmp_path / "commitments.csv").write_bytes(commitments_csv.encode())
    (tmp_path / "events.csv").write_bytes(events_csv.encode())
    assert load(tmp_path).ledger == ledger


def test_hash_follows_the_rows_not_stored_metadata(tmp_path):
    """Tables cut down after reading hash differently from the whole, whatever their metadata says."""
    from ledger import read_arrow
    from ledger.core.tables import LedgerTables

    ledger = load(ROOT / "fixtures" / "examples").ledger
    write_tables(ledger, tmp_path)
    whole = read_arrow(tmp_path)
    part = LedgerTables(whole.commitments.slice(0, 1), whole.events.slice(0, 0))
    assert ledger_hash(whole) == ledger_hash(ledger)
    assert ledger_hash(part) != ledger_hash(whole)


def test_the_row_columns_name_the_rows_and_are_not_the_ledgers(tmp_path):
    """``write_tables`` stores each reset's and each event's commitment as its row in commitments.parquet;
    reading the ledger back leaves them out, the plan's link columns carry them, and tables without them
    (written by another tool) are read without them."""
    from ledger.io.parquet import read_arrow, read_for_evaluation, read_link_columns

    ledger = load(ROOT / "fixtures" / "examples").ledger
    paths = write_tables(ledger, tmp_path)
    c, e = pq.read_table(paths["commitments"]), pq.read_table(paths["events"])
    ids = c["id"].to_pylist()
    resets = c["supersedes"].to_pylist()
    assert any(resets)
    assert [None if row is None else ids[row] for row in c["supersedes_row"].to_pylist()] == resets
    assert [ids[row] for row in e["commitment_row"].to_pylist()] == e["commitment_id"].to_pylist()
    ranks = c["id_rank"].to_pylist()
    assert [ids[ranks.index(place)] for place in range(len(ids))] == sorted(ids, key=lambda id: id.encode())
    for tables in (read_arrow(tmp_path), read_for_evaluation(tmp_path)):
        assert "supersedes_row" not in tables.commitments.column_names
        assert "commitment_row" not in tables.events.column_names
    linked = read_link_columns(tmp_path)
    assert linked.commitments["supersedes_row"].equals(c["supersedes_row"])
    assert linked.commitments["id_rank"].equals(c["id_rank"])
    assert linked.events["commitment_row"].equals(e["commitment_row"])
    pq.write_table(c.drop_columns(["supersedes_row", "id_rank"]), paths["commitments"])
    pq.write_table(e.drop_columns(["commitment_row"]), paths["events"])
    linked = read_link_columns(tmp_path)
    assert linked.commitments.column_names == ["id", "supersedes", "stated_on", "recorded_on", "tags", "deadline",
                                               "deadline_means"]  # fmt: skip
    assert "commitment_row" not in linked.events.column_names
    assert read_tables(tmp_path) == ledger


_PINNED_LEDGER = """commitments:
  - id: bridge
    actor: Ada Ruiz
    stated_on: 2025-03-01
    deadline: within two weeks
    text: The bridge reopens
    tags: [roads, city]
    sources:
      - url: https://example.org/a
        title: A report
events:
  - commitment_id: bridge
    type: fulfilled
    on: 2025-03-10
    sources:
      - url: https://example.org/b
"""


def test_the_hash_of_a_ledger_is_the_one_written_before():
    """Files and results already published carry this hash: a change to how it is computed must not move it."""
    result = load_text(_PINNED_LEDGER)
    assert not result.errors
    assert ledger_hash(result.ledger) == "95768f81837549b17a75716f2b36c7653becef56952719bef1e07672d4a1a8c2"


@given(strategies.ledgers())
def test_a_pair_written_without_its_hash_hashes_as_the_ledger_it_holds(tmp_path_factory, ledger):
    """A Parquet pair from another tool names a list's values ``element``, not ``item``: the content, and
    so the hash, is the same (before, the two hashes differed and results were stamped with the other)."""
    folder = tmp_path_factory.mktemp("tables")
    write_tables(ledger, folder)
    without_stored_hash(folder)
    assert "element" in str(pq.read_schema(folder / "commitments.parquet").field("tags").type)
    tables = ledger_tables.read_arrow(folder)
    assert tables.stored_hash is None
    assert ledger_hash(tables) == ledger_hash(ledger)


def test_evaluate_stamps_a_hashless_pair_with_the_hash_of_its_ledger(tmp_path):
    from ledger.cli import main

    ledger = load(ROOT / "fixtures" / "examples").ledger
    write_tables(ledger, tmp_path / "tables")
    without_stored_hash(tmp_path / "tables")
    assert main(["evaluate", str(tmp_path / "tables"), "--as-of", "2025-06-01", "--out", str(tmp_path / "out")]) == 0
    assert read_metadata(tmp_path / "out" / "verdicts.parquet")["ledger.input_hash"] == ledger_hash(ledger)
