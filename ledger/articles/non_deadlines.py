"""Phrases whose clause says they are not deadlines: a "when" condition's time, an allotted length.

A time inside a "when" clause only says when a condition holds ("when the
Senate completes its business today, ..."); a bare length after "have" is
an allotment of time ("Senator Gregg will have 15 minutes"), where "has
until Friday" or "have 30 days to respond" would be an ultimatum; a day
that is the sentence's subject ("Saturday, April 29th will mark the 100th
day") names an event, it is nobody's deadline; a phrase that "past", "ago"
or "earlier" follows looks back ("who you have heard from in years past").

A time inside a "when"/"once"/"as soon as" clause with a present-tense verb
is the moment of a condition, not a deadline: in "when the Senate completes
its business today, it adjourn until 10 a.m. tomorrow" the commitment's time
is "until 10 a.m. tomorrow", and "today" only says when it starts. An "if"
condition is read elsewhere (its consequence commits: ``clauses``).

>>> from ledger.core.text import split_sentences
>>> text = "When the Senate completes its business today, it will adjourn until 10 a.m. tomorrow."
>>> sentence = split_sentences(text)[0]
>>> in_temporal_condition(sentence, text.index("today")), in_temporal_condition(sentence, text.index("until"))
(True, False)
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ledger.articles.per_sentence import per_sentence
from ledger.core.text import Sentence, plain_words

__all__ = [
    "allotted_length",
    "day_as_subject",
    "in_temporal_condition",
    "last_words",
    "looks_back",
    "not_a_commitment_time",
    "phrase_forms",
]

# The conjunction, then the clause up to the phrase: no comma, semicolon or future verb between.
_WHEN_CLAUSE = re.compile(
    r"\b(?:when|whenever|once|as\s+soon\s+as)\s+(?P<clause>[^,;:.]{0,120})$",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|would|shall|'ll|going\s+to)\b", re.IGNORECASE)
# How far back from a phrase these patterns look: a few words, never the whole sentence before it (once
# per phrase, that made a page-long sentence with many phrases quadratic). Longer than any of their matches
# but for a run of hundreds of blanks.
_LOOK_BACK = 300


# What a match of ``_WHEN_CLAUSE`` or of ``_HAVE_BEFORE`` starts with, wherever it ends: a sentence where
# neither is found holds no match of them in any stretch, and a phrase in it need not search one.
_WHEN_WORD = re.compile(r"\b(?:when|whenever|once|as\s+soon\s+as)", re.IGNORECASE)
_HAVE_WORD = re.compile(r"\b(?:have|has|had)\s", re.IGNORECASE)


class _Openings(NamedTuple):
    when: bool  # a word that opens a ``_WHEN_CLAUSE``
    have: bool  # a "have" that opens a ``_HAVE_BEFORE``


@per_sentence
def _openings(sentence: Sentence) -> _Openings:
    """Which openings the sentence holds: once for the sentence, not once for each phrase in it."""
    text = sentence.text
    return _Openings(_WHEN_WORD.search(text) is not None, _HAVE_WORD.search(text) is not None)


# The opening words as runs of letters of their own in the lower-cased sentence (``Sentence.may_hold``): each
# stands between a word boundary and a blank in a match ("as soon as" by its "soon"). A long s matches "s" case-
# blind and lowers to no "s", so a sentence holding one is searched (the other letters that do are not in them).
_WHEN_WORDS = plain_words(["when", "whenever", "once", "soon"])
_HAVE_WORDS = plain_words(["have", "has", "had"])


def in_temporal_condition(sentence: Sentence, offset: int) -> bool:
    """True when the phrase at ``offset`` sits in a "when ..." clause that has no future verb of its own."""
    if not sentence.may_hold(_WHEN_WORDS) and not _long_s_in(sentence.text):
        return False  # no opening word anywhere: a look at the sentence's words, not a case-blind search
    return _when_clause_holds(sentence, offset)


def _long_s_in(text: str) -> bool:
    """True when ``text`` holds a long s, which matches "s" case-blind and lowers to none: known at once for an
    ASCII text, which holds none."""
    return not text.isascii() and "\u017f" in text


def _when_clause_holds(sentence: Sentence, offset: int) -> bool:
    """``in_temporal_condition`` in a sentence that may hold an opening word."""
    if len(sentence.text) > _LOOK_BACK and not _openings(sentence).when:
        return False  # a long sentence: one search of it, not one of a stretch of it for each phrase
    at = offset - sentence.start
    m = _WHEN_CLAUSE.search(sentence.text, max(0, at - _LOOK_BACK), at)
    return m is not None and not _FUTURE.search(m.group("clause"))


_HAVE_BEFORE = re.compile(r"\b(?:have|has|had)\s+(?:only\s+|about\s+|another\s+|an?\s+additional\s+)?$", re.IGNORECASE)
_BARE_LENGTH = re.compile(
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|sixty|ninety)"
    r"[\s-]+(?:more\s+)?(?:minutes?|hours?|days?|weeks?|months?)$",
    re.IGNORECASE,
)
_TO_ACT = re.compile(r"\s+(?:to|in\s+which\s+to)\s+[a-z]", re.IGNORECASE)


def allotted_length(sentence: Sentence, start: int, end: int, phrase: str) -> bool:
    """True for a bare length after "have" that no "to <verb>" follows: time allotted, not a deadline.

    >>> from ledger.core.text import split_sentences
    >>> text = "Senator Gregg will have 15 minutes, and the union has 30 days to respond."
    >>> s = split_sentences(text)[0]
    >>> a, b = text.index("15"), text.index("30")
    >>> allotted_length(s, a, a + 10, "15 minutes"), allotted_length(s, b, b + 7, "30 days")
    (True, False)
    """
    if not sentence.may_hold(_HAVE_WORDS) and not _long_s_in(sentence.text):
        return False  # no "have" anywhere (``in_temporal_condition``)
    return _allotted(sentence, start, end, phrase)


def _allotted(sentence: Sentence, start: int, end: int, phrase: str) -> bool:
    """``allotted_length`` in a sentence that may hold a "have"."""
    if len(sentence.text) > _LOOK_BACK and not _openings(sentence).have:
        return False
    at = start - sentence.start
    return bool(
        _HAVE_BEFORE.search(sentence.text, max(0, at - _LOOK_BACK), at)
        and _BARE_LENGTH.fullmatch(phrase.strip())
        and not _TO_ACT.match(sentence.text, end - sentence.start)
    )


_NOT_BLANK = re.compile(r"\S")
_SUBJECT_VERB = re.compile(r"\s*(?:will\s+(?:mark|be)|marks|is|was|would\s+be)\b", re.IGNORECASE)


def day_as_subject(sentence: Sentence, start: int, end: int) -> bool:
    """True for a phrase that opens the sentence and is its subject: "Saturday will mark the 100th day".

    >>> from ledger.core.text import split_sentences
    >>> text = "Saturday, April 29th will mark the 100th day."
    >>> day_as_subject(split_sentences(text)[0], 0, len("Saturday, April 29th"))
    True
    """
    # Read in place, not from copies of the sentence's two ends: a sentence may hold many phrases.
    opening = _NOT_BLANK.search(sentence.text, 0, start - sentence.start) is None
    return opening and bool(_SUBJECT_VERB.match(sentence.text, end - sentence.start))


_LOOKING_BACK = re.compile(r"\s*(?:past|ago|earlier|gone\s+by)\b", re.IGNORECASE)


def looks_back(sentence: Sentence, end: int) -> bool:
    """True when "past", "ago" or "earlier" follows the phrase ending at ``end``: "in years past".

    >>> from ledger.core.text import split_sentences
    >>> text = "You have heard from him in years past."
    >>> looks_back(split_sentences(text)[0], text.index(" past"))
    True
    """
    return bool(_LOOKING_BACK.match(sentence.text, end - sentence.start))


# The words either opening needs: the sentence's words are looked at once for both.
_WHEN_OR_HAVE = _WHEN_WORDS | _HAVE_WORDS


def not_a_commitment_time(sentence: Sentence, start: int, end: int, phrase: str) -> bool:
    """True when the phrase at ``start:end`` (its text ``phrase``) is in a "when" condition
    (``in_temporal_condition``), an allotted length (``allotted_length``), the sentence's subject
    (``day_as_subject``) or a look back (``looks_back``): the four asked in one call, each sentence's
    words looked at once for the first two.

    >>> from ledger.core.text import split_sentences
    >>> text = "Senator Gregg will have 15 minutes, and the union has 30 days to respond."
    >>> s = split_sentences(text)[0]
    >>> a, b = text.index("15"), text.index("30")
    >>> not_a_commitment_time(s, a, a + 10, "15 minutes"), not_a_commitment_time(s, b, b + 7, "30 days")
    (True, False)
    """
    held = sentence.held_words(_WHEN_OR_HAVE)
    long_s = _long_s_in(sentence.text)
    if held or long_s:
        if (long_s or not held.isdisjoint(_WHEN_WORDS)) and _when_clause_holds(sentence, start):
            return True
        if (long_s or not held.isdisjoint(_HAVE_WORDS)) and _allotted(sentence, start, end, phrase):
            return True
    return day_as_subject(sentence, start, end) or looks_back(sentence, end)


_PLAIN_WORD = re.compile(r"[A-Za-z']+")


def last_words(text: str, start: int, end: int, count: int = 4) -> list[str]:
    """The last ``count`` words (letters and apostrophes) of ``text[start:end]``, in lower case.

    Read from a short stretch before ``end`` when that holds more than ``count``
    words (its first may be cut short), else from ``start``: not the whole
    sentence for each phrase in it.

    >>> last_words("He closed it for two weeks", 0, 16)
    ['he', 'closed', 'it', 'for']
    """
    near = _PLAIN_WORD.findall(text[max(start, end - 200) : end].lower())
    if len(near) > count or end - 200 <= start:
        return near[-count:]
    return _PLAIN_WORD.findall(text[start:end].lower())[-count:]


# What a phrase's own words can say it is besides a deadline (``clauses.not_a_deadline`` reads the rest).
_ORDINAL_ONLY = re.compile(
    r"""(?:(?:for|on|by|in)\s+)?(?:the\s+)?
    (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))
    (?:\s+time)?\Z""",
    re.I | re.X,
)
_YEAR_ALONE = re.compile(r"(?:in\s+)?(?:19|20)\d\d")
_HYPHENED_LENGTH = re.compile(r"\w-(?:minute|hour|day|week|month|year|decade)s?$", re.I)


@functools.lru_cache(maxsize=1024)
def phrase_forms(phrase: str) -> tuple[bool, bool, bool]:
    """An ordinal alone, a year alone, a length hyphened to a word: what the phrase's own words say, read once
    for each phrase, not once for each time an article says it.

    >>> phrase_forms("the first"), phrase_forms("in 2027"), phrase_forms("ninety-minute")
    ((True, False, False), (False, True, False), (False, False, True))
    """
    bare = phrase.strip()
    return bool(_ORDINAL_ONLY.match(bare)), bool(_YEAR_ALONE.fullmatch(bare)), bool(_HYPHENED_LENGTH.search(phrase))
