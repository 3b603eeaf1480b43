"""The tokeniser's shortcuts (issue 19, item 5): lazy tokens, bisected token lookups, long sentences in pieces."""

import gc

from hypothesis import given
from hypothesis import strategies as st

from ledger.core.text import MAX_SENTENCE_LENGTH, cycle_collector_paused, plain_words, split_sentences, tokenize

TEXT = st.lists(
    st.sampled_from(["a", "Z", "9", " ", ".", ",", "\u2019", "'", "\n", "Mr.", "U.S.", "don\u2019t", "?", '"']),
    max_size=40,
).map("".join)


@given(TEXT, st.integers(min_value=-2, max_value=45))
def test_item5_token_lookups_agree_with_a_walk_over_the_tokens(text, offset):
    """token_at and token_from (bisections) give what walking the tokens gave, in every sentence."""
    for sentence in split_sentences(text):
        tokens = sentence.tokens
        at = sentence.start + offset
        assert sentence.token_at(at) == next((i for i, t in enumerate(tokens) if t.end > at), len(tokens))
        assert sentence.token_from(at) == next((i for i, t in enumerate(tokens) if t.start >= at), len(tokens))


@given(
    st.lists(
        st.sampled_from(
            ["the", "THE", "\u212ahe", "said", "re-said", "U.S.said", "x_said", "x'said", " ", ".", "\u0130"]
        ),
        max_size=12,
    ).map("".join)
)
def test_item5_may_hold_is_false_only_when_no_token_is_one_of_the_words(text):
    """Sentence.may_hold, the shortcut before a walk over the tokens, never says no to a sentence that holds one."""
    words = plain_words(["the", "said", "khe"])
    for sentence in split_sentences(text):
        if any(token.lower in words for token in sentence.tokens):
            assert sentence.may_hold(words)


@given(TEXT)
def test_item5_a_sentences_tokens_are_its_texts_tokens(text):
    """The tokens a sentence makes when asked are tokenize's of its text, at its offsets; lower is the text's
    lower case with a typographic apostrophe made plain."""
    for sentence in split_sentences(text):
        assert sentence.tokens == tuple(tokenize(sentence.text, sentence.start))
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text
            assert token.lower == token.text.lower().replace("\u2019", "'")


@given(st.lists(st.sampled_from(["word", " ", "\n", "x" * 700, "  "]), max_size=40).map("".join))
def test_item5_long_sentences_come_in_pieces_that_cover_every_character(text):
    """No sentence is over MAX_SENTENCE_LENGTH, each is its span of the text, and together they hold every
    character that is not white space, in order."""
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE_LENGTH and text[s.start : s.end] == s.text for s in sentences)
    assert "".join("".join(s.text.split()) for s in sentences) == "".join(text.split())
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


def test_item5_the_cycle_collector_is_back_after_a_failure():
    """The collector rests inside the block and is on again after it, even when the block raises."""
    assert gc.isenabled()
    try:
        with cycle_collector_paused():
            assert not gc.isenabled()
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.isenabled()
