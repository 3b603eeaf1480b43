"""A time zone spelled out ("6 p.m. Eastern time", "Eastern Daylight Time") reads as its abbreviation does.

The reader took "Eastern" as the zone and left "time" behind: "by 6 p.m. Eastern time" read as "by
time", an open window (no deadline at all, never late), and in running text the finder stopped at
"Eastern", so "by 6 p.m. Eastern Daylight Time on Monday" gave "by 6 p.m. Eastern" (the day said)
and "on Monday" apart.

The real phrase: the executive order of 7 July 2025 extending the reciprocal tariff suspension
"until 12:01 a.m. eastern daylight time on August 1, 2025", as quoted in the report stored as
tests/data/extract_real document 029 (https://anewz.tv/world/world-news/10287/trump-extends-tariff-deadline-to-1-august/news);
tests/articles/test_extract.py reads that sentence whole.

Expected days worked by hand with a printed calendar (`python -c "import calendar;
print(calendar.month(2025, 8))"`): 4 August 2025 is a Monday, so its Thursday is the 7th and the
next Monday the 11th.
"""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.deadlines import DeadlineError, find_deadlines, parse_deadline
from tests import strategies as sd
from tests.helpers import reading_or_refusal

S = date(2025, 8, 4)  # a Monday
D = date.fromisoformat


@pytest.mark.parametrize(
    "phrase, latest",
    [
        ("by 6 p.m. Eastern time", "2025-08-04"),
        ("by 6 p.m. Eastern Time", "2025-08-04"),
        ("until 6 p.m. Eastern time", "2025-08-04"),
        ("by noon Eastern time", "2025-08-04"),
        ("by midnight Pacific time", "2025-08-04"),
        ("by 9 a.m. Mountain time", "2025-08-04"),
        ("by 6 p.m. Central time", "2025-08-04"),
        ("by 5 p.m. Eastern Standard Time", "2025-08-04"),
        ("by 11:59 p.m. Hawaii time", "2025-08-04"),
        ("by 5 p.m. Eastern Daylight Time on Thursday", "2025-08-07"),
        ("before 12:01 a.m. Eastern time on Thursday", "2025-08-06"),  # before is exclusive
        ("until 12:01 a.m. eastern daylight time on August 1, 2026", "2026-08-01"),
    ],
)
def test_a_spelled_out_time_zone_reads_the_day(phrase, latest):
    window = parse_deadline(phrase, S)
    assert window.kind != "open"
    assert window.latest == D(latest)


@pytest.mark.parametrize("phrase", ["7 a.m. Eastern Time, around", "7 a.m. ET around", "7 a.m., around"])
def test_a_hedge_after_a_time_of_day_leads_to_nothing(phrase):
    # "this will be 7 a.m. Eastern Time, around then": the "around" is the next words' ("around then"),
    # and once the time is set aside it is not "around today"
    with pytest.raises(DeadlineError):
        parse_deadline(phrase, S)


_SPELLED = {"et": "Eastern time", "pt": "Pacific Time", "ct": "Central time", "mt": "Mountain Time"}


@given(
    st.sampled_from(["by", "until", "before", "no later than", "at"]),
    st.integers(1, 12),
    st.sampled_from(["a.m.", "p.m."]),
    st.sampled_from(sorted(_SPELLED)),
    st.sampled_from(["", " on Friday", " tomorrow", " on March 3", " today"]),
    sd.stated_on,
)
def test_a_spelled_out_zone_reads_as_its_abbreviation(lead, hour, half, zone, day, said):
    # The abbreviation's reading is the reference: it has read right since the reader began.
    spelled, abbreviated = (f"{lead} {hour} {half} {words}{day}" for words in (_SPELLED[zone], zone.upper()))
    assert reading_or_refusal(spelled, said) == reading_or_refusal(abbreviated, said)


@pytest.mark.parametrize(
    "sentence, phrase, latest",
    [
        ("The agency will respond by 6 p.m. Eastern time.", "by 6 p.m. Eastern time", "2025-08-04"),
        ("Bids are due by noon Eastern Time on Friday.", "by noon Eastern Time on Friday", "2025-08-08"),
        (
            "We will reply by 6 p.m. Eastern Daylight Time on Monday.",
            "by 6 p.m. Eastern Daylight Time on Monday",
            "2025-08-11",
        ),
        ("Voting will close at 8 p.m. Eastern time tomorrow.", "at 8 p.m. Eastern time tomorrow", "2025-08-05"),
    ],
)
def test_the_finder_takes_a_spelled_out_zone_with_its_day(sentence, phrase, latest):
    found = find_deadlines(sentence, S)
    assert [(m.text, m.window.latest) for m in found] == [(phrase, D(latest))]
