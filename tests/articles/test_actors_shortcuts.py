"""The shortcuts of ledger.articles.actors (issue 19, item 5): each skips work whose answer is known, and reads
what the long way read."""

import re

from hypothesis import given
from hypothesis import strategies as st

from ledger.articles.actors import _RUN, _SUBJECT_PRONOUN, Discourse, Entity, read_mentions
from ledger.core.text import split_sentences

# Letters the patterns' first characters may be, case-blind or not, and the small words of names.
PIECES = st.lists(
    st.sampled_from(
        list("hesitwyaHESITWYA .'-_1")
        + ["\u017f", "\u0131", "\u0130", "\u212a", "\u2019", "Mr. ", "Dr "]
        + ["of ", "von ", "He", "SHE", "\u017fhe", "It", "I", "U.S.", "Ada Ruiz", "NATO", "J."]
    ),
    max_size=20,
).map("".join)


@given(PIECES)
def test_item5_the_lookahead_before_the_name_and_pronoun_patterns_changes_no_match(text):
    """The lookahead that fails a position without a possible first letter finds what the pattern without it
    found: the same spans and groups."""
    for fast, flags, prefix in ((_RUN, re.VERBOSE, "(?=[A-Z])"), (_SUBJECT_PRONOUN, re.IGNORECASE, None)):
        if prefix is None:
            prefix = fast.pattern[: fast.pattern.index(")") + 1]
        slow = re.compile(fast.pattern.replace(prefix, "", 1), flags)
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
            (m.span(), m.groups()) for m in slow.finditer(text)
        ]


def test_item5_a_pronoun_with_nobody_in_reach_looks_back_and_finds_nobody():
    """Discourse.recent with no entity in the last sentences says None at once, and still counts its look back
    (extract keys a reading by the history when a look back was made)."""
    discourse = Discourse()
    discourse.history.extend([[] for _ in range(30)])
    assert discourse.recent("m") is None and discourse.looks_back == 1
    discourse.history.append([Entity("Ada Ruiz", "person", "f"), Entity("Acme", "org")])
    assert discourse.recent("m") is None and discourse.looks_back == 2
    assert discourse.recent("f") == Entity("Ada Ruiz", "person", "f")
    assert discourse.recent("org") == Entity("Acme", "org")
    assert discourse.recent("f", [Entity("Bea Cole", "person")]) == Entity("Bea Cole", "person")


def test_item5_mentions_come_in_order_with_or_without_pronouns():
    """read_mentions gives its mentions by start, whether it found names only or names and what points back."""
    discourse = Discourse()
    for text in ("Ada Ruiz met Ben Cole in Lisbon.", "She said he would act, Ada Ruiz said."):
        mentions = read_mentions(split_sentences(text)[0], discourse, lambda offset: False)
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)
        discourse.history.append([m.entity for m in mentions if m.entity is not None])
    assert [(m.text, m.how, m.entity.name if m.entity else None) for m in mentions] == [
        ("She", "pronoun", "Ada Ruiz"),
        ("he", "pronoun", "Ben Cole"),
        ("Ada Ruiz", "surname", "Ada Ruiz"),
    ]
