"""Read deadline phrases as people say them and turn them into dated due windows.

``parse_deadline("two weeks or so", date(2025, 10, 16))`` gives a
:class:`DueWindow` from 2025-10-16, due 2025-10-30, late after 2025-11-06,
with the rule that fired and a one-sentence explanation. Every convention
(what "soon", "early August" or "next Friday" mean, how much a hedge earns) is a
named field of :class:`DeadlinePolicy`; docs/deadlines.md lists them with a
table of examples that the test suite executes.

The grammar (word tables and regular expressions) lives in
``ledger/_deadline_grammar.py``; this module does the calendar arithmetic.
"""

from __future__ import annotations

import calendar
import functools
import math
import re
from datetime import date, datetime, timedelta

import attrs
import numpy as np

from ledger.core.days import NAT, datetimes
from ledger.core.notebook import due_window_html
from ledger.core.vocabulary import BOUNDS, WINDOW_KINDS
from ledger.deadlines import grammar as g

__all__ = [
    "BOUNDS",
    "DEFAULT_POLICY",
    "RULE_NAMES",
    "WINDOW_KINDS",
    "DeadlineError",
    "DeadlineMatch",
    "DeadlinePolicy",
    "DueWindow",
    "deadline_windows",
    "parse_deadline",
]

# Rules whose windows are pure offsets from the day it was said: moving
# stated_on by k days moves the window by k days (deadline_windows relies on it).
_RELATIVE_UNITS = frozenset({"minute", "hour", "day"})


def _nonneg_int(instance, attribute, value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{attribute.name!r} must be a whole number >= 0 (got {value!r})")


def _factor(instance, attribute, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 10:
        raise ValueError(f"{attribute.name!r} must be a number from 1 to 10 (got {value!r})")


def _one_of(*choices):
    def check(instance, attribute, value):
        if value not in choices:
            raise ValueError(f"{attribute.name!r} must be one of {choices} (got {value!r})")

    return check


@attrs.frozen
class DeadlinePolicy:
    """Every convention ledger uses to read a deadline, as a named parameter.

    Change one with ``attrs.evolve(DEFAULT_POLICY, soon_days=21)``; docs/deadlines.md
    explains each. Example:

    >>> DeadlinePolicy(hedge_factor=2).hedge_factor
    2
    """

    # A hedge ("or so", "about") stretches a length N to ceil(hedge_factor * N) days.
    hedge_factor: float = attrs.field(default=1.5, validator=_factor)
    # "at least N days" is late after ceil(at_least_factor * N) days.
    at_least_factor: float = attrs.field(default=1.5, validator=_factor)
    # Quantities people say instead of numbers.
    couple: int = attrs.field(default=2, validator=_nonneg_int)
    few: int = attrs.field(default=3, validator=_nonneg_int)
    several: int = attrs.field(default=5, validator=_nonneg_int)
    # Vague horizons in days, one per family (see docs/deadlines.md for the words).
    immediately_days: int = attrs.field(default=2, validator=_nonneg_int)
    imminently_days: int = attrs.field(default=3, validator=_nonneg_int)
    coming_days_days: int = attrs.field(default=7, validator=_nonneg_int)
    very_soon_days: int = attrs.field(default=14, validator=_nonneg_int)
    soon_days: int = attrs.field(default=30, validator=_nonneg_int)
    coming_weeks_days: int = attrs.field(default=30, validator=_nonneg_int)
    near_future_days: int = attrs.field(default=90, validator=_nonneg_int)
    coming_months_days: int = attrs.field(default=180, validator=_nonneg_int)
    coming_years_days: int = attrs.field(default=1095, validator=_nonneg_int)
    # Thirds of a month: early = 1..early_last_day, mid = ..mid_last_day, late = the rest.
    early_last_day: int = attrs.field(default=10, validator=_nonneg_int)
    mid_last_day: int = attrs.field(default=20, validator=_nonneg_int)
    # Thirds of a year by month: early = Jan..Apr, mid = May..Aug, late = Sep..Dec.
    year_early_last_month: int = attrs.field(default=4, validator=_nonneg_int)
    year_mid_last_month: int = attrs.field(default=8, validator=_nonneg_int)
    # Thirds of a week, counted from its first day: early = days 0..1 (Monday-Tuesday),
    # mid = ..3 (Wednesday-Thursday), late = the rest (Friday-Sunday).
    week_early_last_day: int = attrs.field(default=1, validator=_one_of(0, 1, 2, 3, 4, 5))
    week_mid_last_day: int = attrs.field(default=3, validator=_one_of(1, 2, 3, 4, 5))
    # First day of a week, 0 = Monday ... 6 = Sunday: "next week" is Monday-Sunday.
    week_start: int = attrs.field(default=0, validator=_one_of(0, 1, 2, 3, 4, 5, 6))
    # "next Friday": the Friday of next week, or simply the next Friday.
    next_weekday: str = attrs.field(default="next_week", validator=_one_of("next_week", "next_occurrence"))
    # Holidays come from the `holidays` package for this country (and subdivision).
    holiday_country: str = attrs.field(default="US", validator=attrs.validators.instance_of(str))
    holiday_subdiv: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    # First month of spring, summer, autumn, winter (meteorological, northern hemisphere).
    season_start_months: tuple[int, int, int, int] = attrs.field(default=(3, 6, 9, 12), converter=tuple)
    # 10/11/2025 is October 11 ("mdy", US newsrooms) or 10 November ("dmy").
    numeric_date_order: str = attrs.field(default="mdy", validator=_one_of("mdy", "dmy"))
    # "before Friday" means by Thursday (True) or by Friday (False).
    before_is_exclusive: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))

    def horizon(self, family: str) -> int:
        """Days a vague family ("soon", "coming_days", ...) gives.

        >>> DEFAULT_POLICY.horizon("soon")
        30
        """
        return getattr(self, f"{family}_days")


DEFAULT_POLICY = DeadlinePolicy()


def _is_date(instance, attribute, value):
    if not isinstance(value, date) or isinstance(value, datetime):
        raise TypeError(f"{attribute.name!r} must be a datetime.date (got {value!r})")


def _is_date_or_none(instance, attribute, value):
    if value is not None:
        _is_date(instance, attribute, value)


def _fmt(day: date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


@attrs.frozen
class DueWindow:
    """What a deadline phrase means on the calendar, relative to the day it was said.

    All dates are inclusive calendar dates: the commitment is kept if it happens on
    or before ``latest``. Example:

    >>> w = parse_deadline("two weeks or so", date(2025, 10, 16))
    >>> (w.earliest, w.due, w.latest, w.kind, w.hedged)
    (datetime.date(2025, 10, 16), datetime.date(2025, 10, 30), datetime.date(2025, 11, 6), 'duration', True)
    """

    phrase: str = attrs.field(validator=attrs.validators.instance_of(str))
    stated_on: date = attrs.field(validator=_is_date)
    earliest: date = attrs.field(validator=_is_date)
    due: date | None = attrs.field(validator=_is_date_or_none)
    latest: date | None = attrs.field(validator=_is_date_or_none)
    kind: str = attrs.field(validator=_one_of(*WINDOW_KINDS))
    bound: str = attrs.field(validator=_one_of(*BOUNDS))
    hedged: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    vague: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    rule: str = attrs.field(validator=attrs.validators.instance_of(str))

    @latest.validator
    def _check_order(self, attribute, latest):
        if (self.due is None) != (latest is None) or (latest is None) != (self.kind == "open"):
            raise ValueError(
                f"'due' and 'latest' must both be None exactly when kind is 'open' "
                f"(got kind={self.kind!r}, due={self.due!r}, latest={latest!r})"
            )
        if latest is not None and not self.earliest <= self.due <= latest:
            raise ValueError(
                f"window must have earliest <= due <= latest "
                f"(got {self.earliest}, {self.due}, {latest} for {self.phrase!r})"
            )

    @classmethod
    def _trusted(cls, phrase, stated_on, earliest, due, latest, kind, bound, hedged, vague, rule):
        # The parser's own values already satisfy every validator (the tests
        # check its output through the public constructor); skip re-checking
        # them so a million phrases read fast.
        self = object.__new__(cls)
        # The slots' own setters: what attrs' __init__ does, minus validation.
        setters = _WINDOW_SETTERS or _window_setters(cls)
        for set_slot, value in zip(
            setters, (phrase, stated_on, earliest, due, latest, kind, bound, hedged, vague, rule)
        ):
            set_slot(self, value)
        return self

    def explain(self) -> str:
        """One plain sentence that says what the window is and why.

        >>> parse_deadline("by early August", date(2025, 6, 2)).explain()
        '“by early August” (said Monday, June 2, 2025) is due by Sunday, August 10, 2025, the last day of early August 2025.'
        """
        head = f"“{self.phrase}” (said {_fmt(self.stated_on)})"
        if self.kind == "open":
            start = "" if self.earliest == self.stated_on else f" before {_fmt(self.earliest)}"
            return (
                f"{head} names no time, so it has no due date and cannot be late; it is not expected{start}."
                if start
                else f"{head} names no time, so it has no due date and cannot be late."
            )
        days = (self.due - self.stated_on).days
        why = _why(self)
        if self.kind == "vague":
            body = f"is vague; ledger's convention reads it as within {days} days, so it is due by {_fmt(self.due)}"
        elif self.bound == "on" or self.earliest == self.due:
            body = f"is due on {_fmt(self.due)}"
        elif self.bound == "in":
            body = f"falls between {_fmt(self.earliest)} and {_fmt(self.due)}"
        elif self.bound == "starting":
            body = f"starts on {_fmt(self.due)}"
        elif self.bound == "before":
            body = f"is due before {_fmt(self.due + timedelta(days=1))}, so by {_fmt(self.due)}"
        elif self.kind in ("duration", "range"):
            body = f"is due within {days} day{'s' if days != 1 else ''}, by {_fmt(self.due)}"
        else:
            body = f"is due by {_fmt(self.due)}"
        if why and self.kind != "vague" and self.bound != "before":
            body += f", {why}"
        if self.latest > self.due:
            if self.bound == "at_least":
                body += f"; not before then, and late after {_fmt(self.latest)}"
            else:
                body += f"; the hedge stretches it to {_fmt(self.latest)}, after which it is late"
        elif self.hedged:
            body += "; it is hedged, but a hedge on a calendar date does not move it"
        return f"{head} {body}."

    def __repr__(self) -> str:
        latest = self.latest.isoformat() if self.latest else "open"
        due = self.due.isoformat() if self.due else "-"
        return (
            f"<DueWindow {self.phrase!r} said {self.stated_on.isoformat()}: "
            f"{self.earliest.isoformat()} .. due {due} .. latest {latest} ({self.kind}, {self.rule})>"
        )

    def _repr_html_(self) -> str:
        return due_window_html(self)

    def to_dict(self) -> dict:
        """Plain JSON-ready values (ISO dates), with the explanation.

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
            "explanation": self.explain(),
        }


_WINDOW_FIELDS = tuple(a.name for a in attrs.fields(DueWindow))
_WINDOW_SETTERS: list = []


def _window_setters(cls) -> list:
    _WINDOW_SETTERS.extend(getattr(cls, name).__set__ for name in _WINDOW_FIELDS)
    return _WINDOW_SETTERS


class DeadlineError(ValueError):
    """A phrase that is not a deadline ledger can read, with where it got stuck.

    >>> try:
    ...     parse_deadline("fortnightish", date(2025, 10, 16))
    ... except DeadlineError as e:
    ...     print(e.span)
    (0, 12)
    """

    def __init__(self, phrase: str, span: tuple[int, int], hint: str, problem: str = "is not a phrase ledger knows"):
        self.phrase = phrase
        self.span = span
        self.hint = hint
        start, end = span
        super().__init__(
            f"deadline {phrase!r} {problem} (could not read {phrase[start:end]!r} at {start}-{end}); {hint}"
        )


@attrs.frozen
class DeadlineMatch:
    """A deadline phrase found in running text: ``text == source[start:end]``.

    >>> from ledger import find_deadlines
    >>> find_deadlines("They will reply within 10 days.", date(2025, 1, 6))[0].text
    'within 10 days'
    """

    start: int = attrs.field(validator=_nonneg_int)
    end: int = attrs.field(validator=_nonneg_int)
    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    window: DueWindow = attrs.field(validator=attrs.validators.instance_of(DueWindow))


# --------------------------------------------------------------------------
# Internal reading: problems are raised as Unreadable, turned into
# DeadlineError with a span by the public functions.
# --------------------------------------------------------------------------

_DOCS_HINT = "see docs/deadlines.md for the forms it reads"


class Unreadable(Exception):
    def __init__(self, problem: str = "is not a phrase ledger knows", hint: str = _DOCS_HINT, words=None):
        super().__init__(problem)
        self.problem, self.hint, self.words = problem, hint, words


def _past(what: str = "it") -> Unreadable:
    return Unreadable(
        "points to the past",
        f"{what} falls before the day it was said, and a deadline cannot; {_DOCS_HINT}",
    )


def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_end(year: int, month: int) -> date:
    return date(year, month, _days_in_month(year, month))


def _add_months(day: date, months: int) -> date:
    """Calendar months, clipped to the month's end: Jan 31 + 1 month = Feb 28."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _days_in_month(year, month + 1)))


def _ceil_days(x: float) -> int:
    # 10.5 days (a week and a half) is day 11; tolerate float fuzz (1.5*14 = 21.000001).
    return math.ceil(x - 1e-9)


@functools.lru_cache(maxsize=512)
def _holiday_table(country: str, subdiv: str | None, year: int):
    """The holiday library's table for one year (data, not parse results)."""
    import holidays

    return holidays.country_holidays(country, subdiv=subdiv, years=year)


# Holiday key -> name in the `holidays` package (US spelling).
_HOLIDAY_NAMES = {
    "christmas": "Christmas Day",
    "thanksgiving": "Thanksgiving Day",
    "new_year": "New Year's Day",
    "independence": "Independence Day",
    "labor": "Labor Day",
    "memorial": "Memorial Day",
    "juneteenth": "Juneteenth National Independence Day",
    "veterans": "Veterans Day",
    "columbus": "Columbus Day",
    "mlk": "Martin Luther King Jr. Day",
    "presidents": "Washington's Birthday",
}


def _holiday(key: str, year: int, policy: DeadlinePolicy) -> date:
    return _holiday_date(key, year, policy.holiday_country, policy.holiday_subdiv)


@functools.lru_cache(maxsize=4096)
def _holiday_date(key: str, year: int, country: str, subdiv: str | None) -> date:
    """A holiday's date in one year (calendar data, like _holiday_table; not a parse result)."""
    if key == "easter":
        from dateutil.easter import easter

        return easter(year)
    if key == "halloween":
        return date(year, 10, 31)
    if key == "valentine":
        return date(year, 2, 14)
    table = _holiday_table(country, subdiv, year)
    name = _HOLIDAY_NAMES[key]
    for day, names in table.items():
        # A day can carry several names joined by "; "; observed days are skipped.
        if name in names.split("; "):
            return day
    raise Unreadable(
        f"names a holiday that {country} does not keep",
        f"the holidays package has no {name!r} for {country} in {year}; "
        "set DeadlinePolicy(holiday_country=...) or give the date",
    )


def _year_of(spec: str | None, today: date) -> int | None:
    if spec is None or spec == "year":
        return None
    if spec == "this year":
        return today.year
    if spec == "next year":
        return today.year + 1
    return int(spec)


def _week_start(day: date, policy: DeadlinePolicy) -> date:
    return day - timedelta(days=(day.weekday() - policy.week_start) % 7)


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise Unreadable("is not a real date", f"{year}-{month:02d}-{day:02d} does not exist") from None


def _next_month_day(month: int, day: int, today: date) -> date:
    """The next month/day on or after today (Feb 29 waits for a leap year)."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise Unreadable("is not a real date", f"month {month} has no day {day}")


def _check_weekday(name: str | None, day: date) -> None:
    if name is not None and g.WEEKDAYS[name] != day.weekday():
        raise Unreadable(
            "names a weekday that does not match its date",
            f"{day.isoformat()} is a {day:%A}, not a {calendar.day_name[g.WEEKDAYS[name]]}; "
            "ledger refuses to guess which one was meant",
        )


# Target: what the core names, before the lead word and hedges are applied.
# (kind, rule, lo, hi, relative, family, end_point, between)
#   lo..hi   the day or period named (for lengths: stated_on + shorter, + longer)
#   relative the window is a pure offset from stated_on
#   end_point the target is the last day of a period ("the end of May")


def _length_days(today: date, value: float, unit_word: str, policy: DeadlinePolicy) -> tuple[date, bool]:
    unit, mult = g.UNITS[unit_word]
    value *= mult
    if unit == "day":
        return today + timedelta(days=_ceil_days(value)), True
    if unit == "hour":
        return today + timedelta(days=_ceil_days(value / 24)), True
    if unit == "minute":
        return today + timedelta(days=_ceil_days(value / 1440)), True
    if unit == "month":
        whole = int(value + 1e-9)
        # Half a month is 15 days: "a month and a half" = one month, then 15 days.
        return _add_months(today, whole) + timedelta(days=_ceil_days((value - whole) * 30)), False
    # Business days skip weekends and the policy country's holidays.
    years = 2 + int(value) // 250
    calendar_ = _business_calendar(policy.holiday_country, policy.holiday_subdiv, today.year, years)
    due = np.busday_offset(np.datetime64(today, "D"), _ceil_days(value), roll="forward", busdaycal=calendar_)
    return due.astype(object), False


@functools.lru_cache(maxsize=256)
def _business_calendar(country: str, subdiv: str | None, first_year: int, years: int) -> np.busdaycalendar:
    days = [d for y in range(first_year, first_year + years) for d in _holiday_table(country, subdiv, y)]
    return np.busdaycalendar(holidays=np.array(days, dtype="datetime64[D]"))


def _num(text: str, policy: DeadlinePolicy) -> float:
    return g.number_value(text, policy.few, policy.several, policy.couple)


def _rule_duration(m, today, policy):
    if m["d_hunit"]:
        value, unit = 0.5, m["d_hunit"]
    else:
        value, unit = _num(m["d_num"], policy) + (0.5 if m["d_half"] else 0), m["d_unit"]
    if value <= 0:
        raise Unreadable("gives no time", "a deadline of zero length is not a deadline")
    due, relative = _length_days(today, value, unit, policy)
    return "duration", "duration", due, due, relative and g.UNITS[unit][0] in _RELATIVE_UNITS, None, False, False


def _rule_range(m, today, policy):
    a = _num(m["r_a"], policy) + (0.5 if m["r_ahalf"] else 0)
    b = _num(m["r_b"], policy) + (0.5 if m["r_bhalf"] else 0)
    lo, rel_a = _length_days(today, a, m["r_aunit"] or m["r_bunit"], policy)
    hi, rel_b = _length_days(today, b, m["r_bunit"], policy)
    return _range_target(lo, hi, rel_a and rel_b, "range", bool(m["r_between"]), m, today)


def _rule_range_or_n(m, today, policy):
    lo, rel = _length_days(today, _num(m["ro_a"], policy), m["ro_unit"], policy)
    hi, _ = _length_days(today, _num(m["ro_b"], policy), m["ro_unit"], policy)
    return _range_target(lo, hi, rel, "range", False, m, today)


def _range_target(lo, hi, relative, rule, between, m, today):
    if hi < lo:
        raise Unreadable("runs backwards", "its longer end comes first; say the shorter length first")
    if lo == today:
        raise Unreadable("gives no time", "a range must start after the day it was said")
    return "range", rule, lo, hi, relative, None, False, between


def _rule_vague(m, today, policy):
    family = g.VAGUE[m["v_text"]]
    due = today + timedelta(days=policy.horizon(family))
    return "vague", f"vague_{family}", due, due, True, family, False, False


def _rule_open(m, today, policy):
    return "open", "open", None, None, True, None, False, False


def _rule_relative_day(m, today, policy):
    word = m["rd"]
    offset = 2 if "after" in word else 1 if "tomorrow" in word else 0
    day = today + timedelta(days=offset)
    return "date", "relative_day", day, day, True, None, False, False


def _rule_iso_date(m, today, policy):
    day = _safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    return "date", "iso_date", day, day, False, None, False, False


def _rule_numeric_date(m, today, policy):
    a, b = int(m["nd_a"]), int(m["nd_b"])
    month, day = (a, b) if policy.numeric_date_order == "mdy" else (b, a)
    if m["nd_y"]:
        year = int(m["nd_y"])
        year += 2000 if year < 100 else 0
        result = _safe_date(year, month, day)
    else:
        if not 1 <= month <= 12:
            raise Unreadable("is not a real date", f"{month} is not a month ({policy.numeric_date_order} order)")
        result = _next_month_day(month, day, today)
    return "date", "numeric_date", result, result, False, None, False, False


def _calendar_day(month: int, day: int, year_spec, weekday, today, rule):
    year = _year_of(year_spec, today)
    result = _safe_date(year, month, day) if year else _next_month_day(month, day, today)
    _check_weekday(weekday, result)
    return "date", rule, result, result, False, None, False, False


def _rule_month_day(m, today, policy):
    return _calendar_day(g.MONTHS[m["md_m"]], g.ordinal_value(m["md_d"]), m["md_y"], m["md_wd"], today, "month_day")


def _rule_day_month(m, today, policy):
    return _calendar_day(g.MONTHS[m["dm_m"]], g.ordinal_value(m["dm_d"]), m["dm_y"], m["dm_wd"], today, "day_month")


def _rule_day_of_month(m, today, policy):
    day = g.ordinal_value(m["do_d"])
    if not 1 <= day <= 31:
        raise Unreadable("is not a real date", f"no month has a day {day}")
    if m["do_rel"] == "next":
        first = _add_months(today.replace(day=1), 1)
        result = _safe_date(first.year, first.month, day)
    else:
        result = None
        first = today.replace(day=1)
        for k in range(3):
            month = _add_months(first, k)
            if day <= _days_in_month(month.year, month.month) and month.replace(day=day) >= today:
                result = month.replace(day=day)
                break
    _check_weekday(m["do_wd"], result)
    return "date", "day_of_month", result, result, False, None, False, False


def _rule_weekday(m, today, policy):
    wd = g.WEEKDAYS[m["wd"]]
    rel, week = m["wd_rel"], m["wd_week"]
    this_week = _week_start(today, policy)
    in_week = (wd - policy.week_start) % 7
    if week in ("next week", "of next week", "next") or (
        rel in ("next", "the next") and policy.next_weekday == "next_week"
    ):
        result, rule = this_week + timedelta(days=7 + in_week), "next_weekday"
    elif week in ("this week", "of this week"):
        result, rule = this_week + timedelta(days=in_week), "weekday_this_week"
    else:
        result, rule = today + timedelta(days=(wd - today.weekday()) % 7 or 7), "weekday"
        if week in ("week", "after next"):
            # "Friday week", "Friday after next": a week after the coming Friday.
            result, rule = result + timedelta(days=7), "weekday_week_after"
    return "weekday", rule, result, result, False, None, False, False


def _rule_holiday(m, today, policy):
    key, shift = g.HOLIDAYS[m["hol"]]
    year = _year_of(m["hol_y"], today)
    years = [year] if year is not None else [today.year, today.year + 1]
    for y in years:
        day = _holiday(key, y, policy) + timedelta(days=shift)
        lo, hi = _holiday_around(day, m["hol_wk"], policy) if m["hol_wk"] else (day, day)
        if hi >= today or y == years[-1]:
            break
    return "holiday", f"holiday_{key}", lo, hi, False, None, False, False


def _holiday_around(day: date, what: str, policy: DeadlinePolicy) -> tuple[date, date]:
    """'Labor Day weekend' (Saturday-Monday), 'Thanksgiving weekend' (Thursday-Sunday),
    'Christmas week' (its Monday-Sunday week)."""
    if what.strip() == "week":
        first = _week_start(day, policy)
        return first, first + timedelta(days=6)
    weekday = day.weekday()
    if weekday == 0:
        return day - timedelta(days=2), day  # a Monday holiday: Saturday to Monday
    if weekday in (3, 4):
        return day, day + timedelta(days=6 - weekday)  # Thursday or Friday to Sunday
    if weekday in (5, 6):
        return day - timedelta(days=weekday - 5), day + timedelta(days=6 - weekday)
    raise Unreadable(
        "is ambiguous",
        f"{day:%A, %B} {day.day}, {day.year} has no long weekend: the weekend before or after? give the dates",
    )


def _rule_week_of(m, today, policy):
    if m["wo_day"] is not None:
        # "the week of October 20": the Monday-Sunday week (or Saturday-Sunday weekend) of that day.
        anchor = _point(m["wo_day"], today, policy)
        if anchor is None:
            return None
        day = anchor[2]
        if m["wo_what"] == "weekend":
            sat = _week_start(day, policy) + timedelta(days=(5 - policy.week_start) % 7)
            lo, hi = (sat, sat + timedelta(days=1))
        else:
            lo = _week_start(day, policy)
            hi = lo + timedelta(days=6)
        return "span", "week_of", lo, hi, False, None, False, False
    # "the first week of November": days 1-7, the second 8-14, ..., the last the final 7 days.
    ordinal = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
        "last": 0,
        "final": 0,
    }[m["wo_ord"]]
    if m["wo_month"]:
        month = g.MONTHS[m["wo_month"]]
        year = _year_of(m["wo_y"], today)
        firsts = [date(year, month, 1)] if year else [date(today.year + k, month, 1) for k in (0, 1)]
    else:
        this = today.replace(day=1)
        firsts = [_add_months(this, 1)] if m["wo_rel"] == "next" else [this, _add_months(this, 1)]
    for first in firsts:
        end = _month_end(first.year, first.month)
        if m["wo_unit"] == "weekend":
            # The first weekend: the first Saturday of the month and the Sunday after it.
            sats = [first + timedelta(days=(5 - first.weekday()) % 7 + 7 * k) for k in range(5)]
            sats = [d for d in sats if d <= end]
            sat = sats[ordinal - 1] if ordinal else sats[-1]
            lo, hi = sat, sat + timedelta(days=1)
        elif ordinal:
            lo, hi = first + timedelta(days=7 * (ordinal - 1)), first + timedelta(days=7 * ordinal - 1)
        else:
            lo, hi = end - timedelta(days=6), end
        if hi >= today:
            return "span", "month_week", lo, hi, False, None, False, False
    raise _past(repr(m.group(0)))


# --- periods ---------------------------------------------------------------


def _season_span(season: str, year: int, policy: DeadlinePolicy) -> tuple[date, date]:
    index = ("spring", "summer", "autumn", "winter").index(season)
    first = date(year, policy.season_start_months[index], 1)
    last = _add_months(first, 2)
    return first, _month_end(last.year, last.month)


def _period_candidates(m, today, policy):
    """(type, k -> (lo, hi) or None) for the period named: k = 0, 1, 2 are
    successive occurrences for a period without a year."""
    if m["p_month"]:
        month = g.MONTHS[m["p_month"]]
        year = _year_of(m["p_my"], today)
        if year is not None:
            return "month", lambda k: (date(year, month, 1), _month_end(year, month)) if k == 0 else None
        skip = 1 if m["p_mrel"] in ("next", "the next", "the following", "following") else 0

        def month_span(k):
            y = today.year + k
            return date(y, month, 1), _month_end(y, month)

        if skip:
            # "next May": the first May that starts after the day it was said.
            return "month", lambda k: month_span(k + (date(today.year, month, 1) <= today))
        return "month", month_span
    if m["p_year"]:
        year = int(m["p_year"])
        return "year", lambda k: (date(year, 1, 1), date(year, 12, 31)) if k == 0 else None
    if m["p_season"]:
        season = g.SEASONS[m["p_season"]]
        year = _year_of(m["p_sy"], today)
        if year is not None and m["p_sy_end"]:
            # "winter 2026-27": the season that starts in the first year and ends in the second.
            end = int(m["p_sy_end"])
            end += year // 100 * 100 if end < 100 else 0
            if end != year + 1 or season != "winter":
                raise Unreadable(
                    "is not a real season",
                    f"only winter spans two years, and they must follow each other (got {m['p_sy']}-{m['p_sy_end']})",
                )
            return "season", lambda k: _season_span(season, year, policy) if k == 0 else None
        if year is not None:
            if season == "winter" and m["p_sy"][0].isdigit():
                raise Unreadable(
                    "is ambiguous",
                    f"winter {year} could mean early {year} or December {year}; "
                    f"say 'winter {year}-{(year + 1) % 100:02d}', 'early {year}' or 'December {year}'",
                )
            return "season", lambda k: _season_span(season, year, policy) if k == 0 else None
        skip = 1 if m["p_srel"] in ("next", "the next", "the following", "following") else 0

        def season_span(k):
            # Start from the season that began in the previous year (winter spans New Year).
            spans = [_season_span(season, today.year + j, policy) for j in (-1, 0, 1, 2)]
            spans = [s for s in spans if s[1] >= today and (not skip or s[0] > today)]
            return spans[k] if k < len(spans) else None

        return "season", season_span
    if m["p_qn"] or m["p_qord"]:
        n = int(m["p_qn"]) if m["p_qn"] else g.QUARTER_ORD[m["p_qord"]]
        spec = m["p_qy"] or m["p_qy2"]
        year = _year_of(spec, today)

        def quarter_span(k, year=year):
            y = year if year is not None else today.year + k
            first = date(y, 3 * n - 2, 1)
            return first, _month_end(y, 3 * n)

        if year is not None:
            return "quarter", lambda k: quarter_span(0) if k == 0 else None
        return "quarter", quarter_span
    if m["p_hn"] or m["p_hord"]:
        n = int(m["p_hn"]) if m["p_hn"] else 1 if m["p_hord"] == "first" else 2
        year = _year_of(m["p_hy"] or m["p_hy2"], today)

        def half_span(k, year=year):
            y = year if year is not None else today.year + k
            return (date(y, 1, 1), date(y, 6, 30)) if n == 1 else (date(y, 7, 1), date(y, 12, 31))

        if year is not None:
            return "half", lambda k: half_span(0) if k == 0 else None
        return "half", half_span
    if m["p_newyear"]:
        # "early in the new year": the year that begins on the next January 1 after S.
        year = today.year + 1
        return "year", lambda k: (date(year, 1, 1), date(year, 12, 31)) if k == 0 else None
    rel_group = next(
        (name for name in ("p_yrel", "p_qrel", "p_wrel", "p_werel", "p_mnrel", "p_decrel") if m[name] is not None),
        None,
    )
    text = m.group(0)
    rel = (m[rel_group] if rel_group else "this") or "this"
    step = 1 if rel in ("next", "the next", "the following", "following", "the coming", "this coming", "coming") else 0
    if m["p_yafter"] or m["p_wafter"] or m["p_mnafter"]:
        step = 2
    if rel_group == "p_decrel" or text.endswith("decade"):
        start = today.year // 10 * 10 + 10 * step
        return "decade", lambda k: (date(start, 1, 1), date(start + 9, 12, 31)) if k == 0 else None
    if rel_group == "p_qrel" or re.search(r"\bquarter\b", text):
        q0 = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        first = _add_months(q0, 3 * step)
        last = _add_months(first, 2)
        return "quarter", lambda k: (first, _month_end(last.year, last.month)) if k == 0 else None
    if rel_group == "p_werel" or "weekend" in text:
        sat = _week_start(today, policy) + timedelta(days=(5 - policy.week_start) % 7 + 7 * step)
        if sat + timedelta(days=1) < today:
            sat += timedelta(days=7)
        return "weekend", lambda k: (sat, sat + timedelta(days=1)) if k == 0 else None
    # A bare part ("mid-week", "by the middle of the month", "mid-year") is the next
    # one not already over; with "this" or "next" it is that one only.
    roll = 4 if rel_group is None and m["p_part"] is not None else 1
    if rel_group == "p_wrel" or re.search(r"\bweek\b", text):
        first = _week_start(today, policy) + timedelta(days=7 * step)
        return (
            "week",
            lambda k: (first + timedelta(days=7 * k), first + timedelta(days=7 * k + 6)) if k < roll else None,
        )
    if rel_group == "p_mnrel" or re.search(r"\bmonth\b", text):

        def month_span(k):
            first = _add_months(today.replace(day=1), step + k)
            return (first, _month_end(first.year, first.month)) if k < roll else None

        return "month", month_span
    year = today.year + step
    return "year", lambda k: (date(year + k, 1, 1), date(year + k, 12, 31)) if k < roll else None


def _part(kind: str, part: str | None, lo: date, hi: date, today: date, policy: DeadlinePolicy):
    """Select part of a period: thirds for early/mid/late, halves, the last day."""
    if part is None:
        return lo, hi
    if part == "end":
        return hi, hi
    if part == "rest":
        return max(lo, today), hi
    if part in ("first_half", "second_half"):
        if kind in ("year", "half", "quarter", "season") and lo.day == 1:
            months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
            if months % 2 == 0:
                mid_first = _add_months(lo, months // 2)
                return (lo, mid_first - timedelta(days=1)) if part == "first_half" else (mid_first, hi)
        if kind == "month":
            return (lo, lo.replace(day=15)) if part == "first_half" else (lo.replace(day=16), hi)
        n = (hi - lo).days + 1
        cut = lo + timedelta(days=(n + 1) // 2)
        return (lo, cut - timedelta(days=1)) if part == "first_half" else (cut, hi)
    third = {"early": 0, "start": 0, "mid": 1, "late": 2}[part]
    if kind == "month":
        bounds = (1, policy.early_last_day + 1, policy.mid_last_day + 1, _days_in_month(lo.year, lo.month) + 1)
        return lo.replace(day=bounds[third]), lo.replace(day=bounds[third + 1] - 1)
    if kind == "weekend":
        # Two days: early = Saturday, mid = both, late = Sunday.
        return ((lo, lo), (lo, hi), (hi, hi))[third]
    if kind == "half":
        # Six months split by two: early H2 = July-August.
        first = _add_months(lo, 2 * third)
        last = _add_months(first, 1)
        return first, _month_end(last.year, last.month)
    if kind == "decade":
        # The early 2030s = 2030-2033, mid = 2034-2036, late = 2037-2039.
        years = ((0, 3), (4, 6), (7, 9))[third]
        return date(lo.year + years[0], 1, 1), date(lo.year + years[1], 12, 31)
    if kind in ("season", "quarter"):
        # Three-month periods split by month: late summer = August.
        first = _add_months(lo, third)
        return first, _month_end(first.year, first.month)
    if kind == "week":
        # Working-week thirds: early Monday-Tuesday, mid Wednesday-Thursday, late Friday-Sunday.
        cuts = (0, policy.week_early_last_day + 1, policy.week_mid_last_day + 1, 7)
        return lo + timedelta(days=cuts[third]), lo + timedelta(days=cuts[third + 1] - 1)
    if kind == "year":
        bounds = (1, policy.year_early_last_month + 1, policy.year_mid_last_month + 1, 13)
        first = date(lo.year, bounds[third], 1)
        return first, _month_end(lo.year, bounds[third + 1] - 1)
    n = (hi - lo).days + 1
    cuts = (0, n // 3, n - n // 3, n)
    return lo + timedelta(days=cuts[third]), lo + timedelta(days=cuts[third + 1] - 1)


def _rule_period(m, today, policy):
    kind, spans = _period_candidates(m, today, policy)
    part = g.PART_WORDS[m["p_part"]] if m["p_part"] else None
    if m["p_end"]:
        part = "end"
    rule = kind if part is None else f"{kind}_{part}"
    for k in range(4):
        span = spans(k)
        if span is None:
            break
        lo, hi = _part(kind, part, span[0], span[1], today, policy)
        if hi >= today:
            # "by the start of May": by May 1, the first day (see read_normalized).
            first = span[0] if part == "start" and span[0] >= today else None
            return "span", rule, lo, hi, False, None, part == "end", False, first
    raise _past(f"{m.group(0)!r}")


_HANDLERS = {
    "relative_day": _rule_relative_day,
    "iso_date": _rule_iso_date,
    "numeric_date": _rule_numeric_date,
    "holiday": _rule_holiday,
    "month_day": _rule_month_day,
    "day_month": _rule_day_month,
    "day_of_month": _rule_day_of_month,
    "weekday": _rule_weekday,
    "week_of": _rule_week_of,
    "range": _rule_range,
    "range_or_n": _rule_range_or_n,
    "duration": _rule_duration,
    "vague": _rule_vague,
    "open": _rule_open,
    "period": _rule_period,
}

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
    "either": "the later of the two",
}


def _period_name(kind: str, day: date) -> str:
    if kind == "month":
        return f"{day:%B} {day.year}"
    if kind == "year":
        return str(day.year)
    if kind == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    if kind == "half":
        return f"H{1 if day.month <= 6 else 2} {day.year}"
    if kind == "decade":
        return f"the {day.year // 10 * 10}s"
    return f"that {kind}"  # season, week, weekend: their bounds are policy


def _why(w: DueWindow) -> str:
    """Why the due day is that day, in words that agree with the window."""
    rule = w.rule
    if rule.startswith("holiday_"):
        return "" if str(w.due.year) in w.phrase else "the next such holiday on or after the day it was said"
    if rule in _POINT_WHY:
        if rule in ("month_day", "day_month", "numeric_date") and str(w.due.year) in w.phrase:
            return ""
        return _POINT_WHY[rule].format(wd=f"{w.due:%A}")
    kind, _, part = rule.partition("_")
    if kind not in _PERIOD_KINDS or (part and part not in _PARTS):
        return ""
    name = _period_name(kind, w.due)
    if part == "start" and w.due.day == 1 and w.bound in ("by", "until", "within", "starting", "at_least"):
        return f"the first day of {name}"  # "by the start of next year": January 1
    if w.bound in ("starting", "at_least"):
        return f"the first day of {_PART_WORDS[part or None].format(name)}" if w.due == w.earliest else ""
    words = _PART_WORDS[part or None]
    if name.startswith("that ") and part in ("early", "mid", "late"):
        words = f"the {'middle' if part == 'mid' else part + ' part'} of {{}}"  # the middle of that week
    return f"the last day of {words.format(name)}"


# Every rule name parse_deadline can report (docs/deadlines.md lists them).
_PERIOD_KINDS = ("month", "year", "season", "quarter", "half", "week", "weekend", "decade")
_PARTS = ("early", "start", "mid", "late", "end", "rest", "first_half", "second_half")
RULE_NAMES = tuple(
    [
        "duration",
        "range",
        "either",
        "relative_day",
        "iso_date",
        "numeric_date",
        "month_day",
        "day_month",
        "day_of_month",
        "weekday",
        "next_weekday",
        "weekday_this_week",
        "weekday_week_after",
        "offset_from_day",
        "month_week",
        "week_of",
        "open",
    ]
    + [f"vague_{family}" for family in g.VAGUE_FAMILIES]
    + [f"holiday_{key}" for key in sorted({k for k, _ in g.HOLIDAYS.values()})]
    + list(_PERIOD_KINDS)
    + [f"{kind}_{part}" for kind in _PERIOD_KINDS for part in _PARTS]
)


def _target(core: str, today: date, policy: DeadlinePolicy, memo: dict | None = None):
    """What the core names: (kind, rule, lo, hi, relative, family, end_point,
    between, first), or None if no rule reads it."""
    target = _target8(core, today, policy, memo)
    if target is not None and len(target) == 8:
        return target + (None,)
    return target


def _point(core: str, today: date, policy: DeadlinePolicy):
    """A single day named by a date, weekday or holiday target, or None."""
    target = _target(core, today, policy)
    if target is not None and target[0] in ("date", "weekday", "holiday") and target[2] == target[3]:
        return target
    return None


def _target8(core: str, today: date, policy: DeadlinePolicy, memo: dict | None = None):
    if memo is None:
        m = g.CORE.fullmatch(core)
    else:
        key = ("core", core)
        m = memo[key] if key in memo else memo.setdefault(key, g.CORE.fullmatch(core))
    if m is not None:
        return _HANDLERS[m.lastgroup](m, today, policy)
    # "the end of May 10", "the end of Friday": a day's end is that day.
    end_of = _END_OF_DAY.fullmatch(core)
    if end_of is not None:
        day = _point(end_of["day"], today, policy)
        if day is not None:
            return day
    # "a week from Monday", "two weeks after Christmas": a length counted from a day.
    anchored = _ANCHORED.fullmatch(core)
    if anchored is not None:
        anchor = _point(anchored["day"], today, policy)
        if anchor is not None:
            length = _target(anchored["length"], anchor[2], policy)
            if length is not None and length[0] == "duration":
                day = length[3]
                return "date", "offset_from_day", day, day, anchor[4] and length[4], None, False, False
    # "tonight or tomorrow", "Friday or Saturday", "this week or next": two
    # readable targets joined by 'or'/'to' make one range from the first to the last.
    either = _EITHER.fullmatch(core)
    if either is not None:
        first, second = either["a"], either["b"]
        if second in ("next", "the next one"):
            second = re.sub(r"\b(this|the)\b", "next", first, count=1)
        a, b = _target(first, today, policy), _target(second, today, policy)
        if a is None or b is None:
            return None
        if a[0] == "open" or b[0] == "open" or b[3] < a[2]:
            raise Unreadable("runs backwards", "the later time must come second")
        return "range", "either", min(a[2], b[2]), b[3], a[4] and b[4], None, False, False
    return None


_EITHER = re.compile(r"(?:between\s)?(?P<a>.+?)\s(?:or|to|and|through|or\smaybe|or\sperhaps)\s(?P<b>.+)")
_END_OF_DAY = re.compile(r"(?:the\s)?(?:very\s)?end\sof\s(?P<day>.+)")
_ANCHORED = re.compile(r"(?P<length>.+?)\s(?:from|after)\s(?P<day>.+)")
_UNIT_LED = re.compile(rf"(?:{g.UNIT})\s(?:or|to)\s")
_AMBIGUOUS_HINTS = {
    "fiscal": "fiscal years start in different months for different organisations; give the calendar "
    "date, or record your own reading in the entry's deadline_means field",
    "holidays": "'the holidays' may mean Thanksgiving, Christmas or New Year; name the holiday "
    "('by Christmas') or record your own reading in the entry's deadline_means field",
}


_SINGULAR_UNITS = frozenset(
    {"minute", "hour", "day", "week", "fortnight", "month", "quarter", "year", "decade", "business day"}
)


def read_normalized(norm: str, today: date, policy: DeadlinePolicy, memo: dict | None = None):
    """Read a normalised phrase. Returns (earliest, due, latest, kind, bound,
    hedged, vague, rule, relative, has_lead) or raises Unreadable. ``memo``
    (one dict per batch call) keeps the day-independent work per phrase."""
    if memo is None:
        norm, pre_items, core, post_items = _prepare(norm)
    else:
        prepared = memo.get(norm)
        if prepared is None:
            prepared = memo[norm] = _prepare(norm)
        norm, pre_items, core, post_items = prepared
    try:
        return _read_prepared(norm, pre_items, core, post_items, today, policy, memo)
    except (OverflowError, ValueError) as exc:
        # "in 9000 years", or two weeks from 9999-12-25: past the last date a
        # calendar date can hold. A refusal, like any unreadable phrase.
        raise Unreadable("is out of range", f"its window falls outside years 1 to 9999 ({exc})") from None


def _prepare(norm: str):
    """The part of reading that does not depend on the day: refusals, the time of
    day, and the split into lead words, core and trailing words."""
    if not norm:
        raise Unreadable("is empty", "write the deadline as it was said, e.g. 'in two weeks'")
    if g.PAST.search(norm) is not None:
        raise _past("a phrase with 'ago', 'last' or 'since'")
    ambiguous = g.AMBIGUOUS.search(norm) if g.may_be_ambiguous(norm) else None
    if ambiguous is not None:
        raise Unreadable("is ambiguous", _AMBIGUOUS_HINTS[ambiguous.lastgroup])
    if g.may_hold_a_time(norm) and g.TIME_OF_DAY.search(norm) is not None:
        # A time of day on a day means that calendar day: dates have no time of day.
        norm = " ".join(g.TIME_OF_DAY.sub(" ", norm).split())
        if g.PREFIX_ONLY.fullmatch(norm) is not None:
            norm = f"{norm} today".lstrip()  # "by midnight", "by close of business": today
    split = g.SPLIT.fullmatch(norm)
    pre, core, post = split["pre"], split["core"], split["post"]
    pre_items = g.PREFIX_ITEM.findall(pre) if pre else []
    post_items = g.SUFFIX_ITEM.findall(post) if post else []
    return norm, pre_items, core, post_items


def _read_prepared(norm, pre_items, core, post_items, today, policy, memo, _day_after=False):
    lead_next = any(g.PREFIX_WORDS[w][0] == "lead_next" for w in pre_items)
    if core == "one day" and not pre_items:
        target = _target("someday", today, policy)  # "one day" alone means someday
    elif core in _SINGULAR_UNITS and lead_next or core in ("the hour", "the next hour"):
        # "in the next month", "over the coming week", "within the hour": one unit,
        # not the calendar month.
        target = _target("1 " + core.split()[-1], today, policy)
    elif lead_next and _UNIT_LED.match(core):
        target = _target("a " + core, today, policy)  # "the next day or two"
    elif core in ("the new year", "new year") and pre_items[-1:] == ["in"]:
        target = _target("early the new year", today, policy)  # "in the new year": early next year
    else:
        target = _target(core, today, policy, memo)
    if target is None:
        # Give words back to the core: "at once" is a core, not "at" + "once";
        # "sooner or later" is not "sooner" + "or later".
        for i in range(len(pre_items) + 1):
            for j in range(len(post_items) + 1):
                if i == len(pre_items) and j == 0:
                    continue
                candidate = " ".join(pre_items[i:] + [core] + post_items[:j])
                target = _target(candidate, today, policy)
                if target is not None:
                    pre_items = pre_items[:i]
                    post_items = post_items[j:]
                    break
            if target is not None:
                break
        else:
            event = g.EVENT_ANCHORED.search(norm)
            if event is not None:
                what = (event["event"] or event["event2"] or "").strip(" of")
                what = f"{what!r}, which is not a date" if what else "an event it does not name"
                raise Unreadable(
                    "is counted from an event ledger cannot date",
                    f"it counts from {what}; ledger does not guess when that was; record your own reading "
                    "in the entry's deadline_means field (e.g. 'deadline_means: by April 30, 2025')",
                )
            raise Unreadable()
    kind, rule, lo, hi, relative, family, end_point, between, first = target
    over = "over" in pre_items or "over the course of" in pre_items

    bound = None
    hedged = shrink = from_now = at_earliest = False
    for word in pre_items:
        role, value = g.PREFIX_WORDS[word]
        if role == "lead" or role == "lead_next":
            bound = value
        elif role == "shrink_lead":
            bound, shrink = value, True
        elif role == "hedge":
            hedged = True
        elif role == "shrink":
            shrink = True
    for word in post_items:
        role = g.SUFFIX_WORDS[word][0]
        if role == "hedge":
            hedged = True
        elif role == "shrink":
            shrink = True
        elif role == "from_now":
            from_now = True
        elif role == "hedge_from_now":
            hedged = from_now = True
        elif role == "at_earliest":
            at_earliest = True
    has_lead = bound is not None
    if at_earliest:
        bound = "at_least"

    if kind == "open":
        if bound == "after":
            raise Unreadable("names no time", "'after' needs a time, e.g. 'after Christmas'")
        return today, None, None, "open", "within", hedged, False, rule, True, has_lead

    if bound == "after":
        # Only a start: not before the day after the target, with no due date.
        return hi + timedelta(days=1), None, None, "open", "after", hedged, False, f"after_{rule}", relative, True

    if kind in ("duration", "range", "vague"):
        length = (hi - today).days
        if from_now:
            earliest, due, bound = lo, hi, "on"
        elif bound == "starting":
            earliest = due = lo
        elif bound == "at_least":
            earliest, due = lo, hi
        else:
            earliest, due = (lo if between else today), hi
            bound = "within" if bound in (None, "in", "by", "before", "until", "on") else bound
        latest = due
        if bound == "at_least":
            latest = today + timedelta(days=_ceil_days(policy.at_least_factor * length))
        elif hedged and not shrink and kind != "vague" and bound != "starting":
            latest = today + timedelta(days=_ceil_days(policy.hedge_factor * length))
        return earliest, due, latest, kind, bound, hedged, kind == "vague", rule, relative, has_lead

    # Calendar targets: a hedge flags them but never moves them.
    point = lo == hi
    if end_point and bound in (None, "on", "in"):
        bound = "by"  # "the end of the month", "at year-end": up to that last day
    if bound is None:
        bound = "around" if hedged else ("on" if point else "in")
    elif bound == "on" and not point or bound == "within" and over:
        bound = "in"  # "at the start of next year", "over the summer": somewhere inside it
    if bound in ("on", "in", "around"):
        earliest, due = (lo, lo) if point else (max(lo, today), hi)
    elif bound in ("within", "by", "until"):
        # "by the start of next year" is by its first day, not by the end of early next year.
        earliest, due = today, (first if first is not None else hi)
    elif bound == "before":
        earliest = today
        due = hi if end_point else lo - timedelta(days=1) if policy.before_is_exclusive else lo
        if due < today and not _day_after:
            # Said on the day itself ("before Thanksgiving" on Thanksgiving): the
            # next one is meant. Read it as from the day after; a target with its
            # own year stays in the past and is refused below.
            later = _read_prepared(norm, pre_items, core, post_items, today + timedelta(days=1), policy, memo, True)
            return (today, *later[1:])
        if due < today:
            raise _past("the day before it")
    else:  # starting, at_least: it begins then
        earliest = due = max(lo, today)
    if due < today:
        raise _past()
    return earliest, due, due, kind, bound, hedged, False, rule, relative, has_lead


def _error_span(phrase: str) -> tuple[int, int]:
    """Span of the words the grammar does not know, or the whole phrase."""
    unknown = [
        (m.start(), m.end())
        for m in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", phrase)
        if m.group().lower().replace("'", "").replace("’", "") not in g.VOCABULARY
        and not m.group().isdigit()
        and not re.fullmatch(r"\d+(?:st|nd|rd|th)|[qh][1-4]", m.group().lower())
    ]
    if unknown:
        return unknown[0][0], unknown[-1][1]
    stripped = phrase.strip()
    start = phrase.find(stripped) if stripped else 0
    return start, start + len(stripped)


def _raise(phrase: str, problem: Unreadable):
    raise DeadlineError(phrase, _error_span(phrase), problem.hint, problem.problem) from None


def check_args(phrase, stated_on, policy):
    if not isinstance(phrase, str):
        raise TypeError(f"'phrase' must be a str (got {phrase!r})")
    if not isinstance(stated_on, date) or isinstance(stated_on, datetime):
        raise TypeError(f"'stated_on' must be a datetime.date (got {stated_on!r})")
    if not isinstance(policy, DeadlinePolicy):
        raise TypeError(f"'policy' must be a DeadlinePolicy (got {policy!r})")


def parse_deadline(phrase: str, stated_on: date, *, policy: DeadlinePolicy = DEFAULT_POLICY) -> DueWindow:
    """Read one deadline phrase said on ``stated_on`` into a :class:`DueWindow`.

    Raises :class:`DeadlineError` (a ``ValueError``) for text that is not a
    deadline, or that points to the past.

    >>> w = parse_deadline("10 or 12 days", date(2025, 10, 16))
    >>> (w.earliest.isoformat(), w.due.isoformat(), w.kind, w.rule)
    ('2025-10-16', '2025-10-28', 'range', 'range')
    """
    check_args(phrase, stated_on, policy)
    try:
        r = read_normalized(g.normalize(phrase), stated_on, policy)
    except Unreadable as problem:
        _raise(phrase, problem)
    return DueWindow._trusted(phrase, stated_on, *r[:8])


# --------------------------------------------------------------------------
# Batch: one row per commitment, each distinct phrase read once.
# --------------------------------------------------------------------------

_EPOCH = date(1970, 1, 1)
_LAST_DAY = (date(9999, 12, 31) - _EPOCH).days
_BATCH_COLUMNS = ("earliest", "due", "latest", "kind", "bound", "hedged", "vague", "rule", "error")


def _phrase_codes(phrases):
    """(codes, uniques) for the phrases column, without a Python string per row when
    it is already dictionary-encoded (pandas.Categorical, pyarrow dictionary arrays).
    A missing phrase gets the code of a trailing ``None`` unique."""
    import pandas as pd

    categories = codes = None
    if isinstance(phrases, pd.Series) and isinstance(phrases.dtype, pd.CategoricalDtype):
        phrases = phrases.array
    if isinstance(phrases, pd.Categorical):
        codes, categories = np.asarray(phrases.codes), list(phrases.categories)
    else:
        try:
            import pyarrow as pa
        except ImportError:  # pragma: no cover - pyarrow is a dependency
            pa = None
        if pa is not None and isinstance(phrases, pa.ChunkedArray) and pa.types.is_dictionary(phrases.type):
            phrases = phrases.unify_dictionaries()
            dictionary = phrases.chunk(0).dictionary if phrases.num_chunks else pa.array([], pa.string())
            indices = [chunk.indices for chunk in phrases.chunks]
            phrases = pa.DictionaryArray.from_arrays(
                pa.concat_arrays(indices) if indices else pa.array([], phrases.type.index_type), dictionary
            )
        if pa is not None and isinstance(phrases, pa.DictionaryArray):
            codes = phrases.indices.fill_null(-1).to_numpy(zero_copy_only=False)
            categories = phrases.dictionary.to_pylist()
    if codes is None:
        return pd.factorize(np.asarray(phrases, dtype=object), use_na_sentinel=False)
    codes = codes.astype(np.int64)
    if (codes < 0).any():
        codes[codes < 0] = len(categories)
        categories.append(None)
    return codes, categories


# Rules whose window depends on the day said only through its weekday: a week or a
# weekday counted from the day said. deadline_windows reads them once per weekday.
_WEEKLY_RULES = frozenset(
    ["weekday", "next_weekday", "weekday_this_week", "weekday_week_after", "week", "weekend"]
    + [f"{kind}_{part}" for kind in ("week", "weekend") for part in _PARTS]
)


def deadline_windows(phrases, stated_on, *, policy: DeadlinePolicy = DEFAULT_POLICY):
    """Due windows for many commitments at once, as a pandas DataFrame.

    One row per input, in order, with columns earliest, due, latest
    (``datetime64[s]``, NaT where none), kind, bound, rule (categorical), hedged,
    vague (bool) and error (None, or the DeadlineError message: bad phrases never
    raise here). ``phrases`` is a sequence or numpy array of strings, a
    ``pandas.Categorical`` (or categorical Series), or a pyarrow dictionary array
    (``DictionaryArray`` or a ``ChunkedArray`` of dictionary type): for the last
    two the codes are used directly, with no Python string per row.
    ``stated_on`` is a sequence of dates (or one date for all).

    Each distinct phrase is read once. Windows that are pure offsets from the day
    it was said are shifted with numpy; windows that depend on the day only
    through its weekday (weekdays, weeks, weekends) are read once per weekday and
    shifted; the rest are read once per distinct (phrase, day), sharing the
    day-independent work.

    >>> df = deadline_windows(["two weeks", "by May", "fortnightish"],
    ...                       [date(2025, 10, 16)] * 3)
    >>> df["due"].dt.date.tolist()[:2], df["error"].notna().tolist()
    ([datetime.date(2025, 10, 30), datetime.date(2026, 5, 31)], [False, False, True])
    >>> import pandas as pd
    >>> deadline_windows(pd.Categorical(["by Friday", "soon"]), date(2025, 10, 16))["due"].dt.day.tolist()
    [17, 15]
    """
    import pandas as pd

    columns = window_columns(phrases, stated_on, policy)
    error = np.full(len(columns.kind), None, dtype=object)
    for row, message in columns.errors.items():
        error[row] = message

    return pd.DataFrame(
        {
            "earliest": datetimes(columns.earliest),
            "due": datetimes(columns.due),
            "latest": datetimes(columns.latest),
            "kind": pd.Categorical.from_codes(columns.kind, categories=list(WINDOW_KINDS)),
            "bound": pd.Categorical.from_codes(columns.bound, categories=list(BOUNDS)),
            "hedged": columns.hedged,
            "vague": columns.vague,
            "rule": pd.Categorical.from_codes(columns.rule, categories=list(RULE_CODES)),
            "error": error,
        }
    )


def window_columns(phrases, stated_on, policy: DeadlinePolicy) -> WindowColumns:
    """``deadline_windows`` as plain columns (see ``WindowColumns``), for callers that need no DataFrame."""
    if not isinstance(policy, DeadlinePolicy):
        raise TypeError(f"'policy' must be a DeadlinePolicy (got {policy!r})")
    codes, uniques = _phrase_codes(phrases)
    n = len(codes)
    if isinstance(stated_on, date) and not isinstance(stated_on, datetime):
        days = np.full(n, (stated_on - _EPOCH).days, dtype=np.int64)
    else:
        raw = np.asarray(stated_on)
        if raw.dtype == object:
            if not all(isinstance(d, date) for d in raw):
                raise TypeError("'stated_on' must hold dates (datetime.date or datetime64[D])")
            raw = raw.astype("datetime64[D]")
        days = raw.astype("datetime64[D]").astype(np.int64)
        if len(days) != n:
            raise ValueError(f"'phrases' and 'stated_on' must have the same length (got {n} and {len(days)})")
    if n and days.min() < -719162 + 1:  # NaT or before year 1
        raise ValueError("'stated_on' must not contain missing dates (NaT)")

    rule_index = {name: j for j, name in enumerate(RULE_CODES)}
    kind_index = {name: j for j, name in enumerate(WINDOW_KINDS)}
    bound_index = {name: j for j, name in enumerate(BOUNDS)}
    memo: dict = {}

    def encode(r, day):
        """One read as (e, d, l offsets from day, kind, bound, rule, hedged, vague, error)."""
        if isinstance(r, str):
            return (NAT, NAT, NAT, -1, -1, -1, False, False, r)
        rel = lambda x: NAT if x is None else (x - day).days
        return (
            rel(r[0]),
            rel(r[1]),
            rel(r[2]),
            kind_index[r[3]],
            bound_index[r[4]],
            rule_index.get(r[7], -1),
            bool(r[5]),
            bool(r[6]),
            None,
        )

    def read(index, day):
        try:
            return read_normalized(norms[index], day, policy, memo)
        except Unreadable as problem:
            try:
                _raise(uniques[index], problem)
            except DeadlineError as exc:
                return str(exc)

    # Per distinct phrase: 0 relative (one read shifted), 1 per (phrase, day),
    # 2 error whatever the day, 3 weekly (seven reads, one per weekday).
    u = len(uniques)
    status = np.zeros(u, dtype=np.int8)
    per_phrase = [None] * u  # encoded read for status 0 and 2
    weekly = {}  # index -> seven encoded reads, Monday first
    ref = date(2001, 1, 1)  # a Monday
    norms = [None] * u
    for i, phrase in enumerate(uniques):
        if not isinstance(phrase, str):
            status[i] = 2
            per_phrase[i] = encode(f"'phrase' must be a str (got {phrase!r})", ref)
            continue
        norms[i] = g.normalize(phrase)
        try:
            _prepare(norms[i])
        except Unreadable:
            status[i], per_phrase[i] = 2, encode(read(i, ref), ref)  # refused whatever the day
            continue
        r = read(i, ref)
        if isinstance(r, str):
            status[i] = 1  # an error may depend on the day (a past date)
        elif r[8]:
            per_phrase[i] = encode(r, ref)
        elif r[7].removeprefix("after_") in _WEEKLY_RULES:
            status[i] = 3
            weekly[i] = [encode(read(i, ref + timedelta(days=k)), ref + timedelta(days=k)) for k in range(7)]
        else:
            status[i] = 1

    # Every row points at one encoded read (an entry) and the day its offsets
    # count from; each column is then one gather over all rows.
    entries: list = [t if t is not None else encode("", ref) for t in per_phrase]
    entry = codes.astype(np.int64)  # status 0 and 2 rows: their phrase's own read
    anchor = days.copy()

    status_row = status[codes]
    rows = np.flatnonzero(status_row == 3)
    if len(rows):
        order = sorted(weekly)
        slot = np.full(u, -1, dtype=np.int64)
        slot[order] = len(entries) + 7 * np.arange(len(order))
        entries += [weekly[i][k] for i in order for k in range(7)]
        weekday = (days[rows] + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
        entry[rows] = slot[codes[rows]] + weekday

    rows = np.flatnonzero(status_row == 1)
    if len(rows):
        key = codes[rows].astype(np.int64) * (1 << 32) + (days[rows] + (1 << 31))
        pair_keys, inverse = np.unique(key, return_inverse=True)
        pair_days = (pair_keys & ((1 << 32) - 1)) - (1 << 31)
        month_rules = frozenset(rule_index[name] for name in ("duration", "range"))
        entry[rows] = len(entries) + inverse.reshape(-1)
        entries += _read_pairs(pair_keys >> 32, pair_days, read, encode, month_rules)

    table = np.array([t[:8] for t in entries], dtype=np.int64).reshape(-1, 8)

    def dates(j):
        offsets = table[:, j][entry]
        return np.where(offsets == NAT, NAT, anchor + offsets)

    earliest, due, latest = dates(0), dates(1), dates(2)
    # Codes in the smallest type that holds them: pandas keeps categorical codes as int8 anyway.
    row_kind = table[:, 3].astype(np.int8)[entry]
    row_bound = table[:, 4].astype(np.int8)[entry]
    row_rule = table[:, 5].astype(np.int16)[entry]  # more rules than int8 holds
    hedged, vague = table[:, 6].astype(bool)[entry], table[:, 7].astype(bool)[entry]
    failed = np.array([t[8] is not None for t in entries], dtype=bool)
    errors = {int(row): entries[entry[row]][8] for row in np.flatnonzero(failed[entry])}

    # Windows shifted with numpy can pass the last date a datetime.date holds.
    too_late = (earliest > _LAST_DAY) | (due > _LAST_DAY) | (latest > _LAST_DAY)
    if too_late.any():
        for col in (earliest, due, latest):
            col[too_late] = NAT
        row_kind[too_late] = row_bound[too_late] = row_rule[too_late] = -1
        hedged[too_late] = vague[too_late] = False
        for row in np.flatnonzero(too_late):
            errors[int(row)] = str(
                DeadlineError(
                    str(uniques[codes[row]]),
                    (0, len(str(uniques[codes[row]]))),
                    "its window falls outside years 1 to 9999",
                    "is out of range",
                )
            )
    return WindowColumns(earliest, due, latest, row_kind, row_bound, row_rule, hedged, vague, errors)


@attrs.frozen
class WindowColumns:
    """Due windows as columns: day numbers since 1970-01-01 (NAT where none), codes into
    WINDOW_KINDS, BOUNDS and RULE_CODES (-1 where none), flags, and the error message of
    each row that has one."""

    earliest: np.ndarray
    due: np.ndarray
    latest: np.ndarray
    kind: np.ndarray
    bound: np.ndarray
    rule: np.ndarray
    hedged: np.ndarray
    vague: np.ndarray
    errors: dict


#: The rule names a window column's codes index: every rule, then each as the start of an
#: open window ("after Christmas" is ``after_holiday``).
RULE_CODES = RULE_NAMES + tuple(f"after_{name}" for name in RULE_NAMES)


def _read_pairs(phrase_index: np.ndarray, pair_days: np.ndarray, read, encode, month_rules=frozenset()) -> list:
    """Encoded reads for (phrase, day) pairs sorted by phrase then day.

    Calendar windows move with the day they were said only in steps: "by the
    end of the month" is the same window for every day of a month, "by
    Christmas" for every day up to Christmas. So within one calendar month of
    one phrase, the first and the last day are read; if they give the same
    window (the same due and latest dates, the same kind, bound and rule, and
    an earliest date that is either the day itself for both or the same date
    for both), every day between gets it too. Windows only move forward as
    the day moves forward, so equal ends mean nothing changed in between.
    Lengths counted in calendar months ("in six months", "within a year")
    move every day, but by the same number of days for every day of a month
    up to the 28th (no month is shorter): within a month, if the first day
    and the last day up to the 28th give the same offsets, the days between
    share them; the 29th to the 31st are read one by one.
    Otherwise the month is halved until the ends of each part agree.
    tests/test_deadlines_batch.py checks all this against parse_deadline for
    every day of two years.
    """
    as_days = pair_days.astype("datetime64[D]")
    month = as_days.astype("datetime64[M]").astype(np.int64)
    day_of_month_all = (as_days - as_days.astype("datetime64[M]")).astype(np.int64) + 1
    group = np.flatnonzero(np.diff(phrase_index) | np.diff(month)) + 1
    bounds = np.concatenate(([0], group, [len(pair_days)]))
    table: list = [None] * len(pair_days)
    for a, b in zip(bounds[:-1], bounds[1:]):
        index = int(phrase_index[a])
        first_day = _EPOCH + timedelta(days=int(pair_days[a]))
        first = encode(read(index, first_day), first_day)
        table[a] = first
        if b - a == 1:
            continue
        last_day = _EPOCH + timedelta(days=int(pair_days[b - 1]))
        last = encode(read(index, last_day), last_day)
        table[b - 1] = last
        if b - a > 2 and _same_window(first, int(pair_days[a]), last, int(pair_days[b - 1])):
            for k in range(a + 1, b - 1):
                table[k] = _shift_window(first, int(pair_days[a]), int(pair_days[k]))
            continue
        if first[5] in month_rules and first[8] is None:
            day_of_month = day_of_month_all[a:b]
            upto = a + int(np.searchsorted(day_of_month, 28, side="right"))  # days 1..28 of this group
            if upto - a > 2:
                edge_day = _EPOCH + timedelta(days=int(pair_days[upto - 1]))
                edge = table[upto - 1] or encode(read(index, edge_day), edge_day)
                table[upto - 1] = edge
                if edge == first:  # the same offsets from their own days, and the same rule
                    for k in range(a + 1, upto - 1):
                        table[k] = first
                    for k in range(upto, b - 1):
                        day = _EPOCH + timedelta(days=int(pair_days[k]))
                        table[k] = encode(read(index, day), day)
                    continue
        _fill_between(table, a, b - 1, index, pair_days, read, encode)
    return table


def _fill_between(table: list, lo: int, hi: int, index: int, pair_days: np.ndarray, read, encode) -> None:
    """Fill table[lo + 1 : hi] by bisection, given table[lo] and table[hi].

    A window steps forward at most a few times within a month ("by
    Christmas" said after the 25th means next year's), so halving the span
    until its ends agree finds each step in a few reads instead of one per day.
    """
    spans = [(lo, hi)]
    while spans:
        lo, hi = spans.pop()
        if hi - lo < 2:
            continue
        lo_day, hi_day = int(pair_days[lo]), int(pair_days[hi])
        if _same_window(table[lo], lo_day, table[hi], hi_day):
            for k in range(lo + 1, hi):
                table[k] = _shift_window(table[lo], lo_day, int(pair_days[k]))
            continue
        mid = (lo + hi) // 2
        day = _EPOCH + timedelta(days=int(pair_days[mid]))
        table[mid] = encode(read(index, day), day)
        spans += [(lo, mid), (mid, hi)]


def _same_window(first: tuple, first_day: int, last: tuple, last_day: int) -> bool:
    """Two encoded reads (offsets from their own days) name the same window."""
    if first[8] is not None or last[8] is not None or first[3:8] != last[3:8]:
        return False
    for j in (1, 2):  # due and latest: the same dates, or both missing
        a, b = first[j], last[j]
        if (a == NAT) != (b == NAT) or (a != NAT and first_day + a != last_day + b):
            return False
    # earliest: the day itself for both, or one fixed date for both
    return (first[0] == 0 and last[0] == 0) or first_day + first[0] == last_day + last[0]


def _shift_window(encoded: tuple, from_day: int, to_day: int) -> tuple:
    """The same window, encoded as offsets from another day."""
    earliest = 0 if encoded[0] == 0 else encoded[0] + from_day - to_day
    moved = [earliest] + [o if o == NAT else o + from_day - to_day for o in encoded[1:3]]
    return (*moved, *encoded[3:])


# --------------------------------------------------------------------------
# Finding deadlines in running text
# --------------------------------------------------------------------------
