"""Hypothesis strategies for the whole suite, in three sections.

- Ledgers and records: shared by the round-trip, loader and evaluation
  tests. Round trips and the loader get hostile text; evaluation, which
  never reads a commitment's words, gets a few plain ones.
- Deadline phrases: lengths, hedges and calendar phrases the reader must
  handle, and prose around them for the finder.
- Article text: news-like sentences glued from the pieces the extractor
  reads (actors, verbs, deadline phrases, noise), in random order.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ledger.core.records import Commitment, Event, Ledger, Source
from ledger.core.vocabulary import EVENT_TYPES

# -- ledgers and records -------------------------------------------------------------------------
# Records and whole valid ledgers, for tests/io (round trips, loader) and
# tests/verdicts (evaluation and statistics properties).

ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,15}", fullmatch=True)

#: Hostile text, for round trips and the loader, which must carry it exactly:
#: any character UTF-8 can encode (so no lone surrogates), control
#: characters, NEL, line and paragraph separators and byte-order marks included.
texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30).filter(lambda s: s.strip())
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
close_dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 6, 30))
urls = st.builds(lambda path: f"https://example.org/{path}", st.from_regex(r"[a-z0-9/_-]{0,20}", fullmatch=True))

#: Text for the fields evaluation never reads (a commitment's text, topic
#: and tags, a source's title and quote, an event's note): a few words, one
#: draw each. Hostile Unicode there cost generation time and tested nothing;
#: round trips and the loader, which do read these fields, keep `texts`.
WORDS = ("bridge", "budget", "ceasefire", "Zoë Ruiz", "two words")
words = st.sampled_from(WORDS)
#: URLs for ledgers under evaluation, which only copies a source's url into
#: `evidence_url`: one draw each, and no less varied than `urls` (fewer
#: ledgers repeat one), so a property that compares whole verdict tables
#: still sees which source became the evidence.
numbered_urls = st.integers(0, 10**6).map(lambda n: f"https://example.org/{n}")


def sources_of(text: st.SearchStrategy[str], url: st.SearchStrategy[str]) -> st.SearchStrategy[Source]:
    """Sources with this url, and titles and quotes (or none) from this text."""
    optional = st.none() | text
    return st.builds(Source, url=url, title=optional, quote=optional, published_on=st.none() | dates)


#: Deadline phrases of every window kind the evaluator must handle, dated
#: and open-ended, hedged and vague.
READABLE_DEADLINES = (
    "in two weeks",
    "two weeks or so",
    "10 or 12 days",
    "in 50 days",
    "by Friday",
    "next week",
    "by the end of the month",
    "soon",
    "very soon",
    "in the coming days",
    "eventually",
    "by Christmas",
    "within 24 hours",
)

readable_deadlines = st.sampled_from(READABLE_DEADLINES)


# "No recorded_on" or a lag of up to 30 days after the day it records.
_maybe_lag = st.none() | st.integers(0, 30)
# sometimes the recorder's own reading stands in for the words
_deadline_means = st.none() | st.none() | readable_deadlines
_event_types = st.sampled_from(EVENT_TYPES)


def _lagged(day: dt.date, lag: int | None) -> dt.date | None:
    return None if lag is None else day + dt.timedelta(days=lag)


def ledgers(
    *,
    max_commitments: int = 8,
    max_events: int = 12,
    chains: bool = True,
    deadlines: st.SearchStrategy[str] = readable_deadlines,
    actors: st.SearchStrategy[str] = texts,
    max_event_delay: int = 400,
    stated_dates: st.SearchStrategy[dt.date] | None = None,
    free_text: st.SearchStrategy[str] = texts,
    source_urls: st.SearchStrategy[str] = urls,
) -> st.SearchStrategy[Ledger]:
    """A valid ledger: unique ids, linear supersedes chains, events after statement.

    ``free_text`` fills the fields evaluation never reads (text, topic, tags,
    titles, quotes, notes) and ``source_urls`` the sources' urls; the
    defaults are hostile, for round trips and the loader.

    Strategies are built once here, not inside each draw: building one
    (and hypothesis checking it) per field of every record cost more than
    drawing from it.
    """
    counts = st.integers(0, max_commitments)
    event_counts = st.integers(0, max_events)
    delays = st.integers(0, max_event_delay)
    stated_days = dates if stated_dates is None else stated_dates
    optional_free_text = st.none() | free_text
    source = sources_of(free_text, source_urls)
    commitment_sources = st.lists(source, min_size=1, max_size=3)
    event_sources = st.lists(source, max_size=2)
    tag_lists = st.lists(free_text.map(lambda s: s.replace("|", "/")), max_size=3)  # '|' splits a CSV cell

    @st.composite
    def draw_ledger(draw: st.DrawFn) -> Ledger:
        n = draw(counts)
        commitment_ids = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
        stated = sorted(draw(st.lists(stated_days, min_size=n, max_size=n)))
        commitments: list[Commitment] = []
        superseded: set[str] = set()
        for i, cid in enumerate(commitment_ids):
            supersedes = None
            if chains and i and draw(st.booleans()):
                candidates = [c.id for c in commitments if c.id not in superseded]
                if candidates:
                    supersedes = draw(st.sampled_from(candidates))
                    superseded.add(supersedes)
            recorded_on = _lagged(stated[i], draw(_maybe_lag))
            commitments.append(
                Commitment(
                    id=cid,
                    actor=draw(actors),
                    stated_on=stated[i],
                    text=draw(free_text),
                    deadline=draw(deadlines),
                    deadline_means=draw(_deadline_means),
                    topic=draw(optional_free_text),
                    sources=draw(commitment_sources),
                    supersedes=supersedes,
                    recorded_on=recorded_on,
                    tags=draw(tag_lists),
                )
            )
        events: list[Event] = []
        if commitments:
            concerning = st.sampled_from(commitments)
            for _ in range(draw(event_counts)):
                c = draw(concerning)
                on = c.stated_on + dt.timedelta(days=draw(delays))
                events.append(
                    Event(
                        commitment_id=c.id,
                        type=draw(_event_types),
                        on=on,
                        recorded_on=_lagged(on, draw(_maybe_lag)),
                        note=draw(optional_free_text),
                        sources=draw(event_sources),
                    )
                )
        return Ledger(commitments, events)

    return draw_ledger()


#: Random ledgers an evaluation can judge: readable deadlines, a few actors,
#: dates close enough together that chains, lapses and late outcomes occur,
#: and cheap text where evaluation reads none.
evaluable_ledgers = ledgers(
    actors=st.sampled_from(("Ann", "Bo", "Cy")),
    free_text=words,
    source_urls=numbered_urls,
    max_commitments=10,
    max_events=14,
    max_event_delay=120,
    stated_dates=close_dates,
)


# -- deadline phrases ----------------------------------------------------------------------------
# Phrases with the window they must give, for tests/deadlines (reader, batch
# reader and finder).

# Days said: wide enough to cross leap years, month ends and year ends.
stated_on = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))

# Units whose windows are pure day offsets from the day it was said.
DAY_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14}

LEADS = ["", "in ", "within ", "over the next ", "in the next ", "no later than ", "at most "]
HEDGES_BEFORE = [
    "about ",
    "around ",
    "roughly ",
    "approximately ",
    "probably ",
    "maybe ",
    "I would say ",
    "something like ",
    "more or less ",
    "give or take ",
]
HEDGES_AFTER = [" or so", " give or take", " or thereabouts", " or a little later", "-ish", " more or less"]
NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    12: "twelve",
    20: "twenty",
    21: "twenty-one",
    30: "thirty",
    45: "forty-five",
    50: "fifty",
    90: "ninety",
}


@st.composite
def day_durations(draw, max_n=400):
    """(phrase, days) for a length counted in days: 'within 3 weeks' -> 21."""
    unit = draw(st.sampled_from(sorted(DAY_UNITS)))
    n = draw(st.integers(min_value=1, max_value=max_n))
    number = draw(st.sampled_from([str(n), NUMBER_WORDS.get(n, str(n))]))
    lead = draw(st.sampled_from(LEADS))
    return f"{lead}{number} {unit}", n * DAY_UNITS[unit]


@st.composite
def hedges(draw):
    """A hedge word and where it goes."""
    if draw(st.booleans()):
        return draw(st.sampled_from(HEDGES_BEFORE)), ""
    return "", draw(st.sampled_from(HEDGES_AFTER))


RELATIVE_PHRASES = [
    "two weeks or so",
    "50 days",
    "10 or 12 days",
    "two to three weeks",
    "between 30 and 45 days",
    "a week and a half",
    "24 hours",
    "30 days from today",
    "at least 30 days",
    "soon",
    "very soon",
    "in the coming days",
    "in the near future",
    "eventually",
    "in due course",
    "tomorrow",
    "tonight or tomorrow",
    "a few days",
    "a couple of weeks or so",
    "two weeks, maybe sooner",
    "within 48 hours",
    "a fortnight",
    "starting in two weeks",
    "imminently",
    "any day now",
]
relative_phrases = st.sampled_from(RELATIVE_PHRASES)

CALENDAR_PHRASES = [
    "by May",
    "early August",
    "mid-2026",
    "the end of the month",
    "next week",
    "by Friday",
    "next Friday",
    "Q3",
    "the first half of next year",
    "this summer",
    "before Thanksgiving",
    "by Christmas",
    "Easter",
    "October 31",
    "the 1st of November",
    "year-end",
    "later this year",
    "a month",
    "six months",
    "a year or so",
    "10 business days",
    "this weekend",
    "the 15th",
    "by Labor Day",
    "around October 31",
    "fortnightish",
    "late 2021",
    "after Christmas",
    "by midnight Friday",
    "a week from Monday",
    "through May 10",
    "midweek",
    "Labor Day weekend",
    "the first week of November",
    "in the new year",
    "by the start of next year",
    "by mid-year",
    "the week of Oct. 27",
    "within 100 days of taking office",
    "by 5 p.m. tomorrow",
    "early this week",
]
calendar_phrases = st.sampled_from(CALENDAR_PHRASES)

# Prose around a phrase for find_deadlines.
sentence_frames = st.sampled_from(
    [
        "The minister said the bill would pass {p}.",
        "“We will finish {p},” she said.",
        "Officials expect a decision {p}, according to the memo.",
        "He promised results {p}.",
    ]
)
find_phrases = st.sampled_from(
    [
        "in two weeks",
        "within 30 days",
        "by May",
        "by the end of the year",
        "in the coming days",
        "very soon",
        "before Christmas",
        "next week",
        "by Friday",
        "in “a month or so”",
        "within 10 or 12 days",
        "by early August",
        "no later than October 31",
    ]
)


# -- article text --------------------------------------------------------------------------------
# News-like text for tests/articles: sentences glued from actors, verbs,
# deadline phrases and noise, so the extractor meets the forms it reads (and
# their near misses) in random order; and any text at all, which it must survive.

ARTICLE_ACTORS = ["Mayor Ada Ruiz", "The Kremlin", "Northwind Airlines", "She", "He", "The president", "Analysts", "It"]
ARTICLE_VERBS = ["said", "will", "would", "promised to", "gave the union", "has until", "met", "signed", "is set to"]
ARTICLE_PHRASES = [
    "within two weeks",
    "by Friday",
    "until October 31",
    "in the coming days",
    "two more weeks",
    "on Monday",
    "three weeks ago",
    "a ninety-minute",
    "by the end of March",
    "last year",
    "soon",
]
ARTICLE_NOISE = ["the plan", "reopen the bridge", ",", '"', "that", "Mr.", "U.S.", "\n", "  ", "—", "(Reuters)", "7-2"]

pieces = st.sampled_from(ARTICLE_ACTORS + ARTICLE_VERBS + ARTICLE_PHRASES + ARTICLE_NOISE)
articles = st.lists(st.lists(pieces, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=5).map(
    lambda sentences: ". ".join(sentences) + "."
)
any_text = st.text(max_size=300)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
