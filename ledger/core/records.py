"""The records of a ledger: sources, commitments, events, and the ledger itself.

Every record is a frozen attrs class, and its fields are the declaration every
format reads (``ledger.core.fields``): each carries a ``FieldSpec`` saying
what kind of value it holds, and that kind is also what validates it, so a
bad value fails at construction with a message naming the field, what was
expected and what was got. Records are built from outside data (a file's
fields, an Arrow row) through one named constructor, ``from_fields``, never
by splatting a row into the class, so the storage format and the model can
change independently.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import numpy as np
import pyarrow as pa

from ledger.core.days import DATE_EXPECTED, is_calendar_date
from ledger.core.errors import FieldTypeError, FieldValueError
from ledger.core.fields import Kind, arguments, field_spec, frame, spec, table
from ledger.core.integrity import IntegrityError, check_links
from ledger.core.notebook import ledger_html
from ledger.core.vocabulary import EVENT_TYPES

__all__ = [
    "ACTOR_KINDS",
    "Actor",
    "Commitment",
    "Event",
    "FieldTypeError",
    "FieldValueError",
    "Ledger",
    "Origin",
    "Source",
    "one_line",
]

# Ids end up in URLs, file names and report anchors: keep them to a safe slug.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*\Z", re.IGNORECASE)


def is_identifier(value: str) -> bool:
    """True if ``value`` is a valid commitment id (a slug).

    >>> is_identifier("budapest-summit"), is_identifier("two words")
    (True, False)
    """
    return bool(_ID.match(value))


def one_line(value):
    """Text with its whitespace runs made single spaces and its ends trimmed; anything else as given.

    An actor written "Elon  Musk " in one row and "Elon Musk" in the next is
    one actor, and a spreadsheet cell's stray spaces are invisible to whoever
    typed them.

    >>> one_line("  Elon \t Musk ")
    'Elon Musk'
    """
    return " ".join(value.split()) if isinstance(value, str) else value


def is_url(value: str) -> bool:
    """True if ``value`` is an http(s) URL a reader can follow."""
    return bool(_URL.match(value))


# -- validators ---------------------------------------------------------------
# Each takes (instance, attribute, value), as attrs calls it.

_Validator = Callable[[Any, "attrs.Attribute", Any], None]


def _text(instance, attribute, value):
    if not isinstance(value, str):
        raise FieldTypeError(attribute.name, "a string", value)
    if not value.strip():
        raise FieldValueError(attribute.name, "a non-empty string", value)


def _identifier(instance, attribute, value):
    if not isinstance(value, str):
        raise FieldTypeError(attribute.name, "a string id", value)
    if not _ID.match(value):
        raise FieldValueError(
            attribute.name, "an id of letters, digits, '.', '_' or '-', starting with a letter or digit", value
        )


def _calendar_date(instance, attribute, value):
    if not is_calendar_date(value):
        raise FieldTypeError(attribute.name, DATE_EXPECTED, value)


def _url(instance, attribute, value):
    if not isinstance(value, str):
        raise FieldTypeError(attribute.name, "a string URL", value)
    if not _URL.match(value):
        raise FieldValueError(attribute.name, "an http(s) URL", value)


def _event_type(instance, attribute, value):
    if value not in EVENT_TYPES:
        raise IntegrityError("unknown_event_type", value)


def _tags(instance, attribute, value):
    if not isinstance(value, tuple):
        raise FieldTypeError(attribute.name, "a list or tuple of strings", value)
    for tag in value:
        if not isinstance(tag, str) or not tag.strip():
            raise FieldValueError(attribute.name, "a sequence of non-empty strings", tag)


def _tuple_of(kind: type, what: str) -> _Validator:
    def check(instance, attribute, value):
        if not isinstance(value, tuple):
            raise FieldTypeError(attribute.name, f"a list or tuple of {what}", value)
        for item in value:
            if not isinstance(item, kind):
                raise FieldTypeError(attribute.name, f"a sequence of {what}", item)

    return check


def _optional(check: _Validator) -> _Validator:
    def optional(instance, attribute, value):
        if value is not None:
            check(instance, attribute, value)

    return optional


_BY_KIND: dict[Kind, _Validator] = {
    Kind.ID: _identifier,
    Kind.TEXT: _text,
    Kind.DATE: _calendar_date,
    Kind.URL: _url,
    Kind.EVENT_TYPE: _event_type,
    Kind.TEXTS: _tags,
}


def _validated_by_kind(cls: type, fields: list[attrs.Attribute]) -> list[attrs.Attribute]:
    """attrs' field transformer: each declared field is checked by its kind, before any check of its own.

    So the declaration says what a field holds once, and validation cannot
    drift from what the formats read and write. A field whose default is
    None may be left out (None); any other value must be of its kind.
    """
    out = []
    for a in fields:
        declared = field_spec(a)
        if declared is None:
            out.append(a)
            continue
        if declared.kind is Kind.RECORDS:
            of = declared.of
            name = of.__name__ if of is not None else "record"
            check = _tuple_of(of or object, f"{name} records")
        else:
            check = _BY_KIND[declared.kind]
        if a.default is None:
            check = _optional(check)
        out.append(a.evolve(validator=check if a.validator is None else attrs.validators.and_(check, a.validator)))
    return out


def _not_before(other: str) -> _Validator:
    """A date field that may not precede another date field of the record."""

    def check(instance, attribute, value):
        earlier = getattr(instance, other)
        if value is not None and earlier is not None and value < earlier:
            raise FieldValueError(attribute.name, f"on or after {other} ({earlier.isoformat()})", value)

    return check


def _as_tuple(value):
    # tuple("abc") would quietly become ('a', 'b', 'c'): leave text and
    # mappings alone so the validator rejects them by field name.
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return value
    return tuple(value)


# -- records ------------------------------------------------------------------


@attrs.frozen
class Origin:
    """Where a record was read from: a file path and a 1-based line number.

    >>> Origin("ledger.yaml", 12)
    Origin(path='ledger.yaml', line=12)
    """

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def _origin_field():
    # Two equal records from different lines are equal (see STYLE.md).
    return attrs.field(default=None, eq=False, repr=False, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_validated_by_kind)
class Source:
    """A public source for a commitment or an event.

    >>> Source(url="https://example.org/a", title="Report", quote="in two weeks").title
    'Report'
    """

    url: str = attrs.field(metadata=spec(Kind.URL, csv="source_url"))
    title: str | None = attrs.field(default=None, metadata=spec(Kind.TEXT, csv="source_title"))
    quote: str | None = attrs.field(default=None, metadata=spec(Kind.TEXT, csv="quote"))
    published_on: _dt.date | None = attrs.field(default=None, metadata=spec(Kind.DATE, csv="source_published_on"))

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any]) -> Source:
        """A source from plain values by field name; a value left out or None is not given.

        >>> Source.from_fields({"url": "https://example.org/a", "title": None}).title is None
        True
        """
        return cls(**arguments(cls, fields))


@attrs.frozen(kw_only=True, field_transformer=_validated_by_kind)
class Commitment:
    """One stated promise or announced deadline.

    ``deadline`` is the phrase as it was said ("two weeks or so"); what it
    means on the calendar is computed later, never stored. Where the words
    only make sense in context, ``deadline_means`` holds the recorder's
    reading as a phrase ledger can read. ``supersedes``
    names the earlier commitment whose deadline this one resets.

    The fields are declared in the order of the Parquet columns, the
    loader's field list and the CSV columns.

    >>> import datetime as dt
    >>> c = Commitment(id="budapest", actor="Donald Trump", stated_on=dt.date(2025, 10, 16),
    ...                text="Meet Putin in Budapest", deadline="two weeks or so")
    >>> c.deadline
    'two weeks or so'
    """

    id: str = attrs.field(metadata=spec(Kind.ID, example="budapest-summit"))
    #: Whitespace is normalised (``one_line``): "Elon  Musk " is "Elon Musk".
    actor: str = attrs.field(converter=one_line, metadata=spec(Kind.TEXT, repeated=True, example="Donald Trump"))
    stated_on: _dt.date = attrs.field(metadata=spec(Kind.DATE, example="2025-10-16"))
    text: str = attrs.field(metadata=spec(Kind.TEXT, example="Meet Vladimir Putin in Budapest"))
    deadline: str = attrs.field(metadata=spec(Kind.TEXT, repeated=True, example="two weeks or so"))
    #: The recorder's reading of a deadline whose words depend on context
    #: ("100 days" counted from an inauguration, "this European Council"),
    #: written as a phrase ledger reads ("by April 30, 2025"). Used instead
    #: of ``deadline`` to compute the due window; ``deadline`` keeps the words.
    deadline_means: str | None = attrs.field(default=None, metadata=spec(Kind.TEXT))
    topic: str | None = attrs.field(default=None, metadata=spec(Kind.TEXT, repeated=True))
    supersedes: str | None = attrs.field(default=None, metadata=spec(Kind.ID))
    recorded_on: _dt.date | None = attrs.field(
        default=None, validator=_not_before("stated_on"), metadata=spec(Kind.DATE)
    )
    tags: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple, metadata=spec(Kind.TEXTS))
    # Files must name a source for every commitment; a record built in code may leave it for later.
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=_as_tuple, metadata=spec(Kind.RECORDS, of=Source, file_required=True)
    )
    origin: Origin | None = _origin_field()

    @supersedes.validator
    def _not_itself(self, attribute, value):
        if value is not None and value == self.id:
            raise IntegrityError("supersedes_self", value, f"{value!r} resetting itself")

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any], *, origin: Origin | None = None) -> Commitment:
        """A commitment from plain values by field name: how the loader and ``to_ledger`` build one.

        A value left out or None takes the field's default; sources may be
        given as mappings.

        >>> import datetime as dt
        >>> c = Commitment.from_fields({"id": "a", "actor": "X", "stated_on": dt.date(2025, 1, 1), "text": "t",
        ...                             "deadline": "soon", "tags": None, "sources": [{"url": "https://example.org"}]})
        >>> c.tags, c.sources[0].url
        ((), 'https://example.org')
        """
        return cls(**arguments(cls, fields), origin=origin)


@attrs.frozen(kw_only=True, field_transformer=_validated_by_kind)
class Event:
    """Something that happened to a commitment, on a date.

    ``on`` is when it happened; ``recorded_on`` when it became known (for
    evaluations "as known on" a date). Files write ``on`` as the field is
    named; tables (Arrow, Parquet, DataFrames) call the column ``happened_on``,
    because ``on`` is a SQL keyword.

    >>> import datetime as dt
    >>> Event(commitment_id="budapest", type="broken", on=dt.date(2025, 10, 21)).type
    'broken'
    """

    commitment_id: str = attrs.field(metadata=spec(Kind.ID, example="budapest-summit"))
    type: str = attrs.field(metadata=spec(Kind.EVENT_TYPE, repeated=True, example="fulfilled"))
    on: _dt.date = attrs.field(metadata=spec(Kind.DATE, example="2025-10-16", column="happened_on"))
    recorded_on: _dt.date | None = attrs.field(default=None, validator=_not_before("on"), metadata=spec(Kind.DATE))
    note: str | None = attrs.field(default=None, metadata=spec(Kind.TEXT))
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_as_tuple, metadata=spec(Kind.RECORDS, of=Source))
    origin: Origin | None = _origin_field()

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any], *, origin: Origin | None = None) -> Event:
        """An event from plain values by field name (see ``Commitment.from_fields``).

        >>> import datetime as dt
        >>> Event.from_fields({"commitment_id": "a", "type": "note", "on": dt.date(2025, 1, 2)}).recorded_on is None
        True
        """
        return cls(**arguments(cls, fields), origin=origin)


#: What an actor is: the closed set of an actor's ``kind``.
ACTOR_KINDS = ("person", "government", "company", "organisation")


def _actor_kind(instance, attribute, value):
    if value is not None and value not in ACTOR_KINDS:
        raise FieldValueError(attribute.name, f"one of {', '.join(ACTOR_KINDS)}", value)


def _one_line_each(value):
    value = _as_tuple(value)
    return tuple(one_line(v) for v in value) if isinstance(value, tuple) else value


@attrs.frozen(kw_only=True, field_transformer=_validated_by_kind)
class Actor:
    """Who commits: one canonical name, the other names it is written as, and what kind of actor it is.

    A ledger's ``actors`` section (or ``actors.csv``) lists them; the loader
    reads every commitment's actor through them, so statistics count one
    actor once however it was spelled.

    >>> Actor(name="Elon Musk", aliases=["Musk", "elon musk"], kind="person", organisation="Tesla").aliases
    ('Musk', 'elon musk')
    """

    name: str = attrs.field(converter=one_line, metadata=spec(Kind.TEXT, example="Elon Musk"))
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_one_line_each, metadata=spec(Kind.TEXTS))
    #: One of ``ACTOR_KINDS``, or None when not given.
    kind: str | None = attrs.field(default=None, validator=_actor_kind, metadata=spec(Kind.TEXT, example="person"))
    #: The organisation a person speaks for ("Tesla", "US government"), if any.
    organisation: str | None = attrs.field(default=None, metadata=spec(Kind.TEXT))
    origin: Origin | None = _origin_field()

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any], *, origin: Origin | None = None) -> Actor:
        """An actor from plain values by field name (see ``Commitment.from_fields``).

        >>> Actor.from_fields({"name": "Elon Musk", "aliases": None}).aliases
        ()
        """
        return cls(**arguments(cls, fields), origin=origin)


_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()


def _day_numbers(dates: Iterable[_dt.date]) -> np.ndarray:
    return np.fromiter((d.toordinal() for d in dates), dtype=np.int64) - _EPOCH_ORDINAL


@attrs.frozen
class Ledger:
    """Commitments and the events that happened to them.

    Construction checks the ledger's integrity rules (``ledger.core.integrity``)
    and raises ``IntegrityError`` (a ``FieldValueError``) naming the first
    broken one. Events are kept grouped by commitment (in commitment order),
    then by date.

    >>> import datetime as dt
    >>> c = Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="soon")
    >>> ledger = Ledger([c], [Event(commitment_id="a", type="fulfilled", on=dt.date(2025, 1, 9))])
    >>> ledger.commitment("a").actor, len(ledger.events_for("a"))
    ('X', 1)
    """

    commitments: tuple[Commitment, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=_tuple_of(Commitment, "Commitment records")
    )
    events: tuple[Event, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=_tuple_of(Event, "Event records")
    )
    _index: dict = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        # The same column check evaluate runs on Arrow tables, so a ledger
        # built in code keeps the rules the loader reports.
        cs, es = self.commitments, self.events
        on = _day_numbers(e.on for e in es)
        links = check_links(
            pa.array([c.id for c in cs], pa.string()),
            pa.array([c.supersedes for c in cs], pa.string()),
            pa.array([e.commitment_id for e in es], pa.string()),
            pa.array([e.type for e in es], pa.string()),
            _day_numbers(c.stated_on for c in cs),
            on,
        )
        self._index.update((c.id, c) for c in cs)
        # One canonical order -- by commitment, then date, stable otherwise --
        # so a ledger written with events nested under their commitment
        # (YAML) reads back equal to the one that was written.
        order = np.lexsort((on, links.event_commitment))
        object.__setattr__(self, "events", tuple(es[i] for i in order))

    def __len__(self) -> int:
        return len(self.commitments)

    def commitment(self, id: str) -> Commitment:
        """The commitment with this id; KeyError names the id if there is none."""
        try:
            return self._index[id]
        except KeyError:
            raise KeyError(f"no commitment with id {id!r} in this ledger") from None

    def events_for(self, id: str) -> tuple[Event, ...]:
        """The events of one commitment, in date order (stable for equal dates)."""
        self.commitment(id)
        return tuple(e for e in self.events if e.commitment_id == id)

    def to_frames(self):
        """The ledger as two pandas DataFrames: ``(commitments, events)``.

        Dates are ``datetime64`` columns; sources are lists of dicts and tags
        lists of strings, as in the Parquet tables.

        >>> import datetime as dt
        >>> c = Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="soon")
        >>> commitments, events = Ledger([c]).to_frames()
        >>> list(commitments["id"]), len(events)
        (['a'], 0)
        """
        return frame(table(Commitment, self.commitments)), frame(table(Event, self.events))

    def __repr__(self) -> str:
        return f"<Ledger: {len(self.commitments)} commitments, {len(self.events)} events>"

    def _repr_html_(self) -> str:
        return ledger_html(self)
