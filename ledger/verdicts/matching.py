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

import pandas as pd

__all__ = ["MATCHED_BY", "UNIT_COLUMNS", "match_commitments"]

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

_KEY = ("_actor", "_stated", "_words")


def _folded(column: pd.Series) -> pd.Series:
    """Text folded for matching: lower case, every run of spaces and punctuation one space."""
    return column.astype(str).str.casefold().str.replace(r"[\W_]+", " ", regex=True).str.strip()


def _side(verdicts: pd.DataFrame, suffix: str) -> pd.DataFrame:
    missing = [name for name in _TAKEN if name not in verdicts.columns]
    if missing:
        raise ValueError(f"verdicts of coder {suffix.upper()} lack the columns {missing}; pass what evaluate() returns")
    side = verdicts.loc[:, list(_TAKEN)].reset_index(drop=True)
    side["status"] = side["status"].astype(str)
    side["_actor"], side["_words"] = _folded(side["actor"]), _folded(side["deadline"])
    side["_stated"] = side["stated_on"]
    return side.rename(columns={name: f"{name}_{suffix}" for name in _TAKEN})


def match_commitments(verdicts_a: pd.DataFrame, verdicts_b: pd.DataFrame) -> pd.DataFrame:
    """Pair two coders' verdicts (from ``evaluate``) one to one: by id, else by actor, day and deadline words.

    One row per matched pair, then one per entry only coder A recorded, then
    one per entry only coder B recorded; columns ``UNIT_COLUMNS``, with each
    side's id, actor, day said, deadline words, latest due date and status.
    ``matched_by`` says which rule paired them (``MATCHED_BY``; missing for
    an entry one coder alone recorded).

    >>> import datetime as dt
    >>> day = pd.Timestamp(dt.date(2025, 10, 16))
    >>> a = pd.DataFrame({"id": ["summit", "tariffs"], "actor": ["Donald Trump"] * 2, "stated_on": [day] * 2,
    ...                   "deadline": ["two weeks or so", "soon"], "latest": [day] * 2, "status": ["lapsed"] * 2})
    >>> b = a.assign(id=["summit", "trump-tariffs"], deadline=["two weeks or so", "Soon!"])
    >>> match_commitments(a, b)[["id_a", "id_b", "matched_by"]].values.tolist()
    [['summit', 'summit', 'id'], ['tariffs', 'trump-tariffs', 'actor, day and deadline words']]
    """
    a, b = _side(verdicts_a, "a"), _side(verdicts_b, "b")
    by_id = a.merge(b.drop(columns=list(_KEY)), left_on="id_a", right_on="id_b", how="inner")
    by_id["matched_by"] = MATCHED_BY[0]
    rest_a, rest_b = a[~a["id_a"].isin(by_id["id_a"])], b[~b["id_b"].isin(by_id["id_b"])]
    rest_a, rest_b = _ranked(rest_a, "id_a"), _ranked(rest_b, "id_b")
    by_words = rest_a.merge(rest_b, on=[*_KEY, "_rank"], how="inner")
    ambiguous = (by_words["_size_x"] > 1) | (by_words["_size_y"] > 1)
    by_words["matched_by"] = ambiguous.map({False: MATCHED_BY[1], True: MATCHED_BY[2]})
    only_a = rest_a[~rest_a["id_a"].isin(by_words["id_a"])]
    only_b = rest_b[~rest_b["id_b"].isin(by_words["id_b"])]
    parts = [_typed(part) for part in (by_id, by_words, only_a, only_b)]
    units = pd.concat([part for part in parts if len(part)] or parts[:1], ignore_index=True)
    return units


def _typed(part: pd.DataFrame) -> pd.DataFrame:
    """The units columns of one part, each with the units table's type (so empty parts concatenate cleanly)."""
    part = part.reindex(columns=list(UNIT_COLUMNS))
    for name in UNIT_COLUMNS:
        typed = name.startswith(("stated_on", "latest"))
        part[name] = pd.to_datetime(part[name]).astype("datetime64[s]") if typed else part[name].astype("string")
    return part


def _ranked(side: pd.DataFrame, id_column: str) -> pd.DataFrame:
    """Each entry's rank among the same side's entries with its key (by id), and that key's count."""
    side = side.sort_values(id_column, kind="stable")
    groups = side.groupby(list(_KEY), sort=False, dropna=False)
    return side.assign(_rank=groups.cumcount(), _size=groups[id_column].transform("size"))
