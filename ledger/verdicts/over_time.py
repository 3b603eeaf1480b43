"""Follow-through over time: the statistics table as of each date of a grid, in one pass.

``follow_through_over_time(ledger, freq="MS")`` answers "how did the on-time
rate move, month by month?". Evaluating the ledger once per date would read
every deadline phrase and sort every event again for each date. Instead the
ledger is evaluated once, as of the last date, which gives each commitment's
due window and the row of its restatement; the events are then placed on the
grid (the first date from which each is seen), and the first outcome of each
kind as of every date is a running minimum down the grid. The documented
rules of ``evaluate`` then decide every (date, commitment) status at once,
and ``follow_through`` counts them all in one call grouped by ``as_of`` too.
The result equals evaluating at each date separately (a property test
checks it against ``evaluate`` + ``follow_through``, exactly).

Bitemporal: ``known_as_of`` is passed on as ``evaluate`` takes it (a fixed
date: what the ledger knew on that day, about each date of the grid), or is
``KNOWN_THEN``: on each date, only what had been recorded by that date, so
the table shows what could have been known and published then.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import NamedTuple, cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ledger.core.days import datetimes, is_calendar_date, require_date
from ledger.core.records import Ledger
from ledger.core.tables import LedgerTables
from ledger.core.vocabulary import EVENT_TYPES, STATUSES
from ledger.deadlines.policy import DEFAULT_POLICY, DeadlinePolicy
from ledger.io.parquet import table_metadata
from ledger.io.results import check_table, follow_through_schema, to_arrow
from ledger.verdicts.arrays import NEVER, day_number, days_of_arrow, days_of_frame, nullable_int
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.stats import NO_GROUP, follow_through, wilson_interval

__all__ = [
    "FREQUENCIES",
    "KNOWN_THEN",
    "OVER_TIME_FILE",
    "TIME_VARYING_COLUMNS",
    "as_of_grid",
    "follow_through_over_time",
    "follow_through_over_time_schema",
    "over_time_arrow",
    "over_time_chart_rows",
]

#: The file ``ledger evaluate --over-time`` writes beside the other result tables.
OVER_TIME_FILE = "follow_through_over_time.parquet"

#: ``known_as_of=KNOWN_THEN``: on each date of the grid, only what was recorded by that date.
KNOWN_THEN = "as_of"

#: The CLI's words for the grid's step, as pandas frequencies (each date the first day of its period).
FREQUENCIES = {"weekly": "W-MON", "monthly": "MS", "quarterly": "QS"}

#: Verdict columns whose value depends on the date: a table over time cannot be grouped by them.
TIME_VARYING_COLUMNS = (
    "status",
    "resolved_on",
    "days_late",
    "elapsed_days",
    "superseded_by",
    "status_rule",
    "evidence_url",
    "as_of",
)

_TYPE = {name: np.int8(i) for i, name in enumerate(EVENT_TYPES)}
_CODE = {name: np.int8(i) for i, name in enumerate(STATUSES)}
_NO_KEY = np.iinfo(np.int64).max


def as_of_grid(
    ledger: Ledger | LedgerTables,
    *,
    as_of: Sequence[_dt.date] | None = None,
    freq: str | None = None,
    start: _dt.date | None = None,
    end: _dt.date | None = None,
) -> list[_dt.date]:
    """The dates a table over time is computed as of, sorted, each once.

    Either ``as_of`` (the dates themselves) or ``freq`` (a pandas frequency:
    ``"MS"`` month starts, ``"W-MON"`` Mondays, ``"QS"`` quarter starts; see
    ``FREQUENCIES``). With ``freq``, the grid runs from ``start`` (default:
    the first day a commitment was stated) to ``end`` (default: the last day
    the ledger records, a statement or an event; never today), and ``end``
    itself is the last date even when it falls between two steps, so the
    last row is the table as of ``end``.

    >>> import datetime as dt
    >>> as_of_grid(Ledger(), freq="MS", start=dt.date(2025, 1, 15), end=dt.date(2025, 3, 10))
    [datetime.date(2025, 2, 1), datetime.date(2025, 3, 1), datetime.date(2025, 3, 10)]
    """
    if (as_of is None) == (freq is None):
        raise TypeError("give either 'as_of' (a list of dates) or 'freq' (e.g. 'MS' for month starts), not both")
    if as_of is not None:
        if start is not None or end is not None:
            raise TypeError("'start' and 'end' go with 'freq'; with 'as_of', list the dates themselves")
        dates = sorted({require_date(day, "as_of") for day in as_of})
        if not dates:
            raise ValueError("'as_of' must list at least one date (got none)")
        return dates
    tables = _as_tables(ledger)
    if start is None:
        # The first statement, but never after `end`: before anything was said, the grid is `end` alone.
        start = _edge_day(tables.commitments["stated_on"], "min")
        if start is None or (end is not None and is_calendar_date(end) and start > end):
            start = end
    if end is None:
        end = max(
            (
                d
                for d in (
                    _edge_day(tables.commitments["stated_on"], "max"),
                    _edge_day(tables.events["happened_on"], "max"),
                )
                if d
            ),
            default=None,
        )
    if start is None or end is None:
        raise ValueError("the ledger is empty: give 'start' and 'end' (or 'as_of') for a table over time")
    start, end = require_date(start, "start"), require_date(end, "end")
    if start > end:
        raise ValueError(f"'start' must not be after 'end' (got {start} after {end})")
    try:
        steps = pd.date_range(start, end, freq=freq)
    except ValueError as exc:
        raise ValueError(f"'freq' must be a pandas frequency such as 'MS', 'W-MON' or 'QS' (got {freq!r})") from exc
    dates = [stamp.date() for stamp in steps]
    if not dates or dates[-1] != end:
        dates.append(end)
    return dates


def _edge_day(column: pa.ChunkedArray, which: str) -> _dt.date | None:
    if len(column) == 0 or column.null_count == len(column):
        return None
    return pc.min_max(column)[which].as_py()


def _as_tables(ledger) -> LedgerTables:
    if isinstance(ledger, LedgerTables):
        return ledger
    if isinstance(ledger, Ledger):
        return LedgerTables.from_ledger(ledger)
    raise TypeError(f"'ledger' must be a Ledger or LedgerTables (got {type(ledger).__name__})")


def follow_through_over_time(
    ledger: Ledger | LedgerTables,
    *,
    as_of: Sequence[_dt.date] | None = None,
    freq: str | None = None,
    by: Sequence[str] | str = ("actor",),
    start: _dt.date | None = None,
    end: _dt.date | None = None,
    known_as_of: _dt.date | str | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    include_candidates: bool = False,
    partial_counts_as: str = "not_kept",
    include_vague: bool = True,
) -> pd.DataFrame:
    """The follow-through table as of each date: ``follow_through``'s columns after an ``as_of`` column.

    The dates are ``as_of`` or a grid of ``freq`` from ``start`` to ``end``
    (``as_of_grid``). Each date's rows are exactly what
    ``follow_through(evaluate(ledger, as_of=date, known_as_of=...), by=by)``
    gives, computed in one pass. ``known_as_of`` is a date (what the ledger
    knew on that day), ``None`` (everything recorded), or ``KNOWN_THEN``:
    on each date, what had been recorded by that date. Counts are of
    commitments (not chains). ``by`` may name any verdict column that does not
    change over time (not ``TIME_VARYING_COLUMNS``). The ``attrs`` record the
    dates, ``known_as_of`` and the switches.

    >>> import datetime as dt
    >>> from ledger import load
    >>> led = load("fixtures/examples").ledger
    >>> table = follow_through_over_time(led, as_of=[dt.date(2025, 3, 1), dt.date(2025, 6, 1)], by=())
    >>> table[["as_of", "n", "n_due", "n_kept", "n_late"]].astype(str).values.tolist()
    [['2025-03-01', '2', '0', '0', '0'], ['2025-06-01', '7', '6', '1', '2']]
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    varying = [name for name in by if name in TIME_VARYING_COLUMNS]
    if varying:
        raise ValueError(f"'by' cannot name a column that changes over time (got {varying}); group by actor, topic, …")
    known_then = isinstance(known_as_of, str)
    if known_then and known_as_of != KNOWN_THEN:
        raise ValueError(f"'known_as_of' must be a date, None or {KNOWN_THEN!r} (got {known_as_of!r})")
    # A date (checked by evaluate) or None; KNOWN_THEN is handled date by date.
    fixed_known = None if known_then else cast("_dt.date | None", known_as_of)
    tables = _as_tables(ledger)
    grid = as_of_grid(tables, as_of=as_of, freq=freq, start=start, end=end)
    verdicts = evaluate(
        tables,
        as_of=grid[-1],
        known_as_of=grid[-1] if known_then else fixed_known,
        policy=policy,
        include_candidates=include_candidates,
    )
    missing = [name for name in by if name not in verdicts.columns]
    if missing:
        raise ValueError(f"'by' names columns the verdicts do not have: {missing}")
    decided = _statuses_on_grid(tables, verdicts, grid, fixed_known, known_then)
    # Keys go in as integer codes under their own names ("by vague" must not replace the vague column).
    labels = {f"key {name}": (name, *_key_codes(verdicts[name])) for name in by}
    stacked = _stacked_verdicts(verdicts, decided, {key: codes for key, (_, codes, _) in labels.items()})
    keys = ("as_of", *(labels or ("group",)))
    table = follow_through(stacked, by=keys, partial_counts_as=partial_counts_as, include_vague=include_vague)
    # Back from integer codes (which sort as the keys do) to the keys and the dates.
    for key, (_, _, uniques) in labels.items():
        table[key] = uniques[table[key].to_numpy(dtype=np.int64)].to_numpy()
    table = table.rename(columns={key: name for key, (name, _, _) in labels.items()})
    table["as_of"] = np.array(grid, dtype=object)[table["as_of"].to_numpy(dtype=np.int64)]
    table = _with_empty_dates(table, stacked, grid, by, partial_counts_as, include_vague)
    table.attrs.update(
        {
            "as_of": tuple(grid),
            "known_as_of": known_as_of,
            "by": by,
            "freq": freq,
            "policy": policy,
            "include_candidates": include_candidates,
            "candidates_left_out": verdicts.attrs.get("candidates_left_out", 0),
        }
    )
    return table


def _key_codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """A grouping column as integer codes in the order ``follow_through`` sorts its keys (missing
    values last, as NO_GROUP), and the keys themselves as it shows them.

    Stacked over every date, the codes are counted instead of the text: a
    million rows of names are factorized once, not once per date.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype(str)
    codes, uniques = pd.factorize(column, sort=True, use_na_sentinel=True)
    uniques = pd.Index(uniques).astype(object)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(uniques), codes)
        uniques = uniques.append(pd.Index([NO_GROUP], dtype=object))
    return codes.astype(np.int64), uniques


def _with_empty_dates(table, stacked, grid, by, partial_counts_as, include_vague) -> pd.DataFrame:
    """Ungrouped, ``follow_through`` gives a row (n = 0) even for a date with no commitment yet: so does this."""
    if by:
        return table
    absent = sorted(set(grid) - set(table["as_of"]))
    if not absent:
        return table
    empty = follow_through(stacked.iloc[:0], by=(), partial_counts_as=partial_counts_as, include_vague=include_vague)
    rows = pd.concat([empty.assign(as_of=day) for day in absent], ignore_index=True)[table.columns]
    both = pd.concat([table, rows.astype(table.dtypes.to_dict())])
    return both.sort_values("as_of", kind="stable").reset_index(drop=True)


class _Decided(NamedTuple):
    """Per (date of the grid, commitment existing then): the date's position, the commitment's row,
    its status code then and its first fulfilment seen by then (NEVER: none)."""

    at: np.ndarray
    row: np.ndarray
    status: np.ndarray
    fulfilled_on: np.ndarray


def _statuses_on_grid(  # one piece: evaluate's rules, each a line, over every date at once
    tables: LedgerTables,
    verdicts: pd.DataFrame,
    grid: list[_dt.date],
    known_as_of: _dt.date | None,
    known_then: bool,
) -> _Decided:
    """Every commitment's status as of every date it exists on, by ``evaluate``'s rules in their order.

    The windows, the unreadable ones and the restatements come from the
    verdicts as of the last date (none of them depends on the date); what
    changes is which commitments and events exist. With ``known_then`` a
    record exists from the day it was recorded (``recorded_on``, else its
    own date); else from its own date. Arrays run over (date, commitment)
    pairs where the commitment exists, dates first.
    """
    days = np.array([day_number(day, "as_of") for day in grid], dtype=np.int64)
    ids = pa.array(verdicts["id"].array).cast(pa.string())
    stated = days_of_frame(verdicts["stated_on"])
    latest_of = days_of_frame(verdicts["latest"])
    visible = stated
    if known_then:
        where = pc.index_in(ids, value_set=tables.commitments["id"].combine_chunks().cast(pa.string()))
        recorded = days_of_arrow(tables.commitments["recorded_on"]).take(where.to_numpy(zero_copy_only=False))
        visible = np.maximum(stated, np.where(recorded == NEVER, stated, recorded))
    at, row = np.nonzero(visible[None, :] <= days[:, None])

    first = _first_outcomes_on_grid(tables.events, ids, latest_of, days, at, row, known_as_of, known_then)
    fulfilled_on, ended_on, ended_type, partial_on, missed_on = first
    successor = _rows_of(verdicts["superseded_by"], ids)[row]
    has_successor = successor >= 0
    restated_on = np.where(has_successor, stated[np.maximum(successor, 0)], NEVER)
    restated_seen = np.where(has_successor, visible[np.maximum(successor, 0)], NEVER)

    day, latest = days[at], latest_of[row]
    open_ended = latest == NEVER
    superseded = (restated_seen <= day) & (np.minimum(fulfilled_on, ended_on) >= restated_on) & (restated_on <= latest)
    fulfilled = fulfilled_on != NEVER
    on_time = fulfilled_on <= latest
    come_due = ~open_ended & (latest < day)
    partly = partial_on != NEVER
    unreadable = (verdicts["status"] == "unreadable").to_numpy(dtype=bool)[row]
    status = np.select(
        [
            unreadable,  # 0. no window, nothing judged
            superseded,  # 1. restated while still open
            fulfilled & on_time,  # 2. kept, even after a broken or withdrawn report
            fulfilled & ~on_time,  # 2. late
            ended_type == _TYPE["broken"],  # 3. the earliest broken or withdrawn event
            ended_type == _TYPE["withdrawn"],
            partly & come_due,  # 4. partial, once the deadline has passed
            missed_on != NEVER,  # 5. checked after the deadline
            come_due,  # 6. lapsed
        ],
        [_CODE[s] for s in ("unreadable", "superseded", "kept", "late", "broken", "withdrawn", "partial")]
        + [_CODE["missed"], _CODE["lapsed"]],
        default=_CODE["pending"],  # also partly delivered before the deadline: progress
    )
    return _Decided(at, row, status.astype(np.int8), fulfilled_on)


def _rows_of(column: pd.Series, ids: pa.Array) -> np.ndarray:
    """The row in ``ids`` of each value of a text column (-1: empty, or not there)."""
    values = pa.array(column.array)
    values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    found = pc.index_in(values.cast(pa.string()), value_set=ids)
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


class _FirstOnGrid(NamedTuple):
    """Per (date, commitment) pair: the day of the first event of each kind seen as of that date
    (NEVER: none), and the type of the first broken or withdrawn one (-1: none)."""

    fulfilled_on: np.ndarray
    ended_on: np.ndarray
    ended_type: np.ndarray
    partial_on: np.ndarray
    missed_on: np.ndarray


def _first_outcomes_on_grid(
    events: pa.Table,
    ids: pa.Array,
    latest: np.ndarray,
    days: np.ndarray,
    at: np.ndarray,
    row: np.ndarray,
    known_as_of: _dt.date | None,
    known_then: bool,
) -> _FirstOnGrid:
    """Each commitment's first outcome of each kind, as of every date of the grid it exists on.

    Events are ordered by their own day, then by their row (as ``evaluate``
    breaks ties). When an event is seen from its own day, the first outcome
    as of a date is simply the first one overall, if it is dated by then.
    With ``known_then`` an event is seen from the day it was recorded, so an
    earlier-dated one may turn up later: each is placed at the first date
    from which it is seen, and the first outcome is a minimum per (date,
    commitment), then a running minimum down the grid.
    """
    owner = pc.fill_null(pc.index_in(events["commitment_id"].combine_chunks().cast(pa.string()), value_set=ids), -1)
    owner = owner.to_numpy(zero_copy_only=False).astype(np.int64)
    kinds = events["type"].combine_chunks().cast(pa.string())
    type_code = pc.fill_null(pc.index_in(kinds, value_set=pa.array(EVENT_TYPES)), -1).to_numpy(zero_copy_only=False)
    on = days_of_arrow(events["happened_on"])
    recorded = days_of_arrow(events["recorded_on"])
    recorded = np.where(recorded == NEVER, on, recorded)
    seen_from = np.maximum(on, recorded) if known_then else on
    seen = (owner >= 0) & (seen_from <= days[-1])
    if known_as_of is not None:
        seen &= recorded <= day_number(known_as_of, "known_as_of")
    scale = np.int64(len(on) + 1)
    key = on * scale + np.arange(len(on), dtype=np.int64)
    day = days[at]

    def first(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        rows = np.flatnonzero(mask & seen)
        if known_then:
            on_grid = np.full((len(days), len(latest)), _NO_KEY, dtype=np.int64)
            np.minimum.at(on_grid, (np.searchsorted(days, seen_from[rows], side="left"), owner[rows]), key[rows])
            found = np.minimum.accumulate(on_grid, axis=0)[at, row]
        else:
            overall = np.full(len(latest), _NO_KEY, dtype=np.int64)
            np.minimum.at(overall, owner[rows], key[rows])
            found = overall[row]
            found = np.where((found != _NO_KEY) & (found // scale <= day), found, _NO_KEY)
        none = found == _NO_KEY
        return np.where(none, NEVER, found // scale), np.where(none, -1, found % scale)

    fulfilled_on, _ = first(type_code == _TYPE["fulfilled"])
    ended_on, ended_row = first((type_code == _TYPE["broken"]) | (type_code == _TYPE["withdrawn"]))
    ended_type = np.where(ended_row >= 0, type_code[np.maximum(ended_row, 0)] if len(on) else -1, -1)
    partial_on, _ = first(type_code == _TYPE["partial"])
    # A check on or before the latest due date proves nothing yet.
    after_deadline = np.zeros(len(on), dtype=bool)
    mine = owner >= 0
    after_deadline[mine] = on[mine] > latest[owner[mine]]
    missed_on, _ = first((type_code == _TYPE["checked_missed"]) & after_deadline)
    return _FirstOnGrid(fulfilled_on, ended_on, ended_type, partial_on, missed_on)


def _stacked_verdicts(verdicts: pd.DataFrame, decided: _Decided, key_codes: dict[str, np.ndarray]):
    """One row per (date, commitment existing then), with the columns ``follow_through`` reads;
    ``as_of`` is the date's position in the grid, and each grouping column its key's code."""
    at, row, status, fulfilled_on = decided
    delivered = (status == _CODE["kept"]) | (status == _CODE["late"])
    latest = days_of_frame(verdicts["latest"])[row]
    frame = pd.DataFrame(
        {
            "as_of": at,
            **{name: codes[row] for name, codes in key_codes.items()},
            "status": pd.Categorical.from_codes(status, categories=list(STATUSES)),
            "vague": verdicts["vague"].to_numpy(dtype=bool)[row],
            "stated_on": verdicts["stated_on"].to_numpy()[row],
            "resolved_on": datetimes(np.where(delivered, fulfilled_on, NEVER), int(NEVER)),
            "promised_days": verdicts["promised_days"].array.take(row),
            "days_late": nullable_int(np.where(status == _CODE["late"], fulfilled_on - latest, 0), ~delivered),
        },
        copy=False,
    )
    if not key_codes:
        frame["group"] = "all"
    frame.attrs.update(verdicts.attrs)
    return frame


def follow_through_over_time_schema(by: Sequence[str]) -> pa.Schema:
    """The Arrow schema of a table over time: ``as_of`` (a date), then ``follow_through_schema(by)``.

    >>> follow_through_over_time_schema(("actor",)).names[:3]
    ['as_of', 'actor', 'n']
    """
    schema = follow_through_schema(tuple(by))
    return schema.insert(0, pa.field("as_of", pa.date32(), nullable=False))


def over_time_arrow(table: pd.DataFrame, input_hash: str) -> pa.Table:
    """A table over time as Arrow, in its declared schema, checked (``check_table``: counts add up, rates
    in [0, 1] and inside their intervals) and with its metadata: the grid's dates, ``known_as_of``,
    ``freq``, ``by``, and the library's version and the input hash. Write it on its own with
    ``write_parquet`` (atomic) as ``OVER_TIME_FILE``, or with the other results as one set with
    ``ResultsWriter.add_arrow``, as ``ledger evaluate --over-time`` does.

    >>> import datetime as dt
    >>> from ledger import load
    >>> table = follow_through_over_time(load("fixtures/examples").ledger, as_of=[dt.date(2025, 6, 1)])
    >>> arrow = over_time_arrow(table, "example")
    >>> arrow.schema.names[:2], arrow.schema.metadata[b"ledger.as_of"]
    (['as_of', 'actor'], b'2025-06-01')
    """
    by = tuple(table.attrs.get("by", ()))
    arrow = to_arrow(table, follow_through_over_time_schema(by))
    check_table("follow_through_over_time", arrow)
    known = table.attrs.get("known_as_of")
    extra = {
        "ledger.as_of": ",".join(day.isoformat() for day in table.attrs.get("as_of", ())),
        "ledger.freq": table.attrs.get("freq") or "",
        "ledger.by": ",".join(by),
        "ledger.level": "commitment",
    }
    if known is not None:
        # Left out when not given: an absent key, never an empty string, means no known_as_of.
        extra["ledger.known_as_of"] = known.isoformat() if isinstance(known, _dt.date) else str(known)
    return arrow.replace_schema_metadata(table_metadata("follow_through_over_time", input_hash, extra))


def over_time_chart_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The rows a chart over time needs: per date and group, the on-time rate and the share lapsed.

    Long form, one row per (as_of, group, measure): ``measure`` is
    ``kept_rate`` (met on time, of those due) or ``lapsed_share`` (lapsed with
    nothing recorded, of those due); ``value`` with its Wilson 95% interval
    (``low``, ``high``) for the band, and ``n_due`` to say how many it rests
    on. Dates where nothing was due have no row (no rate to draw). ``group``
    joins the ``by`` columns with " / " ("all" when ungrouped).

    >>> import datetime as dt
    >>> from ledger import load
    >>> led = load("fixtures/examples").ledger
    >>> rows = over_time_chart_rows(follow_through_over_time(led, as_of=[dt.date(2025, 6, 1)], by=()))
    >>> [(m, round(v, 3), n) for m, v, n in rows[["measure", "value", "n_due"]].values.tolist()]
    [('kept_rate', 0.167, 6), ('lapsed_share', 0.333, 6)]
    """
    by = tuple(table.attrs.get("by", ())) or ("group",)
    due = table["n_due"].to_numpy(dtype=np.int64)
    rated = due > 0
    group = table[list(by)].astype(str).agg(" / ".join, axis=1) if len(table) else pd.Series([], dtype=object)
    parts = []
    for measure, count in (("kept_rate", table["n_kept"]), ("lapsed_share", table["n_lapsed"])):
        k = count.to_numpy(dtype=np.int64)
        low, high = wilson_interval(k, due)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = k / due
        parts.append(
            pd.DataFrame(
                {
                    "as_of": table["as_of"].to_numpy()[rated],
                    "group": group.to_numpy()[rated],
                    "measure": measure,
                    "value": value[rated],
                    "low": low[rated],
                    "high": high[rated],
                    "n_due": due[rated],
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["group", "as_of", "measure"], kind="stable").reset_index(drop=True)
