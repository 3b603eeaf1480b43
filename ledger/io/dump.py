"""Write a ``Ledger`` back out as the files people edit: YAML, or a CSV pair.

What these functions write, ``ledger.load`` reads back into an equal ledger
(the round trip is pinned by property tests). Both writers walk the records'
field declarations in the formats' orders (``ledger.io.layout``): a field a
file must have is always written, any other only when it has a value.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from ledger.core.fields import Declared, Kind, declared
from ledger.core.records import Actor, Commitment, Event, Ledger, Source
from ledger.io.csv_format import FORMULA_STARTS
from ledger.io.layout import (
    COMMITMENT_READ,
    COMMITMENT_YAML,
    CSV_COMMITMENT_COLUMNS,
    CSV_EVENT_COLUMNS,
    EVENT_CSV,
    EVENT_READ,
    MULTI_SEPARATOR,
    SOURCE_READ,
)

__all__ = ["dump_csv", "dump_yaml", "protected_cell"]

# -- YAML ---------------------------------------------------------------------


def _yaml_value(value: Any, field: Declared) -> Any:
    if field.kind is Kind.DATE:
        return value.isoformat()
    if field.kind is Kind.TEXTS:
        return list(value)
    if field.kind is Kind.RECORDS:
        return [_yaml_entry(item, SOURCE_READ) for item in value]
    return value


def _yaml_entry(record: Any, fields: Iterable[Declared]) -> dict[str, Any]:
    """A record as a YAML mapping: fields a file needs always, others when given, in ``fields``' order."""
    out = {}
    for f in fields:
        value = getattr(record, f.name)
        if f.required_in_files or (value is not None and value != ()):
            out[f.name] = _yaml_value(value, f)
    return out


_NESTED_EVENT = tuple(f for f in EVENT_READ if f.name != "commitment_id")


def _commitment(c: Commitment, events: list[Event]) -> dict[str, Any]:
    out = _yaml_entry(c, COMMITMENT_YAML)
    if events:
        out["events"] = [_yaml_entry(e, _NESTED_EVENT) for e in events]
    return out


class _Dumper(yaml.SafeDumper):
    """Block style, keys in our order; long text wraps for hand editing."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # identical sub-lists must not become &anchors


# Characters a YAML reader folds into a line break or a space unless the
# string is double-quoted, where they are written as escapes.
_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(c in value for c in _LINE_BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_yaml(
    ledger: Ledger, *, title: str | None = None, description: str | None = None, actors: Sequence[Actor] = ()
) -> str:
    """The ledger as YAML text, events nested under their commitment, after its ``actors`` section if given.

    ``actors`` is what ``LoadResult.actors`` holds: writing a loaded ledger
    with them keeps its actors section.

    >>> import datetime as dt
    >>> c = Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="soon",
    ...                sources=[Source(url="https://example.org")])
    >>> print(dump_yaml(Ledger([c])))
    commitments:
    - id: a
      actor: X
      stated_on: '2025-01-01'
      text: t
      deadline: soon
      sources:
      - url: https://example.org
    <BLANKLINE>
    """
    by_commitment: dict[str, list[Event]] = {}
    for e in ledger.events:
        by_commitment.setdefault(e.commitment_id, []).append(e)
    doc: dict[str, Any] = {}
    if title is not None:
        doc["title"] = title
    if description is not None:
        doc["description"] = description
    if actors:
        doc["actors"] = [_yaml_entry(a, declared(Actor)) for a in actors]
    doc["commitments"] = [_commitment(c, by_commitment.get(c.id, [])) for c in ledger.commitments]
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


# -- CSV ----------------------------------------------------------------------


def _joined(values: Iterable[str]) -> str:
    values = list(values)
    for value in values:
        if MULTI_SEPARATOR in value:
            # It would read back as two values: refuse rather than split it silently.
            raise ValueError(f"{value!r} holds {MULTI_SEPARATOR!r}, which separates values in a CSV cell; write YAML")
    return f" {MULTI_SEPARATOR} ".join(values)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, _dt.date) else value


def _source_cells(sources: Sequence[Source]) -> dict[str, str]:
    # One column per source field, one value per source; a column with no
    # value for any source stays empty rather than a row of separators.
    cells = {}
    for f in SOURCE_READ:
        values = [getattr(s, f.name) for s in sources]
        cells[f.csv_column] = "" if all(v is None for v in values) else _joined(_cell(v) for v in values)
    return cells


def _csv_row(record: Any, fields: Iterable[Declared]) -> dict[str, str]:
    row: dict[str, str] = {}
    for f in fields:
        value = getattr(record, f.name)
        if f.kind is Kind.RECORDS:
            row.update(_source_cells(value))
        elif f.kind is Kind.TEXTS:
            row[f.name] = _joined(value)
        else:
            row[f.name] = _cell(value)
    return row


def protected_cell(cell: str) -> str:
    """A cell a spreadsheet would run as a formula ('=', '+', '-', '@' first), written with an apostrophe first.

    The loader takes the apostrophe off again (``ledger.io.csv_format``), so the value survives a round trip;
    ``ledger export`` writes its CSV text cells through it too.

    Text that already starts with apostrophes before a formula start gets one
    more, so reading gives back exactly the text.

    >>> protected_cell("=HYPERLINK(1)"), protected_cell("kept"), protected_cell("'=SUM(A1)' he typed")
    ("'=HYPERLINK(1)", 'kept', "''=SUM(A1)' he typed")
    """
    first = cell.lstrip("'")[:1]
    return "'" + cell if first and first in FORMULA_STARTS else cell


def _csv_text(columns: Sequence[str], rows: Iterable[dict[str, str]]) -> str:
    rows = ({name: protected_cell(cell) for name, cell in row.items()} for row in rows)
    buffer = io.StringIO(newline="")
    # CRLF, as spreadsheets write it; it also makes the writer quote any cell
    # holding a bare "\r", which would otherwise split the row on reading.
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def dump_csv(ledger: Ledger) -> tuple[str, str]:
    """The ledger as the text of ``commitments.csv`` and ``events.csv``.

    Several sources or tags share a cell, separated by ``' | '``; a value
    that itself contains '|' cannot be written this way: ``ValueError``
    (use YAML). A cell that starts with '=', '+', '-' or '@' gets an
    apostrophe first, so a spreadsheet shows it as text rather than running
    it as a formula; ``load`` takes the apostrophe off again.

    >>> import datetime as dt
    >>> c = Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="soon", tags=["x", "y"])
    >>> print(dump_csv(Ledger([c]))[0].splitlines()[1])
    a,X,2025-01-01,t,soon,,,,,x | y,,,,
    """
    return (
        _csv_text(CSV_COMMITMENT_COLUMNS, (_csv_row(c, COMMITMENT_READ) for c in ledger.commitments)),
        _csv_text(CSV_EVENT_COLUMNS, (_csv_row(e, EVENT_CSV) for e in ledger.events)),
    )
