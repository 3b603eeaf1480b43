"""Verdicts: the state of every commitment as of a date.

``evaluate(ledger, as_of=...)`` gives one row per commitment: its due window,
its status from a closed set, the rule that decided it, and where it sits in
its chain of resets. Everything is computed over whole columns (numpy and
Arrow); there is no loop over commitments. ``docs/statistics.md`` explains
each status for readers; the combination rules are written down in
``evaluate``'s docstring, in that document, and in words a reader sees in
``STATUS_RULES`` (``ledger.core.vocabulary``).

Only what existed as of ``as_of`` counts: commitments stated later and
events dated later do not exist for the evaluation. With ``known_as_of``,
records that were recorded (``recorded_on``) after that date do not exist
either, which answers "what could have been known then".

``evaluate`` reads as the list of its steps, each a function below it in the
order it runs. The chains table is ``ledger.verdicts.chains``; the column
helpers (day numbers, takes) are ``ledger.verdicts.arrays``.
"""

from __future__ import annotations

import datetime as _dt
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ledger.core.days import NAT, datetimes
from ledger.core.integrity import check_links
from ledger.core.records import Ledger
from ledger.core.tables import LedgerTables
from ledger.core.vocabulary import CANDIDATE_TAG, EVENT_TYPES, STATUS_RULES, STATUSES, UNREADABLE_RULE, WINDOW_KINDS
from ledger.deadlines.batch import RULE_CODES, WindowColumns, window_columns
from ledger.deadlines.policy import DEFAULT_POLICY, DeadlinePolicy
from ledger.io.parquet import EvaluationTables
from ledger.verdicts.arrays import (
    NEVER,
    by_rule,
    day_number,
    days_of_arrow,
    first_rule,
    first_seen_dictionary,
    nullable_int,
    take,
    take_arrow,
    text,
)
from ledger.verdicts.chains import chain_columns
from ledger.verdicts.evidence import source_and_evidence_urls

__all__ = ["UnreadableDeadlines", "candidates_left_out", "due_windows", "evaluate", "evaluate_batch"]


class UnreadableDeadlines(ValueError):
    """Some commitments' deadline phrases cannot be read, and ``evaluate(..., strict=True)`` was asked to refuse.

    ``errors`` maps each commitment id to the reader's message. Without
    ``strict``, such commitments get the status ``unreadable`` instead and
    the rest of the ledger is judged; ``ledger check`` reports the same
    phrases with their file and line.
    """

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        shown = "; ".join(f"{cid}: {message}" for cid, message in list(errors.items())[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"{len(errors)} deadline(s) cannot be read, so nothing was evaluated: {shown}{more}")


_TYPE_CODE = {name: i for i, name in enumerate(EVENT_TYPES)}

#: The status each rule of ``_rules_in_order`` gives, in that order; when none applies, pending.
_STATUS_OF_RULE = [
    np.int8(STATUSES.index(status))
    for status in (
        "unreadable",
        "superseded",
        "kept",
        "late",
        "broken",
        "withdrawn",
        "partial",
        "missed",
        "lapsed",
        "pending",  # partly delivered, deadline not passed: progress, not an outcome
    )
]
_PENDING, _KEPT, _LATE, _PARTIAL, _MISSED = (
    STATUSES.index(status) for status in ("pending", "kept", "late", "partial", "missed")
)

#: The verdict table's columns, in order.
_VERDICT_COLUMNS = (
    "id",
    "actor",
    "topic",
    "stated_on",
    "text",
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
    "source_url",
    "evidence_url",
)


def evaluate(  # one piece: its body is the memory plan (the comment after the docstring says why)
    ledger: Ledger | LedgerTables | EvaluationTables,
    *,
    as_of: _dt.date,
    known_as_of: _dt.date | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    strict: bool = False,
    include_candidates: bool = False,
) -> pd.DataFrame:
    """The verdict on every commitment as of a date: one row per commitment.

    ``as_of`` is required (the library never reads today's date). Commitments
    stated after ``as_of`` and events dated after it are not seen; with
    ``known_as_of``, neither is anything recorded after that date. Entries
    still tagged ``candidate`` (proposed by ``ledger extract``, not yet
    confirmed) are left out unless ``include_candidates``. The frame's
    ``attrs`` hold ``as_of``, ``known_as_of``, the policy,
    ``include_candidates`` and ``candidates_left_out`` (how many).

    How events combine, first rule that applies wins:

    0. ``unreadable``: the deadline phrase cannot be read; ``status_rule``
       holds the reader's message. With ``strict=True``, evaluation raises
       ``UnreadableDeadlines`` instead.
    1. ``superseded``: a later commitment that ``supersedes`` this one was
       stated while it was still open (no fulfilled, broken or withdrawn
       event before that day) and its latest due date had not passed.
    2. A ``fulfilled`` event decides, even after an earlier broken or
       withdrawn report: ``kept`` if the first fulfilment is on or before
       ``latest``, else ``late``.
    3. The earliest ``broken`` or ``withdrawn`` event decides.
    4. A ``partial`` event gives ``partial`` once ``as_of`` is past
       ``latest``; before that it is progress, and the status is ``pending``.
    5. A ``checked_missed`` event dated after ``latest`` gives ``missed``.
    6. No outcome: ``lapsed`` once ``as_of`` is past ``latest``, else
       ``pending``. A deadline with no date (kind ``open``) never lapses.

    ``note`` events never change a status, nor does a ``checked_missed``
    event dated on or before ``latest`` (the deadline had not passed yet).

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
    return _verdicts(
        ledger,
        as_of=as_of,
        known_as_of=known_as_of,
        policy=policy,
        strict=strict,
        include_candidates=include_candidates,
        group_text=text,
    )


def evaluate_batch(
    tables: EvaluationTables,
    *,
    as_of: _dt.date,
    known_as_of: _dt.date | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    strict: bool = False,
    include_candidates: bool = False,
) -> pd.DataFrame:
    """``evaluate`` of one batch of a ledger judged in batches (``ledger.verdicts.batched``).

    The same verdicts, but ``actor``, ``topic`` and ``deadline`` stay Arrow
    dictionaries of the values present, in order of first appearance
    (``first_seen_dictionary``): read from Parquet as dictionaries, they are
    grouped by their codes and written as the same dictionaries, never
    decoded to strings to be hashed and encoded again.

    >>> import datetime as dt, tempfile
    >>> from ledger import load, write_tables
    >>> from ledger.io.parquet import read_for_evaluation
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_tables(load("fixtures/examples").ledger, folder)
    >>> tables, day = read_for_evaluation(folder), dt.date(2025, 6, 1)
    >>> v = evaluate_batch(tables, as_of=day)
    >>> str(v["actor"].dtype), v["status"].equals(evaluate(tables, as_of=day)["status"])
    ('dictionary<values=string, indices=int32, ordered=0>[pyarrow]', True)
    """
    return _verdicts(
        tables,
        as_of=as_of,
        known_as_of=known_as_of,
        policy=policy,
        strict=strict,
        include_candidates=include_candidates,
        group_text=first_seen_dictionary,
    )


def _verdicts(  # one piece: its body is the memory plan (the comment at its start says why)
    ledger: Ledger | LedgerTables | EvaluationTables,
    *,
    as_of: _dt.date,
    known_as_of: _dt.date | None,
    policy: DeadlinePolicy,
    strict: bool,
    include_candidates: bool,
    group_text,
) -> pd.DataFrame:
    """``evaluate``'s body; ``group_text`` makes the actor, topic and deadline columns of their Arrow columns."""
    # One piece on purpose, longer than the house limit: its body is the memory
    # plan. Each step makes columns a million rows long, and each `del` gives
    # one back as soon as no later step reads it, so the next step reuses that
    # memory instead of asking the system for fresh pages, which on a
    # two-core machine is most of the time (docs/architecture.md, "Memory is
    # time"). Result columns are made as soon as their inputs are known.
    as_of_day = day_number(as_of, "as_of")
    known_day = day_number(known_as_of, "known_as_of") if known_as_of is not None else None
    if not isinstance(policy, DeadlinePolicy):
        raise TypeError(f"'policy' must be a DeadlinePolicy (got {policy!r})")
    tables = _as_tables(ledger)
    c, stated, windows, target, on, cidx, type_code, candidates = _existing(
        tables, as_of_day, known_day, policy, include_candidates
    )
    ids = c["id"].combine_chunks()
    if windows.errors and strict:
        raise UnreadableDeadlines({str(ids[i]): message for i, message in sorted(windows.errors.items())})
    unreadable = np.zeros(c.num_rows, dtype=bool)
    unreadable[list(windows.errors)] = True
    event_rows, on, cidx, type_code = _seen_events(tables.events, on, cidx, type_code, as_of_day, known_day)

    out = _deadline_columns(c, ids, stated, windows, group_text)
    latest = np.where(windows.latest == NAT, NEVER, windows.latest)
    errors = windows.errors
    del windows
    open_ended = latest == NEVER
    out["promised_days"] = nullable_int(latest - stated, open_ended)
    out["chain_id"], out["chain_position"] = chain_columns(ids, target)

    # -- what the rules read: each commitment's first outcomes, and its restatement --
    first = _first_outcomes(cidx, on, type_code, latest)
    fulfilled_on, fulfilled_row, ended_on, ended_row, ended_type, partial_on, partial_row, missed_on, missed_row = first
    del on, cidx, type_code, first
    successor, restated_on = _restatements(target, stated)
    del target
    out["superseded_by"] = text(take_arrow(ids, successor))
    superseded = (successor >= 0) & (np.minimum(fulfilled_on, ended_on) >= restated_on) & (restated_on <= latest)

    # -- status: the first rule that applies, in the documented order ---------------
    rules = _rules_in_order(
        unreadable, superseded, fulfilled_on, latest, ended_type, partial_on, missed_on, open_ended, as_of_day
    )
    del ended_type
    # Which rule decides each row, found once: the columns below are each a choice by it, as np.select
    # would make them (each select read every rule's mask again).
    which = first_rule(rules)
    del rules
    status_code = np.array([*_STATUS_OF_RULE, _PENDING], dtype=np.int8)[which]
    resolved_on = by_rule(
        which,
        [NEVER, restated_on, fulfilled_on, fulfilled_on, ended_on, ended_on, partial_on, missed_on, NEVER, NEVER],
        NEVER,
    )
    del restated_on
    out["status"] = pd.Categorical.from_codes(status_code, categories=list(STATUSES))
    out["status_rule"] = _status_rule_column(which, fulfilled_on, ended_on, open_ended, errors)
    del open_ended

    # -- evidence: the source of the event that decided the status -----------------
    # Rules 0 and 1 have no deciding event: an unreadable deadline judged nothing
    # (its own source), a superseded one points at its restatement (below).
    deciding_row = by_rule(
        which,
        [-1, -1, fulfilled_row, fulfilled_row, ended_row, ended_row, partial_row, missed_row, -1, partial_row],
        -1,
    )
    del which, fulfilled_row, ended_row, partial_row, ended_on, partial_on, missed_row
    deciding_event = take(event_rows, deciding_row, -1)  # a row of the events table
    del deciding_row, event_rows
    out["source_url"], out["evidence_url"] = source_and_evidence_urls(
        c["sources"], tables.events["sources"], deciding_event, superseded, successor
    )
    del deciding_event, superseded, successor

    # -- days ------------------------------------------------------------------------
    is_kept, is_late = status_code == _KEPT, status_code == _LATE
    out["days_late"] = nullable_int(np.where(is_late, fulfilled_on - latest, 0), ~(is_kept | is_late))
    del is_kept, is_late, fulfilled_on, latest
    out["resolved_on"] = datetimes(resolved_on, int(NEVER))
    # Partial delivery and a checked miss leave a commitment open: its time
    # runs on to as_of, as in the chains table and the time-to-fulfilment curve.
    still_open = (resolved_on == NEVER) | (status_code == _PARTIAL) | (status_code == _MISSED)
    end_day = np.where(still_open, as_of_day, resolved_on)
    del resolved_on, missed_on
    out["elapsed_days"] = end_day - stated

    frame = pd.DataFrame({name: out.pop(name) for name in _VERDICT_COLUMNS}, copy=False)
    frame.attrs.update(
        {
            "as_of": as_of,
            "known_as_of": known_as_of,
            "policy": policy,
            "include_candidates": include_candidates,
            "candidates_left_out": candidates,
        }
    )
    return frame


def _as_tables(ledger) -> LedgerTables | EvaluationTables:
    if isinstance(ledger, (LedgerTables, EvaluationTables)):
        return ledger
    if isinstance(ledger, Ledger):
        return LedgerTables.from_ledger(ledger)
    raise TypeError(f"'ledger' must be a Ledger, LedgerTables or EvaluationTables (got {type(ledger).__name__})")


class _Existing(NamedTuple):
    """What exists as of the evaluation, its references checked and its due windows read.

    Commitments: their table, the day each was stated, their due windows, and
    the row of the one each supersedes. Events (all of them, seen or not):
    their day, their commitment's row and their type's index in EVENT_TYPES.
    Rows count among existing commitments; -1 is none, or one that does not
    exist yet.
    """

    commitments: pa.Table
    stated: np.ndarray
    windows: WindowColumns
    target: np.ndarray
    on: np.ndarray
    cidx: np.ndarray
    type_code: np.ndarray
    candidates_left_out: int


def _existing(
    tables: LedgerTables | EvaluationTables,
    as_of_day: np.int64,
    known_day: np.int64 | None,
    policy: DeadlinePolicy,
    include_candidates: bool,
):
    """The commitments that exist as of the evaluation, their references (checked on the whole
    ledger, then renumbered) and their due windows, the last two read side by side; and how many
    unconfirmed candidates that would exist were left out."""
    c, e = tables.commitments, tables.events
    stated, on = days_of_arrow(c["stated_on"]), days_of_arrow(e["happened_on"])
    exists, candidates_left_out = _exists(c, stated, as_of_day, known_day, include_candidates)
    everything_exists = bool(exists.all())
    existing = c if everything_exists else c.filter(pa.array(exists))

    checked = tables.checked if isinstance(tables, EvaluationTables) else None
    if checked is not None:
        # A batch of a ledger judged in batches: its links were checked and its windows read
        # once, for the whole ledger (ledger.verdicts.batched); the same values, not found again.
        cidx, target, type_code = checked.links
        if checked.policy == policy:
            windows = checked.windows if everything_exists else _windows_where(checked.windows, exists)
        else:
            windows = _due_windows(existing, stated[exists], policy)
    else:
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
    return _Existing(existing, stated, windows, target, on, cidx, type_code, candidates_left_out)


def _exists(c: pa.Table, stated: np.ndarray, as_of_day: np.int64, known_day, include_candidates: bool):
    """Which commitments of ``c`` exist for the evaluation, and how many unconfirmed candidates
    that would exist were left out."""
    exists = stated <= as_of_day
    if known_day is not None:
        recorded = days_of_arrow(c["recorded_on"])
        exists &= np.where(recorded == NEVER, stated, recorded) <= known_day
    candidates_left_out = 0
    if not include_candidates:
        # An unconfirmed candidate does not exist for the evaluation, like a
        # commitment not yet made: its events and links fall away with it.
        candidate = _tagged(c["tags"], CANDIDATE_TAG) & exists
        candidates_left_out = int(candidate.sum())
        exists &= ~candidate
    return exists, candidates_left_out


def candidates_left_out(
    commitments: pa.Table, *, as_of: _dt.date, known_as_of: _dt.date | None = None, stated: np.ndarray | None = None
) -> int:
    """How many unconfirmed candidates ``evaluate`` leaves out of these commitments (``stated_on``,
    ``recorded_on`` and ``tags`` columns) as of a date: its ``attrs["candidates_left_out"]``, ahead.
    ``stated``: ``stated_on`` as ``days_of_arrow`` gives it, if the caller has it already.

    >>> import datetime as dt, pyarrow as pa
    >>> table = pa.table({"stated_on": [dt.date(2025, 1, 1)] * 2, "recorded_on": pa.nulls(2, pa.date32()),
    ...                   "tags": [["candidate"], []]})
    >>> candidates_left_out(table, as_of=dt.date(2025, 6, 1))
    1
    """
    known_day = day_number(known_as_of, "known_as_of") if known_as_of is not None else None
    stated = days_of_arrow(commitments["stated_on"]) if stated is None else stated
    return _exists(commitments, stated, day_number(as_of, "as_of"), known_day, False)[1]


def _tagged(tags: pa.ChunkedArray, tag: str) -> np.ndarray:
    """Which rows of a list-of-strings column hold ``tag``, without a Python object per row."""
    found = np.zeros(len(tags), dtype=bool)
    base = 0
    for chunk in tags.chunks:
        values = chunk.flatten()  # the tags of the chunk's valid rows, in order
        hit = pc.fill_null(pc.equal(values.cast(pa.string()), tag), False).to_numpy(zero_copy_only=False)
        if hit.any():
            rows = pc.list_parent_indices(chunk).to_numpy()
            found[base + rows[hit]] = True
        base += len(chunk)
    return found


def _references(
    c: pa.Table, e: pa.Table, stated: np.ndarray, on: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each event's commitment and each commitment's superseded one, as row numbers (-1: none),
    and each event's type as its index in EVENT_TYPES.

    ``check_links`` answers every look-up with one hash table and, in the
    same pass, checks the ledger's integrity rules (``ledger.core.integrity``):
    a ``Ledger`` keeps them already, tables read from elsewhere might not.
    It raises an ``IntegrityError`` (a ValueError) naming the broken rule's
    code. ``stated`` and ``on`` are the day numbers of commitments and events.
    """
    links = check_links(c["id"], c["supersedes"], e["commitment_id"], e["type"], stated, on)
    return links.event_commitment, links.superseded, links.event_type


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
    return window_columns(phrases, stated.view("datetime64[D]"), policy)  # the same integers, not copied


def due_windows(
    commitments: pa.Table, policy: DeadlinePolicy = DEFAULT_POLICY, *, stated: np.ndarray | None = None
) -> WindowColumns:
    """The due window of every row of ``commitments`` (its ``deadline``, ``deadline_means`` and
    ``stated_on`` columns), as ``evaluate`` reads them: from ``deadline_means`` where given.
    ``stated``: ``stated_on`` as ``days_of_arrow`` gives it, if the caller has it already.

    >>> import datetime as dt, pyarrow as pa
    >>> table = pa.table({"stated_on": [dt.date(2025, 10, 16)], "deadline": ["in two weeks"],
    ...                   "deadline_means": pa.nulls(1, pa.string())})
    >>> due_windows(table).latest.astype("datetime64[D]").tolist()
    [datetime.date(2025, 10, 30)]
    """
    return _due_windows(commitments, days_of_arrow(commitments["stated_on"]) if stated is None else stated, policy)


def _windows_where(windows: WindowColumns, rows: np.ndarray) -> WindowColumns:
    """The windows of the rows where ``rows`` is true, numbered among them."""
    renumber = np.cumsum(rows) - 1
    w = windows
    return WindowColumns(
        w.earliest[rows],
        w.due[rows],
        w.latest[rows],
        w.kind[rows],
        w.bound[rows],
        w.rule[rows],
        w.hedged[rows],
        w.vague[rows],
        {int(renumber[row]): message for row, message in windows.errors.items() if rows[row]},
        {int(renumber[row]): words for row, words in windows.ignored.items() if rows[row]},
    )


def _seen_events(
    e: pa.Table, on: np.ndarray, cidx: np.ndarray, type_code: np.ndarray, as_of_day: np.int64, known_day
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The events the evaluation sees, by commitment then date: their rows in ``e``, days,
    commitments' rows and type codes.

    An event is seen if it is dated on or before as_of, concerns a commitment
    that exists, and (with known_as_of) was recorded by then.
    """
    seen = (on <= as_of_day) & (cidx >= 0)
    if known_day is not None:
        recorded = days_of_arrow(e["recorded_on"])
        seen &= np.where(recorded == NEVER, on, recorded) <= known_day
    event_rows = np.flatnonzero(seen)
    on, cidx = on[event_rows], cidx[event_rows]
    type_code = type_code[event_rows]
    if not _in_canonical_order(cidx, on):
        order = np.lexsort((on, cidx))
        on, cidx, type_code, event_rows = on[order], cidx[order], type_code[order], event_rows[order]
    return event_rows, on, cidx, type_code


def _in_canonical_order(cidx: np.ndarray, on: np.ndarray) -> bool:
    """Whether events are already sorted by (commitment row, date), as a Ledger and its tables keep them.

    Checking is one pass; sorting a million events is ten times that.
    """
    if cidx.size < 2:
        return True
    step = np.diff(cidx)
    return bool(((step > 0) | ((step == 0) & (np.diff(on) >= 0))).all())


def _deadline_columns(c: pa.Table, ids: pa.Array, stated: np.ndarray, windows: WindowColumns, group_text) -> dict:
    """The result's columns that come from the commitment itself and from its due window."""
    return {
        "id": text(ids),
        "actor": group_text(c["actor"]),
        "topic": group_text(c["topic"]),
        "stated_on": datetimes(stated, int(NEVER)),
        # The commitment's words, so a table in print needs no join with the ledger. One chunk
        # (as read from Parquet) is taken as it is: joining chunks would copy every text.
        "text": text(c["text"].chunk(0) if c["text"].num_chunks == 1 else c["text"]),
        "deadline": group_text(c["deadline"]),
        "deadline_means": text(c["deadline_means"]),
        "earliest": datetimes(windows.earliest),
        "due": datetimes(windows.due),
        "latest": datetimes(windows.latest),
        "kind": pd.Categorical.from_codes(windows.kind, categories=list(WINDOW_KINDS)),
        "hedged": windows.hedged,
        "vague": windows.vague,
        "deadline_rule": pd.Categorical.from_codes(windows.rule, categories=list(RULE_CODES)),
    }


class _FirstOutcomes(NamedTuple):
    """Per commitment, its first fulfilled, first broken or withdrawn, first partial event, and
    first checked miss dated after its latest due date: the day (NEVER: none) and the row among
    the seen events (-1: none); and the type code of the first broken or withdrawn one (-1: none)."""

    fulfilled_on: np.ndarray
    fulfilled_row: np.ndarray
    ended_on: np.ndarray
    ended_row: np.ndarray
    ended_type: np.ndarray
    partial_on: np.ndarray
    partial_row: np.ndarray
    missed_on: np.ndarray
    missed_row: np.ndarray


def _first_outcomes(cidx: np.ndarray, on: np.ndarray, type_code: np.ndarray, latest: np.ndarray) -> _FirstOutcomes:
    """Each commitment's first outcome of each kind, from the seen events in order; ``latest``
    (one per commitment, NEVER: no date) decides which checks came after the deadline."""
    n = len(latest)
    fulfilled_on, fulfilled_row = _first_per_commitment(cidx, on, type_code == _TYPE_CODE["fulfilled"], n)
    ended = (type_code == _TYPE_CODE["broken"]) | (type_code == _TYPE_CODE["withdrawn"])
    ended_on, ended_row = _first_per_commitment(cidx, on, ended, n)
    partial_on, partial_row = _first_per_commitment(cidx, on, type_code == _TYPE_CODE["partial"], n)
    checked = type_code == _TYPE_CODE["checked_missed"]
    if checked.any():
        # A check on or before the latest due date finds the deadline not yet passed: it proves nothing.
        rows = np.flatnonzero(checked)
        checked[rows] = on[rows] > latest[cidx[rows]]
    missed_on, missed_row = _first_per_commitment(cidx, on, checked, n)
    ended_type = take(type_code, ended_row, -1)
    return _FirstOutcomes(
        fulfilled_on, fulfilled_row, ended_on, ended_row, ended_type, partial_on, partial_row, missed_on, missed_row
    )


def _first_per_commitment(cidx: np.ndarray, on: np.ndarray, mask: np.ndarray, n: int):
    """For events under ``mask``: each commitment's earliest date and that event's row.

    ``cidx``/``on`` are sorted by (commitment, date) already, so the first
    occurrence of each commitment is its earliest event.
    """
    rows = np.flatnonzero(mask)
    first_day = np.full(n, NEVER, dtype=np.int64)
    first_row = np.full(n, -1, dtype=np.int64)
    if rows.size:
        # Sorted already, so each commitment's first event is where its row number changes:
        # one comparison per event, where np.unique would sort them again.
        owner = cidx[rows]
        at = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
        first_day[owner[at]] = on[rows[at]]
        first_row[owner[at]] = rows[at]
    return first_day, first_row


def _restatements(target: np.ndarray, stated: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each commitment's successor (the row of the one that supersedes it, -1: none) and the day
    that one was stated (NEVER: none)."""
    rows = np.flatnonzero(target >= 0)
    restated = target[rows]
    successor = np.full(len(target), -1, dtype=np.int64)
    successor[restated] = rows
    restated_on = np.full(len(target), NEVER, dtype=np.int64)
    restated_on[restated] = stated[rows]
    return successor, restated_on


def _rules_in_order(
    unreadable: np.ndarray,
    superseded: np.ndarray,
    fulfilled_on: np.ndarray,
    latest: np.ndarray,
    ended_type: np.ndarray,
    partial_on: np.ndarray,
    missed_on: np.ndarray,
    open_ended: np.ndarray,
    as_of_day: np.int64,
) -> list[np.ndarray]:
    """Where each rule of ``evaluate``'s docstring applies, in its order (``_STATUS_OF_RULE``
    names the status each gives). The first that applies decides; if none does, pending."""
    fulfilled = fulfilled_on != NEVER
    on_time = fulfilled_on <= latest
    come_due = ~open_ended & (latest < as_of_day)
    partly = partial_on != NEVER
    return [
        unreadable,  # 0. no window, so nothing can be judged
        superseded,  # 1. restated while still open
        fulfilled & on_time,  # 2. kept, even after a broken or withdrawn report
        fulfilled & ~on_time,  # 2. late, likewise
        ended_type == _TYPE_CODE["broken"],  # 3. the earliest broken or withdrawn event
        ended_type == _TYPE_CODE["withdrawn"],
        partly & come_due,  # 4. partial, once the deadline has passed
        missed_on != NEVER,  # 5. checked after the deadline: not delivered
        come_due,  # 6. lapsed
        partly,  # 4. partial before the deadline: progress, still pending
    ]


def _status_rule_column(
    which: np.ndarray,
    fulfilled_on: np.ndarray,
    ended_on: np.ndarray,
    open_ended: np.ndarray,
    errors: dict[int, str],
) -> pd.Categorical:
    """The sentence of STATUS_RULES that decided each status: the rule that applied, told apart
    where a reader would want to know (a fulfilment after a broken report, a deadline with no date);
    for an unreadable deadline, the reader's own message. ``which``: the rule of ``_rules_in_order``
    that decided each row (``first_rule``)."""
    rule = {name: i for i, name in enumerate(STATUS_RULES)}
    # Each rule's sentence by one look-up (-1: filled in below, one category per message; the last:
    # no rule applied), then the few told apart within a rule, where they apply.
    sentence = ["superseded", "kept", "late", "broken", "withdrawn", "partial", "missed", "lapsed", "pending_partial"]
    rule_code = np.array([-1, *(rule[name] for name in sentence), rule["pending"]], dtype=np.int32)[which]
    broken_first = ended_on < fulfilled_on
    kept = which == 2
    rule_code[kept & broken_first] = rule["kept_after_broken"]
    rule_code[kept & open_ended] = rule["kept_open"]  # a deadline with no date says so first
    rule_code[(which == 3) & broken_first] = rule["late_after_broken"]
    rule_code[(which == len(_STATUS_OF_RULE)) & open_ended] = rule["pending_open"]
    categories = list(STATUS_RULES.values())
    if errors:
        messages = {UNREADABLE_RULE + message: None for _, message in sorted(errors.items())}
        code_of = {message: len(categories) + i for i, message in enumerate(messages)}
        categories += list(messages)
        for row, message in errors.items():
            rule_code[row] = code_of[UNREADABLE_RULE + message]
    return pd.Categorical.from_codes(rule_code, categories=categories)
