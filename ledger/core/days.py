"""Day arithmetic on whole columns: day numbers since 1970-01-01 and numpy datetimes.

>>> import numpy as np
>>> datetimes(np.array([0, NAT], dtype=np.int64))
array(['1970-01-01T00:00:00',                 'NaT'], dtype='datetime64[s]')
"""

from __future__ import annotations

import numpy as np

__all__ = ["NAT", "datetimes"]

NAT = np.iinfo(np.int64).min  # "no date": the same int64 as numpy's NaT


def datetimes(days: np.ndarray, missing: int = NAT) -> np.ndarray:
    """Day numbers since 1970-01-01 as datetime64[s], NaT where a day is ``missing``."""
    seconds = days * 86_400
    seconds[days == missing] = NAT
    return seconds.view("datetime64[s]")
