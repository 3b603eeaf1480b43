"""docs/tutorial.md runs: every ```console block's commands, in order, on a copy of the fixtures in tmp_path.

Each block holds lines ``$ COMMAND`` (a trailing backslash continues it on the
next line), each followed by what it prints (stdout and stderr together, as a
terminal shows them). A line ``...`` stands for any lines. The commands run
one after another in one folder, so Monday's `ledger add` is in Friday's
`ledger diff`, as on a desk. ``ledger`` is this checkout's, as a real process.
"""

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.newsroom.browsing_cli import FIXTURES, ROOT

TUTORIAL = ROOT / "docs" / "tutorial.md"
_CONSOLE = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


def steps(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every ``$`` line of every console block, in order."""
    found: list[tuple[str, list[str]]] = []
    for block in _CONSOLE.finditer(text):
        lines = block.group(1).splitlines()
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                raise ValueError(f"docs/tutorial.md: output before any command in a console block: {lines[i]!r}")
            command = [lines[i][2:]]
            while command[-1].endswith("\\"):
                i += 1
                command.append(lines[i])
            i += 1
            output = []
            while i < len(lines) and not lines[i].startswith("$ "):
                output.append(lines[i])
                i += 1
            found.append(("\n".join(command), output))
    return found


def matches(expected: list[str], got: list[str]) -> bool:
    """True if ``got`` is ``expected`` line for line, where a line '...' in ``expected`` stands for any lines."""
    if not expected:
        return not got
    if expected[0] == "...":
        return any(matches(expected[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and got[0].rstrip() == expected[0].rstrip() and matches(expected[1:], got[1:])


def desk(tmp_path: Path) -> dict[str, str]:
    """A folder holding a copy of the fixtures, and an environment whose `ledger` is this checkout's."""
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    bin_folder = tmp_path / ".bin"
    bin_folder.mkdir()
    script = bin_folder / "ledger"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ledger "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return {
        **{k: v for k, v in os.environ.items() if k != "LEDGER_TRACEBACK"},
        "PATH": f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "PYTHONUNBUFFERED": "1",  # stdout and stderr in the order a terminal shows them
        "COLUMNS": "100",
    }


def run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
    )


def test_the_tutorial_has_a_week_of_commands():
    """The tutorial walks a desk through add, list, show, diff and export, with the output of each."""
    commands = [command.split()[:2] for command, _ in steps(TUTORIAL.read_text(encoding="utf-8"))]
    used = {words[1] for words in commands if words[0] == "ledger"}
    assert {"add", "list", "show", "diff", "export"} <= used


def test_every_tutorial_command_prints_what_the_tutorial_shows(tmp_path):
    """Each command of docs/tutorial.md, run in order on a copy of the fixtures, exits 0 and prints what is shown."""
    env = desk(tmp_path)
    for command, expected in steps(TUTORIAL.read_text(encoding="utf-8")):
        done = run(command, tmp_path, env)
        got = done.stdout.rstrip("\n").splitlines() if done.stdout.strip() else []
        assert done.returncode == 0, f"$ {command}\n{done.stdout}"
        assert "Traceback" not in done.stdout
        assert matches(expected, got), (
            f"$ {command}\n--- the tutorial shows:\n"
            + "\n".join(expected)
            + ("\n--- the command printed:\n" + "\n".join(got))
        )


@pytest.mark.parametrize(
    "expected, got, same",
    [
        (["a", "...", "d"], ["a", "b", "c", "d"], True),
        (["a", "...", "d"], ["a", "d"], True),
        (["a", "b"], ["a", "c"], False),
        (["a"], ["a", "b"], False),
        (["..."], [], True),
    ],
)
def test_dots_stand_for_any_lines(expected, got, same):
    """'...' in the tutorial's output stands for zero or more lines, and nothing else is loose."""
    assert matches(expected, got) is same
