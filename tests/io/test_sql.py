"""Tables a SQL user can read: no column needs quoting, old files still read, verdicts need no join."""

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from ledger import load, read_arrow, read_tables, write_tables
from ledger.core.tables import ledger_hash
from ledger.io.parquet import EVENTS_FILE, SCHEMA_VERSION, read_metadata
from ledger.io.results import write_results
from ledger.verdicts.chains import chains
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.over_time import follow_through_over_time, over_time_arrow
from ledger.verdicts.stats import follow_through, time_to_fulfilment

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2025, 6, 1)


def _as_version_1(path: Path) -> None:
    """Rewrite an events file as schema version 1 wrote it: the date column called ``on``."""
    table = pq.read_table(path)
    meta = {**table.schema.metadata, b"ledger.schema_version": b"1"}
    names = ["on" if name == "happened_on" else name for name in table.column_names]
    pq.write_table(table.rename_columns(names).replace_schema_metadata(meta), path)


def test_events_date_column_reads_in_sql_without_quotes(tmp_path):
    """`select happened_on from 'events.parquet'` works; `on` would be a syntax error."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    write_tables(ledger, tmp_path)
    path = (tmp_path / EVENTS_FILE).as_posix()
    days = sorted(row[0] for row in duckdb.sql(f"select happened_on from '{path}'").fetchall())
    assert days == sorted(e.on for e in ledger.events)
    with pytest.raises(duckdb.ParserException):
        duckdb.sql(f"select on from '{path}'")


def test_a_version_1_events_file_is_read_with_the_column_renamed(tmp_path):
    """A file written before the rename (schema version 1, column ``on``) reads as the same ledger, same hash."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    write_tables(ledger, tmp_path)
    _as_version_1(tmp_path / EVENTS_FILE)
    assert read_metadata(tmp_path / EVENTS_FILE)["ledger.schema_version"] == "1" != SCHEMA_VERSION
    assert "on" in pq.read_schema(tmp_path / EVENTS_FILE).names
    tables = read_arrow(tmp_path)
    assert tables.events.column_names[2] == "happened_on"
    assert read_tables(tmp_path) == ledger
    # The hash never depended on the column's name: the one stored in old files still holds.
    assert tables.stored_hash == ledger_hash(ledger) == ledger_hash(tables.to_ledger())


def test_a_file_of_an_unknown_version_is_still_refused(tmp_path):
    """Only versions whose changes are known are read; others ask for the tables to be written again."""
    write_tables(load(ROOT / "fixtures" / "examples").ledger, tmp_path)
    table = pq.read_table(tmp_path / EVENTS_FILE)
    pq.write_table(
        table.replace_schema_metadata({**table.schema.metadata, b"ledger.schema_version": b"99"}),
        tmp_path / EVENTS_FILE,
    )
    with pytest.raises(ValueError, match=r"schema version '99' is not one this ledger .* reads \('1', '2'\)"):
        read_arrow(tmp_path)


def test_frames_call_the_events_date_happened_on():
    """DataFrames follow the tables: the events' date column is ``happened_on``."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    _, events = ledger.to_frames()
    assert "happened_on" in events.columns and "on" not in events.columns
    assert events["happened_on"].dtype.kind == "M"


def _results(folder: Path, **evaluation) -> dict[str, Path]:
    ledger = load(ROOT / "fixtures" / "examples").ledger
    verdicts = evaluate(ledger, as_of=AS_OF, **evaluation)
    return write_results(
        folder,
        verdicts=verdicts,
        chains=chains(verdicts),
        follow_through=follow_through(verdicts),
        survival=time_to_fulfilment(verdicts),
        input_hash=ledger_hash(ledger),
    )


def test_a_table_in_print_needs_no_join(tmp_path):
    """id, actor, text, deadline, status and source_url come from verdicts.parquet alone, as the ledger says."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    path = _results(tmp_path)["verdicts"].as_posix()
    rows = duckdb.sql(f"select id, actor, text, deadline, status, source_url from '{path}' order by id").fetchall()
    by_id = {c.id: c for c in ledger.commitments if c.stated_on <= AS_OF and "candidate" not in c.tags}
    assert [row[0] for row in rows] == sorted(by_id)
    for cid, actor, text, deadline, status, source_url in rows:
        c = by_id[cid]
        assert (actor, text, deadline) == (c.actor, c.text, c.deadline)
        assert source_url == (c.sources[0].url if c.sources else None)
        assert status is not None


def test_known_as_of_is_absent_when_not_given(tmp_path):
    """No ``known_as_of`` means no ``ledger.known_as_of`` key, never an empty string; given, it is the date."""
    for path in _results(tmp_path / "now").values():
        assert "ledger.known_as_of" not in read_metadata(path), path.name
    for path in _results(tmp_path / "then", known_as_of=dt.date(2025, 5, 1)).values():
        assert read_metadata(path)["ledger.known_as_of"] == "2025-05-01", path.name


def test_over_time_table_leaves_known_as_of_out_when_not_given():
    """The over-time table's metadata follows the same rule as the other result tables."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    plain = over_time_arrow(follow_through_over_time(ledger, as_of=[AS_OF]), "x").schema.metadata
    assert b"ledger.known_as_of" not in plain
    known = follow_through_over_time(ledger, as_of=[AS_OF], known_as_of=dt.date(2025, 5, 1))
    assert over_time_arrow(known, "x").schema.metadata[b"ledger.known_as_of"] == b"2025-05-01"
