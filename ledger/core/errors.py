"""Errors for misuse of the API: a record field got a wrong value or a value of a wrong type.

Problems in a user's files are not exceptions: the loader returns them as
``LoadError`` values. These are for code that builds records or calls a
function with a bad argument; each names the field, what was expected and
what was got.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FieldTypeError", "FieldValueError"]


class FieldValueError(ValueError):
    """A record field got a value of the right type but the wrong content.

    >>> try:
    ...     __import__("ledger").Source(url="not a url")
    ... except FieldValueError as e:
    ...     print(e.field)
    url
    """

    def __init__(self, field: str, expected: str, got: Any):
        self.field, self.expected, self.got = field, expected, got
        super().__init__(f"{field!r} must be {expected} (got {got!r})")


class FieldTypeError(TypeError):
    """A record field got a value of the wrong type."""

    def __init__(self, field: str, expected: str, got: Any):
        self.field, self.expected, self.got = field, expected, got
        super().__init__(f"{field!r} must be {expected} (got {got!r} of type {type(got).__name__})")
