"""Who is speaking in an article: names, titles, pronouns and attribution.

Rule-based on purpose: no model, no download. A name is a run of capitalised
words; what kind of name it is comes from the words around it (an honorific or
a title makes a person, an organisation word makes an organisation). Titles
("the president") and pronouns ("he", "its") are resolved against what the
article has named so far, preferring the subject of a sentence over its
objects, as readers do.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable, Sequence
from operator import attrgetter

import attrs

from ledger.articles.name_words import (
    COMMITTING,
    DEPARTMENT_WORDS,
    GENERIC_SUBJECTS,
    HONORIFICS,
    NOT_ACTORS,
    NOT_NAMES,
    ORG_NOUNS,
    ORG_WORDS,
    PLACE_WORDS,
    PRONOUNS,
    SPEECH_VERBS,
    TIME_WORDS,
    TITLE_HEADS,
)
from ledger.articles.per_sentence import per_word
from ledger.articles.read_back import SUBJECT_PRONOUN as _SUBJECT_PRONOUN  # noqa: F401 (the tests' long way)
from ledger.articles.read_back import SUBJECT_PRONOUN_PLAIN as _SUBJECT_PRONOUN_PLAIN
from ledger.articles.read_back import in_before, pronoun_words, word_before
from ledger.core.text import Sentence, Token, plain_words

__all__ = [
    "Discourse",
    "Entity",
    "GENERIC_SUBJECTS",
    "Mention",
    "PRONOUN_REACH",
    "SPEECH_VERBS",
    "TITLE_HEADS",
    "NOT_ACTORS",
    "named_before",
    "nothing_masked",
    "read_mentions",
]


# A nationality before a title: "Panamanian President", "French President", "Israeli Prime Minister".
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|an|ese|ish|ch|i)")

# What follows "State" in the name of an event: "the President's State of the Union Address".
_EVENT_OF_THE = re.compile(r"[ ]of[ ]the[ ]Union\b")


_LONGEST_HEAD = max(map(len, TITLE_HEADS))
_TIME_WORDS_OF_FOR = TIME_WORDS | {"of", "for"}  # the words a name never ends with


_GENERIC_WORD = re.compile(r"\b(" + "|".join(sorted(GENERIC_SUBJECTS)) + r")\b", re.IGNORECASE)
_GENERIC_PLAIN = plain_words(GENERIC_SUBJECTS)  # for Sentence.may_hold


_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'\u2019][A-Za-z][a-z]+)*|[A-Z]{2,5}(?![A-Za-z])|[A-Z]\.)"
# A capitalised run: names joined by spaces, allowing the small words inside
# names of people ("von der Leyen") and of bodies ("Ministry of Transport").
_RUN = re.compile(
    rf"""
    (?=[A-Z])                              # a capital first (both branches): positions without one fail at once
    (?<![\w'\u2019])                       # never from inside a word ("DEPARTMENT" is not "TMENT")
    (?:(?P<honorific>(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof|Sgt|Capt|Adm|Rev|Sir|Dame)\.?)[ ])?
    (?P<name>{_NAME_WORD}(?:[ ](?:(?:of|for|von|van|der|de|da|di|del|la|le|bin|al)[ ])?{_NAME_WORD})*)
    """,
    re.VERBOSE,
)

# Descriptions start with one of these: "the president", "her government".
_DETERMINERS_OF_DESCRIPTIONS = plain_words("the his her its their our".split())
# Words that end a description: verbs and modals that follow a subject.
_DESCRIPTION_STOP = (
    frozenset(
        """will would shall must could might may can should is are was were has have
    had to that which who and or but said says told added later also""".split()
    )
    | SPEECH_VERBS
)


# Patterns compiled once: each is used once or more for every candidate.
_INITIAL = re.compile(r"[A-Z]\.")


@attrs.frozen(cache_hash=True)  # a key of extract's readings: hashed for every sentence
class Entity:
    """A named actor: a person or an organisation, with what the text says of it."""

    name: str
    kind: str  # "person" or "org"
    gender: str | None = None


@attrs.frozen
class Mention:
    """A place in a sentence that refers to an actor.

    ``how`` says how it was resolved: "name", "surname", "title",
    "pronoun", "possessive", "description"; ``entity`` is None when it
    could not be resolved (a generic "the parties", an unknown "they").
    """

    start: int
    end: int
    text: str
    how: str
    entity: Entity | None
    generic: bool = False


PRONOUN_REACH = 20  #: how many sentences back a pronoun looks (``Discourse.recent``)


@attrs.define
class Discourse:
    """What the article has named so far, in reading order; changed only through ``person``, ``org``, ``title``.

    ``version`` goes up with every change: one sentence read in the same version and ``history`` reads alike.
    """

    persons: dict[str, Entity] = attrs.field(factory=dict)
    # The last word of each person's name -> the latest person named with it: by_surname without a walk.
    surnames: dict[str, str] = attrs.field(factory=dict, repr=False)
    orgs: dict[str, Entity] = attrs.field(factory=dict)
    titles: dict[str, str] = attrs.field(factory=dict)  # title word -> person name
    # Per sentence read so far: the entities it mentions, subject first.
    history: list[list[Entity]] = attrs.field(factory=list)
    version: int = attrs.field(default=0, eq=False, repr=False)
    looks_back: int = attrs.field(default=0, eq=False, repr=False)  # how often ``recent`` read the history

    def person(self, name: str, gender: str | None) -> Entity:
        """The person called ``name``: a surname finds the full name said before."""
        known = self.by_surname(name)
        if known is not None:
            if gender and not known.gender:
                known = Entity(known.name, "person", gender)
                self.persons[known.name] = known
                self.version += 1
            return known
        entity = Entity(name, "person", gender)
        self.persons[name] = entity  # a new name: by_surname found nobody with its last word
        self.surnames[name.split()[-1]] = name
        self.version += 1
        return entity

    def by_surname(self, name: str) -> Entity | None:
        """The person most recently first named with the same last word (or the same name), if any."""
        known = self.surnames.get(name.split()[-1])
        return self.persons[known] if known is not None else None

    def org(self, name: str) -> Entity:
        """The organisation called ``name``, now the most recent one named."""
        entity = self.orgs.get(name)
        if entity is None or next(reversed(self.orgs)) != name:  # named last already: nothing changes
            entity = entity or Entity(name, "org")
            self.orgs.pop(name, None)
            self.orgs[name] = entity  # most recent last
            self.version += 1
        return entity

    def title(self, word: str, name: str) -> None:
        """``name`` is the one the title ``word`` ("president", "minister") now points to."""
        if self.titles.get(word) != name:
            self.titles[word] = name
            self.version += 1

    def recent(self, want: str, before: Sequence[Entity] = ()) -> Entity | None:
        """The entity a pronoun of kind ``want`` points to ("m", "f", "org").

        The subject of this sentence so far comes first, then the subject of
        each earlier sentence, most recent first.
        """
        # Twenty sentences back at most: a pronoun does not reach further, and the walk stays short.
        self.looks_back += 1
        groups = self.history[: -PRONOUN_REACH - 1 : -1]
        if not before and not any(groups):
            return None  # nobody named in reach (a list is true when it holds an entity): nothing to walk
        if want == "org":
            for group in (before, *groups):
                for entity in group:
                    if entity.kind == "org":
                        return entity
        elif want == "m" or want == "f":
            persons = self.persons
            for group in (before, *groups):
                for entity in group:
                    if entity.kind == "person":
                        entity = persons.get(entity.name, entity)  # the gender may be known by now
                        if entity.gender is None or entity.gender == want:
                            return entity
        return None


def _title_split(words: list[str]) -> tuple[str, list[str]]:
    """Split "Prime Minister Elena Marsh" into ("prime minister", ["Elena", "Marsh"]).

    A title's department goes with the title: "Secretary of State John Kerry"
    is ("secretary of state", ["John", "Kerry"]).
    """
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower().rstrip(".") in TITLE_HEADS:
            rest = words[i + 1 :]
            k = 0
            if rest and rest[0] == "of":
                k = 1
                while k < len(rest) and rest[k].lower() in DEPARTMENT_WORDS:
                    k += 1  # "Secretary of Homeland Security": every word is the department's
            if k and len(rest) - k == 1 and k == 1:
                k = 2  # "Secretary of Aviation": one word after "of" is a department this list lacks, not a name
            if any(w in ("of", "for") for w in rest[k:]):
                # "Secretary of State for Consular Affairs Carl Risch": the person is the tail
                size = 3 if len(rest) >= 3 and _INITIAL.fullmatch(rest[-2]) else 2
                k = max(k, len(rest) - size)
            return " ".join(words[: i + 1]).lower(), rest[k:]
    return "", words


_NOT_OPENING = re.compile(r"[^ \"'\u201c\u2018(]")
_NEXT_WORD = re.compile(r"[\s,]*([A-Za-z']+)")


def _sentence_start(sentence: Sentence, offset: int) -> bool:
    # Read in place: only marks that may open a sentence stand before ``offset``.
    return _NOT_OPENING.search(sentence.text, 0, offset - sentence.start) is None


def _next_word(sentence: Sentence, offset: int) -> str:
    m = _NEXT_WORD.match(sentence.text, offset - sentence.start)
    return m.group(1).lower() if m else ""


_LOOK_BACK = 200  # a look back from a name reads a few words, not the sentence (once a name: quadratic)


def _back_from(offset: int) -> int:
    return max(0, offset - _LOOK_BACK)


_LOWER_TITLE = re.compile(r"((?:[A-Za-z\-]+[ ]){0,2}([a-z\-]+))[ ]$")
_APPOSITIVE_AFTER = re.compile(
    r",[ ](?:the|a|its|his|her|their)[ ](?:\w+['\u2019]s[ ])?((?:[a-z\-]+[ ]){0,3}?([a-z\-]+))\b"
)
_NAMED_AS = re.compile(r"[ ](?:as|to[ ]be)[ ](?:the[ ]|its[ ]|their[ ]|a[ ])?((?:[a-z\-]+[ ]?){1,3})")
_APPOSITIVE_BEFORE = re.compile(r"(?:the|its|his|her|their)[ ](?:[a-z\-]+[ ]){0,2}([a-z\-]+),[ ]$")


def _lower_title_before(sentence: Sentence, offset: int) -> str:
    """A lowercase title right before a name: "chief executive Nadia Karim" -> "chief executive"."""
    at = offset - sentence.start
    text = sentence.text
    if at < 2 or text[at - 1] != " " or not (text[at - 2] == "-" or "a" <= text[at - 2] <= "z"):
        return ""  # the pattern ends in a lower-case letter or a hyphen, then a space: none here
    # The pattern's last word is the whole run of lower-case letters and hyphens before the space (a match
    # that began inside it would not be the leftmost): if that is no title, there is nothing to search for.
    back = _back_from(at)
    first = at - 1
    while (
        first > back and (text[first - 1] == "-" or "a" <= text[first - 1] <= "z") and at - first <= _LONGEST_HEAD + 1
    ):
        first -= 1
    if text[first : at - 1] not in TITLE_HEADS:
        return ""
    m = _LOWER_TITLE.search(text, back, at)
    if m and m.group(2) in TITLE_HEADS:
        return m.group(1).lower()
    return ""


def read_mentions(sentence: Sentence, discourse: Discourse, masked: Callable[[int], bool]) -> list[Mention]:
    """Every mention of an actor in ``sentence``, in order, resolved against ``discourse``.

    Updates ``discourse`` (names, titles, subjects) as it reads. ``masked``
    says which offsets are article furniture (bylines, datelines) to skip.
    Names come first, then the titles appositives give them, then what
    points back at them: descriptions, possessives, pronouns and generic
    subjects, each only where no name was found.

    >>> from ledger.core.text import split_sentences
    >>> sentence = split_sentences("Jonas Berg, the energy minister, said he would resign.")[0]
    >>> [(m.text, m.how) for m in read_mentions(sentence, Discourse(), lambda offset: False)]
    [('Jonas Berg', 'name'), ('the energy minister', 'description'), ('he', 'pronoun')]
    """
    mentions = _named_mentions(sentence, discourse, masked)
    if mentions:
        _appositive_titles(sentence, discourse, mentions)
    if not sentence.may_hold(_POINTING_BACK):
        return mentions  # no determiner, subject pronoun or generic word: the three readings below find nothing
    free = _anywhere
    if mentions:
        taken = [(m.start, m.end) for m in mentions]

        def free(a: int, b: int) -> bool:
            return all(b <= s or a >= e for s, e in taken)

    extra: list[Mention] = []
    _descriptions(sentence, discourse, masked, free, mentions, extra)
    _pronouns(sentence, discourse, masked, free, mentions, extra)
    _generic_subjects(sentence, free, extra)
    if not extra:
        return mentions  # already in order: found by one pass over the sentence
    return sorted(mentions + extra, key=_START)


_START = attrgetter("start")


def nothing_masked(offset: int) -> bool:
    """``masked`` for a sentence that no furniture touches: ``read_mentions`` knows it and asks it nothing.

    >>> nothing_masked(0)
    False
    """
    return False


def _anywhere(a: int, b: int) -> bool:
    return True  # ``free`` in a sentence that names nobody: no span is taken


# The words that make the readings after the names find something: a sentence holding none of them names no more.
_POINTING_BACK = _DETERMINERS_OF_DESCRIPTIONS | _SUBJECT_PRONOUN_PLAIN | _GENERIC_PLAIN
# A single word that may name someone whatever follows it: a title ("President") or an organisation word ("Senate").
_TITLE_OR_ORG = TITLE_HEADS | ORG_WORDS


def _named_mentions(sentence: Sentence, discourse: Discourse, masked: Callable[[int], bool]) -> list[Mention]:
    """The runs of capitalised words that name an actor, each resolved to a person or an organisation."""
    mentions: list[Mention] = []
    text = sentence.text
    at = sentence.start
    for m in _RUN.finditer(text):
        honorific_said, name = m.group("honorific", "name")  # both at once: each call to the match costs
        follows = None  # the word after a single name, once read here: _name_entity need not read it again
        if " " not in name:
            # one word: a sentence word ("The", "He") or a time ("June") is no name, and most runs are one of
            # them (the loops below would drop the word and find nothing): skipped before any other work
            lowered = name.lower()
            word = lowered.rstrip(".")
            if lowered in NOT_NAMES or word in _TIME_WORDS_OF_FOR:
                continue
            if honorific_said is None and word not in _TITLE_OR_ORG:
                # Without an honorific or a title head, _name_entity names nobody with a word that ends things
                # ("Summit"), nor with one that is no organisation word, no surname said before and not followed
                # by a word that commits or speaks: the few tables it reads tell it, without the rest of its work
                if word in NOT_ACTORS:
                    continue
                if name not in discourse.surnames:
                    follows = _next_word(sentence, at + m.end())
                    if follows not in _NAMING_NEXT:
                        continue
        start, end = at + m.start(), at + m.end()
        if masked is not nothing_masked and masked(start):
            continue
        honorific = honorific_said.rstrip(".").lower() if honorific_said else ""
        lead, tail, words, lone_title, title_and_rest, lowered = _SHAPES[name]
        start += lead
        end -= tail
        if not words or words[-1] == "State" and _EVENT_OF_THE.match(text, m.end()):
            continue  # "the State of the Union": an address, not a state
        if lone_title is not None and not honorific:
            # one title word alone ("President"): all title (_title_split), naming nobody (_name_entity), the
            # person it was given to
            holder = discourse.titles.get(lone_title)
            entity = discourse.persons.get(holder) if holder else None
            mentions.append(Mention(start, end, text[start - at : end - at], "title", entity))
            continue
        found = _name_entity(sentence, discourse, words, honorific, start, end, title_and_rest, follows, lowered)
        if found is None:
            title, rest = title_and_rest
            if title and not rest and not honorific:
                # A bare title ("Minister to unveil plan", "the Prime Minister said"): the person it was given to
                holder = discourse.titles.get(title.split()[-1])
                entity = discourse.persons.get(holder) if holder else None
                mentions.append(Mention(start, end, text[start - at : end - at], "title", entity))
            continue
        entity, how = found
        if entity.kind == "person":
            lower_title = _lower_title_before(sentence, start)
            if lower_title:
                discourse.title(lower_title.split()[-1], entity.name)
        mentions.append(Mention(start, end, text[start - at : end - at], how, entity))
    return mentions


def _name_entity(
    sentence: Sentence,
    discourse: Discourse,
    words: list[str],
    honorific: str,
    start: int,
    end: int,
    title_and_rest: tuple[str, list[str]],
    follows: str | None = None,
    lowered: list[str] | None = None,
) -> tuple[Entity, str] | None:
    """Who a run of capitalised words names, and how it was told (``_title_split``: its title and the rest);
    None if it names nobody. ``follows`` is the next word (``_next_word``) when the caller has read it, ``lowered``
    the words lower-cased without their dots when the caller has them (``_shape_of``)."""
    title, rest = title_and_rest
    if lowered is None:
        lowered = [w.lower().rstrip(".") for w in words]
    if lowered[-1] in NOT_ACTORS and not honorific:
        return None  # "the Lisbon Accord", "the White House lawn", "the Budapest summit": never an actor
    if title and not rest and not honorific:
        return None  # a bare title ("The Secretary will"): read_mentions resolves it to its holder
    if honorific and len(words) == 1 and lowered[0] in TITLE_HEADS:
        return None  # "Mr. President," "Madam Speaker": an address, not a person
    joined = " ".join(words)
    if honorific and honorific in HONORIFICS:
        return discourse.person(joined, HONORIFICS[honorific]), "surname" if len(words) == 1 else "name"
    if title and "of" in rest:
        rest = rest[: rest.index("of")]  # "President Vladimir V. Putin of Russia"
    if title and rest:
        entity = discourse.person(" ".join(rest), None)
        if not _DEMONYM.fullmatch(words[0]) or title.split()[-1] != "president":
            # "Panamanian President Ricardo Martinelli" is a foreign head of state: not "the President" of a text
            discourse.title(title.split()[-1], entity.name)
        return entity, "name"
    if not ORG_WORDS.isdisjoint(lowered):
        if in_before(sentence.text, _back_from(start - sentence.start), start - sentence.start):
            return None  # "with the president in the Oval Office": a place
        return discourse.org(joined), "name"
    known = discourse.by_surname(joined)
    if follows is None:
        follows = _next_word(sentence, end)
    if known is not None and (len(words) == 1 or known.name == joined):
        return known, "surname"
    if len(words) >= 2 and TIME_WORDS.isdisjoint(lowered):
        if _place_before(sentence, start):
            return None  # "In New York, ...", "outside Buckingham Palace": a place
        return discourse.person(joined, None), "name"
    if (
        len(words) == 1
        and follows in COMMITTING
        and words[0].lower() not in GENERIC_SUBJECTS
        and not _place_before(sentence, start)
    ):
        # "Acme will close its plant": a single name that commits stands for a body
        return discourse.org(words[0]), "name"
    if (
        follows in SPEECH_VERBS
        and not _sentence_start(sentence, start)
        or (
            follows in SPEECH_VERBS
            and len(words[0]) > 2
            and words[0].lower() not in GENERIC_SUBJECTS
            and not words[0].endswith("s")
        )
    ):
        # "Moscow said": a single name that speaks stands for a body.
        return discourse.org(joined), "name"
    return None


def _shape_of(name: str) -> tuple[int, int, list[str], str | None, tuple[str, list[str]], list[str]]:
    """What a capitalised run is, whatever the sentence around it: the characters dropped from its start (leading
    sentence words, "The", and times, "Oct.") and from its end (times, "of", "for"), the words left, the title
    word as said when the run is that one title head alone ("President": else None), its ``_title_split`` and its
    words lower-cased without their dots (``_name_entity``). The lists are shared: never changed.

    >>> _shape_of("The President")[:4], _shape_of("In June Ada Ruiz")[:3]
    ((4, 0, ['President'], 'president'), (8, 0, ['Ada', 'Ruiz']))
    """
    words = name.split(" ")
    lead = tail = 0
    # Leading sentence words ("The", "In") and times ("Oct.") are not names.
    while words and ((first := words[0].lower()) in NOT_NAMES or first.rstrip(".") in TIME_WORDS):
        lead += len(words[0]) + 1
        words = words[1:]
    while words and words[-1].lower().rstrip(".") in _TIME_WORDS_OF_FOR:
        tail += len(words[-1]) + 1
        words = words[:-1]
    lowered = [w.lower().rstrip(".") for w in words]
    # one title head alone is all title: said without a dot, so its holder is looked up by the word as said
    lone_title = words[0].lower() if len(words) == 1 and lowered[0] in TITLE_HEADS else None
    title_and_rest = _title_split(words) if words else ("", words)
    return lead, tail, words, lone_title, title_and_rest, lowered


# The shape of a capitalised run, by the run's text: names come back again and again in an article, and across
# the articles of an archive. Bounded (``per_word``): a page of distinct names is read as before.
_SHAPES = per_word(_shape_of, 4096)


# The words after a single name that may make it an actor (``_name_entity``): committing or speaking.
_NAMING_NEXT = COMMITTING | SPEECH_VERBS


def _place_before(sentence: Sentence, offset: int) -> bool:
    """True if a preposition of place stands right before ``offset`` ("in New York")."""
    at = offset - sentence.start
    found = word_before(sentence.text, _back_from(at), at)
    return found is not None and found[1].lower() in PLACE_WORDS


def _appositive_titles(sentence: Sentence, discourse: Discourse, mentions: list[Mention]) -> None:
    """Titles that appositives give named persons.

    "Jonas Berg, the energy minister," and "its chairman, Victor Lam,".
    """
    text = sentence.text
    for mention in mentions:
        if mention.entity is None or mention.entity.kind != "person":
            continue
        after = mention.end - sentence.start
        a = _APPOSITIVE_AFTER.match(text, after)
        if a and a.group(2) in TITLE_HEADS:
            discourse.title(a.group(2), mention.entity.name)
        named = _NAMED_AS.match(text, after)
        heads = [w for w in named.group(1).split() if w in TITLE_HEADS] if named else []
        if heads:
            discourse.title(heads[-1], mention.entity.name)  # "named Nadia Karim as chief executive"
        before = mention.start - sentence.start
        # the pattern ends in ", " (cheap to test first: most names have no appositive before them)
        b = (
            _APPOSITIVE_BEFORE.search(text, _back_from(before), before)
            if text[before - 2 : before] == ", " and before >= 2
            else None
        )
        if b and b.group(1) in TITLE_HEADS:
            discourse.title(b.group(1), mention.entity.name)


def _descriptions(
    sentence: Sentence,
    discourse: Discourse,
    masked: Callable[[int], bool],
    free: Callable[[int, int], bool],
    mentions: list[Mention],
    extra: list[Mention],
) -> None:
    """Definite descriptions ("the president", "the company") and possessives ("her government"), into ``extra``."""
    if not sentence.may_hold(_DETERMINERS_OF_DESCRIPTIONS):
        return  # no "the", "his", ...: the sentence's tokens need not be made
    text = sentence.text
    tokens = sentence.tokens
    for i in [i for i, tok in enumerate(tokens) if tok.lower in _DETERMINERS_OF_DESCRIPTIONS]:
        tok = tokens[i]
        det = tok.lower
        if det != "his" and det != "her":
            # no description follows ("The President", "the end."): nothing to do, looked at before anything else
            first = tokens[i + 1] if i + 1 < len(tokens) else None
            if first is None or not first.is_word or first.lower in _DESCRIPTION_STOP or first.text[:1].isupper():
                continue
        if masked is not nothing_masked and masked(tok.start) or not free(tok.start, tok.end):
            continue
        words: list[Token] = []
        for t in tokens[i + 1 : i + 5]:
            if not t.is_word or t.lower in _DESCRIPTION_STOP or t.text[:1].isupper():
                break
            words.append(t)
        if not words:
            if det in ("his", "her"):
                # "deliver on his promises", "his Cabinet": no description, but the owner's gender is told
                owner = _resolve(PRONOUNS[det], discourse, named_before(mentions, extra, tok.start))
                if owner is not None and owner.kind == "person" and owner.gender is None:
                    discourse.person(owner.name, PRONOUNS[det])
            continue
        if det == "the":
            heads = [t for t in words if t.lower in TITLE_HEADS or t.lower in ORG_NOUNS or t.lower in GENERIC_SUBJECTS]
            # the last head word: "the chief executive" is an executive
            head = next((t for t in heads[1:] if t.start == heads[0].end + 1 and t.lower in TITLE_HEADS), None)
            head = head or (heads[0] if heads else None)
            if head is None:
                continue
            start, end = tok.start, head.end
            label = text[start - sentence.start : end - sentence.start]
            word = head.lower
            if word in TITLE_HEADS and word in discourse.titles:
                extra.append(Mention(start, end, label, "title", discourse.persons.get(discourse.titles[word])))
            elif word in ORG_NOUNS:
                entity = _org_by_noun(discourse, word)
                extra.append(Mention(start, end, label, "description", entity, generic=entity is None))
            elif word in GENERIC_SUBJECTS or word in TITLE_HEADS:
                extra.append(Mention(start, end, label, "description", None, generic=True))
            continue
        # "her government", "its new network": the possessor is the actor.
        start, end = tok.start, words[min(len(words), 3) - 1].end
        want = PRONOUNS.get(det)
        owner = _resolve(want, discourse, named_before(mentions, extra, start))
        if owner is not None and owner.kind == "person" and owner.gender is None and want in ("m", "f"):
            owner = discourse.person(owner.name, want)  # "her" tells the owner's gender
        extra.append(Mention(start, end, text[start - sentence.start : end - sentence.start], "possessive", owner))


def _pronouns(
    sentence: Sentence,
    discourse: Discourse,
    masked: Callable[[int], bool],
    free: Callable[[int, int], bool],
    mentions: list[Mention],
    extra: list[Mention],
) -> None:
    """Pronouns that can be subjects ("he", "it", "we"), resolved to who they point back at, into ``extra``."""
    if not sentence.may_hold(_SUBJECT_PRONOUN_PLAIN):
        return  # the pattern finds ASCII words only (below), each a letter run of its own
    at = sentence.start
    # A pronoun inside a description or a possessive found before is part of it. The pronouns found here never
    # hold the next one (each is its own match, and the matches come in order): only the ones before are looked at.
    described = [(e.start, e.end) for e in extra] if extra else None
    # What ``named_before`` would give for each pronoun, made at the first that asks and kept as it grows: the
    # mentions that name someone, by start (the pronouns before that one name nobody: "we", "they")
    pointed: list[Mention] | None = None
    for offset, word in pronoun_words(sentence):
        start = at + offset
        end = start + len(word)
        if (
            masked is not nothing_masked
            and masked(start)
            or not free(start, end)
            or (described and any(a <= start < b for a, b in described))
        ):
            continue
        want = PRONOUNS[word.lower()]
        entity = None
        if want == "m" or want == "f" or want == "org":  # "we" is the speaker, "they" is left open (``_resolve``)
            if pointed is None:
                pointed = []
                if mentions or extra:  # (none in most sentences: no list to make)
                    pointed = [m for m in (*mentions, *extra) if m.entity is not None and m.how != "possessive"]
                    pointed.sort(key=_START)
            # all of them: the list holds no other (nobody named before: ``recent`` reads the history alone)
            before: Sequence[Entity] = (
                [e for m in pointed[: bisect_left(pointed, start, key=_START)] if (e := m.entity) is not None]
                if pointed
                else ()
            )
            entity = discourse.recent(want, before)
            if entity is not None and entity.kind == "person" and entity.gender is None and want != "org":
                entity = discourse.person(entity.name, want)
        mention = Mention(start, end, word, "pronoun", entity, generic=want == "plural")
        extra.append(mention)
        if entity is not None and pointed is not None:
            insort(pointed, mention, key=_START)  # after any that start with it, as named_before's stable sort


def _generic_subjects(sentence: Sentence, free: Callable[[int, int], bool], extra: list[Mention]) -> None:
    """Generic plural subjects ("Analysts say"), into ``extra``.

    Kept so they win the subject slot and the sentence is not pinned on someone else.
    """
    # Only the generic words themselves, found by one pattern: not every word of the sentence in turn.
    # Case-blind matching also takes letters such as the Kelvin sign for "k": only ASCII words count.
    if not sentence.may_hold(_GENERIC_PLAIN):
        return  # only ASCII words count (below), each a letter run of its own
    for g in _GENERIC_WORD.finditer(sentence.text):
        if g.group(1).isascii() and g.group(1).lower() in GENERIC_SUBJECTS:
            start = sentence.start + g.start()
            if free(start, start + len(g.group(1))) and all(not (e.start <= start < e.end) for e in extra):
                extra.append(Mention(start, start + len(g.group(1)), g.group(1), "description", None, generic=True))


def named_before(mentions, extra, offset) -> list[Entity]:
    """Entities named in this sentence before ``offset``, subject first."""
    # A possessive ("Her rival, Senator Mark Ellis, said he") names an owner,
    # not the subject a later pronoun points to.
    if not mentions and not extra:
        return []
    found = [m for m in (*mentions, *extra) if m.start < offset and m.entity is not None and m.how != "possessive"]
    if len(found) > 1:
        found.sort(key=_START)  # stable, as the names are in order and then what points back at them
    return [m.entity for m in found]


def _resolve(want: str | None, discourse: Discourse, before: list[Entity]) -> Entity | None:
    if want in ("m", "f", "org"):
        return discourse.recent(want, before)
    return None  # "we" is the speaker, "they" is left open; the caller decides


def _org_by_noun(discourse: Discourse, noun: str) -> Entity | None:
    """The last organisation a generic noun ("the company", "the union") points to."""
    orgs = list(discourse.orgs.values())[::-1]
    word = ORG_NOUNS.get(noun)
    for entity in orgs:
        if word is None or word in entity.name.lower():
            return entity
    return None
