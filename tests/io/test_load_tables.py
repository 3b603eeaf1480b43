"""load() and the commands that read ledgers take a folder of Parquet tables written by `ledger tables`."""

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given

from ledger import load, write_tables
from ledger.cli import main
from ledger.io.parquet import COMMITMENTS_FILE, EVENTS_FILE
from tests import strategies

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "fixtures" / "examples"
RUSSIA = ROOT / "fixtures" / "russia-ukraine-2025.yaml"


@given(strategies.ledgers())
def test_a_folder_of_tables_loads_as_the_ledger_it_was_written_from(tmp_path_factory, ledger):
    """Loading, writing the tables, then loading the folder is the identity, with no problem."""
    folder = tmp_path_factory.mktemp("tables")
    write_tables(ledger, folder)
    result = load(folder)
    assert result.ok, result.errors
    assert result.ledger == ledger
    assert result.files == (str(folder),)


def test_commands_read_a_folder_of_tables_as_the_files_it_was_written_from(tmp_path, capsys):
    """report, list, show and diff give from the tables what they give from the YAML file."""
    assert main(["tables", str(RUSSIA), "--out", str(tmp_path / "t")]) == 0
    tables = str(tmp_path / "t")
    for args in (
        ["list", "--as-of", "2025-10-17"],
        ["show", "--as-of", "2025-10-17", "trump-budapest-summit"],
        ["diff", "--from", "2025-08-01", "--to", "2025-10-17"],
        ["report", "--as-of", "2025-10-17", "--title", "T", "--format", "md", "-o", "-"],
    ):
        capsys.readouterr()
        assert main([args[0], str(RUSSIA), *args[1:]]) == 0
        from_yaml = capsys.readouterr()
        assert main([args[0], tables, *args[1:]]) == 0
        from_tables = capsys.readouterr()
        assert from_tables.out == from_yaml.out, args[0]
        assert from_tables.out.strip(), args[0]


def test_a_folder_with_ledger_files_reads_them_and_not_its_tables(tmp_path):
    """Tables written beside the YAML they came from are not read twice (no duplicate ids)."""
    (tmp_path / "ledger.yaml").write_bytes(RUSSIA.read_bytes())
    write_tables(load(RUSSIA).ledger, tmp_path)
    result = load(tmp_path)
    assert result.ok, result.errors
    assert result.files == (str(tmp_path / "ledger.yaml"),)


def test_a_pair_written_from_different_inputs_is_one_error_and_nothing_loaded(tmp_path):
    write_tables(load(EXAMPLES).ledger, tmp_path / "a")
    write_tables(load(RUSSIA).ledger, tmp_path / "b")
    (tmp_path / "b" / EVENTS_FILE).replace(tmp_path / "a" / EVENTS_FILE)
    result = load(tmp_path / "a")
    assert [(e.code, e.path) for e in result.errors] == [("unsupported_file", str(tmp_path / "a"))]
    assert "different inputs" in result.errors[0].message
    assert len(result.ledger) == 0


def test_a_table_that_is_not_parquet_is_an_error_not_a_traceback(tmp_path, capsys):
    write_tables(load(EXAMPLES).ledger, tmp_path)
    (tmp_path / COMMITMENTS_FILE).write_bytes(b"not parquet at all")
    result = load(tmp_path)
    assert [e.code for e in result.errors] == ["unsupported_file"]
    assert f"{tmp_path / COMMITMENTS_FILE}: not a Parquet table" in result.errors[0].message
    assert "write it again with `ledger tables`" in result.errors[0].message
    assert main(["check", str(tmp_path)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_commitments_without_events_beside_them_is_an_error(tmp_path):
    write_tables(load(EXAMPLES).ledger, tmp_path)
    (tmp_path / EVENTS_FILE).unlink()
    result = load(tmp_path)
    assert [(e.code, e.path) for e in result.errors] == [("unsupported_file", str(tmp_path / EVENTS_FILE))]


def test_a_row_a_record_cannot_take_is_located_at_its_table_and_row_and_left_out(tmp_path):
    """A table made or edited by another tool: the bad row is named (row, field, value); the rest loads."""
    write_tables(load(EXAMPLES).ledger, tmp_path)
    path = tmp_path / COMMITMENTS_FILE
    table = pq.read_table(path)
    urls = table.column("sources").to_pylist()
    urls[2] = [{**urls[2][0], "url": "ftp://example.org/x"}]
    ids = table.column("id").to_pylist()
    ids[4] = "Not A Slug!"
    table = table.set_column(
        table.schema.get_field_index("sources"), "sources", pa.array(urls, table.schema.field("sources").type)
    )
    table = table.set_column(
        table.schema.get_field_index("id"), table.schema.field("id"), pa.array(ids, table.schema.field("id").type)
    )
    pq.write_table(table, path)
    result = load(tmp_path)
    located = [(e.code, e.path, e.line, e.field) for e in result.errors if e.code != "depends_on_invalid"]
    assert located[:2] == [("bad_url", str(path), 3, "url"), ("bad_id", str(path), 5, "id")]
    # the events of the commitment whose id was changed name an id the ledger no longer has
    assert {code for code, *_ in located[2:]} <= {"unknown_commitment"}
    assert "ftp://example.org/x" in result.errors[0].message and "row 3" in result.errors[0].message
    assert "Not A Slug!" in result.errors[1].message
    assert len(result.ledger.commitments) == 5


def test_a_day_python_cannot_hold_is_an_error_on_its_row_not_a_traceback(tmp_path, capsys):
    """A date32 past the year 9999 (another tool's table): the row is refused with its field, the rest loads."""
    write_tables(load(EXAMPLES).ledger, tmp_path)
    path = tmp_path / COMMITMENTS_FILE
    table = pq.read_table(path)
    days = table.column("stated_on").cast(pa.int32()).to_pylist()
    days[1] = 3_000_000
    at = table.schema.get_field_index("stated_on")
    table = table.set_column(at, table.schema.field("stated_on"), pa.array(days, pa.int32()).cast(pa.date32()))
    pq.write_table(table, path)
    result = load(tmp_path)
    assert [(e.code, e.line, e.field) for e in result.errors if e.path == str(path)] == [("bad_date", 2, "stated_on")]
    assert len(result.ledger.commitments) == 6
    assert main(["check", str(tmp_path)]) == 1
    assert "internal error" not in capsys.readouterr().err


def test_commands_that_judge_tables_say_a_broken_rule_without_an_internal_error(tmp_path, capsys):
    """Tables another tool edited so a reset points at a later commitment: list, export, evaluate and
    partition refuse with the rule's sentence (they read the tables as columns, past the loader's checks)."""
    write_tables(load(EXAMPLES).ledger, tmp_path / "t")
    path = tmp_path / "t" / COMMITMENTS_FILE
    table = pq.read_table(path)
    days = table.column("stated_on").cast(pa.int32()).to_pylist()
    days[0] = 3_000_000  # the first commitment, which a later one resets, now stated after it
    at = table.schema.get_field_index("stated_on")
    table = table.set_column(at, table.schema.field("stated_on"), pa.array(days, pa.int32()).cast(pa.date32()))
    pq.write_table(table, path)
    folder = str(tmp_path / "t")
    for command in (
        ["list", folder, "--as-of", "2025-06-01"],
        ["export", folder, "--as-of", "2025-06-01", "--table", "verdicts"],
        ["evaluate", folder, "--as-of", "2025-06-01", "--out", str(tmp_path / "out")],
        ["partition", folder, "--partitions", "2", "--out", str(tmp_path / "parts")],
    ):
        assert main(command) == 1, command
        err = capsys.readouterr().err
        assert "[supersedes_later]" in err and "internal error" not in err, command


def test_one_table_of_the_pair_means_the_pair(tmp_path):
    """`ledger check DIR/commitments.parquet` reads the folder's pair, as one CSV file of a pair does."""
    write_tables(load(EXAMPLES).ledger, tmp_path)
    for name in (COMMITMENTS_FILE, EVENTS_FILE):
        result = load(tmp_path / name)
        assert result.ok, result.errors
        assert result.ledger == load(EXAMPLES).ledger
        assert result.files == (str(tmp_path),)


def test_a_damaged_page_is_refused_by_its_checksum_not_read_as_another_value(tmp_path, capsys):
    """Tables are written with a CRC on every page and read with it checked: one bit flipped inside the ids'
    data, which would still decode as text, is refused by load and by evaluate, naming the table."""
    write_tables(load(EXAMPLES).ledger, tmp_path / "t")
    path = tmp_path / "t" / COMMITMENTS_FILE
    ids = pq.ParquetFile(path).metadata.row_group(0).column(0)
    data = bytearray(path.read_bytes())
    # a letter of an id in the column's dictionary page, which comes first (the data page's header holds the
    # smallest and largest ids as statistics, which no checksum covers)
    assert ids.has_dictionary_page
    at = data.index(b"bridge-reopening", ids.dictionary_page_offset)
    assert at < ids.data_page_offset
    data[at] ^= 0x01  # 'b' -> 'c': still a valid id
    path.write_bytes(bytes(data))
    result = load(tmp_path / "t")
    assert [(e.code, e.path) for e in result.errors] == [("unsupported_file", str(path))]
    assert len(result.ledger) == 0
    assert main(["evaluate", str(tmp_path / "t"), "--as-of", "2025-06-01", "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "internal error" not in err
