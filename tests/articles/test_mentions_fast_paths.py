"""The shortcuts of reading mentions and voices give what the long way gives (issue 19: every pathological text
at 1 MB under 2 s, each repetition distinct).

Each shortcut skips work whose answer a few tables already tell; these tests
read generated sentences with the shortcuts and with the long way put back,
and hold the two readings (mentions and what the discourse learnt) equal.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.articles import actors, voices
from ledger.articles.actors import PRONOUNS, TITLE_HEADS, Discourse, Entity, Mention, named_before, read_mentions
from ledger.core.text import Sentence, split_sentences

WORDS = [
    # names, honorifics, titles, bodies, things, times
    "Ada Ruiz",
    "Ruiz",
    "Ruiz's",
    "Mr.",
    "Ms.",
    "Dr",
    "President",
    "PRESIDENT",
    "the President",
    "Prime Minister",
    "minister",
    "Senate",
    "Acme",
    "Summit",
    "Lisbon Accord",
    "June",
    "Oct.",
    "A.",
    "NATO",
    "The",
    "In",
    "Moscow",
    # what follows a name: commits, speaks, or neither
    "will",
    "said",
    "says",
    "plans",
    "is",
    "met",
    "in",
    "outside",
    "the",
    "company",
    "analysts",
    # what points back
    "he",
    "He",
    "she",
    "it",
    "It",
    "we",
    "I",
    "i",
    "they",
    "his",
    "her",
    "its",
    "their",
    "our",
    # marks
    ",",
    ", the energy minister,",
    '"',
    "Mr, case 1",
]
sentences = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), min_size=1, max_size=4)


class _Everything:
    """A table that holds every word: the shortcut that asks it never skips anything."""

    def __contains__(self, word: object) -> bool:
        return True

    def isdisjoint(self, words: object) -> bool:
        return False


def _pronouns_as_was(sentence, discourse, masked, free, mentions, extra) -> None:
    """``actors._pronouns`` before its lists were kept: every pronoun asks ``named_before`` and looks at ``extra``."""
    if not sentence.may_hold(actors._SUBJECT_PRONOUN_PLAIN):
        return
    at = sentence.start
    for p in actors._SUBJECT_PRONOUN.finditer(sentence.text):
        word = p.group(1)
        if word == "i" or (word.lower() == "i" and word != "I") or not word.isascii():
            continue
        start = at + p.start()
        end = start + len(word)
        if masked(start) or not free(start, end) or (extra and any(e.start <= start < e.end for e in extra)):
            continue
        want = PRONOUNS[word.lower()]
        entity = None
        if want == "m" or want == "f" or want == "org":
            entity = discourse.recent(want, named_before(mentions, extra, start))
            if entity is not None and entity.kind == "person" and entity.gender is None and want != "org":
                entity = discourse.person(entity.name, want)
        extra.append(Mention(start, end, word, "pronoun", entity, generic=want == "plural"))


def _read(texts: list[str]) -> list[tuple]:
    """Every mention of each text read in turn with one discourse, and the discourse after each text."""
    discourse, found = Discourse(), []
    for text in texts:
        for sentence in split_sentences(text):
            mentions = read_mentions(sentence, discourse, lambda offset: offset % 17 == 3)
            discourse.history.append([m.entity for m in mentions if m.entity is not None])
            state = (discourse.persons, discourse.surnames, discourse.orgs, discourse.titles)
            found.append((mentions, repr(state), discourse.version, discourse.looks_back))
    return found


@given(sentences)
def test_mentions_read_with_the_shortcuts_are_the_mentions_read_the_long_way(pieces: list[list[str]]) -> None:
    texts = [" ".join(words) + "." for words in pieces]
    fast = _read(texts)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(actors, "_TITLE_OR_ORG", _Everything())  # every one-word run read the long way
        patch.setattr(actors, "_POINTING_BACK", _Everything())  # descriptions, pronouns, generics always read
        patch.setattr(actors, "_pronouns", _pronouns_as_was)
        slow = _read(texts)
    assert fast == slow


@given(st.sampled_from(sorted(TITLE_HEADS)), st.sampled_from(["", ".", "s"]), st.booleans())
def test_a_title_word_alone_is_all_title_and_names_nobody(head: str, end: str, upper: bool) -> None:
    """The shortcut for a one-word title ("President") without an honorific: what ``_title_split`` and
    ``_name_entity`` say of it, a bare title naming nobody."""
    word = (head.upper() if upper else head.capitalize()) + end
    if word.lower().rstrip(".") not in TITLE_HEADS:
        return  # "Presidents": not a title word, not the shortcut's
    sentence = split_sentences(f"Then {word} said so.")[0]
    discourse = Discourse()
    discourse.person("Ada Ruiz", "f")
    discourse.title(head, "Ada Ruiz")
    start = sentence.text.index(word)
    title, rest = actors._title_split([word])
    assert (title, rest) == (word.lower(), [])
    assert actors._name_entity(sentence, discourse, [word], "", start, start + len(word), (title, rest)) is None


@given(st.lists(st.sampled_from(["Ada Ruiz", "Ruiz", "Acme", "Cole"]), max_size=4), st.sampled_from(WORDS))
def test_pronouns_point_back_as_named_before_says(names: list[str], after: str) -> None:
    """The pronouns' kept list of who was named gives each pronoun what ``named_before`` gave it."""
    text = " ".join(f"{name} met {after} and he said it" for name in names) + " she would."

    def read(pronouns) -> tuple:
        discourse = Discourse()
        discourse.history.append([Entity("Ben Cole", "person"), Entity("Acme", "org")])
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(actors, "_pronouns", pronouns)
            mentions = read_mentions(split_sentences(text)[0], discourse, lambda offset: False)
        return mentions, repr(discourse)

    assert read(actors._pronouns) == read(_pronouns_as_was)


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("MS. LEAVITT: ", "Leavitt"),
        ("MR. VAN HOLLEN: ", "Van Hollen"),
        ("SENATOR O'NEIL-SMITH: ", "O'neil-smith"),
        ("Mr. REID. ", "Reid"),
        ("THE PRESIDENT: ", "Donald Trump"),
        ("Q ", None),
        ("PRESS SECRETARY JOHN F. KIRBY: ", "Kirby"),
        ("SENIOR STATE DEPARTMENT OFFICIAL: ", None),
    ],
)
def test_labels_name_their_speakers_as_each_word_capitalised(label: str, name: str | None) -> None:
    """read_voices reads all of a label's groups at once: each surname still capitalised word by word."""
    read = voices.read_voices(f"Intro.\n{label}We will act by June.", dt.date(2025, 6, 19))
    assert read.names == (name,) and read.spans[0][0] == read.starts[0] == len("Intro.\n")


@given(st.lists(st.sampled_from(["a message", " from", " From", " the President", " to", "letter", " "]), max_size=8))
def test_a_presidents_message_is_looked_for_only_where_from_is(pieces: list[str]) -> None:
    """Voices.at tries the message pattern only in a sentence holding "from", as every match of it does."""
    text = "".join(pieces)
    found = voices._MESSAGE_FROM_PRESIDENT.search(text)
    assert found is None or "from" in text
    fallback = voices.read_voices("x", dt.date(2025, 6, 19)).at(Sentence(0, len(text), text), None)
    assert fallback.message_at == (found.end() if found else None)
