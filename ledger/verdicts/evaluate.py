"""Verdicts: the state of every commitment as of a date, and its reset chain.

``evaluate(ledger, as_of=...)`` gives one row per commitment: its due window,
its status from a closed set, the rule that decided it, and where it sits in
its chain of resets. Everything is computed over whole columns (numpy and
Arrow); there is no loop over commitments. ``docs/statistics.md`` explains
each status for readers; the combination rules are written down in
``STATUS_RULES`` below and in that document.

Only what existed as of ``as_of`` counts: commitments stated later and
events dated later do not exist for the evaluation. With ``known_as_of``,
records that were recorded (``recorded_on``) after that date do not exist
either, which answers "what could have been known then".
"""

from __future__ import annotations

import datetime as _dt
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ledger.core.days import NAT, datetimes, require_date
from ledger.core.records import Ledger
from ledger.core.tables import LedgerTables
from ledger.core.vocabulary import (
    EVENT_TYPES,
    SETTLED,
    STATUS_RULES,
    STATUSES,
    WINDOW_KINDS,
)
from ledger.deadlines.batch import RULE_CODES, WindowColumns, window_columns
from ledger.deadlines.policy import DEFAULT_POLICY, DeadlinePolicy

__all__ = ["STATUSES", "STATUS_RULES", "UnreadableDeadlines", "chains", "evaluate"]


class UnreadableDeadlines(ValueError):
    """Some commitments' deadline phrases cannot be read, so they cannot be judged.

    ``errors`` maps each commitment id to the reader's message. Nothing is
    judged rather than judging some rows and silently dropping others;
    ``ledger check`` reports the same phrases with their file and line.
    """

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        shown = "; ".join(f"{cid}: {message}" for cid, message in list(errors.items())[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"{len(errors)} deadline(s) cannot be read, so nothing was evaluated: {shown}{more}")


_NEVER = np.int64(1 << 40)  # a day later than any real date: "no such date"
_EPOCH = np.datetime64("1970-01-01", "D")
_TYPE_CODE = {name: i for i, name in enumerate(EVENT_TYPES)}


#: The verdict table's columns, in order.
_VERDICT_COLUMNS = (
    "id",
    "actor",
    "topic",
    "stated_on",
    "deadline",
    "deadline_means",
    "earliest",
    "due",
    "latest",
    "kind",
    "hedged",
    "vague",
    "deadline_rule",
    "status",
    "resolved_on",
    "days_late",
    "promised_days",
    "elapsed_days",
    "chain_id",
    "chain_position",
    "superseded_by",
    "status_rule",
    "evidence_url",
)


def _day_number(value: _dt.date, name: str) -> np.int64:
    require_date(value, name)
    return np.int64((np.datetime64(value, "D") - _EPOCH).astype(np.int64))


def _days(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A date32 column as int64 day numbers, with _NEVER for nulls."""
    as_int = pc.cast(column, pa.int32()) if not pa.types.is_integer(column.type) else column
    return pc.fill_null(pc.cast(as_int, pa.int64()), int(_NEVER)).to_numpy()


def _first_source(sources: pa.ChunkedArray | pa.Array) -> tuple[list[pa.Array], np.ndarray]:
    """The url columns of all sources (one per chunk), and where each row's first source sits
    in them counted across chunks (-1: none).

    Chunks are read one by one: joining them would copy every source's url,
    title and quote just to read the offsets.
    """
    chunks = sources.chunks if isinstance(sources, pa.ChunkedArray) else [sources]
    urls, first, base = [], [], 0
    for chunk in chunks:
        # Offsets index the child array directly (also for a sliced array), so the
        # first source of row i sits at offsets[i] whenever the row is not empty.
        offsets = chunk.offsets.to_numpy().astype(np.int64)
        first.append(np.where(offsets[1:] > offsets[:-1], base + offsets[:-1], -1))
        urls.append(chunk.values.field("url"))
        base += len(chunk.values)
    return urls, (np.concatenate(first) if first else np.zeros(0, dtype=np.int64))


def _take_arrow(values: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> pa.Array:
    """values[rows] in Arrow, null where a row is -1."""
    return pc.take(values, pa.array(rows, mask=rows < 0, type=pa.int64()))


def _text(column) -> pd.api.extensions.ExtensionArray:
    """A text column as pandas' Arrow-backed strings, without a Python object per row.

    Plain ``string[pyarrow]``, not a Categorical: grouping by actor in a
    notebook then behaves as people expect.
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_dictionary(column.type):
        column = column.cast(pa.string())
    return pd.arrays.ArrowExtensionArray(column)


def _day_numbers(column: pd.Series) -> np.ndarray:
    """A datetime64 column as int64 day numbers, _NEVER where missing."""
    values = column.to_numpy().astype("datetime64[D]")
    return np.where(np.isnat(values), _NEVER, (values - _EPOCH).astype(np.int64))


def _nullable_int(values: np.ndarray, missing: np.ndarray) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64, copy=False), missing)


def _as_tables(ledger) -> LedgerTables:
    if isinstance(ledger, LedgerTables):
        return ledger
    if isinstance(ledger, Ledger):
        return LedgerTables.from_ledger(ledger)
    raise TypeError(f"'ledger' must be a Ledger or LedgerTables (got {type(ledger).__name__})")


def _first_per_commitment(cidx: np.ndarray, on: np.ndarray, mask: np.ndarray, n: int):
    """For events under ``mask``: each commitment's earliest date and that event's row.

    ``cidx``/``on`` are sorted by (commitment, date) already, so the first
    occurrence of each commitment is its earliest event.
    """
    rows = np.flatnonzero(mask)
    first_day = np.full(n, _NEVER, dtype=np.int64)
    first_row = np.full(n, -1, dtype=np.int64)
    if rows.size:
        owners, at = np.unique(cidx[rows], return_index=True)
        first_day[owners] = on[rows[at]]
        first_row[owners] = rows[at]
    return first_day, first_row


def _take(values: np.ndarray, rows: np.ndarray, missing) -> np.ndarray:
    """values[rows], with ``missing`` where a row is -1 (also when values is empty)."""
    out = np.full(rows.shape, missing, dtype=values.dtype if values.size else np.asarray(missing).dtype)
    found = rows >= 0
    out[found] = values[rows[found]]
    return out


def _references(
    c: pa.Table, e: pa.Table, stated: np.ndarray, on: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each event's commitment and each commitment's superseded one, as row numbers (-1: none),
    and each event's type as its index in EVENT_TYPES.

    One pass of one hash table answers every look-up: the ids, then the
    events' and the resets' references, are numbered in order of first
    appearance, so when the ids are unique they are numbered 0 to n - 1 in
    order and a reference's number is the row it names (n or more: no such
    commitment). The same pass checks the rules evaluation relies on: unique
    ids, events and resets that name commitments of the ledger, each
    commitment reset at most once and by a later or same-day one, no event
    before its commitment, known event types. A ``Ledger`` keeps these rules
    already; tables read from elsewhere might not. ``stated`` and ``on`` are
    the day numbers of commitments and events.
    """
    ids = c["id"]  # for messages only
    every_id = pa.chunked_array([*c["id"].chunks, *e["commitment_id"].chunks, *c["supersedes"].chunks], pa.string())
    numbered = pc.dictionary_encode(every_id)
    first = numbered.chunks[0].dictionary if numbered.num_chunks else None
    if not all(chunk.dictionary.equals(first) for chunk in numbered.chunks[1:]):
        # Each chunk numbered on its own: renumber all against one dictionary,
        # which keeps the order of first appearance.
        numbered = pa.table({"id": numbered}).unify_dictionaries()["id"]
    found = np.concatenate(
        [pc.fill_null(chunk.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64) for chunk in numbered.chunks]
        or [np.zeros(0, dtype=np.int64)]
    )
    n_events, n = e.num_rows, c.num_rows
    own, cidx, target = found[:n], found[n : n + n_events], found[n + n_events :]
    cidx[cidx >= n] = -1
    target[target >= n] = -1
    if not np.array_equal(own, np.arange(n)):
        row = int(np.flatnonzero(own != np.arange(n))[0])
        raise ValueError(f"'id' must be unique within the ledger (got {ids[row].as_py()!r} twice)")
    if (cidx < 0).any():
        row = int(np.flatnonzero(cidx < 0)[0])
        raise ValueError(
            f"'commitment_id' must name a commitment of the ledger (got {e['commitment_id'][row].as_py()!r})"
        )
    named = c["supersedes"].is_valid().to_numpy(zero_copy_only=False)
    if (named & (target < 0)).any():
        row = int(np.flatnonzero(named & (target < 0))[0])
        raise ValueError(f"'supersedes' must name a commitment of the ledger (got {c['supersedes'][row].as_py()!r})")
    if n and np.bincount(target[target >= 0], minlength=n).max(initial=0) > 1:
        raise ValueError("'supersedes' must name each commitment at most once (got a commitment reset twice)")
    linked = np.flatnonzero(target >= 0)
    if (target[linked] == linked).any():
        row = int(linked[target[linked] == linked][0])
        raise ValueError(f"'supersedes' must name another commitment (got {ids[row].as_py()!r} resetting itself)")
    later = linked[stated[target[linked]] > stated[linked]]
    if later.size:
        row = int(later[0])
        raise ValueError(
            f"'supersedes' must name a commitment stated on or before this one (got {ids[row].as_py()!r} "
            f"resetting {ids[int(target[row])].as_py()!r}, stated later)"
        )
    early = np.flatnonzero(on < stated[cidx]) if n_events else np.array([], dtype=np.int64)
    if early.size:
        row = int(early[0])
        raise ValueError(
            f"'on' must not be before the commitment was stated (got an event of {e['commitment_id'][row].as_py()!r} "
            f"on {e['on'][row].as_py()})"
        )
    types = pc.index_in(e["type"], value_set=pa.array(EVENT_TYPES))
    if types.null_count:
        bad = pc.filter(e["type"], pc.is_null(types))[0].as_py()
        raise ValueError(f"'type' must be one of {', '.join(EVENT_TYPES)} (got {bad!r})")
    return cidx, target, types.to_numpy(zero_copy_only=False).astype(np.int64)


def _in_canonical_order(cidx: np.ndarray, on: np.ndarray) -> bool:
    """Whether events are already sorted by (commitment row, date), as a Ledger and its tables keep them.

    Checking is one pass; sorting a million events is ten times that.
    """
    if cidx.size < 2:
        return True
    step = np.diff(cidx)
    return bool(((step > 0) | ((step == 0) & (np.diff(on) >= 0))).all())


def _due_windows(c: pa.Table, stated: np.ndarray, policy: DeadlinePolicy) -> WindowColumns:
    """The due window of every commitment of ``c``: from ``deadline_means`` where given, else ``deadline``."""
    said = c["deadline"].combine_chunks()
    means = c["deadline_means"].combine_chunks()
    if means.null_count < len(means):
        # The recorder's reading, where given, is what the window is computed from.
        phrases = pc.coalesce(means, said.cast(pa.string())).dictionary_encode()
    else:
        phrases = said if pa.types.is_dictionary(said.type) else said.dictionary_encode()
    # Dictionary-encoded: each distinct phrase is read once, from its code.
    return window_columns(phrases, stated.astype("datetime64[D]"), policy)


def _chain_roots(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Root index and 0-based depth of every node of a forest of parent links.

    Pointer jumping: each pass doubles the distance every pointer covers, so
    a chain of k resets takes about log2(k) vectorised passes.
    """
    index = np.arange(parent.size)
    ancestor = np.where(parent < 0, index, parent)
    depth = (parent >= 0).astype(np.int64)
    # Only nodes whose ancestor is not yet a root take part in a pass, and
    # most commitments start no chain or sit one step from its start.
    active = np.flatnonzero(parent[ancestor] >= 0)
    # A chain of n links needs at most log2(n) + 1 passes; more means a cycle
    # (possible only among commitments stated on the same day).
    for _ in range(int(np.log2(max(parent.size, 1))) + 2):
        if not active.size:
            return ancestor, depth
        reached = ancestor[active]
        depth[active] += depth[reached]
        ancestor[active] = ancestor[reached]
        active = active[parent[ancestor[active]] >= 0]
    raise ValueError("'supersedes' links must not form a cycle (got a cycle among same-day commitments)")


def evaluate(
    ledger: Ledger | LedgerTables,
    *,
    as_of: _dt.date,
    known_as_of: _dt.date | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
) -> pd.DataFrame:
    """The verdict on every commitment as of a date: one row per commitment.

    ``as_of`` is required (the library never reads today's date). Commitments
    stated after ``as_of`` and events dated after it are not seen; with
    ``known_as_of``, neither is anything recorded after that date. The
    frame's ``attrs`` hold ``as_of``, ``known_as_of`` and the policy.

    How events combine, first rule that applies wins:

    1. ``superseded``: a later commitment that ``supersedes`` this one was
       stated while it was still open (no fulfilled, broken or withdrawn
       event before that day) and its latest due date had not passed.
    2. A ``fulfilled`` event decides, even after an earlier broken or
       withdrawn report: ``kept`` if the first fulfilment is on or before
       ``latest``, else ``late``.
    3. The earliest ``broken`` or ``withdrawn`` event decides.
    4. A ``partial`` event gives ``partial``.
    5. No outcome: ``lapsed`` once ``as_of`` is past ``latest``, else
       ``pending``. A deadline with no date (kind ``open``) never lapses.

    ``note`` events never change a status.

    >>> import datetime as dt
    >>> from ledger import Commitment, Ledger, Event
    >>> c = Commitment(id="a", actor="X", stated_on=dt.date(2025, 10, 16), text="Meet",
    ...                deadline="in two weeks")
    >>> led = Ledger([c], [Event(commitment_id="a", type="fulfilled", on=dt.date(2025, 11, 3))])
    >>> evaluate(led, as_of=dt.date(2025, 10, 20))[["status", "latest"]].iloc[0].tolist()
    ['pending', Timestamp('2025-10-30 00:00:00')]
    >>> row = evaluate(led, as_of=dt.date(2025, 12, 1)).iloc[0]
    >>> row["status"], int(row["days_late"])
    ('late', 4)
    """
    as_of_day = _day_number(as_of, "as_of")
    known_day = _day_number(known_as_of, "known_as_of") if known_as_of is not None else None
    if not isinstance(policy, DeadlinePolicy):
        raise TypeError(f"'policy' must be a DeadlinePolicy (got {policy!r})")
    tables = _as_tables(ledger)
    c, e = tables.commitments, tables.events

    stated, on = _days(c["stated_on"]), _days(e["on"])

    # -- what exists as of the evaluation -------------------------------------
    exists = stated <= as_of_day
    if known_day is not None:
        recorded = _days(c["recorded_on"])
        exists &= np.where(recorded == _NEVER, stated, recorded) <= known_day
    everything_exists = bool(exists.all())
    existing = c if everything_exists else c.filter(pa.array(exists))

    # -- references (checked on the whole ledger) and due windows, side by side --
    # Arrow's hash look-up of ids runs without the GIL while this thread reads
    # deadline phrases, which is mostly Python: two cores, half the wait.
    with ThreadPoolExecutor(max_workers=1) as pool:
        references = pool.submit(_references, c, e, stated, on)
        windows = _due_windows(existing, stated[exists], policy)
        cidx, target, type_code = references.result()

    if not everything_exists:
        # Renumber: references to commitments that do not exist yet become -1.
        renumber = np.full(len(exists) + 1, -1, dtype=np.int64)
        renumber[:-1][exists] = np.arange(int(exists.sum()))
        cidx, target = renumber[cidx], renumber[target][exists]
        stated = stated[exists]
    c = existing
    n = c.num_rows
    ids = c["id"].combine_chunks()
    if windows.errors:
        raise UnreadableDeadlines({str(ids[i]): message for i, message in sorted(windows.errors.items())})

    seen = (on <= as_of_day) & (cidx >= 0)
    if known_day is not None:
        recorded = _days(e["recorded_on"])
        seen &= np.where(recorded == _NEVER, on, recorded) <= known_day
    event_rows = np.flatnonzero(seen)
    on, cidx = on[event_rows], cidx[event_rows]
    type_code = type_code[event_rows]
    if not _in_canonical_order(cidx, on):
        order = np.lexsort((on, cidx))
        on, cidx, type_code, event_rows = on[order], cidx[order], type_code[order], event_rows[order]

    # Columns of the result are made as soon as their inputs are known, and
    # inputs are dropped once used: every array a million rows long that is
    # never allocated is memory the system need not hand over and clear.
    out = {
        "id": _text(ids),
        "actor": _text(c["actor"]),
        "topic": _text(c["topic"]),
        "stated_on": datetimes(stated, _NEVER),
        "deadline": _text(c["deadline"]),
        "deadline_means": _text(c["deadline_means"]),
        "earliest": datetimes(windows.earliest),
        "due": datetimes(windows.due),
        "latest": datetimes(windows.latest),
        "kind": pd.Categorical.from_codes(windows.kind, categories=list(WINDOW_KINDS)),
        "hedged": windows.hedged,
        "vague": windows.vague,
        "deadline_rule": pd.Categorical.from_codes(windows.rule, categories=list(RULE_CODES)),
    }
    latest = np.where(windows.latest == NAT, _NEVER, windows.latest)
    del windows
    open_ended = latest == _NEVER
    out["promised_days"] = _nullable_int(latest - stated, open_ended)

    # -- chains ----------------------------------------------------------------------------
    root, depth = _chain_roots(target)
    out["chain_id"] = _text(_take_arrow(ids, root))
    out["chain_position"] = depth + 1
    del root, depth

    # -- outcomes from events -----------------------------------------------------------
    fulfilled_on, fulfilled_row = _first_per_commitment(cidx, on, type_code == _TYPE_CODE["fulfilled"], n)
    ended = (type_code == _TYPE_CODE["broken"]) | (type_code == _TYPE_CODE["withdrawn"])
    ended_on, ended_row = _first_per_commitment(cidx, on, ended, n)
    partial_on, partial_row = _first_per_commitment(cidx, on, type_code == _TYPE_CODE["partial"], n)
    ended_type = _take(type_code, ended_row, -1)
    del ended, on, cidx

    # -- resets -------------------------------------------------------------------------
    has_target = target >= 0
    successor = np.full(n, -1, dtype=np.int64)
    successor[target[has_target]] = np.flatnonzero(has_target)
    restated_on = np.full(n, _NEVER, dtype=np.int64)
    restated_on[target[has_target]] = stated[has_target]
    del has_target, target
    out["superseded_by"] = _text(_take_arrow(ids, successor))
    superseded = (successor >= 0) & (np.minimum(fulfilled_on, ended_on) >= restated_on) & (restated_on <= latest)

    # -- status, first rule that applies -------------------------------------------
    fulfilled = fulfilled_on != _NEVER
    on_time = fulfilled_on <= latest
    broken_first = ended_on < fulfilled_on
    lapsed = ~open_ended & (latest < as_of_day)
    conditions = [
        superseded,
        fulfilled & on_time,
        fulfilled & ~on_time,
        ended_type == _TYPE_CODE["broken"],
        ended_type == _TYPE_CODE["withdrawn"],
        partial_on != _NEVER,
        lapsed,
    ]
    del fulfilled, on_time, lapsed, ended_type
    status_code = np.select(conditions, [np.int8(code) for code in (5, 0, 1, 3, 4, 2, 6)], default=np.int8(7))
    resolved_on = np.select(
        conditions, [restated_on, fulfilled_on, fulfilled_on, ended_on, ended_on, partial_on, _NEVER], default=_NEVER
    )
    del restated_on
    rule = {name: np.int8(i) for i, name in enumerate(STATUS_RULES)}
    rule_code = np.select(
        conditions,
        [
            rule["superseded"],
            np.where(open_ended, rule["kept_open"], np.where(broken_first, rule["kept_after_broken"], rule["kept"])),
            np.where(broken_first, rule["late_after_broken"], rule["late"]),
            rule["broken"],
            rule["withdrawn"],
            rule["partial"],
            rule["lapsed"],
        ],
        default=np.where(open_ended, rule["pending_open"], rule["pending"]),
    )
    del broken_first, open_ended
    out["status"] = pd.Categorical.from_codes(status_code, categories=list(STATUSES))
    out["status_rule"] = pd.Categorical.from_codes(rule_code, categories=list(STATUS_RULES.values()))
    del rule_code

    # -- evidence: the source of what decided the status ------------------------------
    # Built in Arrow: a million URLs never become Python strings here.
    deciding_row = np.select(
        conditions[1:6], [fulfilled_row, fulfilled_row, ended_row, ended_row, partial_row], default=-1
    )
    del conditions, ended_row, partial_row, fulfilled_row, ended_on, partial_on
    # Pointers into the commitments' and the events' url columns, then one take.
    commitment_urls, own = _first_source(c["sources"])
    n_commitment_urls = sum(len(urls) for urls in commitment_urls)
    event_urls, event_first = _first_source(e["sources"])
    from_event = _take(event_first, _take(event_rows, deciding_row, -1), -1)
    del event_first, event_rows
    # An outcome is evidenced by its event's source; where that event cites
    # none, no URL rather than the promise's own, which proves nothing about it.
    pointer = np.where(deciding_row >= 0, np.where(from_event >= 0, n_commitment_urls + from_event, -1), own)
    del deciding_row, from_event
    restatement = _take(own, np.where(superseded, successor, -1), -1)
    del own, successor
    pointer = np.where(superseded & (restatement >= 0), restatement, pointer)
    del restatement, superseded
    # One take from all url columns chunked together: half the time of a
    # take from each and a choice between them.
    out["evidence_url"] = _text(_take_arrow(pa.chunked_array(commitment_urls + event_urls, pa.string()), pointer))
    del pointer

    # -- days ------------------------------------------------------------------------------
    is_kept, is_late = status_code == 0, status_code == 1
    out["days_late"] = _nullable_int(np.where(is_late, fulfilled_on - latest, 0), ~(is_kept | is_late))
    del is_kept, is_late, fulfilled_on, latest
    out["resolved_on"] = datetimes(resolved_on, _NEVER)
    # Partial delivery leaves a commitment open: its time runs on to as_of,
    # as in the chains table and the time-to-fulfilment curve.
    end_day = np.where((resolved_on == _NEVER) | (status_code == STATUSES.index("partial")), as_of_day, resolved_on)
    del resolved_on
    out["elapsed_days"] = end_day - stated

    frame = pd.DataFrame({name: out.pop(name) for name in _VERDICT_COLUMNS}, copy=False)
    frame.attrs.update({"as_of": as_of, "known_as_of": known_as_of, "policy": policy})
    return frame


def chains(verdicts: pd.DataFrame, *, as_of: _dt.date | None = None) -> pd.DataFrame:
    """One row per chain of resets: how often a deadline moved, and how far.

    A chain is a commitment and every commitment that supersedes it, in order.
    Its final status is that of its last commitment. ``total_slip_days`` runs
    from the first due date to the final resolution (or to ``as_of`` while the
    chain is still open: pending, lapsed, or only partly delivered).
    ``as_of`` defaults to the one ``evaluate`` recorded in ``verdicts.attrs``.

    >>> import datetime as dt
    >>> from ledger import load
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> row = chains(v).set_index("chain_id").loc["bridge-reopening"]
    >>> int(row["n_commitments"]), int(row["resets"]), row["final_status"]
    (2, 1, 'late')
    """
    if as_of is None:
        as_of = verdicts.attrs.get("as_of")
    if as_of is None:
        raise ValueError("chains() needs 'as_of': pass it, or give verdicts made by evaluate()")
    codes, chain_ids = pd.factorize(verdicts["chain_id"], sort=False)
    position = verdicts["chain_position"].to_numpy()
    size = np.bincount(codes, minlength=len(chain_ids))
    # Row of each chain's first and last commitment (positions are 1..k).
    first_row = np.full(len(chain_ids), -1, dtype=np.int64)
    first_mask = position == 1
    first_row[codes[first_mask]] = np.flatnonzero(first_mask)
    if (first_row < 0).any():
        missing = chain_ids[int(np.flatnonzero(first_row < 0)[0])]
        raise ValueError(
            f"chain {missing!r} has no first commitment in these verdicts; chains() needs whole chains, "
            "so filter verdicts by chain_id rather than by commitment"
        )
    last_position = np.zeros(len(chain_ids), dtype=np.int64)
    np.maximum.at(last_position, codes, position)
    last_mask = position == last_position[codes]
    last_row = np.empty(len(chain_ids), dtype=np.int64)
    last_row[codes[last_mask]] = np.flatnonzero(last_mask)

    def first(column):
        return verdicts[column].array.take(first_row)

    def last(column):
        return verdicts[column].array.take(last_row)

    # Recode against STATUSES: a status column read back from Parquet lists
    # its categories in order of appearance, not in ours.
    status_code = verdicts["status"].astype(pd.CategoricalDtype(list(STATUSES))).cat.codes.to_numpy()[last_row]
    if (status_code < 0).any():
        raise ValueError(f"'status' must be one of {', '.join(STATUSES)}")
    settled = np.isin(status_code, [STATUSES.index(s) for s in SETTLED])
    reported = settled | (status_code == STATUSES.index("partial"))
    resolved = _day_numbers(verdicts["resolved_on"])[last_row]
    stated = _day_numbers(verdicts["stated_on"])[first_row]
    first_due = _day_numbers(verdicts["due"])[first_row]
    first_latest = _day_numbers(verdicts["latest"])[first_row]
    end = np.where(settled, resolved, _day_number(as_of, "as_of"))
    final_resolved = np.where(reported, resolved, _NEVER)
    out = pd.DataFrame(
        {
            "chain_id": chain_ids.array if hasattr(chain_ids, "array") else chain_ids,
            "actor": first("actor"),
            "topic": first("topic"),
            "kind": first("kind"),
            "vague": first("vague"),
            "first_stated_on": first("stated_on"),
            "first_due": first("due"),
            "last_id": last("id"),
            "last_latest": last("latest"),
            "n_commitments": size.astype(np.int64),
            "resets": (size - 1).astype(np.int64),
            "final_status": pd.Categorical.from_codes(status_code, categories=list(STATUSES)),
            "final_resolved_on": datetimes(final_resolved, _NEVER),
            "total_slip_days": _nullable_int(end - first_due, first_due == _NEVER),
            "elapsed_days": _nullable_int(end - stated, np.zeros(len(end), dtype=bool)),
            "days_late": last("days_late"),
            # the original promise, so a chain delivered on its third reset
            # shows how much longer it took than first said
            "promised_days": _nullable_int(first_latest - stated, first_latest == _NEVER),
            "evidence_url": last("evidence_url"),
        },
        copy=False,
    )
    out.attrs.update(verdicts.attrs)
    out.attrs["as_of"] = as_of
    return out
