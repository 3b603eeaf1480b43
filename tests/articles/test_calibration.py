"""Confidence reads as the chance a candidate is right: the map from the evidence score, and its check on real text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from benchmarks.extract_accuracy import (
    calibration,
    calibration_error,
    load_documents,
    load_labels,
    mean_confidence,
    score,
)
from ledger.articles.calibration import CALIBRATION, calibrate

scores = st.floats(min_value=-1.0, max_value=2.0, allow_nan=False)


@given(scores, scores)
def test_calibration_never_reverses_the_order_of_scores(a, b):
    """A higher evidence score never gets a lower confidence: the reasons still explain the order."""
    low, high = sorted((a, b))
    assert calibrate(low) <= calibrate(high)


@given(scores)
def test_calibrated_confidence_stays_between_its_ends(s):
    assert CALIBRATION[0][1] <= calibrate(s) <= CALIBRATION[-1][1]


def test_the_knots_are_the_confidences_at_their_scores():
    assert all(calibrate(s) == c for s, c in CALIBRATION)
    assert [s for s, _ in CALIBRATION] == sorted(s for s, _ in CALIBRATION)


DOCUMENTS = load_documents()
LABELS, ALIASES = load_labels(DOCUMENTS)


def test_on_the_real_set_claimed_confidence_is_within_a_tenth_of_the_share_right():
    """Each bucket of 10 or more candidates is right about as often as it claims; the error, weighted, under 0.06."""
    report = score(DOCUMENTS, LABELS, ALIASES)
    for (low, high, n, right), mean in zip(calibration(report), mean_confidence(report)):
        if n >= 10:
            assert right is not None and mean is not None and abs(mean - right) <= 0.1, (low, high, n, mean, right)
    assert calibration_error(report) <= 0.06
