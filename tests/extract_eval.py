"""Score ``ledger.extract`` against the annotated paragraphs (shared by tests and by hand).

Run ``python tests/extract_eval.py`` to print every miss and the totals.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import yaml

from ledger.articles.extract import Candidate, extract

DATA = Path(__file__).resolve().parent / "data" / "extract_paragraphs.yaml"


def load_items() -> list[dict]:
    """The annotated items, with dates as ``datetime.date``."""
    items = yaml.safe_load(DATA.read_text(encoding="utf-8"))["items"]
    for item in items:
        if isinstance(item["published_on"], str):
            item["published_on"] = dt.date.fromisoformat(item["published_on"])
    return items


def _actors(expected: dict) -> list[str]:
    actor = expected["actor"]
    return [actor] if isinstance(actor, str) else list(actor)


def _overlaps(text: str, candidate: Candidate, phrase: str) -> bool:
    """True if the found phrase and the expected one share characters in the text."""
    found = candidate.deadline
    at = text.find(phrase)
    while at >= 0:
        if at < found.end and found.start < at + len(phrase):
            return True
        at = text.find(phrase, at + 1)
    return False


def matches(text: str, candidate: Candidate, expected: dict) -> bool:
    """A found candidate matches an expected one: same actor, overlapping deadline phrase."""
    return candidate.actor in _actors(expected) and _overlaps(text, candidate, expected["deadline"])


@attrs.frozen
class Score:
    """Counts over the whole set, and the problems worth reading."""

    true_positives: int
    found: int
    expected: int
    text_ok: int
    problems: tuple[str, ...]
    #: Found candidates whose deadline overlaps an expected one, and how many of those name its actor.
    located: int = 0
    actor_ok: int = 0
    #: Every found candidate's confidence, and whether it matched an expected one (for calibration).
    judged: tuple[tuple[float, bool], ...] = ()

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def actor_accuracy(self) -> float:
        """Of the candidates that found an expected deadline, the share that name an accepted actor."""
        return self.actor_ok / self.located if self.located else 1.0

    @property
    def text_accuracy(self) -> float:
        return self.text_ok / self.true_positives if self.true_positives else 1.0


def evaluate(items: list[dict]) -> Score:
    """Greedy one-to-one matching of found to expected candidates, item by item."""
    tp = found = expected_n = text_ok = located = actor_ok = 0
    problems: list[str] = []
    judged: list[tuple[float, bool]] = []
    for item in items:
        text = item["text"]
        got = extract(text, item["published_on"])
        expected = item["expect"]
        found += len(got)
        expected_n += len(expected)
        for e in expected:
            near = [c for c in got if _overlaps(text, c, e["deadline"])]
            if near:
                located += 1
                actor_ok += any(c.actor in _actors(e) for c in near)
        used: set[int] = set()
        for e in expected:
            hit = next((i for i, c in enumerate(got) if i not in used and matches(text, c, e)), None)
            if hit is None:
                problems.append(f"{item['id']}: missed {e['actor']} / {e['deadline']!r}")
                continue
            used.add(hit)
            tp += 1
            c = got[hit]
            if all(k.lower() in c.text.lower() for k in e.get("keywords", [])):
                text_ok += 1
            else:
                problems.append(f"{item['id']}: text {c.text!r} lacks {e['keywords']}")
        judged.extend((c.confidence, i in used) for i, c in enumerate(got))
        for i, c in enumerate(got):
            if i not in used:
                problems.append(f"{item['id']}: extra {c.actor} / {c.deadline.text!r} ({', '.join(c.reasons)})")
    return Score(tp, found, expected_n, text_ok, tuple(problems), located, actor_ok, tuple(judged))


BUCKETS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0))


def calibration(score: Score) -> list[tuple[float, float, int, float | None]]:
    """(low, high, candidates, share right) per confidence bucket; the top bucket includes 1.0."""
    rows = []
    for low, high in BUCKETS:
        here = [ok for conf, ok in score.judged if low <= conf < high or (high == 1.0 and conf == 1.0)]
        rows.append((low, high, len(here), sum(here) / len(here) if here else None))
    return rows


def by_family(items: list[dict]) -> dict[str, Score]:
    """The score of each family of items (``family`` in the data; the first set is "original")."""
    families: dict[str, list[dict]] = {}
    for item in items:
        families.setdefault(item.get("family", "original"), []).append(item)
    return {name: evaluate(group) for name, group in families.items()}


def _line(name: str, score: Score) -> str:
    return (
        f"{name:18} precision {score.precision:.2f} ({score.true_positives}/{score.found})  "
        f"recall {score.recall:.2f} ({score.true_positives}/{score.expected})  "
        f"actor {score.actor_accuracy:.2f} ({score.actor_ok}/{score.located})"
    )


if __name__ == "__main__":
    items = load_items()
    score = evaluate(items)
    for line in score.problems:
        print(line)
    for name, family_score in by_family(items).items():
        print(_line(name, family_score))
    print(_line("all", score))
    for low, high, n, share in calibration(score):
        print(f"confidence {low:.1f}-{high:.1f}  candidates {n:3}  right {'-' if share is None else f'{share:.2f}'}")
    print(
        f"precision {score.precision:.3f} ({score.true_positives}/{score.found}), "
        f"recall {score.recall:.3f} ({score.true_positives}/{score.expected}), "
        f"text {score.text_accuracy:.3f}"
    )
