"""The closed vocabularies of a ledger: event types, verdict statuses, window kinds, bounds.

Each is listed once, here, in the order the docs list it. Tests walk every
set, so a new status without a colour, a rule or a docs line fails.

>>> STATUSES[0], EVENT_TYPES[-1]
('kept', 'note')
"""

from __future__ import annotations

__all__ = ["BOUNDS", "EVENT_TYPES", "SETTLED", "STATUSES", "STATUS_RULES", "WINDOW_KINDS"]

#: The closed set of things that can happen to a commitment, in the order
#: the docs list them. ``note`` is evidence that changes no state.
EVENT_TYPES: tuple[str, ...] = ("fulfilled", "partial", "broken", "withdrawn", "note")

#: The closed set of verdict statuses, from best kept to not yet due.
STATUSES: tuple[str, ...] = ("kept", "late", "partial", "broken", "withdrawn", "superseded", "lapsed", "pending")

#: Statuses that end a commitment for good: its outcome is in.
SETTLED: tuple[str, ...] = ("kept", "late", "broken", "withdrawn")

#: Each rule that can decide a status, in words a reader understands. The
#: ``rule`` column holds one of these sentences.
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
    "lapsed": "latest due date passed with no outcome recorded",
    "pending": "not yet due; no outcome recorded",
    "pending_open": "the deadline named no date; no outcome recorded",
}

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
