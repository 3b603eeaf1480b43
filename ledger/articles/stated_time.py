"""When a statement was made, read from the words around it (private to ``ledger.extract``).

An article is dated, but it often reports what was said earlier: "On Monday,
the minister said ...", "Last year she said ...". These phrases point back in
time, so ``find_deadlines`` (which looks forward) skips them; this module reads
them and gives the day they name. Exact phrases ("on Monday", "yesterday",
"on Oct. 3") give that day. Rough ones give a documented conventional day and
are marked approximate:

- "last week" -> seven days before publication
- "last month" / "earlier this month" -> the 15th of that month
- "last year" -> July 1 of the year before
- "earlier this year" -> halfway from January 1 to publication
- "in March" (a past month) -> the 15th of the last such month before publication
- "in the spring" / "last summer" -> the middle of the last such season that
  began before publication: April 15, July 15, October 15, January 15
- "in 2023" -> July 1 of that year
- "N days/weeks/months/years ago" -> that far back
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, timedelta
from itertools import accumulate

import attrs

from ledger.core.text import Sentence, plain_words
from ledger.core.words import MONTHS, ONES, TEENS, WEEKDAY_NAMES, WEEKDAYS
from ledger.deadlines import DeadlineMatch

__all__ = ["SentenceCues", "StatedTime", "TIME_CUE", "read_stated_time", "statement_cue", "statement_cue_unreadable"]

# How "N days ago" may say N: digits, a number word up to twelve, or a vague count.
_NUMBERS = {
    "a": 1,
    "an": 1,
    **{word: n for word, n in {**ONES, **TEENS}.items() if n <= 12},
    "several": 5,
    "a few": 3,
    "a couple of": 2,
}
# Middle day of each season (meteorological, northern hemisphere), as (month, day).
SEASON_MIDDLES = {"spring": (4, 15), "summer": (7, 15), "autumn": (10, 15), "fall": (10, 15), "winter": (1, 15)}


def _alternation(words) -> str:
    """Literal words as a regex alternation, longest first, spaces as ``[ ]`` (the patterns are verbose)."""
    return "|".join(re.escape(w).replace("\\ ", "[ ]") for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?:{_alternation(MONTHS)})\.?"  # the pattern ignores case
_WEEKDAY = rf"(?:{_alternation(WEEKDAY_NAMES)})"
_COUNT = rf"\d+|{_alternation(_NUMBERS)}"

TIME_CUE = re.compile(
    # every cue starts a word, with a digit or the first letter of one of its first words (case-blind: a long s
    # for "s", a dotless or a dotted capital i for "i"): the start is tested once, not once per kind of cue
    rf"""(?=[\dOoLlMmTtWwFfSsYyEeJjAaNnDdIiBb\u017f\u0131\u0130])\b(?:
      (?:on[ ])?(?:last[ ])?(?P<weekday>{_WEEKDAY})\b                    # "on Monday", "last Friday"
    | (?P<yesterday>yesterday|today|this[ ]morning|earlier[ ]today)\b     # the day before, or the day itself
    | (?:on[ ])?(?P<md_month>{_MONTH})[ ](?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?\b       # "on Oct. 3"
      (?:,?[ ](?P<md_year>\d{{4}}))?                                                #   ", 2024"
    | (?P<ago_n>{_COUNT})
      [ ](?P<ago_unit>day|week|month|year)s?[ ]ago\b                           # "three weeks ago"
    | last[ ](?P<last>week|month|year)\b                                   # "last year"
    | earlier[ ]this[ ](?P<earlier>week|month|year)\b                      # "earlier this year"
    | (?:in[ ]|last[ ]|this[ ]|this[ ]past[ ])(?:the[ ])?                             # "in the spring"
      (?P<season>spring|summer|autumn|fall|winter)\b
    | (?:in|last|back[ ]in)[ ](?P<month>{_MONTH})(?:[ ](?P<month_year>\d{{4}}))?(?![ ]\d)   # "in March", "last July"
    | in[ ](?P<year>(?:19|20)\d\d)\b                                        # "in 2023"
    )""",
    re.VERBOSE | re.IGNORECASE,
)


@attrs.frozen
class StatedTime:
    """A phrase that dates a statement, the day it gives, and whether that day is rough."""

    start: int
    end: int
    phrase: str
    day: date
    approximate: bool


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _back(published: date, month: int, day: int, year: str | None) -> date:
    """The last ``month``/``day`` on or before ``published`` (or in ``year``)."""
    if year:
        return date(int(year), month, min(day, 28) if month == 2 and day > 28 else day)
    candidate = date(published.year, month, day)
    return candidate if candidate <= published else date(published.year - 1, month, day)


def _months_back(day: date, n: int) -> date:
    month = day.month - 1 - n
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, 28))


def _day_of(m: re.Match, published: date) -> tuple[date, bool] | None:
    g = m.groupdict()
    if g["weekday"]:
        back = (published.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
        if m.group().lower().startswith(("last", "on last")) and back == 0:
            back = 7
        return published - timedelta(days=back), False
    if g["yesterday"]:
        return (published - timedelta(days=1) if g["yesterday"].lower() == "yesterday" else published), False
    if g["md_month"]:
        # "on Feb. 30" names no day: the ValueError makes it a cue that cannot be read (``_read_cues``)
        return _back(published, _month_number(g["md_month"]), int(g["md_day"]), g["md_year"]), False
    if g["ago_unit"]:
        raw = " ".join(g["ago_n"].lower().split())
        n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
        unit = g["ago_unit"].lower()
        if unit == "day":
            return published - timedelta(days=n), True
        if unit == "week":
            return published - timedelta(weeks=n), True
        if unit == "month":
            return _months_back(published, n), True
        return date(published.year - n, published.month, min(published.day, 28)), True
    if g["last"]:
        unit = g["last"].lower()
        if unit == "week":
            return published - timedelta(days=7), True
        if unit == "month":
            return _months_back(published, 1).replace(day=15), True
        return date(published.year - 1, 7, 1), True
    if g["earlier"]:
        unit = g["earlier"].lower()
        if unit == "week":
            return published - timedelta(days=published.weekday() // 2 + 1), True
        if unit == "month":
            return published.replace(day=max(1, (published.day + 1) // 2)), True
        start = date(published.year, 1, 1)
        return start + (published - start) // 2, True
    if g["season"]:
        month, day = SEASON_MIDDLES[g["season"].lower()]
        candidate = date(published.year, month, day)
        return (candidate if candidate <= published else date(published.year - 1, month, day)), True
    if g["month"]:
        month = _month_number(g["month"])
        if g["month_year"]:
            return date(int(g["month_year"]), month, 15), True
        year = published.year if month < published.month else published.year - 1
        if month == published.month:
            return published.replace(day=max(1, (published.day + 1) // 2)), True
        return date(year, month, 15), True
    if g["year"]:
        year = int(g["year"])
        return (date(year, 7, 1), True) if year < published.year else None
    return None


def read_stated_time(text: str, offset: int, published: date) -> list[StatedTime]:
    """The phrases in ``text`` that could date a statement, with the day each gives.

    Days are on or before ``published``; ``offset`` shifts the spans.

    >>> [(t.phrase, t.day.isoformat(), t.approximate)
    ...  for t in read_stated_time("Last year she said so on Monday.", 0, date(2025, 10, 16))]
    [('Last year', '2024-07-01', True), ('on Monday', '2025-10-13', False)]
    """
    return _read_cues(text, offset, published)[0]


def _read_cues(text: str, offset: int, published: date) -> tuple[list[StatedTime], list[tuple[int, int]]]:
    """``read_stated_time``'s cues, and the spans of the cues that name no day it can read (``unreadable``)."""
    found = []
    unreadable = []
    for m in TIME_CUE.finditer(text):
        try:
            day = _day_of(m, published)
        except (KeyError, ValueError, OverflowError):
            # no day in the calendar ("in March 0000", "99999 years ago"), or a word the tables do not hold
            # as matched (a case-blind "\u017fpring" or "FR\u0130DAY"): it dates nothing, and says so
            unreadable.append((m.start() + offset, m.end() + offset))
            continue
        if day is None or day[0] > published:
            continue
        found.append(StatedTime(m.start() + offset, m.end() + offset, m.group(), day[0], day[1]))
    return found, unreadable


# Every cue holds one of these words as a run of letters of its own in the lower-cased sentence (the branches
# of TIME_CUE, in order: a weekday; "yesterday", "today", "this morning", "earlier today"; "N days ago"; "last
# week"; "earlier this year"; "in the spring"; "in March", "back in March"; "in 2023"), except "Oct. 3", whose
# month word is one, followed by a space or a full stop and a space, then a digit. Each word is bounded by
# what is no letter: the pattern's \b, a space, or a full stop ("in March" may run on into a word, "Marchx",
# but its "in" is a word).
_CUE_WORDS = plain_words(
    [name.lower() for name in WEEKDAY_NAMES]
    + "yesterday today this earlier ago last in back".split()
    + list(SEASON_MIDDLES)
)
_MONTH_WORDS = plain_words(MONTHS)
# The look-behind after the month word, not before it: a pattern that opens with its word is searched for that
# word (a fast scan for a literal); one that opens with a look-behind is tried at every character.
_MONTH_DAY = {month: re.compile(rf"{month}(?<![a-z]{month})\.?[ ]\d") for month in MONTHS}
# The letters a case-blind pattern matches to an ASCII letter besides the ASCII ones (a long s, a dotless i, a
# dotted capital I, the Kelvin sign): where one is, the lower-cased sentence does not show every match.
_ODD_LETTERS = re.compile("[\u017f\u0131\u0130\u212a]")


def _odd_letters_in(text: str) -> bool:
    """True when ``text`` holds one of ``_ODD_LETTERS``: none in ASCII text, known without a search of it."""
    return not text.isascii() and _ODD_LETTERS.search(text) is not None


def _may_hold_cue(sentence: Sentence) -> bool:
    """False only if ``TIME_CUE`` finds nothing in the sentence: a look at its words, not a walk of the pattern.

    >>> from ledger.core.text import split_sentences
    >>> [_may_hold_cue(s) for s in split_sentences("He will act by June. He did on June 3. He did it last week.")]
    [False, True, True]
    """
    if sentence.may_hold(_CUE_WORDS) or _odd_letters_in(sentence.text):
        return True
    months = sentence.held_words(_MONTH_WORDS)
    if not months:
        return False
    lowered = sentence.text.lower()
    # a loop, not ``any`` over a generator (ruff would have one): most sentences hold one month word
    for month in months:  # noqa: SIM110
        if _MONTH_DAY[month].search(lowered) is not None:
            return True
    return False


class SentenceCues:
    """A sentence's time phrases that are not part of its deadline phrases (``_free_cues``), found once
    for the sentence and shared by its candidates: a run-on piece holds hundreds of candidates, and
    finding them once per candidate made it quadratic.

    >>> from ledger.core.text import split_sentences
    >>> s = split_sentences("On Monday she said the review would end within two weeks.")[0]
    >>> [(c.phrase, c.day.isoformat()) for c in SentenceCues(s, date(2025, 3, 7), []).cues]
    [('On Monday', '2025-03-03')]
    """

    __slots__ = ("cues", "starts", "ends", "unreadable")

    def __init__(self, sentence: Sentence, published: date, deadlines: list[DeadlineMatch]):
        # Found at once: every candidate of the sentence asks (``statement_cue``), and plain slots are read
        # without a call. ``cues`` are the free cues, in order (and apart, so their ends are in order too);
        # ``unreadable`` the spans of the free time phrases that name no day that can be read ("in March
        # 0000", "on FR\u0130DAY"), in order: no cue is made of them (``read_stated_time`` leaves them out).
        cues, self.unreadable = _free_cues(sentence, published, deadlines)
        self.cues: list[StatedTime] = cues
        self.starts = [c.start for c in cues] if cues else cues
        self.ends = [c.end for c in cues] if cues else cues


def statement_cue(cues: SentenceCues, marker_at: int, speech_at: int | None) -> StatedTime | None:
    """The time phrase that dates this statement, if the sentence gives one."""
    found = cues.cues
    if not found:
        return None  # most sentences date nothing
    starts, ends = cues.starts, cues.ends
    before = bisect_right(ends, marker_at)  # bisect, not a walk: a run-on has many cues
    if before:
        return found[before - 1]
    if speech_at is not None:
        k = bisect_left(starts, speech_at)
        if k < len(found) and found[k].start - speech_at <= 40:
            return found[k]
    return None


def statement_cue_unreadable(cues: SentenceCues, marker_at: int, speech_at: int | None) -> bool:
    """True when the time phrase that would date this statement (``statement_cue``'s rule, read over every
    time phrase of the sentence) names no day that can be read: the statement's date is then not the one
    the sentence gives, and the candidate says so."""
    unreadable = cues.unreadable
    if not unreadable:
        return False  # almost every sentence
    found, starts, ends = cues.cues, cues.starts, cues.ends
    before = bisect_right([end for _, end in unreadable], marker_at)
    if before:
        # the last phrase ending by the marker is unreadable when no readable one starts after it
        readable = bisect_right(ends, marker_at)
        return not readable or found[readable - 1].start < unreadable[before - 1][0]
    if bisect_right(ends, marker_at) or speech_at is None:
        return False
    k = bisect_left([start for start, _ in unreadable], speech_at)
    if k == len(unreadable) or unreadable[k][0] - speech_at > 40:
        return False
    readable = bisect_left(starts, speech_at)
    return readable == len(found) or found[readable].start > unreadable[k][0]


def _free_cues(
    sentence: Sentence, published: date, deadlines: list[DeadlineMatch]
) -> tuple[list[StatedTime], list[tuple[int, int]]]:
    """The sentence's time phrases that are not part of a deadline phrase, in order; and the spans of those of
    them that name no day (``_read_cues``)."""
    if not _may_hold_cue(sentence):
        return [], []
    spans = sorted((d.start, d.end) for d in deadlines)
    ends = list(accumulate((end for _, end in spans), max))  # the furthest end among the spans so far

    def in_a_deadline(start: int, end: int) -> bool:
        # a deadline overlaps start:end if it starts before end and ends after start: of those starting before
        # end, the one reaching furthest decides
        k = bisect_left(spans, (end,))
        return bool(k and ends[k - 1] > start)

    if spans and _cue_words_in(sentence, in_a_deadline):
        return [], []  # "by Friday": every cue would overlap a deadline, so the pattern need not be walked
    found, unreadable = _read_cues(sentence.text, sentence.start, published)
    return (
        [c for c in found if not in_a_deadline(c.start, c.end)],
        [(a, b) for a, b in unreadable if not in_a_deadline(a, b)],
    )


_ALL_CUE_WORDS = _CUE_WORDS | _MONTH_WORDS
# Each of those words as a run of letters of its own: no letter before or after it. The look-behind after the word
# (``_MONTH_DAY``): the search scans for the word.
_CUE_WORD_RUN = {word: re.compile(rf"{word}(?<![a-z]{word})(?![a-z])") for word in _ALL_CUE_WORDS}


def _cue_words_in(sentence: Sentence, in_a_deadline: Callable[[int, int], bool]) -> bool:
    """True if every word a cue may hold (``_may_hold_cue``) is, where the sentence has it, in a deadline phrase.

    Every cue holds one of them at its place, so every cue overlaps a deadline: none is free. Read in the
    lower-cased sentence, which keeps the offsets when it is as long and holds none of ``_ODD_LETTERS``.
    """
    text = sentence.text
    lowered = text.lower()
    if len(lowered) != len(text) or _odd_letters_in(text):
        return False
    at = sentence.start
    # the runs of the words the sentence holds (most hold one or two), not every run of letters looked at in turn
    for word in sentence.held_words(_ALL_CUE_WORDS):
        for run in _CUE_WORD_RUN[word].finditer(lowered):
            if not in_a_deadline(at + run.start(), at + run.end()):
                return False
    return True
