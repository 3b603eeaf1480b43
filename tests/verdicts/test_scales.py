"""Rating scales: PolitiFact's six ratings cover every status; custom dicts are checked."""

import datetime as dt

import pytest

import ledger
from ledger import STATUSES, to_scale
from ledger.verdicts.scales import POLITIFACT, POLITIFACT_RATINGS


@pytest.fixture(scope="module")
def verdicts():
    return ledger.evaluate(ledger.load("fixtures/russia-ukraine-2025.yaml").ledger, as_of=dt.date(2025, 10, 17))


@pytest.mark.parametrize("status", STATUSES)
def test_politifact_maps_every_status(status):
    """Each status of the closed set has a PolitiFact rating from the six."""
    assert POLITIFACT[status] in POLITIFACT_RATINGS


def test_politifact_documented_mapping():
    """The mapping is the one documented in ledger.scales (reference table written out here)."""
    assert dict(POLITIFACT) == {
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
    assert POLITIFACT_RATINGS == (
        "Not Yet Rated",
        "In the Works",
        "Stalled",
        "Promise Kept",
        "Compromise",
        "Promise Broken",
    )


def test_to_scale_aligns_with_verdicts(verdicts):
    """to_scale gives one rating per verdict, Categorical over the six ratings, same index."""
    rating = to_scale(verdicts)
    assert rating.index.equals(verdicts.index) and rating.name == "rating"
    assert list(rating.cat.categories) == list(POLITIFACT_RATINGS)
    for status, value in zip(verdicts["status"].astype(str), rating):
        assert value == POLITIFACT[status]


def test_custom_mapping(verdicts):
    """A dict from every status to a rating is a scale of its own."""
    scale = {s: ("delivered" if s in ("kept", "late") else "not delivered") for s in STATUSES}
    rating = to_scale(verdicts, scale)
    assert list(rating.cat.categories) == ["delivered", "not delivered"]  # first seen in the dict's order
    assert (rating == "delivered").sum() == verdicts["status"].isin(["kept", "late"]).sum()


@pytest.mark.parametrize(
    "scale, error",
    [("snopes", ValueError), ({"kept": "yes"}, ValueError), ({**POLITIFACT, "maybe": "x"}, ValueError), (3, TypeError)],
)
def test_bad_scales_are_refused(verdicts, scale, error):
    """Unknown names, incomplete or over-full dicts and other types raise, naming the problem."""
    with pytest.raises(error):
        to_scale(verdicts, scale)
