"""What the reading finds once for a sentence and asks for again for each phrase in it.

``per_sentence`` keeps a function's answer for the last sentence it was
asked about, by identity: a sentence is read phrase by phrase, and each
phrase's steps ask the same questions of it (its clause marks, its
governing words, which patterns' words it holds). A look-up by identity is
a fraction of one by value (``functools.lru_cache`` hashes the sentence with
a Python call each time), and nothing is recognised but the very sentence
being read.

>>> from ledger.core.text import split_sentences
>>> calls = []
>>> @per_sentence
... def length(sentence):
...     calls.append(sentence.text)
...     return len(sentence.text)
>>> first, second = split_sentences("One. Two words.")
>>> length(first), length(first), length(second), length(first), len(calls)
(4, 4, 10, 4, 3)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ledger.core.text import Sentence

__all__ = ["per_sentence", "per_word"]

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def per_sentence(function: Callable[[Sentence], T]) -> Callable[[Sentence], T]:
    """``function`` with its answer for the last sentence kept, by identity (``__wrapped__`` is ``function``).

    The sentence and its answer are held as one tuple, replaced whole: a
    thread that finds another's pair there finds another sentence, and asks.
    """
    held: list[tuple[Sentence | None, T | None]] = [(None, None)]

    @functools.wraps(function)
    def once(sentence: Sentence) -> T:
        last = held[0]
        if last[0] is sentence:
            return last[1]  # type: ignore[return-value]  # the answer held with this very sentence
        answer = function(sentence)
        held[0] = (sentence, answer)
        return answer

    return once


class _WordTable(dict):
    """A word's answer, asked once: ``table[word]`` is a look-up, and only a word not yet asked calls ``function``."""

    def __init__(self, function: Callable[[Any], Any], size: int) -> None:
        super().__init__()
        self.function, self.size = function, size

    def __missing__(self, word: Hashable) -> Any:
        if len(self) >= self.size:
            self.clear()  # bounded: a text of numbers ("case 1", "case 2", ...) asks of a word once each
        answer = self[word] = self.function(word)
        return answer


def per_word(function: Callable[[K], T], size: int = 1 << 16) -> dict[K, T]:
    """A table of ``function``'s answer for each word, to be read ``table[word]``: a dict's look-up for a word
    asked before, where a test of a word in a comprehension over a sentence's tokens is a call or two each.
    Words repeat in any text; the table forgets them all when it holds ``size``. (Any key that repeats the
    way words do serves: a name, a score; never a sentence or a text.)

    >>> ends_in_ed = per_word(lambda word: word.endswith("ed"))
    >>> [word for word in "he asked and asked".split() if ends_in_ed[word]], sorted(ends_in_ed)
    (['asked', 'asked'], ['and', 'asked', 'he'])
    """
    return _WordTable(function, size)
