"""Parts of a day in a schedule, dated by the day the schedule names (issue 13's date_said family)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ledger.articles import extract as extract_module
from ledger.articles.schedule import ScheduleDay, heading_days, part_of_day
from ledger.core.text import split_sentences
from ledger.deadlines import parse_deadline
from ledger.deadlines.find import find_deadlines

extract = extract_module.extract

GUIDANCE = (
    "CITY HALL\nFOR IMMEDIATE RELEASE\nMarch 2, 2026\nPUBLIC SCHEDULE FOR\nWEDNESDAY, MARCH 4, 2026\n"
    "In the morning, the Mayor will open the new library branch. Mid-morning, the Mayor will meet the "
    "transit board. Later in the afternoon, the Mayor will sign the housing ordinance. In the late evening, "
    "the Mayor will attend the orchestra's gala."
)


def test_a_heading_day_dates_every_part_of_the_day_under_it():
    """Released on Monday for Wednesday: every part of the day is Wednesday, said on Monday."""
    found = extract(GUIDANCE, date(2026, 3, 2), default_actor="Mayor Lena Ortiz")
    assert [c.deadline.text for c in found] == [
        "In the morning",
        "Mid-morning",
        "Later in the afternoon",
        "In the late evening",
    ]
    assert {c.deadline.window.due for c in found} == {date(2026, 3, 4)}
    assert {c.stated_on for c in found} == {date(2026, 3, 2)}


def test_a_day_opening_a_sentence_dates_the_rest_of_its_paragraph():
    text = (
        "On Thursday, Governor Amal Reyes will tour the flooded valley. That evening, she will address the "
        "legislature.\n\nIn the afternoon, crews cleared the roads."
    )
    found = extract(text, date(2026, 5, 11))
    assert [(c.actor, c.deadline.text, c.deadline.window.due) for c in found] == [
        ("Amal Reyes", "On Thursday", date(2026, 5, 14)),
        ("Amal Reyes", "That evening", date(2026, 5, 14)),
    ]


def test_without_a_schedule_day_a_part_of_the_day_is_never_one_guessed_day():
    """Nothing names the day: "In the afternoon" is the day said or the next (a schedule released the
    evening before), a window holding both rather than a guess at one, and a weak candidate."""
    text = "In the afternoon, the board will review the bids. Later that day, it will vote."
    said = date(2026, 5, 11)
    for candidate in extract(text, said):
        window = candidate.deadline.window
        assert (window.earliest, window.latest) == (said, date(2026, 5, 12))
        assert candidate.confidence < 0.5


def test_a_part_of_the_day_in_the_past_is_history():
    text = "MONDAY, MAY 11, 2026\nIn the afternoon, the board reviewed the bids."
    assert extract(text, date(2026, 5, 11)) == []


def test_only_a_date_alone_on_its_line_is_a_heading():
    text = "The summit opens on Monday, May 18, 2026 in Oslo.\nIn the afternoon, delegates will meet."
    assert heading_days(text, find_deadlines(text, date(2026, 5, 11))) == []
    heading = "SCHEDULE FOR\nMONDAY, MAY 18, 2026\nIn the afternoon, delegates will meet."
    ((line_end, window),) = heading_days(heading, find_deadlines(heading, date(2026, 5, 11)))
    assert heading[:line_end].endswith("2026") and window.due == date(2026, 5, 18)


def test_a_new_heading_replaces_the_day_and_a_paragraph_ends_a_sentence_day():
    monday = parse_deadline("May 18, 2026", date(2026, 5, 11))
    tuesday = parse_deadline("May 19, 2026", date(2026, 5, 11))
    text = "Alpha one. Bravo two.\n\nCharlie three. Delta four.\n\nEcho five."
    a, b, c, d, e = split_sentences(text)
    schedule = ScheduleDay([(c.start, tuesday), (b.start, monday)], [21, 49, len(text)])  # headings last-first
    assert schedule.at(a) is None
    assert schedule.at(b) == monday
    assert schedule.at(c) == tuesday
    friday = find_deadlines("On Friday, May 22, 2026, they will go.", date(2026, 5, 11))[0]
    opener = split_sentences("On Friday, May 22, 2026, they will go.")[0]
    schedule.opened_by(opener, text, friday)  # as if "c" opened with a day: it holds to the paragraph's end
    assert schedule.at(d) == friday.window
    assert schedule.at(e) is None


PARTS = ["In the morning", "Mid-afternoon", "Later in the evening", "That night", "At noon", "Later that day"]


@given(st.sampled_from(PARTS), st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31)))
def test_a_part_of_the_day_takes_exactly_the_schedule_day(part, day):
    """Whatever the day, the phrase is the sentence's own words and its window is that day alone."""
    window = parse_deadline(day.strftime("%B %d, %Y").replace(" 0", " "), day)
    sentence = split_sentences(f"{part}, the council will meet.")[0]
    match = part_of_day(sentence, window)
    assert match is not None and match.text == part and sentence.text[match.start : match.end] == part
    assert match.window.earliest == match.window.due == match.window.latest == day
    assert part_of_day(sentence, None) is None


def test_his_before_a_name_or_a_speech_word_still_tells_the_owner_gender():
    """ "deliver on his promises" makes the President a man, so "she" later is the astronaut, "he" him."""
    text = (
        "This week President Omar Hale will keep his promises to farmers. On Monday, the President will call "
        "Dr. Ines Varga as she sets a record in orbit. That evening, he will attend a dinner."
    )
    found = extract(text, date(2026, 4, 19))
    assert [(c.actor, c.deadline.text) for c in found][-2:] == [
        ("Omar Hale", "On Monday"),
        ("Omar Hale", "That evening"),
    ]
