"""Backtest ``expect``: predict each commitment from the ones stated before it; Brier score against the naive rate.

Usage (see benchmarks/README.md):

    .venv/bin/python benchmarks/expect_backtest.py

For the two fixture ledgers and a synthetic ledger whose actors differ in
how often they keep their deadlines (each actor's true on-time rate drawn
from Beta(2, 2), seeded), every commitment that has come due is predicted
from the ledger as of the day before it was stated (``ledger.verdicts.expect.
backtest``), three ways: matching the kind and length of deadline, the
length only, or neither (the actor's whole record). It prints the Brier
score of each against the naive prediction, the ledger-wide on-time rate at
the time (lower is better; always 50% scores 0.25).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger.core.records import Commitment, Event, Ledger, Source
from ledger.deadlines import parse_deadline
from ledger.io.loader import load
from ledger.verdicts.expect import backtest

PHRASES = ("in two weeks", "within 30 days", "by the end of the month", "in 10 days")
SOURCE = [Source(url="https://example.org/synthetic")]


def synthetic_ledger(actors: int = 25, per_actor: int = 30, seed: int = 18) -> tuple[Ledger, dt.date]:
    """Actors whose true on-time rates differ; each deadline is met on time with its actor's rate,
    else met late half the time, else nothing is recorded. Returns the ledger and its as-of date."""
    rng = np.random.default_rng(seed)
    first, span = dt.date(2024, 1, 1), 540
    rates = rng.beta(2, 2, size=actors)
    commitments, events = [], []
    for a, rate in enumerate(rates):
        for i in range(per_actor):
            stated = first + dt.timedelta(days=int(rng.integers(0, span)))
            phrase = PHRASES[int(rng.integers(0, len(PHRASES)))]
            latest = parse_deadline(phrase, stated).latest
            cid = f"a{a}-{i}"
            commitments.append(
                Commitment(id=cid, actor=f"Actor {a}", stated_on=stated, text="t", deadline=phrase, sources=SOURCE)
            )
            draw = rng.random()
            if draw < rate:
                on = stated + dt.timedelta(days=int(rng.integers(0, (latest - stated).days + 1)))
            elif rng.random() < 0.5:
                on = latest + dt.timedelta(days=int(rng.integers(1, 31)))
            else:
                continue
            events.append(Event(commitment_id=cid, type="fulfilled", on=on))
    return Ledger(commitments, events), first + dt.timedelta(days=span + 60)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=25)
    parser.add_argument("--per-actor", type=int, default=30)
    args = parser.parse_args(argv)
    synthetic, synthetic_as_of = synthetic_ledger(args.actors, args.per_actor)
    cases = [
        ("examples fixture", load(ROOT / "fixtures" / "examples").ledger, dt.date(2025, 6, 1)),
        ("Russia-Ukraine fixture", load(ROOT / "fixtures" / "russia-ukraine-2025.yaml").ledger, dt.date(2025, 12, 1)),
        (f"synthetic ({args.actors} actors x {args.per_actor})", synthetic, synthetic_as_of),
    ]
    ways = (("kind and length", True, True), ("length only", False, True), ("whole record", False, False))
    print(f"{'ledger':<32}{'predicted':>10}{'matching':>18}{'expect':>9}{'naive':>9}{'better':>8}")
    for name, ledger, as_of in cases:
        for way, match_kind, match_days in ways:
            scored = backtest(ledger, as_of=as_of, match_kind=match_kind, match_days=match_days)
            ours, naive = scored.attrs["brier"], scored.attrs["naive_brier"]
            print(f"{name:<32}{len(scored):>10}{way:>18}{ours:>9.4f}{naive:>9.4f}{'yes' if ours < naive else 'no':>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
