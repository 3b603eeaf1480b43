"""The grammar of deadline phrases: word tables and a few big ``re.VERBOSE`` patterns.

Private to :mod:`ledger.deadlines`. A phrase is first *normalised* (lower case,
curly quotes and dashes folded, punctuation that carries no meaning dropped),
then *split* into lead/hedge/filler words before the core and hedge/shrink words
after it, and the core is matched by ``CORE``: one alternation whose top-level
named groups are the rules of ``RULES`` in order, so ``match.lastgroup`` names
the rule that fired. Everything here is data; the date arithmetic lives in
``ledger/deadlines.py``.
"""

from __future__ import annotations

import re

from ledger.core.words import MONTHS, ONES, ORDINALS, TEENS, TENS, WEEKDAYS

# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

# One character in, one character out, so the same table serves
# find_deadlines, which must keep offsets into the original text.
FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\n": " ",
        "\r": " ",
    }
)

# Punctuation that means nothing in a deadline phrase becomes a space. A dot,
# comma, hyphen or slash between two digits is kept: 1.5 weeks, 1,000 days,
# 10-12 days, 2025-10-31, 10/31.
NOISE = re.compile(
    r"""
      (?<!\d)[.,/] | [.,/](?!\d)           # dots, commas, slashes unless between digits (Oct. 31, 2026.)
    | (?<!\d)- | -(?!\d)                   # hyphens unless between digits: mid-2026, year-end
    | [^\w\s.,/\-&]                        # quotes, brackets, ! ? ; : and the like
    """,
    re.VERBOSE,
)
# A digit glued to a unit letter is split (48h -> 48 h) but ordinals stay (31st).
GLUED = re.compile(r"(\d)(?!(?:st|nd|rd|th)\b)([a-z])")
DIGIT = re.compile(r"\d[a-z]")
PLAIN = re.compile(r"[a-z0-9 ]*")


def normalize(phrase: str) -> str:
    """Fold case, quotes, dashes and meaningless punctuation; collapse spaces."""
    # Apostrophes vanish (year's -> years, I'd -> id); other noise is a space.
    text = phrase.translate(FOLD).lower().replace("'", "")
    if PLAIN.fullmatch(text) is None:  # most phrases are plain words and digits
        if "-" in text:
            text = WORD_RANGE.sub(r"\1 to \2", text)  # two-three weeks: a range
        text = NOISE.sub(" ", text)
    if "&" in text:
        text = text.replace("&", " and ")
    if DIGIT.search(text) is not None:
        text = GLUED.sub(r"\1 \2", text)
    text = " ".join(text.split())
    if ALIAS.search(text) is not None:
        text = ALIAS.sub(lambda m: ALIASES[m.group(0)], text)
    return text


# Spellings that are other spellings: one word for two, shorthands, set phrases.
ALIASES = {
    "thru": "through",
    "midweek": "mid week",
    "midyear": "mid year",
    "midmonth": "mid month",
    "yearend": "year end",
    "eoy": "end of year",
    "eom": "end of month",
    "eow": "end of week",
    "eob": "end of business",
    "this time next year": "a year from now",
    "this time next month": "a month from now",
    "this time next week": "a week from now",
    "the turn of the year": "the new year",
    "turn of the year": "new year",
}
ALIAS = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(ALIASES, key=len, reverse=True)) + r")\b")


_SMALL = "|".join(word for word, n in {**ONES, **TEENS}.items() if n <= 12)
# "two-three weeks" is a range; "twenty-one" is a number and is left alone.
WORD_RANGE = re.compile(rf"\b({_SMALL})-({_SMALL}|twenty|thirty|forty|fifty|sixty)\b")

# --------------------------------------------------------------------------
# Word tables (months, weekdays and number words are ledger.core.words')
# --------------------------------------------------------------------------

# Unit word -> (unit, multiplier). Months-based units are calendar months.
UNITS = {
    "minute": ("minute", 1),
    "minutes": ("minute", 1),
    "min": ("minute", 1),
    "mins": ("minute", 1),
    "hour": ("hour", 1),
    "hours": ("hour", 1),
    "hr": ("hour", 1),
    "hrs": ("hour", 1),
    "h": ("hour", 1),
    "day": ("day", 1),
    "days": ("day", 1),
    "night": ("day", 1),
    "nights": ("day", 1),
    "business day": ("busday", 1),
    "business days": ("busday", 1),
    "working day": ("busday", 1),
    "working days": ("busday", 1),
    "work day": ("busday", 1),
    "work days": ("busday", 1),
    "workday": ("busday", 1),
    "workdays": ("busday", 1),
    "week": ("day", 7),
    "weeks": ("day", 7),
    "wk": ("day", 7),
    "wks": ("day", 7),
    "fortnight": ("day", 14),
    "fortnights": ("day", 14),
    "month": ("month", 1),
    "months": ("month", 1),
    "mo": ("month", 1),
    "mos": ("month", 1),
    "quarter": ("month", 3),
    "quarters": ("month", 3),
    "year": ("month", 12),
    "years": ("month", 12),
    "yr": ("month", 12),
    "yrs": ("month", 12),
    "decade": ("month", 120),
    "decades": ("month", 120),
}


def _alt(words) -> str:
    """An alternation of literal words, longest first so 'a few' beats 'a'."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s") for w in sorted(words, key=len, reverse=True))


MONTH = _alt(MONTHS)
WEEKDAY = _alt(WEEKDAYS)
UNIT = _alt(UNITS)
ORDINAL_WORD = r"(?:twenty|thirty)\s(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|" + _alt(ORDINALS)
DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{ORDINAL_WORD})"
NUM_WORD = rf"""(?:
      (?:(?:a|one)\s)?hundred(?:\s(?:and\s)?(?:(?:{_alt(TENS)})(?:\s(?:{_alt(ONES)}))?|{_alt(TEENS)}|{_alt(ONES)}))?
    | (?:{_alt(TENS)})(?:\s(?:{_alt(ONES)}))?
    | {_alt(TEENS)} | {_alt(ONES)}
)"""
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d{1,4}(?:\.\d+)?)"
# Quantities that are conventions rather than numbers (see DeadlinePolicy).
FUZZY = r"(?:a\scouple(?:\sof)?|couple(?:\sof)?|a\sfew|few|several|a\shalf\sdozen|half\sa\sdozen|a\sdozen|dozen|a|an)"
NUMBER = rf"(?:{DIGITS}|{NUM_WORD}|{FUZZY})(?:\sand\sa\shalf)?"
YEAR_SPEC = r"(?:\d{4}|this\syear|next\syear)"


def number_value(text: str, few: int, several: int, couple: int) -> float:
    """Value of a NUMBER match: digits, words, or a policy convention."""
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    if text[0].isdigit():
        return float(text.replace(",", "")) + half
    fuzzy = {
        "a": 1,
        "an": 1,
        "a couple": couple,
        "a couple of": couple,
        "couple": couple,
        "couple of": couple,
        "a few": few,
        "few": few,
        "several": several,
        "a dozen": 12,
        "dozen": 12,
        "a half dozen": 6,
        "half a dozen": 6,
    }.get(text)
    if fuzzy is not None:
        return fuzzy + half
    total = 0
    for word in text.split():
        if word in ("a", "and"):
            continue
        if word == "hundred":
            total = max(total, 1) * 100
        else:
            total += ONES.get(word) or TEENS.get(word) or TENS.get(word, 0)
    return total + half


def ordinal_value(text: str) -> int:
    """Day number from '31st', '31', 'thirty first'."""
    if text[0].isdigit():
        return int(text.rstrip("stndrh"))
    words = text.split()
    if len(words) == 2:
        return TENS[words[0]] + ORDINALS[words[1]]
    return ORDINALS[words[0]]


# --------------------------------------------------------------------------
# Words around the core: leads, hedges, shrinking words, filler
# --------------------------------------------------------------------------

# Word before the core -> (role, value). Roles: lead (value = bound), hedge,
# shrink (never widens), filler (ignored), past (refused).
PREFIX_WORDS = {
    # leads that give a window from the day it was said up to the target
    "in": ("lead", "in"),
    "within": ("lead", "within"),
    "inside": ("lead", "within"),
    "inside of": ("lead", "within"),
    "within the next": ("lead_next", "within"),
    "in the next": ("lead_next", "within"),
    "over the next": ("lead_next", "within"),
    "during the next": ("lead_next", "within"),
    "over the coming": ("lead_next", "within"),
    "in the coming": ("lead_next", "within"),
    "within the coming": ("lead_next", "within"),
    "the next": ("lead_next", "within"),
    "the coming": ("lead_next", "within"),
    "over": ("lead", "within"),
    "by": ("lead", "by"),
    "no later than": ("lead", "by"),
    "not later than": ("lead", "by"),
    "as soon as": ("lead", "by"),
    "as early as": ("lead", "by"),
    "sometime by": ("lead", "by"),
    "before": ("lead", "before"),
    "prior to": ("lead", "before"),
    "ahead of": ("lead", "before"),
    "in advance of": ("lead", "before"),
    "sometime before": ("lead", "before"),
    "until": ("lead", "until"),
    "till": ("lead", "until"),
    "til": ("lead", "until"),
    "up until": ("lead", "until"),
    "up till": ("lead", "until"),
    # "through" is inclusive, like "until": through May 10 includes May 10
    "through": ("lead", "until"),
    "up through": ("lead", "until"),
    "through to": ("lead", "until"),
    "right through": ("lead", "until"),
    "on or before": ("lead", "by"),
    "on or after": ("lead", "starting"),
    "over the course of": ("lead", "in"),
    "up to": ("shrink_lead", "within"),
    "on": ("lead", "on"),
    "for": ("lead", "on"),
    "at": ("lead", "on"),
    "during": ("lead", "in"),
    "at least": ("lead", "at_least"),
    "no sooner than": ("lead", "at_least"),
    "not sooner than": ("lead", "at_least"),
    "no earlier than": ("lead", "at_least"),
    "not before": ("lead", "at_least"),
    "not until": ("lead", "at_least"),
    "more than": ("lead", "at_least"),
    "after": ("lead", "after"),
    "sometime after": ("lead", "after"),
    "starting": ("lead", "starting"),
    "starting in": ("lead", "starting"),
    "starting on": ("lead", "starting"),
    "starting from": ("lead", "starting"),
    "starting at": ("lead", "starting"),
    "beginning": ("lead", "starting"),
    "beginning in": ("lead", "starting"),
    "beginning on": ("lead", "starting"),
    "from": ("lead", "starting"),
    "as of": ("lead", "starting"),
    "as from": ("lead", "starting"),
    "effective": ("lead", "starting"),
    "commencing": ("lead", "starting"),
    # someone "has" or "is given" a length of time: Russia has 50 days
    "has": ("lead", "within"),
    "have": ("lead", "within"),
    "gets": ("lead", "within"),
    "get": ("lead", "within"),
    "given": ("lead", "within"),
    "give it": ("lead", "within"),
    "give them": ("lead", "within"),
    "give us": ("lead", "within"),
    "gave them": ("lead", "within"),
    "deadline of": ("lead", "within"),
    "a deadline of": ("lead", "within"),
    # words that cap the window: never widen it
    "at most": ("shrink_lead", "within"),
    "at the most": ("shrink_lead", "within"),
    "no more than": ("shrink_lead", "within"),
    "not more than": ("shrink_lead", "within"),
    "less than": ("shrink_lead", "within"),
    "in less than": ("shrink_lead", "within"),
    "under": ("shrink_lead", "within"),
    "in under": ("shrink_lead", "within"),
    "within less than": ("shrink_lead", "within"),
    "fewer than": ("shrink_lead", "within"),
    "just under": ("shrink", None),
    "nearly": ("shrink", None),
    "almost": ("shrink", None),
    "close to": ("shrink", None),
    "max": ("shrink", None),
    # hedges: the speaker is not sure
    "about": ("hedge", None),
    "around": ("hedge", None),
    "roughly": ("hedge", None),
    "approximately": ("hedge", None),
    "approx": ("hedge", None),
    "circa": ("hedge", None),
    "some": ("hedge", None),
    "like": ("hedge", None),
    "probably": ("hedge", None),
    "maybe": ("hedge", None),
    "perhaps": ("hedge", None),
    "possibly": ("hedge", None),
    "likely": ("hedge", None),
    "most likely": ("hedge", None),
    "very likely": ("hedge", None),
    "i would say": ("hedge", None),
    "id say": ("hedge", None),
    "i think": ("hedge", None),
    "i guess": ("hedge", None),
    "i believe": ("hedge", None),
    "i suppose": ("hedge", None),
    "we think": ("hedge", None),
    "we believe": ("hedge", None),
    "something like": ("hedge", None),
    "more or less": ("hedge", None),
    "give or take": ("hedge", None),
    "sort of": ("hedge", None),
    "kind of": ("hedge", None),
    "somewhere around": ("hedge", None),
    "somewhere in the region of": ("hedge", None),
    "in the region of": ("hedge", None),
    "in the neighborhood of": ("hedge", None),
    "in the neighbourhood of": ("hedge", None),
    "just over": ("hedge", None),
    "a little over": ("hedge", None),
    "on or about": ("hedge", None),
    "on or around": ("hedge", None),
    "towards": ("hedge", None),
    "toward": ("hedge", None),
    "sometime around": ("hedge", None),
    # filler: says nothing about the window
    "hopefully": ("filler", None),
    "sometime": ("filler", None),
    "some time": ("filler", None),
    "ideally": ("filler", None),
    "with luck": ("filler", None),
    "with any luck": ("filler", None),
    "if all goes well": ("filler", None),
    "all being well": ("filler", None),
    "just": ("filler", None),
    "only": ("filler", None),
    "another": ("filler", None),
    "we hope": ("filler", None),
    "i hope": ("filler", None),
    "definitely": ("filler", None),
    "certainly": ("filler", None),
    "surely": ("filler", None),
    "exactly": ("filler", None),
    "precisely": ("filler", None),
    "right": ("filler", None),
    "and": ("filler", None),
    "well": ("filler", None),
    "no doubt": ("filler", None),
    "even": ("filler", None),
    "again": ("filler", None),
}

# Word after the core -> (role, value). from_now pins the day (bound on).
SUFFIX_WORDS = {
    "or so": ("hedge", None),
    "or thereabouts": ("hedge", None),
    "or thereabout": ("hedge", None),
    "give or take": ("hedge", None),
    "more or less": ("hedge", None),
    "ish": ("hedge", None),
    "roughly": ("hedge", None),
    "approximately": ("hedge", None),
    "or about": ("hedge", None),
    "or a little later": ("hedge", None),
    "or a bit later": ("hedge", None),
    "or a little longer": ("hedge", None),
    "or a bit longer": ("hedge", None),
    "or a little more": ("hedge", None),
    "or a bit more": ("hedge", None),
    "or slightly later": ("hedge", None),
    "or slightly longer": ("hedge", None),
    "or later": ("hedge", None),
    "or more": ("hedge", None),
    "or longer": ("hedge", None),
    "maybe longer": ("hedge", None),
    "maybe more": ("hedge", None),
    "maybe later": ("hedge", None),
    "maybe a little more": ("hedge", None),
    "maybe a little longer": ("hedge", None),
    "maybe a bit more": ("hedge", None),
    "maybe a bit longer": ("hedge", None),
    "maybe a little later": ("hedge", None),
    "perhaps a little longer": ("hedge", None),
    "perhaps longer": ("hedge", None),
    "perhaps more": ("hedge", None),
    "possibly longer": ("hedge", None),
    "or something": ("hedge", None),
    "or something like that": ("hedge", None),
    "or whatever": ("hedge", None),
    "plus or minus": ("hedge", None),
    "give or take a few days": ("hedge", None),
    "give or take a week": ("hedge", None),
    "give or take a day or two": ("hedge", None),
    "i would say": ("hedge", None),
    "id say": ("hedge", None),
    "i think": ("hedge", None),
    "i guess": ("hedge", None),
    "i believe": ("hedge", None),
    "i suppose": ("hedge", None),
    "probably": ("hedge", None),
    "maybe": ("hedge", None),
    "perhaps": ("hedge", None),
    "possibly": ("hedge", None),
    "hopefully": ("filler", None),
    "or so i think": ("hedge", None),
    "or less": ("shrink", None),
    "or fewer": ("shrink", None),
    "or sooner": ("shrink", None),
    "or even sooner": ("shrink", None),
    "maybe sooner": ("shrink", None),
    "perhaps sooner": ("shrink", None),
    "possibly sooner": ("shrink", None),
    "if not sooner": ("shrink", None),
    "if not earlier": ("shrink", None),
    "or earlier": ("shrink", None),
    "or before": ("shrink", None),
    "maybe earlier": ("shrink", None),
    "at the latest": ("shrink", None),
    "at the very latest": ("shrink", None),
    "at most": ("shrink", None),
    "at the most": ("shrink", None),
    "tops": ("shrink", None),
    "max": ("shrink", None),
    "maximum": ("shrink", None),
    "or under": ("shrink", None),
    "from now": ("from_now", None),
    "from today": ("from_now", None),
    "hence": ("from_now", None),
    "from now on": ("from_now", None),
    "from the day it was said": ("from_now", None),
    "at the earliest": ("at_earliest", None),
    "time": ("filler", None),
    "or so from now": ("hedge_from_now", None),
}

PREFIX = _alt(PREFIX_WORDS)
SUFFIX = _alt(SUFFIX_WORDS)

# Split a normalised phrase into (lead words) core (trailing words). The core is
# lazy so trailing hedges are peeled off; a core that is itself only a prefix
# word (e.g. "sometime") is retried whole by the caller.
SPLIT = re.compile(
    rf"""
    (?P<pre>(?:(?:{PREFIX})\s)*)          # leads, hedges and filler before the core
    (?P<core>.+?)                         # the time expression itself
    (?P<post>(?:\s(?:{SUFFIX}))*)         # hedges, shrinking words, 'from now' after it
    """,
    re.VERBOSE,
)
PREFIX_ITEM = re.compile(rf"(?:{PREFIX})(?=\s)")
SUFFIX_ITEM = re.compile(rf"(?<=\s)(?:{SUFFIX})")

# Words that make a phrase point backwards in time: refused with a clear hint.
PAST = re.compile(
    r"""\b(?:ago|past|previous|previously|yesterday|since|earlier\sthis|earlier\sin
    |last(?!\s(?:week|weekend|days?|few\sdays|part|quarter|half|month)\sof\b))\b""",  # the last week of May is not past
    re.VERBOSE,
)

# A time of day says which moment of a day; dates have no time of day, so it is
# dropped and the day it sits on is read: "by 5 p.m. Friday" = by Friday,
# "midnight tonight" = tonight, "by close of business" = by today.
TIME_ZONE = r"(?:et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt|gmt|utc|bst|cet|cest|eastern|pacific|local\stime)"
TIME_OF_DAY = re.compile(
    rf"""
    (?:\b(?:at|on)\s(?=(?:the\s)?(?:midnight|noon|midday|\d)))?   # 'at noon', 'on 5 pm' ('by' stays: it is the lead)
    (?:\b(?:the\s)?
      (?:midnight|noon|midday                                     # midnight Sunday = the end of Sunday (AP style)
        |\d{{1,2}}(?:\s[0-5]\d)?\s?(?:a\sm|p\sm|am|pm)\b         # 5 pm, 5 p.m., 11:59 p.m.
        |\d{{1,2}}\s[0-5]\d(?=\s{TIME_ZONE}\b)                     # 17:00 GMT
        |(?:end|close)\sof\s(?:the\s)?(?:business\s|working\s|trading\s)?day   # end of (the business) day
        |(?:end|close)\sof\s(?:business|play|trading)            # close of business
        |eod|cob)
      (?:\s{TIME_ZONE}\b)?                                         # 5 pm ET
      (?:\s(?:on|of|at)(?=\s))?                                      # 'on Friday', 'at the end of the day on Friday'
    )
    """,
    re.VERBOSE,
)

# Every TIME_OF_DAY match holds a digit or one of these words.
_TIME_SCREEN = re.compile(r"\d|midnight|noon|midday|end\sof|close\sof|eod|cob")


def may_hold_a_time(norm: str) -> bool:
    """False when TIME_OF_DAY cannot match (a cheap screen before the full search)."""
    return _TIME_SCREEN.search(norm) is not None


# Counted from an event the parser cannot date: the recorder must say what it means.
EVENT_ANCHORED = re.compile(
    r"""
      \b(?:days?|weeks?|months?|years?|hours?)\s(?:of|after|following|upon|into|from|before)\s
        (?!now\b|today\b|tomorrow\b)(?P<event>.+)                    # 100 days of taking office, 30 days after signing
    | \b(?:the|his|her|their|its|our|my|your|this|a)\s(?:first|initial|opening)\s
        (?:\S+\s)?(?:days?|weeks?|months?|years?|hours?|term)\b(?P<event2>.*)  # in the first 100 days, his first year
    | \bin\soffice\b                                                 # within a year in office
    """,
    re.VERBOSE,
)
# Words whose dates differ by country, organisation or household: refused.
AMBIGUOUS = re.compile(
    r"""
      (?P<fiscal>\bfiscal\b|\bfy\s?\d|\bfy\b)                      # fiscal years start in different months
    | (?P<holidays>\b(?:the\s)?holidays\b|\bholiday\sseason\b)    # Thanksgiving to New Year, or Christmas?
    """,
    re.VERBOSE,
)


def may_be_ambiguous(norm: str) -> bool:
    """False when AMBIGUOUS cannot match (a cheap screen before the search)."""
    return "fiscal" in norm or "fy" in norm or "holiday" in norm


# --------------------------------------------------------------------------
# Core rules. Order matters: the first alternative that matches the whole
# core wins, so specific forms come before general ones.
# --------------------------------------------------------------------------

HOLIDAYS = {
    # phrase -> (holiday key, days after the holiday)
    "christmas": ("christmas", 0),
    "christmas day": ("christmas", 0),
    "xmas": ("christmas", 0),
    "christmas eve": ("christmas", -1),
    "thanksgiving": ("thanksgiving", 0),
    "thanksgiving day": ("thanksgiving", 0),
    "easter": ("easter", 0),
    "easter sunday": ("easter", 0),
    "easter day": ("easter", 0),
    "good friday": ("easter", -2),
    "easter monday": ("easter", 1),
    "new years": ("new_year", 0),
    "new years day": ("new_year", 0),
    "new year": ("new_year", 0),
    "the new year": ("new_year", 0),
    "new years eve": ("new_year", -1),
    "the fourth of july": ("independence", 0),
    "fourth of july": ("independence", 0),
    "the 4th of july": ("independence", 0),
    "4th of july": ("independence", 0),
    "independence day": ("independence", 0),
    "labor day": ("labor", 0),
    "labour day": ("labor", 0),
    "memorial day": ("memorial", 0),
    "juneteenth": ("juneteenth", 0),
    "veterans day": ("veterans", 0),
    "columbus day": ("columbus", 0),
    "mlk day": ("mlk", 0),
    "martin luther king day": ("mlk", 0),
    "martin luther king jr day": ("mlk", 0),
    "presidents day": ("presidents", 0),
    "halloween": ("halloween", 0),
    "valentines day": ("valentine", 0),
}

VAGUE = {
    # phrase -> family (horizons are DeadlinePolicy fields)
    **dict.fromkeys(
        [
            "immediately",
            "right away",
            "right now",
            "at once",
            "straight away",
            "straightaway",
            "forthwith",
            "without delay",
            "without further delay",
            "asap",
            "as soon as possible",
            "as quickly as possible",
            "as fast as possible",
            "as soon as we can",
            "the earliest opportunity",
            "the earliest possible opportunity",
            "the first opportunity",
        ],
        "immediately",
    ),
    **dict.fromkeys(
        [
            "imminently",
            "any day now",
            "any day",
            "any moment now",
            "any moment",
            "any minute now",
            "any minute",
            "any time now",
            "anytime now",
            "any hour now",
            "at any moment",
            "at any time now",
            "momentarily",
            "hours",
            "a matter of hours",
            "the coming hours",
            "the hours ahead",
            "the next hours",
        ],
        "imminently",
    ),
    **dict.fromkeys(
        [
            "days",
            "a matter of days",
            "the coming days",
            "the days ahead",
            "the next days",
            "coming days",
            "the days to come",
        ],
        "coming_days",
    ),
    **dict.fromkeys(
        [
            "very soon",
            "very very soon",
            "really soon",
            "very shortly",
            "super soon",
            "a very short time",
            "a very short period",
            "a very short period of time",
            "very quickly",
            "very short order",
            "extremely soon",
            "quite soon",
        ],
        "very_soon",
    ),
    **dict.fromkeys(
        [
            "soon",
            "shortly",
            "long",
            "before long",
            "pretty soon",
            "soon enough",
            "quickly",
            "short order",
            "a short time",
            "a short while",
            "a short period",
            "a short period of time",
            "a while",
            "a little while",
            "a bit",
            "a little bit",
            "the short term",
            "the near term",
            "the short run",
            "not long",
            "no time",
            "the next little while",
            "little while",
            "a little while longer",
        ],
        "soon",
    ),
    **dict.fromkeys(
        [
            "weeks",
            "a matter of weeks",
            "the coming weeks",
            "the weeks ahead",
            "the next weeks",
            "coming weeks",
            "the weeks to come",
        ],
        "coming_weeks",
    ),
    **dict.fromkeys(
        [
            "the near future",
            "the not too distant future",
            "the not so distant future",
            "the not-too-distant future",
            "the very near future",
            "near future",
            "the foreseeable future",
        ],
        "near_future",
    ),
    **dict.fromkeys(
        [
            "months",
            "a matter of months",
            "the coming months",
            "the months ahead",
            "the next months",
            "coming months",
            "the months to come",
            "the coming weeks and months",
            "the weeks and months ahead",
            "the weeks and months to come",
            "the next weeks and months",
        ],
        "coming_months",
    ),
    **dict.fromkeys(
        [
            "years",
            "a matter of years",
            "the coming years",
            "the years ahead",
            "the next years",
            "coming years",
            "the years to come",
        ],
        "coming_years",
    ),
}
VAGUE_FAMILIES = (
    "immediately",
    "imminently",
    "coming_days",
    "very_soon",
    "soon",
    "coming_weeks",
    "near_future",
    "coming_months",
    "coming_years",
)
# Horizons that name a number are read as numbers, not vague words, so the
# families above must not swallow them: "the next few weeks" is vague only
# because 'few' after 'next' says nothing more precise than "the coming weeks".

OPEN = [
    "eventually",
    "due course",
    "at some point",
    "some point",
    "some day",
    "someday",
    "one day",
    "one of these days",
    "sooner or later",
    "time",
    "the future",
    "future",
    "down the road",
    "down the line",
    "a later date",
    "at a later date",
    "a later stage",
    "at a later stage",
    "the long run",
    "the long term",
    "later",
    "at some stage",
    "some stage",
    "the fullness of time",
    "when the time is right",
    "sometime",
    "some time",
    "in the future",
    "later on",
    "at some point in the future",
    "some point in the future",
]

PART_WORDS = {
    # part of a period -> what it selects (see DeadlinePolicy for the thirds)
    "early": "early",
    "earlier": "early",
    "beginning of": "start",
    "the beginning of": "start",
    "start of": "start",
    "the start of": "start",
    "mid": "mid",
    "middle of": "mid",
    "the middle of": "mid",
    "late": "late",
    "end": "end",
    "end of": "end",
    "the end of": "end",
    "the close of": "end",
    "close of": "end",
    "later": "rest",
    "later in": "rest",
    "the rest of": "rest",
    "rest of": "rest",
    "the first half of": "first_half",
    "first half of": "first_half",
    "the second half of": "second_half",
    "second half of": "second_half",
    "the back half of": "second_half",
    "the latter half of": "second_half",
    "the latter part of": "late",
    "the early part of": "early",
    "the first part of": "early",
    "the last part of": "late",
    "the first few days of": "early",
    "the first days of": "early",
    "the last few days of": "late",
    "the last days of": "late",
    "the final days of": "late",
    "the final weeks of": "late",
    "the last weeks of": "late",
    "the first weeks of": "early",
    "the closing days of": "late",
}
PART = _alt(PART_WORDS)
SEASONS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn", "winter": "winter"}
QUARTER_ORD = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}
REL = r"(?:this\scoming|the\scoming|the\snext|the\sfollowing|the\scurrent|this|next|coming|following|the|current)"

# A calendar period, optionally qualified by a part ("early", "end of", ...).
PERIOD = rf"""
    (?:(?P<p_part>{PART})\s(?:in\s)?(?:the\s)?)?     # early / mid / end of / the first half of ...
    (?:
        (?P<p_mrel>{REL})?\s?(?P<p_month>{MONTH})(?:\s(?:of\s)?(?P<p_my>{YEAR_SPEC}))?   # May, next May, May 2026
      | (?P<p_year>\d{{4}})                                                 # 2026
      | (?:(?P<p_yrel>{REL})\s)?(?:calendar\s)?year(?P<p_yafter>\safter\snext)?   # this year, next year, year
      | (?:(?P<p_srel>{REL})\s)?(?P<p_season>spring|summer|autumn|fall|winter)(?:\s(?:of\s)?(?P<p_sy>{YEAR_SPEC})(?:-(?P<p_sy_end>\d{{4}}|\d{{2}}))?)?  # winter 2026-27
      | q(?P<p_qn>[1-4])(?:\s(?:of\s)?(?P<p_qy>{YEAR_SPEC}))?                  # Q3, Q3 2026
      | (?:the\s)?(?P<p_qord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\squarter(?:\s(?:of\s)?(?:the\s)?(?P<p_qy2>{YEAR_SPEC}|year))?
      | (?:(?P<p_qrel>{REL})\s)?quarter                                      # this quarter, next quarter
      | h(?P<p_hn>[12])(?:\s(?:of\s)?(?P<p_hy>{YEAR_SPEC}))?                   # H1 2026
      | (?:the\s)?(?P<p_hord>first|second|back|latter)\shalf(?:\s(?:of\s)?(?P<p_hy2>{YEAR_SPEC}))?  # the second half (of the year)
      | (?P<p_newyear>(?:the\s)?new\syear)                                 # early in the new year: the year that starts next
      | (?:(?P<p_wrel>{REL})\s)?week(?P<p_wafter>\safter\snext)?              # this week, next week
      | (?:(?P<p_werel>{REL})\s)?weekend                                    # the weekend
      | (?:(?P<p_mnrel>{REL})\s)?month(?P<p_mnafter>\safter\snext)?           # this month, next month
      | (?P<p_decrel>this|the|next)\sdecade                                 # this decade
    )
    (?P<p_end>\send|s\send)?                                                 # year-end, year's end, month end
"""

RULES = (
    # rule name, pattern, what it reads (docs/deadlines.md repeats these)
    # Lengths first: they are the commonest, and no other rule reads the same words.
    (
        "duration",
        rf"""
        (?:next\s)?                                                     # next few days
        (?:(?P<d_num>{NUMBER})(?:\s(?:more|short|long|full|whole))?\s(?P<d_unit>{UNIT})(?P<d_half>\sand\sa\shalf)?
          |(?:half\s(?:a|an)|a\shalf)\s(?P<d_hunit>{UNIT}))
        (?:\stime)?
    """,
        "in two weeks, 50 days, a week and a half, half a year, 24 hours",
    ),
    (
        "range",
        rf"""
        (?:next\s)?(?P<r_between>between\s)?(?P<r_a>{NUMBER})(?:\s(?:more\s)?(?P<r_aunit>{UNIT})(?P<r_ahalf>\sand\sa\shalf)?)?
        \s?(?:\sor\s|\sto\s|\sthrough\s|\sor\smaybe\s|\sor\sperhaps\s|-|(?(r_between)\sand\s|(?!)))\s?  # 'and' only after 'between'
        (?P<r_b>{NUMBER})(?:\smore)?\s(?P<r_bunit>{UNIT})(?P<r_bhalf>\sand\sa\shalf)?(?:\stime)?
    """,
        "two or three weeks, 10-12 days, between 30 and 45 days: due at the longer end",
    ),
    (
        "range_or_n",
        rf"""
        (?P<ro_a>{NUMBER})\s(?P<ro_unit>{UNIT})\s(?:or|to|maybe|or\smaybe|perhaps)\s(?P<ro_b>{DIGITS}|{NUM_WORD})(?:\smore)?
    """,
        "a week or two, a day or two: the unit is said once",
    ),
    (
        "relative_day",
        r"""
        (?:the\s)?(?P<rd>today|tonight|tomorrow|the\sday\safter\stomorrow|day\safter\stomorrow
        |end\sof\s(?:the\s)?day|eod|close\sof\s(?:business|play)|cob|end\sof\sbusiness
        |later\stoday|this\s(?:morning|afternoon|evening)|first\sthing\stomorrow)
        (?:\s(?:morning|afternoon|evening|night))?
    """,
        "today, tonight, tomorrow: a day counted from the day it was said",
    ),
    (
        "iso_date",
        r"""
        (?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})
    """,
        "an ISO date, 2025-10-31",
    ),
    (
        "numeric_date",
        r"""
        (?P<nd_a>\d{1,2})/(?P<nd_b>\d{1,2})(?:/(?P<nd_y>\d{4}|\d{2}))?
    """,
        "10/31 or 10/31/2025, read month first (policy numeric_date_order)",
    ),
    (
        "holiday",
        rf"""
        (?:the\s)?(?P<hol>{_alt(HOLIDAYS)})(?:\s(?:of\s)?(?P<hol_y>{YEAR_SPEC}))?
        (?P<hol_wk>\sweekend|\sweek)?                                 # Labor Day weekend, Thanksgiving week
    """,
        "a named holiday, its next date on or after the day it was said",
    ),
    (
        "month_day",
        rf"""
        (?:(?:(?:this\scoming|the\scoming|this|next|coming|on)\s)?(?P<md_wd>{WEEKDAY})\s(?:the\s)?)?(?P<md_m>{MONTH})\s(?:the\s)?(?P<md_d>{DAY})(?:\s(?:of\s)?(?P<md_y>{YEAR_SPEC}))?
    """,
        "October 31, Oct. 31 2026, Friday October 31: the next such date on or after the day it was said",
    ),
    (
        "day_month",
        rf"""
        (?:(?:(?:this\scoming|the\scoming|this|next|coming|on)\s)?(?P<dm_wd>{WEEKDAY})\s(?:the\s)?)?(?:the\s)?(?P<dm_d>{DAY})\s(?:of\s)?(?P<dm_m>{MONTH})(?:\s(?:of\s)?(?P<dm_y>{YEAR_SPEC}))?
    """,
        "31 October, the 1st of November: the next such date on or after the day it was said",
    ),
    (
        "day_of_month",
        rf"""
        (?:(?:(?:this\scoming|the\scoming|this|next|coming|on)\s)?(?P<do_wd>{WEEKDAY})\s(?:the\s)?)?the\s(?P<do_d>{DAY})(?:\sday)?(?:\sof\s(?P<do_rel>this|next|the)\smonth)?
    """,
        "the 15th: the next 15th on or after the day it was said",
    ),
    (
        "weekday",
        rf"""
        (?:(?P<wd_rel>this\scoming|the\scoming|the\snext|the\sfollowing|this|next|coming|following|the)\s)?
        (?P<wd>{WEEKDAY})
        (?:\s(?P<wd_week>next\sweek|this\sweek|week|after\snext|of\snext\sweek|of\sthis\sweek|next))?
        (?:\s(?:morning|afternoon|evening|night))?
    """,
        "Friday: the next Friday strictly after the day it was said; next Friday: Friday of next week",
    ),
    (
        "week_of",
        rf"""
        (?:the\s)?(?:
            (?P<wo_ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s(?P<wo_unit>week|weekend)\s(?:of|in)\s(?:the\s)?
            (?:(?P<wo_month>{MONTH})(?:\s(?:of\s)?(?P<wo_y>{YEAR_SPEC}))?|(?P<wo_rel>this|next|the)\smonth)   # the first week of November
          | (?P<wo_what>week|weekend)\s(?:of|starting|beginning)\s(?P<wo_day>.+)                              # the week of October 20
        )
    """,
        "the first week of November (days 1-7), the week of October 20 (its Monday-Sunday week)",
    ),
    (
        "vague",
        rf"""
        (?P<v_text>{_alt(VAGUE)})
    """,
        "soon, very soon, in the coming days: a documented horizon per family",
    ),
    (
        "open",
        rf"""
        (?P<o_text>{_alt(OPEN)})
    """,
        "eventually, in due course: a commitment with no time; no due date",
    ),
    (
        "period",
        PERIOD,
        "May, early August, mid-2026, Q3, the first half of 2026, next week, the end of the month, summer",
    ),
)

CORE = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern, _ in RULES),
    re.VERBOSE,
)

# Every word the grammar knows, to point an error at the words it does not.
VOCABULARY = (
    frozenset(
        word
        for table in (
            MONTHS,
            WEEKDAYS,
            ONES,
            TEENS,
            TENS,
            ORDINALS,
            UNITS,
            PREFIX_WORDS,
            SUFFIX_WORDS,
            HOLIDAYS,
            VAGUE,
            PART_WORDS,
            SEASONS,
            QUARTER_ORD,
        )
        for key in table
        for word in key.split()
    )
    | frozenset(OPEN_WORD for phrase in OPEN for OPEN_WORD in phrase.split())
    | frozenset(
        "a an the of or to and between more half dozen hundred couple few several this next coming "
        "following current week weekend month year quarter decade end st nd rd th q1 q2 q3 q4 "
        "h1 h2 h calendar fiscal after day today tonight tomorrow morning afternoon evening night "
        "eod cob close business play first thing through maybe perhaps midnight noon midday am pm "
        "p m et gmt utc pt working trading thru midweek midyear eoy eom eow eob new turn".split()
    )
)
# A phrase that is only lead words once its time of day is dropped ("by midnight").
PREFIX_ONLY = re.compile(rf"(?:(?:{PREFIX})(?:\s|$))*")
