"""Chains of resets: the root and position of every commitment, and the chains table.

A chain is a commitment and every commitment that supersedes it, in order.
``evaluate`` finds each commitment's chain with ``chain_roots``; ``chains``
turns verdicts into one row per chain: how often a deadline moved, and how far.
"""

from __future__ import annotations

import datetime as _dt
import weakref

import numpy as np
import pandas as pd
import pyarrow as pa

from ledger.core.days import datetimes
from ledger.core.vocabulary import SETTLED, STATUSES
from ledger.verdicts.arrays import NEVER, day_number, days_of_values, nullable_int, status_codes, take_arrow, text

__all__ = ["chain_columns", "chain_roots", "chains"]

#: The chain roots (row numbers) behind each ``chain_id`` column ``chain_columns`` made, by the
#: identity of its Arrow array, which nothing can change in place; an entry leaves with its array.
#: ``chains`` then groups verdicts by these integers instead of hashing a million id strings again.
_ROOTS: dict[int, tuple[weakref.ref, np.ndarray]] = {}


def chain_roots(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Root index and 0-based depth of every node of a forest of parent links (-1: a root).

    Pointer jumping: each pass doubles the distance every pointer covers, so
    a chain of k resets takes about log2(k) vectorised passes.

    >>> root, depth = chain_roots(np.array([-1, 0, 1, -1]))
    >>> root.tolist(), depth.tolist()
    ([0, 0, 0, 3], [0, 1, 2, 0])
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


def chain_columns(ids: pa.Array, parent: np.ndarray) -> tuple[pd.api.extensions.ExtensionArray, np.ndarray]:
    """Each commitment's chain (the id of its first commitment) and its 1-based position in it.

    ``parent`` is the row each commitment supersedes (-1: none). ``chains``
    later finds the chains of these columns from the roots, not from their text.

    >>> chain_id, position = chain_columns(pa.array(["a", "b", "c"]), np.array([-1, 0, -1]))
    >>> chain_id.tolist(), position.tolist()
    (['a', 'a', 'c'], [1, 2, 1])
    """
    root, depth = chain_roots(parent)
    chain_id = text(take_arrow(ids, root))
    arrow = chain_id.__arrow_array__()
    key = id(arrow)
    _ROOTS[key] = (weakref.ref(arrow, lambda _: _ROOTS.pop(key, None)), root)
    return chain_id, depth + 1


def _chain_codes(chain_id: pd.Series) -> tuple[np.ndarray, pd.api.extensions.ExtensionArray | np.ndarray]:
    """Each row's chain as a code (chains numbered in order of first appearance, as ``pd.factorize``
    numbers them) and each chain's id: from ``chain_columns``' roots when the column is one it made."""
    array = chain_id.array
    known = _ROOTS.get(id(array.__arrow_array__())) if isinstance(array, pd.arrays.ArrowExtensionArray) else None
    if known is None or known[0]() is not array.__arrow_array__() or len(known[1]) != len(chain_id):
        codes, chain_ids = pd.factorize(chain_id, sort=False)
        return codes, (chain_ids.array if hasattr(chain_ids, "array") else chain_ids)
    root = known[1]
    n = len(root)
    # A chain's first row is the first row whose root it is: the least row per root.
    first = np.full(n, n, dtype=np.int64)
    np.minimum.at(first, root, np.arange(n))
    starts = np.flatnonzero(first[root] == np.arange(n))
    code_of_root = np.empty(n, dtype=np.int64)
    code_of_root[root[starts]] = np.arange(len(starts))
    return code_of_root[root], array.take(starts)


def chains(verdicts: pd.DataFrame, *, as_of: _dt.date | None = None) -> pd.DataFrame:
    """One row per chain of resets: how often a deadline moved, and how far.

    A chain is a commitment and every commitment that supersedes it, in order.
    Its final status is that of its last commitment. ``total_slip_days`` runs
    from the first due date to the final resolution (or to ``as_of`` while the
    chain is still open: pending, lapsed, missed, only partly delivered, or
    unreadable). ``as_of`` defaults to the one ``evaluate`` recorded in ``verdicts.attrs``.

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> row = chains(v).set_index("chain_id").loc["bridge-reopening"]
    >>> int(row["n_commitments"]), int(row["resets"]), row["final_status"]
    (2, 1, 'late')
    """
    if as_of is None:
        as_of = verdicts.attrs.get("as_of")
    if as_of is None:
        raise ValueError("chains() needs 'as_of': pass it, or give verdicts made by evaluate()")
    codes, chain_ids = _chain_codes(verdicts["chain_id"])
    first_row, last_row = _chain_ends(codes, verdicts["chain_position"].to_numpy(), chain_ids)
    size = np.bincount(codes, minlength=len(chain_ids))
    status_code, final_resolved, slip, elapsed, promised = _final_outcomes(verdicts, first_row, last_row, as_of)

    def first(column):
        return verdicts[column].array.take(first_row)

    def last(column):
        return verdicts[column].array.take(last_row)

    out = pd.DataFrame(
        {
            "chain_id": chain_ids,
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
            "final_resolved_on": datetimes(final_resolved, int(NEVER)),
            "total_slip_days": slip,
            "elapsed_days": elapsed,
            "days_late": last("days_late"),
            "promised_days": promised,
            "evidence_url": last("evidence_url"),
        },
        copy=False,
    )
    out.attrs.update(verdicts.attrs)
    out.attrs["as_of"] = as_of
    return out


def _chain_ends(codes: np.ndarray, position: np.ndarray, chain_ids) -> tuple[np.ndarray, np.ndarray]:
    """The row of each chain's first and of its last commitment (positions run 1..k)."""
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
    return first_row, last_row


def _final_outcomes(verdicts: pd.DataFrame, first_row: np.ndarray, last_row: np.ndarray, as_of: _dt.date):
    """Each chain's final status code, final resolution day, and its slip, elapsed and promised days.

    Time runs from the first commitment to the last one's resolution, or to
    ``as_of`` while the chain is open; the promise is the first one, so a
    chain delivered on its third reset shows how much longer it took than
    first said.
    """
    # Recode against STATUSES: a status column read back from Parquet lists
    # its categories in order of appearance, not in ours.
    status_code = status_codes(verdicts["status"])[last_row]
    if (status_code < 0).any():
        raise ValueError(f"'status' must be one of {', '.join(STATUSES)}")
    # A look-up per row by status code (np.isin sorts the column instead).
    settled = np.array([name in SETTLED for name in STATUSES])[status_code]
    # Partial delivery and a checked miss are dated reports that leave the chain open.
    reported = settled | np.array([name in ("partial", "missed") for name in STATUSES])[status_code]
    # Only the rows read: a chain's first and last commitments.
    resolved = days_of_values(verdicts["resolved_on"].to_numpy()[last_row])
    stated = days_of_values(verdicts["stated_on"].to_numpy()[first_row])
    first_due = days_of_values(verdicts["due"].to_numpy()[first_row])
    first_latest = days_of_values(verdicts["latest"].to_numpy()[first_row])
    end = np.where(settled, resolved, day_number(as_of, "as_of"))
    return (
        status_code,
        np.where(reported, resolved, NEVER),
        nullable_int(end - first_due, first_due == NEVER),
        nullable_int(end - stated, np.zeros(len(end), dtype=bool)),
        nullable_int(first_latest - stated, first_latest == NEVER),
    )
