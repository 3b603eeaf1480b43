"""Sentences, words and article furniture: the one tokeniser of ``ledger``.

The deadline finder (``ledger.deadlines.find``) and the extractor
(``ledger.articles``) both read prose through these functions, so a word, a
sentence and an abbreviation mean the same thing to both. Everything here
keeps character offsets into the text as given, so a match can always point
back at the exact words it came from.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import NamedTuple

import attrs

from ledger.core.words import MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS

__all__ = [
    "ABBREVIATIONS",
    "MAX_SENTENCE_LENGTH",
    "Sentence",
    "Token",
    "cycle_collector_paused",
    "furniture_spans",
    "plain_words",
    "split_sentences",
    "tokenize",
    "words",
]


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Run the block without Python's cycle collector, then turn it back on if it was on.

    Reading a long text makes a million small tuples (tokens, words) that
    live until the end; the collector, set off by every few hundred of them,
    walks all that are still alive each time, so its cost grew faster than
    the text (a third of the time on 1 MB). The reading makes no cycles to
    collect, so nothing is kept longer than the call.

    >>> import gc
    >>> with cycle_collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class Token(NamedTuple):
    """One word or punctuation mark with its offsets into the article, and its text in lower case.

    A small tuple, not a record: an article has a word every six characters,
    and the extractor reads ``lower`` of most of them several times.

    >>> tokenize("Don\u2019t")[0]
    Token(start=0, end=5, text='Don’t', lower="don't")
    """

    start: int
    end: int
    text: str
    lower: str  # with a typographic apostrophe made plain: "don\u2019t" is "don't"

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def parts(self) -> tuple[Token, ...]:
        """The runs of letters and digits in a token, with their inner apostrophes: a word
        split at its hyphens, dots, commas, slashes and colons ("mid-2026" is "mid" and
        "2026"; "don't" stays whole). A punctuation mark has none.

        >>> [p.text for p in tokenize("mid-2026")[0].parts]
        ['mid', '2026']
        """
        return tuple(_token(self.start + m.start(), self.start + m.end(), m.group()) for m in _PART.finditer(self.text))


def _token(start: int, end: int, text: str) -> Token:
    return Token(start, end, text, text.lower().replace("\u2019", "'"))


@attrs.frozen(cache_hash=True)  # a key of the readers' per-sentence caches: hashed a dozen times each
class Sentence:
    """One sentence: its offsets, its text and its tokens.

    The tokens are made when first asked for: the deadline finder splits a
    text into sentences and never needs them, and a long text has a million.

    >>> s = split_sentences("It ends by Oct. 31. Then?")[0]
    >>> s.text, [t.text for t in s.tokens][-3:], s.token_at(s.start + 11)
    ('It ends by Oct. 31.', ['.', '31', '.'], 3)
    """

    start: int
    end: int
    text: str
    #: True when this is a piece of a longer run with no sentence end (``MAX_SENTENCE_LENGTH``).
    piece: bool = False

    @functools.cached_property
    def tokens(self) -> tuple[Token, ...]:
        """The words and marks of the sentence, with offsets into the whole text (``tokenize``)."""
        return tuple(tokenize(self.text, self.start))

    @functools.cached_property
    def _letter_runs(self) -> frozenset[str]:
        return frozenset(_LETTER_RUN.findall(self.text.lower()))

    def may_hold(self, words: frozenset[str]) -> bool:
        """False only if no token's ``lower`` is one of ``words`` (made by ``plain_words``).

        A cheap test before a walk over the tokens: where it is False the
        tokens need not be made. True may still find none ("re-said" holds the
        run "said", but its token is "re-said"). Only ASCII letters
        and the Kelvin sign lower to ASCII letters, and all are word characters,
        so a token that lowers to a plain word is a run of letters of its own
        in the lowered sentence.

        >>> s = split_sentences("Ruiz SAID so.")[0]
        >>> s.may_hold(plain_words(["said"])), s.may_hold(plain_words(["told"]))
        (True, False)
        """
        return not words.isdisjoint(self._letter_runs)

    def held_words(self, words: frozenset[str]) -> frozenset[str]:
        """Which of ``words`` (made by ``plain_words``) are runs of letters of their own in the lower-cased
        sentence: what ``may_hold`` looks at, for a caller that must know which.

        >>> sorted(split_sentences("By June or by MAY 3.")[0].held_words(plain_words(["may", "june", "july"])))
        ['june', 'may']
        """
        return words & self._letter_runs

    # A bisect with a key looks at the few tokens it halves to, in C: no list of every token's offset is made
    # (a long text asked once or twice in each of its sentences made two such lists per sentence).
    def token_at(self, offset: int) -> int:
        """The index of the first token that ends after ``offset`` (``len(tokens)`` if none does)."""
        return bisect_right(self.tokens, offset, key=_END_OF)

    def token_from(self, offset: int) -> int:
        """The index of the first token that starts at or after ``offset`` (``len(tokens)`` if none does)."""
        return bisect_left(self.tokens, offset, key=_START_OF)


_START_OF, _END_OF = itemgetter(0), itemgetter(1)  # a Token's start and end


# Words: letters and digits with inner apostrophes, hyphens, dots between
# digits (4.1) and the dots of abbreviations (U.S., p.m.); everything else is
# one punctuation token. Each word is taken whole, never given back (the possessive
# quantifiers: nothing after a run can make a shorter one match), and the first pair of
# an abbreviation is spelled out, so a branch that cannot match is left at its first
# character or two: the tokeniser reads every character of a text.
_TOKEN = re.compile(
    r"""
      [A-Za-z]\.[A-Za-z]\.(?:[A-Za-z]\.)*+          # U.S., p.m., U.N.
    | \w++(?:[-'\u2019.,/:]\w++)*+(?:'s|\u2019s)?   # words, 4.1, 7-2, 1,000, don't, 5:04
    | \S                                            # any other mark: , . " ( — ...
    """,
    re.VERBOSE,
)


_LETTER_RUN = re.compile(r"[a-z]+")

# Letters and digits, with apostrophes inside: the parts of a token.
_PART = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The words and marks of ``text``; offsets are shifted by ``offset``.

    >>> [t.text for t in tokenize("Mr. Ruiz said it'd end by Oct. 31.")]
    ['Mr', '.', 'Ruiz', 'said', "it'd", 'end', 'by', 'Oct', '.', '31', '.']
    """
    # tuple.__new__ straight away: Token's own __new__ is a Python call, and this runs for every word of a text
    new, cls = tuple.__new__, Token
    if "\u2019" not in text:  # most texts: no typographic apostrophe to make plain, no replace per token
        return [
            new(cls, (m.start() + offset, m.end() + offset, g := m.group(), g.lower())) for m in _TOKEN.finditer(text)
        ]
    return [
        new(cls, (m.start() + offset, m.end() + offset, g := m.group(), g.lower().replace("\u2019", "'")))
        for m in _TOKEN.finditer(text)
    ]


def plain_words(lowered_words: Iterable[str]) -> frozenset[str]:
    """Words for ``Sentence.may_hold``: lower-case ASCII letters only, checked once, when a module defines them.

    >>> sorted(plain_words(["said", "told"]))
    ['said', 'told']
    """
    chosen = frozenset(lowered_words)
    if not all(word.isascii() and word.isalpha() and word.islower() for word in chosen):
        raise ValueError(f"plain_words takes lower-case ASCII words (got {sorted(chosen)!r})")
    return chosen


def words(text: str) -> list[Token]:
    """The words of ``text`` at their finest grain: the parts of every word token.

    >>> [w.text for w in words("By mid-2026, the U.S. won't wait.")]
    ['By', 'mid', '2026', 'the', 'U', 'S', "won't", 'wait']
    """
    return [part for token in tokenize(text) for part in token.parts]


#: A dot after one of these does not end a sentence: titles, month and weekday
#: abbreviations (but not "wed", "sat" and "sun", which end sentences as words),
#: and the usual Latin and business ones.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr st sen rep gov gen lt col sgt capt adm prof mt jr sr rev hon
    no vs etc inc corp co ltd u.s u.k u.n e.u a.m p.m i.e e.g fig approx est""".split()
    + list(MONTH_ABBREVIATIONS)
    + [day for day in WEEKDAY_ABBREVIATIONS if day not in ("wed", "sat", "sun")]
)

# Candidate sentence ends: terminal marks, then closing quotes or brackets,
# then white space. A run of marks is taken whole and only from its first
# mark (the lookbehind and the possessive quantifiers), so a long run of
# full stops is read once, not once per mark: splitting stays linear.
# (The lookbehind comes after the first mark, not before it: a pattern that opens with a mark lets the
# regex engine skip to the next mark; one that opens with a lookbehind tries every character.)
_END = re.compile(r"""[.!?](?<![.!?][.!?])[.!?]*+["'\u201d\u2019)\]]*+(?=\s)""")
# The ends among those that may not end a sentence: full stops alone, after a letter or digit ("Mr.", "J.",
# "31."). Every other end ends one ("!", "?", ". . ."): ``_ends_sentence`` need not be asked about it.
_END_AFTER_A_WORD = re.compile(r"""\.(?<=\w\.)\.*+["'\u201d\u2019)\]]*+(?=\s)""")
_LINE_BREAK = re.compile(r"\n")
_CLOSERS = "\"'\u201d\u2019)]"
# The word before a full stop: letters, digits and inner dots ("U.S", "p.m"), to where the match stops
# (group 1); whatever comes before its last other character is passed over in one backward look.
_WORD_BEFORE = re.compile(r"(?s:.*[^\w.])?([\w.]*)\Z")
_SPACE = re.compile(r"\s*")
_LOOK_BACK = 40  # an abbreviation or an initial is never longer than this


def _ends_sentence(text: str, end: int) -> bool:
    """True if the mark that closes at ``end`` ends a sentence.

    Looks at most ``_LOOK_BACK`` characters back and one character ahead, so
    each call costs the same however long the text is.
    """
    mark = end
    while mark > 0 and text[mark - 1] in _CLOSERS:
        mark -= 1
    if text[mark - 1] != ".":
        return True  # ! and ? always end one
    stop = mark
    while stop > 0 and text[stop - 1] == ".":
        stop -= 1
    if stop == 0 or not (text[stop - 1].isalnum() or text[stop - 1] == "_"):
        return True  # no word before the point (". . ."): it ends one
    if text[stop - 1] not in "0123456789":  # no abbreviation ends with a digit, and no initial is one
        # the run of letters, digits, "_" and "." that ends at stop, of at most _LOOK_BACK characters
        word = _WORD_BEFORE.match(text, max(0, stop - _LOOK_BACK), stop)  # always matches: the group may be empty
        stem = text[word.start(1) if word is not None else stop : stop].lower()
        if not stem:
            return True
        if stem in ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()):
            return False  # "Mr." or an initial "J."
    space = _SPACE.match(text, end)
    at = space.end() if space is not None else end
    # A sentence starts with a capital, a digit or an opening quote.
    return at >= len(text) or text[at].isupper() or text[at].isdigit() or text[at] in "\"'\u201c\u2018("


def _line_breaks(text: str) -> list[int]:
    """Offsets where a line break ends a sentence even without a full stop.

    A blank line always does; a single break does after terminal punctuation
    or after a short line (a byline, a headline, an "Updated" stamp). A long
    line without punctuation is hard-wrapped prose and runs on.
    """
    cuts = []
    line_start = 0
    for m in _LINE_BREAK.finditer(text):
        line = text[line_start : m.start()].strip()
        if line and (line[-1] in '.!?"\u201d:' or len(line) <= 60 or text.startswith(("\n", "\r\n"), m.end())):
            cuts.append(m.start())
        line_start = m.end()
    return cuts


#: The longest sentence read as one, in characters. A longer run of text with
#: no sentence end (a page without a full stop, a list run together) is read
#: as pieces of at most this length, cut at white space. The longest sentence
#: of the real documents in tests/data/extract_real has 747 characters; the
#: bound keeps what a look around one phrase costs from growing with the text.
MAX_SENTENCE_LENGTH = 3_000


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their offsets (abbreviations and initials kept whole).

    A sentence over ``MAX_SENTENCE_LENGTH`` characters comes as pieces of at
    most that length (each marked ``piece``), cut before the last clause mark
    (";", ",", " and ", " but ") of the piece's second half where there is one,
    else at white space: a phrase stays with the verb before it more often.

    >>> [s.text for s in split_sentences('Mr. Ruiz said so. "We will," he said.')]
    ['Mr. Ruiz said so.', '"We will," he said.']
    >>> [(len(s.text), s.piece) for s in split_sentences("word " * 1000)]
    [(2999, True), (1999, True)]
    """
    with cycle_collector_paused():  # a sentence may be a character or two: a million of them, and no cycle
        return _split(text)


def _split(text: str) -> list[Sentence]:
    """``split_sentences`` with the cycle collector paused."""
    ends = set(map(re.Match.end, _END.finditer(text)))
    after_a_word = list(map(re.Match.end, _END_AFTER_A_WORD.finditer(text)))  # only these may not end one
    ends.difference_update(after_a_word)
    cuts = set(_line_breaks(text))
    cuts.update(ends)
    cuts.update([end for end in after_a_word if _ends_sentence(text, end)])
    cuts.add(len(text))
    sentences = []
    start = 0
    for cut in sorted(cuts):
        chunk = text[start:cut]
        body = chunk.strip()
        if body:
            s = start + chunk.find(body[0])  # the first character that is not white space
            if len(body) <= MAX_SENTENCE_LENGTH:
                sentences.append(Sentence(s, s + len(body), body))
            else:
                _pieces(text, s, s + len(body), sentences)
        start = cut
    return sentences


def _pieces(text: str, start: int, end: int, sentences: list[Sentence]) -> None:
    """Add ``text[start:end]`` (no white space at either end) as pieces of at most ``MAX_SENTENCE_LENGTH``."""
    while end - start > MAX_SENTENCE_LENGTH:
        cut = start + MAX_SENTENCE_LENGTH
        clause = _CLAUSE_MARK.search(text[start + MAX_SENTENCE_LENGTH // 2 : cut][::-1])
        if clause is not None:
            mark = cut - clause.end()  # where the mark starts, reading forwards
            cut = mark if text[mark].isspace() else mark + 1  # before " and ", " but "; after ";" or ","
        else:
            k = cut
            while k > start and not text[k].isspace():
                k -= 1
            if k > start:
                cut = k  # at white space; with none in reach, a hard cut
        piece = text[start:cut].rstrip()
        sentences.append(Sentence(start, start + len(piece), piece, piece=True))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        sentences.append(Sentence(start, end, text[start:end], piece=True))


#: A clause mark, read backwards (the piece's end is searched from the right): " and ", " but ", "; ", ", ".
_CLAUSE_MARK = re.compile(r" dna | tub | ;| ,", re.IGNORECASE)


# Article furniture that holds dates but no commitments.
_FURNITURE = re.compile(
    r"""
      ^[ \t]*(?:By|BY)[ \t]+[A-Z][^\n]{0,80}$                       # byline: "By Sarah Quinn"
    | ^[ \t]*(?:Updated|Published|Posted|Last[ ]updated|Filed)\b[^\n]{0,80}$   # time stamps
    | ^[ \t]*(?:[A-Z][a-z]{2,8}\.?[ ]\d{1,2},[ ]\d{4}|\d{4}-\d{2}-\d{2})[^\n]{0,30}$   # a line that is a date
    | ^[ \t]*[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+)*                 # dateline: "BRUSSELS" or "NEW YORK"
      (?:,[ ][A-Z][a-z]{2,8}\.?[ ]\d{1,2})?(?:,[ ]\d{4})?           #   optional ", Oct. 16" and year
      [ ]*(?:\([^)\n]{1,40}\))?[ ]*(?:--|[\-\u2013\u2014])[ ]      #   optional "(Reuters)", then a dash
    """,
    re.VERBOSE | re.MULTILINE,
)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Spans of bylines, time stamps and datelines, which never hold a commitment.

    >>> text = "By Ann Lee\\nPARIS, Oct. 16 (AFP) - Talks ended."
    >>> [text[a:b] for a, b in furniture_spans(text)]
    ['By Ann Lee', 'PARIS, Oct. 16 (AFP) - ']
    """
    return [m.span() for m in _FURNITURE.finditer(text)]
