"""What the report says beyond the headlines, as plain text, shared by the HTML and Markdown renderers.

Every function takes a ``Report`` and returns plain strings (never markup):
the renderers escape them.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict

import attrs

from ledger.core.formats import SMALL_N, as_date, long_date, plural, short_date
from ledger.core.vocabulary import NOT_DUE_WORDS, STATUS_RULES, STATUS_WORDS, STATUSES, UNREADABLE_RULE
from ledger.deadlines import DEFAULT_POLICY
from ledger.report.studies import MIN_RECORD, SHRINKAGE_NOTE
from ledger.report.summary import SummaryRow, summary_rows
from ledger.verdicts.stats import group_labels

_LEVEL_WORDS = {
    "commitment": "every commitment counts once (each restatement of a deadline is a commitment of its own)",
    "chain": "every chain of restated deadlines counts once, by its final outcome",
}
_PARTIAL_WORDS = {
    "not_kept": "a partial delivery counts as due but not kept",
    "kept": "a partial delivery counts as kept",
    "excluded": "partial deliveries are left out of the rates",
}


def group_order(report) -> list[str]:
    """Groups in the order of the timeline: most commitments first, then by name."""
    column = group_labels(report.verdicts[report.by])
    counts = column.value_counts()
    return sorted(counts.index, key=lambda g: (-counts[g], g))


def report_summary_rows(report) -> list[SummaryRow]:
    """The report's summary table: its groups in timeline order, then the 'All' row."""
    return summary_rows(report.by_group, report.by, overall=report.overall, order=group_order(report))


def window_text(v) -> str:
    """'due 30 Oct 2025, latest 6 Nov 2025 (hedge)' or the vague/open reading."""
    if str(v["status"]) == "unreadable":
        return "could not be read, so it has no window yet: add deadline_means with your reading"
    kind = str(v["kind"])
    due, latest, earliest, stated = (as_date(v[c]) for c in ("due", "latest", "earliest", "stated_on"))
    if latest is None:
        return "no date named: it has no due date and cannot lapse"
    parts = []
    if earliest and earliest != stated and earliest != due:
        parts.append(f"from {short_date(earliest)}")
    if due == latest:
        parts.append(f"due {short_date(due)}")
    else:
        parts.append(f"due {short_date(due)}, late after {short_date(latest)}")
    text = ", ".join(parts)
    if kind == "vague" and due is not None and stated is not None:
        text += f" (vague: read by convention as within {(due - stated).days} days)"
    elif bool(v["hedged"]) and latest != due:
        text += " (the hedge adds time)"
    return text


def verdict_text(v) -> str:
    """What decided the status, without the status word: 'fulfilled 15 May 2025', 'nothing recorded by ...'."""
    status = str(v["status"])
    resolved = as_date(v["resolved_on"])
    if status == "kept":
        return f"fulfilled {long_date(resolved)}"
    if status == "late":
        return f"fulfilled {long_date(resolved)}, {plural(int(v['days_late']), 'day')} after the latest due date"
    if status in ("partial", "broken", "withdrawn"):
        return f"{STATUS_WORDS[status].label} {long_date(resolved)}"
    if status == "superseded":
        return f"restated {long_date(resolved)}"
    if status == "missed":
        return f"checked {long_date(resolved)}: not delivered by {long_date(v['latest'])}"
    if status == "lapsed":
        return f"nothing recorded by {long_date(v['latest'])}"
    if status == "unreadable":
        return "not judged: its deadline could not be read"
    if v["status_rule"] == STATUS_RULES["pending_partial"]:
        return "partly delivered so far; not yet due"
    return "not yet due"


def unreadable_entries(report) -> list[dict[str, str]]:
    """The commitments whose deadline could not be read: id, actor, the phrase, and the reader's message.

    The report lists them under a heading that asks the author for a reading (``deadline_means``).
    """
    v = report.verdicts
    rows = v[v["status"] == "unreadable"]
    return [
        {
            "id": str(r["id"]),
            "actor": str(r["actor"]),
            "deadline": str(r["deadline"]),
            "deadline_means": r["deadline_means"] if isinstance(r["deadline_means"], str) else "",
            "message": str(r["status_rule"]).removeprefix(UNREADABLE_RULE),
        }
        for _, r in rows.iterrows()
    ]


#: The heading of the report's list of unreadable deadlines, and the sentence under it.
NEEDS_READING_HEADING = "Deadlines that need a reading"
NEEDS_READING_NOTE = (
    "ledger could not read these deadline phrases, so these commitments are not judged and are left out of every "
    "number above. Give each one a deadline_means: your reading of the words in a form ledger reads (for example "
    "deadline_means: by April 30, 2025); the words as said stay in deadline."
)


def candidates_left_out(report) -> int:
    """How many unconfirmed candidates (tagged 'candidate') the verdicts left out."""
    return int(report.verdicts.attrs.get("candidates_left_out", 0) or 0)


def due_note() -> str:
    """The sentence under the summary table: which statuses are due, from the vocabulary."""
    due = [STATUS_WORDS[s].label for s in STATUSES if s not in NOT_DUE_WORDS]
    return (
        f"Counts of commitments by status. “Due” counts {_join(due)} ones; the on-time share and its 95% interval "
        "are over those."
    )


def commitment_entries(report):
    """Per group (timeline order), the verdict rows with the ledger's commitment and visible events."""
    verdicts = report.verdicts
    ledger = report.ledger
    events = defaultdict(list)
    later = set(map(id, report.later_events))
    if ledger is not None:
        for e in ledger.events:
            if id(e) not in later:
                events[e.commitment_id].append(e)
    # The commitment each restatement reset: superseded_by -> id, from the columns.
    restated = verdicts["superseded_by"].notna().to_numpy()
    resets = dict(zip(verdicts["superseded_by"].to_numpy()[restated], verdicts["id"].to_numpy()[restated]))
    column = group_labels(verdicts[report.by])
    frame = verdicts.assign(_group=column.to_numpy())
    frame["_chain_start"] = frame.groupby("chain_id")["stated_on"].transform("min")
    out = []
    for group in group_order(report):
        part = frame[frame["_group"] == group].sort_values(
            ["_chain_start", "chain_id", "chain_position"], kind="stable"
        )
        entries = []
        for _, v in part.iterrows():
            commitment = ledger.commitment(v["id"]) if ledger is not None else None
            entries.append({"v": v, "c": commitment, "events": events.get(v["id"], []), "resets": resets.get(v["id"])})
        out.append((group, entries))
    return out


def methods(report) -> list[tuple[str, str]]:
    """The methods box: (term, plain sentence) pairs, all generated from the report's data."""
    v = report.verdicts
    overall = report.overall.iloc[0] if len(report.overall) else None
    items = [
        (
            "As of",
            f"{long_date(report.as_of)}. Every verdict uses only commitments stated and events dated on or "
            f"before this day.",
        ),
        (
            "Known as of",
            f"{long_date(report.known_as_of)}: records entered in the ledger after this day are left out."
            if report.known_as_of
            else "not set: everything recorded in the ledger is used.",
        ),
        (
            "What is counted",
            f"{_LEVEL_WORDS.get(report.level, report.level)}; "
            f"{_PARTIAL_WORDS.get(report.partial_counts_as, report.partial_counts_as)}; "
            + (
                "vague deadlines (“soon”) are included, read by the conventions below"
                if report.include_vague
                else "vague deadlines (“soon”) are left out"
            )
            + (
                "; unconfirmed candidates from ledger extract are included."
                if v.attrs.get("include_candidates")
                else "; entries still tagged “candidate” (proposed by ledger extract, not confirmed) are left out."
            ),
        ),
        ("Due", _due_words()),
        (
            "Uncertainty",
            "95% Wilson intervals for every rate. With fewer than "
            f"{SMALL_N} due, sentences give counts and the interval, not a percentage.",
        ),
    ]
    left_out = []
    if len(report.not_counted):
        reasons = Counter(report.not_counted["reason"])
        left_out += [f"{plural(n, 'commitment')} {reason}" for reason, n in reasons.items()]
    if report.ledger is None and candidates_left_out(report):
        left_out.append(f"{plural(candidates_left_out(report), 'commitment')} {CANDIDATE_REASON}")
    if report.later_events:
        left_out.append(
            f"{plural(len(report.later_events), 'event')} dated (or recorded) after the as-of date, listed at the end"
        )
    if overall is not None:
        for status, (one, many) in NOT_DUE_WORDS.items():
            n = int(overall[f"n_{status}"])
            if n:
                left_out.append(f"{n} {status} ({one if n == 1 else many}) out of the rates")
        if not report.include_vague:
            n = int(v["vague"].sum())
            if n:
                left_out.append(f"{n} with vague deadlines")
    items.append(("Not counted", "; ".join(left_out) + "." if left_out else "nothing."))
    kinds = Counter(str(k) for k in v["kind"].dropna())
    unread = int(v["kind"].isna().sum())  # an unreadable deadline has no kind
    if kinds or unread:
        items.append(
            (
                "Deadlines read",
                "; ".join(
                    [f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
                    + ([f"{unread} could not be read"] if unread else [])
                )
                + f"; {int(v['hedged'].sum())} hedged (“or so”). Each window is computed from the phrase and "
                "the day it was said (docs/deadlines.md).",
            )
        )
    if report.expectations:
        items.append(("What to expect", SHRINKAGE_NOTE))
    items.append(("Deadline conventions", policy_text(report.policy)))
    items.append(("Input", f"SHA-256 {report.input_hash}" if report.input_hash else "not given"))
    items.append(("Software", f"ledger {report.version}; statuses and statistics as in docs/statistics.md."))
    return items


#: The note under "What to expect of a new deadline".
EXPECT_NOTE = (
    f"For each actor with at least {MIN_RECORD} deadlines that have come due: the chance that a new deadline of "
    "their most common kind (and length) is met on time, on their record of similar deadlines and the ledger's, "
    "with its 95% interval. Similar means the same kind of window and a promised length within a factor of 1.5; "
    "where an actor has fewer than a few of those, their whole record is used. A guide to the record, not a forecast."
)

#: The note under "Agreement with a second coding".
AGREEMENT_NOTE = (
    "A second coder recorded the same reporting on their own. Coder A is this ledger, coder B the second coding; "
    "both are judged as of the same date by the same rules, and their commitments are paired by id, else by actor, "
    "day said and deadline words (docs/agreement.md)."
)


#: Why an entry still tagged 'candidate' is not counted (a reason of ``Report.not_counted``).
CANDIDATE_REASON = "still tagged “candidate” (proposed by ledger extract, not yet confirmed)"


def _due_words() -> str:
    """Which statuses are due (and make up the rates) and which are not, and why: from the vocabulary."""
    due = [STATUS_WORDS[s].label for s in STATUSES if s not in NOT_DUE_WORDS]
    not_due = [f"{STATUS_WORDS[s].label} ones ({many})" for s, (_, many) in NOT_DUE_WORDS.items()]
    return f"{_join(due)} commitments are due and make up the rates; " + _join(not_due) + " are not."


def _join(words: list[str]) -> str:
    """'a, b and c'."""
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def policy_text(policy) -> str:
    """Every DeadlinePolicy value; those changed from the default are marked.

    >>> policy_text(attrs.evolve(DEFAULT_POLICY, hedge_factor=2.0))  # doctest: +ELLIPSIS
    '1 value changed from the defaults: ...hedge_factor=2.0 (changed)...'
    """
    parts = []
    for field in attrs.fields(type(policy)):
        value = getattr(policy, field.name)
        shown = ",".join(map(str, value)) if isinstance(value, tuple) else str(value)
        changed = value != getattr(DEFAULT_POLICY, field.name)
        parts.append(f"{field.name}={shown}" + (" (changed)" if changed else ""))
    changed = sum(1 for f in attrs.fields(type(policy)) if getattr(policy, f.name) != getattr(DEFAULT_POLICY, f.name))
    lead = "the defaults" if not changed else f"{plural(changed, 'value')} changed from the defaults"
    return f"{lead}: " + ", ".join(parts) + "."


def window_explanation(v, policy=DEFAULT_POLICY) -> str:
    """How the deadline phrase was read, in one sentence ('' when it could not be read).

    >>> import datetime as dt
    >>> window_explanation({"deadline": "two weeks", "deadline_means": None, "stated_on": dt.date(2025, 5, 10)})
    '“two weeks” (said Saturday 10 May 2025) is due within 14 days, by Saturday 24 May 2025.'
    """
    from ledger.deadlines import parse_deadline

    phrase = v["deadline_means"] if isinstance(v["deadline_means"], str) else v["deadline"]
    said = as_date(v["stated_on"])
    if not isinstance(phrase, str) or said is None:
        return ""
    try:
        return parse_deadline(phrase, said, policy=policy).explain()
    except ValueError:
        return ""


def last_updated(report) -> _dt.date | None:
    """The latest day recorded anywhere in the ledger: a commitment or event's recorded_on, else its own date.

    >>> import datetime as dt, ledger
    >>> r = ledger.build_report(ledger.load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> last_updated(r) >= dt.date(2025, 1, 1)
    True
    """
    if report.ledger is None:
        seen = [as_date(d) for column in ("stated_on", "resolved_on") for d in report.verdicts[column]]
        known = [d for d in seen if d is not None]
        return max(known) if known else None
    days: list[_dt.date] = [c.recorded_on or c.stated_on for c in report.ledger.commitments]
    days += [e.recorded_on or e.on for e in report.ledger.events]
    return max(days) if days else None
