"""`ledger add` and the file it is given: symlinks, permissions, missing and empty files, folder ledgers."""

import os
import shutil
from pathlib import Path

from ledger import load
from ledger.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "fixtures" / "examples" / "example.yaml"
PAIR = ROOT / "fixtures" / "examples" / "spreadsheet"

NIGHT_TRAMS = [
    "--id", "night-trams", "--actor", "CTA", "--said-on", "2025-05-01", "--deadline", "by the end of June",
    "--text", "Run night trams", "--url", "https://example.org/trams",
]  # fmt: skip


def test_add_through_a_symlink_writes_the_file_it_points_to_and_keeps_the_link(tmp_path, capsys):
    """The link stays a link, the file it points to gets the entry, and the lock is the real file's."""
    real = tmp_path / "real" / "desk.yaml"
    real.parent.mkdir()
    shutil.copy(EXAMPLE, real)
    link = tmp_path / "desk.yaml"
    link.symlink_to(real)
    assert main(["add", "commitment", str(link), *NIGHT_TRAMS]) == 0
    assert link.is_symlink() and link.resolve() == real
    assert "night-trams" in real.read_text()
    assert load(real).ledger.commitment("night-trams").text == "Run night trams"
    assert (real.parent / ".desk.yaml.lock").exists() and not (tmp_path / ".desk.yaml.lock").exists()
    assert "added 'night-trams'" in capsys.readouterr().out


def test_add_to_a_pair_whose_events_csv_is_a_symlink_writes_through_it(tmp_path):
    """A CSV pair with a file linked from elsewhere: the row goes into the linked-to file, the link is kept."""
    pair = tmp_path / "pair"
    shutil.copytree(PAIR, pair)
    elsewhere = tmp_path / "elsewhere.csv"
    shutil.move(pair / "events.csv", elsewhere)
    (pair / "events.csv").symlink_to(elsewhere)
    commitment_id = load(pair).ledger.commitments[0].id
    args = ["add", "event", str(pair), commitment_id, "--type", "note", "--on", "2025-06-01"]
    assert main([*args, "--url", "https://example.org/late"]) == 0
    assert (pair / "events.csv").is_symlink()
    assert "https://example.org/late" in elsewhere.read_text()
    assert [e.type for e in load(pair).ledger.events if e.sources[0].url.endswith("/late")] == ["note"]


def test_every_atomic_write_through_a_symlink_keeps_the_link(tmp_path):
    """report -o, tables and --out write with the same helper: it writes through a link too."""
    from ledger.io.atomic import write_text_atomic

    real = tmp_path / "report.html"
    real.write_text("old")
    link = tmp_path / "latest.html"
    link.symlink_to(real)
    write_text_atomic("new", link)
    assert link.is_symlink() and real.read_text() == "new"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
