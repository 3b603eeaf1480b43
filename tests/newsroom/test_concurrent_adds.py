"""Issue 15: several people add to one ledger at once, and an adder killed with kill -9 loses nothing else.

Real processes (``adder_child.py``) run ``ledger add`` in parallel on one
file. CI runs the issue's ``LEDGER_ADDERS`` (8) processes x ``LEDGER_ADDS_EACH``
(50) adds, about 40 s per layout on 2 cores, and ``LEDGER_KILL_TRIALS`` (4)
kill trials; benchmarks/newsroom.py runs the same adds and 100 kill trials.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ledger import load
from ledger.io.append import append_commitment

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("adder_child.py")
ADDERS = int(os.environ.get("LEDGER_ADDERS", "8"))
ADDS_EACH = int(os.environ.get("LEDGER_ADDS_EACH", "50"))
KILL_TRIALS = int(os.environ.get("LEDGER_KILL_TRIALS", "4"))


def start(path: Path, worker: str, count: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(path), worker, str(count)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def done_count(output: str) -> int:
    return sum(1 for line in output.splitlines() if line.startswith("done "))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("layout", ["yaml", "csv"])
def test_concurrent_adders_all_land(tmp_path, layout):
    """ADDERS processes adding ADDS_EACH commitments each at once: every entry is in the file, which loads clean."""
    if layout == "yaml":
        path = tmp_path / "desk.yaml"
    else:
        shutil.copytree(ROOT / "fixtures/examples/spreadsheet", tmp_path / "pair")
        path = tmp_path / "pair"
    before = len(load(path).ledger.commitments) if path.exists() else 0
    children = [start(path, str(w), ADDS_EACH) for w in range(ADDERS)]
    outputs = [child.communicate(timeout=900) for child in children]
    for child, (out, err) in zip(children, outputs):
        assert child.returncode == 0, err[-2000:]
        assert done_count(out) == ADDS_EACH
    result = load(path)
    assert result.ok, result.errors[:3]
    ids = {c.id for c in result.ledger.commitments}
    assert len(result.ledger.commitments) == before + ADDERS * ADDS_EACH
    assert {f"w{w}-{n}" for w in range(ADDERS) for n in range(1, ADDS_EACH + 1)} <= ids
    folder = path if path.is_dir() else path.parent
    assert leftovers(folder) == []


def kill_trial(folder: Path, seed: int) -> tuple[int, int, int]:
    """Kill an adder at a random moment; the ledger is the file before its last add, or after it, whole.

    Returns the adds the child had reported done, the entries it added (one more when it was killed
    after its rename and before its report), and how many temporary files it left.
    """
    rng = random.Random(seed)
    if seed % 2:
        shutil.copytree(ROOT / "fixtures/examples/spreadsheet", folder / "pair")
        path = folder / "pair"
    else:
        path = folder / "desk.yaml"
        shutil.copy(ROOT / "fixtures/examples/example.yaml", path)
    base = len(load(path).ledger.commitments)
    child = start(path, "k", 0)
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 1.5))
    finally:
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
    acknowledged = done_count(out)
    result = load(path)
    assert result.ok, result.errors[:3]  # never a partial entry
    assert len(result.ledger.commitments) - base in (acknowledged, acknowledged + 1)
    # The next add cleans up whatever temporary file the killed one left, and lands.
    written = path if path.is_dir() else path.parent
    left = len(leftovers(written))
    added = append_commitment(path, {"id": "after-kill", "actor": "X", "stated_on": "2025-05-01", "text": "t",
                                     "deadline": "soon", "sources": [{"url": "https://example.org"}]})  # fmt: skip
    assert added.ok, added.refusal
    assert leftovers(written) == []
    assert len(load(path).ledger.commitments) == len(result.ledger.commitments) + 1
    return acknowledged, len(result.ledger.commitments) - base, left


@pytest.mark.parametrize("seed", range(KILL_TRIALS))
def test_concurrent_kill_9_leaves_the_ledger_whole(tmp_path, seed):
    """An adder killed with kill -9 at a random moment leaves the previous ledger whole, or the new one."""
    kill_trial(tmp_path, seed)


def test_a_stale_temporary_file_is_removed_by_the_next_add(tmp_path):
    """What a kill between write and rename leaves (a '.desk.yaml.XXXXXXXX.tmp') goes at the next add."""
    path = tmp_path / "desk.yaml"
    shutil.copy(ROOT / "fixtures/examples/example.yaml", path)
    (tmp_path / ".desk.yaml.a1b2c3d4.tmp").write_text("commitments:\n  - id: half")
    added = append_commitment(path, {"id": "n", "actor": "X", "stated_on": "2025-05-01", "text": "t",
                                     "deadline": "soon", "sources": [{"url": "https://example.org"}]})  # fmt: skip
    assert added.ok and leftovers(tmp_path) == []


def test_a_held_lock_makes_an_add_wait_then_give_up_with_a_sentence(tmp_path, capsys):
    """While another process holds the ledger's lock, `ledger add --wait 0.2` gives up, exit 1, nothing written."""
    from ledger.cli import main

    path = tmp_path / "desk.yaml"
    shutil.copy(ROOT / "fixtures/examples/example.yaml", path)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from filelock import FileLock; l = FileLock(sys.argv[1]); "
         "l.acquire(); print('held', flush=True); time.sleep(60)", str(tmp_path / ".desk.yaml.lock")],
        stdout=subprocess.PIPE, text=True, env={**os.environ},
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        argv = ["add", "event", str(path), "budget-plan", "--type", "note", "--on", "2025-05-01"]
        assert main([*argv, "--url", "https://example.org", "--wait", "0.2"]) == 1
    finally:
        holder.kill()
        holder.wait()
    assert "another writer has held the ledger's lock" in capsys.readouterr().err
    assert path.read_bytes() == (ROOT / "fixtures/examples/example.yaml").read_bytes()
