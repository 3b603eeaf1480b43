"""The YAML format: a ledger file's text to located fields, and its entries to records.

PyYAML only parses here: its events are turned into located values by one
loop (no recursion, so nesting depth cannot exhaust the stack). Every scalar
stays text (dates are parsed by the field readers, ``no`` stays ``no``) and
each value keeps its line, so every problem is reported where it is. Aliases
(``*name``) are refused on their own line, and a key given twice in one
mapping is an error rather than a silent overwrite.

The file is read as it is parsed: each entry of ``commitments``, ``events``
and ``actors`` becomes a record as soon as its last event is read, and its
located values are dropped, so a file of 100,000 entries never holds more
than one entry's values at a time (docs/reliability.md has the numbers).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ledger.io.entries import (
    CommitmentEntry,
    EventEntry,
    FieldReader,
    Map,
    Node,
    Scalar,
    Seq,
    declare_dates,
    read_actor,
    read_commitment,
    read_event,
)
from ledger.io.layout import TOP_LEVEL_FIELDS
from ledger.io.problems import Collector

__all__ = ["FORMAT_HELP", "read_yaml"]

FORMAT_HELP = "see docs/format.md"

# libyaml's parser when PyYAML was built with it (several times faster); both report the same marks.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL_TAG = "tag:yaml.org,2002:null"
# What YAML's core schema reads as null in a plain (unquoted) scalar: PyYAML's resolver, as a set.
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
# The top-level lists whose entries are read one by one as the parser reaches their end.
_STREAMED = ("commitments", "events", "actors")
# Values this short are shared between records rather than kept once per record (sys.intern).
_SHARED_LENGTH = 40


class _AliasFound(Exception):
    """A YAML alias (*name): refused, on its own line, naming the anchor's."""

    def __init__(self, name: str, line: int, anchor_line: int | None):
        self.name, self.line, self.anchor_line = name, line, anchor_line

    def sentence(self) -> str:
        """The error's message."""
        refused = "aliases are not supported in ledger files: write the value out in full"
        if self.anchor_line is None:
            return f"the YAML alias *{self.name} names no anchor before it; {refused}"
        anchored = f"&{self.name} on line {self.anchor_line}"
        return f"the YAML alias *{self.name} repeats the value anchored as {anchored}; {refused}"


class _OpenMap:
    """A mapping being read: its fields so far, and the key whose value comes next."""

    __slots__ = ("fields", "line", "key", "drop", "duplicated")

    def __init__(self, line: int) -> None:
        self.fields: dict[str, Node] = {}
        self.line = line
        self.key: str | None = None  # the key whose value comes next; None: a key comes next
        self.drop = False  # the next value belongs to a key that was refused
        self.duplicated = False

    def close(self, end_line: int) -> Node:
        return Map(self.fields, self.line, end_line, self.duplicated)


class _OpenSeq:
    """A list being read; a top-level list of entries hands each item to ``sink`` instead of keeping it."""

    __slots__ = ("items", "line", "sink", "count")

    def __init__(self, line: int, sink: Callable[[Node, int], None] | None = None) -> None:
        self.items: list[Node] = []
        self.line = line
        self.sink = sink
        self.count = 0

    def close(self, end_line: int) -> Node:
        return Seq(self.items, self.line, end_line)


def _located(events: Iterable[Any], path: str, out: Collector, entries: _Entries) -> Node | None:
    """The document's located values, built from parser events by one loop over a stack (one piece: the loop
    runs once per event of the file, so its steps stay inline).

    The items of a top-level list named in ``_STREAMED`` are handed to
    ``entries`` as each is complete, not kept, and so is each top-level field
    as it is read. A value given under a key already seen is read and dropped
    (``duplicate_key``), as is the value of a key that is not plain text.
    """
    stack: list[_OpenMap | _OpenSeq] = []
    anchors: dict[str, int] = {}
    root: Node | None = None
    first_document: Any = None  # where the document began (a second one is refused)
    for event in events:
        kind = type(event)
        node: Node
        if kind is ScalarEvent:
            line = event.start_mark.line + 1
            if event.anchor is not None:
                anchors[event.anchor] = line
            top = stack[-1] if stack else None
            if isinstance(top, _OpenMap) and top.key is None and not top.drop:
                # A key, kept as written: a key 'null' is the text 'null'.
                name = event.value
                if name in top.fields:
                    out.add(
                        "duplicate_key",
                        path,
                        line,
                        name,
                        f"field {name!r} appears twice in this entry (first on line {top.fields[name].line}); "
                        "keep one (the entry is left out until then)",
                    )
                    top.duplicated = top.drop = True
                else:
                    top.key = name
                continue
            tag = event.tag
            # Every scalar stays text; only an unquoted null/~/empty value (or one tagged !!null) means "not given".
            plain = (tag is None or tag == "!") and event.implicit[0]
            value = None if tag == _NULL_TAG or (plain and event.value in _NULL_WORDS) else event.value
            if value is not None and len(value) <= _SHARED_LENGTH:
                value = sys.intern(value)  # actors, deadlines, topics, types: one string each, shared by every record
            node = Scalar(value, line, event.end_mark.line + 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            line = event.start_mark.line + 1
            if event.anchor is not None:
                anchors[event.anchor] = line
            if kind is MappingStartEvent:
                stack.append(_OpenMap(line))
                continue
            sink = None
            if len(stack) == 1:
                top_map = stack[0]
                if isinstance(top_map, _OpenMap) and top_map.key in _STREAMED and not top_map.drop:
                    sink = entries.sink_for(top_map.key)
            stack.append(_OpenSeq(line, sink))
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            node = stack.pop().close(event.end_mark.line + 1)
        elif kind is AliasEvent:
            raise _AliasFound(event.anchor, event.start_mark.line + 1, anchors.get(event.anchor))
        elif kind is DocumentStartEvent:
            if first_document is not None:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    first_document,
                    "but found another document",
                    event.start_mark,
                )
            first_document = event.start_mark
            continue
        else:
            continue  # the stream's start and end, a document's end
        if not stack:
            root = node
            continue
        top = stack[-1]
        if isinstance(top, _OpenSeq):
            if top.sink is None:
                top.items.append(node)
            else:
                top.sink(node, top.count)
                top.count += 1
        elif top.drop:
            top.drop = False
        elif top.key is None:
            # A list or mapping used as a key ("? [a, b]"): refused, and its value with it.
            out.add("wrong_type", path, node.line, None, "a field name must be plain text")
            top.drop = True
        else:
            top.fields[top.key] = node
            if len(stack) == 1:
                entries.field(top.key, node)
            top.key = None
    return root


class _Entries:
    """A file's entries, read one by one as the parser hands them over."""

    def __init__(self, path: str, out: Collector) -> None:
        self.path, self.out = path, out
        self.commitments: list[CommitmentEntry] = []
        self.nested: list[EventEntry] = []  # the events nested under commitments, in file order
        self.events: list[EventEntry] = []  # the entries of the top-level 'events' list
        self.first_line: int | None = None  # the line of the first commitment or event read
        #: The file's date order was declared before its entries were read.
        self.dates_declared = False
        #: A 'dates:' setting found after entries it governs were read.
        self.late_dates: Node | None = None

    def field(self, key: str, node: Node) -> None:
        """A top-level field, as soon as it is read: the date order must be known before the entries are."""
        if key != "dates" or self.dates_declared:
            return
        if self.first_line is not None:
            self.late_dates = node
            return
        declare_dates(node, self.path, self.out)
        self.dates_declared = True

    def sink_for(self, key: str) -> Callable[[Node, int], None]:
        return {"commitments": self.commitment, "events": self.event, "actors": self.actor}[key]

    def commitment(self, node: Node, index: int) -> None:
        self.first_line = self.first_line or node.line
        entry, nested = read_commitment(node, self.path, self.out, index)
        self.commitments.append(entry)
        self.nested.extend(nested)

    def event(self, node: Node, index: int) -> None:
        self.first_line = self.first_line or node.line
        self.events.append(read_event(node, self.path, self.out, f"event {index + 1} of the file"))

    def actor(self, node: Node, index: int) -> None:
        # An actor has no dates: reading one does not need the file's date order.
        self.out.actors.append(read_actor(node, self.path, self.out, index))


def _syntax_error(exc: yaml.YAMLError, text: str, path: str, out: Collector) -> None:
    """A parser's error as a located ``yaml_syntax`` error."""
    if isinstance(exc, yaml.MarkedYAMLError):
        problem = (exc.problem or str(exc)).strip()
        mark = exc.problem_mark
        # At the end of the file the useful place is where the broken
        # construct (an unclosed quote, say) began.
        if exc.context_mark is not None and (mark is None or "end of stream" in problem):
            mark = exc.context_mark
        line = mark.line + 1 if mark else None
        context = f" ({exc.context})" if exc.context else ""
        message = f"YAML syntax error: {problem}{context}; check indentation and quoting here"
    elif isinstance(exc, yaml.reader.ReaderError):
        # A character YAML does not allow (a NUL, an escape): located by its place in the text.
        where = exc.position if isinstance(exc.position, int) else 0
        line = text.count("\n", 0, where) + 1
        character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        message = f"YAML syntax error: the control character U+{character:04X} is not allowed in YAML; remove it"
    else:
        line, message = 1, f"YAML syntax error: {exc}"
    out.add("yaml_syntax", path, line, None, message)


def read_yaml(text: str, path: str, out: Collector) -> tuple[list[CommitmentEntry], list[EventEntry]]:
    """The commitments and events of one YAML ledger file; problems go to ``out``.

    A file that is not YAML, or that uses an alias, gives one ``yaml_syntax``
    error and nothing else: whatever was read before the parser stopped is
    taken back.
    """
    start = out.checkpoint()
    dates: Node | None = None
    while True:
        entries = _Entries(path, out)
        if dates is not None:
            declare_dates(dates, path, out)
            entries.dates_declared = True
        try:
            doc = _located(yaml.parse(text, Loader=_YAML_LOADER), path, out, entries)
        except yaml.YAMLError as exc:
            out.rollback(start)
            _syntax_error(exc, text, path, out)
            return [], []
        except _AliasFound as alias:
            out.rollback(start)
            out.add("yaml_syntax", path, alias.line, None, alias.sentence())
            return [], []
        if entries.late_dates is None:
            break
        # 'dates:' after entries it governs (rare): read the file again with the order declared first.
        out.rollback(start)
        dates = entries.late_dates
    if doc is None:
        out.add("empty_file", path, None, None, "the file holds no data; add 'commitments:' with at least one entry")
        return [], []
    if not isinstance(doc, Map):
        out.add(
            "not_a_ledger",
            path,
            doc.line,
            None,
            "a ledger file is a mapping with 'commitments:' (and optionally 'events:' and 'actors:'); " + FORMAT_HELP,
        )
        return [], []
    _top_level(doc, path, out)
    return entries.commitments, entries.nested + entries.events


def _top_level(doc: Map, path: str, out: Collector) -> None:
    """The file's own fields: its title and date order, and lists that are not lists."""
    fields = doc.fields
    top = FieldReader(out, path, "the ledger file", doc.line, (doc.line, doc.line))
    top.unknown_fields(fields, TOP_LEVEL_FIELDS)
    title = fields.get("title")
    if isinstance(title, Scalar) and title.value and title.value.strip():
        out.titles.append(title.value.strip())
    if "commitments" not in fields and "events" not in fields and "actors" not in fields:
        out.add(
            "not_a_ledger", path, doc.line, None, "the file has neither 'commitments:' nor 'events:'; " + FORMAT_HELP
        )
    for key in _STREAMED:
        node = fields.get(key)
        # A list's entries were read as the parser reached them; what is left is a value that is not a list.
        if node is None or isinstance(node, Seq) or (isinstance(node, Scalar) and node.value is None):
            continue
        if key == "actors":
            out.add(
                "wrong_type", path, node.line, "actors", "'actors' must be a list of actors, each starting with '- '"
            )
        else:
            out.add("wrong_type", path, node.line, key, f"{key!r} must be a list of entries, each starting with '- '")
