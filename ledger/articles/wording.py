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
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from ledger.articles.actors import SPEECH_VERBS
from ledger.articles.clauses import DASHES, DETERMINERS, FUTURE_MODALS, WEAK_MODALS
from ledger.articles.per_sentence import per_sentence
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
    if len(sentence.text) <= _WALKED:
        # a short sentence (most hold one phrase): a walk from the phrase to the first end, which the list of
        # every end below would find, without the list
        tokens, text, s0 = sentence.tokens, sentence.text, sentence.start
        for i in range(sentence.token_from(after), len(tokens)):
            t = tokens[i]
            word = t.lower
            if word in _ENDS_A_CLAUSE or word == "and" and _THAT_NEXT.match(text, t.end - s0) is not None:
                return t.start
        return sentence.end
    ends = _clause_end_starts(sentence)
    k = bisect_left(ends, after)  # the first end at or after ``after``: not a walk to it
    return ends[k] if k < len(ends) else sentence.end


# A sentence up to this long is walked from each phrase to its clause's end: a walk of a few dozen tokens at most.
_WALKED = 200


_THAT_NEXT = re.compile(r"\s*that")


@per_sentence
def _clause_ends(sentence: Sentence) -> list[int]:
    """The indices of the tokens that end a clause (``_clause_end``), in order: found once for the sentence,
    not by a walk from each phrase in it (a run-on piece holds hundreds)."""
    tokens, text, s0 = sentence.tokens, sentence.text, sentence.start
    return [
        i
        for i, t in enumerate(tokens)
        if t.lower in _ENDS_A_CLAUSE
        # "and that": what ``str.lstrip`` strips is what ``\s`` matches
        or t.lower == "and"
        and _THAT_NEXT.match(text, t.end - s0) is not None
    ]


@per_sentence
def _clause_end_starts(sentence: Sentence) -> list[int]:
    """Where the tokens that end a clause (``_clause_ends``) start, in order. Token starts rise with their indices:
    the first end from ``sentence.token_from(after)`` on is the first that starts at or after ``after``, found by
    a bisect of these without the bisect of every token that ``token_from`` is."""
    tokens = sentence.tokens
    return [tokens[i].start for i in _clause_ends.__wrapped__(sentence)]  # type: ignore[attr-defined]


# A mark or a full stop (each a token of one character, its own lower case) or a word that ends a clause: one
# look-up of a token's ``lower`` for what was a look at its text, then at its lower case.
_ENDS_A_CLAUSE = frozenset(_CLAUSE_MARKS | set(".!?") | _CLAUSE_END_WORDS)


# Who a statement was made to, between the speech verb and what was said.
_ADDRESSEES = frozenset(
    "reporters journalists lawmakers legislators parliament congress senators supporters voters "
    "him her them us me you viewers listeners delegates".split()
)


def clause_start(sentence: Sentence, before: int) -> int:
    """Offset where the clause ending at ``before`` starts (after "that", a speech verb or a comma)."""
    starts = _clause_starts(sentence)
    # the last token that starts a clause and ends by ``before`` decides: each one sets the start afresh
    k = bisect_right(starts.ends, before)
    if k == 0:
        return sentence.start
    i = starts.indices[k - 1]
    tokens = sentence.tokens
    # "told reporters the summit could...": the addressee is not the clause
    if (
        starts.speech[k - 1]
        and i + 1 < len(tokens)
        and tokens[i + 1].lower in _ADDRESSEES
        and tokens[i + 1].end <= before
    ):
        return tokens[i + 1].end
    return tokens[i].end


class _ClauseStarts(NamedTuple):
    """The tokens after which a clause starts (a mark, "that", a speech verb), in order: their indices, their
    ends, and whether each is a speech verb (an addressee after it is skipped too)."""

    indices: list[int]
    ends: list[int]
    speech: list[bool]


@per_sentence
def _clause_starts(sentence: Sentence) -> _ClauseStarts:
    """``_ClauseStarts`` of the sentence: found once, not by a walk from its start for each phrase in it."""
    tokens = sentence.tokens
    found = _ClauseStarts([], [], [])
    # most words are neither a mark, nor "that", nor a speech verb: passed over by a comprehension, not a loop
    for i in [i for i, t in enumerate(tokens) if t.lower in _MAY_START_A_CLAUSE]:
        t = tokens[i]
        speech = t.lower in SPEECH_VERBS
        noun = speech and (
            (i + 1 < len(tokens) and tokens[i + 1].lower in _MODALS) or (i > 0 and tokens[i - 1].lower in DETERMINERS)
        )  # "the border posts would": a noun
        if t.text in _CLAUSE_MARKS or t.lower == "that" or (speech and not noun):
            found.indices.append(i)
            found.ends.append(t.end)
            found.speech.append(speech)
    return found


_MODALS = FUTURE_MODALS | WEAK_MODALS
# What a token after which a clause starts is: a mark (its own lower case), "that" or a speech verb.
_MAY_START_A_CLAUSE = frozenset(_CLAUSE_MARKS | {"that"} | SPEECH_VERBS)


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:\"'\u201c\u201d\u2018\u2019")
    text = _LEADING_THAT_OR_TO.sub("", text)
    return text[:1].upper() + text[1:] if text else text


# The longest word ``_LEADS`` takes ("no later than"): a lead ends where the head's trailing blanks start.
_LONGEST_LEAD = len("no later than")


# The last word of each lead, and the longest of them: a lead's match ends with one, then blanks.
_LEAD_ENDINGS = tuple("to by in within until till before for on at of from starting than".split())
_LONGEST_WORD = max(len(w) for w in _LEAD_ENDINGS)
_TAIL = 40  # how much of a head's end is looked at for its last word


def _without_lead(head: str) -> str:
    """``_LEADS.sub("", head)``, read from the head's end, not from its start (a run-on's head is long).

    A match runs to the end: a lead ending where the trailing blanks start, with the blanks before
    it. Nothing before the window below can start one; a search from there finds the one match.
    """
    tail = head[-_TAIL:].rstrip()
    # ASCII, where a case-blind match is one of the lowered text: a lead ends the head's words with one of its
    # words, whole in the tail (longer than any of them); without one there is no match to look for
    if (
        head.isascii()
        and (len(tail) > _LONGEST_WORD or len(head) <= _TAIL)
        and not tail.lower().endswith(_LEAD_ENDINGS)
    ):
        return head
    at = max(0, len(head.rstrip()) - _LONGEST_LEAD)
    while at > 0 and head[at - 1].isspace():
        at -= 1  # the blanks before a lead belong to the match
    m = _LEADS.search(head, at)
    return head if m is None else head[: m.start()] + head[m.end() :]


# A blank that is not a plain space, or two spaces in a row: where a sentence holds neither, its blanks are
# already what ``_tidy``'s split and join make of them (``str.split`` and ``\s`` take the same blanks).
_UNEVEN_BLANK = re.compile(r"[^\S ]| {2}")
# Its two halves, looked for apart: a plain search for two spaces, then one class with no alternation to try
_ODD_BLANK = re.compile(r"[^\S ]")


@per_sentence
def _evenly_spaced(sentence: Sentence) -> bool:
    """True when every blank of the sentence is one plain space: then so is every blank of a slice of it."""
    text = sentence.text
    return "  " not in text and _ODD_BLANK.search(text) is None  # ``_UNEVEN_BLANK.search(text) is None``


def _tidy_even(head: str, tail: str) -> str:
    """``_tidy(f"{head} {tail}")`` for slices of an evenly spaced sentence, without splitting them into words
    (a run-on piece's clause is thousands of characters, read again for each of its hundred phrases): the
    words of ``head`` then those of ``tail``, one space between, is each stripped of its end spaces, joined."""
    head, tail = head.strip(" "), tail.strip(" ")
    text = f"{head} {tail}" if head and tail else head or tail
    text = text.strip(" ,;:\"'\u201c\u201d\u2018\u2019")
    lead = _LEADING_THAT_OR_TO.match(text)  # anchored at the start: the one match ``sub`` would take away
    if lead is not None:
        text = text[lead.end() :]
    return text[:1].upper() + text[1:] if text else text


def commitment_text(sentence: Sentence, start: int, match: DeadlineMatch) -> str:
    """The clause that says what will happen, without its deadline phrase."""
    end = _clause_end(sentence, match.end)
    s0 = sentence.start
    head = sentence.text[start - s0 : max(start, match.start) - s0]
    tail = sentence.text[match.end - s0 : end - s0] if end > match.end else ""
    head = _without_lead(head)
    text = _tidy_even(head, tail) if _evenly_spaced(sentence) else _tidy(f"{head} {tail}")
    return text or _tidy(sentence.text)


def quote(sentence: Sentence, start: int, match: DeadlineMatch) -> str:
    """The short fragment of the sentence that holds the deadline (at most 16 words)."""
    s0 = sentence.start
    fragment = sentence.text[start - s0 : match.end - s0]
    words = fragment.rsplit(maxsplit=16)  # the last 16 words and the rest: not every word of a long run
    # the words as ``str.split`` gives them, joined by one space: the last 16 of a longer fragment
    return " ".join(words[1:] if len(words) > 16 else words).strip(" ,;:\"'\u201c\u201d") or match.text
