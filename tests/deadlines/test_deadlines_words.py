"""One word table per vocabulary: the grammar, the statement-date reader and the house formats share them."""

from datetime import date

import pytest

from ledger.articles import stated_time
from ledger.core import formats, words
from ledger.deadlines import grammar


@pytest.mark.parametrize("name", ["MONTHS", "WEEKDAYS", "ONES", "TEENS", "TENS", "ORDINALS"])
def test_grammar_reads_the_core_tables(name):
    """The deadline grammar uses core.words' tables themselves, not copies."""
    assert getattr(grammar, name) is getattr(words, name)


def test_statement_dates_read_the_core_tables():
    """The extractor's statement-date reader takes its months and weekdays from core.words."""
    assert stated_time.MONTHS is words.MONTHS and stated_time.WEEKDAYS is words.WEEKDAYS


@pytest.mark.parametrize("month", range(1, 13))
def test_house_dates_spell_the_core_month_names(month):
    """long_date and short_date spell each month as core.words names it."""
    name = words.MONTH_NAMES[month - 1]
    assert formats.long_date(date(2025, month, 3)) == f"3 {name} 2025"
    assert formats.short_date(date(2025, month, 3)) == f"3 {name[:3]} 2025"


def test_tables_agree_with_their_names():
    """Every full name and abbreviation maps back to its own month or weekday."""
    for number, name in enumerate(words.MONTH_NAMES, 1):
        assert words.MONTHS[name.lower()] == number
    for abbreviation, number in words.MONTH_ABBREVIATIONS.items():
        assert words.MONTH_NAMES[number - 1].lower()[:3] == abbreviation[:3]
    for number, name in enumerate(words.WEEKDAY_NAMES):
        assert words.WEEKDAYS[name.lower()] == number == date(2025, 10, 13 + number).weekday()
    for abbreviation, number in words.WEEKDAY_ABBREVIATIONS.items():
        assert words.WEEKDAY_NAMES[number].lower()[:3] == abbreviation[:3]
