"""From the evidence score to a confidence that reads as the chance a candidate is right.

The score is a sum of what supports a candidate and what weakens it (a
future modal, a named subject, an unknown actor: ``candidates``); it orders
candidates well but its values are not chances. On the real-text set
(tests/data/extract_real/, 47 federal documents; benchmarks/extract_accuracy.py
prints the reliability table) a candidate scored 0.7 was right (a labelled
commitment with the right actor) 91% of the time, and one scored 0.35 never
was: those are forecasts and candidates whose actor nothing in the text
names. ``calibrate`` maps the score through the share right that the set
gave at each level (pooled so that it never falls as the score rises) and
interpolates in between. It is monotone: a higher score never gets a lower
confidence, so the reasons still explain the order.

>>> calibrate(0.7), calibrate(0.35), calibrate(0.99)
(0.88, 0.2, 0.95)
"""

from __future__ import annotations

from bisect import bisect_right

__all__ = ["CALIBRATION", "calibrate"]

#: (score, confidence) knots. Fitted on the real-text set at the scores it gives (counts right / candidates):
#: 0.2-0.35 0/7 (flagged forecasts, unknown actors), 0.45 0/2, 0.5-0.55 6/7, 0.6-0.65 8/9, 0.7-0.75 31/34,
#: 0.8-0.85 27/30; held to at least 0.8 at 0.55 by the pooling, and to 0.95 at the top, where no score was seen.
CALIBRATION: tuple[tuple[float, float], ...] = (
    (0.05, 0.05),
    (0.3, 0.15),
    (0.45, 0.3),
    (0.55, 0.8),
    (0.7, 0.88),
    (0.85, 0.9),
    (0.99, 0.95),
)
_SCORES = [s for s, _ in CALIBRATION]


def calibrate(score: float) -> float:
    """The confidence for an evidence score, rounded to two places, between 0.05 and 0.95.

    >>> calibrate(0.5), calibrate(0.62)
    (0.55, 0.84)
    """
    if score <= _SCORES[0]:
        return CALIBRATION[0][1]
    if score >= _SCORES[-1]:
        return CALIBRATION[-1][1]
    k = bisect_right(_SCORES, score)
    (s0, c0), (s1, c1) = CALIBRATION[k - 1], CALIBRATION[k]
    return round(c0 + (c1 - c0) * (score - s0) / (s1 - s0), 2)
