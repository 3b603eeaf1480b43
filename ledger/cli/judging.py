"""Subcommands that judge a ledger: evaluate (here or on Dask), partition, report."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

from ledger.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Progress,
    by_columns,
    engine_arguments,
    judging_arguments,
    left_out_lines,
    load_checked,
    load_for_evaluation,
    print_unreadable,
    trust_arguments,
)
from ledger.core.formats import long_date, plural
from ledger.core.tables import ledger_hash
from ledger.io.grouping import TAG_COLUMN, grouping_frame
from ledger.io.parquet import COMMITMENTS_FILE


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Judge every commitment as of a date; write verdicts, chains and statistics."""
    from ledger.core.integrity import IntegrityError
    from ledger.io.parquet import TableFormatError

    try:
        return judge_and_write(args)
    except TableFormatError as exc:
        print(f"ledger: {exc}; nothing evaluated", file=sys.stderr)
        return EXIT_PROBLEMS
    except IntegrityError as exc:
        # A folder of tables edited or written by something else: its rows were never checked by the loader.
        print(f"ledger: {args.paths[0]}: {exc}; nothing evaluated", file=sys.stderr)
        return EXIT_PROBLEMS


def judge_and_write(args: argparse.Namespace) -> int:
    """`ledger evaluate`'s work: judge, then write the four tables (and --over-time's fifth)."""
    from ledger.io.results import ResultsWriter
    from ledger.verdicts.chains import chains
    from ledger.verdicts.evaluate import UnreadableDeadlines, evaluate
    from ledger.verdicts.over_time import OVER_TIME_FILE
    from ledger.verdicts.stats import follow_through, time_to_fulfilment

    as_of = args.as_of or dt.date.today()  # the CLI alone may default to today, at call time
    by = by_columns(args.by) if args.by else ()
    if args.engine == "dask":
        return evaluate_on_dask(args, as_of, by)
    elif args.scheduler:
        print("ledger evaluate: --scheduler needs --engine dask; nothing evaluated", file=sys.stderr)
        return EXIT_USAGE
    # Only grouping by tag and --over-time read the input again after evaluate; otherwise a
    # folder of tables is judged in batches of whole chains, written as they are made.
    keep_input = TAG_COLUMN in by or args.over_time
    if not keep_input and len(args.paths) == 1 and (Path(args.paths[0]) / COMMITMENTS_FILE).exists():
        return evaluate_in_batches(args, as_of, by)
    ledger, result = load_for_evaluation(args.paths, allow_errors=args.allow_errors, dates=args.dates)
    if ledger is None:
        return EXIT_PROBLEMS
    size = len(ledger) if result is not None else ledger.commitments.num_rows
    progress = Progress(["evaluate", "chains", "statistics", "survival", "write"], show=args.progress or size > 50_000)
    progress.step(f"{size:,} commitments")
    input_hash = ledger_hash(ledger)
    had_problems = result is not None and bool(result.errors)
    try:
        verdicts = evaluate(
            ledger,
            as_of=as_of,
            known_as_of=args.known_as_of,
            strict=args.strict,
            include_candidates=args.include_candidates,
        )
    except UnreadableDeadlines as exc:
        progress.close()
        print_unreadable(exc, "nothing evaluated (--strict)")
        return EXIT_PROBLEMS
    # Only grouping by tag and --over-time read the input again: otherwise it is given back
    # now, and its memory serves the steps below.
    kept = ledger if keep_input else None
    del ledger, result
    # Each table is written in the background while the next is computed;
    # none replaces an earlier file until all four are written.
    with ResultsWriter(args.out, input_hash=input_hash) as out:
        out.add("verdicts", verdicts)
        progress.step()
        out.add("chains", chains(verdicts))
        progress.step()
        grouped = grouping_frame(verdicts, kept, by)
        summary = follow_through(grouped, by=by, level=args.level)
        out.add("follow_through", summary)
        # The 'All' row of the terminal table, as the report has it (not written).
        overall = follow_through(verdicts, by=(), level=args.level) if by else None
        progress.step()
        out.add("survival", time_to_fulfilment(grouped, by=by, level=args.level))
        if args.over_time:
            # In the same set: a table that fails its checks replaces no file, and all five are one generation.
            out.add_arrow(
                "follow_through_over_time", over_time_table(args, kept, by, as_of, out.input_hash), OVER_TIME_FILE
            )
        progress.step()
    written = dict(out.paths)
    progress.step()
    progress.close()
    print_evaluation(args, as_of, by, verdicts, summary, overall, written)
    return EXIT_PROBLEMS if had_problems else EXIT_OK


#: glibc's mallopt parameter for the most heaps (arenas) malloc may keep, one per thread by default.
_M_ARENA_MAX = -8


def use_lean_allocators() -> None:
    """Let this process's allocators give memory back and share it: for the command line only, never a library call.

    Arrow then allocates from the C library's heap (``pa.system_memory_pool()``)
    instead of keeping its own pool, and glibc keeps one heap for every
    thread instead of one per thread, so memory one step frees serves the
    next whatever allocated it. Judging a million commitments in batches:
    peak 560-570 MB with the default allocators, 420 MB with these, and less
    system time (benchmarks/README.md, issue 17). A setting the user made in
    the environment (``ARROW_DEFAULT_MEMORY_POOL``, ``MALLOC_ARENA_MAX``) wins.
    """
    import ctypes

    import pyarrow as pa

    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        pa.set_memory_pool(pa.system_memory_pool())
    if "MALLOC_ARENA_MAX" not in os.environ:
        # Not glibc (macOS, musl): no mallopt, and its own allocator's defaults stay.
        with contextlib.suppress(OSError, AttributeError, TypeError):
            ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 1)


def evaluate_in_batches(args: argparse.Namespace, as_of: dt.date, by: tuple[str, ...]) -> int:
    """`ledger evaluate FOLDER` for a folder of tables: judged in batches of whole chains
    (``ledger.verdicts.batched``), each batch's verdicts and chains written as they are made;
    the same four tables, and the same summary, as judging the whole ledger at once."""
    import pyarrow as pa

    from ledger.io.parquet import MixedTablesError
    from ledger.io.results import ResultsWriter
    from ledger.verdicts.batched import evaluate_folder, plan_batches
    from ledger.verdicts.evaluate import UnreadableDeadlines

    use_lean_allocators()  # our own process: the command line may choose its allocators
    options = {"as_of": as_of, "known_as_of": args.known_as_of, "include_candidates": args.include_candidates}
    try:
        plan = plan_batches(args.paths[0], **options)
    except MixedTablesError as exc:
        print(f"ledger: {exc}; nothing evaluated", file=sys.stderr)
        return EXIT_PROBLEMS
    except pa.ArrowException as exc:
        print(damaged_tables(args.paths[0], exc), file=sys.stderr)
        return EXIT_PROBLEMS
    size = int(plan.bounds[-1])
    progress = Progress(["evaluate, chains, statistics", "write"], show=args.progress or size > 50_000)
    progress.step(f"{size:,} commitments in {plural(len(plan.bounds) - 1, 'batch', 'batches')}")
    try:
        with no_folder_for_nothing(args.out), ResultsWriter(args.out, input_hash=plan.input_hash) as out:
            results = evaluate_folder(plan, out, **options, strict=args.strict, by=by, level=args.level)
            progress.step()
    except (UnreadableDeadlines, pa.ArrowException) as exc:
        progress.close()
        if isinstance(exc, UnreadableDeadlines):
            print_unreadable(exc, "nothing evaluated (--strict)")
        else:
            print(damaged_tables(args.paths[0], exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except BaseException:
        progress.close()
        raise  # said by the command's own handlers (a damaged table, a full disk, Ctrl-C)
    progress.step()
    progress.close()
    overall = results.overall if by else None
    print_evaluation(args, as_of, by, results.not_judged, results.follow_through, overall, dict(out.paths))
    return EXIT_OK


@contextlib.contextmanager
def no_folder_for_nothing(out: str) -> Iterator[None]:
    """Remove, if the block raises, the folders ``out`` needed that did not exist before it (n1/n2/n3 makes
    three), deepest first and only while empty: a refused run leaves no folder for nothing, and what a
    writer put in place stays."""
    made = [folder for folder in (Path(out), *Path(out).parents) if not folder.exists()]
    try:
        yield
    except BaseException:
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def damaged_tables(folder: str, exc: Exception) -> str:
    """What `evaluate` says when Arrow cannot judge a folder's tables it could read: a damaged page of a table
    written without page checksums (before they were written, or by another tool) can decode to values no
    table of ours holds (docs/reliability.md). Damage found while reading is the reader's TableFormatError."""
    return (
        f"ledger evaluate: the tables in {folder} cannot be read ({type(exc).__name__}: {exc}); a file may be "
        f"damaged: `ledger check {folder}` reads every row and says which, and `ledger tables` writes them "
        "again; nothing was replaced"
    )


def print_evaluation(args, as_of, by, verdicts, summary, overall, written) -> None:
    """What `evaluate` prints once its tables are written: the summary table, what it left out, the files."""
    from ledger.report.summary import summary_rows, summary_text

    print(f"as of {long_date(as_of)}" + (f", as known on {long_date(args.known_as_of)}" if args.known_as_of else ""))
    print(summary_text(summary_rows(summary, by, overall=overall), by))
    for line in left_out_lines(verdicts):
        print(line)
    for path in written.values():
        print(f"wrote {path}")


def evaluate_on_dask(args: argparse.Namespace, as_of: dt.date, by: tuple[str, ...]) -> int:
    """`ledger evaluate DIR --engine dask`: a partitioned ledger (`ledger partition`) judged on Dask
    workers, at --scheduler or on a LocalCluster started for the run; the same four tables."""
    from ledger.io.results import ResultsWriter
    from ledger.verdicts.distributed import dask_client, evaluate_partitions_into, read_manifest
    from ledger.verdicts.evaluate import UnreadableDeadlines

    if len(args.paths) != 1:
        print("ledger: --engine dask takes one folder written by `ledger partition`", file=sys.stderr)
        return EXIT_PROBLEMS
    manifest = read_manifest(args.paths[0])
    size = manifest["commitments"]
    with dask_client(args.scheduler) as client:
        try:
            # The verdicts and chains stream from the workers' files to --out: the client never holds them whole.
            with no_folder_for_nothing(args.out), ResultsWriter(args.out, input_hash=manifest["input_hash"]) as out:
                results = evaluate_partitions_into(
                    args.paths[0],
                    out,
                    as_of=as_of,
                    client=client,
                    by=by,
                    level=args.level,
                    known_as_of=args.known_as_of,
                    strict=args.strict,
                    include_candidates=args.include_candidates,
                    progress=args.progress or size > 50_000,
                )
        except UnreadableDeadlines as exc:  # a damaged partition, an interrupt: said by the caller
            print_unreadable(exc, "nothing evaluated (--strict)")
            return EXIT_PROBLEMS
    overall = results.overall if by else None
    print_evaluation(args, as_of, by, results.not_judged, results.follow_through, overall, dict(out.paths))
    return EXIT_OK


def cmd_partition(args: argparse.Namespace) -> int:
    """Split a ledger by chain of resets into Parquet partitions for `ledger evaluate --engine dask`."""
    from ledger.verdicts.distributed import MANIFEST_FILE, partition_ledger

    ledger, result = load_for_evaluation(args.paths, allow_errors=args.allow_errors)
    if ledger is None:
        return EXIT_PROBLEMS
    with no_folder_for_nothing(args.out):  # a broken rule or a damaged table: said by the command line's handler
        manifest = partition_ledger(ledger, args.out, args.partitions)
    print(
        f"{manifest['commitments']:,} commitments, {manifest['events']:,} events and {manifest['chains']:,} chains "
        f"in {len(manifest['partitions'])} partitions"
    )
    print(f"wrote {Path(args.out) / MANIFEST_FILE}")
    return EXIT_PROBLEMS if result is not None and result.errors else EXIT_OK


def over_time_table(args: argparse.Namespace, ledger, by: tuple[str, ...], as_of: dt.date, input_hash: str):
    """`--over-time`: the statistics as of each week, month or quarter start up to --as-of, converted and
    checked (``ResultsWriter.add_arrow`` puts it in place with the other tables)."""
    from ledger.verdicts.over_time import FREQUENCIES, follow_through_over_time, over_time_arrow

    table = follow_through_over_time(
        ledger,
        freq=FREQUENCIES[args.over_time],
        end=as_of,
        by=by,
        known_as_of=args.known_as_of,
        include_candidates=args.include_candidates,
    )
    return over_time_arrow(table, input_hash)


def cmd_report(args: argparse.Namespace) -> int:
    """Judge the ledger as of a date and write a self-contained HTML (or Markdown) report."""
    from ledger.io.atomic import write_text_atomic
    from ledger.report.build import build_report
    from ledger.verdicts.evaluate import UnreadableDeadlines

    as_of = args.as_of or dt.date.today()  # the CLI alone may default to today, at call time
    result = load_checked(args.paths, allow_errors=args.allow_errors, refused="no report written", dates=args.dates)
    if result is None:
        return EXIT_PROBLEMS
    output = args.output
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    if args.format is None and suffix not in ("", ".html", ".htm", ".md", ".markdown"):
        # "-o report.pdf" would otherwise get HTML under a PDF's name.
        print(
            f"ledger report: cannot write {suffix} files; use -o FILE.html or FILE.md, or pass --format",
            file=sys.stderr,
        )
        return EXIT_USAGE
    fmt = args.format or ("md" if suffix in (".md", ".markdown") else "html")
    second = None
    if args.agree_with:
        second = load_checked(
            [args.agree_with], allow_errors=args.allow_errors, refused="no report written", dates=args.dates
        )
        if second is None:
            return EXIT_PROBLEMS
    try:
        report = build_report(
            result.ledger,
            as_of=as_of,
            known_as_of=args.known_as_of,
            by=args.by,
            title=args.title or result.title,
            level=args.level,
            strict=args.strict,
            include_candidates=args.include_candidates,
            second_coding=second.ledger if second is not None else None,
        )
    except UnreadableDeadlines as exc:
        print_unreadable(exc, "no report written (--strict)")
        return EXIT_PROBLEMS
    if args.fragment and fmt != "html":
        print("ledger report: --fragment is an HTML fragment; drop --format md or the .md suffix", file=sys.stderr)
        return EXIT_USAGE
    if fmt == "html":
        text = report.to_html(scale=args.scale, fragment=args.fragment)
    else:
        text = report.to_markdown(scale=args.scale)
    if output and output != "-":
        write_text_atomic(text, output)
        # The findings on the terminal too, so the command shows what it found.
        for headline in report.headlines:
            print(textwrap.fill(headline.text, width=88), end="\n\n")
        for line in left_out_lines(report.verdicts):
            print(line)
        print(f"wrote {output} ({fmt}, as of {long_date(as_of)}, {plural(len(report.verdicts), 'commitment')})")
    else:
        sys.stdout.write(text)
    return EXIT_PROBLEMS if result.errors or (second is not None and second.errors) else EXIT_OK


def add_evaluate(commands) -> None:
    """`ledger evaluate PATH... --out DIR`: verdicts, chains and statistics as of a date."""
    command = commands.add_parser(
        "evaluate",
        help="judge every commitment as of a date and write verdicts and statistics",
        description="Load a ledger (files, folders, or a folder of Parquet tables from `ledger tables`), judge "
        "every commitment as of --as-of, and write verdicts.parquet, chains.parquet, "
        "follow_through_<by>.parquet and survival.parquet to --out. Prints a summary table.",
        epilog="Statuses and statistics are explained in docs/statistics.md.",
    )
    judging_arguments(command, "ledger file or folder, or a folder of Parquet tables")
    command.add_argument(
        "--by",
        default="actor",
        metavar="COLUMNS",
        help="comma-separated columns to group statistics by, e.g. actor,topic; 'tag' counts a commitment "
        "once in the group of each of its tags (default: actor; '' for one group)",
    )
    command.add_argument("--out", required=True, metavar="DIR", help="folder to write the tables to")
    command.add_argument(
        "--allow-errors", action="store_true", help="evaluate the valid part of a ledger with problems"
    )
    command.add_argument(
        "--progress", action="store_true", help="always show progress (shown anyway above 50,000 rows)"
    )
    engine_arguments(command, "PATH is a folder from `ledger partition`, judged on Dask workers (docs/scaling.md)")
    command.add_argument(
        "--over-time",
        choices=("weekly", "monthly", "quarterly"),
        help="also write follow_through_over_time.parquet: the statistics as of each week, month or quarter "
        "start from the first commitment to --as-of (commitments, not chains; with --known-as-of, what was "
        "recorded by that day)",
    )
    trust_arguments(command)
    command.set_defaults(run=cmd_evaluate)


def partitions(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of partitions: {text!r}; give a whole number of at least 1")
    return int(text)


def add_partition(commands) -> None:
    """`ledger partition PATH... --out DIR --partitions N`: a ledger split by chain for Dask."""
    command = commands.add_parser(
        "partition",
        help="split a ledger by chain of resets into Parquet partitions for `evaluate --engine dask`",
        description="Load a ledger (files, folders, or a folder of Parquet tables), find each commitment's chain "
        "of resets in one pass, and write N partitions to --out, each a complete ledger of whole chains, "
        "with manifest.json. Evaluate them with `ledger evaluate DIR --engine dask`.",
        epilog="Why by chain, and how to run on a cluster: docs/scaling.md.",
    )
    command.add_argument(
        "paths", nargs="+", metavar="PATH", help="ledger file or folder, or a folder of Parquet tables"
    )
    command.add_argument("--out", required=True, metavar="DIR", help="folder to write the partitions to")
    command.add_argument("--partitions", required=True, type=partitions, metavar="N", help="how many partitions")
    command.add_argument(
        "--allow-errors", action="store_true", help="partition the valid part of a ledger with problems"
    )
    command.set_defaults(run=cmd_partition)


def add_report(commands) -> None:
    """`ledger report PATH... -o FILE`: the report as HTML (a page, or with --fragment a fragment) or Markdown."""
    from ledger.verdicts.scales import SCALES

    command = commands.add_parser(
        "report",
        help="write a report a journalist can publish (HTML, or Markdown)",
        description="Judge every commitment as of --as-of and write one self-contained file: headline findings "
        "with their uncertainty, a timeline per actor (or topic), the time-to-fulfilment curve, every commitment "
        "with its sources, and a methods box. Works offline: no external scripts, fonts or images.",
        epilog="Example: ledger report fixtures/russia-ukraine-2025.yaml --as-of 2025-10-17 -o report.html",
    )
    judging_arguments(command, "ledger file or folder")
    command.add_argument(
        "--by", choices=("actor", "topic"), default="actor", help="group by actor or topic (default: actor)"
    )
    command.add_argument("--title", metavar="TEXT", help="the report's title (default: the ledger's YAML title)")
    command.add_argument("--format", choices=("html", "md"), help="html or md (default: from -o's suffix, else html)")
    command.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    command.add_argument(
        "--fragment",
        action="store_true",
        help="write an HTML fragment for a CMS to paste: no <html> or <head>, its CSS scoped under .ledger-report "
        "so it restyles nothing of the host page, nothing fetched (see docs/report.md)",
    )
    command.add_argument(
        "--scale",
        choices=sorted(SCALES),
        help="show each status's rating on a fact-checker's scale beside it (politifact: see ledger.verdicts.scales)",
    )
    command.add_argument(
        "--agree-with",
        metavar="PATH",
        help="a second coder's ledger of the same reporting: add a section on how far it agrees with this one "
        "(F1, Krippendorff's alpha, Cohen's kappa, with intervals) and list every disagreement (see docs/agreement.md)",
    )
    command.add_argument(
        "--allow-errors", action="store_true", help="report on the valid part of a ledger with problems"
    )
    trust_arguments(command)
    command.set_defaults(run=cmd_report)
