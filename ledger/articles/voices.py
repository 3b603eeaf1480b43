"""Who speaks when a sentence names nobody: transcript labels, the issuer, the sitting President.

Official documents often never name the one who commits: a briefing
transcript gives its speakers as labels ("MS. LEAVITT:", "Mr. REID.",
"THE PRESIDENT:"), a White House schedule says "the President will ...", a
State Department media note speaks for the Department. ``Voices`` reads
these once per document, and ``fallback`` gives, for a sentence, the actor
they point to, from the strongest evidence down:

1. the speaker label in force at the sentence (a transcript), for "I"/"we";
2. "the President" never named in the text: the sitting US President on the
   day said, from :data:`PRESIDENTS` (a table of public, dated facts);
3. the document's issuer (a White House release speaks for the President,
   an Office of the Spokesperson release for the State Department);
4. nobody: the candidate is still proposed, with actor ``UNKNOWN_ACTOR``.

>>> from datetime import date
>>> sitting_president(date(2017, 1, 23))
'Donald Trump'
>>> voices = read_voices("MS. LEAVITT: We will announce it tomorrow.\\n\\nQ: When?", date(2025, 6, 19))
>>> voices.label_at(20), voices.label_at(50)
('Leavitt', None)
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from datetime import date
from itertools import islice
from typing import NamedTuple

from ledger.articles.actors import SPEECH_VERBS, Mention
from ledger.core.text import Sentence, Token, plain_words

__all__ = [
    "NEWS_AGENCIES",
    "PRESIDENTS",
    "UNKNOWN_ACTOR",
    "Fallback",
    "Voices",
    "read_voices",
    "reporter",
    "sitting_president",
    "speaker",
]

#: The actor written for a candidate whose actor the text does not give (never dropped silently).
UNKNOWN_ACTOR = "unknown"

#: Presidents of the United States and the day each took office (public facts:
#: https://www.archives.gov/presidential-libraries/about/presidents and
#: https://history.house.gov/Institution/Presidents-Coinciding/Presidents-Coinciding/).
#: A term runs from its inauguration to the next one.
PRESIDENTS: tuple[tuple[date, str], ...] = (
    (date(1993, 1, 20), "Bill Clinton"),
    (date(2001, 1, 20), "George W. Bush"),
    (date(2009, 1, 20), "Barack Obama"),
    (date(2017, 1, 20), "Donald Trump"),
    (date(2021, 1, 20), "Joe Biden"),
    (date(2025, 1, 20), "Donald Trump"),
)


# Patterns compiled once: each is used once or more for every candidate.
_GAP_WORD = re.compile(r"[A-Za-z0-9']+")


def sitting_president(day: date) -> str | None:
    """The US President in office on ``day``, or None before the table starts.

    >>> sitting_president(date(2021, 1, 19)), sitting_president(date(2021, 1, 20))
    ('Donald Trump', 'Joe Biden')
    """
    at = bisect_right([start for start, _ in PRESIDENTS], day)
    return PRESIDENTS[at - 1][1] if at else None


# A speaker label opens a paragraph: "MS. LEAVITT:", "THE PRESIDENT:", "Q:" or "Q " in a
# transcript; "Mr. REID." in the Congressional Record (surname in capitals).
_LABEL = re.compile(
    r"""(?:^|\n|(?<!\s)\s{2,})  # a run of white space tried from its start only: linear on a page of blanks
    (?P<label>
        (?:MR|MS|MRS|DR|SECRETARY|SENATOR|GENERAL|ADMIRAL|AMBASSADOR)\.?\s+(?P<surname>[A-Z][A-Z'\u2019-]+(?:\s[A-Z][A-Z'\u2019-]+)?)
      | (?:Mr|Ms|Mrs)\.\s+(?P<record>[A-Z][A-Z'\u2019-]{1,})
      | (?P<president>THE\ PRESIDENT)
      | (?P<question>Q|QUESTION)
      | (?P<titled>[A-Z][A-Z.'\u2019-]*(?:\ [A-Z][A-Z.'\u2019-]*){1,7})(?=:)
    )
    (?:\s*:|\.(?=\s)|(?<=Q)\s+(?=[A-Z]))""",
    re.VERBOSE,
)

# ``_LABEL`` past the text's start, where only its white space may open a label: the same pattern begun with
# the white space it needs (a newline, or a run of two or more after a non-space), so the search skips the
# characters that cannot open one in C instead of trying the whole pattern at each (a third of the time).
_LABEL_AFTER_START = re.compile(
    _LABEL.pattern.replace(r"(?:^|\n|(?<!\s)\s{2,})", r"\s(?:(?<=\n)|(?<!\s\s)\s+)", 1), re.VERBOSE
)
assert _LABEL_AFTER_START.pattern != _LABEL.pattern


def _labels(text: str) -> list[re.Match]:
    """``list(_LABEL.finditer(text))``, found faster: the match at the start, then ``_LABEL_AFTER_START``'s.

    >>> [m.group("label") for m in _labels("MS. LEAVITT: Yes.\\nQ: When?  MR. KIRBY: Soon.")]
    ['MS. LEAVITT', 'Q', 'MR. KIRBY']
    """
    first = _LABEL.match(text)
    if first is None:
        return list(_LABEL_AFTER_START.finditer(text))
    return [first, *_LABEL_AFTER_START.finditer(text, first.end())]


# The last word of a capitalised label that names a role, not a person.
_UNNAMED_LABELS = frozenset("OFFICIAL OFFICIALS MODERATOR OPERATOR PARTICIPANT SPEAKER STAFF AIDE".split())
# The issuer, read from the first lines of a release.
_WHITE_HOUSE = re.compile(r"\bTHE WHITE HOUSE\b|\bOffice of the Press Secretary\b|\bThe White House\b")
_STATE = re.compile(r"\bOffice of the Spokesperson\b|\bU\.S\. DEPARTMENT OF STATE\b")
# The Senate floor addresses the chair as "Mr. President", the House floor as "Mr. Speaker".
_SENATE_FLOOR = re.compile(r"\b(?:Mr\.|Madam) President,")
_HOUSE_FLOOR = re.compile(r"\b(?:Mr\.|Madam) Speaker,")
_MESSAGE_FROM_PRESIDENT = re.compile(
    r"\b(?:message|letter|statement|words)\s+(?:\w+\s+){0,2}from\s+the\s+President\b(?!\s+of\b)"
)
# A request, or its continuation in the next sentence ("Further, that ... the Senate reconvene ...").
_CONSENT = re.compile(r"\bunanimous consent that\b", re.IGNORECASE)
# The same, opening with its first letter case-blind by hand (only "u" and "U" are that letter case-blind) and
# with no word character before it, for ``\b``: a pattern that opens with a letter is searched for in C.
_CONSENT_ANYWHERE = re.compile(r"[uU](?<!\w[uU])(?i:nanimous consent that)\b")
_CONSENT_GOES_ON = re.compile(r"\s*(?:Further|Finally|Also),?\s+that\b", re.IGNORECASE)  # at the start only
# The first verb of a release's opening: the first lower-case word that is not a function word.
_FIRST_VERB = re.compile(r"(?<![\w.])(?!(?:of|the|and|for|on|in|at|to|de|du)\b)[a-z]+\b")
# "the President" as a bare title, and a man the text names by honorific: if only the first, "he" is the President.
_BARE_PRESIDENT = re.compile(r"\b[Tt]he [Pp]resident\b(?!\s+[A-Z])")
# (``\bM`` as "M" with no word character before it: a pattern that opens with a letter is searched for in C)
_NAMED_MAN = re.compile(r"M(?<!\wM)r\.?\s+[A-Z][a-z]|P(?<!\wP)resident\s+[A-Z][a-z]")
# A request refused on the floor: "Mr. DASCHLE. I object." "Objection is heard."
_OBJECTION = re.compile(r"\bI object\b|\bObjection is heard\b|\bthere is objection\b", re.IGNORECASE)
_AFTER_ANY_END = 1 << 62  # sorts after every paragraph end: bisects the (start, end, body) triples by start
_ISSUER_REACH = 400  # characters: the masthead of a release, not a mention in its body
# The words one of which every body _BODY_NOW finds holds: a paragraph without one is passed over.
_BODY_WORDS = tuple(
    "Administration administration Department Government government Agency Service Office Commission Bureau "
    "Ministry Authority Board Council".split()
)


def _names_a_body(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` holds a word of ``_BODY_WORDS`` (a plain find each: faster than a pattern)."""
    return any(text.find(word, start, end) >= 0 for word in _BODY_WORDS)


# A government body as the subject of a verb in the present or future: "the State Department is working".
_BODY_NOW = re.compile(
    r"""\b(?:[Tt]he\s+)?
    (?P<body>(?:[A-Z][\w.]*\s+){0,3}
        (?:[Aa]dministration|Department|[Gg]overnment|Agency|Service|Office|Commission|Bureau|Ministry|Authority
        |Board|Council)
        (?:\s+of(?:\s+the)?(?:\s+[A-Z]\w+){1,3})?)
    \s+(?:now\s+|also\s+|still\s+)?(?:is|continues|remains|will|intends|plans|has\s+(?:been|begun|started))\b""",
    re.VERBOSE,
)


class Fallback(NamedTuple):
    """For one sentence: the caller's default actor, the speaker label in force, the issuer, the President."""

    default: str | None = None
    label: str | None = None
    issuer: str | None = None
    president: str | None = None
    consent_at: int | None = None  # where "unanimous consent that" ends: the Senate orders what follows
    message_at: int | None = None  # where "a message ... from the President" ends: its "I" is the President
    he_is_president: bool = False  # the document speaks of "the President" and names no man
    body: str | None = None  # the government body this paragraph's voice speaks for: its "we"
    refused: bool = False  # the sentence asks unanimous consent and an objection follows: nobody is bound

    def senate_order(self, offset: int) -> bool:
        """True for a phrase inside a unanimous consent request ("I ask unanimous consent that ...")."""
        return self.consent_at is not None and offset >= self.consent_at

    def in_presidents_message(self, offset: int) -> bool:
        """True for a phrase after "a message (directly) from the President" in the same sentence."""
        return self.message_at is not None and offset >= self.message_at and self.president is not None


class Voices(NamedTuple):
    """A document's speaker labels (offset, name; None for a reporter's question) and its issuer."""

    starts: tuple[int, ...]
    names: tuple[str | None, ...]
    issuer: str | None
    president: str | None
    he_is_president: bool = False
    spans: tuple[tuple[int, int], ...] = ()  # where the labels are: furniture, never a mention
    bodies: tuple[tuple[int, int, str], ...] = ()  # paragraphs (start, end) and the body each speaks for
    requests: tuple[int, ...] = ()  # where each unanimous consent request starts
    objections: tuple[int, ...] = ()  # where each "I object", "Objection is heard" starts

    def label_at(self, offset: int) -> str | None:
        """The speaker whose label is in force at ``offset``, or None (no label yet, or a question)."""
        at = bisect_right(self.starts, offset)
        return self.names[at - 1] if at else None

    def at(self, sentence: Sentence, default: str | None, titled_president: str | None = None) -> Fallback:
        """What ``sentence`` falls back on when it names no actor.

        ``titled_president`` is the person the text has called "President" so
        far, if any: "the President" is then that person, not the sitting
        US President.
        """
        consent = _consent(sentence.text)
        refused = consent is not None and self._objected(sentence.end)
        consent_at = sentence.start + consent.end() if consent and not refused else None
        # Each pattern only where the words it needs are: case-blind patterns cost a look at every character
        text = sentence.text
        message = _MESSAGE_FROM_PRESIDENT.search(text) if "President" in text and "from" in text else None
        message_at = sentence.start + message.end() if message else None
        starts = self.starts
        label = None
        if starts:  # ``self.label_at(sentence.start)`` without its call: a transcript asks it for every sentence
            k = bisect_right(starts, sentence.start)
            label = self.names[k - 1] if k else None
        president = titled_president or self.president
        body = self.body_at(sentence.start) if self.bodies else None
        # tuple.__new__ straight away: Fallback's own __new__ is a Python call, made for every sentence
        return tuple.__new__(
            Fallback,
            (default, label, self.issuer, president, consent_at, message_at, self.he_is_president, body, refused),
        )

    def body_at(self, offset: int) -> str | None:
        """The body the paragraph at ``offset`` speaks for, if any (the paragraphs are in order and apart)."""
        k = bisect_right(self.bodies, (offset, _AFTER_ANY_END)) - 1
        if k >= 0 and self.bodies[k][0] <= offset < self.bodies[k][1]:
            return self.bodies[k][2]
        return None

    def _objected(self, after: int) -> bool:
        """True when an objection follows ``after`` before the next request: refused, it binds nobody."""
        k = bisect_left(self.requests, after)
        until = self.requests[k] if k < len(self.requests) else None
        o = bisect_left(self.objections, after)
        return o < len(self.objections) and (until is None or self.objections[o] < until)

    def with_opening(self, sentence: Sentence, mentions: list[Mention]) -> Voices:
        """The issuer of a release that has no masthead: the organisation its first sentence opens with.

        "The IRS has postponed ...", "The U.S. Department of Agriculture
        (USDA) Agricultural Marketing Service (AMS) is providing ...": the
        last organisation named before the first verb.
        """
        if self.issuer is not None or self.starts:
            return self
        verb = _FIRST_VERB.search(sentence.text)
        if verb is None:
            return self
        at = sentence.start + verb.start()
        orgs = [m.entity.name for m in mentions if m.end <= at and m.entity is not None and m.entity.kind == "org"]
        return self._replace(issuer=orgs[-1]) if orgs else self


# "unanimous consent", case-blind, opening with its first letter as ``_CONSENT_ANYWHERE`` does
_REQUEST = re.compile(r"[uU](?<!\w[uU])(?i:nanimous consent)\b")


def _consent(text: str) -> re.Match | None:
    """Where a sentence asks unanimous consent ("I ask unanimous consent that") or goes on with one ("Further,
    that"), else None: the leftmost of the two patterns, the second tried at the start only (it is anchored).

    The first is looked for only in a sentence that holds "nan" in lower case, the second only in one that holds
    "that": case-blind, only "n", "N", "a", "A", "t", "T", "h" and "H" match those letters ("s" matches a long s,
    "i" a dotless i, "k" the Kelvin sign: not these).

    >>> _consent("Further, that the Senate adjourn.").end(), _consent("I ask Unanimous Consent that we go.").end()
    (13, 28)
    """
    lowered = text.lower()
    if "nan" in lowered:
        return _CONSENT.match(text) or _CONSENT_GOES_ON.match(text) or _CONSENT_ANYWHERE.search(text, 1)
    # "that" the same way: only "t", "T", "h", "H", "a" and "A" match its letters case-blind
    return _CONSENT_GOES_ON.match(text) if "that" in lowered else None


def read_voices(text: str, said_on: date) -> Voices:
    """The speaker labels of a transcript, and who issued the document, for ``text`` said on ``said_on``."""
    president = sitting_president(said_on)
    starts: list[int] = []
    names: list[str | None] = []
    spans: list[tuple[int, int]] = []
    for m in _labels(text):
        # every group at once: a transcript has a label a line, and each call to the match costs
        question, titled, said_president, surname, record = m.group(
            "question", "titled", "president", "surname", "record"
        )
        surname = surname or record
        if question:
            name = None
        elif titled:
            # "PRESS SECRETARY JOHN F. KIRBY:" is Kirby; "SENIOR STATE DEPARTMENT OFFICIAL:" is nobody named
            last = titled.split()[-1]
            name = None if last in _UNNAMED_LABELS else last.capitalize()
        elif said_president:
            name = president
        elif surname:
            words = surname.split()
            name = words[0].capitalize() if len(words) == 1 else " ".join([w.capitalize() for w in words])
        else:
            continue
        span = m.span("label")
        starts.append(span[0])
        names.append(name)
        spans.append(span)
    head = text[:_ISSUER_REACH]
    issuer: str | None = None
    if _WHITE_HOUSE.search(head):
        issuer = president
    elif _STATE.search(head):
        issuer = "State Department"
    # Each pattern only where the words it needs are: a pattern that is not there is looked for everywhere
    elif "President," in text and _SENATE_FLOOR.search(text):
        issuer = "Senate"
    elif "Speaker," in text and _HOUSE_FLOOR.search(text):
        issuer = "House of Representatives"
    he_is_president = "resident" in text and bool(_BARE_PRESIDENT.search(text)) and not _NAMED_MAN.search(text)
    lowered = text.lower()  # what a case-blind match needs: no other letter lowers to "n", "a", "b", ... (see _consent)
    requests = tuple(m.start() for m in _REQUEST.finditer(text)) if "nan" in lowered else ()
    objections = tuple(m.start() for m in _OBJECTION.finditer(text)) if "bject" in lowered else ()
    return Voices(
        tuple(starts),
        tuple(names),
        issuer,
        president,
        he_is_president,
        tuple(spans),
        _bodies(text),
        requests,
        objections,
    )


def _bodies(text: str) -> tuple[tuple[int, int, str], ...]:
    """Each paragraph that names a government body acting now, with that body: who its "we" is.

    "The Biden administration continues to deliver ... By Saturday, we will
    have shipped ...", "We'll continue to provide updates ... the State
    Department is working with ...": a spokesperson's "we" is the body the
    paragraph speaks of in the present, not the spokesperson. A body told in
    the past ("the House passed") is another's act, not the voice's.
    """
    found = []
    if not _names_a_body(text, 0, len(text)):
        return ()  # no word that names a body: no paragraph to read
    for paragraph in re.finditer(r"[^\n]+(?:\n(?![^\S\n]*\n)[^\n]*)*", text):
        if not _names_a_body(text, paragraph.start(), paragraph.end()):
            continue
        for body in _BODY_NOW.finditer(paragraph.group()):
            words = body.group("body").split()
            if words[0] in ("The", "This", "That", "Our", "Your"):
                words = words[1:]
            if len(words) >= 2:  # "the Department is": which one, the text does not say here
                found.append((paragraph.start(), paragraph.end(), " ".join(words)))
                break
    return tuple(found)


_SPEECH_OR_ACCORDING_WORDS = SPEECH_VERBS | {"according"}
_SPEECH_OR_ACCORDING = plain_words(_SPEECH_OR_ACCORDING_WORDS)


def speaker(sentence: Sentence, mentions: list[Mention]) -> tuple[Mention | None, Token | None]:
    """The mention a speech verb attributes this sentence to, and the verb.

    Three forms: "X said" (with an appositive or an adverb between),
    "said X" (inverted, after a quote), and "according to X".
    """
    if not sentence.may_hold(_SPEECH_OR_ACCORDING):
        return None, None  # no speech verb: the sentence's tokens need not be made
    tokens = sentence.tokens
    # only the speech verbs and "according": the walk below passes over every other token (a comprehension
    # finds them at a fraction of a loop's cost a token)
    for i in [i for i, tok in enumerate(tokens) if tok.lower in _SPEECH_OR_ACCORDING_WORDS]:
        tok = tokens[i]
        word = tok.lower
        if word == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
            k = bisect_left(mentions, tokens[i + 1].end, key=_start)
            if k < len(mentions) and _gap_words(sentence, tokens[i + 1].end, mentions[k].start) <= 1:
                return mentions[k], tok
        if word not in SPEECH_VERBS:
            continue
        before = _last_before(mentions, tok.start)
        for subject in reversed(before):
            # "Yuri Ushakov, a foreign policy aide to Mr. Putin, told": the name, not the one in its appositive
            gap = sentence.text[subject.end - sentence.start : tok.start - sentence.start]
            if subject.how == "name" and _DESCRIBING_GAP.fullmatch(gap):
                return subject, tok
        for subject in reversed(before):
            gap = sentence.text[subject.end - sentence.start : tok.start - sentence.start]
            if _ADVERBS_GAP.fullmatch(gap) or _APPOSITIVE_GAP.fullmatch(gap):
                return subject, tok
        first = next(
            (m for m in islice(mentions, bisect_left(mentions, tok.end, key=_start), None) if not reporter(m)), None
        )
        # Inverted only after a quote or a comma: '"...," said Luca Ferri'.
        if (
            first is not None
            and _gap_words(sentence, tok.end, first.start) <= 1
            and _last_marks(sentence.text, tok.start - sentence.start).endswith((",", '"', "\u201d", ",\u201d", ',"'))
        ):
            return first, tok
    return None, None


def _start(mention: Mention) -> int:
    return mention.start


def _last_before(mentions: list[Mention], at: int) -> list[Mention]:
    """The last three mentions (in order) that end by ``at`` and are no news agency: read back from ``at``, not
    over every mention (they are in order of their starts; one that ends by ``at`` starts before it)."""
    found: list[Mention] = []
    for k in range(bisect_left(mentions, at, key=_start) - 1, -1, -1):
        m = mentions[k]
        if m.end <= at and not reporter(m):
            found.append(m)
            if len(found) == 3:
                break
    return found[::-1]


def _last_marks(text: str, end: int) -> str:
    """The last two characters of ``text[:end].rstrip()``, without copying all of it."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[max(0, end - 2) : end]


# What may stand between a subject and its speech verb: adverbs, an
# auxiliary, a closing comma ("Her rival, Senator Mark Ellis, said"), or a
# whole appositive ("Jonas Berg, the energy minister, said").
_ADVERBS_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:\w+ly|also|later|again|then|still|has|had|have|previously|once|now)\s+)*")
_APPOSITIVE_GAP = re.compile(r",[^,]{1,60},\s*(?:\w+ly\s+)?")
_DESCRIBING_GAP = re.compile(r",\s(?:a|an|the|its|his|her|their)\s[^,]{1,60},\s*(?:\w+ly\s+)?")


def _gap_words(sentence: Sentence, a: int, b: int) -> int:
    return len(_GAP_WORD.findall(sentence.text, a - sentence.start, b - sentence.start))


#: News organisations: they report commitments, they never make them.
NEWS_AGENCIES = frozenset(
    """reuters bloomberg ap afp xinhua tass interfax ria novosti kyodo yonhap dpa ansa efe
    associated press agence france-presse bbc cnn nbc cbs abc fox politico axios""".split()
)


def reporter(mention: Mention) -> bool:
    """True for a news organisation ("Reuters", "the Associated Press", "The New York Times").

    >>> from ledger.articles.actors import Entity
    >>> reporter(Mention(0, 7, "Reuters", "name", Entity("Reuters", "org")))
    True
    """
    return _reports(mention.entity.name if mention.entity is not None else mention.text, mention.text)


@functools.lru_cache(maxsize=1024)  # asked of every mention before a speech verb: the same few names again and again
def _reports(name: str, text: str) -> bool:
    """``reporter`` of a mention named ``name`` and written ``text``: it depends on these two alone."""
    lowered = name.lower().removeprefix("the ")
    return (
        lowered in NEWS_AGENCIES
        or lowered.split()[0] in NEWS_AGENCIES
        or lowered.endswith((" times", " post", " journal", " news", " press", " newspaper", " agency news"))
        or text.lower() in ("the newspaper", "the news agency", "state media", "the outlet")
    )
