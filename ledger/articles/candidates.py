"""Building candidates: from an accepted deadline phrase to a scored, dated, named proposal.

``draft`` takes one deadline phrase that a commitment governs and works out
who made it, when it was said, what was promised, a short quote, and a
confidence with the reasons for it; ``linking.finish`` gives the drafts ids
and links a reset ("two more weeks") to the earlier candidate of the same
actor.

>>> FORECAST_CAP
0.3
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

import attrs

from ledger.articles.actors import GENERIC_SUBJECTS, TITLE_HEADS, Entity, Mention
from ledger.articles.clauses import (
    RESET_CONTEXT,
    RESET_WORDS,
    Governor,
    past_setting,
    read_window,
    subject_before,
    usable,
)
from ledger.articles.nearby import last_ending_by, nearest_usable
from ledger.articles.per_sentence import per_sentence, per_word
from ledger.articles.stated_time import SentenceCues, statement_cue, statement_cue_unreadable
from ledger.articles.voices import UNKNOWN_ACTOR, Fallback
from ledger.articles.wording import clause_start, commitment_text, quote
from ledger.core.text import Sentence, Token, plain_words
from ledger.deadlines import DeadlineMatch, DeadlinePolicy

__all__ = ["Draft", "draft"]

# What each accepted governor adds to the confidence, and the reason it gives.
_MARKER_SCORE = {
    "future": (0.2, "future"),
    "fronted": (0.2, "future"),
    "setting": (0.25, "sets_deadline"),
    "ultimatum": (0.25, "ultimatum"),
    "intent": (0.15, "intention"),
    "schedule": (0.15, "scheduled"),
    "conditional": (0.15, "conditional"),
    "deadline_noun": (0.2, "deadline_noun"),
    "weak": (0.0, "weak_modal"),
    "expect": (0.0, "expectation"),
}


# "the President" opening the clause of the governing verb, with what follows it up to the verb.
_PRESIDENT_SUBJECT = re.compile(r"(?:^|[,;:\u2014]\s*|\s{2,})(?:[Tt]he\s+)?[Pp]resident\b(?![\s\u2019']*s\b)[^,;:.]*$")

# "the President's State of the Union Address, which is scheduled for ...": his event, his schedule.
_PRESIDENTS_EVENT = re.compile(
    r"\b[Tt]he\s+[Pp]resident['\u2019]s\s+[^,;:.]{1,60},\s+(?:which|that)\s+(?:is|are|will\s+be|has\s+been)\s+$"
)

# A forecast is returned flagged, never above this confidence (the yardstick's bar for a flagged forecast).
FORECAST_CAP = 0.3
# A feeling word and the clause after it up to the governing verb: "grateful (that) some will ...".
_FEELING = re.compile(
    r"\b(?:grateful|thankful|glad|pleased|happy|hopeful|relieved|hope|hopes|hoping|trust)\s+(?:that\s+)?"
    r"(?P<subject>[\w'\u2019]+)[^,;:.]{0,60}$",
    re.IGNORECASE,
)


# Patterns compiled once: each is used once or more for every candidate.
_PLAIN_WORD = re.compile(r"[A-Za-z']+")
_OPENS_WITH_WE = re.compile(r"\W*we\b", re.IGNORECASE)


class Draft(NamedTuple):
    """Everything about one candidate but its id and its link to an earlier one (``Candidate``'s fields)."""

    actor: str
    text: str
    quote: str
    sentence: str
    sentence_span: tuple[int, int]
    deadline: DeadlineMatch
    published_on: date
    stated_on: date
    stated_approximate: bool
    stated_phrase: str | None
    confidence: float
    reasons: tuple[str, ...]
    resets: bool
    organisation: str | None = None


class _Evidence:
    """The confidence and its reasons, added up in reading order (the order fixes the float sums)."""

    __slots__ = ("score", "reasons")

    def __init__(self, reason: str, delta: float) -> None:
        # the first reason given at once (the governor's: every candidate has one), in the order ``add`` adds it
        self.score = 0.5 + delta
        self.reasons: list[str] = [reason]

    def add(self, reason: str, delta: float = 0.0) -> None:
        self.reasons.append(reason)
        self.score += delta


# A NamedTuple made by ``tuple.__new__`` straight away: its own ``__new__`` is a Python call of its own.
_new = tuple.__new__


class _Actor(NamedTuple):
    """Who made the commitment: the name written, and the governing verb's subject if that is the actor."""

    name: str
    subject: Mention | None
    subject_is_actor: bool
    organisation: str | None


class _Statement(NamedTuple):
    """When it was said, and the deadline read from that day."""

    stated_on: date
    approximate: bool
    phrase: str | None
    deadline: DeadlineMatch


def draft(
    sentence: Sentence,
    match: DeadlineMatch,
    governor: Governor,
    mentions: list[Mention],
    said_by: Mention | None,
    speech: Token | None,
    previous_speaker: Entity | None,
    fallback: Fallback,
    published: date,
    cues: SentenceCues,
    policy: DeadlinePolicy,
) -> Draft | None:
    """One candidate from a phrase a commitment governs; None when nobody in particular made it."""
    tokens = sentence.tokens
    bonus, reason = _MARKER_SCORE[governor.verdict]
    evidence = _Evidence(f"{reason}:{governor.word}", bonus)
    actor = _choose_actor(sentence, match, governor, mentions, said_by, previous_speaker, fallback, evidence)
    if actor is None:
        return None  # "analysts say", "the parties will": a forecast by nobody in particular, not a commitment

    marker_at = tokens[governor.index].start if governor.index >= 0 else match.start
    if governor.verdict == "fronted":
        marker_at = match.start
    speech_at = speech.end if speech is not None else None
    statement = _statement(sentence, match, governor, published, marker_at, cues, speech_at, policy, evidence)

    forecast = _forecast(sentence, governor, actor.name)
    if forecast:
        evidence.add("forecast")
    window = statement.deadline.window
    if window.kind == "open":
        evidence.add("open_deadline", -0.2)
    elif window.vague:
        evidence.add("vague_deadline", -0.1)

    start = _text_start(sentence, match, governor, actor.subject_is_actor, marker_at)
    subject = actor.subject
    if actor.subject_is_actor:
        quote_start = subject.start if subject is not None and subject.start >= sentence.start else start
    else:
        # the clause's start, which the text starts at too unless fronted (``_text_start``): found once
        quote_start = start if governor.verdict != "fronted" else clause_start(sentence, marker_at)
    resets = _says_reset(sentence, match)
    if resets:
        evidence.add("reset")
    if sentence.piece:
        # Read without the rest of its run-on sentence: the speaker may be in another piece.
        evidence.add("long_sentence_piece")
    reasons = evidence.reasons
    # tuple.__new__ straight away, the fields in Draft's order: its own __new__ is a Python call of its own
    return tuple.__new__(
        Draft,
        (
            actor.name,
            commitment_text(sentence, start, match),
            quote(sentence, min(quote_start, match.start), match),
            _plain_sentence(sentence),
            (sentence.start, sentence.end),
            statement.deadline,
            published,
            statement.stated_on,
            statement.approximate,
            statement.phrase,
            _confidence(evidence.score, forecast),
            tuple(reasons),
            resets,
            actor.organisation,
        ),
    )


# The confidence of each score, by whether it is a forecast's: a score is a sum of a few deltas, and the same
# sums come again and again (``round`` to two places is a slow call, for every candidate).
_CONFIDENCES: tuple[dict[float, float], dict[float, float]] = (
    per_word(lambda score: round(min(0.99, max(0.05, score)), 2), 1024),
    per_word(lambda score: round(min(FORECAST_CAP, max(0.05, score)), 2), 1024),
)


def _confidence(score: float, forecast: bool) -> float:
    """The score within its bounds (a forecast's below ``FORECAST_CAP``), to two places.

    >>> _confidence(0.85, False), _confidence(0.85, True), _confidence(-0.2, False)
    (0.85, 0.3, 0.05)
    """
    return _CONFIDENCES[forecast][score]


@per_sentence
def _plain_sentence(sentence: Sentence) -> str:
    """The sentence with its blanks made single spaces: once for the sentence, not once for each candidate."""
    return " ".join(sentence.text.split())


class _Words(NamedTuple):
    """Which of the words that per-candidate patterns need the sentence holds at all: where it holds none,
    no part of it matches them, and the pattern need not scan the text before each candidate."""

    feeling: bool  # a word of ``_FEELING``
    reset: bool  # a word of ``RESET_CONTEXT``
    president: bool  # "resident", which ``_PRESIDENT_SUBJECT`` and ``_PRESIDENTS_EVENT`` both need


# Parts that every match of these patterns holds, matched as they match them (case-blind where they are). The
# look-ahead names every character a part can start with (each first letter in both cases; none of these letters
# has a third case-blind form): a case-blind search tries every word at every character, the class skips most.
_FEELING_PART = re.compile(
    r"(?=[GHPRTghprt])(?:grateful|thankful|glad|pleased|happy|hopeful|relieved|hop|trust)", re.IGNORECASE
)
_RESET_PART = re.compile(r"(?=[DEMPRdempr])(?:exten|push|moved|postpon|delay|deadline|more|reset)", re.IGNORECASE)


# The parts' words, each matched as written in a lower-cased sentence that holds none of the letters below: a
# case-blind match of an ASCII letter is that letter in either case, but for these four (a long s, a dotless i,
# a dotted capital I, the Kelvin sign), and only the last two lower to ASCII letters. A plain search of the
# lowered text skips what the case-blind one cannot (it folds every character it looks at).
_FEELING_LOWER = re.compile(_FEELING_PART.pattern.split("(?:")[1].rstrip(")"))
_RESET_LOWER = re.compile(_RESET_PART.pattern.split("(?:")[1].rstrip(")"))
_ODD_LETTERS = re.compile("[\u017f\u0131\u0130\u212a]")


@per_sentence
def _words_of(sentence: Sentence) -> _Words:
    text = sentence.text
    if text.isascii() or _ODD_LETTERS.search(text) is None:
        lowered = text.lower()
        return _Words(
            _FEELING_LOWER.search(lowered) is not None, _RESET_LOWER.search(lowered) is not None, "resident" in text
        )
    return _Words(_FEELING_PART.search(text) is not None, _RESET_PART.search(text) is not None, "resident" in text)


# ``_FEELING``'s words and the words of ``RESET_CONTEXT`` but "postpon...", as runs of letters of their own in the
# lower-cased sentence (``Sentence.may_hold``): a set's look at the sentence's words, not a search of its text.
# Where none of ``_ODD_LETTERS`` is, a case-blind match of a word is the word in ASCII letters, and what stands
# next to it (``\b``, ``\s``, ``[ ]``) lowers to no letter: the word is a run of its own. A reset's match may
# end where the text before a phrase is cut, not at its run's end ("extend|ing"): only where the phrase starts
# inside a word (``_WORD_PAIR``), and then the text is searched.
_FEELING_WORDS = plain_words("grateful thankful glad pleased happy hopeful relieved hope hopes hoping trust".split())
_RESET_RUNS = plain_words(
    """extend extends extended extending extension push pushes pushed pushing moved delay delays delayed
    delaying deadline more reset""".split()
)
_WORD_PAIR = re.compile(r"\w\w")


@per_sentence
def _may_feel_or_reset(sentence: Sentence) -> tuple[bool, bool]:
    """False in the first place only if ``_FEELING`` finds nothing in the sentence, in the second only if
    ``RESET_CONTEXT`` does not: what ``_words_of`` tells, but from the sentence's words, and once for the sentence
    (a run-on piece holds a hundred phrases, and its lower case is a copy of it)."""
    text = sentence.text
    if text.isascii() or _ODD_LETTERS.search(text) is None:
        return sentence.may_hold(_FEELING_WORDS), sentence.may_hold(_RESET_RUNS) or "postpon" in text.lower()
    words = _words_of(sentence)
    return words.feeling, words.reset


def _forecast(sentence: Sentence, governor: Governor, actor: str) -> bool:
    """True when the clause forecasts rather than commits; it is then returned flagged, with low confidence.

    An expectation nobody named holds ("We expect that delivery to happen
    sometime tomorrow"), or a future clause about others under a feeling
    ("grateful some will soon be reunited", "thankful that they will be
    reunited soon"): the speaker hopes, nobody promises.
    """
    if governor.verdict == "expect" and actor == UNKNOWN_ACTOR:
        return True
    if governor.index <= 0 or not _may_feel_or_reset(sentence)[0]:
        return False
    before = sentence.text[: sentence.tokens[governor.index].start - sentence.start]
    feeling = _FEELING.search(before)
    return feeling is not None and feeling.group("subject").lower() not in ("i", "we")


def _says_reset(sentence: Sentence, match: DeadlineMatch) -> bool:
    """True when the text says this deadline replaces an earlier one.

    The phrase says "more", "another", "extra" ("two more weeks"), or the
    words before it say "extended", "pushed back", "another deadline". Not
    the phrase itself ("without delay"), and not an adjective ("the
    delayed pool project").
    """
    if RESET_WORDS.search(match.text) and not match.text.lower().startswith(("without", "no more")):
        return True
    at = match.start - sentence.start
    if not _may_feel_or_reset(sentence)[1] and _WORD_PAIR.match(sentence.text, at - 1) is None:
        return False  # no word of a reset in the sentence (and none cut short by the phrase's start: see below)
    before = sentence.text[:at]
    for m in RESET_CONTEXT.finditer(before):
        previous = _PLAIN_WORD.findall(before[: m.start()].lower())[-1:]
        if previous and previous[0] in ("the", "a", "an", "its", "his", "her", "their", "this", "that"):
            continue  # "the delayed pool project"
        return True
    return False


def _choose_actor(
    sentence: Sentence,
    match: DeadlineMatch,
    governor: Governor,
    mentions: list[Mention],
    said_by: Mention | None,
    previous_speaker: Entity | None,
    fallback: Fallback,
    evidence: _Evidence,
) -> _Actor | None:
    """The actor, from the strongest evidence the sentence gives; None when nobody in particular.

    In order: the governing verb's subject; the speaker, when the subject is
    "we" or "I"; whoever the sentence is attributed to ("X said"); the
    nearest name before the verb; the previous speaker, for a quote; then
    what the document gives (``voices.Fallback``): the speaker label for
    "I"/"we", the default actor, the issuer, else ``UNKNOWN_ACTOR`` with a
    low confidence. None only for a subject that is nobody in particular.
    """
    default_actor = fallback.default
    subject = _governing_subject(sentence, mentions, governor) if mentions else None  # no mention, no subject
    voiced = _voiced_actor(sentence, match, governor, mentions, subject, fallback, evidence)
    if voiced is not None:
        return voiced
    actor: Entity | None = None
    name_hint: str | None = None  # an unnamed but specific speaker: "the inspector general"
    subject_is_actor = False
    organisation = _organisation_of_speaker(subject, said_by) if said_by is not None else None
    if organisation is not None and said_by is not None:
        # "the chief executive said the company would ...": the person committed it for the company
        actor = said_by.entity
        evidence.add("actor:speaker_for_organisation", 0.1)
    elif usable(subject):
        # "her committee would hold a vote": the owner is the actor, but the
        # committee stays in the text.
        actor, subject_is_actor = subject.entity, subject.how != "possessive"
        how = subject.how
        named = how in ("name", "surname")
        evidence.add("actor:subject" if named else f"actor:{how}", 0.15 if named else 0.05)
    elif subject is not None and subject.how == "pronoun" and subject.text.lower() in ("we", "i") and usable(said_by):
        actor, subject_is_actor = said_by.entity, True
        evidence.add("actor:speaker", 0.1)
    elif (first := _first_person(sentence, governor, subject, fallback, evidence)) is not None:
        actor, subject_is_actor = first, True
    elif (
        subject is not None
        and subject.entity is None
        and not usable(said_by)
        and subject.text.split()[-1].lower() in TITLE_HEADS
        and (hint := _unnamed_actor(subject)) is not None
    ):
        # "The prime minister will ...", a headline's "Minister to ...": named later in the article
        name_hint = hint
        evidence.add("actor:unnamed", -0.15)
    elif said_by is not None:
        if said_by.entity is None or said_by.generic:
            unnamed = _unnamed_actor(said_by)
            if unnamed is not None:
                # "the inspector general said": someone specific, not named in
                # this text; propose it for the journalist to name.
                name_hint = unnamed
                evidence.add("actor:unnamed", -0.15)
            elif default_actor is None and said_by.generic:
                return None  # "analysts say": a forecast by nobody in particular
        else:
            actor = said_by.entity
            named = said_by.how in ("name", "surname")
            evidence.add("actor:speaker" if named else f"actor:speaker_{said_by.how}", 0.1 if named else 0.05)
    if actor is None and name_hint is None and said_by is None:
        at = sentence.tokens[governor.index].start if governor.index >= 0 else match.start
        nearest = nearest_usable(mentions, at)
        if nearest is not None:
            actor = nearest.entity
            evidence.add("actor:nearest_name")
        elif _first_mark(sentence.text) in '"\u201c' and previous_speaker is not None:
            actor = previous_speaker
            evidence.add("actor:previous_speaker", -0.05)
    if subject is not None and subject.generic and subject.text.lower() in GENERIC_SUBJECTS:
        return None
    if actor is not None:
        return _new(_Actor, (actor.name, subject, subject_is_actor, organisation))  # the usual end: one call less
    if name_hint is not None:
        return _Actor(name_hint, subject, subject_is_actor, None)
    return _document_actor(sentence, governor, subject, subject_is_actor, fallback, evidence)


_NOT_BLANK = re.compile(r"\S")


def _first_mark(text: str) -> str:
    """``text.lstrip()[:1]`` without the copy of the whole text."""
    m = _NOT_BLANK.search(text)
    return "" if m is None else m.group()


def _first_person(
    sentence: Sentence, governor: Governor, subject: Mention | None, fallback: Fallback, evidence: _Evidence
) -> Entity | None:
    """Who an unnamed "we" or "I" is: the body its paragraph speaks for ("we"), else a transcript's speaker label."""
    if subject is None or subject.entity is not None or subject.text.lower() not in ("we", "i"):
        return None
    if subject.text.lower() == "we" and fallback.body and not _to_the_audience(sentence, governor):
        # a spokesperson's "we" in a paragraph about "the Biden administration", "the State Department is ...": the body
        evidence.add("actor:speaking_body", 0.05)
        return Entity(fallback.body, "org")
    if fallback.label:
        # a transcript's "MS. LEAVITT: We will ...": the labelled speaker
        evidence.add("actor:speaker_label", 0.05)
        return Entity(fallback.label, "person")
    return None


def _voiced_actor(
    sentence: Sentence,
    match: DeadlineMatch,
    governor: Governor,
    mentions: list[Mention],
    subject: Mention | None,
    fallback: Fallback,
    evidence: _Evidence,
) -> _Actor | None:
    """An actor the form of the sentence gives outright: a Senate order, the President's message, an addresser."""
    if fallback.consent_at is not None and match.start >= fallback.consent_at:  # ``fallback.senate_order``
        # "I ask unanimous consent that ... the Senate adjourn until 10 a.m.": agreed to, it is the Senate's order
        evidence.add("actor:senate_order", 0.1)
        return _Actor("Senate", None, False, None)
    first_person = subject is not None and subject.entity is None and subject.text.lower() in ("i", "we")
    if governor.word == "shall" and fallback.default is not None and not first_person:
        # an order's "Within 45 days ..., the Secretary shall provide a report": who issued the order directs it
        evidence.add("actor:order_directive", 0.05)
        return _Actor(fallback.default, subject, False, None)
    if first_person and fallback.in_presidents_message(match.start) and fallback.president is not None:
        # "I have a message directly from the President: 'I will make my decision ...'"
        evidence.add("actor:president_message", 0.05)
        return _Actor(fallback.president, subject, True, None)
    tokens = sentence.tokens
    if governor.index > 0 and tokens[governor.index - 1].lower == "you":
        # "letters to our partners saying that if you don't move, on Aug. 1 you will ...": the addresser threatens
        at = tokens[governor.index - 1].start
        addresser = [m for m in mentions if m.end <= at and usable(m) and m.how in ("name", "surname")]
        if addresser and addresser[-1].entity is not None:
            evidence.add("actor:addresser")
            return _Actor(addresser[-1].entity.name, subject, False, None)
    return None


def _document_actor(
    sentence: Sentence,
    governor: Governor,
    subject: Mention | None,
    subject_is_actor: bool,
    fallback: Fallback,
    evidence: _Evidence,
) -> _Actor | None:
    """When the sentence names nobody: the President spoken of, the default actor, the label, the issuer, unknown.

    None only for a group's forecast ("economists polled expect ...").
    """
    # "resident" in the text: what ``_words_of(sentence).president`` is, without its searches for the other words
    if fallback.president is not None and governor.index > 0 and "resident" in sentence.text:
        segment = sentence.text[: sentence.tokens[governor.index].start - sentence.start]
        if _PRESIDENT_SUBJECT.search(segment) or _PRESIDENTS_EVENT.search(segment):
            # "the President will host a breakfast", "the President and members of his team will hold ..."
            evidence.add("actor:sitting_president", 0.05)
            return _Actor(fallback.president, subject, True, None)
    # whether the sentence says "he" or "we" is asked only where the document gives whom it would be
    if (
        fallback.he_is_president
        and fallback.president
        and ((subject is not None and subject.text.lower() == "he") or governor.word.lower()[:3] in ("he'", "he\u2019"))
    ):
        # a briefing that speaks of "the President" and names no man: "he will sign it" is the President
        evidence.add("actor:sitting_president", -0.05)
        return _Actor(fallback.president, subject, True, None)
    if subject is not None and subject.generic and governor.verdict in ("expect", "weak"):
        return None  # "economists polled expect ... by December": a forecast by a group, nobody's promise
    if (
        fallback.body is not None
        and (
            (subject is not None and subject.text.lower() == "we")
            or governor.word.lower()[:3] in ("we'", "we\u2019")
            or (governor.index > 0 and sentence.tokens[governor.index - 1].lower == "we")  # "By Saturday, ... we will"
            or _OPENS_WITH_WE.match(sentence.text) is not None  # "We'll publish the timetable within"
        )
        and not _to_the_audience(sentence, governor)
    ):
        evidence.add("actor:speaking_body", 0.05)
        return _Actor(fallback.body, subject, True, None)
    if fallback.default is not None:
        evidence.add("actor:default", -0.15)
        return _Actor(fallback.default, subject, subject_is_actor, None)
    if fallback.label is not None:
        evidence.add("actor:speaker_label", -0.1)
        return _Actor(fallback.label, subject, subject_is_actor, None)
    if fallback.issuer is not None:
        evidence.add("actor:issuer", -0.15)
        return _Actor(fallback.issuer, subject, subject_is_actor, None)
    evidence.add("actor:unknown", -0.3)  # never dropped silently: the journalist names the actor
    return _new(_Actor, (UNKNOWN_ACTOR, subject, subject_is_actor, None))


# A promise to the audience: "we will keep you updated", "we'll get back to you".
_AUDIENCE = re.compile(r"\b(?:keep|update|brief|tell|let|inform|get\s+back\s+to|follow\s+up\s+with)\s+(?:you|y'all)\b")


def _to_the_audience(sentence: Sentence, governor: Governor) -> bool:
    """True when the governing verb's clause promises the listeners something: the speaker's, not the body's."""
    if governor.index < 0:
        return False
    after = sentence.text[sentence.tokens[governor.index].start - sentence.start :]
    return bool(_AUDIENCE.search(after[:50]))


def _governing_subject(sentence: Sentence, mentions: list[Mention], governor: Governor) -> Mention | None:
    """The governing verb's subject (for "to" intentions the subject of "plans"), or the agent after "set by"."""
    if governor.verdict == "deadline_noun" and governor.word == "by":
        # "a Thursday deadline set by Labour Minister Ruth Kagame": the agent follows
        at = sentence.tokens[governor.index].end
        return next((m for m in mentions if m.start >= at), None)
    subject = subject_before(sentence, mentions, governor.index)
    if subject is None:
        return None
    first = last_ending_by(mentions, subject.start)
    if first is not None and _AND.fullmatch(sentence.text[first.end - sentence.start : subject.start - sentence.start]):
        return first  # "the President and the First Lady will host": the first named leads
    return subject


_AND = re.compile(r"\s+and\s+(?:the\s+|his\s+|her\s+)?")


def _organisation_of_speaker(subject: Mention | None, said_by: Mention | None) -> str | None:
    """The organisation when a named person says that it (not named, only pointed at) will act, else None."""
    if not (usable(subject) and usable(said_by)) or subject.how == "name":
        return None
    if subject.entity is None or said_by.entity is None:
        return None
    if subject.entity.kind == "org" and said_by.entity.kind == "person":
        return subject.entity.name
    return None


def _unnamed_actor(mention: Mention) -> str | None:
    """A singular description that names a specific speaker ("the inspector general"), else None.

    Plural descriptions ("analysts", "officials") are nobody in particular.
    """
    if mention.how not in ("description", "title"):
        return None
    words = mention.text.split()
    while words and words[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
        words = words[1:]
    if not words or (words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss")):
        return None
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _statement(
    sentence: Sentence,
    match: DeadlineMatch,
    governor: Governor,
    published: date,
    marker_at: int,
    cues: SentenceCues,
    speech_at: int | None,
    policy: DeadlinePolicy,
    evidence: _Evidence,
) -> _Statement:
    """The day it was said: the article's, or an earlier one the sentence gives, with the deadline read from it."""
    # most sentences give no time phrase of their own: then neither rule need be asked
    cue = statement_cue(cues, marker_at, speech_at) if cues.cues else None
    if cues.unreadable and statement_cue_unreadable(cues, marker_at, speech_at):
        # "said in March 0000", "on FR\u0130DAY": the time it was said is given and cannot be read; never silently
        evidence.add("stated_time_unreadable")
    if cue is None and past_setting(sentence, governor):
        before = _before_deadline(match, published, policy)
        if before is not None:
            evidence.add("approximate_date", -0.05)
            evidence.add("stated_before_deadline")
            return before
    if cue is None or cue.day == published:
        return _new(_Statement, (published, False, None, match))  # most statements: one call less
    evidence.add("approximate_date" if cue.approximate else "stated_earlier", -0.05 if cue.approximate else 0.0)
    window = read_window(match.text, cue.day, policy)
    if window is None:
        evidence.add("window_from_article_date")
        deadline = match
    else:
        deadline = attrs.evolve(match, window=window)
    return _Statement(cue.day, cue.approximate, cue.phrase, deadline)


def _before_deadline(match: DeadlineMatch, published: date, policy: DeadlinePolicy) -> _Statement | None:
    """A deadline set in the past for a named time that has passed: said the day before that time.

    "Mr. Trump set another deadline in early August", in an October article:
    read from the article's day, early August would be next year's. When a
    past verb set a calendar deadline that falls more than four months after
    the article, the phrase is read instead as the last such time before the
    article, and the statement is dated the day before it begins (approximate).
    """
    window = match.window
    if window.kind in ("duration", "range", "open", "vague") or window.due is None:
        return None
    if window.due <= published + timedelta(days=120):
        return None
    earlier = read_window(match.text, published - timedelta(days=365), policy)
    if earlier is None or earlier.earliest is None or earlier.due is None or earlier.due > published:
        return None
    day = earlier.earliest - timedelta(days=1)
    again = read_window(match.text, day, policy)
    if again is None:
        return None
    deadline = attrs.evolve(match, window=again)
    if deadline.window.due != earlier.due:
        return None
    return _Statement(day, True, None, deadline)


def _text_start(sentence: Sentence, match: DeadlineMatch, governor: Governor, subject_is_actor: bool, marker_at: int):
    """Where the words of the commitment start.

    After the modal when the subject is the actor ("she would | quit"), else
    the whole clause with its own subject ("the main road would reopen").
    """
    tokens = sentence.tokens
    if governor.verdict == "fronted":
        return match.end
    if not (subject_is_actor and governor.index >= 0):
        return clause_start(sentence, marker_at)
    if governor.verdict in ("future", "weak", "ultimatum") or (
        governor.verdict == "conditional" and governor.word not in ("threatened", "threatens", "threaten", "warned")
    ):
        return tokens[governor.index].end
    if governor.verdict == "intent":
        return next(t for t in tokens[governor.index :] if t.lower == "to").end
    return tokens[governor.index].start
