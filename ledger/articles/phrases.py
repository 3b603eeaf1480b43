"""The deadline phrases of an article, each distinct sentence read once: ``find_phrases``.

``find_phrases`` gives what ``ledger.deadlines.find.find_in_sentences`` gives,
but reads a sentence only the first time it comes in the same surroundings:
an article says the same thing again and again (a transcript's "We will
announce it by Friday", a pathological text nothing else), and finding the
phrases of a sentence is most of what reading it costs.

What the finder looks at besides a sentence's own words is bounded: the six
words before it (a comparison, "the lowest ... in four years", and the
auxiliaries before a past verb), the two words after it (what follows a
"to" or a "has" at its end), four characters before it and a dozen after
(quotes, the point of "a.m.", the year after a date). A sentence is read
again only when all of these differ from every sentence read before. The
sentences read are read together, in one call of the finder, each with the
sentences that hold its six words before and two after: the finder sees
each of them as it sees it in the whole text. Sentences without a word (a
"..." alone) give no phrase and no word, so they are passed over. Most
texts say no sentence twice in the same surroundings: that is seen from a
count of the sentences' texts, and the finder reads them all, unkeyed.

>>> from datetime import date
>>> from ledger.core.text import split_sentences
>>> from ledger.deadlines import DEFAULT_POLICY
>>> text = "We will act by June. We will act by June."
>>> [(m.start, m.text) for m in find_phrases(text, split_sentences(text), date(2025, 10, 16), DEFAULT_POLICY)]
[(12, 'by June'), (33, 'by June')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from datetime import date
from itertools import compress, repeat
from operator import attrgetter, lt

from ledger.core.text import Sentence
from ledger.deadlines import DeadlineMatch, DeadlinePolicy
from ledger.deadlines.find import find_in_sentences

__all__ = ["find_phrases"]

# The finder's words: the parts of tokens (letters and digits, with apostrophes inside; Token.parts).
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
# How far the finder looks past a sentence's own words (see the module's docstring).
_WORDS_BEFORE, _WORDS_AFTER = 6, 2
_CHARS_BEFORE, _CHARS_AFTER = 4, 12
# A sentence holds a word exactly when it holds a letter or a digit: where _WORD's first match would start.
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_START, _END, _TEXT = attrgetter("start"), attrgetter("end"), attrgetter("text")


def find_phrases(
    text: str, sentences: Sequence[Sentence], stated_on: date, policy: DeadlinePolicy
) -> list[DeadlineMatch]:
    """``find_in_sentences(text, sentences, stated_on, policy)``, each sentence read once in the same surroundings.

    ``sentences`` are the sentences of ``text`` from ``split_sentences``, in order.
    """
    starts, ends = list(map(_START, sentences)), list(map(_END, sentences))
    with_words = list(compress(sentences, map(_LETTER_OR_DIGIT.search, repeat(text), starts, ends)))
    if _each_alone(with_words) and all(map(lt, ends, starts[1:])):
        # Every sentence is read, and keeps its own phrases, in order: the finder's own output. (Unless two
        # sentences touch: a phrase that takes in an opening quote starts a character before its first word, in
        # the piece before when a run with no space was cut there.)
        # The extractor asks each for its tokens next: the finder reads its words off them, not off the text.
        return find_in_sentences(text, with_words, stated_on, policy, from_tokens=True)
    findall = _WORD.findall
    counts = [len(findall(text, s.start, s.end)) for s in sentences]  # how many words the finder sees in each
    worded = [k for k, count in enumerate(counts) if count]  # the sentences that hold a word, in order
    texts = [sentences[k].text for k in worded]
    first_of: dict[tuple, int] = {}  # each surroundings -> the first sentence read in them
    same_as: list[tuple[int, int]] = []  # (sentence, the sentence whose phrases it takes)
    read: set[int] = set()  # the sentences the finder reads: those read first, with their surroundings
    for w, k in enumerate(worded):
        before = w
        got = 0
        while before > 0 and got < _WORDS_BEFORE:
            before -= 1
            got += counts[worded[before]]
        after = w
        ahead = 0
        while after < len(worded) - 1 and ahead < _WORDS_AFTER:
            after += 1
            ahead += counts[worded[after]]
        s = sentences[k]
        key = (
            tuple(texts[before : after + 1]),
            w - before,  # which of them is the sentence
            text[max(0, s.start - _CHARS_BEFORE) : s.start],  # fewer at the text's start
            text[s.end : s.end + _CHARS_AFTER],
        )
        first = first_of.setdefault(key, k)
        same_as.append((k, first))
        if first == k:
            read.update(worded[before : after + 1])
    found = find_in_sentences(text, [sentences[k] for k in sorted(read)], stated_on, policy)
    own = _by_sentence(found, sentences, {first for _, first in same_as})
    out: list[DeadlineMatch] = []
    for k, first in same_as:
        if k == first:
            out += own.get(k, [])
            continue
        shift = sentences[k].start - sentences[first].start
        out += [DeadlineMatch(m.start + shift, m.end + shift, m.text, m.window) for m in own.get(first, [])]
    return out


def _each_alone(worded: list[Sentence]) -> bool:
    """True when no two of the ``worded`` sentences (those with a word, in order) have the same surroundings.

    Surroundings hold the sentence's own text and those of its neighbours with a word (one each side at
    least, where there is one), so a sentence is alone in them when its text, or a neighbour's, is said
    only once in the text. Most texts say nothing twice: they are told so with a count of the texts and
    a few maps, not a key made for every sentence.
    """
    texts = list(map(_TEXT, worded))
    once = list(map((1).__eq__, map(Counter(texts).__getitem__, texts)))
    return all(map(any, zip(once, [False, *once[:-1]], [*once[1:], False])))


def _by_sentence(
    found: list[DeadlineMatch], sentences: Sequence[Sentence], wanted: set[int]
) -> dict[int, list[DeadlineMatch]]:
    """The phrases found, by the index of the sentence each starts in; only for the ``wanted`` sentences."""
    starts = [s.start for s in sentences]
    own: dict[int, list[DeadlineMatch]] = {}
    for m in found:
        k = bisect_right(starts, m.start) - 1
        if k in wanted:
            own.setdefault(k, []).append(m)
    return own
