"""What real speech says around a time expression, and which of it may be set aside.

People wrap a readable deadline in words that do not change it: "a 90-day
*pause*", "*honestly* by Friday", "by 6 p.m., *Washington time*", "in about a
month. *Maybe less*". When the strict reader refuses a phrase, the reader
(``ledger.deadlines.reader``) asks this module what may be set aside and reads
what is left with the strict reader again, so nothing here can change a phrase
that reads as a whole.

Everything here is text, and none of it depends on the day the phrase was said:

- ``plan(phrase)`` splits the phrase as said into *pieces* (clauses between
  commas, brackets, dashes and full stops) and says, for any run of pieces,
  which words may be set aside (``Plan.keep``);
- ``afterthought(words)`` says whether a piece only narrows or widens what came
  before it ("maybe less", "maybe a bit before that").

Words that could change a deadline are never set aside: a negation, a
condition or an anchor ("not", "unless", "if", "once", "after", "before",
"starting", ...) stops every run of set-aside words, and a piece that holds one
and is not read makes the reader refuse the phrase with a hint (``GUARD_WORDS``).

>>> p = plan("a 60 day ultimatum")
>>> p.whole.text.split(), [a.words for a in p.whole.dropped]
(['60', 'day'], ['a', 'ultimatum'])
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ledger.core.text import ABBREVIATIONS, tokenize
from ledger.core.words import MONTHS, ONES, ORDINALS, TEENS, TENS, WEEKDAYS
from ledger.deadlines.grammar import CLOCK_SAID, VOCABULARY
from ledger.deadlines.lexicon import HOLIDAYS, SEASONS, UNITS
from ledger.deadlines.window import SetAside

__all__ = ["DEADLINE_NOUNS", "FILLERS", "GUARD_WORDS", "Kept", "Plan", "afterthought", "guard_in", "plan"]

#: Negations, conditions and anchors: never set aside. A run of set-aside words
#: stops at one, and a phrase that would need one set aside is refused.
GUARD_WORDS = frozenset(
    """not no never nor unless if once when whenever after before since until till til following upon
    pending provided providing assuming depending depends contingent subject except barring without
    otherwise starting beginning from counting effective instead rather""".split()
)

#: Words that say nothing about when: set aside wherever they stand.
FILLERS = frozenset(
    """honestly literally frankly really actually basically essentially seriously obviously clearly
    realistically truthfully genuinely absolutely extra additional initial um uh er erm okay ok look listen""".split()
)
# Set phrases that say nothing about when (matched on whole words, in order).
_FILLER_RUNS = (
    ("to", "be", "honest"),
    ("to", "be", "fair"),
    ("to", "be", "clear"),
    ("quite", "frankly"),
    ("i", "mean"),
    ("you", "know"),
    ("in", "fact"),
    ("of", "course"),
    ("for", "sure"),
)

#: Nouns that name the deadline itself ("the deadline", "a 30-day window"): set aside
#: with the article before them and an "of" after them ("a window of two weeks").
DEADLINE_NOUNS = frozenset(
    """deadline deadlines timeline timeframe timetable window period pause ultimatum extension truce
    ceasefire moratorium reprieve countdown cutoff target""".split()
)
_DETERMINERS = frozenset("a an the this that its his her their our my your these those".split())

# Words that open a piece and only say how sure the speaker is ("it could be Tuesday"):
# set aside, and the reading is hedged. Neutral openers ("that is") are set aside too.
_HEDGE_OPENERS = (
    ("it", "could", "be"),
    ("it", "might", "be"),
    ("it", "may", "be"),
    ("could", "be"),
    ("might", "be"),
    ("it", "could", "even", "be"),
)
_PLAIN_OPENERS = (("that", "is"), ("i", "e"), ("ie",), ("which", "is"), ("meaning",), ("thats",), ("that's",))
# Words that open a piece and bind nothing ledger reads otherwise: "into 2027" is 2027,
# "to the end of March" is the end of March.
_LEAD_FILLERS = frozenset({"into", "to"})

# Words that may carry a time: a run of set-aside nouns never swallows one.
_TIME_WORDS = (
    frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(ONES) | frozenset(TEENS) | frozenset(TENS)
    | frozenset(ORDINALS) | frozenset(SEASONS)
    | frozenset(w for key in UNITS for w in key.split())
    | frozenset(w for key in HOLIDAYS for w in key.split() if w not in ("the", "of", "day", "us"))
    | frozenset(
        """today tomorrow tonight now weekend next end early late mid soon later sooner noon midnight
        midday eod cob q1 q2 q3 q4 h1 h2 morning afternoon evening night""".split()
    )
)  # fmt: skip
_SINGULAR_UNITS = frozenset({"minute", "hour", "day", "week", "fortnight", "month", "quarter", "year", "decade"})
# "90-day", "ninety-day", "six-month", "two-week": a length used as an adjective.
_HYPHEN_LENGTH = re.compile(
    r"(?P<num>[a-z0-9.]+(?:-[a-z]+)*)-(?:minute|hour|day|week|fortnight|month|quarter|year|decade)s?"
)
_NUMBER_WORDS = frozenset(ONES) | frozenset(TEENS) | frozenset(TENS) | {"hundred"}
# Grammar words a run of nouns may hold ("a 90-day pause on tariffs", "a 60 day ultimatum to
# Russia"): any other word the grammar knows ("maybe", "or", "less") ends the run.
_NOUN_GLUE = frozenset("on for in of to at with and the a an".split())

# Only after a clock time in the phrase as said (grammar.CLOCK_SAID) is "Washington time" a place's clock,
# and these words alone ("Central") a zone's.
_ZONE_WORDS = frozenset("eastern central mountain pacific atlantic standard daylight local".split())

# Marks that end a piece. A full stop ends one unless it closes an abbreviation ("Oct.").
_BREAKS = frozenset(",;()[]!?:\u2014\u2013-")

# An afterthought piece, normalised: a narrowing one ("maybe less") or a widening one
# ("maybe a bit longer"). It says which way the time may move, not a new time.
_AFTERTHOUGHT = re.compile(
    r"""
    (?:(?:or|and|but|yes|so)\s)?
    (?:(?:maybe|perhaps|possibly|probably|likely|hopefully|even|or|could\sbe|might\sbe|it\scould\sbe)\s)*
    (?:(?:a\s)?(?:little|bit|tad|touch)\s(?:bit\s)?|slightly\s|somewhat\s|a\sfew\sdays\s|a\sday\sor\stwo\s)?
    (?:(?P<narrow>less|sooner|earlier|fewer|shorter|quicker|before\s(?:that|then))
      |(?P<widen>more|longer|later|after\s(?:that|then)))
    """,
    re.VERBOSE,
)


def afterthought(norm: str) -> str | None:
    """'narrow' or 'widen' for a normalised piece that only says which way the time
    may move, else None.

    >>> afterthought("maybe a bit before that"), afterthought("maybe longer"), afterthought("tuesday")
    ('narrow', 'widen', None)
    """
    match = _AFTERTHOUGHT.fullmatch(norm)
    if match is None:
        return None
    return "narrow" if match["narrow"] else "widen"


class _Word(NamedTuple):
    start: int
    end: int
    text: str
    #: Lower case, apostrophes and dots folded ("p.m." -> "pm", "that's" -> "thats").
    lower: str


class Kept(NamedTuple):
    """A run of a phrase with the words that may be set aside blanked out."""

    #: The run as said, set-aside words replaced by spaces (offsets unchanged).
    text: str
    dropped: tuple[SetAside, ...]
    #: A hedging opener ("it could be") was set aside: the reading is hedged.
    hedge: bool
    #: Every word was set aside.
    empty: bool


class Piece(NamedTuple):
    """A clause of the phrase: from its first word's start to its last word's end."""

    start: int
    end: int


class Plan:
    """A phrase as said, split into pieces, with what may be set aside in any run of them.

    Built once per phrase; ``keep`` is cached per run.
    """

    __slots__ = ("_kept", "clock", "phrase", "pieces", "whole", "words")

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase
        self.clock = CLOCK_SAID.search(phrase) is not None
        tokens = tokenize(phrase)
        self.words: list[_Word] = []
        self.pieces: list[Piece] = []
        first = None
        for k, token in enumerate(tokens):
            if token.is_word:
                lower = token.text.lower().replace("\u2019", "'").replace(".", "")
                self.words.append(_Word(token.start, token.end, token.text, lower))
                first = token.start if first is None else first
                continue
            if first is not None and _ends_piece(tokens, k):
                self.pieces.append(Piece(first, self.words[-1].end))
                first = None
        if first is not None:
            self.pieces.append(Piece(first, self.words[-1].end))
        self._kept: dict[tuple[int, int], Kept] = {}
        self.whole = self.keep(0, len(phrase))

    def keep(self, start: int, end: int) -> Kept:
        """The words of ``phrase[start:end]`` with what may be set aside blanked out."""
        kept = self._kept.get((start, end))
        if kept is None:
            kept = self._kept[(start, end)] = _keep(self, start, end)
        return kept


def plan(phrase: str) -> Plan:
    """The pieces of ``phrase`` and what may be set aside in it (see ``Plan``).

    >>> p = plan("in about a month. Maybe less")
    >>> [p.phrase[piece.start : piece.end] for piece in p.pieces]
    ['in about a month', 'Maybe less']
    """
    return Plan(phrase)


def guard_in(p: Plan, start: int, end: int) -> _Word | None:
    """The first negation, condition or anchor word in ``phrase[start:end]``, or None."""
    for word in p.words:
        if start <= word.start and word.end <= end and word.lower in GUARD_WORDS:
            return word
    return None


def _ends_piece(tokens: list, k: int) -> bool:
    """True if punctuation token ``k`` ends a piece."""
    mark = tokens[k].text
    if mark in _BREAKS:
        return True
    if mark != ".":
        return False
    before = tokens[k - 1] if k else None
    if before is None or not before.is_word:
        return True
    word = before.text.lower()
    return not (word in ABBREVIATIONS or len(word) == 1 or "." in word)


def _is_number(lower: str) -> bool:
    return lower.replace(",", "").replace(".", "").isdigit() or lower in _NUMBER_WORDS


def _adjectival_length(ws: list[_Word], i: int) -> int:
    """The index after a length used as an adjective at ``ws[i]`` ("90-day", "60 day"), or -1."""
    match = _HYPHEN_LENGTH.fullmatch(ws[i].lower)
    if match is not None and all(_is_number(part) for part in match["num"].split("-")):
        return i + 1
    # "60 day": a number above one with a unit in the singular ("one month" is just a month).
    if (
        _is_number(ws[i].lower)
        and ws[i].lower not in ("1", "one")
        and i + 1 < len(ws)
        and ws[i + 1].lower in _SINGULAR_UNITS
    ):
        return i + 2
    return -1


def _run_at(ws: list[_Word], i: int, runs: tuple[tuple[str, ...], ...]) -> int:
    """The number of words of the first of ``runs`` that starts at ``ws[i]``, or 0."""
    for run in runs:
        if tuple(w.lower for w in ws[i : i + len(run)]) == run:
            return len(run)
    return 0


def _keep(p: Plan, start: int, end: int) -> Kept:
    """One piece: what may be set aside in ``phrase[start:end]``: fillers anywhere, an opener, the
    article and the nouns of a length used as an adjective, a deadline noun, a place's clock."""
    ws = [w for w in p.words if start <= w.start and w.end <= end]
    drop = [False] * len(ws)
    hedge = False
    n = len(ws)

    def adjacent(a: int, b: int) -> bool:
        """Words a and b (a < b) stand side by side, with only spaces between them."""
        return not p.phrase[ws[a].end : ws[b].start].strip()

    # An opener: "it could be Tuesday", "that is, September 17", "into 2027".
    opener = _run_at(ws, 0, _HEDGE_OPENERS)
    if opener:
        hedge = True
    else:
        opener = _run_at(ws, 0, _PLAIN_OPENERS) or (1 if n > 1 and ws[0].lower in _LEAD_FILLERS else 0)
    for k in range(opener):
        drop[k] = True
    i = 0
    while i < n:
        word = ws[i].lower
        run = _run_at(ws, i, _FILLER_RUNS)
        if run:
            drop[i : i + run] = [True] * run
            i += run
            continue
        if word in FILLERS:
            drop[i] = True
        elif word in DEADLINE_NOUNS:
            drop[i] = True
            # The article, past any fillers between ("an initial period of 90 days").
            j = i - 1
            while j > 0 and ws[j].lower in FILLERS and adjacent(j, j + 1):
                j -= 1
            if j >= 0 and ws[j].lower in _DETERMINERS and adjacent(j, j + 1):
                drop[j] = True
            if i + 1 < n and ws[i + 1].lower == "of" and adjacent(i, i + 1):
                drop[i + 1] = True
                i += 1
        else:
            after = _adjectival_length(ws, i)
            if after > 0:
                if i and ws[i - 1].lower in _DETERMINERS and adjacent(i - 1, i):
                    drop[i - 1] = True
                # The nouns it qualifies: "pause", "pause on tariffs", up to a mark, a time or a guard.
                k = after
                while k < n and adjacent(k - 1, k) and ws[k].lower.isalpha():
                    lower = ws[k].lower
                    if lower in _TIME_WORDS or lower in GUARD_WORDS or lower in VOCABULARY and lower not in _NOUN_GLUE:
                        break
                    drop[k] = True
                    k += 1
                i = max(k, i + 1)
                continue
            if p.clock and ws[i].text[:1].isupper() and _is_place(ws, i):
                k = i
                while k < n and ws[k].text[:1].isupper() and _is_place(ws, k):
                    drop[k] = True
                    k += 1
                if k < n and ws[k].lower == "time":
                    drop[k] = True
                    k += 1
                elif not all(ws[j].lower in _ZONE_WORDS for j in range(i, k)):
                    drop[i:k] = [False] * (k - i)  # "Washington" alone is no clock: only "Washington time"
                i = max(k, i + 1)
                continue
        i += 1
    text = list(p.phrase[start:end])
    dropped: list[SetAside] = []
    for k, w in enumerate(ws):
        if not drop[k]:
            continue
        text[w.start - start : w.end - start] = " " * (w.end - w.start)
        if dropped and k and drop[k - 1] and adjacent(k - 1, k):
            last = dropped[-1]  # side by side: one span ("Washington time", "it could be")
            dropped[-1] = SetAside(p.phrase[last.start : w.end], last.start, w.end)
        else:
            dropped.append(SetAside(w.text, w.start, w.end))
    return Kept("".join(text), tuple(dropped), hedge, all(drop))


def _is_place(ws: list[_Word], i: int) -> bool:
    """A capitalised word that may name a place or a zone ("Washington", "Eastern"), not a time."""
    lower = ws[i].lower
    if lower in _ZONE_WORDS:
        return True
    return lower.isalpha() and lower not in VOCABULARY and lower not in _TIME_WORDS and lower not in GUARD_WORDS
