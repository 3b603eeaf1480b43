"""Subcommands that study a record: agree (two coders) and expect (a new deadline)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
from pathlib import Path

from ledger.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    date,
    dates_argument,
    load_checked,
    load_for_evaluation,
    print_unreadable,
)
from ledger.core.formats import long_date, plural
from ledger.core.tables import ledger_hash
from ledger.core.vocabulary import WINDOW_KINDS


def cmd_agree(args: argparse.Namespace) -> int:
    """Compare two coders' ledgers of the same reporting as of a date; list where they disagree."""
    from ledger.io.parquet import table_metadata, write_parquet
    from ledger.verdicts.agreement import agreement
    from ledger.verdicts.evaluate import UnreadableDeadlines

    if args.resamples < 1:
        print(f"ledger agree: --resamples must be at least 1 (got {args.resamples})", file=sys.stderr)
        return EXIT_USAGE
    as_of = args.as_of or dt.date.today()  # the CLI alone may default to today, at call time
    loaded = [
        load_checked([path], allow_errors=args.allow_errors, refused="nothing compared", dates=args.dates)
        for path in args.ab
    ]
    coder_a, coder_b = loaded  # both loaded first, so the problems of both are printed
    if coder_a is None or coder_b is None:
        return EXIT_PROBLEMS
    ledgers = [coder_a.ledger, coder_b.ledger]
    try:
        found = agreement(*ledgers, as_of=as_of, known_as_of=args.known_as_of, resamples=args.resamples, seed=args.seed)
    except UnreadableDeadlines as exc:
        print_unreadable(exc, "nothing compared")
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
    ledger, result = load_for_evaluation(args.paths, allow_errors=args.allow_errors, dates=args.dates)
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


def add_agree(commands) -> None:
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
    command.add_argument("--as-of", type=date, metavar="DATE", help="judge as of this day (default: today)")
    command.add_argument(
        "--known-as-of", type=date, metavar="DATE", help="ignore what was recorded after this day in both ledgers"
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
    dates_argument(command)
    command.set_defaults(run=cmd_agree)


def add_expect(commands) -> None:
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
    command.add_argument("--as-of", type=date, metavar="DATE", help="judge the record as of this day (default: today)")
    command.add_argument("--known-as-of", type=date, metavar="DATE", help="ignore what was recorded after this day")
    command.add_argument("--json", action="store_true", help="print the numbers and the sentence as JSON")
    command.add_argument("--allow-errors", action="store_true", help="use the valid part of a ledger with problems")
    dates_argument(command)
    command.set_defaults(run=cmd_expect)
