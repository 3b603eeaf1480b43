"""`ledger add` and the file it is given: symlinks, permissions, missing and empty files, folder ledgers."""

import os
import shutil
import stat
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


def test_add_keeps_the_file_s_permissions(tmp_path):
    """A ledger shared with a group (0640) is still 0640 after an add: the replacement takes the old mode."""
    path = tmp_path / "desk.yaml"
    shutil.copy(EXAMPLE, path)
    path.chmod(0o640)
    assert main(["add", "commitment", str(path), *NIGHT_TRAMS]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_add_to_a_read_only_file_is_refused_with_a_sentence(tmp_path, capsys):
    """A file without write permission for its owner is not replaced, even by root."""
    path = tmp_path / "desk.yaml"
    shutil.copy(EXAMPLE, path)
    before = path.read_bytes()
    path.chmod(0o444)
    assert main(["add", "commitment", str(path), *NIGHT_TRAMS]) == 1
    assert f"ledger add: {path} is read-only (no write permission); nothing was added" in capsys.readouterr().err
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_pair_row_keeps_events_csv_s_permissions(tmp_path):
    pair = tmp_path / "pair"
    shutil.copytree(PAIR, pair)
    (pair / "events.csv").chmod(0o604)
    commitment_id = load(pair).ledger.commitments[0].id
    args = ["add", "event", str(pair), commitment_id, "--type", "note", "--on", "2025-06-01"]
    assert main([*args, "--url", "https://example.org/n"]) == 0
    assert stat.S_IMODE((pair / "events.csv").stat().st_mode) == 0o604


def test_every_atomic_replacement_keeps_the_old_mode_and_refuses_a_read_only_file(tmp_path, capsys):
    """report -o, tables and --out replace files with the same helper: mode kept, read-only left alone."""
    from ledger.io.atomic import write_text_atomic

    shared = tmp_path / "shared.html"
    shared.write_text("old")
    shared.chmod(0o664)
    write_text_atomic("new", shared)
    assert shared.read_text() == "new" and stat.S_IMODE(shared.stat().st_mode) == 0o664
    fresh = write_text_atomic("new", tmp_path / "fresh.html")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~_umask()
    locked = tmp_path / "report.html"
    locked.write_text("kept")
    locked.chmod(0o444)
    assert main(["report", str(EXAMPLE), "-o", str(locked), "--as-of", "2025-06-01"]) == 1
    assert f"{locked}: the file is read-only" in capsys.readouterr().err
    assert locked.read_text() == "kept"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _desk(tmp_path: Path) -> Path:
    """A ledger folder of two files: the example, and a second quarter holding one commitment."""
    desk = tmp_path / "desk"
    desk.mkdir()
    shutil.copy(EXAMPLE, desk / "q1.yaml")
    assert main(["add", "commitment", str(desk / "q2.yaml"), *NIGHT_TRAMS]) == 0
    assert load(desk).ok
    return desk


def test_with_ledger_an_id_used_in_a_sibling_file_is_refused(tmp_path, capsys):
    """Alone, q1.yaml would take a second 'night-trams' and break the folder; with --ledger it is refused."""
    desk = _desk(tmp_path)
    before = (desk / "q1.yaml").read_bytes()
    capsys.readouterr()
    assert main(["add", "commitment", str(desk / "q1.yaml"), *NIGHT_TRAMS, "--ledger", str(desk)]) == 1
    assert "night-trams" in capsys.readouterr().err
    assert (desk / "q1.yaml").read_bytes() == before and load(desk).ok


def test_with_ledger_an_event_finds_its_commitment_in_a_sibling_file(tmp_path, capsys):
    desk = _desk(tmp_path)
    event = ["night-trams", "--type", "fulfilled", "--on", "2025-06-20", "--url", "https://example.org/run"]
    assert main(["add", "event", str(desk / "q1.yaml"), *event]) == 1  # alone, q1.yaml has no 'night-trams'
    assert main(["add", "event", str(desk / "q1.yaml"), *event, "--ledger", str(desk)]) == 0
    assert "added fulfilled event of 'night-trams'" in capsys.readouterr().out
    result = load(desk)
    assert result.ok and [e.type for e in result.ledger.events_for("night-trams")] == ["fulfilled"]
    assert (desk / ".ledger.lock").exists()


def test_ledger_must_be_a_folder_holding_the_file(tmp_path, capsys):
    desk = _desk(tmp_path)
    other = tmp_path / "other.yaml"
    shutil.copy(EXAMPLE, other)
    assert main(["add", "commitment", str(other), *NIGHT_TRAMS, "--ledger", str(desk)]) == 1
    assert f"{other} is not inside the ledger folder {desk}; nothing was added" in capsys.readouterr().err
    assert main(["add", "commitment", str(other), *NIGHT_TRAMS, "--ledger", str(other)]) == 1
    assert f"{other}: not a folder" in capsys.readouterr().err


def test_an_event_for_a_missing_file_says_so_and_leaves_no_lock_file(tmp_path, capsys):
    missing = tmp_path / "nonexist.yaml"
    event = ["bridge", "--type", "note", "--on", "2025-02-01", "--url", "https://example.org/n"]
    assert main(["add", "event", str(missing), *event]) == 1
    assert f"ledger add: {missing} does not exist" in capsys.readouterr().err
    assert os.listdir(tmp_path) == []


def test_an_empty_or_comment_only_file_is_started_as_a_missing_one_is(tmp_path, capsys):
    """A file created empty, or holding only a comment, takes its first commitment; the comment is kept."""
    empty, commented = tmp_path / "empty.yaml", tmp_path / "commented.yaml"
    empty.write_text("")
    commented.write_text("# The city desk's ledger, started in May.\n")
    for path in (empty, commented):
        assert main(["add", "commitment", str(path), *NIGHT_TRAMS]) == 0
        assert [c.id for c in load(path).ledger.commitments] == ["night-trams"]
    kept = "# The city desk's ledger, started in May.\ncommitments:\n  - id: night-trams\n"
    assert commented.read_text().startswith(kept)


def test_an_empty_events_csv_in_a_pair_is_started_with_its_header(tmp_path):
    pair = tmp_path / "pair"
    shutil.copytree(PAIR, pair)
    (pair / "events.csv").write_text("")
    commitment_id = load(pair / "commitments.csv").ledger.commitments[0].id
    args = ["add", "event", str(pair), commitment_id, "--type", "note", "--on", "2025-06-01"]
    assert main([*args, "--url", "https://example.org/n"]) == 0
    assert (pair / "events.csv").read_text().startswith("commitment_id,")
    assert [e.type for e in load(pair).ledger.events] == ["note"]
