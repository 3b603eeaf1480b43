"""What a deadline phrase means on the calendar: ``DueWindow``, its explanation, ``DeadlineMatch``.

A window is a record of plain values (dates, a kind, a bound, the rule that
fired); ``DueWindow.explain`` says it in one sentence, with dates in the house
style of the reports ('Monday 2 June 2025', see ``ledger.core.formats``).

>>> from ledger.deadlines import parse_deadline
>>> print(parse_deadline("two weeks or so", date(2025, 10, 16)).explain())  # doctest: +NORMALIZE_WHITESPACE
“two weeks or so” (said Thursday 16 October 2025) is due within 14 days, by Thursday 30 October 2025;
the hedge stretches it to Thursday 6 November 2025, after which it is late.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import attrs

from ledger.core.days import require_date
from ledger.core.notebook import due_window_html
from ledger.core.text import ABBREVIATIONS
from ledger.core.vocabulary import BOUNDS, WINDOW_KINDS
from ledger.core.words import MONTH_NAMES, WEEKDAY_NAMES
from ledger.deadlines.dates import house_date
from ledger.deadlines.periods import PARTS, PERIOD_KINDS
from ledger.deadlines.policy import nonneg_int, one_of

__all__ = ["SET_ASIDE_REASONS", "DeadlineMatch", "DueWindow", "SetAside", "trusted_window"]

#: Why words were set aside (see docs/deadlines.md, "What is set aside, and why"):
#: ``word`` said nothing about the window (a filler, a noun, a place); ``afterthought``
#: is a later clause about the same deadline, checked against the window and used at
#: most for the hedge flag; ``gloss`` is a second reading checked against the date
#: that decides.
SET_ASIDE_REASONS = ("word", "afterthought", "gloss")


def _is_date(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    require_date(value, attribute.name)


def _is_date_or_none(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if value is not None:
        require_date(value, attribute.name)


@attrs.frozen
class SetAside:
    """Words of a deadline phrase that the reader did not read into the window:
    ``phrase[start:end] == words``, and ``why`` one of ``SET_ASIDE_REASONS``.

    >>> from ledger.deadlines import parse_deadline
    >>> parse_deadline("a 60 day ultimatum", date(2025, 7, 14)).ignored[-1]
    SetAside(words='ultimatum', start=9, end=18, why='word')
    """

    words: str = attrs.field(validator=attrs.validators.instance_of(str))
    start: int = attrs.field(validator=nonneg_int)
    end: int = attrs.field(validator=nonneg_int)
    why: str = attrs.field(default="word", validator=one_of(*SET_ASIDE_REASONS))

    @end.validator
    def _check_length(self, attribute: attrs.Attribute, end: int) -> None:
        if end - self.start != len(self.words) or not self.words.strip():
            raise ValueError(
                f"'end' must be start + len(words) and words not blank (got {self.start}, {end}, {self.words!r})"
            )


def _set_aside_tuple(items: Any) -> tuple[SetAside, ...]:
    return tuple(items)


@attrs.frozen
class DueWindow:
    """What a deadline phrase means on the calendar, relative to the day it was said.

    All dates are inclusive calendar dates: the commitment is kept if it happens on
    or before ``latest``. Example:

    >>> from ledger.deadlines import parse_deadline
    >>> w = parse_deadline("two weeks or so", date(2025, 10, 16))
    >>> (w.earliest, w.due, w.latest, w.kind, w.hedged)
    (datetime.date(2025, 10, 16), datetime.date(2025, 10, 30), datetime.date(2025, 11, 6), 'duration', True)
    """

    phrase: str = attrs.field(validator=attrs.validators.instance_of(str))
    stated_on: date = attrs.field(validator=_is_date)
    earliest: date = attrs.field(validator=_is_date)
    due: date | None = attrs.field(validator=_is_date_or_none)
    latest: date | None = attrs.field(validator=_is_date_or_none)
    kind: str = attrs.field(validator=one_of(*WINDOW_KINDS))
    bound: str = attrs.field(validator=one_of(*BOUNDS))
    hedged: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    vague: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    rule: str = attrs.field(validator=attrs.validators.instance_of(str))
    #: Words of the phrase set aside around what was read (empty for a phrase read as a whole).
    ignored: tuple[SetAside, ...] = attrs.field(default=(), converter=_set_aside_tuple)

    @ignored.validator
    def _check_ignored(self, attribute: attrs.Attribute, ignored: tuple[SetAside, ...]) -> None:
        for item in ignored:
            if not isinstance(item, SetAside) or self.phrase[item.start : item.end] != item.words:
                raise ValueError(f"'ignored' must hold SetAside spans of the phrase {self.phrase!r} (got {item!r})")

    @latest.validator
    def _check_order(self, attribute: attrs.Attribute, latest: date | None) -> None:
        due = self.due
        if (due is None) != (latest is None) or (latest is None) != (self.kind == "open"):
            raise ValueError(
                f"'due' and 'latest' must both be None exactly when kind is 'open' "
                f"(got kind={self.kind!r}, due={due!r}, latest={latest!r})"
            )
        if due is not None and latest is not None and not self.earliest <= due <= latest:
            raise ValueError(
                f"window must have earliest <= due <= latest (got {self.earliest}, {due}, {latest} for {self.phrase!r})"
            )

    def explain(self) -> str:
        """One plain sentence that says what the window is and why.

        >>> from ledger.deadlines import parse_deadline
        >>> print(parse_deadline("by early August", date(2025, 6, 2)).explain())  # doctest: +NORMALIZE_WHITESPACE
        “by early August” (said Monday 2 June 2025) is due by Sunday 10 August 2025,
        the last day of early August 2025.
        """
        head = f"“{self.phrase}” (said {house_date(self.stated_on)})"
        due, latest = self.due, self.latest
        if due is None or latest is None:  # kind "open"
            if self.earliest == self.stated_on:
                return f"{head} names no time, so it has no due date and cannot be late{_aside(self)}."
            return (
                f"{head} names no time, so it has no due date and cannot be late; "
                f"it is not expected before {house_date(self.earliest)}{_aside(self)}."
            )
        return f"{head} {_body(self, due, latest)}{_aside(self)}."

    def __repr__(self) -> str:
        latest = self.latest.isoformat() if self.latest else "open"
        due = self.due.isoformat() if self.due else "-"
        return (
            f"<DueWindow {self.phrase!r} said {self.stated_on.isoformat()}: "
            f"{self.earliest.isoformat()} .. due {due} .. latest {latest} ({self.kind}, {self.rule})>"
        )

    def _repr_html_(self) -> str:
        return due_window_html(self)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (ISO dates), with the explanation.

        >>> from ledger.deadlines import parse_deadline
        >>> parse_deadline("by May", date(2025, 10, 16)).to_dict()["latest"]
        '2026-05-31'
        """
        iso = lambda d: None if d is None else d.isoformat()
        return {
            "phrase": self.phrase,
            "stated_on": self.stated_on.isoformat(),
            "earliest": iso(self.earliest),
            "due": iso(self.due),
            "latest": iso(self.latest),
            "kind": self.kind,
            "bound": self.bound,
            "hedged": self.hedged,
            "vague": self.vague,
            "rule": self.rule,
            "ignored": [{"words": a.words, "start": a.start, "end": a.end, "why": a.why} for a in self.ignored],
            "explanation": self.explain(),
        }


# The slots' own setters, in field order: what attrs' __init__ does, minus validation.
_WINDOW_SETTERS: tuple[Callable[[DueWindow, Any], None], ...] = tuple(
    getattr(DueWindow, a.name).__set__ for a in attrs.fields(DueWindow)
)


def trusted_window(
    phrase: str,
    stated_on: date,
    earliest: date,
    due: date | None,
    latest: date | None,
    kind: str,
    bound: str,
    hedged: bool,
    vague: bool,
    rule: str,
    ignored: tuple[SetAside, ...] = (),
) -> DueWindow:
    """A window from the reader's own values, which already satisfy every validator.

    The tests check the reader's output through the public constructor; skipping
    the re-check here lets a million phrases read fast.

    >>> trusted_window("soon", date(2025, 1, 1), date(2025, 1, 1), date(2025, 1, 31), date(2025, 1, 31),
    ...                "vague", "within", False, True, "vague_soon").due
    datetime.date(2025, 1, 31)
    """
    window = object.__new__(DueWindow)
    for set_slot, value in zip(
        _WINDOW_SETTERS, (phrase, stated_on, earliest, due, latest, kind, bound, hedged, vague, rule, ignored)
    ):
        set_slot(window, value)
    return window


# Punctuation left at the ends of what was read once the set-aside words are gone.
_LOOSE_ENDS = " \t,;:()[]-\u2013\u2014"
_DOTTED = re.compile(r"(?:[a-z]\.){2,}")
# A mark left alone by the words set aside around it: "Friday, , August 1" is "Friday, August 1".
_ORPHAN_MARKS = re.compile(r"\s*([,;:])(?:\s*[,;:])*")
_AS_WHAT = {"word": "", "afterthought": " (an afterthought)", "gloss": " (checked against the date)"}


def _aside(w: DueWindow) -> str:
    """What explain adds when words were set aside: what was read, and what was not."""
    if not w.ignored:
        return ""
    kept = list(w.phrase)
    for item in w.ignored:
        kept[item.start : item.end] = " " * (item.end - item.start)
    read = _ORPHAN_MARKS.sub(r"\1", " ".join("".join(kept).split())).strip(_LOOSE_ENDS)
    last = read.rsplit(" ", 1)[-1].lower()
    if read.endswith(".") and last[:-1] not in ABBREVIATIONS and not _DOTTED.fullmatch(last):
        read = read[:-1]  # the full stop of a sentence that ended before an afterthought, not of "p.m."
    aside = ", ".join(f"{item.words!r}{_AS_WHAT[item.why]}" for item in w.ignored)
    return f"; read {read!r}; set aside {aside}"


def _body(w: DueWindow, due: date, latest: date) -> str:
    """What explain says after the phrase, for a window with a due date."""
    days = (due - w.stated_on).days
    if w.kind == "vague":
        body = f"is vague; ledger's convention reads it as within {days} days, so it is due by {house_date(due)}"
    elif w.bound == "on" or w.earliest == due:
        body = f"is due on {house_date(due)}"
    elif w.bound == "in":
        body = f"falls between {house_date(w.earliest)} and {house_date(due)}"
    elif w.bound == "starting":
        body = f"starts on {house_date(due)}"
    elif w.bound == "before":
        body = f"is due before {house_date(due + timedelta(days=1))}, so by {house_date(due)}"
    elif w.kind in ("duration", "range"):
        body = f"is due within {days} day{'s' if days != 1 else ''}, by {house_date(due)}"
    else:
        body = f"is due by {house_date(due)}"
    why = _why(w, due)
    if why and w.kind != "vague" and w.bound != "before":
        body += f", {why}"
    if latest > due:
        if w.bound == "at_least":
            body += f"; not before then, and late after {house_date(latest)}"
        else:
            body += f"; the hedge stretches it to {house_date(latest)}, after which it is late"
    elif w.hedged and w.kind in ("duration", "range"):
        body += "; it is hedged, but a shrinking word keeps the hedge from stretching it"
    elif w.hedged:
        body += f"; it is hedged, but a hedge on a {'vague phrase' if w.vague else 'calendar date'} does not move it"
    return body


# Why a rule gives its day, for explain(): worded from the window itself, so the
# words always name the period whose day it is (early August, not August).
_PART_WORDS = {
    None: "{}",
    "early": "early {}",
    "start": "the start of {}",
    "mid": "mid-{}",
    "late": "late {}",
    "end": "{}",
    "rest": "the rest of {}",
    "first_half": "the first half of {}",
    "second_half": "the second half of {}",
}
_POINT_WHY = {
    "month_day": "the next such date on or after the day it was said",
    "day_month": "the next such date on or after the day it was said",
    "numeric_date": "the next such date on or after the day it was said",
    "day_of_month": "the next such day of a month on or after the day it was said",
    "weekday": "the next {wd} after the day it was said",
    "next_weekday": "the {wd} of the week after the one it was said in",
    "weekday_this_week": "the {wd} of the week it was said in",
    "weekday_week_after": "a week after the coming {wd}",
    "offset_from_day": "counted from the day it names",
    "month_week": "the last day of that week of the month (weeks of a month are days 1-7, 8-14, ...)",
    "week_of": "the last day of that week",
    "month_weekday": "the next such {wd} of that month on or after the day it was said",
    "either": "the later of the two",
}


def _period_name(kind: str, day: date) -> str:
    if kind == "month":
        return f"{MONTH_NAMES[day.month - 1]} {day.year}"
    if kind == "year":
        return str(day.year)
    if kind == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    if kind == "half":
        return f"H{1 if day.month <= 6 else 2} {day.year}"
    if kind == "decade":
        return f"the {day.year // 10 * 10}s"
    return f"that {kind}"  # season, week, weekend: their bounds are policy


def _why(w: DueWindow, due: date) -> str:
    """Why the due day is that day, in words that agree with the window."""
    rule = w.rule
    if rule.startswith(("holiday_", "event_")):
        said = w.phrase.lower()
        if rule.startswith("holiday_") and re.search(r"(?<!the )\bnext (?!year\b)", said):  # rules._next_holiday
            return f"the one in the first {MONTH_NAMES[due.month - 1]} that starts after the day it was said"
        if str(due.year) in said or " year" in said:
            return ""
        return f"the next such {'holiday' if rule.startswith('holiday_') else 'event'} on or after the day it was said"
    if rule in _POINT_WHY:
        if rule in ("month_day", "day_month", "numeric_date") and str(due.year) in w.phrase:
            return ""
        return _POINT_WHY[rule].format(wd=WEEKDAY_NAMES[due.weekday()])
    kind, _, part = rule.partition("_")
    if kind not in PERIOD_KINDS or (part and part not in PARTS):
        return ""
    name = _period_name(kind, due)
    if part == "start" and due.day == 1 and w.bound in ("by", "until", "within", "starting", "at_least"):
        return f"the first day of {name}"  # "by the start of next year": January 1
    if w.bound in ("starting", "at_least"):
        return f"the first day of {_PART_WORDS[part or None].format(name)}" if due == w.earliest else ""
    words = _PART_WORDS[part or None]
    if name.startswith("that ") and part in ("early", "mid", "late"):
        words = f"the {'middle' if part == 'mid' else part + ' part'} of {{}}"  # the middle of that week
    return f"the last day of {words.format(name)}"


@attrs.frozen
class DeadlineMatch:
    """A deadline phrase found in running text: ``text == source[start:end]``.

    >>> from ledger.deadlines import find_deadlines
    >>> find_deadlines("They will reply within 10 days.", date(2025, 1, 6))[0].text
    'within 10 days'
    """

    start: int = attrs.field(validator=nonneg_int)
    end: int = attrs.field(validator=nonneg_int)
    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    window: DueWindow = attrs.field(validator=attrs.validators.instance_of(DueWindow))
