"""Ids and reset links for the drafts of an article: ``finish`` makes the ``Candidate`` records.

Each candidate gets an id from its actor's last name, two words of the
commitment and its due day (a suffix when taken); a reset ("two more weeks",
"pushed back") is linked to the earlier candidate of the same actor on the
same subject, or, when it points back ("that deadline"), to the last earlier
one. Split from ``candidates``, which reads each draft.

>>> _slug(["Ruiz", "Quit", "2025-10-17"])
'ruiz-quit-2025-10-17'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import date
from itertools import islice

from ledger.articles.calibration import calibrate
from ledger.articles.candidate import Candidate, unchecked_candidate
from ledger.articles.candidates import FORECAST_CAP, Draft
from ledger.articles.clauses import RESET_WORDS

__all__ = ["finish"]


# -- ids ----------------------------------------------------------------------------------
_ID_STOPWORDS = frozenset(
    """the a an its his her their our to of in on at by for and or be been will would
    that this with from into new all every first more about would could should""".split()
)


_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DASH_RUN = re.compile(r"-+")
_ID_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def _slug(words: list[str]) -> str:
    out = "-".join(_NOT_SLUG.sub("-", w.lower()).strip("-") for w in words)
    return _DASH_RUN.sub("-", out).strip("-")


class _Ids:
    """The ids given so far, and for each base the next suffix worth trying.

    Repeated text gives many candidates one base id: trying "-2", "-3", ... from
    the start each time made the n-th of them probe n ids (quadratic). Ids are
    only ever added, so a suffix found taken stays taken and the next probe can
    start where the last one stopped: the ids are the same, in linear time.
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next_suffix: dict[str, int] = {}
        self.bases: dict[tuple[str, str, date | None], str] = {}  # an article says one thing again and again
        # and different things of one actor in the same two words (a run-on piece's hundred commitments)
        self.bases_by_words: dict[tuple[str, tuple[str, ...], date | None], str] = {}

    def make(self, actor: str, text: str, day: date | None) -> str:
        key = (actor, text, day)
        base = self.bases.get(key)
        if base is None:
            words = _id_words(text)
            base = self.bases_by_words.get((actor, words, day))
            if base is None:
                base = self.bases_by_words[actor, words, day] = _base_id(actor, words, day)
            self.bases[key] = base
        ident = base
        taken = self.taken
        if ident in taken:
            n = self.next_suffix.get(base, 2)
            ident = f"{base}-{n}"  # made once a probe: a text that says one thing again probes once a candidate
            while ident in taken:
                n += 1
                ident = f"{base}-{n}"
            self.next_suffix[base] = n + 1
        taken.add(ident)
        return ident


def _id_words(text: str) -> tuple[str, ...]:
    """The two words of the commitment an id takes: its first two that are not stopwords (read no further)."""
    return tuple(islice((w for w in map(re.Match.group, _ID_WORD.finditer(text)) if w.lower() not in _ID_STOPWORDS), 2))


def _base_id(actor: str, words: tuple[str, ...], day: date | None) -> str:
    """The id before any suffix: the actor's last name, two words of the commitment (``_id_words``), the due day."""
    who = actor.split()[-1] if len(actor.split()) > 1 and actor[:1].isupper() else actor
    base = _slug([who, *words] + ([day.isoformat()] if day else [])) or "candidate"
    return base if base[0].isalnum() else "c-" + base


_SUBJECT_STOPWORDS = _ID_STOPWORDS | frozenset(
    """said says told would will could should deadline deadlines said added week weeks month months
    days year years more another extra time until before after within said also they them he she
    it was were has have had not""".split()
)


def _content_stems(text: str, actor: str) -> set[str]:
    names = {w.lower() for w in actor.split()}
    # each word lowered once (a capitalised one not at all), then asked of both tables
    return {
        lowered[:4]
        for w in _CONTENT_WORD.findall(text)
        if not w[0].isupper() and (lowered := w.lower()) not in _SUBJECT_STOPWORDS and lowered not in names
    }


@functools.lru_cache(maxsize=64)
def _stems_of(sentence: str, actor: str) -> frozenset[str]:
    """``_content_stems``, once for a sentence and an actor: a run-on piece gives many resets the same sentence."""
    return frozenset(_content_stems(sentence, actor))


def _points_back(d: Draft) -> bool:
    """True if a reset names no subject of its own: "two more weeks", "another deadline", "that deadline"."""
    return bool(RESET_WORDS.search(d.deadline.text)) or bool(
        re.search(
            r"\b(?:that|the|this|its|his|her|their|another|new)\s+(?:deadline|target|date|timetable)\b|\bmore\s+time\b",
            d.sentence,
            re.I,
        )
    )


# ``calibrate`` remembered: a pure function of a score rounded to two places, so of a hundred values at most.
_calibrated = functools.lru_cache(maxsize=128)(calibrate)


def finish(drafts: Sequence[Draft]) -> list[Candidate]:
    """Give ids and link resets to the earlier candidate of the same actor."""
    ids = _Ids()
    out: list[Candidate] = []
    # Per actor, its candidates so far (indices into out) and the content stems of each one's sentence:
    # a reset looks back only at its own actor's candidates, and each sentence's stems are read once.
    by_actor: dict[str, list[int]] = {}
    stems: dict[int, frozenset[str]] = {}
    make, append = ids.make, out.append  # looked up once: the loop runs for every candidate
    for d in drafts:
        actor, reasons = d.actor, d.reasons
        ident = make(actor, d.text, d.deadline.window.due or d.stated_on)
        mine = by_actor.get(actor)
        supersedes = _superseded(out, mine or [], stems, d) if d.resets else None
        # the draft's confidence is the evidence score; the candidate's is the chance it is right
        confidence = min(FORECAST_CAP if "forecast" in reasons else 1.0, _calibrated(d.confidence))
        if mine is None:
            by_actor[actor] = [len(out)]
        else:
            mine.append(len(out))
        # unchecked: every value is one the drafting made, already what Candidate's checks accept
        append(unchecked_candidate(ident, *d[:10], confidence, reasons, d.resets, supersedes, d.organisation))
    return out


def _superseded(out: list[Candidate], mine: list[int], stems: dict[int, frozenset[str]], d: Draft) -> str | None:
    """The id of the candidate a reset replaces: the last earlier one of its actor on the same subject (a shared
    word), else, for a reset that points back ("that deadline", "two more weeks"), the last earlier one."""
    own = _stems_of(d.sentence, d.actor)
    last_earlier = None
    for k in reversed(mine):
        c = out[k]
        if c.stated_on > d.stated_on:
            continue
        if last_earlier is None:
            last_earlier = c.id
        if k not in stems:
            stems[k] = _stems_of(c.sentence, d.actor)
        if stems[k] & own:
            return c.id
    if last_earlier is not None and _points_back(d):
        return last_earlier
    return None
