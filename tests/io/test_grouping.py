"""Grouping by tag: a commitment counts once in the group of each of its tags."""

import datetime as dt

from hypothesis import given, settings

from ledger import evaluate, follow_through
from ledger.core.tables import LedgerTables
from ledger.io.grouping import by_tag
from tests import strategies


@settings(max_examples=30)  # an evaluation per example: the default 100 took 9 s
@given(strategies.evaluable_ledgers)
def test_grouping_by_tag_counts_a_commitment_once_per_tag(ledger_):
    """Each commitment is in the group of each of its tags (once in '(none)' if it has none), and each
    tag's counts are those of the commitments that carry it."""
    verdicts = evaluate(ledger_, as_of=dt.date(2025, 8, 1))
    table = follow_through(by_tag(verdicts, LedgerTables.from_ledger(ledger_).commitments), by="tag")
    judged = set(verdicts["id"])
    assert table["n"].sum() == sum(max(len(set(c.tags)), 1) for c in ledger_.commitments if c.id in judged)
    status = dict(zip(verdicts["id"], verdicts["status"]))
    for row in table.itertuples():
        carriers = [c.id for c in ledger_.commitments if c.id in judged and row.tag in (set(c.tags) or {"(none)"})]
        assert row.n == len(carriers)
        assert row.n_kept == sum(status[i] == "kept" for i in carriers)


def test_the_fixture_by_tag_has_a_row_per_tag_and_the_same_total_once_per_commitment():
    """On the real ledger, a commitment with two tags is in both groups; the overall count is unchanged."""
    from ledger import load

    led = load("fixtures/russia-ukraine-2025.yaml").ledger
    verdicts = evaluate(led, as_of=dt.date(2025, 10, 17))
    framed = by_tag(verdicts, LedgerTables.from_ledger(led).commitments)
    two = next(c for c in led.commitments if len(c.tags) == 2)
    assert sorted(framed.loc[framed["id"] == two.id, "tag"]) == sorted(two.tags)
    assert framed["id"].nunique() == len(verdicts)
