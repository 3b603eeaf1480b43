"""Field declarations: the records declare their fields once, and schemas and constructors follow."""

import datetime as dt

import attrs
import pyarrow as pa
import pytest

from ledger import Commitment, Event, FieldTypeError, Source
from ledger.core.columns import COMMITMENTS_SCHEMA, EVENTS_SCHEMA, SOURCE_TYPE
from ledger.core.fields import DICTIONARY_STRING, Kind, declared, moved, schema, spec, table


@pytest.mark.parametrize("record, arrow", [(Commitment, COMMITMENTS_SCHEMA), (Event, EVENTS_SCHEMA)])
def test_schemas_follow_the_declaration(record, arrow):
    """One column per declared field, in order; required fields are not nullable; repeated ones are dictionaries."""
    fields = declared(record)
    assert arrow.names == [f.column for f in fields]
    for f in fields:
        column = arrow.field(f.column)
        assert column.nullable == (not f.required)
        assert (column.type == DICTIONARY_STRING) == f.spec.repeated
    assert pa.struct(list(schema(Source))) == SOURCE_TYPE


def test_no_column_is_a_sql_keyword():
    """Every table column reads in SQL without quotes: the events' ``on`` field is the ``happened_on`` column."""
    keywords = {"on", "from", "select", "where", "order", "group", "to", "table", "end", "as", "by", "in"}
    assert not keywords & set(COMMITMENTS_SCHEMA.names + EVENTS_SCHEMA.names)
    assert EVENTS_SCHEMA.names[2] == "happened_on"
    assert [f.name for f in declared(Event)][2] == "on"


def test_origin_is_not_a_declared_field():
    """Where a record was read from is not data: no column, no file field."""
    assert "origin" not in [f.name for f in declared(Commitment)] + [f.name for f in declared(Event)]


def test_from_fields_takes_defaults_and_builds_nested_sources():
    """None or a missing value takes the default; sources given as mappings become Source records."""
    c = Commitment.from_fields(
        {
            "id": "a",
            "actor": "X",
            "stated_on": dt.date(2025, 1, 1),
            "text": "t",
            "deadline": "soon",
            "tags": None,
            "topic": None,
            "sources": [{"url": "https://example.org", "title": None, "quote": "q", "published_on": None}],
        }
    )
    assert c.tags == () and c.topic is None
    assert c.sources == (Source(url="https://example.org", quote="q"),)


def test_from_fields_refuses_names_the_record_does_not_have():
    """A typo in outside data is not silently dropped."""
    with pytest.raises(TypeError, match="'actr'"):
        Commitment.from_fields({"id": "a", "actr": "X"})


def test_from_fields_leaves_bad_values_to_the_validators():
    """A value of the wrong shape reaches the record's validator, which names the field."""
    with pytest.raises(FieldTypeError, match="'sources'"):
        Event.from_fields({"commitment_id": "a", "type": "note", "on": dt.date(2025, 1, 1), "sources": [3]})


def test_moved_needs_both_fields():
    """A format's order names fields the record declares, or fails at once."""
    with pytest.raises(ValueError, match="'nope'"):
        moved(declared(Source), "nope", after="url")


def test_any_declared_class_gets_a_schema_and_a_table():
    """The machinery works for any declared record, so a new field or record needs no other edit."""

    @attrs.frozen(kw_only=True)
    class Place:
        name: str = attrs.field(metadata=spec(Kind.TEXT, repeated=True))
        founded: dt.date | None = attrs.field(default=None, metadata=spec(Kind.DATE))
        names: tuple[str, ...] = attrs.field(default=(), metadata=spec(Kind.TEXTS))

    arrow = table(Place, [Place(name="Budapest", names=("Buda", "Pest"))])
    assert arrow.schema == schema(Place)
    assert arrow.to_pylist() == [{"name": "Budapest", "founded": None, "names": ["Buda", "Pest"]}]
    with pytest.raises(ValueError, match="of="):
        spec(Kind.RECORDS)
