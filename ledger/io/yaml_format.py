"""The YAML format: a ledger file's text to located fields, and its entries to records.

PyYAML only composes nodes here; every scalar stays text (dates are parsed
by the field readers, ``no`` stays ``no``) and each value keeps its line, so
every problem is reported where it is. Aliases (``*name``) are refused, and
a key given twice in one mapping is an error rather than a silent overwrite.
"""

from __future__ import annotations

import yaml

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

# libyaml's safe loader when PyYAML was built with it (several times faster);
# both only compose nodes here, and both report the same marks.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AliasFound(Exception):
    """A YAML alias (*name): refused, see _located."""

    def __init__(self, line: int):
        self.line = line


def _located(root: yaml.Node, path: str, out: Collector) -> Node:
    """A composed YAML node as located plain values.

    One loop over a stack, not a recursion: a field nested a thousand lists deep
    ("[[[[...]]]]", which YAML allows) is converted like any other, and the field
    readers then refuse it as the wrong type, on its line.
    """
    # An alias makes the composer hand back a node already seen. Ledger
    # files have no use for them, and following them can recurse forever
    # ("&a [*a]") or blow up exponentially, so they are refused.
    seen: set[int] = set()
    result: list[Node] = []
    # Each step: a node to convert and where its value goes (a list to append to, or a mapping and a key).
    stack: list[tuple[yaml.Node, list[Node] | dict[str, Node], str | None]] = [(root, result, None)]
    while stack:
        node, into, key = stack.pop()
        if id(node) in seen:
            raise _AliasFound(node.start_mark.line + 1)
        seen.add(id(node))
        line, end = node.start_mark.line + 1, node.end_mark.line + 1
        value: Node
        children: list[tuple[yaml.Node, list[Node] | dict[str, Node], str | None]] = []
        if isinstance(node, yaml.MappingNode):
            fields: dict[str, Node] = {}
            first_lines: dict[str, int] = {}
            duplicated = False
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(name, str):
                    out.add("wrong_type", path, key_node.start_mark.line + 1, None, "a field name must be plain text")
                    continue
                if name in first_lines:
                    out.add(
                        "duplicate_key",
                        path,
                        key_node.start_mark.line + 1,
                        name,
                        f"field {name!r} appears twice in this entry (first on line {first_lines[name]}); "
                        "keep one (the entry is left out until then)",
                    )
                    duplicated = True
                    continue
                first_lines[name] = value_node.start_mark.line + 1
                children.append((value_node, fields, name))
            value = Map(fields, line, end, duplicated)
        elif isinstance(node, yaml.SequenceNode):
            items: list[Node] = []
            children = [(n, items, None) for n in node.value]
            value = Seq(items, line, end)
        elif node.tag == "tag:yaml.org,2002:null":
            # Every scalar stays text; only an unquoted null/~/empty value means "not given".
            value = Scalar(None, line, end)
        else:
            value = Scalar(node.value, line, end)
        if isinstance(into, list):
            into.append(value)
        else:
            into[key or ""] = value
        # Reversed, so the stack hands the children back in order: list items stay in order.
        stack.extend(reversed(children))
    return result[0]


def _compose(text: str, path: str, out: Collector) -> Node | None:
    """The file's located values, or None with an error if it is not YAML a ledger can hold."""
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
        return None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a NUL, an escape): located by its place in the text.
        where = exc.position if isinstance(exc.position, int) else 0
        line = text.count("\n", 0, where) + 1
        character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        out.add(
            "yaml_syntax",
            path,
            line,
            None,
            f"YAML syntax error: the control character U+{character:04X} is not allowed in YAML; remove it",
        )
        return None
    except yaml.YAMLError as exc:
        out.add("yaml_syntax", path, 1, None, f"YAML syntax error: {exc}")
        return None
    if root is None:
        out.add("empty_file", path, None, None, "the file holds no data; add 'commitments:' with at least one entry")
        return None
    try:
        return _located(root, path, out)
    except _AliasFound as alias:
        out.add(
            "yaml_syntax",
            path,
            alias.line,
            None,
            "YAML aliases (*name) are not supported in ledger files; write the value out in full",
        )
        return None


def read_yaml(text: str, path: str, out: Collector) -> tuple[list[CommitmentEntry], list[EventEntry]]:
    """The commitments and events of one YAML ledger file; problems go to ``out``."""
    doc = _compose(text, path, out)
    if doc is None:
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
    fields = doc.fields
    top = FieldReader(out, path, "the ledger file", doc.line, (doc.line, doc.line))
    top.unknown_fields(fields, TOP_LEVEL_FIELDS)
    title = fields.get("title")
    if isinstance(title, Scalar) and title.value and title.value.strip():
        out.titles.append(title.value.strip())
    setting = fields.get("dates")
    if setting is not None:
        declare_dates(setting, path, out)
    actors = fields.get("actors")
    if actors is not None and not (isinstance(actors, Scalar) and actors.value is None):
        if isinstance(actors, Seq):
            out.actors.extend(read_actor(item, path, out, i) for i, item in enumerate(actors.items))
        else:
            out.add(
                "wrong_type", path, actors.line, "actors", "'actors' must be a list of actors, each starting with '- '"
            )
    if "commitments" not in fields and "events" not in fields and "actors" not in fields:
        out.add(
            "not_a_ledger", path, doc.line, None, "the file has neither 'commitments:' nor 'events:'; " + FORMAT_HELP
        )
    commitments: list[CommitmentEntry] = []
    events: list[EventEntry] = []
    for key in ("commitments", "events"):
        node = fields.get(key)
        if node is None or (isinstance(node, Scalar) and node.value is None):
            continue
        if not isinstance(node, Seq):
            out.add("wrong_type", path, node.line, key, f"{key!r} must be a list of entries, each starting with '- '")
            continue
        for i, item in enumerate(node.items):
            if key == "commitments":
                entry, nested = read_commitment(item, path, out, i)
                commitments.append(entry)
                events.extend(nested)
            else:
                events.append(read_event(item, path, out, f"event {i + 1} of the file"))
    return commitments, events
