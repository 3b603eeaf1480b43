"""Every convention the deadline reader uses, as a named parameter: ``DeadlinePolicy``.

What "soon", "early August" or "next Friday" mean, how much a hedge earns,
which country's holidays count: each is a field here, documented in
docs/deadlines.md, and nothing is a process-wide setting. Pass another policy
to change one (``attrs.evolve(DEFAULT_POLICY, soon_days=21)``).

>>> DEFAULT_POLICY.soon_days, DEFAULT_POLICY.week_start
(30, 0)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["DEFAULT_POLICY", "PUBLIC_EVENTS", "PUBLIC_EVENT_KINDS", "DeadlinePolicy", "nonneg_int", "one_of"]

#: The public events ledger can date, each by a rule (dates.public_event_date):
#: US Election Day (the Tuesday after the first Monday of November, every year), the
#: US midterm elections (that day in an even year with no presidential election), the
#: US presidential election (that day in a year divisible by four), and the US
#: presidential inauguration (January 20 after a presidential election year).
PUBLIC_EVENT_KINDS = ("us_election_day", "us_midterms", "us_presidential_election", "us_inauguration")

#: The words that name each public event, as "words=event": the words normalised (lower
#: case, no apostrophes), said after an optional "the", "next", "upcoming", a year or "US".
#: "the election" is not here: it may be a primary, a state or a foreign election (add
#: "election=us_election_day" to your policy if your ledger means Election Day).
PUBLIC_EVENTS: tuple[str, ...] = (
    "general election day=us_election_day",
    "midterms=us_midterms",
    "midterm elections=us_midterms",
    "midterm election=us_midterms",
    "presidential election=us_presidential_election",
    "presidential elections=us_presidential_election",
    "inauguration=us_inauguration",
    "inauguration day=us_inauguration",
    "presidential inauguration=us_inauguration",
)


def nonneg_int(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    """attrs validator: a whole number >= 0 (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{attribute.name!r} must be a whole number >= 0 (got {value!r})")


def _factor(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 10:
        raise ValueError(f"{attribute.name!r} must be a number from 1 to 10 (got {value!r})")


def one_of(*choices: object) -> Callable[[Any, attrs.Attribute, Any], None]:
    """attrs validator: the value is one of ``choices``."""

    def check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        if value not in choices:
            raise ValueError(f"{attribute.name!r} must be one of {choices} (got {value!r})")

    return check


def _event_table(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    for item in value:
        words, _, event = item.partition("=") if isinstance(item, str) else ("", "", "")
        if not words.strip() or "=" not in item:
            raise ValueError(f"{attribute.name!r} must hold 'words=event' strings (got {item!r})")
        if event not in PUBLIC_EVENT_KINDS:
            raise ValueError(
                f"{attribute.name!r}: the event for {words!r} must be one of {PUBLIC_EVENT_KINDS} (got {event!r})"
            )


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
    couple: int = attrs.field(default=2, validator=nonneg_int)
    few: int = attrs.field(default=3, validator=nonneg_int)
    several: int = attrs.field(default=5, validator=nonneg_int)
    # Vague horizons in days, one per family (see docs/deadlines.md for the words).
    immediately_days: int = attrs.field(default=2, validator=nonneg_int)
    imminently_days: int = attrs.field(default=3, validator=nonneg_int)
    coming_days_days: int = attrs.field(default=7, validator=nonneg_int)
    very_soon_days: int = attrs.field(default=14, validator=nonneg_int)
    soon_days: int = attrs.field(default=30, validator=nonneg_int)
    coming_weeks_days: int = attrs.field(default=30, validator=nonneg_int)
    near_future_days: int = attrs.field(default=90, validator=nonneg_int)
    coming_months_days: int = attrs.field(default=180, validator=nonneg_int)
    coming_years_days: int = attrs.field(default=1095, validator=nonneg_int)
    # Thirds of a month: early = 1..early_last_day, mid = ..mid_last_day, late = the rest.
    early_last_day: int = attrs.field(default=10, validator=nonneg_int)
    mid_last_day: int = attrs.field(default=20, validator=nonneg_int)
    # Thirds of a year by month: early = Jan..Apr, mid = May..Aug, late = Sep..Dec.
    year_early_last_month: int = attrs.field(default=4, validator=nonneg_int)
    year_mid_last_month: int = attrs.field(default=8, validator=nonneg_int)
    # Thirds of a week, counted from its first day: early = days 0..1 (Monday-Tuesday),
    # mid = ..3 (Wednesday-Thursday), late = the rest (Friday-Sunday).
    week_early_last_day: int = attrs.field(default=1, validator=one_of(0, 1, 2, 3, 4, 5))
    week_mid_last_day: int = attrs.field(default=3, validator=one_of(1, 2, 3, 4, 5))
    # First day of a week, 0 = Monday ... 6 = Sunday: "next week" is Monday-Sunday.
    week_start: int = attrs.field(default=0, validator=one_of(0, 1, 2, 3, 4, 5, 6))
    # "next Friday": the Friday of next week, or simply the next Friday.
    next_weekday: str = attrs.field(default="next_week", validator=one_of("next_week", "next_occurrence"))
    # Holidays come from the `holidays` package for this country (and subdivision).
    holiday_country: str = attrs.field(default="US", validator=attrs.validators.instance_of(str))
    holiday_subdiv: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    # First month of spring, summer, autumn, winter (meteorological, northern hemisphere).
    season_start_months: tuple[int, int, int, int] = attrs.field(default=(3, 6, 9, 12), converter=tuple)
    # "southern": each season starts six months later (summer = December-February).
    hemisphere: str = attrs.field(default="northern", validator=one_of("northern", "southern"))
    # Public events a phrase may be anchored on ("by the midterms", "100 days after the
    # inauguration"): "words=event" strings, the event one of PUBLIC_EVENT_KINDS.
    public_events: tuple[str, ...] = attrs.field(default=PUBLIC_EVENTS, converter=tuple, validator=_event_table)
    # 10/11/2025 is October 11 ("mdy", US newsrooms) or 10 November ("dmy").
    numeric_date_order: str = attrs.field(default="mdy", validator=one_of("mdy", "dmy"))
    # "before Friday" means by Thursday (True) or by Friday (False).
    before_is_exclusive: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))

    def horizon(self, family: str) -> int:
        """Days a vague family ("soon", "coming_days", ...) gives.

        >>> DEFAULT_POLICY.horizon("soon")
        30
        """
        days: int = getattr(self, f"{family}_days")
        return days

    def event_of(self, words: str) -> str | None:
        """The public event (one of PUBLIC_EVENT_KINDS) normalised words name, or None.

        >>> DEFAULT_POLICY.event_of("midterms"), DEFAULT_POLICY.event_of("merger")
        ('us_midterms', None)
        """
        return _event_index(self.public_events).get(words)

    def season_starts(self) -> tuple[int, int, int, int]:
        """First month of spring, summer, autumn and winter in the policy's hemisphere.

        >>> DeadlinePolicy(hemisphere="southern").season_starts()
        (9, 12, 3, 6)
        """
        if self.hemisphere == "northern":
            return self.season_start_months
        a, b, c, d = ((month + 5) % 12 + 1 for month in self.season_start_months)
        return a, b, c, d


@functools.lru_cache(maxsize=16)
def _event_index(table: tuple[str, ...]) -> dict[str, str]:
    return dict(item.partition("=")[::2] for item in table)


DEFAULT_POLICY = DeadlinePolicy()
