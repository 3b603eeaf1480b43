"""Statuses mapped to a fact-checker's rating scale.

``to_scale(verdicts, scale="politifact")`` maps each verdict's status to
PolitiFact's six promise ratings; a dict maps statuses to any scale you
choose. The mapping must cover every status in ``ledger.STATUSES``.

PolitiFact rates the substance of a promise ("Promise Kept: the original
promise is mostly or completely accomplished"; "Compromise: accomplished
substantially less than promised, but still a significant accomplishment";
"Stalled: no movement"; "In the Works: proposed or being considered"; "Not
Yet Rated" until there is evidence). ledger's commitments are deadlines, so:

| status | PolitiFact rating | why |
|---|---|---|
| kept | Promise Kept | done by the deadline |
| late | Compromise | done, but not by the deadline that was the promise |
| partial | Compromise | partly delivered |
| broken | Promise Broken | cancelled, refused or contrary action |
| withdrawn | Promise Broken | abandoned by the one who made it |
| superseded | Stalled | the deadline passed into a restatement without delivery |
| missed | Promise Broken | checked after the deadline and not delivered: the deadline was the promise |
| lapsed | Stalled | deadline passed with nothing recorded (not proven broken) |
| pending | Not Yet Rated | not yet due, nothing recorded (or only progress before the deadline) |
| unreadable | Not Yet Rated | the deadline could not be read, so there is nothing to rate yet |

A ``missed`` commitment delivered later becomes ``late`` (Compromise), as
PolitiFact moves a rating when the facts change.

ledger records no "in progress" event, so "In the Works" is never assigned
by this mapping; a custom dict can use it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ledger.core.vocabulary import STATUSES

__all__ = ["POLITIFACT", "POLITIFACT_RATINGS", "SCALES", "to_scale"]

#: PolitiFact's promise ratings, in the order its meters show them.
POLITIFACT_RATINGS = ("Not Yet Rated", "In the Works", "Stalled", "Promise Kept", "Compromise", "Promise Broken")

#: Every status to its PolitiFact rating (see the module docstring for why).
POLITIFACT: Mapping[str, str] = {
    "kept": "Promise Kept",
    "late": "Compromise",
    "partial": "Compromise",
    "broken": "Promise Broken",
    "withdrawn": "Promise Broken",
    "superseded": "Stalled",
    "missed": "Promise Broken",
    "lapsed": "Stalled",
    "pending": "Not Yet Rated",
    "unreadable": "Not Yet Rated",
}

#: Named scales: name -> (mapping, the scale's ratings in order).
SCALES: Mapping[str, tuple[Mapping[str, str], tuple[str, ...]]] = {"politifact": (POLITIFACT, POLITIFACT_RATINGS)}


def to_scale(verdicts: pd.DataFrame, scale: str | Mapping[str, str] = "politifact") -> pd.Series:
    """Each verdict's status on a rating scale: a Categorical Series named "rating", aligned with ``verdicts``.

    ``scale`` is a name from ``SCALES`` ("politifact") or a dict from every
    status to a rating (its categories are the dict's values in order).

    >>> import datetime as dt, ledger
    >>> v = ledger.evaluate(ledger.load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> bool(ledger.to_scale(v).value_counts()["Compromise"] >= 1)
    True
    >>> ledger.to_scale(v, {s: ("done" if s in ("kept", "late") else "not done") for s in ledger.STATUSES}).iloc[0]
    'not done'
    """
    if isinstance(scale, str):
        if scale not in SCALES:
            raise ValueError(
                f"'scale' must be one of {', '.join(SCALES)} or a dict from status to rating (got {scale!r})"
            )
        mapping, ratings = SCALES[scale]
    elif isinstance(scale, Mapping):
        mapping, ratings = scale, tuple(dict.fromkeys(scale.values()))
    else:
        raise TypeError(f"'scale' must be a scale name or a dict from status to rating (got {type(scale).__name__})")
    missing = [s for s in STATUSES if s not in mapping]
    unknown = [s for s in mapping if s not in STATUSES]
    if missing or unknown:
        raise ValueError(
            f"the scale must map exactly the statuses {', '.join(STATUSES)}"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; not statuses: {', '.join(map(str, unknown))}" if unknown else "")
        )
    if "status" not in verdicts.columns:
        raise ValueError("'verdicts' must have a 'status' column (the DataFrame ledger.evaluate returns)")
    rated = verdicts["status"].astype(str).map(dict(mapping))
    return pd.Series(pd.Categorical(rated, categories=list(ratings)), index=verdicts.index, name="rating")
