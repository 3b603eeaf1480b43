"""A candidate commitment: what ``extract`` proposes from an article, for a person to confirm."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from ledger.core.days import require_date
from ledger.deadlines import DeadlineMatch

__all__ = ["Candidate", "unchecked_candidate"]


def _calendar_date(instance, attribute, value) -> None:
    require_date(value, attribute.name)


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _unit_interval(instance, attribute, value) -> None:
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
    when that earlier one is not in the text. ``organisation`` is the body a
    named person committed for, when the text says so.

    >>> from ledger.articles.extract import extract
    >>> c = extract("The mayor, Ada Ruiz, said the bridge would reopen by Friday.", date(2025, 10, 16))[0]
    >>> c.actor, c.deadline.text, c.text, c.stated_on.isoformat()
    ('Ada Ruiz', 'by Friday', 'The bridge would reopen', '2025-10-16')
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    actor: str = attrs.field(validator=attrs.validators.instance_of(str))
    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    quote: str = attrs.field(validator=attrs.validators.instance_of(str))
    sentence: str = attrs.field(validator=attrs.validators.instance_of(str))
    sentence_span: tuple[int, int] = attrs.field(converter=_ints)
    deadline: DeadlineMatch = attrs.field(validator=attrs.validators.instance_of(DeadlineMatch))
    published_on: date = attrs.field(validator=_calendar_date)
    stated_on: date = attrs.field(validator=_calendar_date)
    stated_approximate: bool = attrs.field(default=False)
    stated_phrase: str | None = attrs.field(default=None)
    confidence: float = attrs.field(default=0.5, validator=_unit_interval)
    reasons: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    resets: bool = attrs.field(default=False)
    supersedes: str | None = attrs.field(default=None)
    #: The organisation a person committed for ("the chief executive said the company would ...").
    organisation: str | None = attrs.field(default=None)

    @property
    def window(self):
        """The due window of the deadline, read from the day it was said."""
        return self.deadline.window

    def to_dict(self) -> dict:
        """The candidate as plain JSON-ready values (for ``ledger extract --json``).

        >>> from ledger.articles.extract import extract
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
            "organisation": self.organisation,
        }


_new = object.__new__
_set = object.__setattr__


def unchecked_candidate(
    ident: str,
    actor: str,
    text: str,
    quote: str,
    sentence: str,
    sentence_span: tuple[int, int],
    deadline: DeadlineMatch,
    published_on: date,
    stated_on: date,
    stated_approximate: bool,
    stated_phrase: str | None,
    confidence: float,
    reasons: tuple[str, ...],
    resets: bool,
    supersedes: str | None,
    organisation: str | None,
) -> Candidate:
    """A ``Candidate`` of values (one per field, in the fields' order: ``_FIELD_NAMES``) that are already what its
    checks accept and its converters give: the record ``Candidate(...)`` makes of them, without the checks (five
    microseconds a candidate, most of what making one cost; ``linking.finish`` makes one for every draft,
    from values the drafting made).

    Only for such values: spans and reasons already tuples, dates ``date``s, a confidence a float from 0 to 1.

    >>> from ledger.articles.extract import extract
    >>> c = extract("Ada Ruiz said she would quit by Friday.", date(2025, 10, 16))[0]
    >>> unchecked_candidate(*attrs.astuple(c, recurse=False)) == c
    True
    """
    c = _new(Candidate)
    # one call a field, written out: a loop over the names cost as much again as the calls
    _set(c, "id", ident)
    _set(c, "actor", actor)
    _set(c, "text", text)
    _set(c, "quote", quote)
    _set(c, "sentence", sentence)
    _set(c, "sentence_span", sentence_span)
    _set(c, "deadline", deadline)
    _set(c, "published_on", published_on)
    _set(c, "stated_on", stated_on)
    _set(c, "stated_approximate", stated_approximate)
    _set(c, "stated_phrase", stated_phrase)
    _set(c, "confidence", confidence)
    _set(c, "reasons", reasons)
    _set(c, "resets", resets)
    _set(c, "supersedes", supersedes)
    _set(c, "organisation", organisation)
    return c


_FIELD_NAMES = tuple(field.name for field in attrs.fields(Candidate))
