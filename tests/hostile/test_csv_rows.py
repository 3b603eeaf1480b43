"""Issue 19, item 4: no CSV row is lost without an error naming it."""

import pytest
from ledgers import CSV_HEADER, csv_row

from ledger import load_text
from ledger.io.csv_format import MAX_CELL_LENGTH


def load_csv(text):
    return load_text(text, path="commitments.csv", format="commitments.csv")


def test_item4_csv_rows_lost_unclosed_quote_is_an_error_naming_the_rows():
    """A quote left open that swallows the rows after it is an error naming them; those rows are read."""
    rows = [csv_row(i) for i in range(6)]
    rows[1] = rows[1].replace("Reopen bridge", '"Reopen bridge')
    result = load_csv(CSV_HEADER + "".join(rows))
    [error] = result.errors
    assert (error.code, error.line) == ("csv_syntax", 3)
    assert "lines 4-7 were read into one of its cells" in error.message
    assert [c.id for c in result.ledger.commitments] == ["c0", "c2", "c3", "c4", "c5"]


def test_item4_csv_rows_lost_unclosed_quote_in_the_last_row():
    """A quote left open in the last row is an error on that row."""
    rows = [csv_row(i) for i in range(3)]
    rows[2] = rows[2].replace("Reopen bridge", '"Reopen bridge')
    result = load_csv(CSV_HEADER + "".join(rows))
    assert [(e.code, e.line) for e in result.errors] == [("csv_ragged_row", 4)]
    assert [c.id for c in result.ledger.commitments] == ["c0", "c1"]


def test_item4_a_quoted_paragraph_over_two_lines_is_still_one_cell():
    """A cell that holds a line break (and a comma) is not taken for a quote left open."""
    text = CSV_HEADER + csv_row(0) + 'c1,Mayor,2025-03-03,"A text\nover two, lines",in two weeks,https://e.org/1\n'
    result = load_csv(text + csv_row(2))
    assert not result.errors
    assert [c.text for c in result.ledger.commitments][1] == "A text\nover two, lines"


@pytest.mark.parametrize("size", [131_073, 600_000])
def test_item4_csv_rows_lost_after_a_huge_cell_are_read(size):
    """A cell over 131,072 characters (the csv module's limit) is read; the 581 rows after it too."""
    rows = [csv_row(i) for i in range(583)]
    rows[1] = csv_row(1, "x" * size)
    result = load_csv(CSV_HEADER + "".join(rows))
    assert not result.errors
    assert len(result.ledger.commitments) == 583


@pytest.mark.parametrize("quoted", [False, True])
def test_item4_a_cell_over_the_cap_is_a_located_error_and_later_rows_are_read(quoted):
    """A cell over MAX_CELL_LENGTH leaves its row out with an error on its line; every later row is read."""
    rows = [csv_row(i) for i in range(20)]
    cell = "x" * (MAX_CELL_LENGTH + 1 if not quoted else 2 * MAX_CELL_LENGTH + 5)
    rows[1] = csv_row(1, f'"{cell}"' if quoted else cell)
    result = load_csv(CSV_HEADER + "".join(rows))
    assert [(e.code, e.line) for e in result.errors] == [("csv_syntax", 3)]
    assert len(result.ledger.commitments) == 19
