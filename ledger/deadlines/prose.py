"""The finder's view of prose: its words at the finest grain, each in its clause (``words_and_clauses``).

A word is a part of a ``ledger.core.text`` token (letters and digits with apostrophes inside:
``Token.parts``), read here without building a Token for each: a long text has a million of
them. A clause is a sentence, split further at a semicolon or colon (or a "!" or "?" that does
not end the sentence) and at a blank line; a colon inside a word ("5:30") breaks nothing.
tests/deadlines/test_deadlines_find.py checks the words and clauses against the tokeniser's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ledger.core.text import Sentence, Token, split_sentences

__all__ = ["AnyWord", "Word", "Words", "words_and_clauses", "words_of_tokens"]


class Word(NamedTuple):
    """One word of the prose at its finest grain, with its offsets."""

    start: int
    end: int
    #: Lower case, with a curly apostrophe made straight.
    lower: str


#: What the finder reads a word as: a Word, or a Token (``words_of_tokens``); it looks at start, end and lower.
AnyWord = Word | Token
Words = Sequence[AnyWord]

# Within a sentence a deadline phrase does not run across a semicolon or colon (nor a
# '!' or '?' that does not end the sentence), or across a blank line.
_CLAUSE_BREAK = re.compile(r"[!?;:]|\n\s*\n")
# The parts of a word (ledger.core.text.Token.parts).
_PART = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_BETWEEN_TOKENS = re.compile(r"[\s!?;]")
# The gap between two parts of one token (core.text's word pattern, less the letters and digits).
_INSIDE_A_TOKEN = re.compile(r"_*(?:[-'\u2019.,/:]_+)*(?:[-'\u2019.,/:]_*)?")


def words_and_clauses(text: str, sentences: Sequence[Sentence] | None = None) -> tuple[list[Word], list[int]]:
    """The words of ``text`` (or of those of its ``sentences`` given, in order), and for each a number
    that is the same for two words exactly when they are in one clause, rising through the text.

    >>> words, clause = words_and_clauses("We'll meet at 5:30; then vote.")
    >>> [w.lower for w in words], clause[0] == clause[4], clause[4] == clause[5]
    (["we'll", 'meet', 'at', '5', '30', 'then', 'vote'], True, False)
    """
    if sentences is None:
        sentences = split_sentences(text)
    lowered = _lowered(text)
    spans: list[tuple[int, int]] = []  # of every word, in order: the words are made from them at the end
    clause: list[int] = []
    span, finditer = re.Match.span, _PART.finditer
    n = -1
    for sentence in sentences:
        n += 1
        start, end = sentence.start, sentence.end
        first = len(spans)
        spans += map(span, finditer(text, start, end))
        count = len(spans) - first
        if count < 2 or _CLAUSE_BREAK.search(text, start, end) is None:
            clause += [n] * count  # most sentences: one clause, no gap between two words to look at
            continue
        n = _number_clauses(text, spans[first:], n, clause)
    # tuple.__new__ straight away: Word's own __new__ is a Python call, made for every word of a text.
    new = tuple.__new__
    if lowered is None:
        return [new(Word, (a, b, text[a:b].lower().replace("\u2019", "'"))) for a, b in spans], clause
    return [new(Word, (a, b, lowered[a:b])) for a, b in spans], clause


def words_of_tokens(text: str, sentences: Sequence[Sentence] | None = None) -> tuple[list[Token], list[int]]:
    """``words_and_clauses(text, sentences)`` read off the sentences' tokens (made where not yet), for a
    caller that asks every sentence for its tokens anyway (the extractor): one pass of the tokeniser, not two.

    A token of letters and digits alone is one word, itself; a word token with anything else in it is its
    ``Token.parts``; a mark is none. The clauses are numbered as ``words_and_clauses`` numbers them.

    >>> words, clause = words_of_tokens("We'll meet at 5:30; then vote.")
    >>> [w.lower for w in words], clause == words_and_clauses("We'll meet at 5:30; then vote.")[1]
    (["we'll", 'meet', 'at', '5', '30', 'then', 'vote'], True)
    """
    if sentences is None:
        sentences = split_sentences(text)
    words: list[Token] = []
    clause: list[int] = []
    add, n = words.append, -1
    for sentence in sentences:
        n += 1
        first = len(words)
        for token in sentence.tokens:
            said = token.text
            if said.isalnum():  # str.isalnum and the pattern's letters and digits are the same characters
                add(token)
            elif said[0].isalnum() or said[0] == "_":  # a word token: its parts (a mark has none)
                words += token.parts
        count = len(words) - first
        if count < 2 or _CLAUSE_BREAK.search(text, sentence.start, sentence.end) is None:
            clause += [n] * count
            continue
        n = _number_clauses(text, words[first:], n, clause)
    return words, clause


def _number_clauses(text: str, spans: Sequence[tuple[int, int, *tuple[str, ...]]], n: int, clause: list[int]) -> int:
    """Add to ``clause`` the clause number of each of one sentence's words (``spans``: tuples that open with
    the word's start and end), from ``n``, a new number after each break between two; give the last.

    Parts never straddle tokens, and the only gap between two parts of one token that could look like a
    break is a colon ("5:30").
    """
    last = -1
    for span in spans:
        a = span[0]
        if last >= 0 and (text[last] in "!?;" if a - last == 1 else _breaks(text, last, a)):
            n += 1
        last = span[1]
        clause.append(n)
    return n


def _lowered(text: str) -> str | None:
    """``text`` in lower case with curly apostrophes made straight, each character where it was; None
    when lowering is not one character for one: a capital sigma lowers by what follows it, and a
    dotted capital I to two characters."""
    if "\u03a3" in text:
        return None
    lowered = text.lower()
    return lowered.replace("\u2019", "'") if len(lowered) == len(text) else None


def _breaks(text: str, start: int, end: int) -> bool:
    """True if the gap between two words holds a clause break that lies between tokens.

    A token never holds white space, "!", "?" or ";"; a colon is inside one when the gap is
    what a token joins its runs with ("5:30", "a_:b"), so it breaks nothing there.
    """
    gap = text[start:end]
    if _CLAUSE_BREAK.search(gap) is None:
        return False
    return _BETWEEN_TOKENS.search(gap) is not None or _INSIDE_A_TOKEN.fullmatch(gap) is None
