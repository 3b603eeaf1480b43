"""Verdicts as of a date: each rule, the reference oracle, and the invariants."""

import datetime as dt
from pathlib import Path

import attrs
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ledger import Commitment, Event, Ledger, Source, parse_deadline
from ledger.core.tables import LedgerTables
from ledger.core.vocabulary import STATUS_RULES, STATUSES, UNREADABLE_RULE
from ledger.verdicts.chains import chains
from ledger.verdicts.evaluate import UnreadableDeadlines, evaluate
from tests import strategies
from tests.reference import reference_verdicts

ROOT = Path(__file__).resolve().parents[2]
D = dt.date(2025, 10, 16)  # a Thursday
SRC = (Source(url="https://example.org/s"),)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def c(id="a", deadline="in two weeks", stated=0, supersedes=None, recorded=None):
    return Commitment(
        id=id,
        actor="X",
        stated_on=day(stated),
        text="t",
        deadline=deadline,
        sources=SRC,
        supersedes=supersedes,
        recorded_on=None if recorded is None else day(recorded),
    )


def ev(kind, on, id="a", recorded=None, url=None):
    return Event(
        commitment_id=id,
        type=kind,
        on=day(on),
        recorded_on=None if recorded is None else day(recorded),
        sources=(Source(url=url),) if url else (),
    )


def verdict(commitments, events=(), as_of=60, **kwargs):
    frame = evaluate(Ledger(commitments, events), as_of=day(as_of), **kwargs)
    return frame.set_index("id")


# "in two weeks" said on D: latest is D+14.
@pytest.mark.parametrize(
    "events, as_of, status, resolved, rule",
    [
        ([], 10, "pending", None, "pending"),
        ([], 14, "pending", None, "pending"),  # the latest day itself is still on time
        ([], 15, "lapsed", None, "lapsed"),
        ([("fulfilled", 14)], 60, "kept", 14, "kept"),
        ([("fulfilled", 15)], 60, "late", 15, "late"),
        ([("fulfilled", 20)], 16, "lapsed", None, "lapsed"),  # fulfilment after as_of is invisible
        ([("broken", 5)], 60, "broken", 5, "broken"),
        ([("withdrawn", 5), ("broken", 6)], 60, "withdrawn", 5, "withdrawn"),
        ([("broken", 5), ("fulfilled", 9)], 60, "kept", 9, "kept_after_broken"),
        ([("broken", 5), ("fulfilled", 30)], 60, "late", 30, "late_after_broken"),
        ([("partial", 5)], 60, "partial", 5, "partial"),
        ([("partial", 5)], 14, "pending", None, "pending_partial"),  # progress before the deadline
        ([("partial", 5)], 15, "partial", 5, "partial"),  # the deadline has passed with only part delivered
        ([("checked_missed", 20)], 60, "missed", 20, "missed"),
        ([("checked_missed", 14)], 60, "lapsed", None, "lapsed"),  # a check on the latest day proves nothing yet
        ([("checked_missed", 20)], 19, "lapsed", None, "lapsed"),  # a check after as_of is not seen
        ([("checked_missed", 20), ("fulfilled", 30)], 60, "late", 30, "late"),
        ([("checked_missed", 20), ("broken", 30)], 60, "broken", 30, "broken"),
        ([("partial", 5), ("checked_missed", 20)], 60, "partial", 5, "partial"),
        ([("partial", 5), ("fulfilled", 12)], 60, "kept", 12, "kept"),
        ([("partial", 5), ("broken", 12)], 60, "broken", 12, "broken"),
        ([("note", 5)], 60, "lapsed", None, "lapsed"),
    ],
)
def test_status_rules_for_one_commitment(events, as_of, status, resolved, rule):
    """Each documented rule decides the status it says, with its resolution day and sentence."""
    row = verdict([c()], [ev(k, on) for k, on in events], as_of=as_of).loc["a"]
    assert row["status"] == status
    assert (None if pd.isna(row["resolved_on"]) else row["resolved_on"].date()) == (
        None if resolved is None else day(resolved)
    )
    assert row["status_rule"] == STATUS_RULES[rule]


def test_days_late_and_promised_days():
    """days_late counts days after latest; promised_days is latest minus the day said."""
    row = verdict([c()], [ev("fulfilled", 20)]).loc["a"]
    assert (row["days_late"], row["promised_days"], row["elapsed_days"]) == (6, 14, 20)
    row = verdict([c()], [ev("fulfilled", 3)]).loc["a"]
    assert (row["days_late"], row["elapsed_days"]) == (0, 3)
    row = verdict([c()], []).loc["a"]
    assert pd.isna(row["days_late"]) and row["elapsed_days"] == 60


def test_hedge_widens_what_counts_as_kept():
    """'two weeks or so' earns grace: day 20 is kept, where 'in two weeks' is late."""
    assert verdict([c(deadline="two weeks or so")], [ev("fulfilled", 20)]).loc["a", "status"] == "kept"
    assert verdict([c(deadline="in two weeks")], [ev("fulfilled", 20)]).loc["a", "status"] == "late"


def test_open_deadlines_never_lapse():
    """'eventually' stays pending however long nothing happens, and any fulfilment is kept."""
    assert verdict([c(deadline="eventually")], as_of=5000).loc["a", "status"] == "pending"
    row = verdict([c(deadline="eventually")], [ev("fulfilled", 900)], as_of=5000).loc["a"]
    assert (row["status"], row["status_rule"]) == ("kept", STATUS_RULES["kept_open"])


def test_reset_while_open_is_superseded_and_chain_carries_on():
    """The 50 days cut to '10 or 12 days': the first is superseded, the chain goes on."""
    first = c("fifty", "in 50 days", 0)
    second = c("twelve", "10 or 12 days", 14, supersedes="fifty")
    table = verdict([first, second], [ev("broken", 40, "twelve")])
    assert table.loc["fifty", "status"] == "superseded"
    assert table.loc["fifty", "resolved_on"].date() == day(14)
    assert table.loc["fifty", "superseded_by"] == "twelve"
    assert table.loc["twelve", "status"] == "broken"
    assert list(table["chain_id"]) == ["fifty", "fifty"]
    assert list(table["chain_position"]) == [1, 2]


def test_restated_after_it_lapsed_stays_lapsed():
    """A deadline restated only after its latest day passed stays lapsed."""
    table = verdict([c("a", "in two weeks", 0), c("b", "in two weeks", 20, supersedes="a")])
    assert table.loc["a", "status"] == "lapsed"
    assert table.loc["b", "chain_id"] == "a"


def test_settled_before_the_reset_keeps_its_own_outcome():
    """A commitment fulfilled before a later restatement keeps its verdict."""
    table = verdict([c("a"), c("b", stated=10, supersedes="a")], [ev("fulfilled", 5, "a")])
    assert table.loc["a", "status"] == "kept"


def test_superseded_is_final_whatever_happens_later():
    """Events after the reset do not change a superseded verdict."""
    table = verdict([c("a"), c("b", stated=5, supersedes="a")], [ev("fulfilled", 8, "a")])
    assert table.loc["a", "status"] == "superseded"


def test_commitments_stated_after_as_of_do_not_exist():
    """As of a date, only commitments already stated are judged; a later reset is unknown."""
    table = verdict([c("a"), c("b", stated=30, supersedes="a")], as_of=20)
    assert list(table.index) == ["a"]
    assert table.loc["a", "status"] == "lapsed"
    assert pd.isna(table.loc["a", "superseded_by"])


def test_known_as_of_hides_what_was_recorded_later():
    """With known_as_of, events and commitments recorded after it are not seen."""
    commitments = [c("a"), c("b", stated=1, recorded=40)]
    events = [ev("fulfilled", 5, "a", recorded=30)]
    hindsight = verdict(commitments, events, as_of=20)
    assert hindsight.loc["a", "status"] == "kept"
    then = verdict(commitments, events, as_of=20, known_as_of=day(20))
    assert list(then.index) == ["a"]
    assert then.loc["a", "status"] == "lapsed"


def test_evidence_url_points_at_what_decided():
    """evidence_url is the deciding event's source; with no outcome, the commitment's own."""
    table = verdict([c("a"), c("b")], [ev("broken", 3, "a", url="https://example.org/broken")])
    assert table.loc["a", "evidence_url"] == "https://example.org/broken"
    assert table.loc["b", "evidence_url"] == "https://example.org/s"


def test_unreadable_deadline_with_strict_stops_evaluation_and_names_it():
    """strict=True keeps the old refusal: nothing is judged, and every unreadable deadline is listed."""
    with pytest.raises(UnreadableDeadlines) as info:
        verdict([c("a", "fortnightish"), c("b")], strict=True)
    assert list(info.value.errors) == ["a"]
    assert isinstance(info.value, ValueError)


def test_unreadable_deadline_never_hides_the_rest_of_the_ledger():
    """Without strict, the unreadable commitment is kept with its own status and the reader's message;
    the others are judged as usual."""
    table = verdict(
        [c("a", "fortnightish"), c("b")],
        [ev("fulfilled", 3, "a", url="https://example.org/done"), ev("fulfilled", 3, "b")],
    )
    assert table.loc["a", "status"] == "unreadable"
    assert table.loc["a", "status_rule"].startswith(UNREADABLE_RULE)
    assert "'fortnightish'" in table.loc["a", "status_rule"]
    assert pd.isna(table.loc["a", "latest"]) and pd.isna(table.loc["a", "resolved_on"])
    # its events were not judged, so none of them is offered as evidence: the commitment's own source is
    assert table.loc["a", "evidence_url"] == "https://example.org/s"
    assert table.loc["b", "status"] == "kept"


def test_a_reading_in_deadline_means_makes_it_readable():
    """deadline_means is the author's reading: with it the commitment is judged."""
    readable = attrs.evolve(c("a", "fortnightish"), deadline_means="in two weeks")
    assert verdict([readable]).loc["a", "status"] == "lapsed"


def test_a_checked_miss_is_its_own_outcome_with_its_source():
    """A check after the deadline that found nothing delivered is missed, dated, with the check's source."""
    table = verdict([c()], [ev("checked_missed", 20, url="https://example.org/checked")], as_of=30)
    row = table.loc["a"]
    assert (row["status"], row["resolved_on"].date(), row["evidence_url"]) == (
        "missed",
        day(20),
        "https://example.org/checked",
    )
    assert row["elapsed_days"] == 30  # still open: it may yet be delivered, late


def test_progress_before_the_deadline_is_pending_with_the_partial_source():
    """The issue's case: due 31 December, partly delivered in March, judged in April: not come due."""
    dec = Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 6), text="t", deadline="by December 31", sources=SRC)
    march = Event(
        commitment_id="a",
        type="partial",
        on=dt.date(2025, 3, 3),
        sources=(Source(url="https://example.org/march"),),
    )
    row = evaluate(Ledger([dec], [march]), as_of=dt.date(2025, 4, 1)).iloc[0]
    assert (row["status"], row["status_rule"]) == ("pending", STATUS_RULES["pending_partial"])
    assert pd.isna(row["resolved_on"]) and row["evidence_url"] == "https://example.org/march"
    assert evaluate(Ledger([dec], [march]), as_of=dt.date(2026, 1, 2)).iloc[0]["status"] == "partial"


def test_unconfirmed_candidates_are_left_out_and_counted():
    """Entries still tagged 'candidate' are not judged unless asked; attrs say how many were left out."""
    candidate = attrs.evolve(c("b"), tags=("candidate",))
    ledger = Ledger([c("a"), candidate], [ev("fulfilled", 3, "b")])
    table = evaluate(ledger, as_of=day(30))
    assert table["id"].tolist() == ["a"]
    assert (table.attrs["candidates_left_out"], table.attrs["include_candidates"]) == (1, False)
    everything = evaluate(ledger, as_of=day(30), include_candidates=True)
    assert everything.set_index("id")["status"].to_dict() == {"a": "lapsed", "b": "kept"}
    assert everything.attrs["candidates_left_out"] == 0
    # A candidate stated after as_of does not exist anyway, so it is not counted as left out.
    assert evaluate(ledger, as_of=day(-1)).attrs["candidates_left_out"] == 0


def test_a_candidate_restatement_does_not_reset_a_confirmed_commitment():
    """Leaving a candidate out takes its links with it: the confirmed one it would reset stays its own."""
    restated = attrs.evolve(c("b", stated=5, supersedes="a"), tags=("candidate", "tariffs"))
    table = verdict([c("a"), restated], as_of=30)
    assert table.index.tolist() == ["a"] and table.loc["a", "status"] == "lapsed"


def test_as_of_is_required_and_must_be_a_date():
    """The library never picks today's date for you."""
    with pytest.raises(TypeError):
        evaluate(Ledger([c()]))  # type: ignore[call-arg]  # the misuse under test
    with pytest.raises(TypeError, match="'as_of' must be a date"):
        evaluate(Ledger([c()]), as_of="2025-10-16")  # type: ignore[arg-type]  # the misuse under test


def test_verdict_columns_and_attrs():
    """The table has the documented columns, a closed status set, and records as_of."""
    table = evaluate(Ledger([c()]), as_of=day(3))
    documented = (
        "id actor topic stated_on text deadline deadline_means earliest due latest kind hedged vague deadline_rule "
        "status resolved_on days_late promised_days elapsed_days chain_id chain_position superseded_by status_rule "
        "source_url evidence_url"
    ).split()
    assert list(table.columns) == documented
    assert list(table["status"].cat.categories) == list(STATUSES)
    # The deadline's rule is the reader's, the status rule the verdict's: two columns, two vocabularies.
    assert table.loc[0, "deadline_rule"] == parse_deadline(table.loc[0, "deadline"], day(0)).rule
    assert table.loc[0, "status_rule"] == STATUS_RULES["pending"]
    assert table.attrs["as_of"] == day(3)


def test_evaluate_takes_arrow_tables_as_well_as_records():
    """A LedgerTables pair gives the same verdicts as the Ledger it came from."""
    ledger = Ledger([c("a"), c("b", stated=5, supersedes="a")], [ev("fulfilled", 9, "b")])
    pd.testing.assert_frame_equal(
        evaluate(ledger, as_of=day(30)), evaluate(LedgerTables.from_ledger(ledger), as_of=day(30))
    )


@pytest.mark.parametrize("rows_per_chunk", [1, 3, 1000])
def test_tables_in_several_chunks_give_the_same_verdicts(rows_per_chunk):
    """Arrow tables cut into chunks (sliced, so with offsets) evaluate like whole ones."""
    from ledger import load

    ledger = load(ROOT / "fixtures" / "russia-ukraine-2025.yaml").ledger
    tables = LedgerTables.from_ledger(ledger)

    def cut(table):
        return pa.Table.from_batches(table.to_batches(max_chunksize=rows_per_chunk), schema=table.schema)

    chunked = LedgerTables(cut(tables.commitments), cut(tables.events))
    assert chunked.commitments["sources"].num_chunks == -(-tables.commitments.num_rows // rows_per_chunk)
    for as_of in (day(-200), day(60), day(400)):
        pd.testing.assert_frame_equal(evaluate(chunked, as_of=as_of), evaluate(tables, as_of=as_of))


def test_ids_numbered_chunk_by_chunk_give_the_same_verdicts(monkeypatch):
    """If Arrow numbers each chunk against its own dictionary, the ids are renumbered against one."""
    import pyarrow.compute as pc

    from ledger import load

    ledger = load(ROOT / "fixtures" / "russia-ukraine-2025.yaml").ledger
    tables = LedgerTables.from_ledger(ledger)
    cut = LedgerTables(
        *(
            pa.Table.from_batches(t.to_batches(max_chunksize=4), schema=t.schema)
            for t in (tables.commitments, tables.events)
        )
    )
    want = evaluate(cut, as_of=day(60))
    whole_column = pc.dictionary_encode

    def chunk_by_chunk(values, *args, **kwargs):
        return pa.chunked_array([whole_column(chunk) for chunk in values.chunks])

    monkeypatch.setattr(pc, "dictionary_encode", chunk_by_chunk)
    assert len({tuple(c.dictionary.to_pylist()) for c in pc.dictionary_encode(cut.commitments["id"]).chunks}) > 1
    pd.testing.assert_frame_equal(evaluate(cut, as_of=day(60)), want)


@given(strategies.evaluable_ledgers, strategies.close_dates, st.randoms(use_true_random=False))
def test_event_order_in_tables_does_not_change_verdicts(ledger, as_of, random):
    """Tables from elsewhere need not keep the Ledger's event order (evaluate sorts only when they don't)."""
    tables = LedgerTables.from_ledger(ledger)
    order = list(range(tables.events.num_rows))
    random.shuffle(order)
    shuffled = LedgerTables(tables.commitments, tables.events.take(pa.array(order, type=pa.int64())))
    as_of = as_of + dt.timedelta(days=60)
    # evidence_url may differ where two deciding events share a day: either is the evidence.
    columns = [name for name in evaluate(ledger, as_of=as_of).columns if name != "evidence_url"]
    pd.testing.assert_frame_equal(evaluate(shuffled, as_of=as_of)[columns], evaluate(tables, as_of=as_of)[columns])


def _compare_with_reference(ledger, as_of, known_as_of=None, include_candidates=False):
    table = evaluate(ledger, as_of=as_of, known_as_of=known_as_of, include_candidates=include_candidates)
    table = table.set_index("id")
    expected = reference_verdicts(ledger, as_of, known_as_of, include_candidates=include_candidates)
    assert set(table.index) == set(expected)
    for cid, want in expected.items():
        row = table.loc[cid]
        got = {
            "status": row["status"],
            "resolved_on": None if pd.isna(row["resolved_on"]) else row["resolved_on"].date(),
            "days_late": None if pd.isna(row["days_late"]) else int(row["days_late"]),
            "latest": None if pd.isna(row["latest"]) else row["latest"].date(),
            "chain_id": row["chain_id"],
            "chain_position": int(row["chain_position"]),
            "superseded_by": None if pd.isna(row["superseded_by"]) else row["superseded_by"],
        }
        assert got == want, cid


@given(strategies.evaluable_ledgers, strategies.close_dates, st.none() | strategies.close_dates)
def test_vectorised_evaluation_equals_the_reference(ledger, as_of, known_as_of):
    """On random ledgers the column-wise evaluation agrees with the per-commitment oracle on every row."""
    _compare_with_reference(ledger, as_of + dt.timedelta(days=60), known_as_of)


@given(strategies.evaluable_ledgers, strategies.close_dates, st.data())
def test_unreadable_deadlines_and_candidates_agree_with_the_reference(ledger, as_of, data):
    """With some deadlines unreadable and some entries tagged candidate, every other row is judged as the oracle
    judges it, and the unreadable ones are kept, never dropped."""
    changed = []
    for commitment in ledger.commitments:
        change = data.draw(st.sampled_from(["keep", "keep", "unreadable", "candidate"]))
        if change == "unreadable":
            commitment = attrs.evolve(commitment, deadline="fortnightish", deadline_means=None)
        elif change == "candidate":
            commitment = attrs.evolve(commitment, tags=(*commitment.tags, "candidate"))
        changed.append(commitment)
    ledger = Ledger(changed, list(ledger.events))
    include = data.draw(st.booleans())
    _compare_with_reference(ledger, as_of + dt.timedelta(days=60), include_candidates=include)


@given(strategies.evaluable_ledgers, strategies.close_dates, st.integers(0, 200))
def test_earlier_verdicts_never_know_later_events(ledger, as_of, extra):
    """Verdicts as of a date are the same whatever events come after it."""
    before = Ledger(
        list(ledger.commitments),
        [e for e in ledger.events if e.on <= as_of],
    )
    pd.testing.assert_frame_equal(evaluate(ledger, as_of=as_of), evaluate(before, as_of=as_of))


_RANK = {"kept": 3, "late": 2, "partial": 1}


@given(strategies.evaluable_ledgers, st.data())
def test_adding_a_fulfilled_event_never_makes_a_commitment_less_kept(ledger, data):
    """A new fulfilment can only move a commitment up: pending/lapsed/broken -> late/kept."""
    assume(ledger.commitments)
    target = data.draw(st.sampled_from(ledger.commitments))
    on = target.stated_on + dt.timedelta(days=data.draw(st.integers(0, 120)))
    as_of = dt.date(2025, 12, 31)
    richer = Ledger(ledger.commitments, (*ledger.events, Event(commitment_id=target.id, type="fulfilled", on=on)))
    old = evaluate(ledger, as_of=as_of).set_index("id")["status"]
    new = evaluate(richer, as_of=as_of).set_index("id")["status"]
    for cid in old.index:
        assert _RANK.get(new[cid], 0) >= _RANK.get(old[cid], 0), (cid, old[cid], new[cid])


@given(strategies.evaluable_ledgers, strategies.close_dates, st.integers(1, 300))
def test_moving_as_of_forward_never_turns_lapsed_back_to_pending(ledger, as_of, step):
    """Once lapsed, a commitment is never pending again at a later date."""
    early = evaluate(ledger, as_of=as_of).set_index("id")["status"]
    late = evaluate(ledger, as_of=as_of + dt.timedelta(days=step)).set_index("id")["status"]
    for cid in early.index[early == "lapsed"]:
        assert late[cid] != "pending"


@given(strategies.evaluable_ledgers)
def test_every_commitment_belongs_to_exactly_one_chain(ledger):
    """Chains partition the commitments; positions run 1..k within each chain."""
    table = evaluate(ledger, as_of=dt.date(2026, 1, 1))
    assert table["id"].is_unique
    summary = chains(table)
    assert summary["n_commitments"].sum() == len(table)
    for chain_id, members in table.groupby("chain_id"):
        assert sorted(members["chain_position"]) == list(range(1, len(members) + 1))
        assert members.loc[members["chain_position"] == 1, "id"].item() == chain_id


def test_chains_table_on_a_reset_chain():
    """A chain of three: resets, final status, slip from the first due date."""
    ledger = Ledger(
        [c("a", "in two weeks", 0), c("b", "in two weeks", 10, "a"), c("c", "in two weeks", 20, "b")],
        [ev("fulfilled", 40, "c")],
    )
    row = chains(evaluate(ledger, as_of=day(60))).set_index("chain_id").loc["a"]
    assert (row["n_commitments"], row["resets"], row["final_status"]) == (3, 2, "late")
    assert row["final_resolved_on"].date() == day(40)
    assert row["total_slip_days"] == 40 - 14  # from the first due date to the fulfilment
    assert row["elapsed_days"] == 40
    assert row["promised_days"] == 14


def test_open_chain_slips_to_as_of():
    """A chain still open at as_of slips until as_of."""
    row = chains(evaluate(Ledger([c()]), as_of=day(30))).iloc[0]
    assert row["final_status"] == "lapsed" and row["total_slip_days"] == 16


@pytest.mark.parametrize(
    "change, message",
    [
        ("duplicate_id", "'id' must be unique"),
        ("unknown_event", "'commitment_id' must name"),
        ("unknown_supersedes", "'supersedes' must name a commitment"),
        ("reset_twice", "at most once"),
    ],
)
def test_tables_from_elsewhere_are_checked_before_judging(change, message):
    """Arrow tables not built from a Ledger are checked for the rules evaluation relies on."""
    import pyarrow as pa

    ledger = Ledger([c("a"), c("b", stated=2, supersedes="a"), c("x", stated=3)], [ev("fulfilled", 5, "b")])
    tables = LedgerTables.from_ledger(ledger)
    commitments, events = tables.commitments, tables.events
    if change == "duplicate_id":
        commitments = commitments.set_column(0, commitments.schema.field(0), pa.array(["a", "b", "a"]))
    elif change == "unknown_event":
        events = events.set_column(0, events.schema.field(0), pa.array(["zzz"]))
    elif change == "unknown_supersedes":
        column = commitments.schema.get_field_index("supersedes")
        commitments = commitments.set_column(column, "supersedes", pa.array([None, "zzz", None], pa.string()))
    else:
        column = commitments.schema.get_field_index("supersedes")
        commitments = commitments.set_column(column, "supersedes", pa.array([None, "a", "a"], pa.string()))
    with pytest.raises(ValueError, match=message):
        evaluate(LedgerTables(commitments, events), as_of=day(30))


def test_partial_delivery_keeps_the_clock_running():
    """A partly delivered commitment is still open: elapsed_days runs to as_of, as in chains."""
    table = verdict([c()], [ev("partial", 5)], as_of=30)
    assert (table.loc["a", "status"], table.loc["a", "elapsed_days"]) == ("partial", 30)
    assert chains(evaluate(Ledger([c()], [ev("partial", 5)]), as_of=day(30))).loc[0, "elapsed_days"] == 30


def test_an_outcome_without_a_source_has_no_evidence_url():
    """The promise's own link is not offered as proof of its outcome."""
    table = verdict([c()], [ev("fulfilled", 5)])
    assert pd.isna(table.loc["a", "evidence_url"])


def test_chains_need_whole_chains():
    """Verdicts filtered so a chain lost its first commitment are refused, not misread."""
    table = evaluate(Ledger([c("a"), c("b", stated=2, supersedes="a")]), as_of=day(30))
    with pytest.raises(ValueError, match="whole chains"):
        chains(table[table["id"] == "b"].reset_index(drop=True))


def test_chains_read_statuses_whatever_their_category_order():
    """A status column with other categories (as read back from Parquet) gives the same chains."""
    table = evaluate(Ledger([c("a"), c("b")], [ev("broken", 3, "b")]), as_of=day(30))
    reordered = table.copy()
    reordered["status"] = reordered["status"].cat.remove_unused_categories()
    assert chains(reordered)["final_status"].tolist() == chains(table)["final_status"].tolist() == ["lapsed", "broken"]


@pytest.mark.parametrize(
    "change, message",
    [
        ("self", "another commitment"),
        ("cycle", "cycle"),
        ("later", "stated on or before"),
        ("early_event", "before the commitment was stated"),
        ("bad_type", "'type' must be one of"),
    ],
)
def test_tables_that_break_ledger_rules_are_refused(change, message):
    """Self-resets, cycles, resets of later statements, early events and unknown types stop evaluation."""
    import pyarrow as pa

    ledger = Ledger([c("a"), c("b", stated=0), c("x", stated=3)], [ev("fulfilled", 5, "b")])
    tables = LedgerTables.from_ledger(ledger)
    commitments, events = tables.commitments, tables.events
    sup = commitments.schema.get_field_index("supersedes")
    links = {"self": [None, "b", None], "cycle": ["b", "a", None], "later": [None, None, None]}
    if change in links:
        values = links[change] if change != "later" else ["x", None, None]
        commitments = commitments.set_column(sup, "supersedes", pa.array(values, pa.string()))
    elif change == "early_event":
        on = events.schema.get_field_index("happened_on")
        events = events.set_column(on, events.schema.field(on), pa.array([day(-5)], pa.date32()))
    else:
        kind = events.schema.get_field_index("type")
        events = events.set_column(kind, events.schema.field(kind), pa.array(["Fulfilled"]).dictionary_encode())
    with pytest.raises(ValueError, match=message):
        evaluate(LedgerTables(commitments, events), as_of=day(30))
