"""What the report says beyond the headlines, as plain text, shared by the HTML and Markdown renderers.

Every function takes a ``Report`` and returns plain strings (never markup):
the renderers escape them.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import attrs
import pandas as pd

from ledger.core.formats import SMALL_N, as_date, long_date, percent, plural, short_date
from ledger.core.vocabulary import STATUSES
from ledger.deadlines.reader import DEFAULT_POLICY
from ledger.report.style import STATUS_STYLES
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


def kept_cell(row) -> tuple[str, str]:
    """('1 of 9', '2–43%'): counts first; a percentage only from SMALL_N due on ('3 of 22 · 14%')."""
    n_due, kept = int(row["n_due"]), int(row["n_kept"])
    if n_due == 0:
        return "–", "–"
    text = f"{kept} of {n_due}"
    if n_due >= SMALL_N:
        text += f" · {percent(row['kept_rate'])}%"
    return text, f"{percent(row['kept_ci_low'])}–{percent(row['kept_ci_high'])}%"


def days_cell(value) -> str:
    return "–" if pd.isna(value) else f"{float(value):g}"


SUMMARY_COLUMNS = (
    ("n", "said"),
    ("n_due", "due"),
    *((f"n_{s}", STATUS_STYLES[s].label) for s in STATUSES),
)


def summary_rows(report) -> list[dict]:
    """One dict per group and a final 'All' row: label, counts, kept cell, interval, median days late."""
    rows = []
    table = report.by_group.set_index(report.by) if len(report.by_group) else report.by_group
    for group in group_order(report):
        if group not in table.index:
            continue
        rows.append(_summary_row(group, table.loc[group], total=False))
    if len(report.overall):
        rows.append(_summary_row("All", report.overall.iloc[0], total=True))
    return rows


def _summary_row(label, row, *, total: bool) -> dict:
    kept, interval = kept_cell(row)
    return {
        "label": str(label),
        "total": total,
        "counts": [int(row[column]) for column, _ in SUMMARY_COLUMNS],
        "kept": kept,
        "interval": interval,
        "median_days_late": days_cell(row["median_days_late"]),
    }


def window_text(v) -> str:
    """'due 30 Oct 2025, latest 6 Nov 2025 (hedge)' or the vague/open reading."""
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
    if kind == "vague":
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
        return f"{status} {long_date(resolved)}"
    if status == "superseded":
        return f"restated {long_date(resolved)}"
    if status == "lapsed":
        return f"nothing recorded by {long_date(v['latest'])}"
    return "not yet due"


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
                "vague deadlines (“soon”) are included, read by the conventions below."
                if report.include_vague
                else "vague deadlines (“soon”) are left out."
            ),
        ),
        (
            "Due",
            "kept, late, partial, broken, withdrawn and lapsed commitments are due and make up the rates; "
            "pending ones (not yet due) and superseded ones (reset before they came due) are not.",
        ),
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
    if report.later_events:
        left_out.append(
            f"{plural(len(report.later_events), 'event')} dated (or recorded) after the as-of date, listed at the end"
        )
    if overall is not None:
        for status, why in (("pending", "not yet due"), ("superseded", "reset before they came due")):
            n = int(overall[f"n_{status}"])
            if n:
                left_out.append(f"{n} {status} ({why}) out of the rates")
        if not report.include_vague:
            n = int(v["vague"].sum())
            if n:
                left_out.append(f"{n} with vague deadlines")
    items.append(("Not counted", "; ".join(left_out) + "." if left_out else "nothing."))
    kinds = Counter(str(k) for k in v["kind"])
    if kinds:
        items.append(
            (
                "Deadlines read",
                "; ".join(f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
                + f"; {int(v['hedged'].sum())} hedged (“or so”). Each window is computed from the phrase and "
                "the day it was said (docs/deadlines.md).",
            )
        )
    items.append(("Deadline conventions", policy_text(report.policy)))
    items.append(("Input", f"SHA-256 {report.input_hash}" if report.input_hash else "not given"))
    items.append(("Software", f"ledger {report.version}; statuses and statistics as in docs/statistics.md."))
    return items


def policy_text(policy) -> str:
    """Every DeadlinePolicy value; those changed from the default are marked."""
    parts = []
    for field in attrs.fields(type(policy)):
        value = getattr(policy, field.name)
        shown = ",".join(map(str, value)) if isinstance(value, tuple) else str(value)
        changed = value != getattr(DEFAULT_POLICY, field.name)
        parts.append(f"{field.name}={shown}" + (" (changed)" if changed else ""))
    changed = sum(1 for f in attrs.fields(type(policy)) if getattr(policy, f.name) != getattr(DEFAULT_POLICY, f.name))
    lead = "the defaults" if not changed else f"{plural(changed, 'value')} changed from the defaults"
    return f"{lead}: " + ", ".join(parts) + "."
