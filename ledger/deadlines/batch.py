"""Due windows for a whole column of phrases at once: ``deadline_windows``, ``window_columns``.

One row per commitment, each distinct phrase read once. A read is kept as an
``Encoded`` record (offsets from the day it was said, and codes into the
closed vocabularies), so that every output column is one numpy gather over
all rows. Windows that are pure offsets from the day said are read once and
shifted; windows that depend on the day only through its weekday are read
once per weekday; the rest are read once per distinct (phrase, day), with a
month of days usually settled by reading its two ends (``_read_pairs``).

>>> columns = window_columns(["two weeks"], date(2025, 10, 16), DEFAULT_POLICY)
>>> int(columns.due[0] - columns.earliest[0]), RULE_CODES[columns.rule[0]]
(14, 'duration')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta
from typing import Any, NamedTuple

import attrs
import numpy as np

from ledger.core.days import NAT, datetimes, is_calendar_date
from ledger.core.vocabulary import BOUNDS, WINDOW_KINDS
from ledger.deadlines.errors import DeadlineError, Unreadable, deadline_error
from ledger.deadlines.grammar import normalize
from ledger.deadlines.lexicon import UNITS
from ledger.deadlines.periods import PARTS
from ledger.deadlines.policy import DEFAULT_POLICY, DeadlinePolicy
from ledger.deadlines.reader import Reading, ReadMemo, prepare, read_normalized, read_set_aside
from ledger.deadlines.rules import RULE_NAMES
from ledger.deadlines.window import SetAside

__all__ = ["RULE_CODES", "WindowColumns", "deadline_windows", "phrase_codes", "shared_reads", "window_columns"]

#: The rule names a window column's codes index: ``RULE_NAMES``, every rule a window can carry.
RULE_CODES: tuple[str, ...] = RULE_NAMES

_EPOCH = date(1970, 1, 1)
_LAST_DAY = (date(9999, 12, 31) - _EPOCH).days
_KIND_CODE = {name: j for j, name in enumerate(WINDOW_KINDS)}
_BOUND_CODE = {name: j for j, name in enumerate(BOUNDS)}
_RULE_CODE = {name: j for j, name in enumerate(RULE_CODES)}

# Rules whose window depends on the day said only through its weekday: a week or a
# weekday counted from the day said. They are read once per weekday.
_WEEKLY_RULES = frozenset(
    ["weekday", "next_weekday", "weekday_this_week", "weekday_week_after", "week", "weekend"]
    + [f"{kind}_{part}" for kind in ("week", "weekend") for part in PARTS]
)
# Lengths counted in calendar months move by the same offset on days 1-28 of a month.
_MONTH_RULES = frozenset(_RULE_CODE[name] for name in ("duration", "range"))
# ... but a length in business days has the same rules, and skips weekends and holidays: it moves with
# the day said in steps of no month's shape, so it never takes the shortcut lengths in months take.
_BUSINESS_DAYS = re.compile(
    r"\b(?:"
    + "|".join(re.escape(word) for word in sorted(UNITS, key=len, reverse=True) if UNITS[word][0] == "busday")
    + r")\b"
)


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
    errors: dict[int, str]
    #: The words set aside (``DueWindow.ignored``) of each row that has any.
    ignored: dict[int, tuple[SetAside, ...]] = attrs.field(factory=dict)


class Encoded(NamedTuple):
    """One read as numbers: dates as offsets from the day it was said, names as codes."""

    #: Days from the day said (NAT where none).
    earliest: int
    due: int
    latest: int
    #: Codes into WINDOW_KINDS, BOUNDS and RULE_CODES (-1 for an error).
    kind: int
    bound: int
    rule: int
    hedged: bool
    vague: bool
    #: Code of the words set aside, into the call's list of them (0: none).
    aside: int
    #: The DeadlineError message, or None.
    error: str | None

    def same_kind(self, other: Encoded) -> bool:
        """The same kind, bound, rule, flags and words set aside (the dates aside)."""
        return (self.kind, self.bound, self.rule, self.hedged, self.vague, self.aside) == (
            other.kind, other.bound, other.rule, other.hedged, other.vague, other.aside,
        )  # fmt: skip


# The numeric fields of an Encoded (all but the aside code and the error), and where each is in the table of them.
# (The aside code is gathered on its own, and only when a phrase had words set aside.)
_NUMERIC = len(Encoded._fields) - 2
_COLUMN = {name: j for j, name in enumerate(Encoded._fields[:_NUMERIC])}


def _failed(message: str) -> Encoded:
    return Encoded(NAT, NAT, NAT, -1, -1, -1, False, False, 0, message)


#: Inside ``shared_reads()``: every (phrase, day) read so far, by policy; None outside.
_SHARED: ContextVar[dict[DeadlinePolicy, dict[tuple[str, date], Reading | str]] | None] = ContextVar(
    "ledger_shared_reads", default=None
)


@contextmanager
def shared_reads() -> Iterator[None]:
    """Within the block, ``window_columns`` keeps every (phrase, day) it reads for its next calls.

    A read depends on the phrase, the day it was said and the policy alone,
    so a ledger judged in batches (``ledger.verdicts.batched``) reads each
    pair once, as one call over the whole ledger would, instead of once a
    batch. The reads are let go when the block ends (and are this context's
    alone: another thread does not see them).

    >>> with shared_reads():
    ...     first = window_columns(["by Friday"], date(2025, 10, 16), DEFAULT_POLICY)
    ...     again = window_columns(["by Friday"], date(2025, 10, 16), DEFAULT_POLICY)
    >>> first.latest.tolist() == again.latest.tolist()
    True
    """
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


class _Reads:
    """Reads of the distinct phrases of one call, sharing their day-independent work
    (and, inside ``shared_reads()``, the reads of earlier calls)."""

    __slots__ = ("asides", "memo", "norms", "policy", "shared", "uniques")

    def __init__(self, uniques: list[Any], policy: DeadlinePolicy) -> None:
        self.uniques, self.policy, self.memo = uniques, policy, ReadMemo()
        shared = _SHARED.get()
        self.shared = None if shared is None else shared.setdefault(policy, {})
        # Normalised phrases, filled in as each phrase is first looked at (a phrase that
        # is not a str is refused before any read).
        self.norms: list[str] = [""] * len(uniques)
        # The distinct tuples of words set aside, coded by their place here (0: none).
        self.asides: dict[tuple[SetAside, ...], int] = {(): 0}

    def read(self, index: int, day: date) -> Reading | str:
        """The read of distinct phrase ``index`` said on ``day``, or its error message.

        As ``parse_deadline``: the strict reading first, the tolerant pass only if it refuses.
        """
        if self.shared is None:
            return self._read(index, day)
        key = (self.uniques[index], day)
        found = self.shared.get(key)
        if found is None:
            found = self.shared[key] = self._read(index, day)
        return found

    def _read(self, index: int, day: date) -> Reading | str:
        try:
            return read_normalized(self.norms[index], day, self.policy, self.memo)
        except Unreadable as problem:
            try:
                return read_set_aside(self.uniques[index], day, self.policy, problem, self.memo)
            except Unreadable as refusal:
                return str(deadline_error(self.uniques[index], refusal))

    def encoded(self, index: int, day: date) -> Encoded:
        """The read of distinct phrase ``index`` said on ``day``, encoded."""
        r = self.read(index, day)
        if isinstance(r, str) or not r.ignored:
            return encode(r, day)
        return encode(r, day, self.asides.setdefault(r.ignored, len(self.asides)))

    def encode(self, r: Reading | str, day: date) -> Encoded:
        """``encode``, with the words set aside coded into this call's list of them."""
        if isinstance(r, str) or not r.ignored:
            return encode(r, day)
        return encode(r, day, self.asides.setdefault(r.ignored, len(self.asides)))


def encode(r: Reading | str, day: date, aside: int = 0) -> Encoded:
    """A read (or an error message) as offsets from ``day`` and codes (``aside``: the code
    of its words set aside)."""
    if isinstance(r, str):
        return _failed(r)
    return Encoded(
        (r.earliest - day).days,
        NAT if r.due is None else (r.due - day).days,
        NAT if r.latest is None else (r.latest - day).days,
        _KIND_CODE[r.kind],
        _BOUND_CODE[r.bound],
        _RULE_CODE.get(r.rule, -1),
        bool(r.hedged),
        bool(r.vague),
        aside,
        None,
    )


def deadline_windows(phrases: Any, stated_on: Any, *, policy: DeadlinePolicy = DEFAULT_POLICY) -> Any:
    """Due windows for many commitments at once, as a pandas DataFrame.

    One row per input, in order, with columns earliest, due, latest
    (``datetime64[s]``, NaT where none), kind, bound, rule (categorical), hedged,
    vague (bool) and error (None, or the DeadlineError message: bad phrases never
    raise here). Phrases read with words set aside get the same windows as from
    ``parse_deadline``; ``window_columns(...).ignored`` holds those words by row.
    ``phrases`` is a sequence or numpy array of strings, a ``pandas.Categorical``
    (or categorical Series), or a pyarrow dictionary array (``DictionaryArray`` or a
    ``ChunkedArray`` of dictionary type): for the last two the codes are used
    directly, with no Python string per row.
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


def window_columns(phrases: Any, stated_on: Any, policy: DeadlinePolicy) -> WindowColumns:
    """``deadline_windows`` as plain columns (see ``WindowColumns``), for callers that need no DataFrame.

    >>> window_columns(["soon"], date(2025, 10, 16), DEFAULT_POLICY).vague.tolist()
    [True]
    """
    if not isinstance(policy, DeadlinePolicy):
        raise TypeError(f"'policy' must be a DeadlinePolicy (got {policy!r})")
    codes, uniques = phrase_codes(phrases)
    days = _stated_days(stated_on, len(codes))
    reads = _Reads(uniques, policy)
    entries, entry = _plan(reads, codes, days)
    return _gather(entries, entry, days, codes, uniques, list(reads.asides))


def phrase_codes(phrases: Any) -> tuple[np.ndarray, list[Any]]:
    """(codes, uniques) for the phrases column, without a Python string per row when
    it is already dictionary-encoded (pandas.Categorical, pyarrow dictionary arrays).
    A missing phrase gets the code of a trailing ``None`` unique.

    >>> codes, uniques = phrase_codes(["soon", "by May", "soon"])
    >>> codes.tolist(), list(uniques)
    ([0, 1, 0], ['soon', 'by May'])
    """
    import pandas as pd
    import pyarrow as pa

    categories: list[Any] = []
    codes = None
    if isinstance(phrases, pd.Series) and isinstance(phrases.dtype, pd.CategoricalDtype):
        phrases = phrases.array
    if isinstance(phrases, pd.Categorical):
        codes, categories = np.asarray(phrases.codes), list(phrases.categories)
    else:
        if isinstance(phrases, pa.ChunkedArray) and pa.types.is_dictionary(phrases.type):
            phrases = phrases.unify_dictionaries()
            dictionary = phrases.chunk(0).dictionary if phrases.num_chunks else pa.array([], pa.string())
            indices = [chunk.indices for chunk in phrases.chunks]
            phrases = pa.DictionaryArray.from_arrays(
                pa.concat_arrays(indices) if indices else pa.array([], phrases.type.index_type), dictionary
            )
        if isinstance(phrases, pa.DictionaryArray):
            codes = phrases.indices.fill_null(-1).to_numpy(zero_copy_only=False)
            categories = phrases.dictionary.to_pylist()
    if codes is None:
        factorized, uniques = pd.factorize(np.asarray(phrases, dtype=object), use_na_sentinel=False)
        return factorized, list(uniques)
    codes = codes.astype(np.int64)
    if (codes < 0).any():
        codes[codes < 0] = len(categories)
        categories.append(None)
    return codes, categories


def _stated_days(stated_on: Any, n: int) -> np.ndarray:
    """The day each row was said, as day numbers since 1970-01-01."""
    if is_calendar_date(stated_on):
        days = np.full(n, (stated_on - _EPOCH).days, dtype=np.int64)
    else:
        raw = np.asarray(stated_on)
        if raw.dtype == object:
            # Anything date-like (a Timestamp too) becomes its calendar day, as numpy does.
            if not all(isinstance(d, date) for d in raw):
                raise TypeError("'stated_on' must hold dates (datetime.date or datetime64[D])")
            raw = raw.astype("datetime64[D]")
        days = raw.astype("datetime64[D]", copy=False).view(np.int64)  # day numbers given as days: not copied
        if len(days) != n:
            raise ValueError(f"'phrases' and 'stated_on' must have the same length (got {n} and {len(days)})")
    if n and days.min() < -719162 + 1:  # NaT or before year 1
        raise ValueError("'stated_on' must not contain missing dates (NaT)")
    return days


# How the window of a distinct phrase depends on the day it was said.
_SHIFTED = 0  # a pure offset: one read, shifted to every row's day
_PER_DAY = 1  # read once per distinct (phrase, day)
_REFUSED = 2  # an error whatever the day
_WEEKLY = 3  # depends on the weekday only: seven reads, Monday first

_REFERENCE_MONDAY = date(2001, 1, 1)


def _plan(reads: _Reads, codes: np.ndarray, days: np.ndarray) -> tuple[list[Encoded], np.ndarray]:
    """Every encoded read the rows need (``entries``), and for each row the one it takes
    (``entry``): rows then gather their columns from the entries."""
    u = len(reads.uniques)
    ref = _REFERENCE_MONDAY
    how = np.full(u, _SHIFTED, dtype=np.int8)
    entries: list[Encoded] = [_failed("")] * u  # one read per phrase, for _SHIFTED and _REFUSED
    weekly: dict[int, list[Encoded]] = {}
    for i, phrase in enumerate(reads.uniques):
        if not isinstance(phrase, str):
            how[i], entries[i] = _REFUSED, _failed(f"'phrase' must be a str (got {phrase!r})")
            continue
        norm = reads.norms[i] = normalize(phrase)
        try:
            reads.memo.prepared[norm] = prepare(norm)  # the reads below take it from the memo
        except Unreadable:
            how[i], entries[i] = _REFUSED, reads.encoded(i, ref)  # refused whatever the day
            continue
        r = reads.read(i, ref)
        if isinstance(r, str):
            how[i] = _PER_DAY  # an error may depend on the day (a past date)
        elif any(a.why != "word" for a in r.ignored):
            how[i] = _PER_DAY  # clauses checked against each other: the check may need the date
        elif r.relative:
            entries[i] = reads.encode(r, ref)
        elif r.rule.removeprefix("after_") in _WEEKLY_RULES:
            how[i] = _WEEKLY
            weekly[i] = [reads.encoded(i, ref + timedelta(days=k)) for k in range(7)]
        else:
            how[i] = _PER_DAY

    entry = codes.astype(np.int64)  # _SHIFTED and _REFUSED rows: their phrase's own read
    how_row = how[codes]
    rows = np.flatnonzero(how_row == _WEEKLY)
    if len(rows):
        order = sorted(weekly)
        slot = np.full(u, -1, dtype=np.int64)
        slot[order] = len(entries) + 7 * np.arange(len(order))
        entries += [weekly[i][k] for i in order for k in range(7)]
        weekday = (days[rows] + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
        entry[rows] = slot[codes[rows]] + weekday
    rows = np.flatnonzero(how_row == _PER_DAY)
    if len(rows):
        pair_phrases, pair_days, inverse = _distinct_pairs(codes[rows], days[rows])
        entry[rows] = len(entries) + inverse
        entries += _read_pairs(pair_phrases, pair_days, reads)
    return entries, entry


def _distinct_pairs(codes: np.ndarray, days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct (phrase code, day) pairs, sorted by phrase then day, and each row's pair.

    Days said span a few thousand at most, so a pair is a number below phrases x days: marking
    which occur and counting them up replaces sorting every row (``np.unique``) when that is small.

    >>> phrase, day, pair = _distinct_pairs(np.array([1, 0, 1, 1]), np.array([5, 9, 3, 5]))
    >>> phrase.tolist(), day.tolist(), pair.tolist()
    ([0, 1, 1], [9, 3, 5], [2, 0, 1, 2])
    """
    low = int(days.min())
    span = int(days.max()) - low + 1
    key = codes.astype(np.int64) * span + (days - low)
    bound = (int(codes.max()) + 1) * span
    if bound > 4 * len(key) + 1024:
        pair_keys, inverse = np.unique(key, return_inverse=True)
        inverse = inverse.reshape(-1)
    else:
        seen = np.zeros(bound, dtype=bool)
        seen[key] = True
        pair_keys = np.flatnonzero(seen)
        inverse = (np.cumsum(seen) - 1)[key]
    return pair_keys // span, pair_keys % span + low, inverse


def _gather(
    entries: Sequence[Encoded],
    entry: np.ndarray,
    days: np.ndarray,
    codes: np.ndarray,
    uniques: list[Any],
    asides: list[tuple[SetAside, ...]],
) -> WindowColumns:
    """Each row's columns, gathered from its entry; dates are the entry's offsets from the row's day."""
    # Field by field (zip is one pass in C, where a row of numbers per entry is a tuple made each).
    fields = list(zip(*entries)) if len(entries) else [()] * len(Encoded._fields)
    table = np.array(fields[:_NUMERIC], dtype=np.int64).reshape(_NUMERIC, -1)

    def column(name: str, dtype: Any = np.int64) -> np.ndarray:
        """One numeric field of the entries, in ``dtype``, gathered for every row."""
        return table[_COLUMN[name]].astype(dtype, copy=False)[entry]

    def dates(name: str) -> np.ndarray:
        # In place in the gathered offsets: a million rows' dates without two more arrays of them.
        out = column(name)
        missing = out == NAT
        out += days
        out[missing] = NAT
        return out

    earliest, due, latest = dates("earliest"), dates("due"), dates("latest")
    # Codes in the smallest type that holds them: pandas keeps categorical codes as int8 anyway.
    kind, bound = column("kind", np.int8), column("bound", np.int8)
    rule = column("rule", np.int16)  # more rules than int8 holds
    hedged, vague = column("hedged", bool), column("vague", bool)
    failed = np.array([error is not None for error in fields[_NUMERIC + 1]], dtype=bool)
    errors = {int(row): str(entries[entry[row]].error) for row in np.flatnonzero(failed[entry])}
    ignored: dict[int, tuple[SetAside, ...]] = {}
    if len(asides) > 1:
        aside = np.array(fields[_NUMERIC], dtype=np.int64)[entry]
        ignored = {int(row): asides[aside[row]] for row in np.flatnonzero(aside)}

    # Windows shifted with numpy can pass the last date a datetime.date holds.
    # (Looked for only when some date is past the last day: the maxima are one pass, with no array made.)
    past = len(entry) and max(int(earliest.max()), int(due.max()), int(latest.max())) > _LAST_DAY
    too_late = (earliest > _LAST_DAY) | (due > _LAST_DAY) | (latest > _LAST_DAY) if past else None
    if too_late is not None and too_late.any():
        for col in (earliest, due, latest):
            col[too_late] = NAT
        kind[too_late] = bound[too_late] = rule[too_late] = -1
        hedged[too_late] = vague[too_late] = False
        for row in np.flatnonzero(too_late):
            phrase = str(uniques[codes[row]])
            errors[int(row)] = str(
                DeadlineError(phrase, (0, len(phrase)), "its window falls outside years 1 to 9999", "is out of range")
            )
            ignored.pop(int(row), None)
    return WindowColumns(earliest, due, latest, kind, bound, rule, hedged, vague, errors, ignored)


def _read_pairs(phrase_index: np.ndarray, pair_days: np.ndarray, reads: _Reads) -> list[Encoded]:
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
    share them; the 29th to the 31st too when the month's last day still
    does (a month's end cuts them short only more so as the day moves on),
    else they are read one by one.
    Otherwise the month is halved until the ends of each part agree. A
    month whose last day gives the window the month before ended with
    takes it whole, on that one read ("by Christmas", "by the end of the
    year": one read a month, most months).
    tests/deadlines/test_deadlines_batch.py checks all this against
    parse_deadline for every day of two years.
    """
    as_days = pair_days.astype("datetime64[D]")
    month = as_days.astype("datetime64[M]").astype(np.int64)
    day_of_month_all = (as_days - as_days.astype("datetime64[M]")).astype(np.int64) + 1
    group = np.flatnonzero(np.diff(phrase_index) | np.diff(month)) + 1
    bounds = np.concatenate(([0], group, [len(pair_days)]))
    table: list[Encoded | None] = [None] * len(pair_days)
    days, phrases = pair_days.tolist(), phrase_index.tolist()  # Python ints: each is looked at one by one

    def read_at(k: int) -> Encoded:
        return reads.encoded(index, _EPOCH + timedelta(days=days[k]))

    for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        index = phrases[a]
        last = table[b - 1] = read_at(b - 1)
        if a and phrases[a - 1] == index:
            # The same window at the end of the month before (read already) and at the end of this one:
            # every day between has it too ("by Christmas" from January to November: one read a month).
            before = table[a - 1]
            if before is not None and _same_window(before, days[a - 1], last, days[b - 1]):
                # From the earlier end, as below: its earliest is the day, or a date.
                table[a : b - 1] = _shifted(before, days[a - 1], days[a : b - 1])
                continue
        if b - a == 1:
            continue
        first = table[a] = read_at(a)
        if b - a > 2 and _same_window(first, days[a], last, days[b - 1]):
            table[a + 1 : b - 1] = _shifted(first, days[a], days[a + 1 : b - 1])
            continue
        # (Not for a phrase read with words set aside: its clauses may be checked against
        # a weekday or a date, which do not move with the day by the same offset.)
        if (
            first.rule in _MONTH_RULES
            and first.error is None
            and first.aside == 0
            and not _BUSINESS_DAYS.search(reads.norms[index])
        ):
            upto = a + int(np.searchsorted(day_of_month_all[a:b], 28, side="right"))  # days 1..28 of this group
            if upto - a > 2:
                edge = table[upto - 1] or read_at(upto - 1)
                table[upto - 1] = edge
                if edge == first:  # the same offsets from their own days, and the same rule
                    for k in range(a + 1, upto - 1):
                        table[k] = first
                    # Past the 28th a length in months is cut to a shorter month's end, and only ever
                    # more so later in the month: the same offsets on the 28th and the last day mean
                    # no day between was cut either.
                    for k in range(upto, b - 1):
                        table[k] = first if last == first else read_at(k)
                    continue
        _fill_between(table, a, b - 1, days, read_at)
    return [e if e is not None else _failed("") for e in table]


def _fill_between(table: list[Encoded | None], lo: int, hi: int, pair_days: list[int], read_at: Any) -> None:
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
        lo_day, hi_day = pair_days[lo], pair_days[hi]
        start, end = table[lo], table[hi]
        if start is not None and end is not None and _same_window(start, lo_day, end, hi_day):
            table[lo + 1 : hi] = _shifted(start, lo_day, pair_days[lo + 1 : hi])
            continue
        mid = (lo + hi) // 2
        table[mid] = read_at(mid)
        spans += [(lo, mid), (mid, hi)]


def _same_window(first: Encoded, first_day: int, last: Encoded, last_day: int) -> bool:
    """Two encoded reads (offsets from their own days) name the same window."""
    if first.error is not None or last.error is not None or not first.same_kind(last):
        return False
    for a, b in ((first.due, last.due), (first.latest, last.latest)):  # the same dates, or both missing
        if (a == NAT) != (b == NAT) or (a != NAT and first_day + a != last_day + b):
            return False
    # earliest: the day itself for both, or one fixed date for both
    return (first.earliest == 0 and last.earliest == 0) or first_day + first.earliest == last_day + last.earliest


def _shifted(encoded: Encoded, from_day: int, to_days: list[int]) -> list[Encoded]:
    """The same window, encoded as offsets from each of ``to_days`` (in one pass: a month of days at once).

    >>> window = Encoded(0, 3, NAT, 0, 0, 0, False, False, 0, None)
    >>> [(e.earliest, e.due, e.latest == NAT) for e in _shifted(window, 10, [11, 12])]
    [(0, 2, True), (0, 1, True)]
    """
    earliest, due, latest = encoded[:3]
    same = encoded[3:]
    return [
        Encoded._make(
            (
                0 if earliest == 0 else earliest + from_day - day,
                due if due == NAT else due + from_day - day,
                latest if latest == NAT else latest + from_day - day,
            )
            + same
        )
        for day in to_days
    ]
