"""Every code block in the README and docs runs; every example loads; CI runs the README's command."""

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import ledger
from ledger import load, load_text

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def _blocks(language):
    for path in DOCS:
        for i, match in enumerate(_BLOCK.finditer(path.read_text(encoding="utf-8"))):
            if match.group(1) == language:
                yield pytest.param(match.group(2), id=f"{path.name}-{i}")


@pytest.mark.parametrize("code", list(_blocks("python")))
def test_python_blocks_run(code, monkeypatch):
    """Each ```python block of the docs runs from the repository root without error."""
    monkeypatch.chdir(ROOT)
    exec(compile(code, "<doc>", "exec"), {"__name__": "__doc__"})


@pytest.mark.parametrize("text", list(_blocks("yaml")))
def test_yaml_blocks_are_valid_ledgers(text):
    """Each ```yaml block of the docs is a whole ledger that loads without a single error."""
    result = load_text(text)
    assert result.ok, [str(e) for e in result.errors]
    assert len(result.ledger) > 0


def test_every_fixture_passes_check():
    """All bundled fixtures load together with no problems."""
    result = load(ROOT / "fixtures")
    assert result.ok, [str(e) for e in result.errors]


def _readme_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [m.group(2).strip() for m in _BLOCK.finditer(readme) if m.group(1) == "sh"][:2]


#: The one line .ci/run may run before the test command: Debian's Chromium, for tests/report/test_browser.py.
CHROMIUM_INSTALL = "command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }"


def test_ci_runs_the_readme_test_command_exactly():
    """.ci/run installs the OS's Chromium (for the browser tests), then runs the README's second command exactly."""
    main_command, test_command = _readme_commands()
    ci = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert ci == [CHROMIUM_INSTALL, test_command]
    assert "pytest" in test_command and "pip install" in main_command


def _modules():
    for info in pkgutil.walk_packages(ledger.__path__, "ledger."):
        if not info.name.endswith("__main__"):
            yield info.name


@pytest.mark.parametrize("name", sorted(_modules()))
def test_docstring_examples(name, monkeypatch):
    """The small example in each public docstring is true."""
    monkeypatch.chdir(ROOT)
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0
