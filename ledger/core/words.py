"""Word tables for dates and numbers in English prose: one table per vocabulary.

The deadline grammar, the statement-date reader of the extractor, the house
date formats and the sentence splitter all read month, weekday and number
words from here, so "Sept." or "Thurs" means the same thing everywhere.
Keys are lower case, as written in prose, without a dot.

>>> MONTHS["sept"], WEEKDAYS["thurs"], MONTH_NAMES[9], WEEKDAY_NAMES[3]
(9, 3, 'October', 'Thursday')
>>> ONES["seven"] + TEENS["twelve"] + TENS["forty"], ORDINALS["third"]
(59, 3)
"""

from __future__ import annotations

__all__ = [
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES",
    "ONES",
    "ORDINALS",
    "TEENS",
    "TENS",
    "WEEKDAYS",
    "WEEKDAY_ABBREVIATIONS",
    "WEEKDAY_NAMES",
]

#: Month names, January first: ``MONTH_NAMES[month - 1]``.
MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: Weekday names, Monday first, as ``date.weekday()`` counts: ``WEEKDAY_NAMES[day.weekday()]``.
WEEKDAY_NAMES: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: The short forms newsrooms write for months (AP style: "Oct. 31", "Sept. 11"), -> 1..12.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

#: The short forms of weekdays, -> 0 (Monday) .. 6.
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tues": 1, "tue": 1, "weds": 2, "wed": 2,
    "thurs": 3, "thur": 3, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip

#: Every month word, lower case -> 1..12.
MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    **MONTH_ABBREVIATIONS,
}

#: Every weekday word, lower case -> 0 (Monday) .. 6 (Sunday).
WEEKDAYS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(WEEKDAY_NAMES)},
    **WEEKDAY_ABBREVIATIONS,
}

# Number words, in the pieces that compose: "forty five" = TENS + ONES.
ONES: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
#: "fourty" is a misspelling common enough in transcripts to read.
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
#: Ordinal words up to the days of a month; "twenty first" = TENS + ORDINALS.
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
