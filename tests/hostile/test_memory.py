"""Issue 19, item 6: `check` on a large YAML ledger holds one entry's parsed values at a time, not the file's.

The YAML reader builds located values from the parser's events and hands each
entry of ``commitments``, ``events`` and ``actors`` to the field readers as
soon as it is complete. These tests hold what that must keep: the same values,
lines and errors as composing the whole document first (the reference below,
the reader as it was), and a peak memory that no longer grows with a tree of
the whole file. The nightly measurement on a 27 MB ledger is
``benchmarks/check_memory.py``.
"""

import tracemalloc

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ledgers import yaml_ledger

from ledger import load_text
from ledger.io.entries import Map, Seq
from ledger.io.problems import Collector
from ledger.io.yaml_format import _Entries, _located

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def composed(text: str):
    """The reference: the whole document composed by PyYAML, then converted (aliases left out of the inputs)."""
    root = yaml.compose(text, Loader=_LOADER)

    def convert(node):
        line, end = node.start_mark.line + 1, node.end_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            fields = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value not in fields:
                    fields[key.value] = convert(value)
            return ("map", fields, line, end)
        if isinstance(node, yaml.SequenceNode):
            return ("seq", [convert(item) for item in node.value], line, end)
        return ("scalar", None if node.tag == "tag:yaml.org,2002:null" else node.value, line, end)

    return None if root is None else convert(root)


class _Keep(_Entries):
    """Entries that keep each streamed item, so the streamed tree can be compared whole."""

    def __init__(self):
        super().__init__("t.yaml", Collector())
        self.kept: dict[str, list] = {}

    def sink_for(self, key):
        return lambda node, index: self.kept.setdefault(key, []).append(node)


def streamed(text: str):
    """The reader's located values, with the entries it handed over put back in their lists."""
    keep = _Keep()
    root = _located(yaml.parse(text, Loader=_LOADER), "t.yaml", keep.out, keep)

    def plain(node):
        if isinstance(node, Map):
            return ("map", {k: plain(v) for k, v in node.fields.items()}, node.line, node.end_line)
        if isinstance(node, Seq):
            return ("seq", [plain(item) for item in node.items], node.line, node.end_line)
        return ("scalar", node.value, node.line, node.end_line)

    if isinstance(root, Map):
        for key, items in keep.kept.items():
            seq = root.fields[key]
            root.fields[key] = Seq(items, seq.line, seq.end_line)
    return None if root is None else plain(root)


SCALARS = st.one_of(
    st.sampled_from(["", "~", "null", "Null", "NULL", "no", "yes", "2025-01-01", "1e3", "0x1F", "a: b", "- x"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(SCALARS, inner, max_size=4),
    max_leaves=12,
)
DOCUMENTS = st.one_of(
    VALUES,
    st.fixed_dictionaries({"commitments": st.lists(VALUES, max_size=3)}, optional={"events": st.lists(VALUES)}),
)


@settings(max_examples=150)
@given(DOCUMENTS, st.booleans(), st.sampled_from(["'", '"', None]))
def test_item6_streamed_values_equal_the_composed_document(value, flow, quote):
    """Every value, null and line the streaming reader gives is what composing the whole document gave."""
    text = yaml.dump(value, default_flow_style=flow, default_style=quote, allow_unicode=True, Dumper=yaml.SafeDumper)
    assert streamed(text) == composed(text)


@pytest.mark.parametrize(
    "text",
    [
        "commitments:\n  - ~\n  - !!null ''\n  - ! ~\n  - 'null'\n  - \"\"\n  -\n",
        "commitments:\n- {id: a, tags: [x, y]}\n- [1, [2, [3]]]\nevents: []\nactors: x\n",
        "? [a, b]\n: value\ncommitments: []\n",
        "a: |\n  block\n  text\nb: >\n  folded\n  text\n",
        "--- !tagged\ncommitments: !!seq\n  - !x {a: 1}\n...\n",
    ],
)
def test_item6_streamed_values_equal_the_composed_document_for_odd_forms(text):
    """Nulls, tags, block scalars, flow style and a list as a key read as composing the document read them."""
    assert streamed(text) == composed(text)


def _large(n: int) -> str:
    return yaml_ledger(n, extra="    events:\n      - type: note\n        on: 2025-03-04\n        sources: []\n")


def test_item6_loading_a_large_yaml_ledger_holds_one_entry_at_a_time():
    """Peak memory while loading is a few times the text, not the ~60x a tree of the whole file took."""
    text = yaml_ledger(3000)
    load_text(text)  # the modules the readers import on first use are not the load's memory
    tracemalloc.start()
    try:
        result = load_text(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.ok and len(result.ledger) == 3000
    # Measured: the reader that composed the whole document first peaked at 63x the text; this one at 9x.
    assert peak < 20 * len(text), peak / len(text)


def test_item6_a_dates_setting_after_the_entries_still_governs_them():
    """'dates: dmy' written after the commitments reads their dates in that order, as it did before streaming."""
    text = yaml_ledger(2).replace("2025-03-03", "3/4/2025") + "dates: dmy\n"
    result = load_text(text, path="l.yaml")
    assert result.ok, result.errors
    assert {c.stated_on.isoformat() for c in result.ledger.commitments} == {"2025-04-03"}


def test_item6_a_bad_dates_setting_after_the_entries_is_reported_once():
    """A late date order that is not one is one bad_setting error, and the dates it would read are reported."""
    text = yaml_ledger(2).replace("2025-03-03", "3/4/2025") + "dates: ymd\n"
    result = load_text(text, path="l.yaml")
    assert [e.code for e in result.errors] == ["bad_date", "bad_date", "bad_setting"]


def test_item6_a_syntax_error_after_valid_entries_gives_one_error_and_no_records():
    """Entries read before the parser stopped are taken back: the file gives its syntax error and nothing else."""
    text = yaml_ledger(3).replace("2025-03-03", "2025-13-03", 1) + "  - id: [\n"
    result = load_text(text, path="l.yaml")
    assert [(e.code, e.line) for e in result.errors] == [("yaml_syntax", 24)]  # where the parser stops, as before
    assert len(result.ledger) == 0


def test_item6_a_second_document_is_a_located_syntax_error():
    """A file of two YAML documents is refused on the line where the second starts, as before."""
    result = load_text(yaml_ledger(2) + "---\n" + yaml_ledger(1), path="l.yaml")
    [error] = result.errors
    assert (error.code, error.line) == ("yaml_syntax", 16) and "another document" in error.message


def test_item6_a_key_given_twice_at_the_top_is_an_error_and_its_second_list_is_not_read():
    """A second 'commitments:' is a duplicate_key error on its line; the first list loads."""
    result = load_text(yaml_ledger(2) + yaml_ledger(1).replace("c0", "x0"), path="l.yaml")
    assert [(e.code, e.line) for e in result.errors] == [("duplicate_key", 16)]
    assert [c.id for c in result.ledger.commitments] == ["c0", "c1"]
