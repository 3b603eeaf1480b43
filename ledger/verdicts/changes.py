"""What changed: between two verdict frames, and between two versions of a ledger.

``changes(before, after)`` lines up two ``evaluate()`` frames by commitment
id, over whole columns: which commitments are new or gone, which verdict
columns moved, and, when the two frames were judged as of different days,
which deadlines came due in between. ``desk_sections`` sorts those rows into
what a desk publishes each week ("new", "came due", "kept", "broken", ...).
``ledger_changes(old, new)`` compares the records themselves, which is what a
reviewer of a change to a ledger file reads.

>>> import datetime as dt
>>> from ledger import evaluate, load
>>> led = load("fixtures/examples").ledger
>>> week = changes(evaluate(led, as_of=dt.date(2025, 4, 1)), evaluate(led, as_of=dt.date(2025, 4, 8)))
>>> {name: list(rows["id"]) for name, rows in desk_sections(week).items() if len(rows)}
{'came_due': ['bridge-reopening-2'], 'late': ['bridge-reopening-2']}
"""

from __future__ import annotations

import collections
import datetime as _dt
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ledger.core.records import Commitment, Event, Ledger

__all__ = ["CHANGE_KINDS", "DESK_SECTIONS", "LedgerChanges", "changes", "desk_sections", "ledger_changes"]

#: What happened to one commitment between two frames (the ``change`` column).
CHANGE_KINDS: tuple[str, ...] = ("added", "removed", "changed", "unchanged")

#: The sections of a desk's "what changed" note, in the order it prints them, each with its heading.
#: ``new``: said in the interval (or added to the file); ``came_due``: the latest due date fell in the
#: interval; the others: the status became this one. ``superseded`` is a reset.
DESK_SECTIONS: dict[str, str] = {
    "new": "New commitments",
    "came_due": "Deadlines that came due",
    "kept": "Newly kept",
    "late": "Kept late",
    "partial": "Partly delivered",
    "broken": "Broken",
    "missed": "Checked and missed",
    "withdrawn": "Withdrawn",
    "superseded": "Reset (a new deadline replaced the old one)",
    "lapsed": "Lapsed with no outcome recorded",
    "unreadable": "Deadline cannot be read",
}

# elapsed_days grows with as_of by itself: a change of the as-of day is not a change of the commitment.
_NOT_COMPARED = frozenset(("id", "elapsed_days"))

#: The columns of ``changes``' frame besides the compared verdict columns, in order.
_CARRIED = ("actor", "topic", "stated_on", "text", "deadline", "due", "latest", "kind")
_AFTER = ("status_rule", "resolved_on", "days_late", "superseded_by", "source_url", "evidence_url")


def _differs(a: pd.Series, b: pd.Series) -> np.ndarray:
    """True where two aligned columns differ; two missing values are equal, missing and present differ."""
    a_missing, b_missing = a.isna().to_numpy(), b.isna().to_numpy()
    if a.dtype == b.dtype and isinstance(a.dtype, np.dtype) and a.dtype.kind in "biufmM":
        # Plain numpy columns (dates, counts, flags) compare in one step.
        unequal = a.to_numpy() != b.to_numpy()
    elif isinstance(a.dtype, pd.CategoricalDtype) and isinstance(b.dtype, pd.CategoricalDtype):
        # Codes, with b's categories read as a's (-2: a category a does not have).
        position = a.cat.categories.get_indexer(b.cat.categories)
        b_codes = b.cat.codes.to_numpy()
        unequal = a.cat.codes.to_numpy() != np.where(b_codes >= 0, position[b_codes], -1)
    else:
        try:
            # Strings (Arrow-backed or not) and nullable numbers: Arrow compares them without Python objects.
            equal = pc.equal(pa.array(a, from_pandas=True), pa.array(b, from_pandas=True))
            unequal = ~equal.fill_null(False).to_numpy(zero_copy_only=False)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            a_values, b_values = a.astype(object).to_numpy(), b.astype(object).to_numpy()
            a_values[a_missing], b_values[b_missing] = None, None
            unequal = ~np.asarray(a_values == b_values, dtype=bool)
    return np.where(a_missing | b_missing, a_missing != b_missing, unequal)


def _aligned(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """``frame``'s rows in the order ``rows`` gives (-1: a row it does not have, filled from its first row)."""
    if not len(frame):
        return frame.reindex(range(len(rows))).reset_index(drop=True)
    if len(rows) == len(frame) and np.array_equal(rows, np.arange(len(frame))):
        return frame.reset_index(drop=True)  # already in order: no copy of every string column
    return frame.take(np.where(rows >= 0, rows, 0)).reset_index(drop=True)


def _field_names(moved: np.ndarray, names: list[str]) -> np.ndarray:
    """Each row's moved columns as 'a,b': one string built per distinct set of moved columns."""
    if not names or not len(moved):
        return np.full(moved.shape[0], "", dtype=object)
    # Each row's flags packed into 64-bit words: np.unique of one word a row is a sort of integers.
    packed = np.packbits(moved, axis=1)
    packed = np.pad(packed, ((0, 0), (0, -packed.shape[1] % 8)))
    words = np.ascontiguousarray(packed).view(np.uint64)
    if words.shape[1] == 1:
        _, first, which = np.unique(words[:, 0], return_index=True, return_inverse=True)
    else:
        _, first, which = np.unique(words, axis=0, return_index=True, return_inverse=True)
    spelled = np.array([",".join(n for n, hit in zip(names, moved[row]) if hit) for row in first], dtype=object)
    return spelled[which.reshape(-1)]


def changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """What changed from one ``evaluate()`` frame to another: one row per commitment in either, by id.

    ``change`` is ``added`` (only in ``after``: said in between, or added to
    the file), ``removed`` (only in ``before``), ``changed`` (some verdict
    column differs; ``fields`` names them, comma-separated) or ``unchanged``.
    ``status_before`` and ``status_after`` are the two statuses (missing
    where the commitment is not in that frame); ``latest_before`` is the
    earlier latest due date; the other columns describe the commitment as
    ``after`` has it (as ``before`` has it, for a removed one).
    ``elapsed_days`` is not compared: it grows with the as-of day alone.

    ``came_due`` is True where the latest due date falls after the as-of day
    of ``before`` and on or before that of ``after`` (both read from the
    frames' ``attrs``, which ``evaluate`` sets; False throughout when either
    is missing or they are the same day), unless the deadline was reset
    before it came due (status ``superseded``). Rows keep ``after``'s order, then
    the removed ones in ``before``'s order; the frame's ``attrs`` hold
    ``as_of_before`` and ``as_of_after``.

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> led = load("fixtures/examples").ledger
    >>> week = changes(evaluate(led, as_of=dt.date(2025, 3, 31)), evaluate(led, as_of=dt.date(2025, 4, 7)))
    >>> week.set_index("id").loc["bridge-reopening-2", ["change", "status_before", "status_after", "fields"]].tolist()
    ['changed', 'pending', 'late', 'status,resolved_on,days_late,status_rule,evidence_url']
    >>> week.set_index("id").loc["tram-timetable", ["change", "status_after"]].tolist()
    ['added', 'pending']
    """
    for name, frame in (("before", before), ("after", after)):
        if not isinstance(frame, pd.DataFrame) or "id" not in frame.columns or "status" not in frame.columns:
            raise TypeError(f"'{name}' must be a verdicts DataFrame made by evaluate() (got {type(frame).__name__})")
    compared = [c for c in after.columns if c in before.columns and c not in _NOT_COMPARED]
    old_ids = pa.array(before["id"], type=pa.string(), from_pandas=True)
    new_ids = pa.array(after["id"], type=pa.string(), from_pandas=True)
    # Each id of `after` finds its row of `before` (-1: added); the removed ones are appended.
    removed_rows = np.flatnonzero(~pc.is_in(old_ids, value_set=new_ids).to_numpy(zero_copy_only=False))
    n_new, n_removed = len(after), len(removed_rows)
    at_old = pc.index_in(new_ids, value_set=old_ids).fill_null(-1).to_numpy(zero_copy_only=False)
    old_rows = np.concatenate([at_old, removed_rows]).astype(np.int64)
    new_rows = np.concatenate([np.arange(n_new), np.full(n_removed, -1)]).astype(np.int64)
    in_old, in_new = old_rows >= 0, new_rows >= 0
    old, new = _aligned(before, old_rows), _aligned(after, new_rows)
    both = in_old & in_new
    moved = np.column_stack([_differs(old[c], new[c]) & both for c in compared]) if compared else np.zeros((0, 0))
    moved = moved.reshape(len(old_rows), len(compared))
    change = np.select(
        [~in_old, ~in_new, moved.any(axis=1)], ["added", "removed", "changed"], default="unchanged"
    ).astype(object)

    def pick(column: str) -> pd.Series:
        # After's value, before's for a removed commitment.
        if not n_removed:
            return new[column]
        ours, theirs = new[column], old[column]
        if isinstance(ours.dtype, pd.CategoricalDtype) or ours.dtype != theirs.dtype:
            ours, theirs = ours.astype(object), theirs.astype(object)
        return ours.where(pd.Series(in_new), theirs)

    def only(frame: pd.DataFrame, present: np.ndarray, column: str) -> pd.Series:
        return frame[column].where(pd.Series(present)) if not present.all() else frame[column]

    out = pd.DataFrame({"id": pick("id").astype(object)})
    for column in _CARRIED:
        if column in after.columns:
            out[column] = pick(column)
    out["change"] = pd.Categorical(change, categories=list(CHANGE_KINDS))
    out["status_before"] = only(old, in_old, "status").astype(object)
    out["status_after"] = only(new, in_new, "status").astype(object)
    out["latest_before"] = only(old, in_old, "latest")
    for column in _AFTER:
        if column in after.columns:
            out[column] = pick(column)
    out["fields"] = _field_names(moved, compared)
    # A deadline reset before it came due never came due: the new one carries the story on.
    reset = (out["status_after"] == "superseded").to_numpy(dtype=bool)
    out["came_due"] = _came_due(out["latest"], in_new & ~reset, before.attrs.get("as_of"), after.attrs.get("as_of"))
    out.attrs.update({"as_of_before": before.attrs.get("as_of"), "as_of_after": after.attrs.get("as_of")})
    return out


def _came_due(latest: pd.Series, in_new: np.ndarray, start: _dt.date | None, end: _dt.date | None) -> np.ndarray:
    if start is None or end is None or not start < end:
        return np.zeros(len(latest), dtype=bool)
    day = pd.to_datetime(latest).to_numpy()
    return in_new & (day > np.datetime64(start)) & (day <= np.datetime64(end))


def desk_sections(changed: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rows of ``changes()`` under each heading of ``DESK_SECTIONS`` (every key, in order; maybe empty).

    A commitment can sit under several headings: said and kept in the same
    week is both new and newly kept. A status section holds the commitments
    whose status became that one (not those that already had it); pending
    has no section.

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> led = load("fixtures/examples/example.yaml").ledger
    >>> march = changes(evaluate(led, as_of=dt.date(2025, 3, 1)), evaluate(led, as_of=dt.date(2025, 3, 31)))
    >>> [(name, list(rows["id"])) for name, rows in desk_sections(march).items() if len(rows)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('new', ['bridge-reopening', 'budget-plan', 'bridge-reopening-2']),
     ('came_due', ['budget-plan']), ('superseded', ['bridge-reopening'])]
    """
    present = changed["change"].astype(object) != "removed"
    before = changed["status_before"].astype(object)
    after = changed["status_after"].astype(object)
    moved = present & (before.isna() | (before != after))
    masks = {"new": changed["change"].astype(object) == "added", "came_due": pd.Series(changed["came_due"])}
    for status in DESK_SECTIONS:
        if status not in masks:
            masks[status] = moved & (after == status)
    return {name: changed[mask.to_numpy(dtype=bool)] for name, mask in masks.items()}


class LedgerChanges(NamedTuple):
    """What differs between two versions of a ledger's records (``ledger_changes``).

    ``commitments``: one row per commitment added, removed or changed, with
    ``id``, ``change``, ``fields`` (the record fields that differ,
    comma-separated), the ``actor``, ``text`` and ``deadline`` of the new
    version (the old one's, for a removed commitment), ``was``: the old
    value of each field that differs, and ``now``: its new value. ``events``: one row per event added, removed or
    changed, with ``commitment_id``, ``on``, ``type``, ``change``, ``fields``,
    ``note`` (the new version's, the old one's for a removed event), ``was``
    and ``now`` (as for commitments).
    """

    commitments: pd.DataFrame
    events: pd.DataFrame

    @property
    def empty(self) -> bool:
        """True when the two versions hold the same records."""
        return self.commitments.empty and self.events.empty


_COMMITMENT_FIELDS = tuple(f.name for f in Commitment.__attrs_attrs__ if f.eq and f.name != "id")
_EVENT_FIELDS = tuple(f.name for f in Event.__attrs_attrs__ if f.eq)


def _fields_that_differ(old, new, names) -> str:
    return ",".join(name for name in names if getattr(old, name) != getattr(new, name))


def ledger_changes(old: Ledger, new: Ledger) -> LedgerChanges:
    """The commitments and events added, removed or changed from ``old`` to ``new``.

    Commitments are matched by id. Events have no id: an event equal in
    every field is the same event; of the rest, an old and a new event of the
    same commitment, day and type are one event changed (``fields`` says
    how; failing one of the same type, one of any type), and the others
    are removed or added. Where records sit in the files
    (their line) does not count: moving an entry is no change.

    >>> import datetime as dt, attrs
    >>> from ledger import load
    >>> old = load("fixtures/examples").ledger
    >>> edited = [attrs.evolve(c, deadline="by the end of April") if c.id == "budget-plan" else c
    ...           for c in old.commitments]
    >>> kept = [c for c in edited if c.id != "library-hours"]
    >>> found = ledger_changes(old, Ledger(kept, [e for e in old.events if e.commitment_id != "library-hours"]))
    >>> found.commitments[["id", "change", "fields"]].values.tolist()
    [['budget-plan', 'changed', 'deadline'], ['library-hours', 'removed', '']]
    >>> found.events[["commitment_id", "type", "change"]].values.tolist()
    [['library-hours', 'fulfilled', 'removed']]
    """
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, Ledger):
            raise TypeError(f"'{name}' must be a Ledger (got {type(value).__name__})")
    old_by_id = {c.id: c for c in old.commitments}
    new_ids = {c.id for c in new.commitments}
    rows: list[tuple] = []
    for c in new.commitments:
        before = old_by_id.get(c.id)
        if before is None:
            rows.append((c.id, "added", "", c.actor, c.text, c.deadline, {}, {}))
        elif before != c:
            fields = _fields_that_differ(before, c, _COMMITMENT_FIELDS)
            was = {name: getattr(before, name) for name in fields.split(",")}
            now = {name: getattr(c, name) for name in fields.split(",")}
            rows.append((c.id, "changed", fields, c.actor, c.text, c.deadline, was, now))
    rows += [(c.id, "removed", "", c.actor, c.text, c.deadline, {}, {}) for c in old.commitments if c.id not in new_ids]
    commitments = pd.DataFrame(rows, columns=["id", "change", "fields", "actor", "text", "deadline", "was", "now"])
    return LedgerChanges(commitments, _event_changes(old.events, new.events))


def _left_over(events: tuple[Event, ...], counts: collections.Counter) -> list[Event]:
    """The events ``counts`` keeps, in their order: each as many times as counted."""
    kept = []
    for e in events:
        if counts[e] > 0:
            counts[e] -= 1
            kept.append(e)
    return kept


def _event_changes(old: tuple[Event, ...], new: tuple[Event, ...]) -> pd.DataFrame:
    # Whole events as a multiset: what is left on each side after cancelling equal ones.
    removed = _left_over(old, collections.Counter(old) - collections.Counter(new))
    added = _left_over(new, collections.Counter(new) - collections.Counter(old))
    # An added and a removed event of one commitment and day are one event edited: of the same
    # type first, then of any (a note that became a fulfilment is one edit to a reviewer).
    partner: dict[int, int] = {}  # added event -> the removed one it replaces
    for same_type in (True, False):
        taken = set(partner.values())
        waiting = collections.defaultdict(list)
        for j, e in enumerate(removed):
            if j not in taken:
                waiting[(e.commitment_id, e.on, e.type if same_type else "")].append(j)
        for i, e in enumerate(added):
            queue = waiting.get((e.commitment_id, e.on, e.type if same_type else ""))
            if i not in partner and queue:
                partner[i] = queue.pop(0)
    rows: list[tuple] = []
    for i, e in enumerate(added):
        if i in partner:
            before = removed[partner[i]]
            fields = _fields_that_differ(before, e, _EVENT_FIELDS)
            was = {name: getattr(before, name) for name in fields.split(",")}
            now = {name: getattr(e, name) for name in fields.split(",")}
            rows.append((e.commitment_id, e.on, e.type, "changed", fields, e.note, was, now))
        else:
            rows.append((e.commitment_id, e.on, e.type, "added", "", e.note, {}, {}))
    taken = set(partner.values())
    rows += [
        (e.commitment_id, e.on, e.type, "removed", "", e.note, {}, {}) for j, e in enumerate(removed) if j not in taken
    ]
    return pd.DataFrame(rows, columns=["commitment_id", "on", "type", "change", "fields", "note", "was", "now"])
