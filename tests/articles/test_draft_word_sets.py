"""Issue 19 (session 19b): the drafting steps that look at a sentence's words, not search its text, give what the
searches gave.

Each shortcut rests on a stated fact (docstrings and comments in ``candidates``, ``wording``, ``stated_time``,
``clauses``); these tests hold it to the plain reading on generated sentences, odd letters and blanks included.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ledger.articles import candidates, clauses, stated_time, wording
from ledger.articles.clauses import RESET_CONTEXT
from ledger.articles.per_sentence import per_word
from ledger.core.text import split_sentences

BLANKS = [" ", "  ", "\n", "\t", "\u00a0"]
ODD = ["\u017f", "\u0131", "\u0130", "\u212a"]
FEELINGS = ["grateful", "Hopeful", "HOPE", "hopes", "hoping", "trust", "tru\u017ft", "glad", "gladly", "hop", "pleased"]
RESETS = ["extend", "EXTENDED", "extending", "extension", "extent", "push", "pushed", "back", "moved", "postponed"]
RESETS += ["Postponement", "postpon3", "delay", "delays", "delayed", "deadline", "new", "more", "time", "reset", "re"]
OTHERS = ["we", "that", "they", "will", "act", "by", "June", "Friday", "case", "3", ",", "'", "-", "caf\u00e9", "in"]
OTHERS += ["Oct.", "oct", "march", "Marchx", "in March", "last week", "2", "this", "morning", "ago", "5", "x"]
PIECES = FEELINGS + RESETS + OTHERS + ODD


def sentences_of(pieces: list[str], joiner: str):
    return split_sentences(joiner.join(pieces) + ".")


@given(st.lists(st.sampled_from(PIECES + BLANKS), min_size=1, max_size=14))
def test_a_sentence_said_to_hold_no_feeling_or_reset_word_has_no_match(pieces: list[str]) -> None:
    for joiner in ("", " "):
        for sentence in sentences_of(pieces, joiner):
            text = sentence.text
            if candidates._FEELING.search(text) is not None:
                assert candidates._may_feel_or_reset.__wrapped__(sentence)[0], text
            # a match anywhere in a prefix that ends at a word's start (a phrase's start) is in the sentence
            for cut in range(len(text) + 1):
                if cut and re.match(r"\w\w", text[cut - 1 : cut + 1]):
                    continue  # cut inside a word: ``_says_reset`` searches then
                if RESET_CONTEXT.search(text[:cut]) is not None:
                    assert candidates._may_feel_or_reset.__wrapped__(sentence)[1], (text, cut)
                    break


@given(st.lists(st.sampled_from(PIECES + BLANKS), min_size=1, max_size=14))
def test_a_short_sentences_walk_to_its_clause_end_is_the_bisect_of_its_ends(pieces: list[str]) -> None:
    for joiner in ("", " "):
        for sentence in sentences_of(pieces, joiner):
            tokens = sentence.tokens
            ends = wording._clause_ends.__wrapped__(sentence)
            for after in range(sentence.start, sentence.end + 1):
                first = sentence.token_from(after)
                later = [i for i in ends if i >= first]
                expected = tokens[later[0]].start if later else sentence.end
                assert wording._clause_end(sentence, after) == expected, (sentence.text, after)
                starts = wording._clause_end_starts.__wrapped__(sentence)
                assert starts == [tokens[i].start for i in ends]


@given(st.lists(st.sampled_from(PIECES + BLANKS), min_size=1, max_size=14))
def test_cue_words_month_days_and_plain_text_are_what_the_walks_found(pieces: list[str]) -> None:
    letters = re.compile(r"[a-z]+")
    for joiner in ("", " "):
        for sentence in sentences_of(pieces, joiner):
            lowered = sentence.text.lower()
            runs = sorted(
                (m.start(), m.end()) for m in letters.finditer(lowered) if m.group() in stated_time._ALL_CUE_WORDS
            )
            found = sorted(
                (m.start(), m.end())
                for word in sentence.held_words(stated_time._ALL_CUE_WORDS)
                for m in stated_time._CUE_WORD_RUN[word].finditer(lowered)
            )
            assert found == runs, sentence.text
            for month, pattern in stated_time._MONTH_DAY.items():
                as_was = re.compile(rf"(?<![a-z]){month}\.?[ ]\d")
                assert (pattern.search(lowered) is None) == (as_was.search(lowered) is None), (month, lowered)
            assert candidates._plain_sentence.__wrapped__(sentence) == " ".join(sentence.text.split())


def test_the_governing_words_table_is_the_test_it_remembers() -> None:
    text = "He will have pushed it; she'll act — they said, planned and wanted it by June, case 12. " * 2
    for sentence in split_sentences(text):
        assert clauses._governing.__wrapped__(sentence) == [
            i
            for i, t in enumerate(sentence.tokens)
            if t.lower in clauses._GOVERNING_WORDS or t.lower.endswith(("ed", "'ll"))
        ]
    small = per_word(lambda word: word.endswith("s"), size=2)
    assert [small[w] for w in ["is", "a", "was", "is", "b"]] == [True, False, True, True, False]
    assert len(small) <= 2


def test_the_remembered_confidence_is_the_rounded_one() -> None:
    for hundredths in range(-40, 140):
        for extra in (0.0, 1e-9, 0.005):
            score = hundredths / 100 + extra
            for forecast in (False, True):
                cap = candidates.FORECAST_CAP if forecast else 0.99
                expected = round(min(cap, max(0.05, score)), 2)
                assert candidates._confidence(score, forecast) == expected
                assert candidates._confidence(score, forecast) == expected  # remembered
