"""Inter-coder agreement, checked against hand-worked numbers and independent implementations.

References, used only here: NLTK's ``AnnotationTask`` for Krippendorff's
alpha (nominal and interval) and statsmodels' ``cohens_kappa``; the
hand-worked example is docs/agreement.md's, step by step.
"""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import attrs
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# Neither ships type information; they are the independent references here.
from nltk.metrics.agreement import AnnotationTask  # type: ignore[import-untyped]
from nltk.metrics.distance import binary_distance, interval_distance  # type: ignore[import-untyped]
from statsmodels.stats.inter_rater import cohens_kappa as statsmodels_kappa  # type: ignore[import-untyped]

from ledger import Ledger, evaluate, load
from ledger.cli import main
from ledger.core.vocabulary import STATUSES
from ledger.verdicts.agreement import AGREEMENT_SCHEMAS, DISAGREEMENT_KINDS, agreement, agreement_of_verdicts
from ledger.verdicts.matching import MATCHED_BY, match_commitments
from ledger.verdicts.reliability import cohens_kappa, krippendorff_alpha
from ledger.verdicts.stats import follow_through
from tests import strategies

ROOT = Path(__file__).resolve().parents[2]
PAIR = ROOT / "fixtures" / "agreement"
AS_OF = dt.date(2025, 12, 19)
COEFFICIENTS = ("window_alpha", "status_alpha", "status_kappa")


@pytest.fixture(scope="module")
def coders():
    return load(PAIR / "coder-a.yaml").ledger, load(PAIR / "coder-b.yaml").ledger


@pytest.fixture(scope="module")
def fixture_result(coders):
    return agreement(*coders, as_of=AS_OF)


# -- the hand-worked example of docs/agreement.md ------------------------------------------------

HAND_A = ["kept", "kept", "lapsed", "late", "broken"]
HAND_B = ["kept", "lapsed", "lapsed", "late", "broken"]
HAND_DAYS_A, HAND_DAYS_B = [14, 14, 30, 7, 10], [14, 15, 30, 12, 14]


def test_hand_worked_kappa():
    """Cohen's kappa is docs/agreement.md's (0.8 - 0.24) / (1 - 0.24)."""
    assert cohens_kappa(HAND_A, HAND_B) == pytest.approx(0.56 / 0.76, abs=1e-12)


def test_hand_worked_nominal_alpha():
    """Nominal alpha is docs/agreement.md's 1 - 9 * 2 / 74."""
    assert krippendorff_alpha(HAND_A, HAND_B, "nominal") == pytest.approx(56 / 74, abs=1e-12)


def test_hand_worked_interval_alpha():
    """Interval alpha on days promised is docs/agreement.md's 1 - 9 * 42 / (10 * 542)."""
    assert krippendorff_alpha(HAND_DAYS_A, HAND_DAYS_B, "interval") == pytest.approx(1 - 378 / 5420, abs=1e-12)


# -- against independent implementations ---------------------------------------------------------


def _nltk_alpha(a, b, distance):
    data = [(coder, str(unit), value) for coder, values in (("a", a), ("b", b)) for unit, value in enumerate(values)]
    data = [row for row in data if row[2] is not None]
    return AnnotationTask(data=data, distance=distance).alpha()


label_pairs = st.integers(2, 25).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from(STATUSES[:4]), min_size=n, max_size=n),
        st.lists(st.sampled_from(STATUSES[:4]), min_size=n, max_size=n),
    )
)


@given(label_pairs)
def test_nominal_alpha_matches_nltk(pair):
    """Nominal alpha equals NLTK's AnnotationTask with binary distance wherever it is defined."""
    a, b = pair
    ours = krippendorff_alpha(a, b, "nominal")
    if len(set(a) | set(b)) < 2:
        assert np.isnan(ours)
    else:
        assert ours == pytest.approx(_nltk_alpha(a, b, binary_distance), abs=1e-9)


day_pairs = st.integers(2, 20).flatmap(
    lambda n: st.tuples(
        st.lists(st.none() | st.integers(0, 120), min_size=n, max_size=n),
        st.lists(st.integers(0, 120), min_size=n, max_size=n),
    )
)


@given(day_pairs)
def test_interval_alpha_matches_nltk(pair):
    """Interval alpha equals NLTK's with squared differences; a unit one coder left empty counts for nothing."""
    a, b = pair
    ours = krippendorff_alpha(a, b, "interval")
    paired = {v for x, y in zip(a, b) if x is not None for v in (x, y)}
    if len(paired) < 2:
        assert np.isnan(ours)
    else:
        # NLTK needs each item coded at least once; a lone value changes nothing, as in ours.
        kept = [(x, y) for x, y in zip(a, b) if x is not None]
        reference = _nltk_alpha([x for x, _ in kept], [y for _, y in kept], interval_distance)
        assert ours == pytest.approx(reference, abs=1e-9)


# statsmodels' standard error divides by zero on tiny tables; only its kappa is read here.
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@given(label_pairs)
def test_kappa_matches_statsmodels(pair):
    """Cohen's kappa equals statsmodels' from the same confusion table wherever it is defined."""
    a, b = pair
    labels = sorted(set(a) | set(b))
    table = np.zeros((len(labels), len(labels)))
    for x, y in zip(a, b):
        table[labels.index(x), labels.index(y)] += 1
    ours = cohens_kappa(a, b)
    if len(labels) < 2:
        assert np.isnan(ours)
    else:
        assert ours == pytest.approx(statsmodels_kappa(table).kappa, abs=1e-9)


# -- properties on whole ledgers -----------------------------------------------------------------

_plain_ledgers = strategies.ledgers(
    actors=st.sampled_from(("Ann", "Bo")),
    free_text=strategies.words,
    source_urls=strategies.numbered_urls,
    max_commitments=8,
    max_events=10,
    max_event_delay=120,
    stated_dates=strategies.close_dates,
    chains=False,
)


@st.composite
def coder_pairs(draw):
    """Coder A's ledger and coder B's reading of it: some entries left out, some under other ids,
    some events read as another type, and one entry of B's own."""
    a = draw(_plain_ledgers)
    kept, renamed = [], {}
    for c in a.commitments:
        if draw(st.integers(0, 5)) == 0:
            continue  # B did not take it to be a commitment
        if draw(st.booleans()):
            renamed[c.id] = f"{c.id}-b"
        kept.append(attrs.evolve(c, id=renamed.get(c.id, c.id)))
    kept_ids = {c.id for c in a.commitments if renamed.get(c.id, c.id) in {k.id for k in kept}}
    events = []
    for e in a.events:
        if e.commitment_id in kept_ids:
            new_type = draw(st.sampled_from([e.type, e.type, "fulfilled", "broken", "note"]))
            events.append(attrs.evolve(e, commitment_id=renamed.get(e.commitment_id, e.commitment_id), type=new_type))
    extra = draw(_plain_ledgers)
    extra_commitments = [attrs.evolve(c, id=f"own-{c.id}") for c in extra.commitments[:1]]
    return a, Ledger(kept + extra_commitments, events)


#: Each comparison judges two ledgers and bootstraps (about 45 ms of CPU): fewer examples than
#: the suite's profile keeps each property to a few seconds.
_FEWER = settings(max_examples=25)


def _statistics(result):
    return [getattr(result, name) for name in ("f1", "matched", *COEFFICIENTS)]


@_FEWER
@given(strategies.evaluable_ledgers)
def test_a_ledger_agrees_with_itself(ledger):
    """A ledger against itself: F1 1, alpha and kappa 1 where defined, every share 1, no disagreement."""
    result = agreement(ledger, ledger, as_of=AS_OF, resamples=5)
    assert result.matched == result.count_a == result.count_b
    assert len(result.disagreements) == 0
    if result.count_a:
        assert result.f1 == 1
        shares = result.measures[result.measures["interval"].str.startswith("Wilson")]
        assert (shares[shares["measure"] != "on-time rate"]["value"] == 1).all()
    for name in COEFFICIENTS:
        value = getattr(result, name)
        assert np.isnan(value) or value == pytest.approx(1)


@_FEWER
@given(coder_pairs())
def test_swapping_the_coders_gives_the_same_statistics(pair):
    """A against B and B against A: the same F1, matches, coefficients and intervals; rates trade places."""
    a, b = pair
    ab, ba = agreement(a, b, as_of=AS_OF, resamples=20), agreement(b, a, as_of=AS_OF, resamples=20)
    assert _statistics(ab) == pytest.approx(_statistics(ba), nan_ok=True)
    assert (ab.on_time_rate_a, ab.on_time_rate_b) == pytest.approx((ba.on_time_rate_b, ba.on_time_rate_a), nan_ok=True)
    coefficient = ab.measures["interval"].str.startswith("bootstrap").to_numpy()
    for column in ("ci_low", "ci_high"):
        assert ab.measures[column][coefficient].tolist() == pytest.approx(
            ba.measures[column][coefficient].tolist(), nan_ok=True
        )
    assert sorted(ab.disagreements["moves"].round(12)) == sorted(ba.disagreements["moves"].round(12))


@_FEWER
@given(coder_pairs())
def test_the_match_is_one_to_one_and_loses_nothing(pair):
    """Every entry of each coder is in exactly one unit, matched at most once."""
    a, b = pair
    units = match_commitments(evaluate(a, as_of=AS_OF), evaluate(b, as_of=AS_OF))
    for side, ledger in (("id_a", a), ("id_b", b)):
        ids = units[side].dropna()
        assert ids.is_unique
        assert set(ids) == {c.id for c in ledger.commitments if c.stated_on <= AS_OF}
    assert set(units["matched_by"].dropna()) <= set(MATCHED_BY)
    assert units["matched_by"].notna().sum() == (units["id_a"].notna() & units["id_b"].notna()).sum()


@_FEWER
@given(coder_pairs())
def test_disagreements_come_largest_move_first(pair):
    """The list is ordered by how much each disagreement moves an on-time rate, and counts every one."""
    a, b = pair
    result = agreement(a, b, as_of=AS_OF, resamples=5)
    moves = result.disagreements["moves"].to_numpy()
    assert (np.diff(moves) <= 1e-12).all()
    assert set(result.disagreements["kind"]) <= set(DISAGREEMENT_KINDS)
    only_one = (result.units["matched_by"].isna()).sum()
    assert (result.disagreements["kind"] == "commitment").sum() == only_one


# -- the fixture pair ----------------------------------------------------------------------------


def test_fixture_pair_numbers(fixture_result):
    """The numbers docs/agreement.md gives for fixtures/agreement."""
    r = fixture_result
    assert (r.count_a, r.count_b, r.matched) == (13, 13, 12)
    assert r.f1 == pytest.approx(24 / 26)
    assert r.measure("window", "share of latest due dates equal")["count"] == 10
    assert r.measure("window", "share within a day")["count"] == 11
    assert r.measure("status", "share agreeing")["count"] == 9
    assert (round(r.status_alpha, 3), round(r.status_kappa, 3), round(r.window_alpha, 3)) == (0.673, 0.664, 0.421)
    assert (r.on_time_rate_a, r.on_time_rate_b) == (5 / 12, 6 / 12)
    assert r.disagreements["id_a"].iloc[0] == "a-medinsky-6000-bodies"
    assert r.disagreements["moves"].iloc[0] == pytest.approx(1 / 12)
    assert (r.units["matched_by"] == MATCHED_BY[1]).sum() == 12  # each coder used its own ids


def test_fixture_pair_kappa_and_alpha_match_the_references(fixture_result):
    """On the fixture pair too, kappa is statsmodels' and alpha NLTK's."""
    matched = fixture_result.units.dropna(subset=["matched_by"])
    a, b = matched["status_a"].tolist(), matched["status_b"].tolist()
    assert fixture_result.status_alpha == pytest.approx(_nltk_alpha(a, b, binary_distance), abs=1e-9)
    labels = sorted(set(a) | set(b))
    table = np.zeros((len(labels), len(labels)))
    for x, y in zip(a, b):
        table[labels.index(x), labels.index(y)] += 1
    assert fixture_result.status_kappa == pytest.approx(statsmodels_kappa(table).kappa, abs=1e-9)


def test_on_time_rates_are_follow_through_s(coders, fixture_result):
    """Each coder's on-time rate is follow_through's kept rate of that coder's verdicts."""
    for ledger, rate in zip(coders, (fixture_result.on_time_rate_a, fixture_result.on_time_rate_b)):
        table = follow_through(evaluate(ledger, as_of=AS_OF), by=())
        assert rate == pytest.approx(float(table["kept_rate"].iloc[0]))


def test_bootstrap_is_reproducible_and_seeded(coders, fixture_result):
    """The same seed gives the same intervals; another seed other ones; the resamples are counted."""
    again = agreement(*coders, as_of=AS_OF)
    pd.testing.assert_frame_equal(again.measures, fixture_result.measures)
    other = agreement(*coders, as_of=AS_OF, seed=7)
    assert (
        other.measure("status", "Cohen's kappa")["ci_low"]
        != fixture_result.measure("status", "Cohen's kappa")["ci_low"]
    )
    row = fixture_result.measure("status", "Cohen's kappa")
    assert "1,000 resamples, seed 18" in row["interval"] and 0 < row["resamples_defined"] <= 1000


def test_words_differing_in_case_and_punctuation_match():
    """Entries under other ids match on actor, day and deadline words, case and punctuation folded."""
    day = pd.Timestamp("2025-10-16")
    frame = lambda ids, words, actor: pd.DataFrame(
        {"id": ids, "actor": actor, "stated_on": day, "deadline": words, "latest": day, "status": "pending"}
    )
    a = frame(["x", "y", "z"], ["two weeks", "two weeks", "soon"], "Donald Trump")
    b = frame(["p", "q", "r"], ["Two-weeks", "two  weeks", "very soon"], "donald trump")
    units = match_commitments(a, b)
    pairs = units.dropna(subset=["matched_by"])
    assert sorted(zip(pairs["id_a"], pairs["id_b"])) == [("x", "p"), ("y", "q")]
    assert set(pairs["matched_by"]) == {MATCHED_BY[2]}  # two on each side: marked ambiguous
    assert units["matched_by"].isna().sum() == 2  # "soon" and "very soon" are not the same words


def test_verdicts_as_of_different_days_are_refused(coders):
    """Two coders' verdicts judged on different days cannot be compared."""
    a = evaluate(coders[0], as_of=AS_OF)
    b = evaluate(coders[1], as_of=AS_OF - dt.timedelta(days=1))
    with pytest.raises(ValueError, match="same day"):
        agreement_of_verdicts(a, b)


@pytest.mark.parametrize("bad", [{"resamples": 0}, {"confidence": 1.0}, {"seed": 1.5}])
def test_bad_bootstrap_settings_are_refused(coders, bad):
    """Zero resamples, a confidence of 1 and a fractional seed are errors that name the argument."""
    with pytest.raises((ValueError, TypeError), match=next(iter(bad))):
        agreement(*coders, as_of=AS_OF, **bad)


def test_text_says_it_in_words(fixture_result):
    """The plain-words summary names the counts, the coefficients and the first disagreement."""
    text = fixture_result.text()
    assert "coder A recorded 13 commitments and coder B 13; 12 were recorded by both" in text
    assert "Cohen's kappa 0.66" in text and "1,000 bootstrap resamples" in text
    assert "a-medinsky-6000-bodies" in text.split("\n\n")[3]


# -- the command ---------------------------------------------------------------------------------

FILES = [str(PAIR / "coder-a.yaml"), str(PAIR / "coder-b.yaml")]


def test_cli_agree_prints_text_and_every_disagreement(capsys):
    """`ledger agree A B` prints the findings and one numbered line per disagreement."""
    assert main(["agree", *FILES, "--as-of", "2025-12-19", "--resamples", "50"]) == 0
    out = capsys.readouterr().out
    assert "F1 0.92" in out
    assert out.rstrip().splitlines()[-1].startswith("7. window of a-trump-10-12-days / b-trump-10-12-days")


def test_cli_agree_json_and_parquet(tmp_path, capsys):
    """--json prints plain values; --out writes the three tables with their declared schemas."""
    out_dir = tmp_path / "agree"
    assert main(["agree", *FILES, "--as-of", "2025-12-19", "--json", "--out", str(out_dir), "--resamples", "50"]) == 0
    captured = capsys.readouterr()
    found = json.loads(captured.out)
    assert (found["count_a"], found["matched"], found["resamples"]) == (13, 12, 50)
    assert found["disagreements"][0]["id_a"] == "a-medinsky-6000-bodies"
    for name, schema in AGREEMENT_SCHEMAS.items():
        table = pq.read_table(out_dir / f"{name}.parquet")
        assert table.schema.remove_metadata().equals(schema)
        assert table.schema.metadata[b"ledger.as_of"] == b"2025-12-19"
    assert "wrote" in captured.err


def test_cli_agree_help_has_an_example(capsys):
    """`ledger agree --help` shows a command to copy."""
    with pytest.raises(SystemExit):
        main(["agree", "--help"])
    assert "Example: ledger agree fixtures/agreement/coder-a.yaml" in capsys.readouterr().out


def test_cli_agree_refuses_zero_resamples(capsys):
    """--resamples 0 is a usage error, said in a sentence."""
    assert main(["agree", *FILES, "--as-of", "2025-12-19", "--resamples", "0"]) == 2
    assert "--resamples must be at least 1" in capsys.readouterr().err


def test_python_m_ledger_agree_runs_as_a_process():
    """`python -m ledger agree A B --json` in a real process: exit 0 and JSON on stdout."""
    run = subprocess.run(
        [sys.executable, "-m", "ledger", "agree", *FILES, "--as-of", "2025-12-19", "--resamples", "50", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["matched"] == 12


def test_an_id_match_with_another_day_said_is_a_record_disagreement():
    """Same id, but B wrote another day said and other deadline words: listed as a record
    disagreement that moves no rate; case and punctuation alone are not a difference."""
    day = pd.Timestamp("2025-10-16")
    a = pd.DataFrame(
        {"id": ["x", "y"], "actor": ["Ann", "Bo"], "stated_on": [day, day], "deadline": ["soon", "next week"],
         "latest": [day, day], "status": ["pending", "pending"]}
    )  # fmt: skip
    b = a.assign(stated_on=[day, day + pd.Timedelta(days=1)], deadline=["Soon!", "in a week"])
    a.attrs["as_of"] = b.attrs["as_of"] = dt.date(2025, 10, 20)
    found = agreement_of_verdicts(a, b, resamples=5).disagreements
    assert found["kind"].tolist() == ["record"]
    assert found["reading_b"].iloc[0] == 'Bo, said 2025-10-17: "in a week"'
    assert found["moves"].iloc[0] == 0
