"""Running the `ledger` command as a real subprocess, for the tests of show, list, diff, export and the tutorial."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
EXAMPLE_YAML = FIXTURES / "examples" / "example.yaml"
SPREADSHEET = FIXTURES / "examples" / "spreadsheet"
RUSSIA_UKRAINE = FIXTURES / "russia-ukraine-2025.yaml"


def ledger(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m ledger ARGS` in ``cwd`` (default: the repository), importing this checkout's ledger."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]), "COLUMNS": "100"}
    env.pop("LEDGER_TRACEBACK", None)
    done = subprocess.run(
        [sys.executable, "-m", "ledger", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
    )
    # Whatever went wrong, the user reads a sentence, never a traceback.
    assert "Traceback" not in done.stderr, done.stderr
    return done


def copy_fixture(source: Path, tmp_path: Path) -> Path:
    """A copy of a fixture file or folder in ``tmp_path``, to edit freely."""
    target = tmp_path / source.name
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy(source, target)
    return target
