"""A folder of Parquet tables evaluated in batches of whole chains, in one process.

The single-process twin of ``ledger.verdicts.distributed``: instead of
holding a million verdicts at once, ``evaluate_folder`` reads the few
columns that link rows (ids, resets, each event's commitment), checks the
whole ledger's integrity on them, and cuts it where no chain of resets is
open: every chain lies wholly before or after each cut. Each batch (a run
of about ``batch_rows`` commitments, and their events) is read from the
files, judged by the unchanged ``evaluate``, and its verdicts and chains are
written as the next row groups of their files, while the statistics keep
only their additive pieces (``ledger.verdicts.stats``). Verdicts and chains
come out in the whole ledger's order by concatenation, and every table
equals the one ``evaluate`` of the whole ledger gives (a test asserts it, for
random ledgers and batch sizes down to one row). Smaller batches reuse the
memory the one before gave back; docs/scaling.md has the measurements.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, NamedTuple

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa

from ledger.core.days import NAT
from ledger.core.integrity import Links, check_links
from ledger.core.text import cycle_collector_paused
from ledger.deadlines.batch import WindowColumns, shared_reads
from ledger.deadlines.policy import DEFAULT_POLICY, DeadlinePolicy
from ledger.io.parquet import (
    LINK_ROW_COLUMNS,
    CheckedRows,
    EvaluationTables,
    link_columns,
    read_for_evaluation_in_batches,
    read_link_table,
)
from ledger.io.results import ResultsWriter
from ledger.verdicts.arrays import days_of_arrow, first_seen_dictionary, text
from ledger.verdicts.chains import chains
from ledger.verdicts.evaluate import UnreadableDeadlines, candidates_left_out, due_windows, evaluate_batch
from ledger.verdicts.stats import (
    SurvivalParts,
    combine_follow_through,
    combine_survival,
    follow_through_parts,
    merge_survival_parts,
    narrow_survival_parts,
    survival_parts,
    ungrouped_parts,
)

__all__ = ["BATCH_ROWS", "BatchPlan", "FolderResults", "batch_bounds", "evaluate_folder", "plan_batches"]

#: Commitments per batch, about: a batch ends at the first cut at or before this many rows
#: (or, when a chain is longer, at the first cut after it). Measured in benchmarks/README.md.
BATCH_ROWS = 131_072


def batch_bounds(superseded: np.ndarray, batch_rows: int = BATCH_ROWS) -> np.ndarray:
    """Where batches of about ``batch_rows`` rows begin and end, each cut where no chain is open.

    ``superseded`` is the row each commitment supersedes (-1: none). A cut
    before row r is allowed when no reset links a row before r with one at or
    after it (in either direction: the file's order need not be the chains').
    The result runs from 0 to the number of rows (at least one batch, if of
    no rows); a chain longer than ``batch_rows`` makes one longer batch.

    >>> batch_bounds(np.array([-1, 0, 1, -1, -1, 3]), 2).tolist()
    [0, 3, 6]
    >>> batch_bounds(np.array([-1, -1, -1, -1]), 3).tolist()
    [0, 3, 4]
    """
    if not isinstance(batch_rows, int) or isinstance(batch_rows, bool) or batch_rows < 1:
        raise ValueError(f"'batch_rows' must be a whole number of at least 1 (got {batch_rows!r})")
    n = len(superseded)
    if n == 0:
        return np.zeros(2, dtype=np.int64)  # one batch of no rows: the tables are still written
    linked = np.flatnonzero(superseded >= 0)
    low, high = np.minimum(linked, superseded[linked]), np.maximum(linked, superseded[linked])
    # How many links span each boundary r (between rows r - 1 and r): +1 past each link's low end,
    # -1 past its high end. A boundary no link spans is a cut.
    spanning = np.cumsum(np.bincount(low + 1, minlength=n + 1) - np.bincount(high + 1, minlength=n + 1))
    cuts = np.flatnonzero(spanning[: n + 1] == 0)  # 0 and n are always cuts
    bounds = [0]
    while bounds[-1] < n:
        start = bounds[-1]
        # The last cut within batch_rows of the start; if the chain at the start is longer, the first after it.
        at = int(np.searchsorted(cuts, start + batch_rows, side="right")) - 1
        bounds.append(int(cuts[at]) if cuts[at] > start else int(cuts[np.searchsorted(cuts, start, side="right")]))
    return np.array(bounds, dtype=np.int64)


class BatchPlan(NamedTuple):
    """How a folder of tables is cut into batches, and what was found once for the whole ledger.

    ``bounds``: each batch's first commitment row, and the end; ``event_bounds``: its events' (None
    when events are not in commitment order: ``links.event_commitment`` then picks them).
    ``links`` are the whole ledger's, checked; ``windows`` every commitment's due window, read with
    ``policy`` (its days in 32 bits, none as the least int32); ``candidates_left_out`` how many
    unconfirmed candidates evaluation leaves out.
    """

    directory: str
    bounds: np.ndarray
    event_bounds: np.ndarray | None
    links: Links
    windows: WindowColumns
    policy: DeadlinePolicy
    input_hash: str
    candidates_left_out: int
    #: The options the plan was made for; ``evaluate_folder`` must be given the same.
    options: dict[str, Any] = {}


def plan_batches(
    directory: str | os.PathLike,
    *,
    as_of: _dt.date,
    known_as_of: _dt.date | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    include_candidates: bool = False,
    batch_rows: int | None = None,
) -> BatchPlan:
    """Read the columns that link a folder's rows, check the whole ledger's integrity, read every due
    window, and cut the ledger into batches of whole chains.

    As ``evaluate`` of the whole ledger does, the links are checked (Arrow, without the GIL) while the
    deadline phrases are read, each distinct (phrase, day) once. ``batch_rows`` defaults to
    ``BATCH_ROWS``. Raises what ``evaluate`` of the whole ledger raises for a broken link
    (``IntegrityError``), and ``MixedTablesError`` for a mixed pair, before anything is judged or written.
    Python's cycle collector is paused for the call (``cycle_collector_paused``) and turned back on after.

    >>> import datetime as dt, tempfile
    >>> from ledger import load, write_tables
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_tables(load("fixtures/examples").ledger, folder)
    >>> plan_batches(folder, as_of=dt.date(2025, 6, 1), batch_rows=4).bounds.tolist()
    [0, 4, 7]
    """
    if not isinstance(policy, DeadlinePolicy):
        raise TypeError(f"'policy' must be a DeadlinePolicy (got {policy!r})")
    # Without the cycle collector, as in the batches below (evaluate_folder): nothing here makes a cycle.
    with ThreadPoolExecutor(max_workers=1) as pool, cycle_collector_paused():
        # The events are read while the commitments are, then their links checked while the windows are read.
        events_read = pool.submit(read_link_table, directory, "events")
        c = read_link_table(directory, "commitments")
        stated = days_of_arrow(c["stated_on"])
        checking = pool.submit(_checked_links, c, events_read, stated)
        try:
            windows = due_windows(c, policy, stated=stated)
            # While the links are still being checked: what needs no link.
            # Day numbers (years 1 to 9999) fit 32 bits: half the memory held through the batches.
            windows = attrs.evolve(
                windows, earliest=_days32(windows.earliest), due=_days32(windows.due), latest=_days32(windows.latest)
            )
            left_out = (
                0 if include_candidates else candidates_left_out(c, as_of=as_of, known_as_of=known_as_of, stated=stated)
            )
        except Exception:  # (not an interrupt: that is raised as it is, without reading anything more)
            _raise_reading_error(directory, c, events_read)  # what reading the tables first would have raised
            raise
        input_hash = link_columns(directory, c, events_read.result()).stored_hash
        found = checking.result()
    del c, stated, events_read  # the batches' own reads are what stays in memory from here
    links = Links(*(np.asarray(column, dtype=np.int32) for column in found))  # row numbers too
    del found
    bounds = batch_bounds(links.superseded, BATCH_ROWS if batch_rows is None else batch_rows)
    owner = links.event_commitment
    # As `ledger tables` writes them (by commitment, then date), each batch's events are one run.
    in_order = owner.size < 2 or bool((np.diff(owner) >= 0).all())
    event_bounds = np.searchsorted(owner, bounds) if in_order else None
    options = {"as_of": as_of, "known_as_of": known_as_of, "include_candidates": include_candidates}
    return BatchPlan(str(directory), bounds, event_bounds, links, windows, policy, input_hash, left_out, options)


def _checked_links(c: pa.Table, events_read: Future[pa.Table], stated: np.ndarray) -> Links:
    """``check_links`` of the commitments' link columns and the events' (once read), by the stored rows
    where both tables have them (checked, not trusted)."""
    e = events_read.result()
    (event_rows,), (reset_rows, id_ranks) = LINK_ROW_COLUMNS["events"], LINK_ROW_COLUMNS["commitments"]
    has_rows = event_rows in e.column_names and reset_rows in c.column_names
    on = days_of_arrow(e["happened_on"])
    ranks = c[id_ranks] if id_ranks in c.column_names else None
    stored_rows = (e[event_rows], c[reset_rows], ranks) if has_rows else None
    return check_links(c["id"], c["supersedes"], e["commitment_id"], e["type"], stated, on, stored_rows=stored_rows)


def _raise_reading_error(directory: str | os.PathLike, c: pa.Table, events_read: Future[pa.Table]) -> None:
    """Raise what reading the events, or the pair's hashes, raises (with no other error as its context)."""
    try:
        link_columns(directory, c, events_read.result())
    except Exception as first:
        raise first from None


_NO_DAY32 = np.iinfo(np.int32).min


def _days32(days: np.ndarray) -> np.ndarray:
    """Day numbers (NAT: none) in 32 bits, none as the least int32.

    Made in 32 bits first and corrected where none: no second 64-bit array beside the plan's others.

    >>> _days32(np.array([3, NAT])).tolist() == [3, _NO_DAY32]
    True
    """
    out = days.astype(np.int32)  # NAT wraps here, and is set right below
    out[days == NAT] = _NO_DAY32
    return out


def _days64(days: np.ndarray) -> np.ndarray:
    """``_days32``'s day numbers back as evaluate reads them (NAT: none)."""
    return np.where(days == _NO_DAY32, NAT, days.astype(np.int64))


def _checked(plan: BatchPlan, k: int) -> CheckedRows:
    """The links and windows of batch ``k``, numbered within it."""
    start, end = int(plan.bounds[k]), int(plan.bounds[k + 1])
    owner = plan.links.event_commitment
    events: slice | np.ndarray
    if plan.event_bounds is not None:
        events = slice(int(plan.event_bounds[k]), int(plan.event_bounds[k + 1]))
    else:
        events = np.flatnonzero((owner >= start) & (owner < end))  # as the reader picks them, in file order
    superseded = plan.links.superseded[start:end].astype(np.int64)
    links = Links(
        owner[events].astype(np.int64) - start,
        np.where(superseded >= 0, superseded - start, -1),
        plan.links.event_type[events].astype(np.int64),
    )
    w, rows = plan.windows, slice(start, end)
    windows = WindowColumns(
        _days64(w.earliest[rows]),
        _days64(w.due[rows]),
        _days64(w.latest[rows]),
        w.kind[rows],
        w.bound[rows],
        w.rule[rows],
        w.hedged[rows],
        w.vague[rows],
        {row - start: message for row, message in w.errors.items() if start <= row < end},
        {row - start: words for row, words in w.ignored.items() if start <= row < end},
    )
    return CheckedRows(links, windows, plan.policy)


class _ReadAhead:
    """The batches of a reader, each read in a background thread while the caller works on the one before.

    ``start`` begins reading the next batch; ``next`` gives it (reading it now if not begun). At most one
    batch is read ahead. A failed read is raised by ``next``.
    """

    def __init__(self, batches: Iterator[tuple[pa.Table, pa.Table]]):
        self._batches = batches
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._coming: Future | None = None

    def __enter__(self) -> _ReadAhead:
        return self

    def __exit__(self, *exc_info) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        # Not read to its end (no batch is read past the last): its files and threads are let go now.
        close = getattr(self._batches, "close", None)
        if close is not None:
            close()

    def start(self) -> None:
        if self._coming is None:
            self._coming = self._pool.submit(next, self._batches, None)

    def next(self) -> tuple[pa.Table, pa.Table]:
        coming = self._coming or self._pool.submit(next, self._batches, None)
        self._coming = None
        batch = coming.result()
        if batch is None:
            raise RuntimeError("the reader gave fewer batches than the plan has")
        return batch


#: How many (group, day) rows of survival pieces may wait unmerged, at least (20 bytes each: 1.3 MB).
SURVIVAL_ROWS_UNMERGED = 1 << 16


class _SurvivalPieces:
    """The survival pieces of the batches so far: one merged piece (``merge_survival_parts``), and the
    pieces since, merged into it once they hold more rows than it and than ``SURVIVAL_ROWS_UNMERGED``.

    A batch's (group, day) rows mostly repeat the ones held already: merged, the pieces stay about one
    row per (group, day) however many batches come. Merged as each batch came, every held row was read
    again per batch (at 1M rows by topic, 0.04-0.08 s of the main thread); merged when the unmerged rows
    outgrow the merged ones, each row is read a few times. ``combine_survival`` makes the same table of
    the pieces, merged or not.
    """

    def __init__(self) -> None:
        self.pieces: list[SurvivalParts] = []
        self._merged_rows = 0

    def add(self, part: SurvivalParts) -> None:
        self.pieces.append(narrow_survival_parts(part))  # held through the next batches' peaks
        unmerged = sum(len(piece.day_counts) for piece in self.pieces) - self._merged_rows
        if unmerged > max(self._merged_rows, SURVIVAL_ROWS_UNMERGED):
            self.pieces = [merge_survival_parts(self.pieces)]
            self._merged_rows = len(self.pieces[0].day_counts)

    def merged(self) -> list[SurvivalParts]:
        """Every piece, merged into one: ``combine_survival`` of one merged piece only reads it (one row
        per (group, day), in order), where of several it sums their rows, every column at once."""
        if len(self.pieces) > 1:
            self.pieces = [merge_survival_parts(self.pieces)]
        return self.pieces


class FolderResults(NamedTuple):
    """What ``evaluate_folder`` gives back once its tables are written: the statistics tables (small),
    ``overall`` (follow-through with no grouping, the summary's 'All' row), the verdicts of the
    commitments it could not judge (``id``, ``deadline``, ``status``; with the whole verdicts'
    ``attrs``), and how many rows the verdicts and chains files hold."""

    follow_through: pd.DataFrame
    survival: pd.DataFrame
    overall: pd.DataFrame
    not_judged: pd.DataFrame
    verdict_rows: int
    chain_rows: int
    batches: int


def evaluate_folder(  # one piece: the loop over batches and what each gives
    plan: BatchPlan,
    out: ResultsWriter,
    *,
    as_of: _dt.date,
    known_as_of: _dt.date | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    strict: bool = False,
    include_candidates: bool = False,
    by: Sequence[str] | str = ("actor",),
    survival_by: Sequence[str] | str | None = None,
    level: str = "commitment",
) -> FolderResults:
    """Evaluate a folder of tables batch by batch (``plan_batches``); write the four tables ``ledger evaluate`` does.

    Into ``out``: verdicts and chains as they are made, then
    ``follow_through`` grouped ``by`` and ``time_to_fulfilment`` grouped
    ``survival_by`` (default: ``by``), both combined from every batch's
    pieces. Each table equals the one made from ``evaluate`` of the whole
    ledger. With ``strict``, every batch's unreadable deadlines are gathered
    and ``UnreadableDeadlines`` is raised with all of them, in the ledger's
    order; the ``with`` block of ``out`` then writes nothing. Python's cycle
    collector is paused while the batches are judged, and turned back on after.

    >>> import datetime as dt, tempfile
    >>> from ledger import load, write_tables
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_tables(load("fixtures/examples").ledger, folder)
    >>> day = dt.date(2025, 6, 1)
    >>> plan = plan_batches(folder, as_of=day, batch_rows=4)
    >>> with ResultsWriter(tempfile.mkdtemp(), input_hash=plan.input_hash) as out:
    ...     got = evaluate_folder(plan, out, as_of=day)
    >>> got.verdict_rows, got.batches, sorted(out.paths)
    (7, 2, ['chains', 'follow_through_actor', 'survival', 'verdicts'])
    """
    given = {"as_of": as_of, "known_as_of": known_as_of, "include_candidates": include_candidates}
    for name, value in given.items():
        if name in plan.options and plan.options[name] != value:
            raise ValueError(
                f"evaluate_folder({name}={value!r}) differs from the plan's {name}={plan.options[name]!r}: "
                "give plan_batches and evaluate_folder the same as_of, known_as_of and include_candidates"
            )
    by = (by,) if isinstance(by, str) else tuple(by)
    survival_by = by if survival_by is None else ((survival_by,) if isinstance(survival_by, str) else survival_by)
    options: dict[str, Any] = {
        "as_of": as_of,
        "known_as_of": known_as_of,
        "policy": policy,
        "strict": strict,
        "include_candidates": include_candidates,
    }
    # The whole table's attrs, as evaluate gives them: its count of candidates is known ahead.
    whole_attrs = {
        "as_of": as_of,
        "known_as_of": known_as_of,
        "policy": policy,
        "include_candidates": include_candidates,
        "candidates_left_out": plan.candidates_left_out,
    }
    verdict_file, chain_file = (
        out.stream("verdicts", whole_attrs),
        out.stream("chains", {**whole_attrs, "as_of": as_of}),
    )
    pieces: dict[str, list] = {"follow_through": [], "overall": [], "not_judged": []}
    survival_pieces = _SurvivalPieces()
    errors: dict[str, str] = {}
    chain_rows, candidates = 0, 0
    batches = read_for_evaluation_in_batches(
        plan.directory,
        plan.bounds,
        plan.event_bounds,
        event_commitment=None if plan.event_bounds is not None else plan.links.event_commitment,
        stored_hash=plan.input_hash,
        linked=True,  # the plan found every link: the columns that only name other rows are not read
    )
    # Each (phrase, day) is read once for the whole ledger: in the plan, or here under another policy.
    count = len(plan.bounds) - 1
    # Without the cycle collector: the batches make no cycles worth finding (17 unreachable objects after a
    # million commitments), but the pandas objects each makes set it off about a hundred times, once walking
    # every object alive (one walk: 40-50 ms at 1M, on the thread the writers wait for).
    with shared_reads(), _ReadAhead(batches) as ahead, cycle_collector_paused():
        for k in range(count):
            commitments, events = ahead.next()
            if k == 0 and count > 1:
                # Nothing is being written yet, so memory has room for the second batch: read while the
                # first is judged, on the core that would otherwise wait for the first verdicts.
                ahead.start()
            tables = EvaluationTables(commitments, events, stored_hash=plan.input_hash, checked=_checked(plan, k))
            del commitments, events
            try:
                verdicts = evaluate_batch(tables, **options)
            except UnreadableDeadlines as exc:
                errors.update(exc.errors)  # strict: the next batches' too, so that all are said at once
                continue
            finally:
                del tables
                # The next batch is read (Parquet decodes without the GIL) while this one's chains and
                # statistics are made: begun once evaluate has given its input back, which is its peak.
                # After the last, there is none to read.
                if k + 1 < count:
                    ahead.start()
            if errors:
                continue  # strict, and refused already: nothing more is worth writing
            candidates += verdicts.attrs["candidates_left_out"]
            # Pandas deep-copies a frame's attrs into every frame made from it (the policy's tables
            # among them): what the pieces below read is as_of alone; the whole attrs are set once, at the end.
            verdicts.attrs = {"as_of": as_of}
            verdict_file.add(verdicts)
            chain_table = chains(verdicts)
            for name in ("actor", "topic"):
                # The chains' own values, in their order of first appearance, as a file of them holds.
                chain_table[name] = first_seen_dictionary(pa.array(chain_table[name].array))
            chain_file.add(chain_table)
            chain_rows += len(chain_table)
            del chain_table
            grouped = follow_through_parts(verdicts, by, level=level)
            pieces["follow_through"].append(grouped)
            pieces["overall"].append(ungrouped_parts(grouped))
            survival_pieces.add(survival_parts(verdicts, survival_by, level=level))
            not_judged = verdicts.loc[verdicts["status"] == "unreadable", ["id", "deadline", "status"]]
            # As evaluate gives it: the deadline as text.
            not_judged["deadline"] = text(pa.array(not_judged["deadline"].array))
            pieces["not_judged"].append(not_judged)
            del not_judged
            del verdicts
    if errors:
        raise UnreadableDeadlines(errors)
    # Their last parts written, the two files are ended and flushed to disk in their own threads
    # while the statistics are combined below.
    verdict_file.finish()
    chain_file.finish()
    if candidates != plan.candidates_left_out:
        raise RuntimeError(f"batches left out {candidates} candidates, the plan {plan.candidates_left_out}")
    summary = combine_follow_through(pieces["follow_through"], attrs=whole_attrs)
    out.add("follow_through", summary)
    survival = combine_survival(survival_pieces.merged(), attrs=whole_attrs)
    out.add("survival", survival)
    not_judged = pd.concat(pieces["not_judged"], ignore_index=True)
    not_judged.attrs.update(whole_attrs)
    return FolderResults(
        summary,
        survival,
        combine_follow_through(pieces["overall"], attrs=whole_attrs),
        not_judged,
        verdict_file.rows,
        chain_rows,
        count,
    )
