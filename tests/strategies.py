"""Hypothesis strategies for ledger records and whole ledgers.

Shared by the round-trip, loader and evaluation tests. Text avoids
surrogates and the control characters YAML cannot carry, which no real
ledger holds.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ledger.core.records import Commitment, Event, Ledger, Source
from ledger.core.vocabulary import EVENT_TYPES

DAY0 = dt.date(2024, 1, 1)

ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,15}", fullmatch=True)

_alphabet = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Zl", "Zp"),
    exclude_characters="\ufeff\x85\u2028\u2029",
)
texts = st.text(_alphabet, min_size=1, max_size=30).filter(lambda s: s.strip())
optional_texts = st.none() | texts
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
close_dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 6, 30))
urls = st.builds(lambda path: f"https://example.org/{path}", st.from_regex(r"[a-z0-9/_-]{0,20}", fullmatch=True))

sources = st.builds(
    Source,
    url=urls,
    title=optional_texts,
    quote=optional_texts,
    published_on=st.none() | dates,
)


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


@st.composite
def ledgers(
    draw,
    *,
    max_commitments: int = 8,
    max_events: int = 12,
    chains: bool = True,
    deadlines=readable_deadlines,
    actors=texts,
    max_event_delay: int = 400,
    stated_dates=None,
) -> Ledger:
    """A valid ledger: unique ids, linear supersedes chains, events after statement."""
    n = draw(st.integers(0, max_commitments))
    commitment_ids = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    stated = sorted(draw(st.lists(dates if stated_dates is None else stated_dates, min_size=n, max_size=n)))
    commitments: list[Commitment] = []
    superseded: set[str] = set()
    for i, cid in enumerate(commitment_ids):
        supersedes = None
        if chains and i and draw(st.booleans()):
            candidates = [c.id for c in commitments if c.id not in superseded]
            if candidates:
                supersedes = draw(st.sampled_from(candidates))
                superseded.add(supersedes)
        recorded_on = draw(st.none() | st.integers(0, 30).map(lambda d, s=stated[i]: s + dt.timedelta(days=d)))
        commitments.append(
            Commitment(
                id=cid,
                actor=draw(actors),
                stated_on=stated[i],
                text=draw(texts),
                deadline=draw(deadlines),
                # sometimes the recorder's own reading stands in for the words
                deadline_means=draw(st.none() | st.none() | readable_deadlines),
                topic=draw(optional_texts),
                sources=draw(st.lists(sources, min_size=1, max_size=3)),
                supersedes=supersedes,
                recorded_on=recorded_on,
                tags=draw(st.lists(texts, max_size=3)),
            )
        )
    events: list[Event] = []
    if commitments:
        for _ in range(draw(st.integers(0, max_events))):
            c = draw(st.sampled_from(commitments))
            on = c.stated_on + dt.timedelta(days=draw(st.integers(0, max_event_delay)))
            events.append(
                Event(
                    commitment_id=c.id,
                    type=draw(st.sampled_from(EVENT_TYPES)),
                    on=on,
                    recorded_on=draw(st.none() | st.integers(0, 30).map(lambda d, o=on: o + dt.timedelta(days=d))),
                    note=draw(optional_texts),
                    sources=draw(st.lists(sources, max_size=2)),
                )
            )
    return Ledger(commitments, events)


#: Random ledgers an evaluation can judge: readable deadlines, a few actors,
#: dates close enough together that chains, lapses and late outcomes occur.
evaluable_ledgers = ledgers(
    actors=st.sampled_from(("Ann", "Bo", "Cy")),
    max_commitments=10,
    max_events=14,
    max_event_delay=120,
    stated_dates=close_dates,
)
