"""The ``ledger`` command: thin subcommands over the library's functions.

``python -m ledger`` runs the same ``main``. Each subcommand is one function
that takes the parsed arguments and returns the exit status; they live in
``reading`` (check, tables, parse, extract), ``judging`` (evaluate, partition,
report) and ``studies`` (agree, expect), over what ``common`` shares, and
``app`` builds the parser and holds ``main``, which keeps every traceback from a user.
"""

from ledger.cli.app import build_parser, main

__all__ = ["build_parser", "main"]
