"""Extraction over an archive: every input form, here or on Dask, gives the same candidates; bad rows are named."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.articles.archive import ARCHIVE_MANIFEST_FILE, CANDIDATE_SCHEMA, extract_archive, read_candidates
from ledger.articles.archive_input import article_id, plan_archive, read_piece
from ledger.articles.extract import extract
from ledger.io.loader import load

#: A small archive: commitments with attributions, a pronoun, a title, past dates and noise; two
#: articles have no candidate, one has no id (it gets one from its url).
ARTICLES = [
    (
        "bridge",
        "2025-10-16",
        "Mayor Ada Ruiz toured the site on Tuesday. She said the bridge would reopen within two weeks.",
    ),
    (
        "clinic",
        "2025-03-03",
        "Governor Tom Okafor said the clinic will open by Friday. The old clinic closed on May 3, 2019.",
    ),
    ("weather", "2025-07-01", "Temperatures reached 31 degrees on Saturday. The local team won 3-1 on Sunday evening."),
    (
        None,
        "2024-12-20",
        "According to Senator Maria Lindqvist, the report is set to be published by the end of the year.",
    ),
    (
        "audit",
        "2025-01-09",
        'Shares rose 2 percent. "We will finish the audit within 30 days," said Director Luis Ortega.',
    ),
    ("empty-of-promises", "2025-05-05", "The meeting lasted nearly four hours. A spokesperson declined to comment."),
    (
        "plant",
        "2025-06-10",
        "Minister Jonas Berg gave the water board a fortnight to repair the plant. Work began in May.",
    ),
    ("bus", "2025-02-14", "The new bus line will start running next week, Commissioner Priya Nair told reporters."),
]


def _rows() -> list[dict]:
    rows = []
    for n, (identifier, day, text) in enumerate(ARTICLES):
        row = {"text": text, "published_on": day, "url": f"https://news.example.org/{n}/story", "title": f"Story {n}"}
        if identifier:
            row["id"] = identifier
        rows.append(row)
    return rows


def _found() -> list[int]:
    """How many candidates ``extract`` finds in each article (the extractor's accuracy is tested elsewhere)."""
    return [len(extract(text, dt.date.fromisoformat(day))) for _, day, text in ARTICLES]


def write_jsonl(path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def write_folder(folder, rows) -> None:
    folder.mkdir()
    for n, row in enumerate(rows):
        head = "".join(f"{key}: {row[key]}\n" for key in ("id", "published_on", "url", "title") if key in row)
        (folder / f"{n:02d}.txt").write_text(f"---\n{head}---\n{row['text']}", encoding="utf-8")


def write_parquet(path, rows) -> None:
    table = pa.table(
        {
            "id": [r.get("id") for r in rows],
            "text": [r["text"] for r in rows],
            "published_on": pa.array([dt.date.fromisoformat(r["published_on"]) for r in rows], pa.date32()),
            "url": [r["url"] for r in rows],
            "title": [r["title"] for r in rows],
        }
    )
    pq.write_table(table, path, row_group_size=3)


@pytest.fixture(scope="module")
def client():
    """One in-process cluster for the module, as tests/verdicts/test_distributed.py has."""
    with Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as dask:
        yield dask


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "news.jsonl"
    write_jsonl(path, _rows())
    return path


def _yaml_files(out) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text() for p in sorted((out / "yaml").rglob("*.yaml"))}


def test_local_and_dask_write_the_same_candidates(tmp_path, archive, client):
    """On an in-process LocalCluster the candidate table, the YAML files and the manifest equal one process's."""
    here = extract_archive(archive, tmp_path / "here", partition_size=3)
    there = extract_archive(archive, tmp_path / "there", partition_size=3, client=client)
    assert here.manifest == there.manifest
    assert here.manifest["candidates"] == sum(_found()) > 0
    assert len(here.manifest["partitions"]) == 3
    assert read_candidates(tmp_path / "here").equals(read_candidates(tmp_path / "there"))
    assert _yaml_files(tmp_path / "here") == _yaml_files(tmp_path / "there")


def test_candidates_are_what_extract_finds_article_by_article(tmp_path, archive):
    """Each row is one candidate of ``extract`` on its article, with its article's id, url and window."""
    extract_archive(archive, tmp_path / "out", partition_size=2)
    table = read_candidates(tmp_path / "out")
    assert table.schema == CANDIDATE_SCHEMA
    expected = []
    for row in _rows():
        for c in extract(row["text"], dt.date.fromisoformat(row["published_on"])):
            identifier = row.get("id") or article_id(row["url"])
            expected.append((identifier, row["url"], c.id, c.actor, c.deadline.text, c.window.latest, c.confidence))
    columns = ["article_id", "url", "candidate_id", "actor", "phrase", "latest", "confidence"]
    got = list(zip(*(table[name].to_pylist() for name in columns)))
    assert got == expected
    first = table.slice(0, 1).to_pylist()[0]
    text = _rows()[0]["text"]
    assert text[first["phrase_start"] : first["phrase_end"]] == first["phrase"] == "within two weeks"
    assert text[first["sentence_start"] : first["sentence_end"]].startswith("She said")


@pytest.mark.parametrize("form", ["folder", "parquet"])
def test_every_input_form_gives_the_jsonl_candidates(tmp_path, archive, form):
    """A folder of text files and a Parquet table of the same articles give the JSON-lines file's candidates."""
    extract_archive(archive, tmp_path / "from-jsonl", partition_size=3)
    source = tmp_path / ("articles" if form == "folder" else "news.parquet")
    (write_folder if form == "folder" else write_parquet)(source, _rows())
    result = extract_archive(source, tmp_path / "out", partition_size=3)
    assert result.problems == ()
    assert result.manifest["source_kind"] == form
    leave_out = ["source", "line"]  # where each article was read
    want = read_candidates(tmp_path / "from-jsonl").drop_columns(leave_out)
    assert read_candidates(tmp_path / "out").drop_columns(leave_out).equals(want)
    assert _yaml_files(tmp_path / "out") == _yaml_files(tmp_path / "from-jsonl")


def test_yaml_is_ready_to_confirm(tmp_path, archive):
    """Each article's YAML loads with no error: only the 'candidate' warning for each, and the source is the url."""
    result = extract_archive(archive, tmp_path / "out")
    files = sorted((tmp_path / "out" / "yaml").rglob("*.yaml"))
    assert len(files) == result.manifest["articles_with_candidates"] == sum(n > 0 for n in _found()) > 0
    loaded = load(*files)
    assert not loaded.errors
    assert {w.code for w in loaded.warnings} == {"candidate"}
    assert len(loaded.ledger) == result.manifest["candidates"]
    assert (tmp_path / "out/yaml/part-00000/bridge.yaml").read_text().count("https://news.example.org/0/story") == 2


def test_missing_id_is_stable_and_made_from_the_url_or_path(tmp_path):
    """An article without an id gets the same one every run: from its url, or in a folder without one, its path."""
    rows = [{"text": "Ada Ruiz said she would quit by Friday.", "published_on": "2025-10-16"}]
    write_folder(tmp_path / "a", rows)
    first = read_candidates(extract_archive(tmp_path / "a", tmp_path / "one").out)
    again = read_candidates(extract_archive(tmp_path / "a", tmp_path / "two").out)
    assert first["article_id"].to_pylist() == again["article_id"].to_pylist() == [article_id(None, "00.txt")]
    assert first["url"].to_pylist() == [None]
    assert (
        "REPLACE-with-article-url" in (tmp_path / f"one/yaml/part-00000/{article_id(None, '00.txt')}.yaml").read_text()
    )
    assert article_id("https://e.org/x/") == article_id("https://e.org/x/") != article_id("https://e.org/y/")


GOOD = {"text": "Ada Ruiz said she would quit by Friday.", "published_on": "2025-10-16", "url": "https://e.org/a"}


@pytest.mark.parametrize(
    "row, code, field, value",
    [
        ({**GOOD, "text": "  "}, "missing_field", "text", None),
        ({**GOOD, "text": 12}, "wrong_type", "text", "12"),
        ({k: v for k, v in GOOD.items() if k != "published_on"}, "missing_field", "published_on", None),
        ({**GOOD, "published_on": "2025-13-01"}, "bad_date", "published_on", "2025-13-01"),
        ({**GOOD, "published_on": "16/10/2025"}, "bad_date", "published_on", "16/10/2025"),
        ({**GOOD, "published_on": "0001-01-01"}, "bad_date", "published_on", "0001-01-01"),
        ({**GOOD, "published_on": 20251016}, "wrong_type", "published_on", "20251016"),
        ({k: v for k, v in GOOD.items() if k != "url"}, "missing_field", "url", None),
        ({**GOOD, "url": "ftp://e.org/a"}, "bad_url", "url", "ftp://e.org/a"),
        ({**GOOD, "url": "https://e.org/a\nid: x"}, "bad_url", "url", "https://e.org/a\nid: x"),
        ({**GOOD, "id": "two words"}, "bad_id", "id", "two words"),
        ({**GOOD, "id": "../etc"}, "bad_id", "id", "../etc"),
        ({**GOOD, "id": 7}, "wrong_type", "id", "7"),
        ({**GOOD, "title": ["a"]}, "wrong_type", "title", "['a']"),
    ],
)
def test_a_bad_row_is_named_by_file_line_field_and_value(tmp_path, row, code, field, value):
    """A row that cannot be read is a problem naming its file, line, field and value; the other rows are read."""
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({**GOOD, "id": "first"}) + "\n\n" + json.dumps(row) + "\n", encoding="utf-8")
    result = extract_archive(path, tmp_path / "out")
    [problem] = result.problems
    assert (problem.code, problem.path, problem.line, problem.field, problem.value) == (
        code,
        str(path),
        3,
        field,
        value,
    )
    assert str(problem).startswith(f"{path}:3: {field}")
    assert result.manifest["articles"] == 1 and result.manifest["problems"] == 1
    written = [json.loads(line) for line in (tmp_path / "out/problems.jsonl").read_text().splitlines()]
    assert written == [problem.to_dict()]


@pytest.mark.parametrize(
    "line, code",
    [(b"{not json\n", "bad_json"), (b"[1, 2]\n", "bad_json"), (b'{"text": "caf\xe9"}\n', "bad_encoding")],
)
def test_a_line_that_is_not_a_json_object_is_named(tmp_path, line, code):
    """A line that is not UTF-8, not JSON, or not an object is a problem at its line; the next line is read."""
    path = tmp_path / "news.jsonl"
    path.write_bytes(line + json.dumps(GOOD).encode() + b"\n")
    result = extract_archive(path, tmp_path / "out")
    assert [(p.code, p.line) for p in result.problems] == [(code, 1)]
    assert result.manifest["articles"] == 1


def test_a_parquet_row_is_named_by_its_row_and_a_missing_column_by_the_file(tmp_path):
    """A Parquet table's bad row is named 'row N' (1-based); a table without a required column is refused whole."""
    rows = _rows()[:4]
    rows[2]["url"] = "not a url"
    write_parquet(tmp_path / "news.parquet", rows)
    result = extract_archive(tmp_path / "news.parquet", tmp_path / "out", partition_size=2)
    [problem] = result.problems
    assert (problem.code, problem.line, problem.unit) == ("bad_url", 3, "row")
    assert str(problem) == f"{tmp_path / 'news.parquet'}: row 3: url 'not a url': not an http(s) URL on one line"
    pq.write_table(pa.table({"text": ["x"], "url": ["https://e.org"]}), tmp_path / "bare.parquet")
    result = extract_archive(tmp_path / "bare.parquet", tmp_path / "bare")
    assert [(p.code, p.field) for p in result.problems] == [("missing_column", "published_on")]
    assert result.manifest["articles"] == 0


@pytest.mark.parametrize(
    "content, field",
    [
        ("Ada Ruiz said she would quit by Friday.", "published_on"),
        ("---\npublished_on: 2025-10-16\nAda Ruiz said she would quit by Friday.", "text"),
        ("---\nurl: https://e.org/a\n---\nAda Ruiz said she would quit by Friday.", "published_on"),
        ("---\npublished_on: yesterday\n---\nAda Ruiz said she would quit by Friday.", "published_on"),
    ],
)
def test_a_text_file_without_its_front_matter_is_named(tmp_path, content, field):
    """A folder's text file without a closed front matter giving its date is a problem naming the file and field."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_text(content, encoding="utf-8")
    result = extract_archive(tmp_path / "a", tmp_path / "out")
    [problem] = result.problems
    assert (problem.path, problem.field) == (str(tmp_path / "a" / "story.txt"), field)


def test_a_front_matter_field_is_named_on_its_own_line(tmp_path):
    """A bad published_on on line 3 of a text file is reported at line 3, not at the file's first line."""
    (tmp_path / "a").mkdir()
    story = "---\nurl: https://e.org/a\npublished_on: 2025-02-30\n---\nAda Ruiz said she would quit by Friday.\n"
    (tmp_path / "a" / "story.txt").write_text(story, encoding="utf-8")
    [problem] = extract_archive(tmp_path / "a", tmp_path / "out").problems
    assert (problem.code, problem.line, problem.field, problem.value) == ("bad_date", 3, "published_on", "2025-02-30")


def test_an_id_used_twice_is_named_with_both_places(tmp_path, client):
    """Two articles with one id (given, or made from the same url) are an error naming both; both are kept."""
    rows = [
        {**GOOD, "id": "a"},
        {**GOOD, "url": "https://e.org/b"},
        {**GOOD, "id": "a"},
        {**GOOD, "url": "https://e.org/b"},
    ]
    path = tmp_path / "news.jsonl"
    write_jsonl(path, rows)
    for partition_size in (1, 4):
        result = extract_archive(path, tmp_path / f"out{partition_size}", partition_size=partition_size, client=client)
        assert [(p.code, p.line, p.value) for p in result.problems] == [
            ("duplicate_id", 3, "a"),
            ("duplicate_id", 4, article_id("https://e.org/b")),
        ]
        assert f"{path} line 1" in result.problems[0].message
        assert result.manifest["candidates"] == 4
    assert sorted(p.name for p in (tmp_path / "out4/yaml/part-00000").iterdir()) == sorted(
        ["a.yaml", "a.2.yaml", f"{article_id('https://e.org/b')}.yaml", f"{article_id('https://e.org/b')}.2.yaml"]
    )


def test_an_id_used_twice_in_a_folder_names_both_files(tmp_path):
    """In a folder, the files are the places: the later file's problem names the earlier file."""
    write_folder(tmp_path / "a", [{**GOOD, "id": "same"}, GOOD, {**GOOD, "id": "same"}])
    result = extract_archive(tmp_path / "a", tmp_path / "out", partition_size=2)
    [problem] = result.problems
    assert (problem.code, problem.path, problem.line) == ("duplicate_id", str(tmp_path / "a" / "02.txt"), None)
    assert str(problem) == (
        f"{tmp_path / 'a' / '02.txt'}: id 'same': the id is already used by the article at "
        f"{tmp_path / 'a' / '00.txt'}; give each article its own id"
    )


def test_a_rerun_replaces_the_partitions_and_the_manifest_comes_last(tmp_path, archive):
    """Writing again with fewer partitions leaves none of the old ones; a folder without a manifest is refused."""
    out = tmp_path / "out"
    extract_archive(archive, out, partition_size=1)
    assert len(list((out / "candidates").iterdir())) == len(ARTICLES)
    result = extract_archive(archive, out, partition_size=5)
    assert sorted(p.name for p in (out / "candidates").iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    assert sorted(p.name for p in (out / "yaml").iterdir()) == ["part-00000", "part-00001"]
    assert read_candidates(out).num_rows == result.manifest["candidates"]
    (out / ARCHIVE_MANIFEST_FILE).unlink()
    with pytest.raises(FileNotFoundError, match="did not finish"):
        read_candidates(out)


def test_an_output_folder_holding_other_files_is_refused(tmp_path, archive):
    """Nothing is written into a folder that holds files an extraction did not write."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="notes.txt"):
        extract_archive(archive, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("name, error", [("news.csv", ValueError), ("missing.jsonl", FileNotFoundError)])
def test_a_source_that_is_not_an_archive_is_refused(tmp_path, name, error):
    """A file of another kind, or one that is not there, is refused before anything is written."""
    if error is ValueError:
        (tmp_path / name).write_text("text\n")
    with pytest.raises(error, match=name):
        extract_archive(tmp_path / name, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_progress_only_when_asked(tmp_path, archive, capsys):
    """The progress bar goes to stderr with progress=True, and nothing is printed without it."""
    extract_archive(archive, tmp_path / "quiet")
    assert capsys.readouterr() == ("", "")
    extract_archive(archive, tmp_path / "shown", progress=True)
    captured = capsys.readouterr()
    assert captured.out == "" and f"{len(ARTICLES)}/{len(ARTICLES)} articles" in captured.err


@settings(max_examples=6, deadline=None)
@given(sizes=st.lists(st.integers(1, 9), min_size=2, max_size=2))
def test_partition_size_never_changes_the_candidates(tmp_path_factory, sizes):
    """However the archive is cut into partitions, the candidate table and the YAML files are the same."""
    folder = tmp_path_factory.mktemp("archive")
    write_jsonl(folder / "news.jsonl", _rows())
    one, other = (
        extract_archive(folder / "news.jsonl", folder / f"out{k}", partition_size=s) for k, s in enumerate(sizes)
    )
    assert read_candidates(one.out).to_pylist() == read_candidates(other.out).to_pylist()
    strip = lambda files: {name.split("/", 2)[-1]: text for name, text in files.items()}
    assert strip(_yaml_files(one.out)) == strip(_yaml_files(other.out))


def test_every_problem_code_and_column_is_in_the_format_docs():
    """docs/format.md lists every problem code, and every column of the candidate table with its type, in order."""
    from ledger.articles.archive_input import ARTICLE_PROBLEM_CODES
    from tests.io.test_format_doc import doc_type

    docs = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text(encoding="utf-8")
    section = docs[docs.index("## Candidates of an archive") :]
    for code in ARTICLE_PROBLEM_CODES:
        assert f"| `{code}` |" in section, code
    table = section[section.index("### The candidate table, `candidates/part-NNNNN.parquet`") :]
    documented = re.findall(r"^\| `(\w+)` \| `([^`]+)` \|", table, re.M)
    assert documented == [(f.name, doc_type(f.type)) for f in CANDIDATE_SCHEMA]


@pytest.mark.parametrize(
    "column",
    [
        pa.array(["2025-10-16"], pa.string()),
        pa.array([dt.datetime(2025, 10, 16, 23, 30)], pa.timestamp("s")),
        pa.array([dt.datetime(2025, 10, 17, 2, 30, tzinfo=dt.UTC)], pa.timestamp("s", tz="America/New_York")),
    ],
    ids=["text", "timestamp", "timestamp-with-zone"],
)
def test_a_parquet_date_may_be_text_or_a_timestamp(tmp_path, column):
    """published_on as text or a timestamp gives the day as written (in the column's own time zone)."""
    table = pa.table({"text": [GOOD["text"]], "published_on": column, "url": [GOOD["url"]]})
    pq.write_table(table, tmp_path / "news.parquet")
    extract_archive(tmp_path / "news.parquet", tmp_path / "out")
    assert read_candidates(tmp_path / "out")["published_on"].to_pylist() == [dt.date(2025, 10, 16)]


def test_temporary_files_a_killed_run_left_are_removed(tmp_path, archive):
    """A partition file or YAML folder a killed run left half written is gone after the next run."""
    out = tmp_path / "out"
    extract_archive(archive, out)
    (out / "candidates" / ".part-00000.parquet.abcd1234.tmp").write_bytes(b"half")
    (out / "yaml" / ".part-00000.x1y2z3").mkdir()
    extract_archive(archive, out)
    assert sorted(p.name for p in (out / "candidates").iterdir()) == ["part-00000.parquet"]
    assert sorted(p.name for p in (out / "yaml").iterdir()) == ["part-00000"]


def test_a_text_file_that_cannot_be_opened_is_named(tmp_path):
    """A folder's file that is gone by the time its partition reads it is a problem naming it; the rest are read."""
    write_folder(tmp_path / "a", [GOOD, GOOD | {"url": "https://e.org/b"}])
    [piece] = plan_archive(tmp_path / "a", 10)[1]
    (tmp_path / "a" / "00.txt").unlink()
    problem, article = read_piece(piece)
    assert (problem.code, problem.path, problem.line) == ("unreadable_file", str(tmp_path / "a" / "00.txt"), None)
    assert str(problem) == f"{tmp_path / 'a' / '00.txt'}: cannot be read: No such file or directory"
    assert article.url == "https://e.org/b"


def test_item5_an_article_over_the_cap_is_refused_counted_and_the_others_extracted(tmp_path):
    """An article over MAX_ARTICLE_LENGTH is a located article_too_long problem naming its id, length and the
    cap; the articles around it are extracted, and the manifest counts only those."""
    from ledger.articles.extract import MAX_ARTICLE_LENGTH

    rows = _rows()[:3]
    rows[1] = {**rows[1], "text": "a " * (MAX_ARTICLE_LENGTH // 2) + "b"}
    write_jsonl(tmp_path / "news.jsonl", rows)
    result = extract_archive(tmp_path / "news.jsonl", tmp_path / "out")
    [problem] = result.problems
    assert (problem.code, problem.path, problem.line) == ("article_too_long", str(tmp_path / "news.jsonl"), 2)
    assert f"article {rows[1]['id']!r} not extracted: the article has 10,000,001 characters" in str(problem)
    assert "more than the 10,000,000 that extract reads" in str(problem)
    assert result.manifest["articles"] == 2
    assert result.manifest["candidates"] == sum(_found()[i] for i in (0, 2))


def _damage_column_chunk(path: Path, row_group: int, column: str) -> None:
    """Overwrite one column chunk of a Parquet file (its page header and data) with 0xff bytes."""
    meta = pq.ParquetFile(path).metadata
    chunk = meta.row_group(row_group).column(meta.schema.to_arrow_schema().get_field_index(column))
    data = bytearray(path.read_bytes())
    start = chunk.data_page_offset
    data[start : start + chunk.total_compressed_size] = b"\xff" * chunk.total_compressed_size
    path.write_bytes(bytes(data))


def test_a_damaged_parquet_row_group_names_each_of_its_rows_and_the_others_are_extracted(tmp_path, capsys):
    """A damaged page loses its row group's rows, each named as unreadable_rows, not the whole archive."""
    from ledger.cli import main

    rows = [
        {**GOOD, "url": f"https://e.org/{n}", "text": f"Ada Ruiz said she would quit by Friday, case {n}."}
        for n in range(12)
    ]
    path = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=4, compression="none", use_dictionary=False)
    _damage_column_chunk(path, 1, "text")  # rows 5 to 8
    result = extract_archive(path, tmp_path / "out")  # one partition holds every row group
    assert [(p.code, p.line, p.unit) for p in result.problems] == [("unreadable_rows", n, "row") for n in range(5, 9)]
    assert str(result.problems[0]).startswith(f"{path}: row 5: cannot be read: the file is damaged")
    assert result.manifest["articles"] == 8
    assert sorted(read_candidates(tmp_path / "out").column("url").to_pylist()) == sorted(
        f"https://e.org/{n}" for n in (0, 1, 2, 3, 8, 9, 10, 11)
    )
    assert main(["extract", str(path), "--out", str(tmp_path / "cli")]) == 1
    out, err = capsys.readouterr()
    assert f"{path}: row 8: cannot be read" in err and "Traceback" not in err
    assert len(err.splitlines()) == 4  # one line per row lost
    assert "4 rows could not be read" in out + err


@pytest.mark.parametrize("damage", ["truncated", "not parquet", "footer"])
def test_a_parquet_archive_with_a_damaged_footer_is_refused_by_name(tmp_path, capsys, damage):
    """No row of a file whose footer is damaged can be found: it is refused whole, naming the file, no traceback."""
    from ledger.cli import main

    path = tmp_path / "news.parquet"
    write_parquet(path, _rows())
    data = path.read_bytes()
    footer = int.from_bytes(data[-8:-4], "little")
    damaged = {
        "truncated": data[: len(data) // 2],
        "not parquet": b"text,published_on,url\n",
        "footer": data[: -8 - footer] + bytes(b ^ 0x5A for b in data[-8 - footer : -8]) + data[-8:],
    }[damage]
    path.write_bytes(damaged)
    with pytest.raises(ValueError, match=re.escape(f"{path}: not a Parquet table that can be read")):
        extract_archive(path, tmp_path / "out")
    assert main(["extract", str(path), "--out", str(tmp_path / "cli")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"ledger extract: {path}: not a Parquet table") and "Traceback" not in err
    assert not (tmp_path / "cli").exists()
