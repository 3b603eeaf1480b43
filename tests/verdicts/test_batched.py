"""A folder of tables judged in batches of whole chains: the written tables are the whole process's."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ledger.verdicts.batched as batched
from ledger.cli import main
from ledger.cli.judging import use_lean_allocators
from ledger.core.integrity import IntegrityError, Links
from ledger.core.records import Ledger
from ledger.deadlines.policy import DeadlinePolicy
from ledger.io.dump import dump_yaml
from ledger.io.loader import load
from ledger.io.parquet import (
    COMMITMENTS_FILE,
    EVENTS_FILE,
    LINK_ONLY_COLUMNS,
    LINK_ROW_COLUMNS,
    CheckedRows,
    EvaluationTables,
    MixedTablesError,
    read_for_evaluation,
    read_link_columns,
    write_tables,
)
from ledger.io.results import ResultsWriter, write_results
from ledger.verdicts.batched import batch_bounds, evaluate_folder, plan_batches
from ledger.verdicts.chains import chains
from ledger.verdicts.evaluate import UnreadableDeadlines, evaluate, evaluate_batch
from ledger.verdicts.stats import combine_survival, follow_through, survival_parts, time_to_fulfilment
from tests import strategies

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "fixtures" / "examples"
AS_OF = dt.date(2025, 6, 30)
_deadlines = strategies.readable_deadlines | st.sampled_from(["fortnightish", "when pigs fly"])


def write_folder(ledger: Ledger, folder: Path, *, reverse: bool = False, shuffle: int | None = None) -> None:
    """``ledger tables``'s two files; ``reverse`` writes the commitments last first (every reset then
    points forward in the file, and events are out of commitment order), ``shuffle`` the events in a
    random order (its seed)."""
    write_tables(ledger, folder)
    for name, wanted in ((COMMITMENTS_FILE, reverse), (EVENTS_FILE, shuffle is not None)):
        if not wanted:
            continue
        table = pq.read_table(folder / name)  # keeps the file's metadata (its input hash)
        order = list(range(table.num_rows))
        if name == COMMITMENTS_FILE:
            order.reverse()
        else:
            random.Random(shuffle).shuffle(order)
        pq.write_table(table.take(pa.array(order, pa.int64())), folder / name)


def whole_process(folder: Path, out: Path, *, by=("actor",), level="commitment", **options) -> dict[str, Path]:
    """The four tables as judging the whole ledger at once writes them."""
    tables = read_for_evaluation(folder)
    verdicts = evaluate(tables, **options)
    return write_results(
        out,
        verdicts=verdicts,
        chains=chains(verdicts),
        follow_through=follow_through(verdicts, by=by, level=level),
        survival=time_to_fulfilment(verdicts, by=by, level=level),
        input_hash=tables.stored_hash,
    )


def in_batches(folder: Path, out: Path, batch_rows: int, *, by=("actor",), level="commitment", **options):
    plan = plan_batches(
        folder,
        as_of=options["as_of"],
        known_as_of=options.get("known_as_of"),
        include_candidates=options.get("include_candidates", False),
        batch_rows=batch_rows,
    )
    with ResultsWriter(out, input_hash=plan.input_hash) as writer:
        results = evaluate_folder(plan, writer, by=by, level=level, **options)
    return results, dict(writer.paths)


def assert_same_files(got: dict[str, Path], expected: dict[str, Path]) -> None:
    """Every file holds the same table and the same ``ledger.*`` metadata but its generation.

    Dictionary columns are compared by their values: each batch's row group has its own dictionary,
    which Arrow and pandas join into one (in order of first appearance, as one batch lists them).
    """
    assert sorted(got) == sorted(expected)
    for name in expected:
        left, right = pq.read_table(got[name]), pq.read_table(expected[name])
        assert left.unify_dictionaries().combine_chunks().equals(right.unify_dictionaries().combine_chunks()), name
        assert left.to_pandas().equals(right.to_pandas()), name
        meta = [{k: v for k, v in t.schema.metadata.items() if k != b"ledger.generation"} for t in (left, right)]
        assert meta[0] == meta[1], name


@settings(max_examples=20, deadline=None)
@given(
    ledger=strategies.ledgers(max_commitments=14, max_events=16, deadlines=_deadlines),
    batch_rows=st.integers(1, 16),
    known=st.booleans(),
    candidates=st.sampled_from([None, False, True]),
    reverse=st.booleans(),
    shuffle=st.none() | st.integers(0, 1000),
    by=st.sampled_from([(), ("actor",), ("topic", "actor")]),
    level=st.sampled_from(["commitment", "chain"]),
    unmerged_rows=st.sampled_from([0, 3, batched.SURVIVAL_ROWS_UNMERGED]),
)
def test_batched_tables_equal_the_whole_process_tables(
    ledger, batch_rows, known, candidates, reverse, shuffle, by, level, unmerged_rows
):
    """For random ledgers (chains crossing would-be cuts, in either direction; events out of order;
    unreadable deadlines; unconfirmed candidates, counted or not; --known-as-of) and batch sizes down
    to one row, the four written tables equal the whole process's, with their metadata; the survival
    pieces merged after every batch, now and then, or never."""
    if candidates is not None:
        # Every other commitment still a candidate, confirmed or not.
        listed = enumerate(ledger.commitments)
        ledger = Ledger(
            [attrs.evolve(c, tags=(*c.tags, "candidate")) if i % 2 else c for i, c in listed], ledger.events
        )
    options = {"as_of": AS_OF, "known_as_of": AS_OF - dt.timedelta(days=60) if known else None}
    options["include_candidates"] = bool(candidates)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_folder(ledger, folder / "tables", reverse=reverse, shuffle=shuffle)
        expected = whole_process(folder / "tables", folder / "whole", by=by, level=level, **options)
        held, batched.SURVIVAL_ROWS_UNMERGED = batched.SURVIVAL_ROWS_UNMERGED, unmerged_rows
        try:
            results, got = in_batches(folder / "tables", folder / "batched", batch_rows, by=by, level=level, **options)
        finally:
            batched.SURVIVAL_ROWS_UNMERGED = held
        assert_same_files(got, expected)
        verdicts = evaluate(read_for_evaluation(folder / "tables"), **options)
    assert results.verdict_rows == len(verdicts)
    assert results.not_judged["id"].tolist() == verdicts.loc[verdicts["status"] == "unreadable", "id"].tolist()
    assert results.not_judged.attrs == verdicts.attrs
    assert results.overall.equals(follow_through(verdicts, by=(), level=level))


@settings(max_examples=10, deadline=None)
@given(ledger=strategies.ledgers(max_commitments=12, max_events=8, deadlines=_deadlines), batch_rows=st.integers(1, 6))
def test_strict_batches_raise_every_unreadable_deadline_as_the_whole_process(ledger, batch_rows):
    """With strict, the unreadable deadlines of every batch are raised together, in the ledger's order,
    with the whole process's message; nothing is written."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_folder(ledger, folder / "tables")
        try:
            evaluate(read_for_evaluation(folder / "tables"), as_of=AS_OF, strict=True)
        except UnreadableDeadlines as exc:
            expected = exc
        else:
            expected = None
        if expected is None:
            in_batches(folder / "tables", folder / "out", batch_rows, as_of=AS_OF, strict=True)
            return
        with pytest.raises(UnreadableDeadlines) as got:
            in_batches(folder / "tables", folder / "out", batch_rows, as_of=AS_OF, strict=True)
        assert list(got.value.errors.items()) == list(expected.errors.items())
        assert str(got.value) == str(expected)
        assert not list((folder / "out").iterdir())


@pytest.mark.parametrize(
    ("superseded", "batch_rows", "bounds"),
    [
        ([], 3, [0, 0]),  # one batch of no rows, so that the tables are written
        ([-1, -1, -1], 1, [0, 1, 2, 3]),
        ([-1, 0, 1, -1], 1, [0, 3, 4]),  # a chain longer than a batch is one batch
        ([2, -1, -1, -1], 2, [0, 3, 4]),  # a reset may point forward in the file
        ([-1, -1, -1, 0], 10, [0, 4]),
        ([-1, -1, -1, 0, -1, -1], 2, [0, 4, 6]),
    ],
)
def test_batches_end_where_no_chain_is_open(superseded, batch_rows, bounds):
    """Each cut has every chain wholly before or after it; a batch is as long as it may be, up to batch_rows."""
    assert batch_bounds(np.array(superseded, dtype=np.int64), batch_rows).tolist() == bounds


def test_a_broken_link_is_refused_before_anything_is_judged(tmp_path):
    """An event of an unknown commitment is the whole ledger's IntegrityError, raised by the plan."""
    write_tables(load(EXAMPLES).ledger, tmp_path)
    table = pq.read_table(tmp_path / EVENTS_FILE)
    ids = table["commitment_id"].to_pylist()
    ids[0] = "no-such-commitment"
    table = table.set_column(0, "commitment_id", pa.array(ids, table.schema.field("commitment_id").type))
    pq.write_table(table, tmp_path / EVENTS_FILE)
    with pytest.raises(IntegrityError) as whole:
        evaluate(read_for_evaluation(tmp_path), as_of=AS_OF)
    with pytest.raises(IntegrityError) as plan:
        plan_batches(tmp_path, as_of=AS_OF)
    assert str(plan.value) == str(whole.value)


def test_the_command_judges_a_folder_of_tables_in_batches(tmp_path, monkeypatch, capsys):
    """`ledger evaluate FOLDER` takes the batched path and prints what judging the ledger files prints."""
    ledger = load(EXAMPLES).ledger
    commitments = list(ledger.commitments)
    commitments[1] = attrs.evolve(commitments[1], deadline="when pigs fly", deadline_means=None)
    commitments[2] = attrs.evolve(commitments[2], tags=("candidate",))
    ledger = Ledger(commitments, ledger.events)
    write_tables(ledger, tmp_path / "tables")
    calls = []
    monkeypatch.setattr(batched, "BATCH_ROWS", 2)
    real = batched.evaluate_folder

    def spy(plan, out, **options):
        calls.append(len(plan.bounds) - 1)
        return real(plan, out, **options)

    monkeypatch.setattr(batched, "evaluate_folder", spy)
    command = ["evaluate", "--as-of", "2025-06-01", "--by", "actor,topic"]
    assert main([*command, str(tmp_path / "tables"), "--out", str(tmp_path / "a")]) == 0
    from_tables = capsys.readouterr().out.replace(str(tmp_path / "a"), "OUT")
    assert calls and calls[0] > 1
    # The same ledger as a YAML file is judged whole.
    (tmp_path / "ledger.yaml").write_text(dump_yaml(ledger), encoding="utf-8")
    assert main([*command, str(tmp_path / "ledger.yaml"), "--out", str(tmp_path / "b")]) == 0
    from_yaml = capsys.readouterr().out.replace(str(tmp_path / "b"), "OUT")
    assert len(calls) == 1
    assert from_tables == from_yaml
    assert "not judged: 1 commitment" in from_tables and "left out: 1 unconfirmed candidate" in from_tables
    assert_same_files(
        {p.name: p for p in (tmp_path / "a").glob("*.parquet")}, {p.name: p for p in (tmp_path / "b").glob("*.parquet")}
    )


def test_the_command_refuses_with_strict_and_writes_nothing(tmp_path, capsys):
    """--strict on a folder of tables lists every unreadable deadline and leaves no output folder."""
    ledger = load(EXAMPLES).ledger
    commitments = [attrs.evolve(c, deadline="fortnightish", deadline_means=None) for c in ledger.commitments]
    write_tables(Ledger(commitments, ledger.events), tmp_path / "tables")
    command = ["evaluate", str(tmp_path / "tables"), "--as-of", "2025-06-01", "--strict", "--out"]
    assert main([*command, str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{len(commitments)} deadlines cannot be read; nothing evaluated (--strict)" in err
    assert not (tmp_path / "out").exists()


def test_a_policy_the_plan_did_not_read_with_is_read_again(tmp_path):
    """Judged under another policy than the plan's windows, each batch reads its windows itself: the
    whole process's tables under that policy, not the plan's."""
    ledger = load(EXAMPLES).ledger
    commitments = [attrs.evolve(c, deadline="soon", deadline_means=None) for c in ledger.commitments]
    write_tables(Ledger(commitments, ledger.events), tmp_path / "tables")
    policy = DeadlinePolicy(soon_days=3)
    expected = whole_process(tmp_path / "tables", tmp_path / "whole", as_of=AS_OF, policy=policy)
    plan = plan_batches(tmp_path / "tables", as_of=AS_OF, batch_rows=2)  # windows read with the default policy
    with ResultsWriter(tmp_path / "batched", input_hash=plan.input_hash) as writer:
        evaluate_folder(plan, writer, as_of=AS_OF, policy=policy)
    assert_same_files(dict(writer.paths), expected)


def test_checked_rows_must_describe_the_rows(tmp_path):
    """EvaluationTables refuses links or windows for another number of rows than its tables hold."""
    write_tables(load(EXAMPLES).ledger, tmp_path)
    tables, plan = read_for_evaluation(tmp_path), plan_batches(tmp_path, as_of=AS_OF)
    whole = CheckedRows(plan.links, plan.windows, plan.policy)  # the plan's: every row of the ledger
    assert attrs.evolve(tables, checked=whole).checked is whole
    one = Links(plan.links.event_commitment, plan.links.superseded[:1], plan.links.event_type)
    with pytest.raises(ValueError, match="must describe these rows"):
        attrs.evolve(tables, checked=CheckedRows(one, plan.windows, plan.policy))


def test_only_a_batch_with_its_links_found_may_leave_out_the_columns_that_name_other_rows(tmp_path):
    """The batches are read without resets' and events' commitment ids (LINK_ONLY_COLUMNS): EvaluationTables
    takes tables without them only with the rows' links (CheckedRows), and evaluate then gives the same."""
    write_tables(load(EXAMPLES).ledger, tmp_path)
    tables, plan = read_for_evaluation(tmp_path), plan_batches(tmp_path, as_of=AS_OF)
    checked = batched._checked(plan, 0)  # one batch: every row
    lean = {
        name: getattr(tables, name).drop_columns(list(LINK_ONLY_COLUMNS[name])) for name in ("commitments", "events")
    }
    with pytest.raises(ValueError, match="read_for_evaluation"):
        EvaluationTables(lean["commitments"], lean["events"], stored_hash=tables.stored_hash)
    linked = EvaluationTables(lean["commitments"], lean["events"], stored_hash=tables.stored_hash, checked=checked)
    got = evaluate_batch(linked, as_of=AS_OF)
    expected = evaluate(load(EXAMPLES).ledger, as_of=AS_OF)
    assert got.astype(str).equals(expected.astype(str))


def test_a_batch_that_cannot_be_read_is_said_by_the_batch_that_needs_it(tmp_path):
    """Batches are read one ahead in another thread: a read that fails raises its own error in the loop."""
    write_tables(load(EXAMPLES).ledger, tmp_path / "tables")
    plan = plan_batches(tmp_path / "tables", as_of=AS_OF, batch_rows=2)

    def failing():
        yield from [(read_for_evaluation(tmp_path / "tables").commitments.slice(0, 0), None)]
        raise OSError("the disk went away")

    with batched._ReadAhead(failing()) as ahead:
        ahead.start()
        assert ahead.next()[1] is None
        ahead.start()
        with pytest.raises(OSError, match="the disk went away"):
            ahead.next()
    with batched._ReadAhead(iter([])) as ahead, pytest.raises(RuntimeError, match="fewer batches than the plan"):
        ahead.next()
    assert len(plan.bounds) > 2


@pytest.mark.parametrize("set_by_user", [False, True])
def test_the_command_chooses_lean_allocators_unless_the_user_did(monkeypatch, set_by_user):
    """`ledger evaluate` puts Arrow on the system heap, unless ARROW_DEFAULT_MEMORY_POOL says otherwise."""
    chosen = []
    monkeypatch.setattr(pa, "set_memory_pool", chosen.append)
    if set_by_user:
        monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")
    else:
        monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    use_lean_allocators()
    assert [pool.backend_name for pool in chosen] == ([] if set_by_user else ["system"])


def test_tables_written_again_after_the_plan_are_refused(tmp_path):
    """Files replaced between the plan and the batches are refused, not judged against the old plan."""
    write_tables(load(EXAMPLES).ledger, tmp_path / "tables")
    plan = plan_batches(tmp_path / "tables", as_of=AS_OF, batch_rows=2)
    write_tables(Ledger(), tmp_path / "tables")
    refused = pytest.raises(MixedTablesError, match="written again while the ledger was being judged")
    with refused, ResultsWriter(tmp_path / "out", input_hash=plan.input_hash) as writer:
        evaluate_folder(plan, writer, as_of=AS_OF)
    assert not list((tmp_path / "out").iterdir())


def test_a_plan_and_an_evaluation_made_for_different_dates_are_refused_with_a_sentence(tmp_path):
    """evaluate_folder given another as_of (or known_as_of, include_candidates) than its plan names the
    setting and both values, before anything is written (it had said 'batches left out 6 candidates')."""
    import datetime as dt

    from ledger import load, plan_batches, write_tables
    from ledger.io.results import ResultsWriter
    from ledger.verdicts.batched import evaluate_folder

    write_tables(load("fixtures/examples").ledger, tmp_path / "tables")
    plan = plan_batches(tmp_path / "tables", as_of=dt.date(2025, 6, 1))
    later = r"as_of=datetime.date\(2025, 7, 1\).*plan's as_of"
    with pytest.raises(ValueError, match=later), ResultsWriter(tmp_path / "out", input_hash=plan.input_hash) as out:
        evaluate_folder(plan, out, as_of=dt.date(2025, 7, 1))
    with (
        pytest.raises(ValueError, match="include_candidates"),
        ResultsWriter(tmp_path / "out", input_hash=plan.input_hash) as out,
    ):
        evaluate_folder(plan, out, as_of=dt.date(2025, 6, 1), include_candidates=True)
    assert not list((tmp_path / "out").glob("*.parquet"))


def test_a_refused_strict_run_leaves_none_of_the_folders_its_out_path_made(tmp_path, capsys):
    """`ledger evaluate FOLDER --strict --out n1/n2/n3` refused for an unreadable deadline removes n3, n2 and n1."""
    from ledger.cli import main

    ledger_file = tmp_path / "u.yaml"
    ledger_file.write_text(
        "commitments:\n  - id: a\n    actor: Someone\n    text: do it\n    stated_on: 2025-01-01\n"
        "    deadline: when pigs fly\n    sources: [{url: 'https://example.org/a'}]\n",
        encoding="utf-8",
    )
    assert main(["tables", str(ledger_file), "--out", str(tmp_path / "T")]) == 0
    code = main(
        ["evaluate", str(tmp_path / "T"), "--strict", "--as-of", "2025-06-01", "--out", str(tmp_path / "n1/n2/n3")]
    )
    assert code != 0 and "nothing evaluated" in capsys.readouterr().err
    assert not (tmp_path / "n1").exists()


def _rewritten(folder: Path, name: str, change) -> None:
    """One table of the folder written again as another tool would, changed by ``change`` (metadata kept)."""
    table = pq.read_table(folder / name)
    pq.write_table(change(table), folder / name)


def test_row_columns_that_do_not_hold_are_not_trusted(tmp_path):
    """The plan's links are the same from tables whose row columns are right, missing, stale (the commitments
    reordered by another tool that kept them) or damaged: a row is used only where it holds the id its
    reference names."""
    ledger = load(EXAMPLES).ledger
    assert any(c.supersedes for c in ledger.commitments) and ledger.events

    def links(folder: Path) -> list[list[int]]:
        return [column.tolist() for column in plan_batches(folder, as_of=AS_OF).links]

    def without_rows(table: pa.Table) -> pa.Table:
        every = [name for names in LINK_ROW_COLUMNS.values() for name in names]
        return table.drop_columns([name for name in every if name in table.column_names])

    def reversed_rows(table: pa.Table) -> pa.Table:
        return table.take(pa.array(range(table.num_rows - 1, -1, -1)))

    def zeros(table: pa.Table) -> pa.Table:
        for name in {*LINK_ROW_COLUMNS["events"], *LINK_ROW_COLUMNS["commitments"]} & {*table.column_names}:
            table = table.set_column(table.column_names.index(name), name, pa.array([0] * table.num_rows, pa.int32()))
        return table

    cases = {
        "right": [],
        "missing": [(COMMITMENTS_FILE, without_rows), (EVENTS_FILE, without_rows)],
        "damaged": [(EVENTS_FILE, zeros), (COMMITMENTS_FILE, zeros)],
        "stale": [(COMMITMENTS_FILE, reversed_rows)],
        "stale_missing": [(COMMITMENTS_FILE, reversed_rows), (COMMITMENTS_FILE, without_rows)],
    }
    found = {}
    for case, changes in cases.items():
        write_tables(ledger, tmp_path / case)
        for name, change in changes:
            _rewritten(tmp_path / case, name, change)
        found[case] = links(tmp_path / case)
    assert found["right"] == found["missing"] == found["damaged"]
    assert found["stale"] == found["stale_missing"] != found["right"]


def test_a_damaged_page_of_a_row_column_sets_the_rows_aside(tmp_path):
    """A row column whose page fails its checksum is set aside, as stale rows are: the links are hashed and
    the plan is the one the sound tables give (the ledger's own columns are whole), not a refused folder
    that ``ledger check`` calls sound."""
    ledger = load(EXAMPLES).ledger
    write_tables(ledger, tmp_path / "sound")
    write_tables(ledger, tmp_path / "damaged")
    path = tmp_path / "damaged" / EVENTS_FILE
    meta = pq.ParquetFile(path).metadata
    column = meta.row_group(0).column(
        [meta.schema.column(i).path for i in range(meta.num_columns)].index("commitment_row")
    )
    data = bytearray(path.read_bytes())
    data[(column.dictionary_page_offset or column.data_page_offset) + column.total_compressed_size - 3] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(Exception, match="(?i)checksum"):
        pq.ParquetFile(path, page_checksum_verification=True).read(columns=["commitment_row"])  # damaged, truly
    assert "commitment_row" not in read_link_columns(tmp_path / "damaged").events.column_names
    sound, damaged = (plan_batches(tmp_path / name, as_of=AS_OF) for name in ("sound", "damaged"))
    assert [c.tolist() for c in damaged.links] == [c.tolist() for c in sound.links]
    assert damaged.input_hash == sound.input_hash


@pytest.mark.parametrize("events", ["missing", "damaged", "mixed"])
def test_a_table_that_cannot_be_read_is_said_before_an_error_met_after_reading(tmp_path, events):
    """The events are read while the commitments' windows are: an events table that cannot be read (or is
    of another input) is still what the plan says, as when the tables were read before anything else, not
    an error met after reading (here a date that is not one), and with no other error as its context."""
    write_tables(load(EXAMPLES).ledger, tmp_path)
    with pytest.raises(TypeError):
        plan_batches(tmp_path, as_of="2025-06-30")  # the date's own error, with the tables readable
    if events == "missing":
        (tmp_path / EVENTS_FILE).unlink()
    elif events == "damaged":
        (tmp_path / EVENTS_FILE).write_bytes(b"not parquet")
    else:
        _rewritten(
            tmp_path,
            EVENTS_FILE,
            lambda table: table.replace_schema_metadata({**table.schema.metadata, b"ledger.input_hash": b"x"}),
        )
    with pytest.raises(Exception) as read:
        read_link_columns(tmp_path)
    with pytest.raises(type(read.value)) as plan:
        plan_batches(tmp_path, as_of="2025-06-30")
    assert str(plan.value) == str(read.value)
    assert plan.value.__context__ is None or plan.value.__suppress_context__


@settings(max_examples=40, deadline=None)
@given(
    ledger=strategies.evaluable_ledgers,
    cuts=st.lists(st.integers(0, 40), max_size=8),
    unmerged_rows=st.sampled_from([0, 1, 3]),
    by=st.sampled_from([(), ("actor",), ("topic",)]),
)
def test_survival_pieces_merged_now_and_then_make_the_table_of_every_piece(ledger, cuts, unmerged_rows, by):
    """The survival pieces held across batches (merged once the unmerged ones outgrow the merged one)
    make the table that every batch's own pieces make."""
    verdicts = evaluate(ledger, as_of=AS_OF)
    bounds = sorted([0, len(verdicts), *(min(cut, len(verdicts)) for cut in cuts)])  # empty pieces too
    parts = [survival_parts(verdicts.iloc[start:end], by) for start, end in zip(bounds[:-1], bounds[1:])]
    held, batched.SURVIVAL_ROWS_UNMERGED = batched.SURVIVAL_ROWS_UNMERGED, unmerged_rows
    try:
        pieces = batched._SurvivalPieces()
        for part in parts:
            pieces.add(part)
    finally:
        batched.SURVIVAL_ROWS_UNMERGED = held
    assert len(pieces.pieces) <= len(parts)
    assert combine_survival(pieces.pieces).equals(combine_survival(parts))


@pytest.mark.parametrize("was_on", [True, False])
def test_the_plan_and_the_batches_give_the_cycle_collector_back_as_they_found_it(tmp_path, monkeypatch, was_on):
    import gc

    write_tables(load(EXAMPLES).ledger, tmp_path / "tables")
    day = dt.date(2025, 6, 1)
    seen = []
    original = batched.evaluate_batch

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(batched, "evaluate_batch", watched)
    (gc.enable if was_on else gc.disable)()
    try:
        plan = plan_batches(tmp_path / "tables", as_of=day, batch_rows=4)
        assert gc.isenabled() is was_on
        with ResultsWriter(tmp_path / "out", input_hash=plan.input_hash) as out:
            evaluate_folder(plan, out, as_of=day)
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
    assert seen == [False, False]  # paused while each of the two batches was judged
