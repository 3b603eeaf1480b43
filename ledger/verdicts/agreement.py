"""Inter-coder agreement: how far two coders' ledgers of the same reporting agree, and where they do not.

``agreement(ledger_a, ledger_b, as_of=...)`` evaluates both ledgers with
``evaluate``, pairs their commitments (``ledger.verdicts.matching``), and
measures:

- which statements each coder took to be commitments: how many of A's
  entries B also recorded and the other way round, and the F1 of the two;
- the deadline's window: the share of matched commitments whose latest due
  dates agree exactly and to within a day, and Krippendorff's alpha
  (interval) on the days from the statement to the latest due date;
- the verdict as of the date: the share agreeing, Krippendorff's alpha
  (nominal) and Cohen's kappa.

Alpha comes from the ``krippendorff`` package and kappa from the textbook
formula (both in ``ledger.verdicts.reliability``). Shares get Wilson intervals, alpha and kappa a seeded percentile
bootstrap over the matched commitments. Every disagreement is listed, ordered
by how much it moves the on-time rate, for the desk to adjudicate.
docs/agreement.md works an example by hand.
"""

from __future__ import annotations

import datetime as _dt
import functools
from statistics import NormalDist
from typing import Any, NamedTuple

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa

from ledger.core.columns import DICTIONARY_STRING
from ledger.core.days import require_date
from ledger.core.formats import long_date, percent, plural, short_date
from ledger.core.records import Ledger
from ledger.core.tables import LedgerTables
from ledger.core.vocabulary import STATUSES
from ledger.deadlines.policy import DEFAULT_POLICY, DeadlinePolicy
from ledger.io.results import to_arrow
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.matching import folded, match_commitments
from ledger.verdicts.reliability import percentile_interval, resampled_alphas, resampled_kappas, value_counts
from ledger.verdicts.stats import follow_through, wilson_interval

__all__ = [
    "AGREEMENT_SCHEMAS",
    "DEFAULT_RESAMPLES",
    "DEFAULT_SEED",
    "DISAGREEMENT_KINDS",
    "Agreement",
    "agreement",
    "DISAGREEMENT_COLUMNS",
    "agreement_of_verdicts",
]

#: Bootstrap resamples of the matched commitments behind each interval of alpha and kappa.
DEFAULT_RESAMPLES = 1000
#: The bootstrap's seed: the same ledgers give the same intervals, run after run.
DEFAULT_SEED = 18

#: What two coders can disagree on, in the order ties are listed.
DISAGREEMENT_KINDS = ("commitment", "status", "window", "record")

_TEXT, _DATE, _INT, _FLOAT = pa.string(), pa.date32(), pa.int64(), pa.float64()

#: The declared schema of each table ``ledger agree --out`` writes, by file name (without .parquet).
AGREEMENT_SCHEMAS: dict[str, pa.Schema] = {
    "agreement_measures": pa.schema(
        [pa.field("measure", DICTIONARY_STRING, nullable=False), pa.field("statistic", _TEXT, nullable=False)]
        + [pa.field(name, _INT) for name in ("n", "count")]
        + [pa.field(name, _FLOAT) for name in ("value", "ci_low", "ci_high")]
        + [pa.field("interval", _TEXT), pa.field("resamples_defined", _INT)]
    ),
    "agreement_units": pa.schema(
        [pa.field(name, _TEXT) for name in ("id_a", "id_b")]
        + [pa.field("matched_by", DICTIONARY_STRING)]
        + [
            pa.field(f"{name}_{coder}", kind)
            for name, kind in (("actor", _TEXT), ("stated_on", _DATE), ("deadline", _TEXT), ("latest", _DATE))
            for coder in "ab"
        ]
        + [pa.field(f"status_{coder}", DICTIONARY_STRING) for coder in "ab"]
    ),
    "agreement_disagreements": pa.schema(
        [pa.field("kind", DICTIONARY_STRING, nullable=False)]
        + [pa.field(name, _TEXT) for name in ("id_a", "id_b", "actor")]
        + [pa.field("stated_on", _DATE)]
        + [pa.field(name, _TEXT) for name in ("reading_a", "reading_b")]
        + [pa.field("days_apart", pa.int32())]
        + [pa.field(name, _FLOAT) for name in ("moves_a", "moves_b", "moves")]
    ),
}

# -- the on-time rate, counted as the statistics tables count it ----------------------------------


@functools.cache
def _on_time_weights() -> tuple[np.ndarray, np.ndarray]:
    """For each status of STATUSES (and a last 0 for "none"): its weight in the on-time rate's
    numerator and in its denominator.

    Read off ``follow_through`` on one made-up verdict per status, so the
    rate here is the rate of the statistics tables and the report, whatever
    statuses the vocabulary holds and however they count.
    """
    n = len(STATUSES)
    probe = pd.DataFrame(
        {
            "status": pd.Categorical(list(STATUSES), categories=list(STATUSES)),
            "stated_on": pd.to_datetime(["2000-01-01"] * n),
            "resolved_on": pd.to_datetime([None] * n),
            "promised_days": pd.array([1] * n, dtype="Int64"),
            "days_late": pd.array([0] * n, dtype="Int64"),
            "vague": np.zeros(n, dtype=bool),
        }
    )
    table = follow_through(probe, by="status").set_index("status").reindex(list(STATUSES))
    due = table["n_due"].to_numpy(dtype=float)
    on_time = np.nan_to_num(table["kept_rate"].to_numpy(dtype=float)) * due
    return np.append(on_time, 0.0), np.append(due, 0.0)


def _status_codes(statuses: pd.Series) -> np.ndarray:
    """Statuses as indices into STATUSES; -1 where missing."""
    codes = pd.Categorical(statuses.astype(object), categories=list(STATUSES)).codes.astype(np.int64)
    unknown = statuses.notna().to_numpy() & (codes < 0)
    if unknown.any():
        raise ValueError(f"status {statuses[unknown].iloc[0]!r} is not one of {', '.join(STATUSES)}")
    return codes


# -- the result ----------------------------------------------------------------------------------


def _frame(value: Any) -> pd.DataFrame:
    if not isinstance(value, pd.DataFrame):
        raise TypeError(f"a table of Agreement must be a DataFrame (got {type(value).__name__})")
    return value


def _table_field():
    return attrs.field(converter=_frame, eq=False, repr=False)


@attrs.frozen
class Agreement:
    """Two coders' ledgers compared as of a date: counts and headline numbers, and three tables.

    Plain values: ``count_a``/``count_b`` (commitments each recorded),
    ``matched`` (recorded by both), ``f1``, the headline coefficients
    (``window_alpha``, ``status_alpha``, ``status_kappa``; NaN where not
    defined), each coder's on-time rate, and the bootstrap's ``resamples``,
    ``seed`` and ``confidence``.

    Tables: ``measures`` (one row per statistic: ``measure``, ``statistic``,
    ``n`` units, ``count`` of them, ``value``, ``ci_low``, ``ci_high``,
    ``interval`` in words, ``resamples_defined``), ``units`` (one row per
    matched pair or unmatched entry; ``ledger.verdicts.matching``) and
    ``disagreements`` (one row per disagreement, the one that moves the
    on-time rate most first). ``text()`` says it all in words, ``listing()``
    gives the disagreements one per line, ``to_arrow()`` and ``to_dict()``
    the tables for Parquet and JSON.

    >>> import datetime as dt
    >>> from ledger import load
    >>> pair = [load(f"fixtures/agreement/coder-{c}.yaml").ledger for c in "ab"]
    >>> result = agreement(*pair, as_of=dt.date(2025, 12, 19), resamples=200)
    >>> kappa = result.measure("status", "Cohen's kappa")
    >>> round(float(kappa["value"]), 3), int(result.measure("status", "share agreeing")["count"])
    (0.664, 9)
    >>> result.listing().splitlines()[0][:48]
    '1. status of a-medinsky-6000-bodies / b-medinsky'
    >>> result.text().splitlines()[0][:62]
    'As of 19 December 2025, coder A recorded 13 commitments and co'
    """

    as_of: _dt.date = attrs.field(validator=attrs.validators.instance_of(_dt.date))
    count_a: int = attrs.field(validator=attrs.validators.instance_of(int))
    count_b: int = attrs.field(validator=attrs.validators.instance_of(int))
    matched: int = attrs.field(validator=attrs.validators.instance_of(int))
    f1: float = attrs.field(converter=float)
    window_alpha: float = attrs.field(converter=float)
    status_alpha: float = attrs.field(converter=float)
    status_kappa: float = attrs.field(converter=float)
    on_time_rate_a: float = attrs.field(converter=float)
    on_time_rate_b: float = attrs.field(converter=float)
    resamples: int = attrs.field(validator=attrs.validators.instance_of(int))
    seed: int = attrs.field(validator=attrs.validators.instance_of(int))
    confidence: float = attrs.field(converter=float)
    measures: pd.DataFrame = _table_field()
    units: pd.DataFrame = _table_field()
    disagreements: pd.DataFrame = _table_field()

    def measure(self, measure: str, statistic: str) -> pd.Series:
        """The row of ``measures`` for one statistic, e.g. ``("status", "Cohen's kappa")``."""
        rows = self.measures[(self.measures["measure"] == measure) & (self.measures["statistic"] == statistic)]
        if len(rows) != 1:
            known = "; ".join(f"{m}: {s}" for m, s in zip(self.measures["measure"], self.measures["statistic"]))
            raise KeyError(f"no measure {measure!r}, statistic {statistic!r} (there are: {known})")
        return rows.iloc[0]

    def text(self) -> str:
        """What the comparison found, in plain words, paragraph by paragraph."""
        return _text(self)

    def listing(self) -> str:
        """Every disagreement on one line each, in the order to settle them (the terminal's list)."""
        return _listing(self.disagreements)

    def to_arrow(self) -> dict[str, pa.Table]:
        """The three tables as Arrow tables with their declared schemas (``AGREEMENT_SCHEMAS``)."""
        frames = dict(zip(AGREEMENT_SCHEMAS, (self.measures, self.units, self.disagreements)))
        return {name: to_arrow(frames[name], schema) for name, schema in AGREEMENT_SCHEMAS.items()}

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain values (JSON-ready: dates as ISO text, NaN as None)."""
        plain = {
            name: getattr(self, name)
            for name in (
                "count_a",
                "count_b",
                "matched",
                "f1",
                "window_alpha",
                "status_alpha",
                "status_kappa",
                "on_time_rate_a",
                "on_time_rate_b",
                "resamples",
                "seed",
                "confidence",
            )
        }
        out: dict[str, Any] = {"as_of": self.as_of.isoformat()}
        out.update({k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in plain.items()})
        for name in ("measures", "units", "disagreements"):
            out[name] = _records(getattr(self, name))
        out["text"] = self.text()
        return out


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table as a list of plain dicts: dates as ISO text, missing values as None."""
    out = []
    for row in frame.astype(object).to_dict(orient="records"):
        out.append({k: _plain(v) for k, v in row.items()})
    return out


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float | np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


# -- the comparison ------------------------------------------------------------------------------


def agreement(
    ledger_a: Ledger | LedgerTables,
    ledger_b: Ledger | LedgerTables,
    *,
    as_of: _dt.date,
    known_as_of: _dt.date | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = 0.95,
) -> Agreement:
    """How far two coders' ledgers of the same reporting agree, as of a date.

    Each ledger is judged with ``evaluate`` (same ``as_of``, ``known_as_of``
    and ``policy``), their commitments are paired by id, else by actor, day
    said and deadline words (``match_commitments``), and the agreement is
    measured on which statements are commitments, on the latest due date and
    on the verdict. Intervals of alpha and kappa come from ``resamples``
    bootstrap resamples of the matched commitments drawn with ``seed``.

    >>> import datetime as dt
    >>> from ledger import load
    >>> a = load("fixtures/agreement/coder-a.yaml").ledger
    >>> b = load("fixtures/agreement/coder-b.yaml").ledger
    >>> result = agreement(a, b, as_of=dt.date(2025, 12, 19))
    >>> result.count_a, result.count_b, result.matched
    (13, 13, 12)
    """
    require_date(as_of, "as_of")
    verdicts_a = evaluate(ledger_a, as_of=as_of, known_as_of=known_as_of, policy=policy)
    verdicts_b = evaluate(ledger_b, as_of=as_of, known_as_of=known_as_of, policy=policy)
    return agreement_of_verdicts(verdicts_a, verdicts_b, resamples=resamples, seed=seed, confidence=confidence)


def agreement_of_verdicts(
    verdicts_a: pd.DataFrame,
    verdicts_b: pd.DataFrame,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = 0.95,
) -> Agreement:
    """``agreement`` on two verdict tables already made by ``evaluate`` with the same ``as_of``.

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> same = agreement_of_verdicts(v, v, resamples=50)
    >>> same.f1, same.status_kappa, len(same.disagreements)
    (1.0, 1.0, 0)
    """
    as_of = _same_as_of(verdicts_a, verdicts_b)
    if not isinstance(resamples, int) or isinstance(resamples, bool) or resamples < 1:
        raise ValueError(f"'resamples' must be a whole number of at least 1 (got {resamples!r})")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"'seed' must be a whole number (got {seed!r})")
    if not 0 < confidence < 1:
        raise ValueError(f"'confidence' must be between 0 and 1 (got {confidence!r})")
    units = match_commitments(verdicts_a, verdicts_b)
    on_time_a, due_a = _rate(verdicts_a["status"])
    on_time_b, due_b = _rate(verdicts_b["status"])
    pairs = _Pairs.of(units)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, max(pairs.n, 1), size=(resamples, pairs.n))
    counts = (len(verdicts_a), len(verdicts_b))
    measures = _measures(counts, pairs, draws, confidence, ((on_time_a, due_a), (on_time_b, due_b)))
    measures["interval"] = measures["interval"].str.replace("{seed}", str(seed), regex=False)
    value = lambda m, s: measures.loc[(measures["measure"] == m) & (measures["statistic"] == s), "value"].iloc[0]
    return Agreement(
        as_of=as_of,
        count_a=len(verdicts_a),
        count_b=len(verdicts_b),
        matched=pairs.n,
        f1=value("commitments", "F1"),
        window_alpha=value("window", _ALPHA_INTERVAL),
        status_alpha=value("status", _ALPHA_NOMINAL),
        status_kappa=value("status", _KAPPA),
        on_time_rate_a=on_time_a / due_a if due_a else np.nan,
        on_time_rate_b=on_time_b / due_b if due_b else np.nan,
        resamples=resamples,
        seed=seed,
        confidence=confidence,
        measures=measures,
        units=units,
        disagreements=_disagreements(units, (on_time_a, due_a), (on_time_b, due_b)),
    )


def _same_as_of(verdicts_a: pd.DataFrame, verdicts_b: pd.DataFrame) -> _dt.date:
    as_of_a, as_of_b = verdicts_a.attrs.get("as_of"), verdicts_b.attrs.get("as_of")
    if as_of_a is None or as_of_b is None:
        raise ValueError("agreement needs verdicts made by evaluate() (their attrs hold as_of)")
    if as_of_a != as_of_b:
        raise ValueError(f"the two coders' verdicts must be as of the same day (got {as_of_a} and {as_of_b})")
    return as_of_a


def _rate(statuses: pd.Series) -> tuple[float, float]:
    """A coder's on-time count and the count it is a share of, as the statistics tables count them."""
    on_time, due = _on_time_weights()
    codes = _status_codes(statuses)
    return float(on_time[codes].sum()), float(due[codes].sum())


class _Pairs(NamedTuple):
    """The matched commitments as columns: status codes, latest due dates and days promised."""

    status_a: np.ndarray
    status_b: np.ndarray
    latest_a: pd.Series
    latest_b: pd.Series
    days_a: np.ndarray
    days_b: np.ndarray
    both_open: np.ndarray

    @property
    def n(self) -> int:
        return len(self.status_a)

    @classmethod
    def of(cls, units: pd.DataFrame) -> _Pairs:
        matched = units[units["matched_by"].notna()]
        # Days promised are counted from one day for both coders (the earlier
        # of the two days said), so two readings of the same latest date agree.
        start = np.minimum(matched["stated_on_a"], matched["stated_on_b"])
        days_a = (matched["latest_a"] - start).dt.days.to_numpy(dtype=float, na_value=np.nan)
        days_b = (matched["latest_b"] - start).dt.days.to_numpy(dtype=float, na_value=np.nan)
        both_open = (matched["latest_a"].isna() & matched["latest_b"].isna()).to_numpy()
        return cls(
            _status_codes(matched["status_a"]),
            _status_codes(matched["status_b"]),
            matched["latest_a"],
            matched["latest_b"],
            days_a,
            days_b,
            both_open,
        )

    def days_apart(self) -> np.ndarray:
        """How many days the latest due dates are apart (NaN where one or both have none)."""
        return np.abs(self.days_a - self.days_b)


_ALPHA_INTERVAL = "Krippendorff's alpha (interval, days promised)"
_ALPHA_NOMINAL = "Krippendorff's alpha (nominal)"
_KAPPA = "Cohen's kappa"


def _measures(
    counts: tuple[int, int], pairs: _Pairs, draws: np.ndarray, confidence: float, rates: tuple[tuple, tuple]
) -> pd.DataFrame:
    """One row per statistic: shares with Wilson intervals, coefficients with bootstrap intervals.

    ``counts`` are the commitments each coder recorded; ``rates`` each
    coder's (on time, due) counts; ``draws`` the bootstrap's unit indices.
    """
    level = f"{percent(confidence)}%"
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    bootstrap = f"bootstrap percentile {level}, {len(draws):,} resamples, seed {{seed}}"
    rows: list[dict[str, Any]] = []

    def share(measure: str, statistic: str, count: float, n: float) -> None:
        low, high = wilson_interval(count, n, z=z)
        rows.append(
            dict(measure=measure, statistic=statistic, n=n, count=count, value=count / n if n else np.nan,
                 ci_low=float(low), ci_high=float(high), interval=f"Wilson {level}", resamples_defined=None)
        )  # fmt: skip

    def coefficient(measure: str, statistic: str, n: int, resampled: np.ndarray) -> None:
        point = float(resampled[0])  # the first row of draws is the sample itself
        low, high, defined = percentile_interval(resampled[1:], confidence) if not np.isnan(point) else (np.nan,) * 3
        rows.append(
            dict(measure=measure, statistic=statistic, n=n, count=None, value=point, ci_low=low, ci_high=high,
                 interval=bootstrap, resamples_defined=None if np.isnan(point) else defined)
        )  # fmt: skip

    with_sample = np.vstack([np.arange(pairs.n)[None, :], draws])
    share("commitments", "share of A's recorded by B", pairs.n, counts[0])
    share("commitments", "share of B's recorded by A", pairs.n, counts[1])
    f1 = 2 * pairs.n / (counts[0] + counts[1]) if counts[0] + counts[1] else np.nan
    rows.append(dict(measure="commitments", statistic="F1", n=counts[0] + counts[1], count=2 * pairs.n, value=f1,
                     ci_low=np.nan, ci_high=np.nan, interval="", resamples_defined=None))  # fmt: skip

    apart = pairs.days_apart()
    share("window", "share of latest due dates equal", int(((apart == 0) | pairs.both_open).sum()), pairs.n)
    share("window", "share within a day", int(((apart <= 1) | pairs.both_open).sum()), pairs.n)
    counts_days, domain_days = value_counts(pairs.days_a, pairs.days_b, "interval")
    both_dated = int((~np.isnan(apart)).sum())
    coefficient(
        "window", _ALPHA_INTERVAL, both_dated, resampled_alphas(counts_days, domain_days, "interval", with_sample)
    )

    share("status", "share agreeing", int((pairs.status_a == pairs.status_b).sum()), pairs.n)
    counts_status, domain_status = value_counts(pairs.status_a, pairs.status_b, "nominal")
    coefficient(
        "status", _ALPHA_NOMINAL, pairs.n, resampled_alphas(counts_status, domain_status, "nominal", with_sample)
    )
    coefficient("status", _KAPPA, pairs.n, resampled_kappas(pairs.status_a, pairs.status_b, len(STATUSES), with_sample))

    for coder, (on_time, due) in zip("AB", rates):
        share("on-time rate", f"coder {coder}", on_time, due)
    frame = pd.DataFrame(rows)
    frame["n"] = frame["n"].astype("int64")
    frame["count"] = pd.array(frame["count"], dtype="Float64").astype("Int64")
    frame["resamples_defined"] = pd.array(frame["resamples_defined"], dtype="Int64")
    return frame


#: The disagreements table's columns, in order.
DISAGREEMENT_COLUMNS = (
    "kind",
    "id_a",
    "id_b",
    "actor",
    "stated_on",
    "reading_a",
    "reading_b",
    "days_apart",
    "moves_a",
    "moves_b",
    "moves",
)


def _disagreements(units: pd.DataFrame, rate_a: tuple[float, float], rate_b: tuple[float, float]) -> pd.DataFrame:
    """Every disagreement, the one that moves the on-time rate most first.

    ``moves_a`` is how much coder A's on-time rate would change if A took
    B's reading of this commitment (dropping it, adding it, or taking B's
    status); ``moves_b`` the same for B; ``moves`` the larger of the two in
    size. A disagreement on the window alone moves neither rate: where it
    changes the verdict, that is a status disagreement of its own row. Nor
    does a ``record`` disagreement: a pair matched by id whose actor, day
    said or deadline words differ (after folding, as the match folds). Ties
    are listed by kind (``DISAGREEMENT_KINDS``), then days apart, largest
    first, then day said and id.
    """
    matched = units["matched_by"].notna().to_numpy()
    code_a, code_b = _status_codes(units["status_a"]), _status_codes(units["status_b"])
    latest_a, latest_b = units["latest_a"], units["latest_b"]
    apart = (latest_a - latest_b).abs().dt.days.to_numpy(dtype=float, na_value=np.nan)
    one_open = (latest_a.isna() ^ latest_b.isna()).to_numpy()
    kinds = {
        "commitment": ~matched,
        "status": matched & (code_a != code_b),
        "window": matched & ((apart > 0) | one_open),
        "record": matched & _records_differ(units),
    }
    dated = lambda latest: ("latest " + latest.dt.strftime("%Y-%m-%d")).fillna("no due date").astype(object)
    recorded = lambda status: ("recorded, " + status.astype(object)).fillna("not recorded").astype(object)
    readings = {
        "commitment": (recorded(units["status_a"]), recorded(units["status_b"])),
        "status": (units["status_a"].astype(object), units["status_b"].astype(object)),
        "window": (dated(latest_a), dated(latest_b)),
        "record": (_record_words(units, "a"), _record_words(units, "b")),
    }
    parts = []
    for kind in DISAGREEMENT_KINDS:
        rows = np.flatnonzero(kinds[kind])
        moves = kind in ("commitment", "status")  # a window or a record alone changes no status
        remove_a, add_a = (code_a[rows], code_b[rows]) if moves else (np.full(len(rows), -1),) * 2
        parts.append(
            pd.DataFrame(
                {
                    "kind": kind,
                    "id_a": units["id_a"].to_numpy()[rows],
                    "id_b": units["id_b"].to_numpy()[rows],
                    "actor": units["actor_a"].fillna(units["actor_b"]).to_numpy()[rows],
                    "stated_on": units["stated_on_a"].fillna(units["stated_on_b"]).to_numpy()[rows],
                    "reading_a": readings[kind][0].to_numpy()[rows],
                    "reading_b": readings[kind][1].to_numpy()[rows],
                    "days_apart": apart[rows] if kind == "window" else np.nan,
                    "moves_a": _rate_change(rate_a, remove_a, add_a),
                    "moves_b": _rate_change(rate_b, add_a, remove_a),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    out["moves"] = np.nan_to_num(np.fmax(out["moves_a"].abs(), out["moves_b"].abs()), nan=0.0)
    out["_kind"] = out["kind"].map({kind: i for i, kind in enumerate(DISAGREEMENT_KINDS)})
    out = out.sort_values(
        ["moves", "_kind", "days_apart", "stated_on", "id_a", "id_b"],
        ascending=[False, True, False, True, True, True],
        na_position="last",
        kind="stable",
    ).reset_index(drop=True)
    for name in ("kind", "id_a", "id_b", "actor", "reading_a", "reading_b"):
        out[name] = out[name].astype("string")
    out["stated_on"] = pd.to_datetime(out["stated_on"])
    out["days_apart"] = pd.array(out["days_apart"].to_numpy(dtype=float), dtype="Float64").astype("Int64")
    return out.loc[:, list(DISAGREEMENT_COLUMNS)]


def _records_differ(units: pd.DataFrame) -> np.ndarray:
    """Where the two coders' actor, day said or deadline words differ (folded as the match folds them)."""
    differ = units["stated_on_a"] != units["stated_on_b"]
    for name in ("actor", "deadline"):
        differ |= folded(units[f"{name}_a"].fillna("")) != folded(units[f"{name}_b"].fillna(""))
    return differ.to_numpy(dtype=bool)


def _record_words(units: pd.DataFrame, coder: str) -> pd.Series:
    """'Donald Trump, said 2025-10-16: "two weeks or so"': what one coder recorded of a statement."""
    said = units[f"stated_on_{coder}"].dt.strftime("%Y-%m-%d")
    return (units[f"actor_{coder}"] + ", said " + said + ': "' + units[f"deadline_{coder}"] + '"').astype(object)


def _rate_change(rate: tuple[float, float], remove: np.ndarray, add: np.ndarray) -> np.ndarray:
    """How much an on-time rate (on time, due) changes when one status (-1: none) is swapped for another."""
    on_time, due = _on_time_weights()  # index -1 is the trailing "none", which weighs 0
    before_on_time, before_due = rate
    after_on_time = before_on_time - on_time[remove] + on_time[add]
    after_due = before_due - due[remove] + due[add]
    with np.errstate(divide="ignore", invalid="ignore"):
        before = before_on_time / before_due if before_due else np.nan
        return np.where(after_due > 0, after_on_time / np.where(after_due > 0, after_due, 1), np.nan) - before


# -- in words ------------------------------------------------------------------------------------


def _number(x: float) -> str:
    return "not defined" if np.isnan(x) else f"{x:.2f}"


def _share(count: float, n: float) -> str:
    return f"{int(count)} of {int(n)}" + (f" ({percent(count / n)}%)" if n else "")


def _coefficient(row: pd.Series) -> str:
    """'0.84 (95% interval 0.66 to 0.97)', or why it cannot be given."""
    if np.isnan(row["value"]):
        return "not defined (it needs at least two different values among the commitments both coded)"
    if np.isnan(row["ci_low"]):
        return f"{row['value']:.2f}"
    return f"{row['value']:.2f} (interval {row['ci_low']:.2f} to {row['ci_high']:.2f})"


def _text(result: Agreement) -> str:
    """The comparison in plain words, one paragraph per question."""
    m = result.measure
    units, n = result.units, result.matched
    by_id = int((units["matched_by"] == "id").sum())
    only_a, only_b = result.count_a - n, result.count_b - n
    paragraphs = [
        f"As of {long_date(result.as_of)}, coder A recorded {plural(result.count_a, 'commitment')} and coder B "
        f"{result.count_b}; {n} were recorded by both ({by_id} matched by id, {n - by_id} by actor, day said "
        f"and deadline words), {only_a} by A only and {only_b} by B only: F1 {_number(result.f1)}."
    ]
    if n:
        exact, near = m("window", "share of latest due dates equal"), m("window", "share within a day")
        paragraphs.append(
            f"Of the {n} recorded by both, the latest due dates agree exactly on {_share(exact['count'], n)} and "
            f"to within a day on {_share(near['count'], n)}. Krippendorff's alpha on the days from the statement "
            f"to the latest due date is {_coefficient(m('window', _ALPHA_INTERVAL))}."
        )
        same = m("status", "share agreeing")
        paragraphs.append(
            f"The verdicts agree on {_share(same['count'], n)}: Krippendorff's alpha "
            f"{_coefficient(m('status', _ALPHA_NOMINAL))}; Cohen's kappa {_coefficient(m('status', _KAPPA))}."
        )
    rates = [m("on-time rate", f"coder {coder}") for coder in "AB"]
    sentence = (
        f"On-time rate: coder A {_share(rates[0]['count'], rates[0]['n'])}, "
        f"coder B {_share(rates[1]['count'], rates[1]['n'])}."
    )
    found = result.disagreements
    if len(found):
        top = found.iloc[0]
        who = top["id_a"] if pd.notna(top["id_a"]) else top["id_b"]
        verb = "is" if len(found) == 1 else "are"
        sentence += (
            f" {plural(len(found), 'disagreement')} {verb} listed for the desk; the first, on the {top['kind']} of "
            f"{who} (said {short_date(top['stated_on'])}: A {top['reading_a']}, B {top['reading_b']}), moves an "
            f"on-time rate by up to {abs(top['moves']) * 100:.1f} points."
        )
    else:
        sentence += " The coders do not disagree on anything measured here."
    paragraphs.append(sentence)
    level = f"{percent(result.confidence)}%"
    paragraphs.append(
        f"Intervals are {level}: Wilson intervals for shares; for alpha and kappa, the percentile interval of "
        f"{result.resamples:,} bootstrap resamples of the commitments both recorded (seed {result.seed})."
    )
    return "\n\n".join(paragraphs)


def _listing(found: pd.DataFrame) -> str:
    """'1. status of medinsky-6000-bodies (Vladimir Medinsky, said 2 Jun 2025): A late; B kept; moves ...'."""
    lines = []
    for rank, row in enumerate(found.itertuples(index=False), start=1):  # one line per row of a short list
        named = [str(i) for i in (row.id_a, row.id_b) if not pd.isna(i)]
        ids = " / ".join(dict.fromkeys(named))  # one id where both coders used it
        moves = f"moves an on-time rate by up to {row.moves * 100:.1f} points" if row.moves else "moves no rate"
        lines.append(
            f"{rank}. {row.kind} of {ids} ({row.actor}, said {short_date(row.stated_on)}): "
            f"A {row.reading_a}; B {row.reading_b}; {moves}"
        )
    return "\n".join(lines)
