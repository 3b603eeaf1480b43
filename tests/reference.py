"""A small, obviously-correct, per-commitment evaluation: the oracle for evaluate().

It reads one commitment at a time, in plain Python, following the rules as
docs/statistics.md states them. It is slow on purpose and lives in tests only.
"""

from __future__ import annotations

import datetime as dt

from ledger.core.records import Ledger
from ledger.deadlines import DEFAULT_POLICY, DeadlineError, parse_deadline


def _visible(record_day: dt.date, recorded_on: dt.date | None, known_as_of: dt.date | None) -> bool:
    return known_as_of is None or (recorded_on or record_day) <= known_as_of


def reference_verdicts(
    ledger: Ledger,
    as_of: dt.date,
    known_as_of: dt.date | None = None,
    policy=DEFAULT_POLICY,
    include_candidates: bool = False,
):
    """{commitment id: dict of status, resolved_on, days_late, chain_id, chain_position, superseded_by}."""
    exists = [
        c
        for c in ledger.commitments
        if c.stated_on <= as_of
        and _visible(c.stated_on, c.recorded_on, known_as_of)
        and (include_candidates or "candidate" not in c.tags)
    ]
    by_id = {c.id: c for c in exists}
    verdicts = {}
    for c in exists:
        try:
            window = parse_deadline(c.deadline_means or c.deadline, c.stated_on, policy=policy)
        except DeadlineError:
            window = None
        events = [
            e
            for e in ledger.events
            if e.commitment_id == c.id and e.on <= as_of and _visible(e.on, e.recorded_on, known_as_of)
        ]
        events.sort(key=lambda e: e.on)  # stable: same-day events keep ledger order
        fulfilled = [e for e in events if e.type == "fulfilled"]
        ended = [e for e in events if e.type in ("broken", "withdrawn")]
        partial = [e for e in events if e.type == "partial"]
        successor = next((d for d in exists if d.supersedes == c.id), None)
        latest = None if window is None else window.latest
        come_due = latest is not None and latest < as_of
        # A check counts only once the deadline has passed.
        missed = [e for e in events if e.type == "checked_missed" and latest is not None and e.on > latest]

        status, resolved_on, days_late = None, None, None
        if window is None:
            status = "unreadable"
        if status is None and successor is not None:
            settled_before = any(e.on < successor.stated_on for e in fulfilled + ended)
            not_yet_late = window.latest is None or successor.stated_on <= window.latest
            if not settled_before and not_yet_late:
                status, resolved_on = "superseded", successor.stated_on
        if status is None and fulfilled:
            resolved_on = fulfilled[0].on
            if window.latest is None or resolved_on <= window.latest:
                status, days_late = "kept", 0
            else:
                status, days_late = "late", (resolved_on - window.latest).days
        if status is None and ended:
            status, resolved_on = ended[0].type, ended[0].on
        if status is None and partial and come_due:
            status, resolved_on = "partial", partial[0].on
        if status is None and missed:
            status, resolved_on = "missed", missed[0].on
        if status is None:
            # partly delivered before the deadline: progress, not an outcome
            status = "lapsed" if come_due else "pending"

        chain = [c]
        while chain[0].supersedes is not None and chain[0].supersedes in by_id:
            chain.insert(0, by_id[chain[0].supersedes])
        verdicts[c.id] = {
            "status": status,
            "resolved_on": resolved_on,
            "days_late": days_late,
            "latest": latest,
            "chain_id": chain[0].id,
            "chain_position": len(chain),
            "superseded_by": successor.id if successor is not None else None,
        }
    return verdicts
