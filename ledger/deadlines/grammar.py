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

import functools
import re
from typing import NamedTuple

from ledger.core.words import MONTH_NAMES, MONTHS, ONES, ORDINALS, TEENS, TENS, WEEKDAYS
from ledger.deadlines.lexicon import (
    ALIASES,
    HOLIDAYS,
    OPEN,
    PART_WORDS,
    PREFIX_WORDS,
    QUARTER_ORD,
    SEASONS,
    SPELLINGS,
    SUFFIX_WORDS,
    UNITS,
    VAGUE,
)

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


# A year and a month or quarter in the order newsrooms and filings write them:
# "2025-10", "2025/10" (not "2025-10-31", a day) and "2026Q1", "2026-Q1".
YEAR_MONTH = re.compile(r"\b(\d{4})[-/](0?[1-9]|1[0-2])\b(?![-/.,]?\d)")
YEAR_QUARTER = re.compile(r"\b(\d{4})[\s-]?q([1-4])\b")


def year_first(text: str) -> str:
    """A normalised phrase with year-first months and quarters in the order the grammar reads.

    The reader tries this only when nothing reads a phrase as it is, so the
    common path pays nothing for a rare form.

    >>> year_first("by 2025-10"), year_first("2026 q1"), year_first("2025-10-31")
    ('by october 2025', 'q1 2026', '2025-10-31')
    """
    text = YEAR_MONTH.sub(lambda m: f"{MONTH_NAMES[int(m[2]) - 1].lower()} {m[1]}", text)
    return YEAR_QUARTER.sub(r"q\2 \1", text)


def normalize(phrase: str) -> str:
    """Fold case, quotes, dashes and meaningless punctuation; collapse spaces.

    >>> normalize("By the 4th qtr,"), normalize("2026Q1")
    ('by the 4th quarter', '2026 q1')
    """
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


ALIAS = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(ALIASES, key=len, reverse=True)) + r")\b")


_SMALL = "|".join(word for word, n in {**ONES, **TEENS}.items() if n <= 12)
# "two-three weeks" is a range; "twenty-one" is a number and is left alone.
WORD_RANGE = re.compile(rf"\b({_SMALL})-({_SMALL}|twenty|thirty|forty|fifty|sixty)\b")

# --------------------------------------------------------------------------
# Word tables (months, weekdays and number words are ledger.core.words')
# --------------------------------------------------------------------------


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
# A zone's name may be spelled out ("Eastern Time", "Pacific Daylight Time"): taken whole, or "time" would be
# left behind as a phrase of its own ("by 6 p.m. Eastern time" read as "by time", no deadline at all).
TIME_ZONE = (
    r"(?:et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt|gmt|utc|bst|cet|cest"
    r"|(?:eastern|central|mountain|pacific|atlantic|alaska|hawaii)(?:\s(?:standard|daylight))?\stime"
    r"|eastern|pacific|local\stime)"
)
TIME_OF_DAY = re.compile(
    rf"""
    (?:\b(?:at|on)\s(?=(?:the\s)?(?:midnight|noon|midday|\d)))?   # 'at noon', 'on 5 pm' ('by' stays: it is the lead)
    (?:\b(?:the\s)?
      (?:midnight|noon|midday                                     # midnight Sunday = the end of Sunday (AP style)
        |\d{{1,2}}(?:\s[0-5]\d)?\s?(?:a\sm|p\sm|am|pm)\b         # 5 pm, 5 p.m., 11:59 p.m.
        |\d{{1,2}}\soclock\b                                      # 12 o'clock
        |\d{{1,2}}\s[0-5]\d(?=\s{TIME_ZONE}\b)                     # 17:00 GMT
        |(?:0\d|(?<!\bwithin\s)(?<!\bin\s)(?<!\bfor\s)(?<!\bover\s)(?<!\bnext\s)(?<!\banother\s)(?:1\d|2[0-3]))
          [0-5]\d\sh(?:ou)?rs?\b                                   # by 1700 hours, at 0900 hrs: not a length
        |(?<!\bwithin\s)(?<!\bin\s)(?<!\bfor\s)2400\sh(?:ou)?rs?\b       # by 2400 hours: midnight
        |(?:end|close)\sof\s(?:the\s)?(?:business\s|working\s|trading\s)?day   # end of (the business) day
        |(?:end|close)\sof\s(?:business|play|trading)            # close of business
        |eod|cob)
      (?:\s{TIME_ZONE}\b)?                                         # 5 pm ET
      (?:\s(?:on|of|at)(?=\s))?                                      # 'on Friday', 'at the end of the day on Friday'
    )
    """,
    re.VERBOSE,
)

# Every TIME_OF_DAY match holds one of these: a word, or a digit before "am"/"pm" or a
# time zone. A number alone ("in 2 weeks") is no time of day.
_TIME_SCREEN = re.compile(
    rf"midnight|noon|midday|end\sof|close\sof|eod|cob|\d\s?(?:a\sm|p\sm|am|pm)\b|\d\s{TIME_ZONE}\b|\d\soclock\b"
    r"|\d{4}\sh(?:ou)?rs?\b"
)


def may_hold_a_time(norm: str) -> bool:
    """False when TIME_OF_DAY cannot match (a cheap screen before the full search)."""
    return _TIME_SCREEN.search(norm) is not None


# A clock time in words as said, before normalising: "5 p.m.", "5pm", "12:01", "midnight", "noon", "midday".
CLOCK_SAID = re.compile(r"\d\s?[ap]\.?\s?m\b|\d:\d\d|\bmidnight\b|\bnoon\b|\bmidday\b", re.IGNORECASE)


def time_of_day_alone(phrase: str) -> bool:
    """True when ``phrase`` says a time of day and nothing else: no lead word (not even "at"), no day.

    >>> time_of_day_alone("7 a.m. Eastern Time"), time_of_day_alone("noon")
    (True, True)
    >>> time_of_day_alone("at noon"), time_of_day_alone("by 5 p.m."), time_of_day_alone("noon Friday")
    (False, False, False)
    """
    norm = normalize(phrase)
    return may_hold_a_time(norm) and not norm.startswith(("at ", "on ")) and TIME_OF_DAY.fullmatch(norm) is not None


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

PART = _alt(PART_WORDS)
REL = r"(?:this\scoming|the\scoming|the\snext|the\sfollowing|the\scurrent|this|next|coming|following|the|current)"

# A calendar period, optionally qualified by a part ("early", "end of", ...).
PERIOD = rf"""
    (?:(?P<p_part>{PART})\s(?:in\s)?(?:the\s)?)?     # early / mid / end of / the first half of ...
    (?:
        (?P<p_mrel>{REL})?\s?(?P<p_month>{MONTH})(?:\s(?:of\s)?(?P<p_my>{YEAR_SPEC}))?   # May, next May, May 2026
      | (?P<p_year>\d{{4}})                                                 # 2026
      | (?:(?P<p_yrel>{REL})\s)?(?:calendar\s)?year(?P<p_yafter>\safter\snext)?   # this year, next year, year
      | (?:(?P<p_srel>{REL})\s)?(?P<p_season>spring|summer|autumn|fall|winter)   # summer, next summer,
        (?:\s(?:of\s)?(?P<p_sy>{YEAR_SPEC})(?:-(?P<p_sy_end>\d{{4}}|\d{{2}}))?)?      #   winter 2026-27
      | q(?P<p_qn>[1-4])(?:\s(?:of\s)?(?P<p_qy>{YEAR_SPEC}))?                  # Q3, Q3 2026
      | (?:the\s)?(?P<p_qord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\squarter   # the third quarter
        (?:\s(?:of\s)?(?:the\s)?(?P<p_qy2>{YEAR_SPEC}|year))?                          #   of next year
      | (?:(?P<p_qrel>{REL})\s)?quarter                                      # this quarter, next quarter
      | h(?P<p_hn>[12])(?:\s(?:of\s)?(?P<p_hy>{YEAR_SPEC}))?                   # H1 2026
      | (?:the\s)?(?P<p_hord>first|second|back|latter)\shalf                    # the second half
        (?:\s(?:of\s)?(?P<p_hy2>{YEAR_SPEC}))?                                  #   of 2026
      | (?P<p_newyear>(?:the\s)?new\syear)                # early in the new year: the year that starts next
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
        (?:next\s)?(?P<r_between>between\s)?(?P<r_a>{NUMBER})                       # (between) two
        (?:\s(?:more\s)?(?P<r_aunit>{UNIT})(?P<r_ahalf>\sand\sa\shalf)?)?             #   weeks
        \s?(?:\sor\s|\sto\s|\sthrough\s|\sor\smaybe\s|\sor\sperhaps\s|-              #   or, to, -
          |(?(r_between)\sand\s|(?!)))\s?                                          #   'and' only after 'between'
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
        (?:the\s|this\s(?:coming\s)?)?(?P<hol>{_alt(HOLIDAYS)})(?:\s(?:of\s)?(?P<hol_y>{YEAR_SPEC}))?
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
            (?P<wo_ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s          # the first week of November
            (?P<wo_unit>week|weekend)\s(?:of|in)\s(?:the\s)?
            (?:(?P<wo_month>{MONTH})(?:\s(?:of\s)?(?P<wo_y>{YEAR_SPEC}))?|(?P<wo_rel>this|next|the)\smonth)
          | (?P<wo_what>week|weekend)\s(?:of|starting|beginning)\s(?P<wo_day>.+)     # the week of October 20
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


# --------------------------------------------------------------------------
# A phrase that opens with a number: what may follow, and what may not end it (the finder's screen)
# --------------------------------------------------------------------------

# Read from the grammar above, branch by branch: a normalised phrase whose first word is a
# number of digits alone reads only when its second word is one of these. Generous on purpose:
# a word here costs a reading, a word missing would lose a deadline.
_AFTER_A_NUMBER = (
    frozenset(
        "and more short long full whole"  # duration: 2 and a half weeks, 3 more weeks
        " or to through"  # range, and _EITHER: 2 or 3 weeks, 2026 or 2027, 2 weeks or so
        " of from after following"  # day_month (31 of october), a length from a day (2 weeks from friday)
        " until till"  # _DAYS_OF_MONTH: 13 until 15 july
        " end s"  # period: 2026 end
        " us"  # an event after its year: the 2026 us midterms
        " q1 q2 q3 q4"  # year_first: 2026 q1
        " st nd rd th"  # a day's suffix said apart
        " a p am pm oclock"  # TIME_OF_DAY from the number: 5 pm, 5 a m, 12 oclock
        " at on the midnight noon midday end close eod cob".split()  # TIME_OF_DAY after it: 2026 at noon
    )
    | frozenset(key.split()[0] for table in (UNITS, SUFFIX_WORDS, ALIASES, HOLIDAYS) for key in table)
    | frozenset(MONTHS)  # day_month: 31 october
    | frozenset(WEEKDAYS)
)
# Second words with which a time of day may take the number itself ("5 pm", "5 a m", "12 oclock").
_TIME_AFTER_A_NUMBER = frozenset("a p am pm oclock hours hrs hour hr".split())  # 1700 hours: 5 pm
# Words no core rule ends with: each is followed by what it leads to. A phrase may still end
# with a trailing word ("from now on", "or before"), an open phrase ("from now on") or a time
# of day it drops ("by midnight": "by today"); those words are taken out below.
_LEADING = frozenset(
    "the a an of or and to by in within for from at on with between until till before after than".split()
)
_DIGITS_ALONE = re.compile(r"\d+")


class NumberScreen(NamedTuple):
    """What a readable phrase that opens with a number of digits alone may hold (see ``number_screen``)."""

    #: The words that may come second.
    follows: frozenset[str]
    #: The words it never ends with, once its second word is a word that is no time of day's.
    never_last: frozenset[str]
    #: Second words that may take the number into a time of day ("5 pm", "12 noon"): then ``never_last``
    #: says nothing ("5 pm by" is "by today").
    time_words: frozenset[str]


@functools.lru_cache(maxsize=8)
def number_screen(public_events: tuple[str, ...]) -> NumberScreen | None:
    """What a readable phrase that opens with a number of digits alone may hold, under a policy's
    public events; None when the tables or the events have a phrase of their own that opens with
    a number (then nothing is screened).

    Four claims the finder relies on, each from the grammar: such a phrase reads only if its
    number has at most four digits (no digit pattern takes more: a day has two, a year four);
    the number alone reads only with four digits (a year: ``PERIOD``'s ``p_year``); a longer
    phrase reads only if its second word is in ``follows`` (and "a" or "p" of "5 a m" is not its
    last); and when that second word is no time of day's (``time_words``), so the number stays,
    it never ends with a word of ``never_last`` ("2026 or", "31 the end of"): no rule's core ends
    so. tests/deadlines/test_deadlines_find.py checks them on every phrase of the test data and
    on random phrases.

    >>> screen = number_screen(())
    >>> "weeks" in screen.follows, "said" in screen.follows, "of" in screen.never_last
    (True, False, True)
    """
    names = [name.partition("=")[0].lower().split() for name in public_events]
    follows = _AFTER_A_NUMBER | {words[0] for words in names if words}
    tables = (SPELLINGS, ALIASES, HOLIDAYS, VAGUE, OPEN, PREFIX_WORDS, SUFFIX_WORDS, PART_WORDS, UNITS)
    time_words = set(_TIME_AFTER_A_NUMBER)
    for words in [key.split() for table in tables for key in table] + names:
        if words and _DIGITS_ALONE.fullmatch(words[0]):
            if len(words) < 2 or len(words[0]) > 4 or words[1] not in follows:
                return None  # "12 noon" is a number and a word the set holds; any other would need its own look
            time_words.add(words[1])  # "12 noon" is "noon": the number goes, as in "5 pm"
    # A phrase may end with whatever ends a table's phrase or an event's name, and an alias that
    # ends with a leading word must stay one once rewritten ("week end of" is "weekend of").
    ends = {words[-1] for words in names if words} | {
        key.split()[-1] for table in (SPELLINGS, HOLIDAYS, VAGUE, OPEN, SUFFIX_WORDS, UNITS) for key in table
    }
    ends |= {
        key.split()[-1] for key, value in ALIASES.items() if value.split()[-1:] and value.split()[-1] not in _LEADING
    }
    return NumberScreen(frozenset(follows), _LEADING - ends, frozenset(time_words))
