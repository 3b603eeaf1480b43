"""The DuckDB SQL version of the verdict and statistics rules (benchmarks/sql_baseline.py) agrees with ledger."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from ledger.io.loader import load
from ledger.io.parquet import read_for_evaluation, write_tables
from ledger.io.results import write_results
from ledger.verdicts.chains import chains
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.stats import follow_through, time_to_fulfilment
from tests import strategies

duckdb = pytest.importorskip("duckdb")
sql_baseline = pytest.importorskip("benchmarks.sql_baseline")

ROOT = Path(__file__).resolve().parents[2]


def _both(ledger, folder: Path, as_of: dt.date) -> dict[str, int]:
    """Write the ledger's tables, evaluate them with ledger and with SQL, and compare every row."""
    write_tables(ledger, folder / "in")
    verdicts = evaluate(read_for_evaluation(folder / "in"), as_of=as_of)
    ours = write_results(
        folder / "ledger",
        verdicts=verdicts,
        chains=chains(verdicts),
        follow_through=follow_through(verdicts, by="actor"),
        survival=time_to_fulfilment(verdicts, by="topic"),
        input_hash="test",
    )
    return sql_baseline.agreement(ours, sql_baseline.run(folder / "in", folder / "sql", as_of))


@pytest.mark.parametrize("as_of", [dt.date(2025, 3, 1), dt.date(2025, 6, 1), dt.date(2026, 12, 31)])
def test_sql_agrees_with_ledger_on_the_example_ledger(tmp_path, as_of):
    """Every compared column of the four tables is equal, row for row, on the fixture ledger at several dates."""
    rows = _both(load(ROOT / "fixtures" / "examples").ledger, tmp_path, as_of)
    assert rows["verdicts"] > 0 and set(rows) == {"verdicts", "chains", "follow_through", "survival"}


@settings(max_examples=5, deadline=None)
@given(strategies.evaluable_ledgers)
def test_sql_agrees_with_ledger_on_random_ledgers(ledger):
    """On random ledgers (chains of resets, every event type), SQL's tables are ledger's, row for row."""
    with tempfile.TemporaryDirectory() as folder:
        _both(ledger, Path(folder), dt.date(2025, 6, 30))


def test_a_difference_is_caught(tmp_path):
    """The comparison fails when one status differs: it compares, it does not just count."""
    import pandas as pd

    led = load(ROOT / "fixtures" / "examples").ledger
    _both(led, tmp_path, dt.date(2025, 6, 1))
    paths = {name: tmp_path / "ledger" / f"{name}.parquet" for name in ("verdicts", "chains", "survival")}
    paths["follow_through_actor"] = tmp_path / "ledger" / "follow_through_actor.parquet"
    changed = pd.read_parquet(paths["verdicts"])
    first = str(changed["status"].iloc[0])
    changed["status"] = changed["status"].astype(str).where(changed.index != 0, "late" if first == "kept" else "kept")
    changed.to_parquet(tmp_path / "changed.parquet")
    paths["verdicts"] = tmp_path / "changed.parquet"
    sql = {name: tmp_path / "sql" / f"{name}.parquet" for name in ("verdicts", "chains", "follow_through", "survival")}
    with pytest.raises(AssertionError):
        sql_baseline.agreement(paths, sql)
