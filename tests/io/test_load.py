"""Loading YAML, CSV and folders into one ledger, with located errors."""

import datetime as dt
from pathlib import Path

import pytest

from ledger import Ledger, load, load_text
from tests.helpers import codes, load_doc

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "fixtures" / "examples"


def test_examples_folder_loads_as_one_ledger():
    """The YAML file and the CSV pair of fixtures/examples load together, without errors."""
    result = load(EXAMPLES)
    assert result.ok, [str(e) for e in result.errors]
    ledger = result.ledger
    assert {c.id for c in ledger.commitments} == {
        "bridge-reopening",
        "budget-plan",
        "bridge-reopening-2",
        "tram-timetable",
        "library-hours",
        "pool-repair",
        "pool-repair-2",
    }
    assert len(ledger.events) == 6
    assert len(result.files) == 4  # the YAML file, and actors.csv beside the CSV pair
    # both formats' actors sections are read, and their aliases resolved
    assert {a.name for a in result.actors} == {"Mayor Ada Example", "City Transit Agency", "Councillor Ben Sample"}
    assert ledger.commitment("bridge-reopening-2").actor == "Mayor Ada Example"  # written "Ada Example"
    assert ledger.commitment("pool-repair-2").actor == "Councillor Ben Sample"  # written "Ben Sample"


def test_yaml_fields_are_read_as_written():
    """Every optional field of the YAML example arrives in the record."""
    ledger = load(EXAMPLES / "example.yaml").ledger
    budget = ledger.commitment("budget-plan")
    assert budget.stated_on == dt.date(2025, 3, 10)
    assert budget.recorded_on == dt.date(2025, 3, 12)
    assert budget.tags == ("finance", "2025")
    assert budget.topic == "budget"
    assert [s.url for s in budget.sources] == [
        "https://example.org/news/budget-pledge",
        "https://example.org/video/council-meeting",
    ]
    assert budget.sources[0].published_on == dt.date(2025, 3, 10)
    assert [(e.type, e.on) for e in ledger.events_for("budget-plan")] == [
        ("partial", dt.date(2025, 3, 28)),
        ("fulfilled", dt.date(2025, 4, 15)),
    ]
    assert ledger.events_for("budget-plan")[1].recorded_on == dt.date(2025, 4, 16)
    assert ledger.commitment("bridge-reopening-2").supersedes == "bridge-reopening"
    # top-level events attach to the commitment they name
    assert [e.type for e in ledger.events_for("tram-timetable")] == ["note"]


def test_origin_points_at_the_entry_line():
    """Each record remembers the file and line it came from."""
    ledger = load(EXAMPLES / "example.yaml").ledger
    origin = ledger.commitment("budget-plan").origin
    assert origin is not None and origin.path.endswith("example.yaml") and origin.line == 28


def test_csv_several_sources_and_tags_in_one_cell():
    """' | ' separates several sources (url, title, quote, date aligned) and tags."""
    ledger = load(EXAMPLES / "spreadsheet").ledger
    hours = ledger.commitment("library-hours")
    assert hours.tags == ("services", "evenings")
    assert [(s.url, s.title, s.quote, s.published_on) for s in hours.sources] == [
        ("https://example.org/a", "Councillor pledges later hours", "by May", dt.date(2025, 2, 1)),
        ("https://example.org/b", "Interview", None, None),
    ]
    assert ledger.commitment("pool-repair").text == "Repair the public pool, including the roof"
    assert ledger.commitment("pool-repair-2").supersedes == "pool-repair"
    assert ledger.events_for("pool-repair-2")[0].recorded_on == dt.date(2025, 5, 3)


def test_yaml_scalars_stay_text():
    """'no', 'yes', '1.0' and dates stay text where text is expected (no YAML 1.1 surprises)."""
    result = load_doc(
        """
        commitments:
          - id: "2025"
            actor: no
            stated_on: 2025-01-02
            text: 1.0
            deadline: soon
            topic: yes
            tags: [on, off]
            sources: [{url: "https://example.org"}]
        """
    )
    assert result.ok, result.errors
    c = result.ledger.commitment("2025")
    assert (c.actor, c.text, c.topic, c.tags) == ("no", "1.0", "yes", ("on", "off"))


def test_errors_are_collected_not_raised():
    """Several bad entries give several errors, and the good entry still loads."""
    result = load_doc(
        """
        commitments:
          - id: good
            actor: A
            stated_on: 2025-01-01
            text: t
            deadline: soon
            sources: [{url: "https://example.org"}]
          - id: bad-date
            actor: A
            stated_on: 2025-02-30
            text: t
            deadline: soon
            sources: [{url: "https://example.org"}]
          - id: no-actor
            stated_on: 2025-01-01
            text: t
            deadline: soon
            sources: [{url: "https://example.org"}]
        """
    )
    assert [c.id for c in result.ledger.commitments] == ["good"]
    assert codes(result) == [("bad_date", 10), ("missing_field", 14)]
    assert not result.ok
    assert result.summary() == "1 commitment, 0 events, 2 problems"


def test_events_of_a_dropped_commitment_are_reported_not_lost():
    """When a commitment is left out, each of its events says why it was left out too."""
    result = load_doc(
        """
        commitments:
          - id: a
            actor: A
            stated_on: 2025-01-01
            text: t
            deadline: soon
            sources: [{url: "not-a-url"}]
            events:
              - {on: 2025-02-01, type: fulfilled}
          - id: b
            actor: A
            stated_on: 2025-01-05
            text: t
            deadline: soon
            supersedes: a
            sources: [{url: "https://example.org"}]
        """
    )
    assert codes(result) == [("bad_url", 7), ("depends_on_invalid", 9), ("depends_on_invalid", 10)]
    assert len(result.ledger) == 0


def test_error_sentences_say_how_to_fix():
    """Messages carry a concrete fix: a did-you-mean, the date format, an example."""
    result = load_doc(
        """
        commitments:
          - id: a
            actor: A
            stated_on: 16/10/2025
            text: t
            deadine: soon
            sources: [{url: "https://example.org"}]
        """
    )
    messages = [e.message for e in result.errors]
    assert any("YYYY-MM-DD" in m for m in messages)
    assert any("did you mean 'deadline'?" in m for m in messages)
    assert any("deadline: two weeks or so" in m for m in messages)


def test_unknown_event_type_suggests_the_nearest():
    """A misspelt event type gets a did-you-mean."""
    result = load_doc(
        """
        commitments:
          - id: a
            actor: A
            stated_on: 2025-01-01
            text: t
            deadline: soon
            sources: [{url: "https://example.org"}]
            events: [{on: 2025-01-02, type: fulfiled}]
        """
    )
    assert "did you mean 'fulfilled'?" in result.errors[0].message


def test_same_day_supersedes_is_allowed():
    """A deadline restated later on the same day is a valid reset."""
    result = load_doc(
        """
        commitments:
          - {id: a, actor: A, stated_on: 2025-01-01, text: t, deadline: soon, sources: [{url: "https://e.org"}]}
          - {id: b, actor: A, stated_on: 2025-01-01, text: t, deadline: soon, supersedes: a, sources: [{url: "https://e.org"}]}
        """
    )
    assert result.ok


def test_csv_events_file_alone_reports_unknown_commitments():
    """An events.csv loaded without its commitments names each unknown commitment."""
    result = load_text("commitment_id,on,type\nx,2025-01-01,fulfilled\n", format="events.csv", path="events.csv")
    assert codes(result) == [("unknown_commitment", 2)]


def test_csv_multiline_cell_keeps_line_numbers():
    """A quoted cell spanning two lines does not shift the line of later rows."""
    text = (
        "id,actor,stated_on,text,deadline,source_url\n"
        'a,A,2025-01-01,"two\nlines",soon,https://e.org\n'
        "b,A,2025-13-01,t,soon,https://e.org\n"
    )
    result = load_text(text, format="commitments.csv")
    assert codes(result) == [("bad_date", 4)]


def test_csv_blank_lines_are_skipped():
    """Blank rows that spreadsheets leave at the end are not errors."""
    text = "id,actor,stated_on,text,deadline,source_url\na,A,2025-01-01,t,soon,https://e.org\n,,,,,\n\n"
    assert load_text(text, format="commitments.csv").ok


def test_utf8_bom_is_accepted():
    """Excel's 'CSV UTF-8' starts with a byte-order mark; it loads like plain UTF-8."""
    text = "\ufeffid,actor,stated_on,text,deadline,source_url\na,Zoë,2025-01-01,t,soon,https://e.org\n"
    result = load_text(text.encode("utf-8"), format="commitments.csv")
    assert result.ok and result.ledger.commitment("a").actor == "Zoë"


def test_missing_path_is_an_error_not_an_exception(tmp_path):
    """A path that does not exist is reported with code file_not_found."""
    result = load(tmp_path / "nope.yaml")
    assert codes(result) == [("file_not_found", None)]
    assert result.ledger == Ledger()


def test_load_needs_a_path():
    """Calling load() with nothing is API misuse, not bad data."""
    with pytest.raises(TypeError):
        load()


def test_load_text_rejects_unknown_format():
    """An unknown format name is a ValueError naming the choices."""
    with pytest.raises(ValueError, match="format must be one of"):
        load_text("", format="toml")


def test_hidden_folders_are_ignored(tmp_path):
    """Files under .git or other hidden folders are not ledger files."""
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.yaml").write_text("nonsense: [")
    (tmp_path / "a.yaml").write_text("commitments: []\n")
    assert load(tmp_path).ok


def test_load_result_repr_is_short():
    """The plain repr says what loaded and how many problems."""
    assert repr(load_text("commitments: []")) == "<LoadResult: 0 commitments, 0 events, no problems>"


BASE = """
commitments:
  - id: {id}
    actor: X
    stated_on: {stated}
    text: t
    deadline: {deadline}
    {extra}
    sources: [{{url: "https://example.org"}}]
    events:
      - {{on: 2025-01-05, type: fulfilled}}
"""


@pytest.mark.parametrize(
    "fields, expected",
    [
        # events under a commitment without a usable id are reported, not dropped
        (dict(id='"bad id"'), [("bad_id", 3), ("depends_on_invalid", 11)]),
        # a blank tag is a located error, not an exception
        (dict(extra="tags: ['  ']"), [("wrong_type", 8), ("depends_on_invalid", 11)]),
    ],
)
def test_odd_values_become_located_errors(fields, expected):
    """Values the model refuses, or that overflow the calendar, are errors with a line, never exceptions."""
    values = dict(id="a", stated="2025-01-01", deadline="soon", extra="topic: t")
    values.update(fields)
    assert codes(load_text(BASE.format(**values))) == expected


def test_a_deadline_that_cannot_be_read_is_kept_with_a_located_warning():
    """A window past year 9999 is no crash and no lost record: a warning with its line, and the entry kept."""
    values = dict(id="a", stated="2025-01-01", deadline="in 9000 years", extra="topic: t")
    result = load_text(BASE.format(**values))
    assert result.ok and [c.id for c in result.ledger.commitments] == ["a"]
    assert [(w.code, w.line, w.field) for w in result.warnings] == [("deadline_not_read", 7, "deadline")]
    assert "'unreadable'" in result.warnings[0].message and "deadline_means" in result.warnings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "commitments: &a [*a]\n",
        "commitments:\n  - &a {id: x, events: [*a]}\n",
        "a: &x [1]\nb: &y [*x, *x]\ncommitments: *y\n",
    ],
)
def test_yaml_aliases_are_refused(text):
    """Aliases can recurse forever or blow up; they are a syntax error with a line."""
    result = load_text(text)
    assert [e.code for e in result.errors][:1] == ["yaml_syntax"]
    assert "aliases" in result.errors[0].message


def test_csv_source_details_without_url_are_reported():
    """A title without a url in events.csv is a source without url, not silently dropped."""
    result = load_text(
        "commitment_id,on,type,source_url,source_title\na,2025-01-05,fulfilled,,Report\n", format="events.csv"
    )
    assert codes(result) == [("source_without_url", 2)]


def test_csv_repeated_column_is_refused():
    """Two columns with one name would let one silently overwrite the other."""
    result = load_text(
        "id,actor,stated_on,text,deadline,deadline,source_url\n"
        "a,X,2025-01-01,t,in two weeks,in 50 days,https://e.org\n",
        format="commitments.csv",
    )
    assert codes(result) == [("duplicate_key", 1)]


def test_duplicate_of_an_entry_with_errors_is_reported_now():
    """A second entry reusing the id of a broken first one is a duplicate today, not after the fix."""
    result = load_doc(
        """
        commitments:
          - {id: a, actor: X, stated_on: 2025-13-01, text: t, deadline: soon, sources: [{url: "https://e.org"}]}
          - {id: a, actor: X, stated_on: 2025-01-01, text: t, deadline: soon, sources: [{url: "https://e.org"}]}
        """
    )
    assert codes(result) == [("bad_date", 2), ("duplicate_id", 3)]
