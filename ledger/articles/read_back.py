"""Words around a name or in a sentence, read without a pattern tried at every position.

``ledger.articles.actors`` asks, for each name it reads, which word stands
before it ("in New York", "outside the palace"), and, for each sentence,
where its subject pronouns are. End-anchored searches from 200 characters
back tried every position and read the word after each to the end; a
case-blind pattern for the pronouns tried every position of the sentence.
These read back from the name a letter at a time, and find each pronoun
the sentence holds with ``str.find``, giving what the patterns gave
(``tests/articles/test_read_back.py`` holds them to the patterns).

>>> from ledger.core.text import split_sentences
>>> pronoun_words(split_sentences("He said it, and they agreed.")[0])
[(0, 'He'), (8, 'it'), (16, 'they')]
"""

from __future__ import annotations

import re

from ledger.core.text import Sentence, plain_words

__all__ = ["SUBJECT_PRONOUN", "SUBJECT_PRONOUN_PLAIN", "in_before", "pronoun_words", "word_before"]

#: Pronouns that can be subjects, case-blind. The lookahead is every first letter the words may take (a long s for
#: "s", a dotless or a dotted capital i for "i"): positions without one fail at once.
SUBJECT_PRONOUN = re.compile(r"(?=[HhSsIiWwTt\u017f\u0131\u0130])\b(he|she|it|we|i|they)\b", re.IGNORECASE)
#: Their words, for ``Sentence.may_hold``.
SUBJECT_PRONOUN_PLAIN = plain_words(["he", "she", "it", "we", "i", "they"])

_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def word_before(text: str, back: int, at: int) -> tuple[int, str] | None:
    """Where the word before the white space (and "the") that ends ``text[back:at]`` starts, and the word: what
    ``re.compile(r"([A-Za-z]+)\\s+(?:the\\s+)?$").search(text, back, at)`` finds (group 1), read back from ``at``
    (the search tried every position from ``back``, each reading on to the end: microseconds late in a sentence).

    >>> word_before("met in the ", 0, 11), word_before("in New York", 0, 3), word_before(", the ", 0, 6)
    ((4, 'in'), (0, 'in'), (2, 'the'))
    """
    end = at
    while end > back and text[end - 1].isspace():
        end -= 1
    first = end
    while first > back and text[first - 1] in _LETTERS:
        first -= 1
    if end == at or first == end:
        return None  # no white space at the end, or no letter before it
    if first > back and text[first - 1].isspace() and text[first:end] == "the":
        # "in the ": the word before "the", if there is one (the match that starts there is the leftmost)
        gap = first - 1
        while gap > back and text[gap - 1].isspace():
            gap -= 1
        word = gap
        while word > back and text[word - 1] in _LETTERS:
            word -= 1
        if word < gap:
            return word, text[word:gap]
    return first, text[first:end]


def in_before(text: str, back: int, at: int) -> bool:
    """True if "in" (a word of its own), then white space, then maybe "the" and white space end ``text[back:at]``:
    ``re.compile(r"\\bin\\s+(?:the\\s+)?$").search(text, back, at)`` (whose word boundary sees the character
    before ``back``), read back as ``word_before`` reads."""
    found = word_before(text, back, at)
    if found is None or found[1] != "in":
        return False
    start = found[0]
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")  # a word boundary before it


def pronoun_words(sentence: Sentence) -> list[tuple[int, str]]:
    """Where ``SUBJECT_PRONOUN`` matches in ``sentence``'s text and the word it matches, but a lower-case "i" and a
    word not in ASCII (case-blind, "she" takes a long s and "it" a dotless i: no pronoun).

    In ASCII text each pronoun the sentence holds (``Sentence.held_words``) is found with ``str.find`` in the
    lowered text, where offsets do not move, and kept where no word character stands either side: the pattern
    tried every position of the sentence, case-blind.
    """
    text = sentence.text
    if not text.isascii():
        return [
            (p.start(), word) for p in SUBJECT_PRONOUN.finditer(text) if (word := p.group(1)).isascii() and word != "i"
        ]
    lowered, size, found = text.lower(), len(text), []
    for pronoun in sentence.held_words(SUBJECT_PRONOUN_PLAIN):
        at = lowered.find(pronoun)
        while at >= 0:
            end = at + len(pronoun)
            if (
                (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"))
                and (end == size or not (text[end].isalnum() or text[end] == "_"))
                and (pronoun != "i" or text[at] == "I")  # "I" is a pronoun, "i" is not
            ):
                found.append((at, text[at:end]))
            at = lowered.find(pronoun, at + 1)
    found.sort()  # whole words, never overlapping: in the order the pattern found them
    return found
