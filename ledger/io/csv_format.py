"""The CSV format: ``commitments.csv`` and ``events.csv`` rows to located fields, and to records.

Each row becomes the same located fields a YAML entry has (several sources
or tags in one cell are split on ``' | '``), so the field readers of
``ledger.io.entries`` judge both formats alike. The columns are those of
``ledger.io.layout``, derived from the records' declarations.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ledger.io.entries import (
    ACTOR_FIELDS,
    CommitmentEntry,
    EventEntry,
    Map,
    Node,
    Scalar,
    Seq,
    declare_dates,
    read_actor,
    read_commitment,
    read_event,
    unknown_message,
)
from ledger.io.layout import (
    CSV_COMMITMENT_COLUMNS,
    CSV_COMMITMENT_REQUIRED,
    CSV_EVENT_COLUMNS,
    CSV_EVENT_REQUIRED,
    MULTI_SEPARATOR,
    SOURCE_COLUMNS,
)
from ledger.io.problems import Collector

__all__ = ["FORMULA_STARTS", "MAX_CELL_LENGTH", "column_name", "csv_kind", "pair_of", "read_csv"]


def csv_kind(path: Path) -> str | None:
    """'commitments', 'events' or 'actors' for a CSV ledger file (named or ending so), else None.

    >>> csv_kind(Path("2025-commitments.csv")), csv_kind(Path("actors.csv")), csv_kind(Path("people.csv"))
    ('commitments', 'actors', None)
    """
    stem = path.stem.lower()
    for kind in ("commitments", "events", "actors"):
        if stem.endswith(kind):
            return kind
    return None


def pair_of(path: Path) -> dict[str, Path]:
    """The files of the CSV pair (with its actors file) that a CSV ledger file belongs to, by kind.

    The other files have the same name with the kind swapped; empty for a file that is not one.

    >>> [p.name for p in pair_of(Path("news/2025-events.csv")).values()]
    ['2025-commitments.csv', '2025-events.csv', '2025-actors.csv']
    >>> pair_of(Path("news/desk.yaml"))
    {}
    """
    kind = csv_kind(path) if path.suffix.lower() == ".csv" else None
    if kind is None:
        return {}
    stem = path.stem[: len(path.stem) - len(kind)]
    return {k: path.with_name(f"{stem}{k}{path.suffix}") for k in ("commitments", "events", "actors")}


#: Columns whose cell holds several values separated by ' | '.
_LIST_COLUMNS = ("tags", "aliases")
#: Each CSV kind's columns and the ones it requires.
_COLUMNS = {
    "commitments": (CSV_COMMITMENT_COLUMNS, CSV_COMMITMENT_REQUIRED),
    "events": (CSV_EVENT_COLUMNS, CSV_EVENT_REQUIRED),
    "actors": (ACTOR_FIELDS, ("name",)),
}


def column_name(written: str, columns: Iterable[str]) -> str:
    """The column a header cell names: case, spaces and hyphens aside ("Stated On" is stated_on).

    A cell that names no column is returned as written, for the unknown-column message.

    >>> column_name(" Stated On ", ["id", "stated_on"]), column_name("Stated", ["stated_on"])
    ('stated_on', 'Stated')
    """
    key = re.sub(r"[\s_-]+", "_", written.strip().lower())
    return key if key in columns else written.strip()


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(MULTI_SEPARATOR)]


def _sources(
    header: list[str], cells: list[str], line: int, path: str, out: Collector, span: tuple[int, int]
) -> tuple[bool, Seq | None]:
    """Whether the row's source columns agree (an error if not), and its sources as located fields (None: none)."""
    # Each filled source column, split into one value per source.
    given = {
        name: _split(cells[header.index(name)])
        for name in SOURCE_COLUMNS
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
            return False, None
    # A title, quote or date with no url is still a source: it reaches the
    # source reader, which reports source_without_url instead of dropping it.
    sources: list[Node] = []
    for i, url in enumerate(urls or ([""] if given else [])):
        source: dict[str, Node] = {"url": Scalar(url or None, line, line)} if url else {}
        for column, parts in given.items():
            source[SOURCE_COLUMNS[column]] = Scalar(parts[i] or None, line, line)
        sources.append(Map(source, line, line))
    return True, (Seq(sources, line, line) if sources else None)


def _row_fields(
    header: list[str], cells: list[str], line: int, path: str, out: Collector, span: tuple[int, int]
) -> dict[str, Node] | None:
    """A CSV row as the same located fields a YAML entry has; None (with an error) if it cannot be."""
    fields: dict[str, Node] = {}
    for name, cell in zip(header, cells):
        if name in SOURCE_COLUMNS or name in _LIST_COLUMNS:
            continue
        fields[name] = Scalar(cell if cell.strip() else None, line, line)
    for name in _LIST_COLUMNS:
        if name in header:
            cell = cells[header.index(name)]
            if cell.strip():
                fields[name] = Seq([Scalar(t, line, line) for t in _split(cell) if t], line, line)
    agree, sources = _sources(header, cells, line, path, out, span)
    if not agree:
        return None
    if sources is not None:
        fields["sources"] = sources
    return fields


def _header(rows: Iterator[list[str]], path: str, out: Collector, kind: str, line: int) -> list[str] | None:
    """The header row (on ``line``), checked: None (with errors) if the file cannot be read by it."""
    columns, required = _COLUMNS[kind]
    try:
        header = next(rows)
    except StopIteration:
        header = []
    except csv.Error as exc:
        out.add("csv_ragged_row", path, line, None, f"the header row cannot be read as CSV: {exc}")
        return None
    header = [column_name(h, columns) for h in header]
    if not any(header):
        out.add(
            "empty_file",
            path,
            None,
            None,
            f"the file holds no data; its first row must be the header: {', '.join(columns)}",
        )
        return None
    header_ok = True
    for i, name in enumerate(header):
        if name in header[:i]:
            out.add(
                "duplicate_key",
                path,
                line,
                name,
                f"column {name!r} appears twice in the header; keep one (the file was not read)",
            )
            header_ok = False
            continue
        if name not in columns:
            message = unknown_message(name, list(columns), f"the header of {kind}.csv")
            out.add("unknown_field", path, line, name, message.replace("unknown field", "unknown column"))
            header_ok = False
    for name in required:
        if name not in header:
            out.add(
                "csv_missing_column",
                path,
                line,
                name,
                f"the header has no {name!r} column; {kind}.csv needs {', '.join(required)}",
            )
            header_ok = False
    return header if header_ok else None


# A first line "# dates: mdy" declares the file's date order (spreadsheets cannot write a YAML header).
_SETTING = re.compile(r"\s*#\s*dates\s*:\s*(?P<value>.*?)\s*\Z", re.IGNORECASE)


def _setting_line(text: str, path: str, out: Collector) -> int:
    """How many lines the file's setting takes at its top (0 or 1); a setting found is declared."""
    first = text.split("\n", 1)[0].rstrip("\r")
    # A spreadsheet that saved the line pads it with the row's empty cells and may quote it.
    found = _SETTING.match(first.strip().rstrip(",;").strip().strip('"'))
    if found is None:
        return 0
    declare_dates(Scalar(found["value"] or None, 1, 1), path, out)
    return 1


def _delimiter(text: str, skip: int, path: str, out: Collector, kind: str) -> str:
    """',' or, for a file whose header is separated by semicolons (Excel in many locales), ';', with a warning."""
    lines = text.split("\n", skip + 1)
    header = lines[skip] if len(lines) > skip else ""
    if ";" not in header:
        return ","
    columns = _COLUMNS[kind][0]
    by_semicolon = sum(column_name(c.strip('"'), columns) in columns for c in header.split(";"))
    by_comma = sum(column_name(c.strip('"'), columns) in columns for c in header.split(","))
    if by_semicolon <= by_comma:
        return ","
    out.warn(
        "csv_semicolons",
        path,
        skip + 1,
        None,
        "the file is separated by semicolons, not commas (as Excel saves CSV where the decimal mark is a comma); "
        "ledger read it so, but other tools may not: save it as 'CSV UTF-8 (comma delimited)' to be safe",
    )
    return ";"


#: What a spreadsheet runs as a formula when a cell starts with it. ``dump_csv`` writes such a
#: cell with an apostrophe first (shown as text); reading takes that apostrophe off again.
FORMULA_STARTS = ("=", "+", "-", "@")


def _unprotected(cell: str) -> str:
    # One apostrophe off a run of them before a formula start: "''=x" was written for the text "'=x".
    return cell[1:] if cell[:1] == "'" and cell.lstrip("'")[:1] in FORMULA_STARTS and cell.lstrip("'")[:1] else cell


#: The longest cell ledger reads, in characters: a row with a longer cell is an error on its
#: line, and the rows after it are read (Python's csv module would stop the file at 131,072).
MAX_CELL_LENGTH = 1_000_000

# The csv module's own limit must be above ours, so that it never stops a file: we refuse the row instead.
_FIELD_LIMIT = 2 * MAX_CELL_LENGTH


def _folded(cells: list[str], delimiter: str, width: int) -> bool:
    """Whether a row read over several lines swallowed whole rows: a quote left open.

    A cell may hold line breaks (a quoted paragraph); a line inside it that has a
    delimiter for every column is a row of the file, read as text.
    """
    return width > 1 and any(
        part.count(delimiter) >= width - 1 for cell in cells if "\n" in cell for part in cell.split("\n")[1:]
    )


#: How many times a file's reading starts again after a quote left open, before the rest is refused.
_MOST_RESTARTS = 100


@contextlib.contextmanager
def _cells_up_to(limit: int) -> Iterator[None]:
    """The csv module's cell limit raised to ``limit`` while a file is read, then put back."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, limit))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _line_starts(text: str) -> list[int]:
    """Where each line starts in ``text``: lines end at '\\n' only, as the csv module counts them
    (not at U+2028 or a form feed, which str.splitlines would also split on)."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def read_csv(text: str, path: str, out: Collector, kind: str) -> tuple[list[CommitmentEntry], list[EventEntry]]:
    """The commitments (``kind='commitments'``), events (``'events'``) or actors (``'actors'``) of one CSV file.

    Actors go to ``out.actors``; a first line ``# dates: mdy`` declares the file's date order.
    """
    skip = _setting_line(text, path, out)
    delimiter = _delimiter(text, skip, path, out, kind)
    handle = io.StringIO(text, newline="")
    reader = csv.reader(handle, delimiter=delimiter)
    for _ in range(skip):
        next(reader, None)
    with _cells_up_to(_FIELD_LIMIT):
        header = _header(reader, path, out, kind, skip + 1)
        if header is None:
            return [], []
        return _read_rows(text, handle, reader, header, delimiter, path, out, kind)


def _read_rows(
    text: str, handle: io.StringIO, reader, header: list[str], delimiter: str, path: str, out: Collector, kind: str
) -> tuple[list[CommitmentEntry], list[EventEntry]]:
    """one piece: the rows after the header, each read, or refused with an error naming its lines.

    A row that cannot be read (a quote left open swallowing the rows after it, a cell
    too long) is an error, and reading starts again on the line after its first line,
    so no later row is lost without a word.
    """
    commitments: list[CommitmentEntry] = []
    events: list[EventEntry] = []
    starts: list[int] | None = None
    base, restarts = 0, 0  # the line the current reader started after, and how often it started again
    line_end = reader.line_num
    while True:
        line = line_end + 1
        problem = None
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            cells, problem = [], f"row cannot be read as CSV ({exc}); check its quotes"
        line_end = base + reader.line_num
        span = (line, max(line, line_end))
        if problem is None and line_end > line and _folded(cells, delimiter, len(header)):
            problem = (
                f"a quote opened in this row is not closed where the row ends, so lines {line + 1}-{line_end} "
                'were read into one of its cells; close the quote (a quote inside a cell is written twice: "")'
            )
        if problem is not None:
            if restarts == _MOST_RESTARTS:
                out.add(
                    "csv_syntax",
                    path,
                    line,
                    None,
                    f"{problem}; after {_MOST_RESTARTS} such rows, lines {line}-{line_end} were not read",
                    span,
                )
                break
            out.add("csv_syntax", path, line, None, f"{problem}; the row on line {line} was left out", span)
            # Read again from the line after this row's first: the rows it swallowed are rows.
            starts = _line_starts(text) if starts is None else starts
            if line >= len(starts):
                break
            handle.seek(starts[line])
            reader = csv.reader(handle, delimiter=delimiter)
            base, line_end, restarts = line, line, restarts + 1
            continue
        longest = max((len(c) for c in cells), default=0)
        if longest > MAX_CELL_LENGTH:
            out.add(
                "csv_syntax",
                path,
                line,
                None,
                f"a cell of this row has {longest:,} characters, more than the {MAX_CELL_LENGTH:,} ledger reads; "
                "the row was left out",
                span,
            )
            continue
        if not any(c.strip() for c in cells):
            continue  # blank lines are how spreadsheets end files
        cells = [_unprotected(c) for c in cells]
        if len(cells) != len(header):
            out.add(
                "csv_ragged_row",
                path,
                line,
                None,
                f"row has {len(cells)} cells but the header has {len(header)}; quote cells that contain "
                f"{'semicolons' if delimiter == ';' else 'commas'}",
                span,
            )
            continue
        fields = _row_fields(header, cells, line, path, out, span)
        if fields is None:
            continue
        node = Map(fields, line, line_end)
        if kind == "commitments":
            entry, _ = read_commitment(node, path, out, len(commitments))
            commitments.append(entry)
        elif kind == "actors":
            out.actors.append(read_actor(node, path, out, len(out.actors)))
        else:
            events.append(read_event(node, path, out, f"event on row {line}"))
    return commitments, events
