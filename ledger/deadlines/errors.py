"""How the deadline reader says no: ``DeadlineError`` for callers, ``Unreadable`` inside.

Inside the reader a refusal is an ``Unreadable`` (a problem and a hint, no
span: the rules see only normalised words). The public functions turn it into
a ``DeadlineError`` that points at the words of the phrase as it was given.

>>> print(deadline_error("by fortnightish", Unreadable()))  # doctest: +NORMALIZE_WHITESPACE
deadline 'by fortnightish' is not a phrase ledger knows (could not read 'fortnightish' at 3-15);
see docs/deadlines.md for the forms it reads
"""

from __future__ import annotations

import re

from ledger.core.text import words
from ledger.deadlines.grammar import VOCABULARY

__all__ = ["DOCS_HINT", "EVENT", "UNKNOWN", "DeadlineError", "Unreadable", "deadline_error", "error_span", "past"]

#: The hint every refusal ends with, unless it has a better one.
DOCS_HINT = "see docs/deadlines.md for the forms it reads"
#: The problem of a phrase whose words the grammar does not read (the only refusal
#: the tolerant pass may try to get round: see ``ledger.deadlines.setaside``).
UNKNOWN = "is not a phrase ledger knows"
#: The problem of a phrase counted from an event ("30 days after the bill is signed").
EVENT = "is counted from an event ledger cannot date"


class DeadlineError(ValueError):
    """A phrase that is not a deadline ledger can read, with where it got stuck.

    >>> from datetime import date
    >>> from ledger.deadlines import parse_deadline
    >>> try:
    ...     parse_deadline("fortnightish", date(2025, 10, 16))
    ... except DeadlineError as e:
    ...     print(e.span)
    (0, 12)
    """

    def __init__(self, phrase: str, span: tuple[int, int], hint: str, problem: str = UNKNOWN):
        self.phrase = phrase
        self.span = span
        self.hint = hint
        start, end = span
        super().__init__(
            f"deadline {phrase!r} {problem} (could not read {phrase[start:end]!r} at {start}-{end}); {hint}"
        )


class Unreadable(Exception):
    """A refusal inside the reader: what is wrong with the phrase, how to fix it, and
    (where the reader knows it) the span of the phrase as said that it is about."""

    def __init__(self, problem: str = UNKNOWN, hint: str = DOCS_HINT, span: tuple[int, int] | None = None):
        super().__init__(problem)
        self.problem, self.hint, self.span = problem, hint, span


def past(what: str = "it") -> Unreadable:
    """The refusal of a phrase whose window would start before the day it was said."""
    return Unreadable(
        "points to the past",
        f"{what} falls before the day it was said, and a deadline cannot; {DOCS_HINT}",
    )


# Words the grammar reads without listing them: ordinals written with digits, Q1-Q4, H1-H4.
_KNOWN_FORM = re.compile(r"\d+(?:st|nd|rd|th)|[qh][1-4]")


def error_span(phrase: str) -> tuple[int, int]:
    """Span of the words the grammar does not know, or of the whole phrase.

    >>> error_span("in two fortnightish weeks")
    (7, 19)
    """
    unknown = [
        (word.start, word.end)
        for word in words(phrase)
        if word.text.lower().replace("'", "").replace("’", "") not in VOCABULARY
        and not word.text.isdigit()
        and not _KNOWN_FORM.fullmatch(word.text.lower())
    ]
    if unknown:
        return unknown[0][0], unknown[-1][1]
    stripped = phrase.strip()
    start = phrase.find(stripped) if stripped else 0
    return start, start + len(stripped)


def deadline_error(phrase: str, problem: Unreadable) -> DeadlineError:
    """The public error for a refusal of ``phrase``, pointing at the words it could not read."""
    span = problem.span if problem.span is not None else error_span(phrase)
    return DeadlineError(phrase, span, problem.hint, problem.problem)
