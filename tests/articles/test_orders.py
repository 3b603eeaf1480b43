"""A Senate order's subjunctive times, and a request refused on the floor."""

from __future__ import annotations

from datetime import date

from ledger.articles import extract as extract_module
from ledger.articles.clauses import _is_past
from ledger.core.text import split_sentences

extract = extract_module.extract
DAY = date(2026, 3, 3)


def test_an_orders_subjunctive_times_are_the_senates():
    text = (
        "Mr. President, I ask unanimous consent that following the prayer, the Senate proceed to a period of "
        "debate until 11 a.m., with Senators permitted to speak for up to 5 minutes each; and that at 2:30 p.m. "
        "all remaining time be considered expired."
    )
    found = extract(text, DAY)
    assert [(c.actor, c.deadline.text) for c in found] == [("Senate", "until 11 a.m."), ("Senate", "at 2:30 p.m.")]


def test_a_refused_request_binds_nobody():
    text = (
        "Mr. ADAMS. Madam President, I ask unanimous consent that the Senate proceed to the bill no later than "
        "March 12.\n\nThe PRESIDING OFFICER. Is there objection?\n\nMr. BRANT. I object.\n\n"
        "Mr. ADAMS. I ask unanimous consent that the Senate adjourn until 10 a.m. tomorrow."
    )
    found = extract(text, DAY)
    assert [(c.actor, c.deadline.text) for c in found] == [("Senate", "until 10 a.m. tomorrow")]


def test_times_outside_a_request_are_left_to_the_finder():
    """Outside a consent request a bare time after a past verb stays history."""
    assert extract("The Senate proceeded to the bill and voted at 2:30 p.m.", DAY) == []


def test_eed_verbs_and_passive_complements_are_not_past_tenses():
    (s,) = split_sentences("that the Senate proceed to the vote and all time be considered expired")
    words = [t.lower for t in s.tokens]
    assert not _is_past(s.tokens, words.index("proceed"))
    assert not _is_past(s.tokens, words.index("expired"))
    (p,) = split_sentences("The parties agreed and the talks collapsed")
    assert _is_past(p.tokens, 2) and _is_past(p.tokens, 6)
