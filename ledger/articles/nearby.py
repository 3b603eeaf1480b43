"""The mention nearest before an offset, found by bisection over a sentence's mentions, not a walk over them.

A sentence's mentions (``actors.read_mentions``) are in order of their starts,
and one that ends by an offset starts before it: the search starts where the
offset falls and steps back only over mentions that straddle it (or, for
``nearest_usable``, over mentions nobody can be named from). A run-on piece
holds a hundred phrases and a hundred mentions; a walk over all of them for
each phrase was quadratic in the piece.

>>> from ledger.articles.actors import Entity, Mention
>>> ada = Entity("Ada Ruiz", "person")
>>> mentions = [Mention(0, 8, "Ada Ruiz", "name", ada), Mention(14, 16, "he", "pronoun", None)]
>>> last_ending_by(mentions, 20).text, nearest_usable(mentions, 20).text, last_ending_by(mentions, 5)
('he', 'Ada Ruiz', None)
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from operator import attrgetter
from typing import TypeGuard

from ledger.articles.actors import Mention

__all__ = ["last_ending_by", "nearest_usable", "usable"]

_START = attrgetter("start")


def last_ending_by(mentions: list[Mention], at: int) -> Mention | None:
    """The last of ``mentions`` (in their order) that ends by ``at``: ``[m for m in mentions if m.end <= at][-1]``."""
    # every mention after the last one that starts by ``at`` ends after it (an end is never before its start)
    k = bisect_right(mentions, at, key=_START) - 1
    while k >= 0 and mentions[k].end > at:
        k -= 1
    return mentions[k] if k >= 0 else None


def usable(m: Mention | None) -> TypeGuard[Mention]:
    """True for a mention of a known, specific actor (not "analysts", not an unresolved "they")."""
    return m is not None and m.entity is not None and not m.generic


# The last list each thread asked about, and the indices of its usable mentions: the drafts of a sentence share
# one list. Per thread, as extract may run in several at once (an archive on Dask's threads): a list and its
# indices are read and replaced by one thread only. The list is held, so its id is never another list's while it
# is here, and a sentence's mentions are not changed once read (Mention and Entity are frozen).
_last = threading.local()


def _usable_indices(mentions: list[Mention]) -> list[int]:
    held = getattr(_last, "held", None)
    if held is None or held[0] is not mentions:
        held = _last.held = (mentions, [k for k, m in enumerate(mentions) if usable(m)])
    return held[1]


def nearest_usable(mentions: list[Mention], at: int) -> Mention | None:
    """The last usable mention (a known, specific actor) that starts before ``at`` and ends by it.

    The same as a walk back from the last mention starting before ``at`` that skips the unusable ones and
    those that end after ``at``. The list must not change between calls (a sentence's mentions do not).
    """
    usable_at = _usable_indices(mentions)
    for j in range(bisect_left(usable_at, bisect_left(mentions, at, key=_START)) - 1, -1, -1):
        m = mentions[usable_at[j]]
        if m.end <= at:
            return m
    return None
