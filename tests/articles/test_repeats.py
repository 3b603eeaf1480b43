"""A sentence read once: ``find_phrases`` and ``extract`` give what reading every sentence afresh gives.

``extract`` keeps what reading a sentence gave and gives it again when the
same sentence comes in the same state (issue 19: every pathological text at
1 MB under 2 s). These tests hold the kept readings to the fresh ones on the
real documents, the annotated paragraphs, the pathological texts and texts
made of a few sentences said again and again in every order.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

import attrs
import pytest
from extract_eval import load_items
from hypothesis import example, given
from hypothesis import strategies as st

from benchmarks.extract_accuracy import DOCS, HELDOUT, load_documents
from benchmarks.pathological_speed import TEXTS
from ledger.articles import extract as extract_module
from ledger.articles import voices
from ledger.articles.actors import PRONOUN_REACH, Discourse, Entity
from ledger.articles.candidate import Candidate
from ledger.articles.candidates import Draft
from ledger.articles.extract import extract
from ledger.articles.phrases import find_phrases
from ledger.articles.voices import Fallback
from ledger.core.text import split_sentences
from ledger.deadlines import DEFAULT_POLICY, DeadlineMatch
from ledger.deadlines.find import find_in_sentences

D = dt.date(2025, 10, 16)
DOCUMENTS = load_documents(DOCS) + load_documents(HELDOUT)
PARAGRAPHS = [item["text"] for item in load_items()]

# Sentences that make every step of the reading work, and what may stand between them.
SAID = [
    "Mayor Ada Ruiz said on Tuesday that the bridge would reopen within two weeks.",
    "He said he would do it by June.",
    "She will finish it by Friday, the minister said.",
    "MS. LEAVITT: We will act by June.",
    "Q: When?",
    "By Ann Lee",
    "I ask unanimous consent that the Senate adjourn until 10 a.m. tomorrow.",
    "I object.",
    "The President will sign it by Friday, the President said.",
    "Ruiz said the city would need two more weeks to finish the bridge.",
    "Acme will close its plant by 2027.",
    "Mr.",
    "On Monday, the President will travel to Ohio.",
    "In the afternoon, he will meet the governor.",
    "It was the lowest in four years.",
    "in four years",
    '"We will reply within 10 days," said Luca Ferri.',
    "The company said it would cut 500 jobs.",
    "...",
    "a.",
    "by",
    "to",
    "has",
    "within two weeks",
]
GAPS = [" ", "  ", "\n", "\n\n", ", "]

repeated_texts = st.lists(st.tuples(st.sampled_from(SAID), st.sampled_from(GAPS)), min_size=1, max_size=24).map(
    lambda pieces: "".join(s + gap for s, gap in pieces)
)


def pathological(size: int = 4_000) -> list[str]:
    return [(unit * (size // len(unit) + 1))[:size] for unit in TEXTS.values()]


def run_on(size: int = 8_000) -> str:
    """Commitments one after another with no sentence end: pieces of a long sentence, many phrases in each."""
    said = [
        f"{who} {does} {by}"
        for who in ("Ada Ruiz", "he", "the company")
        for does in ("will act", "extended it to")
        for by in ("by June", "within two weeks", "two more weeks", "on Monday")
    ]
    joins = [" and ", ", ", "; ", " but "]
    parts = [said[(k * 7) % len(said)] + joins[(k * 3) % len(joins)] for k in range(size // 20)]
    return "".join(parts)[:size]


def every_text() -> list[str]:
    return (
        [doc.text for doc in DOCUMENTS]
        + PARAGRAPHS
        + pathological()
        + ["".join(SAID) * 3, " ".join(SAID * 3), run_on()]
    )


def found_afresh(text: str) -> list:
    return find_in_sentences(text, split_sentences(text), D, DEFAULT_POLICY)


def found_once(text: str) -> list:
    return find_phrases(text, split_sentences(text), D, DEFAULT_POLICY)


@pytest.fixture
def afresh(monkeypatch):
    """``extract`` with every sentence read afresh: the reader keeps nothing."""

    def extract_afresh(text: str, day: dt.date = D, **kwargs) -> list:
        with monkeypatch.context() as patch:
            patch.setattr(extract_module._Reader, "_key", lambda *args: None)
            return extract(text, day, **kwargs)

    return extract_afresh


# -- the finder, each sentence once ------------------------------------------------------------


@pytest.mark.parametrize("text", every_text(), ids=range(len(every_text())))
def test_find_phrases_finds_what_the_finder_finds(text):
    """Each distinct sentence read once, in its surroundings: the same phrases, at the same offsets."""
    assert found_once(text) == found_afresh(text)


@given(repeated_texts)
def test_find_phrases_finds_what_the_finder_finds_in_repeated_text(text):
    """A few sentences said again in every order: the phrases of each are those the finder gives it."""
    assert found_once(text) == found_afresh(text)


def test_find_phrases_reads_a_repeated_sentence_once(monkeypatch):
    """Two hundred copies of a sentence: the finder reads a handful of them, not all."""
    read = []

    def counting(text, sentences, stated_on, policy):
        read.append(len(sentences))
        return find_in_sentences(text, sentences, stated_on, policy)

    monkeypatch.setattr("ledger.articles.phrases.find_in_sentences", counting)
    text = "We will act by June. " * 200
    assert len(found_once(text)) == 200
    assert read == [read[0]] and read[0] <= 10


def find_phrases_as_was(text, sentences, stated_on, policy):
    """find_phrases as it was written before its way out for texts where no sentence comes twice: every
    sentence keyed by its surroundings, those read first read."""
    counts = [len(re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*", text[s.start : s.end])) for s in sentences]
    worded = [k for k, count in enumerate(counts) if count]
    texts = [sentences[k].text for k in worded]
    first_of, same_as, read = {}, [], set()
    for w, k in enumerate(worded):
        before, got = w, 0
        while before > 0 and got < 6:
            before -= 1
            got += counts[worded[before]]
        after, ahead = w, 0
        while after < len(worded) - 1 and ahead < 2:
            after += 1
            ahead += counts[worded[after]]
        s = sentences[k]
        key = (
            tuple(texts[before : after + 1]),
            w - before,
            text[max(0, s.start - 4) : s.start],
            text[s.end : s.end + 12],
        )
        first = first_of.setdefault(key, k)
        same_as.append((k, first))
        if first == k:
            read.update(worded[before : after + 1])
    found = find_in_sentences(text, [sentences[k] for k in sorted(read)], stated_on, policy)
    starts, wanted, own = [s.start for s in sentences], {first for _, first in same_as}, {}
    for m in found:
        k = bisect_right(starts, m.start) - 1
        if k in wanted:
            own.setdefault(k, []).append(m)
    out = []
    for k, first in same_as:
        shift = sentences[k].start - sentences[first].start
        out += [
            m if k == first else DeadlineMatch(m.start + shift, m.end + shift, m.text, m.window)
            for m in own.get(first, [])
        ]
    return out


# Sentences said once each (a counter in each), said again, and runs with no space that are cut anywhere: a
# phrase that takes in an opening quote there starts in the piece before its words' (which holds none).
distinct_or_repeated_texts = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(SAID), st.sampled_from(GAPS)).map("".join),
        st.integers(0, 99).map(lambda k: f"We will act by June, case {k}. "),
        st.sampled_from(["-" * 2999 + '"by June" 30 we will. ', "x" * 2990, '"', "”", "“by May” 3", ". "]),
    ),
    max_size=24,
).map("".join)


@given(distinct_or_repeated_texts)
@example("-" * 2999 + '"by June" 30 we will. ')
@example("We will act by June, case 1. We will act by June, case 2. ")
@example("By Ann Lee\nRuiz will act by June, case 1.\nBy Ann Lee\nRuiz will act by June, case 2.\n")
@example("By Ann Lee\nBy Ann Lee\nRuiz will act by June, case 1.\nBy Ann Lee\nBy Ann Lee\nBy Ann Lee\n")
def test_find_phrases_finds_what_it_found_keying_every_sentence(text):
    """The way out when no sentence with a word comes twice gives what keying every sentence gave: the same
    phrases at the same offsets."""
    sentences = split_sentences(text)
    assert find_phrases(text, sentences, D, DEFAULT_POLICY) == find_phrases_as_was(text, sentences, D, DEFAULT_POLICY)


# -- the extractor, each sentence once ---------------------------------------------------------


@pytest.mark.parametrize("text", every_text(), ids=range(len(every_text())))
def test_extract_gives_what_reading_afresh_gives(text, afresh):
    """Readings kept and given again: the same candidates as reading every sentence afresh."""
    assert extract(text, D) == afresh(text)
    assert extract(text, D, default_actor="Office of X") == afresh(text, default_actor="Office of X")


@given(text=repeated_texts)
def test_extract_gives_what_reading_afresh_gives_in_repeated_text(text):
    """A few sentences said again in every order: the same candidates as reading each afresh."""
    with pytest.MonkeyPatch.context() as patch:
        fresh = extract(text, D)
        patch.setattr(extract_module._Reader, "_key", lambda *args: None)
        assert extract(text, D) == fresh


def test_extract_reads_a_repeated_sentence_once(reads):
    """A hundred copies of a name and a commitment with a pronoun: read afresh until the pronouns' reach of
    sentences is full of them (the state then repeats), given again the rest."""
    found = extract("Ada Ruiz spoke. He said he would do it by June. " * 100, D)
    assert len(found) == 100 and {c.actor for c in found} == {"Ada Ruiz"}
    assert len(reads) <= PRONOUN_REACH + 4


def test_the_discourse_version_moves_only_when_what_it_knows_changes():
    """A new name, a gender told, a title given, another organisation last: a new version; the same again: not."""
    discourse = Discourse()
    discourse.person("Ada Ruiz", None)
    assert discourse.version == 1
    discourse.person("Ruiz", None)
    assert discourse.version == 1
    discourse.person("Ruiz", "f")
    assert discourse.version == 2 and discourse.persons["Ada Ruiz"] == Entity("Ada Ruiz", "person", "f")
    discourse.title("mayor", "Ada Ruiz")
    discourse.title("mayor", "Ada Ruiz")
    assert discourse.version == 3
    discourse.org("Acme")
    discourse.org("Acme")
    assert discourse.version == 4
    discourse.org("Helix")
    discourse.org("Acme")
    assert discourse.version == 6 and list(discourse.orgs) == ["Helix", "Acme"]


def test_the_mask_as_a_sentence_sees_it():
    """Spans of furniture clipped to a sentence, from its start; overlapping spans before it count once."""
    mask = extract_module._Mask([(0, 10), (5, 30), (40, 45), (48, 60)])
    assert mask.within(20, 50) == ((0, 10), (20, 25), (28, 30))
    assert mask.within(30, 40) == ()
    assert all(mask(at) == any(a <= at - 20 < b for a, b in mask.within(20, 50)) for at in range(20, 50))


def test_a_candidate_takes_every_field_of_its_draft():
    """``finish`` names each field of a Draft: a field added to one and not the other fails here."""
    assert set(Draft._fields) | {"id", "supersedes"} == {field.name for field in attrs.fields(Candidate)}
    assert Draft._fields[4:6] == ("sentence_span", "deadline")  # what a draft given again moves, by position


def test_the_reading_key_moves_the_fallback_offsets():
    """The key takes a Fallback's offsets (``consent_at``, ``message_at``) from the sentence's start, by position."""
    assert Fallback._fields[4:6] == ("consent_at", "message_at")


# What voices looked for before its patterns were tried only where the words they need are.
_CONSENT_AS_WAS = re.compile(r"\bunanimous consent that\b|^\s*(?:Further|Finally|Also),?\s+that\b", re.IGNORECASE)
_REQUEST_AS_WAS = re.compile(r"\bunanimous consent\b", re.IGNORECASE)
consent_texts = st.lists(
    st.sampled_from(
        [
            "unanimous consent that",
            "UNANIMOUS CONSENT THAT",
            "unanimouſ conſent that",
            "Further, that",
            "Also that",
            "  ",
            "\n",
            "I ask ",
            "x",
            "nan",
            "ı",
            "İ",
            "K",
            "consent",
            "I object",
            "I OBJECT",
            "Objection is heard",
        ]
    ),
    max_size=8,
).map("".join)


@given(consent_texts)
def test_consent_is_found_where_the_one_pattern_found_it(text):
    """A request for consent, or its going on ("Further, that"): the same match as the one case-blind pattern."""
    was = _CONSENT_AS_WAS.search(text)
    now = voices._consent(text)
    assert (now.span() if now else None) == (was.span() if was else None)


@given(consent_texts)
def test_requests_and_objections_are_found_where_the_patterns_found_them(text):
    """Every request and objection in a document, looked for only where its letters are: the same offsets."""
    read = voices.read_voices(text, D)
    assert read.requests == tuple(m.start() for m in _REQUEST_AS_WAS.finditer(text))
    assert read.objections == tuple(m.start() for m in voices._OBJECTION.finditer(text))


def test_a_sentence_that_never_looks_back_is_read_once_whatever_came_before(reads):
    """No pronoun to resolve: the history is not part of its key, so its second reading is given again at once."""
    assert len(extract("We will act by June. " * 100, D)) == 100
    # the first sentence (always read afresh), the second, and the last two (the text ends within 30 characters)
    assert len(reads) <= 4
