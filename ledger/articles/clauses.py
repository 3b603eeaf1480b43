"""Reading the clause around a deadline phrase: is it a commitment, whose, and in which words.

``govern`` reads back from a phrase to the word that governs it: a future
modal ("will"), an intention ("plans to"), a verb that sets a deadline
("gave ... until") make it a commitment; a past tense, a speech verb ("said
on Monday") or a forecast do not. ``not_a_deadline`` refuses lengths and
labels ("a ninety-minute call"); ``trim_phrase`` and ``recover_phrases`` fix
the phrase's edges after verbs that set deadlines. The rest cut the clause
into what the candidate needs: its subject, the words of the commitment, a
short quote, and a time phrase that dates the statement.

>>> from datetime import date
>>> from ledger.core.text import split_sentences
>>> from ledger.deadlines.find import find_deadlines
>>> text = "Ada Ruiz said the bridge would reopen within two weeks."
>>> match = find_deadlines(text, date(2025, 10, 16))[0]
>>> govern(split_sentences(text)[0], match)
Governor(verdict='future', word='would', index=5)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TypeGuard

import attrs

from ledger.articles.actors import SPEECH_VERBS, Mention
from ledger.articles.stated_time import StatedTime, read_stated_time
from ledger.core.text import Sentence, Token
from ledger.deadlines import DeadlineError, DeadlineMatch, DeadlinePolicy, parse_deadline

__all__ = [
    "Governor",
    "RESET_CONTEXT",
    "RESET_WORDS",
    "clause_start",
    "commitment_text",
    "govern",
    "not_a_deadline",
    "quote",
    "recover_phrases",
    "statement_cue",
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
# A deadline phrase after one of these counts a length of time, not a deadline.
_SUPERLATIVES = frozenset("first lowest highest biggest largest worst best longest most least time".split())
_DEADLINE_NOUNS = frozenset("deadline ultimatum window timeline timetable grace".split())
RESET_WORDS = re.compile(r"\b(?:more|another|extra|additional|further)\b", re.IGNORECASE)
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


@attrs.frozen
class Governor:
    """What governs a deadline phrase: a verdict, the word, its token index."""

    verdict: str  # future, weak, expect, intent, setting, ultimatum, schedule, fronted | stated, past, forecast, none
    word: str = ""
    index: int = -1

    @property
    def accepted(self) -> bool:
        """True if the governor makes the phrase a commitment's deadline."""
        return self.verdict in ("future", "weak", "expect", "intent", "setting", "ultimatum", "schedule", "fronted")


def _is_past(tokens: Sequence[Token], i: int) -> bool:
    """True if token ``i`` is a past-tense finite verb ("met", "grounded")."""
    word = tokens[i].lower
    prev = tokens[i - 1].lower if i > 0 else ""
    if word in ("told", "said"):
        return True
    if word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4 and word.isalpha()):
        # not after "the", "be", "will", "to": an adjective ("the flooded district") or a participle ("be sent")
        return not (prev in _DETERMINERS or prev in _PRESENT_AUX or prev in _FUTURE or prev == "to")
    return False


def _previous_word(tokens: Sequence[Token], i: int) -> int:
    """Index of the word before ``i``, skipping adverbs in -ly."""
    j = i - 1
    while j >= 0 and (tokens[j].lower.endswith("ly") and len(tokens[j].lower) > 4):
        j -= 1
    return j


def govern(sentence: Sentence, match: DeadlineMatch) -> Governor:
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
            continue  # a preposition ("returned to normal") or an object's verb
        if word in _HAVE and i == first - 1 and phrase.startswith(("until", "till")):
            return Governor("ultimatum", word, i)
        if word in _SCHEDULE and i > 0 and tokens[i - 1].lower in _PRESENT_AUX | {"was", "were"}:
            return Governor("schedule", word, i)
        if word in _EXPECT:
            return Governor("expect", word, i)  # "she expected a vote before Thanksgiving"
        if (
            (word in _SETTING or word in _SPEECH_ONLY)
            and i > 0
            and tokens[i - 1].lower in _PRESENT_AUX | _FUTURE | {"to"}
        ):
            continue  # "would be announced", "to set": part of a verb group read further back
        if word in _SETTING:
            if point and first - i <= 4:
                return Governor("stated", word, i)  # "vowed on Tuesday": when it was said
            return Governor("setting", word, i)
        if word in _SPEECH_ONLY:
            return Governor("stated", word, i)
        if _is_past(tokens, i):
            return Governor("past", word, i)
    # Nothing before it: a fronted phrase ("Within two weeks, we will ...")
    # is a deadline only if a future verb follows before any past one.
    before = [t for t in tokens[:first] if t.is_word]
    if not before:
        last = next((i for i, t in enumerate(tokens) if t.start >= match.end), len(tokens))
        for i in range(last, min(len(tokens), last + 12)):
            word = tokens[i].lower
            if word in _FUTURE or word.endswith("'ll") or word in _WEAK:
                return Governor("fronted", word, i)
            if word in SPEECH_VERBS or _is_past(tokens, i) or word in _SETTING:
                return Governor("stated", word, i)
    return Governor("none")


_ORDINAL_ONLY = re.compile(r"(?:the\s+)?(?:first|second|third|fourth|fifth|\d{1,2}(?:st|nd|rd|th))\Z", re.I)


def not_a_deadline(text: str, sentence: Sentence, match: DeadlineMatch) -> str | None:
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
        if words and words[-1] == "for" and not RESET_WORDS.search(match.text):
            return "how_long"  # "closed for two weeks"
        if (match.text.lower().startswith("in ") or words[-1:] == ["in"]) and any(w in _SUPERLATIVES for w in words):
            return "idiom"  # "the lowest level in two years"
    if match.text.lower().startswith("for ") and match.window.kind == "duration" and not RESET_WORDS.search(match.text):
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


def trim_phrase(text: str, match: DeadlineMatch, policy: DeadlinePolicy) -> DeadlineMatch:
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


def recover_phrases(
    text: str, sentence: Sentence, found: list[DeadlineMatch], published: date, policy: DeadlinePolicy
) -> list[DeadlineMatch]:
    """Deadline phrases right after a verb that sets one, which a general finder may drop.

    ``find_deadlines`` reads any prose and rightly doubts a bare length after a
    past-tense verb; after "gave the rebels", "needed", "had until" that
    length is the commitment itself.
    """
    tokens = sentence.tokens
    out: list[DeadlineMatch] = []
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


def subject_before(sentence: Sentence, mentions: list[Mention], index: int) -> Mention | None:
    """The mention right before token ``index`` ("Helix Motors will", "she needed")."""
    at = sentence.tokens[index].start
    before = [m for m in mentions if m.end <= at]
    if not before:
        return None
    m = before[-1]
    gap = sentence.text[m.end - sentence.start : at - sentence.start]
    return m if _SUBJECT_GAP.fullmatch(gap) else None


def usable(m: Mention | None) -> TypeGuard[Mention]:
    """True for a mention of a known, specific actor (not "analysts", not an unresolved "they")."""
    return m is not None and m.entity is not None and not m.generic


# -- the statement's date ---------------------------------------------------------


def statement_cue(
    sentence: Sentence, published: date, marker_at: int, deadlines: list[DeadlineMatch], speech_at: int | None
) -> StatedTime | None:
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


def clause_start(sentence: Sentence, before: int) -> int:
    """Offset where the clause ending at ``before`` starts (after "that", a speech verb or a comma)."""
    start = sentence.start
    tokens = sentence.tokens
    for i, t in enumerate(tokens):
        if t.end > before:
            break
        if t.text in _CLAUSE_MARKS or t.lower in ("that",) or t.lower in SPEECH_VERBS:
            start = t.end
            # "told reporters the summit could...": the addressee is not the clause
            if (
                t.lower in SPEECH_VERBS
                and i + 1 < len(tokens)
                and tokens[i + 1].lower in _ADDRESSEES
                and tokens[i + 1].end <= before
            ):
                start = tokens[i + 1].end
    return start


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:\"'\u201c\u201d\u2018\u2019")
    text = re.sub(r"^(?:that|to)\s+", "", text, flags=re.I)
    return text[:1].upper() + text[1:] if text else text


def commitment_text(sentence: Sentence, start: int, match: DeadlineMatch) -> str:
    """The clause that says what will happen, without its deadline phrase."""
    end = _clause_end(sentence, match.end)
    s0 = sentence.start
    head = sentence.text[start - s0 : max(start, match.start) - s0]
    tail = sentence.text[match.end - s0 : end - s0] if end > match.end else ""
    head = _LEADS.sub("", head)
    text = _tidy(f"{head} {tail}")
    return text or _tidy(sentence.text)


def quote(sentence: Sentence, start: int, match: DeadlineMatch) -> str:
    """The short fragment of the sentence that holds the deadline (at most 16 words)."""
    s0 = sentence.start
    fragment = sentence.text[start - s0 : match.end - s0]
    words = fragment.split()
    if len(words) > 16:
        fragment = " ".join(words[-16:])
    return " ".join(fragment.split()).strip(" ,;:\"'\u201c\u201d") or match.text
