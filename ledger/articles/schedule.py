"""Parts of a day in a schedule: "In the afternoon, the President will ..." under the day they belong to.

A schedule names its day once, in a heading ("DAILY GUIDANCE AND PRESS
SCHEDULE FOR / MONDAY, JANUARY 23, 2017") or in the sentence that opens the
day ("On Monday, the President will speak ..."), and then gives the rest of
the day by its parts: "Later in the morning", "Mid-Afternoon", "That
evening". Read alone, such a part names no day of its own (the reader takes
"in the morning" for tomorrow morning, and "in the afternoon" for the day said
or the next); read under its schedule, it is that day. ``ScheduleDay`` keeps the day
in force as the text is read, and ``part_of_day`` gives the phrase that opens
a sentence, dated by it.

>>> from datetime import date
>>> from ledger.core.text import split_sentences
>>> from ledger.deadlines import parse_deadline
>>> monday = parse_deadline("Monday, January 23, 2017", date(2017, 1, 22))
>>> sentence = split_sentences("In the afternoon, the President will hold a listening session.")[0]
>>> match = part_of_day(sentence, monday)
>>> match.text, match.window.due
('In the afternoon', datetime.date(2017, 1, 23))
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date

import attrs

from ledger.articles.clauses import read_window
from ledger.core.text import Sentence
from ledger.deadlines import DeadlineMatch, DeadlinePolicy, DueWindow

__all__ = ["ScheduleDay", "heading_days", "order_times", "part_of_day", "single_day"]

# A part of the day that opens a sentence and is followed by its comma: "Later in the afternoon,",
# "Mid-Afternoon,", "In the late afternoon,", "That evening,", "Later that day,".
_PART_OF_DAY = re.compile(
    r"""
    (?:(?:later|earlier|early|late)\s+)?
    (?:
        (?:in\s+the\s+)?(?:early\s+|late\s+|mid-?)?(?:morning|afternoon|evening)
      | mid-?(?:morning|afternoon|day)
      | that\s+(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night|day)
      | (?:at\s+)?(?:noon|midday)
    )
    (?=\s*,)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A line that holds a date and little else: a schedule's heading, a release's date line.
_HEADING_LINE = re.compile(r"[ \t]*(?:(?:for|schedule|guidance)[ \t]+)*", re.IGNORECASE)


# A character ``str.strip(" \t\"'\u201c")`` does not take: none comes before a phrase that opens its sentence.
_OPENING_WORD = re.compile("[^ \t\"'\u201c]")


def single_day(window: DueWindow) -> bool:
    """True when the window is one calendar day ("Monday, January 23, 2017", "On Monday")."""
    return window.kind in ("date", "weekday") and window.due is not None and window.earliest == window.due


def heading_days(text: str, matches: Sequence[DeadlineMatch]) -> list[tuple[int, DueWindow]]:
    """The days that whole lines give, with where each line ends: the headings a schedule runs under.

    >>> from datetime import date
    >>> from ledger.deadlines.find import find_deadlines
    >>> text = "SCHEDULE FOR\\nMONDAY, JANUARY 23, 2017\\nIn the morning, he will fly out."
    >>> [(end, w.due) for end, w in heading_days(text, find_deadlines(text, date(2017, 1, 22)))]
    [(37, datetime.date(2017, 1, 23))]
    """
    days = []
    breaks = [b.start() for b in re.finditer("\n", text)] + [len(text)]  # one pass: no scan per match
    for m in matches:
        k = bisect_left(breaks, m.start)
        line_start = breaks[k - 1] + 1 if k else 0
        line_end = breaks[bisect_left(breaks, m.end)]
        if not single_day(m.window) or text[m.end : line_end].strip(" \t.:"):
            continue
        if _HEADING_LINE.fullmatch(text[line_start : m.start]):
            days.append((line_end, m.window))
    return days


@attrs.define
class ScheduleDay:
    """The day a schedule's parts of a day belong to, as the text is read.

    A heading's day holds until the next heading; a day that opens a
    sentence ("On Monday, the President will ...") holds to the end of its
    paragraph.
    """

    headings: list[tuple[int, DueWindow]]
    paragraph_ends: list[int]  # where each blank line starts, and the text's end
    day: DueWindow | None = None
    paragraph_end: int = -1

    @classmethod
    def of(cls, text: str, matches: Sequence[DeadlineMatch]) -> ScheduleDay:
        """The schedule of ``text``: its headings' days (from its deadline phrases) and its paragraphs."""
        ends = [b.start() for b in re.finditer(r"\n[ \t]*\n", text)] + [len(text)]
        return cls(heading_days(text, matches)[::-1], ends)

    def at(self, sentence: Sentence) -> DueWindow | None:
        """The day in force for ``sentence`` (which must come after every sentence asked about before)."""
        if 0 <= self.paragraph_end <= sentence.start:
            self.day, self.paragraph_end = None, -1
        while self.headings and self.headings[-1][0] <= sentence.start:
            self.day, self.paragraph_end = self.headings.pop()[1], -1  # kept last-first: pop() is O(1)
        return self.day

    def opened_by(self, sentence: Sentence, text: str, match: DeadlineMatch) -> bool:
        """A sentence opened by a single day that a commitment governs: the day of the rest of its paragraph.

        True when the match did open the day (``open`` gives it again for a sentence read the same way).
        """
        # read in place, not from a copy of what comes before the phrase: a run-on piece holds a hundred phrases
        if _OPENING_WORD.search(text, sentence.start, match.start) or not single_day(match.window):
            return False
        self.open(sentence, match.window)
        return True

    def open(self, sentence: Sentence, day: DueWindow) -> None:
        """``day`` holds from ``sentence`` to the end of its paragraph."""
        ends = self.paragraph_ends
        self.day, self.paragraph_end = day, ends[min(len(ends) - 1, bisect_left(ends, sentence.end))]


def part_of_day(sentence: Sentence, day: DueWindow | None) -> DeadlineMatch | None:
    """The part of a day that opens ``sentence``, as a deadline on the schedule's ``day``; None without one."""
    if day is None:
        return None
    lead = len(sentence.text) - len(sentence.text.lstrip(" \t\"'\u201c"))
    m = _PART_OF_DAY.match(sentence.text, lead)
    if m is None:
        return None
    phrase = m.group()
    window = attrs.evolve(day, phrase=phrase)  # the day's own rule: rule names are a closed set
    start = sentence.start + m.start()
    return DeadlineMatch(start=start, end=start + len(phrase), text=phrase, window=window)


# A time of day with its preposition: "until 12 noon", "at 2:15 p.m.", "before 2 o'clock".
_TIME_OF_DAY = re.compile(
    r"\b(?:until|till|at|by|before)\s+(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|noon\b|o['\u2019]clock\b)|noon\b|midnight\b)",
    re.IGNORECASE,
)


def order_times(
    sentence: Sentence, after: int, found: Sequence[DeadlineMatch], said_on: date, policy: DeadlinePolicy
) -> list[DeadlineMatch]:
    """Times of day in ``sentence`` from ``after`` on: an order's schedule ("the Senate proceed ... until 12 noon").

    A unanimous consent request orders in the subjunctive ("that the Senate
    proceed", "that at 12 noon all postcloture time be considered expired"),
    where a general finder sees no future and rightly drops a bare time;
    inside the request every time of day is the order's. Phrases already
    found are kept as they are.

    >>> from ledger.core.text import split_sentences
    >>> from ledger.deadlines import DEFAULT_POLICY
    >>> s = split_sentences("I ask unanimous consent that the Senate proceed to morning business until 12 noon.")[0]
    >>> [m.text for m in order_times(s, 0, [], date(2014, 1, 8), DEFAULT_POLICY)]
    ['until 12 noon']
    """
    out = []
    for m in _TIME_OF_DAY.finditer(sentence.text, max(0, after - sentence.start)):
        start, end = sentence.start + m.start(), sentence.start + m.end()
        if any(start < f.end and f.start < end for f in found):
            continue
        window = read_window(m.group(), said_on, policy)
        if window is None:
            continue
        out.append(DeadlineMatch(start=start, end=end, text=m.group(), window=window))
    return out
