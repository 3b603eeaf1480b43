"""Reports a journalist can publish: one summary, rendered as HTML, Markdown or a notebook cell.

``summarize(verdicts)`` (or ``build_report(ledger, as_of=...)``) gives a
``Report``: the follow-through tables (by group and overall), the chains
table, the time-to-fulfilment curve, headline sentences generated from those
tables, and the methods (as-of dates, switches, policy, what was left out and
why, input hash, version). ``Report.to_html()``, ``Report.to_markdown()`` and
``Report._repr_html_()`` only render it, so a number in a sentence is always
the number in the table.

Headline wording for small numbers (docs/tutorial.md): with fewer than
``SMALL_N`` (10) due commitments a sentence gives the counts and the 95%
interval, never a point percentage ("1 of 9 was met on time (95% interval for
the on-time rate: 2–43%)"); from 10 on, the percentage follows the counts in
parentheses ("3 of 22 ... (14%; 95% interval 5–33%)").
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping
from pathlib import Path

import attrs
import pandas as pd

from ledger._version import __version__
from ledger.core.formats import SMALL_N, long_date, percent, plural
from ledger.core.records import Event, Ledger
from ledger.core.tables import ledger_hash
from ledger.core.vocabulary import CANDIDATE_TAG, NOT_DUE_WORDS, STATUS_WORDS
from ledger.deadlines import DEFAULT_POLICY, DeadlinePolicy
from ledger.report.content import CANDIDATE_REASON
from ledger.report.studies import OverTime, expectations, over_time_rows, second_coding_agreement
from ledger.verdicts.agreement import Agreement
from ledger.verdicts.chains import chains
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.expect import Expectation
from ledger.verdicts.stats import follow_through, time_to_fulfilment

__all__ = ["Headline", "Report", "SMALL_N", "build_report", "summarize"]

REPORT_FORMATS = ("html", "md")


def _int_values(values: Mapping[str, int]) -> dict[str, int]:
    """A Headline's own copy of the numbers it states."""
    return dict(values)


@attrs.frozen
class Headline:
    """One finding as a plain sentence, with the numbers it states and where they come from.

    ``source`` names the table ("overall", "by_group" or "chains") and
    ``key`` the row (a group name or chain id); ``values`` maps each column
    of that row the sentence cites to the number as written (percentages as
    whole numbers, e.g. ``kept_rate: 14``).

    >>> h = Headline("Of the 2 deadlines ... 1 was met on time.", "overall", None, {"n_due": 2, "n_kept": 1})
    >>> h.values["n_due"]
    2
    """

    text: str
    source: str
    key: str | None
    values: Mapping[str, int] = attrs.field(converter=_int_values)

    def __str__(self) -> str:
        return self.text


@attrs.frozen(eq=False)
class Report:
    """Everything a follow-through report says, computed once; renderers only format it.

    Build one with ``summarize(verdicts)`` or ``build_report(ledger, as_of=...)``.

    - ``by_group``: ``follow_through`` by ``by``; ``overall``: the same, in one row.
    - ``chains``, ``survival``: ``chains(verdicts)``, ``time_to_fulfilment(verdicts)``.
    - ``headlines``: sentences generated from those tables.
    - ``not_counted``: commitments of the ledger left out, with the reason.
    - ``later_events``: events of the ledger not seen as of the date.
    - ``over_time``: the on-time rate and share lapsed as of each month (or quarter), for the chart.
    - ``expectations``: ``expect``'s answer per actor with a few deadlines on record.
    - ``agreement``: the comparison with a second coding, when one was given (else None).
    """

    title: str
    verdicts: pd.DataFrame
    by: str
    by_group: pd.DataFrame
    overall: pd.DataFrame
    chains: pd.DataFrame
    survival: pd.DataFrame
    headlines: tuple[Headline, ...]
    as_of: _dt.date
    known_as_of: _dt.date | None
    policy: DeadlinePolicy
    level: str
    partial_counts_as: str
    include_vague: bool
    input_hash: str | None
    version: str
    ledger: Ledger | None = None
    not_counted: pd.DataFrame = attrs.field(
        factory=lambda: pd.DataFrame(columns=["id", "actor", "stated_on", "reason"])
    )
    later_events: tuple[Event, ...] = ()
    over_time: OverTime = attrs.field(factory=lambda: OverTime(pd.DataFrame(columns=["as_of", "measure"]), ""))
    expectations: tuple[Expectation, ...] = ()
    agreement: Agreement | None = None

    # -- renderers ------------------------------------------------------------------

    def to_html(self, *, charts: bool = True, scale=None, fragment: bool = False) -> str:
        """The whole report as one self-contained HTML page (inline CSS, SVG and script; nothing fetched).

        ``scale`` ("politifact", or a dict from every status to a rating) shows each status's rating
        beside it. ``fragment`` gives the report alone, for a CMS to paste into its own page: its CSS
        is scoped under ``.ledger-report``, so it restyles nothing else.
        """
        from ledger.report.html import render_html

        return render_html(self, charts=charts, scale=scale, fragment=fragment)

    def to_markdown(self, *, scale=None) -> str:
        """The report as Markdown for a newsroom CMS: the same sentences, tables and methods, no charts."""
        from ledger.report.markdown import render_markdown

        return render_markdown(self, scale=scale)

    def write(self, path: str | os.PathLike, *, format: str | None = None, scale=None, fragment: bool = False) -> Path:
        """Write the report atomically; ``format`` is "html" or "md" (default: from the suffix)."""
        from ledger.io.atomic import write_text_atomic

        path = Path(path)
        format = format or ("md" if path.suffix.lower() in (".md", ".markdown") else "html")
        if format not in REPORT_FORMATS:
            raise ValueError(f"'format' must be one of {', '.join(REPORT_FORMATS)} (got {format!r})")
        if format == "html":
            text = self.to_html(scale=scale, fragment=fragment)
        else:
            text = self.to_markdown(scale=scale)
        return write_text_atomic(text, path)

    def _repr_html_(self) -> str:
        from ledger.report.html import render_summary_html

        return render_summary_html(self)

    def __repr__(self) -> str:
        row = self.overall.iloc[0] if len(self.overall) else None
        due = int(row["n_due"]) if row is not None else 0
        kept = int(row["n_kept"]) if row is not None else 0
        return (
            f"<Report {self.title!r} as of {long_date(self.as_of)}: {len(self.verdicts)} commitments, "
            f"{due} due, {kept} kept; {len(self.headlines)} headlines>"
        )

    def __str__(self) -> str:
        return "\n".join(h.text for h in self.headlines)


# -- sentences -------------------------------------------------------------------------


def _be(n: int, status: str) -> str:
    """The status as a verb phrase for ``n`` commitments: 'was met on time', 'were met on time'."""
    words = STATUS_WORDS[status]
    return words.one if n == 1 else words.many


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _rate_clause(row, values: dict) -> str:
    """'(14%; 95% interval 5–33%)', or for fewer than SMALL_N due '(95% interval for the on-time rate: 2–43%)'."""
    n_due = int(row["n_due"])
    low, high = percent(row["kept_ci_low"]), percent(row["kept_ci_high"])
    values["kept_ci_low"], values["kept_ci_high"] = low, high
    if n_due >= SMALL_N:
        values["kept_rate"] = percent(row["kept_rate"])
        return f" ({values['kept_rate']}%; 95% interval {low}–{high}%)"
    return f" (95% interval for the on-time rate: {low}–{high}%)"


def _due_sentences(row, *, noun: str, subject: str, as_of: _dt.date, source: str, key, overall: bool) -> Headline:
    """The follow-through of one row of a follow_through table, in words."""
    values: dict[str, int] = {}
    n_due, kept, late = int(row["n_due"]), int(row["n_kept"]), int(row["n_late"])
    when = f"that had come due by {long_date(as_of)}"
    outcomes = ("missed", "lapsed", "partial", "broken", "withdrawn")
    rest = [(s, int(row[f"n_{s}"])) for s in outcomes if int(row[f"n_{s}"])]
    sentences = []
    if n_due == 0 and int(row["n"]) == 1:
        # "None of the 1 deadline" reads as a template in print.
        sentences.append(f"The only {noun.rstrip('s')} {subject} had not come due by {long_date(as_of)}.")
    elif n_due == 0:
        values["n"] = int(row["n"])
        sentences.append(
            f"None of the {plural(values['n'], noun.rstrip('s'), noun)} {subject} had come due by {long_date(as_of)}."
        )
    elif n_due == 1:
        status = "kept" if kept else "late" if late else rest[0][0]
        sentences.append(f"The only {noun.rstrip('s')} {subject} {when} {_be(1, status)}.")
    else:
        values["n_due"], values["n_kept"] = n_due, kept
        # "none" is said for 0 (the test reads it as 0); every other count as digits
        head = f"Of the {n_due} {noun} {subject} {when}, {kept or 'none'} {_be(max(kept, 1), 'kept')}"
        head += _rate_clause(row, values)
        if late:
            values["n_late"] = late
            head += f" and {late} more {_be(late, 'late')}" if kept else f"; {late} {_be(late, 'late')}"
        sentences.append(head + ".")
        if rest:
            for status, count in rest:
                values[f"n_{status}"] = count
            lead = "Of the rest, " if kept or late else "Of these, "
            sentences.append(lead + _join([f"{count} {_be(count, status)}" for status, count in rest]) + ".")
    if overall:
        left_out = [(s, int(row[f"n_{s}"])) for s in NOT_DUE_WORDS if int(row[f"n_{s}"])]
        if left_out:
            for status, count in left_out:
                values[f"n_{status}"] = count
            sentences.append(
                "Not counted: " + _join([f"{count} {NOT_DUE_WORDS[s][count != 1]}" for s, count in left_out]) + "."
            )
    return Headline(" ".join(sentences), source, key, values)


def _possessive(name: str) -> str:
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def _chain_headline(chain_table: pd.DataFrame, verdicts: pd.DataFrame, as_of: _dt.date) -> Headline | None:
    """How often deadlines were reset, and the most-reset one, from the chains table."""
    if chain_table.empty:
        return None
    reset = chain_table[chain_table["resets"] > 0]
    if reset.empty:
        return Headline("No deadline in this ledger was reset.", "chains", None, {})
    total, chains_reset = int(reset["resets"].sum()), len(reset)
    top = reset.sort_values(
        ["resets", "total_slip_days", "first_stated_on"], ascending=[False, False, True], kind="stable"
    )
    best = top.iloc[0]
    ties = int((reset["resets"] == best["resets"]).sum())
    first = verdicts.loc[verdicts["id"] == best["chain_id"]].iloc[0]
    values = {"resets": total, "n_chains": chains_reset}
    text = (
        f"Deadlines were reset {plural(total, 'time')} in all, across {plural(chains_reset, 'chain')} of restated "
        f"deadlines."
    )
    lead = "The most-reset deadline" if ties == 1 else f"One of the {ties} most-reset deadlines"
    if ties > 1:
        values["n_tied"] = ties
    values["chain_resets"] = int(best["resets"])
    text += (
        f" {lead}, {_possessive(str(best['actor']))} “{first['deadline']}” of {long_date(best['first_stated_on'])}, "
        f"had {plural(int(best['resets']), 'reset')}"
    )
    final, slip = str(best["final_status"]), int(best["total_slip_days"])
    if final in ("kept", "late"):
        values["total_slip_days"] = slip
        text += (
            f"; it was met {plural(slip, 'day')} after its first due date."
            if slip > 0
            else "; it was met by its first due date."
        )
    elif slip > 0:
        values["total_slip_days"] = slip
        text += (
            f"; on {long_date(as_of)} it stood {plural(slip, 'day')} past its first due date, and its last "
            f"restatement {_be(1, final)}."
        )
    else:
        text += f"; its last restatement {_be(1, final)}."
    return Headline(text, "chains", str(best["chain_id"]), values)


def _headlines(
    report_tables: dict,
    verdicts: pd.DataFrame,
    by: str,
    as_of: _dt.date,
    level: str,
    max_groups: int = 5,
    min_due: int = 3,
) -> tuple[Headline, ...]:
    noun = "deadlines" if level == "commitment" else "chains of deadlines"
    out = []
    overall = report_tables["overall"]
    if len(overall):
        out.append(
            _due_sentences(
                overall.iloc[0],
                noun=noun,
                subject="in this ledger",
                as_of=as_of,
                source="overall",
                key=None,
                overall=True,
            )
        )
    table = report_tables["by_group"]
    if len(table):
        ranked = table[table["n_due"] >= min_due].sort_values(["n_due", by], ascending=[False, True], kind="stable")
        for _, row in ranked.head(max_groups).iterrows():
            subject = (
                f"{row[by]} set" if by == "actor" else f"on {row[by]}" if by == "topic" else f"with {by} {row[by]}"
            )
            out.append(
                _due_sentences(
                    row, noun=noun, subject=subject, as_of=as_of, source="by_group", key=str(row[by]), overall=False
                )
            )
    chain_line = _chain_headline(report_tables["chains"], verdicts, as_of)
    if chain_line is not None:
        out.append(chain_line)
    return tuple(out)


# -- building ------------------------------------------------------------------------------


def _not_counted(ledger: Ledger, verdicts: pd.DataFrame, as_of: _dt.date, known_as_of: _dt.date | None):
    seen = set(verdicts["id"])
    rows = []
    for c in ledger.commitments:
        if c.id in seen:
            continue
        if c.stated_on > as_of:
            reason = f"stated after {long_date(as_of)}"
        elif known_as_of is not None and (c.recorded_on or c.stated_on) > known_as_of:
            reason = f"recorded after {long_date(known_as_of)}"
        elif CANDIDATE_TAG in c.tags:
            reason = CANDIDATE_REASON
        else:  # pragma: no cover - evaluate leaves out nothing else
            reason = "not in the verdicts"
        rows.append({"id": c.id, "actor": c.actor, "stated_on": c.stated_on, "reason": reason})
    frame = pd.DataFrame(rows, columns=["id", "actor", "stated_on", "reason"])

    def visible(e: Event) -> bool:
        if e.commitment_id not in seen or e.on > as_of:
            return False
        return known_as_of is None or (e.recorded_on or e.on) <= known_as_of

    later = tuple(e for e in ledger.events if not visible(e))
    return frame, later


def summarize(
    verdicts: pd.DataFrame,
    by: str = "actor",
    *,
    ledger: Ledger | None = None,
    title: str | None = None,
    level: str = "commitment",
    partial_counts_as: str = "not_kept",
    include_vague: bool = True,
    input_hash: str | None = None,
    second_coding: Ledger | None = None,
) -> Report:
    """The report of verdicts from ``evaluate``: tables, headlines and methods in one object.

    Pass the ``ledger`` the verdicts came from to list every commitment's
    text, sources and events (and what was left out as of the date). The
    switches are those of ``follow_through`` and are recorded in the methods.
    With the ledger, the report charts follow-through over time too; with a
    ``second_coding`` (another coder's ledger of the same reporting), it says how
    far the two agree and lists where they do not.

    >>> import datetime as dt, ledger
    >>> result = ledger.load("fixtures/examples")
    >>> v = ledger.evaluate(result.ledger, as_of=dt.date(2025, 6, 1))
    >>> report = ledger.summarize(v, ledger=result.ledger, title="Example")
    >>> print(report.headlines[0])  # one line, wrapped here
    Of the 6 deadlines in this ledger that had come due by 1 June 2025, 1 was met on time (95% interval for
    the on-time rate: 3–56%) and 2 more were met late. Of the rest, 2 lapsed with no outcome recorded and 1
    was broken. Not counted: 1 reset before it came due.
    """
    if not isinstance(verdicts, pd.DataFrame) or "status" not in verdicts.columns:
        raise TypeError("'verdicts' must be the DataFrame ledger.evaluate returns")
    if by not in verdicts.columns:
        raise ValueError(f"'by' must be a column of the verdicts, e.g. 'actor' or 'topic' (got {by!r})")
    as_of = verdicts.attrs.get("as_of")
    if as_of is None:
        raise ValueError("the verdicts carry no 'as_of' in attrs; make them with ledger.evaluate")

    def table(keys: str | tuple[str, ...]) -> pd.DataFrame:
        return follow_through(
            verdicts, by=keys, level=level, partial_counts_as=partial_counts_as, include_vague=include_vague
        )

    tables = {"by_group": table(by), "overall": table(()), "chains": chains(verdicts)}
    survival = time_to_fulfilment(verdicts, level=level)
    known_as_of = verdicts.attrs.get("known_as_of")
    if ledger is not None:
        not_counted, later = _not_counted(ledger, verdicts, as_of, known_as_of)
        input_hash = input_hash or ledger_hash(ledger)
    else:
        not_counted, later = pd.DataFrame(columns=["id", "actor", "stated_on", "reason"]), ()
    return Report(
        title=title or "Follow-through report",
        verdicts=verdicts,
        by=by,
        by_group=tables["by_group"],
        overall=tables["overall"],
        chains=tables["chains"],
        survival=survival,
        headlines=_headlines(tables, verdicts, by, as_of, level),
        as_of=as_of,
        known_as_of=known_as_of,
        policy=verdicts.attrs.get("policy", DEFAULT_POLICY),
        level=level,
        partial_counts_as=partial_counts_as,
        include_vague=include_vague,
        input_hash=input_hash,
        version=__version__,
        ledger=ledger,
        not_counted=not_counted,
        later_events=later,
        over_time=over_time_rows(ledger, verdicts, partial_counts_as=partial_counts_as, include_vague=include_vague),
        expectations=expectations(verdicts),
        agreement=second_coding_agreement(verdicts, second_coding) if second_coding is not None else None,
    )


def build_report(
    ledger: Ledger,
    *,
    as_of: _dt.date,
    known_as_of: _dt.date | None = None,
    by: str = "actor",
    title: str | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    level: str = "commitment",
    partial_counts_as: str = "not_kept",
    include_vague: bool = True,
    strict: bool = False,
    include_candidates: bool = False,
    second_coding: Ledger | None = None,
) -> Report:
    """Judge the ledger as of a date and summarize it: ``summarize(evaluate(ledger, ...), ledger=ledger)``.

    ``strict`` and ``include_candidates`` are ``evaluate``'s: refuse a ledger with an
    unreadable deadline rather than list it, and count entries still tagged ``candidate``.
    ``second_coding``, another coder's ledger of the same reporting, adds a section on
    how far the two codings agree (``ledger.agreement``), this ledger being coder A.

    >>> import datetime as dt, ledger
    >>> report = ledger.build_report(ledger.load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> html = report.to_html()
    >>> html.startswith("<!DOCTYPE html>") and "bridge-reopening" in html
    True
    """
    if not isinstance(ledger, Ledger):
        raise TypeError(f"'ledger' must be a Ledger (got {type(ledger).__name__}); use ledger.load(path).ledger")
    verdicts = evaluate(
        ledger,
        as_of=as_of,
        known_as_of=known_as_of,
        policy=policy,
        strict=strict,
        include_candidates=include_candidates,
    )
    return summarize(
        verdicts,
        by,
        ledger=ledger,
        title=title,
        level=level,
        partial_counts_as=partial_counts_as,
        include_vague=include_vague,
        second_coding=second_coding,
    )


def ledger_title(paths) -> str | None:
    """The ``title`` of a ledger read from one YAML file that has one, else None."""
    from ledger.io.loader import load

    return load(*paths).title
