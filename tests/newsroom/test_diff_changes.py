"""ledger.verdicts.changes: two verdict frames compared by id, over columns, against a row-by-row reference."""

import datetime as dt

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import Ledger, evaluate, load
from ledger.verdicts.changes import CHANGE_KINDS, DESK_SECTIONS, changes, desk_sections, ledger_changes
from tests.newsroom.browsing_cli import FIXTURES, RUSSIA_UKRAINE

LEDGER = load(RUSSIA_UKRAINE).ledger
EXAMPLES = load(FIXTURES / "examples").ledger
DAYS = st.dates(dt.date(2023, 1, 1), dt.date(2026, 6, 1))


def _reference(before: pd.DataFrame, after: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Row by row: each id's change and the columns that differ, the slow and obvious way."""
    old = {row["id"]: row for row in before.astype(object).to_dict("records")}
    new = {row["id"]: row for row in after.astype(object).to_dict("records")}
    found = {}
    for cid in new.keys() | old.keys():
        if cid not in old:
            found[cid] = ("added", "")
        elif cid not in new:
            found[cid] = ("removed", "")
        else:
            moved = [
                name
                for name in after.columns
                if name not in ("id", "elapsed_days") and not _same(old[cid][name], new[cid][name])
            ]
            found[cid] = ("changed" if moved else "unchanged", ",".join(moved))
    return found


def _same(a, b) -> bool:
    if pd.isna(a) and pd.isna(b):
        return True
    if pd.isna(a) or pd.isna(b):
        return False
    return a == b


@settings(max_examples=40, deadline=None)
@given(first=DAYS, second=DAYS)
def test_changes_agrees_with_a_row_by_row_reference(first, second):
    """For any two as-of days, each id's change and differing columns are those a plain loop finds."""
    before, after = evaluate(LEDGER, as_of=first), evaluate(LEDGER, as_of=second)
    found = changes(before, after)
    assert dict(zip(found["id"], zip(found["change"].astype(str), found["fields"]))) == _reference(before, after)


@settings(max_examples=40, deadline=None)
@given(first=DAYS, second=DAYS)
def test_new_commitments_are_those_said_in_the_interval(first, second):
    """Between two days, 'added' is exactly the commitments said after the first and by the second."""
    start, end = min(first, second), max(first, second)
    found = changes(evaluate(LEDGER, as_of=start), evaluate(LEDGER, as_of=end))
    said = {c.id for c in LEDGER.commitments if start < c.stated_on <= end}
    assert set(found.loc[found["change"] == "added", "id"]) == said
    assert not (found["change"] == "removed").any()


@settings(max_examples=40, deadline=None)
@given(first=DAYS, second=DAYS)
def test_desk_sections_hold_what_their_heading_says(first, second):
    """Each status section holds ids whose status became that one; 'came due' ones fell due in the interval."""
    start, end = min(first, second), max(first, second)
    found = changes(evaluate(LEDGER, as_of=start), evaluate(LEDGER, as_of=end))
    sections = desk_sections(found)
    assert list(sections) == list(DESK_SECTIONS)
    for name, rows in sections.items():
        if name not in ("new", "came_due"):
            assert (rows["status_after"] == name).all() and (rows["status_before"] != name).all()
    due = sections["came_due"]["latest"]
    assert ((due > pd.Timestamp(start)) & (due <= pd.Timestamp(end))).all()
    assert (sections["came_due"]["status_after"] != "superseded").all()


def test_changes_of_a_frame_with_itself_is_all_unchanged():
    """The same frame twice: every row unchanged, no field named, nothing came due."""
    verdicts = evaluate(LEDGER, as_of=dt.date(2025, 10, 17))
    found = changes(verdicts, verdicts)
    assert set(found["change"]) == {"unchanged"} and set(found["fields"]) == {""}
    assert not found["came_due"].any()
    assert list(found["change"].cat.categories) == list(CHANGE_KINDS)


def test_changes_keeps_removed_rows_with_their_before_values():
    """A commitment only in 'before' is a removed row that keeps its id, actor and status before."""
    before = evaluate(EXAMPLES, as_of=dt.date(2025, 6, 1))
    after = before[before["id"] != "budget-plan"]
    found = changes(before, after).set_index("id")
    assert found.loc["budget-plan", ["change", "status_before", "actor"]].tolist() == [
        "removed",
        "late",
        "Mayor Ada Example",
    ]
    assert pd.isna(found.loc["budget-plan", "status_after"])


def test_changes_refuses_what_is_not_a_verdicts_frame():
    """Anything but two verdict frames: a TypeError naming the argument."""
    with pytest.raises(TypeError, match="'after' must be a verdicts DataFrame"):
        changes(evaluate(EXAMPLES, as_of=dt.date(2025, 6, 1)), pd.DataFrame({"x": [1]}))


def test_ledger_changes_ignores_order_and_lines():
    """The same records in another order (and so on other lines) are no change."""
    reordered = Ledger(tuple(reversed(EXAMPLES.commitments)), tuple(reversed(EXAMPLES.events)))
    assert ledger_changes(EXAMPLES, reordered).empty


def test_ledger_changes_names_the_fields_of_an_edited_event():
    """An event whose note is edited is one event changed, with the field named."""
    events = [attrs.evolve(e, note="edited") if e.type == "broken" else e for e in EXAMPLES.events]
    found = ledger_changes(EXAMPLES, Ledger(EXAMPLES.commitments, events))
    assert found.commitments.empty
    assert found.events[["commitment_id", "type", "change", "fields"]].values.tolist() == [
        ["pool-repair-2", "broken", "changed", "note"]
    ]


def test_ledger_changes_counts_duplicate_events():
    """An event recorded twice in the new version: one added, not none."""
    doubled = Ledger(EXAMPLES.commitments, (*EXAMPLES.events, EXAMPLES.events[0]))
    assert ledger_changes(EXAMPLES, doubled).events["change"].tolist() == ["added"]
