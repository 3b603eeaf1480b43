"""The rules: what the core of a phrase names, as a ``Target``, and every rule's name.

The core is what is left of a phrase once its lead words ("by", "within") and
trailing words ("or so", "from now") are set aside: "two weeks", "early
August", "Christmas". ``read_core`` matches it against ``grammar.CORE``, whose
top-level groups are the rules, and calls the rule's handler; three forms
are built from two readable pieces ("a week from Monday", "Friday or
Saturday", "the end of May 10"). The reader then applies the lead and
trailing words to the target to make the window.

>>> from ledger.deadlines.policy import DEFAULT_POLICY
>>> read_core("two weeks", date(2025, 10, 16), DEFAULT_POLICY)[:4]
('duration', 'duration', datetime.date(2025, 10, 30), datetime.date(2025, 10, 30))
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from ledger.core.words import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, WEEKDAYS
from ledger.deadlines.dates import (
    add_months,
    check_weekday,
    days_in_month,
    holiday,
    holiday_around,
    house_date,
    length_end,
    month_end,
    next_month_day,
    next_public_event,
    nth_weekday,
    safe_date,
    week_start,
    year_of,
)
from ledger.deadlines.errors import Unreadable, past
from ledger.deadlines.grammar import CORE, MONTH, ORDINAL_WORD, WEEKDAY, YEAR_SPEC, number_value, ordinal_value
from ledger.deadlines.lexicon import (
    DOCUMENTS,
    HOLIDAYS,
    LEAD_ROLES,
    PART_WORDS,
    PREFIX_WORDS,
    SPELLINGS,
    VAGUE,
    VAGUE_FAMILIES,
)
from ledger.deadlines.periods import PARTS, PERIOD_KINDS, part_of, period_spans
from ledger.deadlines.policy import PUBLIC_EVENT_KINDS, DeadlinePolicy

__all__ = ["BASE_RULES", "RULE_NAMES", "CoreMatches", "Target", "check_leads", "read_core", "read_point"]


class Target(NamedTuple):
    """What the core of a phrase names, before its lead and trailing words are applied."""

    #: A window kind (``WINDOW_KINDS``); "duration", "range" and "vague" are lengths.
    kind: str
    #: The rule that fired (one of ``BASE_RULES``).
    rule: str
    #: The first and last day named: a day (lo == hi), a period, or for a length
    #: the day said plus its shorter and longer end. An open target has the day said.
    lo: date
    hi: date
    #: The window is a pure offset from the day said (moving that day by k moves it by k).
    relative: bool
    #: The target is the last day of a period ("the end of May"): read as "by" that day.
    end_point: bool = False
    #: A range said with "between" ("between 30 and 45 days") starts at its shorter end.
    between: bool = False
    #: "the start of May": the period's first day, which "by" aims at (None otherwise).
    first: date | None = None


#: Matches of grammar.CORE by core text, kept across the reads of one batch (the match
#: does not depend on the day said).
CoreMatches = dict[str, re.Match[str] | None]

Handler = Callable[[re.Match[str], date, DeadlinePolicy], Target | None]


def _num(text: str, policy: DeadlinePolicy) -> float:
    return number_value(text, policy.few, policy.several, policy.couple)


# --- lengths ----------------------------------------------------------------


def _rule_duration(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    if m["d_hunit"]:
        value, unit = 0.5, m["d_hunit"]
    else:
        value, unit = _num(m["d_num"], policy) + (0.5 if m["d_half"] else 0), m["d_unit"]
    if value <= 0:
        raise Unreadable("gives no time", "a deadline of zero length is not a deadline")
    due, relative = length_end(said_on, value, unit, policy)
    return Target("duration", "duration", due, due, relative)


def _rule_range(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    a = _num(m["r_a"], policy) + (0.5 if m["r_ahalf"] else 0)
    b = _num(m["r_b"], policy) + (0.5 if m["r_bhalf"] else 0)
    lo, rel_a = length_end(said_on, a, m["r_aunit"] or m["r_bunit"], policy)
    hi, rel_b = length_end(said_on, b, m["r_bunit"], policy)
    return _range(lo, hi, rel_a and rel_b, bool(m["r_between"]), said_on)


def _rule_range_or_n(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    lo, relative = length_end(said_on, _num(m["ro_a"], policy), m["ro_unit"], policy)
    hi, _ = length_end(said_on, _num(m["ro_b"], policy), m["ro_unit"], policy)
    return _range(lo, hi, relative, False, said_on)


def _range(lo: date, hi: date, relative: bool, between: bool, said_on: date) -> Target:
    if hi < lo:
        raise Unreadable("runs backwards", "its longer end comes first; say the shorter length first")
    if lo == said_on:
        raise Unreadable("gives no time", "a range must start after the day it was said")
    return Target("range", "range", lo, hi, relative, between=between)


def _rule_vague(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    family = VAGUE[m["v_text"]]
    due = said_on + timedelta(days=policy.horizon(family))
    return Target("vague", f"vague_{family}", due, due, True)


def _rule_open(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    return Target("open", "open", said_on, said_on, True)


# --- days -------------------------------------------------------------------


def _rule_relative_day(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    word = m["rd"]
    # "after tomorrow", not "after": "this afternoon" is today.
    offset = 2 if "after tomorrow" in word else 1 if "tomorrow" in word else 0
    day = said_on + timedelta(days=offset)
    return Target("date", "relative_day", day, day, True)


def _rule_iso_date(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    day = safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    return Target("date", "iso_date", day, day, False)


def _rule_numeric_date(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    return _numeric_date(m["nd_a"], m["nd_b"], m["nd_y"], said_on, policy)


def _numeric_date(a_text: str, b_text: str, y_text: str | None, said_on: date, policy: DeadlinePolicy) -> Target:
    """10/31, 2-15, 10/31/2025: month first or day first by ``policy.numeric_date_order``."""
    a, b = int(a_text), int(b_text)
    month, day = (a, b) if policy.numeric_date_order == "mdy" else (b, a)
    if y_text:
        year = int(y_text)
        year += 2000 if year < 100 else 0
        result = safe_date(year, month, day)
    else:
        if not 1 <= month <= 12:
            raise Unreadable("is not a real date", f"{month} is not a month ({policy.numeric_date_order} order)")
        result = next_month_day(month, day, said_on)
    return Target("date", "numeric_date", result, result, False)


def _calendar_day(month: int, day: int, year_spec: str | None, weekday: str | None, said_on: date, rule: str) -> Target:
    year = year_of(year_spec, said_on)
    result = safe_date(year, month, day) if year else next_month_day(month, day, said_on)
    check_weekday(weekday, result)
    return Target("date", rule, result, result, False)


def _rule_month_day(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    return _calendar_day(MONTHS[m["md_m"]], ordinal_value(m["md_d"]), m["md_y"], m["md_wd"], said_on, "month_day")


def _rule_day_month(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    return _calendar_day(MONTHS[m["dm_m"]], ordinal_value(m["dm_d"]), m["dm_y"], m["dm_wd"], said_on, "day_month")


def _rule_day_of_month(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    day = ordinal_value(m["do_d"])
    if not 1 <= day <= 31:
        raise Unreadable("is not a real date", f"no month has a day {day}")
    if m["do_rel"] == "next":
        first = add_months(said_on.replace(day=1), 1)
        result = safe_date(first.year, first.month, day)
    else:
        # The next such day: of two months in a row, one has 31 days, so three always find it.
        for k in range(3):
            month = add_months(said_on.replace(day=1), k)
            if day <= days_in_month(month.year, month.month) and month.replace(day=day) >= said_on:
                result = month.replace(day=day)
                break
        else:  # pragma: no cover - see the comment above
            raise Unreadable("is not a real date", f"no month soon has a day {day}")
    if m["do_wd"] is not None and WEEKDAYS[m["do_wd"]] != result.weekday():
        _weekday_mismatch(m["do_wd"], day, result)
    return Target("date", "day_of_month", result, result, False)


def _weekday_mismatch(name: str, day: int, result: date) -> None:
    """Refuse "Tuesday the 19th" when the next 19th is not a Tuesday, naming the next one that is.

    The next 19th is what was meant, or the speaker erred: a later month is never guessed.
    """
    wd = WEEKDAYS[name]
    later = next(
        d for k in range(1, 40) if (d := _day_in(add_months(result.replace(day=1), k), day)) and d.weekday() == wd
    )
    raise Unreadable(
        "names a weekday that does not match its date",
        f"the next {result.day}{_suffix(result.day)} is {house_date(result)}, not a {WEEKDAY_NAMES[wd]}; "
        f"the next {WEEKDAY_NAMES[wd]} the {day}{_suffix(day)} is {house_date(later)}: "
        f"if that is meant, write '{MONTH_NAMES[later.month - 1]} {day}'",
    )


def _day_in(first: date, day: int) -> date | None:
    return first.replace(day=day) if day <= days_in_month(first.year, first.month) else None


def _suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _rule_weekday(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    wd = WEEKDAYS[m["wd"]]
    rel, week = m["wd_rel"], m["wd_week"]
    this_week = week_start(said_on, policy)
    in_week = (wd - policy.week_start) % 7
    if week in ("next week", "of next week", "next") or (
        rel in ("next", "the next") and policy.next_weekday == "next_week"
    ):
        result, rule = this_week + timedelta(days=7 + in_week), "next_weekday"
    elif week in ("this week", "of this week"):
        result, rule = this_week + timedelta(days=in_week), "weekday_this_week"
    else:
        result, rule = said_on + timedelta(days=(wd - said_on.weekday()) % 7 or 7), "weekday"
        if week in ("week", "after next"):
            # "Friday week", "Friday after next": a week after the coming Friday.
            result, rule = result + timedelta(days=7), "weekday_week_after"
    return Target("weekday", rule, result, result, False)


def _rule_holiday(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    key, shift = HOLIDAYS[m["hol"]]
    year = year_of(m["hol_y"], said_on)
    years = [year] if year is not None else [said_on.year, said_on.year + 1]
    for y in years:
        day = holiday(key, y, policy) + timedelta(days=shift)
        lo, hi = holiday_around(day, m["hol_wk"], policy) if m["hol_wk"] else (day, day)
        if hi >= said_on or y == years[-1]:
            break
    return Target("holiday", f"holiday_{key}", lo, hi, False)


# --- weeks and periods ------------------------------------------------------

# "the first week of November" .. "the last week of October": the n-th seven days (0 = the last).
_WEEK_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 0, "final": 0,
}  # fmt: skip


def _rule_week_of(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target | None:
    if m["wo_day"] is not None:
        # "the week of October 20": the Monday-Sunday week (or Saturday-Sunday weekend) of that day.
        anchor = read_point(m["wo_day"], said_on, policy)
        if anchor is None:
            return None
        if m["wo_what"] == "weekend":
            lo = week_start(anchor.lo, policy) + timedelta(days=(5 - policy.week_start) % 7)
            hi = lo + timedelta(days=1)
        else:
            lo = week_start(anchor.lo, policy)
            hi = lo + timedelta(days=6)
        return Target("span", "week_of", lo, hi, False)
    # "the first week of November": days 1-7, the second 8-14, ..., the last the final 7 days.
    ordinal = _WEEK_ORDINALS[m["wo_ord"]]
    if m["wo_month"]:
        month = MONTHS[m["wo_month"]]
        year = year_of(m["wo_y"], said_on)
        firsts = [date(year, month, 1)] if year else [date(said_on.year + k, month, 1) for k in (0, 1)]
    else:
        this = said_on.replace(day=1)
        firsts = [add_months(this, 1)] if m["wo_rel"] == "next" else [this, add_months(this, 1)]
    for first in firsts:
        end = month_end(first.year, first.month)
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
        if hi >= said_on:
            return Target("span", "month_week", lo, hi, False)
    raise past(repr(m.group(0)))


def _rule_period(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    spans = period_spans(m, said_on, policy)
    part = PART_WORDS[m["p_part"]] if m["p_part"] else None
    if m["p_end"]:
        part = "end"
    rule = spans.kind if part is None else f"{spans.kind}_{part}"
    for k in range(4):
        span = spans.nth(k)
        if span is None:
            break
        if part == "end" and spans.kind == "week" and span[1] == said_on and m["p_wrel"] in (None, "the"):
            # "by the end of the week" said on its last day means the coming week's end, as
            # "by Friday" said on a Friday means next Friday; "this week" keeps the day said.
            span = (span[0] + timedelta(days=7), span[1] + timedelta(days=7))
        lo, hi = part_of(spans.kind, part, span[0], span[1], said_on, policy)
        if hi >= said_on:
            # "by the start of May": by May 1, the first day (see the reader's "by").
            first = span[0] if part == "start" and span[0] >= said_on else None
            return Target("span", rule, lo, hi, False, end_point=part == "end", first=first)
    raise past(f"{m.group(0)!r}")


#: Each top-level group of grammar.CORE -> the handler that reads its match.
_HANDLERS: dict[str, Handler] = {
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


# --- calendar forms read after the core grammar -------------------------------
# Rarer calendar forms, tried only when grammar.CORE reads nothing, so the common
# path pays nothing for them and no phrase CORE reads changes its reading.


def _words(table: object) -> str:
    """An alternation of normalised words, longest first."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s") for w in sorted(table, key=len, reverse=True))  # type: ignore[call-overload]


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
        "last": 0, "final": 0}  # fmt: skip
_FORMS = re.compile(
    rf"""
      (?:the\s)?(?P<mw_ord>{_words(_NTH)})\s(?P<mw_wd>{WEEKDAY})\s(?:of|in)\s(?:the\s)?   # the first Tuesday of
        (?:(?P<mw_month>{MONTH})(?:\s(?:of\s)?(?P<mw_y>{YEAR_SPEC}))?                  #   October (2026)
          |(?P<mw_rel>this|next|the)\smonth)                                            #   next month
    | (?P<nh_a>\d{{1,2}})-(?P<nh_b>\d{{1,2}})(?:-(?P<nh_y>\d{{4}}|\d{{2}}))?                # 2-15, 2-15-2026
    | (?P<hn_the>the\s)?next\s(?P<hn>{_words(HOLIDAYS)})(?P<hn_wk>\sweekend|\sweek)?     # next Halloween
    | (?P<wdd_wd>{WEEKDAY})\s(?P<wdd_d>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_WORD})            # Tuesday 19th
    | (?P<mdw_md>(?:{MONTH})\s\d{{1,2}}(?:st|nd|rd|th)?)\s(?P<mdw_wd>{WEEKDAY})                   # Jul 18, Fri
    | (?:the\s)?(?P<dn_ord>{ORDINAL_WORD}|\d{{1,2}}(?:st|nd|rd|th)|last|final)\sday\s(?:of|in)\s # the third day of
        (?P<dn_month>{MONTH})(?:\s(?P<dn_y>{YEAR_SPEC}))?                                #   October (2015)
    | (?P<morning>(?:first\sthing\s(?:in\s)?)?the\smorning)                               # (in) the morning
    | (?P<term>(?:the\s)?end\sof\s(?:his|her|my|our|their|your|the|this|its)\s
        (?:(?:current|second|first|present)\s)?(?:term|presidency|administration|mandate|tenure)
      |(?:i|he|she|we|they|you)\s(?:leaves?|step\sdown|steps\sdown)(?:\s(?:office|power))?)   # before I leave office
    | (?:the\s)?(?:(?:next|upcoming|coming)\s)?(?:(?P<ev_y>\d{{4}})\s)?(?:us\s)?(?P<ev>.+)  # the (2026) midterms
    """,
    re.VERBOSE,
)


def _read_form(core: str, said_on: date, policy: DeadlinePolicy) -> Target | None:
    """A calendar form CORE does not read, or None."""
    spelled = SPELLINGS.get(core) or (core.replace(" week end", " weekend") if core.endswith(" week end") else None)
    if spelled is not None:
        return read_core(spelled, said_on, policy)
    m = _FORMS.fullmatch(core)
    if m is None:
        return None
    if m["mw_ord"] is not None:
        return _month_weekday(m, said_on)
    if m["nh_a"] is not None:
        return _numeric_date(m["nh_a"], m["nh_b"], m["nh_y"], said_on, policy)
    if m["hn"] is not None:
        return _next_holiday(m, said_on, policy)
    if m["wdd_wd"] is not None:
        return read_core(f"{m['wdd_wd']} the {m['wdd_d']}", said_on, policy)
    if m["mdw_md"] is not None:
        return read_core(f"{m['mdw_wd']} {m['mdw_md']}", said_on, policy)
    if m["dn_ord"] is not None:
        return _day_by_position(m, said_on)
    if m["morning"] is not None:
        # "in the morning", "first thing in the morning": tomorrow's, as said during a day.
        day = said_on + timedelta(days=1)
        return Target("date", "relative_day", day, day, True)
    if m["term"] is not None:
        raise Unreadable(
            "is counted from an event ledger cannot date",
            "the end of a term depends on whose term and how it ends; record your own reading in the "
            "entry's deadline_means field (e.g. 'deadline_means: by January 20, 2029'), or name a public "
            "event ledger dates ('by the next inauguration')",
        )
    return _public_event(m, said_on, policy)


def _month_weekday(m: re.Match[str], said_on: date) -> Target:
    """'the first Tuesday of October', 'the last Friday in June', 'the second Monday of next month'.

    Without a year, the next one on or after the day said; with "this month" that one only.
    """
    n, weekday = _NTH[m["mw_ord"]], WEEKDAYS[m["mw_wd"]]
    this = said_on.replace(day=1)
    if m["mw_month"]:
        month = MONTHS[m["mw_month"]]
        year = year_of(m["mw_y"], said_on)
        firsts = [date(year, month, 1)] if year else [date(said_on.year + k, month, 1) for k in (0, 1)]
    else:
        rel = m["mw_rel"]
        firsts = [add_months(this, 1)] if rel == "next" else [this] if rel == "this" else [this, add_months(this, 1)]
    ordinal = "last" if n == 0 else m["mw_ord"]
    month_name = f"{MONTH_NAMES[firsts[-1].month - 1]} {firsts[-1].year}"
    for first in firsts:
        if month_end(first.year, first.month) < said_on:
            continue
        day = nth_weekday(first.year, first.month, weekday, n)
        month_name = f"{MONTH_NAMES[first.month - 1]} {first.year}"
        if day is None:
            raise Unreadable("is not a real date", f"{month_name} has no {ordinal} {WEEKDAY_NAMES[weekday]}")
        if day >= said_on:
            return Target("date", "month_weekday", day, day, False)
    raise past(f"the {ordinal} {WEEKDAY_NAMES[weekday]} of {month_name}")


def _day_by_position(m: re.Match[str], said_on: date) -> Target:
    """'the third day of October' is October 3; 'the last day of October 2015' is October 31, 2015."""
    month = MONTHS[m["dn_month"]]
    year = year_of(m["dn_y"], said_on)
    last = m["dn_ord"] in ("last", "final")
    day = 0 if last else ordinal_value(m["dn_ord"])
    if not last and not 1 <= day <= 31:
        raise Unreadable("is not a real date", f"no month has a day {day}")
    for y in [year] if year else [said_on.year, said_on.year + 1]:
        result = month_end(y, month) if last else safe_date(y, month, day)
        if result >= said_on or year:
            return Target("date", "month_day", result, result, False)
    raise past(repr(m.group(0)))  # pragma: no cover - next year's is always ahead


def _next_holiday(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target:
    """'next Halloween': the holiday of the first month (its month) that starts after the day said.

    So "next Halloween" agrees with "next October": said in March it is this year's,
    said in October (before or after the 31st) next year's. "the next Halloween" is
    the coming one, like "the next Friday".
    """
    key, shift = HOLIDAYS[m["hn"]]
    for year in range(said_on.year, said_on.year + 3):
        day = holiday(key, year, policy) + timedelta(days=shift)
        lo, hi = holiday_around(day, m["hn_wk"], policy) if m["hn_wk"] else (day, day)
        ahead = hi >= said_on if m["hn_the"] else day.replace(day=1) > said_on
        if ahead:
            return Target("holiday", f"holiday_{key}", lo, hi, False)
    raise past(repr(m.group(0)))  # pragma: no cover - a holiday comes every year


def _public_event(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target | None:
    """A public event the policy's table names ("the midterms", "the next inauguration"), or None."""
    kind = policy.event_of(m["ev"])
    if kind is None:
        return None
    if m["ev_y"] is None:
        day = next_public_event(kind, said_on)
    else:
        year = int(m["ev_y"])
        day = next_public_event(kind, date(year, 1, 1))
        if day.year != year:
            hint = f"{m['ev']!r} names no day in {year}; the next is {house_date(day)}"
            raise Unreadable("names no such event", hint)
    return Target("date", f"event_{kind}", day, day, False)


# --- reading a core ---------------------------------------------------------

_EITHER = re.compile(r"(?:between\s)?(?P<a>.+?)\s(?:or|to|and|through|or\smaybe|or\sperhaps)\s(?P<b>.+)")
# "july 13-15", "july 13th-15th": two days of one month joined by a hyphen, the month
# said once (normalising leaves "13-15" but turns "13th-15th" into "13th 15th").
_DAY_HYPHEN = re.compile(
    r"(?P<a>[a-z]+\.?\s\d{1,2}(?:st|nd|rd|th)?)(?:-|\s(?=\d{1,2}(?:st|nd|rd|th)$))(?P<b>\d{1,2}(?:st|nd|rd|th)?)"
)
# "july 13 july 15", "aug 8 aug 12": two month-days said with a dash, which normalising drops.
_TWO_DAYS = re.compile(rf"(?P<a>(?:{MONTH})\s\d{{1,2}}(?:st|nd|rd|th)?)\s(?P<b>(?:{MONTH})\s\d{{1,2}}(?:st|nd|rd|th)?)")
# "13 to 15 july", "1-8 september", "23rd to 26th oct": two days, the month said once after both.
_DAYS_OF_MONTH = re.compile(
    rf"(?P<a>\d{{1,2}})(?:st|nd|rd|th)?(?:\s(?:to|through|and|until|till)\s|-)"
    rf"(?P<b>\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?(?:{MONTH})(?:\s(?:{YEAR_SPEC}))?)"
)
# "15", "15th", "the 15th": a day of the month with no month.
_BARE_DAY = re.compile(r"(?:the\s)?(?P<day>\d{1,2})(?:st|nd|rd|th)?")
_END_OF_DAY = re.compile(r"(?:the\s)?(?:very\s)?end\sof\s(?P<day>.+)")
_FROM_SAID_DAY = re.compile(
    rf"(?P<length>.+?)\s(?P<joint>of|from|after|following)\s"
    rf"(?:today|right\snow|the\sdate\s(?:hereof|of\sthis\s(?:{'|'.join(DOCUMENTS)})))"
)
_ANCHORED = re.compile(r"(?P<length>.+?)\s(?:from|after)\s(?P<day>.+)")


def read_core(core: str, said_on: date, policy: DeadlinePolicy, matches: CoreMatches | None = None) -> Target | None:
    """What a core names, or None if no rule reads it (``Unreadable`` if a rule refuses it)."""
    if matches is None:
        m = CORE.fullmatch(core)
    elif core in matches:
        m = matches[core]
    else:
        m = matches[core] = CORE.fullmatch(core)
    if m is not None and m.lastgroup is not None:
        return _HANDLERS[m.lastgroup](m, said_on, policy)
    return _read_form(core, said_on, policy) or _read_two_pieces(core, said_on, policy)


def read_point(core: str, said_on: date, policy: DeadlinePolicy) -> Target | None:
    """A single day named by a date, weekday or holiday core, or None."""
    target = read_core(core, said_on, policy)
    if target is not None and target.kind in ("date", "weekday", "holiday") and target.lo == target.hi:
        return target
    return None


def _read_two_pieces(core: str, said_on: date, policy: DeadlinePolicy) -> Target | None:
    """The forms built from two readable pieces of a core, or None."""
    # "the end of May 10", "the end of Friday": a day's end is that day.
    end_of = _END_OF_DAY.fullmatch(core)
    if end_of is not None:
        day = read_point(end_of["day"], said_on, policy)
        if day is not None:
            return day
    # "within 45 days of the date of this order": a document's own date is the day it was said.
    said_day = _FROM_SAID_DAY.fullmatch(core)
    if said_day is not None:
        length = read_core(said_day["length"], said_on, policy)
        if length is None or length.kind not in ("duration", "range"):
            return None
        if said_day["joint"] == "of":
            return length  # "within 30 days of today": the length from the day said
        return Target("date", "offset_from_day", length.hi, length.hi, length.relative)
    # "a week from Monday", "two weeks after Christmas": a length counted from a day.
    anchored = _ANCHORED.fullmatch(core)
    if anchored is not None:
        anchor = read_point(anchored["day"], said_on, policy)
        if anchor is not None:
            length = read_core(anchored["length"], anchor.lo, policy)
            if length is not None and length.kind == "duration":
                return Target("date", "offset_from_day", length.hi, length.hi, anchor.relative and length.relative)
    days = _DAYS_OF_MONTH.fullmatch(core)
    if days is not None:
        return _days_of_month(days, said_on, policy)
    # "tonight or tomorrow", "Friday or Saturday", "this week or next": two
    # readable targets joined by 'or'/'to' make one range from the first to the last.
    either = _DAY_HYPHEN.fullmatch(core) or _TWO_DAYS.fullmatch(core) or _EITHER.fullmatch(core)
    if either is not None:
        first, second = either["a"], either["b"]
        if second in ("next", "the next one"):
            second = re.sub(r"\b(this|the)\b", "next", first, count=1)
        a = read_core(first, said_on, policy)
        b = _month_said_once(a, second, said_on, policy)
        if a is None or b is None:
            return None
        a = _in_month_of(a, b)
        if a.kind == "open" or b.kind == "open" or b.hi < a.lo:
            raise Unreadable("runs backwards", "the later time must come second")
        return Target("range", "either", min(a.lo, b.lo), b.hi, a.relative and b.relative)
    return None


def _days_of_month(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> Target | None:
    """'13 to 15 July': from the first day to the second, both in the month the second names."""
    b = read_core(m["b"], said_on, policy)
    if b is None or b.lo != b.hi:
        return None
    day = int(m["a"])
    if not 1 <= day <= days_in_month(b.lo.year, b.lo.month):
        raise Unreadable("is not a real date", f"{b.lo:%B} {b.lo.year} has no day {day}")
    lo = b.lo.replace(day=day)
    if b.hi < lo:
        raise Unreadable("runs backwards", "the later time must come second")
    return Target("range", "either", lo, b.hi, False)


def _month_said_once(a: Target | None, second: str, said_on: date, policy: DeadlinePolicy) -> Target | None:
    """The second of two days; a bare day after a month and day ("July 13 to 15") is in that month.

    The year is the one the later day falls in when read on its own ("July
    15"), so two days said between them are this year's, not next year's.
    """
    bare = _BARE_DAY.fullmatch(second)
    if a is None or bare is None or a.rule != "month_day":
        return read_core(second, said_on, policy)
    return read_core(f"{MONTH_NAMES[a.lo.month - 1].lower()} {bare['day']}", said_on, policy)


def _in_month_of(a: Target, b: Target) -> Target:
    """A bare day of the month ("the 13th") in the month the second day names ("15th July").

    "From the 13th to 15th July" names the month once, for both days. Read on
    its own, "the 13th" is the next 13th after the day said, which in February
    is 13 February: a window of five months where two days were meant.
    """
    if a.rule not in ("day_of_month", "month_day") or b.rule not in ("month_day", "day_month") or b.lo != b.hi:
        return a
    if a.rule == "month_day" and a.lo.month != b.lo.month:
        return a  # two months named: "July 30 to August 2" needs no help
    if a.lo.day > days_in_month(b.lo.year, b.lo.month):
        raise Unreadable("is not a real date", f"{b.lo:%B} {b.lo.year} has no day {a.lo.day}")
    day = b.lo.replace(day=a.lo.day)
    return a._replace(lo=day, hi=day)


# --- lead words ---------------------------------------------------------------


# The bounds that read as "from the day said up to the target".
_UP_TO = frozenset({"by", "until", "within", "in"})


def check_leads(pre: tuple[str, ...]) -> None:
    """Refuse two lead words that bound the window differently ("after before May 3").

    Only one lead word sets the window, so the other would be set aside silently.
    "for" before another lead ("for at least 30 days", "for the next month") says
    how long, and the other says the window; two with the same bound agree.

    >>> check_leads(("for", "at least")), check_leads(("by", "no later than"))
    (None, None)
    """
    leads = [word for word in pre if PREFIX_WORDS[word][0] in LEAD_ROLES]
    if leads[:1] == ["for"]:
        leads = leads[1:]
    bounds = {PREFIX_WORDS[word][1] for word in leads}
    if bounds <= _UP_TO and set(leads) & {"the next", "the coming"}:
        return  # "by the next inauguration": "the next" names which one, and the window is up to it
    if len(bounds) > 1:
        first, second = leads[0], leads[1]
        raise Unreadable(
            "has two lead words that say different things",
            f"'{first}' and '{second}' each set the window and ledger will not drop one; keep the one "
            f"that was meant (e.g. '{first} Friday' or '{second} Friday')",
        )


# --- every rule's name ------------------------------------------------------

#: The rules a core can fire (a target's ``rule``), in the order docs/deadlines.md lists them.
BASE_RULES: tuple[str, ...] = (
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
    "month_weekday",
    "open",
    *(f"vague_{family}" for family in VAGUE_FAMILIES),
    *(f"holiday_{key}" for key in sorted({key for key, _ in HOLIDAYS.values()})),
    *(f"event_{kind}" for kind in PUBLIC_EVENT_KINDS),
    *PERIOD_KINDS,
    *(f"{kind}_{part}" for kind in PERIOD_KINDS for part in PARTS),
)

#: Every rule name a ``DueWindow`` can carry: each base rule, then each as the start of
#: an open window ("after Christmas" is ``after_holiday_christmas``). "after" needs a
#: time, so there is no ``after_open``. docs/deadlines.md lists them.
RULE_NAMES: tuple[str, ...] = BASE_RULES + tuple(f"after_{name}" for name in BASE_RULES if name != "open")
