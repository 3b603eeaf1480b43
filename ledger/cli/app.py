"""The ``ledger`` command's parser and ``main``: every subcommand, and no traceback ever reaches a user."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ledger._version import __version__
from ledger.cli.adding import add_adding
from ledger.cli.browsing import add_browsing  # show, list, diff, export
from ledger.cli.common import (
    EXIT_BUG,
    EXIT_CLOSED_PIPE,
    EXIT_CODES_HELP,
    EXIT_INTERRUPTED,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    by_columns,
)
from ledger.cli.judging import add_evaluate, add_partition, add_report
from ledger.cli.reading import add_check, add_extract, add_parse, add_tables
from ledger.cli.studies import add_agree, add_expect
from ledger.core.integrity import IntegrityError
from ledger.io.grouping import TAG_COLUMN
from ledger.io.parquet import TableFormatError
from ledger.io.results import VERDICTS_SCHEMA
from ledger.verdicts.over_time import TIME_VARYING_COLUMNS


def argument_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with arguments argparse cannot judge alone (the columns of --by), or None."""
    if args.command != "evaluate" or not args.by:
        return None
    known = [*VERDICTS_SCHEMA.names, TAG_COLUMN]
    for name in by_columns(args.by):
        if name not in known:
            guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"; did you mean {guess[0]!r}?" if guess else ""
            return f"--by: there is no column {name!r} to group by{hint} (columns: {', '.join(known)})"
    named = by_columns(args.by)
    twice = sorted({name for name in named if named.count(name) > 1})
    if twice:
        return f"--by names {', '.join(repr(n) for n in twice)} more than once: name each column once"
    varying = [name for name in named if name in TIME_VARYING_COLUMNS]
    if varying and getattr(args, "over_time", None):
        return (
            f"--over-time cannot group by {', '.join(repr(n) for n in varying)}: it changes from one date to the "
            "next (a commitment pending in March is kept in June); group by actor, topic or tag"
        )
    if TAG_COLUMN in by_columns(args.by) and args.level == "chain":
        return "--by tag counts each commitment once per tag, which has no meaning for a chain: use --level commitment"
    return None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ledger`` command (one subparser per subcommand)."""
    parser = argparse.ArgumentParser(
        prog="ledger",
        description="Record commitments with deadlines, check them, and measure follow-through.",
        epilog="Run 'ledger COMMAND --help' for a command's options. Docs: docs/format.md.\n\n" + EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ledger {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_check(commands)
    add_tables(commands)
    add_evaluate(commands)
    add_partition(commands)
    add_report(commands)
    add_parse(commands)
    add_extract(commands)
    add_agree(commands)
    add_expect(commands)
    add_adding(commands)
    add_browsing(commands)  # show, list, diff, export
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``ledger`` command with ``argv`` (default: the process arguments).

    Returns the exit status (``EXIT_CODES_HELP``); no traceback reaches the user.
    """
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 with a usage line on a bad argument
    problem = argument_problem(args)
    if problem is not None:
        print(f"ledger {args.command}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        status = int(args.run(args))
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except BrokenPipeError:
        silence_stdout()
        return EXIT_CLOSED_PIPE
    except KeyboardInterrupt:
        # An interrupt between renames finishes the set, so "nothing replaced" could be false.
        print("ledger: interrupted; no output was left half written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        # A folder that does not exist, a file where a folder should be, no
        # permission, a full disk: the user's to fix, so a sentence, not a traceback.
        print(f"ledger: {os_problem(exc)}; nothing was replaced", file=sys.stderr)
        return EXIT_PROBLEMS
    except UnicodeDecodeError as exc:
        print(f"ledger {args.command}: a file is not UTF-8 text ({exc.reason} at byte {exc.start})", file=sys.stderr)
        return EXIT_PROBLEMS
    except TableFormatError as exc:
        # A Parquet table that is damaged or of another version, met by any command that reads tables.
        print(f"ledger {args.command}: {exc}; nothing was replaced", file=sys.stderr)
        return EXIT_PROBLEMS
    except IntegrityError as exc:
        # Ledger files are checked as they load, so this is a folder of tables another tool wrote or edited.
        print(
            f"ledger {args.command}: {exc}; the tables break a rule of the ledger: `ledger check` on their "
            "folder lists every problem; nothing was replaced",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    except Exception as exc:  # the last line of defence: a sentence, never a traceback
        if os.environ.get("LEDGER_TRACEBACK"):
            raise
        print(
            f"ledger {args.command}: internal error ({type(exc).__name__}: {exc}); this is a bug in ledger: "
            "please report it with the command you ran (LEDGER_TRACEBACK=1 shows the details)",
            file=sys.stderr,
        )
        return EXIT_BUG


def silence_stdout() -> None:
    """Point stdout at nothing, so the interpreter's flush at exit cannot raise BrokenPipeError again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def os_problem(exc: OSError) -> str:
    """'out/report.html: No such file or directory', naming the file the user asked for.

    Atomic writes go through a temporary file '.NAME.XXXX.tmp' beside the
    target; the user never named it, so the message names NAME instead.

    >>> os_problem(FileNotFoundError(2, "No such file or directory", "/x/.r.html.ab12.tmp"))
    '/x/r.html: No such file or directory'
    >>> os_problem(IsADirectoryError(21, "Is a directory", "/..ab12.tmp"))
    '/: Is a directory'
    """
    name = exc.filename
    if name is None:
        return exc.strerror or str(exc)
    path = Path(name)
    if path.name.startswith(".") and path.name.endswith(".tmp") and path.name.count(".") >= 3:
        named = path.name[1:].rsplit(".", 2)[0]
        # '-o /' names a folder with no file name: its temporary file is '/..XXXX.tmp', and the user named '/'.
        path = path.with_name(named) if named else path.parent
    return f"{path}: {exc.strerror or exc}"
