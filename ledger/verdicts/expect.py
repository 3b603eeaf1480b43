"""What to expect of a new deadline, from an actor's record and the ledger's.

``expect(verdicts, actor="X", kind="duration", promised_days=14)`` answers a
reporter who has just heard a fresh "two weeks": on X's record of similar
deadlines, how likely is this one to be met on time, how sure can we be, and
how long do such deadlines take to be delivered?

Small samples are the rule (one actor, a dozen deadlines), so an actor's own
rate is shrunk toward the ledger-wide rate with an **empirical-Bayes
beta-binomial**: the actors' records of similar deadlines fit a Beta(α, β)
prior by the **method of moments** (below), and X's record updates it to
Beta(α + k, β + n − k). The chance is that posterior's mean; the interval its
equal-tailed 95% interval; ``n / (n + α + β)`` is how much the estimate leans
on X's own record. The delivery time comes from the Kaplan–Meier curve of
similar commitments across the ledger (``time_to_fulfilment``).
``docs/statistics.md`` works an example by hand.

Method of moments, with actors i = 1..m, k_i of n_i met on time, N = Σ n_i and
μ = Σ k_i / N: under a beta-binomial with intra-actor correlation
ρ = 1 / (α + β + 1), the weighted spread S = Σ n_i (k_i/n_i − μ)² has
expectation μ(1 − μ) [(m − 1) + ρ Σ (n_i − 1)(1 − n_i / N)], so

    ρ = (S / μ(1 − μ) − (m − 1)) / Σ (n_i − 1)(1 − n_i / N),  α + β = 1/ρ − 1.

The prior never counts for more than the N deadlines it was fitted on: when
the actors differ no more than chance would make them (ρ ≤ 1/(N + 1)), α + β
is N. With fewer than two actors the spread cannot be measured, and the prior
counts for two deadlines. When nobody (or everybody) met a deadline, μ is
taken as (K + ½)/(N + 1) so the prior stays a proper distribution.

Runtime code needs no scipy: the beta quantiles are computed here (Lentz's
continued fraction for the incomplete beta function, then bisection); the
tests check them against scipy.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Sequence

import attrs
import numpy as np
import pandas as pd

from ledger.core.formats import percent, plural
from ledger.core.records import Ledger
from ledger.core.tables import LedgerTables
from ledger.deadlines.policy import DEFAULT_POLICY, DeadlinePolicy
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.stats import DUE_STATUSES, time_to_fulfilment

__all__ = [
    "BetaPrior",
    "Expectation",
    "backtest",
    "beta_cdf",
    "beta_quantile",
    "brier_score",
    "deadline_words",
    "expect",
    "fit_beta_prior",
    "similar_commitments",
]

_DUE = (*DUE_STATUSES, "partial")  # a partial delivery has come due and was not kept
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")


# -- the beta distribution, without scipy -------------------------------------------------------


def _continued_fraction(x: float, a: float, b: float) -> float:
    """The continued fraction of the incomplete beta function (Lentz's method, as in Numerical Recipes)."""
    tiny, eps = 1e-300, 1e-16
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 1000):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < eps:
            break
    return result


def beta_cdf(x: float, a: float, b: float) -> float:
    """The Beta(a, b) distribution function at ``x``: the regularized incomplete beta function.

    >>> round(beta_cdf(0.5, 2, 2), 12), round(beta_cdf(0.25, 1, 1), 12)
    (0.5, 0.25)
    """
    if not (a > 0 and b > 0):
        raise ValueError(f"'a' and 'b' must be positive (got a={a!r}, b={b!r})")
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    # The fraction converges fast on one side of the mean; use the symmetry I_x(a, b) = 1 - I_(1-x)(b, a).
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _continued_fraction(x, a, b) / a
    return 1.0 - math.exp(log_front) * _continued_fraction(1 - x, b, a) / b


def beta_quantile(q: float, a: float, b: float) -> float:
    """The ``q`` quantile of Beta(a, b), by bisection on ``beta_cdf`` (to about 1e-15).

    >>> round(beta_quantile(0.5, 2, 2), 12), round(beta_quantile(0.975, 1, 1), 12)
    (0.5, 0.975)
    """
    if not 0 <= q <= 1:
        raise ValueError(f"'q' must lie in [0, 1] (got {q!r})")
    low, high = 0.0, 1.0
    for _ in range(60):
        middle = (low + high) / 2
        if beta_cdf(middle, a, b) < q:
            low = middle
        else:
            high = middle
    return (low + high) / 2


# -- the prior -------------------------------------------------------------------------------------


@attrs.frozen
class BetaPrior:
    """The Beta(α, β) prior fitted to several actors' records, and how it was fitted.

    ``strength`` is α + β: how many deadlines' worth of evidence the prior
    counts for. ``spread`` is ρ = 1/(α + β + 1), the share of the variation
    that lies between actors. ``method`` says how the prior was set.

    >>> fit_beta_prior([2, 5, 4], [6, 6, 8]).method
    'method of moments'
    """

    alpha: float
    beta: float
    mean: float
    strength: float
    spread: float
    n_actors: int
    n: int
    k: int
    method: str


def fit_beta_prior(kept: Sequence[int], due: Sequence[int]) -> BetaPrior:
    """An empirical-Bayes Beta prior from actors' records, by the method of moments (module docstring).

    ``kept[i]`` of ``due[i]`` deadlines of actor i were met on time; actors
    with nothing due are ignored.

    >>> prior = fit_beta_prior([2, 5, 4], [6, 6, 8])
    >>> round(prior.mean, 4), round(prior.strength, 4), round(prior.alpha, 4), round(prior.beta, 4)
    (0.55, 8.6139, 4.7376, 3.8762)
    """
    k = np.asarray(kept, dtype=float)
    n = np.asarray(due, dtype=float)
    if k.shape != n.shape or (k < 0).any() or (k > n).any():
        raise ValueError(f"'kept' must be counts between 0 and 'due', one per actor (got {list(kept)} of {list(due)})")
    k, n = k[n > 0], n[n > 0]
    total, total_kept, actors = float(n.sum()), float(k.sum()), len(n)
    if total == 0:
        # Nothing on record anywhere: an even chance, worth two deadlines.
        return BetaPrior(1.0, 1.0, 0.5, 2.0, 1 / 3, 0, 0, 0, "no record: uniform")
    mean = total_kept / total
    if mean in (0.0, 1.0):
        mean = (total_kept + 0.5) / (total + 1)
    if actors < 2:
        strength, method = 2.0, "one actor: the spread between actors cannot be measured; prior worth 2"
    else:
        spread_seen = float((n * (k / n - total_kept / total) ** 2).sum())
        room = float(((n - 1) * (1 - n / total)).sum())
        chance = mean * (1 - mean)
        rho = (spread_seen / chance - (actors - 1)) / room if room > 0 else 0.0
        # The prior may not count for more than the deadlines it was fitted on.
        rho = min(max(rho, 1 / (total + 1)), 1.0 - 1e-9)
        strength, method = 1 / rho - 1, "method of moments"
    return BetaPrior(
        alpha=mean * strength,
        beta=(1 - mean) * strength,
        mean=mean,
        strength=strength,
        spread=1 / (strength + 1),
        n_actors=actors,
        n=int(total),
        k=int(total_kept),
        method=method,
    )


# -- similar commitments ---------------------------------------------------------------------------


def similar_commitments(
    verdicts: pd.DataFrame, *, kind: str | None = None, promised_days: int | None = None, band: float = 1.5
) -> pd.DataFrame:
    """The verdicts of deadlines like the new one: the same ``kind`` of window, and ``promised_days``
    within a factor of ``band`` either way (14 days with band 1.5: from 9.3 to 21 days).

    Without ``kind`` or ``promised_days``, that filter is not applied.

    >>> import datetime as dt
    >>> from ledger import load, evaluate
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> similar_commitments(v, kind="duration", promised_days=14)["promised_days"].tolist()
    [21, 14]
    """
    if band < 1:
        raise ValueError(f"'band' must be at least 1 (a factor either way; got {band!r})")
    keep = np.ones(len(verdicts), dtype=bool)
    if kind is not None:
        keep &= (verdicts["kind"].astype(object) == kind).to_numpy(dtype=bool)
    if promised_days is not None:
        if isinstance(promised_days, bool) or not isinstance(promised_days, (int, np.integer)) or promised_days < 0:
            raise TypeError(f"'promised_days' must be a whole number of days, 0 or more (got {promised_days!r})")
        days = verdicts["promised_days"].to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            keep &= (days >= promised_days / band) & (days <= promised_days * band)
    return verdicts[keep]


def deadline_words(kind: str | None, promised_days: int | None) -> str:
    """How the sentence names the deadlines: "'two weeks' ", "'45 days' ", "date " or "".

    >>> deadline_words("duration", 14), deadline_words(None, 45), deadline_words("date", None)
    ("'two weeks' ", "'45 days' ", 'date ')
    """
    if promised_days is None:
        return f"{kind} " if kind else ""
    if promised_days and promised_days % 7 == 0 and promised_days // 7 < len(_NUMBER_WORDS):
        weeks = promised_days // 7
        return f"'{_NUMBER_WORDS[weeks]} {'week' if weeks == 1 else 'weeks'}' "
    return f"'{plural(promised_days, 'day')}' "


# -- the expectation -------------------------------------------------------------------------------


@attrs.frozen
class Expectation:
    """What an actor's record and the ledger's suggest about a new deadline; ``text()`` says it in print.

    ``chance`` is the posterior mean of the actor's on-time rate (the chance
    that a new similar deadline is met on time), ``low``–``high`` its 95%
    interval; ``own_weight`` = n / (n + α + β) is how much it leans on the
    actor's own record, the rest on the ledger-wide rate (``prior.mean``).
    ``median_days`` (Kaplan–Meier median time to fulfilment of similar
    deadlines across the ledger; None if under half were ever delivered) and
    ``fulfilled_by_promised_day`` (the cumulative incidence of fulfilment on
    the promised day) describe delivery time; ``delivery`` holds that curve as
    (day, share fulfilled by then) pairs.
    """

    actor: str
    kind: str | None
    promised_days: int | None
    as_of: _dt.date | None
    n: int
    k: int
    chance: float
    low: float
    high: float
    own_weight: float
    prior: BetaPrior
    median_days: int | None
    fulfilled_by_promised_day: float | None
    delivery: tuple[tuple[int, float], ...] = attrs.field(converter=tuple)

    def text(self) -> str:
        """The plain sentences for print.

        >>> import datetime as dt
        >>> from ledger import load, evaluate
        >>> v = evaluate(load("fixtures/russia-ukraine-2025.yaml").ledger, as_of=dt.date(2025, 12, 1))
        >>> print(expect(v, actor="Donald Trump", kind="duration", promised_days=14).text())
        ... # doctest: +ELLIPSIS
        Of Donald Trump's 4 'two weeks' deadlines on record, 0 were met on time; on that record a new one ...
        """
        words = deadline_words(self.kind, self.promised_days)
        chance = f"about a {percent(self.chance)}% chance (interval {percent(self.low)}–{percent(self.high)}%)"
        # The record as counted (the prior's mean is smoothed when nobody, or everybody, met one).
        ledger_rate = (
            f"{percent(self.prior.k / self.prior.n) if self.prior.n else 0}% ({self.prior.k} of {self.prior.n})"
        )
        if self.n:
            kept = "was" if self.k == 1 else "were"
            first = (
                f"Of {self.actor}'s {plural(self.n, words + 'deadline')} on record, {self.k} {kept} met on time; "
                f"on that record a new one has {chance} of being met on time. "
                f"The estimate leans {percent(self.own_weight)}% on {self.actor}'s own record and the rest on the "
                f"ledger-wide rate of {ledger_rate}."
            )
        else:
            first = (
                f"{self.actor} has no {words}deadlines on record that have come due; on the ledger-wide rate of "
                f"{ledger_rate}, a new one has {chance} of being met on time."
            )
        if self.median_days is not None:
            median = plural(self.median_days, "day")
            first += f" Across the ledger, similar deadlines took a median of {median} to be delivered"
            if self.fulfilled_by_promised_day is not None:
                first += f"; {percent(self.fulfilled_by_promised_day)}% were delivered by the promised day"
            first += "."
        elif self.prior.n:
            first += " Fewer than half of similar deadlines across the ledger have been delivered at all."
        return first

    def to_dict(self) -> dict:
        """The numbers as plain values, and the text (for ``ledger expect --json``).

        >>> import datetime as dt
        >>> from ledger import load, evaluate
        >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
        >>> sorted(expect(v, actor="Mayor Ada Example").to_dict())[:4]
        ['actor', 'as_of', 'chance', 'delivery']
        """
        out = attrs.asdict(self, recurse=True)
        out["as_of"] = self.as_of.isoformat() if self.as_of else None
        out["delivery"] = [list(pair) for pair in self.delivery]
        out["text"] = self.text()
        return out


def expect(
    verdicts: pd.DataFrame,
    *,
    actor: str,
    kind: str | None = None,
    promised_days: int | None = None,
    band: float = 1.5,
    level: float = 0.95,
) -> Expectation:
    """The chance that ``actor``'s new deadline of this kind and length is met on time, with an interval.

    Similar deadlines are those of ``similar_commitments`` (same ``kind``,
    ``promised_days`` within a factor of ``band``) that have come due
    (``n_due`` of ``follow_through``: a partial delivery counts as not kept).
    Each actor's record of them fits an empirical-Bayes beta prior
    (``fit_beta_prior``, method of moments); ``actor``'s own record updates it.
    ``level`` is the interval's coverage. See the module docstring and
    docs/statistics.md.

    >>> import datetime as dt
    >>> from ledger import load, evaluate
    >>> v = evaluate(load("fixtures/russia-ukraine-2025.yaml").ledger, as_of=dt.date(2025, 12, 1))
    >>> e = expect(v, actor="Donald Trump", kind="duration", promised_days=14)
    >>> (e.n, e.k, round(e.chance, 3), round(e.own_weight, 2))
    (4, 0, 0.043, 0.4)
    """
    if not isinstance(actor, str) or not actor:
        raise TypeError(f"'actor' must be a name, as the ledger spells it (got {actor!r})")
    if not 0 < level < 1:
        raise ValueError(f"'level' must lie between 0 and 1 (got {level!r})")
    similar = similar_commitments(verdicts, kind=kind, promised_days=promised_days, band=band)
    n, k, prior = _record(verdicts, similar, actor)
    a, b = prior.alpha + k, prior.beta + n - k
    tail = (1 - level) / 2
    median_days, by_promised, delivery = _delivery(similar, promised_days)
    return Expectation(
        actor=actor,
        kind=kind,
        promised_days=promised_days,
        as_of=verdicts.attrs.get("as_of"),
        n=n,
        k=k,
        chance=a / (a + b),
        low=beta_quantile(tail, a, b),
        high=beta_quantile(1 - tail, a, b),
        own_weight=n / (n + prior.strength),
        prior=prior,
        median_days=median_days,
        fulfilled_by_promised_day=by_promised,
        delivery=delivery,
    )


def _due_and_kept(verdicts: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    due = verdicts[verdicts["status"].astype(object).isin(_DUE).to_numpy(dtype=bool)]
    return due, (due["status"].astype(object) == "kept").to_numpy(dtype=bool)


def _record(verdicts: pd.DataFrame, similar: pd.DataFrame, actor: str) -> tuple[int, int, BetaPrior]:
    """The actor's similar deadlines that came due, how many were kept, and the prior from every actor's.

    When no similar deadline has come due anywhere, the prior is the
    ledger's on-time rate over all its deadlines, worth two deadlines.
    """
    due, kept = _due_and_kept(similar)
    actors = due["actor"].astype(object).to_numpy()
    if not len(due):
        _, all_kept = _due_and_kept(verdicts)
        if len(all_kept):
            mean = (int(all_kept.sum()) + 0.5) / (len(all_kept) + 1)
            method = "no similar deadline has come due: the ledger's rate over all deadlines, worth 2"
            prior = BetaPrior(2 * mean, 2 * (1 - mean), mean, 2.0, 1 / 3, 0, 0, 0, method)
            return 0, 0, prior
    _, which = np.unique(actors, return_inverse=True)
    per_actor_due = np.bincount(which.astype(np.int64), minlength=1)
    per_actor_kept = np.bincount(which.astype(np.int64), weights=kept, minlength=1).astype(np.int64)
    prior = fit_beta_prior(per_actor_kept.tolist(), per_actor_due.tolist())
    mine = actors == actor
    return int(mine.sum()), int(kept[mine].sum()), prior


def _delivery(similar: pd.DataFrame, promised_days: int | None):
    """The Kaplan–Meier median days to fulfilment of similar commitments, the share fulfilled by the
    promised day (Aalen–Johansen), and the (day, share fulfilled) curve."""
    judged = similar[(similar["status"].astype(object) != "unreadable").to_numpy(dtype=bool)]
    if not len(judged) or "as_of" not in similar.attrs:
        return None, None, ()
    curve = time_to_fulfilment(judged)
    days = curve["day"].to_numpy(dtype=np.int64)
    reached = np.flatnonzero(curve["survival"].to_numpy() <= 0.5)
    median = int(days[reached[0]]) if reached.size else None
    by_promised = None
    if promised_days is not None:
        before = np.flatnonzero(days <= promised_days)
        by_promised = float(curve["cif_fulfilled"].to_numpy()[before[-1]]) if before.size else 0.0
    pairs = tuple((int(day), float(share)) for day, share in zip(days, curve["cif_fulfilled"]))
    return median, by_promised, pairs


# -- backtest --------------------------------------------------------------------------------------


def brier_score(chance, outcome) -> float:
    """The mean squared difference between predicted chances and what happened (1 met on time, 0 not).

    0 is perfect; always saying 50% scores 0.25. Lower is better.

    >>> brier_score([0.8, 0.3], [1, 0])
    0.065
    """
    p = np.asarray(chance, dtype=float)
    y = np.asarray(outcome, dtype=float)
    if p.shape != y.shape or not len(p):
        raise ValueError(f"'chance' and 'outcome' must be equally long and not empty (got {len(p)} and {len(y)})")
    if ((p < 0) | (p > 1)).any() or not np.isin(y, (0, 1)).all():
        raise ValueError("'chance' must lie in [0, 1] and 'outcome' be 0 or 1")
    return round(float(np.mean((p - y) ** 2)), 15)


def backtest(
    ledger: Ledger | LedgerTables,
    *,
    as_of: _dt.date,
    match_kind: bool = True,
    match_days: bool = True,
    band: float = 1.5,
    policy: DeadlinePolicy = DEFAULT_POLICY,
) -> pd.DataFrame:
    """Predict each commitment from the ones stated before it, and score the predictions.

    Each commitment that has come due as of ``as_of`` is predicted from the
    ledger as of the day before it was stated (``evaluate`` then, so only
    outcomes known by then count): ``expected`` is ``expect``'s chance for
    its actor (with its kind and length of deadline, unless ``match_kind`` or
    ``match_days`` is off), ``naive`` the ledger-wide on-time rate then.
    ``kept`` is 1 if it was met on time as of ``as_of``. Commitments stated
    before anything had come due cannot be predicted and are left out
    (``attrs["not_predicted"]`` counts them). ``attrs`` hold the Brier
    scores of both (``brier``, ``naive_brier``). One evaluation per day on
    which something was stated: a check, not a fast path.

    >>> import datetime as dt
    >>> from ledger import load
    >>> scored = backtest(load("fixtures/russia-ukraine-2025.yaml").ledger, as_of=dt.date(2025, 12, 1))
    >>> len(scored), scored.attrs["not_predicted"]
    (21, 3)
    """
    final = evaluate(ledger, as_of=as_of, policy=policy)
    due = final[final["status"].astype(object).isin(_DUE).to_numpy(dtype=bool)]
    rows, not_predicted = [], 0
    for stated_on, group in due.groupby("stated_on", sort=True):
        before = evaluate(ledger, as_of=stated_on.date() - _dt.timedelta(days=1), policy=policy)
        counted = before["status"].astype(object).isin(_DUE).to_numpy(dtype=bool)
        if not counted.any():
            not_predicted += len(group)
            continue
        naive = float((before["status"][counted].astype(object) == "kept").mean())
        for commitment in group.itertuples(index=False):
            kind = str(commitment.kind) if match_kind else None
            days = None if (not match_days or pd.isna(commitment.promised_days)) else int(commitment.promised_days)
            similar = similar_commitments(before, kind=kind, promised_days=days, band=band)
            n, k, prior = _record(before, similar, str(commitment.actor))
            rows.append(
                (
                    commitment.id,
                    commitment.actor,
                    stated_on.date(),
                    kind,
                    days,
                    int(commitment.status == "kept"),
                    (prior.alpha + k) / (prior.strength + n),
                    naive,
                )
            )
    columns = ["id", "actor", "stated_on", "kind", "promised_days", "kept", "expected", "naive"]
    scored = pd.DataFrame(rows, columns=columns)
    scored.attrs.update(
        {
            "as_of": as_of,
            "not_predicted": not_predicted,
            "brier": brier_score(scored["expected"], scored["kept"]) if len(scored) else float("nan"),
            "naive_brier": brier_score(scored["naive"], scored["kept"]) if len(scored) else float("nan"),
        }
    )
    return scored
