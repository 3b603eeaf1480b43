"""Find deadline phrases in running news prose: ``find_deadlines``.

The prose is read through ``ledger.core.text`` (the tokeniser and sentence
splitter the extractor uses too), word by word at the finest grain ("mid-2026"
is "mid" and "2026"), and a phrase never runs past the end of its sentence or
across a semicolon, colon or blank line. A candidate starts at a word that can begin a deadline phrase (a lead word, a
number, a month, "soon", ...) and is the longest run of words, up to the end of
the sentence, that ``parse_deadline`` reads. Candidates are then dropped when
the prose says they are not deadlines: they point back in time ("three weeks
ago", "last August", a past-tense verb governs them), they are adjectives ("a
decade-long conflict", "a ninety-minute call"), they measure how long something
lasted ("for two weeks", "after three weeks of talks"), or they are a dateline
("On Monday, the minister said ...").
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date
from itertools import chain, filterfalse
from operator import attrgetter

import numpy as np

from ledger.core.text import Sentence, cycle_collector_paused, split_sentences
from ledger.core.words import MONTHS, ONES, ORDINALS, TEENS, TENS, WEEKDAYS
from ledger.deadlines.errors import Unreadable
from ledger.deadlines.grammar import TIME_ZONE, VOCABULARY, NumberScreen, normalize, number_screen
from ledger.deadlines.lexicon import (
    ALIASES,
    DOCUMENTS,
    HOLIDAYS,
    OPEN,
    PART_WORDS,
    PREFIX_WORDS,
    SEASONS,
    SPELLINGS,
    VAGUE,
)
from ledger.deadlines.policy import DEFAULT_POLICY, DeadlinePolicy
from ledger.deadlines.prose import AnyWord, Words, words_and_clauses, words_of_tokens
from ledger.deadlines.reader import Reading, check_args, read_normalized
from ledger.deadlines.window import DeadlineMatch, DueWindow

__all__ = ["find_deadlines", "find_in_sentences"]

_MAX_WORDS = 12

# Words that may begin a deadline phrase.
_STARTS = frozenset(
    [w.split()[0] for w in PREFIX_WORDS]
    + [w.split()[0] for w in VAGUE]
    + [w.split()[0] for w in OPEN]
    + [w.split()[0] for w in HOLIDAYS]
    + [w.split()[0] for w in PART_WORDS]
    + list(MONTHS)
    + list(WEEKDAYS)
    + list(ONES)
    + list(TEENS)
    + list(TENS)
    + list(SEASONS)
    + list(ORDINALS)
    + "a an the this next coming between half couple few several dozen today tonight "
    "tomorrow q1 q2 q3 q4 h1 h2 year end mid early late".split()
) - frozenset(
    "and well just only right even again like some over at for on under after from get have time future later "
    "long".split()
) | {"at", "for", "on"}
# Before a length of time, these make it a measure of how long, not a deadline.
_NOT_AFTER = frozenset(
    "last past ago since previous earlier for after during as than first every each per the "
    "whole entire nearly almost only".split()
)
# After a length of time, these tie it to another event or to the past.
_NOT_BEFORE_LENGTH = frozenset(
    "ago earlier before after later into of old long in late behind since prior running straight apart".split()
)
_NOT_BEFORE_ANY = frozenset("ago earlier past".split())
# Before "in two years", these make it a comparison over time: "the lowest in four years".
_COMPARING = frozenset(
    "first second third lowest highest biggest largest worst best longest most least fastest slowest".split()
)
# A date after one of these and before a noun names that thing: "your April 2 tariff level".
_DETERMINERS = frozenset("the a an your its his her their our this that".split())
# Nouns that turn a hyphenated length back into a deadline: a 50-day deadline.
_DEADLINE_NOUNS = frozenset(
    "deadline deadlines ultimatum window timeline timeframe countdown grace pause extension truce target".split()
)
# Words after such a date that do not make it a name: parts of a day, deadline nouns, small words.
_NOT_NAMING = (
    frozenset("morning afternoon evening night noon midnight and or to for of in at on by".split()) | _DEADLINE_NOUNS
)
# Bare vague or open words that are deadlines on their own (others need a lead word).
_BARE_OK = frozenset(
    "soon|very soon|very very soon|really soon|shortly|very shortly|imminently|immediately|right away|"
    "at once|straight away|straightaway|forthwith|without delay|without further delay|asap|"
    "as soon as possible|any day now|any moment now|any minute now|any time now|anytime now|eventually|"
    "sooner or later|someday|at some point|at a later date|down the road|tomorrow|the day after tomorrow".split("|")
)

_FUTURE = frozenset(
    "will would shall going gonna to can could may might should must need needs plan plans planned "
    "aim aims aimed expect expects expected intend intends intended want wants hope hopes hoped "
    "promise promises promised pledge pledges pledged vow vows vowed set due slated scheduled "
    "postponed delayed pushed moved agreed committed deadline ultimatum give gives gave given "
    "has have gets demand demands demanded asked threatened warned until unless if".split()
)
_REPORTING = frozenset(
    "said says say told tells announced added stated wrote insisted claimed predicted argued "
    "noted explained suggested confirmed replied according reported posted tweeted".split()
)
_PAST = frozenset(
    "was were had did began came went met left held fell took made got saw won lost sold rose "
    "ran spent broke fought grew built sent struck became ended last ago yesterday earlier "
    "previously once".split()
)
# Present-tense verbs of a schedule: "begins", "travels", "arrives".
_SCHEDULING = frozenset(
    "arrives departs travels returns visits leaves begins starts opens meets hosts heads convenes reconvenes".split()
)
_PAST_IN_EED = frozenset("agreed disagreed freed decreed guaranteed refereed".split())
_PASSIVE = frozenset("be been being is are am get gets got".split())
# After these, an "-ed" word describes a noun ("the revised guidance"), it is not a past verb.
_ADJECTIVE_AFTER = frozenset("the a an its his her their our your this these those".split())
# Words of _PAST that are never a participle after "be": "be yesterday" is no passive.
_NOT_PARTICIPLES = frozenset("last ago yesterday earlier previously once".split())


# The prefilter. The reader reads a phrase only when every word of it is one its grammar
# spells (VOCABULARY, the spellings it rewrites, time zones, the documents of "the date of
# this order", the policy's public events) or holds a digit, and only when one of its words
# names a time: a phrase of lead words and articles alone ("a", "by the", "in a") reads
# nothing. So a start is tried only up to its first unknown word, and not at all when no
# word up to there names a time: "a. a. a." and ordinary prose cost one look per word, not
# a dozen readings. tests/deadlines/test_deadlines_find.py checks both claims on every
# phrase the test data reads.
_SPELLED = (
    frozenset(
        word
        for table in (ALIASES, SPELLINGS, DOCUMENTS)
        for phrase in (*table, *(table.values() if isinstance(table, dict) else ()))
        for word in phrase.split()
    )
    | frozenset(re.findall(r"[a-z]+", TIME_ZONE.replace(r"\s", " ")))
    | {"oclock", "hereof", "date"}
)
# Words that name no time: leads, hedges, articles, pronouns. A phrase of these alone reads nothing.
_TIMELESS = frozenset(
    """a an the of or to and in on at by for from with within before after until till through thru
    no not no later than this that these those next coming following current some any very really more less
    about around approximately roughly just only well right even again maybe perhaps hopefully sometime
    over under up into as is be it its we i he she they you his her their our my your ideally exactly
    precisely definitely certainly surely another nearly almost ahead than upon during past""".split()
)


# Patterns compiled once: each is used once or more for every candidate.
_HYPHENED_WORD_END = re.compile(r"[-‐‑]\s*[^\W\d_]+$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT_COMMA_END = re.compile(r"\d,\s*$")
_SPACE_CAPITAL = re.compile(r"\s+[A-Z]")
_YEAR_AFTER = re.compile(r",?\s*((?:19|20)\d\d)\b")
_STOP_MARK = re.compile(r"[.!?:;,]")


@functools.lru_cache(maxsize=8)
def _known_words(public_events: tuple[str, ...]) -> frozenset[str]:
    """Every word a readable phrase can hold (besides words with a digit), under a policy's public events."""
    events = frozenset(word for item in public_events for word in item.partition("=")[0].split())
    return VOCABULARY | _SPELLED | events


def _tense(words: Words, active: list[int], start: int, stop: int, step: int, text: str = "") -> tuple[str, str] | None:
    """Nearest tense marker scanning from word start towards stop (exclusive), and its word.

    Scanning back, a past verb inside an "if" or "unless" condition does not
    count ("unless it repaired the pipes by Friday"): the condition's deadline
    belongs to the consequence. Only the words in ``active`` (``_may_mark_tense``,
    in order) are looked at: the rest are passed over without a look, so a long
    clause with many phrases in it is not read word by word once per phrase.
    """
    for i in _between(active, start, stop, step):
        word = words[i].lower
        if word == "to" and i + 1 < len(words) and _preposition_to(words[i + 1], text):
            continue  # "traveled to Texas", "thanks to the leaders": a place or a thing, not "to" + verb
        if step > 0 and word in ("has", "have", "had") and i + 2 < len(words) and words[i + 1].lower == "been":
            return "past", word  # "Today, ... an agreement has been reached": a perfect after the phrase
        if word.endswith(("'ll", "’ll")) or word in _FUTURE:
            return "future", word
        if step > 0 and word == "be":
            return "future", word  # "at noon all time be considered expired": an order's subjunctive, not past
        if step > 0 and word == "with":
            return None  # "until noon, with Senators permitted to speak": a participle of its own, not the verb
        if word.endswith(("'d", "’d")):
            return "future", word
        if word == "since" and step < 0:
            return "past", word  # "since the beginning of their invasion on February 24"
        if word in _PAST or _past_form(word):
            if text and text[words[i].start].isupper() and word not in _PAST:
                continue  # "the United Arab Emirates": a name, not a verb
            before = words[i - 1].lower if i > 0 else ""
            perfect = before == "been" and i > 1 and words[i - 2].lower in ("has", "have", "had")
            if perfect and not (i > 2 and (words[i - 3].lower in _FUTURE or words[i - 3].lower.endswith("'ll"))):
                return "past", word  # "an agreement has been reached": done, whatever comes next
            if before in _PASSIVE and word not in _NOT_PARTICIPLES:
                continue  # "to be finished by May", "would be met": passive, not past
            if before in _ADJECTIVE_AFTER and word not in _PAST:
                continue  # "publish the revised guidance by Friday": a participle as adjective, not a verb
            if step < 0 and any(words[k].lower in ("if", "unless") for k in range(max(stop + 1, i - 6), i)):
                return "future", word
            return "past", word
    return None


def _may_mark_tense(word: str) -> bool:
    """False for a word ``_tense`` always passes over: it neither marks a tense nor stops the scan."""
    if word in _REPORTING:
        return False
    return (
        word in _FUTURE
        or word in _PAST
        or word in ("has", "have", "had", "be", "with", "since")
        or word.endswith(("'ll", "’ll", "'d", "’d"))
        or _past_form(word)
    )


def _between(active: list[int], start: int, stop: int, step: int) -> list[int]:
    """The indices in ``active`` from ``start`` towards ``stop`` (exclusive), in the order of ``step``."""
    if step > 0:
        return active[bisect_left(active, start) : bisect_left(active, stop)]
    return active[bisect_right(active, stop) : bisect_right(active, start)][::-1]


def _past_form(word: str) -> bool:
    """True for an "-ed" word that can be a past verb: not "proceed", "exceed" or "indeed" ("agreed" is)."""
    return len(word) > 4 and word.endswith("ed") and (not word.endswith("eed") or word in _PAST_IN_EED)


def _preposition_to(following: AnyWord, text: str) -> bool:
    """True when "to" is followed by a name, a determiner, a pronoun or a number: a preposition, not "to" + verb."""
    if following.lower in _ADJECTIVE_AFTER or following.lower in ("him", "them", "us", "me", "you"):
        return True
    return following.lower[:1].isdigit() or bool(text and text[following.start].isupper())


def find_deadlines(text: str, stated_on: date, *, policy: DeadlinePolicy | None = None) -> list[DeadlineMatch]:
    """Every deadline phrase in running text, with its character span and window.

    Phrases that point to the past or are not deadlines (a "decade-long
    conflict", "three weeks ago", "last August") are not returned.

    >>> [m.text for m in find_deadlines(
    ...     "The minister said the bill would reach parliament in “a month or so”, "
    ...     "after a ninety-minute call.", date(2025, 10, 16))]
    ['in “a month or so”']
    """
    policy = DEFAULT_POLICY if policy is None else policy
    if not isinstance(text, str):
        raise TypeError(f"'text' must be a str (got {text!r})")
    check_args("", stated_on, policy)
    with cycle_collector_paused():
        return find_in_sentences(text, split_sentences(text), stated_on, policy)


def find_in_sentences(
    text: str, sentences: Sequence[Sentence], stated_on: date, policy: DeadlinePolicy, *, from_tokens: bool = False
) -> list[DeadlineMatch]:
    """``find_deadlines`` on a text already split by ``split_sentences``: the extractor splits an article once.

    The arguments are not checked again. ``from_tokens``: read the words off the sentences' tokens, made
    where not yet (``prose.words_of_tokens``), for a caller that will ask every sentence for its tokens.

    >>> text = "We will decide within two weeks."
    >>> [m.text for m in find_in_sentences(text, split_sentences(text), date(2025, 10, 16), DEFAULT_POLICY)]
    ['within two weeks']
    """
    words, clause = (words_of_tokens if from_tokens else words_and_clauses)(text, sentences)
    reach = _Reach(
        words, clause, _known_words(policy.public_events), number_screen(policy.public_events), stated_on.year
    )
    n = len(words)
    found = []
    after = 0  # the first word not yet read: a phrase found (or refused) is not read again from inside
    for i in reach.starts:
        if i < after:
            continue
        hit = _longest_read(text, words, reach, i, stated_on, policy)
        if hit is not None and words[i].lower in ("the", "a", "an") and i + 1 < n and clause[i + 1] == clause[i]:
            # "the June 30 deadline": "the June" reads, but "June 30" reads further
            longer = _longest_read(text, words, reach, i + 1, stated_on, policy)
            if longer is not None and longer[0] > hit[0]:
                i, hit = i + 1, longer
        if hit is None:
            continue
        j, r = hit
        after = j + 1
        if not _is_deadline(text, words, reach, i, j, r, stated_on):
            continue  # its words are not a deadline either: "for two weeks"
        start, end = _balance_quotes(text, words[i].start, _take_in_abbreviation_point(text, words[j].end))
        phrase = text[start:end]
        # The words read (and so the reading) are the phrase less a quote mark or a point: one window per phrase.
        window = reach.windows.get(phrase)
        if window is None:
            window = reach.windows[phrase] = DueWindow(
                phrase, stated_on, r.earliest, r.due, r.latest, r.kind, r.bound, r.hedged, r.vague, r.rule
            )
        found.append(DeadlineMatch(start, end, phrase, window))
    return found


class _Reach:
    """For each word, how far a phrase starting there can reach and where its first time word is.

    ``stop[k]``: the last word from k on that may end a readable phrase (up to the first
    unknown word, the end of the clause or ``_MAX_WORDS``); ``timed[k]``: the first word from
    k on that names a time, or ``len(words)`` when none does.
    """

    def __init__(
        self, words: Words, clause: list[int], known: frozenset[str], numbers: NumberScreen | None, said_in: int
    ) -> None:
        n = len(words)
        self.numbers = numbers
        lowers = list(map(_LOWER, words))
        # Each distinct word is looked at once: a text has a few thousand, and a million words. A number of
        # ASCII digits is the most of them in some texts, and all are alike: each is given the same at once.
        distinct = set(lowers)
        kind_of = dict.fromkeys(distinct, _START | _PLAIN | _TIMELY | _NUMBER)  # left as it is by normalize
        for year in distinct.intersection(_years_alone(said_in)):
            kind_of[year] |= _YEAR_ALONE
        for word in chain(filterfalse(str.isdigit, distinct), filterfalse(str.isascii, filter(str.isdigit, distinct))):
            tokens = normalize(word).split()
            kind_of[word] = (
                (_START if word in _STARTS or word[0].isdigit() else 0)
                | (_PLAIN if all(t in known or any(c.isdigit() for c in t) for t in tokens) else 0)  # all known
                | (_TIMELY if any(t not in _TIMELESS for t in tokens) else 0)  # some piece names a time
                | (_MARK if _may_mark_tense(word) else 0)
            )
        kinds = list(map(kind_of.__getitem__, lowers))
        self.clause = clause
        # Short texts word by word, long ones with whole arrays: each is the faster there (the arrays' fixed
        # cost is a few dozen microseconds; the loop costs as much as all the readings of a long text).
        by = _reach_word_by_word if n < _ARRAYS_FROM else _reach_from_arrays
        self.active, self.starts, self.stop, self.timed, self.first, self.last = by(kinds, clause, numbers is not None)
        # The reads of this text so far, by the words read: a text says the same phrase again and again.
        self.reads: dict[str, Reading | Unreadable] = {}
        self.norms: dict[str, str] = {}  # the words read, normalised
        self.windows: dict[str, DueWindow] = {}  # each phrase found, its window


# What a word is to the finder, as bits: it may start a phrase, every piece of it is known (so a phrase may
# run through it), a piece of it names a time, and ``_tense`` must look at it.
_START, _PLAIN, _TIMELY, _MARK = 1, 2, 4, 8
# A number of ASCII digits, and one of those a year it may read alone (_number_opens).
_NUMBER, _YEAR_ALONE = 16, 32
_LOWER = attrgetter("lower")


@functools.lru_cache(maxsize=8)
def _years_alone(said_in: int) -> frozenset[str]:
    """The numbers of four digits that may be a deadline alone, said in the year ``said_in`` (``_number_opens``)."""
    return frozenset(f"{year:04d}" for year in range(said_in, min(said_in + _YEARS_AHEAD, 9999) + 1))


# How many words a text must have for _Reach to use whole arrays rather than a loop over the words.
_ARRAYS_FROM = 400

_Reaches = tuple[list[int], list[int], list[int], list[int], list[int], list[int]]


def _reach_word_by_word(kinds: list[int], clause: list[int], screened: bool) -> _Reaches:
    """``_Reach``'s word lists (active, starts, stop, timed, first, last) from the words' kinds, a word at a
    time. ``screened``: the number screen is on (``grammar.number_screen``)."""
    n = len(kinds)
    edges = [0] + [k for k in range(1, n) if clause[k] != clause[k - 1]] + [n]
    stop, timed, first, last = [0] * n, [n] * n, [0] * n, [0] * n
    for start, end in zip(edges, edges[1:]):
        nearest_time, reach = n, end - 1
        for k in range(end - 1, start - 1, -1):
            if kinds[k] & _TIMELY:
                nearest_time = k
            timed[k] = nearest_time
            if not kinds[k] & _PLAIN:
                reach = k - 1
            stop[k] = reach
        first[start:end] = [start] * (end - start)
        last[start:end] = [end - 1] * (end - start)
    # The starts _longest_read would not pass over at once (see _reach_from_arrays).
    starts = [
        k
        for k, kind in enumerate(kinds)
        if kind & _START
        and timed[k] <= min(stop[k], k + _MAX_WORDS - 1)
        and not (screened and kind & (_NUMBER | _YEAR_ALONE) == _NUMBER and stop[k] == k)
    ]
    return [k for k, kind in enumerate(kinds) if kind & _MARK], starts, stop, timed, first, last


def _reach_from_arrays(kind_list: list[int], clause: list[int], screened: bool) -> _Reaches:
    """``_reach_word_by_word`` with whole arrays: for a long text, where a loop over the words in Python cost
    as much as all the readings of a text of short sentences."""
    n = len(kind_list)
    kinds = np.array(kind_list, dtype=np.uint8)
    index = np.arange(n)
    run_starts = np.ones(n, dtype=bool)
    numbers_of_clauses = np.asarray(clause, dtype=np.int64)
    run_starts[1:] = numbers_of_clauses[1:] != numbers_of_clauses[:-1]
    run_ends = np.ones(n, dtype=bool)
    run_ends[:-1] = run_starts[1:]
    last = _next_at_or_after(run_ends, index, n)  # the last word of each word's clause
    # The first word not every piece of which is known, and the first word that names a time, from each on.
    unknown = _next_at_or_after((kinds & _PLAIN) == 0, index, n)
    timely = _next_at_or_after((kinds & _TIMELY) != 0, index, n)
    stop = np.minimum(last, unknown - 1)
    timed = np.where(timely <= last, timely, n)
    # The words a phrase may start with that _longest_read would not pass over at once: it reads nothing
    # when no word from the start to the farthest it may reach names a time, nor from a number alone in
    # its clause that is no year it may read (_number_opens), when the number screen is on.
    may_read = (kinds & _START != 0) & (timed <= np.minimum(stop, index + _MAX_WORDS - 1))
    if screened:
        may_read &= ~(((kinds & (_NUMBER | _YEAR_ALONE)) == _NUMBER) & (stop == index))
    first = np.maximum.accumulate(np.where(run_starts, index, 0))
    return (
        np.flatnonzero(kinds & _MARK).tolist(),
        np.flatnonzero(may_read).tolist(),
        stop.tolist(),
        timed.tolist(),
        first.tolist(),
        last.tolist(),
    )


def _next_at_or_after(marked: np.ndarray, index: np.ndarray, none: int) -> np.ndarray:
    """For each position, the first position at or after it that is ``marked``, or ``none`` when none is."""
    return np.minimum.accumulate(np.where(marked, index, none)[::-1])[::-1]


def _longest_read(
    text: str, words: Words, reach: _Reach, i: int, stated_on: date, policy: DeadlinePolicy
) -> tuple[int, Reading] | None:
    """The longest run of words from word i, within its clause, that the reader reads."""
    last = min(reach.stop[i], i + _MAX_WORDS - 1)
    alone, two, never_last = True, True, _NOTHING
    if words[i].lower.isdigit():
        opens = _number_opens(text, words, i, reach.numbers, stated_on.year)
        if opens is None:
            return None
        alone, two, more, never_last = opens
        last = last if more else min(last, i + 1)
    for j in range(last, max(i, reach.timed[i]) - 1, -1):
        if j - i < 2 and not (two if j > i else alone):
            continue  # a number alone or with the word after it that reads no deadline (_number_opens)
        if j > i and words[j].lower in never_last and _SPACING.fullmatch(text, words[j - 1].end, words[j].start):
            continue  # "2026 or", "31 the end of": no rule ends so (grammar.number_screen)
        said = text[words[i].start : words[j].end]
        read = reach.reads.get(said)
        if read is None:
            norm = reach.norms[said] = normalize(said)
            try:
                read = read_normalized(norm, stated_on, policy)
            except Unreadable:
                read = _REFUSED  # not the refusal: its traceback holds this frame, a cycle the collector frees
            reach.reads[said] = read
        if not isinstance(read, Unreadable):
            return j, read
    return None


# Between a number (or the word after it) and the next word: characters normalising makes a space.
_SPACING = re.compile(r"[\s.,;:!?\"()\[\]{}“”/\-–—]+")

_NOTHING: frozenset[str] = frozenset()
# A year more than this many years after the text is a number ("Resolution 2334" said in 2016), not a deadline.
_YEARS_AHEAD = 100
_REFUSED = Unreadable()  # what the memo keeps for words that do not read (no traceback, no frame)


def _number_opens(
    text: str, words: Words, i: int, screen: NumberScreen | None, said_in: int
) -> tuple[bool, bool, bool, frozenset[str]] | None:
    """For a phrase from word i, a number: whether it may be a deadline as the number alone, whether it
    may read with the next word and longer, and the words it may not end with; None when it never reads
    (``grammar.number_screen``). ``said_in`` is the year the text was said in.

    Alone, a number reads only as a year, and only from ``said_in`` on (``grammar.number_screen``); one
    more than a century on is a number, not a deadline (``_past_or_a_name``). So the reader is not asked
    about the others: "case 7391" costs a look, not a reading.
    """
    number = words[i].lower
    if screen is None or not number.isascii():
        return True, True, True, _NOTHING
    if len(number) > 4:
        return None
    alone = len(number) == 4 and said_in <= int(number) <= said_in + _YEARS_AHEAD
    if i + 1 == len(words) or not _SPACING.fullmatch(text, words[i].end, words[i + 1].start):
        return alone, True, True, _NOTHING
    second = words[i + 1].lower
    if not (second.isascii() and second.isalpha()):
        return alone, True, True, _NOTHING
    never_last = _NOTHING if second in screen.time_words else screen.never_last
    if second in screen.follows:
        return alone, second not in ("a", "p"), True, never_last  # "5 a" is no time of day without its "m"
    # A second word that cannot follow, unless normalising joins it to what comes next ("week's")
    return alone, False, _SPACING.match(text, words[i + 1].end) is None, never_last


def _is_deadline(text: str, words: Words, reach: _Reach, i: int, j: int, r: Reading, stated_on: date) -> bool:
    """False when the prose around words i..j says they are not a deadline."""
    clause, active = reach.clause, reach.active
    kind, bound = r.kind, r.bound
    first = words[i].lower
    prev = words[i - 1].lower if i > 0 and clause[i - 1] == clause[i] else ""
    nxt = ""
    if j + 1 < len(words) and clause[j + 1] == clause[j]:
        gap = text[words[j].end : words[j + 1].start]
        # A comma, a dash or a closing quote ends the phrase's reach:
        # 'in "two weeks or so" after a call' is not 'two weeks ... after'. (A gap of spaces alone holds none.)
        if not gap.strip(" "):
            nxt = words[j + 1].lower
    start, end = words[i].start, words[j].end
    span = text[start:end]
    norm = reach.norms.get(span) or normalize(span)
    # a length ("two to three weeks"), not a calendar range ("July 20-28")
    length = kind == "duration" or (kind == "range" and r.rule == "range") or (kind == "open" and bound == "after")
    if prev in _NOT_AFTER and not r.has_lead and not (prev in ("the", "a", "an") and nxt in _DEADLINE_NOUNS):
        return False
    if prev in ("last", "past", "previous", "earlier", "since"):
        return False
    if nxt in _NOT_BEFORE_ANY or (length and nxt in _NOT_BEFORE_LENGTH):
        return False
    if end < len(text) and text[end] in "-‐‑–":
        return False  # "a decade-long conflict", "two-week-old"
    if length and _HYPHENED_WORD_END.search(span) and nxt not in _DEADLINE_NOUNS:
        return False  # "a ninety-minute call", "a 50-day" + noun
    if length and (first == "for" or first == "during" and "during the next" not in norm):
        return False  # "for two weeks" says how long, not by when; "during the next six weeks" is a window
    if length and not r.has_lead and not _quoted(text, start, end) and bound != "on" and nxt not in _DEADLINE_NOUNS:
        return False  # a bare length needs "in", "within", "has", "from now"...
    if r.rule == "numeric_date" and "-" in norm and not r.has_lead:
        return False  # "aged 5-11": a bare month-day with a hyphen in prose is a span or a score
    if kind in ("vague", "open") and not r.has_lead and norm not in _BARE_OK and not _quoted(text, start, end):
        return False  # "long", "later", "one day" are ordinary words
    if r.rule == "day_of_month" and nxt.isalpha() and nxt not in _NOT_NAMING and nxt not in MONTHS:
        return False  # "negotiate the second phase", "for the third time": an ordinal before its noun
    if _past_or_a_name(text, words, i, j, r, stated_on, prev, nxt, length):
        return False
    if kind == "date" and r.rule == "relative_day" and not r.has_lead and norm in ("today", "tonight"):
        # "said today" dates the report; "if the bill is passed today, he will sign it" is a deadline
        if _reported_on(words, clause, i) or _said_after(text, words, clause, j):
            return False
        back = _tense(words, active, i - 1, reach.first[i] - 1, -1)
        ahead = _tense(words, active, j + 1, reach.last[j] + 1, 1)
        return (back is not None and back[0] == "future") or (
            back is None and ahead is not None and ahead[0] == "future"
        )
    if kind in ("weekday", "date") and bound == "on" and _reported_on(words, clause, i):
        return False  # "said on Thursday", "told reporters Monday": the day it was said
    if kind in ("weekday", "date") and bound == "on" and _said_after(text, words, clause, j):
        return False  # "On Thursday officials said", "the minister on Friday announced"
    if i == j and _month_as_name(text, words, clause, i):
        return False  # "Prime Minister May", "Theresa May": a name, not a month
    # Month and weekday names are capitalised in prose: "may" and "march" are verbs.
    for word in words[i : j + 1]:
        if (word.lower in MONTHS or word.lower in WEEKDAYS) and not text[word.start].isupper():
            return False
    # A dateline: "On Monday, the minister said ..." at the start of a sentence.
    dateline = kind in ("weekday", "date") and bound == "on" and (i == 0 or clause[i - 1] != clause[i])
    if dateline and text[end : end + 2].startswith(","):
        # "On May 26, the Secretary will travel to Amman" is a deadline; "On Monday, she said" is not
        for k in range(j + 1, reach.last[j] + 1):
            if words[k].lower in _REPORTING:
                return False
            if words[k].lower in _SCHEDULING:
                return True  # "On July 6, Secretary Clinton begins an eight-nation trip"
            if words[k].lower in _PAST or words[k].lower in _FUTURE or words[k].lower.endswith("'ll"):
                return words[k].lower not in _PAST
        return False
    tense = None
    if prev not in _DEADLINE_NOUNS:  # "establishing a new target in 2027": the noun dates it, whatever came before
        tense = _tense(words, active, i - 1, reach.first[i] - 1, -1, text)
    if tense is None:
        tense = _tense(words, active, j + 1, reach.last[j] + 1, 1, text)
    if tense is not None and tense[0] == "past" and nxt in _DEADLINE_NOUNS:
        # "issued a 48-hour ultimatum", "ahead of a Thursday deadline": the noun says deadline
        return tense[1] not in ("was", "were", "had")
    return tense is None or tense[0] != "past"


def _past_or_a_name(
    text: str, words: Words, i: int, j: int, r: Reading, stated_on: date, prev: str, nxt: str, length: bool
) -> bool:
    """True when words i..j name a past date, a comparison over time or a thing ("its 2016 elections")."""
    kind, first = r.kind, words[i].lower
    start, end = words[i].start, words[j].end
    span = text[start:end]
    if r.latest is not None and r.latest < stated_on:
        return True  # a date already past
    if kind == "span" and _YEAR.fullmatch(span):
        if _DIGIT_COMMA_END.search(text[max(0, start - 4) : start]):
            return True  # "May 3, 2024": the year of the date before it, not a deadline of its own
        if _SPACE_CAPITAL.match(text[end : end + 3]) and nxt not in MONTHS:
            return True  # "the Institute's 2024 Sedona Forum": a year that names an event
    if r.earliest.year > stated_on.year + _YEARS_AHEAD:
        return True  # "Proclamation 9558", "Resolution 2334": a number, not a year
    year = _YEAR_AFTER.match(text, end, end + 8)  # as on text[end : end + 8]: no look behind, \b at the end
    if year and int(year.group(1)) < stated_on.year:
        return True  # "Proclamation 9558 of December 28, 2016": the year puts it in the past
    if length and first == "in" and any(w.lower in _COMPARING for w in words[max(0, i - 6) : i]):
        return True  # "the lowest they have been in four years", "her second trip in less than four months"
    # "your April 2 tariff level", "its 2016 elections": a date that names a thing
    # ("at noon all time be considered expired": a time of day after "that" is no name)
    return (
        not r.has_lead
        and first not in ("at", "on")
        and prev in _DETERMINERS
        and nxt.isalpha()
        and nxt not in _NOT_NAMING
    )


def _month_as_name(text: str, words: Words, clause: list[int], i: int) -> bool:
    """True if a lone month name follows a capitalised word in the same clause ("Theresa May")."""
    if words[i].lower not in MONTHS or i == 0 or clause[i - 1] != clause[i]:
        return False
    between = text[words[i - 1].end : words[i].start]
    return text[words[i - 1].start].isupper() and not _STOP_MARK.search(between)


def _reported_on(words: Words, clause: list[int], i: int) -> bool:
    """True if a reporting verb stands just before word i ("said on", "told reporters on")."""
    back = [words[k].lower for k in range(max(0, i - 3), i) if clause[k] == clause[i]]
    if back and back[-1] in _REPORTING:
        return True
    return (
        len(back) >= 2
        and back[-2] in _REPORTING
        and back[-1] in ("reporters", "journalists", "parliament", "lawmakers", "him", "her", "them", "us")
    )


def _said_after(text: str, words: Words, clause: list[int], j: int) -> bool:
    """True if a reporting or past verb follows word j within three words, with no comma between."""
    for k in range(j + 1, min(len(words), j + 4)):
        if clause[k] != clause[j] or "," in text[words[k - 1].end : words[k].start]:
            return False
        word = words[k].lower
        if word in _REPORTING or word in _PAST or _past_form(word):
            return True
        if word in _FUTURE or word.endswith("'ll"):
            return False
    return False


_TIME_ABBREVIATION_END = re.compile(r"(?<![^\W\d_])[apAP]\.[mM]$")


def _take_in_abbreviation_point(text: str, end: int) -> int:
    """The phrase's end, taking in the point that closes "a.m." or "p.m." (words end before it)."""
    if text[end : end + 1] == "." and _TIME_ABBREVIATION_END.search(text, max(0, end - 4), end):
        return end + 1
    return end


def _balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the quote mark that closes (or opens) one inside the span."""
    chunk = text[start:end]
    if chunk.count("“") > chunk.count("”") and text[end : end + 1] == "”":
        end += 1
    elif chunk.count("”") > chunk.count("“") and text[start - 1 : start] == "“":
        start -= 1
    elif chunk.count('"') % 2:
        if text[end : end + 1] == '"':
            end += 1
        elif text[start - 1 : start] == '"':
            start -= 1
    return start, end


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    return (
        before in ("“", '"', "‘", "'")
        and after in ("”", '"', "’", "'")
        or after in (".", ",")
        and before in ("“", '"')
        and text[end + 1 : end + 2] in ("”", '"')
    )
