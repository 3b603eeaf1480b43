"""One invalid ledger per error code: each gives exactly its planted errors."""

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ledger import ERROR_CODES, LoadError, load, load_text
from ledger.io.problems import WARNING_CODES
from tests.helpers import codes

INVALID = Path(__file__).resolve().parents[1] / "invalid"
EXPECTED = {k: v for k, v in json.loads((INVALID / "expected.json").read_text()).items() if not k.startswith("_")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_ledger_gives_its_planted_errors(name):
    """Loading the file gives exactly the expected (code, line) errors, with path and field."""
    path = INVALID / name
    result = load(path)
    assert codes(result) == [tuple(pair) for pair in EXPECTED[name]]
    for error in result.errors:
        assert Path(error.path).parts[-len(Path(name).parts) :] == Path(name).parts
        # the sentence names the field it is about
        assert error.field is None or error.field in error.message or error.code == "depends_on_invalid"


def test_every_error_code_has_a_planted_example():
    """Walk the closed set of codes: each has an invalid ledger (or, for a missing path, a test)."""
    planted = {code for pairs in EXPECTED.values() for code, _ in pairs}
    assert set(ERROR_CODES) - planted == {"file_not_found"}  # tested in test_load.py
    assert planted <= set(ERROR_CODES)


def test_invalid_folder_reports_every_planted_error():
    """Loading the whole folder reports the union of the planted errors, none lost, none extra."""
    result = load(INVALID)
    got = sorted((Path(e.path).relative_to(INVALID).as_posix(), e.code, e.line) for e in result.errors)
    # no_ledger_files only fires for the empty folder loaded on its own
    want = sorted(
        (name, code, line) for name, pairs in EXPECTED.items() if name != "no_ledger_files" for code, line in pairs
    )
    assert got == want


def test_docs_list_every_error_code_in_order():
    """docs/format.md's table of codes is ERROR_CODES, in the same order, each with its meaning."""
    text = (INVALID.parents[1] / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("\n## Errors\n", 1)[1].split("\n## ", 1)[0]
    errors, warnings = section.split("\nThe warnings", 1)
    plain = str.maketrans("", "", "`'")
    for table, codes_ in ((errors, ERROR_CODES), (warnings, WARNING_CODES)):
        rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", table, re.M)
        assert [code for code, _ in rows] == list(codes_)
        for code, meaning in rows:
            # The docs may add a clause in brackets, and quote names as code.
            assert meaning.translate(plain).startswith(codes_[code].split(" (")[0].translate(plain)), code


def test_unknown_code_cannot_be_constructed():
    """Codes are a closed set: a typo in the library fails at once."""
    with pytest.raises(ValueError):
        LoadError("not_a_code", "x", 1, None, "m")


def test_errors_serialise_to_the_documented_json_keys():
    """to_dict has exactly code, severity, path, line, field, message."""
    result = load(INVALID / "bad_date.yaml")
    assert result.errors[0].to_dict() == {
        "code": "bad_date",
        "severity": "error",
        "path": str(INVALID / "bad_date.yaml"),
        "line": 4,
        "field": "stated_on",
        "message": result.errors[0].message,
    }


@given(st.binary(max_size=300))
def test_loading_arbitrary_bytes_never_raises(data):
    """Any bytes, as YAML or as CSV, give a result with located errors, never an exception."""
    for fmt in ("yaml", "commitments.csv", "events.csv"):
        result = load_text(data, format=fmt, path="fuzz")
        for error in result.errors:
            assert error.code in ERROR_CODES and error.path == "fuzz"


_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.dates().map(str)
_fields = st.sampled_from(
    [
        "id",
        "actor",
        "stated_on",
        "text",
        "deadline",
        "topic",
        "sources",
        "events",
        "url",
        "on",
        "type",
        "supersedes",
        "commitments",
        "tags",
        "x",
    ]
)
_documents = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_fields, inner, max_size=6), max_leaves=25
)


@given(
    st.dictionaries(st.sampled_from(["commitments", "events", "title", "other"]), _documents, max_size=3) | _documents
)
def test_loading_arbitrary_yaml_documents_never_raises(document):
    """Any YAML document loads into located errors or a valid ledger, never an exception."""
    text = yaml.safe_dump(document)
    result = load_text(text, path="doc.yaml")
    for error in result.errors:
        assert error.code in ERROR_CODES
        assert error.line is None or error.line >= 1


_ONE = (
    "  - id: {id}\n    actor: {actor}\n    stated_on: 2025-01-01\n    text: t\n    deadline: soon\n"
    "{extra}    sources: [{{url: https://example.org}}]\n"
)
#: One small ledger per warning code that gives that warning, and its format.
WARNING_EXAMPLES = {
    "similar_actors": (
        "commitments:\n"
        + _ONE.format(id="a", actor="Ann Lee", extra="")
        + _ONE.format(id="b", actor="ann lee", extra=""),
        "yaml",
    ),
    "candidate": ("commitments:\n" + _ONE.format(id="a", actor="Ann Lee", extra="    tags: [candidate]\n"), "yaml"),
    "deadline_not_read": (
        "commitments:\n" + _ONE.format(id="a", actor="Ann Lee", extra="").replace("soon", "fortnightish"),
        "yaml",
    ),
    "csv_semicolons": (
        "id;actor;stated_on;text;deadline;source_url\na;X;2025-01-01;t;soon;https://example.org\n",
        "commitments.csv",
    ),
}


def test_every_warning_code_has_an_example():
    """Walk the closed set of warning codes: each has an example below."""
    assert set(WARNING_EXAMPLES) == set(WARNING_CODES)


@pytest.mark.parametrize("code", sorted(WARNING_EXAMPLES))
def test_a_warning_leaves_every_record_in(code):
    """Each warning is reported with severity 'warning', and the ledger keeps every entry."""
    text, fmt = WARNING_EXAMPLES[code]
    result = load_text(text, format=fmt)
    assert result.ok and [w.code for w in result.warnings] == [code]
    assert result.warnings[0].severity == "warning" and result.warnings[0].line is not None
    assert len(result.ledger) == text.count("id: ") + text.count("\na;")
    assert "warning" in result.summary()
