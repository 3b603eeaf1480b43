"""The records of a ledger: sources, commitments, events, and the ledger itself.

Every record is a frozen attrs class whose validators reject a bad value at
construction with a message naming the field, what was expected and what was
got. Records are built from outside data by the loader (``ledger.load``), never
by splatting a row into a constructor, so the storage format and the model can
change independently.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping

import attrs

from ledger.core.columns import commitments_frame, events_frame
from ledger.core.days import DATE_EXPECTED, is_calendar_date
from ledger.core.errors import FieldTypeError, FieldValueError
from ledger.core.notebook import ledger_html
from ledger.core.vocabulary import EVENT_TYPES

__all__ = [
    "Commitment",
    "Event",
    "FieldTypeError",
    "FieldValueError",
    "Ledger",
    "Origin",
    "Source",
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


def is_url(value: str) -> bool:
    """True if ``value`` is an http(s) URL a reader can follow."""
    return bool(_URL.match(value))


# -- validators ---------------------------------------------------------------


def _text(instance, attribute, value):
    if not isinstance(value, str):
        raise FieldTypeError(attribute.name, "a string", value)
    if not value.strip():
        raise FieldValueError(attribute.name, "a non-empty string", value)


def _optional_text(instance, attribute, value):
    if value is not None:
        _text(instance, attribute, value)


def _identifier(instance, attribute, value):
    if not isinstance(value, str):
        raise FieldTypeError(attribute.name, "a string id", value)
    if not _ID.match(value):
        raise FieldValueError(
            attribute.name, "an id of letters, digits, '.', '_' or '-', starting with a letter or digit", value
        )


def _optional_identifier(instance, attribute, value):
    if value is not None:
        _identifier(instance, attribute, value)


def _calendar_date(instance, attribute, value):
    if not is_calendar_date(value):
        raise FieldTypeError(attribute.name, DATE_EXPECTED, value)


def _optional_calendar_date(instance, attribute, value):
    if value is not None:
        _calendar_date(instance, attribute, value)


def _url(instance, attribute, value):
    if not isinstance(value, str):
        raise FieldTypeError(attribute.name, "a string URL", value)
    if not _URL.match(value):
        raise FieldValueError(attribute.name, "an http(s) URL", value)


def _tuple_of(kind: type, what: str):
    def check(instance, attribute, value):
        if not isinstance(value, tuple):
            raise FieldTypeError(attribute.name, f"a list or tuple of {what}", value)
        for item in value:
            if not isinstance(item, kind):
                raise FieldTypeError(attribute.name, f"a sequence of {what}", item)

    return check


def _tags(instance, attribute, value):
    if not isinstance(value, tuple):
        raise FieldTypeError(attribute.name, "a list or tuple of strings", value)
    for tag in value:
        if not isinstance(tag, str) or not tag.strip():
            raise FieldValueError(attribute.name, "a sequence of non-empty strings", tag)


def _not_before(other: str):
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


@attrs.frozen(kw_only=True)
class Source:
    """A public source for a commitment or an event.

    >>> Source(url="https://example.org/a", title="Report", quote="in two weeks").title
    'Report'
    """

    url: str = attrs.field(validator=_url)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    quote: str | None = attrs.field(default=None, validator=_optional_text)
    published_on: _dt.date | None = attrs.field(default=None, validator=_optional_calendar_date)


@attrs.frozen(kw_only=True)
class Commitment:
    """One stated promise or announced deadline.

    ``deadline`` is the phrase as it was said ("two weeks or so"); what it
    means on the calendar is computed later, never stored. Where the words
    only make sense in context, ``deadline_means`` holds the recorder's
    reading as a phrase ledger can read. ``supersedes``
    names the earlier commitment whose deadline this one resets.

    >>> import datetime as dt
    >>> c = Commitment(id="budapest", actor="Donald Trump", stated_on=dt.date(2025, 10, 16),
    ...                text="Meet Putin in Budapest", deadline="two weeks or so")
    >>> c.deadline
    'two weeks or so'
    """

    id: str = attrs.field(validator=_identifier)
    actor: str = attrs.field(validator=_text)
    stated_on: _dt.date = attrs.field(validator=_calendar_date)
    text: str = attrs.field(validator=_text)
    deadline: str = attrs.field(validator=_text)
    #: The recorder's reading of a deadline whose words depend on context
    #: ("100 days" counted from an inauguration, "this European Council"),
    #: written as a phrase ledger reads ("by April 30, 2025"). Used instead
    #: of ``deadline`` to compute the due window; ``deadline`` keeps the words.
    deadline_means: str | None = attrs.field(default=None, validator=_optional_text)
    topic: str | None = attrs.field(default=None, validator=_optional_text)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=_tuple_of(Source, "Source records")
    )
    supersedes: str | None = attrs.field(default=None, validator=_optional_identifier)
    recorded_on: _dt.date | None = attrs.field(
        default=None, validator=[_optional_calendar_date, _not_before("stated_on")]
    )
    tags: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple, validator=_tags)
    origin: Origin | None = _origin_field()

    @supersedes.validator
    def _not_itself(self, attribute, value):
        if value is not None and value == self.id:
            raise FieldValueError("supersedes", "the id of another commitment", value)


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened to a commitment, on a date.

    ``on`` is when it happened; ``recorded_on`` when it became known (for
    evaluations "as known on" a date).

    >>> import datetime as dt
    >>> Event(commitment_id="budapest", type="broken", on=dt.date(2025, 10, 21)).type
    'broken'
    """

    commitment_id: str = attrs.field(validator=_identifier)
    type: str = attrs.field()
    on: _dt.date = attrs.field(validator=_calendar_date)
    recorded_on: _dt.date | None = attrs.field(default=None, validator=[_optional_calendar_date, _not_before("on")])
    note: str | None = attrs.field(default=None, validator=_optional_text)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=_tuple_of(Source, "Source records")
    )
    origin: Origin | None = _origin_field()

    @type.validator
    def _known_type(self, attribute, value):
        if value not in EVENT_TYPES:
            raise FieldValueError("type", "one of " + ", ".join(EVENT_TYPES), value)


def _check_references(commitments: tuple[Commitment, ...], events: tuple[Event, ...]) -> dict[str, Commitment]:
    """The commitments by id; ValueError unless ids are unique and every reference resolves.

    The loader reports the same problems as located errors; this guard keeps
    a ledger built in code to the same rules.
    """
    by_id: dict[str, Commitment] = {}
    for c in commitments:
        if c.id in by_id:
            raise FieldValueError("id", "unique within the ledger", c.id)
        by_id[c.id] = c
    successor: dict[str, str] = {}
    for c in commitments:
        if c.supersedes is None:
            continue
        earlier = by_id.get(c.supersedes)
        if earlier is None:
            raise FieldValueError("supersedes", "the id of a commitment in the ledger", c.supersedes)
        if earlier.stated_on > c.stated_on:
            raise FieldValueError(
                "supersedes", f"a commitment stated on or before {c.stated_on.isoformat()}", c.supersedes
            )
        if c.supersedes in successor:
            raise FieldValueError(
                "supersedes", f"a commitment not already superseded (by {successor[c.supersedes]!r})", c.supersedes
            )
        successor[c.supersedes] = c.id
    # With one successor each and no self-links, a cycle is the only way a
    # walk back along `supersedes` can fail to end.
    for c in commitments:
        seen = {c.id}
        cursor = c.supersedes
        while cursor is not None:
            if cursor in seen:
                raise FieldValueError("supersedes", "a chain without cycles", c.supersedes)
            seen.add(cursor)
            cursor = by_id[cursor].supersedes
    for e in events:
        commitment = by_id.get(e.commitment_id)
        if commitment is None:
            raise FieldValueError("commitment_id", "the id of a commitment in the ledger", e.commitment_id)
        if e.on < commitment.stated_on:
            raise FieldValueError("on", f"on or after the day {e.commitment_id!r} was stated", e.on)
    return by_id


@attrs.frozen
class Ledger:
    """Commitments and the events that happened to them.

    Events are kept grouped by commitment (in commitment order), then by date.

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
        self._index.update(_check_references(self.commitments, self.events))
        # One canonical order -- by commitment, then date, stable otherwise --
        # so a ledger written with events nested under their commitment
        # (YAML) reads back equal to the one that was written.
        position = {c.id: i for i, c in enumerate(self.commitments)}
        ordered = tuple(sorted(self.events, key=lambda e: (position[e.commitment_id], e.on)))
        object.__setattr__(self, "events", ordered)

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
        return commitments_frame(self.commitments), events_frame(self.events)

    def __repr__(self) -> str:
        return f"<Ledger: {len(self.commitments)} commitments, {len(self.events)} events>"

    def _repr_html_(self) -> str:
        return ledger_html(self)
