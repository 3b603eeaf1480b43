"""Issue 19, item 8: the smaller holes."""

import datetime as dt

import pytest
from ledgers import CSV_HEADER, csv_row, yaml_ledger

from ledger import Commitment, Ledger, Source, load_text
from ledger.cli import main
from ledger.io.dump import dump_csv


def test_item8_duplicate_key_record_left_out():
    """A commitment that gives a key twice is an error on the second key and is left out; the rest load."""
    text = yaml_ledger(extra="    deadline: in three weeks\n")
    result = load_text(text, path="l.yaml")
    [error] = result.errors
    assert (error.code, error.line, error.field) == ("duplicate_key", 16, "deadline")
    assert "first on line 13" in error.message and "left out" in error.message
    assert [c.id for c in result.ledger.commitments] == ["c0", "c2"]


def test_item8_duplicate_key_in_a_source_leaves_its_commitment_out():
    """A key given twice in a nested mapping (a source) leaves the commitment holding it out."""
    text = yaml_ledger(extra="        url: https://example.org/again\n")
    result = load_text(text, path="l.yaml")
    assert [(e.code, e.line) for e in result.errors] == [("duplicate_key", 16)]
    assert [c.id for c in result.ledger.commitments] == ["c0", "c2"]


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\ufffe"])
def test_item8_control_characters_in_yaml_errors_carry_a_line(character):
    """A control character YAML refuses is a yaml_syntax error on its line, naming the character."""
    text = yaml_ledger().replace("Reopen bridge number 2", f"Reopen{character} bridge number 2")
    [error] = load_text(text, path="l.yaml").errors
    assert (error.code, error.line) == ("yaml_syntax", 19)
    assert f"U+{ord(character):04X}" in error.message


def test_item8_terminal_escape_codes_from_data_are_escaped_in_check_output(tmp_path, capsys):
    """`check` shows escape codes, bidi controls and U+2028 from a file as text: the file cannot forge output."""
    row = csv_row(1, "\x1b[2J\u202eforged\u2028l.csv:1: fake").replace("2025-03-03", "2025-13-03")
    (tmp_path / "commitments.csv").write_text(CSV_HEADER + csv_row(0) + row, encoding="utf-8")
    assert main(["check", str(tmp_path / "commitments.csv")]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err and "\u2028" not in err
    assert "\\x1b[2J" in err and "\\u202e" in err


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_item8_dump_csv_cells_are_protected_from_formula_execution(start):
    """A cell starting with = + - @ is written with an apostrophe first, and reads back as it was."""
    commitment = Commitment(
        id="f",
        actor=f"{start}HYPERLINK(1)",
        stated_on=dt.date(2025, 1, 1),
        text=f"{start}1+1",
        deadline="soon",
        sources=[Source(url="https://example.org/f")],
    )
    commitments, _ = dump_csv(Ledger([commitment]))
    row = commitments.splitlines()[1]
    assert f"'{start}HYPERLINK(1)" in row and f"'{start}1+1" in row
    assert not [cell for cell in row.split(",") if cell and cell[0] in "=+-@"]
    again = load_text(commitments, path="commitments.csv", format="commitments.csv")
    assert not again.errors
    assert again.ledger.commitments[0].actor == f"{start}HYPERLINK(1)"


def test_item8_a_tag_containing_a_bar_is_refused_by_dump_csv():
    """A tag holding '|' would reload as two tags: dump_csv refuses it with a sentence."""
    commitment = Commitment(id="t", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="soon", tags=["a|b"])
    with pytest.raises(ValueError, match="separates values in a CSV cell"):
        dump_csv(Ledger([commitment]))


@pytest.mark.parametrize("url", ["https://example.org/a\nactor: Forged", "https://example.org/\r", "not a url"])
def test_item8_extract_url_with_a_newline_is_refused(url, tmp_path, capsys):
    """`extract --url` with a line break (or not a URL) is a usage error: it cannot inject YAML keys."""
    (tmp_path / "a.txt").write_text("The mayor said the bridge would reopen within two weeks.")
    assert main(["extract", str(tmp_path / "a.txt"), "--on", "2025-10-16", "--url", url]) == 2
    assert "is not one http(s) URL on one line" in capsys.readouterr().err


def test_item8_check_echoes_the_right_csv_row_after_a_u2028():
    """A U+2028 inside a CSV cell is not a line break: the entry echoed with an error is the row it names."""
    text = CSV_HEADER + csv_row(0, "one\u2028two") + csv_row(1).replace("2025-03-03", "2025-13-03")
    [error] = load_text(text, path="commitments.csv", format="commitments.csv").errors
    assert error.line == 3 and error.entry.startswith("c1,")


def test_item8_check_echoes_the_right_yaml_entry_after_a_u2028():
    """YAML counts U+2028 as a line break, and the echo of an entry after one counts the same."""
    text = (
        yaml_ledger(3)
        .replace("Reopen bridge number 0", '"one\u2028two"')
        .replace("2025-03-03\n    text: Reopen bridge number 2", "2025-13-03\n    text: Reopen bridge number 2")
    )
    [error] = load_text(text, path="l.yaml").errors
    assert error.code == "bad_date" and "2025-13-03" in error.entry and "id: c2" in error.entry


def test_item8_an_alias_error_names_the_alias_line_and_the_anchor_line():
    """An alias is refused on its own line (where the fix goes), naming the anchor's line as context."""
    text = yaml_ledger(3).replace(
        "actor: Mayor Ada Example\n    stated_on: 2025-03-03\n    text: Reopen bridge number 0",
        "actor: &mayor Mayor Ada Example\n    stated_on: 2025-03-03\n    text: Reopen bridge number 0",
    )
    text = text.replace(
        "actor: Mayor Ada Example\n    stated_on: 2025-03-03\n    text: Reopen bridge number 2",
        "actor: *mayor\n    stated_on: 2025-03-03\n    text: Reopen bridge number 2",
    )
    result = load_text(text, path="l.yaml")
    [error] = result.errors
    assert (error.code, error.line) == ("yaml_syntax", 17)
    assert "*mayor" in error.message and "&mayor on line 3" in error.message
    assert len(result.ledger) == 0  # a file with an alias is refused whole, as before


def test_item8_an_alias_without_its_anchor_is_refused_on_its_line():
    """An alias naming no anchor is the same error, on the alias's line."""
    [error] = load_text(yaml_ledger(2, extra="    topic: *nowhere\n"), path="l.yaml").errors
    assert (error.code, error.line) == ("yaml_syntax", 16) and "*nowhere names no anchor" in error.message


@pytest.mark.parametrize("tag", ["roads|bridges", "|", "a | b"])
def test_item8_a_tag_containing_a_bar_is_refused_on_load(tag, tmp_path, capsys):
    """A tag holding "|" is a field error naming file, line, field and value: `check` catches it before dump_csv."""
    text = yaml_ledger(3, extra=f"    tags:\n      - budget\n      - {tag!r}\n")
    result = load_text(text, path="l.yaml")
    [error] = result.errors
    assert (error.code, error.path, error.line, error.field) == ("wrong_type", "l.yaml", 18, "tags")
    assert repr(tag) in error.message and "read back as two" in error.message
    assert [c.id for c in result.ledger.commitments] == ["c0", "c2"]
    dump_csv(result.ledger)  # what loads can be written to the CSV pair
    (tmp_path / "l.yaml").write_text(text, encoding="utf-8")
    assert main(["check", str(tmp_path / "l.yaml")]) == 1
    assert f"{tmp_path / 'l.yaml'}:18: 'tags' of commitment 'c1' holds {tag!r}" in capsys.readouterr().err
