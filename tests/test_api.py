"""The public surface: every exported name resolves, and __all__ is sorted."""

import ledger


def test_all_is_sorted_and_resolves():
    """Each name in ledger.__all__ exists; the list is sorted for readers."""
    assert ledger.__all__ == sorted(ledger.__all__)
    for name in ledger.__all__:
        assert getattr(ledger, name) is not None, name


def test_public_functions_have_docstrings_with_examples():
    """Every public function or class has a docstring; functions show a small example."""
    for name in ledger.__all__:
        obj = getattr(ledger, name)
        if callable(obj) and not isinstance(obj, type(ledger)):
            assert obj.__doc__, name
