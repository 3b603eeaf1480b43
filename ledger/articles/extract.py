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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

import attrs
import yaml

from ledger.articles.actors import (
    GENERIC_SUBJECTS,
    SPEECH_VERBS,
    Discourse,
    Entity,
    Mention,
    read_mentions,
    speaker,
)
from ledger.articles.stated_time import read_stated_time
from ledger.core.text import Sentence, Token, furniture_spans, split_sentences
from ledger.deadlines.find import find_deadlines
from ledger.deadlines.reader import (
    DEFAULT_POLICY,
    DeadlineError,
    DeadlineMatch,
    DeadlinePolicy,
    parse_deadline,
)

__all__ = ["PLACEHOLDER_URL", "Candidate", "candidates_to_yaml", "extract"]

#: Written as the source url when none is given: the loader rejects it
#: (``bad_url``), so an unconfirmed candidates file cannot pass ``ledger check``.
PLACEHOLDER_URL = "REPLACE-with-article-url"


def _is_day(instance, attribute, value):
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{attribute.name!r} must be a datetime.date (got {value!r})")


def _unit_interval(instance, attribute, value):
    if not isinstance(value, float) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name!r} must be a float from 0 to 1 (got {value!r})")


@attrs.frozen(kw_only=True)
class Candidate:
    """One commitment proposed from an article, waiting for a person to confirm it.

    ``sentence_span`` and ``deadline.start``/``deadline.end`` are character
    offsets into the article text. ``stated_on`` is the article's date unless
    the sentence dates the statement earlier; ``stated_approximate`` says the
    day is a convention (see docs/extract.md). ``supersedes`` is the id of an
    earlier candidate whose deadline this one resets; ``resets`` is true even
    when that earlier one is not in the text.

    >>> c = extract("The mayor, Ada Ruiz, said the bridge would reopen by Friday.", date(2025, 10, 16))[0]
    >>> c.actor, c.deadline.text, c.text, c.stated_on.isoformat()
    ('Ada Ruiz', 'by Friday', 'The bridge would reopen', '2025-10-16')
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    actor: str = attrs.field(validator=attrs.validators.instance_of(str))
    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    quote: str = attrs.field(validator=attrs.validators.instance_of(str))
    sentence: str = attrs.field(validator=attrs.validators.instance_of(str))
    sentence_span: tuple[int, int] = attrs.field(converter=tuple)
    deadline: DeadlineMatch = attrs.field(validator=attrs.validators.instance_of(DeadlineMatch))
    published_on: date = attrs.field(validator=_is_day)
    stated_on: date = attrs.field(validator=_is_day)
    stated_approximate: bool = attrs.field(default=False)
    stated_phrase: str | None = attrs.field(default=None)
    confidence: float = attrs.field(default=0.5, validator=_unit_interval)
    reasons: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    resets: bool = attrs.field(default=False)
    supersedes: str | None = attrs.field(default=None)

    @property
    def window(self):
        """The due window of the deadline, read from the day it was said."""
        return self.deadline.window

    def to_dict(self) -> dict:
        """The candidate as plain JSON-ready values (for ``ledger extract --json``).

        >>> sorted(extract("Ada Ruiz said she would quit by Friday.", date(2025, 10, 16))[0].to_dict())[:4]
        ['actor', 'confidence', 'deadline', 'id']
        """
        w = self.window
        return {
            "id": self.id,
            "actor": self.actor,
            "text": self.text,
            "quote": self.quote,
            "sentence": self.sentence,
            "sentence_span": list(self.sentence_span),
            "deadline": {
                "text": self.deadline.text,
                "start": self.deadline.start,
                "end": self.deadline.end,
                "window": w.to_dict(),
            },
            "published_on": self.published_on.isoformat(),
            "stated_on": self.stated_on.isoformat(),
            "stated_approximate": self.stated_approximate,
            "stated_phrase": self.stated_phrase,
            "confidence": self.confidence,
            "reasons": list(self.reasons),
            "resets": self.resets,
            "supersedes": self.supersedes,
        }


# -- what governs a deadline phrase ----------------------------------------------

_FUTURE = frozenset("will would shall must wo".split())
_WEAK = frozenset("could might may can should".split())
# Words before "to" that make what follows an intention: "plans to", "is set to".
_INTENT = frozenset(
    """plan plans planned planning aim aims aimed aiming expect expects expected
    expecting intend intends intended promise promises promised pledge pledges
    pledged vow vows vowed agree agrees agreed want wants wanted hope hopes hoped
    set due scheduled slated poised going ready prepared decided decide decides
    committed commit threatened threaten threatens ordered seek seeks sought
    need needs needed likely determined""".split()
)
# Words before "to" that report an appearance or a forecast, not an intention.
_NOT_INTENT = frozenset(
    """forecast forecasts appeared appears seemed seems tends tend used happened
    continued managed failed tried unable refused""".split()
)
# Verbs and nouns that set a deadline themselves: "gave the union until
# Friday", "set a deadline of June 30", "pushed back the target to 2026".
_SETTING = frozenset(
    """gave give gives giving given grant grants granted set sets setting
    promised promise promises pledged pledge pledges vowed vow vows ordered
    order orders threatened threaten threatens agreed demanded demand demands
    extended extend extends postponed postpone postpones delayed delay delays
    pushed push pushes moved needed need needs asked ask requested request
    wants wanted deadline deadlines ultimatum committed""".split()
)
# Participles that schedule: "is scheduled for Friday", "is due on Monday".
_SCHEDULE = frozenset("scheduled slated due planned expected set".split())
_HAVE = frozenset("has have had having".split())
# Verbs that look ahead to something with a time: a weaker signal than "will".
_EXPECT = frozenset("expect expects expected expecting anticipate anticipates anticipated".split())
_IRREGULAR_PAST = frozenset(
    """was were did met held took began made went came saw won lost left spoke
    wrote sent fell rose kept found got paid built led brought thought felt stood
    ran became broke chose drove fought flew grew knew meant sold shut struck
    taught understood wore told said""".split()
)
_DETERMINERS = frozenset("the a an its his her their this that these those our my your newly long".split())
_PRESENT_AUX = frozenset("be been being is are 's get gets".split())
_PAST_AUX = frozenset("was were had".split())
_SPEECH_ONLY = SPEECH_VERBS - _SETTING
_STOP = frozenset(";:")
_DASHES = frozenset("\u2014\u2013")
# A deadline phrase after one of these counts a length of time, not a deadline.
_SUPERLATIVES = frozenset("first lowest highest biggest largest worst best longest most least time".split())
_DEADLINE_NOUNS = frozenset("deadline ultimatum window timeline timetable grace".split())
_RESET_WORDS = re.compile(r"\b(?:more|another|extra|additional|further)\b", re.IGNORECASE)
_RESET_CONTEXT = re.compile(
    r"""
      \bextend(?:s|ed|ing)?\b | \bextension\b                 # "extended the deadline"
    | \bpush(?:es|ed|ing)?[ ]back\b | \bmoved[ ]back\b         # "pushed back that target"
    | \bpostpon\w* | \bdelay(?:s|ed|ing)?\b                    # "postponed the vote"
    | \b(?:another|new|fresh|second|third)[ ]deadline\b        # "set another deadline"
    | \bmore[ ]time\b | \breset\b                              # "gave them more time"
    """,
    re.VERBOSE | re.IGNORECASE,
)


@attrs.frozen
class _Governor:
    """What governs a deadline phrase: a verdict, the word, its token index."""

    verdict: str  # future, weak, expect, intent, setting, ultimatum, schedule, fronted | stated, past, forecast, none
    word: str = ""
    index: int = -1

    @property
    def accepted(self) -> bool:
        return self.verdict in ("future", "weak", "expect", "intent", "setting", "ultimatum", "schedule", "fronted")


def _is_past(tokens: Sequence[Token], i: int) -> bool:
    """True if token ``i`` is a past-tense finite verb ("met", "grounded")."""
    word = tokens[i].lower
    prev = tokens[i - 1].lower if i > 0 else ""
    if word in ("told", "said"):
        return True
    if word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4 and word.isalpha()):
        if prev in _DETERMINERS or prev in _PRESENT_AUX or prev in _FUTURE or prev == "to":
            return False  # an adjective ("the flooded district") or a participle ("be sent")
        return True
    return False


def _previous_word(tokens: Sequence[Token], i: int) -> int:
    """Index of the word before ``i``, skipping adverbs in -ly."""
    j = i - 1
    while j >= 0 and (tokens[j].lower.endswith("ly") and len(tokens[j].lower) > 4):
        j -= 1
    return j


def _govern(sentence: Sentence, match: DeadlineMatch) -> _Governor:
    """Read backwards from a deadline phrase to the word that governs it."""
    tokens = sentence.tokens
    first = next((i for i, t in enumerate(tokens) if t.end > match.start), len(tokens))
    phrase = match.text.lower()
    point = phrase.startswith(("on ", "in ", "last ", "earlier ")) and match.window.kind in (
        "weekday",
        "date",
        "span",
        "holiday",
    )
    for i in range(first - 1, max(-1, first - 31), -1):
        tok = tokens[i]
        word = tok.lower
        if word in _STOP or word in _DASHES:
            break
        if word in _FUTURE or word.endswith("'ll") or word in ("won't", "shan't"):
            return _Governor("future", word, i)
        if word in _WEAK:
            return _Governor("weak", word, i)
        if word == "to" and i + 1 < first and tokens[i + 1].lower.isalpha() and tokens[i + 1].lower not in _DETERMINERS:
            g = _previous_word(tokens, i)
            governor = tokens[g].lower if g >= 0 else ""
            if governor in _NOT_INTENT:
                return _Governor("forecast", governor, g)
            if governor in _INTENT:
                return _Governor("intent", governor, g)
            continue  # a preposition ("returned to normal") or an object's verb
        if word in _HAVE and i == first - 1 and phrase.startswith(("until", "till")):
            return _Governor("ultimatum", word, i)
        if word in _SCHEDULE and i > 0 and tokens[i - 1].lower in _PRESENT_AUX | {"was", "were"}:
            return _Governor("schedule", word, i)
        if word in _EXPECT:
            return _Governor("expect", word, i)  # "she expected a vote before Thanksgiving"
        if (
            (word in _SETTING or word in _SPEECH_ONLY)
            and i > 0
            and tokens[i - 1].lower in _PRESENT_AUX | _FUTURE | {"to"}
        ):
            continue  # "would be announced", "to set": part of a verb group read further back
        if word in _SETTING:
            if point and first - i <= 4:
                return _Governor("stated", word, i)  # "vowed on Tuesday": when it was said
            return _Governor("setting", word, i)
        if word in _SPEECH_ONLY:
            return _Governor("stated", word, i)
        if _is_past(tokens, i):
            return _Governor("past", word, i)
    # Nothing before it: a fronted phrase ("Within two weeks, we will ...")
    # is a deadline only if a future verb follows before any past one.
    before = [t for t in tokens[:first] if t.is_word]
    if not before:
        last = next((i for i, t in enumerate(tokens) if t.start >= match.end), len(tokens))
        for i in range(last, min(len(tokens), last + 12)):
            word = tokens[i].lower
            if word in _FUTURE or word.endswith("'ll") or word in _WEAK:
                return _Governor("fronted", word, i)
            if word in SPEECH_VERBS or _is_past(tokens, i) or word in _SETTING:
                return _Governor("stated", word, i)
    return _Governor("none")


_ORDINAL_ONLY = re.compile(r"(?:the\s+)?(?:first|second|third|fourth|fifth|\d{1,2}(?:st|nd|rd|th))\Z", re.I)


def _not_a_deadline(text: str, sentence: Sentence, match: DeadlineMatch) -> str | None:
    """Why a phrase is a length or a label rather than a deadline, or None."""
    if _ORDINAL_ONLY.match(match.text.strip()):
        return "ordinal"  # "the first relief checks": an ordinal, not the 1st of a month
    after = text[match.end : match.end + 20]
    if re.match(r"-\w", after) or re.search(r"\w-(?:minute|hour|day|week|month|year|decade)s?$", match.text, re.I):
        following = re.match(r"[-\w]*\s+(\w+)", after)
        if not (following and following.group(1).lower() in _DEADLINE_NOUNS):
            return "adjective"  # "a ninety-minute call", "a decade-long dispute"
    words = re.findall(r"[A-Za-z']+", text[sentence.start : match.start].lower())[-4:]
    if match.window.kind == "duration":
        if words and words[-1] == "for" and not _RESET_WORDS.search(match.text):
            return "how_long"  # "closed for two weeks"
        if (match.text.lower().startswith("in ") or words[-1:] == ["in"]) and any(w in _SUPERLATIVES for w in words):
            return "idiom"  # "the lowest level in two years"
    if (
        match.text.lower().startswith("for ")
        and match.window.kind == "duration"
        and not _RESET_WORDS.search(match.text)
    ):
        return "how_long"
    return None


# Words that can open a phrase the finder returns but that belong to the
# verb around it: "has until Friday", "give them two more weeks".
_PHRASE_JUNK = _HAVE | _SETTING | frozenset("them him her us me it you the rebels".split())
_LEAD = re.compile(
    r"""(?:until|till|by|within|in|before|no[ ]later[ ]than|another|a|an|\d+|one|two|three|four|five|six|seven
    |eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|few|several|couple|more|extra)\b""",
    re.VERBOSE | re.IGNORECASE,
)


def _rematch(text: str, start: int, end: int, stated_on: date, policy: DeadlinePolicy) -> DeadlineMatch | None:
    try:
        window = parse_deadline(text[start:end], stated_on, policy=policy)
    except DeadlineError:
        return None
    return DeadlineMatch(start=start, end=end, text=text[start:end], window=window)


def _trim(text: str, match: DeadlineMatch, policy: DeadlinePolicy) -> DeadlineMatch:
    """The phrase without leading words of the verb around it ("has until Friday" -> "until Friday")."""
    words = list(re.finditer(r"\S+", match.text))
    for k, w in enumerate(words[:-1]):
        if w.group().lower() not in _PHRASE_JUNK:
            break
        nxt = words[k + 1]
        if _LEAD.match(nxt.group()):
            again = _rematch(text, match.start + nxt.start(), match.end, match.window.stated_on, policy)
            if again is not None:
                return again
    return match


def _recover(text: str, sentence: Sentence, found: list[DeadlineMatch], published: date, policy: DeadlinePolicy):
    """Deadline phrases right after a verb that sets one, which a general finder may drop.

    ``find_deadlines`` reads any prose and rightly doubts a bare length after a
    past-tense verb; after "gave the rebels", "needed", "had until" that
    length is the commitment itself.
    """
    tokens = sentence.tokens
    out = []
    for i, tok in enumerate(tokens):
        if tok.lower not in _SETTING and tok.lower not in _HAVE:
            continue
        for k in range(i + 1, min(len(tokens), i + 5)):
            if not tokens[k].is_word or not _LEAD.match(tokens[k].text):
                continue
            if tokens[k].lower in ("a", "an") and k + 1 < len(tokens) and not _LEAD.match(tokens[k + 1].text):
                continue
            hit = None
            for last in range(min(len(tokens) - 1, k + 6), k - 1, -1):
                if not tokens[last].is_word:
                    continue
                start, end = tokens[k].start, tokens[last].end
                if any(start < m.end and m.start < end for m in found + out):
                    continue
                following = tokens[last + 1].lower if last + 1 < len(tokens) else ""
                if following in ("ago", "earlier", "old", "long"):
                    continue
                hit = _rematch(text, start, end, published, policy)
                if hit is not None and hit.window.kind not in ("open",):
                    break
                hit = None
            if hit is not None:
                out.append(hit)
                break
    return out


# -- actors --------------------------------------------------------------------

_SUBJECT_GAP = re.compile(r"\s*(?:(?:also|still|now|then|again|later|not|has|have|had|is|are|was|were|\w+ly)\s+)*")


def _subject_before(sentence: Sentence, mentions: list[Mention], index: int) -> Mention | None:
    """The mention right before token ``index`` ("Helix Motors will", "she needed")."""
    at = sentence.tokens[index].start
    before = [m for m in mentions if m.end <= at]
    if not before:
        return None
    m = before[-1]
    gap = sentence.text[m.end - sentence.start : at - sentence.start]
    return m if _SUBJECT_GAP.fullmatch(gap) else None


def _usable(m: Mention | None) -> bool:
    return m is not None and m.entity is not None and not m.generic


# -- the statement's date ---------------------------------------------------------


def _stated(sentence: Sentence, published: date, marker_at: int, deadlines: list[DeadlineMatch], speech_at: int | None):
    """The time phrase that dates this statement, if the sentence gives one."""
    cues = [
        c
        for c in read_stated_time(sentence.text, sentence.start, published)
        if not any(c.start < d.end and d.start < c.end for d in deadlines)
    ]
    before = [c for c in cues if c.end <= marker_at]
    if before:
        return before[-1]
    if speech_at is not None:
        after = [c for c in cues if 0 <= c.start - speech_at <= 40]
        if after:
            return after[0]
    return None


# -- commitment text and quote ------------------------------------------------------

_CLAUSE_END_WORDS = frozenset(
    """after unless because although though while when since if whereas citing
    saying adding warning according""".split()
)
_LEADS = re.compile(r"\s*\b(?:to|by|in|within|until|till|before|for|on|at|of|from|starting|no later than)\s*$", re.I)
_CLAUSE_MARKS = set(',;:"\u201c\u201d()') | _DASHES


def _clause_end(sentence: Sentence, after: int) -> int:
    """Offset where the clause holding ``after`` ends (a comma, a subordinate clause, the end)."""
    for t in sentence.tokens:
        if t.start < after:
            continue
        if t.text in _CLAUSE_MARKS or t.text in ".!?" or t.lower in _CLAUSE_END_WORDS:
            return t.start
        if t.lower == "and" and sentence.text[t.end - sentence.start :].lstrip().startswith("that"):
            return t.start
    return sentence.end


# Who a statement was made to, between the speech verb and what was said.
_ADDRESSEES = frozenset(
    "reporters journalists lawmakers legislators parliament congress senators supporters voters "
    "him her them us me you viewers listeners delegates".split()
)


def _clause_start(sentence: Sentence, before: int) -> int:
    """Offset where the clause ending at ``before`` starts (after "that", a speech verb or a comma)."""
    start = sentence.start
    tokens = sentence.tokens
    for i, t in enumerate(tokens):
        if t.end > before:
            break
        if t.text in _CLAUSE_MARKS or t.lower in ("that",) or t.lower in SPEECH_VERBS:
            start = t.end
            # "told reporters the summit could...": the addressee is not the clause
            if t.lower in SPEECH_VERBS and i + 1 < len(tokens) and tokens[i + 1].lower in _ADDRESSEES:
                if tokens[i + 1].end <= before:
                    start = tokens[i + 1].end
    return start


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:\"'\u201c\u201d\u2018\u2019")
    text = re.sub(r"^(?:that|to)\s+", "", text, flags=re.I)
    return text[:1].upper() + text[1:] if text else text


def _commitment_text(sentence: Sentence, start: int, match: DeadlineMatch) -> str:
    """The clause that says what will happen, without its deadline phrase."""
    end = _clause_end(sentence, match.end)
    s0 = sentence.start
    head = sentence.text[start - s0 : max(start, match.start) - s0]
    tail = sentence.text[match.end - s0 : end - s0] if end > match.end else ""
    head = _LEADS.sub("", head)
    text = _tidy(f"{head} {tail}")
    return text or _tidy(sentence.text)


def _quote(sentence: Sentence, start: int, match: DeadlineMatch) -> str:
    """The short fragment of the sentence that holds the deadline (at most 16 words)."""
    s0 = sentence.start
    fragment = sentence.text[start - s0 : match.end - s0]
    words = fragment.split()
    if len(words) > 16:
        fragment = " ".join(words[-16:])
    return " ".join(fragment.split()).strip(" ,;:\"'\u201c\u201d") or match.text


# -- ids ----------------------------------------------------------------------------------

_ID_STOPWORDS = frozenset(
    """the a an its his her their our to of in on at by for and or be been will would
    that this with from into new all every first more about would could should""".split()
)


def _slug(words: list[str]) -> str:
    out = "-".join(re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in words)
    return re.sub(r"-+", "-", out).strip("-")


def _make_id(actor: str, text: str, day: date | None, taken: set[str]) -> str:
    who = actor.split()[-1] if len(actor.split()) > 1 and actor[:1].isupper() else actor
    keys = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text) if w.lower() not in _ID_STOPWORDS][:2]
    base = _slug([who, *keys] + ([day.isoformat()] if day else [])) or "candidate"
    if not base[0].isalnum():
        base = "c-" + base
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


# -- the pipeline ---------------------------------------------------------------------------


def _check_args(text, published_on, default_actor, policy):
    if not isinstance(text, str):
        raise TypeError(f"'text' must be the article as a string (got {type(text).__name__})")
    if isinstance(published_on, datetime) or not isinstance(published_on, date):
        raise TypeError(f"'published_on' must be a datetime.date, the article's date (got {published_on!r})")
    if default_actor is not None and (not isinstance(default_actor, str) or not default_actor.strip()):
        raise ValueError(f"'default_actor' must be a non-empty name or None (got {default_actor!r})")
    if not isinstance(policy, DeadlinePolicy):
        raise TypeError(f"'policy' must be a ledger.deadlines.DeadlinePolicy (got {policy!r})")


_MARKER_SCORE = {
    "future": (0.2, "future"),
    "fronted": (0.2, "future"),
    "setting": (0.25, "sets_deadline"),
    "ultimatum": (0.25, "ultimatum"),
    "intent": (0.15, "intention"),
    "schedule": (0.15, "scheduled"),
    "weak": (0.0, "weak_modal"),
    "expect": (0.0, "expectation"),
}


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
    candidate says why it was proposed in ``reasons``.

    >>> text = ("Mayor Ada Ruiz toured the site on Tuesday. She said the bridge would "
    ...         "reopen within two weeks. The works began three weeks ago.")
    >>> [(c.actor, c.deadline.text, c.text) for c in extract(text, date(2025, 10, 16))]
    [('Ada Ruiz', 'within two weeks', 'The bridge would reopen')]
    """
    _check_args(text, published_on, default_actor, policy)
    furniture = furniture_spans(text)

    def masked(offset: int) -> bool:
        return any(a <= offset < b for a, b in furniture)

    matches = [m for m in find_deadlines(text, published_on, policy=policy) if not masked(m.start)]
    discourse = Discourse()
    drafts: list[dict] = []
    previous_speaker: Entity | None = None
    for sentence in split_sentences(text):
        mentions = read_mentions(sentence, discourse, masked)
        said_by, speech = speaker(sentence, mentions)
        here = [_trim(text, m, policy) for m in matches if sentence.start <= m.start < sentence.end]
        here = sorted(here + _recover(text, sentence, here, published_on, policy), key=lambda m: m.start)
        accepted: list[tuple[DeadlineMatch, _Governor]] = []
        for match in here:
            if _not_a_deadline(text, sentence, match):
                continue
            governor = _govern(sentence, match)
            if governor.accepted:
                accepted.append((match, governor))
        for match, governor in accepted:
            draft = _draft(
                sentence,
                match,
                governor,
                mentions,
                said_by,
                speech,
                previous_speaker,
                default_actor,
                published_on,
                [m for m, _ in accepted],
                policy,
            )
            if draft is not None:
                drafts.append(draft)
        # The sentence's subject first, for pronouns in the next ones.
        entities = [m.entity for m in mentions if m.entity is not None]
        if _usable(said_by):
            entities.insert(0, said_by.entity)
        discourse.history.append(entities)
        if _usable(said_by):
            previous_speaker = said_by.entity
    return _finish(drafts)


def _unnamed_actor(mention) -> str | None:
    """A singular description that names a specific speaker ("the inspector general"), else None.

    Plural descriptions ("analysts", "officials") are nobody in particular.
    """
    if mention.how != "description":
        return None
    words = mention.text.split()
    while words and words[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
        words = words[1:]
    if not words or (words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss")):
        return None
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _draft(
    sentence, match, governor, mentions, said_by, speech, previous_speaker, default_actor, published, deadlines, policy
):
    """Everything about one candidate but its id and its link to an earlier one."""
    tokens = sentence.tokens
    reasons: list[str] = []
    score = 0.5
    bonus, reason = _MARKER_SCORE[governor.verdict]
    score += bonus
    reasons.append(f"{reason}:{governor.word}")

    # The verb's subject, for "to" intentions the subject of "plans".
    subject = _subject_before(sentence, mentions, governor.index) if governor.verdict != "fronted" else None
    actor: Entity | None = None
    name_hint: str | None = None  # an unnamed but specific speaker: "the inspector general"
    subject_is_actor = False
    if _usable(subject):
        # "her committee would hold a vote": the owner is the actor, but the
        # committee stays in the text.
        actor, subject_is_actor = subject.entity, subject.how != "possessive"
        how = subject.how
        reasons.append("actor:subject" if how in ("name", "surname") else f"actor:{how}")
        score += 0.15 if how in ("name", "surname") else 0.05
    elif subject is not None and subject.how == "pronoun" and subject.text.lower() in ("we", "i") and _usable(said_by):
        actor, subject_is_actor = said_by.entity, True
        reasons.append("actor:speaker")
        score += 0.1
    elif said_by is not None:
        if said_by.entity is None or said_by.generic:
            unnamed = _unnamed_actor(said_by)
            if unnamed is not None:
                # "the inspector general said": someone specific, not named in
                # this text; propose it for the journalist to name.
                actor = None
                name_hint = unnamed
                reasons.append("actor:unnamed")
                score -= 0.15
            elif default_actor is None:
                return None  # "analysts say": a forecast by nobody in particular
        else:
            actor = said_by.entity
            reasons.append("actor:speaker" if said_by.how in ("name", "surname") else f"actor:speaker_{said_by.how}")
            score += 0.1 if said_by.how in ("name", "surname") else 0.05
    if actor is None and said_by is None:
        at = tokens[governor.index].start if governor.index >= 0 else match.start
        earlier = [m for m in mentions if m.end <= at and _usable(m)]
        if earlier:
            actor = earlier[-1].entity
            reasons.append("actor:nearest_name")
        elif sentence.text.lstrip()[:1] in '"\u201c' and previous_speaker is not None:
            actor = previous_speaker
            reasons.append("actor:previous_speaker")
            score -= 0.05
    if subject is not None and subject.generic and subject.text.lower() in GENERIC_SUBJECTS:
        return None
    if actor is None and name_hint is not None:
        name = name_hint
    elif actor is None:
        if default_actor is None:
            return None
        name = default_actor
        reasons.append("actor:default")
        score -= 0.15
    else:
        name = actor.name

    # When it was said.
    marker_at = tokens[governor.index].start if governor.index >= 0 else match.start
    if governor.verdict == "fronted":
        marker_at = match.start
    speech_at = speech.end if speech is not None else None
    cue = _stated(sentence, published, marker_at, deadlines, speech_at)
    stated_on, approximate, phrase = published, False, None
    deadline = match
    if cue is not None and cue.day != published:
        stated_on, approximate, phrase = cue.day, cue.approximate, cue.phrase
        reasons.append("approximate_date" if approximate else "stated_earlier")
        score -= 0.05 if approximate else 0.0
        try:
            deadline = attrs.evolve(match, window=parse_deadline(match.text, stated_on, policy=policy))
        except DeadlineError:
            reasons.append("window_from_article_date")

    window = deadline.window
    if window.kind == "open":
        score -= 0.2
        reasons.append("open_deadline")
    elif window.vague:
        score -= 0.1
        reasons.append("vague_deadline")

    # What will happen: after the modal when the subject is the actor, else
    # the whole clause with its own subject ("the main road would reopen").
    if governor.verdict == "fronted":
        start = match.end
    elif subject_is_actor and governor.index >= 0:
        if governor.verdict in ("future", "weak"):
            start = tokens[governor.index].end
        elif governor.verdict == "intent":
            to = next(t for t in tokens[governor.index :] if t.lower == "to")
            start = to.end
        elif governor.verdict == "ultimatum":
            start = tokens[governor.index].end
        else:
            start = tokens[governor.index].start
    else:
        start = _clause_start(sentence, marker_at)
    text = _commitment_text(sentence, start, match)
    quote_start = (
        _clause_start(sentence, marker_at)
        if not subject_is_actor
        else (subject.start if subject is not None and subject.start >= sentence.start else start)
    )
    resets = bool(_RESET_WORDS.search(match.text) or _RESET_CONTEXT.search(sentence.text[: match.end - sentence.start]))
    if resets:
        reasons.append("reset")
    return {
        "actor": name,
        "text": text,
        "quote": _quote(sentence, min(quote_start, match.start), match),
        "sentence": " ".join(sentence.text.split()),
        "sentence_span": (sentence.start, sentence.end),
        "deadline": deadline,
        "published_on": published,
        "stated_on": stated_on,
        "stated_approximate": approximate,
        "stated_phrase": phrase,
        "confidence": round(min(0.99, max(0.05, score)), 2),
        "reasons": tuple(reasons),
        "resets": resets,
    }


def _finish(drafts: list[dict]) -> list[Candidate]:
    """Give ids and link resets to the earlier candidate of the same actor."""
    taken: set[str] = set()
    out: list[Candidate] = []
    for d in drafts:
        window = d["deadline"].window
        ident = _make_id(d["actor"], d["text"], window.due or d["stated_on"], taken)
        supersedes = None
        if d["resets"]:
            earlier = [c for c in out if c.actor == d["actor"] and c.stated_on <= d["stated_on"]]
            if earlier:
                supersedes = earlier[-1].id
        out.append(Candidate(id=ident, supersedes=supersedes, **d))
    return out


# -- YAML ------------------------------------------------------------------------------------


def _comment(c: Candidate) -> list[str]:
    w = c.window
    said = c.stated_on.isoformat()
    if c.stated_phrase:
        said += f" ({'approximate, ' if c.stated_approximate else ''}from {c.stated_phrase!r})"
    due = f"due {w.due}, latest {w.latest}" if w.due else "no due date"
    lines = [
        f"# candidate, confidence {c.confidence:.2f}: {', '.join(c.reasons)}",
        f"# sentence at characters {c.sentence_span[0]}-{c.sentence_span[1]}, deadline at "
        f"{c.deadline.start}-{c.deadline.end}; said {said}",
        f"# window: {due} ({w.kind}, {w.bound}, rule {w.rule})",
    ]
    if c.resets and c.supersedes is None:
        lines.append("# resets an earlier deadline that is not in this text: add `supersedes` if the ledger has it")
    return lines


def _entry(c: Candidate, url: str, title: str | None) -> dict:
    source = {"url": url}
    if title:
        source["title"] = title
    source["quote"] = c.quote
    source["published_on"] = c.published_on.isoformat()
    entry = {
        "id": c.id,
        "actor": c.actor,
        "stated_on": c.stated_on.isoformat(),
        "text": c.text,
        "deadline": " ".join(c.deadline.text.split()),
    }
    if c.supersedes:
        entry["supersedes"] = c.supersedes
    entry["tags"] = ["candidate"]
    entry["sources"] = [source]
    return entry


def candidates_to_yaml(candidates: Sequence[Candidate], *, url: str | None = None, title: str | None = None) -> str:
    """The candidates as a ledger YAML file, each tagged ``candidate`` with a comment above it.

    With ``url`` (the article's address) the file loads with ``ledger.load``
    as it is; without one, each source holds ``PLACEHOLDER_URL``, which
    ``ledger check`` reports as ``bad_url`` until someone fills it in.

    >>> cs = extract("Ada Ruiz said she would quit by Friday.", date(2025, 10, 16))
    >>> print(candidates_to_yaml(cs, url="https://example.org/a"))  # doctest: +ELLIPSIS
    # Candidate commitments proposed by `ledger extract` from https://example.org/a.
    ...
    - id: ruiz-quit-2025-10-17
      actor: Ada Ruiz
      stated_on: '2025-10-16'
      text: Quit
      deadline: by Friday
      tags:
      - candidate
      sources:
      - url: https://example.org/a
        quote: she would quit by Friday
        published_on: '2025-10-16'
    <BLANKLINE>
    """
    where = url or "an article"
    lines = [
        f"# Candidate commitments proposed by `ledger extract` from {where}.",
        "# Check each against the article: fix actor, text and deadline, delete what is",
        "# not a commitment, and remove the `candidate` tag once confirmed.",
    ]
    if url is None:
        lines.append(f"# Replace {PLACEHOLDER_URL} with the article's url: `ledger check` refuses it.")
    if not candidates:
        lines.append("commitments: []")
        return "\n".join(lines) + "\n"
    lines.append("commitments:")
    for c in candidates:
        body = yaml.safe_dump(
            [_entry(c, url or PLACEHOLDER_URL, title)], sort_keys=False, allow_unicode=True, width=100
        )
        lines.extend(_comment(c))
        lines.extend(body.rstrip("\n").split("\n"))
    return "\n".join(lines) + "\n"
