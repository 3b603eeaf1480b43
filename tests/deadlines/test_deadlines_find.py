"""find_deadlines: deadlines in news prose, and what is not a deadline."""

import csv
import re
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import ledger.deadlines.find as finder
from ledger.core.text import split_sentences
from ledger.deadlines import DeadlineError, DeadlineMatch, DeadlinePolicy, find_deadlines, parse_deadline
from ledger.deadlines.errors import Unreadable
from ledger.deadlines.grammar import VOCABULARY, NumberScreen, normalize, number_screen
from ledger.deadlines.policy import DEFAULT_POLICY
from ledger.deadlines.prose import words_and_clauses, words_of_tokens
from ledger.deadlines.reader import read_normalized
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


@pytest.mark.parametrize(
    "text, found",
    [
        ("During the next six weeks, the two sides will negotiate the second phase.", ["During the next six weeks"]),
        ("The envoy will stay during the talks and for the next six weeks.", []),
        ("The ceasefire held during six weeks of talks.", []),
    ],
)
def test_during_the_next_length_is_a_window_not_a_duration(text, found):
    """'during the next six weeks' says by when; 'for the next six weeks' and 'during six weeks' say how long."""
    assert [m.text for m in find_deadlines(text, S)] == found


@pytest.mark.parametrize(
    "text, found",
    [
        ("The council asked that the board proceed to a vote by Friday.", ["by Friday"]),
        ("Indeed, the board will vote by Friday.", ["by Friday"]),
        ("The committee will exceed its target by March.", ["by March"]),
        ("The army freed the hostages by Friday.", []),
    ],
)
def test_words_in_eed_are_not_past_verbs(text, found):
    """'proceed', 'exceed', 'indeed' end in '-ed' but are not past; 'agreed' is."""
    assert [m.text for m in find_deadlines(text, S)] == found


@pytest.mark.parametrize(
    "text, found",
    [
        ("I ask that at 12 noon all remaining time be considered expired.", ["at 12 noon"]),
        (
            "The council will sit until 12 noon, with members permitted to speak for five minutes each.",
            ["until 12 noon"],
        ),
        ("At noon the council adjourned.", []),
    ],
)
def test_an_orders_time_of_day_is_a_deadline(text, found):
    """A time of day in an order: 'be considered' is a subjunctive, a participle after 'with' is not the verb,
    and 'that at noon' is no name."""
    assert [m.text for m in find_deadlines(text, S)] == found


@pytest.mark.parametrize(
    "text, found",
    [
        ("The two sides will negotiate the second phase.", []),
        ("The team will try for the third time.", []),
        ("Rent is due by the 15th of each month.", ["by the 15th"]),
        ("The report will be out on the 2nd.", ["on the 2nd"]),
    ],
)
def test_an_ordinal_before_its_noun_is_no_day_of_the_month(text, found):
    """'the second phase' counts phases; 'on the 2nd' is a day."""
    assert [m.text for m in find_deadlines(text, S)] == found


@pytest.mark.parametrize("phrase", ["the third time", "for the second time", "by the 3rd time"])
def test_the_nth_time_is_refused_not_read_as_a_day(phrase):
    """'the third time' counts how often: it is no third of a month."""
    with pytest.raises(DeadlineError, match="counts how often"):
        parse_deadline(phrase, S)


# --- the prefilter: a start is tried only up to its first unknown word, and only if a word names a time ----

DATA = Path(__file__).resolve().parent.parent / "data"


def _data_phrases() -> list[tuple[str, date]]:
    """Every phrase of the deadline test data, with its day said."""
    out = []
    for name, said in (
        ("deadline_phrases.csv", "stated_on"),
        ("real_deadline_phrases.csv", "said_on"),
        ("future_calendar_expressions.csv", "said_on"),
    ):
        with (DATA / name).open(encoding="utf-8") as f:
            out += [(row["phrase"], date.fromisoformat(row[said])) for row in csv.DictReader(f)]
    return out + [(expected, S) for _, expected in POSITIVE]


def test_every_phrase_the_reader_reads_passes_the_prefilter():
    """Each phrase of the test data that reads holds only words the prefilter knows, and one that names a time:
    the prefilter never stops the finder short of a phrase the reader would read."""
    known = finder._known_words(DEFAULT_POLICY.public_events)
    read = 0
    for phrase, said in _data_phrases():
        norm = normalize(phrase)
        try:
            read_normalized(norm, said, DEFAULT_POLICY)
        except Unreadable:
            continue
        read += 1
        tokens = norm.split()
        unknown = [t for t in tokens if t not in known and not any(c.isdigit() for c in t)]
        assert not unknown, f"{phrase!r} reads, but the prefilter does not know {unknown}"
        assert any(t not in finder._TIMELESS for t in tokens), f"{phrase!r} reads with no word that names a time"
    assert read > 500


def test_a_policys_public_events_are_known_words():
    """A public event added by a policy is found in prose, its words known to the prefilter."""
    policy = DeadlinePolicy(public_events=(*DEFAULT_POLICY.public_events, "county fair=us_election_day"))
    text = "The board will decide before the county fair."
    assert [m.text for m in find_deadlines(text, S, policy=policy)] == ["before the county fair"]
    assert find_deadlines(text, S) == []


@given(st.lists(st.sampled_from(sorted(finder._TIMELESS)), min_size=1, max_size=4))
def test_words_that_name_no_time_read_nothing(chosen):
    """A phrase made only of leads, articles, hedges and pronouns reads nothing (so it need not be tried)."""
    with pytest.raises(Unreadable):
        read_normalized(normalize(" ".join(chosen)), S, DEFAULT_POLICY)


def test_short_sentences_are_cheap():
    """'a. a. a. ...' (one sentence to the splitter: each 'a.' is an initial) reads nothing, in time linear in it."""
    assert find_deadlines("a. " * 20_000, S) == []
    assert find_deadlines("In a. " * 5_000 + "by Friday.", S)[-1].text == "by Friday"


def _words_and_clauses(text: str, sentences=None) -> tuple[list[tuple[int, int, str]], list[bool]]:
    """The reference: every Token.parts of every sentence, and for each word whether it starts a new clause
    (a new sentence, or a break in the gap before a token's first part)."""
    words: list[tuple[int, int, str]] = []
    new_clause: list[bool] = []
    for sentence in split_sentences(text) if sentences is None else sentences:
        first = True
        for k, token in enumerate(sentence.tokens):
            for p, part in enumerate(token.parts):
                gap = text[words[-1][1] : part.start] if words else ""
                new_clause.append(first or bool(p == 0 and k and re.search(r"[!?;:]|\n\s*\n", gap)))
                words.append((part.start, part.end, part.lower))
                first = False
    return words, new_clause


@given(
    st.lists(
        st.sampled_from(
            # a capital sigma, a dotted capital I and the Kelvin sign lower unlike the rest (prose._lowered)
            list("aZ9 .,;:!?'’\"“”-_/\né²ΣİK") + ["Oct.", "U.S.", "don’t", "mid-2026", "5:30", "year's", "\n\n", "ΑΣ Α"]
        ),
        max_size=30,
    ).map("".join)
)
@example("a:_\ta 5:30; a_:b x:-y U.S.:x the deal: Friday")
def test_the_finders_words_are_the_tokenisers_parts(text):
    """The finder reads words without a Token for each: exactly ledger.core.text's parts, in the same clauses."""
    expected_words, expected_new = _words_and_clauses(text)
    words, clause = words_and_clauses(text)
    assert [(w.start, w.end, w.lower) for w in words] == expected_words
    assert [k == 0 or clause[k] != clause[k - 1] for k in range(len(words))] == expected_new
    assert clause == sorted(clause)


@given(
    st.lists(
        st.sampled_from(list("aZ9 .,;:!?'’-\né") + ["Oct.", "U.S.", "don’t", "5:30", "\n\n", "ΑΣ Α", "Mr. Ruiz. "]),
        max_size=40,
    ).map("".join),
    st.lists(st.booleans(), max_size=20),
)
def test_the_finders_words_of_some_sentences_are_theirs_alone(text, keep):
    """Given some of a text's sentences (the extractor reads a sentence once in the same surroundings), the
    finder's words are those sentences' parts, whatever lies between them."""
    sentences = split_sentences(text)
    chosen = [s for s, kept in zip(sentences, keep + [True] * len(sentences)) if kept]
    expected_words, expected_new = _words_and_clauses(text, chosen)
    words, clause = words_and_clauses(text, chosen)
    assert [(w.start, w.end, w.lower) for w in words] == expected_words
    assert [k == 0 or clause[k] != clause[k - 1] for k in range(len(words))] == expected_new


@given(
    st.lists(
        st.sampled_from(
            list("aZ9 .,;:!?'’\"“”-_/\né²ΣİK")
            + ["Oct.", "U.S.", "don’t", "mid-2026", "5:30", "year's", "\n\n", "ΑΣ Α", "a_b", "_", "x" * 700]
        ),
        max_size=30,
    ).map("".join),
    st.lists(st.booleans(), max_size=20),
)
@example("a:_\ta 5:30; a_:b x:-y U.S.:x the deal: Friday", [])
def test_the_finders_words_off_the_tokens_are_its_words_off_the_text(text, keep):
    """words_of_tokens, which reads the words off the sentences' tokens (the extractor's way), gives what
    words_and_clauses gives: the same words, in the same clauses, of all or some of the sentences."""
    sentences = split_sentences(text)
    chosen = [s for s, kept in zip(sentences, keep + [True] * len(sentences)) if kept]
    for given_ in (None, chosen):
        words, clause = words_and_clauses(text, given_)
        off_tokens, clause_off_tokens = words_of_tokens(text, given_)
        assert [(w.start, w.end, w.lower) for w in off_tokens] == [(w.start, w.end, w.lower) for w in words]
        assert [k == 0 or clause[k] != clause[k - 1] for k in range(len(words))] == [
            k == 0 or clause_off_tokens[k] != clause_off_tokens[k - 1] for k in range(len(off_tokens))
        ]
        assert clause_off_tokens == sorted(clause_off_tokens)


def _reach_word_by_word(words, clause, known):
    """The finder's _Reach as it was first written, a loop over the words: what the arrays must give."""
    n = len(words)
    plain, timely, marks, starts = [], [], [], []
    for k, word in enumerate(w.lower for w in words):
        number = word.isdigit() and word.isascii()
        tokens = normalize(word).split()
        plain.append(number or all(t in known or any(c.isdigit() for c in t) for t in tokens))
        timely.append(number or any(t not in finder._TIMELESS for t in tokens))
        if not number and finder._may_mark_tense(word):
            marks.append(k)
        if number or word in finder._STARTS or word[0].isdigit():
            starts.append(k)
    edges = [0] + [k for k in range(1, n) if clause[k] != clause[k - 1]] + [n]
    stop, timed, first, last = [0] * n, [n] * n, [0] * n, [0] * n
    for start, end in zip(edges, edges[1:]):
        nearest_time, reach = n, end - 1
        for k in range(end - 1, start - 1, -1):
            if timely[k]:
                nearest_time = k
            timed[k] = nearest_time
            if not plain[k]:
                reach = k - 1
            stop[k] = reach
            first[k], last[k] = start, end - 1
    return marks, starts, stop, timed, first, last


@given(
    st.lists(
        st.sampled_from(
            ["by", "June", "the", "end", "of", "2026", "12", "١٢", "²", "weeks", "said", "will", "case", "ruiz", "mid"]
            + ["2012", "2113", "2125", "2126", "0999", "2200", "12345"]
            + list(" .,;:\n")
            + ["two-week", "5:30", "next", "Friday", "agreed", "Zoë", "\n\n", "Mr. ", "a.m."]
        ),
        max_size=40,
    ).map(" ".join)
)
@example("")
@example("case 12 case 13. by June 2026; case 14")
@example("case 2026. case 2125. case 2126 case 0999. the 2030. 2012 weeks. by 2200 June 2113")
def test_the_finders_reach_is_the_word_by_word_loops(text):
    """_Reach, word by word (a short text) or with whole arrays (a long one), gives for every word what the
    loop over the words first gave; of the words a phrase may start with, it passes over only those from
    which _longest_read reads nothing."""
    words, clause = words_and_clauses(text)
    known = finder._known_words(DEFAULT_POLICY.public_events)
    for screen, said, arrays_from in [
        (None, S, 0),
        (None, S, 10**9),
        (SCREEN, S, 0),
        (SCREEN, S, 10**9),
        (SCREEN, date(2100, 1, 1), 0),
        (SCREEN, date(2012, 5, 1), 10**9),
    ]:
        with mock.patch.object(finder, "_ARRAYS_FROM", arrays_from):
            reach = finder._Reach(words, clause, known, screen, said.year)
        with mock.patch.object(finder, "_ARRAYS_FROM", 10**9 - arrays_from):
            assert finder._Reach(words, clause, known, screen, said.year).starts == reach.starts
        got = (reach.active, reach.stop, reach.timed, reach.first, reach.last)
        marks, starts, *rest = _reach_word_by_word(words, clause, known)
        assert got == (marks, *rest)
        assert all(type(k) is int for row in (*got, reach.starts) for k in row)
        assert set(reach.starts) <= set(starts) and reach.starts == sorted(reach.starts)
        for i in set(starts) - set(reach.starts):
            assert finder._longest_read(text, words, reach, i, said, DEFAULT_POLICY) is None, (i, words[i])


@pytest.mark.parametrize(
    "text, found",
    [
        ("In the afternoon, the President will hold a listening session.", ["In the afternoon"]),
        ("Mid-morning, the President will meet the chief of staff.", ["Mid-morning"]),
        ("Later in the afternoon, the Governor will host a reception.", ["in the afternoon"]),
        ("In the late afternoon, the Secretary will swear in the new director.", ["In the late afternoon"]),
        ("The talks resumed in the afternoon.", []),
    ],
)
def test_a_part_of_a_day_in_a_schedule_is_found(text, found):
    """A schedule's parts of a day are deadlines when the verb looks ahead, not when it looks back."""
    assert [m.text for m in find_deadlines(text, S)] == found


@given(
    st.sampled_from(
        [
            "in the afternoon",
            "in the evening",
            "later in the afternoon",
            "in the late afternoon",
            "mid-morning",
            "Mid-Afternoon",
            "early in the evening",
            "by the evening",
        ]  # fmt: skip
    ),
    sd.stated_on,
)
def test_a_part_of_a_day_without_its_day_is_the_day_said_or_the_next(phrase, said):
    """Said without its day, a part of a day may be that day's or (a schedule released the evening before)
    the next day's: the window holds both, never one guessed."""
    w = parse_deadline(phrase, said)
    assert (w.earliest, w.latest) == (said, said + timedelta(days=1))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The vote will happen by 5 p.m.", "by 5 p.m."),
        ("Debate runs until 11 a.m., with Senators permitted to speak.", "until 11 a.m."),
        ("He will decide by 5 P.M. on Friday, he said.", "by 5 P.M. on Friday"),
        ("We will finish by 5 p.m today.", "by 5 p.m today"),
    ],
)
def test_a_phrase_ending_in_a_clock_abbreviation_keeps_its_closing_point(text, phrase):
    """A span that stops at "p.m" prints a cut-off quote; the point belongs to the abbreviation."""
    (match,) = find_deadlines(text, date(2025, 1, 2))
    assert match.text == phrase
    assert text[match.start : match.end] == phrase


# --- the number screen: a phrase that opens with a number is read only when the grammar lets it ----

SCREEN = number_screen(DEFAULT_POLICY.public_events)
AFTER_A_NUMBER = SCREEN.follows
# Words the finder meets after a number in prose, none of which may follow one in a deadline.
NOT_AFTER = sorted((VOCABULARY | set("said will case people percent dollars mr by in within".split())) - AFTER_A_NUMBER)
NUMBERS = st.integers(0, 10**6).map(str) | st.sampled_from(
    ["0", "00", "1", "7", "12", "31", "99", "2026", "2030", "9999"]
)
TAIL = st.lists(st.sampled_from(sorted(VOCABULARY)) | NUMBERS, max_size=4).map(" ".join)


def _reads(norm: str, said: date = S) -> bool:
    try:
        read_normalized(norm, said, DEFAULT_POLICY)
    except Unreadable:
        return False
    return True


def test_every_phrase_that_opens_with_a_number_passes_the_number_screen():
    """Each run of words of the test data's phrases that opens with a number of digits alone and reads has
    at most four digits, four when it is alone, a second word grammar.number_screen lets follow (and not the
    'a' of 'a m' as its last), and no last word it says never ends one: the screen never stops the finder
    short of a phrase the reader reads."""
    seen = 0
    for phrase, said in _data_phrases():
        tokens = normalize(phrase).split()
        for k in [k for k, token in enumerate(tokens) if re.fullmatch(r"[0-9]+", token)]:
            for run in [tokens[k:m] for m in range(k + 1, len(tokens) + 1)]:
                if not _reads(" ".join(run), said):
                    continue
                seen += 1
                assert len(run[0]) <= 4 and (len(run) > 1 or len(run[0]) == 4), phrase
                if len(run) > 1 and run[1].isalpha():  # the screen lets a second number through: 12:01 am
                    assert run[1] in AFTER_A_NUMBER, f"{run!r} reads, but the screen does not let {run[1]!r} follow"
                    assert len(run) > 2 or run[1] not in ("a", "p"), phrase
                    assert run[1] in SCREEN.time_words or run[-1] not in SCREEN.never_last, run
    assert seen > 150


@given(NUMBERS, st.sampled_from(NOT_AFTER), TAIL)
@example("2026", "said", "")
@example("31", "by", "october")
def test_a_number_then_a_word_that_cannot_follow_reads_nothing(number, second, tail):
    """A number of digits, then a word the number screen refuses, reads nothing, whatever comes after."""
    assert not _reads(normalize(f"{number} {second} {tail}"))


@given(NUMBERS, TAIL)
@example("12345", "weeks")
@example("10000", "or 2 weeks")
def test_a_number_of_five_digits_or_more_opens_no_deadline(number, tail):
    """A number of five digits or more opens no readable phrase; alone, only a number of four digits reads."""
    if len(number) >= 5:
        assert not _reads(normalize(f"{number} {tail}"))
    if len(number) != 4:
        assert not _reads(number)
    assert not _reads(f"{number} a") and not _reads(f"{number} p")


@pytest.mark.parametrize("said", [S, date(2000, 1, 1), date(2026, 12, 31), date(1999, 2, 28)])
def test_a_number_of_four_digits_alone_reads_only_as_a_year_from_the_year_said_on(said):
    """What the finder's number screen (find._number_opens) takes for granted: alone, a number of four digits
    reads as that year, and only from the year said on; otherwise it does not read at all."""
    for year in range(10_000):
        number = f"{year:04d}"
        try:
            read = read_normalized(number, said, DEFAULT_POLICY)
        except Unreadable:
            assert year < said.year, number
            continue
        assert year >= said.year and read.earliest.year == read.latest.year == year, number


@given(st.integers(0, 9999), st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.sampled_from(["case ", "the ", "In "]))
@example(2125, date(2025, 10, 16), "case ")
@example(2126, date(2025, 10, 16), "case ")
@example(2024, date(2025, 10, 16), "the ")
def test_a_year_alone_out_of_reach_is_found_as_when_read(year, said, before):
    """The finder passes over a number alone before the year said on or more than a century after it
    without reading it; it finds what it finds when it reads every span."""
    text = f"It said {before}{year:04d}. Then {year:04d}, or {year} weeks."
    with mock.patch.object(finder, "number_screen", lambda events: None):
        unscreened = find_deadlines(text, said)
    assert find_deadlines(text, said) == unscreened


@given(
    NUMBERS,
    st.sampled_from(sorted(AFTER_A_NUMBER - SCREEN.time_words) + NOT_AFTER[::5]),
    TAIL,
    st.sampled_from(sorted(SCREEN.never_last)),
)
@example("2026", "the", "end of", "the")
@example("31", "or", "", "by")
@example("2026", "at", "noon", "by")
def test_a_phrase_that_opens_with_a_number_never_ends_with_a_leading_word(number, second, middle, last):
    """A number, a word that is no time of day's, anything, then 'the', 'of', 'or', 'by', ...: nothing reads."""
    assert not _reads(normalize(f"{number} {second} {middle} {last}"))


@given(NUMBERS)
def test_a_number_is_its_own_normal_form(number):
    """normalize leaves a number of digits as it is (the finder does not normalise one)."""
    assert normalize(number) == number


def test_a_phrase_said_with_and_without_quotes_has_the_window_of_its_own_text():
    """The finder makes one window per phrase found: a quoted and an unquoted saying keep their own text."""
    text = 'We will act by Friday, “by Friday”, by Friday. "By Friday," she said, by Friday.'
    found = find_deadlines(text, S)
    assert [m.text for m in found] == [m.window.phrase for m in found]
    assert len({m.text for m in found}) > 1


def _unscreened(text: str, policy: DeadlinePolicy = DEFAULT_POLICY) -> list[DeadlineMatch]:
    with mock.patch.object(finder, "number_screen", lambda events: None):
        return find_deadlines(text, S, policy=policy)


@given(
    st.lists(
        st.sampled_from(sorted(AFTER_A_NUMBER)[::3] + NOT_AFTER[::7] + [". ", ", ", "-", "'s", "’", "&", "_", "\n"])
        | NUMBERS,
        max_size=14,
    ).map(" ".join)
)
@example("case 2026 or so, case 12345 weeks, by 31 october at 5 p.m. 2026 us midterms")
@example("It ends 12 noon by. It ends 5 pm by. It ends 2026 the end of the day, 2026 the end of the")
def test_the_number_screen_finds_what_reading_every_span_finds(text):
    """The finder with its number screen finds exactly what it finds when it reads every span."""
    assert find_deadlines(text, S) == _unscreened(text)


def test_a_policy_event_that_opens_with_a_number_turns_the_screen_off():
    """A public event named with a number first ("20 summit") is found: the screen steps aside for it."""
    policy = DeadlinePolicy(public_events=(*DEFAULT_POLICY.public_events, "20 summit=us_election_day"))
    assert number_screen(policy.public_events) is None
    text = "The talks will close 20 summit at the latest."
    assert [m.text for m in find_deadlines(text, S, policy=policy)] == ["20 summit at the latest"]
    with mock.patch.object(finder, "number_screen", lambda events: NumberScreen(frozenset(), frozenset(), frozenset())):
        assert find_deadlines(text, S, policy=policy) == []  # what a screen that knew nothing of it would lose
