"""extract's fast paths give what the full reading gives (issue 19: every pathological text at 1 MB under 2 s).

Each shortcut in the reading rests on a stated fact; these tests hold it to
the full reading on generated sentences.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ledger.articles import voices, wording
from ledger.articles.actors import SPEECH_VERBS, Discourse, read_mentions
from ledger.articles.clauses import DETERMINERS, FUTURE_MODALS, WEAK_MODALS, can_govern, govern, trim_phrase
from ledger.core.text import split_sentences
from ledger.deadlines import DEFAULT_POLICY, find_deadlines

DAY = dt.date(2025, 10, 16)
# Phrases, words that govern one and words that do not, in any order: the sentences a shortcut must read right.
PIECES = [
    "within two weeks",
    "by Friday",
    "until June 1",
    "the end of the month",
    "in two more weeks",
    "case 4",
    "the bridge",
    "Ruiz",
    "if",
    "unless",
    "then",
    "will",
    "could",
    "to",
    "plans to",
    "has",
    "threatened",
    "warns",
    "deadline",
    "set",
    "scheduled",
    "opened",
    "I'll",
    "arrives",
    ",",
    ";",
    "reopen",
    "said",
    "expects",
]


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
def test_a_sentence_that_cannot_govern_accepts_no_phrase(pieces: list[str]) -> None:
    text = " ".join(pieces) + "."
    for sentence in split_sentences(text):
        if can_govern(sentence):
            continue
        for match in find_deadlines(text, DAY):
            if sentence.start <= match.start < sentence.end:
                match = trim_phrase(text, match, DEFAULT_POLICY)
                assert not govern(sentence, match).accepted, (text, match.text)


def test_can_govern_sees_each_kind_of_governing_word() -> None:
    for text in ("We will act by Friday.", "Plans to act by Friday.", "Ruiz threatened it if not by Friday."):
        assert can_govern(split_sentences(text)[0]), text
    assert not can_govern(split_sentences("Within two weeks within two weeks case 3.")[0])


# -- wording: a clause's start and end found once per sentence, a lead read from the head's end ---------------

CLAUSE_PIECES = [*PIECES, "that", "and that", "and", "told", "reporters", "the", "posts", "would", '"', "(", "\u2014"]
CLAUSE_PIECES += ["because", "when", "according", ".", "Mr.", "\n", "  ", "him", "said Ruiz", "the border posts would"]


def clause_start_by_walking(sentence, before: int) -> int:
    """``clause_start`` as it was: a walk over the tokens from the sentence's start."""
    start = sentence.start
    tokens = sentence.tokens
    for i, t in enumerate(tokens):
        if t.end > before:
            break
        noun = t.lower in SPEECH_VERBS and (
            (i + 1 < len(tokens) and tokens[i + 1].lower in FUTURE_MODALS | WEAK_MODALS)
            or (i > 0 and tokens[i - 1].lower in DETERMINERS)
        )
        if t.text in wording._CLAUSE_MARKS or t.lower in ("that",) or (t.lower in SPEECH_VERBS and not noun):
            start = t.end
            if (
                t.lower in SPEECH_VERBS
                and i + 1 < len(tokens)
                and tokens[i + 1].lower in wording._ADDRESSEES
                and tokens[i + 1].end <= before
            ):
                start = tokens[i + 1].end
    return start


def clause_end_by_walking(sentence, after: int) -> int:
    """``_clause_end`` as it was: a walk over the tokens from ``after``."""
    for t in sentence.tokens[sentence.token_from(after) :]:
        if t.text in wording._CLAUSE_MARKS or t.text in ".!?" or t.lower in wording._CLAUSE_END_WORDS:
            return t.start
        if t.lower == "and" and sentence.text[t.end - sentence.start :].lstrip().startswith("that"):
            return t.start
    return sentence.end


@given(st.lists(st.sampled_from(CLAUSE_PIECES), min_size=1, max_size=20), st.data())
def test_clause_start_and_end_are_the_walks(pieces: list[str], data) -> None:
    text = " ".join(pieces)
    for sentence in split_sentences(text):
        for at in range(sentence.start, sentence.end + 1, max(1, (sentence.end - sentence.start) // 12)):
            assert wording.clause_start(sentence, at) == clause_start_by_walking(sentence, at), (text, at)
            assert wording._clause_end(sentence, at) == clause_end_by_walking(sentence, at), (text, at)


LEAD_PIECES = ["to", "by", "In", "within", "no later than", "No Later Than", "into", "bypass", "act", "x", "starting"]


@given(st.lists(st.sampled_from([*LEAD_PIECES, " ", "  ", "\n", "\t", ",", "\u00a0", "'s"]), max_size=12))
def test_a_lead_read_from_the_end_is_the_lead_the_pattern_takes(pieces: list[str]) -> None:
    for head in ("".join(pieces), " ".join(pieces)):
        assert wording._without_lead(head) == wording._LEADS.sub("", head), repr(head)


# -- voices.speaker: mentions found by bisection, not by a list of all of them for each speech verb -------------
def speaker_by_lists(sentence, mentions):
    """``voices.speaker`` as it was: every mention before and after each speech verb listed."""
    if not sentence.may_hold(voices._SPEECH_OR_ACCORDING):
        return None, None
    tokens = sentence.tokens
    for i, tok in enumerate(tokens):
        word = tok.lower
        if word == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
            after = [m for m in mentions if m.start >= tokens[i + 1].end]
            if after and voices._gap_words(sentence, tokens[i + 1].end, after[0].start) <= 1:
                return after[0], tok
        if word not in SPEECH_VERBS:
            continue
        before = [m for m in mentions if m.end <= tok.start and not voices.reporter(m)]
        for subject in reversed(before[-3:]):
            gap = sentence.text[subject.end - sentence.start : tok.start - sentence.start]
            if subject.how == "name" and voices._DESCRIBING_GAP.fullmatch(gap):
                return subject, tok
        for subject in reversed(before[-3:]):
            gap = sentence.text[subject.end - sentence.start : tok.start - sentence.start]
            if voices._ADVERBS_GAP.fullmatch(gap) or voices._APPOSITIVE_GAP.fullmatch(gap):
                return subject, tok
        after = [m for m in mentions if m.start >= tok.end and not voices.reporter(m)]
        if after and voices._gap_words(sentence, tok.end, after[0].start) <= 1:
            prefix = sentence.text[: tok.start - sentence.start].rstrip()
            if prefix.endswith((",", '"', "\u201d", ",\u201d", ',"')):
                return after[0], tok
    return None, None


SPEECH_PIECES = ["Ada Ruiz", "Reuters", "the mayor", "he", "she", "said", "told", "according to", ",", '"', "\u201d"]
SPEECH_PIECES += ["Ben Cole", "the Associated Press", "also", "a city aide", "will act by June", "  ", "Mr. Diaz"]


@given(st.lists(st.sampled_from(SPEECH_PIECES), min_size=1, max_size=16))
def test_speaker_is_the_speaker_the_lists_gave(pieces: list[str]) -> None:
    text = " ".join(pieces) + "."
    discourse = Discourse()
    for sentence in split_sentences(text):
        mentions = read_mentions(sentence, discourse, lambda offset: False)
        assert voices.speaker(sentence, mentions) == speaker_by_lists(sentence, mentions), text
