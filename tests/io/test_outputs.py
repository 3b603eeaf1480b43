"""Evaluation tables on disk: declared schemas, checks before writing, other readers."""

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import load
from ledger.cli import main
from ledger.core.tables import ledger_hash
from ledger.io import results as outputs
from ledger.io.parquet import read_metadata
from ledger.io.results import (
    CHAINS_SCHEMA,
    VERDICTS_SCHEMA,
    ResultsWriter,
    TableCheckError,
    check_table,
    to_arrow,
    write_results,
)
from ledger.verdicts.chains import chains
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.stats import follow_through, time_to_fulfilment

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "fixtures" / "examples"
AS_OF = dt.date(2025, 6, 1)


@pytest.fixture
def results(tmp_path):
    ledger = load(EXAMPLES).ledger
    verdicts = evaluate(ledger, as_of=AS_OF)
    paths = write_results(
        tmp_path,
        verdicts=verdicts,
        chains=chains(verdicts),
        follow_through=follow_through(verdicts, by=("actor", "topic")),
        survival=time_to_fulfilment(verdicts, by="actor"),
        input_hash=ledger_hash(ledger),
    )
    return ledger, verdicts, paths


def test_every_table_has_its_schema_and_metadata(results):
    """Each file carries its declared schema, as_of, policy, version and input hash."""
    ledger, _, paths = results
    assert set(paths) == {"verdicts", "chains", "follow_through_actor_topic", "survival"}
    assert pq.read_schema(paths["verdicts"]).remove_metadata() == VERDICTS_SCHEMA
    assert pq.read_schema(paths["chains"]).remove_metadata() == CHAINS_SCHEMA
    for path in paths.values():
        meta = read_metadata(path)
        assert meta["ledger.as_of"] == "2025-06-01"
        assert meta["ledger.input_hash"] == ledger_hash(ledger)
        assert json.loads(meta["ledger.policy"])["hedge_factor"] == 1.5
    assert read_metadata(paths["follow_through_actor_topic"])["ledger.partial_counts_as"] == "not_kept"


def _duckdb_rows(query: str) -> list:
    """The rows DuckDB gives for a query that returns some."""
    relation = duckdb.sql(query)
    assert relation is not None, query
    return relation.fetchall()


def test_duckdb_and_polars_read_every_table(results):
    """DuckDB and polars read each table as written, with dates as dates."""
    _, verdicts, paths = results
    for path in paths.values():
        n_duck = _duckdb_rows(f"select count(*) from '{path.as_posix()}'")[0][0]
        assert n_duck == polars.read_parquet(path).height > 0
    frame = polars.read_parquet(paths["verdicts"])
    assert frame["stated_on"].dtype == polars.Date
    assert sorted(frame["status"].cast(polars.Utf8).to_list()) == sorted(verdicts["status"].astype(str))
    statuses = _duckdb_rows(f"select status, count(*) from '{paths['verdicts'].as_posix()}' group by status")
    assert sum(n for _, n in statuses) == len(verdicts)


def test_verdicts_read_back_equal(results):
    """Dates, nullable counts and categories survive the trip to Parquet and back."""
    _, verdicts, paths = results
    back = pq.read_table(paths["verdicts"]).to_pandas(date_as_object=True)
    assert list(back["id"]) == list(verdicts["id"])
    assert list(back["latest"]) == [
        None if x is None else x.date()
        for x in verdicts["latest"].astype(object).where(verdicts["latest"].notna(), None)
    ]
    assert back["days_late"].isna().tolist() == verdicts["days_late"].isna().tolist()


@pytest.mark.parametrize(
    "column, value, problem",
    [
        ("kept_rate", 1.5, "in [0, 1]"),
        ("n_kept", -1, "negative"),
        ("kept_ci_high", 0.1, "inside its interval"),
    ],
)
def test_checks_refuse_impossible_values(results, column, value, problem):
    """A table with an impossible value fails its check and names the column."""
    _, verdicts, _ = results
    summary = follow_through(verdicts, by=())
    summary.loc[0, column] = value
    from ledger.io.results import follow_through_schema

    with pytest.raises(TableCheckError, match=re.escape(problem)) as info:
        check_table("follow_through", to_arrow(summary, follow_through_schema(())))
    assert info.value.column in (column, "kept_rate", "n")


def test_unknown_status_is_refused():
    """A status outside the closed set is refused before writing."""
    table = pa.table({"status": pa.array(["kept", "forgotten"]).dictionary_encode()})
    with pytest.raises(TableCheckError, match="closed set"):
        check_table("verdicts", table)


def test_failed_check_writes_nothing(tmp_path):
    """If any table fails its check, no file at all is written."""
    ledger = load(EXAMPLES).ledger
    verdicts = evaluate(ledger, as_of=AS_OF)
    bad = follow_through(verdicts, by=())
    bad.loc[0, "n_kept"] = -3
    with pytest.raises(TableCheckError):
        write_results(
            tmp_path,
            verdicts=verdicts,
            chains=chains(verdicts),
            follow_through=bad,
            survival=time_to_fulfilment(verdicts),
            input_hash="x",
        )
    assert list(tmp_path.iterdir()) == []


def _four_tables():
    verdicts = evaluate(load(EXAMPLES).ledger, as_of=AS_OF)
    return verdicts, chains(verdicts), follow_through(verdicts, by="actor"), time_to_fulfilment(verdicts)


def test_results_writer_writes_what_write_results_writes(tmp_path):
    """Table by table, the writer leaves the same four tables, metadata included (but the generation of each run)."""
    verdicts, chain_table, summary, survival = _four_tables()
    together = write_results(
        tmp_path / "a", verdicts=verdicts, chains=chain_table, follow_through=summary, survival=survival, input_hash="h"
    )
    with ResultsWriter(tmp_path / "b", input_hash="h") as out:
        for kind, frame in [
            ("verdicts", verdicts),
            ("chains", chain_table),
            ("follow_through", summary),
            ("survival", survival),
        ]:
            out.add(kind, frame)
    assert sorted(out.paths) == sorted(together)

    def without_generation(table):
        return table.replace_schema_metadata(
            {k: v for k, v in table.schema.metadata.items() if k != b"ledger.generation"}
        )

    for name, path in together.items():
        one, other = pq.read_table(out.paths[name]), pq.read_table(path)
        assert without_generation(one).equals(without_generation(other), check_metadata=True), name
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted(p.name for p in together.values())


def test_an_error_inside_the_writer_block_replaces_nothing(tmp_path):
    """Tables added before a crash in the caller's code are not put in place, and leave no temporary files."""
    verdicts, chain_table, summary, survival = _four_tables()
    old = write_results(
        tmp_path, verdicts=verdicts, chains=chain_table, follow_through=summary, survival=survival, input_hash="old"
    )
    before = {name: path.read_bytes() for name, path in old.items()}
    with pytest.raises(KeyboardInterrupt), ResultsWriter(tmp_path, input_hash="new") as out:
        out.add("verdicts", verdicts)
        out.add("chains", chain_table)
        raise KeyboardInterrupt
    assert {name: path.read_bytes() for name, path in old.items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in old.values())
    assert out.paths == {}


def test_a_failed_background_write_replaces_nothing(tmp_path, monkeypatch):
    """A write that fails in its thread is raised when the block ends, and no file is replaced."""
    verdicts, chain_table, summary, survival = _four_tables()
    old = write_results(
        tmp_path, verdicts=verdicts, chains=chain_table, follow_through=summary, survival=survival, input_hash="old"
    )
    before = {name: path.read_bytes() for name, path in old.items()}
    real_write = outputs.pq.write_table

    def fail_for_chains(table, where, **kwargs):
        real_write(table, where, **kwargs)
        if table.schema.metadata[b"ledger.table"] == b"chains":
            raise OSError("disk full")

    monkeypatch.setattr(outputs.pq, "write_table", fail_for_chains)
    with pytest.raises(OSError, match="disk full"):
        write_results(
            tmp_path, verdicts=verdicts, chains=chain_table, follow_through=summary, survival=survival, input_hash="new"
        )
    assert {name: path.read_bytes() for name, path in old.items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in old.values())


def test_a_part_failing_its_check_in_a_stream_replaces_nothing(tmp_path):
    """A streamed part is checked in the writer's thread: its TableCheckError is raised by the next add
    (or when the block ends), and the folder's previous files stay as they were."""
    verdicts, chain_table, summary, survival = _four_tables()
    old = write_results(
        tmp_path, verdicts=verdicts, chains=chain_table, follow_through=summary, survival=survival, input_hash="old"
    )
    before = {name: path.read_bytes() for name, path in old.items()}
    bad = chain_table.copy()
    bad["n_commitments"] = -1
    for later in (True, False):
        with (
            pytest.raises(TableCheckError, match="a count cannot be negative"),
            ResultsWriter(tmp_path, input_hash="new") as out,
        ):
            stream = out.stream("chains", {"as_of": AS_OF})
            stream.add(bad)
            if later:
                stream.add(chain_table)
        assert {name: path.read_bytes() for name, path in old.items()} == before
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in old.values())


def test_streamed_unique_text_gives_up_its_dictionary_early(tmp_path):
    """A column of unique ids, written in parts, falls back from a Parquet dictionary once its dictionary
    page passes PARQUET_DICTIONARY_PAGE_LIMIT (not Arrow's 1 MB): what makes writing in parts cheaper."""
    verdicts = _four_tables()[0]
    rows = 20_000  # about 700 kB of ids that compress little: past the limit, within Arrow's default
    many = verdicts.iloc[np.zeros(rows, dtype=int)].reset_index(drop=True)
    hexes = np.random.default_rng(17).bytes(16 * rows).hex()
    ids = [hexes[32 * i : 32 * (i + 1)] for i in range(rows)]
    many["id"] = pd.array(ids, dtype=pd.ArrowDtype(pa.string()))
    with ResultsWriter(tmp_path, input_hash="h") as out:
        out.stream("verdicts", verdicts.attrs).add(many)
    chunk = pq.ParquetFile(out.paths["verdicts"]).metadata.row_group(0).column(0)
    assert chunk.path_in_schema == "id"
    # The dictionary page comes first: it holds the first values only (about a third; all of them, 720 kB,
    # at Arrow's default), the rest are written plainly.
    dictionary_page = chunk.data_page_offset - chunk.dictionary_page_offset
    assert dictionary_page < rows * (32 + 4) / 2
    assert dictionary_page < 1.05 * outputs.PARQUET_DICTIONARY_PAGE_LIMIT
    assert pq.read_table(out.paths["verdicts"])["id"].to_pylist() == many["id"].tolist()


def test_results_writer_refuses_misuse(tmp_path):
    """Outside a with block, an unknown kind, or a table added twice: each a clear error."""
    verdicts = _four_tables()[0]
    with pytest.raises(RuntimeError, match="with"):
        ResultsWriter(tmp_path, input_hash="h").add("verdicts", verdicts)
    with pytest.raises(ValueError, match="added twice"), ResultsWriter(tmp_path, input_hash="h") as out:
        out.add("verdicts", verdicts)
        out.add("verdicts", verdicts)
    with pytest.raises(ValueError, match="'kind' must be one of"), ResultsWriter(tmp_path, input_hash="h") as out:
        out.add("verdict", verdicts)
    assert list(tmp_path.iterdir()) == []


def test_cli_evaluate_writes_tables_and_prints_summary(tmp_path, capsys):
    """`ledger evaluate` prints the as-of date and a summary row per group, then the files."""
    code = main(["evaluate", str(EXAMPLES), "--as-of", "2025-06-01", "--by", "actor", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("as of 1 June 2025")
    assert "Mayor Ada Example" in out and "95% interval" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "chains.parquet",
        "follow_through_actor.parquet",
        "survival.parquet",
        "verdicts.parquet",
    ]


def test_cli_evaluate_reads_parquet_tables(tmp_path, capsys):
    """`ledger tables` output can be evaluated directly, with the same verdicts."""
    assert main(["tables", str(EXAMPLES), "--out", str(tmp_path / "t")]) == 0
    assert main(["evaluate", str(tmp_path / "t"), "--as-of", "2025-06-01", "--out", str(tmp_path / "a")]) == 0
    assert main(["evaluate", str(EXAMPLES), "--as-of", "2025-06-01", "--out", str(tmp_path / "b")]) == 0
    a = pq.read_table(tmp_path / "a" / "verdicts.parquet")
    b = pq.read_table(tmp_path / "b" / "verdicts.parquet")
    assert a.equals(b)
    assert (
        read_metadata(tmp_path / "a" / "verdicts.parquet")["ledger.input_hash"]
        == read_metadata(tmp_path / "b" / "verdicts.parquet")["ledger.input_hash"]
    )


def test_cli_evaluate_refuses_a_ledger_with_errors(tmp_path, capsys):
    """A ledger with problems is not evaluated unless --allow-errors."""
    assert (
        main(
            [
                "evaluate",
                str(ROOT / "tests" / "invalid" / "bad_date.yaml"),
                "--as-of",
                "2025-06-01",
                "--out",
                str(tmp_path),
            ]
        )
        == 1
    )
    assert "nothing evaluated" in capsys.readouterr().err


def test_cli_parse_prints_window_and_json(capsys):
    """`ledger parse` prints the window and its explanation, or JSON; unreadable phrases exit 1."""
    assert main(["parse", "two weeks or so", "--on", "2025-10-16"]) == 0
    out = capsys.readouterr().out
    assert "latest 6 Nov 2025" in out
    assert main(["parse", "in 50 days", "fortnightish", "--on", "2025-07-14", "--json"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert records[0]["latest"] == "2025-09-02" and "error" in records[1]


def test_cli_parse_reads_a_file_of_phrases(tmp_path, capsys):
    """--file reads one phrase per line, skipping blanks and comments."""
    phrases = tmp_path / "phrases.txt"
    phrases.write_text("# said on the call\nin 50 days\n\n10 or 12 days\n")
    assert main(["parse", "--file", str(phrases), "--on", "2025-07-14", "--json"]) == 0
    assert [r["phrase"] for r in json.loads(capsys.readouterr().out)] == ["in 50 days", "10 or 12 days"]


def test_cli_bad_date_is_a_usage_error(capsys):
    """A malformed --as-of is refused by the parser with a hint."""
    with pytest.raises(SystemExit) as info:
        main(["evaluate", str(EXAMPLES), "--as-of", "16/10/2025", "--out", "x"])
    assert info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_evaluate_as_a_subprocess(tmp_path):
    """`python -m ledger evaluate` works end to end in a real process."""
    done = subprocess.run(
        [sys.executable, "-m", "ledger", "evaluate", str(EXAMPLES), "--as-of", "2025-06-01", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "verdicts.parquet").exists()


def test_an_empty_ledger_evaluates_and_writes(tmp_path):
    """No commitments: empty verdicts and chains, one 'all' row of zeros, and valid files."""
    from ledger import Ledger

    verdicts = evaluate(Ledger(), as_of=AS_OF)
    summary = follow_through(verdicts, by=())
    assert len(verdicts) == 0 and len(chains(verdicts)) == 0
    assert summary.loc[0, "n"] == 0 and np.isnan(summary.loc[0, "kept_rate"])
    paths = write_results(
        tmp_path,
        verdicts=verdicts,
        chains=chains(verdicts),
        follow_through=summary,
        survival=time_to_fulfilment(verdicts),
        input_hash="0" * 64,
    )
    assert pq.read_table(paths["verdicts"]).num_rows == 0


@pytest.mark.parametrize("by", ["vague", "kind", "chain_position"])
def test_statistics_grouped_by_any_verdict_column_can_be_written(tmp_path, by):
    """Grouping by a column that is not text (a flag, a number) still writes valid tables."""
    verdicts = evaluate(load(EXAMPLES).ledger, as_of=AS_OF)
    summary = follow_through(verdicts, by=by)
    paths = write_results(
        tmp_path,
        verdicts=verdicts,
        chains=chains(verdicts),
        follow_through=summary,
        survival=time_to_fulfilment(verdicts, by=by),
        input_hash="0" * 64,
    )
    back = pq.read_table(paths[f"follow_through_{by}"]).to_pandas()
    assert back["n"].sum() == len(verdicts)


@settings(max_examples=60, deadline=None)
@given(
    ticks=st.lists(st.none() | st.integers(-(2**62), 2**62), max_size=40),
    unit=st.sampled_from(["D", "h", "m", "s", "ms", "us", "ns", "2h", "W"]),
)
def test_date_columns_convert_as_a_cast_to_days_does(ticks, unit):
    """The fast conversion of datetime64 columns to date32 (integers floor-divided) gives what a cast
    to datetime64[D] gives, NaT as null, days before 1970 and days past date32's range (wrapped) included."""
    nat = np.iinfo(np.int64).min
    values = np.array([nat if t is None else t for t in ticks], dtype=np.int64).view(f"datetime64[{unit}]")
    assert outputs._date32(values).equals(pa.array(values.astype("datetime64[D]"), from_pandas=True))
    if unit in ("s", "ms", "us", "ns"):  # the units a pandas column holds, through to_arrow
        got = to_arrow(pd.DataFrame({"d": values}, copy=False), pa.schema([pa.field("d", pa.date32())]))["d"]
        assert got.combine_chunks().equals(pa.array(values.astype("datetime64[D]"), from_pandas=True))


def test_a_date_column_with_a_time_zone_is_its_day_on_that_zones_clock():
    """A column of times with a zone (a frame a user changed) is written as the day its own clock shows, as
    ``.dt.date`` gives it, a missing time as null: not the day in UTC, and not an error."""
    stamps = pd.to_datetime(["2025-01-01 23:30", None, "2024-06-30 00:10"]).tz_localize("America/New_York")
    got = to_arrow(pd.DataFrame({"d": stamps}), pa.schema([pa.field("d", pa.date32())]))["d"].to_pylist()
    assert got == [dt.date(2025, 1, 1), None, dt.date(2024, 6, 30)]
    assert got[::2] == list(pd.Series(stamps).dt.date[::2])
