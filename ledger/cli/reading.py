"""Subcommands that read and check ledgers and text: check, tables, parse, extract (an article or an archive)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ledger.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    date,
    dates_argument,
    engine_arguments,
    load_checked,
    print_errors,
)
from ledger.core.formats import plural, short_date
from ledger.core.records import is_url
from ledger.io.loader import load
from ledger.io.parquet import write_tables


def cmd_check(args: argparse.Namespace) -> int:
    """Load the ledger files and report every problem: errors, and warnings (which fail only with --strict)."""
    result = load(*args.paths, dates=args.dates)
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    if args.json:
        print(json.dumps([e.to_dict() for e in result.problems], indent=2, ensure_ascii=False))
    else:
        print_errors(result, sys.stderr)
        print(result.summary(), file=sys.stderr if failed else sys.stdout)
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_tables(args: argparse.Namespace) -> int:
    """Load the ledger and write commitments.parquet and events.parquet."""
    result = load_checked(args.paths, allow_errors=args.allow_errors, refused="nothing written", dates=args.dates)
    if result is None:
        return EXIT_PROBLEMS
    written = write_tables(result.ledger, args.out)
    print(result.summary())
    for path in written.values():
        print(f"wrote {path}")
    return EXIT_PROBLEMS if result.errors else EXIT_OK


def cmd_parse(args: argparse.Namespace) -> int:
    """Read deadline phrases and print their due windows."""
    from ledger.deadlines import DeadlineError, parse_deadline

    stated_on = args.on or dt.date.today()  # the CLI alone may default to today, at call time
    phrases = list(args.phrases)
    if args.file:
        try:
            text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            print(f"{args.file}: not UTF-8 text (byte {exc.start}); save it as UTF-8", file=sys.stderr)
            return EXIT_PROBLEMS
        phrases += [line.strip() for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")]
    if not phrases:
        print("no phrases given; pass them as arguments or with --file", file=sys.stderr)
        return EXIT_USAGE
    failures = 0
    records = []
    for phrase in phrases:
        try:
            window = parse_deadline(phrase, stated_on)
        except DeadlineError as exc:
            failures += 1
            records.append({"phrase": phrase, "error": str(exc)})
            if not args.json:
                print(f"{phrase!r}: {exc}", file=sys.stderr)
            continue
        records.append(window.to_dict())
        if not args.json:
            latest = short_date(window.latest) if window.latest else "open"
            due = short_date(window.due) if window.due else "–"
            print(
                f"{phrase!r}: {short_date(window.earliest)} .. due {due} .. latest {latest} "
                f"[{window.kind}, {window.rule}]"
            )
            print(f"  {window.explain()}")
    if args.json:
        print(json.dumps(records, indent=2, ensure_ascii=False, default=str))
    return EXIT_PROBLEMS if failures else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    """Propose candidate commitments from article text, as ledger YAML or JSON."""
    from ledger.articles.extract import ArticleTooLongError, candidates_to_yaml, extract
    from ledger.io.atomic import write_text_atomic

    if any(is_archive(name) for name in args.files):
        return extract_over_archive(args)
    archive_only = [flag for flag, value in _archive_flags(args) if value]
    if archive_only:
        print(
            f"ledger extract: {', '.join(archive_only)} {'go' if len(archive_only) > 1 else 'goes'} with an archive "
            "(a folder, .jsonl or .parquet file), "
            "not with article text files",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.url and len(args.files) > 1:
        print(
            "--url names one article; give one file with it (several files get a placeholder url each)", file=sys.stderr
        )
        return EXIT_USAGE
    if args.url is not None and (any(c < " " or c == "\x7f" for c in args.url) or not is_url(args.url)):
        # Written into the YAML as the source: a line break would add keys of its own.
        print(f"ledger extract: --url {args.url!r} is not one http(s) URL on one line", file=sys.stderr)
        return EXIT_USAGE
    published_on = args.on or dt.date.today()  # the CLI alone may default to today, at call time
    candidates = []
    for name in args.files or ["-"]:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{name}: cannot read the article: {exc}", file=sys.stderr)
            return EXIT_PROBLEMS
        try:
            candidates.extend(extract(text, published_on, default_actor=args.actor))
        except ArticleTooLongError as refusal:
            where = "standard input" if name == "-" else name
            print(f"{where}: {refusal}; nothing written", file=sys.stderr)
            return EXIT_PROBLEMS
    if args.json:
        output = json.dumps([c.to_dict() for c in candidates], indent=2, ensure_ascii=False, default=str) + "\n"
    else:
        output = candidates_to_yaml(candidates, url=args.url, title=args.title)
    if args.output and args.output != "-":
        write_text_atomic(output, args.output)
        print(
            f"{plural(len(candidates), 'candidate')} written to {args.output}; confirm, edit or delete each, "
            f"then run: ledger check {args.output}",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(output)
    return EXIT_OK


def is_archive(name: str) -> bool:
    """Whether an `extract` argument is an archive of articles: a folder, a JSON-lines or a Parquet file."""
    from ledger.articles.archive_input import JSONL_SUFFIXES, PARQUET_SUFFIXES

    return name != "-" and (Path(name).is_dir() or Path(name).suffix.lower() in JSONL_SUFFIXES + PARQUET_SUFFIXES)


def _archive_flags(args: argparse.Namespace) -> list[tuple[str, object]]:
    return [
        ("--out", args.out),
        ("--engine dask", args.engine == "dask"),
        ("--scheduler", args.scheduler),
        ("--partition-size", args.partition_size),
        ("--progress", args.progress),
    ]


def extract_over_archive(args: argparse.Namespace) -> int:
    """`ledger extract ARCHIVE --out DIR`: every article of a folder, .jsonl or .parquet file, here or on Dask;
    candidates as Parquet partitions and YAML per article (docs/scaling.md)."""
    from ledger.articles.archive import ARCHIVE_MANIFEST_FILE, PROBLEMS_FILE, extract_archive

    why = archive_usage_problem(args)
    if why:
        print(f"ledger extract: {why}; nothing extracted", file=sys.stderr)
        return EXIT_USAGE
    show = args.progress or sys.stderr.isatty()
    options = {"default_actor": args.actor, "progress": show}
    if args.partition_size:
        options["partition_size"] = args.partition_size
    try:
        if args.engine == "dask":
            from ledger.verdicts.distributed import dask_client

            with dask_client(args.scheduler) as client:
                result = extract_archive(args.files[0], args.out, client=client, **options)
        else:
            result = extract_archive(args.files[0], args.out, **options)
    except (OSError, ValueError) as exc:
        print(f"ledger extract: {exc}; nothing extracted", file=sys.stderr)
        return EXIT_PROBLEMS
    for problem in result.problems:
        print(problem, file=sys.stderr)
    m = result.manifest
    # A duplicate id is read and extracted (both copies kept): counting it as unread would not add up.
    unread = sum(p.code not in ("duplicate_id", "extract_failed", "article_too_long") for p in result.problems)
    too_long = sum(p.code == "article_too_long" for p in result.problems)
    others = len(result.problems) - unread - too_long
    notes = []
    if unread:
        notes.append(f"{plural(unread, 'row')} could not be read")
    if too_long:
        notes.append(f"{plural(too_long, 'article')} refused as too long")
    if others:
        notes.append(f"{plural(others, 'other problem')} (duplicate ids, failed extractions)")
    print(
        f"{plural(m['articles'], 'article')} read, {plural(m['candidates'], 'candidate')} in "
        f"{plural(m['articles_with_candidates'], 'article')}"
        + (f"; {' and '.join(notes)}, listed above and in {PROBLEMS_FILE}" if notes else "")
    )
    print(f"wrote {Path(args.out) / ARCHIVE_MANIFEST_FILE}; confirm the YAML files under {Path(args.out) / 'yaml'}")
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def archive_usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the arguments of `extract` over an archive, if anything."""
    single = [
        flag
        for flag, value in (("--on", args.on), ("--url", args.url), ("--title", args.title), ("-o", args.output))
        if value
    ] + (["--json"] if args.json else [])
    if len(args.files) != 1:
        return "give one archive (a folder, a .jsonl or a .parquet file) at a time"
    if single:
        verb = "is" if len(single) == 1 else "are"
        return f"{', '.join(single)} {verb} for article text files; an archive's rows give their own date and url"
    if not args.out:
        return "give --out DIR, the folder for the candidates"
    if args.scheduler and args.engine != "dask":
        return "--scheduler needs --engine dask"
    return None


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of articles: {text!r}; give a whole number of at least 1")
    return int(text)


def add_check(commands) -> None:
    """`ledger check PATH...`: every problem in ledger files."""
    command = commands.add_parser(
        "check",
        help="report every problem in ledger files",
        description="Load ledger files (YAML, commitments.csv/events.csv, or folders of them) and print "
        "every problem as 'path:line: message' followed by the entry. Exits 1 if there is any problem.",
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help="ledger file or folder")
    command.add_argument(
        "--json",
        action="store_true",
        help="print the problems as a JSON list of {code, severity, path, line, field, message}",
    )
    command.add_argument("--strict", action="store_true", help="exit 1 on warnings too, not only on errors")
    dates_argument(command)
    command.set_defaults(run=cmd_check)


def add_tables(commands) -> None:
    """`ledger tables PATH... --out DIR`: the ledger as Parquet tables."""
    command = commands.add_parser(
        "tables",
        help="write the ledger as Parquet tables",
        description="Load ledger files and write commitments.parquet and events.parquet (atomically) to --out. "
        "Refuses to write while the ledger has problems, unless --allow-errors.",
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help="ledger file or folder")
    command.add_argument(
        "--out", required=True, metavar="DIR", help="folder to write the tables to (created if needed)"
    )
    dates_argument(command)
    command.add_argument(
        "--allow-errors", action="store_true", help="write the valid part even if some entries have problems"
    )
    command.set_defaults(run=cmd_tables)


def add_parse(commands) -> None:
    """`ledger parse PHRASE...`: the due window of deadline phrases."""
    command = commands.add_parser(
        "parse",
        help="show the due window a deadline phrase gives",
        description="Read deadline phrases as said on a day and print each due window with the rule that "
        "fired and a one-line explanation. Conventions: docs/deadlines.md.",
        epilog='Example: ledger parse "two weeks or so" "by early August" --on 2025-10-16',
    )
    command.add_argument("phrases", nargs="*", metavar="PHRASE", help="deadline phrase, e.g. 'two weeks or so'")
    command.add_argument("--on", type=date, metavar="DATE", help="the day it was said (default: today)")
    command.add_argument("--file", metavar="FILE", help="read more phrases from a file, one per line ('-' for stdin)")
    command.add_argument("--json", action="store_true", help="print the windows as JSON")
    command.set_defaults(run=cmd_parse)


def add_extract(commands) -> None:
    """`ledger extract FILE...`: candidate commitments from article text."""
    command = commands.add_parser(
        "extract",
        help="propose candidate commitments found in an article",
        description="Find commitments with deadlines in article text (who committed, to what, by when) and write "
        "them as ledger YAML, each tagged 'candidate' with its confidence and reasons in a comment. Confirm, edit "
        "or delete each, then run `ledger check`. See docs/extract.md.",
        epilog="Examples:\n"
        "  ledger extract article.txt --on 2025-10-16 --url https://example.org/story -o candidates.yaml\n"
        "  ledger extract archive.jsonl --out candidates/             # every article; Parquet + YAML per article\n"
        "  ledger extract articles/ --out candidates/ --engine dask   # a folder of .txt files, on Dask workers",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="article text file(s) (none or '-' reads stdin), or one archive: a folder of .txt files, "
        "a .jsonl or a .parquet file of articles (with --out)",
    )
    command.add_argument("--on", type=date, metavar="DATE", help="the article's publication date (default: today)")
    command.add_argument("--actor", metavar="NAME", help="who is speaking when the text names nobody")
    command.add_argument("--url", metavar="URL", help="the article's address, used as each candidate's source")
    command.add_argument("--title", metavar="TITLE", help="the article's headline, used as the source title")
    command.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    command.add_argument("--json", action="store_true", help="print candidates as JSON instead of YAML")
    archive = command.add_argument_group("over an archive (docs/scaling.md)")
    archive.add_argument(
        "--out", metavar="DIR", help="folder for the candidates: Parquet partitions, YAML per article, manifest.json"
    )
    engine_arguments(archive, "extract the partitions on Dask workers")
    archive.add_argument("--partition-size", type=positive, metavar="N", help="articles per partition (default 1000)")
    archive.add_argument(
        "--progress",
        action="store_true",
        help="show a progress bar (shown anyway at a terminal): on stderr, or with --engine dask Dask's own, on stdout",
    )
    command.set_defaults(run=cmd_extract)
