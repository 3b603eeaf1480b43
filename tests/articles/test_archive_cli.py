"""`ledger extract` over an archive: the thin layer over extract_archive, here or on Dask, and its usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from distributed import Client

from ledger.articles.archive import read_candidates
from ledger.cli import main
from tests.articles.test_archive import GOOD, _rows, write_jsonl

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "news.jsonl"
    write_jsonl(path, _rows())
    return path


def test_extract_over_an_archive_here_and_on_dask(tmp_path, archive, capsys):
    """`ledger extract ARCHIVE --out DIR` and the same with `--engine dask --scheduler` write equal candidates
    and print the same summary; nothing on stderr without a terminal or --progress."""
    assert main(["extract", str(archive), "--out", str(tmp_path / "here"), "--partition-size", "3"]) == 0
    here = capsys.readouterr()
    assert here.err == ""
    assert here.out.startswith(f"{len(_rows())} articles read, ")
    with Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as client:
        on_dask = ["--engine", "dask", "--scheduler", client.scheduler.address, "--partition-size", "3"]
        assert main(["extract", str(archive), "--out", str(tmp_path / "there"), *on_dask]) == 0
    assert capsys.readouterr().out.replace("/there/", "/here/") == here.out
    assert read_candidates(tmp_path / "here").equals(read_candidates(tmp_path / "there"))


def test_bad_rows_are_printed_and_the_status_is_1(tmp_path, capsys):
    """Each row that cannot be read is printed as 'path:line: field value: message'; the rest are written; exit 1."""
    path = tmp_path / "news.jsonl"
    write_jsonl(path, [GOOD, {**GOOD, "published_on": "2025-02-30", "id": "x"}])
    assert main(["extract", str(path), "--out", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert f"{path}:2: published_on '2025-02-30': not a real calendar date" in captured.err
    assert "1 row could not be read" in captured.out
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["articles"] == 1


def test_a_duplicate_id_is_counted_as_read_not_as_unread(tmp_path, capsys):
    """Both articles sharing an id are read and extracted: the summary's counts add up to the rows."""
    path = tmp_path / "news.jsonl"
    same = {**GOOD, "id": "same"}
    write_jsonl(path, [same, {**same, "url": "https://e.org/b"}, {**GOOD, "published_on": "2025-02-30", "id": "x"}])
    assert main(["extract", str(path), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("2 articles read, ")
    assert "1 row could not be read and 1 other problem (duplicate ids, failed extractions)" in out


@pytest.mark.parametrize(
    "extra, message",
    [
        ([], "give --out DIR"),
        (["--out", "OUT", "--on", "2025-01-01"], "--on is for article text files"),
        (["--out", "OUT", "--url", "https://e.org/a", "--json"], "--url, --json are for article text files"),
        (["--out", "OUT", "--scheduler", "tcp://x:8786"], "--scheduler needs --engine dask"),
    ],
)
def test_archive_usage_errors(tmp_path, archive, capsys, extra, message):
    """Arguments that do not go with an archive are a usage error (status 2) and nothing is written."""
    extra = [str(tmp_path / "out") if e == "OUT" else e for e in extra]
    assert main(["extract", str(archive), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_archive_options_with_a_text_file_are_a_usage_error(tmp_path, capsys):
    """--out, --engine dask and --partition-size with article text files are refused; the file is not read."""
    article = tmp_path / "story.txt"
    article.write_text("Ada Ruiz said she would quit by Friday.")
    assert main(["extract", str(article), "--out", str(tmp_path / "out"), "--engine", "dask"]) == 2
    assert "--out, --engine dask go with an archive" in capsys.readouterr().err


def test_an_output_folder_of_other_files_is_refused_with_status_1(tmp_path, capsys):
    """An output folder holding other files is refused with a sentence naming it."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    write_jsonl(tmp_path / "news.jsonl", [GOOD])
    assert main(["extract", str(tmp_path / "news.jsonl"), "--out", str(tmp_path / "out")]) == 1
    assert "keep.txt" in capsys.readouterr().err


def test_python_m_ledger_extract_over_a_folder_with_progress(tmp_path):
    """A real subprocess: a folder of text files, --progress draws the bar on stderr, candidates on disk."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "---\npublished_on: 2025-10-16\nurl: https://e.org/a\n---\nAda Ruiz said she would quit by Friday.\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "ledger", "extract", str(folder), "--out", str(tmp_path / "out"), "--progress"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "1/1 articles" in done.stderr
    assert read_candidates(tmp_path / "out")["phrase"].to_pylist() == ["by Friday"]


def test_item5_a_too_long_article_in_an_archive_is_counted_in_the_summary(tmp_path, capsys):
    """`ledger extract ARCHIVE` prints the refused article with its place and counts it; exit 1."""
    from ledger.articles.extract import MAX_ARTICLE_LENGTH

    path = tmp_path / "news.jsonl"
    write_jsonl(path, [GOOD, {**GOOD, "id": "record", "text": "x" * (MAX_ARTICLE_LENGTH + 5)}])
    assert main(["extract", str(path), "--out", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert f"{path}:2: article 'record' not extracted: the article has 10,000,005 characters" in captured.err
    assert captured.out.startswith("1 article read, ")
    assert "1 article refused as too long, listed above and in problems.jsonl" in captured.out


def test_item5_a_too_long_article_file_is_named_and_nothing_is_written(tmp_path, capsys):
    """`ledger extract FILE -o OUT` on a file over the cap names the file, its length and the cap; exit 1, no OUT."""
    from ledger.articles.extract import MAX_ARTICLE_LENGTH

    big = tmp_path / "record.txt"
    big.write_text("x" * (MAX_ARTICLE_LENGTH + 1), encoding="utf-8")
    assert main(["extract", str(big), "--on", "2025-01-01", "-o", str(tmp_path / "c.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"{big}: the article has 10,000,001 characters, more than the 10,000,000 that extract reads" in err
    assert err.rstrip().endswith("nothing written")
    assert not (tmp_path / "c.yaml").exists()
