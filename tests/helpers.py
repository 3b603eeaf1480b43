"""Small helpers for tests: load a ledger written inline in a test, read it as plain values, strip a
Parquet pair of its hash as another tool would write it, or compare two phrases' readings."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from ledger.core.columns import COMMITMENTS_SCHEMA, EVENTS_SCHEMA
from ledger.core.tables import LedgerTables
from ledger.deadlines import DeadlineError, parse_deadline
from ledger.io.loader import LoadResult, load_text


def load_doc(text: str, *, format: str = "yaml") -> LoadResult:
    """Load ledger text written indented inside a test (beancount's load_doc)."""
    return load_text(textwrap.dedent(text).lstrip("\n"), format=format)


def codes(result: LoadResult) -> list[tuple[str, int | None]]:
    """The (code, line) pairs of a load's errors, in order."""
    return [(e.code, e.line) for e in result.errors]


class _PlainLoader(yaml.SafeLoader):
    """PyYAML's safe loader with no booleans: a key ``on`` stays text, as the ledger reads it."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def plain_doc(text: str) -> tuple[list[dict], list[dict]]:
    """The commitments and events of inline ledger YAML as plain dicts, read by PyYAML alone.

    Nested events are moved out beside the top-level ones with their
    ``commitment_id``, so the same content can be built as records
    (``from_fields``) or as Arrow tables (``plain_tables``) without the
    loader, which would refuse a broken ledger before it got that far.
    """
    doc = yaml.load(textwrap.dedent(text), Loader=_PlainLoader)
    commitments, events = [], []
    for entry in doc.get("commitments") or ():
        entry = dict(entry)
        for event in entry.pop("events", None) or ():
            events.append({"commitment_id": entry["id"], **event})
        commitments.append(entry)
    events.extend(doc.get("events") or ())
    return commitments, events


def plain_tables(commitments: list[dict], events: list[dict]) -> LedgerTables:
    """Plain commitment and event dicts as ``LedgerTables``, with no record in between."""
    return LedgerTables(
        pa.Table.from_pylist(commitments, schema=COMMITMENTS_SCHEMA),
        # The events' field ``on`` is the column ``happened_on``.
        pa.Table.from_pylist(
            [{("happened_on" if k == "on" else k): v for k, v in e.items()} for e in events], schema=EVENTS_SCHEMA
        ),
    )


def without_stored_hash(folder: Path) -> None:
    """Rewrite the pair ``write_tables`` wrote in ``folder`` as another tool would: the same rows, no
    ``ledger.input_hash``, and Parquet's own names for a list's values."""
    for name in ("commitments.parquet", "events.parquet"):
        table = pq.read_table(folder / name)
        kept = {k: v for k, v in (table.schema.metadata or {}).items() if k != b"ledger.input_hash"}
        pq.write_table(table.replace_schema_metadata(kept), folder / name)


def reading_or_refusal(phrase: str, said: date) -> tuple | str:
    """What ``parse_deadline`` makes of ``phrase``: the window's kind and days, or the name of the refusal's
    class; two phrases that read alike give equal values."""
    try:
        w = parse_deadline(phrase, said)
    except DeadlineError as e:
        return type(e).__name__
    return (w.kind, w.earliest, w.due, w.latest)
