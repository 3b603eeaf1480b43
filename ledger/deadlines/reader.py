"""Read one deadline phrase, said on a day, into a due window: ``parse_deadline``.

``parse_deadline("two weeks or so", date(2025, 10, 16))`` gives a
:class:`DueWindow` from 2025-10-16, due 2025-10-30, late after 2025-11-06,
with the rule that fired and a one-sentence explanation.

Reading goes in three steps. ``prepare`` does what does not depend on the
day said: it refuses pasts and ambiguous words, drops a time of day and
splits the normalised phrase into lead words, a core and trailing words.
``_target`` finds what the core names (a ``Target``, see ``rules``), and
``_give_back`` gives words back to the core where the split took too many.
The lead and trailing words then turn the target into a window (a
``Reading``): a length counts from the day said, a calendar target is bounded
by its lead word.

>>> read_normalized("by early august", date(2025, 6, 2), DEFAULT_POLICY).due
datetime.date(2025, 8, 10)
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from ledger.core.days import is_calendar_date
from ledger.deadlines.dates import ceil_days, house_date
from ledger.deadlines.errors import DOCS_HINT, EVENT, UNKNOWN, Unreadable, deadline_error, past
from ledger.deadlines.grammar import (
    AMBIGUOUS,
    EVENT_ANCHORED,
    PAST,
    PREFIX_ITEM,
    PREFIX_ONLY,
    SPLIT,
    SUFFIX_ITEM,
    TIME_OF_DAY,
    UNIT,
    may_be_ambiguous,
    may_hold_a_time,
    normalize,
    year_first,
)
from ledger.deadlines.lexicon import LEAD_WORDS, PREFIX_WORDS, SUFFIX_WORDS
from ledger.deadlines.policy import DEFAULT_POLICY, DeadlinePolicy
from ledger.deadlines.rules import CoreMatches, Target, check_leads, read_core
from ledger.deadlines.setaside import Kept, Plan, afterthought, guard_in, plan
from ledger.deadlines.window import DueWindow, SetAside, trusted_window

__all__ = [
    "MAX_PHRASE_LENGTH",
    "Prepared",
    "ReadMemo",
    "Reading",
    "check_args",
    "parse_deadline",
    "prepare",
    "read_normalized",
    "read_set_aside",
    "split_words",
]


class Prepared(NamedTuple):
    """A normalised phrase split for reading, and what the words around its core say.

    None of it depends on the day the phrase was said.
    """

    #: The normalised phrase, without its time of day.
    norm: str
    #: Lead, hedge and filler words before the core, in order ("by", "about").
    pre: tuple[str, ...]
    #: The time expression itself ("two weeks", "early august").
    core: str
    #: Hedge, shrinking and "from now" words after the core ("or so").
    post: tuple[str, ...]
    #: The bound a lead word gives (None: no lead word; "at_least" for "at the earliest").
    bound: str | None
    hedged: bool
    #: A shrinking word ("or less", "at most"): a hedge never widens the window.
    shrink: bool
    #: "from now", "hence": the length is a day, not a window up to it.
    from_now: bool
    #: A lead word stood before the core.
    has_lead: bool
    #: "over" ("over the summer"): somewhere inside the period.
    over: bool
    #: A "the next"-style lead ("in the next", "over the coming"): "month" is one month.
    lead_next: bool


class Reading(NamedTuple):
    """A phrase read into a window, before it is bound to the phrase as said."""

    earliest: date
    due: date | None
    latest: date | None
    kind: str
    bound: str
    hedged: bool
    vague: bool
    rule: str
    #: The window is a pure offset from the day said (the batch reader shifts it).
    relative: bool
    #: A lead word ("in", "by", "has") or "after" bound the core: prose may say a length without one.
    has_lead: bool
    #: Words of the phrase as said that were set aside (see ``ledger.deadlines.setaside``).
    ignored: tuple[SetAside, ...] = ()


#: The longest deadline phrase ledger reads, in characters. Deadlines as said are short
#: (the longest in the fixtures and test corpora is under 200 characters); a longer
#: "phrase" is a pasted paragraph or a hostile input, and reading it would cost time
#: that grows with its length and a depth of calls that grows with its nesting
#: ("end of the end of ..."). It is refused as unreadable, naming this cap.
MAX_PHRASE_LENGTH = 300


def too_long(length: int) -> Unreadable:
    """The refusal of a phrase longer than ``MAX_PHRASE_LENGTH``."""
    return Unreadable(
        "is too long",
        f"ledger reads deadline phrases of at most {MAX_PHRASE_LENGTH} characters and this one has {length:,}; "
        "write the deadline as it was said, e.g. 'by the end of June', or record your own reading "
        "in the entry's deadline_means field",
        span=(0, length),
    )


class ReadMemo:
    """Day-independent work shared by the reads of one batch: each phrase's split and
    each core's match."""

    __slots__ = ("cores", "plans", "prepared")

    def __init__(self) -> None:
        self.prepared: dict[str, Prepared] = {}
        self.cores: CoreMatches = {}
        #: What may be set aside in each phrase as said that did not read as a whole.
        self.plans: dict[str, Plan] = {}


def check_args(phrase: object, stated_on: object, policy: object) -> None:
    """TypeError unless ``phrase`` is a str, ``stated_on`` a calendar date and ``policy`` a DeadlinePolicy."""
    if not isinstance(phrase, str):
        raise TypeError(f"'phrase' must be a str (got {phrase!r})")
    if not is_calendar_date(stated_on):
        raise TypeError(f"'stated_on' must be a datetime.date (got {stated_on!r})")
    if not isinstance(policy, DeadlinePolicy):
        raise TypeError(f"'policy' must be a DeadlinePolicy (got {policy!r})")


def parse_deadline(phrase: str, stated_on: date, *, policy: DeadlinePolicy = DEFAULT_POLICY) -> DueWindow:
    """Read one deadline phrase said on ``stated_on`` into a :class:`DueWindow`.

    Raises :class:`DeadlineError` (a ``ValueError``) for text that is not a
    deadline, or that points to the past.

    >>> w = parse_deadline("10 or 12 days", date(2025, 10, 16))
    >>> (w.earliest.isoformat(), w.due.isoformat(), w.kind, w.rule)
    ('2025-10-16', '2025-10-28', 'range', 'range')
    """
    check_args(phrase, stated_on, policy)
    if len(phrase) > MAX_PHRASE_LENGTH:
        raise deadline_error(phrase, too_long(len(phrase)))
    try:
        r = read_normalized(normalize(phrase), stated_on, policy)
    except Unreadable as problem:
        try:
            r = read_set_aside(phrase, stated_on, policy, problem)
        except Unreadable as refusal:
            raise deadline_error(phrase, refusal) from None
    return trusted_window(
        phrase, stated_on, r.earliest, r.due, r.latest, r.kind, r.bound, r.hedged, r.vague, r.rule, r.ignored
    )


def read_normalized(norm: str, said_on: date, policy: DeadlinePolicy, memo: ReadMemo | None = None) -> Reading:
    """Read a normalised phrase said on ``said_on``, or raise ``Unreadable``.

    ``memo`` (one per batch call) keeps the day-independent work per phrase.
    """
    if memo is None:
        prepared = prepare(norm)
    else:
        found = memo.prepared.get(norm)
        if found is None:
            found = memo.prepared[norm] = prepare(norm)
        prepared = found
    try:
        return _read(prepared, said_on, policy, memo)
    except Unreadable:
        # "2025-10", "2026Q1": rare forms, tried only when nothing else reads the
        # phrase. Once rewritten, the rewritten phrase's own problem is the one to say.
        rewritten = year_first(norm)
        if rewritten == norm:
            raise
        return read_normalized(rewritten, said_on, policy, memo)
    except RecursionError:
        # Bounded by MAX_PHRASE_LENGTH; should a phrase under the cap still nest too deep, a refusal, never a crash.
        raise too_long(len(norm)) from None
    except (OverflowError, ValueError) as exc:
        # "in 9000 years", or two weeks from 9999-12-25: past the last date a
        # calendar date can hold. A refusal, like any unreadable phrase.
        raise Unreadable("is out of range", f"its window falls outside years 1 to 9999 ({exc})") from None


_AMBIGUOUS_HINTS = {
    "fiscal": "fiscal years start in different months for different organisations; give the calendar "
    "date, or record your own reading in the entry's deadline_means field",
    "holidays": "'the holidays' may mean Thanksgiving, Christmas or New Year; name the holiday "
    "('by Christmas') or record your own reading in the entry's deadline_means field",
}


def prepare(norm: str) -> Prepared:
    """The part of reading that does not depend on the day: refusals, the time of
    day, and the split into lead words, core and trailing words."""
    if not norm:
        raise Unreadable("is empty", "write the deadline as it was said, e.g. 'in two weeks'")
    if len(norm) > MAX_PHRASE_LENGTH:
        raise too_long(len(norm))
    if PAST.search(norm) is not None:
        raise past("a phrase with 'ago', 'last' or 'since'")
    ambiguous = AMBIGUOUS.search(norm) if may_be_ambiguous(norm) else None
    if ambiguous is not None:
        raise Unreadable("is ambiguous", _AMBIGUOUS_HINTS.get(ambiguous.lastgroup or "", DOCS_HINT))
    if may_hold_a_time(norm) and (times := list(TIME_OF_DAY.finditer(norm))):
        # A time of day on a day means that calendar day: dates have no time of day.
        ends_the_phrase = not norm[times[-1].end() :].strip()
        norm = " ".join(TIME_OF_DAY.sub(" ", norm).split())
        if ends_the_phrase and PREFIX_ONLY.fullmatch(norm) is not None:
            # "by midnight", "by close of business": today. Only words before the time lead to it: in
            # "7 a.m. Eastern Time, around [then]" the "around" leads to nothing the phrase holds.
            norm = f"{norm} today".lstrip()
    split = SPLIT.fullmatch(norm)
    if split is None:  # an empty phrase once its time of day is gone
        raise Unreadable()
    pre = tuple(PREFIX_ITEM.findall(split["pre"])) if split["pre"] else ()
    post = tuple(SUFFIX_ITEM.findall(split["post"])) if split["post"] else ()
    if len(pre) > 1 and len(LEAD_WORDS.intersection(pre)) > 1:
        check_leads(pre)
    return split_words(norm, pre, split["core"], post)


class _Located(NamedTuple):
    """The target a phrase names, and the phrase split again once its core took the words it needed."""

    target: Target
    split: Prepared


def _read(
    p: Prepared, said_on: date, policy: DeadlinePolicy, memo: ReadMemo | None, day_after: bool = False
) -> Reading:
    """The window of a prepared phrase said on ``said_on``, or ``Unreadable``."""
    # ``split``: the phrase as split around the core that names the target.
    target, split = _target(p, said_on, policy, memo), p
    if target is None:
        target, split = _give_back(p, said_on, policy)
    if target.rule == "day_of_month" and "time" in split.post:
        raise Unreadable("counts how often, not a day", "'the third time' is no third of a month")
    if target.kind == "open":
        if split.bound == "after":
            raise Unreadable("names no time", "'after' needs a time, e.g. 'after Christmas'")
        return Reading(said_on, None, None, "open", "within", split.hedged, False, target.rule, True, split.has_lead)
    if split.bound == "after":
        # Only a start: not before the day after the target, with no due date.
        start = target.hi + timedelta(days=1)
        return Reading(
            start, None, None, "open", "after", split.hedged, False, f"after_{target.rule}", target.relative, True
        )
    if target.kind in ("duration", "range", "vague"):
        return _length_window(target, split, said_on, policy)
    return _calendar_window(p, target, split, said_on, policy, memo, day_after)


# A core that is one unit after "the next" is one of that unit, not the calendar one.
_SINGULAR_UNITS = frozenset(
    {"minute", "hour", "day", "week", "fortnight", "month", "quarter", "year", "decade", "business day"}
)
_UNIT_LED = re.compile(rf"(?:{UNIT})\s(?:or|to)\s")
_PART_OF_A_DAY = re.compile(
    r"(?:(?:later|early|late)\s(?:in\s)?)?(?:the\s)?(?:(?:early|late|mid)\s)?(?:morning|afternoon|evening)"
)


def _target(p: Prepared, said_on: date, policy: DeadlinePolicy, memo: ReadMemo | None) -> Target | None:
    """What the core of a prepared phrase names, or None."""
    pre, core, lead_next = p.pre, p.core, p.lead_next
    if core == "one day" and not pre:
        target = read_core("someday", said_on, policy)  # "one day" alone means someday
    elif core in _SINGULAR_UNITS and lead_next or core in ("the hour", "the next hour"):
        # "in the next month", "over the coming week", "within the hour": one unit,
        # not the calendar month.
        target = read_core("1 " + core.split()[-1], said_on, policy)
    elif lead_next and _UNIT_LED.match(core):
        target = read_core("a " + core, said_on, policy)  # "the next day or two"
    elif core in ("the new year", "new year") and pre[-1:] == ("in",):
        target = read_core("early the new year", said_on, policy)  # "in the new year": early next year
    else:
        target = read_core(core, said_on, policy, None if memo is None else memo.cores)
    if target is None and _PART_OF_A_DAY.fullmatch(core) is not None:
        # "in the afternoon", "mid-morning", "later in the evening" with no day: the day said, or the
        # next when said the evening before (a schedule released overnight); the window holds both.
        target = Target("date", "relative_day", said_on, said_on + timedelta(days=1), True)
    return target


def _give_back(p: Prepared, said_on: date, policy: DeadlinePolicy) -> _Located:
    """Give words back to the core when it names nothing alone, or ``Unreadable``.

    "at once" is a core, not "at" + "once"; "sooner or later" is not "sooner" + "or later".
    """
    pre, core, post = p.pre, p.core, p.post
    for i in range(len(pre) + 1):
        for j in range(len(post) + 1):
            if i == len(pre) and j == 0:
                continue
            target = read_core(" ".join((*pre[i:], core, *post[:j])), said_on, policy)
            if target is not None:
                return _Located(target, split_words(p.norm, pre[:i], p.core, post[j:]))
    event = EVENT_ANCHORED.search(p.norm)
    if event is not None:
        what = (event["event"] or event["event2"] or "").strip().removeprefix("of ").strip()
        what = f"{what!r}, which is not a date" if what else "an event it does not name"
        raise Unreadable(
            EVENT,
            f"it counts from {what}; ledger does not guess when that was; record your own reading "
            "in the entry's deadline_means field (e.g. 'deadline_means: by April 30, 2025')",
        )
    raise Unreadable()


def split_words(norm: str, pre: tuple[str, ...], core: str, post: tuple[str, ...]) -> Prepared:
    """A phrase split into lead words, core and trailing words, with what those words say."""
    bound = None
    hedged = shrink = from_now = at_earliest = lead_next = False
    for word in pre:
        role, value = PREFIX_WORDS[word]
        if role == "lead":
            bound = value
        elif role == "lead_next":
            bound, lead_next = value, True
        elif role == "shrink_lead":
            bound, shrink = value, True
        elif role == "hedge":
            hedged = True
        elif role == "shrink":
            shrink = True
    for word in post:
        role = SUFFIX_WORDS[word][0]
        if role == "hedge":
            hedged = True
        elif role == "shrink":
            shrink = True
        elif role == "from_now":
            from_now = True
        elif role == "hedge_from_now":
            hedged = from_now = True
        elif role == "at_earliest":
            at_earliest = True
    has_lead = bound is not None
    over = "over" in pre or "over the course of" in pre
    bound = "at_least" if at_earliest else bound
    return Prepared(norm, pre, core, post, bound, hedged, shrink, from_now, has_lead, over, lead_next)


def _length_window(target: Target, split: Prepared, said_on: date, policy: DeadlinePolicy) -> Reading:
    """A length of time (a duration, a range, a vague horizon), counted from the day said."""
    kind, lo, hi = target.kind, target.lo, target.hi
    lead = split.bound
    if split.from_now:
        earliest, due, bound = lo, hi, "on"
    elif lead == "starting" and target.rule == "either":
        # "from the 13th to the 15th of July": the two named times bound the
        # window; "from" alone ("from next week") would say only when it starts.
        earliest, due, bound = max(lo, said_on), hi, "in"
    elif lead == "starting":
        earliest, due, bound = lo, lo, "starting"
    elif lead == "at_least":
        earliest, due, bound = lo, hi, "at_least"
    else:
        earliest, due = (lo if target.between else said_on), hi
        bound = "within" if lead is None or lead in ("in", "by", "before", "until", "on") else lead
    latest = due
    length = (hi - said_on).days
    if bound == "at_least":
        latest = said_on + timedelta(days=ceil_days(policy.at_least_factor * length))
    elif split.hedged and not split.shrink and kind != "vague" and bound != "starting":
        latest = said_on + timedelta(days=ceil_days(policy.hedge_factor * length))
    return Reading(
        earliest, due, latest, kind, bound, split.hedged, kind == "vague", target.rule, target.relative,
        split.has_lead,
    )  # fmt: skip


def _calendar_window(
    p: Prepared,
    target: Target,
    split: Prepared,
    said_on: date,
    policy: DeadlinePolicy,
    memo: ReadMemo | None,
    day_after: bool,
) -> Reading:
    """A day or a period on the calendar, bounded by its lead word. A hedge flags it but never moves it."""
    lo, hi = target.lo, target.hi
    point = lo == hi
    bound = split.bound
    if target.end_point and bound in (None, "on", "in"):
        bound = "by"  # "the end of the month", "at year-end": up to that last day
    if bound is None:
        bound = "around" if split.hedged else ("on" if point else "in")
    elif bound == "on" and not point or bound == "within" and split.over:
        bound = "in"  # "at the start of next year", "over the summer": somewhere inside it
    if bound in ("on", "in", "around"):
        earliest, due = (lo, lo) if point else (max(lo, said_on), hi)
    elif bound in ("within", "by", "until"):
        # "by the start of next year" is by its first day, not by the end of early next year.
        earliest, due = said_on, (target.first if target.first is not None else hi)
    elif bound == "before":
        earliest = said_on
        due = hi if target.end_point else lo - timedelta(days=1) if policy.before_is_exclusive else lo
        if due < said_on and not day_after:
            # Said on the day itself ("before Thanksgiving" on Thanksgiving): the
            # next one is meant. Read it as from the day after; a target with its
            # own year stays in the past and is refused below.
            later = _read(p, said_on + timedelta(days=1), policy, memo, day_after=True)
            return later._replace(earliest=said_on)
        if due < said_on:
            raise past("the day before it")
    else:  # starting, at_least: it begins then
        earliest = due = max(lo, said_on)
    if due < said_on:
        raise past()
    return Reading(
        earliest, due, due, target.kind, bound, split.hedged, False, target.rule, target.relative, split.has_lead
    )


# ---------------------------------------------------------------------------
# The tolerant pass: tried only when the strict reading refuses a phrase's words
# ---------------------------------------------------------------------------

# Rules that name a calendar day: in a gloss ("90 days (September 17, 2025)") the day decides.
_DATE_RULES = frozenset({"month_day", "day_month", "iso_date", "numeric_date", "day_of_month"})
_LENGTH_KINDS = ("duration", "range")
# Two readings of one deadline agree when a day apart at most: "90 days" is counted
# with or without the day it was said, depending on who counts.
_AGREE = timedelta(days=1)
# At most this many pieces are read together as one clause ("September 17, 2025" is two).
_WIDEST_RUN = 4


class _Clause(NamedTuple):
    """A run of pieces that reads, where it is in the phrase, and what was set aside in it."""

    reading: Reading
    start: int
    end: int
    kept: Kept


def read_set_aside(
    phrase: str, said_on: date, policy: DeadlinePolicy, problem: Unreadable, memo: ReadMemo | None = None
) -> Reading:
    """Read ``phrase`` once the words around its time expression are set aside, or
    raise ``Unreadable``: ``problem`` (the strict refusal), unless a word that could
    change the deadline or two readings that disagree are the better reason.

    Only a phrase whose words the grammar does not know is tried (or one it took for
    an event because of them: "honestly the first week of November"); a past or an
    ambiguous word is refused as before, and what is left once words are set aside
    is read strictly, so an event is still refused. See docs/deadlines.md, "What is
    set aside, and why".

    >>> r = read_set_aside("a 90-day pause", date(2025, 6, 19), DEFAULT_POLICY, Unreadable())
    >>> r.due, [a.words for a in r.ignored]
    (datetime.date(2025, 9, 17), ['a', 'pause'])
    """
    if problem.problem not in (UNKNOWN, EVENT):
        raise problem
    p = None if memo is None else memo.plans.get(phrase)
    if p is None:
        p = plan(phrase)
        if memo is not None:
            memo.plans[phrase] = p
    whole = p.whole
    if whole.dropped and not whole.empty:
        r = _read_run(whole.text, said_on, policy, memo, alone=True)
        if r is not None:
            return r._replace(hedged=r.hedged or whole.hedge, ignored=whole.dropped)
    if len(p.pieces) < 2:
        raise _refusal(p, 0, len(phrase), problem)
    clauses: list[_Clause] = []
    aside: list[SetAside] = []
    moves: list[tuple[str, SetAside]] = []
    pieces, i = p.pieces, 0
    while i < len(pieces):
        for j in range(min(len(pieces), i + _WIDEST_RUN) - 1, i - 1, -1):
            if i == 0 and j == len(pieces) - 1:
                continue  # the whole phrase: read already
            start, end = pieces[i].start, pieces[j].end
            kept = p.keep(start, end)
            if j == i and kept.empty:  # "the deadline", "Washington time", "honestly"
                aside += kept.dropped
                break
            way = afterthought(normalize(kept.text)) if j == i and clauses else None
            if way is not None:  # "maybe less", "maybe a bit before that"
                moves.append((way, SetAside(phrase[start:end], start, end, "afterthought")))
                break
            r = _read_run(kept.text, said_on, policy, memo, alone=j == i)
            if r is not None:
                clauses.append(_Clause(r._replace(hedged=r.hedged or kept.hedge), start, end, kept))
                break
            if j == i:
                raise _refusal(p, start, end, problem)
        i = j + 1
    if not clauses:
        raise problem
    return _combine(phrase, clauses, aside, moves, said_on, policy)


def _read_run(text: str, said_on: date, policy: DeadlinePolicy, memo: ReadMemo | None, alone: bool) -> Reading | None:
    """The strict reading of a run of the phrase, None if its words do not read.

    A refusal for any other reason (a past, an event) is raised when the run is a
    single piece or the whole phrase: that piece is what was said.
    """
    norm = normalize(text)
    if not norm:
        return None
    try:
        return read_normalized(norm, said_on, policy, memo)
    except Unreadable as problem:
        if alone and problem.problem != UNKNOWN:
            raise
        return None


def _refusal(p: Plan, start: int, end: int, problem: Unreadable) -> Unreadable:
    """Why a piece that does not read is refused: a negation, condition or anchor in it, or ``problem``."""
    guard = guard_in(p, start, end)
    if guard is None:
        return problem
    return Unreadable(
        "has a negation, a condition or an anchor ledger will not set aside",
        f"{guard.text!r} could change the deadline, so ledger does not read around it; give the date, "
        "or record your own reading in the entry's deadline_means field (e.g. 'deadline_means: by April 30, 2025')",
        (guard.start, guard.end),
    )


def _combine(
    phrase: str,
    clauses: list[_Clause],
    aside: list[SetAside],
    moves: list[tuple[str, SetAside]],
    said_on: date,
    policy: DeadlinePolicy,
) -> Reading:
    """One reading from the clauses that read: which one sets the window, and what the others may change.

    - A clause that names a calendar day decides, and every other clause must agree
      with it within a day ("90 days (September 17, 2025)"): a gloss.
    - Lengths alone give the range of them, due at the longer ("a week and a half,
      two weeks"), as "A or B" does.
    - Otherwise the first clause sets the window and every later one must fall inside
      it; a later one adds only its hedge ("soon. It could be Tuesday").
    - An afterthought that narrows ("maybe less") undoes a hedge's stretch, one that
      widens ("maybe longer") stretches a length as a hedge does.
    """
    main = clauses[0]
    ignored = list(aside)
    hedged = any(c.reading.hedged for c in clauses)
    relative = all(c.reading.relative for c in clauses)
    dates = [c for c in clauses if c.reading.rule in _DATE_RULES]
    if len(clauses) == 1:
        r = main.reading
        ignored += main.kept.dropped
    elif dates:
        decides = dates[0]
        day = decides.reading.due or decides.reading.earliest
        for c in clauses:
            o = c.reading
            low = o.due if o.kind == "duration" and o.due is not None else o.earliest
            if c is not decides and not (low - _AGREE <= day and (o.latest is None or day <= o.latest + _AGREE)):
                raise _disagree(phrase, decides, c)
        r = decides.reading
        if r.bound == "on" and any(c.reading.kind in _LENGTH_KINDS and c.reading.bound == "within" for c in clauses):
            r = r._replace(earliest=said_on, bound="by")  # "90 days (September 17)": within, up to that day
        ignored += decides.kept.dropped
        ignored += [SetAside(phrase[c.start : c.end], c.start, c.end, "gloss") for c in clauses if c is not decides]
    elif all(c.reading.kind in _LENGTH_KINDS and not c.reading.vague for c in clauses):
        due = max(c.reading.due for c in clauses if c.reading.due is not None)
        longest = [c.reading for c in clauses if c.reading.due == due]
        latest = min(r.latest for r in longest if r.latest is not None)
        r = longest[0]._replace(earliest=min(c.reading.earliest for c in clauses), latest=latest)
        if len(longest) < len(clauses):
            r = r._replace(kind="range", rule="range")
        for c in clauses:
            ignored += c.kept.dropped
    else:
        first = main.reading
        for c in clauses[1:]:
            day = c.reading.due or c.reading.earliest
            if not (first.earliest <= day and (first.latest is None or day <= first.latest)):
                raise _disagree(phrase, main, c)
        r = first
        ignored += main.kept.dropped
        ignored += [SetAside(phrase[c.start : c.end], c.start, c.end, "afterthought") for c in clauses[1:]]
    for way, item in moves:
        ignored.append(item)
        nominal = r.due
        if nominal is None or r.latest is None or r.bound in ("at_least", "starting"):
            continue
        if way == "narrow":
            r = r._replace(latest=nominal)
        elif r.kind in _LENGTH_KINDS and r.latest == nominal:
            stretch = ceil_days(policy.hedge_factor * (nominal - said_on).days)
            r = r._replace(latest=said_on + timedelta(days=stretch))
            hedged = True
        else:
            hedged = True
    return r._replace(hedged=hedged, relative=relative, ignored=tuple(sorted(ignored, key=lambda a: a.start)))


def _disagree(phrase: str, a: _Clause, b: _Clause) -> Unreadable:
    """The refusal of two readings of one deadline that do not agree, naming both."""

    def said(c: _Clause) -> str:
        r = c.reading
        if r.due is None:
            return f"{phrase[c.start : c.end]!r} (not before {house_date(r.earliest)})"
        if r.earliest == r.due:
            return f"{phrase[c.start : c.end]!r} ({house_date(r.due)})"
        return f"{phrase[c.start : c.end]!r} (from {house_date(r.earliest)} to {house_date(r.latest or r.due)})"

    return Unreadable(
        "gives two readings that do not agree",
        f"{said(a)} and {said(b)} are more than a day apart; say which is meant, or record your own reading "
        "in the entry's deadline_means field",
        (min(a.start, b.start), max(a.end, b.end)),
    )
