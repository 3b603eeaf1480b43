"""Issue 15: `ledger convert IN OUT`, YAML <-> CSV pair, lossless or refused with the entry named."""

import os
import shutil
import string
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import dump_csv, dump_yaml, load
from ledger.cli import main
from ledger.io.convert import convert
from tests import strategies

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "fixtures" / "examples" / "example.yaml"

# What a CSV cell holds as written: no ' | ' (it separates values) and no spaces around a value.
csv_text = st.text(string.ascii_letters + string.digits + " ,\"'\n-=+@.é", min_size=1, max_size=20).filter(
    lambda s: s == s.strip() and s.strip()
)
csv_ledgers = strategies.ledgers(free_text=csv_text, actors=csv_text, max_commitments=5, max_events=6)


# Each example writes and reads three files: fewer examples than the suite's default keep it to seconds.
@settings(max_examples=25)
@given(csv_ledgers)
def test_yaml_to_csv_to_yaml_loads_equal(tmp_path_factory, ledger):
    """A YAML ledger converted to a CSV pair and back loads into an equal ledger."""
    folder = tmp_path_factory.mktemp("c")
    (folder / "in.yaml").write_text(dump_yaml(ledger), encoding="utf-8")
    there = convert(folder / "in.yaml", folder / "pair")
    assert there.ok, there.refusal
    back = convert(folder / "pair", folder / "out.yaml")
    assert back.ok, back.refusal
    result = load(folder / "out.yaml")
    assert result.ok and result.ledger == ledger


# Each example writes and reads three files: fewer examples than the suite's default keep it to seconds.
@settings(max_examples=25)
@given(csv_ledgers)
def test_csv_to_yaml_to_csv_gives_the_same_files(tmp_path_factory, ledger):
    """A CSV pair converted to YAML and back gives byte for byte the files dump_csv wrote."""
    folder = tmp_path_factory.mktemp("c")
    (folder / "pair").mkdir()
    commitments, events = dump_csv(ledger)
    (folder / "pair/commitments.csv").write_text(commitments, encoding="utf-8", newline="")
    (folder / "pair/events.csv").write_text(events, encoding="utf-8", newline="")
    assert convert(folder / "pair", folder / "mid.yaml").ok
    assert convert(folder / "mid.yaml", folder / "again").ok
    for name in ("commitments.csv", "events.csv"):
        assert (folder / "again" / name).read_bytes() == (folder / "pair" / name).read_bytes()


@settings(max_examples=25)
@given(strategies.ledgers(max_commitments=4, max_events=4))
def test_what_a_csv_cell_cannot_hold_is_refused_never_changed(tmp_path_factory, ledger):
    """Any text at all: converted to CSV it comes back equal, or nothing is written and the entry is named."""
    folder = tmp_path_factory.mktemp("c")
    (folder / "in.yaml").write_text(dump_yaml(ledger), encoding="utf-8")
    done = convert(folder / "in.yaml", folder / "pair")
    if done.ok:
        assert load(folder / "pair").ledger == ledger
    else:
        assert "nothing written" in done.refusal and ("commitment" in done.refusal or "event" in done.refusal)
        assert not (folder / "pair").exists() or not any((folder / "pair").glob("*.csv"))


def test_the_example_keeps_its_actors_and_names_what_a_pair_cannot_hold(tmp_path):
    """The example's actors go to actors.csv; its title and description are named as left out."""
    done = convert(EXAMPLE, tmp_path / "pair")
    assert done.ok and done.left_out == ("title", "description")
    assert (tmp_path / "pair/actors.csv").exists()
    back = convert(tmp_path / "pair", tmp_path / "back.yaml")
    assert back.ok
    original, result = load(EXAMPLE), load(tmp_path / "back.yaml")
    assert result.ledger == original.ledger and result.actors == original.actors


def test_yaml_to_yaml_keeps_the_title_and_description(tmp_path):
    """A YAML ledger converted to YAML keeps its title and description (only comments go)."""
    assert convert(EXAMPLE, tmp_path / "copy.yaml").ok
    text = (tmp_path / "copy.yaml").read_text()
    assert text.startswith("title: Example ledger (fictional)\ndescription:")
    assert load(tmp_path / "copy.yaml").ledger == load(EXAMPLE).ledger


def test_convert_refuses_to_overwrite_without_force(tmp_path, capsys):
    """An existing OUT is replaced only with --force; without it, exit 1 and the file as it was."""
    out = tmp_path / "out.yaml"
    out.write_text("keep me")
    assert main(["convert", str(EXAMPLE), str(out)]) == 1
    assert "already exists; pass --force" in capsys.readouterr().err and out.read_text() == "keep me"
    assert main(["convert", str(EXAMPLE), str(out), "--force"]) == 0
    assert load(out).ledger == load(EXAMPLE).ledger
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_convert_refuses_a_ledger_with_errors(tmp_path, capsys):
    """An input with errors is not converted: its errors are printed as `ledger check` prints them."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "commitments:\n  - id: a\n    actor: X\n    stated_on: 2025-02-30\n    text: t\n    deadline: soon\n"
        "    sources: [{url: https://example.org}]\n"
    )
    assert main(["convert", str(bad), str(tmp_path / "pair")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:4:" in err and "has 1 error" in err
    assert not (tmp_path / "pair" / "commitments.csv").exists()


def test_a_tag_holding_the_separator_is_refused_by_the_loader(tmp_path, capsys):
    """A tag holding ' | ' is refused when the input loads: file, line, field and value named, nothing written."""
    path = tmp_path / "l.yaml"
    shutil.copy(EXAMPLE, path)
    path.write_text(path.read_text().replace('tags: [finance, "2025"]', 'tags: ["a | b"]'))
    assert main(["convert", str(path), str(tmp_path / "pair")]) == 1
    err = capsys.readouterr().err
    assert f"{path}:34: 'tags' of commitment 'budget-plan' holds 'a | b'" in err
    assert f"ledger convert: {path} has 3 errors; nothing written" in err
    assert not (tmp_path / "pair").exists()


def test_a_source_title_holding_the_separator_is_refused_by_convert(tmp_path, capsys):
    """A source title may hold '|' in YAML, but not in a CSV cell: convert refuses, names the value, writes nothing."""
    path = tmp_path / "l.yaml"
    path.write_text(EXAMPLE.read_text().replace("title: Transit agency press release", "title: Transit | agency"))
    assert main(["convert", str(path), str(tmp_path / "pair")]) == 1
    err = capsys.readouterr().err
    # The entry holding it (not the first commitment with a chain), the field and the value.
    assert "commitment 'tram-timetable', source 1's title: 'Transit | agency' holds '|'" in err
    assert "which separates values in a CSV cell" in err
    assert err.rstrip().endswith("nothing written")
    assert not any((tmp_path / "pair").glob("*.csv"))


def test_convert_as_a_real_subprocess(tmp_path):
    """`python -m ledger convert` both ways, then `ledger check` on each output."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "ledger", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)  # fmt: skip

    there = run("convert", str(EXAMPLE), str(tmp_path / "pair"))
    assert there.returncode == 0, there.stderr
    assert "wrote" in there.stdout and "no place for the title and description" in there.stderr
    back = run("convert", str(tmp_path / "pair" / "events.csv"), str(tmp_path / "back.yaml"))
    assert back.returncode == 0, back.stderr
    checked = run("check", str(tmp_path / "back.yaml"))
    assert checked.returncode == 0 and checked.stdout.startswith("4 commitments, 4 events, no problems")


def test_convert_force_keeps_modes_and_refuses_a_read_only_output(tmp_path, capsys):
    """--force replaces a pair in place with each file's mode kept; a read-only file in it stops the whole set."""
    import stat

    pair = tmp_path / "pair"
    assert convert(EXAMPLE, pair).ok
    (pair / "events.csv").chmod(0o640)
    assert convert(EXAMPLE, pair, force=True).ok
    assert stat.S_IMODE((pair / "events.csv").stat().st_mode) == 0o640
    (pair / "commitments.csv").chmod(0o444)
    before = (pair / "commitments.csv").read_bytes()
    assert main(["convert", str(EXAMPLE), str(pair), "--force"]) == 1
    assert f"{pair / 'commitments.csv'} is read-only (no write permission); nothing written" in capsys.readouterr().err
    assert (pair / "commitments.csv").read_bytes() == before


def test_an_event_s_source_title_holding_the_separator_names_the_event(tmp_path):
    path = tmp_path / "l.yaml"
    path.write_text(EXAMPLE.read_text().replace("title: Budget summary released", "title: Budget | summary"))
    done = convert(path, tmp_path / "pair")
    assert not done.ok and not (tmp_path / "pair").exists()
    assert done.refusal.startswith("event 1 of commitment 'budget-plan', source 1's title: 'Budget | summary' holds")


def test_text_starting_with_an_apostrophe_and_a_formula_start_survives_the_csv_pair(tmp_path):
    """dump_csv protects "'=x" with one more apostrophe; the loader takes exactly one off."""
    path = tmp_path / "l.yaml"
    path.write_text(EXAMPLE.read_text().replace("text: Publish the draft city budget", "text: \"'=SUM(A1)' typed\""))
    assert load(path).ledger.commitment("budget-plan").text == "'=SUM(A1)' typed"
    assert convert(path, tmp_path / "pair").ok
    assert load(tmp_path / "pair").ledger.commitment("budget-plan").text == "'=SUM(A1)' typed"
