"""The ``ledger`` command: thin subcommands over the library's functions.

``python -m ledger`` runs the same ``main``. Each subcommand is one function
that takes the parsed arguments and returns the exit status.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

from ledger._version import __version__
from ledger.core.formats import long_date, plural, short_date
from ledger.core.tables import ledger_hash
from ledger.core.vocabulary import WINDOW_KINDS
from ledger.io.loader import LoadResult, load
from ledger.io.parquet import COMMITMENTS_FILE, read_arrow, write_tables

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _print_errors(result: LoadResult, stream) -> None:
    for error in result.errors:
        print(str(error), file=stream)
        if error.entry:
            for line in error.entry.splitlines():
                print(f"    {line}", file=stream)
            print(file=stream)


def _load_checked(paths: Sequence[str], *, allow_errors: bool, refused: str) -> LoadResult | None:
    """Load ledger files and print their problems; None when there are some and they are not allowed.

    ``refused`` says what the command did not do, e.g. "nothing written".
    """
    result = load(*paths)
    if result.errors:
        _print_errors(result, sys.stderr)
        if not allow_errors:
            print(
                f"{result.summary()}; {refused} (fix them, or pass --allow-errors to use the valid part)",
                file=sys.stderr,
            )
            return None
    return result


def _print_unreadable(exc, refused: str) -> None:
    """Every deadline evaluation could not read, then what was not done."""
    for cid, message in exc.errors.items():
        print(f"{cid}: {message}", file=sys.stderr)
    print(f"{plural(len(exc.errors), 'deadline')} cannot be read; {refused}", file=sys.stderr)


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
    result = _load_checked(args.paths, allow_errors=args.allow_errors, refused="nothing written")
    if result is None:
        return EXIT_PROBLEMS
    written = write_tables(result.ledger, args.out)
    print(result.summary())
    for path in written.values():
        print(f"wrote {path}")
    return EXIT_PROBLEMS if result.errors else EXIT_OK


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r}; write it as YYYY-MM-DD") from None


class _Progress:
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


def _load_for_evaluation(paths: Sequence[str], *, allow_errors: bool):
    """Ledger files (checked) or a folder of Parquet tables written by `ledger tables`."""
    if len(paths) == 1 and (Path(paths[0]) / COMMITMENTS_FILE).exists():
        return read_arrow(paths[0]), None
    result = _load_checked(paths, allow_errors=allow_errors, refused="nothing evaluated")
    return (None, None) if result is None else (result.ledger, result)


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Judge every commitment as of a date; write verdicts, chains and statistics."""
    from ledger.io.parquet import write_parquet
    from ledger.io.results import ResultsWriter
    from ledger.report.summary import summary_rows, summary_text
    from ledger.verdicts.chains import chains
    from ledger.verdicts.evaluate import UnreadableDeadlines, evaluate
    from ledger.verdicts.over_time import OVER_TIME_FILE
    from ledger.verdicts.stats import follow_through, time_to_fulfilment

    as_of = args.as_of or dt.date.today()  # the CLI alone may default to today, at call time
    by = tuple(part.strip() for part in args.by.split(",") if part.strip()) if args.by else ()
    ledger, result = _load_for_evaluation(args.paths, allow_errors=args.allow_errors)
    if ledger is None:
        return EXIT_PROBLEMS
    size = len(ledger) if result is not None else ledger.commitments.num_rows
    progress = _Progress(["evaluate", "chains", "statistics", "survival", "write"], show=args.progress or size > 50_000)
    progress.step(f"{size:,} commitments")
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
        _print_unreadable(exc, "nothing evaluated (--strict)")
        return EXIT_PROBLEMS
    # Each table is written in the background while the next is computed;
    # none replaces an earlier file until all four are written.
    with ResultsWriter(args.out, input_hash=ledger_hash(ledger)) as out:
        out.add("verdicts", verdicts)
        progress.step()
        out.add("chains", chains(verdicts))
        progress.step()
        summary = follow_through(verdicts, by=by, level=args.level)
        out.add("follow_through", summary)
        # The 'All' row of the terminal table, as the report has it (not written).
        overall = follow_through(verdicts, by=(), level=args.level) if by else None
        progress.step()
        out.add("survival", time_to_fulfilment(verdicts, by=by, level=args.level))
        # Checked inside the block: a table that fails its checks replaces no file.
        over_time = _over_time_table(args, ledger, by, as_of, out.input_hash) if args.over_time else None
        progress.step()
    written = dict(out.paths)
    if over_time is not None:
        written["follow_through_over_time"] = write_parquet(over_time, Path(args.out) / OVER_TIME_FILE)
    progress.step()
    progress.close()
    print(f"as of {long_date(as_of)}" + (f", as known on {long_date(args.known_as_of)}" if args.known_as_of else ""))
    print(summary_text(summary_rows(summary, by, overall=overall), by))
    for line in _left_out_lines(verdicts):
        print(line)
    for path in written.values():
        print(f"wrote {path}")
    return EXIT_PROBLEMS if result is not None and result.errors else EXIT_OK


def _over_time_table(args: argparse.Namespace, ledger, by: tuple[str, ...], as_of: dt.date, input_hash: str):
    """`--over-time`: the statistics as of each week, month or quarter start up to --as-of, converted and
    checked (written after the other tables are in place)."""
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


def _left_out_lines(verdicts) -> list[str]:
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


def cmd_report(args: argparse.Namespace) -> int:
    """Judge the ledger as of a date and write a self-contained HTML (or Markdown) report."""
    from ledger.io.atomic import write_text_atomic
    from ledger.report.build import build_report
    from ledger.verdicts.evaluate import UnreadableDeadlines

    as_of = args.as_of or dt.date.today()  # the CLI alone may default to today, at call time
    result = _load_checked(args.paths, allow_errors=args.allow_errors, refused="no report written")
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
        )
    except UnreadableDeadlines as exc:
        _print_unreadable(exc, "no report written (--strict)")
        return EXIT_PROBLEMS
    text = report.to_html() if fmt == "html" else report.to_markdown()
    if output and output != "-":
        write_text_atomic(text, output)
        # The findings on the terminal too, so the command shows what it found.
        for headline in report.headlines:
            print(textwrap.fill(headline.text, width=88), end="\n\n")
        for line in _left_out_lines(report.verdicts):
            print(line)
        print(f"wrote {output} ({fmt}, as of {long_date(as_of)}, {plural(len(report.verdicts), 'commitment')})")
    else:
        sys.stdout.write(text)
    return EXIT_PROBLEMS if result.errors else EXIT_OK


def cmd_parse(args: argparse.Namespace) -> int:
    """Read deadline phrases and print their due windows."""
    from ledger.deadlines import DeadlineError, parse_deadline

    stated_on = args.on or dt.date.today()  # the CLI alone may default to today, at call time
    phrases = list(args.phrases)
    if args.file:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
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
    from ledger.articles.extract import candidates_to_yaml, extract
    from ledger.io.atomic import write_text_atomic

    if args.url and len(args.files) > 1:
        print(
            "--url names one article; give one file with it (several files get a placeholder url each)", file=sys.stderr
        )
        return EXIT_USAGE
    published_on = args.on or dt.date.today()  # the CLI alone may default to today, at call time
    candidates = []
    for name in args.files or ["-"]:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{name}: cannot read the article: {exc}", file=sys.stderr)
            return EXIT_PROBLEMS
        candidates.extend(extract(text, published_on, default_actor=args.actor))
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


def cmd_agree(args: argparse.Namespace) -> int:
    """Compare two coders' ledgers of the same reporting as of a date; list where they disagree."""
    from ledger.io.parquet import table_metadata, write_parquet
    from ledger.verdicts.agreement import agreement
    from ledger.verdicts.evaluate import UnreadableDeadlines

    if args.resamples < 1:
        print(f"ledger agree: --resamples must be at least 1 (got {args.resamples})", file=sys.stderr)
        return EXIT_USAGE
    as_of = args.as_of or dt.date.today()  # the CLI alone may default to today, at call time
    loaded = [_load_checked([path], allow_errors=args.allow_errors, refused="nothing compared") for path in args.ab]
    coder_a, coder_b = loaded  # both loaded first, so the problems of both are printed
    if coder_a is None or coder_b is None:
        return EXIT_PROBLEMS
    ledgers = [coder_a.ledger, coder_b.ledger]
    try:
        found = agreement(*ledgers, as_of=as_of, known_as_of=args.known_as_of, resamples=args.resamples, seed=args.seed)
    except UnreadableDeadlines as exc:
        _print_unreadable(exc, "nothing compared")
        return EXIT_PROBLEMS
    written = []
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        hashes = {f"ledger.input_hash_{coder}": ledger_hash(ledger) for coder, ledger in zip("ab", ledgers)}
        extra = {
            **hashes,
            "ledger.as_of": as_of.isoformat(),
            "ledger.resamples": args.resamples,
            "ledger.seed": args.seed,
        }
        for name, table in found.to_arrow().items():
            meta = table_metadata(name, " ".join(hashes.values()), extra)
            written.append(write_parquet(table, Path(args.out) / f"{name}.parquet", meta))
    if args.json:
        print(json.dumps(found.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(found.text())
        if len(found.disagreements):
            print("\nDisagreements, the one that moves the headline most first:")
            print(found.listing())
    for path in written:
        print(f"wrote {path}", file=sys.stderr if args.json else sys.stdout)
    return EXIT_PROBLEMS if coder_a.errors or coder_b.errors else EXIT_OK


def cmd_expect(args: argparse.Namespace) -> int:
    """What an actor's record suggests about a new deadline: the chance it is met on time, and delivery time."""
    from ledger.verdicts.evaluate import evaluate
    from ledger.verdicts.expect import expect

    if args.days is not None and args.days < 0:
        print(f"ledger expect: --days must be 0 or more (got {args.days})", file=sys.stderr)
        return EXIT_USAGE
    as_of = args.as_of or dt.date.today()  # the CLI alone may default to today, at call time
    ledger, result = _load_for_evaluation(args.paths, allow_errors=args.allow_errors)
    if ledger is None:
        return EXIT_PROBLEMS
    verdicts = evaluate(ledger, as_of=as_of, known_as_of=args.known_as_of)
    actors = set(verdicts["actor"].astype(object))
    if args.actor not in actors:
        # A misspelt name would otherwise print the ledger-wide rate as if it were the actor's.
        known = ", ".join(sorted(actors)[:12]) + (" …" if len(actors) > 12 else "")
        print(f"ledger expect: no commitment by {args.actor!r} as of {as_of}; actors: {known}", file=sys.stderr)
        return EXIT_USAGE
    found = expect(verdicts, actor=args.actor, kind=args.kind, promised_days=args.days, band=args.band)
    if args.json:
        print(json.dumps(found.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(textwrap.fill(found.text(), width=88))
        prior = found.prior
        print(
            f"\n(as of {long_date(as_of)}; prior Beta({prior.alpha:.2f}, {prior.beta:.2f}) fitted to "
            f"{plural(prior.n, 'similar deadline')} of {plural(prior.n_actors, 'actor')}, {prior.method}; "
            f"95% interval of the posterior Beta; see docs/statistics.md)"
        )
    return EXIT_PROBLEMS if result is not None and result.errors else EXIT_OK


def _judging_arguments(command: argparse.ArgumentParser, paths_help: str) -> None:
    """The arguments every command that judges commitments as of a date takes."""
    command.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    command.add_argument("--as-of", type=_date, metavar="DATE", help="judge as of this day (default: today)")
    command.add_argument(
        "--known-as-of",
        type=_date,
        metavar="DATE",
        help="ignore commitments and events recorded after this day (what could be known then)",
    )
    command.add_argument(
        "--level",
        choices=("commitment", "chain"),
        default="commitment",
        help="count each commitment, or each chain of resets once (default: commitment)",
    )


def _add_check(commands) -> None:
    """`ledger check PATH...`: every problem in ledger files."""
    command = commands.add_parser(
        "check",
        help="report every problem in ledger files",
        description="Load ledger files (YAML, commitments.csv/events.csv, or folders of them) and print "
        "every problem as 'path:line: message' followed by the entry. Exits 1 if there is any problem.",
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help="ledger file or folder")
    command.add_argument(
        "--json", action="store_true", help="print the errors as a JSON list of {code, path, line, field, message}"
    )
    command.set_defaults(run=cmd_check)


def _add_tables(commands) -> None:
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
    command.add_argument(
        "--allow-errors", action="store_true", help="write the valid part even if some entries have problems"
    )
    command.set_defaults(run=cmd_tables)


def _add_evaluate(commands) -> None:
    """`ledger evaluate PATH... --out DIR`: verdicts, chains and statistics as of a date."""
    command = commands.add_parser(
        "evaluate",
        help="judge every commitment as of a date and write verdicts and statistics",
        description="Load a ledger (files, folders, or a folder of Parquet tables from `ledger tables`), judge "
        "every commitment as of --as-of, and write verdicts.parquet, chains.parquet, "
        "follow_through_<by>.parquet and survival.parquet to --out. Prints a summary table.",
        epilog="Statuses and statistics are explained in docs/statistics.md.",
    )
    _judging_arguments(command, "ledger file or folder, or a folder of Parquet tables")
    command.add_argument(
        "--by",
        default="actor",
        metavar="COLUMNS",
        help="comma-separated columns to group statistics by (default: actor; '' for one group)",
    )
    command.add_argument("--out", required=True, metavar="DIR", help="folder to write the tables to")
    command.add_argument(
        "--allow-errors", action="store_true", help="evaluate the valid part of a ledger with problems"
    )
    command.add_argument(
        "--progress", action="store_true", help="always show progress (shown anyway above 50,000 rows)"
    )
    command.add_argument(
        "--over-time",
        choices=("weekly", "monthly", "quarterly"),
        help="also write follow_through_over_time.parquet: the statistics as of each week, month or quarter "
        "start from the first commitment to --as-of (commitments, not chains; with --known-as-of, what was "
        "recorded by that day)",
    )
    _trust_arguments(command)
    command.set_defaults(run=cmd_evaluate)


def _trust_arguments(command: argparse.ArgumentParser) -> None:
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


def _add_report(commands) -> None:
    """`ledger report PATH... -o FILE`: the report as HTML or Markdown."""
    command = commands.add_parser(
        "report",
        help="write a report a journalist can publish (HTML, or Markdown)",
        description="Judge every commitment as of --as-of and write one self-contained file: headline findings "
        "with their uncertainty, a timeline per actor (or topic), the time-to-fulfilment curve, every commitment "
        "with its sources, and a methods box. Works offline: no external scripts, fonts or images.",
        epilog="Example: ledger report fixtures/russia-ukraine-2025.yaml --as-of 2025-10-17 -o report.html",
    )
    _judging_arguments(command, "ledger file or folder")
    command.add_argument(
        "--by", choices=("actor", "topic"), default="actor", help="group by actor or topic (default: actor)"
    )
    command.add_argument("--title", metavar="TEXT", help="the report's title (default: the ledger's YAML title)")
    command.add_argument("--format", choices=("html", "md"), help="html or md (default: from -o's suffix, else html)")
    command.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    command.add_argument(
        "--allow-errors", action="store_true", help="report on the valid part of a ledger with problems"
    )
    _trust_arguments(command)
    command.set_defaults(run=cmd_report)


def _add_parse(commands) -> None:
    """`ledger parse PHRASE...`: the due window of deadline phrases."""
    command = commands.add_parser(
        "parse",
        help="show the due window a deadline phrase gives",
        description="Read deadline phrases as said on a day and print each due window with the rule that "
        "fired and a one-line explanation. Conventions: docs/deadlines.md.",
        epilog='Example: ledger parse "two weeks or so" "by early August" --on 2025-10-16',
    )
    command.add_argument("phrases", nargs="*", metavar="PHRASE", help="deadline phrase, e.g. 'two weeks or so'")
    command.add_argument("--on", type=_date, metavar="DATE", help="the day it was said (default: today)")
    command.add_argument("--file", metavar="FILE", help="read more phrases from a file, one per line ('-' for stdin)")
    command.add_argument("--json", action="store_true", help="print the windows as JSON")
    command.set_defaults(run=cmd_parse)


def _add_extract(commands) -> None:
    """`ledger extract FILE...`: candidate commitments from article text."""
    command = commands.add_parser(
        "extract",
        help="propose candidate commitments found in an article",
        description="Find commitments with deadlines in article text (who committed, to what, by when) and write "
        "them as ledger YAML, each tagged 'candidate' with its confidence and reasons in a comment. Confirm, edit "
        "or delete each, then run `ledger check`. See docs/extract.md.",
        epilog="Example: ledger extract article.txt --on 2025-10-16 --url https://example.org/story -o candidates.yaml",
    )
    command.add_argument("files", nargs="*", metavar="FILE", help="article text file(s); none or '-' reads stdin")
    command.add_argument("--on", type=_date, metavar="DATE", help="the article's publication date (default: today)")
    command.add_argument("--actor", metavar="NAME", help="who is speaking when the text names nobody")
    command.add_argument("--url", metavar="URL", help="the article's address, used as each candidate's source")
    command.add_argument("--title", metavar="TITLE", help="the article's headline, used as the source title")
    command.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    command.add_argument("--json", action="store_true", help="print candidates as JSON instead of YAML")
    command.set_defaults(run=cmd_extract)


def _add_agree(commands) -> None:
    """`ledger agree A B --as-of DATE`: how far two coders' ledgers agree, and where they do not."""
    command = commands.add_parser(
        "agree",
        help="compare two coders' ledgers of the same reporting",
        description="Judge two coders' ledgers of the same reporting as of --as-of, pair their commitments (by id, "
        "else by actor, day said and deadline words), and print how far they agree: which statements each took to "
        "be commitments (F1), the latest due dates, and the verdicts (Krippendorff's alpha, Cohen's kappa, with "
        "bootstrap intervals). Then every disagreement, the one that moves the on-time rate most first. "
        "See docs/agreement.md.",
        epilog="Example: ledger agree fixtures/agreement/coder-a.yaml fixtures/agreement/coder-b.yaml "
        "--as-of 2025-12-19 --out agreement/",
    )
    command.add_argument("ab", nargs=2, metavar="LEDGER", help="coder A's, then coder B's ledger file or folder")
    command.add_argument("--as-of", type=_date, metavar="DATE", help="judge as of this day (default: today)")
    command.add_argument(
        "--known-as-of", type=_date, metavar="DATE", help="ignore what was recorded after this day in both ledgers"
    )
    command.add_argument(
        "--resamples", type=int, default=1000, metavar="N", help="bootstrap resamples per interval (default: 1000)"
    )
    command.add_argument("--seed", type=int, default=18, metavar="N", help="the bootstrap's seed (default: 18)")
    command.add_argument("--json", action="store_true", help="print the numbers, tables and text as JSON")
    command.add_argument(
        "--out", metavar="DIR", help="also write agreement_measures, _units and _disagreements .parquet to DIR"
    )
    command.add_argument("--allow-errors", action="store_true", help="compare the valid part of ledgers with problems")
    command.set_defaults(run=cmd_agree)


def _add_expect(commands) -> None:
    """`ledger expect PATH --actor NAME`: what to expect of the actor's new deadline."""
    command = commands.add_parser(
        "expect",
        help="the chance an actor's new deadline is met on time, from the record",
        description="Judge the ledger as of --as-of and say what the actor's record of similar deadlines (same "
        "--kind of window, --days within a factor of --band) suggests about a new one: the chance it is met on "
        "time with a 95%% interval, shrunk toward the ledger-wide rate (empirical-Bayes beta-binomial, method of "
        "moments), how much it leans on the actor's own record, and how long similar deadlines took to be "
        "delivered (Kaplan-Meier). See docs/statistics.md.",
        epilog="Example: ledger expect fixtures/russia-ukraine-2025.yaml --actor 'Donald Trump' --kind duration "
        "--days 14 --as-of 2025-12-01",
    )
    command.add_argument(
        "paths", nargs="+", metavar="PATH", help="ledger file or folder, or a folder of Parquet tables"
    )
    command.add_argument("--actor", required=True, metavar="NAME", help="the actor, as the ledger spells the name")
    command.add_argument(
        "--kind", choices=WINDOW_KINDS, metavar="KIND", help=f"the kind of deadline: {', '.join(WINDOW_KINDS)}"
    )
    command.add_argument("--days", type=int, metavar="N", help="the days promised, e.g. 14 for 'two weeks'")
    command.add_argument(
        "--band", type=float, default=1.5, metavar="F", help="similar lengths: within a factor F either way (1.5)"
    )
    command.add_argument("--as-of", type=_date, metavar="DATE", help="judge the record as of this day (default: today)")
    command.add_argument("--known-as-of", type=_date, metavar="DATE", help="ignore what was recorded after this day")
    command.add_argument("--json", action="store_true", help="print the numbers and the sentence as JSON")
    command.add_argument("--allow-errors", action="store_true", help="use the valid part of a ledger with problems")
    command.set_defaults(run=cmd_expect)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ledger`` command (one subparser per subcommand)."""
    parser = argparse.ArgumentParser(
        prog="ledger",
        description="Record commitments with deadlines, check them, and measure follow-through.",
        epilog="Run 'ledger COMMAND --help' for a command's options. Docs: docs/format.md.",
    )
    parser.add_argument("--version", action="version", version=f"ledger {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_check(commands)
    _add_tables(commands)
    _add_evaluate(commands)
    _add_report(commands)
    _add_parse(commands)
    _add_extract(commands)
    _add_agree(commands)
    _add_expect(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``ledger`` command with ``argv`` (default: the process arguments)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except OSError as exc:
        # A folder that does not exist, a file where a folder should be, no
        # permission, a full disk: the user's to fix, so a sentence, not a traceback.
        print(f"ledger: {_os_problem(exc)}; nothing was replaced", file=sys.stderr)
        return EXIT_PROBLEMS


def _os_problem(exc: OSError) -> str:
    """'out/report.html: No such file or directory', naming the file the user asked for.

    Atomic writes go through a temporary file '.NAME.XXXX.tmp' beside the
    target; the user never named it, so the message names NAME instead.

    >>> _os_problem(FileNotFoundError(2, "No such file or directory", "/x/.r.html.ab12.tmp"))
    '/x/r.html: No such file or directory'
    """
    name = exc.filename
    if name is None:
        return exc.strerror or str(exc)
    path = Path(name)
    if path.name.startswith(".") and path.name.endswith(".tmp") and path.name.count(".") >= 3:
        path = path.with_name(path.name[1:].rsplit(".", 2)[0])
    return f"{path}: {exc.strerror or exc}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
