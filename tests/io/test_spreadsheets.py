"""Spreadsheets as journalists export them: US dates, midnight times, loose headers, semicolons."""

import datetime as dt
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ledger
from ledger import load_text
from tests import strategies

#: A Google Sheets export (File > Download > CSV) of a US-locale sheet: M/D/YYYY dates, headers as typed.
SHEETS_EXPORT = (
    "ID,Actor,Stated On,Text,Deadline,Source URL,Recorded on\r\n"
    "robotaxi,Elon Musk,1/29/2025,Launch a paid robotaxi service in Austin,in June,https://example.org/a,1/30/2025\r\n"
    "mars,Elon Musk,3/4/2025,Send Starship to Mars,by the end of next year,https://example.org/b,\r\n"
    "fsd,Elon Musk,12/12/2025,Unsupervised self-driving,by the end of the year,https://example.org/c,\r\n"
    "cheap,Elon Musk,1/6/2025,A cheaper model,in the first half of 2025,https://example.org/d,\r\n"
)


def _commitments(text: str, **kw):
    return load_text(text, format="commitments.csv", path="commitments.csv", **kw)


def test_a_sheets_export_with_us_dates_loads_with_dates_mdy():
    """With --dates mdy every row loads, each date read month first."""
    result = _commitments(SHEETS_EXPORT, dates="mdy")
    assert result.ok, [str(e) for e in result.errors]
    assert [c.stated_on for c in result.ledger.commitments] == [
        dt.date(2025, 1, 29),
        dt.date(2025, 3, 4),
        dt.date(2025, 12, 12),
        dt.date(2025, 1, 6),
    ]
    assert result.ledger.commitment("robotaxi").recorded_on == dt.date(2025, 1, 30)


def test_without_an_order_each_error_says_which_order_reads_the_file():
    """One error per date, each naming the order that reads it and the one that reads the whole file."""
    result = _commitments(SHEETS_EXPORT)
    assert [(e.code, e.line, e.field) for e in result.errors] == [
        ("bad_date", 2, "stated_on"),
        ("bad_date", 2, "recorded_on"),
        ("bad_date", 3, "stated_on"),
        ("bad_date", 4, "stated_on"),
        ("bad_date", 5, "stated_on"),
    ]
    first, _, ambiguous, *_ = (e.message for e in result.errors)
    assert "reads only as month/day/year (2025-01-29)" in first
    assert "could be 2025-03-04 (mdy) or 2025-04-03 (dmy)" in ambiguous
    assert all(
        "all 5 dates like it in this file read as month/day/year: pass --dates mdy" in e.message for e in result.errors
    )


def test_the_order_can_be_declared_in_the_file():
    """A first line '# dates: mdy' in a CSV, and 'dates: dmy' in a YAML header, declare the file's order."""
    result = _commitments("# dates: mdy\n" + SHEETS_EXPORT)
    assert result.ok and len(result.ledger) == 4
    yaml = """dates: dmy
commitments:
  - id: a
    actor: X
    stated_on: 29.01.2025
    text: t
    deadline: soon
    sources: [{url: https://example.org}]
"""
    assert load_text(yaml).ledger.commitment("a").stated_on == dt.date(2025, 1, 29)
    # the file's own order wins over the one given for every file
    assert load_text(yaml, dates="mdy").ledger.commitment("a").stated_on == dt.date(2025, 1, 29)


@pytest.mark.parametrize("line", ["# dates: mdy", '"# dates: mdy",,,,,,', "#dates:MDY;;;"])
def test_the_setting_line_survives_a_spreadsheet_saving_it(line):
    """A setting line padded with empty cells or quoted, as a spreadsheet saves it, still declares the order."""
    result = _commitments(line + "\n" + SHEETS_EXPORT)
    assert result.ok and len(result.ledger) == 4


def test_a_line_number_counts_the_setting_line():
    """Errors after a '# dates:' line name the line as the file has it."""
    result = _commitments("# dates: dmy\n" + SHEETS_EXPORT)
    assert [(e.line, e.field) for e in result.errors][:1] == [(3, "stated_on")]
    assert "the date order is dmy" in result.errors[0].message
    assert "as month/day/year it would be 2025-01-29" in result.errors[0].message


@pytest.mark.parametrize(
    "written, read",
    [
        ("2025-10-16 00:00:00", dt.date(2025, 10, 16)),
        ("2025-10-16T00:00", dt.date(2025, 10, 16)),
        ("2025-1-6", dt.date(2025, 1, 6)),
        ("2025/1/6", dt.date(2025, 1, 6)),
    ],
)
def test_spreadsheet_forms_of_iso_dates_are_read_without_a_setting(written, read):
    """The ISO forms spreadsheets write are read as the day they name."""
    result = _commitments(f"id,actor,stated_on,text,deadline,source_url\na,X,{written},t,soon,https://example.org\n")
    assert result.ok and result.ledger.commitment("a").stated_on == read


def test_a_time_of_day_is_refused_with_a_reason():
    """2025-10-16 13:30 is not a calendar date: the message says so rather than guess the day."""
    result = _commitments(
        "id,actor,stated_on,text,deadline,source_url\na,X,2025-10-16 13:30,t,soon,https://example.org\n"
    )
    assert [e.code for e in result.errors] == ["bad_date"] and "time of day" in result.errors[0].message


def test_a_bad_date_order_setting_is_an_error():
    """`dates: ymd` is a bad_setting naming both orders; the file's ISO dates still load."""
    result = load_text("dates: ymd\ncommitments: []\n")
    assert [(e.code, e.line, e.field) for e in result.errors] == [("bad_setting", 1, "dates")]
    assert "mdy" in result.errors[0].message and "dmy" in result.errors[0].message
    with pytest.raises(ValueError, match="'dates' must be one of mdy, dmy"):
        ledger.load("fixtures", dates="ymd")


@given(strategies.dates, st.sampled_from(["mdy", "dmy"]), st.sampled_from(["/", ".", "-"]), st.booleans())
def test_a_date_written_in_the_declared_order_reads_back(day, order, sep, padded):
    """Any day written month/day or day/month first, padded or not, reads back as that day in its order."""
    m, d = (f"{day.month:02}", f"{day.day:02}") if padded else (str(day.month), str(day.day))
    written = sep.join((m, d) if order == "mdy" else (d, m)) + f"{sep}{day.year}"
    result = _commitments(
        f"id,actor,stated_on,text,deadline,source_url\na,X,{written},t,soon,https://example.org\n", dates=order
    )
    assert result.ok and result.ledger.commitment("a").stated_on == day


@pytest.mark.parametrize("header", ["Stated On", "stated on", " STATED_ON ", "Stated-On"])
def test_headers_match_without_case_or_spaces(header):
    """'Stated On' is stated_on, as are its other spellings."""
    result = _commitments(f"id,actor,{header},text,deadline,source_url\na,X,2025-01-01,t,soon,https://example.org\n")
    assert result.ok and result.ledger.commitment("a").stated_on == dt.date(2025, 1, 1)


def test_an_unknown_header_suggests_the_nearest_column():
    """A header that names no column, however spelled, is an error with a did-you-mean."""
    result = _commitments("id,actor,Stated,text,deadline,source_url\na,X,2025-01-01,t,soon,https://example.org\n")
    assert [(e.code, e.field) for e in result.errors][:1] == [("unknown_field", "Stated")]
    assert "did you mean 'stated_on'?" in result.errors[0].message


def test_a_semicolon_file_is_read_and_said_to_be_one():
    """Excel's semicolon CSV loads as if it had commas, with a csv_semicolons warning on its header line."""
    text = SHEETS_EXPORT.replace(",", ";")
    result = _commitments(text, dates="mdy")
    assert result.ok and len(result.ledger) == 4
    assert [(w.code, w.line, w.severity) for w in result.warnings] == [("csv_semicolons", 1, "warning")]
    assert "semicolons" in result.warnings[0].message


def test_a_comma_file_with_semicolons_in_its_text_is_not_a_semicolon_file():
    """A semicolon inside a quoted cell of a comma file does not change how the file is read."""
    text = 'id,actor,stated_on,text,deadline,source_url\na,X,2025-01-01,"one; two",soon,https://example.org\n'
    result = _commitments(text)
    assert result.ok and result.warnings == () and result.ledger.commitment("a").text == "one; two"


def test_one_file_of_a_csv_pair_reads_the_pair(tmp_path):
    """Naming commitments.csv alone once judged every commitment with no events and no aliases: a wrong
    verdict with no warning. One file of a pair now means the pair (with actors.csv), and a file named
    twice (a folder and a file in it) is read once."""
    load = ledger.load
    pair = tmp_path / "pair"
    shutil.copytree("fixtures/examples/spreadsheet", pair)
    whole = load(pair)
    assert whole.ok and whole.ledger.events
    for paths in (
        [pair / "commitments.csv"],
        [pair / "events.csv"],
        [pair / "commitments.csv", pair / "events.csv"],
        [pair, pair / "commitments.csv"],
    ):
        result = load(*paths)
        assert result.ok, (paths, result.errors)
        assert result.ledger.commitments == whole.ledger.commitments, paths
        assert result.ledger.events == whole.ledger.events, paths
    (pair / "events.csv").unlink()
    alone = load(pair / "commitments.csv")
    assert alone.ok and not alone.ledger.events and alone.ledger.commitments == whole.ledger.commitments
