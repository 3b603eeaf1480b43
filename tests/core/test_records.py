"""Records reject bad values at construction, naming field, expectation and value."""

import datetime as dt
from typing import Any

import attrs
import pytest

from ledger import EVENT_TYPES, Commitment, Event, FieldTypeError, FieldValueError, Ledger, Origin, Source

D = dt.date(2025, 10, 16)
SRC = Source(url="https://example.org/a")


def commitment(**changes):
    fields: dict[str, Any] = dict(
        id="a", actor="Donald Trump", stated_on=D, text="Meet", deadline="two weeks or so", sources=[SRC]
    )
    fields.update(changes)
    return Commitment(**fields)


@pytest.mark.parametrize(
    "field, value, error",
    [
        ("id", "has space", FieldValueError),
        ("id", "-leading-dash", FieldValueError),
        ("id", 7, FieldTypeError),
        ("actor", "", FieldValueError),
        ("actor", "   ", FieldValueError),
        ("actor", None, FieldTypeError),
        ("stated_on", "2025-10-16", FieldTypeError),
        ("stated_on", dt.datetime(2025, 10, 16, 12), FieldTypeError),
        ("text", "", FieldValueError),
        ("deadline", "", FieldValueError),
        ("topic", "", FieldValueError),
        ("supersedes", "a", FieldValueError),
        ("supersedes", "bad id", FieldValueError),
        ("recorded_on", dt.date(2025, 10, 1), FieldValueError),
        ("recorded_on", "2025-10-17", FieldTypeError),
        ("tags", ["ok", ""], FieldValueError),
        ("tags", "summit", FieldTypeError),
        ("sources", [{"url": "https://example.org"}], FieldTypeError),
    ],
)
def test_commitment_field_validators(field, value, error):
    """Each commitment field refuses a bad value with an error naming the field."""
    with pytest.raises(error) as info:
        commitment(**{field: value})
    assert repr(field) in str(info.value)


def test_error_message_names_field_expected_and_got():
    """The message reads like attrs': 'field' must be X (got Y)."""
    with pytest.raises(FieldTypeError, match=r"'stated_on' must be a date .*got '2025-13-01'"):
        commitment(stated_on="2025-13-01")


def test_field_errors_subclass_builtins():
    """Callers can catch plain ValueError / TypeError."""
    assert issubclass(FieldValueError, ValueError)
    assert issubclass(FieldTypeError, TypeError)


@pytest.mark.parametrize(
    "field, value, error",
    [
        ("type", "cancelled", FieldValueError),
        ("on", None, FieldTypeError),
        ("recorded_on", dt.date(2025, 10, 1), FieldValueError),
        ("commitment_id", "", FieldValueError),
        ("note", "", FieldValueError),
    ],
)
def test_event_field_validators(field, value, error):
    """Each event field refuses a bad value."""
    fields: dict[str, Any] = dict(commitment_id="a", type="broken", on=D)
    fields[field] = value
    with pytest.raises(error):
        Event(**fields)


@pytest.mark.parametrize(
    "field, value, error",
    [
        ("url", "www.example.org", FieldValueError),
        ("url", "ftp://example.org/x", FieldValueError),
        ("url", None, FieldTypeError),
        ("title", "", FieldValueError),
        ("published_on", "2025-01-01", FieldTypeError),
    ],
)
def test_source_field_validators(field, value, error):
    """Each source field refuses a bad value."""
    fields: dict[str, Any] = dict(url="https://example.org")
    fields[field] = value
    with pytest.raises(error):
        Source(**fields)


def test_records_are_frozen_and_collections_are_tuples():
    """Records cannot be changed in place; lists given become tuples."""
    c = commitment(tags=["x"])
    assert isinstance(c.sources, tuple) and isinstance(c.tags, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.actor = "someone else"
    assert attrs.evolve(c, actor="Vladimir Putin").actor == "Vladimir Putin"


def test_origin_is_not_part_of_equality():
    """Two equal commitments read from different lines are equal."""
    a = commitment(origin=Origin("a.yaml", 3))
    b = commitment(origin=Origin("b.yaml", 40))
    assert a == b and hash(a) == hash(b)
    assert "a.yaml" not in repr(a)


def test_event_types_are_a_closed_set():
    """Every type in the closed set builds an event; the set is what the docs list."""
    assert EVENT_TYPES == ("fulfilled", "partial", "broken", "withdrawn", "checked_missed", "note")
    for kind in EVENT_TYPES:
        assert Event(commitment_id="a", type=kind, on=D).type == kind


@pytest.mark.parametrize(
    "commitments, events, code",
    [
        ([commitment(), commitment()], [], "duplicate_id"),
        ([commitment(supersedes="zzz")], [], "supersedes_unknown"),
        (
            [commitment(id="b", supersedes="a", stated_on=D), commitment(stated_on=D + dt.timedelta(1))],
            [],
            "supersedes_later",
        ),
        (
            [commitment(), commitment(id="b", supersedes="a"), commitment(id="c", supersedes="a")],
            [],
            "supersedes_twice",
        ),
        ([commitment(id="b", supersedes="c"), commitment(id="c", supersedes="b")], [], "supersedes_cycle"),
        ([commitment()], [Event(commitment_id="zzz", type="note", on=D)], "unknown_commitment"),
        ([commitment()], [Event(commitment_id="a", type="note", on=D - dt.timedelta(1))], "event_before_stated"),
    ],
)
def test_ledger_refuses_broken_references(commitments, events, code):
    """A ledger built in code keeps the loader's rules (ids, supersedes, event dates), naming the rule's code."""
    with pytest.raises(FieldValueError, match=rf"\[{code}\]$"):
        Ledger(commitments, events)


def test_ledger_lookup_and_event_order():
    """Lookup by id; events come grouped by commitment, in date order."""
    a, b = commitment(), commitment(id="b")
    late = Event(commitment_id="a", type="fulfilled", on=D + dt.timedelta(9))
    early = Event(commitment_id="a", type="note", on=D + dt.timedelta(1))
    other = Event(commitment_id="b", type="broken", on=D)
    ledger = Ledger([a, b], [other, late, early])
    assert ledger.commitment("b") is b
    assert ledger.events == (early, late, other)
    assert ledger.events_for("a") == (early, late)
    with pytest.raises(KeyError, match="no commitment with id 'nope'"):
        ledger.commitment("nope")
    assert repr(ledger) == "<Ledger: 2 commitments, 3 events>"


def test_to_frames_columns_and_dtypes():
    """to_frames gives one row per record with datetime64 dates and list columns."""
    ledger = Ledger([commitment(tags=["t"])], [Event(commitment_id="a", type="broken", on=D)])
    commitments, events = ledger.to_frames()
    assert list(commitments.columns) == [
        "id",
        "actor",
        "stated_on",
        "text",
        "deadline",
        "deadline_means",
        "topic",
        "supersedes",
        "recorded_on",
        "tags",
        "sources",
    ]
    assert str(commitments["stated_on"].dtype).startswith("datetime64")
    assert list(commitments.loc[0, "tags"]) == ["t"]
    assert commitments.loc[0, "sources"][0]["url"] == "https://example.org/a"
    assert list(events["type"]) == ["broken"]
