"""Score ``ledger.extract`` on real public-domain federal documents (issue 13's own test set).

Usage (see benchmarks/README.md):

    .venv/bin/python benchmarks/extract_accuracy.py            # the tables
    .venv/bin/python benchmarks/extract_accuracy.py --misses   # and every miss, by cause
    .venv/bin/python benchmarks/extract_accuracy.py --json     # the figures as JSON
    .venv/bin/python benchmarks/extract_accuracy.py --heldout  # the held-out group, scored apart
    .venv/bin/python benchmarks/extract_accuracy.py --finder   # find_deadlines alone: phrases found, past returned

The documents are White House, State and Defense Department, Congressional
Record and other federal texts stored in tests/data/extract_real/docs/, each
with a header (url, title, date, agency); the labels, written by reading the
documents and not the extractor's output, are in
tests/data/extract_real/labels.yaml; the conventions (what counts as a
commitment, who its actor is, how a candidate is matched to a label) are in
tests/data/extract_real/README.md.

It runs ``ledger.extract(text, date, default_actor=...)`` on every document
and reports recall, precision, actor accuracy, whether the day said is right,
each per family of the issue, how often each kind of non-commitment is
returned, and calibration: candidates bucketed by confidence, with the share
right in each bucket.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this checkout's ledger, not an installed one

import yaml

from ledger import extract, find_deadlines

DATA = ROOT / "tests" / "data" / "extract_real"
DOCS = DATA / "docs"
LABELS = DATA / "labels.yaml"
ORIGIN = DATA / "origin_article.yaml"
# Documents added after the rules were written and labelled before the extractor ran on them: scored apart.
HELDOUT = DATA / "heldout"

FAMILIES = ("conditional", "noun_phrase", "past_tense", "headline", "date_said", "attribution", "plain")
REASONS = (
    "past",
    "forecast",
    "condition",
    "option",
    "question",
    "refused_request",
    "duration",
    "scheduled_event",
    "open_time",
    "no_commitment",
    "stamp",
    "dateline",
    "heading_date",
    "greeting",
    "withdrawn",
)
HEADER_FIELDS = ("url", "title", "date", "agency")
TARGETS = {"recall": 0.9, "precision": 0.85, "actor": 0.9}
# A candidate that says it is a forecast, with low confidence, is what the issue allows for a prediction.
FORECAST_FLAG, FORECAST_MAX_CONFIDENCE = "forecast", 0.3
BUCKETS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0))


class Document(NamedTuple):
    """One stored document: its name (file stem), header fields and body text."""

    name: str
    url: str
    title: str
    published_on: dt.date
    agency: str
    default_actor: str | None
    text: str


class Label(NamedTuple):
    """One labelled item, with the character spans of its deadline phrase (and other mentions) in the body."""

    doc: str
    index: int
    kind: str  # "commitment" or "non_commitment"
    actors: tuple[str, ...]
    text: str
    deadline: str
    spans: tuple[tuple[int, int], ...]
    said: dt.date | None
    family: str | None
    reason: str | None


class Outcome(NamedTuple):
    """What became of one candidate: ``status`` is right, wrong_actor, duplicate, flagged_forecast,
    non_commitment (it proposed a labelled non-commitment) or unlabelled."""

    doc: str
    actor: str
    deadline: str
    start: int
    confidence: float
    stated_on: dt.date | None
    status: str
    label: Label | None


class Report(NamedTuple):
    """Every candidate's outcome, every label's, and the aliases used to compare actors."""

    outcomes: tuple[Outcome, ...]
    matched: dict[tuple[str, int], Outcome]  # (doc, label index) -> the candidate that matched it first
    labels: tuple[Label, ...]
    documents: tuple[Document, ...]
    aliases: dict[str, str]


# -- loading ------------------------------------------------------------------------------------


def read_document(path: Path) -> Document:
    """A stored document: ``key: value`` header lines, a line ``---``, then the text.

    >>> doc = read_document(DOCS / "001-rice-travel-middle-east-asia.txt")
    >>> doc.published_on.isoformat(), doc.agency
    ('2008-07-17', 'U.S. Department of State')
    """
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise ValueError(f"{path}: no '---' line between the header and the text")
    header: dict[str, str] = {}
    for number, line in enumerate(head.splitlines(), start=1):
        key, colon, value = line.partition(":")
        if not colon or not key.strip() or not value.strip():
            raise ValueError(f"{path}:{number}: header line {line!r} is not 'key: value'")
        header[key.strip()] = value.strip()
    missing = [f for f in HEADER_FIELDS if f not in header]
    if missing:
        raise ValueError(f"{path}: header lacks {', '.join(missing)}")
    try:
        published_on = dt.date.fromisoformat(header["date"])
    except ValueError:
        raise ValueError(f"{path}: header field 'date' must be YYYY-MM-DD (got {header['date']!r})") from None
    return Document(
        path.stem,
        header["url"],
        header["title"],
        published_on,
        header["agency"],
        header.get("default_actor"),
        body.strip("\n") + "\n",
    )


def load_documents(folder: Path = DOCS) -> list[Document]:
    """Every document of the set, in file-name order."""
    return [read_document(p) for p in sorted(folder.glob("*.txt"))]


def _occurrence(text: str, phrase: str, nth: int, where: str) -> tuple[int, int]:
    at = -1
    for _ in range(nth):
        at = text.find(phrase, at + 1)
        if at < 0:
            raise ValueError(f"{where}: deadline {phrase!r} (occurrence {nth}) is not in the document's text")
    return at, at + len(phrase)


def _mentions(item: dict) -> list[tuple[str, int]]:
    found = [(str(item["deadline"]), int(item.get("nth", 1)))]
    for other in item.get("also", []):
        if isinstance(other, dict):
            found.append((str(other["deadline"]), int(other.get("nth", 1))))
        else:
            found.append((str(other), 1))
    return found


def _label(doc: Document, index: int, item: dict, known_actors: set[str]) -> Label:
    where = f"{LABELS.name}: {doc.name} item {index + 1}"
    kind = item.get("kind")
    if kind not in ("commitment", "non_commitment"):
        raise ValueError(f"{where}: 'kind' must be commitment or non_commitment (got {kind!r})")
    actor = item.get("actor", ())
    actors = (actor,) if isinstance(actor, str) else tuple(actor)
    unknown = [a for a in actors if a not in known_actors]
    if unknown:
        raise ValueError(f"{where}: actor {unknown[0]!r} is not listed under 'actors'")
    if kind == "commitment":
        if not actors or item.get("family") not in FAMILIES or not isinstance(item.get("said"), dt.date):
            raise ValueError(f"{where}: a commitment needs an actor, a family from {FAMILIES} and a 'said' date")
    elif item.get("reason") not in REASONS:
        raise ValueError(f"{where}: 'reason' must be one of {REASONS} (got {item.get('reason')!r})")
    spans = tuple(_occurrence(doc.text, phrase, nth, where) for phrase, nth in _mentions(item))
    return Label(
        doc.name,
        index,
        kind,
        actors,
        str(item.get("text", "")),
        str(item["deadline"]),
        spans,
        item.get("said"),
        item.get("family"),
        item.get("reason"),
    )


def load_labels(documents: Sequence[Document], path: Path = LABELS) -> tuple[list[Label], dict[str, str]]:
    """The labels, each located in its document, and the actor aliases (normalised alias -> name).

    Refuses a label whose phrase is not in its document, a document without
    labels and labels for a document that does not exist.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = {normalise_actor(name): name for name in data["actors"]}
    for name, others in data["actors"].items():
        for other in others or ():
            names[normalise_actor(other)] = name
    by_name = {d.name: d for d in documents}
    extra = sorted(set(data["documents"]) - set(by_name))
    if extra:
        raise ValueError(f"{path.name}: labels for {extra[0]!r}, which is not a document in {DOCS}")
    unlabelled = sorted(set(by_name) - set(data["documents"]))
    if unlabelled:
        raise ValueError(f"{path.name}: document {unlabelled[0]!r} has no labels")
    labels = [
        _label(by_name[name], index, item, set(data["actors"]))
        for name, items in data["documents"].items()
        for index, item in enumerate(items)
    ]
    return labels, names


def normalise_actor(name: str) -> str:
    """An actor name for comparison: lower case, no leading "the", no dots, single spaces.

    >>> normalise_actor("  The U.S.  Senate ")
    'us senate'
    """
    words = name.lower().replace(".", "").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# -- scoring ------------------------------------------------------------------------------------


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def actor_is_right(candidate_actor: str, label: Label, aliases: dict[str, str]) -> bool:
    """True if the candidate's actor is one of the label's actors, or an alias of one.

    >>> lab = Label("d", 0, "commitment", ("Donald Trump",), "", "", (), None, "plain", None)
    >>> actor_is_right("President Trump", lab, {"president trump": "Donald Trump"})
    True
    """
    return aliases.get(normalise_actor(candidate_actor), candidate_actor) in label.actors


def _judge(
    candidate: Any, labels: Sequence[Label], taken: set[int], aliases: dict[str, str]
) -> tuple[str, Label | None]:
    start, end = candidate.deadline.start, candidate.deadline.end
    hits = [lab for lab in labels if _overlaps(start, end, lab.spans)]
    commitments = [lab for lab in hits if lab.kind == "commitment"]
    if commitments:
        fresh = [lab for lab in commitments if lab.index not in taken]
        if not fresh:
            return "duplicate", commitments[0]
        label = fresh[0]
        return ("right" if actor_is_right(candidate.actor, label, aliases) else "wrong_actor"), label
    if hits:
        flagged = FORECAST_FLAG in candidate.reasons and candidate.confidence <= FORECAST_MAX_CONFIDENCE
        return ("flagged_forecast" if flagged else "non_commitment"), hits[0]
    return "unlabelled", None


def score(
    documents: Sequence[Document],
    labels: Sequence[Label],
    aliases: dict[str, str],
    run: Callable[[Document], Sequence[Any]] | None = None,
) -> Report:
    """Match every candidate to the labels of its document, in reading order.

    A candidate matches a label when its deadline span overlaps the label's
    phrase or one of its other mentions; commitments are matched one to one
    (a second candidate on the same commitment is a duplicate). ``run`` gives
    the candidates of a document (``ledger.extract`` by default).
    """
    run = run or (lambda doc: extract(doc.text, doc.published_on, default_actor=doc.default_actor))
    outcomes: list[Outcome] = []
    matched: dict[tuple[str, int], Outcome] = {}
    for doc in documents:
        here = [lab for lab in labels if lab.doc == doc.name]
        taken: set[int] = set()
        for c in sorted(run(doc), key=lambda c: c.deadline.start):
            status, label = _judge(c, here, taken, aliases)
            outcome = Outcome(
                doc.name, c.actor, c.deadline.text, c.deadline.start, c.confidence, c.stated_on, status, label
            )
            outcomes.append(outcome)
            if status in ("right", "wrong_actor") and label is not None:
                taken.add(label.index)
                matched[(doc.name, label.index)] = outcome
    return Report(tuple(outcomes), matched, tuple(labels), tuple(documents), aliases)


def perfect_run(labels: Sequence[Label], wrong_actor: Collection[Label] = ()) -> Callable[[Document], list[Any]]:
    """A stand-in extractor that proposes the given commitments exactly (to check the scoring itself).

    Those in ``wrong_actor`` are proposed with an actor nobody labelled.

    >>> docs = load_documents(); labels, aliases = load_labels(docs)
    >>> summary(score(docs, labels, aliases, perfect_run(labels)))["recall"]
    1.0
    """

    def run(doc: Document) -> list[Any]:
        return [
            SimpleNamespace(
                actor="Nobody In Particular" if lab in wrong_actor else lab.actors[0],
                deadline=SimpleNamespace(start=lab.spans[0][0], end=lab.spans[0][1], text=lab.deadline),
                confidence=0.9,
                reasons=(),
                stated_on=lab.said,
            )
            for lab in labels
            if lab.doc == doc.name and lab.kind == "commitment"
        ]

    return run


# -- figures ------------------------------------------------------------------------------------


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def summary(report: Report, family: str | None = None) -> dict[str, float | int]:
    """Recall, precision, actor accuracy and counts, over the whole set or one family's commitments.

    Precision is over all candidates (a family cannot be told for a candidate
    that matches nothing), so it is given only for the whole set.
    """
    wanted = [lab for lab in report.labels if lab.kind == "commitment" and family in (None, lab.family)]
    found = [report.matched[(lab.doc, lab.index)] for lab in wanted if (lab.doc, lab.index) in report.matched]
    actor_ok = sum(o.status == "right" for o in found)
    figures: dict[str, float | int] = {
        "commitments": len(wanted),
        "found": len(found),
        "recall": _share(len(found), len(wanted)),
        "actor": _share(actor_ok, len(found)),
    }
    if family is None:
        judged = [o for o in report.outcomes if o.status not in ("duplicate", "flagged_forecast")]
        good = sum(o.status in ("right", "wrong_actor") for o in judged)
        figures.update(
            candidates=len(report.outcomes),
            duplicates=sum(o.status == "duplicate" for o in report.outcomes),
            flagged_forecasts=sum(o.status == "flagged_forecast" for o in report.outcomes),
            precision=_share(good, len(judged)),
            false_positives=len(judged) - good,
        )
    return figures


def non_commitments_returned(report: Report) -> dict[str, tuple[int, int]]:
    """For each reason a labelled non-commitment is not one: (returned as a candidate, labelled)."""
    labelled = Counter(lab.reason for lab in report.labels if lab.kind == "non_commitment")
    returned = Counter(o.label.reason for o in report.outcomes if o.status == "non_commitment" and o.label is not None)
    return {reason: (returned[reason], labelled[reason]) for reason in REASONS if labelled[reason]}


def calibration(report: Report) -> list[tuple[float, float, int, float | None]]:
    """(low, high, candidates, share right) per confidence bucket; right = a labelled commitment, right actor."""
    rows = []
    for low, high in BUCKETS:
        inside = [
            o
            for o in report.outcomes
            if o.status != "duplicate" and low <= o.confidence and (o.confidence < high or high == 1.0)
        ]
        right = sum(o.status == "right" for o in inside)
        rows.append((low, high, len(inside), right / len(inside) if inside else None))
    return rows


def causes(report: Report) -> dict[str, list[str]]:
    """Every miss, false positive and wrong actor, grouped by what went wrong, as readable lines."""
    grouped: dict[str, list[str]] = {}
    by_doc = {d.name: d for d in report.documents}
    for lab in report.labels:
        if lab.kind != "commitment" or (lab.doc, lab.index) in report.matched:
            continue
        doc = by_doc[lab.doc]
        seen = any(_overlaps(m.start, m.end, lab.spans) for m in find_deadlines(doc.text, doc.published_on))
        cause = (
            f"missed, phrase found but not proposed [{lab.family}]"
            if seen
            else f"missed, phrase not found by find_deadlines [{lab.family}]"
        )
        grouped.setdefault(cause, []).append(f"{lab.doc}: {lab.actors[0]} / {lab.deadline!r} ({lab.text})")
    for o in report.outcomes:
        if o.status == "wrong_actor" and o.label is not None:
            line = f"{o.doc}: {o.deadline!r} gave {o.actor!r}, want {' or '.join(o.label.actors)}"
            grouped.setdefault(f"wrong actor [{o.label.family}]", []).append(line)
        elif o.status == "non_commitment" and o.label is not None:
            line = f"{o.doc}: {o.actor} / {o.deadline!r} ({o.confidence:.2f})"
            grouped.setdefault(f"proposed a non-commitment [{o.label.reason}]", []).append(line)
        elif o.status == "unlabelled":
            line = f"{o.doc}: {o.actor} / {o.deadline!r} ({o.confidence:.2f})"
            grouped.setdefault("proposed a phrase no label covers", []).append(line)
        elif o.status == "duplicate":
            grouped.setdefault("duplicate of a matched commitment", []).append(f"{o.doc}: {o.deadline!r}")
    return dict(sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0])))


class FinderScore(NamedTuple):
    """``find_deadlines`` alone on the set: labelled commitment phrases it returns, labelled past dates it returns."""

    found: tuple[Label, ...]
    commitments: tuple[Label, ...]
    past_returned: tuple[Label, ...]
    past: tuple[Label, ...]


def finder_score(documents: Sequence[Document], labels: Sequence[Label]) -> FinderScore:
    """Which labelled commitment phrases (and which labelled past dates) some ``find_deadlines`` match overlaps.

    >>> docs = load_documents(); labels, _ = load_labels(docs)
    >>> s = finder_score(docs, labels)
    >>> len(s.commitments), len(s.past)
    (86, 56)
    """
    found, returned = [], []
    for doc in documents:
        matches = [(m.start, m.end) for m in find_deadlines(doc.text, doc.published_on)]
        for lab in labels:
            if lab.doc == doc.name and any(_overlaps(a, b, lab.spans) for a, b in matches):
                (found if lab.kind == "commitment" else returned).append(lab)
    commitments = tuple(lab for lab in labels if lab.kind == "commitment")
    past = tuple(lab for lab in labels if lab.kind == "non_commitment" and lab.reason == "past")
    return FinderScore(tuple(found), commitments, tuple(lab for lab in returned if lab.reason == "past"), past)


def finder_text(s: FinderScore, misses: bool = False) -> str:
    """The finder's two figures (and, with ``misses``, the phrases missed and the past dates returned)."""
    lines = [
        f"find_deadlines: {len(s.found)} of {len(s.commitments)} commitment phrases found "
        f"({_share(len(s.found), len(s.commitments)):.2f}; target >= 0.85)",
        f"find_deadlines: {len(s.past_returned)} of {len(s.past)} past dates returned "
        f"({len(s.past_returned) / len(s.past) if s.past else 0.0:.2f}; target <= 0.05)",
    ]
    if misses:
        lines += ["", "commitment phrases not found:"]
        lines += [f"    {lab.doc}: {lab.deadline!r} [{lab.family}]" for lab in s.commitments if lab not in s.found]
        lines += ["", "past dates returned:"]
        lines += [f"    {lab.doc}: {lab.deadline!r}" for lab in s.past_returned]
    return "\n".join(lines)


def said_right(report: Report) -> tuple[int, int]:
    """(matched candidates whose day said is the label's, matched candidates)."""
    found = list(report.matched.values())
    return sum(o.label is not None and o.stated_on == o.label.said for o in found), len(found)


# -- printing -----------------------------------------------------------------------------------


def mean_confidence(report: Report) -> list[float | None]:
    """The mean confidence of the candidates in each bucket of ``calibration``: what they claim beside what they got."""
    means = []
    for low, high in BUCKETS:
        inside = [
            o.confidence
            for o in report.outcomes
            if o.status != "duplicate" and low <= o.confidence and (o.confidence < high or high == 1.0)
        ]
        means.append(sum(inside) / len(inside) if inside else None)
    return means


def calibration_error(report: Report) -> float:
    """The expected calibration error: per bucket, |mean confidence - share right|, weighted by its candidates."""
    rows = calibration(report)
    total = sum(n for _, _, n, _ in rows)
    gaps = [n * abs(mean - right) for (_, _, n, right), mean in zip(rows, mean_confidence(report)) if n]
    return sum(gaps) / total if total else 0.0


def table(report: Report) -> str:
    """The figures as a plain-text table: the whole set against the targets, then per family and reason."""
    whole = summary(report)
    lines = [
        f"{len(report.documents)} documents, {len(report.labels)} labels "
        f"({whole['commitments']} commitments), {whole['candidates']} candidates",
        "",
        f"{'':24}{'value':>8}{'target':>8}",
    ]
    for key in ("recall", "precision", "actor"):
        mark = "ok" if whole[key] >= TARGETS[key] else "BELOW"
        lines.append(f"{key:24}{whole[key]:8.3f}{TARGETS[key]:8.2f}  {mark}")
    lines.append(
        f"(false positives {whole['false_positives']}, duplicates {whole['duplicates']}, "
        f"flagged forecasts {whole['flagged_forecasts']})"
    )
    ok, n = said_right(report)
    lines.append(f"{'day said right':24}{_share(ok, n):8.3f}  ({ok} of {n} matched)")
    lines += ["", f"{'family':24}{'labels':>8}{'found':>8}{'recall':>8}{'actor':>8}"]
    for family in FAMILIES:
        f = summary(report, family)
        actor = f"{f['actor']:8.2f}" if f["found"] else f"{'-':>8}"  # no actor to judge when nothing was found
        lines.append(f"{family:24}{f['commitments']:8}{f['found']:8}{f['recall']:8.2f}{actor}")
    lines += ["", f"{'non-commitment reason':24}{'labels':>8}{'returned':>9}"]
    for reason, (returned, labelled) in non_commitments_returned(report).items():
        lines.append(f"{reason:24}{labelled:8}{returned:9}")
    lines += ["", f"{'confidence':24}{'candidates':>11}{'mean':>8}{'right':>8}"]
    for (low, high, n, right), mean in zip(calibration(report), mean_confidence(report)):
        shown = "-" if right is None else f"{right:.2f}"
        claimed = "-" if mean is None else f"{mean:.2f}"
        lines.append(f"{f'{low:.1f}-{high:.1f}':24}{n:11}{claimed:>8}{shown:>8}")
    lines.append(f"{'calibration error':24}{calibration_error(report):11.3f}  (mean |claimed - right|, by candidates)")
    return "\n".join(lines)


def misses_text(report: Report) -> str:
    """Every miss, grouped by cause, largest group first."""
    out = []
    for cause, lines in causes(report).items():
        out.append(f"{cause}: {len(lines)}")
        out += [f"    {line}" for line in lines]
    return "\n".join(out)


def as_json(report: Report) -> dict:
    """The figures as plain values."""
    return {
        "summary": summary(report),
        "families": {f: summary(report, f) for f in FAMILIES},
        "non_commitments_returned": {k: list(v) for k, v in non_commitments_returned(report).items()},
        "calibration": [list(row) for row in calibration(report)],
        "calibration_error": round(calibration_error(report), 3),
        "said_right": list(said_right(report)),
        "causes": {k: len(v) for k, v in causes(report).items()},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="also list every miss, grouped by cause")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--heldout", action="store_true", help="score the held-out group (labelled before the extractor saw it)"
    )
    parser.add_argument(
        "--finder",
        action="store_true",
        help="score find_deadlines alone: commitment phrases found, past dates returned",
    )
    args = parser.parse_args(argv)
    documents = load_documents(HELDOUT if args.heldout else DOCS)
    labels, aliases = load_labels(documents, HELDOUT / "labels.yaml" if args.heldout else LABELS)
    if args.finder:
        print(finder_text(finder_score(documents, labels), misses=args.misses))
        return 0
    report = score(documents, labels, aliases)
    if args.json:
        print(json.dumps(as_json(report), indent=2))
        return 0
    print(table(report))
    if args.misses:
        print()
        print(misses_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
