"""The public surface: every exported name resolves, and __all__ is sorted."""

import ledger


def test_all_is_sorted_and_resolves():
    """Each name in ledger.__all__ exists; the list is sorted for readers."""
    assert ledger.__all__ == sorted(ledger.__all__)
    assert len(set(ledger.__all__)) == len(ledger.__all__)
    for name in ledger.__all__:
        assert getattr(ledger, name) is not None, name


def test_public_functions_have_docstrings_with_examples():
    """Every public function or class has a docstring; functions show a small example."""
    for name in ledger.__all__:
        obj = getattr(ledger, name)
        if callable(obj) and not isinstance(obj, type(ledger)):
            assert obj.__doc__, name


def test_all_is_a_literal_list():
    """__all__ is written out as a literal list, so readers and tools see the surface without running code."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(ledger.__file__).read_text(encoding="utf-8"))
    (node,) = [n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == "__all__"]
    assert isinstance(node.value, ast.List) and all(isinstance(e, ast.Constant) for e in node.value.elts)


def test_closed_vocabularies_are_public():
    """The closed sets the docs cite are importable from the package itself."""
    assert ledger.STATUSES[0] == "kept" and "lapsed" in ledger.STATUS_RULES
    assert "duration" in ledger.WINDOW_KINDS and "by" in ledger.BOUNDS and "duration" in ledger.RULE_NAMES
    assert ledger.EVENT_TYPES[-1] == "note"
