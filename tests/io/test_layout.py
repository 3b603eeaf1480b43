"""The file formats' field lists, derived from the declarations, are pinned here as docs/format.md gives them."""

from ledger.io import layout

# Written out on purpose: a field added to or reordered in a record changes
# these derived lists, and the on-disk formats with them; that must be a
# decision (and a docs/format.md edit), not an accident.
PINNED = {
    "COMMITMENT_FIELDS": (
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
    ),
    "EVENT_FIELDS": ("commitment_id", "on", "type", "recorded_on", "note", "sources"),
    "SOURCE_FIELDS": ("url", "title", "quote", "published_on"),
    "CSV_COMMITMENT_COLUMNS": (
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
    ),
    "CSV_COMMITMENT_REQUIRED": ("id", "actor", "stated_on", "text", "deadline", "source_url"),
    "CSV_EVENT_COLUMNS": (
        "commitment_id",
        "on",
        "type",
        "note",
        "recorded_on",
        "source_url",
        "source_title",
        "quote",
        "source_published_on",
    ),
    "CSV_EVENT_REQUIRED": ("commitment_id", "on", "type"),
}


def test_derived_field_lists_are_the_documented_formats():
    """Each list the readers and writers use is what the format has always been."""
    for name, expected in PINNED.items():
        assert getattr(layout, name) == expected, name
    assert layout.names(layout.COMMITMENT_YAML) == (
        "id",
        "actor",
        "stated_on",
        "text",
        "deadline",
        "deadline_means",
        "topic",
        "tags",
        "supersedes",
        "recorded_on",
        "sources",
    )


def test_every_column_is_in_the_docs():
    """docs/format.md names every CSV column the reader accepts."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text(encoding="utf-8")
    for column in {*layout.CSV_COMMITMENT_COLUMNS, *layout.CSV_EVENT_COLUMNS}:
        assert f"`{column}`" in text, column
