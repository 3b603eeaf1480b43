"""The closed vocabularies of a ledger: event types, verdict statuses, window kinds, bounds.

Each is listed once, here, in the order the docs list it. Tests walk every
set, so a new status without a colour, a rule or a docs line fails.

>>> STATUSES[0], EVENT_TYPES[-1], STATUS_MEANINGS["lapsed"]
('kept', 'note', 'the latest due date has passed and no outcome is recorded')
>>> STATUS_WORDS["missed"].one
'was checked and found not delivered'

"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "BOUNDS",
    "CANDIDATE_TAG",
    "EVENT_TYPES",
    "NOT_DUE_WORDS",
    "SETTLED",
    "STATUSES",
    "STATUS_MEANINGS",
    "STATUS_RULES",
    "STATUS_WORDS",
    "StatusWords",
    "UNREADABLE_RULE",
    "WINDOW_KINDS",
]

#: The closed set of things that can happen to a commitment, in the order
#: the docs list them. ``checked_missed`` is a reporter's check, after the
#: deadline, that found nothing delivered (not the absence of a record).
#: ``note`` is evidence that changes no state.
EVENT_TYPES: tuple[str, ...] = ("fulfilled", "partial", "broken", "withdrawn", "checked_missed", "note")

#: The closed set of verdict statuses, from best kept to not yet due, then
#: the one that cannot be judged until its deadline is read.
STATUSES: tuple[str, ...] = (
    "kept",
    "late",
    "partial",
    "broken",
    "withdrawn",
    "superseded",
    "missed",
    "lapsed",
    "pending",
    "unreadable",
)

#: Statuses that end a commitment for good: its outcome is in.
SETTLED: tuple[str, ...] = ("kept", "late", "broken", "withdrawn")


class StatusWords(NamedTuple):
    """How one status is said, everywhere a reader meets it.

    ``label`` heads a table column and names a badge or a legend entry;
    ``meaning`` is the sentence of docs/statistics.md's table (the report's
    methods box prints it); ``one`` and ``many`` are the status as a verb
    phrase in a headline: "1 was met on time", "3 were met on time".

    >>> STATUS_WORDS["late"].many
    'were met late'
    """

    label: str
    meaning: str
    one: str
    many: str


#: The words for each status, in the order of ``STATUSES``. The report's
#: labels, meanings and headline verbs, the terminal's column headers and
#: docs/statistics.md's table all come from here (a test checks the docs).
STATUS_WORDS: dict[str, StatusWords] = {
    "kept": StatusWords("kept", "fulfilled on or before the latest due date", "was met on time", "were met on time"),
    "late": StatusWords("late", "fulfilled, but after the latest due date", "was met late", "were met late"),
    "partial": StatusWords(
        "partial", "partly delivered; no full fulfilment recorded", "was partly delivered", "were partly delivered"
    ),
    "broken": StatusWords(
        "broken", "reported broken: cancelled, refused, or a contrary action", "was broken", "were broken"
    ),
    "withdrawn": StatusWords("withdrawn", "withdrawn by the one who made it", "was withdrawn", "were withdrawn"),
    "superseded": StatusWords(
        "superseded",
        "restated with a new deadline while it was still open; the new commitment carries the story on",
        "was reset",
        "were reset",
    ),
    "missed": StatusWords(
        "missed",
        "checked after the latest due date and found not delivered (a dated check with its source)",
        "was checked and found not delivered",
        "were checked and found not delivered",
    ),
    "lapsed": StatusWords(
        "lapsed",
        "the latest due date has passed and no outcome is recorded",
        "lapsed with no outcome recorded",
        "lapsed with no outcome recorded",
    ),
    "pending": StatusWords(
        "pending",
        "not yet due, and no outcome recorded (a partial delivery before the deadline is progress, not an outcome)",
        "is not yet due",
        "are not yet due",
    ),
    "unreadable": StatusWords(
        "unreadable",
        "its deadline phrase could not be read, so it cannot be judged; give deadline_means",
        "could not be judged: its deadline could not be read",
        "could not be judged: their deadlines could not be read",
    ),
}

#: Each status's sentence in docs/statistics.md, derived from ``STATUS_WORDS``.
STATUS_MEANINGS: dict[str, str] = {status: words.meaning for status, words in STATUS_WORDS.items()}

#: The statuses that are not due, so stay out of the rates, with why in words
#: (one, many): "Not counted: 2 not yet due and 1 reset before it came due".
NOT_DUE_WORDS: dict[str, tuple[str, str]] = {
    "pending": ("not yet due", "not yet due"),
    "superseded": ("reset before it came due", "reset before they came due"),
    "unreadable": ("whose deadline could not be read", "whose deadlines could not be read"),
}

if tuple(STATUS_WORDS) != STATUSES or not set(NOT_DUE_WORDS) <= set(STATUSES):  # pragma: no cover - tests too
    raise RuntimeError("STATUS_WORDS must list every status of STATUSES, in order")

#: Each rule that can decide a status, in words a reader understands. The
#: ``status_rule`` column holds one of these sentences. They say which rule
#: fired, not what the status means (``STATUS_MEANINGS``); three read the same
#: words as a meaning (kept, partial, withdrawn) but are kept apart on purpose:
#: they are stored in result tables, so rewording the docs must not change them.
STATUS_RULES: dict[str, str] = {
    "superseded": "restated with a new deadline while still open",
    "kept": "fulfilled on or before the latest due date",
    "kept_open": "fulfilled; the deadline named no date",
    "kept_after_broken": (
        "fulfilled on or before the latest due date, after an earlier report that it was broken or withdrawn"
    ),
    "late": "fulfilled after the latest due date",
    "late_after_broken": (
        "fulfilled after the latest due date, and after an earlier report that it was broken or withdrawn"
    ),
    "broken": "reported broken: cancelled, refused, or contrary action",
    "withdrawn": "withdrawn by the one who made it",
    "partial": "partly delivered; no full fulfilment recorded",
    "missed": "checked after the latest due date: not delivered",
    "lapsed": "latest due date passed with no outcome recorded",
    "pending": "not yet due; no outcome recorded",
    "pending_open": "the deadline named no date; no outcome recorded",
    "pending_partial": "partly delivered so far; the latest due date has not passed",
}

#: The start of the ``status_rule`` of an ``unreadable`` verdict; the reader's
#: own message follows it, so the rule says what to fix.
UNREADABLE_RULE = "the deadline could not be read, so it is not judged; give deadline_means (your reading): "

#: The tag ``ledger extract`` puts on every commitment it proposes. Until an
#: editor removes it, the entry is an unconfirmed candidate, not a finding:
#: ``evaluate`` and ``report`` leave it out unless asked.
CANDIDATE_TAG = "candidate"

#: What kind of time a phrase names. A closed set: tests walk it, docs list it.
WINDOW_KINDS = (
    "duration",  # a length of time from the day it was said: "in two weeks"
    "range",  # two lengths or two days: "two or three weeks", "tonight or tomorrow"
    "date",  # a named calendar day: "October 31", "2025-10-31", "tomorrow"
    "span",  # a calendar period or part of one: "May", "early August", "Q3", "next week"
    "weekday",  # a day of the week: "by Friday", "next Monday"
    "holiday",  # a named holiday: "Thanksgiving", "before Christmas"
    "vague",  # no number, a documented horizon: "soon", "in the coming days"
    "open",  # a commitment with no time at all: "eventually", "in due course"
)

#: How the phrase ties the commitment to its target. A closed set.
BOUNDS = (
    "within",  # from the day it was said up to the end: "in two weeks", "within 50 days"
    "by",  # up to and including the target: "by Friday", "by May"
    "before",  # strictly before the target: "before Thanksgiving"
    "until",  # up to and including the target: "until October 31"
    "on",  # on that day: "on Monday", "October 31", "30 days from now"
    "in",  # somewhere inside that period: "in August", "next week"
    "around",  # a hedged calendar target with no lead word: "around Christmas"
    "at_least",  # no sooner than: "at least two weeks", "not before Friday"
    "starting",  # begins then: "starting Monday", "from next week"
    "after",  # only a start: "after the summer"; no due date (kind open)
)
