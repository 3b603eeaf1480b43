"""Actors that the document gives by its form: an order's directives, a spokesperson's "we", the President's event."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ledger.articles import actors
from ledger.articles import extract as extract_module
from ledger.articles.actors import Discourse, _title_split, read_mentions
from ledger.articles.voices import read_voices
from ledger.core.text import split_sentences

extract = extract_module.extract


# -- an order's directive is the order's issuer's ---------------------------------------------


def test_an_orders_shall_is_the_issuer_not_the_official_directed():
    text = (
        "Sec. 3. (a) Within 60 days of the date of this order, the Administrator shall publish draft guidance. "
        "(b) Within 90 days of the date of this order, the Secretary of Homeland Security shall submit a plan."
    )
    found = extract(text, date(2026, 2, 2), default_actor="Governor Mara Quill")
    assert [c.actor for c in found] == ["Governor Mara Quill", "Governor Mara Quill"]
    assert all("actor:order_directive" in c.reasons for c in found)


def test_shall_without_an_issuer_is_left_to_the_sentence():
    """No default actor (not an order the caller named): the directive is not pinned on anyone by form."""
    found = extract("The Secretary shall submit a report within 30 days.", date(2026, 2, 2))
    assert found and all("actor:order_directive" not in c.reasons for c in found)


def test_we_shall_is_the_speaker_not_the_order():
    found = extract("We shall finish the audit within 30 days.", date(2026, 2, 2), default_actor="Comptroller Ada Fry")
    assert all("actor:order_directive" not in c.reasons for c in found)


def test_a_department_title_with_no_name_is_a_bare_title():
    """ "Secretary of Homeland Security" names a post, not a person called Security."""
    assert _title_split(["Secretary", "of", "Homeland", "Security"]) == ("secretary", [])
    assert _title_split(["Secretary", "of", "State", "Kerry"]) == ("secretary", ["Kerry"])
    assert _title_split(["Secretary", "of", "Veterans", "Affairs", "Ana", "Ruiz"]) == ("secretary", ["Ana", "Ruiz"])
    assert _title_split(["Secretary", "of", "Aviation"]) == ("secretary", [])


@given(
    st.lists(st.sampled_from(["State", "Defense", "Homeland", "Security", "Energy", "Labor"]), min_size=1, max_size=3)
)
def test_a_title_of_department_words_alone_never_names_a_person(department):
    title, rest = _title_split(["Secretary", "of", *department])
    assert title == "secretary" and rest == []


# -- "State of the Union" -----------------------------------------------------------------------


def test_the_state_of_the_union_is_an_address_not_a_body():
    sentence = split_sentences("The Governor's State of the Union Address will be delivered on Tuesday.")[0]
    names = [m.text for m in read_mentions(sentence, Discourse(), lambda offset: False)]
    assert "State" not in names and "Union Address" not in names


def test_the_presidents_event_which_is_scheduled_is_the_presidents():
    text = (
        "THE WHITE HOUSE\nThis briefing concerns the President's State of the Union Address, which is "
        "scheduled for Tuesday, February 3rd."
    )
    (found,) = extract(text, date(2026, 1, 28))
    assert found.actor == "Donald Trump" and "actor:sitting_president" in found.reasons


# -- a spokesperson's "we" ----------------------------------------------------------------------


def test_a_spokespersons_we_is_the_body_the_paragraph_speaks_of():
    text = (
        "MS. OKAFOR: Good afternoon.\n\n"
        "The Harbor Authority continues to clear the channel. By Friday, we expect that we will have reopened "
        "both berths.\n\nQ: Thanks."
    )
    (found,) = extract(text, date(2026, 6, 2))
    assert found.actor == "Harbor Authority" and "actor:speaking_body" in found.reasons


def test_a_promise_to_the_audience_stays_the_speakers():
    text = (
        "MS. OKAFOR: The Harbor Authority continues to clear the channel. In the coming days, we will keep "
        "you updated on the berths."
    )
    (found,) = extract(text, date(2026, 6, 2))
    assert found.actor == "Okafor"


def test_a_body_told_in_the_past_is_not_the_voice():
    """ "the Transit Department approved ..." is another's act: "we" stays the labelled speaker."""
    text = "MR. BELL: The Transit Department approved the fares. We will publish them by Friday."
    (found,) = extract(text, date(2026, 6, 2))
    assert found.actor == "Bell"
    assert read_voices(text, date(2026, 6, 2)).bodies == ()


def test_a_quoted_we_finds_the_body_named_later_in_its_paragraph():
    text = (
        "\u201cWe\u2019ll publish the new timetable within two weeks,\u201d "
        "\u201cThe Transit Department is working with the unions.\u201d"
    )
    (found,) = extract(text, date(2026, 6, 2))
    assert found.actor == "Transit Department"


def test_a_bare_department_is_no_body():
    assert read_voices("The Department is reviewing it. We will answer soon.", date(2026, 6, 2)).bodies == ()


# -- found on the held-out group: a joint subject, a foreign president, an event named for a holiday --------


def test_a_joint_subject_is_led_by_its_first_conjunct():
    text = "THE WHITE HOUSE\nOn Monday, the President and the First Lady will host the garden tour."
    (found,) = extract(text, date(2026, 4, 17))
    assert found.actor == "Donald Trump"
    named = extract("On Monday, Governor Ana Ruiz and her husband will open the fair.", date(2026, 4, 17))
    assert [c.actor for c in named] == ["Ana Ruiz"]


def test_a_foreign_president_is_not_the_president_of_the_text():
    """ "Panamanian President Ricardo Ortega" is a guest: the text's bare "the President" stays its own."""
    text = (
        "THE WHITE HOUSE\nOn Thursday, the President will welcome Panamanian President Ricardo Ortega. "
        "On Friday, the President will travel to Miami."
    )
    found = extract(text, date(2026, 4, 17))
    assert [c.actor for c in found] == ["Donald Trump", "Donald Trump"]


def test_a_president_named_with_the_bare_title_is_still_the_president():
    found = extract("President Ana Silva spoke. The President will sign the bill on Friday.", date(2026, 4, 17))
    assert [c.actor for c in found] == ["Ana Silva"]


def test_an_event_named_for_a_holiday_is_not_a_deadline():
    text = "On Monday, the mayor will host the Easter Egg Roll and the Christmas Tree Lighting at City Hall."
    assert [c.deadline.text for c in extract(text, date(2026, 3, 30))] == ["On Monday"]
    assert [c.deadline.text for c in extract("The pool will reopen by Easter Sunday.", date(2026, 3, 30))] == [
        "by Easter Sunday"
    ]


@given(
    st.lists(
        st.sampled_from(["chief ", "executive ", "secretary-general ", "x", "X", "-", " ", "vice ", "the ", "Nadia "]),
        max_size=14,
    ).map(lambda parts: "".join(parts) + "Nadia Karim said so.")
)
def test_a_lower_case_title_is_read_as_the_pattern_reads_it(text):
    """_lower_title_before looks at the last word before it searches (issue 19): what the search alone gave."""
    sentence = split_sentences(text)[0]
    at = sentence.text.rindex("Nadia Karim")
    m = actors._LOWER_TITLE.search(sentence.text, max(0, at - 200), at)
    expected = m.group(1).lower() if m and m.group(2) in actors.TITLE_HEADS else ""
    assert actors._lower_title_before(sentence, sentence.start + at) == expected
