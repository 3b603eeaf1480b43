"""What to expect of a new deadline: the beta-binomial numbers, checked against scipy and by hand.

References: scipy.stats.beta (used only here) for the distribution function
and quantiles; the worked example of docs/statistics.md ("What to expect of
a new deadline") for the method-of-moments prior; a hand-computed Brier score.
"""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats  # type: ignore[import-untyped]

from ledger.cli import main
from ledger.core.records import Commitment, Event, Ledger, Source
from ledger.io.loader import load
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.expect import (
    backtest,
    beta_cdf,
    beta_quantile,
    brier_score,
    deadline_words,
    expect,
    fit_beta_prior,
    similar_commitments,
)

SRC = [Source(url="https://example.org/s")]
ROOT = Path(__file__).resolve().parents[2]
RUSSIA = "fixtures/russia-ukraine-2025.yaml"
AS_OF = dt.date(2025, 12, 1)

shapes = st.floats(0.05, 200, allow_nan=False)


@given(st.floats(0, 1), shapes, shapes)
def test_beta_cdf_matches_scipy(x, a, b):
    """Our regularized incomplete beta equals scipy's beta.cdf."""
    assert beta_cdf(x, a, b) == pytest.approx(stats.beta.cdf(x, a, b), abs=1e-10)


@given(st.floats(0.001, 0.999), shapes, shapes)
def test_beta_quantile_matches_scipy(q, a, b):
    """Our beta quantile equals scipy's beta.ppf."""
    assert beta_quantile(q, a, b) == pytest.approx(stats.beta.ppf(q, a, b), abs=1e-8)


def test_beta_refuses_non_positive_shapes():
    """Beta(0, 1) is not a distribution: a ValueError naming a and b."""
    with pytest.raises(ValueError, match="'a' and 'b'"):
        beta_cdf(0.5, 0, 1)


def test_prior_matches_the_worked_example():
    """2 of 6, 5 of 6 and 4 of 8: the method of moments gives docs/statistics.md's numbers."""
    prior = fit_beta_prior([2, 5, 4], [6, 6, 8])
    # By hand: mu = 11/20; S = 0.783333; rho = (S/0.2475 - 2) / 11.2 = 0.104016; a + b = 1/rho - 1
    assert prior.mean == pytest.approx(0.55)
    assert prior.spread == pytest.approx(0.104016, abs=1e-6)
    assert prior.strength == pytest.approx(8.61387, abs=1e-5)
    assert (prior.alpha, prior.beta) == pytest.approx((4.73763, 3.87624), abs=1e-5)
    assert prior.method == "method of moments"


@settings(max_examples=50)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 30)), min_size=2, max_size=8))
def test_prior_solves_its_moment_equation(records):
    """Unless clipped, the fitted spread makes the expected weighted spread equal the observed one."""
    kept = [min(k, n) for k, n in records]
    due = [n for _, n in records]
    prior = fit_beta_prior(kept, due)
    k, n = np.array(kept, float), np.array(due, float)
    total, mu = n.sum(), k.sum() / n.sum()
    assert prior.alpha > 0 and prior.beta > 0
    assert prior.strength <= total + 1e-9
    if 0 < mu < 1 and 1 / (total + 1) < prior.spread < 1 - 1e-6:
        seen = (n * (k / n - mu) ** 2).sum()
        expected = mu * (1 - mu) * ((len(n) - 1) + prior.spread * ((n - 1) * (1 - n / total)).sum())
        assert seen == pytest.approx(expected, rel=1e-9)


def test_prior_edges():
    """No record: uniform; one actor: worth two deadlines; nobody kept one: a proper prior all the same."""
    assert fit_beta_prior([], []).strength == 2.0
    assert fit_beta_prior([3], [4]).strength == 2.0
    nobody = fit_beta_prior([0, 0], [3, 5])
    assert nobody.alpha > 0 and nobody.mean == pytest.approx(0.5 / 9)
    with pytest.raises(ValueError, match="between 0 and 'due'"):
        fit_beta_prior([5], [4])


def _record_ledger():
    """Three actors with 'two weeks' records: A kept 2 of 6, B 5 of 6, C 4 of 8 (the worked example)."""
    said = dt.date(2025, 1, 6)
    commitments, events = [], []
    for actor, kept, due in (("A", 2, 6), ("B", 5, 6), ("C", 4, 8)):
        for i in range(due):
            cid = f"{actor}{i}"
            commitments.append(
                Commitment(id=cid, actor=actor, stated_on=said, text="t", deadline="in two weeks", sources=SRC)
            )
            if i < kept:
                events.append(Event(commitment_id=cid, type="fulfilled", on=said + dt.timedelta(days=10)))
    return Ledger(commitments, events)


def test_expect_interval_is_scipys_posterior_interval():
    """A's chance is the posterior mean of Beta(a + 2, b + 4); its interval is scipy's equal-tailed 95%."""
    verdicts = evaluate(_record_ledger(), as_of=dt.date(2025, 3, 1))
    found = expect(verdicts, actor="A", kind="duration", promised_days=14)
    a, b = found.prior.alpha + 2, found.prior.beta + 4
    assert (found.n, found.k) == (6, 2)
    assert found.chance == pytest.approx(a / (a + b))
    assert found.low == pytest.approx(stats.beta.ppf(0.025, a, b), abs=1e-9)
    assert found.high == pytest.approx(stats.beta.ppf(0.975, a, b), abs=1e-9)
    assert found.own_weight == pytest.approx(6 / (6 + found.prior.strength))
    assert round(found.chance, 4) == 0.4610


def test_expect_sentence_says_record_chance_interval_and_lean():
    """The printed sentence names the record, the chance, the interval and how much it leans on the actor."""
    verdicts = evaluate(_record_ledger(), as_of=dt.date(2025, 3, 1))
    text = expect(verdicts, actor="A", kind="duration", promised_days=14).text()
    assert text.startswith("Of A's 6 'two weeks' deadlines on record, 2 were met on time; on that record a new one")
    assert "about a 46% chance (interval 22–71%)" in text
    assert "leans 41% on A's own record" in text and "ledger-wide rate of 55% (11 of 20)" in text
    assert "median of 10 days" in text


def test_an_actor_without_a_record_gets_the_ledger_rate():
    """No record of one's own: the chance is the prior's mean, and the sentence says there is no record."""
    verdicts = evaluate(_record_ledger(), as_of=dt.date(2025, 3, 1))
    found = expect(verdicts, actor="Nobody", promised_days=14)
    assert (found.n, found.own_weight) == (0, 0.0)
    assert found.chance == pytest.approx(found.prior.mean)
    assert found.text().startswith("Nobody has no 'two weeks' deadlines on record that have come due")


def test_similar_means_same_kind_and_length_within_the_band():
    """kind filters the window kind; promised_days keeps lengths within a factor of band either way."""
    verdicts = evaluate(load(RUSSIA).ledger, as_of=AS_OF)
    similar = similar_commitments(verdicts, kind="duration", promised_days=14)
    assert set(similar["kind"].astype(str)) == {"duration"}
    assert similar["promised_days"].between(14 / 1.5, 21).all()
    with pytest.raises(TypeError, match="promised_days"):
        similar_commitments(verdicts, promised_days=1.5)


@pytest.mark.parametrize(
    ("kind", "days", "words"),
    [("duration", 14, "'two weeks' "), (None, 7, "'one week' "), ("date", 30, "'30 days' "), (None, None, "")],
)
def test_deadline_words(kind, days, words):
    """The sentence names a length in weeks where it is whole weeks, else in days."""
    assert deadline_words(kind, days) == words


def test_brier_score_by_hand():
    """Chances 0.9, 0.2, 0.5 for outcomes 1, 1, 0: (0.01 + 0.64 + 0.25) / 3 = 0.3."""
    assert brier_score([0.9, 0.2, 0.5], [1, 1, 0]) == pytest.approx(0.3)
    with pytest.raises(ValueError):
        brier_score([0.5], [2])


def test_backtest_on_a_tiny_ledger_by_hand():
    """Three deadlines, stated on three days: the second and third are predicted from what came due before.

    a (kept, due 20 Jan) is stated first: nothing had come due, so it is not predicted.
    b is stated 1 March (a has come due: kept), and lapses; c is stated 1 May (a kept, b lapsed), kept.
    Naive: 1/1 for b, 1/2 for c. Brier naive = ((1 - 0)^2 + (0.5 - 1)^2) / 2 = 0.625.
    """

    def c(cid, on):
        return Commitment(id=cid, actor="A", stated_on=on, text="t", deadline="in two weeks", sources=SRC)

    led = Ledger(
        [c("a", dt.date(2025, 1, 6)), c("b", dt.date(2025, 3, 1)), c("c", dt.date(2025, 5, 1))],
        [
            Event(commitment_id="a", type="fulfilled", on=dt.date(2025, 1, 10)),
            Event(commitment_id="c", type="fulfilled", on=dt.date(2025, 5, 5)),
        ],
    )
    scored = backtest(led, as_of=dt.date(2025, 6, 1))
    assert scored["id"].tolist() == ["b", "c"] and scored.attrs["not_predicted"] == 1
    assert scored["kept"].tolist() == [0, 1]
    assert scored["naive"].tolist() == [1.0, 0.5]
    assert scored.attrs["naive_brier"] == pytest.approx(0.625)
    # One actor: prior worth 2 around the (smoothed) pooled rate; b: 1 of 1 kept -> mean (2*0.75 + 1) / 3
    assert scored["expected"].iloc[0] == pytest.approx((2 * 0.75 + 1) / 3)
    expected = scored["expected"].to_numpy()
    assert scored.attrs["brier"] == pytest.approx(((expected - [0, 1]) ** 2).mean())


def test_backtest_runs_on_the_fixture():
    """On the Russia-Ukraine fixture the backtest predicts every due commitment stated after the first came due."""
    scored = backtest(load(RUSSIA).ledger, as_of=AS_OF)
    assert len(scored) + scored.attrs["not_predicted"] == 24
    assert 0 <= scored.attrs["brier"] <= 1 and 0 <= scored.attrs["naive_brier"] <= 1


def test_cli_expect_prints_the_sentence(capsys):
    """`ledger expect` prints the plain sentence and the prior it used."""
    code = main(
        ["expect", RUSSIA, "--actor", "Donald Trump", "--kind", "duration", "--days", "14", "--as-of", "2025-12-01"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Of Donald Trump's 4 'two weeks' deadlines on record, 0 were met on time")
    assert "method of moments" in out


def test_cli_expect_json(capsys):
    """--json gives the numbers and the text."""
    code = main(["expect", RUSSIA, "--actor", "Vladimir Putin", "--as-of", "2025-12-01", "--json"])
    found = json.loads(capsys.readouterr().out)
    assert code == 0
    assert found["n"] == 4 and 0 <= found["low"] <= found["chance"] <= found["high"] <= 1
    assert found["text"].startswith("Of Vladimir Putin's 4 deadlines on record")


def test_cli_expect_refuses_an_unknown_actor(capsys):
    """A misspelt actor is a usage error listing the actors, not the ledger-wide rate in the actor's name."""
    code = main(["expect", RUSSIA, "--actor", "Donald Trum", "--as-of", "2025-12-01"])
    assert code == 2
    assert "Donald Trump" in capsys.readouterr().err


def test_cli_expect_help_has_an_example(capsys):
    """`ledger expect --help` shows an example."""
    with pytest.raises(SystemExit):
        main(["expect", "--help"])
    assert "Example: ledger expect" in capsys.readouterr().out


def test_python_dash_m_ledger_expect_runs_as_a_subprocess():
    """`python -m ledger expect` runs in a real process and prints the sentence."""
    done = subprocess.run(
        [sys.executable, "-m", "ledger", "expect", RUSSIA, "--actor", "Vladimir Putin", "--as-of", "2025-12-01"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Of Vladimir Putin's 4 deadlines on record")
