"""Candidates as a ledger YAML file, each tagged ``candidate`` with its confidence and reasons in a comment."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from ledger.articles.candidate import Candidate

__all__ = ["PLACEHOLDER_URL", "candidates_to_yaml"]

#: Written as the source url when none is given: the loader rejects it
#: (``bad_url``), so an unconfirmed candidates file cannot pass ``ledger check``.
PLACEHOLDER_URL = "REPLACE-with-article-url"


def _comment(c: Candidate) -> list[str]:
    """The comment lines above a candidate: confidence and reasons, where it is in the text, its window."""
    w = c.window
    said = c.stated_on.isoformat()
    if c.stated_phrase:
        said += f" ({'approximate, ' if c.stated_approximate else ''}from {c.stated_phrase!r})"
    due = f"due {w.due}, latest {w.latest}" if w.due else "no due date"
    lines = [
        f"# candidate, confidence {c.confidence:.2f}: {', '.join(c.reasons)}",
        f"# sentence at characters {c.sentence_span[0]}-{c.sentence_span[1]}, deadline at "
        f"{c.deadline.start}-{c.deadline.end}; said {said}",
        f"# window: {due} ({w.kind}, {w.bound}, rule {w.rule})",
    ]
    if c.organisation:
        lines.append(f"# {c.actor} committed for {c.organisation}")
    if c.stated_approximate and not c.stated_phrase:
        lines.append("# said before the deadline, on a day the text does not give: the day before it, approximately")
    if c.resets and c.supersedes is None:
        lines.append("# resets an earlier deadline that is not in this text: add `supersedes` if the ledger has it")
    return lines


def _entry(c: Candidate, url: str, title: str | None) -> dict[str, object]:
    """The candidate as a commitment of the ledger's YAML format, its article as the one source."""
    source = {"url": url}
    if title:
        source["title"] = title
    source["quote"] = c.quote
    source["published_on"] = c.published_on.isoformat()
    entry: dict[str, object] = {
        "id": c.id,
        "actor": c.actor,
        "stated_on": c.stated_on.isoformat(),
        "text": c.text,
        "deadline": " ".join(c.deadline.text.split()),
    }
    if c.supersedes:
        entry["supersedes"] = c.supersedes
    entry["tags"] = ["candidate"]
    entry["sources"] = [source]
    return entry


def candidates_to_yaml(candidates: Sequence[Candidate], *, url: str | None = None, title: str | None = None) -> str:
    """The candidates as a ledger YAML file, each tagged ``candidate`` with a comment above it.

    With ``url`` (the article's address) the file loads with ``ledger.load``
    as it is; without one, each source holds ``PLACEHOLDER_URL``, which
    ``ledger check`` reports as ``bad_url`` until someone fills it in.

    >>> from datetime import date
    >>> from ledger.articles.extract import extract
    >>> cs = extract("Ada Ruiz said she would quit by Friday.", date(2025, 10, 16))
    >>> print(candidates_to_yaml(cs, url="https://example.org/a"))  # doctest: +ELLIPSIS
    # Candidate commitments proposed by `ledger extract` from https://example.org/a.
    ...
    - id: ruiz-quit-2025-10-17
      actor: Ada Ruiz
      stated_on: '2025-10-16'
      text: Quit
      deadline: by Friday
      tags:
      - candidate
      sources:
      - url: https://example.org/a
        quote: she would quit by Friday
        published_on: '2025-10-16'
    <BLANKLINE>
    """
    where = url or "an article"
    lines = [
        f"# Candidate commitments proposed by `ledger extract` from {where}.",
        "# Check each against the article: fix actor, text and deadline, delete what is",
        "# not a commitment, and remove the `candidate` tag once confirmed.",
    ]
    if url is None:
        lines.append(f"# Replace {PLACEHOLDER_URL} with the article's url: `ledger check` refuses it.")
    if not candidates:
        lines.append("commitments: []")
        return "\n".join(lines) + "\n"
    lines.append("commitments:")
    for c in candidates:
        body = yaml.safe_dump(
            [_entry(c, url or PLACEHOLDER_URL, title)], sort_keys=False, allow_unicode=True, width=100
        )
        lines.extend(_comment(c))
        lines.extend(body.rstrip("\n").split("\n"))
    return "\n".join(lines) + "\n"
