"""Agreement statistics for two coders: Cohen's kappa and Krippendorff's alpha, on whole resamples.

Alpha is the maintained ``krippendorff`` package's; this module only shapes
two coders' values into its input (value counts per unit) and calls it once
per bootstrap resample. Kappa is the textbook formula over a confusion
table, computed for every resample at once. docs/agreement.md works both by
hand; the tests check them against NLTK and statsmodels.
"""

from __future__ import annotations

from typing import Literal, cast

import krippendorff
import numpy as np
import pandas as pd

__all__ = [
    "LEVELS",
    "cohens_kappa",
    "krippendorff_alpha",
    "percentile_interval",
    "resampled_alphas",
    "resampled_kappas",
    "value_counts",
]

#: The levels of measurement used here: labels (statuses) and numbers (days).
LEVELS = ("nominal", "interval")


def cohens_kappa(a, b) -> float:
    """Cohen's kappa of two coders' labels on the same units; NaN where chance agreement is total.

    kappa = (observed agreement - chance agreement) / (1 - chance agreement),
    chance agreement being the sum over labels of the product of the two
    coders' shares of that label.

    >>> round(cohens_kappa(["kept", "kept", "lapsed", "late"], ["kept", "lapsed", "lapsed", "late"]), 4)
    0.6364
    """
    a, b = np.asarray(a, dtype=object), np.asarray(b, dtype=object)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"'a' and 'b' must be two lists of the same length (got {a.shape} and {b.shape})")
    labels, codes = np.unique(np.concatenate([a, b]).astype(str), return_inverse=True)
    n = len(a)
    return float(resampled_kappas(codes[:n], codes[n:], len(labels), np.arange(n)[None, :])[0])


def resampled_kappas(a: np.ndarray, b: np.ndarray, k: int, resamples: np.ndarray) -> np.ndarray:
    """Cohen's kappa of codes ``a`` and ``b`` (in [0, k)) for each row of unit indices, all rows at once.

    Each row of ``resamples`` lists the units of one resample (repeats
    allowed); NaN where a resample's chance agreement is total.

    >>> codes_a, codes_b = np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2])
    >>> resampled_kappas(codes_a, codes_b, 3, np.array([[0, 1, 2, 3], [0, 0, 0, 0]])).round(4).tolist()
    [0.6364, nan]
    """
    rows, n = resamples.shape
    if n == 0 or k == 0:
        return np.full(rows, np.nan)
    cells = (np.arange(rows)[:, None] * (k * k) + a[resamples] * k + b[resamples]).ravel()
    table = np.bincount(cells, minlength=rows * k * k).reshape(rows, k, k) / n
    observed = np.trace(table, axis1=1, axis2=2)
    chance = (table.sum(axis=2) * table.sum(axis=1)).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(chance < 1 - 1e-12, (observed - chance) / (1 - chance), np.nan)


def krippendorff_alpha(a, b, level: str = "nominal") -> float:
    """Krippendorff's alpha of two coders on the same units, by the ``krippendorff`` package.

    ``level`` is ``"nominal"`` (labels: agree or not) or ``"interval"``
    (numbers: squared differences). A missing value (None or NaN) leaves its
    unit out. NaN where alpha is not defined: fewer than two different
    values among the units both coded.

    >>> round(krippendorff_alpha(["kept", "kept", "lapsed", "late"], ["kept", "lapsed", "lapsed", "late"]), 4)
    0.6667
    >>> round(krippendorff_alpha([10, 20, 30, None], [10, 21, 30, 40], "interval"), 4)
    0.9979
    """
    counts, domain = value_counts(a, b, level)
    return float(resampled_alphas(counts, domain, level, np.arange(len(counts))[None, :])[0])


def value_counts(a, b, level: str) -> tuple[np.ndarray, np.ndarray]:
    """Per unit, how many coders gave each value (units x values), and the values: the package's input.

    Nominal values are numbered in sorted order (the package only asks
    whether two are equal); interval values are kept as numbers.

    >>> counts, domain = value_counts(["kept", "late"], ["kept", None], "nominal")
    >>> counts.tolist(), domain.tolist()
    ([[2, 0], [0, 1]], [0.0, 1.0])
    """
    if level not in LEVELS:
        raise ValueError(f"'level' must be one of {', '.join(LEVELS)} (got {level!r})")
    a, b = pd.Series(list(a), dtype=object), pd.Series(list(b), dtype=object)
    if len(a) != len(b):
        raise ValueError(f"'a' and 'b' must have the same length (got {len(a)} and {len(b)})")
    both = pd.concat([a, b], ignore_index=True)
    if level == "interval":
        both = pd.to_numeric(both, errors="raise").astype(float)
    codes, domain = pd.factorize(both, sort=True, use_na_sentinel=True)
    counts = np.zeros((len(a), len(domain)), dtype=np.int64)
    units = np.arange(len(a))
    for coder in (codes[: len(a)], codes[len(a) :]):
        given = coder >= 0
        counts[units[given], coder[given]] += 1
    values = np.asarray(domain, dtype=float) if level == "interval" else np.arange(len(domain), dtype=float)
    return counts, values


def resampled_alphas(counts: np.ndarray, domain: np.ndarray, level: str, resamples: np.ndarray) -> np.ndarray:
    """Krippendorff's alpha for each row of unit indices (from ``value_counts``); NaN where not defined.

    >>> counts, domain = value_counts([1, 2, 3], [1, 2, 4], "interval")
    >>> resampled_alphas(counts, domain, "interval", np.array([[0, 1, 2], [0, 0, 0]])).round(4).tolist()
    [0.878, nan]
    """
    out = np.full(len(resamples), np.nan)
    for row, units in enumerate(resamples):  # one call of the package per resample
        sample = counts[units]
        sample = sample[sample.sum(axis=1) >= 2]  # only units both coded are pairable
        used = sample.sum(axis=0) > 0
        if used.sum() >= 2:
            out[row] = krippendorff.alpha(
                value_counts=sample[:, used],
                value_domain=domain[used],
                level_of_measurement=cast(Literal["nominal", "interval"], level),
            )
    return out


def percentile_interval(values: np.ndarray, confidence: float) -> tuple[float, float, int]:
    """The bootstrap percentile interval of the defined (not NaN) values, and how many were defined.

    >>> percentile_interval(np.array([0.1, 0.2, 0.3, np.nan]), 0.5)
    (0.15000000000000002, 0.25, 3)
    """
    defined = values[~np.isnan(values)]
    if defined.size == 0:
        return np.nan, np.nan, 0
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(defined, [tail, 100 - tail])
    return float(low), float(high), int(defined.size)
