"""Reading the clause around a deadline phrase: is it a commitment, whose, and in which words.

``govern`` reads back from a phrase to the word that governs it: a future
modal ("will"), an intention ("plans to"), a verb that sets a deadline
("gave ... until") make it a commitment; a past tense, a speech verb ("said
on Monday") or a forecast do not. ``not_a_deadline`` refuses lengths and
labels ("a ninety-minute call"); ``trim_phrase`` and ``recover_phrases`` fix
the phrase's edges after verbs that set deadlines. The rest give what the
candidate needs from the clause: its subject and a time phrase that dates
the statement (``wording`` cuts the commitment's words and quote).

>>> from datetime import date
>>> from ledger.core.text import split_sentences
>>> from ledger.deadlines.find import find_deadlines
>>> text = "Ada Ruiz said the bridge would reopen within two weeks."
>>> match = find_deadlines(text, date(2025, 10, 16))[0]
>>> govern(split_sentences(text)[0], match)
Governor(verdict='future', word='would', index=5)
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date

import attrs

from ledger.articles.actors import SPEECH_VERBS, Mention
from ledger.articles.nearby import last_ending_by, usable
from ledger.articles.non_deadlines import last_words, phrase_forms
from ledger.articles.per_sentence import per_sentence, per_word
from ledger.core.text import Sentence, Token, plain_words
from ledger.deadlines import DeadlineError, DeadlineMatch, DeadlinePolicy, DueWindow, parse_deadline
from ledger.deadlines.grammar import CLOCK_SAID

__all__ = [
    "ACCEPTED_VERDICTS",
    "Governor",
    "past_setting",
    "read_window",
    "RESET_CONTEXT",
    "RESET_WORDS",
    "DASHES",
    "DETERMINERS",
    "FUTURE_MODALS",
    "WEAK_MODALS",
    "can_govern",
    "govern",
    "not_a_deadline",
    "recover_phrases",
    "subject_before",
    "trim_phrase",
    "usable",
]

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
_SETTING_OR_HAVE = plain_words(_SETTING | _HAVE)  # for Sentence.may_hold
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
_SPEECH_ONLY = SPEECH_VERBS - _SETTING
_STOP = frozenset(";:")
_DASHES = frozenset("\u2014\u2013")
# Shared with ``wording``, which cuts the commitment's words out of the same clauses.
FUTURE_MODALS, WEAK_MODALS, DETERMINERS, DASHES = _FUTURE, _WEAK, _DETERMINERS, _DASHES
# A deadline phrase after one of these counts a length of time, not a deadline.
_SUPERLATIVES = frozenset(
    "first second third lowest highest biggest largest worst best longest most least time".split()
)
# Words after a year that do not make it a label: "by 2030 at the latest", "in 2027 and".
_NOT_NOUNS = frozenset(
    """and or at to the a an but as if when for from with by in on of than that which who will would
    could should may might is are was were be has have had it its they he she we""".split()
)
_DEADLINE_NOUNS = frozenset("deadline ultimatum window timeline timetable grace pause extension truce".split())
# The look-ahead names each first letter in both cases (none has a third case-blind form): most characters skipped
RESET_WORDS = re.compile(r"(?=[AEFMaefm])\b(?:more(?!\s+than)|another|extra|additional|further)\b", re.IGNORECASE)
RESET_CONTEXT = re.compile(
    r"""
      \bextend(?:s|ed|ing)?\b | \bextension\b                 # "extended the deadline"
    | \bpush(?:es|ed|ing)?[ ]back\b | \bmoved[ ]back\b         # "pushed back that target"
    | \bpostpon\w* | \bdelay(?:s|ed|ing)?\b                    # "postponed the vote"
    | \b(?:another|new|fresh|second|third)[ ]deadline\b        # "set another deadline"
    | \bmore[ ]time\b | \breset\b                              # "gave them more time"
    """,
    re.VERBOSE | re.IGNORECASE,
)


#: The verdicts of ``govern`` that make a phrase a commitment's deadline.
ACCEPTED_VERDICTS = frozenset(
    "future weak expect intent setting ultimatum schedule fronted conditional deadline_noun".split()
)


# Patterns compiled once: each is used once or more for every candidate.
_NEXT_LOWER_WORD = re.compile(r"\s+([a-z]+)")
_HYPHEN_ON = re.compile(r"-\w")
_WORD_AFTER_HYPHEN = re.compile(r"[-\w]*\s+(\w+)")
_NON_SPACE = re.compile(r"\S+")


@attrs.frozen
class Governor:
    """What governs a deadline phrase: a verdict, the word, its token index."""

    verdict: str  # ACCEPTED_VERDICTS | stated, past, forecast, none
    word: str = ""
    index: int = -1

    @property
    def accepted(self) -> bool:
        """True if the governor makes the phrase a commitment's deadline."""
        return self.verdict in ACCEPTED_VERDICTS


def _is_past(tokens: Sequence[Token], i: int) -> bool:
    """True if token ``i`` is a past-tense finite verb ("met", "grounded")."""
    word = tokens[i].lower
    prev = tokens[i - 1].lower if i > 0 else ""
    if word in ("told", "said"):
        return True
    if word in _PRESENT_EED:
        return False  # "the Senate proceed", "they need": "-ed" is not always a past tense
    if word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4 and word.isalpha()):
        # not after "the", "be", "will", "to": an adjective ("the flooded district") or a participle ("be sent")
        if prev in _DETERMINERS or prev in _PRESENT_AUX or prev in _FUTURE or prev == "to":
            return False
        # nor a complement after a passive: "be considered expired", "be deemed passed"
        return not (i > 1 and prev.endswith("ed") and tokens[i - 2].lower in _PRESENT_AUX)
    return False


# Verbs in "-eed" that are not past tenses ("agreed", "freed" are).
_PRESENT_EED = frozenset("proceed proceeds succeed exceed need feed bleed breed speed heed".split())


def _previous_word(tokens: Sequence[Token], i: int) -> int:
    """Index of the word before ``i``, skipping adverbs in -ly."""
    j = i - 1
    while j >= 0 and (tokens[j].lower.endswith("ly") and len(tokens[j].lower) > 4):
        j -= 1
    return j


def govern(sentence: Sentence, match: DeadlineMatch) -> Governor:
    """Read backwards from a deadline phrase to the word that governs it.

    Before reading back: a phrase inside a condition ("if no contract is
    agreed by March 1", "unless ... by Friday") is the deadline of the
    consequence, governed by the main clause's verb; a phrase that a deadline
    noun holds ("the June 30 deadline", "a 48-hour ultimatum", "a deadline of
    ... on Monday") is a deadline whatever the tense of the verb around it.
    """
    tokens = sentence.tokens
    first, last = sentence.token_at(match.start), sentence.token_from(match.end)
    if sentence.may_hold(_FORECAST_WORDS) and _forecast(tokens, first):
        return Governor("forecast", tokens[first - 1].lower if first else "", first - 1)
    conditional = _conditional(sentence, first, last) if sentence.may_hold(_CONDITION_WORDS) else None
    if conditional is not None:
        return conditional
    noun = _deadline_noun(sentence, match, first, last)
    if noun is not None:
        return noun
    if first > 0 and tokens[first - 1].lower == "then":
        return _read_forward(sentence, last)  # "if you don't move, then on Aug. 1, you will ..."
    governor = _read_back(sentence, match, first)
    if governor.verdict == "none" and _headline(sentence):
        return _headline_governor(tokens, first)
    return governor


def _read_back(sentence: Sentence, match: DeadlineMatch, first: int) -> Governor:
    """The nearest word before token ``first`` that says what the phrase is (the rules in docs/extract.md)."""
    tokens = sentence.tokens
    passive: Governor | None = None  # "had been pushed back to March": the participle sets it
    governing = _governing(sentence)  # the words no rule below looks at ("the", "bridge", ",") are passed over
    for i in reversed(governing[bisect_left(governing, first - 30) : bisect_left(governing, first)]):
        tok = tokens[i]
        word = tok.lower
        if word == ";" and _list_item(tokens, i + 1, first):
            continue  # "will travel to New Delhi, India; Colombo, Sri Lanka; ... October 25 – 30": a list of places
        if word in _STOP or word in _DASHES:
            break
        if (word in _FUTURE or word in _WEAK) and i + 1 < first and tokens[i + 1].lower in _ASSERTING:
            continue  # "I can confirm that tomorrow ...": the modal is the speaker's, not the commitment's
        if word in _FUTURE or word.endswith("'ll") or word in ("won't", "shan't"):
            if _counterfactual(tokens, i):
                return Governor("past", word, i)  # "would have stayed open": what did not happen
            return Governor("future", word, i)
        if word in _WEAK:
            return Governor("weak", word, i)
        if word == "to" and i + 1 < first and tokens[i + 1].lower.isalpha() and tokens[i + 1].lower not in _DETERMINERS:
            g = _previous_word(tokens, i)
            governor = tokens[g].lower if g >= 0 else ""
            if governor in _NOT_INTENT:
                return Governor("forecast", governor, g)
            if governor in _INTENT:
                return Governor("intent", governor, g)
            if _headline(sentence) and g >= 0 and tokens[g].text[:1].isupper():
                return Governor("intent", "to", i)  # "Minister to unveil plan by June"
            continue  # a preposition ("returned to normal") or an object's verb
        if word in _HAVE and i == first - 1 and match.text.lower().startswith(("until", "till")):
            return Governor("ultimatum", word, i)
        if word in _SCHEDULE and i > 0 and _auxiliary_before(tokens, i):
            return Governor("schedule", word, i)
        if word in _EXPECT:
            return Governor("expect", word, i)  # "she expected a vote before Thanksgiving"
        if word in _SCHEDULE_PRESENT:
            return Governor("schedule", word, i)  # "arrives in Honolulu on October 27": a schedule
        if (
            (word in _SETTING or word in _SPEECH_ONLY)
            and i > 0
            and tokens[i - 1].lower in _PRESENT_AUX | _FUTURE | {"to"}
        ):
            if word in _RESETTING and passive is None:
                passive = Governor("setting", word, i)
            continue  # "would be announced", "to set": part of a verb group read further back
        if word == "order" and i > 0 and tokens[i - 1].lower == "in":
            continue  # "in order to"
        if word in _DEADLINE_NOUN_WORDS and i == first - 1 and not _said_day(match):
            # "set another deadline in early August", "a new target in 2019": its date; the verb that set it
            for k in range(i - 1, max(-1, i - 5), -1):
                if tokens[k].lower in _SETTING or tokens[k].lower in _ISSUING:
                    return Governor("setting", tokens[k].lower, k)
            return Governor("setting", word, i)
        if word in _SETTING:
            if first - i <= 4 and _point(match):
                return passive or Governor("stated", word, i)  # "vowed on Tuesday": when it was said
            return Governor("setting", word, i)
        if word in _SPEECH_ONLY:
            return passive or Governor("stated", word, i)
        if _is_past(tokens, i):
            return passive or Governor("past", word, i)
    if passive is not None:
        return passive
    return _read_forward(sentence, sentence.token_from(match.end))


@per_sentence
def _governing(sentence: Sentence) -> list[int]:
    """The indices of the sentence's tokens that a rule of ``_read_back`` or ``_read_forward`` looks at, in
    order: found once for the sentence, not once for each phrase in it."""
    return [i for i, token in enumerate(sentence.tokens) if _GOVERNS[token.lower]]


def can_govern(sentence: Sentence) -> bool:
    """False when no word of ``sentence`` can make ``govern`` accept a phrase in it: every verdict it accepts
    comes from a word ``_governing`` keeps (a modal, "to", a setting verb, a deadline noun, "-'ll", a threat
    after "if"). A consent request's own rule (``Fallback.senate_order``) is the caller's.

    >>> from ledger.core.text import split_sentences
    >>> can_govern(split_sentences("Within two weeks, case 1.")[0]), can_govern(split_sentences("We will act.")[0])
    (False, True)
    """
    return bool(_governing(sentence))


def _list_item(tokens: Sequence[Token], start: int, stop: int) -> bool:
    """True when tokens start..stop are capitalised names, commas and "and": a list item, not a clause."""
    words = [t for t in tokens[start:stop] if t.text not in (",", ";")]
    return bool(words) and all(t.text[:1].isupper() or t.lower == "and" for t in words)


# Verbs after a modal that assert rather than commit: "I can confirm", "I will tell you".
_ASSERTING = frozenset("confirm say tell report add note repeat assure guarantee".split())


def _read_forward(sentence: Sentence, last: int) -> Governor:
    """What governs a phrase that nothing before it governs: the verb after it.

    A phrase in the sentence's opening adverbial ("Within two weeks, we will
    ...", "In Kyoto on June 26-28, Secretary Rice will attend ...", "tomorrow
    President Trump will travel") is a deadline only if a future verb (or a
    schedule's present, "begins") follows it before any past one.
    """
    tokens, governing, reach = sentence.tokens, _governing(sentence), 25
    for i in governing[bisect_left(governing, last) : bisect_left(governing, last + reach)]:
        word = tokens[i].lower
        if word in _STOP:
            break
        if word in _FUTURE or word.endswith("'ll") or word in _WEAK:
            return Governor("fronted", word, i)
        if word in _HAVE and i + 1 < len(tokens) and (tokens[i + 1].lower == "been" or _is_past(tokens, i + 1)):
            return Governor("stated", word, i)  # "Today, ... an agreement has been reached": history
        if word in _SCHEDULE_PRESENT:
            return Governor("schedule", word, i)  # "On July 6, Secretary Clinton begins an eight-nation trip"
        if word in SPEECH_VERBS or _is_past(tokens, i) or word in _SETTING:
            return Governor("stated", word, i)
    return Governor("none")


# Verbs that schedule in the present tense: "Secretary Clinton arrives in Honolulu on October 27".
_SCHEDULE_PRESENT = frozenset(
    """arrives departs travels returns visits leaves begins starts opens meets hosts heads
    convenes reconvenes concludes""".split()
)


def _auxiliary_before(tokens: Sequence[Token], i: int) -> bool:
    """True if "is", "are", "was" or "were" stands before token i, perhaps with an adverb ("are now due")."""
    k = i - 1
    if k > 0 and (tokens[k].lower in ("now", "still", "also", "already") or tokens[k].lower.endswith("ly")):
        k -= 1
    return tokens[k].lower in _PRESENT_AUX | {"was", "were"}


def _counterfactual(tokens: Sequence[Token], i: int) -> bool:
    """True for "would have stayed", "could have been": a modal, "have" and a participle."""
    if tokens[i].lower == "will" or i + 2 >= len(tokens) or tokens[i + 1].lower != "have":
        return False
    nxt = tokens[i + 2].lower
    return nxt == "been" or nxt in _IRREGULAR_PAST or nxt.endswith(("ed", "en", "ne", "wn"))


# Setting verbs in a past form: "Mr. Trump set another deadline", "gave the rebels 50 days".
_PAST_SETTING = frozenset(
    """set gave granted issued imposed announced extended ordered demanded threatened promised
    pledged vowed delayed postponed pushed moved agreed committed""".split()
)


def past_setting(sentence: Sentence, governor: Governor) -> bool:
    """True when the governing verb set the deadline in the past ("set", not "will set" or "sets")."""
    if governor.index < 0 or governor.word not in _PAST_SETTING:
        return False
    previous = sentence.tokens[governor.index - 1].lower if governor.index > 0 else ""
    return previous not in _FUTURE | _WEAK | _PRESENT_AUX | {"to", "and", "or"} and not previous.endswith("'ll")


def _point(match: DeadlineMatch) -> bool:
    """True for a point in time said with "on", "in", "last", "earlier": after a setting verb, when it was said."""
    said_with = match.text.lower().startswith(("on ", "in ", "last ", "earlier "))
    return said_with and match.window.kind in ("weekday", "date", "span", "holiday")


def _said_day(match: DeadlineMatch) -> bool:
    """True for "on Thursday", "on Oct. 3": after "set a deadline" such a day says when it was set."""
    return match.text.lower().startswith("on ") and match.window.kind in ("weekday", "date")


# Verbs that move a deadline: after "had been" they still set the new one.
_RESETTING = frozenset("pushed moved postponed delayed extended brought set scheduled rescheduled deferred".split())
# Nouns whose date or length is a deadline: "the June 30 deadline", "a 48-hour ultimatum".
_DEADLINE_NOUN_WORDS = frozenset(
    "deadline deadlines ultimatum ultimatums window pause extension grace target timetable timeline".split()
)
_DEADLINE_NOUN_PLAIN = plain_words(_DEADLINE_NOUN_WORDS)  # for Sentence.may_hold

# Verbs of a consequence before "if": "threatened to halt deliveries if ..." (_conditional).
_THREATS = frozenset("threatened threatens threaten warned warns vowed vows pledged promised".split())
# Every word a rule of _read_back or _read_forward looks at, but the "-ed" words (_is_past) and "-'ll":
# any other word is passed over by all of them, so the reads skip it without asking each rule in turn.
# With the threats, every word that can make govern accept a phrase (can_govern).
_GOVERNING_WORDS = (
    _THREATS
    | _STOP
    | _DASHES
    | _FUTURE
    | _WEAK
    | _HAVE
    | _SCHEDULE
    | _EXPECT
    | _SCHEDULE_PRESENT
    | _SETTING
    | SPEECH_VERBS
    | _DEADLINE_NOUN_WORDS
    | _IRREGULAR_PAST
    | frozenset(["to", "order", "won't", "shan't", "told", "said"])
)
_GOVERNS: dict[str, bool] = per_word(
    lambda word: word in _GOVERNING_WORDS or word.endswith(("ed", "'ll"))
)  # for ``_governing``
_CONDITIONS = frozenset("if unless".split())
_CONDITION_WORDS = plain_words(_CONDITIONS)  # a sentence without one has no condition (Sentence.may_hold)
# Verbs after a modal that forecast rather than commit: "cases would peak", "prices will rise".
_FORECAST_VERBS = frozenset(
    """peak peaks rise rises fall falls climb drop decline ease slow grow increase decrease
    worsen improve soar plunge surge slump rebound recover exceed""".split()
)
# A forecast needs one of its verbs or the "or" of "may or may not": a sentence without any is none (may_hold)
_FORECAST_WORDS = plain_words(_FORECAST_VERBS | {"or"})


def _forecast(tokens: Sequence[Token], first: int) -> bool:
    """True when a modal before the phrase heads a forecast ("would peak", "may or may not").

    Looks back over at most eight words, through adverbs ("would probably peak").
    """
    for i in range(first - 1, max(-1, first - 9), -1):
        word = tokens[i].lower
        if word in _STOP or word in _DASHES or tokens[i].text == ",":
            return False
        if word in _FUTURE or word in _WEAK:
            if word in _WEAK and (
                (i + 3 < len(tokens) and tokens[i + 1].lower == "or" and tokens[i + 3].lower == "not")
                or (i > 1 and tokens[i - 1].lower == "or" and tokens[i - 2].lower in _WEAK)
            ):
                return True  # "may or may not take place"
            k = i + 1
            while k < first and tokens[k].lower.endswith("ly") and len(tokens[k].lower) > 4:
                k += 1
            return k < first and tokens[k].lower in _FORECAST_VERBS
    return False


def _conditional(sentence: Sentence, first: int, last: int) -> Governor | None:
    """The main clause's verb when the phrase sits in an "if" or "unless" condition, else None.

    "would walk out if no contract was agreed by March 1" -> "would";
    "If the talks fail within 30 days, we will ..." -> "will" after the
    condition; "threatened to halt deliveries if ..." -> "threatened".
    """
    tokens = sentence.tokens
    cond = None
    for i in range(first - 1, max(-1, first - 16), -1):
        word = tokens[i].lower
        if word in _STOP or word in _DASHES or tokens[i].text in ('"', "\u201c", "\u201d"):
            return None
        if word in _CONDITIONS:
            cond = i
            break
        if tokens[i].text == "," and i < first - 1 and tokens[i + 1].lower not in ("which", "who"):
            return None
    if cond is None:
        return None
    # The consequence before the condition: "would walk out if ...".
    for i in range(cond - 1, max(-1, cond - 16), -1):
        word = tokens[i].lower
        if word in _STOP or word in _DASHES:
            break
        if word in _FUTURE or word.endswith("'ll") or word in _WEAK:
            return Governor("conditional", word, i)
        if word in _THREATS:
            return Governor("conditional", word, i)
        if word in SPEECH_VERBS or (word == "that" and i < cond - 1):
            break
    # Or after it: "If ... by Friday, the army will resume ...".
    for i in range(last, min(len(tokens), last + 16)):
        word = tokens[i].lower
        if word in _STOP:
            break
        if word in _FUTURE or word.endswith("'ll") or word in _WEAK:
            return Governor("conditional", word, i)
    return None


def _deadline_noun(sentence: Sentence, match: DeadlineMatch, first: int, last: int) -> Governor | None:
    """A deadline noun that holds the phrase, and the verb that set it, else None.

    "ahead of a Thursday deadline", "the June 30 deadline would be met", "a
    48-hour ultimatum", "a deadline of 17:00 London time on Monday". The
    governor's index is the verb that set the deadline when there is one
    (for its subject), else the noun.
    """
    if not sentence.may_hold(_DEADLINE_NOUN_PLAIN):
        return None  # no deadline noun anywhere in the sentence: none holds the phrase, no walk to look for one
    tokens = sentence.tokens
    noun = None
    if last < len(tokens) and tokens[last].lower in _DEADLINE_NOUN_WORDS:
        noun = last
    elif not _said_day(match):
        for i in range(first - 1, max(-1, first - 6), -1):
            word = tokens[i].lower
            if word in _DEADLINE_NOUN_WORDS and i + 1 < len(tokens) and tokens[i + 1].lower in ("of", "for"):
                noun = i
                break
            if word in _STOP or (tokens[i].is_word and _is_past(tokens, i)) or word in _FUTURE:
                break
    if noun is None:
        return None
    # "set by Labour Minister Ruth Kagame": the setter follows.
    after = noun + 1
    if (
        after + 1 < len(tokens)
        and tokens[after].lower in ("set", "imposed", "given")
        and tokens[after + 1].lower == "by"
    ):
        return Governor("deadline_noun", "by", after + 1)
    # "the February 1 deadline that President Trump put into place": the setter's verb follows
    if after < len(tokens) and tokens[after].lower in ("that", "which"):
        for k in range(after + 1, min(len(tokens), after + 7)):
            if tokens[k].lower in _SETTING or tokens[k].lower in _ISSUING or tokens[k].lower == "put":
                return Governor("deadline_noun", tokens[k].lower, k)
    for i in range(min(first, noun) - 1, max(-1, min(first, noun) - 8), -1):
        word = tokens[i].lower
        if word in _STOP or word in _DASHES:
            break
        if word in _SETTING or word in _ISSUING or word in _FUTURE or word in _WEAK:
            return Governor("deadline_noun", word, i)
    return Governor("deadline_noun", tokens[noun].lower, noun)


_ISSUING = frozenset(
    "issued issue issues imposed impose imposes announced announce announces met meet miss missed".split()
)


def _headline(sentence: Sentence) -> bool:
    """True for a headline or a deck: one short line without a full stop."""
    text = sentence.text.rstrip()
    return "\n" not in text and not text.endswith((".", "!", "?", '"', "\u201d")) and len(sentence.tokens) <= 16


def _headline_governor(tokens: Sequence[Token], first: int) -> Governor:
    """ "Minister to unveil housing plan by June": "to" after a name is the headline's future."""
    for i in range(first - 1, -1, -1):
        if tokens[i].lower == "to" and i > 0 and tokens[i - 1].text[:1].isupper():
            return Governor("intent", "to", i)
    return Governor("none")


# Capitalised words after a holiday that make it part of an event's name, not a time ("Easter Sunday" is a time).
_EVENT_NAMED_FOR_A_HOLIDAY = re.compile(
    r" (?!(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Eve|Day|Week|Weekend|Break|Holidays?|Season)\b)"
    r"[A-Z][a-z]+"
)


def not_a_deadline(text: str, sentence: Sentence, match: DeadlineMatch) -> str | None:
    """Why a phrase is a length or a label rather than a deadline, or None."""
    ordinal, year_alone, hyphened = phrase_forms(match.text)
    if ordinal:
        return "ordinal"  # "the first relief checks": an ordinal, not the 1st of a month
    end = match.end
    # the words after the phrase read in place (a pattern's end position is where a slice would end)
    if year_alone and (label := _NEXT_LOWER_WORD.match(text, end, end + 30)) and label.group(1) not in _NOT_NOUNS:
        return "label"  # "its 2016 elections", "the 2026 budget": a year that names something
    kind = match.window.kind
    if kind == "holiday" and _EVENT_NAMED_FOR_A_HOLIDAY.match(text, end):
        return "label"  # "the White House Easter Egg Roll", "the Christmas Tree Lighting": an event's name
    if hyphened or _HYPHEN_ON.match(text, end, end + 20):
        following = _WORD_AFTER_HYPHEN.match(text, end, end + 20)
        if not (following and following.group(1).lower() in _DEADLINE_NOUNS):
            return "adjective"  # "a ninety-minute call", "a decade-long dispute"
    if kind != "duration":
        return None  # what follows is all about lengths
    words = last_words(text, sentence.start, match.start)  # read only where a length's rules need it
    if words and words[-1] in ("for", "of") and not RESET_WORDS.search(match.text):
        return "how_long"  # "closed for two weeks", "a call of more than two hours"
    phrase = match.text.lower()
    if (phrase.startswith("in ") or words[-1:] == ["in"]) and any(w in _SUPERLATIVES for w in words):
        return "idiom"  # "the lowest level in two years"
    if phrase.startswith("for ") and not RESET_WORDS.search(match.text):
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


@functools.lru_cache(maxsize=4096)
def read_window(phrase: str, stated_on: date, policy: DeadlinePolicy) -> DueWindow | None:
    """``parse_deadline``'s window for a phrase, or None where it refuses the phrase.

    Remembered: the reader is pure given the phrase, the day and the policy,
    and an article says the same phrase again and again (each try of a
    phrase that is refused cost a plan of what to set aside).

    >>> from ledger.deadlines import DEFAULT_POLICY
    >>> read_window("within two weeks", date(2025, 10, 16), DEFAULT_POLICY).due
    datetime.date(2025, 10, 30)
    >>> read_window("two weeks ago", date(2025, 10, 16), DEFAULT_POLICY) is None
    True
    """
    try:
        return parse_deadline(phrase, stated_on, policy=policy)
    except DeadlineError:
        return None


def _rematch(text: str, start: int, end: int, stated_on: date, policy: DeadlinePolicy) -> DeadlineMatch | None:
    window = read_window(text[start:end], stated_on, policy)
    if window is None:
        return None
    return DeadlineMatch(start=start, end=end, text=text[start:end], window=window)


def trim_phrase(text: str, match: DeadlineMatch, policy: DeadlinePolicy) -> DeadlineMatch:
    """The phrase without leading words of the verb around it ("has until Friday" -> "until Friday")."""
    first = _NON_SPACE.search(match.text)
    if first is None or first.group().lower() not in _PHRASE_JUNK:
        return match  # the usual phrase, whose first word is its own: no list of its words
    words = list(_NON_SPACE.finditer(match.text))
    for k, w in enumerate(words[:-1]):
        if w.group().lower() not in _PHRASE_JUNK:
            break
        nxt = words[k + 1]
        if _LEAD.match(nxt.group()):
            again = _rematch(text, match.start + nxt.start(), match.end, match.window.stated_on, policy)
            if again is not None:
                return again
    return match


def recover_phrases(
    text: str, sentence: Sentence, found: list[DeadlineMatch], published: date, policy: DeadlinePolicy
) -> list[DeadlineMatch]:
    """Deadline phrases right after a verb that sets one, which a general finder may drop.

    ``find_deadlines`` reads any prose and rightly doubts a bare length after a past-tense verb; after
    "gave the rebels", "needed", "had until" that length is the commitment itself.
    """
    out: list[DeadlineMatch] = []
    if not sentence.may_hold(_SETTING_OR_HAVE):
        return out  # no verb that sets a deadline: the sentence's tokens need not be made
    tokens = sentence.tokens
    timed = CLOCK_SAID.search(sentence.text) is not None  # most sentences: no clock to look for at each lead
    # the verbs picked out by a comprehension, not by a loop's test of every token
    for i in [i for i, tok in enumerate(tokens) if tok.lower in _SETTING or tok.lower in _HAVE]:
        for k in range(i + 1, min(len(tokens), i + 5)):
            if not tokens[k].is_word or not _LEAD.match(tokens[k].text):
                continue
            if tokens[k].lower in ("a", "an") and k + 1 < len(tokens) and not _LEAD.match(tokens[k + 1].text):
                continue
            hit = None
            # a clock time takes up to six words before its day ("until 12:01 a.m. eastern daylight time on Aug. 1")
            clock = timed and CLOCK_SAID.search(text, tokens[k].end, tokens[min(len(tokens) - 1, k + 6)].end)
            for last in range(min(len(tokens) - 1, k + 12 if clock else k + 6), k - 1, -1):
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


def subject_before(sentence: Sentence, mentions: list[Mention], index: int) -> Mention | None:
    """The mention right before token ``index`` ("Helix Motors will", "she needed")."""
    at = sentence.tokens[index].start
    m = last_ending_by(mentions, at)
    if m is None:
        return None
    gap = sentence.text[m.end - sentence.start : at - sentence.start]
    # blanks alone (most gaps: "Ruiz will") are a gap the pattern takes: ``\s`` is what ``str.isspace`` takes
    return m if not gap or gap.isspace() or _SUBJECT_GAP.fullmatch(gap) else None


# -- the statement's date ---------------------------------------------------------
