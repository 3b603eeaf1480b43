"""Statement dates read from the words around a statement (ledger.articles.stated_time): the shortcut that
passes over sentences dating nothing, and cues that name no day (issue 19: never a traceback)."""

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger import extract
from ledger.articles.stated_time import (
    TIME_CUE,
    SentenceCues,
    _may_hold_cue,
    read_stated_time,
    statement_cue,
    statement_cue_unreadable,
)
from ledger.core.text import split_sentences
from ledger.deadlines import find_deadlines

DAY = date(2025, 10, 16)

# The words of every branch of TIME_CUE, with the letters a case-blind match takes for ASCII ones
# ("\u017f" for s, "\u0131" and "\u0130" for i, "\u212a" for k), glued with what may stand between them.
CUE_TEXT = st.lists(
    st.sampled_from(
        "on last Monday \u017funday FR\u0130DAY fr\u0131day yesterday today this morning earlier Oct Oct. oct "
        "Sept sept. June MAY may 3 12 2024 1999 a few couple of two days week wee\u212a ago year in the spring "
        "\u017fpring fall past back March Marchx x 5 _ - . , \u2019 \u03a3".split()
        + [" ", " ", "  ", "\n", ". ", "-", "_"]
    ),
    max_size=16,
).map("".join)


@given(CUE_TEXT)
def test_item5_the_cue_shortcut_never_passes_over_a_sentence_with_a_cue(text):
    """_may_hold_cue, a look at a sentence's words before TIME_CUE is walked, is False only where TIME_CUE finds
    nothing: so skipping the pattern there changes no cue."""
    for sentence in split_sentences(text):
        if TIME_CUE.search(sentence.text) is not None:
            assert _may_hold_cue(sentence)


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("He will act by June, case 1.", False),  # a month with no day after it and no "in" before it
        ("He did on June 3.", True),
        ("He said so on Jun. 3.", True),
        ("He said so last week.", True),
        ("She said three weeks ago that it would end.", True),
        ("He will act by Friday.", True),  # a weekday is a cue word: "by" is read by the pattern, not here
        ("He will act by May, case 2.", False),
        ("He did it in Marchx.", True),  # "in March" runs on into a word: its "in" is the word looked for
        ("It ends \u017funday.", True),  # a long s: the lower-cased sentence does not show the match
    ],
)
def test_item5_the_cue_shortcut_reads_the_words_each_branch_needs(text, holds):
    """The shortcut says no to a sentence without a cue's word (a month counts only before a day)."""
    assert _may_hold_cue(split_sentences(text)[0]) is holds


@pytest.mark.parametrize(
    "text",
    [
        "He said in March 0000 that he will act by June.",  # year 0: no such day
        "He said 99999 years ago that he will act by June.",  # before year 1
        "He said 999999999999 days ago that he will act by June.",  # too many days for a date
        "He said in \u017fpring that he will act by June.",  # a long s, matched case-blind
        "The mayor said on FR\u0130DAY that the city will act by June.",  # a dotted capital I
    ],
)
def test_item7_a_cue_that_names_no_day_dates_nothing_and_raises_nothing(text):
    """A time phrase whose day is not in the calendar, or whose word the tables do not hold as matched, is no
    statement date: extract proposes the candidate dated on publication (it raised KeyError, ValueError or
    OverflowError before)."""
    assert read_stated_time(text, 0, DAY) == []
    [candidate] = extract(text, DAY)
    assert candidate.stated_on == DAY and candidate.deadline.text == "by June"


@pytest.mark.parametrize(
    "text",
    [
        "He said in March 0000 that he will act by June.",
        "He said 99999 years ago that he will act by June.",
        "He said on \u017funday that he will act by June.",
        "The mayor said on FR\u0130DAY that the city will act by June.",
        "He will act by June, he said on FR\u0130DAY.",  # right after the speech verb
    ],
)
def test_a_cue_that_names_no_day_is_said_in_the_reasons(text):
    """The statement's time phrase cannot be read: the candidate is dated on publication, and says why."""
    [candidate] = extract(text, DAY)
    assert candidate.stated_on == DAY and candidate.stated_phrase is None
    assert "stated_time_unreadable" in candidate.reasons


@pytest.mark.parametrize(
    ("text", "stated_on", "unreadable"),
    [
        ("He said on Monday that he will act by June.", date(2025, 10, 13), False),
        ("In March 0000 he said on Monday that he will act by June.", date(2025, 10, 13), False),  # Monday decides
        ("On Monday, he said in March 0000 that he will act by June.", date(2025, 10, 13), True),  # the unread one
        ("He will act by June, he said.", DAY, False),
        ("He will act by June, as he did 99999 years ago.", DAY, False),  # not where a statement time is read
    ],
)
def test_only_the_cue_that_would_date_the_statement_counts(text, stated_on, unreadable):
    """The phrase ``statement_cue``'s rule would take, read over every time phrase of the sentence: the nearest
    before the governing verb, else right after the speech verb. The date stays what the readable cues give."""
    [candidate] = extract(text, DAY)
    assert candidate.stated_on == stated_on
    assert ("stated_time_unreadable" in candidate.reasons) is unreadable


def unreadable_by_the_combined_rule(sentence, marker_at, speech_at):
    """``statement_cue``'s rule over every time phrase, readable or not: is the one it takes unreadable?"""
    cues = SentenceCues(sentence, DAY, [])
    every = sorted([(c.start, c.end, True) for c in cues.cues] + [(a, b, False) for a, b in cues.unreadable])
    before = [c for c in every if c[1] <= marker_at]
    if before:
        return not before[-1][2]
    after = [c for c in every if speech_at is not None and c[0] >= speech_at]
    return bool(after) and after[0][0] - speech_at <= 40 and not after[0][2]


@given(
    CUE_TEXT.map(lambda text: text.replace("99", " in March 0000 ")),
    st.integers(0, 80),
    st.one_of(st.none(), st.integers(0, 80)),
)
def test_an_unreadable_cue_counts_where_the_combined_rule_takes_it(text, marker, speech):
    for sentence in split_sentences(text):
        marker_at, speech_at = sentence.start + marker, None if speech is None else sentence.start + speech
        expected = unreadable_by_the_combined_rule(sentence, marker_at, speech_at)
        assert statement_cue_unreadable(SentenceCues(sentence, DAY, []), marker_at, speech_at) is expected


def test_item5_sentence_cues_read_once_give_the_same_cue_as_read_afresh():
    """SentenceCues keeps its cues in a slot: every candidate of the sentence gets the cue a fresh read gives."""
    sentence = split_sentences("On Monday she said the review would end within two weeks, and later this week.")[0]
    shared = SentenceCues(sentence, DAY, [])
    for marker_at in (sentence.start + 10, sentence.start + 40, sentence.end):
        assert statement_cue(shared, marker_at, None) == statement_cue(SentenceCues(sentence, DAY, []), marker_at, None)
    assert [c.phrase for c in shared.cues] == ["On Monday"]
    assert shared.starts == [0] and shared.ends == [9]


@given(CUE_TEXT)
def test_item5_the_first_letter_lookahead_of_time_cue_changes_no_match(text):
    """TIME_CUE's lookahead (a digit or the first letter of a cue's first word) fails word starts at once and
    finds what the pattern without it found: the same spans and groups."""
    lookahead = TIME_CUE.pattern[: TIME_CUE.pattern.index("])") + 2]
    slow = re.compile(TIME_CUE.pattern.replace(lookahead + "\\b", "\\b(?=\\w)", 1), re.VERBOSE | re.IGNORECASE)
    assert slow.pattern != TIME_CUE.pattern
    assert [(m.span(), m.groups()) for m in TIME_CUE.finditer(text)] == [
        (m.span(), m.groups()) for m in slow.finditer(text)
    ]


@given(CUE_TEXT.map(lambda text: text + " by Friday until June 3 within two weeks"), st.integers(0, 3))
def test_item5_free_cues_are_the_cues_no_deadline_overlaps_with_or_without_the_shortcut(text, keep):
    """The free cues (the shortcut: none when every cue word is in a deadline phrase) are exactly the cues that
    overlap no deadline phrase of the sentence."""
    for sentence in split_sentences(text):
        deadlines = [d for d in find_deadlines(text, DAY) if sentence.start <= d.start < sentence.end][:keep]
        expected = [
            c
            for c in read_stated_time(sentence.text, sentence.start, DAY)
            if not any(d.start < c.end and d.end > c.start for d in deadlines)
        ]
        assert SentenceCues(sentence, DAY, deadlines).cues == expected


@pytest.mark.parametrize("cue", ["on Feb. 30", "on April 31", "on Feb. 29"])
def test_a_day_the_calendar_does_not_have_is_an_unreadable_cue_not_no_cue(cue):
    """'said on Feb. 30' named a day and none can be read: dated on publication, and said (the review's case;
    'Feb. 29' in 2025, a year with none, too)."""
    [found] = extract(f"Ada Ruiz said {cue} that she would quit by Friday.", date(2025, 10, 16))
    assert found.stated_on == date(2025, 10, 16)
    assert "stated_time_unreadable" in found.reasons


def test_a_readable_cue_beside_an_unreadable_one_dates_it_and_both_are_said():
    [found] = extract("Ada Ruiz said on Monday, in March 0000, that she would quit by Friday.", date(2025, 10, 16))
    assert found.stated_on == date(2025, 10, 13)
    assert {"stated_earlier", "stated_time_unreadable"} <= set(found.reasons)
