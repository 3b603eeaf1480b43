"""Propose the commitments with deadlines that a news article contains.

``extract(text, published_on)`` reads an article and returns
:class:`Candidate` records -- who committed, to what, by when, said when --
for a journalist to confirm, edit or delete; ``candidates_to_yaml`` writes
them in the ledger's own YAML format, each tagged ``candidate`` with a comment
giving its confidence and reasons. Rule-based: no model, no network.

How it reads (docs/extract.md has the details and the measured precision):

1. split the article into sentences and drop bylines, datelines and stamps;
2. find deadline phrases with ``ledger.deadlines.find_deadlines``;
3. keep a phrase only if a commitment governs it: a future modal ("will",
   "would"), an intention ("plans to", "is set to"), or a verb that sets a
   deadline ("gave ... until", "set a deadline", "has until", "pushed back");
   a past-tense verb, a speech verb ("said on Monday") or a forecast
   ("is forecast to") governing it means it is not one;
4. find the actor: the subject of that verb, else whoever the sentence is
   attributed to ("X said", "said X", "according to X"), with pronouns and
   titles ("the president") resolved against names the article gave;
5. date the statement: the article's date, or an earlier one the sentence
   gives ("On Monday, ... said", "Last year she said", approximate);
6. link a reset ("two more weeks", "pushed back") to the earlier candidate of
   the same actor in the same text.

The steps live in their own modules: ``clauses`` reads the clause around a
phrase (3, and the words of 4-5), ``actors`` finds who is speaking (4),
``stated_time`` dates the statement (5), ``candidates`` builds and links the
candidates (4-6), ``candidate`` is the record, ``yaml_output`` writes them.
This module runs the pipeline.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import deque
from datetime import date
from itertools import accumulate
from typing import NamedTuple

from ledger.articles.actors import PRONOUN_REACH, Discourse, Entity, nothing_masked, read_mentions
from ledger.articles.candidate import Candidate
from ledger.articles.candidates import Draft, draft
from ledger.articles.clauses import (
    ACCEPTED_VERDICTS,
    Governor,
    can_govern,
    govern,
    not_a_deadline,
    recover_phrases,
    trim_phrase,
)
from ledger.articles.linking import finish
from ledger.articles.non_deadlines import not_a_commitment_time
from ledger.articles.phrases import find_phrases
from ledger.articles.schedule import ScheduleDay, order_times, part_of_day
from ledger.articles.stated_time import SentenceCues
from ledger.articles.voices import Fallback, Voices, read_voices, speaker
from ledger.articles.yaml_output import PLACEHOLDER_URL, candidates_to_yaml
from ledger.core.days import require_date
from ledger.core.text import Sentence, cycle_collector_paused, furniture_spans, split_sentences
from ledger.deadlines import DEFAULT_POLICY, DeadlineMatch, DeadlinePolicy, DueWindow
from ledger.deadlines.grammar import time_of_day_alone
from ledger.io.entries import DATE_RANGE_HINT, FIRST_DATE, LAST_DATE

__all__ = [
    "MAX_ARTICLE_LENGTH",
    "ArticleTooLongError",
    "Candidate",
    "PLACEHOLDER_URL",
    "candidates_to_yaml",
    "extract",
]

#: The longest article ``extract`` reads, in characters (docs/reliability.md). Reading
#: is linear: up to about 2 seconds of CPU and 155 MB of memory a million characters
#: on the pathological texts of benchmarks/pathological_speed.py (one commitment after
#: another, with no sentence said twice, is the worst), so a text at the cap takes up to
#: about 20 seconds and 1.7 GB. A hearing transcript or a day of the Congressional
#: Record is 1 to 3 million.
MAX_ARTICLE_LENGTH = 10_000_000


# Patterns compiled once: each is used once or more for every candidate.
_COMMA_ONLY = re.compile(r",\s*")


class ArticleTooLongError(ValueError):
    """An article longer than ``MAX_ARTICLE_LENGTH`` characters: refused whole, never read in part.

    ``length`` is the article's length and ``limit`` the cap, both in characters.

    >>> try:
    ...     extract("a" * (MAX_ARTICLE_LENGTH + 1), date(2025, 10, 16))
    ... except ArticleTooLongError as refusal:
    ...     print(refusal)
    the article has 10,000,001 characters, more than the 10,000,000 that extract reads; split it into its
    parts (a day's record by section, a transcript by session) and extract each
    """

    def __init__(self, length: int, limit: int = MAX_ARTICLE_LENGTH) -> None:
        super().__init__(
            f"the article has {length:,} characters, more than the {limit:,} that extract reads; split it into "
            "its parts (a day's record by section, a transcript by session) and extract each"
        )
        self.length, self.limit = length, limit


def _check_args(text, published_on, default_actor, policy) -> None:
    if not isinstance(text, str):
        raise TypeError(f"'text' must be the article as a string (got {type(text).__name__})")
    if len(text) > MAX_ARTICLE_LENGTH:
        raise ArticleTooLongError(len(text), MAX_ARTICLE_LENGTH)
    require_date(published_on, "published_on")
    if not FIRST_DATE <= published_on <= LAST_DATE:
        # As the command line and an archive's rows: a deadline read from year 9999 runs past the calendar.
        raise ValueError(f"'published_on' {published_on.isoformat()} is too far: {DATE_RANGE_HINT}")
    if default_actor is not None and (not isinstance(default_actor, str) or not default_actor.strip()):
        raise ValueError(f"'default_actor' must be a non-empty name or None (got {default_actor!r})")
    if not isinstance(policy, DeadlinePolicy):
        raise TypeError(f"'policy' must be a ledger.deadlines.DeadlinePolicy (got {policy!r})")


def extract(
    text: str,
    published_on: date,
    *,
    default_actor: str | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
) -> list[Candidate]:
    """Candidate commitments with deadlines in an article, in reading order.

    ``published_on`` is the article's date: deadlines are read from it, or
    from an earlier day the text gives for the statement. ``default_actor``
    is used when no actor can be found in the text (a press release, a
    speech). Nothing is fetched and nothing is guessed silently: each
    candidate says why it was proposed in ``reasons``. An article over
    ``MAX_ARTICLE_LENGTH`` characters raises ``ArticleTooLongError`` (a
    ``ValueError``) before any of it is read.

    >>> text = ("Mayor Ada Ruiz toured the site on Tuesday. She said the bridge would "
    ...         "reopen within two weeks. The works began three weeks ago.")
    >>> [(c.actor, c.deadline.text, c.text) for c in extract(text, date(2025, 10, 16))]
    [('Ada Ruiz', 'within two weeks', 'The bridge would reopen')]
    """
    _check_args(text, published_on, default_actor, policy)
    with cycle_collector_paused():
        return _extract(text, published_on, default_actor, policy)


def _extract(text: str, published_on: date, default_actor: str | None, policy: DeadlinePolicy) -> list[Candidate]:
    """``extract`` once its arguments are checked."""
    voices = read_voices(text, published_on)
    # A transcript's speaker labels are furniture like a byline: "SENIOR STATE DEPARTMENT OFFICIAL:" names no body.
    masked = _Mask(furniture_spans(text) + list(voices.spans))

    # Split once: the finder and the reading below share the sentences, and the finder takes its words from
    # their tokens (one tokenising pass, not two). Each sentence is let go once read, with its tokens; the
    # tokens of those not yet read are held meanwhile (about 25 MB more at the peak of a million characters).
    split = split_sentences(text)
    found = find_phrases(text, split, published_on, policy)
    if masked.starts:
        # ``masked(m.start)`` without its call for each phrase: a phrase a candidate, a candidate a sentence
        starts, reach = masked.starts, masked.reach
        matches = [m for m in found if not ((k := bisect_right(starts, m.start)) and reach[k - 1] > m.start)]
    else:
        matches = list(found)  # no furniture, nothing to drop
    sentences = deque(split)
    del split
    starts = [m.start for m in matches]  # in order: each sentence takes its own slice, so the pass is linear
    reader = _Reader(text, published_on, default_actor, policy, voices, masked, ScheduleDay.of(text, matches))
    while sentences:
        sentence = sentences.popleft()
        if _LETTER_OR_DIGIT.search(sentence.text) is None:
            # "...", "--", a quote mark alone: no name, no phrase, no verb; the schedule still moves on
            reader.schedule.at(sentence)
            reader.remember([])
            continue
        reader.read(sentence, matches[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)])
    discourse, president = reader.discourse, reader.voices.president
    # most drafts name their actor: only a title's is looked for again
    return finish([d if _UNNAMED not in d.reasons else _name_later(d, discourse, president) for d in reader.drafts])


# Characters after a sentence that reading it may look at (``not_a_deadline`` looks 30 past a phrase).
_LOOK_AHEAD = 30
# A sentence this long is kept from its first reading: its key costs little beside reading it again (a run with
# no sentence end repeats in a handful of pieces, each of a hundred phrases).
_KEPT_AT_ONCE = 500
# Kept under a reading's key when the reading read the history (``Discourse.recent``): look again with it.
_LOOKS_BACK = object()


class _Reading(NamedTuple):
    """What reading one sentence gave: kept to be given again to the same sentence read in the same state."""

    start: int  # where the sentence read started: the drafts' offsets move with the sentence
    drafts: list[Draft]
    opens: list[DueWindow]  # the days its phrases opened for the rest of the paragraph (ScheduleDay.open)
    entities: list[Entity]  # what it mentions, subject first: the next sentences' pronouns look here
    speaker: Entity | None  # the last speaker once it is read
    # For each draft, which of the sentence's phrases is its deadline as found (-1: one read or trimmed
    # since): given again, the draft takes that phrase of its new sentence, already at its offsets.
    phrase_of: list[int]


class _Reader:
    """The reading of an article sentence by sentence, with what it has learnt so far.

    Articles repeat themselves ("within two weeks", a transcript's labels, a
    Senate's orders), and a pathological text does nothing else. A sentence
    is read afresh unless the same sentence was read before in the same
    state: the same words around it, the same deadline phrases, the same
    fallback, the same last speaker, and a ``Discourse`` in the same version
    with the same last sentences for its pronouns. Then what it gave before
    is given again, moved to where the sentence is, and the schedule is
    moved on as the first reading moved it. Readings that changed what the
    discourse knows are never kept: their version has passed. Nor are the
    first readings of a short sentence's text: most are said once.
    """

    def __init__(self, text, published_on, default_actor, policy, voices, masked, schedule) -> None:
        self.text, self.published_on, self.default_actor, self.policy = text, published_on, default_actor, policy
        self.voices: Voices = voices
        self.masked: _Mask = masked
        self.schedule: ScheduleDay = schedule
        self.discourse = Discourse()
        self.drafts: list[Draft] = []
        self.previous_speaker: Entity | None = None
        self.memo: dict[tuple, _Reading | object] = {}
        self.memo_version = 0
        self.texts_read: set[str] = set()  # the texts of the sentences read so far: a key's first part
        # The last sentences' entity lists: what ``Discourse.recent`` can see. Numbered (``_recent_key``) only
        # when a reading that read them is kept or looked for: most sentences are read once, and never are.
        self.recent: deque[list[Entity]] = deque(maxlen=PRONOUN_REACH)
        self.numbers: dict[tuple[Entity, ...], int] = {}
        self.number_of_list: dict[int, int] = {}  # by id: a reading given again gives the same list

    def remember(self, entities: list[Entity]) -> None:
        """Add a read sentence's entities (subject first) to the discourse's history."""
        self.discourse.history.append(entities)  # which keeps the list alive to the end: its id is its own
        self.recent.append(entities)

    def _recent_key(self) -> tuple[int, ...]:
        """The last sentences' entity lists, each as a small number: a key's part for a reading that read them."""
        numbers, number_of_list, key = self.numbers, self.number_of_list, []
        for entities in self.recent:
            number = number_of_list.get(id(entities))
            if number is None:
                # equal lists from two readings are one number: a repeated text's state comes round again
                number = numbers.setdefault(tuple(entities), len(numbers))
                number_of_list[id(entities)] = number
            key.append(number)
        return tuple(key)

    def read(self, sentence: Sentence, own: list[DeadlineMatch]) -> None:
        """Read one sentence holding a letter or a digit, with the deadline phrases found in it."""
        discourse = self.discourse
        day = self.schedule.at(sentence)
        part = None if day is None else part_of_day(sentence, day)  # most sentences have no day: no call
        if part is not None:
            # "Later in the afternoon, the President will ...": the schedule's day, not the reader's guess
            own = sorted([m for m in own if m.end <= part.start or m.start >= part.end] + [part], key=lambda m: m.start)
        key = None
        said = sentence.text
        if len(said) < _KEPT_AT_ONCE and said not in self.texts_read:
            # a text read for the first time: a key holds the sentence's text, so none kept can be its key,
            # and a text said once (most are) is never looked for again; its readings are kept from its second on
            self.texts_read.add(said)
        elif discourse.history:  # the first sentence may name the issuer (Voices.with_opening): always read
            if discourse.version != self.memo_version:
                self.memo.clear()  # kept for a state that has passed: never asked for again
                self.memo_version = discourse.version
            fallback = self.voices.at(sentence, self.default_actor, discourse.titles.get("president"))
            key = self._key(sentence, own, part, fallback)
            reading = self.memo.get(key)
            if reading is _LOOKS_BACK:
                # this sentence read in this state reads the history: the last sentences are part of its key
                reading = self.memo.get((key, self._recent_key()))
            if isinstance(reading, _Reading):
                for day in reading.opens:
                    self.schedule.open(sentence, day)
                self._take(sentence, reading, own)
                return
        version, looks_back = discourse.version, discourse.looks_back
        reading = self._read_afresh(sentence, own)
        if key is not None and discourse.version == version:
            if discourse.looks_back == looks_back:
                self.memo[key] = reading  # the history never read: any history reads it alike
            else:
                # read alike up to its first look back, any reading of it looks back: keyed by the history too
                self.memo[key] = _LOOKS_BACK
                self.memo[key, self._recent_key()] = reading
        # ``self._take(sentence, reading, own)`` without its call: a reading made here is at the sentence already
        if reading.drafts:
            self.drafts += reading.drafts
        self.previous_speaker = reading.speaker
        entities = reading.entities
        discourse.history.append(entities)
        self.recent.append(entities)

    def _key(self, sentence: Sentence, own: list[DeadlineMatch], part: DeadlineMatch | None, fallback: Fallback):
        """Everything reading ``sentence`` depends on besides the discourse, with offsets from its start."""
        at, end = sentence.start, sentence.end
        edge = end
        for m in own:
            edge = max(edge, m.end)
        consent_at, message_at = fallback.consent_at, fallback.message_at
        return (
            sentence.text,
            sentence.piece,
            self.text[end : edge + _LOOK_AHEAD],
            self.masked.within(at, end),
            tuple([(m.start - at, m.end - at) for m in own]),
            None if part is None else part.window,
            fallback[:4],  # default, label, issuer, president
            None if consent_at is None else consent_at - at,
            None if message_at is None else message_at - at,
            fallback[6:],  # he_is_president, body, refused
            self.previous_speaker,
            self.discourse.version,
        )

    def _read_afresh(self, sentence: Sentence, own: list[DeadlineMatch]) -> _Reading:
        """Read ``sentence``: its mentions, its speaker, the phrases a commitment governs, a draft for each."""
        discourse, published_on, policy = self.discourse, self.published_on, self.policy
        # most sentences hold no furniture: the mentions need not ask of each name whether it is furniture
        masked = self.masked
        mentions = read_mentions(
            sentence, discourse, masked if masked.touches(sentence.start, sentence.end) else nothing_masked
        )
        if not discourse.history:
            self.voices = self.voices.with_opening(sentence, mentions)
        said_by, speech = speaker(sentence, mentions)
        fallback = self.voices.at(sentence, self.default_actor, discourse.titles.get("president"))
        as_found = own  # the phrases as found, which a draft given again takes by their place here (_take)
        if fallback.consent_at is not None:
            # "I ask unanimous consent that ... the Senate proceed ... until 12 noon": the order's subjunctive times
            extra = order_times(sentence, fallback.consent_at, own, published_on, policy)
            own = sorted(own + extra, key=lambda m: m.start)
        accepted = _accepted(self.text, sentence, own, published_on, policy, fallback)
        drafts: list[Draft] = []
        opens: list[DueWindow] = []
        phrase_of: list[int] = []
        if accepted:  # most sentences accept nothing: no cues to share, no drafts to make
            cues = SentenceCues(sentence, published_on, [m for m, _ in accepted])  # shared by the drafts
            # where the draft's deadline is among the phrases as found: most sentences have one, and no table
            found_at = {id(m): k for k, m in enumerate(as_found)} if len(as_found) > 1 else None
            for match, governor in accepted:
                if self.schedule.opened_by(sentence, self.text, match):
                    opens.append(match.window)
                found = draft(
                    sentence,
                    match,
                    governor,
                    mentions,
                    said_by,
                    speech,
                    self.previous_speaker,
                    fallback,
                    published_on,
                    cues,
                    policy,
                )
                if found is not None:
                    drafts.append(found)
                    if found_at is not None:
                        phrase_of.append(found_at.get(id(found.deadline), -1))
                    else:
                        phrase_of.append(0 if as_found and found.deadline is as_found[0] else -1)
        # The sentence's subject first, for pronouns in the next ones.
        entities = [m.entity for m in mentions if m.entity is not None] if mentions else _NO_ENTITIES
        last_speaker = self.previous_speaker
        if said_by is not None and said_by.entity is not None and not said_by.generic:  # ``usable(said_by)``
            entities = [said_by.entity, *entities]
            last_speaker = said_by.entity
        # tuple.__new__ straight away: _Reading's own __new__ is a Python call, made for every sentence
        return tuple.__new__(_Reading, (sentence.start, drafts, opens, entities, last_speaker, phrase_of))

    def _take(self, sentence: Sentence, reading: _Reading, own: list[DeadlineMatch]) -> None:
        """Add what reading ``sentence`` gave (read now or before, elsewhere) to the article's reading.

        ``own`` are the sentence's phrases as found: those of the reading, moved to the sentence.
        """
        shift = sentence.start - reading.start
        if shift:
            self.drafts += [_moved(d, shift, own, k) for d, k in zip(reading.drafts, reading.phrase_of, strict=True)]
        elif reading.drafts:
            self.drafts += reading.drafts
        self.previous_speaker = reading.speaker
        entities = reading.entities  # ``remember``, without its call: made for every sentence
        self.discourse.history.append(entities)
        self.recent.append(entities)


# Shared by every reading of a sentence that mentions nobody: never changed, and one list to number.
_NO_ENTITIES: list[Entity] = []


def _moved(found: Draft, shift: int, own: list[DeadlineMatch], phrase: int) -> Draft:
    """A draft read from the same sentence ``shift`` characters earlier, at its own offsets: its deadline is
    phrase number ``phrase`` of ``own`` where it was a phrase as found."""
    a, b = found.sentence_span
    m = found.deadline
    deadline = own[phrase] if phrase >= 0 else DeadlineMatch(m.start + shift, m.end + shift, m.text, m.window)
    # tuple.__new__ straight away: _replace is a Python call of its own, made for every candidate given again
    return tuple.__new__(Draft, (*found[:4], (a + shift, b + shift), deadline, *found[6:]))


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


class _Mask:
    """Which offsets fall in article furniture: a bisect, not a walk over every span (a transcript has thousands)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        # the furthest end among the spans that start at or before each one: spans may overlap
        self.reach = list(accumulate((b for _, b in spans), max))

    def __call__(self, offset: int) -> bool:
        k = bisect_right(self.starts, offset)
        return k > 0 and self.reach[k - 1] > offset

    def touches(self, start: int, end: int) -> bool:
        """True if some offset of ``start:end`` is furniture: if ``self(offset)`` is True for one of them."""
        # the spans that start before ``end`` are the first k; one of them reaches past ``start`` if the furthest does
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start

    def within(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """What of ``start:end`` is furniture, as spans from ``start``: the mask as a sentence sees it."""
        k = bisect_right(self.starts, start)
        found = []
        if k > 0 and self.reach[k - 1] > start:
            found.append((0, min(self.reach[k - 1], end) - start))
        while k < len(self.starts) and self.starts[k] < end:
            found.append((self.starts[k] - start, min(self.ends[k], end) - start))
            k += 1
        return tuple(found)


_UNNAMED = "actor:unnamed"


def _name_later(found: Draft, discourse: Discourse, president: str | None) -> Draft:
    """An actor proposed by title only ("Prime minister") named by the article later on, if it is.

    "The President" the article never names is the sitting US President on
    the day it was published (``voices.PRESIDENTS``).
    """
    if _UNNAMED not in found.reasons:
        return found
    title = found.actor.split()[-1].lower()
    holder = discourse.titles.get(title)
    reason = "actor:title_named_later"
    if holder is None and title == "president" and president is not None:
        holder, reason = president, "actor:sitting_president"
    if holder is None:
        return found
    reasons = tuple([reason if r == _UNNAMED else r for r in found.reasons])
    confidence = round(min(0.99, found.confidence + 0.15), 2)
    # ``found._replace(actor=holder, confidence=confidence, reasons=reasons)`` without _replace's Python calls: a
    # text of "the President" never named has one such draft a candidate
    return tuple.__new__(Draft, (holder, *found[1:10], confidence, reasons, *found[12:]))


def _accepted(
    text: str,
    sentence: Sentence,
    matches: list[DeadlineMatch],
    published_on: date,
    policy: DeadlinePolicy,
    fallback: Fallback,
) -> list[tuple[DeadlineMatch, Governor]]:
    """The sentence's deadline phrases that a commitment governs, with the word that governs each.

    Phrases are trimmed of the verb around them, and lengths a general finder
    dropped after a deadline-setting verb ("gave the rebels two weeks") are
    recovered first.
    """
    here = [trim_phrase(text, m, policy) for m in matches if sentence.start <= m.start < sentence.end]
    recovered = recover_phrases(text, sentence, here, published_on, policy)
    if recovered or len(here) > 1:  # one phrase or none is in order as it is (most sentences)
        here = sorted(here + recovered, key=lambda m: m.start)
    accepted: list[tuple[DeadlineMatch, Governor]] = []
    if fallback.refused:
        return accepted  # "I ask unanimous consent that ... no later than December 14." "I object.": nobody is bound
    if not here or fallback.consent_at is None and not can_govern(sentence):
        return accepted  # no word that could govern a phrase: a run-on page of phrases reads none of them one by one
    consent_at = fallback.consent_at
    for match in here:
        start = match.start
        if not_a_deadline(text, sentence, match):
            continue
        # a "when" condition's time, an allotted length, a day as the subject, a look back ("in years past")
        if not_a_commitment_time(sentence, start, match.end, match.text):
            continue
        if accepted and _COMMA_ONLY.fullmatch(text, accepted[-1][0].end, start):
            continue  # "on Friday evening, May 3": the same day said twice
        if accepted and match.window.rule == "relative_day" and time_of_day_alone(match.text):
            # "tomorrow morning -- this will be 7 a.m. Eastern Time": the time of the day already said (a time
            # alone reads as the day said; the rule is looked at first, so other phrases are not normalised again)
            continue
        governor = govern(sentence, match)
        verdict = governor.verdict
        if (
            consent_at is not None
            and start >= consent_at  # ``fallback.senate_order(start)``
            and (
                verdict == "none"
                or verdict == "stated"
                and governor.index >= 0
                and sentence.tokens[governor.index].start > start
            )
        ):
            # "I ask unanimous consent that ... the Senate reconvene on November 12 at 1 p.m.": the
            # order's bare verbs are subjunctive, not past: the request sets the Senate's schedule
            governor = Governor("setting", "unanimous consent")
            verdict = "setting"
        if verdict in ACCEPTED_VERDICTS:  # ``governor.accepted``
            accepted.append((match, governor))
    return accepted
