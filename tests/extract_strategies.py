"""Hypothesis strategies for ``ledger.extract``: news-like text built from pieces that matter.

Sentences are glued from actors, verbs, deadline phrases and noise, so the
extractor meets the forms it reads (and their near misses) in random order.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

ACTORS = ["Mayor Ada Ruiz", "The Kremlin", "Northwind Airlines", "She", "He", "The president", "Analysts", "It"]
VERBS = ["said", "will", "would", "promised to", "gave the union", "has until", "met", "signed", "is set to"]
PHRASES = [
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
NOISE = ["the plan", "reopen the bridge", ",", '"', "that", "Mr.", "U.S.", "\n", "  ", "—", "(Reuters)", "7-2"]

pieces = st.sampled_from(ACTORS + VERBS + PHRASES + NOISE)
articles = st.lists(st.lists(pieces, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=5).map(
    lambda sentences: ". ".join(sentences) + "."
)
any_text = st.text(max_size=300)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
