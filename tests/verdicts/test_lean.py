"""The lean single process: evaluating from the columns evaluation reads, and chains from evaluate's roots."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.core.tables import ledger_hash
from ledger.io.loader import load
from ledger.io.parquet import (
    EvaluationTables,
    read_arrow,
    read_for_evaluation,
    write_tables,
)
from ledger.verdicts.chains import chains
from ledger.verdicts.evaluate import evaluate
from tests import strategies
from tests.helpers import without_stored_hash

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2025, 6, 30)


@settings(max_examples=30)
@given(strategies.evaluable_ledgers, st.booleans(), st.booleans())
def test_evaluating_the_lean_read_equals_evaluating_the_whole_read(ledger, known, candidates):
    """Verdicts from read_for_evaluation's columns are those from read_arrow's whole tables, row for row."""
    with tempfile.TemporaryDirectory() as folder:
        write_tables(ledger, folder)
        whole, lean = read_arrow(folder), read_for_evaluation(folder)
    options = {"as_of": AS_OF, "known_as_of": AS_OF if known else None, "include_candidates": candidates}
    pd.testing.assert_frame_equal(evaluate(lean, **options), evaluate(whole, **options))
    assert lean.stored_hash == ledger_hash(whole) == ledger_hash(ledger)


def test_the_lean_read_leaves_titles_quotes_and_notes_on_disk(tmp_path):
    """Sources keep their url alone, and events their date, type and commitment, not their note."""
    write_tables(load(ROOT / "fixtures" / "examples").ledger, tmp_path)
    lean = read_for_evaluation(tmp_path)
    assert "note" not in lean.events.column_names
    assert lean.commitments.schema.field("sources").type.value_type.names == ["url"]
    assert not hasattr(lean, "to_ledger")


def test_a_table_without_a_stored_hash_is_hashed_whole(tmp_path):
    """Files written without ledger metadata get the hash of read_arrow's whole tables, not of the columns read."""
    ledger = load(ROOT / "fixtures" / "examples").ledger
    write_tables(ledger, tmp_path)
    without_stored_hash(tmp_path)
    whole = read_arrow(tmp_path)
    assert whole.stored_hash is None
    assert read_for_evaluation(tmp_path).stored_hash == ledger_hash(whole)


def test_evaluation_tables_must_have_the_evaluation_columns(tmp_path):
    """Whole tables are not EvaluationTables: the error says how to read them."""
    write_tables(load(ROOT / "fixtures" / "examples").ledger, tmp_path)
    whole = read_arrow(tmp_path)
    with pytest.raises(ValueError, match="read_for_evaluation"):
        EvaluationTables(whole.commitments, whole.events, stored_hash="x")


@settings(max_examples=30)
@given(strategies.evaluable_ledgers)
def test_chains_from_evaluates_roots_equal_chains_from_the_chain_ids(ledger):
    """chains() of evaluate's verdicts (grouped by its integer roots) equals chains() of the same
    verdicts whose chain_id column was rebuilt from its text (grouped by hashing the ids)."""
    verdicts = evaluate(ledger, as_of=AS_OF)
    rebuilt = verdicts.copy()
    rebuilt["chain_id"] = pd.array(verdicts["chain_id"].tolist(), dtype=pd.ArrowDtype(pa.string()))
    pd.testing.assert_frame_equal(chains(verdicts), chains(rebuilt))


def test_a_changed_chain_id_is_grouped_by_its_new_text():
    """Setting a chain_id by hand makes chains() group by the text again, not by the roots evaluate found."""
    verdicts = evaluate(load(ROOT / "fixtures" / "examples").ledger, as_of=AS_OF)
    before = len(chains(verdicts))
    alone = verdicts.index[verdicts["chain_position"] == 2][0]
    verdicts.loc[alone, "chain_id"] = verdicts.loc[alone, "id"]
    verdicts.loc[alone, "chain_position"] = 1
    assert len(chains(verdicts)) == before + 1
