"""Extraction over an archive: articles per second per core, on one process and on Dask, same candidates.

Usage (see benchmarks/README.md):

    .venv/bin/python benchmarks/extract.py                      # 10,000 articles, 2 workers
    .venv/bin/python benchmarks/extract.py --n 2000 --workers 2

It generates a synthetic archive of N news-style articles as a JSON-lines
file (a deterministic seed: the same N gives the same archive). Each article
mixes deadline commitments ("would reopen within two weeks", "promised to
... by March 1"), attributions ("said", "according to"), pronouns and titles,
past-tense dates ("closed on Tuesday", "three weeks ago") and noise
(weather, sport, figures). It then runs, one after the other:

  local   ``extract_archive(archive, out)`` in this process (one core)
  dask    ``extract_archive(archive, out, client=...)`` on a LocalCluster of W
          worker processes (one thread each), started before timing

and prints, for each, wall seconds, articles per second, articles per second
per core, CPU seconds (this process's; the workers' for Dask) and articles per
CPU second, which a machine shared with other work disturbs less, and the
candidates found; it asserts that both wrote the same candidate
table, the same YAML files and the same manifest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# benchmarks/distributed.py has Dask's package's name: this folder must not come first on the path.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if p and Path(p).resolve() != HERE]

from ledger.articles.archive import extract_archive, read_candidates

FIRST_DAY = dt.date(2024, 1, 1)
PEOPLE = [
    ("Mayor", "Ada Ruiz", "she"),
    ("Governor", "Tom Okafor", "he"),
    ("Senator", "Maria Lindqvist", "she"),
    ("Minister", "Jonas Berg", "he"),
    ("Commissioner", "Priya Nair", "she"),
    ("Chief executive", "Daniel Mwangi", "he"),
    ("Secretary", "Helen Cho", "she"),
    ("Director", "Luis Ortega", "he"),
]
BODIES = ["the city council", "the transport agency", "the health department", "the water board", "the ministry"]
THINGS = [
    ("bridge", "reopen"),
    ("clinic", "open"),
    ("report", "be published"),
    ("new bus line", "start running"),
    ("audit", "be finished"),
    ("water plant", "be repaired"),
    ("housing plan", "be presented"),
    ("inquiry", "conclude"),
]
DEADLINES = [
    "within two weeks",
    "by Friday",
    "by the end of the month",
    "next week",
    "within 30 days",
    "by March 1",
    "before Christmas",
    "by the end of the year",
    "in the next six months",
    "by early August",
    "within a fortnight",
    "by the summer",
    "two weeks or so",
    "by next spring",
]
PAST = [
    "The {thing} closed on Tuesday after an inspection.",
    "Work on the {thing} began three weeks ago.",
    "The same {thing} was promised in 2019 and never came.",
    "Last year the council voted to fund the {thing}.",
    "The {thing} was shut on March 3 following complaints.",
]
NOISE = [
    "Temperatures are expected to reach 31 degrees on Saturday.",
    "The local team won 3-1 on Sunday evening.",
    "Shares in the company rose 2.4 percent in early trading.",
    "Residents gathered outside the town hall, some holding signs.",
    "About 12,000 people use the route every day, according to official figures.",
    "The meeting lasted nearly four hours.",
    "Traffic was diverted through the old town for most of the afternoon.",
    "Critics called the plan too little, too late.",
    "A spokesperson declined to comment further.",
]
COMMITMENTS = [
    "{title} {name} said the {thing} would {verb} {deadline}.",
    "The {thing} will {verb} {deadline}, {name} told reporters.",
    "{Pronoun} promised that the {thing} would {verb} {deadline}.",
    "According to {name}, the {thing} is set to {verb} {deadline}.",
    "{name} said {body} would deliver the {thing} {deadline}.",
    '"We will get the {thing} done {deadline}," said {name}.',
    "{title} {name} gave {body} {deadline} to decide on the {thing}.",
]


def synthetic_article(rng: random.Random, number: int) -> dict[str, str]:
    """One news-style article with a few commitments among attributions, past events and noise."""
    title, name, pronoun = rng.choice(PEOPLE)
    thing, verb = rng.choice(THINGS)
    published = FIRST_DAY + dt.timedelta(days=rng.randrange(0, 700))
    sentences = [f"{title} {name} visited the {thing} on Monday, where crews were still at work."]
    for _ in range(rng.randint(6, 12)):
        roll = rng.random()
        if roll < 0.3:
            other_title, other, _ = rng.choice(PEOPLE)
            other_thing, other_verb = rng.choice(THINGS)
            template = rng.choice(COMMITMENTS)
            sentences.append(
                template.format(
                    title=other_title,
                    name=other if rng.random() < 0.7 else name,
                    Pronoun=pronoun.capitalize(),
                    thing=other_thing,
                    verb=other_verb,
                    deadline=rng.choice(DEADLINES),
                    body=rng.choice(BODIES),
                )
            )
        elif roll < 0.55:
            sentences.append(rng.choice(PAST).format(thing=rng.choice(THINGS)[0]))
        else:
            sentences.append(rng.choice(NOISE))
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    slug = f"{thing.replace(' ', '-')}-{number}"
    row = {
        "text": "\n\n".join(paragraphs),
        "published_on": published.isoformat(),
        "url": f"https://news.example.org/{published:%Y/%m}/{slug}",
        "title": f"{name} on the {thing}",
    }
    if number % 3:  # a third of the rows leave the id to be made from the url
        row["id"] = f"story-{number:06d}"
    return row


def write_archive(path: Path, n: int, seed: int = 17) -> None:
    """N articles as a JSON-lines file, the same for the same N and seed."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(n):
            handle.write(json.dumps(synthetic_article(rng, number), ensure_ascii=False) + "\n")


def assert_same_output(one: Path, other: Path) -> None:
    """The two runs wrote equal candidate tables, the same YAML files byte for byte, and equal manifests."""
    a, b = read_candidates(one), read_candidates(other)
    if not a.equals(b):
        raise AssertionError("the candidate tables differ between the local run and Dask")
    manifest_a = json.loads((one / "manifest.json").read_text())
    manifest_b = json.loads((other / "manifest.json").read_text())
    if manifest_a != manifest_b:
        raise AssertionError("the manifests differ between the local run and Dask")
    names_a = sorted(p.relative_to(one) for p in (one / "yaml").rglob("*.yaml"))
    names_b = sorted(p.relative_to(other) for p in (other / "yaml").rglob("*.yaml"))
    if names_a != names_b:
        raise AssertionError("the YAML files differ between the local run and Dask")
    _, mismatch, errors = filecmp.cmpfiles(one, other, [str(n) for n in names_a], shallow=False)
    if mismatch or errors:
        raise AssertionError(f"YAML files differ: {(mismatch + errors)[:5]}")


def _warm() -> None:
    """Import and run ``extract`` once, so first-use tables are built before timing."""
    from ledger.articles.extract import extract

    extract("Mayor Ada Ruiz said the bridge would reopen within two weeks.", dt.date(2025, 10, 16))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate (default 10,000)")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes, one thread each")
    parser.add_argument("--partition-size", type=int, default=500, help="articles per partition")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

    folder = Path(tempfile.mkdtemp(prefix="ledger-extract-"))
    archive = folder / "archive.jsonl"
    start = time.perf_counter()
    write_archive(archive, args.n, args.seed)
    size = archive.stat().st_size
    print(f"synthetic archive: {args.n:,} articles, {size / 1e6:.1f} MB, written in {time.perf_counter() - start:.1f}s")

    rows = []
    _warm()  # the reader's tables are built on first use, on each process alike: not timed
    start, cpu = time.perf_counter(), time.process_time()
    local = extract_archive(archive, folder / "local", partition_size=args.partition_size)
    rows.append(("local, 1 process", time.perf_counter() - start, time.process_time() - cpu, 1, local))
    # Workers import this worktree's ledger, as the client does.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    with (
        LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.run(_warm)
        before = sum(client.run(time.process_time).values())
        start, cpu = time.perf_counter(), time.process_time()
        on_dask = extract_archive(archive, folder / "dask", partition_size=args.partition_size, client=client)
        seconds = time.perf_counter() - start
        workers_cpu = sum(client.run(time.process_time).values()) - before
        rows.append((f"Dask, {args.workers} workers", seconds, workers_cpu, args.workers, on_dask))
        print(f"client CPU during the Dask run: {time.process_time() - cpu:.1f}s (not counted above)")
    assert_same_output(folder / "local", folder / "dask")

    print(
        f"\n{'run':20} {'wall s':>7} {'articles/s':>11} {'per core':>9} {'CPU s':>7} {'per CPU s':>10} "
        f"{'candidates':>11} {'problems':>9}"
    )
    for label, seconds, cpu_seconds, cores, result in rows:
        n = result.manifest["articles"]
        print(
            f"{label:20} {seconds:>7.1f} {n / seconds:>11,.0f} {n / seconds / cores:>9,.0f} {cpu_seconds:>7.1f} "
            f"{n / cpu_seconds:>10,.0f} {result.manifest['candidates']:>11,} {len(result.problems):>9}"
        )
    print(f"\nDask / local wall time: {rows[1][1] / rows[0][1]:.2f}x; candidate tables, YAML files and manifests equal")
    print(f"machine load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"(articles with candidates: {local.manifest['articles_with_candidates']:,} of {local.manifest['articles']:,})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
