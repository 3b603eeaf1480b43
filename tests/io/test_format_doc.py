"""docs/format.md lists every table's columns, in order and with their types, so the docs cannot drift."""

import re
from pathlib import Path

import pyarrow as pa
import pytest

from ledger.core.columns import COMMITMENTS_SCHEMA, EVENTS_SCHEMA
from ledger.io.results import CHAINS_SCHEMA, VERDICTS_SCHEMA, follow_through_schema, survival_schema
from ledger.verdicts.over_time import OVER_TIME_FILE, follow_through_over_time_schema

DOC = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text(encoding="utf-8")

SCHEMAS = {
    "commitments.parquet": COMMITMENTS_SCHEMA,
    "events.parquet": EVENTS_SCHEMA,
    "verdicts.parquet": VERDICTS_SCHEMA,
    "chains.parquet": CHAINS_SCHEMA,
    # The defaults: follow_through by actor, time_to_fulfilment ungrouped.
    "follow_through_<by>.parquet": follow_through_schema(("actor",)),
    "survival.parquet": survival_schema(()),
    OVER_TIME_FILE: follow_through_over_time_schema(("actor",)),
}


def documented(file_name: str) -> list[tuple[str, str]]:
    """The (column, type) rows of the table under the heading "### `file_name`"."""
    heading = f"### `{file_name}`\n"
    assert DOC.count(heading) == 1, f"docs/format.md has no single section {heading.strip()!r}"
    section = DOC.split(heading, 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", section, flags=re.MULTILINE)


def doc_type(kind: pa.DataType) -> str:
    """An Arrow type as the docs write it."""
    if pa.types.is_dictionary(kind):
        return f"dictionary<{kind.index_type}, {kind.value_type}>"
    if pa.types.is_list(kind) and pa.types.is_struct(kind.value_type):
        fields = ", ".join(f"{f.name}: {doc_type(f.type)}" for f in kind.value_type)
        return f"list<struct<{fields}>>"
    if pa.types.is_list(kind):
        return f"list<{doc_type(kind.value_type)}>"
    return {"date32[day]": "date32"}.get(str(kind), str(kind))


@pytest.mark.parametrize("file_name", list(SCHEMAS))
def test_format_doc_lists_each_schema_exactly(file_name):
    """Every column of the schema, in order, with its type; nothing more."""
    schema = SCHEMAS[file_name]
    assert documented(file_name) == [(f.name, doc_type(f.type)) for f in schema]


def test_every_result_table_is_documented():
    """Each file the library writes has its section (the list above is complete)."""
    assert set(re.findall(r"^### `([^`]+\.parquet)`$", DOC, flags=re.MULTILINE)) == set(SCHEMAS)
