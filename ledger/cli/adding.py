"""Subcommands that write a ledger: add (a commitment or an event, safely alongside other writers) and convert."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

import attrs

from ledger.cli.common import EXIT_OK, EXIT_PROBLEMS, date, dates_argument, print_errors, printable
from ledger.core.formats import short_date
from ledger.core.records import Event
from ledger.core.vocabulary import EVENT_TYPES
from ledger.io.append import LOCK_WAIT, Appended, append_commitment, append_event

ADD_COMMITMENT_EXAMPLE = """example:
  ledger add commitment desk.yaml --id bridge-reopening --actor "Mayor Ada Example" \\
      --said-on 2025-03-03 --deadline "in two weeks or so" --text "Reopen the Old Bridge to cars" \\
      --url https://example.org/news/bridge --title "Mayor: bridge open in two weeks" --topic transport

The entry is checked as `ledger check` checks it and appended to the end of the
file's commitments (YAML), or as a row of commitments.csv (a CSV pair: give its
folder or one of its files); nothing else in the file changes. Then its due window
and its verdict as of today (or --as-of) are printed. Several people may add to
one ledger at once: each add waits for the others (--wait)."""

ADD_EVENT_EXAMPLE = """example:
  ledger add event desk.yaml bridge-reopening --type fulfilled --on 2025-03-14 \\
      --url https://example.org/news/bridge-open --note "The bridge reopened to cars."

The event goes to the end of the file's top-level events: list (YAML), or as a row
of events.csv (a CSV pair). Its commitment's window and verdict are printed back."""


CONVERT_EXAMPLE = """examples:
  ledger convert desk.yaml desk-csv/          # writes desk-csv/commitments.csv, events.csv, actors.csv
  ledger convert desk-csv/ desk.yaml --force  # and back, replacing desk.yaml

The output is read back before it is written: if any entry would not come back
the same (a value holding ' | ' cannot go into a CSV cell), nothing is written
and the entry is named. A CSV pair has no place for a YAML file's title and
description: they are left out, and said so."""


def _common_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--url", required=True, help="the source: where it was said or reported (http or https)")
    command.add_argument("--title", help="the source's title")
    command.add_argument("--quote", help="the words quoted from the source")
    command.add_argument("--recorded-on", metavar="DATE", help="when the desk learned of it, if later (YYYY-MM-DD)")
    command.add_argument("--as-of", type=date, metavar="DATE", help="print the verdict as of this day (default: today)")
    command.add_argument("--json", action="store_true", help="print the entry, its window and its verdict as JSON")
    command.add_argument(
        "--wait",
        type=float,
        default=LOCK_WAIT,
        metavar="SECONDS",
        help=f"how long to wait for another writer of the ledger to finish (default: {LOCK_WAIT:g})",
    )
    command.add_argument(
        "--ledger",
        metavar="DIR",
        help="the ledger folder FILE belongs to: check the entry against all of its files "
        "(default: FILE alone, or its CSV pair)",
    )
    dates_argument(command)


def add_adding(commands) -> None:
    """Register `add commitment`, `add event` and `convert`."""
    add = commands.add_parser(
        "add",
        help="add a commitment or an event to a ledger file, checked, without touching the rest of the file",
        description="Add one commitment or one event to a YAML ledger or a CSV pair.",
        epilog=ADD_COMMITMENT_EXAMPLE.split("\n\n")[0] + "\n\n" + ADD_EVENT_EXAMPLE.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    kinds = add.add_subparsers(dest="kind", metavar="KIND", required=True)
    commitment = kinds.add_parser(
        "commitment",
        help="add a commitment",
        description="Add a commitment to the end of a ledger's commitments.",
        epilog=ADD_COMMITMENT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commitment.add_argument("file", metavar="FILE", help="a .yaml ledger (started if missing), or a CSV pair")
    commitment.add_argument("--id", required=True, help="a new id: letters, digits, '.', '_' and '-'")
    commitment.add_argument("--actor", required=True, help="who committed (a name or an alias from actors:)")
    commitment.add_argument("--said-on", required=True, metavar="DATE", help="when it was said (YYYY-MM-DD)")
    commitment.add_argument("--deadline", required=True, help="the deadline in the speaker's words")
    commitment.add_argument("--text", required=True, help="what was committed to, in a line")
    commitment.add_argument("--deadline-means", metavar="PHRASE", help="your reading of a deadline that needs context")
    commitment.add_argument("--topic", help="the topic, for grouping")
    commitment.add_argument("--tag", action="append", default=[], help="a tag (repeat for several)")
    commitment.add_argument("--supersedes", metavar="ID", help="the commitment this one resets")
    _common_arguments(commitment)
    commitment.set_defaults(run=cmd_add_commitment)
    event = kinds.add_parser(
        "event",
        help="add an event (fulfilled, broken, ...) to a commitment",
        description="Add an event to the end of a ledger's events.",
        epilog=ADD_EVENT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    event.add_argument("file", metavar="FILE", help="a .yaml ledger, or a CSV pair")
    event.add_argument("id", metavar="ID", help="the id of the commitment the event is about")
    event.add_argument("--type", required=True, help=f"what happened: {', '.join(EVENT_TYPES)}")
    event.add_argument("--on", required=True, metavar="DATE", help="when it happened (YYYY-MM-DD)")
    event.add_argument("--note", help="what happened, in a sentence")
    _common_arguments(event)
    event.set_defaults(run=cmd_add_event)
    convert = commands.add_parser(
        "convert",
        help="convert a ledger between a YAML file and a CSV pair, losing nothing",
        description="Convert a YAML ledger to a CSV pair (commitments.csv, events.csv, actors.csv) or back.",
        epilog=CONVERT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    convert.add_argument("input", metavar="IN", help="a .yaml ledger, or a CSV pair (its folder or one of its files)")
    convert.add_argument("output", metavar="OUT", help="a .yaml file, or a folder for the CSV pair")
    convert.add_argument("--force", action="store_true", help="replace OUT if it exists")
    dates_argument(convert)
    convert.set_defaults(run=cmd_convert)


def cmd_convert(args: argparse.Namespace) -> int:
    """Convert a ledger between YAML and the CSV pair; refuse what would change on the way."""
    from ledger.io.convert import convert

    done = convert(args.input, args.output, force=args.force, dates=args.dates)
    if not done.ok:
        if done.result is not None and done.result.errors:
            print_errors(done.result, sys.stderr)
        print(f"ledger convert: {printable(done.refusal or '')}", file=sys.stderr)
        return EXIT_PROBLEMS
    if done.left_out:
        print(
            f"ledger convert: a CSV pair has no place for the {' and '.join(done.left_out)} of {args.input}; "
            "they are not in the output",
            file=sys.stderr,
        )
    if done.result is not None:
        print(done.result.summary())
    for path in done.written:
        print(f"wrote {path}")
    return EXIT_OK


def _source(args: argparse.Namespace) -> dict[str, Any]:
    return {"url": args.url, "title": args.title, "quote": args.quote}


def cmd_add_commitment(args: argparse.Namespace) -> int:
    """Add a commitment; print its window and verdict."""
    fields = {
        "id": args.id,
        "actor": args.actor,
        "stated_on": args.said_on,
        "text": args.text,
        "deadline": args.deadline,
        "deadline_means": args.deadline_means,
        "topic": args.topic,
        "supersedes": args.supersedes,
        "recorded_on": args.recorded_on,
        "tags": args.tag,
        "sources": [_source(args)],
    }
    return _append(args, append_commitment, fields, "commitment")


def cmd_add_event(args: argparse.Namespace) -> int:
    """Add an event; print its commitment's window and verdict."""
    fields = {
        "commitment_id": args.id,
        "on": args.on,
        "type": args.type,
        "note": args.note,
        "recorded_on": args.recorded_on,
        "sources": [_source(args)],
    }
    return _append(args, append_event, fields, "event")


def _append(args: argparse.Namespace, append, fields: dict, kind: str) -> int:
    """Append through the library function; a lock held too long is a sentence, not a traceback."""
    try:
        added = append(args.file, fields, dates=args.dates, wait=args.wait, ledger=args.ledger)
    except TimeoutError as exc:
        print(f"ledger add: {exc}; nothing was added", file=sys.stderr)
        return EXIT_PROBLEMS
    return _print_added(args, added, kind, args.id)


def _verdict(ledger, commitment_id: str, as_of: dt.date) -> dict[str, Any] | None:
    """The commitment's verdict as of a day (None when it was not yet stated then)."""
    import pandas as pd

    from ledger.verdicts.evaluate import evaluate

    verdicts = evaluate(ledger, as_of=as_of, include_candidates=True)
    rows = verdicts[verdicts["id"] == commitment_id]
    if rows.empty:
        return None
    row = rows.iloc[0]

    def day(value) -> str | None:
        return None if pd.isna(value) else value.date().isoformat()

    return {
        "as_of": as_of.isoformat(),
        "status": str(row["status"]),
        "status_rule": str(row["status_rule"]),
        "resolved_on": day(row["resolved_on"]),
        "days_late": None if pd.isna(row["days_late"]) else int(row["days_late"]),
        "chain_id": str(row["chain_id"]),
    }


def _print_added(args: argparse.Namespace, added: Appended, kind: str, commitment_id: str) -> int:
    """What `add` prints: the refusal and its errors (as `ledger check` prints them), or the window and verdict."""
    if not added.ok:
        if args.json:
            print(json.dumps([e.to_dict() for e in added.errors], indent=2, ensure_ascii=False))
        elif added.result is not None and added.errors:
            # The errors, and the warnings the entry brought (not those the rest of the file had).
            print_errors(attrs.evolve(added.result, warnings=added.warnings), sys.stderr)
        print(f"ledger add: {printable(added.refusal or '')}", file=sys.stderr)
        return EXIT_PROBLEMS
    if added.result is None:
        raise RuntimeError("an added entry comes with the ledger it joined")
    from ledger.report.desk import window_view

    ledger = added.result.ledger
    commitment = ledger.commitment(commitment_id)
    as_of = args.as_of or dt.date.today()  # the CLI alone may default to today, at call time
    window, verdict = window_view(commitment), _verdict(ledger, commitment_id, as_of)
    if args.json:
        entry = attrs.asdict(added.record, filter=lambda a, _: a.name != "origin") if added.record else None
        record = {"kind": kind, "path": added.path, "line": added.line, "commitment_id": commitment_id, "entry": entry}
        record |= {"window": window, "verdict": verdict, "warnings": [w.to_dict() for w in added.warnings]}
        print(json.dumps(record, indent=2, ensure_ascii=False, default=str))
        return EXIT_OK
    if added.warnings:
        print_errors(attrs.evolve(added.result, errors=(), warnings=added.warnings), sys.stderr)
    what = f"{added.record.type} event of {commitment_id!r}" if isinstance(added.record, Event) else repr(commitment_id)
    print(printable(f"added {what} to {added.path}, line {added.line}"))
    print(printable(_window_line(window)))
    if verdict is None:
        print(f"  as of {short_date(as_of)}: not yet stated (said on {short_date(commitment.stated_on)})")
    else:
        print(f"  as of {short_date(as_of)}: {verdict['status']} ({verdict['status_rule']})")
    return EXIT_OK


def _window_line(window: dict[str, Any]) -> str:
    if "error" in window:
        return f"  deadline: {window['error']}"
    due = window.get("due") or "–"
    latest = window.get("latest") or "open"
    return (
        f"  due window: {window['earliest']} .. due {due} .. latest {latest} [{window['kind']}, {window['rule']}]\n"
        f"  {window['explanation']}"
    )
