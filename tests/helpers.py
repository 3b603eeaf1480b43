"""Small helpers for tests: load a ledger written inline in a test."""

from __future__ import annotations

import textwrap

from ledger.io.loader import LoadResult, load_text


def load_doc(text: str, *, format: str = "yaml") -> LoadResult:
    """Load ledger text written indented inside a test (beancount's load_doc)."""
    return load_text(textwrap.dedent(text).lstrip("\n"), format=format)


def codes(result: LoadResult) -> list[tuple[str, int | None]]:
    """The (code, line) pairs of a load's errors, in order."""
    return [(e.code, e.line) for e in result.errors]
