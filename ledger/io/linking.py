"""Links across files: the ledger's integrity rules, reported as located errors, then the ``Ledger``.

The rules are those of ``ledger.core.integrity`` (the codes are the rules'
codes); ``Ledger`` and ``evaluate`` raise on the first one broken, but the
loader reports every one and keeps what holds up. A record that breaks a
rule is left out, and so is whatever depends on it (the events of a
commitment left out, the commitments that supersede it), each with an error
of its own (``depends_on_invalid``), so nothing disappears without a line in
the report. Which of two entries is left out follows reading order: the
first of two commitments with one id is kept, and so is the first of two
that supersede the same one.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import NamedTuple

import attrs

from ledger.core.records import Commitment, Event, Ledger
from ledger.io.entries import CommitmentEntry, EventEntry
from ledger.io.problems import Collector

__all__ = ["link"]


class _Kept(NamedTuple):
    """A commitment still in the ledger: its entry and its record."""

    entry: CommitmentEntry
    record: Commitment


_Fail = Callable[[CommitmentEntry | EventEntry, str, str | None, str], None]


def _hint(name: str, known: dict[str, _Kept]) -> str:
    guess = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean {guess[0]!r}?" if guess else ""


def _is_kept(entry: CommitmentEntry, kept: dict[str, _Kept]) -> bool:
    found = kept.get(entry.id) if entry.id is not None else None
    return found is not None and found.entry is entry


def _unique_ids(commitments: list[CommitmentEntry], fail: _Fail) -> tuple[dict[str, _Kept], set[str]]:
    """The commitments kept by id (the first valid one of each id), and the ids left out."""
    kept: dict[str, _Kept] = {}
    dropped = {e.id for e in commitments if e.record is None and e.id is not None}
    failed_at = {e.id: e.origin for e in commitments if e.record is None and e.id is not None}
    for entry in commitments:
        if entry.record is None or entry.id is None:
            continue
        if entry.id in failed_at:
            fail(
                entry,
                "duplicate_id",
                "id",
                f"id {entry.id!r} is also used at {failed_at[entry.id]} (an entry with errors); "
                "give each commitment its own id",
            )
            continue
        first = kept.get(entry.id)
        if first is not None:
            fail(
                entry,
                "duplicate_id",
                "id",
                f"id {entry.id!r} is already used at {first.entry.origin}; give each commitment its own id",
            )
            continue
        kept[entry.id] = _Kept(entry, entry.record)
    return kept, dropped


def _drop_bad_resets(kept: dict[str, _Kept], dropped: set[str], fail: _Fail) -> bool:
    """One pass over the resets: leave out each whose ``supersedes`` does not hold. True if any was."""
    changed = False
    successor: dict[str, CommitmentEntry] = {}
    for cid, (entry, c) in list(kept.items()):
        target = c.supersedes
        if target is None:
            continue
        what = f"commitment {cid!r}"
        if target not in kept:
            if target in dropped:
                fail(
                    entry,
                    "depends_on_invalid",
                    "supersedes",
                    f"{what} supersedes {target!r}, which has errors of its own; fix those first",
                )
            else:
                fail(
                    entry,
                    "supersedes_unknown",
                    "supersedes",
                    f"{what} supersedes {target!r}, which is not in the ledger{_hint(target, kept)}",
                )
        elif kept[target].record.stated_on > c.stated_on:
            fail(
                entry,
                "supersedes_later",
                "supersedes",
                f"{what} (stated {c.stated_on}) supersedes {target!r}, stated later on "
                f"{kept[target].record.stated_on}; a reset must name an earlier commitment (swap the two?)",
            )
        elif target in successor:
            first = successor[target].id
            fail(
                entry,
                "supersedes_twice",
                "supersedes",
                f"{what} supersedes {target!r}, which {first!r} already supersedes; "
                f"a deadline is reset by one commitment at a time (supersede {first!r} instead?)",
            )
        else:
            successor[target] = entry
            continue
        del kept[cid]
        dropped.add(cid)
        changed = True
    return changed


def _drop_a_cycle(kept: dict[str, _Kept], dropped: set[str], fail: _Fail) -> bool:
    """Leave out every commitment of the first cycle of resets found. True if there was one.

    A cycle needs same-day links (each link points to an earlier or same-day
    commitment), so it is rare; it is dropped whole.
    """
    for cid in list(kept):
        path: list[str] = []
        cursor: str | None = cid
        while cursor is not None and cursor in kept and cursor not in path:
            path.append(cursor)
            cursor = kept[cursor].record.supersedes
        if cursor is not None and cursor in path:
            cycle = path[path.index(cursor) :]
            for member in cycle:
                fail(
                    kept[member].entry,
                    "supersedes_cycle",
                    "supersedes",
                    f"commitment {member!r} is in a cycle of supersedes links ({' -> '.join(cycle + [cycle[0]])}); "
                    "break it at the commitment that was stated first",
                )
                del kept[member]
                dropped.add(member)
            return True
    return False


def _linked_events(events: list[EventEntry], kept: dict[str, _Kept], dropped: set[str], fail: _Fail) -> list[Event]:
    """The events whose commitment is kept and which are not dated before it was stated."""
    linked: list[Event] = []
    for entry in events:
        event = entry.record
        if event is None:
            continue
        parent = entry.parent
        if parent is not None and not _is_kept(parent, kept):
            fail(
                entry,
                "depends_on_invalid",
                None,
                f"{entry.what} was not loaded because its commitment has errors; fix those first",
            )
            continue
        target = kept.get(event.commitment_id)
        if target is None:
            if event.commitment_id in dropped:
                fail(
                    entry,
                    "depends_on_invalid",
                    "commitment_id",
                    f"{entry.what} belongs to {event.commitment_id!r}, which has errors; fix those first",
                )
            else:
                fail(
                    entry,
                    "unknown_commitment",
                    "commitment_id",
                    f"commitment_id {event.commitment_id!r} of {entry.what} is not in the ledger"
                    f"{_hint(event.commitment_id, kept)}",
                )
            continue
        if event.on < target.record.stated_on:
            fail(
                entry,
                "event_before_stated",
                "on",
                f"{entry.what} is dated {event.on}, before {event.commitment_id!r} was stated on "
                f"{target.record.stated_on}; check the dates",
            )
            continue
        linked.append(event)
    return linked


def link(
    commitments: list[CommitmentEntry],
    events: list[EventEntry],
    out: Collector,
    actor_names: Mapping[str, str] | None = None,
) -> Ledger:
    """Check ids and references across all files, report each problem, and keep only what holds up.

    ``actor_names`` maps each name an actor is written as to its canonical
    name (``ledger.io.actors.canonical_names``); the ledger holds the canonical ones.
    """

    def fail(entry: CommitmentEntry | EventEntry, code: str, field: str | None, message: str) -> None:
        out.add(code, entry.origin.path, entry.origin.line, field, message, entry.span)

    kept, dropped = _unique_ids(commitments, fail)
    # Leave out resets that do not hold until nothing changes: each one left
    # out can orphan the commitments that supersede it. Cycles are looked
    # for only once every other reset holds.
    while _drop_bad_resets(kept, dropped, fail) or _drop_a_cycle(kept, dropped, fail):
        pass
    linked = _linked_events(events, kept, dropped, fail)
    names = actor_names or {}
    return Ledger(
        [_canonical(e.record, names) for e in commitments if e.record is not None and _is_kept(e, kept)], linked
    )


def _canonical(commitment: Commitment, names: Mapping[str, str]) -> Commitment:
    name = names.get(commitment.actor, commitment.actor)
    return commitment if name == commitment.actor else attrs.evolve(commitment, actor=name)
