"""The package's layers: each imports only the ones below it, and no module reaches into another's privates.

The order is written down in docs/architecture.md. The checks read the
source with ``ast`` (nothing is imported), so an import inside a function
counts as much as one at the top of a module, and an import that only
type checkers see (``if TYPE_CHECKING:``) counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ledger"

#: Bottom to top. A module may import its own layer and the ones before it.
LAYERS = ("_version", "core", "deadlines", "io", "verdicts", "articles", "report", "cli", "__main__", "__init__")


def _layer(module: str) -> str:
    """'ledger.io.loader' -> 'io'; 'ledger' -> '__init__'."""
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, text: str | None = None):
    """(line, imported module, imported names) for every import of ``ledger`` in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8") if text is None else text, filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "ledger":
                    yield node.lineno, alias.name, ()
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "ledger":
            if node.level:
                raise AssertionError(f"{path}:{node.lineno}: relative import; write the absolute module")
            yield node.lineno, node.module, tuple(alias.name for alias in node.names)


def _problems(path: Path, text: str | None = None) -> list[str]:
    """Every upward import and every import of another module's underscore names in one file."""
    module = _module_name(path)
    own = LAYERS.index(_layer(module))
    found = []
    for line, target, names in _imports(path, text):
        # `from ledger import x` may name a submodule: judge each name as a module.
        targets = [f"{target}.{n}" for n in names] if target == "ledger" else [target]
        for name in targets:
            layer = _layer(name)
            if layer not in LAYERS:
                found.append(f"{path}:{line}: imports {name}, which is in no layer of LAYERS")
            elif LAYERS.index(layer) > own and not (module == "ledger" and name.startswith("ledger.")):
                found.append(f"{path}:{line}: {module} ({_layer(module)}) imports {name} ({layer}), a layer above it")
        private = [n for n in names if n.startswith("_") and n != "__version__"]
        if private and target != module:
            found.append(f"{path}:{line}: {module} imports private names {private} of {target}")
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_upward_or_private_import(path):
    """A module imports only its own layer and those below, and no other module's underscore names."""
    assert _problems(path) == []


def test_every_folder_is_a_layer():
    """Every subpackage and top-level module is placed in LAYERS, so a new one cannot slip past the check."""
    placed = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if p.suffix == ".py" or (p / "__init__.py").exists()
    }
    assert placed <= set(LAYERS), placed - set(LAYERS)


def test_no_import_cycle():
    """The module graph (every ledger import, at any depth in a function) has no cycle."""
    graph = {}
    known = {_module_name(p) for p in SOURCES}
    for path in SOURCES:
        edges = set()
        for _, target, names in _imports(path):
            # `from a.b import c` depends on module a.b.c if there is one, else
            # on a.b; a parent package's __init__ runs first either way and is
            # not counted (it only re-exports what is below it).
            for name in [f"{target}.{n}" if f"{target}.{n}" in known else target for n in names] or [target]:
                if name in known and name != _module_name(path):
                    edges.add(name)
        graph[_module_name(path)] = edges
    # A package's __init__ re-exports what is below it; a submodule importing
    # its own package's __init__ would be a cycle, and is caught here too.
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(nxt) :] + [nxt]))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from ledger.report.style import RC\n", "a layer above it"),
        ("def f():\n    from ledger.verdicts.evaluate import evaluate\n", "a layer above it"),
        ("from ledger.core.records import _ID\n", "private names"),
        ("from ledger import report\n", "a layer above it"),
    ],
)
def test_the_check_fails_on_a_bad_import(source, expected):
    """The checker itself finds an upward import (at any depth) and a private one, naming file and line."""
    fake = PACKAGE / "core" / "probe.py"
    problems = _problems(fake, source)
    assert problems and expected in problems[0] and f"{fake}:" in problems[0]


MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 80


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """A function's length in lines, not counting its docstring (a long example is not long code)."""
    length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        length -= first.end_lineno - first.lineno + 1  # type: ignore[operator]
    return length


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_stay_small(path):
    """No module over 700 lines; no function over 80 lines of code unless its first lines say why it is one piece."""
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES, f"{path}: {text.count(chr(10))} lines; split it by job"
    lines = text.splitlines()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _code_lines(node) > MAX_FUNCTION_LINES:
            head = "\n".join(lines[node.lineno - 1 : node.lineno + 15]).lower()
            assert "one piece" in head, f"{path}:{node.lineno}: {node.name} is {_code_lines(node)} lines of code"


def test_the_size_check_counts_code_not_docstrings():
    """A long docstring does not make a function long; long code does."""
    doc = 'def f():\n    """' + "\n" * 100 + '"""\n    return 1\n'
    code = "def g():\n" + "    x = 1\n" * 100
    (f,) = ast.parse(doc).body
    (g,) = ast.parse(code).body
    assert _code_lines(f) == 2 and _code_lines(g) == 101
