"""Who speaks when a sentence names nobody: labels, the issuer, the sitting President; and non-deadlines."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ledger.articles import extract as extract_module
from ledger.articles.non_deadlines import allotted_length, day_as_subject, in_temporal_condition
from ledger.articles.voices import PRESIDENTS, UNKNOWN_ACTOR, read_voices, sitting_president
from ledger.core.text import split_sentences

extract = extract_module.extract


@given(st.dates(min_value=date(1993, 1, 20), max_value=date(2030, 12, 31)))
def test_sitting_president_is_the_last_inaugurated_before_the_day(day):
    """The President on a day is whoever took office last on or before it; terms never overlap."""
    started = [(start, name) for start, name in PRESIDENTS if start <= day]
    assert sitting_president(day) == started[-1][1]


def test_no_president_before_the_table():
    assert sitting_president(date(1990, 5, 1)) is None


def test_inauguration_day_belongs_to_the_new_president():
    assert sitting_president(date(2025, 1, 19)) == "Joe Biden"
    assert sitting_president(date(2025, 1, 20)) == "Donald Trump"


def test_transcript_labels_and_questions():
    """Each label speaks until the next; a reporter's question speaks for nobody."""
    text = (
        "MR. EARNEST:  Good afternoon.\n\nQ    Thanks.\n\nTHE PRESIDENT:  We will act.\n\n"
        "Mr. REID. Mr. President, I ask."
    )
    voices = read_voices(text, date(2014, 7, 3))
    assert voices.label_at(5) == "Earnest"
    assert voices.label_at(text.index("Thanks")) is None
    assert voices.label_at(text.index("We will")) == "Barack Obama"
    assert voices.label_at(text.index("I ask")) == "Reid"
    assert voices.issuer == "Senate"  # the chair addressed as "Mr. President": the Senate floor


def test_masthead_issuer():
    assert (
        read_voices("THE WHITE HOUSE\nOffice of the Press Secretary\n...", date(2017, 1, 23)).issuer == "Donald Trump"
    )
    assert read_voices("Office of the Spokesperson\nMedia Note", date(2019, 4, 10)).issuer == "State Department"
    assert read_voices("The minister said the plan would come soon.", date(2019, 4, 10)).issuer is None


def test_schedule_of_the_unnamed_president():
    """A White House schedule never names him: "the President" is the sitting President on the day."""
    text = "THE WHITE HOUSE\nOffice of the Press Secretary\n\nOn Tuesday, the President will travel to Ohio."
    (c,) = extract(text, date(2017, 1, 23))
    assert c.actor == "Donald Trump" and "actor:sitting_president" in c.reasons


def test_a_named_president_is_not_replaced_by_the_us_president():
    """Once the article has called someone "President", the title is that person."""
    text = "President Ana Silva spoke in Lisbon on Monday. The President will sign the treaty on Friday."
    (c,) = extract(text, date(2025, 10, 13))
    assert c.actor == "Ana Silva"


def test_senate_orders_by_unanimous_consent():
    text = (
        "Mr. ALDEN. Mr. President, I ask unanimous consent that when the Senate completes its business today, "
        "it adjourn until 10 a.m. on Wednesday, March 6."
    )
    (c,) = extract(text, date(2024, 3, 5))
    assert c.actor == "Senate" and c.deadline.text.startswith("until 10 a.m.")


def test_unknown_actor_is_proposed_not_dropped():
    (c,) = extract('"We will reopen the shelters within 48 hours," the statement read.', date(2024, 5, 2))
    assert c.actor == UNKNOWN_ACTOR and "actor:unknown" in c.reasons and c.confidence <= 0.4


def test_hopes_about_others_are_flagged_forecasts():
    """ "Grateful some will soon be reunited": returned under the forecast flag, at low confidence."""
    (c,) = extract(
        "Senator Ruth Adler said she was grateful that the families will be reunited soon.", date(2024, 5, 2)
    )
    assert "forecast" in c.reasons and c.confidence <= 0.3


def test_non_deadlines():
    text = "When the Senate completes its business today, it will adjourn. Senator Ng will have 15 minutes."
    first, second = split_sentences(text)
    assert in_temporal_condition(first, text.index("today"))
    at = text.index("15")
    assert allotted_length(second, at, at + 10, "15 minutes")
    third = split_sentences("Monday will mark one year since the flood.")[0]
    assert day_as_subject(third, 0, 6)


def test_a_senate_order_continues_into_further_that():
    """ "Further, that ... the Senate reconvene on ...": the bare verb of an order, still the Senate's order."""
    text = (
        "Mr. ALDEN. Mr. President, I ask unanimous consent that the Senate adjourn until Monday, March 11. "
        "Further, that following the prayer, the Senate reconvene on March 12 at 1 p.m."
    )
    found = extract(text, date(2024, 3, 5))
    assert [(c.actor, c.deadline.text) for c in found] == [
        ("Senate", "until Monday, March 11"),
        ("Senate", "on March 12 at 1 p.m."),  # one point closes "p.m." and the sentence alike
    ]


def test_a_preposition_to_is_no_future():
    """ "traveled to Texas over the weekend" is past: "to Texas" is a place, not "to" + verb."""
    assert extract("Secretary Ann Ruiz traveled to Texas over the weekend.", date(2025, 7, 7)) == []


def test_a_semicolon_list_of_places_does_not_end_the_clause():
    """ "will travel to A, B; C, D; and E, F October 25": the list's semicolons are not clause breaks."""
    text = "Secretary Ann Ruiz will travel to Lima, Peru; Quito, Ecuador; and Bogota, Colombia on October 25."
    (c,) = extract(text, date(2020, 10, 23))
    assert c.actor == "Ann Ruiz" and c.deadline.text == "on October 25"
    # a semicolon before a clause still ends the reading back: "the talks ended; on May 3 ..." is not governed
    assert extract("The ministers will meet; the talks ended on May 3.", date(2020, 4, 23)) == []


def test_titled_labels_name_the_speaker_or_nobody():
    """ "PRESS SECRETARY JOHN F. KIRBY:" is Kirby; an anonymous official's label names nobody, and no body."""
    text = "PRESS SECRETARY JOHN F. KIRBY:  Good morning.\n\nSENIOR STATE DEPARTMENT OFFICIAL: We will brief you today."
    voices = read_voices(text, date(2022, 4, 21))
    assert voices.label_at(10) == "Kirby"
    assert voices.label_at(text.index("We will")) is None
    (c,) = extract(text, date(2022, 4, 21))
    assert c.actor == UNKNOWN_ACTOR  # never "STATE": a label is furniture, not a mention


def test_a_phrase_that_looks_back_is_no_deadline():
    assert (
        extract("The briefing will be led by Ann Ruiz, who you have heard from in years past.", date(2020, 2, 3)) == []
    )
