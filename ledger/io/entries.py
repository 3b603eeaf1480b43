"""Located fields to records: one entry's fields read by its record's declaration.

The YAML and CSV readers (``yaml_format``, ``csv_format``) turn each entry
into the same located fields: ``Map``, ``Seq`` and ``Scalar`` nodes that
remember their lines. This module reads them field by field, in the order
and by the kind the record declares (``ledger.core.fields``), collects every
problem as a located error instead of raising, and builds the record with
its ``from_fields`` only when nothing was wrong.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar

import attrs

from ledger.core.errors import FieldTypeError, FieldValueError
from ledger.core.fields import Declared, Kind, declared
from ledger.core.records import ACTOR_KINDS, Actor, Commitment, Event, Origin, Source, is_identifier, is_url
from ledger.core.vocabulary import EVENT_TYPES
from ledger.deadlines import DeadlineError, parse_deadline
from ledger.deadlines.reader import MAX_PHRASE_LENGTH
from ledger.io.layout import (
    COMMITMENT_FIELDS,
    COMMITMENT_READ,
    EVENT_READ,
    MULTI_SEPARATOR,
    SOURCE_FIELDS,
    SOURCE_READ,
)
from ledger.io.problems import Collector

__all__ = [
    "CommitmentEntry",
    "EventEntry",
    "FieldReader",
    "has_duplicates",
    "Map",
    "Node",
    "Scalar",
    "Seq",
    "DATE_ORDERS",
    "date_orders_reading",
    "declare_dates",
    "read_actor",
    "kind_word",
    "read_commitment",
    "read_event",
    "unknown_message",
]

# -- located plain values -----------------------------------------------------


@attrs.frozen
class Scalar:
    """A text value read from a file (None: not given), with the lines it spans."""

    value: str | None
    line: int
    end_line: int


@attrs.frozen
class Seq:
    """A list read from a file, with the lines it spans."""

    items: list[Node]
    line: int
    end_line: int


@attrs.frozen
class Map:
    """A mapping of field names read from a file, with the lines it spans."""

    fields: dict[str, Node]
    line: int
    end_line: int
    #: A key was given twice in the file (reported where it was read): the entry holding it is left out.
    duplicated: bool = False


Node = Scalar | Seq | Map


def has_duplicates(node: Node) -> bool:
    """Whether ``node`` or a mapping inside it gave a key twice (a loop, not a recursion: nesting can be deep)."""
    stack = [node]
    while stack:
        here = stack.pop()
        if isinstance(here, Map):
            if here.duplicated:
                return True
            stack.extend(here.fields.values())
        elif isinstance(here, Seq):
            stack.extend(here.items)
    return False


def kind_word(node: Node) -> str:
    """What a node is, in the words of an error message."""
    return "mapping" if isinstance(node, Map) else "list" if isinstance(node, Seq) else "text"


def _absent(node: Node | None) -> bool:
    # Not given at all, or given as nothing (an empty YAML value, ~, null).
    return node is None or (isinstance(node, Scalar) and node.value is None)


def _blank(node: Node | None) -> bool:
    return node is None or (isinstance(node, Scalar) and (node.value is None or not node.value.strip()))


def unknown_message(name: str, allowed: list[str], what: str) -> str:
    """'unknown field ...' with the nearest known name, if one is close."""
    guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean {guess[0]!r}?" if guess else ""
    return f"unknown field {name!r} in {what}{hint} (fields: {', '.join(allowed)})"


#: The date orders a file may declare for dates written with slashes or dots (1/29/2025, 29.1.2025).
DATE_ORDERS = {"mdy": "month/day/year", "dmy": "day/month/year"}

# ISO dates as typed or as spreadsheets write them: 2025-01-06, 2025-1-6,
# 2025/1/6, and with a midnight time (2025-10-16 00:00:00, ...T00:00).
_ISO_DATE = re.compile(
    r"""(?P<y>\d{4}) (?P<sep>[-/]) (?P<m>\d{1,2}) (?P=sep) (?P<d>\d{1,2})
        (?: [ T] (?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?) )? \Z""",
    re.VERBOSE,
)
# Day and month first, year last: 1/29/2025, 29.01.2025, 1-29-2025 (read only by a declared order).
_ORDERED_DATE = re.compile(
    r"""(?P<a>\d{1,2}) (?P<sep>[/.-]) (?P<b>\d{1,2}) (?P=sep) (?P<y>\d{4})
        (?: [ T] (?P<time>\d{1,2}:\d{2}(?::\d{2})?) )? \Z""",
    re.VERBOSE,
)
_MIDNIGHT = re.compile(r"0?0:00(?::00(?:\.0+)?)?\Z")


def _day(year: str, month: str, day: str) -> _dt.date | None:
    try:
        return _dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _parse_date(raw: str, order: str | None = None) -> _dt.date | None:
    """A date in one of the forms ledger reads, or None.

    >>> _parse_date("2025-1-6"), _parse_date("2025-10-16 00:00:00")
    (datetime.date(2025, 1, 6), datetime.date(2025, 10, 16))
    >>> _parse_date("1/29/2025"), _parse_date("1/29/2025", "mdy")
    (None, datetime.date(2025, 1, 29))
    """
    raw = raw.strip()
    iso = _ISO_DATE.match(raw)
    if iso:
        if iso["time"] and not _MIDNIGHT.match(iso["time"]):
            return None
        return _day(iso["y"], iso["m"], iso["d"])
    ordered = _ORDERED_DATE.match(raw) if order else None
    if ordered is None or (ordered["time"] and not _MIDNIGHT.match(ordered["time"])):
        return None
    month, day = (ordered["a"], ordered["b"]) if order == "mdy" else (ordered["b"], ordered["a"])
    return _day(ordered["y"], month, day)


def date_orders_reading(raw: str) -> tuple[str, ...]:
    """The date orders under which ``raw`` is a real date (empty if none, or if it needs none).

    >>> date_orders_reading("1/29/2025"), date_orders_reading("3/4/2025"), date_orders_reading("2025-01-29")
    (('mdy',), ('mdy', 'dmy'), ())
    """
    if not _ORDERED_DATE.match(raw.strip()):
        return ()
    return tuple(order for order in DATE_ORDERS if _parse_date(raw, order) is not None)


def _date_problem(raw: str, order: str | None) -> str:
    """Why ``raw`` is not a date, and the order that would read it."""
    readers = date_orders_reading(raw)
    iso = _ISO_DATE.match(raw.strip())
    if iso and iso["time"] and not _MIDNIGHT.match(iso["time"]):
        return "it has a time of day; ledger records calendar dates: write YYYY-MM-DD"
    if order is not None:
        said = f"the date order is {order} ({DATE_ORDERS[order]})"
        others = [o for o in readers if o != order]
        if others:
            other = others[0]
            return (
                f"{said}, and in that order it is no calendar date; as {DATE_ORDERS[other]} it would be "
                f"{_parse_date(raw, other)}: check the order (--dates {other}, or dates: {other} in the file)"
            )
        return f"{said}; write a real calendar date in that order, or as YYYY-MM-DD"
    # The advice to declare an order follows, once the whole file has been read (see the loader).
    if len(readers) == 1:
        return f"it reads only as {DATE_ORDERS[readers[0]]} ({_parse_date(raw, readers[0])})"
    if readers:
        return f"it could be {_parse_date(raw, 'mdy')} (mdy) or {_parse_date(raw, 'dmy')} (dmy)"
    return "write a real calendar date as YYYY-MM-DD"


# -- field readers ------------------------------------------------------------


@attrs.define
class FieldReader:
    """Reads the fields of one entry, collecting errors instead of raising."""

    out: Collector
    path: str
    what: str  # "commitment 'x'", "event 2 of 'x'", for messages
    line: int
    span: tuple[int, int]
    failed: bool = False

    def error(self, code: str, line: int, field: str | None, message: str) -> None:
        """Report a problem with this entry; the entry will not become a record."""
        self.failed = True
        self.out.add(code, self.path, line, field, message, self.span)

    def warn(self, code: str, line: int, field: str | None, message: str) -> None:
        """Report something to query about this entry; the entry still becomes a record."""
        self.out.warn(code, self.path, line, field, message)

    def text(self, fields: dict[str, Node], name: str, *, required: bool, example: str = "") -> str | None:
        """A text field; None if absent (an error if it is required) or not text."""
        node = fields.get(name)
        if isinstance(node, Scalar) and node.value is not None and node.value.strip():
            return node.value  # the common case first: every field of every entry passes here
        if node is None or _blank(node):
            if required:
                hint = f", e.g. {name}: {example}" if example else ""
                self.error(
                    "missing_field",
                    node.line if node else self.line,
                    name,
                    f"{self.what} has no {name!r}; add it{hint}",
                )
            return None
        self.error("wrong_type", node.line, name, f"{name!r} of {self.what} must be text, not a {kind_word(node)}")
        return None

    def date(self, fields: dict[str, Node], name: str, *, required: bool, example: str = "") -> _dt.date | None:
        """A YYYY-MM-DD date field."""
        raw = self.text(fields, name, required=required, example=example)
        if raw is None:
            return None
        order = self.out.date_order(self.path)
        parsed = _parse_date(raw, order)
        if parsed is None:
            self.error(
                "bad_date",
                fields[name].line,
                name,
                f"{name!r} of {self.what} is not a date: {raw!r}; {_date_problem(raw, order)}",
            )
            if order is None and date_orders_reading(raw):
                self.out.undeclared_dates.setdefault(self.path, []).append((len(self.out.errors) - 1, raw))
        elif not FIRST_DATE <= parsed <= LAST_DATE:
            self.error("bad_date", fields[name].line, name, f"{name!r} of {self.what} is {raw!r}; {DATE_RANGE_HINT}")
            return None
        return parsed

    def identifier(self, fields: dict[str, Node], name: str, *, required: bool, example: str = "") -> str | None:
        """An id field (a slug)."""
        raw = self.text(fields, name, required=required, example=example)
        if raw is None:
            return None
        if not is_identifier(raw):
            self.error(
                "bad_id",
                fields[name].line,
                name,
                f"{name!r} of {self.what} is not a valid id: {raw!r}; use letters, digits, '.', '_' and '-' "
                "(start with a letter or digit), e.g. budapest-summit",
            )
            return None
        return raw

    def text_list(self, fields: dict[str, Node], name: str, *, one_cell: bool = False) -> tuple[str, ...]:
        """A list of non-empty texts (tags); () if absent. ``one_cell``: the CSV pair writes them to one cell."""
        node = fields.get(name)
        if node is None or _absent(node):
            return ()
        if not isinstance(node, Seq) or any(not isinstance(n, Scalar) or _blank(n) for n in node.items):
            self.error(
                "wrong_type",
                node.line,
                name,
                f"{name!r} of {self.what} must be a list of non-empty text, e.g. [summit, budapest]",
            )
            return ()
        values = tuple(n.value for n in node.items if isinstance(n, Scalar) and n.value is not None)
        for item in node.items if one_cell else ():
            if isinstance(item, Scalar) and item.value is not None and MULTI_SEPARATOR in item.value:
                # The CSV pair writes several values to one cell split by '|': refused here, where `check`
                # sees it, rather than by a later conversion (dump_csv), or read back as two values.
                self.error(
                    "wrong_type",
                    item.line,
                    name,
                    f"{name!r} of {self.what} holds {item.value!r}, and '{MULTI_SEPARATOR}' separates values in a "
                    f"CSV cell, so it would read back as two; write it without '{MULTI_SEPARATOR}', or as two values",
                )
                return ()
        return values

    def unknown_fields(self, fields: dict[str, Node], allowed: Iterable[str]) -> None:
        """Report every field the entry may not have."""
        allowed = list(allowed)
        for name, node in fields.items():
            if name not in allowed:
                self.error("unknown_field", node.line, name, unknown_message(name, allowed, self.what))


#: The dates ledger judges: the years its columns of days (and pandas' timestamps) hold with room
#: for every window and every as-of date. A date outside them is a typo ("0001-01-01", "9999-12-31").
FIRST_DATE = _dt.date(1800, 1, 1)
LAST_DATE = _dt.date(2199, 12, 31)
DATE_RANGE_HINT = f"ledger reads dates from {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}; check the year"


# A URL whose host is plain letters, digits, dots and hyphens, with no port or user: it splits (the common case,
# checked without building its parts).
_PLAIN_HOST = re.compile(r"https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?=[/?#]|\Z)", re.IGNORECASE)


def _splits_as_url(url: str) -> bool:
    """Whether the URL's parts can be taken apart (a '[' left open is not, nor a port that is not a number).

    >>> _splits_as_url("https://example.org/a"), _splits_as_url("https://[oops/x"), _splits_as_url("http://a:b/")
    (True, False, False)
    """
    if _PLAIN_HOST.match(url):
        return True
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port, parts.hostname
    except ValueError:
        return False
    return bool(parts.hostname)


def _read_url(r: FieldReader, fields: dict[str, Node], field: _Field) -> str | None:
    node = fields.get(field.name)
    if node is None or _blank(node):
        r.error(
            "source_without_url", r.line, "url", f"{r.what} has no url; every source needs a link a reader can follow"
        )
        return None
    url = r.text(fields, field.name, required=True)
    if url is not None and not (is_url(url) and _splits_as_url(url)):
        r.error("bad_url", node.line, "url", f"url of {r.what} is not an http(s) URL: {url!r}")
    return url


def _read_event_type(r: FieldReader, fields: dict[str, Node], field: _Field) -> str | None:
    kind = r.text(fields, field.name, required=field.required, example=field.example)
    if kind is not None and kind not in EVENT_TYPES:
        guess = difflib.get_close_matches(kind, EVENT_TYPES, n=1, cutoff=0.5)
        hint = f"; did you mean {guess[0]!r}?" if guess else ""
        r.error(
            "unknown_event_type",
            fields[field.name].line,
            field.name,
            f"{r.what} has type {kind!r}, which is not one of {', '.join(EVENT_TYPES)}{hint}",
        )
    return kind


def _read_source(node: Node, r: FieldReader, index: int) -> Source | None:
    what = f"source {index + 1} of {r.what}"
    if not isinstance(node, Map):
        r.error("wrong_type", node.line, "sources", f"{what} must be a mapping with url, title and quote")
        return None
    sub = FieldReader(r.out, r.path, what, node.line, r.span)
    sub.unknown_fields(node.fields, SOURCE_FIELDS)
    values = _read_fields(sub, node.fields, _SOURCE)
    if sub.failed:
        r.failed = True
        return None
    return Source.from_fields(values)


def _read_sources(r: FieldReader, fields: dict[str, Node], field: _Field) -> tuple[Source, ...]:
    # Sources are the only nested records a ledger has; their messages say so.
    required = field.required
    node = fields.get(field.name)
    if node is None or _absent(node):
        if required:
            r.error(
                "missing_field",
                node.line if node else r.line,
                "sources",
                f"{r.what} has no 'sources'; add at least one with a url, e.g. sources: [{{url: https://…, title: …}}]",
            )
        return ()
    if not isinstance(node, Seq):
        r.error("wrong_type", node.line, "sources", f"'sources' of {r.what} must be a list of sources")
        return ()
    if required and not node.items:
        r.error("missing_field", node.line, "sources", f"{r.what} has an empty 'sources' list; add at least one source")
    sources = [_read_source(n, r, i) for i, n in enumerate(node.items)]
    return tuple(s for s in sources if s is not None)


class _Field(NamedTuple):
    """A declared field made ready to read: what the readers need of it, looked up once."""

    name: str
    #: Whether a file must give it (an error if it is absent).
    required: bool
    example: str
    read: Callable[[FieldReader, dict[str, Node], _Field], Any]


#: How each kind of field is read from located values.
_READERS: dict[Kind, Callable[[FieldReader, dict[str, Node], _Field], Any]] = {
    Kind.ID: lambda r, fields, f: r.identifier(fields, f.name, required=f.required, example=f.example),
    Kind.TEXT: lambda r, fields, f: r.text(fields, f.name, required=f.required, example=f.example),
    Kind.DATE: lambda r, fields, f: r.date(fields, f.name, required=f.required, example=f.example),
    Kind.URL: _read_url,
    Kind.EVENT_TYPE: _read_event_type,
    Kind.TEXTS: lambda r, fields, f: r.text_list(fields, f.name),
    Kind.RECORDS: _read_sources,
}


def _ready(declared: Iterable[Declared], *, csv_pair: bool = False) -> tuple[_Field, ...]:
    # The records the CSV pair holds write several texts (tags) to one cell, split by '|'.
    readers = {**_READERS, Kind.TEXTS: _read_cell_texts} if csv_pair else _READERS
    return tuple(_Field(f.name, f.required_in_files, f.spec.example, readers[f.kind]) for f in declared)


def _read_cell_texts(r: FieldReader, fields: dict[str, Node], field: _Field) -> tuple[str, ...]:
    return r.text_list(fields, field.name, one_cell=True)


# Each entry reads its fields in the formats' order (ledger.io.layout).
_COMMITMENT = _ready(COMMITMENT_READ, csv_pair=True)
_EVENT = _ready(EVENT_READ, csv_pair=True)
_NESTED_EVENT = _ready((f for f in EVENT_READ if f.name != "commitment_id"), csv_pair=True)  # takes its parent's id
_SOURCE = _ready(SOURCE_READ)


def _read_fields(r: FieldReader, fields: dict[str, Node], declared: tuple[_Field, ...]) -> dict[str, Any]:
    """Every field read in order, by its kind (None or () where absent or wrong)."""
    return {f.name: f.read(r, fields, f) for f in declared}


# -- entries ------------------------------------------------------------------


@attrs.frozen(eq=False)
class CommitmentEntry:
    """A commitment as read: its record (None if it had errors), its id if readable, and where it is."""

    record: Commitment | None
    id: str | None
    origin: Origin
    span: tuple[int, int]
    #: The line of its ``actor`` field (for warnings about the name), if it has one.
    actor_line: int | None = None


@attrs.frozen(eq=False)
class EventEntry:
    """An event as read: its record (None if it had errors), the commitment it is nested under, and where."""

    record: Event | None
    parent: CommitmentEntry | None  # set for events nested under a commitment
    origin: Origin
    span: tuple[int, int]
    what: str


_T = TypeVar("_T")


def _build(r: FieldReader, make: Callable[[], _T]) -> _T | None:
    """The record, or None with a located error if the model still refuses a value.

    The field readers check what the model checks; this is the backstop that
    keeps a check they miss from escaping as an exception.
    """
    try:
        return make()
    except (FieldValueError, FieldTypeError) as exc:
        r.error("wrong_type", r.line, exc.field, f"{r.what}: {exc}")
        return None


def _check_deadline(
    r: FieldReader, fields: dict[str, Node], deadline: str, means: str | None, stated_on: _dt.date
) -> None:
    """The phrase that gives the due window should be one ledger can read.

    A deadline as said that the reader refuses is a warning, not an error: the
    commitment is kept, and ``evaluate`` lists it as ``unreadable`` rather than
    letting one phrase hide the rest of the ledger. A ``deadline_means`` is the
    author's own reading, written to be read, so one that cannot be read is an
    error.
    """
    field = "deadline" if means is None else "deadline_means"
    try:
        parse_deadline(means or deadline, stated_on)
    except DeadlineError as error:
        phrase = means or deadline
        # A phrase over the reader's cap is named by its start, not echoed whole (it may be 100 KB).
        exc: object = error if len(phrase) <= MAX_PHRASE_LENGTH else f"deadline {phrase[:60] + '...'!r}: {error.hint}"
        if means is None:
            r.warn(
                "deadline_not_read",
                fields[field].line,
                field,
                f"{field} of {r.what}: {exc}; the commitment is kept, but it cannot be judged (its status is "
                "'unreadable') until you reword it as said in a form docs/deadlines.md lists, or keep the words "
                "and add deadline_means: with your reading (e.g. deadline_means: by April 30, 2025)",
            )
        else:
            fix = "write deadline_means in a form docs/deadlines.md lists (e.g. by April 30, 2025)"
            r.error("unreadable_deadline", fields[field].line, field, f"{field} of {r.what}: {exc}; {fix}")


def _check_commitment(r: FieldReader, fields: dict[str, Node], values: dict[str, Any]) -> None:
    """What one commitment's fields must satisfy together: no self-reset, dates in order, a readable deadline."""
    cid, supersedes = values["id"], values["supersedes"]
    stated_on, recorded_on = values["stated_on"], values["recorded_on"]
    if supersedes is not None and supersedes == cid:
        r.error(
            "supersedes_self",
            fields["supersedes"].line,
            "supersedes",
            f"{r.what} supersedes itself; name the earlier commitment it resets",
        )
    if recorded_on and stated_on and recorded_on < stated_on:
        r.error(
            "recorded_too_early",
            fields["recorded_on"].line,
            "recorded_on",
            f"recorded_on of {r.what} ({recorded_on}) is before it was stated on {stated_on}; check both dates",
        )
    if values["deadline"] is not None and stated_on is not None:
        _check_deadline(r, fields, values["deadline"], values["deadline_means"], stated_on)


def read_commitment(node: Node, path: str, out: Collector, index: int) -> tuple[CommitmentEntry, list[EventEntry]]:
    """One commitment entry (the ``index``-th of its file) and the events nested under it."""
    span = (node.line, node.end_line)
    origin = Origin(path, node.line)
    if not isinstance(node, Map):
        out.add("wrong_type", path, node.line, None, f"commitment {index + 1} must be a mapping of fields", span)
        return CommitmentEntry(None, None, origin, span), []
    fields = node.fields
    raw_id = fields.get("id")
    label = raw_id.value if isinstance(raw_id, Scalar) and raw_id.value else f"#{index + 1}"
    r = FieldReader(out, path, f"commitment {label!r}", node.line, span)
    # The duplicate_key error is already reported on its line; a nested event's is that event's.
    r.failed = node.duplicated or any(has_duplicates(v) for k, v in fields.items() if k != "events")
    r.unknown_fields(fields, COMMITMENT_FIELDS)
    values = _read_fields(r, fields, _COMMITMENT)
    _check_commitment(r, fields, values)
    record = None if r.failed else _build(r, lambda: Commitment.from_fields(values, origin=origin))
    actor_node = fields.get("actor")
    entry = CommitmentEntry(record, values["id"], origin, span, actor_node.line if actor_node else None)
    nested = []
    events = fields.get("events")
    if events is not None and not _absent(events):
        if not isinstance(events, Seq):
            out.add("wrong_type", path, events.line, "events", f"'events' of {r.what} must be a list of events", span)
        else:
            for i, event_node in enumerate(events.items):
                nested.append(read_event(event_node, path, out, f"event {i + 1} of {r.what}", parent=entry))
    return entry, nested


def read_event(
    node: Node, path: str, out: Collector, what: str, *, parent: CommitmentEntry | None = None
) -> EventEntry:
    """One event entry; nested under ``parent``, it takes its commitment_id from there."""
    span = (node.line, node.end_line)
    origin = Origin(path, node.line)
    if not isinstance(node, Map):
        out.add("wrong_type", path, node.line, None, f"{what} must be a mapping of fields", span)
        return EventEntry(None, parent, origin, span, what)
    fields = node.fields
    r = FieldReader(out, path, what, node.line, span)
    r.failed = has_duplicates(node)  # the duplicate_key error is already reported, on its line
    declared = _EVENT if parent is None else _NESTED_EVENT
    r.unknown_fields(fields, [f.name for f in declared])
    values = _read_fields(r, fields, declared)
    commitment_id = values["commitment_id"] if parent is None else parent.id
    on, recorded_on = values["on"], values["recorded_on"]
    if recorded_on and on and recorded_on < on:
        r.error(
            "recorded_too_early",
            fields["recorded_on"].line,
            "recorded_on",
            f"recorded_on of {what} ({recorded_on}) is before it happened on {on}; check both dates",
        )
    if parent is not None and commitment_id is None and not r.failed:
        r.error(
            "depends_on_invalid",
            node.line,
            None,
            f"{what} was not loaded because its commitment has no valid id; fix that first",
        )
    record = None
    if not r.failed and commitment_id is not None:
        values["commitment_id"] = commitment_id
        record = _build(r, lambda: Event.from_fields(values, origin=origin))
    return EventEntry(record, parent, origin, span, what)


# -- actors and settings ----------------------------------------------------------

_ACTOR = _ready(declared(Actor))
#: The fields of an actor, as the YAML section and actors.csv name them.
ACTOR_FIELDS = tuple(f.name for f in _ACTOR)


def read_actor(node: Node, path: str, out: Collector, index: int) -> Actor | None:
    """One entry of an ``actors`` section (or row of actors.csv); None, with errors, if it has any."""
    span = (node.line, node.end_line)
    if not isinstance(node, Map):
        out.add("wrong_type", path, node.line, None, f"actor {index + 1} must be a mapping of fields", span)
        return None
    fields = node.fields
    raw = fields.get("name")
    label = repr(raw.value) if isinstance(raw, Scalar) and raw.value else f"#{index + 1}"
    r = FieldReader(out, path, f"actor {label}", node.line, span)
    r.failed = has_duplicates(node)  # the duplicate_key error is already reported, on its line
    r.unknown_fields(fields, ACTOR_FIELDS)
    values = _read_fields(r, fields, _ACTOR)
    kind = values["kind"]
    if kind is not None and kind.strip().lower() in ACTOR_KINDS:
        values["kind"] = kind.strip().lower()
    elif kind is not None:
        guess = difflib.get_close_matches(kind.strip().lower(), ACTOR_KINDS, n=1, cutoff=0.5)
        hint = f"; did you mean {guess[0]!r}?" if guess else ""
        r.error(
            "bad_actor_kind",
            fields["kind"].line,
            "kind",
            f"kind of {r.what} is {kind!r}, which is not one of {', '.join(ACTOR_KINDS)}{hint}",
        )
    if r.failed:
        return None
    return _build(r, lambda: Actor.from_fields(values, origin=Origin(path, node.line)))


def declare_dates(node: Node, path: str, out: Collector) -> None:
    """A file's own date order (``dates: mdy``), for the dates written with slashes or dots."""
    value = node.value.strip().lower() if isinstance(node, Scalar) and node.value else None
    if value in DATE_ORDERS:
        out.file_dates[path] = value
        return
    shown = node.value if isinstance(node, Scalar) else kind_word(node)
    out.add(
        "bad_setting",
        path,
        node.line,
        "dates",
        f"'dates' is {shown!r}; write dates: mdy (month/day/year, as US spreadsheets write) or dates: dmy "
        "(day/month/year); ISO dates (YYYY-MM-DD) are read either way",
    )
