"""The ``ledger`` command: thin subcommands over the library's functions.

``python -m ledger`` runs the same ``main``. Each subcommand is one function
that takes the parsed arguments and returns the exit status.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ledger._version import __version__
from ledger.load import LoadResult, load
from ledger.tables import write_tables

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _print_errors(result: LoadResult, stream) -> None:
    for error in result.errors:
        print(str(error), file=stream)
        if error.entry:
            for line in error.entry.splitlines():
                print(f"    {line}", file=stream)
            print(file=stream)


def cmd_check(args: argparse.Namespace) -> int:
    """Load the ledger files and report every problem."""
    result = load(*args.paths)
    if args.json:
        print(json.dumps([e.to_dict() for e in result.errors], indent=2, ensure_ascii=False))
    else:
        _print_errors(result, sys.stderr)
        print(result.summary(), file=sys.stderr if result.errors else sys.stdout)
    return EXIT_PROBLEMS if result.errors else EXIT_OK


def cmd_tables(args: argparse.Namespace) -> int:
    """Load the ledger and write commitments.parquet and events.parquet."""
    result = load(*args.paths)
    if result.errors:
        _print_errors(result, sys.stderr)
        if not args.allow_errors:
            print(
                f"{result.summary()}; nothing written (fix them, or pass --allow-errors to write the valid part)",
                file=sys.stderr,
            )
            return EXIT_PROBLEMS
    written = write_tables(result.ledger, args.out)
    print(result.summary())
    for name, path in written.items():
        print(f"wrote {path}")
    return EXIT_PROBLEMS if result.errors else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ledger`` command (one subparser per subcommand)."""
    parser = argparse.ArgumentParser(
        prog="ledger",
        description="Record commitments with deadlines, check them, and measure follow-through.",
        epilog="Run 'ledger COMMAND --help' for a command's options. Docs: docs/format.md.",
    )
    parser.add_argument("--version", action="version", version=f"ledger {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="report every problem in ledger files",
        description="Load ledger files (YAML, commitments.csv/events.csv, or folders of them) and print "
        "every problem as 'path:line: message' followed by the entry. Exits 1 if there is any problem.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="ledger file or folder")
    check.add_argument("--json", action="store_true", help="print the errors as a JSON list of {code, path, line, field, message}")
    check.set_defaults(run=cmd_check)

    tables = commands.add_parser(
        "tables",
        help="write the ledger as Parquet tables",
        description="Load ledger files and write commitments.parquet and events.parquet (atomically) to --out. "
        "Refuses to write while the ledger has problems, unless --allow-errors.",
    )
    tables.add_argument("paths", nargs="+", metavar="PATH", help="ledger file or folder")
    tables.add_argument("--out", required=True, metavar="DIR", help="folder to write the tables to (created if needed)")
    tables.add_argument("--allow-errors", action="store_true", help="write the valid part even if some entries have problems")
    tables.set_defaults(run=cmd_tables)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``ledger`` command with ``argv`` (default: the process arguments)."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
