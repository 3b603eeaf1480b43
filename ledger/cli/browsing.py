"""Subcommands that browse a ledger: show (one commitment), list, diff (two days, or two versions), export."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ledger.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    by_columns,
    date,
    dates_argument,
    known_as_of_argument,
    load_checked,
    load_for_evaluation,
    print_unreadable,
    printable,
)
from ledger.core.formats import long_date, plural
from ledger.core.vocabulary import STATUSES

#: The tables ``ledger export`` writes, as ``ledger evaluate`` names them.
EXPORT_TABLES = ("verdicts", "chains", "follow_through", "survival")
EXPORT_FORMATS = ("csv", "json", "parquet")


def suggestion(given: str, known: Sequence[str], what: str) -> str:
    """', did you mean 'a' or 'b'?' for the close ones of ``known``, or '' when none is close.

    >>> suggestion("bridge-reopen", ["bridge-reopening", "budget-plan"], "id")
    "; did you mean the id 'bridge-reopening'?"
    """
    close = difflib.get_close_matches(given, list(known), n=3, cutoff=0.6)
    if not close:
        return ""
    return f"; did you mean the {what} " + " or ".join(repr(name) for name in close) + "?"


def today(args: argparse.Namespace) -> dt.date:
    return args.as_of or dt.date.today()  # the CLI alone may default to today, at call time


def write_out(text: str, output: str | None) -> None:
    """Text to FILE atomically (said on stderr), or to stdout."""
    from ledger.io.atomic import write_text_atomic

    if output and output != "-":
        write_text_atomic(text, output)
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


#: The line under the heading of `diff --from --to`.
AS_KNOWN_THEN = (
    "_Each day as it was known then: an outcome recorded after a day is not counted on it "
    "(`ledger list --as-of DAY --known-as-of DAY` shows the same)._"
)


# -- show -----------------------------------------------------------------------------


def cmd_show(args: argparse.Namespace) -> int:
    """One commitment in full: record, window with its explanation, events, chain of resets, verdict."""
    from ledger.report.desk import commitment_text, commitment_view
    from ledger.verdicts.evaluate import evaluate

    as_of = today(args)
    result = load_checked(args.paths, allow_errors=args.allow_errors, refused="nothing shown", dates=args.dates)
    if result is None:
        return EXIT_PROBLEMS
    ids = [c.id for c in result.ledger.commitments]
    if args.id not in set(ids):
        left_out = [e for e in result.errors if _names_entry(e, args.id)]
        if left_out:
            # --allow-errors kept the rest; "no such id" would send the user looking for a typo.
            first = left_out[0]
            print(
                printable(f"ledger show: commitment {args.id!r} was left out for its error: {first}"),
                file=sys.stderr,
            )
            return EXIT_PROBLEMS
        where = ", ".join(args.paths)
        print(
            printable(
                f"ledger show: there is no commitment with id {args.id!r} in {where}{suggestion(args.id, ids, 'id')}"
            )
            + " (ledger list shows every id)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    verdicts = evaluate(result.ledger, as_of=as_of, known_as_of=args.known_as_of, include_candidates=True)
    view = commitment_view(result.ledger, verdicts, args.id)
    if args.json:
        print(json.dumps(view, indent=2, ensure_ascii=False))
    else:
        print(printable(commitment_text(view)))
    return EXIT_PROBLEMS if result.errors else EXIT_OK


def _names_entry(error, entry_id: str) -> bool:
    """Whether a load error is about the entry with ``entry_id`` (its message or its echoed entry names it)."""
    pattern = rf"(?<![\w-])['\"]?{re.escape(entry_id)}['\"]?(?![\w-])"
    return bool(re.search(pattern, error.message)) or bool(
        error.entry and re.search(rf"\bid:\s*{pattern}", error.entry)
    )


def add_show(commands) -> None:
    """`ledger show PATH ID`: one commitment in full."""
    command = commands.add_parser(
        "show",
        help="show one commitment: its window, events, chain of resets and verdict",
        description="Show one commitment in full: who said what and when, its sources, the due window its deadline "
        "gives with the reason in words, every event in date order with its sources (events after --as-of are "
        "listed and marked, not counted), its chain of resets both ways, and its verdict as of --as-of with the "
        "rule that decided it.",
        epilog="Example: ledger show fixtures/examples bridge-reopening-2 --as-of 2025-06-01",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help="ledger file or folder (or both CSV files)")
    command.add_argument("id", metavar="ID", help="the commitment's id")
    command.add_argument("--as-of", type=date, metavar="DATE", help="judge as of this day (default: today)")
    known_as_of_argument(command)
    command.add_argument("--json", action="store_true", help="print the commitment, window, events and verdict as JSON")
    command.add_argument("--allow-errors", action="store_true", help="use the valid part of a ledger with problems")
    dates_argument(command)
    command.set_defaults(run=cmd_show)


# -- list -----------------------------------------------------------------------------


def chosen(verdicts: pd.DataFrame, column: str, wanted: Sequence[str] | None, what: str) -> pd.Series | str:
    """The rows whose ``column`` is one of ``wanted`` (any case), or a sentence naming a value no row has."""
    if not wanted:
        return pd.Series(True, index=verdicts.index)
    values = verdicts[column].astype(object)
    present = sorted({str(v) for v in values.dropna()})
    folded = {v.casefold() for v in wanted}
    for value in wanted:
        if value.casefold() not in {p.casefold() for p in present}:
            return f"no commitment has the {what} {value!r}{suggestion(value, present, what)}"
    return values.map(lambda v: isinstance(v, str) and v.casefold() in folded).astype(bool)


def cmd_list(args: argparse.Namespace) -> int:
    """One line per commitment, filtered and sorted, with totals by status."""
    from ledger.report.desk import LISTING_COLUMNS, listing, listing_text, plain, status_totals
    from ledger.verdicts.evaluate import evaluate

    as_of = today(args)
    fmt = "json" if args.json else args.format
    sort = by_columns(args.sort)
    for name in sort:
        if name not in LISTING_COLUMNS:
            print(
                f"ledger list: --sort: there is no field {name!r}{suggestion(name, LISTING_COLUMNS, 'field')} "
                f"(fields: {', '.join(LISTING_COLUMNS)})",
                file=sys.stderr,
            )
            return EXIT_USAGE
    ledger, result = load_for_evaluation(args.paths, allow_errors=args.allow_errors, dates=args.dates)
    if ledger is None:
        return EXIT_PROBLEMS
    verdicts = evaluate(ledger, as_of=as_of, known_as_of=args.known_as_of, include_candidates=args.include_candidates)
    keep = pd.Series(True, index=verdicts.index)
    # The ledger's commitments carry canonical names; `add` takes an alias ("CTA"), so list does too.
    canonical = {alias.casefold(): a.name for a in (result.actors if result else ()) for alias in a.aliases}
    actors = [canonical.get(name.casefold(), name) for name in args.actor or ()]
    for column, wanted, what in (("actor", actors, "actor"), ("topic", args.topic, "topic")):
        found = chosen(verdicts, column, wanted, what)
        if isinstance(found, str):
            print(printable(f"ledger list: {found}"), file=sys.stderr)
            return EXIT_USAGE
        keep &= found
    if args.status:
        keep &= verdicts["status"].astype(object).isin(args.status)
    if args.due_before:
        keep &= (verdicts["latest"] < pd.Timestamp(args.due_before)).fillna(False).astype(bool)
    rows = verdicts[keep.to_numpy(dtype=bool)]
    if sort:
        rows = rows.sort_values(list(sort), kind="stable", na_position="last", ascending=not args.reverse)
    elif args.reverse:
        rows = rows.iloc[::-1]
    if fmt == "json":
        records = [{k: plain(v) for k, v in row.items()} for row in listing(rows).to_dict("records")]
        data = {"as_of": as_of.isoformat(), "commitments": records, "totals": status_totals(rows)}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        sys.stdout.write(csv_text(listing(rows)))
    else:
        heading = f"as of {long_date(as_of)}"
        text = listing_text(rows, markdown=fmt == "md")
        print(printable(f"{heading}\n\n{text}" if fmt == "md" else f"{heading}\n{text}"))
    return EXIT_PROBLEMS if result is not None and result.errors else EXIT_OK


def add_list(commands) -> None:
    """`ledger list PATH...`: one line per commitment, with totals."""
    command = commands.add_parser(
        "list",
        help="list commitments, one a line, filtered and sorted, with totals by status",
        description="Judge the ledger as of --as-of and list one commitment a line (id, actor, day said, latest "
        "due date, status), then how many have each status. Filters combine (AND); --actor, --status and --topic "
        "may be given more than once (OR). CSV and JSON carry more columns and no totals line (JSON has them "
        "as 'totals').",
        epilog="Examples:\n"
        "  ledger list fixtures/russia-ukraine-2025.yaml --as-of 2025-10-17 --status pending --sort latest\n"
        "  ledger list fixtures/examples --as-of 2025-06-01 --actor 'Mayor Ada Example' --format md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument(
        "paths", nargs="+", metavar="PATH", help="ledger file or folder, or a folder of Parquet tables"
    )
    command.add_argument("--as-of", type=date, metavar="DATE", help="judge as of this day (default: today)")
    known_as_of_argument(command)
    command.add_argument(
        "--actor", action="append", metavar="NAME", help="only this actor (its name or one of its aliases)"
    )
    command.add_argument(
        "--status", action="append", choices=STATUSES, metavar="STATUS", help=f"only this status: {', '.join(STATUSES)}"
    )
    command.add_argument("--topic", action="append", metavar="TOPIC", help="only this topic")
    command.add_argument(
        "--due-before",
        type=date,
        metavar="DATE",
        help="only commitments whose latest due date is before DATE (open deadlines never are)",
    )
    command.add_argument(
        "--sort",
        default="",
        metavar="FIELD",
        help="sort by these fields, comma-separated, e.g. latest or actor,latest (default: file order)",
    )
    command.add_argument("--reverse", action="store_true", help="sort in reverse (missing values stay last)")
    command.add_argument(
        "--format",
        choices=("text", "csv", "json", "md"),
        default="text",
        help="text (default), csv, json or md (a Markdown table)",
    )
    command.add_argument("--json", action="store_true", help="the same as --format json")
    command.add_argument(
        "--include-candidates",
        action="store_true",
        help="list entries still tagged 'candidate' by ledger extract (default: leave them out)",
    )
    command.add_argument("--allow-errors", action="store_true", help="use the valid part of a ledger with problems")
    dates_argument(command)
    command.set_defaults(run=cmd_list)


# -- diff -----------------------------------------------------------------------------


def diff_form(args: argparse.Namespace) -> str | None:
    """A sentence when the arguments fit neither form of `ledger diff`, else None."""
    if args.start is None and args.end is None:
        if len(args.paths) != 2:
            return (
                "give --from DATE --to DATE to see what changed in one ledger between two days, or two versions "
                "OLD NEW (each a file or folder) to see what a change to the files does"
            )
        return None
    if args.start is None or args.end is None:
        return "--from and --to go together: give both days"
    if args.as_of is not None:
        return "--as-of is for comparing two versions OLD NEW; between two days, --from and --to are the as-of days"
    if not args.start < args.end:
        return f"--from ({args.start}) must be before --to ({args.end})"
    return None


def cmd_diff(args: argparse.Namespace) -> int:
    """What changed: in one ledger between two as-of days, or between two versions of a ledger as of a day."""
    from ledger.report.desk import changes_text, changes_view, ledger_changes_text, ledger_changes_view
    from ledger.verdicts.changes import changes, ledger_changes
    from ledger.verdicts.evaluate import UnreadableDeadlines, evaluate

    problem = diff_form(args)
    if problem is not None:
        print(f"ledger diff: {problem}", file=sys.stderr)
        return EXIT_USAGE
    two_days = args.start is not None
    groups = [args.paths] if two_days else [[path] for path in args.paths]
    loaded = [
        load_checked(paths, allow_errors=args.allow_errors, refused="nothing compared", dates=args.dates)
        for paths in groups
    ]
    results = [result for result in loaded if result is not None]
    if len(results) < len(loaded):
        return EXIT_PROBLEMS
    try:
        if two_days:
            ledger = results[0].ledger
            # Each day as it was known then: last week's note showed what was recorded by last week.
            before, after = (evaluate(ledger, as_of=day, known_as_of=day) for day in (args.start, args.end))
            view = changes_view(changes(before, after))
            heading, _, rest = changes_text(view).partition("\n")
            # Said in the note itself, so a reader who checks it with `list --as-of` knows to add --known-as-of.
            text = f"{heading}\n\n{AS_KNOWN_THEN}\n{rest}"
        else:
            as_of = today(args)
            old, new = (result.ledger for result in results)
            moved = changes(evaluate(old, as_of=as_of), evaluate(new, as_of=as_of))
            view = ledger_changes_view(ledger_changes(old, new), moved, *args.paths)
            text = ledger_changes_text(view)
    except UnreadableDeadlines as exc:  # pragma: no cover - evaluate is not strict here
        print_unreadable(exc, "nothing compared")
        return EXIT_PROBLEMS
    if args.json:
        print(json.dumps(view, indent=2, ensure_ascii=False))
    else:
        print(printable(text))
    return EXIT_PROBLEMS if any(result.errors for result in results) else EXIT_OK


def add_diff(commands) -> None:
    """`ledger diff PATH --from DATE --to DATE` and `ledger diff OLD NEW --as-of DATE`."""
    command = commands.add_parser(
        "diff",
        help="what changed between two days, or between two versions of a ledger",
        description="Two forms. With --from and --to: what changed in the ledger between those as-of days, each "
        "as it was known then (what was recorded by that day): new commitments, deadlines that came due, "
        "and those newly kept, late, partly delivered, broken, missed, withdrawn, reset or lapsed, as Markdown a "
        "desk can paste. With two ledgers OLD NEW (files or folders, e.g. before and after a pull request): the "
        "commitments and events added, removed or changed, and the verdicts as of --as-of that change with them.",
        epilog="Examples:\n"
        "  ledger diff fixtures/russia-ukraine-2025.yaml --from 2025-10-10 --to 2025-10-17\n"
        "  git show main:ledger.yaml > old.yaml && ledger diff old.yaml ledger.yaml --as-of 2025-10-17",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="one ledger (with --from/--to; a CSV pair may be both files), or OLD NEW",
    )
    command.add_argument("--from", dest="start", type=date, metavar="DATE", help="the earlier as-of day")
    command.add_argument("--to", dest="end", type=date, metavar="DATE", help="the later as-of day")
    command.add_argument(
        "--as-of", type=date, metavar="DATE", help="with OLD NEW: judge both versions as of this day (default: today)"
    )
    command.add_argument("--json", action="store_true", help="print the changes as JSON")
    command.add_argument("--allow-errors", action="store_true", help="compare the valid part of ledgers with problems")
    dates_argument(command)
    command.set_defaults(run=cmd_diff)


# -- export ---------------------------------------------------------------------------


def csv_text(frame: pd.DataFrame) -> str:
    """A table as CSV text: dates as YYYY-MM-DD, text a spreadsheet would run as a formula made safe.

    Text cells that start with '=', '+', '-' or '@' get an apostrophe first,
    as ``dump_csv`` writes them (``ledger.io.dump.protected_cell``); numbers
    are left as they are, so -3 stays a number.

    >>> print(csv_text(pd.DataFrame({"id": ["a", "b"], "text": ["=1+1", "ok"], "n": [-3, 4]})).strip())
    id,text,n
    a,'=1+1,-3
    b,ok,4
    """
    from ledger.io.csv_format import FORMULA_STARTS
    from ledger.io.dump import protected_cell

    out = {}
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            out[name] = column
        else:
            cells = column.astype(object)
            risky = cells.map(lambda v: isinstance(v, str)) & cells.astype("string").str[:1].isin(FORMULA_STARTS)
            risky = risky.fillna(False).astype(bool)
            out[name] = cells.where(~risky, cells[risky].map(protected_cell))
    return pd.DataFrame(out).to_csv(index=False, lineterminator="\r\n")


def json_text(frame: pd.DataFrame) -> str:
    """A table as a JSON list of rows, one row a line: dates as YYYY-MM-DD, missing values null.

    >>> print(json_text(pd.DataFrame({"on": pd.to_datetime(["2025-03-03", None]), "url": ["https://a.b/c", None]})))
    [
    {"on": "2025-03-03", "url": "https://a.b/c"},
    {"on": null, "url": null}
    ]
    <BLANKLINE>
    """
    from ledger.report.desk import plain

    rows = [{name: plain(value) for name, value in row.items()} for row in frame.to_dict("records")]
    if not rows:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n"


def export_frame(args: argparse.Namespace, ledger, as_of: dt.date) -> pd.DataFrame:
    """The table --table asks for, judged as of ``as_of``."""
    from ledger.io.grouping import grouping_frame
    from ledger.verdicts.chains import chains
    from ledger.verdicts.evaluate import evaluate
    from ledger.verdicts.stats import follow_through, time_to_fulfilment

    verdicts = evaluate(
        ledger,
        as_of=as_of,
        known_as_of=args.known_as_of,
        strict=args.strict,
        include_candidates=args.include_candidates,
    )
    if args.table == "verdicts":
        return verdicts
    if args.table == "chains":
        return chains(verdicts)
    by = by_columns(args.by)
    grouped = grouping_frame(verdicts, ledger, by)
    if args.table == "follow_through":
        return follow_through(grouped, by=by, level=args.level)
    return time_to_fulfilment(grouped, by=by, level=args.level)


def write_parquet_table(args: argparse.Namespace, frame: pd.DataFrame, ledger, as_of: dt.date) -> None:
    """The table, converted to its declared schema and checked, written atomically with its metadata."""
    from ledger.core.tables import ledger_hash
    from ledger.io.parquet import table_metadata, write_parquet
    from ledger.io.results import (
        CHAINS_SCHEMA,
        VERDICTS_SCHEMA,
        check_table,
        follow_through_schema,
        survival_schema,
        to_arrow,
    )

    by = tuple(frame.attrs.get("by", ()))
    schema = {
        "verdicts": lambda: VERDICTS_SCHEMA,
        "chains": lambda: CHAINS_SCHEMA,
        "follow_through": lambda: follow_through_schema(by),
        "survival": lambda: survival_schema(by),
    }[args.table]()
    table = to_arrow(frame, schema)
    check_table(args.table, table)
    write_parquet(
        table, args.output, table_metadata(args.table, ledger_hash(ledger), {"ledger.as_of": as_of.isoformat()})
    )


def cmd_export(args: argparse.Namespace) -> int:
    """A result table (verdicts, chains, follow-through, survival) as CSV, JSON or Parquet."""
    from ledger.io.grouping import TAG_COLUMN
    from ledger.io.results import VERDICTS_SCHEMA
    from ledger.verdicts.evaluate import UnreadableDeadlines

    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output and args.output != "-" else ""
    fmt = args.format or (suffix if suffix in EXPORT_FORMATS else "csv")
    if args.format is None and suffix and suffix not in EXPORT_FORMATS:
        # CSV text in a file named .xlsx opens as a broken workbook, or not at all.
        print(
            f"ledger export: -o {args.output}: export writes {', '.join(EXPORT_FORMATS)}, not {suffix!r}; "
            "name the file .csv (a spreadsheet opens it), or pass --format to write that format under this name",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if fmt == "parquet" and not suffix:
        print("ledger export: Parquet is a binary file: give -o FILE.parquet", file=sys.stderr)
        return EXIT_USAGE
    known = [*VERDICTS_SCHEMA.names, TAG_COLUMN]
    for name in by_columns(args.by):
        if name not in known:
            print(
                f"ledger export: --by: there is no column {name!r} to group by{suggestion(name, known, 'column')}",
                file=sys.stderr,
            )
            return EXIT_USAGE
    as_of = today(args)
    ledger, result = load_for_evaluation(args.paths, allow_errors=args.allow_errors, dates=args.dates)
    if ledger is None:
        return EXIT_PROBLEMS
    try:
        frame = export_frame(args, ledger, as_of)
    except UnreadableDeadlines as exc:
        print_unreadable(exc, "nothing exported (--strict)")
        return EXIT_PROBLEMS
    if fmt == "parquet":
        write_parquet_table(args, frame, ledger, as_of)
        print(f"wrote {args.output} ({args.table}, {plural(len(frame), 'row')}, as of {as_of})", file=sys.stderr)
    else:
        write_out(csv_text(frame) if fmt == "csv" else json_text(frame), args.output)
    return EXIT_PROBLEMS if result is not None and result.errors else EXIT_OK


def add_export(commands) -> None:
    """`ledger export PATH... --as-of DATE --format csv|json|parquet --table TABLE`."""
    from ledger.cli.common import judging_arguments, trust_arguments

    command = commands.add_parser(
        "export",
        help="write a result table (verdicts, chains, follow-through, survival) as CSV, JSON or Parquet",
        description="Judge the ledger as of --as-of and write one of the tables `ledger evaluate` writes, as CSV (for "
        "a spreadsheet: text cells that start with =, +, - or @ get an apostrophe first, so they are not run as "
        "formulas), JSON (a list of rows) or Parquet (checked against its declared schema). Files are written "
        "atomically: a reader sees the old file or the new one, never half.",
        epilog="Examples:\n"
        "  ledger export fixtures/examples --as-of 2025-06-01 --format csv -o verdicts.csv\n"
        "  ledger export fixtures/examples --as-of 2025-06-01 --table follow_through --by topic --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    judging_arguments(command, "ledger file or folder, or a folder of Parquet tables")
    command.add_argument("--table", choices=EXPORT_TABLES, default="verdicts", help="which table (default: verdicts)")
    command.add_argument(
        "--format", choices=EXPORT_FORMATS, help="csv, json or parquet (default: from -o's suffix, else csv)"
    )
    command.add_argument(
        "--by",
        default="actor",
        metavar="COLUMNS",
        help="follow_through and survival: group by these columns, comma-separated (default: actor)",
    )
    command.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    command.add_argument("--allow-errors", action="store_true", help="export the valid part of a ledger with problems")
    trust_arguments(command)
    command.set_defaults(run=cmd_export)


def add_browsing(commands) -> None:
    """The subcommands of this module: show, list, diff, export."""
    add_show(commands)
    add_list(commands)
    add_diff(commands)
    add_export(commands)
