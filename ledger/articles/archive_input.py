"""Articles of an archive: a folder of text files, a JSON-lines file or a Parquet table, read in pieces.

An archive is planned first (``plan_archive``): cut into pieces of about
``partition_size`` articles that can be read independently, on one process or
on many, each naming where its articles are (files of a folder, a byte range
of a JSON-lines file, a row range of a Parquet table). ``read_piece`` then
reads one piece into :class:`Article` records, and every row it cannot read
into an :class:`ArticleProblem` naming the file, the line or row, the field
and the value. Nothing is skipped silently.

The fields of an article: ``text``, ``published_on`` (an ISO date, or the
date part of an ISO timestamp), ``url`` (http or https), and optionally
``id`` (a slug; when missing, a stable one is made from the url, or from the
file's path in a folder without one) and ``title``. Other fields are ignored.
A text file of a folder gives them in a front matter block::

    ---
    published_on: 2025-10-16
    url: https://example.org/story
    ---
    The article's text, to the end of the file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import attrs
import pyarrow as pa
import pyarrow.parquet as pq

from ledger.core.records import is_identifier, is_url
from ledger.io.entries import DATE_RANGE_HINT, FIRST_DATE, LAST_DATE

__all__ = [
    "ARTICLE_PROBLEM_CODES",
    "Article",
    "ArticleProblem",
    "Piece",
    "article_id",
    "plan_archive",
    "read_piece",
]

#: Every problem reading an archive can report, with what it means. Codes are stable.
ARTICLE_PROBLEM_CODES: dict[str, str] = {
    "unreadable_file": "a text file of a folder cannot be opened (its permissions, or it is gone)",
    "bad_encoding": "a file or line is not UTF-8 text",
    "bad_json": "a line of a JSON-lines file is not a JSON object",
    "missing_column": "a Parquet table lacks a required column",
    "unreadable_rows": "rows of a Parquet table cannot be decoded (a damaged page of the file)",
    "missing_field": "a required field (text, published_on, url) is absent or empty",
    "wrong_type": "a field holds something other than text (or a date, for published_on)",
    "bad_date": "published_on is not a calendar date ledger reads",
    "bad_url": "url is not one http(s) URL on one line",
    "bad_id": "id is not a slug of letters, digits, '.', '_' and '-' of at most 200 characters",
    "duplicate_id": "two articles have the same id (given, or made from the same url)",
    "article_too_long": "the article is longer than extract reads (MAX_ARTICLE_LENGTH characters): split it",
    "extract_failed": "reading the article's commitments failed (a bug: please report it with the article)",
}

#: Suffixes read as JSON lines, and as Parquet; a folder is read for its ``*.txt`` files.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
_MAX_ID = 200
_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\Z")

#: What Arrow raises for a damaged file (a bare OSError for a footer it cannot decode; a damaged footer's
#: names may not even be UTF-8), and the OSErrors that are not damage: a file that cannot be opened at all
#: (no permission, gone) is the caller's to say.
_UNREADABLE = (pa.ArrowException, OSError, UnicodeDecodeError)
_NOT_DAMAGE = (PermissionError, FileNotFoundError, IsADirectoryError)


@attrs.frozen
class ArticleProblem:
    """A row of an archive that could not be read, where it is, and why.

    ``line`` is the 1-based line of a JSON-lines or text file, or the 1-based
    row of a Parquet table (``unit`` says which); None for the whole file.

    >>> p = ArticleProblem("bad_date", "news.jsonl", 4, "published_on", "2025-13-01", "not a date")
    >>> str(p)
    "news.jsonl:4: published_on '2025-13-01': not a date"
    """

    code: str = attrs.field(validator=attrs.validators.in_(ARTICLE_PROBLEM_CODES))
    path: str = attrs.field(validator=attrs.validators.instance_of(str))
    line: int | None = attrs.field()
    field: str | None = attrs.field()
    value: str | None = attrs.field()
    message: str = attrs.field(validator=attrs.validators.instance_of(str))
    unit: str = attrs.field(default="line", validator=attrs.validators.in_(("line", "row")))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.unit == "row" and self.line is not None:
            where = f"{self.path}: row {self.line}"
        what = "" if self.field is None else f"{self.field} " + ("" if self.value is None else f"{self.value!r}")
        return f"{where}: {what.strip()}: {self.message}" if what else f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """The problem as plain JSON-ready values (one line of ``problems.jsonl``)."""
        return attrs.asdict(self)


@attrs.frozen
class Article:
    """One article of an archive: its text, date and address, and where it was read (not part of equality).

    >>> a = Article(id="a1", url="https://example.org/a", published_on=_dt.date(2025, 10, 16), text="Hi.")
    >>> a.id, a.title
    ('a1', None)
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    url: str | None = attrs.field()
    published_on: _dt.date = attrs.field(validator=attrs.validators.instance_of(_dt.date))
    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    title: str | None = attrs.field(default=None)
    path: str = attrs.field(default="", eq=False, repr=False)
    line: int | None = attrs.field(default=None, eq=False, repr=False)


class Piece(NamedTuple):
    """A part of an archive read as one: ``kind`` 'folder' (``names``: files under ``path``), 'jsonl'
    (bytes ``start`` to ``stop`` of ``path``, beginning at line ``first``) or 'parquet' (rows ``start`` to
    ``stop``). ``articles`` is how many rows it holds (its progress)."""

    number: int
    kind: str
    path: str
    start: int
    stop: int
    first: int
    names: tuple[str, ...]
    articles: int


def article_id(url: str | None, path: str | None = None) -> str:
    """A stable id for an article that has none: a slug of its url's last part (or its path) and a hash of it.

    >>> article_id("https://example.org/2025/10/bridge-will-reopen?ref=rss")
    'bridge-will-reopen-c16674bfae'
    >>> article_id(None, "city/bridge.txt")
    'bridge-6bb1e48288'
    """
    key = url if url is not None else path
    if key is None:
        raise ValueError("an article id needs the article's url or path (got neither)")
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    if url is not None:
        tail = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    else:
        tail = Path(key).stem
    slug = re.sub(r"[^a-z0-9]+", "-", tail.lower()).strip("-")[:60].strip("-")
    return f"{slug or 'article'}-{digest}"


def plan_archive(source: str | os.PathLike, partition_size: int) -> tuple[str, list[Piece], list[ArticleProblem]]:
    """The kind of archive ``source`` is, its pieces of at most ``partition_size`` articles, and problems
    that concern a whole file (a Parquet table without a required column).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"text": "Hi."}\\n\\n{"text": "Bye."}\\n')
    >>> kind, pieces, problems = plan_archive(folder / "a.jsonl", 1)
    >>> kind, [(p.start, p.stop, p.first) for p in pieces]
    ('jsonl', [(0, 17, 1), (17, 34, 3)])
    """
    if not isinstance(partition_size, int) or isinstance(partition_size, bool) or partition_size < 1:
        raise ValueError(f"'partition_size' must be a whole number of at least 1 (got {partition_size!r})")
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such folder or file of articles")
    if path.is_dir():
        names = sorted(p.relative_to(path).as_posix() for p in path.rglob("*.txt") if p.is_file())
        chunks = [tuple(names[i : i + partition_size]) for i in range(0, len(names), partition_size)]
        return "folder", [Piece(k, "folder", str(path), 0, 0, 0, c, len(c)) for k, c in enumerate(chunks)], []
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl", _plan_jsonl(path, partition_size), []
    if suffix in PARQUET_SUFFIXES:
        return ("parquet", *_plan_parquet(path, partition_size))
    raise ValueError(
        f"{path}: give a folder of .txt files, a JSON-lines file ({', '.join(JSONL_SUFFIXES)}) "
        f"or a Parquet table ({', '.join(PARQUET_SUFFIXES)})"
    )


def _plan_jsonl(path: Path, size: int) -> list[Piece]:
    """Byte ranges of ``size`` non-blank lines each, cut at line ends."""
    pieces: list[Piece] = []
    start = offset = 0
    first = line = 1
    count = 0
    with open(path, "rb") as handle:
        for raw in handle:
            if raw.strip():
                if count == size:
                    pieces.append(Piece(len(pieces), "jsonl", str(path), start, offset, first, (), count))
                    start, first, count = offset, line, 0
                count += 1
            offset += len(raw)
            line += 1
    if count:
        pieces.append(Piece(len(pieces), "jsonl", str(path), start, offset, first, (), count))
    return pieces


def _plan_parquet(path: Path, size: int) -> tuple[list[Piece], list[ArticleProblem]]:
    try:
        schema = pq.read_schema(path)
        rows = pq.ParquetFile(path).metadata.num_rows
    except _NOT_DAMAGE:
        raise
    except _UNREADABLE as exc:
        # Not Parquet, cut short, or a damaged footer: no row can be found, so the whole file is refused, by name.
        raise ValueError(f"{path}: not a Parquet table that can be read ({_one_line(exc)})") from None
    missing = [name for name in ("text", "published_on", "url") if name not in schema.names]
    if missing:
        message = f"the table has no column {', '.join(map(repr, missing))}; it needs text, published_on and url"
        return [], [ArticleProblem("missing_column", str(path), None, missing[0], None, message)]
    starts = range(0, rows, size)
    return [
        Piece(k, "parquet", str(path), a, min(a + size, rows), a + 1, (), min(size, rows - a))
        for k, a in enumerate(starts)
    ], []


def read_piece(piece: Piece) -> Iterator[Article | ArticleProblem]:
    """Every article of a piece, in order, and in its place a problem for each row that cannot be read.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = f.write_text('{"text": "Hi.", "published_on": "2025-10-16", "url": "https://e.org/a", "id": "a"}\\n')
    >>> [a.id for a in read_piece(plan_archive(f, 10)[1][0])]
    ['a']
    """
    if piece.kind == "folder":
        for name in piece.names:
            yield _read_text_file(Path(piece.path), name)
    elif piece.kind == "jsonl":
        yield from _read_jsonl(piece)
    else:
        yield from _read_parquet(piece)


def _read_text_file(root: Path, name: str) -> Article | ArticleProblem:
    path = str(root / name)
    try:
        data = (root / name).read_bytes()
    except OSError as exc:
        return ArticleProblem("unreadable_file", path, None, None, None, f"cannot be read: {exc.strerror or exc}")
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ArticleProblem(
            "bad_encoding", path, None, None, None, f"not UTF-8 text (byte {exc.start}); save it as UTF-8"
        )
    content = content.removeprefix("\ufeff")
    fields: dict[str, Any] = {}
    field_lines: dict[str, int] = {}
    lines = content.split("\n")
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], start=2):
            if line.strip() == "---":
                fields["text"] = "\n".join(lines[number:])
                field_lines["text"] = number + 1
                break
            key, colon, value = line.partition(":")
            if colon and key.strip():
                fields[key.strip()] = value.strip()
                field_lines[key.strip()] = number
        else:
            message = "the front matter opened by '---' on line 1 is never closed by a line '---'"
            return ArticleProblem("missing_field", path, 1, "text", None, message)
    else:
        fields["text"] = content
        if "published_on" not in fields:
            message = (
                "the file has no front matter; begin it with '---', then 'published_on: YYYY-MM-DD' and "
                "'url: https://...' lines, then '---' (docs/scaling.md)"
            )
            return ArticleProblem("missing_field", path, 1, "published_on", None, message)
    return _article(fields, path, 1, "line", url_required=False, fallback_path=name, field_lines=field_lines)


def _read_jsonl(piece: Piece) -> Iterator[Article | ArticleProblem]:
    with open(piece.path, "rb") as handle:
        handle.seek(piece.start)
        data = handle.read(piece.stop - piece.start)
    for number, raw in enumerate(data.split(b"\n"), start=piece.first):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield ArticleProblem("bad_encoding", piece.path, number, None, None, f"not UTF-8 text (byte {exc.start})")
            continue
        except ValueError as exc:
            yield ArticleProblem("bad_json", piece.path, number, None, None, f"not a JSON object: {exc}")
            continue
        if not isinstance(row, dict):
            message = f"a line must be a JSON object of an article's fields (got {type(row).__name__})"
            yield ArticleProblem("bad_json", piece.path, number, None, None, message)
            continue
        yield _article(row, piece.path, number, "line", url_required=True)


def _read_parquet(piece: Piece) -> Iterator[Article | ArticleProblem]:
    try:
        handle = pq.ParquetFile(piece.path)
        wanted = [n for n in ("text", "published_on", "url", "id", "title") if n in handle.schema_arrow.names]
        runs = _row_runs(handle, piece.start, piece.stop, wanted)
    except _NOT_DAMAGE:
        raise
    except _UNREADABLE as exc:
        runs = [(piece.start, piece.stop, exc)]
    for start, stop, rows in runs:
        first = piece.first + (start - piece.start)
        if isinstance(rows, pa.Table):
            for number, row in enumerate(rows.to_pylist(), start=first):
                yield _article(row, piece.path, number, "row", url_required=True)
            continue
        # A damaged page loses the rows of its row group, not the archive: each is named, the others are read.
        message = f"cannot be read: the file is damaged where it holds this row ({_one_line(rows)})"
        for number in range(first, first + stop - start):
            yield ArticleProblem("unreadable_rows", piece.path, number, None, None, message, "row")


def _one_line(error: Exception) -> str:
    """Arrow's message on one line: it may hold line breaks, and a problem is one line of output."""
    return " ".join(str(error).split())


def _row_runs(
    handle: pq.ParquetFile, start: int, stop: int, columns: list[str]
) -> list[tuple[int, int, pa.Table | Exception]]:
    """Rows ``start`` to ``stop`` of the table, reading only the row groups that hold them: one run of rows,
    or, when a row group is damaged, a run per row group, each its rows or the error that lost them."""
    spans: list[tuple[int, int, int]] = []  # (row group, its first row, its end), for the groups the rows touch
    at = 0
    for g in range(handle.metadata.num_row_groups):
        n = handle.metadata.row_group(g).num_rows
        if at < stop and at + n > start:
            spans.append((g, at, at + n))
        at += n
    if not spans:
        return [(start, stop, pa.table({c: pa.array([], pa.string()) for c in columns}))]
    try:
        table = handle.read_row_groups([g for g, _, _ in spans], columns=columns)
        return [(start, stop, table.slice(start - spans[0][1], stop - start))]
    except _NOT_DAMAGE:
        raise
    except _UNREADABLE:
        pass  # read again group by group, to lose only the damaged ones
    runs: list[tuple[int, int, pa.Table | Exception]] = []
    for g, low, high in spans:
        a, b = max(low, start), min(high, stop)
        try:
            runs.append((a, b, handle.read_row_group(g, columns=columns).slice(a - low, b - a)))
        except _NOT_DAMAGE:
            raise
        except _UNREADABLE as exc:
            runs.append((a, b, exc))
    return runs


def _article(  # one piece: each field in turn, the first problem found is the row's
    row: dict[str, Any],
    path: str,
    line: int,
    unit: str,
    *,
    url_required: bool,
    fallback_path: str | None = None,
    field_lines: dict[str, int] | None = None,
) -> Article | ArticleProblem:
    """An article from a row's fields, or the problem of its first field that cannot be read.

    ``field_lines``: the line of each field where a file gives each its own (a text file's front matter)."""

    def problem(code: str, field: str, value: Any, message: str) -> ArticleProblem:
        shown = None if value is None else (value if isinstance(value, str) else repr(value))
        if shown is not None and len(shown) > 80:
            shown = shown[:77] + "..."
        return ArticleProblem(code, path, (field_lines or {}).get(field, line), field, shown, message, unit)

    text = row.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        return problem("missing_field", "text", None, "the article has no text")
    if not isinstance(text, str):
        return problem("wrong_type", "text", text, f"text must be a string (got {type(text).__name__})")
    published = row.get("published_on")
    if published is None or published == "":
        return problem("missing_field", "published_on", None, "the article has no date; give it as YYYY-MM-DD")
    published_on = _day(published)
    if isinstance(published_on, str):
        return problem(
            "bad_date" if isinstance(published, str) else "wrong_type", "published_on", published, published_on
        )
    url = row.get("url")
    if url is None or url == "":
        if url_required:
            return problem("missing_field", "url", None, "the article has no url; every source needs a link")
        url = None
    elif not isinstance(url, str):
        return problem("wrong_type", "url", url, f"url must be a string (got {type(url).__name__})")
    elif any(c < " " or c == "\x7f" for c in url) or not is_url(url.strip()):
        return problem("bad_url", "url", url, "not an http(s) URL on one line")
    url = url.strip() if url is not None else None
    given = row.get("id")
    if given is None or given == "":
        identifier = article_id(url, None if url else fallback_path)
    elif not isinstance(given, str):
        return problem("wrong_type", "id", given, f"id must be a string (got {type(given).__name__})")
    elif not is_identifier(given) or len(given) > _MAX_ID:
        return problem(
            "bad_id", "id", given, "an id is letters, digits, '.', '_' and '-', starting with one of the first two"
        )
    else:
        identifier = given
    title = row.get("title")
    if title is not None and not isinstance(title, str):
        return problem("wrong_type", "title", title, f"title must be a string (got {type(title).__name__})")
    title = " ".join(title.split()) if title else None
    return Article(id=identifier, url=url, published_on=published_on, text=text, title=title, path=path, line=line)


def _day(value: Any) -> _dt.date | str:
    """The calendar date of a published_on value, or a sentence saying why it is not one."""
    if isinstance(value, _dt.datetime):
        day = value.date()
    elif isinstance(value, _dt.date):
        day = value
    elif isinstance(value, str):
        found = _ISO_DAY.match(value.strip())
        if found is None:
            return "not a date in the form YYYY-MM-DD (or an ISO timestamp)"
        try:
            day = _dt.date.fromisoformat(found.group(1))
        except ValueError:
            return "not a real calendar date"
    else:
        return f"published_on must be a date or text YYYY-MM-DD (got {type(value).__name__})"
    if not FIRST_DATE <= day <= LAST_DATE:
        return DATE_RANGE_HINT
    return day
