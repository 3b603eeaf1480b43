"""Verdicts made ready for grouping by a column they do not carry: one row per tag of each commitment.

Statistics group verdict rows by their columns (``ledger.verdicts.stats``).
A commitment has several tags, so grouping by tag counts it once in each of
its tags' groups; a commitment without tags is one row whose tag is missing
(the "(none)" group). The rows are repeated by index arithmetic over the
tags' Arrow offsets, not by a loop per commitment.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from ledger.core.records import Ledger
from ledger.core.tables import LedgerTables

__all__ = ["TAG_COLUMN", "by_tag", "grouping_frame"]

#: The grouping column ``by_tag`` adds: ``--by tag``.
TAG_COLUMN = "tag"


def by_tag(verdicts: pd.DataFrame, commitments: pa.Table) -> pd.DataFrame:
    """``verdicts`` with a ``tag`` column: each row repeated once per distinct tag of its commitment (once if none).

    ``commitments`` is the ledger's commitments table (``LedgerTables.commitments``),
    from which each verdict's tags are looked up by ``id``.

    >>> import datetime as dt
    >>> from ledger.core.records import Commitment, Ledger
    >>> from ledger.core.tables import LedgerTables
    >>> day = dt.date(2025, 1, 1)
    >>> led = Ledger([Commitment(id="a", actor="X", stated_on=day, text="t", deadline="soon", tags=["x", "y"]),
    ...               Commitment(id="b", actor="X", stated_on=day, text="t", deadline="soon")])
    >>> by_tag(pd.DataFrame({"id": ["a", "b"]}), LedgerTables.from_ledger(led).commitments).values.tolist()
    [['a', 'x'], ['a', 'y'], ['b', None]]
    """
    tags = commitments.column("tags").combine_chunks()
    offsets = tags.offsets.to_numpy(zero_copy_only=False)
    values = tags.values.to_numpy(zero_copy_only=False).astype(object)
    ids = pd.Index(commitments.column("id").to_pandas())
    position = ids.get_indexer(verdicts["id"])
    if (position < 0).any():
        missing = verdicts["id"].to_numpy()[position < 0][0]
        raise ValueError(f"verdict {missing!r} has no commitment in the table given")
    start, count = offsets[position], offsets[position + 1] - offsets[position]
    repeats = np.maximum(count, 1)
    rows = np.repeat(np.arange(len(verdicts)), repeats)
    # The k-th copy of a row takes its commitment's k-th tag.
    k = np.arange(len(rows)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    has_tag = np.repeat(count, repeats) > 0
    tag = np.full(len(rows), None, dtype=object)
    tag[has_tag] = values[(np.repeat(start, repeats) + k)[has_tag]]
    # A tag given twice to one commitment counts it once in that tag's group.
    once = ~pd.DataFrame({"row": rows, "tag": tag}).duplicated().to_numpy()
    out = verdicts.iloc[rows[once]].reset_index(drop=True)
    out[TAG_COLUMN] = pd.array(tag[once], dtype=object)
    out.attrs.update(verdicts.attrs)
    return out


def grouping_frame(verdicts: pd.DataFrame, ledger: Ledger | LedgerTables | None, by: Sequence[str]) -> pd.DataFrame:
    """The verdicts statistics grouped ``by`` these columns count: ``by_tag``'s rows when ``tag`` is one of them.

    >>> frame = pd.DataFrame({"id": []})
    >>> grouping_frame(frame, Ledger(), ("actor",)) is frame
    True
    """
    if TAG_COLUMN not in by:
        return verdicts
    if ledger is None:
        raise ValueError("grouping by tag needs the ledger the verdicts came from (its tags)")
    tables = ledger if isinstance(ledger, LedgerTables) else LedgerTables.from_ledger(ledger)
    return by_tag(verdicts, tables.commitments)
