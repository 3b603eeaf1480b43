"""The tokeniser's shortcuts (issue 19, item 5): lazy tokens, bisected token lookups, long sentences in pieces."""

import gc
import re

from hypothesis import example, given
from hypothesis import strategies as st

import ledger.core.text as text_module
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


# --- where sentences end: the cuts as first written, a mark at a time, for the faster ones to agree with ----

_FIRST_END = re.compile(r"""(?<![.!?])[.!?]++["'\u201d\u2019)\]]*+(?=\s)""")


def _ends_a_sentence_char_by_char(text: str, end: int) -> bool:
    """``text._ends_sentence`` as first written: the word before the point read back a character at a time."""
    mark = end
    while mark > 0 and text[mark - 1] in "\"'\u201d\u2019)]":
        mark -= 1
    if text[mark - 1] != ".":
        return True
    stop = mark
    while stop > 0 and text[stop - 1] == ".":
        stop -= 1
    if stop == 0 or not (text[stop - 1].isalnum() or text[stop - 1] == "_"):
        return True
    start = stop
    while start > max(0, stop - 40) and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    stem = text[start:stop].lower()
    if stem in text_module.ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()):
        return False
    at = re.compile(r"\s*").match(text, end).end()
    return at >= len(text) or text[at].isupper() or text[at].isdigit() or text[at] in "\"'\u201c\u2018("


ENDS = st.lists(
    st.sampled_from(
        ["a", "Z", "9", "_", "\u00e9", "\u0663", "\u00b2", " ", "\n", "\t", ".", "..", "!", "?", "?.", ".!", '"']
        + ["'", "\u201d", "\u2019", ")", "]", "(", "\u201c", "Mr", "U.S", "p.m", "Oct", "x" * 45, "wed", "-"]
    ),
    max_size=60,
).map("".join)


def _split_a_mark_at_a_time(text: str) -> list[text_module.Sentence]:
    """``split_sentences`` as first written: every mark's end asked of ``_ends_a_sentence_char_by_char``."""
    cuts = set(text_module._line_breaks(text))
    cuts.update(m.end() for m in _FIRST_END.finditer(text) if _ends_a_sentence_char_by_char(text, m.end()))
    cuts.add(len(text))
    sentences: list[text_module.Sentence] = []
    start = 0
    for cut in sorted(cuts):
        chunk = text[start:cut]
        body = chunk.strip()
        if body:
            s = start + chunk.find(body[0])
            if len(body) <= MAX_SENTENCE_LENGTH:
                sentences.append(text_module.Sentence(s, s + len(body), body))
            else:
                text_module._pieces(text, s, s + len(body), sentences)
        start = cut
    return sentences


@given(ENDS)
@example("Mr. Ruiz. J. Cole.. Oct.\n31. U.S.\u201d Then. a._ 5.  x")
@example("x" * 45 + ". a" + "y" * 39 + ". Z")
@example("It ends Mr.\nthen. Wed. Sun. sun. Fig.\n\nx")
def test_sentences_end_where_a_mark_at_a_time_ended_them(text):
    """split_sentences cuts where the first splitter cut, which asked of every mark whether it ended a
    sentence and read the word before it back a character at a time."""
    sentences = split_sentences(text)
    assert [(s.start, s.end, s.text, s.piece) for s in sentences] == [
        (s.start, s.end, s.text, s.piece) for s in _split_a_mark_at_a_time(text)
    ]


def test_no_abbreviation_ends_with_a_digit():
    """What _ends_sentence takes for granted when a digit stands before the point ("case 31."): no word of
    ABBREVIATIONS is there to look up."""
    assert not any(abbreviation[-1:].isdigit() for abbreviation in text_module.ABBREVIATIONS)
