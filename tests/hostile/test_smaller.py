"""Issue 19, item 8: the smaller holes."""

import pytest
from ledgers import yaml_ledger

from ledger import load_text


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
