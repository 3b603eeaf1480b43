"""Gaps found by measuring the reader on real text (issue 12's yardsticks): a length counted
from a document's own date, open and vague words of official prose, "the end of the week"
said on its last day, parts of a day, the end of a term, Duckling's calendar forms, and
two lead words that disagree.

Sources of the real phrases: executive orders on federalregister.gov ("Within 45 days of
the date of this order", EO 13792, https://www.federalregister.gov/documents/2017/05/01/2017-08908;
"as soon as practicable" and "no later than 1 year from the date of this order", EO 13492,
https://www.federalregister.gov/documents/2009/01/27/E9-1893); White House briefings
("Later this afternoon", https://www.whitehouse.gov/briefings-statements/); Duckling's
English corpus (https://github.com/facebook/duckling, Duckling/Time/EN/Corpus.hs).

Expected dates worked by hand with a printed calendar (`python -c "import calendar;
print(calendar.month(2026, 7))"`): 10 March 2026 is a Tuesday; Mother's Day 2026 is the
second Sunday of May (the 10th), Father's Day the third Sunday of June (the 21st); Memorial
Day is Monday 25 May 2026; the last Saturday of July 2026 is the 25th, of October the 31st;
17 July 2026 is a Friday; 18 May 2025 is a Sunday.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.deadlines import DeadlineError, parse_deadline
from ledger.deadlines.lexicon import DOCUMENTS, PREFIX_WORDS
from tests import strategies as sd

S = date(2026, 3, 10)  # a Tuesday
D = date.fromisoformat


@pytest.mark.parametrize(
    "phrase, earliest, due, kind, rule",
    [
        # D. counted from the document's own date: the day it was said
        ("Within 45 days of the date of this order", "2026-03-10", "2026-04-24", "duration", "duration"),
        ("21 days after the date of this order", "2026-03-31", "2026-03-31", "date", "offset_from_day"),
        ("no later than 1 year from the date of this order", "2026-03-10", "2027-03-10", "date", "offset_from_day"),
        ("within 10 days of the date hereof", "2026-03-10", "2026-03-20", "duration", "duration"),
        ("within 30 days of the date of this memorandum", "2026-03-10", "2026-04-09", "duration", "duration"),
        ("within 30 days of today", "2026-03-10", "2026-04-09", "duration", "duration"),
        ("a day from right now", "2026-03-11", "2026-03-11", "date", "offset_from_day"),
        # E. open and vague words of official prose
        ("as soon as practicable", "2026-03-10", "2026-03-12", "vague", "vague_immediately"),
        ("as soon as reasonably practicable", "2026-03-10", "2026-03-12", "vague", "vague_immediately"),
        ("over the next fairly short period of time", "2026-03-10", "2026-04-09", "vague", "vague_soon"),
        ("in very due time", "2026-03-10", None, "open", "open"),
        ("in due time", "2026-03-10", None, "open", "open"),
        ("at this time", "2026-03-10", "2026-03-10", "date", "relative_day"),
        # parts of a day and clock times: the day is what matters
        ("this morning", "2026-03-10", "2026-03-10", "date", "relative_day"),
        ("Later this afternoon", "2026-03-10", "2026-03-10", "date", "relative_day"),
        ("this afternoon", "2026-03-10", "2026-03-10", "date", "relative_day"),  # was the day after tomorrow
        ("by this afternoon", "2026-03-10", "2026-03-10", "date", "relative_day"),
        ("later tonight", "2026-03-10", "2026-03-10", "date", "relative_day"),
        ("this evening", "2026-03-10", "2026-03-10", "date", "relative_day"),
        ("at 12 noon", "2026-03-10", "2026-03-10", "date", "relative_day"),
        ("at noon tomorrow", "2026-03-11", "2026-03-11", "date", "relative_day"),
        ("by midnight", "2026-03-10", "2026-03-10", "date", "relative_day"),
        ("in the morning", "2026-03-11", "2026-03-11", "date", "relative_day"),
        ("first thing in the morning", "2026-03-11", "2026-03-11", "date", "relative_day"),
        ("In a few moments", "2026-03-10", "2026-03-11", "duration", "duration"),
        ("in a few hours", "2026-03-10", "2026-03-11", "duration", "duration"),
        ("within 48 hours", "2026-03-10", "2026-03-12", "duration", "duration"),
        ("within the hour", "2026-03-10", "2026-03-11", "duration", "duration"),
        # a day of a month by its position
        ("third day of october", "2026-10-03", "2026-10-03", "date", "month_day"),
        ("by the third day of October", "2026-03-10", "2026-10-03", "date", "month_day"),
        ("last day of october 2026", "2026-10-31", "2026-10-31", "date", "month_day"),
        ("last day in october 2026", "2026-10-31", "2026-10-31", "date", "month_day"),
        ("the last day of February", "2027-02-28", "2027-02-28", "date", "month_day"),
        # abbreviations and spellings
        ("this yr", "2026-03-10", "2026-12-31", "span", "year"),
        ("next yr", "2027-01-01", "2027-12-31", "span", "year"),
        ("tomorrows", "2026-03-11", "2026-03-11", "date", "relative_day"),
        ("last wkend of July", "2026-07-25", "2026-07-26", "span", "month_week"),
        ("last week-end in October", "2026-10-31", "2026-11-01", "span", "month_week"),
        ("last week end of October", "2026-10-31", "2026-11-01", "span", "month_week"),
        ("Jul 17, Fri", "2026-07-17", "2026-07-17", "date", "month_day"),
        ("the ides of march", "2026-03-15", "2026-03-15", "date", "month_day"),
        # holidays
        ("valentine day", "2027-02-14", "2027-02-14", "holiday", "holiday_valentine"),
        ("Mother's Day", "2026-05-10", "2026-05-10", "holiday", "holiday_mothers"),
        ("Father's Day", "2026-06-21", "2026-06-21", "holiday", "holiday_fathers"),
        ("mothers day 2027", "2027-05-09", "2027-05-09", "holiday", "holiday_mothers"),
        ("next mothers day", "2026-05-10", "2026-05-10", "holiday", "holiday_mothers"),
        ("memorial day week-end", "2026-05-23", "2026-05-25", "holiday", "holiday_memorial"),
        # day ranges inside a month, the month said once or twice
        ("July 13 - July 15", "2026-03-10", "2026-07-15", "range", "either"),
        ("from 13 to 15 July", "2026-07-13", "2026-07-15", "range", "either"),
        ("from 13th to 15th July", "2026-07-13", "2026-07-15", "range", "either"),
        ("Aug 8 - Aug 12", "2026-03-10", "2026-08-12", "range", "either"),
        ("23rd to 26th Oct", "2026-03-10", "2026-10-26", "range", "either"),
        ("1-8 september", "2026-03-10", "2026-09-08", "range", "either"),
        ("12 to 16 september", "2026-03-10", "2026-09-16", "range", "either"),
        ("19th To 21st aug", "2026-03-10", "2026-08-21", "range", "either"),
        # two leads that agree stay read
        ("for at least 30 days", "2026-04-09", "2026-04-09", "duration", "duration"),
        ("by no later than Friday", "2026-03-10", "2026-03-13", "weekday", "weekday"),
        ("by the next inauguration", "2026-03-10", "2029-01-20", "date", "event_us_inauguration"),
    ],
)
def test_real_gap_reads(phrase, earliest, due, kind, rule):
    """Each form found missing on real text reads to the day worked by hand."""
    w = parse_deadline(phrase, S)
    got = (w.earliest.isoformat(), w.due and w.due.isoformat(), w.kind, w.rule)
    assert got == (earliest, due, kind, rule)


@pytest.mark.parametrize(
    "phrase, said, due",
    [
        ("by the end of the week", "2025-05-18", "2025-05-25"),  # Mike Johnson, said on a Sunday
        ("the end of the week", "2025-05-18", "2025-05-25"),
        ("by week end", "2025-05-18", "2025-05-25"),
        ("by the end of the week", "2025-05-17", "2025-05-18"),  # a Saturday: this week's end
        ("by the end of this week", "2025-05-18", "2025-05-18"),  # "this week" keeps the day said
        ("by the end of next week", "2025-05-18", "2025-05-25"),
    ],
)
def test_end_of_week_said_on_its_last_day(phrase, said, due):
    """Said on the week's last day, "the end of the week" is the next week's end, as "by Friday" on a Friday is."""
    assert parse_deadline(phrase, D(said)).due == D(due)


@given(sd.stated_on)
def test_end_of_the_week_never_ends_on_the_day_said_on_a_sunday(said):
    """Said on any day, "by the end of the week" ends on a Sunday 1 to 7 days later, never on the day said."""
    due = parse_deadline("by the end of the week", said).due
    assert due.weekday() == 6 and 1 <= (due - said).days <= 7


@given(st.integers(1, 400), st.sampled_from(DOCUMENTS), sd.stated_on)
def test_the_date_of_the_document_is_the_day_said(n, document, said):
    """A length "of the date of this <document>" reads as "within N days"; "after" it as "N days from now"."""
    within = parse_deadline(f"within {n} days of the date of this {document}", said)
    assert (within.earliest, within.due) == (said, said + timedelta(days=n))
    after = parse_deadline(f"{n} days after the date of this {document}", said)
    assert after.earliest == after.due == said + timedelta(days=n)


@pytest.mark.parametrize(
    "phrase, message",
    [
        ("before the end of his term", "deadline_means"),
        ("by the end of my term", "deadline_means"),
        ("before I leave office", "deadline_means"),
        ("by the end of the presidency", "deadline_means"),
        ("after before May 3", "two lead words"),
        ("before on Friday", "'before' and 'on'"),
        ("by on Friday", "two lead words"),
        ("until before May 3", "two lead words"),
        ("after the next Friday", "'after' and 'the next'"),
        ("before the next Friday", "two lead words"),
        ("third tuesday of september 2014", "points to the past"),  # was an internal error
        ("31st day of February", "not a real date"),
        ("from 31 to 30 June", "June 2026 has no day 31"),
        ("from 15 to 13 July", "runs backwards"),
        ("Jul 18, Fri", "does not match its date"),
    ],
)
def test_real_gap_refusals(phrase, message):
    """What cannot be read rightly is refused with a message that says why and how to fix it."""
    with pytest.raises(DeadlineError, match=message):
        parse_deadline(phrase, S)


_LEADS = sorted(w for w, (role, value) in PREFIX_WORDS.items() if role == "lead" and value in ("after", "before", "on"))


@given(st.sampled_from(_LEADS), st.sampled_from(["by", "until", "after", "before", "on"]), sd.stated_on)
def test_two_leads_that_disagree_are_refused(outer, inner, said):
    """Two lead words that bound the window differently are refused, never one dropped silently."""
    phrase = f"{outer} {inner} May 3"
    if PREFIX_WORDS[outer][1] == PREFIX_WORDS[inner][1] or outer == "for":
        return
    with pytest.raises(DeadlineError, match="two lead words"):
        parse_deadline(phrase, said)


def test_mothers_day_outside_the_us_is_refused():
    """Mother's Day differs by country: outside the US it is refused, not given the US day."""
    import attrs

    from ledger.deadlines import DEFAULT_POLICY

    uk = attrs.evolve(DEFAULT_POLICY, holiday_country="GB")
    with pytest.raises(DeadlineError, match="only for the US"):
        parse_deadline("by Mother's Day", S, policy=uk)


@pytest.mark.parametrize(
    "phrase, event",
    [("90 days of the handoff", "'the handoff'"), ("within 90 days of the kickoff", "'the kickoff'")],
)
def test_event_hint_names_the_whole_event(phrase, event):
    """The refusal of a length counted from an event names the event's words whole ("the handoff", not "the hand")."""
    with pytest.raises(DeadlineError, match=f"it counts from {event}"):
        parse_deadline(phrase, S)


@pytest.mark.parametrize(
    "phrase, said, latest",
    [
        # Trump, 10 Feb 2025, on the hostages: "by Saturday at 12 o'clock" (tests/data/real_deadline_phrases.csv)
        ("by Saturday at 12 o'clock", date(2025, 2, 10), date(2025, 2, 15)),
        ("by 12 o'clock on Saturday", date(2025, 2, 10), date(2025, 2, 15)),
        # a length "away" counts from the day said, like "from now"
        ("five or six months away", date(2025, 1, 29), date(2025, 7, 29)),
        ("two weeks away", date(2025, 1, 29), date(2025, 2, 12)),
        # a filler between the article and the deadline noun
        ("for an initial period of 90 days", date(2025, 5, 12), date(2025, 8, 10)),
    ],
)
def test_oclock_away_and_a_filler_inside_the_deadline_noun(phrase, said, latest):
    """An o'clock time is dropped like '5 p.m.'; 'away' counts from the day said; a filler inside a deadline noun."""
    assert parse_deadline(phrase, said).latest == latest
