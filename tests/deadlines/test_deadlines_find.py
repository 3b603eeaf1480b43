"""find_deadlines: deadlines in news prose, and what is not a deadline."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.core.text import split_sentences
from ledger.deadlines import DeadlineMatch, find_deadlines, parse_deadline
from tests import strategies as sd

S = date(2025, 10, 16)

POSITIVE = [
    (
        'President Donald Trump said on Thursday he would meet Vladimir Putin in Budapest "in two weeks or so" '
        "after a long phone call.",
        "in two weeks or so",
    ),
    ("Trump told reporters on Friday that the summit would happen by Monday.", "by Monday"),
    ("He said the deal would be signed “within 30 days” after the vote.", "within 30 days"),
    ("The minister said the bill would reach parliament in “a month or so”.", "in “a month or so”"),
    ("Trump said he would meet Putin in Budapest in two weeks or so.", "in two weeks or so"),
    ("Russia has 50 days to reach a deal, Trump said.", "has 50 days"),
    ("The company expects to close the deal by the end of the year.", "by the end of the year"),
    ("Officials said the review would be finished by early August.", "by early August"),
    ("A decision is expected very soon.", "very soon"),
    ("The report will be published before Thanksgiving.", "before Thanksgiving"),
    ("We may see results in May.", "in May"),
    ("The plant will reopen next week, the company said.", "next week"),
    ("The government has promised to respond within 30 days.", "within 30 days"),
    ("She said she will decide in the coming days.", "in the coming days"),
    ("The summit will take place on Oct. 31.", "on Oct. 31"),
    ("Trump gave Russia a 50-day deadline.", "50-day"),
    ("In two weeks, he said, the talks will resume.", "In two weeks"),
    ("The vote is scheduled for Friday.", "for Friday"),
    ('The deal will be done "two or three weeks" from now.', '"two or three weeks" from now'),
    ("He said the plan would be ready in the near future, but gave no date.", "in the near future"),
    ("The plan takes effect 30 days from today.", "30 days from today"),
    ("Ukraine must answer within 10 or 12 days, the envoy warned.", "within 10 or 12 days"),
    ("The regulator will publish its rules in the first half of 2026.", "in the first half of 2026"),
    ("Shipments should resume no later than October 31.", "no later than October 31"),
    ("The bridge is to be finished by mid-2026.", "by mid-2026"),
    ("“We'll have an answer by Friday,” the spokesman said.", "by Friday"),
    ("The company said it would file its plan sometime next month.", "sometime next month"),
    ("Talks are set to begin in about two weeks.", "in about two weeks"),
    ("The law will take effect in Q3.", "in Q3"),
    ("They promised to fix it before Christmas.", "before Christmas"),
    # issue 13: deadline nouns, conditions and a fronted day with a future verb
    ("Defence Minister Arjun Rao issued a 48-hour ultimatum to the kidnappers.", "48-hour"),
    ("Negotiators worked through the night ahead of a Thursday deadline.", "Thursday"),
    ("He said the June 30 deadline would be met.", "June 30"),
    ("The state would take over the utility unless it repaired the pipes by Friday.", "by Friday"),
    ("On May 26, the Secretary will travel to Amman.", "On May 26"),
    ("The vote will be held Thursday, officials said.", "Thursday"),
    ("Secretary Rice will travel to the United Arab Emirates and Samoa July 20-28.", "July 20-28"),
    ('"If the bill is passed today, he will sign it," she said.', "today"),
    ("The minister vowed to act without delay.", "without delay"),
]

NEGATIVE = [
    "President Donald Trump said on Thursday that the talks had gone well.",
    "The minister announced Monday that she had resigned.",
    "Officials told reporters on Friday that the summit was over.",
    "It ended a decade-long conflict.",
    "The leaders spoke after a ninety-minute call.",
    "The talks collapsed three weeks ago.",
    "He visited Kyiv last August.",
    "The talks collapsed in the autumn.",
    "He was elected in May.",
    "The ceasefire held for two weeks.",
    "After three weeks of talks, the parties signed.",
    "The strike lasted 10 days.",
    "Shortly after the meeting, he left.",
    "The war began in 2022.",
    "We will march on Washington.",
    "On Monday, the minister said the bill would pass.",
    "It was a 50-day deadline.",
    "The company reported a two-year low.",
    "Prices rose for the third month in a row.",
    "He spent two weeks in hospital.",
    "The vote came two days before the election.",
    "The minister said today that nothing had changed.",
    "The deal, signed in March, ended the dispute.",
    "A long war has taken its toll.",
    "The program ran for several years.",
    # issue 13: a bare day the sentence places in the past
    "On Thursday officials said the plan was working.",
    "The minister on Friday announced new measures.",
    "Thursday's call between the two leaders lasted two hours.",
    "Talks have stalled since Aug. 7.",
    "Negotiators met Tuesday and agreed to resume talks.",
    "Gas prices are the lowest they have been in four years.",
    "The order revokes Proclamation 9558 of December 28, 2016, in full.",
    "Partners that do not move will go back to your April 2 tariff level.",
    "He will speak, as he has in years past.",
    "Her second trip to Vietnam in less than four months will be short.",
    "Observers will watch its 2026 elections closely.",
    "The President will host a working luncheon with Prime Minister May.",
    "Secretary Blinken will headline the McCain Institute's 2024 Sedona Forum.",
]


@pytest.mark.parametrize("text, expected", POSITIVE)
def test_finds_deadlines(text, expected):
    """A deadline in prose is found, with its exact span."""
    matches = find_deadlines(text, S)
    assert [m.text for m in matches] == [expected]
    m = matches[0]
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("text", NEGATIVE)
def test_ignores_non_deadlines(text):
    """Durations and dates that are not deadlines are not returned."""
    assert find_deadlines(text, S) == []


def test_at_least_forty_sentences():
    """The issue asks for at least 40 sentences."""
    assert len(POSITIVE) + len(NEGATIVE) >= 40


def test_window_matches_parse_deadline():
    """The window of a match is what parse_deadline gives for its text."""
    (m,) = find_deadlines("The bill would reach parliament in “a month or so”.", S)
    assert isinstance(m, DeadlineMatch)
    w = parse_deadline(m.text, S)
    assert (m.window.due, m.window.latest, m.window.hedged) == (w.due, w.latest, True)


def test_several_deadlines_in_one_text():
    """Every deadline in a paragraph is found, in order."""
    text = (
        "The company will cut jobs by the end of the month. Its new plant opened last year. "
        "A second plant should follow in early 2026, and a third eventually."
    )
    assert [m.text for m in find_deadlines(text, S)] == ["by the end of the month", "in early 2026", "eventually"]


@given(sd.sentence_frames, sd.find_phrases, sd.stated_on)
def test_spans_slice_back_to_text(frame, phrase, said):
    """find_deadlines spans slice back to their text, and the phrase is found."""
    text = frame.format(p=phrase)
    matches = find_deadlines(text, said)
    for m in matches:
        assert text[m.start : m.end] == m.text
    assert any(phrase.replace("“", "").replace("”", "") in m.text.replace("“", "").replace("”", "") for m in matches)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The target would be met in the coming months.", ["in the coming months"]),
        ("The new rules will be held to a vote in two weeks.", ["in two weeks"]),
        ("The summit was held in two weeks.", []),
    ],
)
def test_passive_irregular_participles_are_not_past_tense(text, expected):
    """'would be met', 'will be held' look ahead; 'was held' looks back."""
    assert [m.text for m in find_deadlines(text, S)] == expected


@given(
    st.lists(
        st.sampled_from(
            [
                "The minister said the bill would pass by Friday.",
                "Gov. Ruiz said it would end by Oct. 31.",
                "Mr. J. Smith promised results within 30 days",
                "; the rest will follow in two weeks.",
                ": a decision is due next week!",
                "Talks collapsed last August.\n\nThey resume in May.",
                "The U.S. will act in the coming days, officials said.",
                "“We will finish in two weeks or so,” she said.",
            ]
        ),
        min_size=1,
        max_size=5,
    ),
    sd.stated_on,
)
def test_matches_stay_inside_one_sentence(pieces, said):
    """A found phrase never runs across a sentence of ledger.core.text.split_sentences, the
    splitter the extractor uses: the two share one idea of a sentence and its abbreviations."""
    text = " ".join(pieces)
    sentences = [(s.start, s.end) for s in split_sentences(text)]
    for m in find_deadlines(text, said):
        assert any(start <= m.start and m.end <= end for start, end in sentences), (m.text, text)


def test_abbreviations_do_not_end_the_phrase():
    """A dot after an abbreviation core.text knows (Oct., Gov.) does not end the sentence a phrase is in."""
    text = "Gov. Ruiz said the bridge would reopen by Oct. 31, and Sen. Diaz agreed."
    assert [m.text for m in find_deadlines(text, S)] == ["by Oct. 31"]


@pytest.mark.parametrize(
    "text, found",
    [
        ("I will publish the revised guidance by Friday.", ["by Friday"]),
        ("The agency will post its updated rules in two weeks.", ["in two weeks"]),
        ("The agency revised the guidance on Friday.", []),
    ],
)
def test_a_participle_after_a_determiner_is_an_adjective_not_a_past_verb(text, found):
    """ "the revised guidance" describes a noun; "revised the guidance" is a past verb."""
    assert [m.text for m in find_deadlines(text, S)] == found
