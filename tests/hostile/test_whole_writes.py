"""Issue 19, item 3: a set of tables is written whole, or not at all, even under kill -9.

``LEDGER_KILL_TRIALS`` sets the number of kill -9 trials (a few in CI; the
nightly run sets 100 or more).
"""

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import ledger.io.atomic as atomic
from ledger import Ledger, chains, evaluate, follow_through, load, read_arrow, write_tables
from ledger.cli import main
from ledger.io.atomic import JOURNAL_FILE, folder_lock, recover, temporary_beside, write_text_atomic
from ledger.io.parquet import MixedTablesError
from ledger.io.results import ResultsWriter
from ledger.verdicts.over_time import OVER_TIME_FILE

ROOT = Path(__file__).resolve().parents[2]
REPORT = "a line of a report written whole or not at all\n"  # as writer_child.py writes it
KILL_TRIALS = int(os.environ.get("LEDGER_KILL_TRIALS", "4"))


def generations(folder: Path) -> set[str]:
    """The ``ledger.generation`` of every Parquet file in ``folder``."""
    return {pq.read_schema(path).metadata[b"ledger.generation"].decode() for path in sorted(folder.glob("*.parquet"))}


def test_item3_half_a_set_of_results_is_finished_by_the_next_run(tmp_path):
    """A run killed between two renames leaves a journal; the next write to the folder finishes the set."""
    write_tables(Ledger(), tmp_path)
    old = generations(tmp_path)
    # The state a kill -9 after the first rename leaves: the journal, one new file, one new temporary file.
    new = tmp_path / "new"
    write_tables(load(ROOT / "fixtures/examples").ledger, new)
    moves = []
    for name in ("commitments.parquet", "events.parquet"):
        tmp = tmp_path / f".{name}.a1b2c3d4.tmp"
        (new / name).replace(tmp)
        moves.append([tmp.name, name])
    (tmp_path / JOURNAL_FILE).write_text(json.dumps({"moves": moves}))
    os.replace(tmp_path / moves[0][0], tmp_path / moves[0][1])
    new.rmdir()
    assert len(generations(tmp_path)) == 2  # half old, half new, until a run finishes it
    with pytest.raises(MixedTablesError):
        read_arrow(tmp_path)
    with folder_lock(tmp_path):
        assert recover(tmp_path) == ["events.parquet"]
    assert len(generations(tmp_path)) == 1 and generations(tmp_path) != old
    assert read_arrow(tmp_path).to_ledger() == load(ROOT / "fixtures/examples").ledger
    assert sorted(p.name for p in tmp_path.iterdir()) == ["commitments.parquet", "events.parquet"]


def test_item3_half_a_set_of_results_interrupted_in_process_is_finished(tmp_path, monkeypatch):
    """Ctrl-C between two renames of ResultsWriter finishes the set before the interrupt goes on."""
    examples = load(ROOT / "fixtures/examples").ledger
    verdicts = evaluate(examples, as_of=dt.date(2025, 6, 1))
    tables = {"verdicts": verdicts, "chains": chains(verdicts), "follow_through": follow_through(verdicts)}

    def write(input_hash):
        with ResultsWriter(tmp_path, input_hash=input_hash) as out:
            for kind, frame in tables.items():
                out.add(kind, frame)
        return out.generation

    write("old")
    renames = []
    real_put_in_place = atomic.put_in_place

    def stop_after_two(tmp, path):
        if len(renames) == 3:  # the journal, then two tables
            raise KeyboardInterrupt
        renames.append(path)
        real_put_in_place(tmp, path)

    monkeypatch.setattr(atomic, "put_in_place", stop_after_two)
    with pytest.raises(KeyboardInterrupt):
        write("new")
    assert len(generations(tmp_path)) == 1
    assert {pq.read_schema(p).metadata[b"ledger.input_hash"] for p in tmp_path.glob("*.parquet")} == {b"new"}
    assert not (tmp_path / JOURNAL_FILE).exists()


def test_item3_a_mixed_pair_is_refused_with_a_sentence(tmp_path, capsys):
    """read_arrow, read_tables and `ledger evaluate` refuse commitments and events from different inputs."""
    write_tables(load(ROOT / "fixtures/examples").ledger, tmp_path / "new")
    write_tables(Ledger(), tmp_path / "old")
    (tmp_path / "old/events.parquet").replace(tmp_path / "new/events.parquet")
    with pytest.raises(MixedTablesError, match="written from different inputs"):
        read_arrow(tmp_path / "new")
    assert main(["evaluate", str(tmp_path / "new"), "--as-of", "2025-06-01", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "were written from different inputs" in err and "nothing evaluated" in err
    assert not (tmp_path / "out").exists()


def test_item3_stale_temporary_files_are_cleaned_on_the_next_run(tmp_path):
    """A temporary file no process holds is removed by the next write; one being written is left alone."""
    stale = tmp_path / ".verdicts.parquet.k3j9x0ab.tmp"
    stale.write_bytes(b"half a table")
    alive = temporary_beside(tmp_path / "other.parquet")
    try:
        write_tables(Ledger(), tmp_path)
        assert not stale.exists()
        assert Path(alive).exists()
    finally:
        atomic.discard(alive)
    stale.write_bytes(b"half a table")
    with ResultsWriter(tmp_path, input_hash="h"):
        pass
    assert not stale.exists()


def test_item3_the_over_time_table_is_one_generation_with_the_four(tmp_path, monkeypatch, capsys):
    """`evaluate --over-time` puts its fifth table in place in the same set: one generation, never half."""
    out = tmp_path / "out"
    command = ["evaluate", str(ROOT / "fixtures/examples"), "--as-of", "2025-06-01", "--over-time", "monthly"]
    assert main([*command, "--out", str(out)]) == 0
    assert (out / OVER_TIME_FILE).exists() and len(generations(out)) == 1
    assert "follow_through_over_time.parquet" in capsys.readouterr().out
    first = generations(out)
    # Interrupted (Ctrl-C) after its second rename, the run finishes the set, all five, before it stops.
    renames = []
    real_put_in_place = atomic.put_in_place

    def stop_after_two(tmp, path):
        if len(renames) == 3:  # the journal, then two tables
            raise KeyboardInterrupt
        renames.append(path)
        real_put_in_place(tmp, path)

    monkeypatch.setattr(atomic, "put_in_place", stop_after_two)
    assert main([*command, "--out", str(out)]) != 0
    assert "interrupted" in capsys.readouterr().err
    monkeypatch.undo()
    assert len(generations(out)) == 1 and generations(out) != first
    assert len(list(out.glob("*.parquet"))) == 5


def test_item8_a_killed_single_file_write_leaves_nothing_after_the_next(tmp_path):
    """The temporary files a killed `report -o` (or `extract -o`, `tables`) left are removed by the next write of
    that file; another file's, and one a live process is writing, are left alone."""
    stale = tmp_path / ".report.html.k3j9x0ab.tmp"
    stale.write_text("half a report")
    other = tmp_path / ".notes.txt.k3j9x0ab.tmp"
    other.write_text("another program's")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "report.html")],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        alive = Path(holder.stdout.readline().strip())
        write_text_atomic("whole", tmp_path / "report.html")
        assert not stale.exists() and other.exists() and alive.exists()
    finally:
        holder.kill()
        holder.wait()
    # Its writer gone (as by kill -9), the next write removes it too.
    write_text_atomic("whole again", tmp_path / "report.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.txt.k3j9x0ab.tmp", "report.html"]


#: A process that starts writing a file and holds its temporary file until it is killed.
HOLDER = """
import sys, time
from ledger.io.atomic import temporary_beside
print(temporary_beside(sys.argv[1]), flush=True)
time.sleep(60)
"""


def _kill_trial(folder: Path, seed: int) -> None:
    pair, results, single = folder / "pair", folder / "results", folder / "single"
    batched = folder / "batched"
    single.mkdir()
    child = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("writer_child.py")),
            *(str(p) for p in (pair, results, single, batched)),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(random.Random(seed).uniform(0.0, 0.6))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    for out in (pair, results, batched):
        if not out.exists():
            continue
        # Right after the kill: one generation, or a journal that makes it one.
        assert len(generations(out)) <= 1 or (out / JOURNAL_FILE).exists(), out
        with folder_lock(out):
            recover(out)
        assert len(generations(out)) <= 1, out
        assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")], out
    if (results / "verdicts.parquet").exists():
        assert len(list(results.glob("*.parquet"))) == 5  # the over-time table is in every set
    if (batched / "verdicts.parquet").exists():
        # Written batch by batch, put in place as one set: every row of the fixture, nothing from a half run.
        assert len(list(batched.glob("*.parquet"))) == 4
        assert (
            pq.read_table(batched / "verdicts.parquet").num_rows == pq.read_table(results / "verdicts.parquet").num_rows
        )
    if (pair / "events.parquet").exists():
        read_arrow(pair)  # never a mixed pair
    report = single / "report.txt"
    if report.exists():
        assert report.read_text().startswith(REPORT * 20_000 + "run "), "a single file half written"
    write_text_atomic("next run", report)
    assert [p.name for p in single.iterdir()] == ["report.txt"]  # the next write left nothing stale


@pytest.mark.parametrize("seed", range(KILL_TRIALS))
def test_item3_kill_9_leaves_every_folder_one_generation(tmp_path, seed):
    """A writer killed at a random moment leaves each output folder wholly one generation (after recovery),
    every single file whole, and no temporary file after the next write."""
    _kill_trial(tmp_path, seed)


#: `ledger evaluate FOLDER` in batches of one chain, stopped (to be killed) once two batches' verdicts are on disk.
MID_BATCH = """
import sys, time
import ledger.io.results as results
import ledger.verdicts.batched as batched
from ledger.cli import main

batched.BATCH_ROWS = 1
real_add = results.TableStream.add
added = []

def add(self, frame):
    real_add(self, frame)
    added.append(self.name)
    if added.count("verdicts") == 2:
        self._writing.result()  # the second batch's row group written
        print("mid", flush=True)
        time.sleep(60)

results.TableStream.add = add
main(["evaluate", sys.argv[1], "--as-of", "2025-06-01", "--out", sys.argv[2]])
"""


def test_item3_kill_9_in_the_middle_of_a_batched_evaluation_leaves_the_previous_set(tmp_path):
    """`ledger evaluate FOLDER` killed between two batches leaves its half-written verdicts as a temporary
    file only: the folder's previous set stays whole, one generation, and the next write removes the rest."""
    write_tables(load(ROOT / "fixtures/examples").ledger, tmp_path / "tables")
    out = tmp_path / "out"
    command = ["evaluate", str(tmp_path / "tables"), "--as-of", "2025-06-01", "--out", str(out)]
    assert main(command) == 0
    before = {p.name: pq.read_table(p) for p in out.glob("*.parquet")}
    first = generations(out)
    child = subprocess.Popen(
        [sys.executable, "-c", MID_BATCH, str(tmp_path / "tables"), str(out)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == b"mid\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    half = [p for p in out.iterdir() if p.name.startswith(".verdicts.parquet.")]
    assert half and half[0].stat().st_size > 0  # two batches' row groups, no footer
    assert generations(out) == first
    assert {p.name: pq.read_table(p) for p in out.glob("*.parquet")} == before
    assert main(command) == 0
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert len(generations(out)) == 1 and generations(out) != first
    assert all(pq.read_table(out / name).equals(table) for name, table in before.items())


def test_item3_an_interrupt_while_the_writes_finish_leaves_no_temporary_file(tmp_path, monkeypatch):
    """Ctrl-C while ResultsWriter waits for its background writes: the writes end, their temporary files
    are removed and the folder's previous set is untouched (a review found full-size .tmp files left)."""
    import threading

    import ledger.io.results as results

    v = evaluate(load(ROOT / "fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    with ResultsWriter(tmp_path, input_hash="first") as out:
        out.add("verdicts", v)
    before = sorted(p.name for p in tmp_path.iterdir())
    real = results._write_and_flush
    started, sent = threading.Event(), threading.Event()

    def held(table, tmp):
        started.set()
        sent.wait(30)  # the write cannot end before the interrupt is sent, however loaded the machine
        real(table, tmp)

    def interrupt_once_waiting_in_exit():
        # A real SIGINT once the write is under way and the main thread waits for it in __exit__; a
        # fixed sleep sent it after the block had ended on a machine loaded by other work.
        started.wait(30)
        main_thread, deadline = threading.main_thread().ident, time.monotonic() + 30
        while time.monotonic() < deadline:
            frame, names = sys._current_frames().get(main_thread), set()
            while frame is not None:
                names.add(frame.f_code.co_name)
                frame = frame.f_back
            if "__exit__" in names:
                break
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.2)
        sent.set()

    monkeypatch.setattr(results, "_write_and_flush", held)
    threading.Thread(target=interrupt_once_waiting_in_exit).start()
    with pytest.raises(KeyboardInterrupt), ResultsWriter(tmp_path, input_hash="second") as out:
        out.add("verdicts", v)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert pq.read_schema(tmp_path / "verdicts.parquet").metadata[b"ledger.input_hash"] == b"first"
