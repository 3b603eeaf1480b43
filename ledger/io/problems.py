"""Problems found while loading: the closed set of error codes, ``LoadError``, and where each was found.

Loading never raises on bad data: every problem is a ``LoadError`` value with
a stable ``code``, the file, the 1-based line, the field and a sentence that
says how to fix it. The integrity rules' codes and sentences come from
``ledger.core.integrity``, so ``Ledger`` and ``evaluate`` name the same codes.
"""

from __future__ import annotations

import re
from array import array
from typing import NamedTuple

import attrs

from ledger.core.errors import FieldValueError
from ledger.core.integrity import RULES

__all__ = ["ERROR_CODES", "SEVERITIES", "WARNING_CODES", "Checkpoint", "Collector", "FileLines", "LoadError"]

#: Every error code the loader can report, with what it means. Codes are
#: stable: scripts and tests match on them. docs/format.md lists the same set.
ERROR_CODES: dict[str, str] = {
    "file_not_found": "a path given to load does not exist",
    "unsupported_file": (
        "a file is not a .yaml/.yml ledger, commitments.csv or events.csv, or a folder's Parquet tables cannot be read"
    ),
    "no_ledger_files": "a folder holds no ledger files",
    "bad_encoding": "a file is not UTF-8 text",
    "empty_file": "a file holds no data",
    "yaml_syntax": "a YAML file cannot be parsed",
    "not_a_ledger": "a YAML document is not a mapping with 'commitments' and/or 'events'",
    "duplicate_key": "a YAML mapping names the same field twice",
    "missing_field": "a required field is absent or empty",
    "unknown_field": "a field or column the format does not have (often a typo)",
    "wrong_type": "a field holds a list where text is expected, or the reverse",
    "bad_date": "a date is not a real calendar date in a form ledger reads (YYYY-MM-DD, or the declared order)",
    "bad_id": "an id is not a slug of letters, digits, '.', '_' and '-'",
    "bad_url": "a source url is not an http(s) URL",
    "source_without_url": "a source has no url",
    "unreadable_deadline": "a deadline_means is not a phrase ledger can read",
    "recorded_too_early": "recorded_on is before the date the thing was said or happened",
    # The ledger's integrity rules, as Ledger and evaluate name them too.
    **{rule.code: rule.sentence for rule in RULES},
    "depends_on_invalid": "a record was left out because one it depends on has errors",
    "csv_missing_column": "a CSV file lacks a required column",
    "csv_ragged_row": "a CSV row has more or fewer cells than the header",
    "csv_syntax": "a CSV file cannot be read: a quote left open, or a cell longer than ledger reads",
    "csv_source_mismatch": "a CSV row lists different numbers of source urls and titles, quotes or dates",
    "bad_actor_kind": "an actor's kind is not one of person, government, company, organisation",
    "duplicate_actor": "two actors claim the same name or alias",
    "bad_setting": "a file's setting (such as its date order) has a value ledger does not know",
}

#: Every warning code: something a desk editor would query, which loses no
#: record. ``ledger check`` prints warnings and exits 0 unless ``--strict``.
WARNING_CODES: dict[str, str] = {
    "similar_actors": "two actor names differ only in case, spacing or punctuation, or one is the other's surname",
    "candidate": "a commitment is still tagged 'candidate': proposed by `ledger extract`, not yet confirmed",
    "csv_semicolons": "a CSV file is separated by semicolons; it was read, but other tools may not read it",
    "deadline_not_read": "a deadline is not a phrase ledger can read; the commitment is kept and judged unreadable",
}

#: How serious a problem is: an error leaves its record out; a warning leaves everything in.
SEVERITIES = ("error", "warning")


@attrs.frozen
class LoadError:
    """One problem found while loading, located in its file.

    >>> e = LoadError("bad_date", "l.yaml", 4, "stated_on", "'stated_on' is not a date: '2025-13-01'")
    >>> str(e)
    "l.yaml:4: 'stated_on' is not a date: '2025-13-01'"
    """

    code: str = attrs.field()
    path: str = attrs.field()
    line: int | None = attrs.field()
    field: str | None = attrs.field()
    message: str = attrs.field()
    #: The offending entry as written, echoed under the message by ``ledger check``.
    entry: str | None = attrs.field(default=None, eq=False, repr=False)
    #: "error" (the record is left out) or "warning" (nothing is left out).
    severity: str = attrs.field(default="error", kw_only=True)

    @code.validator
    def _known(self, attribute, value):
        if value not in ERROR_CODES and value not in WARNING_CODES:
            raise FieldValueError("code", "one of ledger.load.ERROR_CODES or WARNING_CODES", value)

    @severity.validator
    def _severity(self, attribute, value):
        if value not in SEVERITIES:
            raise FieldValueError("severity", "'error' or 'warning'", value)
        if (value == "warning") != (self.code in WARNING_CODES):
            raise FieldValueError("severity", f"the severity of code {self.code!r}", value)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {label}{self.message}"

    def to_dict(self) -> dict:
        """The problem as plain JSON-ready values: code, severity, path, line, field, message."""
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


_ENTRY_LIMIT = 12  # lines of an entry echoed under an error


class FileLines:
    r"""A file's text, split into lines only when an entry must be echoed, and then as offsets.

    ``breaks`` is where the file's format counts a new line. A list of the
    lines themselves would cost several times the text for a large file
    (a string object per line); an array of offsets costs 8 bytes a line.

    >>> import re
    >>> FileLines("a\nb\r\nc\n", re.compile("\r\n|[\n\r]")).between(2, 3)
    ['b', 'c']
    """

    def __init__(self, text: str, breaks: re.Pattern[str]) -> None:
        self.text = text
        self.breaks = breaks
        self._starts: array[int] | None = None

    def between(self, first: int, last: int) -> list[str]:
        """Lines ``first`` to ``last`` (1-based, inclusive), without their line breaks."""
        if self._starts is None:
            self._starts = array("q", [0])
            self._starts.extend(m.end() for m in self.breaks.finditer(self.text))
        starts, text = self._starts, self.text
        count = len(starts) - (1 if starts[-1] == len(text) else 0)  # a final line break ends the last line
        lines = []
        for number in range(max(first, 1), min(last, count) + 1):
            start = starts[number - 1]
            end = starts[number] if number < len(starts) else len(text)
            found = self.breaks.search(text, start, end)
            lines.append(text[start : found.start() if found else end])
        return lines


def _entry_text(lines: FileLines, first: int, last: int) -> str | None:
    """The lines of one entry: from its first line while lines are indented deeper.

    YAML marks an entry's end where the next one starts, so the span alone
    would echo the next entry's first line too.
    """
    chunk = lines.between(first, min(last, first + _ENTRY_LIMIT - 1))
    if not chunk:
        return None
    head = chunk[0]
    depth = len(head) - len(head.lstrip(" "))
    kept = [head]
    for line in chunk[1:]:
        stripped = line.lstrip(" ")
        if stripped and len(line) - len(stripped) <= depth:
            break
        kept.append(line)
    return "\n".join(kept).rstrip() or None


class Checkpoint(NamedTuple):
    """How much a ``Collector`` held at one moment (``Collector.checkpoint``)."""

    errors: int
    warnings: int
    titles: int
    actors: int


class Collector:
    r"""The errors of one load, the text of each file (to echo entries) and the titles found.

    >>> import re
    >>> out = Collector()
    >>> out.lines["l.yaml"] = FileLines("commitments:\n  - id: a\n    actor: X\n", re.compile("\n"))
    >>> out.add("missing_field", "l.yaml", 2, "text", "commitment 'a' has no 'text'", (2, 3))
    >>> print(out.errors[0].entry)
      - id: a
        actor: X
    """

    def __init__(self, *, dates: str | None = None) -> None:
        self.errors: list[LoadError] = []
        self.warnings: list[LoadError] = []
        self.lines: dict[str, FileLines] = {}
        self.titles: list[str] = []
        #: The actors declared in the files read, in reading order (None: one with errors).
        self.actors: list = []
        #: The date order given for every file ("mdy", "dmy"; None: ISO only), and the files that declare their own.
        self.dates = dates
        self.file_dates: dict[str, str] = {}
        #: Per file, the bad_date errors (index, value) a declared date order would read.
        self.undeclared_dates: dict[str, list[tuple[int, str]]] = {}

    def checkpoint(self) -> Checkpoint:
        """What has been collected so far, for ``rollback``."""
        return Checkpoint(len(self.errors), len(self.warnings), len(self.titles), len(self.actors))

    def rollback(self, to: Checkpoint) -> None:
        """Forget what was collected since ``to``: a file that turned out unreadable part-way gives one error only."""
        del self.errors[to.errors :], self.warnings[to.warnings :]
        del self.titles[to.titles :], self.actors[to.actors :]
        for path, unread in list(self.undeclared_dates.items()):
            self.undeclared_dates[path] = [(index, raw) for index, raw in unread if index < to.errors]

    def date_order(self, path: str) -> str | None:
        """The date order of a file: its own setting, else the one given for all files."""
        return self.file_dates.get(path, self.dates)

    def add(
        self,
        code: str,
        path: str,
        line: int | None,
        field: str | None,
        message: str,
        entry_span: tuple[int, int] | None = None,
    ) -> None:
        """Record one error; with ``entry_span`` (first and last line), echo the entry it is about."""
        entry = None
        if entry_span and path in self.lines:
            entry = _entry_text(self.lines[path], *entry_span)
        self.errors.append(LoadError(code, path, line, field, message, entry))

    def warn(self, code: str, path: str, line: int | None, field: str | None, message: str) -> None:
        """Record one warning: something to query, which leaves every record in the ledger."""
        self.warnings.append(LoadError(code, path, line, field, message, severity="warning"))
