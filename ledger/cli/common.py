"""What the subcommands share: exit statuses, loading with located errors, progress, shared arguments."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ledger.core.formats import plural
from ledger.io.entries import DATE_ORDERS, DATE_RANGE_HINT, FIRST_DATE, LAST_DATE
from ledger.io.loader import LoadResult, load
from ledger.io.parquet import COMMITMENTS_FILE, MixedTablesError, read_arrow

#: The exit statuses, documented in the README and in `ledger --help`.
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_BUG = 70  # an error inside ledger itself (EX_SOFTWARE): the message asks for a report
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_CLOSED_PIPE = 141  # the reader of the output went away, as `| head` does (128 + SIGPIPE)

EXIT_CODES_HELP = """exit status:
  0    done; no errors (warnings alone are fine unless --strict)
  1    the ledger has errors (or warnings, with check --strict), a deadline cannot be read,
       or a file cannot be read or written
  2    the command line is wrong: an unknown option or column, a bad date, a missing argument
  70   an error inside ledger itself; please report it with the command that caused it
  130  interrupted (Ctrl-C)
  141  the output was closed before it was all written (e.g. piped into head)"""


def print_errors(result: LoadResult, stream) -> None:
    """Every error and warning, in file order, each followed by its entry as written."""
    for error in result.problems:
        print(printable(str(error)), file=stream)
        if error.entry:
            # Lines end at '\n' only, as the files are read: a U+2028 in a value is not a line break.
            for line in error.entry.split("\n"):
                print(f"    {printable(line.rstrip(chr(13)))}", file=stream)
            print(file=stream)


# Control characters, and the ones that reorder or break lines on a terminal: a file's
# data must not move the cursor, colour the text or forge a line of the output.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control and bidirectional characters shown as escapes, for a terminal.

    >>> print(printable("red \\x1b[31m text"))
    red \\x1b[31m text
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def load_checked(
    paths: Sequence[str], *, allow_errors: bool, refused: str, dates: str | None = None
) -> LoadResult | None:
    """Load ledger files and print their problems; None when there are errors and they are not allowed.

    ``refused`` says what the command did not do, e.g. "nothing written".
    Warnings are printed and never stop the command.
    """
    result = load(*paths, dates=dates)
    if result.errors or result.warnings:
        print_errors(result, sys.stderr)
    if result.errors and not allow_errors:
        print(
            f"{result.summary()}; {refused} (fix them, or pass --allow-errors to use the valid part)",
            file=sys.stderr,
        )
        return None
    return result


def print_unreadable(exc, refused: str) -> None:
    """Every deadline evaluation could not read, then what was not done."""
    for cid, message in exc.errors.items():
        print(f"{cid}: {message}", file=sys.stderr)
    print(f"{plural(len(exc.errors), 'deadline')} cannot be read; {refused}", file=sys.stderr)


def date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r}; write it as YYYY-MM-DD") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise argparse.ArgumentTypeError(f"{text} is too far: {DATE_RANGE_HINT}")
    return day


class Progress:
    """Stage-by-stage progress on stderr, shown for long runs or at a terminal."""

    def __init__(self, stages: Sequence[str], *, show: bool):
        self.stages, self.show, self.done = list(stages), show, 0
        self.started = time.perf_counter()

    def step(self, what: str = "") -> None:
        if self.show:
            width = 20
            filled = width * self.done // len(self.stages)
            bar = "#" * filled + "-" * (width - filled)
            label = self.stages[self.done] if self.done < len(self.stages) else "done"
            elapsed = time.perf_counter() - self.started
            print(
                f"\r[{bar}] {self.done}/{len(self.stages)} {label} {what} ({elapsed:.1f}s)".ljust(78),
                end="",
                file=sys.stderr,
                flush=True,
            )
        self.done += 1

    def close(self) -> None:
        if self.show:
            print(file=sys.stderr)


def load_for_evaluation(paths: Sequence[str], *, allow_errors: bool, dates: str | None = None):
    """Ledger files (checked) or a folder of Parquet tables written by `ledger tables`."""
    if len(paths) == 1 and (Path(paths[0]) / COMMITMENTS_FILE).exists():
        try:
            return read_arrow(paths[0]), None
        except MixedTablesError as exc:
            print(f"ledger: {exc}; nothing evaluated", file=sys.stderr)
            return None, None
    result = load_checked(paths, allow_errors=allow_errors, refused="nothing evaluated", dates=dates)
    return (None, None) if result is None else (result.ledger, result)


def by_columns(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def left_out_lines(verdicts) -> list[str]:
    """What `evaluate` and `report` say they did not judge: unconfirmed candidates and unreadable deadlines."""
    lines = []
    candidates = int(verdicts.attrs.get("candidates_left_out", 0))
    if candidates:
        lines.append(
            f"left out: {plural(candidates, 'unconfirmed candidate')} (tagged 'candidate' by ledger extract); "
            "confirm each and remove the tag, or pass --include-candidates to count them"
        )
    unreadable = verdicts[verdicts["status"] == "unreadable"]
    if len(unreadable):
        lines.append(
            f"not judged: {plural(len(unreadable), 'commitment')} whose deadline could not be read "
            "(status unreadable, left out of every rate); give each a deadline_means with your reading:"
        )
        lines += [f"  {cid}: “{phrase}”" for cid, phrase in zip(unreadable["id"], unreadable["deadline"])]
    return lines


def dates_argument(command: argparse.ArgumentParser) -> None:
    """--dates: the order of dates written 1/29/2025, for every file that does not declare its own."""
    command.add_argument(
        "--dates",
        choices=DATE_ORDERS,
        help="read dates like 1/29/2025 as month/day/year (mdy) or day/month/year (dmy), in files that do not "
        "declare their own order; ISO dates (2025-01-29) are read either way",
    )


def engine_arguments(command, dask_does: str) -> None:
    """--engine local|dask and --scheduler ADDRESS, for the commands that can run on Dask workers."""
    command.add_argument(
        "--engine", choices=("local", "dask"), default="local", help=f"'dask': {dask_does} (default: this process)"
    )
    command.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --engine dask: a running Dask scheduler (default: a local cluster)"
    )


def known_as_of_argument(command: argparse.ArgumentParser) -> None:
    """--known-as-of: judge with only what had been recorded by a day."""
    command.add_argument(
        "--known-as-of",
        type=date,
        metavar="DATE",
        help="ignore commitments and events recorded after this day (what could be known then)",
    )


def judging_arguments(command: argparse.ArgumentParser, paths_help: str) -> None:
    """The arguments every command that judges commitments as of a date takes."""
    command.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    dates_argument(command)
    command.add_argument("--as-of", type=date, metavar="DATE", help="judge as of this day (default: today)")
    known_as_of_argument(command)
    command.add_argument(
        "--level",
        choices=("commitment", "chain"),
        default="commitment",
        help="count each commitment, or each chain of resets once (default: commitment)",
    )


def trust_arguments(command: argparse.ArgumentParser) -> None:
    """What `evaluate` and `report` judge: unreadable deadlines and unconfirmed candidates."""
    command.add_argument(
        "--strict",
        action="store_true",
        help="refuse to judge anything while a deadline cannot be read (default: judge the rest and list those "
        "as unreadable)",
    )
    command.add_argument(
        "--include-candidates",
        action="store_true",
        help="count entries still tagged 'candidate' by ledger extract (default: leave them out, and say how many)",
    )
