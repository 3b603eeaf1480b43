"""Pairing two coders' verdicts on the same reporting: which commitment of one is which of the other.

The rule, in order (docs/agreement.md, "How entries are matched"):

1. Same ``id``: the coders shared an id scheme, so the same id is the same statement.
2. Among the rest, same actor, same day said and same deadline words, each
   compared after folding case and treating every run of spaces and
   punctuation as one space ("Donald Trump" = "donald  trump",
   "two-weeks" = "two weeks"). Where one coder has several such entries
   (two promises by one actor on one day, both "in two weeks"), they are
   paired in the order of their ids and the pairing is marked ``ambiguous``
   for the desk to check.
3. Everything else is unmatched: recorded by one coder only, and listed.

Each entry is used at most once, so the match is one-to-one, and the rule
does not depend on which coder is called A.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["MATCHED_BY", "UNIT_COLUMNS", "folded", "match_commitments"]

#: How a unit was matched: the ``matched_by`` column's values (missing: recorded by one coder only).
MATCHED_BY = ("id", "actor, day and deadline words", "actor, day and deadline words; ambiguous")

#: What each side brings from its verdicts table.
_TAKEN = ("id", "actor", "stated_on", "deadline", "latest", "status")

#: The units table's columns, in order: one row per matched pair or unmatched entry.
UNIT_COLUMNS = (
    "id_a",
    "id_b",
    "matched_by",
    "actor_a",
    "actor_b",
    "stated_on_a",
    "stated_on_b",
    "deadline_a",
    "deadline_b",
    "latest_a",
    "latest_b",
    "status_a",
    "status_b",
)

_KEY = ["_actor", "_stated", "_words"]


def folded(column: pd.Series) -> pd.Series:
    """Text folded for matching: lower case, every run of spaces and punctuation one space.

    >>> folded(pd.Series(["Two-weeks, or so!", "Donald  TRUMP"])).tolist()
    ['two weeks or so', 'donald trump']
    """
    return column.astype(str).str.casefold().str.replace(r"[\W_]+", " ", regex=True).str.strip()


def _side(verdicts: pd.DataFrame, coder: str) -> pd.DataFrame:
    """One coder's columns for matching, typed as the units table types them, numbered from 0."""
    missing = [name for name in _TAKEN if name not in verdicts.columns]
    if missing:
        raise ValueError(f"verdicts of coder {coder} lack the columns {missing}; pass what evaluate() returns")
    side = verdicts.loc[:, list(_TAKEN)].reset_index(drop=True)
    # The verdicts' attrs (as_of, the deadline policy) are deep-copied by every pandas
    # step that follows; matching needs none of them, and dropping them halves its time.
    side.attrs = {}
    for name in _TAKEN:
        dated = name in ("stated_on", "latest")
        side[name] = pd.to_datetime(side[name]).astype("datetime64[s]") if dated else side[name].astype("string")
    return side


def match_commitments(verdicts_a: pd.DataFrame, verdicts_b: pd.DataFrame) -> pd.DataFrame:
    """Pair two coders' verdicts (from ``evaluate``) one to one: by id, else by actor, day and deadline words.

    One row per matched pair, then one per entry only coder A recorded, then
    one per entry only coder B recorded, each part by day said and ids;
    columns ``UNIT_COLUMNS``, with each side's id, actor, day said, deadline
    words, latest due date and status. ``matched_by`` says which rule paired
    them (``MATCHED_BY``; missing for an entry one coder alone recorded).

    >>> import datetime as dt
    >>> day = pd.Timestamp(dt.date(2025, 10, 16))
    >>> a = pd.DataFrame({"id": ["summit", "tariffs"], "actor": ["Donald Trump"] * 2, "stated_on": [day] * 2,
    ...                   "deadline": ["two weeks or so", "soon"], "latest": [day] * 2, "status": ["lapsed"] * 2})
    >>> b = a.assign(id=["summit", "trump-tariffs"], deadline=["two weeks or so", "Soon!"])
    >>> match_commitments(a, b)[["id_a", "id_b", "matched_by"]].values.tolist()
    [['summit', 'summit', 'id'], ['tariffs', 'trump-tariffs', 'actor, day and deadline words']]
    """
    a, b = _side(verdicts_a, "A"), _side(verdicts_b, "B")
    # 1. by id (ids are unique within a ledger)
    row_b = pd.Index(b["id"]).get_indexer(a["id"])
    by_id_a = np.flatnonzero(row_b >= 0)
    by_id_b = row_b[by_id_a]
    # 2. the rest, by actor, day and words, in id order within each key
    rest_a = _keyed(a, np.setdiff1d(np.arange(len(a)), by_id_a))
    rest_b = _keyed(b, np.setdiff1d(np.arange(len(b)), by_id_b))
    by_words = rest_a.merge(rest_b, on=[*_KEY, "rank"], suffixes=("_a", "_b"))
    ambiguous = ((by_words["size_a"] > 1) | (by_words["size_b"] > 1)).to_numpy()
    # 3. the rest is unmatched
    only_a = np.setdiff1d(rest_a["row"], by_words["row_a"])
    only_b = np.setdiff1d(rest_b["row"], by_words["row_b"])

    matched_by = np.concatenate(
        [np.full(len(by_id_a), 0), np.where(ambiguous, 2, 1), np.full(len(only_a) + len(only_b), -1)]
    )
    none_a, none_b = np.full(len(only_b), -1), np.full(len(only_a), -1)
    row_a = np.concatenate([by_id_a, by_words["row_a"].to_numpy(), only_a, none_a]).astype(np.int64)
    row_b = np.concatenate([by_id_b, by_words["row_b"].to_numpy(), none_b, only_b]).astype(np.int64)
    units = pd.DataFrame({f"{name}_{coder}": _take(side[name], rows) for name in _TAKEN
                          for coder, side, rows in (("a", a, row_a), ("b", b, row_b))})  # fmt: skip
    units["matched_by"] = pd.Categorical.from_codes(matched_by, categories=list(MATCHED_BY)).astype("string")
    part = np.select([matched_by >= 0, row_b < 0], [0, 1], default=2)  # matched, A only, B only
    return units.iloc[_in_order(units, part)].reset_index(drop=True).loc[:, list(UNIT_COLUMNS)]


def _take(column: pd.Series, rows: np.ndarray):
    """The column's values at ``rows``; missing where a row is -1."""
    return column.array.take(rows, allow_fill=True)


def _keyed(side: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """The key of each of ``rows``, its rank among the rows with that key (by id) and that key's count."""
    part = side.iloc[rows]
    keyed = pd.DataFrame(
        {"_actor": folded(part["actor"]), "_stated": part["stated_on"], "_words": folded(part["deadline"]),
         "id": part["id"], "row": rows}
    ).sort_values("id", kind="stable")  # fmt: skip
    groups = keyed.groupby(list(_KEY), sort=False, dropna=False)
    return keyed.assign(rank=groups.cumcount(), size=groups["row"].transform("size")).drop(columns="id")


def _in_order(units: pd.DataFrame, part: np.ndarray) -> np.ndarray:
    """Row order: by part, then day said, then the ids in alphabetical order. It does not depend
    on which coder is A, so the bootstrap draws the same units either way round."""
    id_a, id_b = units["id_a"].fillna(units["id_b"]), units["id_b"].fillna(units["id_a"])
    earlier = (id_a <= id_b).to_numpy(dtype=bool)
    key = pd.DataFrame(
        {
            "part": part,
            "day": units[["stated_on_a", "stated_on_b"]].min(axis=1),
            "first": np.where(earlier, id_a, id_b),
            "second": np.where(earlier, id_b, id_a),
        }
    )
    return key.sort_values(["part", "day", "first", "second"], kind="stable").index.to_numpy()
