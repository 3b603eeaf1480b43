"""Add one commitment or event to a ledger file, as a desk does each week, safely with others doing the same.

The new entry is written as text at the end of its section (a YAML file's
``commitments:`` or ``events:`` list, or a new row of the CSV pair's
``commitments.csv`` or ``events.csv``); every byte of the file before and
after it is kept, comments and all. The file with the entry is then read by
``load``, the loader every other command uses, so the entry is judged by the
same rules and refused with the same error records as ``ledger check`` would
give. Only a file that loads clean, with every entry it had plus the new one
and nothing else changed, replaces the old file.

Several people may add to one ledger at the same moment: the read, the check
and the replacement happen under a lock on the ledger (``ledger_lock``), and
the new file is written beside the old one, flushed and renamed over it
(``ledger.io.atomic``), so a reader or a crash sees the old file or the new
one, never part of an entry.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "desk.yaml"
>>> added = append_commitment(path, {"id": "bridge", "actor": "Mayor", "stated_on": "2025-03-03",
...     "text": "Reopen the bridge", "deadline": "in two weeks", "sources": [{"url": "https://example.org/b"}]})
>>> added.ok, added.line, added.record.deadline
(True, 2, 'in two weeks')
>>> print(path.read_text(), end="")
commitments:
  - id: bridge
    actor: Mayor
    stated_on: 2025-03-03
    text: Reopen the bridge
    deadline: in two weeks
    sources:
      - url: https://example.org/b
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from ledger.core.fields import Kind, declared
from ledger.core.formats import plural
from ledger.core.records import Commitment, Event, Ledger, Source
from ledger.io.atomic import folder_lock, recover, replacing, writable
from ledger.io.csv_format import column_name, csv_kind, pair_of
from ledger.io.dump import protected_cell
from ledger.io.layout import (
    COMMITMENT_YAML,
    CSV_COMMITMENT_COLUMNS,
    CSV_EVENT_COLUMNS,
    EVENT_READ,
    MULTI_SEPARATOR,
    SOURCE_COLUMNS,
    SOURCE_READ,
)
from ledger.io.loader import LoadError, LoadResult, load

__all__ = [
    "LOCK_WAIT",
    "Appended",
    "append_commitment",
    "append_event",
    "ledger_files",
    "ledger_lock",
    "lock_file",
]

#: How long an add waits for another add to the same ledger to finish, in seconds, by default.
LOCK_WAIT = 60.0


def _errors(values: Sequence[LoadError]) -> tuple[LoadError, ...]:
    return tuple(values)


@attrs.frozen
class Appended:
    """What ``append_commitment`` and ``append_event`` return: the entry added, or why it was not.

    ``result`` is the ledger as loaded with the new entry (when added, what
    the file now holds; when refused, what it would have held, or the file as
    it is when it already had errors). ``errors`` are the load errors that
    refused it, ``warnings`` the warnings the new entry brought, ``refusal``
    a sentence saying why nothing was written.

    >>> Appended("x.yaml", None, None, 0, refusal="no").ok
    False
    """

    #: The file written, or that would have been.
    path: str
    #: The new record as the loader read it back from the file (None when refused).
    record: Commitment | Event | None
    result: LoadResult | None
    #: The 1-based line where the new entry starts in ``path`` (0 when refused).
    line: int
    errors: tuple[LoadError, ...] = attrs.field(converter=_errors, default=(), kw_only=True)
    warnings: tuple[LoadError, ...] = attrs.field(converter=_errors, default=(), kw_only=True)
    refusal: str | None = attrs.field(default=None, kw_only=True)

    @property
    def ok(self) -> bool:
        """True when the entry was added."""
        return self.refusal is None


# -- locking ------------------------------------------------------------------


def lock_file(target: str | os.PathLike) -> Path:
    """The lock file of a ledger: ``.NAME.lock`` beside a YAML file, ``.ledger.lock`` in a CSV pair's folder.

    Hidden, so ``load`` of a folder never reads it; it stays after the lock is
    released (removing it while another process waits on it would break the lock).

    >>> lock_file("news/desk.yaml").as_posix(), lock_file("news/pair/events.csv").as_posix()
    ('news/.desk.yaml.lock', 'news/pair/.ledger.lock')
    """
    path = Path(target)
    if path.is_dir():  # a ledger folder (add --ledger): its own lock, inside it
        return path / ".ledger.lock"
    if path.suffix.lower() == ".csv":
        return path.parent / ".ledger.lock"
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def ledger_lock(target: str | os.PathLike, *, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the ledger's lock (``lock_file``) while reading, checking and replacing it.

    Raises ``TimeoutError`` naming the file when another holder keeps it past ``wait`` seconds.
    The lock is the kernel's (``flock``), so a holder killed with kill -9 releases it at once.
    """
    # Imported here: only writers need it, and every other command starts without it.
    from filelock import FileLock, Timeout

    lock = FileLock(lock_file(target), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise TimeoutError(
            f"{target}: another writer has held the ledger's lock ({lock_file(target)}) for {wait:g} s; "
            "try again when it is done"
        ) from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def _locks(target: Path, folder: Path | None, wait: float) -> Iterator[None]:
    """The file's lock, and first the ledger folder's when the file is checked with its folder."""
    with contextlib.ExitStack() as stack:
        if folder is not None and lock_file(folder) != lock_file(target):
            stack.enter_context(ledger_lock(folder, wait=wait))
        stack.enter_context(ledger_lock(target, wait=wait))
        yield


def _same_file(name: str | None, target: Path) -> bool:
    return name is not None and os.path.realpath(name) == os.path.realpath(target)


def _inside(folder: Path, target: Path) -> bool:
    return os.path.realpath(target).startswith(os.path.join(os.path.realpath(folder), ""))


# -- the entry as fields ---------------------------------------------------------


def _as_fields(entry: Commitment | Event | Mapping[str, Any], kind: type) -> dict[str, Any]:
    """A record, or a mapping of field names to values as a file would hold them, as a plain mapping."""
    if isinstance(entry, Mapping):
        return dict(entry)
    if not isinstance(entry, kind):
        raise TypeError(f"expected a {kind.__name__} or a mapping of its fields (got {type(entry).__name__})")
    fields: dict[str, Any] = {}
    for f in declared(kind):
        value = getattr(entry, f.name)
        if f.kind is Kind.RECORDS:
            value = [{s.name: getattr(source, s.name) for s in SOURCE_READ} for source in value]
        fields[f.name] = value
    return fields


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _given(value: Any) -> bool:
    return value is not None and value != () and value != []


def _sources(value: Any) -> list[dict[str, Any]]:
    sources = []
    for source in value or ():
        if isinstance(source, Source):
            source = {s.name: getattr(source, s.name) for s in SOURCE_READ}
        sources.append({k: v for k, v in dict(source).items() if _given(v)})
    return sources


# -- YAML ------------------------------------------------------------------------


class _Plain(str):
    """Text written without quotes where YAML allows (2025-03-03, on:), as people write it.

    YAML 1.1 would read such text as a date or a boolean, but the loader reads every scalar as text.
    """


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Lists inside an entry (sources) indented under their key, as hand-written ledgers have them.
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # NEL and the Unicode line separators are folded by YAML readers unless double-quoted.
    style = '"' if any(c in value for c in ("\x85", "\u2028", "\u2029")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_plain(dumper: yaml.SafeDumper, value: _Plain) -> yaml.ScalarNode:
    # Tagged as what a plain scalar would resolve to, the emitter writes it plain (the tag is implicit).
    return dumper.represent_scalar(dumper.resolve(yaml.ScalarNode, str(value), (True, False)), str(value))


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(_Plain, _represent_plain)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_FIELDS = {f.name for f in (*COMMITMENT_YAML, *EVENT_READ, *SOURCE_READ) if f.kind is Kind.DATE}


def _yaml_value(name: str, value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_yaml_value(name, v) for v in value]
    if isinstance(value, Mapping):
        return {_Plain(k): _yaml_value(k, v) for k, v in value.items()}
    text = _text(value)
    return _Plain(text) if name in _DATE_FIELDS and _ISO_DATE.fullmatch(text) else text


def _yaml_item(fields: Mapping[str, Any], order: Sequence[str]) -> str:
    """The entry as a YAML list item at indent 0 ('- id: ...'): known fields in the format's order, then the rest."""
    ordered = {name: fields[name] for name in order if name in fields and _given(fields[name])}
    ordered.update({name: v for name, v in fields.items() if name not in ordered and _given(v)})
    if "sources" in ordered:
        ordered["sources"] = _sources(ordered["sources"])
    doc = [{_Plain(name): _yaml_value(name, value) for name, value in ordered.items()}]
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


_YAML_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _YAML_BREAKS.finditer(text)]


def _last_line(node: yaml.Node) -> int:
    """The 0-based line after the last line holding any of ``node``'s text (where a next entry may start)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        return max((_last_line(v) for pair in node.value for v in pair), default=node.start_mark.line + 1)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style:
        return max((_last_line(v) for v in node.value), default=node.start_mark.line + 1)
    end = node.end_mark
    # A block scalar (| or >) ends at the start of the line after its text; anything else ends inside its line.
    return end.line if end.column == 0 and end.line > node.start_mark.line else end.line + 1


def _dash_column(text: str, starts: list[int], item: yaml.Node) -> int | None:
    line = item.start_mark.line
    before = text[starts[line] : starts[line] + item.start_mark.column].rstrip()
    return len(before) - 1 if before.endswith("-") and not before[:-1].strip() else None


class _Refused(Exception):
    """The file's shape leaves no place to append to without rewriting it: the sentence says why."""


def _yaml_with_entry(text: str, section: str, item: str) -> tuple[str, int]:
    """``text`` with ``item`` (a YAML list item at indent 0) appended to the top-level list ``section``.

    Returns the new text and the 1-based line where the item starts. Only text
    is inserted (a ``[]`` placeholder for an empty list aside); the rest of the
    file is kept byte for byte.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    root = yaml.compose(text, Loader=_YAML_LOADER) if text.strip() else None
    starts = _line_starts(text)
    fields = {k.value: (k, v) for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    columns = [_dash_column(text, starts, v.value[0]) for _, v in fields.values() if _is_block_list(v)]
    dash = next((c for c in columns if c is not None), 2)
    body = "".join(" " * dash + line + newline for line in item.rstrip("\n").split("\n"))
    if section not in fields:
        head = text if not text or _YAML_BREAKS.search(text[-1]) else text + newline
        return f"{head}{section}:{newline}{body}", _count_lines(head) + 2
    key, value = fields[section]
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        own = _dash_column(text, starts, value.value[0])
        if own is None:
            raise _Refused(f"the '{section}' list does not start its items with '- ' on their own lines")
        body = "".join(" " * own + line + newline for line in item.rstrip("\n").split("\n"))
        at = _last_line(value)
    elif _is_empty(text, value, starts):
        # 'commitments:' with nothing after it, or '[]': the items go on the lines after the key.
        line_start = starts[key.start_mark.line]
        end = starts[value.end_mark.line] + value.end_mark.column
        text = text[:line_start] + text[line_start:end].replace("[]", "").rstrip(" ") + text[end:]
        starts = _line_starts(text)
        at = key.start_mark.line + 1
    else:
        raise _Refused(
            f"the '{section}' list is written in flow style ('[...]') or is not a list; "
            f"write it as a block list (each entry on its own lines, starting with '- ') to add to it"
        )
    if at >= len(starts):
        if text and not _YAML_BREAKS.search(text[-1]):
            text += newline
        return text + body, _count_lines(text) + 1
    return text[: starts[at]] + body + text[starts[at] :], at + 1


def _is_block_list(node: yaml.Node) -> bool:
    return isinstance(node, yaml.SequenceNode) and bool(node.value) and not node.flow_style


def _is_empty(text: str, node: yaml.Node, starts: list[int]) -> bool:
    """An empty value written as nothing at all, or as '[]'."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag == "tag:yaml.org,2002:null" and node.start_mark.index == node.end_mark.index
    if isinstance(node, yaml.SequenceNode) and not node.value and node.flow_style:
        start = starts[node.start_mark.line] + node.start_mark.column
        return text[start : starts[node.end_mark.line] + node.end_mark.column].replace(" ", "") == "[]"
    return False


def _count_lines(text: str) -> int:
    return len(_YAML_BREAKS.findall(text)) + (1 if text and not _YAML_BREAKS.search(text[-1]) else 0)


# -- CSV -------------------------------------------------------------------------

# A first line "# dates: mdy" declares a CSV file's date order (as ledger.io.csv_format reads it).
_SETTING = re.compile(r'\s*"?\s*#\s*dates\s*:', re.IGNORECASE)
_COLUMNS = {"commitments": CSV_COMMITMENT_COLUMNS, "events": CSV_EVENT_COLUMNS}


def _joined(field: str, values: Sequence[str]) -> str:
    """Several values of one cell joined by ' | '; a value holding '|' would read back as two, so it is refused."""
    for value in values:
        if MULTI_SEPARATOR in value:
            raise _Refused(
                f"{field} {value!r} holds {MULTI_SEPARATOR!r}, and '{MULTI_SEPARATOR}' separates values in a CSV cell, "
                "so it would read back as more than one; write it without '|'"
            )
    return f" {MULTI_SEPARATOR} ".join(values)


def _cell(fields: Mapping[str, Any], column: str) -> str:
    """One cell of the new row: several sources or tags joined by ' | ', a formula start made text."""
    if column in SOURCE_COLUMNS:
        sources = _sources(fields.get("sources"))
        values = [source.get(SOURCE_COLUMNS[column]) for source in sources]
        for n, value in enumerate(values, 1):
            _joined(f"source {n}'s {SOURCE_COLUMNS[column]}", [_text(value or "")])
        cell = "" if all(v is None for v in values) else _joined(column, [_text(v or "") for v in values])
    elif isinstance(fields.get(column), (list, tuple)):
        cell = _joined(column, [_text(v) for v in fields[column]])
    else:
        cell = _text(fields[column]) if _given(fields.get(column)) else ""
    # As dump_csv writes it: a spreadsheet shows it as text, and the loader takes the apostrophe off.
    return protected_cell(cell)


def _csv_with_row(text: str | None, kind: str, fields: Mapping[str, Any]) -> tuple[str, int]:
    """``text`` (None: a new file, given a header) with the entry as a last row, in the file's own columns."""
    columns = _COLUMNS[kind]
    if text is None:
        text = ",".join(columns) + "\r\n"
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split("\n", 2)
    skip = 1 if _SETTING.match(lines[0]) else 0
    header_line = lines[skip].rstrip("\r") if len(lines) > skip else ""
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = [column_name(c, columns) for c in next(csv.reader([header_line], delimiter=delimiter), [])]
    sources = _sources(fields.get("sources"))
    given = {c for c, name in SOURCE_COLUMNS.items() if any(_given(s.get(name)) for s in sources)}
    given |= {name for name, value in fields.items() if _given(value) and name != "sources"}
    missing = sorted(given - set(header))
    if missing:
        raise _Refused(
            f"the file has no {', '.join(repr(m) for m in missing)} column: add the column to its header, "
            "or leave the value out"
        )
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerow([_cell(fields, c) for c in header])
    if not text.endswith("\n"):
        text += newline
    return text + buffer.getvalue(), text.count("\n") + 1


# -- adding ------------------------------------------------------------------------

_SECTIONS = {"commitments": Commitment, "events": Event}


def _pair_file(folder: Path, kind: str) -> Path:
    found = sorted(p for p in folder.glob("*.csv") if csv_kind(p) == kind)
    if len(found) > 1:
        raise _Refused(f"the folder holds several {kind} files ({', '.join(p.name for p in found)}); name one")
    return found[0] if found else folder / f"{kind}.csv"


# The loader reads the same pair for one file of it: what add checks is what load reads.
_pair = pair_of


def ledger_files(path: str | os.PathLike) -> list[Path]:
    """What ``load`` reads as the ledger ``path`` names: a folder or a YAML file, or the pair a CSV file is part of.

    >>> [p.name for p in ledger_files("fixtures/examples/spreadsheet/events.csv")]
    ['commitments.csv', 'events.csv', 'actors.csv']
    """
    path = Path(path)
    pair = _pair(path)
    return [p for p in pair.values() if p.exists()] if pair else [path]


def _target(path: Path, section: str) -> tuple[Path, list[Path]]:
    """The file the entry goes into, and the files ``load`` reads as the ledger it joins."""
    suffix = path.suffix.lower()
    if path.is_dir():
        if not any(csv_kind(p) for p in path.glob("*.csv")) and any(path.glob("*.y*ml")):
            raise _Refused("the folder holds YAML ledgers; name the YAML file to add to")
        return _pair_file(path, section), [path]
    if suffix in (".yaml", ".yml"):
        return path, [path]
    pair = _pair(path)
    if pair:
        return pair[section], [p for p in pair.values() if p.exists()]
    raise _Refused(
        "not a ledger file: name a .yaml/.yml ledger, a CSV pair's folder, or its commitments.csv or events.csv"
    )


def _new_record(before: LoadResult, after: LoadResult, section: str) -> Commitment | Event | None:
    """The one record ``after`` has that ``before`` had not, if that is the only difference, else None."""
    other = "events" if section == "commitments" else "commitments"
    old, new = Counter(getattr(before.ledger, section)), Counter(getattr(after.ledger, section))
    added = list((new - old).elements())
    unchanged = not (old - new) and Counter(getattr(before.ledger, other)) == Counter(getattr(after.ledger, other))
    return added[0] if unchanged and len(added) == 1 else None


def _new_warnings(before: LoadResult, after: LoadResult) -> tuple[LoadError, ...]:
    def key(w: LoadError) -> tuple:
        return w.code, w.path, w.field, w.message

    fresh = Counter(key(w) for w in after.warnings) - Counter(key(w) for w in before.warnings)
    return tuple(w for w in after.warnings if fresh[key(w)] > 0)


def _append(
    path: str | os.PathLike,
    section: str,
    fields: dict[str, Any],
    dates: str | None,
    wait: float,
    ledger: str | os.PathLike | None,
) -> Appended:
    """one piece: the read-check-append-rename sequence, under the ledger's lock."""
    given = Path(path)
    try:
        target, scope = _target(given, section)
    except _Refused as exc:
        return Appended(str(given), None, None, 0, refusal=f"{given}: {exc}; nothing was added")
    folder = Path(ledger) if ledger is not None else None
    if folder is not None:
        if not folder.is_dir():
            return Appended(str(given), None, None, 0, refusal=f"{folder}: not a folder (--ledger names the ledger "
                            "folder the file belongs to); nothing was added")  # fmt: skip
        if not _inside(folder, target):
            return Appended(str(given), None, None, 0, refusal=f"{target} is not inside the ledger folder {folder}; "
                            "nothing was added")  # fmt: skip
        # The whole folder, as `ledger check FOLDER` reads it: ids unique across its files, events find
        # their commitment in any of them.
        scope = [folder]
    # Through a symlink, the file it points to is the ledger: it is locked and replaced, and the link is kept.
    if os.path.realpath(target) != os.path.abspath(target):
        target = Path(os.path.realpath(target))
    if section == "events" and not any(p.exists() for p in scope):
        # Checked before the lock, so a mistyped name leaves no lock file behind.
        return Appended(str(given), None, None, 0, refusal=f"{given} does not exist (an event is added to the ledger "
                        "that holds its commitment); nothing was added")  # fmt: skip
    with _locks(target, folder, wait):
        # A temporary file left by an adder killed mid-write is removed (a live writer's is locked, and kept).
        with folder_lock(target.parent):
            recover(target.parent)
        exists = target.exists()
        if not writable(target):
            return Appended(
                str(target), None, None, 0, refusal=f"{target} is read-only (no write permission); nothing was added"
            )
        scope = [p for p in scope if p.exists()]
        before = load(*scope, dates=dates) if scope else LoadResult(Ledger(), ())
        # An empty file, or one holding only comments, is a ledger not yet started: started, as a missing one is.
        started = [e for e in before.errors if e.code == "empty_file" and _same_file(e.path, target)]
        if started:
            before = attrs.evolve(before, errors=[e for e in before.errors if e not in started])
        if before.errors:
            n = len(before.errors)
            return Appended(
                str(target),
                None,
                before,
                0,
                errors=before.errors,
                refusal=f"{folder or given} already has {plural(n, 'error')}; nothing was added "
                f"(fix {'them' if n != 1 else 'it'} first: ledger check {folder or given})",
            )
        old = target.read_bytes() if exists else b""
        bom = b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b""
        text = old[len(bom) :].decode("utf-8")
        try:
            if target.suffix.lower() == ".csv":
                new_text, line = _csv_with_row(text if exists and text.strip() else None, section, fields)
            else:
                order = [f.name for f in (COMMITMENT_YAML if section == "commitments" else EVENT_READ)]
                new_text, line = _yaml_with_entry(text, section, _yaml_item(fields, order))
        except _Refused as exc:
            return Appended(str(target), None, before, 0, refusal=f"{target}: {exc}; nothing was added")
        data = bom + new_text.encode("utf-8")
        after = load(*scope, *([] if exists else [target]), dates=dates, texts={target: data})
        if after.errors:
            n = len(after.errors)
            return Appended(
                str(target),
                None,
                after,
                0,
                errors=after.errors,
                warnings=_new_warnings(before, after),
                refusal=f"the new entry has {plural(n, 'error')}; nothing was added to {target}",
            )
        record = _new_record(before, after, section)
        if record is None:
            return Appended(
                str(target),
                None,
                after,
                0,
                refusal=f"{target}: the entry could not be added without changing another entry; nothing was added "
                "(this is a bug in ledger: please report it with the file)",
            )
        with replacing(target, "wb") as handle:
            handle.write(data)
        return Appended(str(target), record, after, line, warnings=_new_warnings(before, after))


def append_commitment(
    path: str | os.PathLike,
    commitment: Commitment | Mapping[str, Any],
    *,
    dates: str | None = None,
    wait: float = LOCK_WAIT,
    ledger: str | os.PathLike | None = None,
) -> Appended:
    """Add a commitment at the end of a ledger's commitments: a YAML file, or a CSV pair (its folder or a file of it).

    ``commitment`` is a ``Commitment``, or a mapping of its fields as a file
    holds them (dates as ``date`` or text, ``sources`` a list of mappings): a
    mapping is judged by the loader exactly as the same entry typed into the
    file, so a bad date or an unknown field is refused with ``ledger check``'s
    error record. A YAML file that does not exist yet is started. Waits up to
    ``wait`` seconds for another writer's lock (then ``TimeoutError``).
    ``ledger`` names the ledger folder the file belongs to: the entry is then
    checked against every file of the folder (ids unique across them), not
    the file alone.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "desk.yaml"
    >>> bad = append_commitment(path, {"id": "x", "actor": "A", "stated_on": "2025-13-01", "text": "t",
    ...                                "deadline": "soon", "sources": [{"url": "https://example.org"}]})
    >>> bad.ok, bad.errors[0].code, path.exists()
    (False, 'bad_date', False)
    """
    return _append(path, "commitments", _as_fields(commitment, Commitment), dates, wait, ledger)


def append_event(
    path: str | os.PathLike,
    event: Event | Mapping[str, Any],
    *,
    dates: str | None = None,
    wait: float = LOCK_WAIT,
    ledger: str | os.PathLike | None = None,
) -> Appended:
    """Add an event at the end of a ledger's events: a YAML file's top-level ``events:`` list, or ``events.csv``.

    ``event`` is an ``Event`` or a mapping of its fields (``commitment_id``,
    ``type``, ``on``, ...), judged as ``append_commitment`` judges a commitment;
    its commitment must be in the same ledger.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "desk.yaml"
    >>> _ = append_commitment(path, {"id": "bridge", "actor": "Mayor", "stated_on": "2025-03-03",
    ...     "text": "Reopen the bridge", "deadline": "in two weeks", "sources": [{"url": "https://example.org/b"}]})
    >>> done = append_event(path, {"commitment_id": "bridge", "type": "fulfilled", "on": "2025-03-14",
    ...                            "sources": [{"url": "https://example.org/open"}]})
    >>> done.ok, done.record.type, done.line
    (True, 'fulfilled', 10)
    """
    return _append(path, "events", _as_fields(event, Event), dates, wait, ledger)
