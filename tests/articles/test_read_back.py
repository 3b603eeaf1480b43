"""The words before a name read back from it (issue 19: every pathological text at 1 MB under 2 s, each repetition
distinct) give what the end-anchored searches they replace gave.

``read_back.word_before`` and ``read_back.in_before`` read back from a name a letter at a time; the searches
(``re.search`` from ``_back_from`` with ``$`` at the name) tried every position of up to 200 characters, each
reading the word after it. The searches are kept here as the reference, with the text's awkward characters:
white space other than a space, letters that are word characters but not ASCII ones, digits, the underscore.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.articles import linking, read_back
from ledger.articles.read_back import SUBJECT_PRONOUN
from ledger.core.text import Sentence

# What ``actors`` searched for before: the word before a name (skipping "the"), and "in" (the)" before it.
WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+(?:the\s+)?$")
IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?$")

PIECES = st.lists(
    st.sampled_from(
        list("abinteIN_1\u00e9\u212a.,-\n\t \u00a0\u2003") + ["in ", "the ", " the", "in", "the", "within ", "In "]
    ),
    max_size=16,
).map("".join)


@settings(max_examples=400)
@given(PIECES, st.integers(0, 60), st.integers(0, 60))
def test_the_word_before_is_what_the_search_found(text: str, a: int, b: int) -> None:
    back, at = min(a, b, len(text)), min(max(a, b), len(text))
    found = WORD_BEFORE.search(text, back, at)
    assert read_back.word_before(text, back, at) == ((found.start(1), found.group(1)) if found else None)


@settings(max_examples=400)
@given(PIECES, st.integers(0, 60), st.integers(0, 60))
def test_in_before_is_what_the_search_found(text: str, a: int, b: int) -> None:
    """The search's word boundary sees the character before ``back``: so does ``_in_before``."""
    back, at = min(a, b, len(text)), min(max(a, b), len(text))
    assert read_back.in_before(text, back, at) == bool(IN_BEFORE.search(text, back, at))


def test_read_back_examples() -> None:
    text = "He met them in the Oval Office, outside Buckingham Palace and xin New York."
    assert read_back.in_before(text, 0, text.index("Oval"))
    assert read_back.word_before(text, 0, text.index("Buckingham")) == (text.index("outside"), "outside")
    assert not read_back.in_before(text, 0, text.index("New"))  # "xin" is no "in"
    assert read_back.in_before(text, text.index("in the"), text.index("Oval"))
    assert not read_back.in_before("\u00e9in New", 2, 5)  # a letter before "in", even before where the read starts


PRONOUN_PIECES = st.lists(
    st.sampled_from(
        list("hesitwyaHESITWYA .'-_1\n")
        + ["\u017f", "\u0131", "\u0130", "\u212a", "\u2019", "\u00e9", "He", "SHE", "\u017fhe", "It", "I", "i"]
        + ["it", "we", "They", "tHeY", "the", "she", "U.S.", "I.T.", "it's", "we'll"]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=400)
@given(PRONOUN_PIECES)
def test_pronoun_words_are_what_the_pattern_found(text: str) -> None:
    """The pattern's matches but a lower-case "i" and a word not in ASCII (the filter ``_pronouns`` had)."""
    found = [(p.start(), p.group(1)) for p in SUBJECT_PRONOUN.finditer(text)]
    kept = [(at, w) for at, w in found if not (w == "i" or (w.lower() == "i" and w != "I") or not w.isascii())]
    assert read_back.pronoun_words(Sentence(0, len(text), text)) == kept


def _content_stems_as_was(text: str, actor: str) -> set[str]:
    """``linking._content_stems`` before it lowered each word once."""
    names = {w.lower() for w in actor.split()}
    return {
        w.lower()[:4]
        for w in linking._CONTENT_WORD.findall(text)
        if w.lower() not in linking._SUBJECT_STOPWORDS and w.lower() not in names and not w[0].isupper()
    }


@given(
    st.lists(
        st.sampled_from(["Ruiz", "ruiz", "said", "Bridge", "bridge", "the", "two", "weeks", "x", "Don't"]), max_size=12
    ),
    st.sampled_from(["Ada Ruiz", "Acme", "unknown"]),
)
def test_content_stems_as_they_were(words: list[str], actor: str) -> None:
    text = " ".join(words)
    assert linking._content_stems(text, actor) == _content_stems_as_was(text, actor)
