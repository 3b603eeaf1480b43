"""The verdict and statistics rules of `ledger evaluate`, written again in DuckDB SQL: a side-by-side baseline.

`benchmarks/evaluate.py` times this pipeline against `ledger`'s on the same
Parquet tables and asserts that the two agree on every row (``agreement``).
It is the same work, done the way a data team would write it in SQL:

- due windows: the one step SQL cannot do is reading deadline phrases, so it
  calls `ledger`'s own reader (``window_columns``, each distinct phrase read
  once), as `ledger` does, and hands the windows to DuckDB as a table;
- verdicts: the existence and candidate rules, each commitment's first
  fulfilled, broken or withdrawn, partial and after-deadline checked-missed
  event, its restatement, the status rules in the order of
  ``ledger.verdicts.evaluate.evaluate``'s docstring, the chain of resets (a
  recursive walk from each chain's first commitment), days late, promised
  and elapsed, and the source and evidence urls;
- chains: one row per chain, as ``ledger.verdicts.chains.chains``;
- follow-through by actor: counts per status, n_due, the kept and delivered
  rates with Wilson 95% intervals, the median and 90th percentile of days
  late and the median time ratio over delivered commitments;
- survival by topic: Kaplan–Meier with its exponential Greenwood interval and
  the Aalen–Johansen cumulative incidences, per (topic, day).

Each table is written to Parquet by DuckDB's ``COPY``. ``known_as_of`` and
the grouping and level switches are not part of the baseline: it is the
benchmark's pipeline (``--by actor`` for follow-through, topic for survival),
not a second implementation of the library.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ledger.core.vocabulary import CANDIDATE_TAG, NOT_DUE_WORDS, SETTLED, STATUSES, WINDOW_KINDS
from ledger.deadlines.batch import window_columns
from ledger.deadlines.policy import DEFAULT_POLICY
from ledger.io.parquet import COMMITMENTS_FILE, EVENTS_FILE

_Z95 = 1.959963984540054
NEVER = 1 << 40
#: The statuses in n_due (partial counts as due and not kept, the library's default).
_DUE = tuple(s for s in STATUSES if s not in NOT_DUE_WORDS)


def _quoted(names) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _windows(con, commitments: str):
    """Each commitment's due window by `ledger`'s reader, as an Arrow table DuckDB can scan, in file order."""
    said = con.sql(
        f"SELECT coalesce(deadline_means, deadline) AS phrase, stated_on FROM read_parquet('{commitments}')"
    ).arrow()
    if isinstance(said, pa.RecordBatchReader):
        said = said.read_all()
    phrases = said["phrase"].combine_chunks().dictionary_encode()
    stated = said["stated_on"].combine_chunks().to_numpy(zero_copy_only=False).astype("datetime64[D]")
    windows = window_columns(phrases, stated, DEFAULT_POLICY)

    def day(values):
        return pa.array(values, mask=values == np.iinfo(np.int64).min)

    error = np.zeros(len(stated), dtype=bool)
    error[list(windows.errors)] = True
    return pa.table(
        {
            "row": np.arange(len(stated), dtype=np.int64),
            "earliest": day(windows.earliest),
            "due": day(windows.due),
            "latest": day(windows.latest),
            "kind": pa.array(windows.kind).cast(pa.int32()),
            "hedged": windows.hedged,
            "vague": windows.vague,
            "unreadable": error,
        }
    )


def verdicts_sql(commitments: str, events: str, as_of: dt.date) -> str:
    """The SELECT of the verdicts: one row per commitment that exists as of ``as_of``, in file order."""
    day = f"(DATE '{as_of.isoformat()}' - DATE '1970-01-01')"
    kinds = " ".join(f"WHEN {i} THEN '{kind}'" for i, kind in enumerate(WINDOW_KINDS))
    # The first event is the earliest, and of one day's the first in the file (as `ledger` orders them).
    first = "day * 4294967296 + event_row"
    return f"""
    WITH RECURSIVE c AS (
        SELECT file_row_number AS file_row, id, actor::VARCHAR AS actor, topic::VARCHAR AS topic, stated_on,
               deadline::VARCHAR AS deadline, deadline_means, supersedes,
               stated_on - DATE '1970-01-01' AS stated, sources[1].url AS own_url
        FROM read_parquet('{commitments}', file_row_number = true)
        WHERE stated_on <= DATE '{as_of.isoformat()}' AND NOT list_contains(coalesce(tags, []), '{CANDIDATE_TAG}')
    ),
    cw AS (
        SELECT c.*, w.earliest, w.due, coalesce(w.latest, {NEVER}) AS latest, w.latest IS NULL AS open_ended,
               CASE w.kind {kinds} END AS kind, w.hedged, w.vague, w.unreadable
        FROM c JOIN windows w ON w.row = c.file_row
    ),
    e AS (
        SELECT e.file_row_number AS event_row, e.commitment_id, e.type::VARCHAR AS type,
               e.happened_on - DATE '1970-01-01' AS day, e.sources[1].url AS url
        FROM read_parquet('{events}', file_row_number = true) e
        WHERE e.happened_on <= DATE '{as_of.isoformat()}' AND e.commitment_id IN (SELECT id FROM c)
    ),
    firsts AS (
        SELECT e.commitment_id AS id,
            min(day) FILTER (WHERE type = 'fulfilled') AS fulfilled_on,
            arg_min_null(url, {first}) FILTER (WHERE type = 'fulfilled') AS fulfilled_url,
            min(day) FILTER (WHERE type IN ('broken', 'withdrawn')) AS ended_on,
            arg_min_null(type, {first}) FILTER (WHERE type IN ('broken', 'withdrawn')) AS ended_type,
            arg_min_null(url, {first}) FILTER (WHERE type IN ('broken', 'withdrawn')) AS ended_url,
            min(day) FILTER (WHERE type = 'partial') AS partial_on,
            arg_min_null(url, {first}) FILTER (WHERE type = 'partial') AS partial_url,
            min(day) FILTER (WHERE type = 'checked_missed' AND day > cw.latest) AS missed_on,
            arg_min_null(url, {first}) FILTER (WHERE type = 'checked_missed' AND day > cw.latest) AS missed_url
        FROM e JOIN cw ON cw.id = e.commitment_id
        GROUP BY e.commitment_id
    ),
    successors AS (
        SELECT supersedes AS id, id AS successor, stated AS restated_on, own_url AS successor_url
        FROM c WHERE supersedes IN (SELECT id FROM c)
    ),
    walk(id, chain_id, depth) AS (
        -- From each chain's first commitment down its restatements.
        SELECT id, id, 0 FROM c WHERE supersedes IS NULL OR supersedes NOT IN (SELECT id FROM c)
        UNION ALL
        SELECT s.successor, walk.chain_id, walk.depth + 1 FROM walk JOIN successors s ON s.id = walk.id
    ),
    facts AS (
        SELECT cw.*, s.successor, s.restated_on, s.successor_url, walk.chain_id, walk.depth,
            coalesce(f.fulfilled_on, {NEVER}) AS fulfilled, f.fulfilled_url,
            coalesce(f.ended_on, {NEVER}) AS ended, f.ended_type, f.ended_url,
            coalesce(f.partial_on, {NEVER}) AS partial, f.partial_url,
            f.missed_on, f.missed_url,
            NOT cw.open_ended AND cw.latest < {day} AS come_due
        FROM cw LEFT JOIN firsts f USING (id) LEFT JOIN successors s USING (id) JOIN walk USING (id)
    ),
    ruled AS (
        SELECT *,
            CASE
                WHEN unreadable THEN 'unreadable'
                WHEN successor IS NOT NULL AND least(fulfilled, ended) >= restated_on AND restated_on <= latest
                    THEN 'superseded'
                WHEN fulfilled < {NEVER} AND fulfilled <= latest THEN 'kept'
                WHEN fulfilled < {NEVER} THEN 'late'
                WHEN ended_type = 'broken' THEN 'broken'
                WHEN ended_type = 'withdrawn' THEN 'withdrawn'
                WHEN partial < {NEVER} AND come_due THEN 'partial'
                WHEN missed_on IS NOT NULL THEN 'missed'
                WHEN come_due THEN 'lapsed'
                ELSE 'pending'
            END AS status
        FROM facts
    ),
    resolved AS (
        SELECT *,
            CASE status
                WHEN 'superseded' THEN restated_on
                WHEN 'kept' THEN fulfilled WHEN 'late' THEN fulfilled
                WHEN 'broken' THEN ended WHEN 'withdrawn' THEN ended
                WHEN 'partial' THEN partial WHEN 'missed' THEN missed_on
            END AS resolved,
            CASE
                WHEN status IN ('kept', 'late') THEN fulfilled_url
                WHEN status IN ('broken', 'withdrawn') THEN ended_url
                WHEN status = 'partial' OR (status = 'pending' AND partial < {NEVER}) THEN partial_url
                WHEN status = 'missed' THEN missed_url
                WHEN status = 'superseded' THEN coalesce(successor_url, own_url)
                ELSE own_url
            END AS evidence_url
        FROM ruled
    )
    SELECT id, actor, topic, stated_on, deadline, deadline_means,
        DATE '1970-01-01' + earliest::INTEGER AS earliest, DATE '1970-01-01' + due::INTEGER AS due,
        CASE WHEN open_ended THEN NULL ELSE DATE '1970-01-01' + latest::INTEGER END AS latest,
        kind, hedged, vague, status,
        DATE '1970-01-01' + resolved::INTEGER AS resolved_on,
        CASE status WHEN 'late' THEN fulfilled - latest WHEN 'kept' THEN 0 END AS days_late,
        CASE WHEN open_ended THEN NULL ELSE latest - stated END AS promised_days,
        CASE WHEN resolved IS NULL OR status IN ('partial', 'missed') THEN {day} ELSE resolved END - stated
            AS elapsed_days,
        chain_id, depth + 1 AS chain_position, successor AS superseded_by, own_url AS source_url, evidence_url,
        file_row
    FROM resolved
    """


def chains_sql(as_of: dt.date) -> str:
    """The SELECT of the chains table, from the ``verdicts`` table of ``verdicts_sql``."""
    day = f"(DATE '{as_of.isoformat()}' - DATE '1970-01-01')"
    return f"""
    WITH ends AS (
        SELECT chain_id, count(*) AS n, max(chain_position) AS last_position, min(file_row) AS first_seen
        FROM verdicts GROUP BY chain_id
    ),
    first AS (SELECT v.* FROM verdicts v WHERE chain_position = 1),
    last AS (SELECT v.* FROM verdicts v JOIN ends USING (chain_id) WHERE v.chain_position = ends.last_position)
    SELECT ends.chain_id, first.actor, first.topic, first.kind, first.vague,
        first.stated_on AS first_stated_on, first.due AS first_due, last.id AS last_id, last.latest AS last_latest,
        ends.n AS n_commitments, ends.n - 1 AS resets, last.status AS final_status,
        CASE WHEN last.status IN ({_quoted(SETTLED)}, 'partial', 'missed') THEN last.resolved_on END
            AS final_resolved_on,
        (CASE WHEN last.status IN ({_quoted(SETTLED)}) THEN last.resolved_on - DATE '1970-01-01' ELSE {day} END)
            - (first.due - DATE '1970-01-01') AS total_slip_days,
        (CASE WHEN last.status IN ({_quoted(SETTLED)}) THEN last.resolved_on - DATE '1970-01-01' ELSE {day} END)
            - (first.stated_on - DATE '1970-01-01') AS elapsed_days,
        last.days_late, first.latest - first.stated_on AS promised_days, last.evidence_url
    FROM ends JOIN first USING (chain_id) JOIN last USING (chain_id)
    ORDER BY ends.first_seen
    """


def follow_through_sql(z: float = _Z95) -> str:
    """The SELECT of follow-through by actor, from the ``verdicts`` table."""
    counts = ", ".join(f"count(*) FILTER (WHERE status = '{s}') AS n_{s}" for s in STATUSES)

    def wilson(k: str, n: str, side: str) -> str:
        p = f"({k}::DOUBLE / {n})"
        centre = f"(({p} + {z * z} / (2 * {n})) / (1 + {z * z} / {n}))"
        half = f"({z} * sqrt({p} * (1 - {p}) / {n} + {z * z} / (4 * {n} * {n})) / (1 + {z * z} / {n}))"
        bound = f"greatest({centre} - {half}, 0)" if side == "low" else f"least({centre} + {half}, 1)"
        return f"CASE WHEN {n} > 0 THEN {bound} END"

    rates = []
    for name, k in (("kept", "n_kept"), ("delivered", "(n_kept + n_late)")):
        rates.append(f"CASE WHEN n_due > 0 THEN {k}::DOUBLE / n_due END AS {name}_rate")
        rates.append(f"{wilson(k, 'n_due', 'low')} AS {name}_ci_low")
        rates.append(f"{wilson(k, 'n_due', 'high')} AS {name}_ci_high")
    return f"""
    WITH counts AS (
        SELECT actor, count(*) AS n, {counts},
            count(*) FILTER (WHERE status IN ({_quoted(_DUE)})) AS n_due,
            median(days_late) FILTER (WHERE status IN ('kept', 'late')) AS median_days_late,
            quantile_cont(days_late, 0.9) FILTER (WHERE status IN ('kept', 'late')) AS p90_days_late,
            median(CASE WHEN promised_days > 0 THEN (resolved_on - stated_on)::DOUBLE / promised_days END)
                FILTER (WHERE status IN ('kept', 'late')) AS median_time_ratio
        FROM verdicts GROUP BY actor
    )
    SELECT actor, n, {", ".join(f"n_{s}" for s in STATUSES)}, n_due, {", ".join(rates)},
        median_days_late, p90_days_late, median_time_ratio
    FROM counts ORDER BY actor
    """


def survival_sql(as_of: dt.date, z: float = _Z95) -> str:
    """The SELECT of time to fulfilment by topic (Kaplan–Meier and Aalen–Johansen), from ``verdicts``."""
    return f"""
    WITH units AS (
        SELECT coalesce(topic, '(none)') AS topic, topic IS NULL AS no_topic,
            CASE WHEN status IN ({_quoted(SETTLED)}, 'superseded') THEN resolved_on ELSE DATE '{as_of.isoformat()}' END
                - stated_on AS day,
            CASE WHEN status IN ('kept', 'late') THEN 1 WHEN status IN ('broken', 'withdrawn') THEN 2 ELSE 0 END
                AS outcome
        FROM verdicts WHERE status <> 'unreadable'
    ),
    days AS (
        SELECT topic, no_topic, day, count(*) FILTER (WHERE outcome = 1) AS fulfilled,
            count(*) FILTER (WHERE outcome = 2) AS ended, count(*) FILTER (WHERE outcome = 0) AS censored
        FROM units GROUP BY topic, no_topic, day
    ),
    risk AS (
        SELECT *,
            (sum(fulfilled + ended + censored) OVER (PARTITION BY topic, no_topic) - coalesce(sum(
                fulfilled + ended + censored) OVER (PARTITION BY topic, no_topic ORDER BY day
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::BIGINT AS at_risk
        FROM days
    ),
    steps AS (
        SELECT *,
            exp(sum(ln(1 - fulfilled::DOUBLE / at_risk)) OVER w) AS survival,
            sum(CASE WHEN at_risk > fulfilled THEN fulfilled::DOUBLE / (at_risk * (at_risk - fulfilled)) ELSE 0 END)
                OVER w AS greenwood,
            exp(sum(ln(1 - (fulfilled + ended)::DOUBLE / at_risk)) OVER w) AS overall
        FROM risk WINDOW w AS (PARTITION BY topic, no_topic ORDER BY day)
    ),
    before AS (
        SELECT *, coalesce(lag(overall) OVER (PARTITION BY topic, no_topic ORDER BY day), 1.0) AS overall_before
        FROM steps
    )
    SELECT topic, day, at_risk, fulfilled, ended, censored, survival,
        CASE WHEN survival >= 1 THEN 1.0 WHEN survival <= 0 THEN 0.0
             ELSE exp(-exp(ln(-ln(survival)) - {z} * sqrt(greenwood) / ln(survival))) END AS ci_low,
        CASE WHEN survival >= 1 THEN 1.0 WHEN survival <= 0 THEN 0.0
             ELSE exp(-exp(ln(-ln(survival)) + {z} * sqrt(greenwood) / ln(survival))) END AS ci_high,
        sum(overall_before * fulfilled / at_risk) OVER w AS cif_fulfilled,
        sum(overall_before * ended / at_risk) OVER w AS cif_ended
    FROM before WINDOW w AS (PARTITION BY topic, no_topic ORDER BY day)
    ORDER BY no_topic, topic, day
    """


def run(folder: str | Path, out: str | Path, as_of: dt.date, memory_limit: str | None = None) -> dict[str, Path]:
    """Evaluate the Parquet tables in ``folder`` with DuckDB SQL; write the four tables to ``out``.

    ``memory_limit`` (DuckDB's setting, such as ``"8GB"``) caps its memory on a shared machine;
    by default DuckDB takes up to 80% of it."""
    import duckdb

    folder, out = Path(folder), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    commitments, events = folder / COMMITMENTS_FILE, folder / EVENTS_FILE
    con = duckdb.connect()
    # Spilled pages go beside the results, not into the working folder.
    con.execute(f"SET temp_directory = '{out / 'duckdb.tmp'}'")
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")
    windows = _windows(con, str(commitments))  # scanned by DuckDB by name
    con.execute("CREATE TEMP TABLE verdicts AS " + verdicts_sql(str(commitments), str(events), as_of))
    del windows
    paths = {}
    for name, query in (
        ("verdicts", "SELECT * EXCLUDE (file_row) FROM verdicts ORDER BY file_row"),
        ("chains", chains_sql(as_of)),
        ("follow_through", follow_through_sql()),
        ("survival", survival_sql(as_of)),
    ):
        paths[name] = out / f"{name}.parquet"
        con.execute(f"COPY ({query}) TO '{paths[name]}' (FORMAT parquet)")
    con.close()
    return paths


#: Columns compared, by table (the verdicts' text, deadline reading and status sentence are copied or
#: read by `ledger`'s own reader on both sides; the rules are in the rest).
COMPARED = {
    "verdicts": (
        "id", "actor", "topic", "stated_on", "earliest", "due", "latest", "kind", "hedged", "vague", "status",
        "resolved_on", "days_late", "promised_days", "elapsed_days", "chain_id", "chain_position", "superseded_by",
        "source_url", "evidence_url",
    ),
    "chains": (
        "chain_id", "actor", "topic", "kind", "vague", "first_stated_on", "first_due", "last_id", "last_latest",
        "n_commitments", "resets", "final_status", "final_resolved_on", "total_slip_days", "elapsed_days",
        "days_late", "promised_days", "evidence_url",
    ),
    "follow_through": (
        "actor", "n", *(f"n_{s}" for s in STATUSES), "n_due", "kept_rate", "kept_ci_low", "kept_ci_high",
        "delivered_rate", "delivered_ci_low", "delivered_ci_high", "median_days_late", "p90_days_late",
        "median_time_ratio",
    ),
    "survival": (
        "topic", "day", "at_risk", "fulfilled", "ended", "censored", "survival", "ci_low", "ci_high",
        "cif_fulfilled", "cif_ended",
    ),
}  # fmt: skip


def _plain(column: pa.ChunkedArray) -> pa.Array:
    """One column in a common type: dictionary text as text, integers as int64 (the two writers' types differ)."""
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if pa.types.is_dictionary(column.type):
        column = column.cast(pa.string())
    if pa.types.is_large_string(column.type):
        column = column.cast(pa.string())
    if pa.types.is_integer(column.type):
        column = column.cast(pa.int64())
    return column


def _same(name: str, column: str, ours: pa.Array, theirs: pa.Array) -> None:
    """Raise AssertionError naming the first row where the two columns differ."""
    if len(ours) != len(theirs):
        raise AssertionError(f"{name}.{column}: {len(ours):,} rows in ledger's table, {len(theirs):,} in SQL's")
    if pa.types.is_floating(ours.type) or pa.types.is_floating(theirs.type):
        a = ours.cast(pa.float64()).to_numpy(zero_copy_only=False)
        b = theirs.cast(pa.float64()).to_numpy(zero_copy_only=False)
        equal = np.isclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True)
    else:
        if ours.type != theirs.type:
            theirs = theirs.cast(ours.type)
        both_missing = pc.and_(ours.is_null(), theirs.is_null())
        equal = pc.fill_null(pc.or_kleene(pc.equal(ours, theirs), both_missing), False).to_numpy(zero_copy_only=False)
    if not equal.all():
        row = int(np.flatnonzero(~equal)[0])
        raise AssertionError(f"{name}.{column}, row {row:,}: ledger {ours[row]!r}, SQL {theirs[row]!r}")


def agreement(ledger_paths: dict[str, Path], sql_paths: dict[str, Path]) -> dict[str, int]:
    """Compare `ledger`'s four tables with the SQL pipeline's, every row of every compared column
    (floats to 1e-9 relative), one column at a time so ten million rows fit in memory; raise
    AssertionError naming the first difference, else return the rows compared per table."""
    rows = {}
    for name, columns in COMPARED.items():
        # `ledger` names its follow-through file after the grouping (follow_through_actor).
        ours_path = next(path for key, path in ledger_paths.items() if key.startswith(name))
        for column in columns:
            ours = _plain(pq.read_table(ours_path, columns=[column])[column])
            theirs = _plain(pq.read_table(sql_paths[name], columns=[column])[column])
            _same(name, column, ours, theirs)
            rows[name] = len(ours)
    return rows
