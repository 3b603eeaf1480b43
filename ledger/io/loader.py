"""Read ledger files (YAML, CSV, or a folder of them) into a ``Ledger``.

Loading never raises on bad data. It returns every record that is valid and
every problem found, each a ``LoadError`` with a stable ``code``, the file,
the 1-based line, the field and a sentence that says how to fix it. A record
with any problem is left out of the ledger, and so is anything that depends
on it (its events, commitments that supersede it) -- each with an error of its
own, so nothing disappears without a line in the report.

This module finds and decodes the files; the formats are read by
``yaml_format`` and ``csv_format``, each entry by ``entries``, and the links
across records are checked by ``linking``. The errors and their codes live
in ``problems``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from ledger.core.notebook import load_result_html
from ledger.core.records import Actor, Ledger
from ledger.core.vocabulary import CANDIDATE_TAG
from ledger.io.actors import ActorUse, canonical_names, similar_actor_warnings
from ledger.io.csv_format import csv_kind, pair_of, read_csv
from ledger.io.entries import DATE_ORDERS, CommitmentEntry, EventEntry, date_orders_reading
from ledger.io.linking import link
from ledger.io.problems import ERROR_CODES, WARNING_CODES, Collector, FileLines, LoadError
from ledger.io.tables_input import holds_tables, is_table_file, read_tables_folder
from ledger.io.yaml_format import read_yaml

__all__ = ["ERROR_CODES", "WARNING_CODES", "LoadError", "LoadResult", "load", "load_text"]

_Entries = tuple[list[CommitmentEntry], list[EventEntry]]


def _errors(values: Iterable[LoadError]) -> tuple[LoadError, ...]:
    return tuple(values)


def _actors(values: Iterable[Actor]) -> tuple[Actor, ...]:
    return tuple(values)


def _in_file_order(problems: Iterable[LoadError], files: Iterable[str]) -> tuple[LoadError, ...]:
    # Report in reading order, file by file, as an editor would walk them.
    order = {name: i for i, name in enumerate(files)}
    return tuple(sorted(problems, key=lambda e: (order.get(e.path, -1), e.path, e.line or 0)))


def _texts(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class LoadResult:
    """What ``load`` returns: the valid part of the ledger and every error.

    >>> result = load_text("commitments: []")
    >>> result.ok, len(result.ledger)
    (True, 0)
    """

    ledger: Ledger
    errors: tuple[LoadError, ...] = attrs.field(converter=_errors)
    files: tuple[str, ...] = attrs.field(converter=_texts, default=())
    #: The ``title`` of each YAML file that has one, in reading order.
    titles: tuple[str, ...] = attrs.field(converter=_texts, default=())
    #: Problems to query that left every record in (severity "warning"), in file order.
    warnings: tuple[LoadError, ...] = attrs.field(converter=_errors, default=(), kw_only=True)
    #: The actors declared in ``actors`` sections and actors.csv files, canonical names first.
    actors: tuple[Actor, ...] = attrs.field(converter=_actors, default=(), kw_only=True)

    @property
    def title(self) -> str | None:
        """The ledger's title, when it was read from one file that has one.

        >>> load_text("title: Example\\ncommitments: []").title
        'Example'
        """
        return self.titles[0] if len(self.files) == 1 and self.titles else None

    @property
    def ok(self) -> bool:
        """True when no error was found (warnings leave every record in, so they do not count)."""
        return not self.errors

    @property
    def problems(self) -> tuple[LoadError, ...]:
        """Errors and warnings together, in file order (what ``ledger check`` prints)."""
        return _in_file_order(self.errors + self.warnings, self.files)

    def summary(self) -> str:
        """One line: '27 commitments, 41 events, no problems' (or the count of problems, and of warnings)."""
        c, e, n, w = len(self.ledger.commitments), len(self.ledger.events), len(self.errors), len(self.warnings)
        problems = "no problems" if n == 0 else f"{n} problem{'s' if n != 1 else ''}"
        if w:
            problems += f", {w} warning{'s' if w != 1 else ''}"
        return f"{c} commitment{'s' if c != 1 else ''}, {e} event{'s' if e != 1 else ''}, {problems}"

    def __repr__(self) -> str:
        return f"<LoadResult: {self.summary()}>"

    def _repr_html_(self) -> str:
        return load_result_html(self)


_LEDGER_SUFFIXES = (".yaml", ".yml", ".csv")


def _discover(paths: Iterable[str | os.PathLike], out: Collector, texts: Mapping[str, bytes]) -> list[Path]:
    files: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in _LEDGER_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found and holds_tables(p):
                files.append(p)  # the Parquet tables `ledger tables` wrote: read as a ledger (io.tables_input)
            elif not found:
                out.add("no_ledger_files", str(p), None, None, "the folder holds no .yaml, .yml or .csv ledger files")
            files.extend(found)
        elif is_table_file(p):
            files.append(p.parent)  # one table of the pair means the pair, as for CSV
        elif p.exists() or (texts and os.path.realpath(p) in texts):
            # One file of a CSV pair means the pair: commitments.csv alone would judge every
            # commitment as if nothing had happened, and actors.csv holds the aliases.
            pair = [f for f in pair_of(p).values() if f == p or f.exists() or (texts and os.path.realpath(f) in texts)]
            files.extend(pair or [p])
        else:
            out.add("file_not_found", str(p), None, None, "no such file or folder; check the path")
    # A file named twice (a folder and a file in it, or both files of a pair) is read once.
    unique: dict[str, Path] = {}
    for f in files:
        unique.setdefault(os.path.realpath(f), f)
    return list(unique.values())


def _format_of(path: Path) -> str | None:
    """'yaml', 'commitments' or 'events' (CSV), or None for a file that is not a ledger."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return csv_kind(path) if suffix == ".csv" else None


def _read_file(path: Path, out: Collector, texts: Mapping[str, bytes]) -> _Entries:
    name = str(path)
    if path.is_dir():
        return read_tables_folder(path, out)
    kind = _format_of(path)
    if kind is None:
        out.add(
            "unsupported_file",
            name,
            None,
            None,
            "not a ledger file: use a .yaml/.yml ledger, or CSV files named commitments.csv, events.csv and actors.csv",
        )
        return [], []
    try:
        data = texts[os.path.realpath(path)] if texts and os.path.realpath(path) in texts else path.read_bytes()
    except OSError as exc:
        out.add("file_not_found", name, None, None, f"cannot read the file: {exc.strerror}")
        return [], []
    text = _decode(data, name, out, kind)
    del data  # only the text is read from here on: a large file's bytes are not held beside it
    return _read_text(text, name, out, kind)


# Where each format's reader counts a new line, so an echoed entry is the one its line number names:
# YAML also breaks lines at NEL, U+2028 and U+2029; the csv module only at CR and LF (not at a form feed).
_LINE_BREAKS = {"yaml": re.compile("\r\n|[\n\r\x85\u2028\u2029]"), "csv": re.compile("\r\n|[\n\r]")}


def _decode(data: bytes, path: str, out: Collector, kind: str = "yaml") -> str | None:
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
    out.lines[path] = FileLines(text, _LINE_BREAKS["yaml" if kind == "yaml" else "csv"])
    return text


def _read_data(data: bytes, name: str, out: Collector, kind: str) -> _Entries:
    return _read_text(_decode(data, name, out, kind), name, out, kind)


def _read_text(text: str | None, name: str, out: Collector, kind: str) -> _Entries:
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
    try:
        entries = read_yaml(text, name, out) if kind == "yaml" else read_csv(text, name, out, kind)
    except RecursionError:
        # Every reader is a loop over its input; should some value still nest deeper than
        # Python's stack, the file is refused with a sentence, never a traceback.
        out.add(
            "yaml_syntax" if kind == "yaml" else "csv_syntax",
            name,
            1,
            None,
            "the file nests values too deeply for ledger to read; nothing was read from it. "
            "A ledger's values are text or lists of text: look for runs of '[' or '{'",
        )
        return [], []
    _settle_dates(name, out)
    return entries


def _settle_dates(path: str, out: Collector) -> None:
    """Add to a file's unread dates the date order that would read all of them, if there is one."""
    unread = out.undeclared_dates.pop(path, [])
    if not unread:
        return
    orders = [o for o in DATE_ORDERS if all(o in date_orders_reading(raw) for _, raw in unread)]
    n = len(unread)
    such = "this date" if n == 1 else f"all {n} dates like it in this file"
    how = "or declare the file's date order (see 'Dates' in docs/format.md), or write YYYY-MM-DD"
    if len(orders) == 1:
        verdict = f"{such} read as {DATE_ORDERS[orders[0]]}: pass --dates {orders[0]}, {how}"
    elif orders:
        verdict = f"{such} read either way: say which order the file uses with --dates mdy or --dates dmy, {how}"
    else:
        verdict = f"no one order reads all {n} dates like it in this file: check them, then pass --dates, {how}"
    for index, _ in unread:
        error = out.errors[index]
        out.errors[index] = attrs.evolve(error, message=f"{error.message}; {verdict}")


def _candidate_warnings(commitments: list[CommitmentEntry], out: Collector) -> None:
    for entry in commitments:
        if entry.record is not None and CANDIDATE_TAG in entry.record.tags:
            out.warn(
                "candidate",
                entry.origin.path,
                entry.origin.line,
                "tags",
                f"commitment {entry.id!r} is still tagged {CANDIDATE_TAG!r}: `ledger extract` proposed it and nobody "
                f"has confirmed it; check it against its source, then remove the tag (or delete the entry)",
            )


def _finish(
    commitments: list[CommitmentEntry], events: list[EventEntry], out: Collector, files: list[str]
) -> LoadResult:
    actors = [a for a in out.actors if a is not None]
    names = canonical_names(actors, out)
    ledger = link(commitments, events, out, names)
    uses = (
        ActorUse(names.get(e.record.actor, e.record.actor), e.origin.path, e.actor_line or e.origin.line)
        for e in commitments
        if e.record is not None
    )
    similar_actor_warnings(uses, names, out)
    _candidate_warnings(commitments, out)
    return LoadResult(
        ledger,
        _in_file_order(out.errors, files),
        files,
        out.titles,
        warnings=_in_file_order(out.warnings, files),
        actors=actors,
    )


def _check_dates(dates: str | None) -> None:
    if dates is not None and dates not in DATE_ORDERS:
        raise ValueError(f"'dates' must be one of {', '.join(DATE_ORDERS)} or None (got {dates!r})")


def load(
    *paths: str | os.PathLike, dates: str | None = None, texts: Mapping[str | os.PathLike, str | bytes] | None = None
) -> LoadResult:
    """Load one or more ledger files or folders into one ledger.

    A folder holding ``commitments.parquet`` and no YAML or CSV ledger file is
    read as the Parquet tables ``write_tables`` wrote (``ledger.io.tables_input``).

    Never raises on bad data: ``result.ledger`` holds every valid record,
    ``result.errors`` every problem, and ``result.warnings`` what a desk
    editor would query, in file order. ``dates`` ("mdy" or "dmy") is the
    order of dates written with slashes or dots (1/29/2025) in files that
    do not declare their own; ISO dates are read either way. ``texts`` maps
    files to contents read in place of what is on disk (how ``ledger add``
    checks a file with its new entry before writing it).

    >>> result = load("fixtures/examples")
    >>> result.ok
    True
    """
    if not paths:
        raise TypeError("load() needs at least one path")
    _check_dates(dates)
    out = Collector(dates=dates)
    replaced = {os.path.realpath(k): v.encode() if isinstance(v, str) else v for k, v in (texts or {}).items()}
    files = _discover(paths, out, replaced)
    commitments: list[CommitmentEntry] = []
    events: list[EventEntry] = []
    for f in files:
        c, e = _read_file(f, out, replaced)
        commitments.extend(c)
        events.extend(e)
    return _finish(commitments, events, out, [str(f) for f in files])


_FORMATS = {"yaml": "yaml", "commitments.csv": "commitments", "events.csv": "events", "actors.csv": "actors"}


def load_text(text: str | bytes, *, path: str = "<text>", format: str = "yaml", dates: str | None = None) -> LoadResult:
    """Load a ledger from a string, as if it were a file (handy in tests and notebooks).

    ``format`` is ``"yaml"``, ``"commitments.csv"``, ``"events.csv"`` or ``"actors.csv"``; ``dates`` as for ``load``.

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
    if format not in _FORMATS:
        raise ValueError(f"format must be one of {', '.join(_FORMATS)} (got {format!r})")
    _check_dates(dates)
    out = Collector(dates=dates)
    data = text.encode() if isinstance(text, str) else text
    commitments, events = _read_data(data, path, out, _FORMATS[format])
    return _finish(commitments, events, out, [path])
