"""Read ledger files (YAML, CSV, or a folder of them) into a ``Ledger``.

Loading never raises on bad data. It returns every record that is valid and
every problem found, each a ``LoadError`` with a stable ``code``, the file,
the 1-based line, the field and a sentence that says how to fix it. A record
with any problem is left out of the ledger, and so is anything that depends
on it (its events, commitments that supersede it) -- each with an error of its
own, so nothing disappears without a line in the report.
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import io
import os
import re
from collections.abc import Iterable
from pathlib import Path

import attrs
import yaml

from ledger.core.records import (
    Commitment,
    Event,
    FieldTypeError,
    FieldValueError,
    Ledger,
    Origin,
    Source,
    is_identifier,
    is_url,
)
from ledger.core.vocabulary import EVENT_TYPES
from ledger.deadlines.reader import DeadlineError, parse_deadline

__all__ = ["ERROR_CODES", "LoadError", "LoadResult", "load", "load_text"]

#: Every error code the loader can report, with what it means. Codes are
#: stable: scripts and tests match on them. docs/format.md lists the same set.
ERROR_CODES: dict[str, str] = {
    "file_not_found": "a path given to load does not exist",
    "unsupported_file": "a file is not a .yaml/.yml ledger, commitments.csv or events.csv",
    "no_ledger_files": "a folder holds no ledger files",
    "bad_encoding": "a file is not UTF-8 text",
    "empty_file": "a file holds no data",
    "yaml_syntax": "a YAML file cannot be parsed",
    "not_a_ledger": "a YAML document is not a mapping with 'commitments' and/or 'events'",
    "duplicate_key": "a YAML mapping names the same field twice",
    "missing_field": "a required field is absent or empty",
    "unknown_field": "a field or column the format does not have (often a typo)",
    "wrong_type": "a field holds a list where text is expected, or the reverse",
    "bad_date": "a date is not a real YYYY-MM-DD calendar date",
    "bad_id": "an id is not a slug of letters, digits, '.', '_' and '-'",
    "bad_url": "a source url is not an http(s) URL",
    "source_without_url": "a source has no url",
    "unreadable_deadline": "a deadline (or deadline_means) is not a phrase ledger can read",
    "unknown_event_type": "an event type is not one of the closed set",
    "recorded_too_early": "recorded_on is before the date the thing was said or happened",
    "duplicate_id": "two commitments share an id",
    "unknown_commitment": "an event names a commitment id the ledger does not have",
    "event_before_stated": "an event is dated before its commitment was stated",
    "supersedes_unknown": "supersedes names a commitment id the ledger does not have",
    "supersedes_self": "a commitment supersedes itself",
    "supersedes_later": "a commitment supersedes one stated after it",
    "supersedes_cycle": "supersedes links form a cycle",
    "supersedes_twice": "two commitments supersede the same one",
    "depends_on_invalid": "a record was left out because one it depends on has errors",
    "csv_missing_column": "a CSV file lacks a required column",
    "csv_ragged_row": "a CSV row has more or fewer cells than the header",
    "csv_source_mismatch": "a CSV row lists different numbers of source urls and titles, quotes or dates",
}

FORMAT_HELP = "see docs/format.md"
MULTI_SEPARATOR = "|"  # several values in one CSV cell: "a | b"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

# libyaml's safe loader when PyYAML was built with it (several times faster);
# both only compose nodes here, and both report the same marks.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@attrs.frozen
class LoadError:
    """One problem found while loading, located in its file.

    >>> e = LoadError("bad_date", "l.yaml", 4, "stated_on", "'stated_on' is not a date: '2025-13-01'")
    >>> str(e)
    "l.yaml:4: 'stated_on' is not a date: '2025-13-01'"
    """

    code: str = attrs.field()
    path: str = attrs.field()
    line: int | None = attrs.field()
    field: str | None = attrs.field()
    message: str = attrs.field()
    #: The offending entry as written, echoed under the message by ``ledger check``.
    entry: str | None = attrs.field(default=None, eq=False, repr=False)

    @code.validator
    def _known(self, attribute, value):
        if value not in ERROR_CODES:
            raise FieldValueError("code", "one of ledger.load.ERROR_CODES", value)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def to_dict(self) -> dict:
        """The error as plain JSON-ready values: code, path, line, field, message."""
        return {"code": self.code, "path": self.path, "line": self.line, "field": self.field, "message": self.message}


@attrs.frozen
class LoadResult:
    """What ``load`` returns: the valid part of the ledger and every error.

    >>> result = load_text("commitments: []")
    >>> result.ok, len(result.ledger)
    (True, 0)
    """

    ledger: Ledger
    errors: tuple[LoadError, ...] = attrs.field(converter=tuple)
    files: tuple[str, ...] = attrs.field(converter=tuple, default=())
    #: The ``title`` of each YAML file that has one, in reading order.
    titles: tuple[str, ...] = attrs.field(converter=tuple, default=())

    @property
    def title(self) -> str | None:
        """The ledger's title, when it was read from one file that has one.

        >>> load_text("title: Example\\ncommitments: []").title
        'Example'
        """
        return self.titles[0] if len(self.files) == 1 and self.titles else None

    @property
    def ok(self) -> bool:
        """True when no error was found."""
        return not self.errors

    def summary(self) -> str:
        """One line: '27 commitments, 41 events, no problems' (or the count of problems)."""
        c, e, n = len(self.ledger.commitments), len(self.ledger.events), len(self.errors)
        problems = "no problems" if n == 0 else f"{n} problem{'s' if n != 1 else ''}"
        return f"{c} commitment{'s' if c != 1 else ''}, {e} event{'s' if e != 1 else ''}, {problems}"

    def __repr__(self) -> str:
        return f"<LoadResult: {self.summary()}>"

    def _repr_html_(self) -> str:
        from ledger.core.notebook import (
            load_result_html,  # notebook display lives with the reports
        )

        return load_result_html(self)


# -- located plain values -------------------------------------------------------


@attrs.frozen
class _Node:
    """A plain value read from a file, with the line it starts on."""

    kind: str  # "map", "seq" or "scalar"
    value: object  # dict[str, _Node], list[_Node], str or None
    line: int
    end_line: int = 0


_FILE_ENTRY_LIMIT = 12  # lines of an entry echoed under an error


def _entry_text(lines: list[str], first: int, last: int) -> str | None:
    """The lines of one entry: from its first line while lines are indented deeper.

    YAML marks an entry's end where the next one starts, so the span alone
    would echo the next entry's first line too.
    """
    chunk = lines[first - 1 : min(last, first + _FILE_ENTRY_LIMIT - 1)]
    if not chunk:
        return None
    head = chunk[0]
    depth = len(head) - len(head.lstrip(" "))
    kept = [head]
    for line in chunk[1:]:
        stripped = line.lstrip(" ")
        if stripped and len(line) - len(stripped) <= depth:
            break
        kept.append(line)
    return "\n".join(kept).rstrip() or None


class _Collector:
    """Errors of one load, and the text of each file for echoing entries."""

    def __init__(self) -> None:
        self.errors: list[LoadError] = []
        self.lines: dict[str, list[str]] = {}
        self.titles: list[str] = []

    def add(self, code, path, line, field, message, entry_span=None):
        entry = None
        if entry_span and path in self.lines:
            entry = _entry_text(self.lines[path], *entry_span)
        self.errors.append(LoadError(code, path, line, field, message, entry))


class _AliasFound(Exception):
    """A YAML alias (*name): refused, see _plain."""

    def __init__(self, line: int):
        self.line = line


def _plain(node: yaml.Node, path: str, out: _Collector, seen: set | None = None) -> _Node:
    # An alias makes the composer hand back a node already seen. Ledger
    # files have no use for them, and following them can recurse forever
    # ("&a [*a]") or blow up exponentially, so they are refused.
    seen = set() if seen is None else seen
    if id(node) in seen:
        raise _AliasFound(node.start_mark.line + 1)
    seen.add(id(node))
    line, end = node.start_mark.line + 1, node.end_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        value: dict[str, _Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                out.add("wrong_type", path, key_node.start_mark.line + 1, None, "a field name must be plain text")
                continue
            if key in value:
                out.add(
                    "duplicate_key",
                    path,
                    key_node.start_mark.line + 1,
                    key,
                    f"field {key!r} appears twice in this entry (first on line {value[key].line}); keep one",
                )
                continue
            value[key] = _plain(value_node, path, out, seen)
        return _Node("map", value, line, end)
    if isinstance(node, yaml.SequenceNode):
        return _Node("seq", [_plain(n, path, out, seen) for n in node.value], line, end)
    # Every scalar stays text (dates are parsed by us, 'no' stays 'no');
    # only an unquoted null/~/empty value means "not given".
    if node.tag == "tag:yaml.org,2002:null":
        return _Node("scalar", None, line, end)
    return _Node("scalar", node.value, line, end)


# -- field readers ------------------------------------------------------------


@attrs.define
class _Reader:
    """Reads the fields of one entry, collecting errors instead of raising."""

    out: _Collector
    path: str
    what: str  # "commitment 'x'", "event 2 of 'x'", for messages
    line: int
    span: tuple[int, int]
    failed: bool = False

    def error(self, code, line, field, message):
        self.failed = True
        self.out.add(code, self.path, line, field, message, self.span)

    def text(self, fields: dict, name: str, *, required: bool, example: str = "") -> str | None:
        node = fields.get(name)
        if node is None or (node.kind == "scalar" and (node.value is None or not str(node.value).strip())):
            if required:
                hint = f", e.g. {name}: {example}" if example else ""
                self.error(
                    "missing_field",
                    node.line if node else self.line,
                    name,
                    f"{self.what} has no {name!r}; add it{hint}",
                )
            return None
        if node.kind != "scalar":
            self.error("wrong_type", node.line, name, f"{name!r} of {self.what} must be text, not a {_kind_word(node)}")
            return None
        return node.value

    def date(self, fields: dict, name: str, *, required: bool) -> _dt.date | None:
        raw = self.text(fields, name, required=required, example="2025-10-16")
        if raw is None:
            return None
        parsed = _parse_date(raw)
        if parsed is None:
            self.error(
                "bad_date",
                fields[name].line,
                name,
                f"{name!r} of {self.what} is not a date: {raw!r}; write a real calendar date as YYYY-MM-DD",
            )
        return parsed

    def identifier(self, fields: dict, name: str, *, required: bool) -> str | None:
        raw = self.text(fields, name, required=required, example="budapest-summit")
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

    def text_list(self, fields: dict, name: str) -> tuple[str, ...]:
        node = fields.get(name)
        if node is None or node.value is None:
            return ()
        if node.kind != "seq" or any(
            n.kind != "scalar" or n.value is None or not str(n.value).strip() for n in node.value
        ):
            self.error(
                "wrong_type",
                node.line,
                name,
                f"{name!r} of {self.what} must be a list of non-empty text, e.g. [summit, budapest]",
            )
            return ()
        return tuple(n.value for n in node.value)

    def unknown_fields(self, fields: dict, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        for name, node in fields.items():
            if name not in allowed:
                self.error("unknown_field", node.line, name, _unknown_message(name, allowed, self.what))


def _kind_word(node: _Node) -> str:
    return {"map": "mapping", "seq": "list", "scalar": "text"}[node.kind]


def _unknown_message(name: str, allowed: list[str], what: str) -> str:
    guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean {guess[0]!r}?" if guess else ""
    return f"unknown field {name!r} in {what}{hint} (fields: {', '.join(allowed)})"


def _parse_date(raw: str) -> _dt.date | None:
    raw = raw.strip()
    if not _ISO_DATE.match(raw):
        return None
    try:
        return _dt.date.fromisoformat(raw)
    except ValueError:
        return None


COMMITMENT_FIELDS = (
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
    "events",
)
EVENT_FIELDS = ("commitment_id", "on", "type", "recorded_on", "note", "sources")
SOURCE_FIELDS = ("url", "title", "quote", "published_on")
TOP_LEVEL_FIELDS = ("title", "description", "commitments", "events")


def _read_source(node: _Node, r: _Reader, index: int) -> Source | None:
    what = f"source {index + 1} of {r.what}"
    if node.kind != "map":
        r.error("wrong_type", node.line, "sources", f"{what} must be a mapping with url, title and quote")
        return None
    sub = _Reader(r.out, r.path, what, node.line, r.span)
    sub.unknown_fields(node.value, SOURCE_FIELDS)
    url_node = node.value.get("url")
    url = None
    if url_node is None or url_node.value is None or not str(url_node.value).strip():
        sub.error(
            "source_without_url", node.line, "url", f"{what} has no url; every source needs a link a reader can follow"
        )
    else:
        url = sub.text(node.value, "url", required=True)
        if url is not None and not is_url(url):
            sub.error("bad_url", url_node.line, "url", f"url of {what} is not an http(s) URL: {url!r}")
    title = sub.text(node.value, "title", required=False)
    quote = sub.text(node.value, "quote", required=False)
    published_on = sub.date(node.value, "published_on", required=False)
    if sub.failed:
        r.failed = True
        return None
    return Source(url=url, title=title, quote=quote, published_on=published_on)


def _read_sources(fields: dict, r: _Reader, *, required: bool) -> tuple[Source, ...]:
    node = fields.get("sources")
    if node is None or node.value is None:
        if required:
            r.error(
                "missing_field",
                node.line if node else r.line,
                "sources",
                f"{r.what} has no 'sources'; add at least one with a url, e.g. sources: [{{url: https://…, title: …}}]",
            )
        return ()
    if node.kind != "seq":
        r.error("wrong_type", node.line, "sources", f"'sources' of {r.what} must be a list of sources")
        return ()
    if required and not node.value:
        r.error("missing_field", node.line, "sources", f"{r.what} has an empty 'sources' list; add at least one source")
    sources = [_read_source(n, r, i) for i, n in enumerate(node.value)]
    return tuple(s for s in sources if s is not None)


# -- entries ------------------------------------------------------------------


@attrs.define(eq=False)
class _CommitmentEntry:
    record: Commitment | None
    id: str | None
    origin: Origin
    span: tuple[int, int]


@attrs.define(eq=False)
class _EventEntry:
    record: Event | None
    parent: _CommitmentEntry | None  # set for events nested under a commitment
    origin: Origin
    span: tuple[int, int]
    what: str


def _build(r: _Reader, cls, **fields):
    """The record, or None with a located error if the model still refuses a value.

    The field readers check what the model checks; this is the backstop that
    keeps a check they miss from escaping as an exception.
    """
    try:
        return cls(**fields)
    except (FieldValueError, FieldTypeError) as exc:
        r.error("wrong_type", r.line, exc.field, f"{r.what}: {exc}")
        return None


def _check_deadline(r: _Reader, fields: dict, deadline: str, means: str | None, stated_on: _dt.date) -> None:
    """The phrase that gives the due window must be one ledger can read."""
    field = "deadline" if means is None else "deadline_means"
    try:
        parse_deadline(means or deadline, stated_on)
    except DeadlineError as exc:
        if means is None:
            fix = (
                "reword it as said in a form docs/deadlines.md lists, or keep the words and add "
                "deadline_means: with your reading (e.g. deadline_means: by April 30, 2025)"
            )
        else:
            fix = "write deadline_means in a form docs/deadlines.md lists (e.g. by April 30, 2025)"
        r.error("unreadable_deadline", fields[field].line, field, f"{field} of {r.what}: {exc}; {fix}")


def _read_commitment(node: _Node, path: str, out: _Collector, index: int) -> tuple[_CommitmentEntry, list]:
    span = (node.line, node.end_line)
    if node.kind != "map":
        out.add("wrong_type", path, node.line, None, f"commitment {index + 1} must be a mapping of fields", span)
        return _CommitmentEntry(None, None, Origin(path, node.line), span), []
    fields = node.value
    raw_id = fields.get("id")
    label = raw_id.value if raw_id is not None and raw_id.kind == "scalar" and raw_id.value else f"#{index + 1}"
    r = _Reader(out, path, f"commitment {label!r}", node.line, span)
    r.unknown_fields(fields, COMMITMENT_FIELDS)
    cid = r.identifier(fields, "id", required=True)
    actor = r.text(fields, "actor", required=True, example="Donald Trump")
    stated_on = r.date(fields, "stated_on", required=True)
    text = r.text(fields, "text", required=True, example="Meet Vladimir Putin in Budapest")
    deadline = r.text(fields, "deadline", required=True, example="two weeks or so")
    deadline_means = r.text(fields, "deadline_means", required=False)
    topic = r.text(fields, "topic", required=False)
    supersedes = r.identifier(fields, "supersedes", required=False)
    recorded_on = r.date(fields, "recorded_on", required=False)
    tags = r.text_list(fields, "tags")
    sources = _read_sources(fields, r, required=True)
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
    if deadline is not None and stated_on is not None:
        _check_deadline(r, fields, deadline, deadline_means, stated_on)
    origin = Origin(path, node.line)
    record = None
    if not r.failed:
        record = _build(
            r,
            Commitment,
            id=cid,
            actor=actor,
            stated_on=stated_on,
            text=text,
            deadline=deadline,
            deadline_means=deadline_means,
            topic=topic,
            sources=sources,
            supersedes=supersedes,
            recorded_on=recorded_on,
            tags=tags,
            origin=origin,
        )
    entry = _CommitmentEntry(record, cid, origin, span)
    nested = []
    events = fields.get("events")
    if events is not None and events.value is not None:
        if events.kind != "seq":
            out.add("wrong_type", path, events.line, "events", f"'events' of {r.what} must be a list of events", span)
        else:
            for i, event_node in enumerate(events.value):
                nested.append(_read_event(event_node, path, out, f"event {i + 1} of {r.what}", parent=entry))
    return entry, nested


def _read_event(node: _Node, path: str, out: _Collector, what: str, *, parent=None, commitment_id=None) -> _EventEntry:
    span = (node.line, node.end_line)
    origin = Origin(path, node.line)
    if node.kind != "map":
        out.add("wrong_type", path, node.line, None, f"{what} must be a mapping of fields", span)
        return _EventEntry(None, parent, origin, span, what)
    fields = node.value
    r = _Reader(out, path, what, node.line, span)
    allowed = [f for f in EVENT_FIELDS if parent is None or f != "commitment_id"]
    r.unknown_fields(fields, allowed)
    if parent is None:
        commitment_id = r.identifier(fields, "commitment_id", required=True)
    else:
        commitment_id = parent.id
    on = r.date(fields, "on", required=True)
    kind = r.text(fields, "type", required=True, example="fulfilled")
    if kind is not None and kind not in EVENT_TYPES:
        guess = difflib.get_close_matches(kind, EVENT_TYPES, n=1, cutoff=0.5)
        hint = f"; did you mean {guess[0]!r}?" if guess else ""
        r.error(
            "unknown_event_type",
            fields["type"].line,
            "type",
            f"{what} has type {kind!r}, which is not one of {', '.join(EVENT_TYPES)}{hint}",
        )
    recorded_on = r.date(fields, "recorded_on", required=False)
    note = r.text(fields, "note", required=False)
    sources = _read_sources(fields, r, required=False)
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
        record = _build(
            r,
            Event,
            commitment_id=commitment_id,
            type=kind,
            on=on,
            recorded_on=recorded_on,
            note=note,
            sources=sources,
            origin=origin,
        )
    return _EventEntry(record, parent, origin, span, what)


# -- files --------------------------------------------------------------------


def _decode(data: bytes, path: str, out: _Collector) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.add(
            "bad_encoding",
            path,
            line,
            None,
            f"byte {data[exc.start]:#04x} is not UTF-8; save the file as UTF-8 (spreadsheets: 'CSV UTF-8')",
        )
        return None
    out.lines[path] = text.splitlines()
    return text


def _read_yaml(text: str, path: str, out: _Collector):
    try:
        root = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        problem = (exc.problem or str(exc)).strip()
        mark = exc.problem_mark
        # At the end of the file the useful place is where the broken
        # construct (an unclosed quote, say) began.
        if exc.context_mark is not None and (mark is None or "end of stream" in problem):
            mark = exc.context_mark
        line = mark.line + 1 if mark else None
        context = f" ({exc.context})" if exc.context else ""
        out.add(
            "yaml_syntax",
            path,
            line,
            None,
            f"YAML syntax error: {problem}{context}; check indentation and quoting here",
        )
        return [], []
    except yaml.YAMLError as exc:
        out.add("yaml_syntax", path, None, None, f"YAML syntax error: {exc}")
        return [], []
    if root is None:
        out.add("empty_file", path, None, None, "the file holds no data; add 'commitments:' with at least one entry")
        return [], []
    try:
        doc = _plain(root, path, out)
    except _AliasFound as alias:
        out.add(
            "yaml_syntax",
            path,
            alias.line,
            None,
            "YAML aliases (*name) are not supported in ledger files; write the value out in full",
        )
        return [], []
    if doc.kind != "map":
        out.add(
            "not_a_ledger",
            path,
            doc.line,
            None,
            "a ledger file is a mapping with 'commitments:' (and optionally 'events:'); " + FORMAT_HELP,
        )
        return [], []
    fields = doc.value
    top = _Reader(out, path, "the ledger file", doc.line, (doc.line, doc.line))
    top.unknown_fields(fields, TOP_LEVEL_FIELDS)
    title = fields.get("title")
    if title is not None and title.kind == "scalar" and title.value and title.value.strip():
        out.titles.append(title.value.strip())
    if "commitments" not in fields and "events" not in fields:
        out.add(
            "not_a_ledger", path, doc.line, None, "the file has neither 'commitments:' nor 'events:'; " + FORMAT_HELP
        )
    commitments, events = [], []
    for key in ("commitments", "events"):
        node = fields.get(key)
        if node is None or node.value is None:
            continue
        if node.kind != "seq":
            out.add("wrong_type", path, node.line, key, f"{key!r} must be a list of entries, each starting with '- '")
            continue
        for i, item in enumerate(node.value):
            if key == "commitments":
                entry, nested = _read_commitment(item, path, out, i)
                commitments.append(entry)
                events.extend(nested)
            else:
                events.append(_read_event(item, path, out, f"event {i + 1} of the file"))
    return commitments, events


CSV_COMMITMENT_COLUMNS = (
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
    "source_url",
    "source_title",
    "quote",
    "source_published_on",
)
CSV_COMMITMENT_REQUIRED = ("id", "actor", "stated_on", "text", "deadline", "source_url")
CSV_EVENT_COLUMNS = (
    "commitment_id",
    "on",
    "type",
    "note",
    "recorded_on",
    "source_url",
    "source_title",
    "quote",
    "source_published_on",
)
CSV_EVENT_REQUIRED = ("commitment_id", "on", "type")
_SOURCE_COLUMNS = {
    "source_url": "url",
    "source_title": "title",
    "quote": "quote",
    "source_published_on": "published_on",
}


def _csv_kind(path: Path) -> str | None:
    stem = path.stem.lower()
    if stem.endswith("commitments"):
        return "commitments"
    if stem.endswith("events"):
        return "events"
    return None


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(MULTI_SEPARATOR)]


def _csv_row_fields(header, cells, line, path, out, span) -> dict[str, _Node] | None:
    """A CSV row as the same located fields a YAML entry has."""
    fields: dict[str, _Node] = {}
    for name, cell in zip(header, cells):
        if name in _SOURCE_COLUMNS or name == "tags":
            continue
        fields[name] = _Node("scalar", cell if cell.strip() else None, line, line)
    if "tags" in header:
        cell = cells[header.index("tags")]
        if cell.strip():
            fields["tags"] = _Node("seq", [_Node("scalar", t, line, line) for t in _split(cell) if t], line, line)
    # Each filled source column, split into one value per source.
    given = {
        name: _split(cells[header.index(name)])
        for name in _SOURCE_COLUMNS
        if name in header and cells[header.index(name)].strip()
    }
    urls = given.pop("source_url", [])
    for column, parts in given.items():
        if len(parts) != max(len(urls), 1):
            out.add(
                "csv_source_mismatch",
                path,
                line,
                column,
                f"{column!r} has {len(parts)} values but 'source_url' has {len(urls)}; "
                f"separate one value per source with ' {MULTI_SEPARATOR} '",
                span,
            )
            return None
    # A title, quote or date with no url is still a source: it reaches the
    # source reader, which reports source_without_url instead of dropping it.
    sources = []
    for i, url in enumerate(urls or ([None] if given else [])):
        source = {"url": _Node("scalar", url or None, line, line)} if url else {}
        for column, parts in given.items():
            source[_SOURCE_COLUMNS[column]] = _Node("scalar", parts[i] or None, line, line)
        sources.append(_Node("map", source, line, line))
    if sources:
        fields["sources"] = _Node("seq", sources, line, line)
    return fields


def _read_csv(text: str, path: str, out: _Collector, kind: str):
    columns, required = (
        (CSV_COMMITMENT_COLUMNS, CSV_COMMITMENT_REQUIRED)
        if kind == "commitments"
        else (CSV_EVENT_COLUMNS, CSV_EVENT_REQUIRED)
    )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        header = []
    except csv.Error as exc:
        out.add("csv_ragged_row", path, 1, None, f"the header row cannot be read as CSV: {exc}")
        return [], []
    header = [h.strip() for h in header]
    if not any(header):
        out.add(
            "empty_file",
            path,
            None,
            None,
            f"the file holds no data; its first row must be the header: {', '.join(columns)}",
        )
        return [], []
    header_ok = True
    for i, name in enumerate(header):
        if name in header[:i]:
            out.add(
                "duplicate_key",
                path,
                1,
                name,
                f"column {name!r} appears twice in the header; keep one (the file was not read)",
            )
            header_ok = False
            continue
        if name not in columns:
            out.add(
                "unknown_field",
                path,
                1,
                name,
                _unknown_message(name, list(columns), f"the header of {kind}.csv").replace(
                    "unknown field", "unknown column"
                ),
            )
            header_ok = False
    for name in required:
        if name not in header:
            out.add(
                "csv_missing_column",
                path,
                1,
                name,
                f"the header has no {name!r} column; {kind}.csv needs {', '.join(required)}",
            )
            header_ok = False
    if not header_ok:
        return [], []
    commitments, events = [], []
    line_end = reader.line_num
    while True:
        line = line_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.add("csv_ragged_row", path, line, None, f"row cannot be read as CSV: {exc}; check its quotes")
            break
        line_end = reader.line_num
        span = (line, line_end)
        if not any(c.strip() for c in cells):
            continue  # blank lines are how spreadsheets end files
        if len(cells) != len(header):
            out.add(
                "csv_ragged_row",
                path,
                line,
                None,
                f"row has {len(cells)} cells but the header has {len(header)}; quote cells that contain commas",
                span,
            )
            continue
        fields = _csv_row_fields(header, cells, line, path, out, span)
        if fields is None:
            continue
        node = _Node("map", fields, line, line_end)
        if kind == "commitments":
            entry, _ = _read_commitment(node, path, out, len(commitments))
            commitments.append(entry)
        else:
            events.append(_read_event(node, path, out, f"event on row {line}"))
    return commitments, events


_LEDGER_SUFFIXES = (".yaml", ".yml", ".csv")


def _discover(paths: Iterable[str | os.PathLike], out: _Collector) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in _LEDGER_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                out.add("no_ledger_files", str(p), None, None, "the folder holds no .yaml, .yml or .csv ledger files")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            out.add("file_not_found", str(p), None, None, "no such file or folder; check the path")
    return files


def _read_file(path: Path, out: _Collector):
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in _LEDGER_SUFFIXES or (suffix == ".csv" and _csv_kind(path) is None):
        out.add(
            "unsupported_file",
            name,
            None,
            None,
            "not a ledger file: use a .yaml/.yml ledger, or CSV files named commitments.csv and events.csv",
        )
        return [], []
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.add("file_not_found", name, None, None, f"cannot read the file: {exc.strerror}")
        return [], []
    return _read_data(data, name, suffix, out, _csv_kind(path))


def _read_data(data: bytes, name: str, suffix: str, out: _Collector, csv_kind: str | None):
    text = _decode(data, name, out)
    if text is None:
        return [], []
    if not text.strip():
        out.add(
            "empty_file",
            name,
            None,
            None,
            "the file is empty; add 'commitments:' with at least one entry, or delete it",
        )
        return [], []
    if suffix == ".csv":
        return _read_csv(text, name, out, csv_kind)
    return _read_yaml(text, name, out)


# -- cross-record checks ----------------------------------------------------------


def _link(commitments: list[_CommitmentEntry], events: list[_EventEntry], out: _Collector) -> Ledger:
    """Check ids and references across all files; keep only what holds up."""

    def fail(entry, code, field, message):
        out.add(code, entry.origin.path, entry.origin.line, field, message, entry.span)

    kept: dict[str, _CommitmentEntry] = {}
    dropped_ids: set[str] = {e.id for e in commitments if e.record is None and e.id is not None}
    failed_at = {e.id: e.origin for e in commitments if e.record is None and e.id is not None}
    for entry in commitments:
        if entry.record is None:
            continue
        if entry.id in failed_at:
            fail(
                entry,
                "duplicate_id",
                "id",
                f"id {entry.id!r} is also used at {failed_at[entry.id]} (an entry with errors); "
                "give each commitment its own id",
            )
            entry.record = None
            continue
        first = kept.get(entry.id)
        if first is not None:
            fail(
                entry,
                "duplicate_id",
                "id",
                f"id {entry.id!r} is already used at {first.origin}; give each commitment its own id",
            )
            entry.record = None
            continue
        kept[entry.id] = entry

    # Drop commitments whose `supersedes` does not hold until nothing changes:
    # each drop can orphan the commitments that supersede it.
    changed = True
    while changed:
        changed = False
        successor: dict[str, _CommitmentEntry] = {}
        for cid, entry in list(kept.items()):
            c = entry.record
            target = c.supersedes
            if target is None:
                continue
            what = f"commitment {cid!r}"
            if target not in kept:
                if target in dropped_ids:
                    fail(
                        entry,
                        "depends_on_invalid",
                        "supersedes",
                        f"{what} supersedes {target!r}, which has errors of its own; fix those first",
                    )
                else:
                    guess = difflib.get_close_matches(target, list(kept), n=1, cutoff=0.6)
                    hint = f"; did you mean {guess[0]!r}?" if guess else ""
                    fail(
                        entry,
                        "supersedes_unknown",
                        "supersedes",
                        f"{what} supersedes {target!r}, which is not in the ledger{hint}",
                    )
            elif kept[target].record.stated_on > c.stated_on:
                fail(
                    entry,
                    "supersedes_later",
                    "supersedes",
                    f"{what} (stated {c.stated_on}) supersedes {target!r}, stated later on "
                    f"{kept[target].record.stated_on}; a reset must name an earlier commitment (swap the two?)",
                )
            elif target in successor:
                fail(
                    entry,
                    "supersedes_twice",
                    "supersedes",
                    f"{what} supersedes {target!r}, which {successor[target].id!r} already supersedes; "
                    f"a deadline is reset by one commitment at a time (supersede {successor[target].id!r} instead?)",
                )
            else:
                successor[target] = entry
                continue
            del kept[cid]
            dropped_ids.add(cid)
            changed = True
        if changed:
            continue
        # A cycle needs same-day links (each link points to an earlier or
        # same-day commitment), so it is rare; find and drop it whole.
        for cid in list(kept):
            path, cursor = [], cid
            while cursor is not None and cursor in kept and cursor not in path:
                path.append(cursor)
                cursor = kept[cursor].record.supersedes
            if cursor is not None and cursor in path:
                cycle = path[path.index(cursor) :]
                for member in cycle:
                    fail(
                        kept[member],
                        "supersedes_cycle",
                        "supersedes",
                        f"commitment {member!r} is in a cycle of supersedes links ({' -> '.join(cycle + [cycle[0]])}); "
                        "break it at the commitment that was stated first",
                    )
                    del kept[member]
                    dropped_ids.add(member)
                changed = True
                break

    kept_events: list[Event] = []
    for entry in events:
        event = entry.record
        if event is None:
            continue
        parent = entry.parent
        if parent is not None and (parent.record is None or kept.get(parent.id) is not parent):
            fail(
                entry,
                "depends_on_invalid",
                None,
                f"{entry.what} was not loaded because its commitment has errors; fix those first",
            )
            continue
        target = kept.get(event.commitment_id)
        if target is None:
            if event.commitment_id in dropped_ids:
                fail(
                    entry,
                    "depends_on_invalid",
                    "commitment_id",
                    f"{entry.what} belongs to {event.commitment_id!r}, which has errors; fix those first",
                )
            else:
                guess = difflib.get_close_matches(event.commitment_id, list(kept), n=1, cutoff=0.6)
                hint = f"; did you mean {guess[0]!r}?" if guess else ""
                fail(
                    entry,
                    "unknown_commitment",
                    "commitment_id",
                    f"commitment_id {event.commitment_id!r} of {entry.what} is not in the ledger{hint}",
                )
            continue
        if event.on < target.record.stated_on:
            fail(
                entry,
                "event_before_stated",
                "on",
                f"{entry.what} is dated {event.on}, before {event.commitment_id!r} was stated on "
                f"{target.record.stated_on}; check the dates",
            )
            continue
        kept_events.append(event)
    return Ledger([e.record for e in commitments if e.record is not None and kept.get(e.id) is e], kept_events)


def _finish(commitments, events, out: _Collector, files) -> LoadResult:
    ledger = _link(commitments, events, out)
    # Report in reading order, file by file, as an editor would walk them.
    order = {name: i for i, name in enumerate(files)}
    errors = sorted(out.errors, key=lambda e: (order.get(e.path, -1), e.path, e.line or 0))
    return LoadResult(ledger, errors, files, out.titles)


def load(*paths: str | os.PathLike) -> LoadResult:
    """Load one or more ledger files or folders into one ledger.

    Never raises on bad data: ``result.ledger`` holds every valid record and
    ``result.errors`` every problem, in file order.

    >>> result = load("fixtures/examples")
    >>> result.ok
    True
    """
    if not paths:
        raise TypeError("load() needs at least one path")
    out = _Collector()
    files = _discover(paths, out)
    commitments, events = [], []
    for f in files:
        c, e = _read_file(f, out)
        commitments.extend(c)
        events.extend(e)
    return _finish(commitments, events, out, [str(f) for f in files])


def load_text(text: str | bytes, *, path: str = "<text>", format: str = "yaml") -> LoadResult:
    """Load a ledger from a string, as if it were a file (handy in tests and notebooks).

    ``format`` is ``"yaml"``, ``"commitments.csv"`` or ``"events.csv"``.

    >>> result = load_text('''
    ... commitments:
    ...   - id: a
    ...     actor: X
    ...     stated_on: 2025-01-01
    ...     text: Do it
    ...     deadline: soon
    ...     sources: [{url: https://example.org}]
    ... ''')
    >>> result.summary()
    '1 commitment, 0 events, no problems'
    """
    formats = {"yaml": (".yaml", None), "commitments.csv": (".csv", "commitments"), "events.csv": (".csv", "events")}
    if format not in formats:
        raise ValueError(f"format must be one of {', '.join(formats)} (got {format!r})")
    suffix, kind = formats[format]
    out = _Collector()
    data = text.encode() if isinstance(text, str) else text
    commitments, events = _read_data(data, path, suffix, out, kind)
    return _finish(commitments, events, out, [path])
