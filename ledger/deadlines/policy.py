"""Every convention the deadline reader uses, as a named parameter: ``DeadlinePolicy``.

What "soon", "early August" or "next Friday" mean, how much a hedge earns,
which country's holidays count: each is a field here, documented in
docs/deadlines.md, and nothing is a process-wide setting. Pass another policy
to change one (``attrs.evolve(DEFAULT_POLICY, soon_days=21)``).

>>> DEFAULT_POLICY.soon_days, DEFAULT_POLICY.week_start
(30, 0)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["DEFAULT_POLICY", "DeadlinePolicy", "nonneg_int", "one_of"]


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


DEFAULT_POLICY = DeadlinePolicy()
