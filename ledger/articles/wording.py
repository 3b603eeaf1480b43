"""The words of a commitment: the clause that says what will happen, and the short quote that holds its deadline.

``commitment_text`` cuts the clause around a deadline phrase out of its
sentence, without the phrase; ``quote`` gives the fragment up to the
phrase; ``clause_start`` finds where the clause begins (after "that", a
speech verb and its addressee, or a comma).

>>> from datetime import date
>>> from ledger.core.text import split_sentences
>>> from ledger.deadlines.find import find_deadlines
>>> text = "The mayor said the bridge would reopen within two weeks."
>>> sentence, match = split_sentences(text)[0], find_deadlines(text, date(2025, 10, 16))[0]
>>> commitment_text(sentence, clause_start(sentence, match.start), match)
'The bridge would reopen'
"""

from __future__ import annotations

import re

from ledger.articles.actors import SPEECH_VERBS
from ledger.articles.clauses import DASHES, DETERMINERS, FUTURE_MODALS, WEAK_MODALS
from ledger.core.text import Sentence
from ledger.deadlines import DeadlineMatch

__all__ = ["clause_start", "commitment_text", "quote"]

_CLAUSE_END_WORDS = frozenset(
    """after unless because although though while when since if whereas citing
    saying adding warning according""".split()
)
_LEADS = re.compile(r"\s*\b(?:to|by|in|within|until|till|before|for|on|at|of|from|starting|no later than)\s*$", re.I)
_CLAUSE_MARKS = set(',;:"\u201c\u201d()') | DASHES


# Patterns compiled once: each is used once or more for every candidate.
_LEADING_THAT_OR_TO = re.compile(r"^(?:that|to)\s+", re.I)


def _clause_end(sentence: Sentence, after: int) -> int:
    """Offset where the clause holding ``after`` ends (a comma, a subordinate clause, the end)."""
    tokens = sentence.tokens
    for t in tokens[sentence.token_from(after) :]:  # the tokens from ``after`` on: not a walk from the start
        if t.text in _CLAUSE_MARKS or t.text in ".!?" or t.lower in _CLAUSE_END_WORDS:
            return t.start
        if t.lower == "and" and sentence.text[t.end - sentence.start :].lstrip().startswith("that"):
            return t.start
    return sentence.end


# Who a statement was made to, between the speech verb and what was said.
_ADDRESSEES = frozenset(
    "reporters journalists lawmakers legislators parliament congress senators supporters voters "
    "him her them us me you viewers listeners delegates".split()
)


def clause_start(sentence: Sentence, before: int) -> int:
    """Offset where the clause ending at ``before`` starts (after "that", a speech verb or a comma)."""
    start = sentence.start
    tokens = sentence.tokens
    for i, t in enumerate(tokens):
        if t.end > before:
            break
        noun = t.lower in SPEECH_VERBS and (
            (i + 1 < len(tokens) and tokens[i + 1].lower in FUTURE_MODALS | WEAK_MODALS)
            or (i > 0 and tokens[i - 1].lower in DETERMINERS)
        )  # "the border posts would": a noun
        if t.text in _CLAUSE_MARKS or t.lower in ("that",) or (t.lower in SPEECH_VERBS and not noun):
            start = t.end
            # "told reporters the summit could...": the addressee is not the clause
            if (
                t.lower in SPEECH_VERBS
                and i + 1 < len(tokens)
                and tokens[i + 1].lower in _ADDRESSEES
                and tokens[i + 1].end <= before
            ):
                start = tokens[i + 1].end
    return start


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:\"'\u201c\u201d\u2018\u2019")
    text = _LEADING_THAT_OR_TO.sub("", text)
    return text[:1].upper() + text[1:] if text else text


def commitment_text(sentence: Sentence, start: int, match: DeadlineMatch) -> str:
    """The clause that says what will happen, without its deadline phrase."""
    end = _clause_end(sentence, match.end)
    s0 = sentence.start
    head = sentence.text[start - s0 : max(start, match.start) - s0]
    tail = sentence.text[match.end - s0 : end - s0] if end > match.end else ""
    head = _LEADS.sub("", head)
    text = _tidy(f"{head} {tail}")
    return text or _tidy(sentence.text)


def quote(sentence: Sentence, start: int, match: DeadlineMatch) -> str:
    """The short fragment of the sentence that holds the deadline (at most 16 words)."""
    s0 = sentence.start
    fragment = sentence.text[start - s0 : match.end - s0]
    words = fragment.split()
    if len(words) > 16:
        fragment = " ".join(words[-16:])
    return " ".join(fragment.split()).strip(" ,;:\"'\u201c\u201d") or match.text
