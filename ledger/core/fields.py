"""Field declarations: each record says once what its fields hold, and every format reads that.

A record (``ledger.core.records``) is a frozen attrs class whose fields carry a
``FieldSpec`` in their ``metadata``: the kind of value, an example for error
messages, and whether the values repeat enough to be dictionary encoded. A
field is required when it has no default. Everything that lists a record's
fields is derived from that declaration: the loader's field lists and the
CSV columns (``ledger.io.layout``), the Arrow schemas and the records-to-Arrow
conversion (here, named in ``ledger.core.columns``), ``from_fields`` (the one
constructor from outside data) and the dumpers.

The Arrow half lives here rather than in ``columns`` because ``Ledger.to_frames``
needs it and ``columns`` names the schemas of the records, so sits above them.

>>> import attrs
>>> @attrs.frozen
... class Place:
...     name: str = attrs.field(metadata=spec(Kind.TEXT, repeated=True))
...     on: object = attrs.field(default=None, metadata=spec(Kind.DATE))
>>> [(f.name, f.kind.value, f.required) for f in declared(Place)]
[('name', 'text', True), ('on', 'date', False)]
>>> print(schema(Place))
name: dictionary<values=string, indices=int32, ordered=0> not null
on: date32[day]
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import pyarrow as pa

__all__ = [
    "DICTIONARY_STRING",
    "Declared",
    "FieldSpec",
    "Kind",
    "arguments",
    "arrow_type",
    "declared",
    "field_spec",
    "frame",
    "moved",
    "schema",
    "spec",
    "table",
]

#: Repeated strings (actors, topics, phrases, statuses) in every table.
DICTIONARY_STRING = pa.dictionary(pa.int32(), pa.string())


class Kind(enum.Enum):
    """What a field holds. Each kind is validated, read, written and stored one way."""

    ID = "id"  # a slug of letters, digits, '.', '_' and '-'
    TEXT = "text"  # non-empty text
    DATE = "date"  # a calendar date, no time of day
    URL = "url"  # an http(s) URL
    EVENT_TYPE = "event_type"  # one of ledger.core.vocabulary.EVENT_TYPES
    TEXTS = "texts"  # a tuple of non-empty texts (tags)
    RECORDS = "records"  # a tuple of records of another declared class (sources)


_STRINGS = (Kind.ID, Kind.TEXT, Kind.URL, Kind.EVENT_TYPE)
_METADATA_KEY = "ledger"


@attrs.frozen
class FieldSpec:
    """What one record field is, beyond its Python type: the ``metadata`` every format reads."""

    kind: Kind
    #: Shown in "add it, e.g. ..." when a file leaves a required field out.
    example: str = ""
    #: Dictionary encoded in Arrow: few distinct values, each repeated often.
    repeated: bool = False
    #: Required in files even though the record has a default (a commitment's sources).
    file_required: bool = False
    #: The CSV column, where a nested record's fields are spread over cells.
    csv: str | None = None
    #: The record class of each item, for ``Kind.RECORDS``.
    of: type[Any] | None = None
    #: The Arrow, Parquet and DataFrame column, where the field's name is a SQL keyword (an event's ``on``).
    column: str | None = None


def spec(
    kind: Kind,
    *,
    example: str = "",
    repeated: bool = False,
    file_required: bool = False,
    csv: str | None = None,
    of: type[Any] | None = None,
    column: str | None = None,
) -> dict[str, FieldSpec]:
    """The attrs ``metadata`` of a declared field: ``attrs.field(metadata=spec(Kind.DATE))``."""
    if (kind is Kind.RECORDS) != (of is not None):
        raise ValueError("a field of kind RECORDS names the record class of its items with of=, and only it")
    return {_METADATA_KEY: FieldSpec(kind, example, repeated, file_required, csv, of, column)}


@attrs.frozen
class Declared:
    """One declared field of a record: its name, its ``FieldSpec``, and whether the record requires it."""

    name: str
    spec: FieldSpec
    #: No default: the record cannot be built without it (and its Arrow column is not nullable).
    required: bool

    @property
    def kind(self) -> Kind:
        """The kind of value the field holds."""
        return self.spec.kind

    @property
    def required_in_files(self) -> bool:
        """Whether a file must give the field (a record's requirement, or a stricter one for files)."""
        return self.required or self.spec.file_required

    @property
    def item_class(self) -> type[Any]:
        """The record class of each item of a ``Kind.RECORDS`` field."""
        if self.spec.of is None:
            raise TypeError(f"field {self.name!r} holds no records")
        return self.spec.of

    @property
    def csv_column(self) -> str:
        """The field's CSV column: its name unless the declaration names another."""
        return self.spec.csv or self.name

    @property
    def column(self) -> str:
        """The field's Arrow column (Parquet, DataFrames): its name unless the declaration names another."""
        return self.spec.column or self.name


def field_spec(attribute: attrs.Attribute) -> FieldSpec | None:
    """The ``FieldSpec`` an attrs attribute was declared with, or None for an undeclared one (``origin``)."""
    return attribute.metadata.get(_METADATA_KEY)


def declared(cls: type) -> tuple[Declared, ...]:
    """The declared fields of an attrs record class, in declaration order (``origin`` and the like are not).

    >>> from ledger.core.records import Source
    >>> [f.name for f in declared(Source)]
    ['url', 'title', 'quote', 'published_on']
    """
    found = _DECLARED.get(cls)
    if found is None:
        # Read once per class: from_fields calls this for every row it builds.
        found = _DECLARED[cls] = tuple(
            Declared(a.name, a.metadata[_METADATA_KEY], a.default is attrs.NOTHING)
            for a in attrs.fields(cls)
            if _METADATA_KEY in a.metadata
        )
    return found


_DECLARED: dict[type, tuple[Declared, ...]] = {}


def moved(fields: Iterable[Declared], name: str, *, after: str) -> tuple[Declared, ...]:
    """``fields`` with the one called ``name`` placed right after the one called ``after``.

    How a format that lists fields in an order of its own says so, without
    spelling out the rest (a field added to the record needs no edit here).

    >>> from ledger.core.records import Source
    >>> [f.name for f in moved(declared(Source), "published_on", after="url")]
    ['url', 'published_on', 'title', 'quote']
    """
    rest = [f for f in fields if f.name != name]
    field = [f for f in fields if f.name == name]
    at = [i for i, f in enumerate(rest) if f.name == after]
    if len(field) != 1 or len(at) != 1:
        raise ValueError(f"cannot move field {name!r} after {after!r}: both must be declared once")
    return (*rest[: at[0] + 1], field[0], *rest[at[0] + 1 :])


# -- Arrow ----------------------------------------------------------------------


def arrow_type(field: Declared) -> pa.DataType:
    """The Arrow type of a declared field's column.

    >>> from ledger.core.records import Commitment
    >>> [str(arrow_type(f)) for f in declared(Commitment)][:3]
    ['string', 'dictionary<values=string, indices=int32, ordered=0>', 'date32[day]']
    """
    kind = field.kind
    if kind in _STRINGS:
        return DICTIONARY_STRING if field.spec.repeated else pa.string()
    if kind is Kind.DATE:
        return pa.date32()
    if kind is Kind.TEXTS:
        return pa.list_(pa.string())
    if kind is Kind.RECORDS:
        return pa.list_(pa.struct(list(schema(field.item_class))))
    raise ValueError(f"no Arrow type for fields of kind {kind}")


def schema(cls: type) -> pa.Schema:
    """The Arrow schema of a declared record class: one column per field, in declaration order."""
    return pa.schema([pa.field(f.column, arrow_type(f), nullable=not f.required) for f in declared(cls)])


def _fields_as_tuple(cls: type) -> Callable[[Any], tuple]:
    get = operator.attrgetter(*(f.name for f in declared(cls)))
    # attrgetter of one name gives the value itself, of several a tuple.
    return get if len(declared(cls)) > 1 else lambda record: (get(record),)


def table(cls: type, records: Iterable[Any]) -> pa.Table:
    """Records of a declared class as an Arrow table with ``schema(cls)``."""
    rows = list(records)
    columns: dict[str, list] = {}
    for f in declared(cls):
        values = map(operator.attrgetter(f.name), rows)
        if f.kind is Kind.TEXTS:
            columns[f.column] = [list(value) for value in values]
        elif f.kind is Kind.RECORDS:
            # Nested records as tuples in declaration order, which Arrow
            # takes for structs (faster than a mapping each).
            get = _fields_as_tuple(f.item_class)
            columns[f.column] = [[get(item) for item in value] for value in values]
        else:
            columns[f.column] = list(values)
    return pa.Table.from_pydict(columns, schema=schema(cls))


def frame(arrow: pa.Table):
    """An Arrow table as a pandas DataFrame with plain string columns and ``datetime64`` dates.

    Plain strings, not Categoricals: a categorical groupby lists every actor
    of the file even where a filter left none (pandas' observed=False), a
    surprise in a notebook. datetime64 dates are what pandas users filter
    and plot with.
    """
    fields = [pa.field(f.name, pa.string(), f.nullable) if pa.types.is_dictionary(f.type) else f for f in arrow.schema]
    return arrow.cast(pa.schema(fields)).to_pandas(date_as_object=False)


def arguments(cls: type, values: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments that build a declared record from plain values.

    The one path from outside data (a file's fields, an Arrow row) to a
    record: a value left out or ``None`` takes the field's default, and
    nested records given as mappings are built the same way. A name the
    record does not declare is refused.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        # Worked out once per class: to_ledger builds a record per row this way.
        fields = declared(cls)
        defaults = {a.name: a.default for a in attrs.fields(cls)}
        plan = _PLANS[cls] = (
            frozenset(f.name for f in fields),
            # Passing None where the default is None changes nothing; these need the default instead.
            tuple(f.name for f in fields if not f.required and defaults[f.name] is not None),
            tuple((f.name, f.item_class) for f in fields if f.kind is Kind.RECORDS),
        )
    names, not_none, nested = plan
    if not values.keys() <= names:
        raise TypeError(f"{cls.__name__} has no field {sorted(values.keys() - names)[0]!r}")
    out = dict(values)
    for name in not_none:
        if name in out and out[name] is None:
            del out[name]
    for name, of in nested:
        items = out.get(name)
        if isinstance(items, (list, tuple)):
            # Anything but a mapping goes to the record as given, for its validator to judge.
            out[name] = [
                of(**arguments(of, item)) if not isinstance(item, of) and isinstance(item, Mapping) else item
                for item in items
            ]
    return out


_PLANS: dict[type, tuple[frozenset[str], tuple[str, ...], tuple[tuple[str, type], ...]]] = {}
