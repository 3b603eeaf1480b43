"""The CSV format: ``commitments.csv`` and ``events.csv`` rows to located fields, and to records.

Each row becomes the same located fields a YAML entry has (several sources
or tags in one cell are split on ``' | '``), so the field readers of
``ledger.io.entries`` judge both formats alike. The columns are those of
``ledger.io.layout``, derived from the records' declarations.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ledger.io.entries import (
    CommitmentEntry,
    EventEntry,
    Map,
    Node,
    Scalar,
    Seq,
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

__all__ = ["csv_kind", "read_csv"]


def csv_kind(path: Path) -> str | None:
    """'commitments' or 'events' for a CSV ledger file (named or ending so), else None.

    >>> csv_kind(Path("2025-commitments.csv")), csv_kind(Path("people.csv"))
    ('commitments', None)
    """
    stem = path.stem.lower()
    if stem.endswith("commitments"):
        return "commitments"
    if stem.endswith("events"):
        return "events"
    return None


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
        if name in SOURCE_COLUMNS or name == "tags":
            continue
        fields[name] = Scalar(cell if cell.strip() else None, line, line)
    if "tags" in header:
        cell = cells[header.index("tags")]
        if cell.strip():
            fields["tags"] = Seq([Scalar(t, line, line) for t in _split(cell) if t], line, line)
    agree, sources = _sources(header, cells, line, path, out, span)
    if not agree:
        return None
    if sources is not None:
        fields["sources"] = sources
    return fields


def _header(rows: Iterator[list[str]], path: str, out: Collector, kind: str) -> list[str] | None:
    """The header row, checked: None (with errors) if the file cannot be read by it."""
    columns, required = (
        (CSV_COMMITMENT_COLUMNS, CSV_COMMITMENT_REQUIRED)
        if kind == "commitments"
        else (CSV_EVENT_COLUMNS, CSV_EVENT_REQUIRED)
    )
    try:
        header = next(rows)
    except StopIteration:
        header = []
    except csv.Error as exc:
        out.add("csv_ragged_row", path, 1, None, f"the header row cannot be read as CSV: {exc}")
        return None
    header = [h.strip() for h in header]
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
                1,
                name,
                f"column {name!r} appears twice in the header; keep one (the file was not read)",
            )
            header_ok = False
            continue
        if name not in columns:
            message = unknown_message(name, list(columns), f"the header of {kind}.csv")
            out.add("unknown_field", path, 1, name, message.replace("unknown field", "unknown column"))
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
    return header if header_ok else None


def read_csv(text: str, path: str, out: Collector, kind: str) -> tuple[list[CommitmentEntry], list[EventEntry]]:
    """The commitments (``kind='commitments'``) or events (``'events'``) of one CSV file."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _header(reader, path, out, kind)
    if header is None:
        return [], []
    commitments: list[CommitmentEntry] = []
    events: list[EventEntry] = []
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
        fields = _row_fields(header, cells, line, path, out, span)
        if fields is None:
            continue
        node = Map(fields, line, line_end)
        if kind == "commitments":
            entry, _ = read_commitment(node, path, out, len(commitments))
            commitments.append(entry)
        else:
            events.append(read_event(node, path, out, f"event on row {line}"))
    return commitments, events
