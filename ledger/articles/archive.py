"""Extraction over an archive of articles, on one process or on Dask: candidates as Parquet, YAML to confirm.

``extract_archive(source, out)`` reads a folder of text files, a JSON-lines
file or a Parquet table of articles (``ledger.articles.archive_input``), runs
``ledger.articles.extract.extract`` on each, and writes to ``out``:

- ``candidates/part-00000.parquet`` ...: one row per candidate, with its
  article's id and url, the sentence and deadline phrase spans, the actor,
  the due window, the confidence and the flags (``CANDIDATE_SCHEMA``,
  docs/format.md);
- ``yaml/part-00000/<article id>.yaml`` ...: per article with candidates,
  ledger YAML ready to confirm (``candidates_to_yaml``);
- ``problems.jsonl``: every row that could not be read, with its file, line
  or row, field and value (never skipped silently);
- ``manifest.json``, written last: the partitions and their counts. A folder
  without one did not finish.

The archive is cut into partitions of ``partition_size`` articles before
anything is read; each partition is read, extracted and written on its own,
atomically, by this process or by a Dask worker (``client``), so the files
are the same whichever ran them.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ledger._version import __version__
from ledger.articles.archive_input import Article, ArticleProblem, Piece, plan_archive, read_piece
from ledger.articles.candidate import Candidate
from ledger.articles.extract import ArticleTooLongError, extract
from ledger.articles.yaml_output import candidates_to_yaml
from ledger.deadlines import DEFAULT_POLICY, DeadlinePolicy
from ledger.io.atomic import folder_lock, recover, write_text_atomic
from ledger.io.parquet import write_parquet

__all__ = [
    "ARCHIVE_MANIFEST_FILE",
    "CANDIDATE_SCHEMA",
    "ArchiveResult",
    "extract_archive",
    "read_candidates",
]

#: Written last: a folder without it did not finish.
ARCHIVE_MANIFEST_FILE = "manifest.json"
PROBLEMS_FILE = "problems.jsonl"
_FORMAT = "ledger-candidates"
_TABLES, _YAML = "candidates", "yaml"

_dictionary = pa.dictionary(pa.int32(), pa.string())
#: One row per candidate (docs/format.md says what each column means).
CANDIDATE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("url", pa.string()),
        ("published_on", pa.date32()),
        ("source", pa.string()),
        ("line", pa.int64()),
        ("candidate_id", pa.string()),
        ("actor", _dictionary),
        ("organisation", pa.string()),
        ("text", pa.string()),
        ("quote", pa.string()),
        ("sentence", pa.string()),
        ("sentence_start", pa.int32()),
        ("sentence_end", pa.int32()),
        ("phrase", pa.string()),
        ("phrase_start", pa.int32()),
        ("phrase_end", pa.int32()),
        ("stated_on", pa.date32()),
        ("stated_phrase", pa.string()),
        ("earliest", pa.date32()),
        ("due", pa.date32()),
        ("latest", pa.date32()),
        ("kind", _dictionary),
        ("bound", _dictionary),
        ("rule", _dictionary),
        ("confidence", pa.float64()),
        ("hedged", pa.bool_()),
        ("vague", pa.bool_()),
        ("stated_approximate", pa.bool_()),
        ("resets", pa.bool_()),
        ("supersedes", pa.string()),
        ("reasons", pa.list_(pa.string())),
    ]
)


class ArchiveResult(NamedTuple):
    """What ``extract_archive`` wrote: the manifest (as written), every problem, and the folder."""

    manifest: dict[str, Any]
    problems: tuple[ArticleProblem, ...]
    out: Path


class _PieceResult(NamedTuple):
    """What one partition sends back: its counts, its problems, and each article's id with its place in
    the partition (its line or row; in a folder, its file's index), for ids used twice in the archive.

    Arrow arrays, not Python tuples: for an archive of millions the client holds every id at once.
    """

    number: int
    articles: int
    with_candidates: int
    candidates: int
    problems: list[ArticleProblem]
    ids: pa.Array
    places: pa.Array


def extract_archive(  # one piece: check, plan, run the partitions here or on Dask, then the manifest
    source: str | os.PathLike,
    out: str | os.PathLike,
    *,
    client=None,
    partition_size: int = 1000,
    default_actor: str | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    progress: bool = False,
) -> ArchiveResult:
    """Extract candidate commitments from every article of an archive; write them to ``out``.

    ``source`` is a folder of ``.txt`` files (each beginning with a front
    matter of ``published_on`` and ``url``), a ``.jsonl`` file or a
    ``.parquet`` table of articles (fields ``text``, ``published_on``,
    ``url``, optional ``id`` and ``title``). With ``client`` (a
    ``distributed.Client``) the partitions are extracted on its workers,
    which must see ``source`` and ``out`` at the same paths; without one,
    in this process. ``progress`` shows a progress bar on stderr (Dask's own
    on Dask). Rows that cannot be read are returned as problems and written
    to ``problems.jsonl``; the rest are extracted. ``default_actor`` and
    ``policy`` are ``extract``'s.

    >>> import json, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> row = {"text": "Mayor Ada Ruiz said the bridge would reopen within two weeks.",
    ...        "published_on": "2025-10-16", "url": "https://example.org/bridge", "id": "bridge"}
    >>> _ = (folder / "news.jsonl").write_text(json.dumps(row) + "\\n{}\\n")
    >>> result = extract_archive(folder / "news.jsonl", folder / "out")
    >>> result.manifest["articles"], result.manifest["candidates"], [str(p) for p in result.problems]
    (1, 1, ['...news.jsonl:2: text: the article has no text'])
    >>> read_candidates(folder / "out").select(["article_id", "actor", "phrase", "latest"]).to_pylist()
    [{'article_id': 'bridge', 'actor': 'Ada Ruiz', 'phrase': 'within two weeks', 'latest': datetime.date(2025, 10, 30)}]
    >>> sorted(p.name for p in (folder / "out" / "yaml").rglob("*.yaml"))
    ['bridge.yaml']
    """
    if not isinstance(policy, DeadlinePolicy):
        raise TypeError(f"'policy' must be a ledger.deadlines.DeadlinePolicy (got {policy!r})")
    if default_actor is not None and (not isinstance(default_actor, str) or not default_actor.strip()):
        raise ValueError(f"'default_actor' must be a non-empty name or None (got {default_actor!r})")
    kind, pieces, problems = plan_archive(source, partition_size)
    out = Path(out)
    _prepare(out)
    options = {"default_actor": default_actor, "policy": policy}
    with folder_lock(out):
        # A finished folder is one with a manifest: the old one goes first, so a run that
        # stops part-way leaves a folder that says it did not finish.
        (out / ARCHIVE_MANIFEST_FILE).unlink(missing_ok=True)
        recover(out / _TABLES)  # temporary files a killed run left
        if client is None:
            results = _run_here(pieces, str(out), options, progress)
        else:
            futures = client.map(_extract_piece, pieces, out=str(out), options=options, pure=False)
            if progress:
                from distributed import progress as progress_bar

                progress_bar(futures)
            results = client.gather(futures)
            del futures
        results = sorted(results, key=lambda r: r.number)
        problems = problems + [p for r in results for p in r.problems] + _duplicates(results, pieces)
        manifest = _manifest(source, kind, partition_size, default_actor, results, len(problems))
        _remove_stale(out, {f"part-{r.number:05d}" for r in results})
        lines = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in problems)
        write_text_atomic(lines, out / PROBLEMS_FILE)
        write_text_atomic(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", out / ARCHIVE_MANIFEST_FILE)
    return ArchiveResult(manifest, tuple(problems), out)


def read_candidates(out: str | os.PathLike) -> pa.Table:
    """The candidate table of a finished ``extract_archive`` folder, partitions in order.

    Refuses a folder without a manifest (a run that did not finish).

    >>> import tempfile
    >>> read_candidates(tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    FileNotFoundError: ...: no manifest.json; the extraction did not finish (run `ledger extract` again)
    """
    out = Path(out)
    path = out / ARCHIVE_MANIFEST_FILE
    if not path.exists():
        raise FileNotFoundError(
            f"{out}: no {ARCHIVE_MANIFEST_FILE}; the extraction did not finish (run `ledger extract` again)"
        )
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != _FORMAT:
        raise ValueError(f"{path}: 'format' must be {_FORMAT!r} (got {manifest.get('format')!r})")
    tables = [pq.read_table(out / part["candidates"], schema=CANDIDATE_SCHEMA) for part in manifest["partitions"]]
    return pa.concat_tables(tables) if tables else CANDIDATE_SCHEMA.empty_table()


def _prepare(out: Path) -> None:
    """Create ``out``, refusing a folder that holds something other than an earlier extraction."""
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out}: not a folder; give --out a folder to write the candidates to")
    out.mkdir(parents=True, exist_ok=True)
    ours = {ARCHIVE_MANIFEST_FILE, PROBLEMS_FILE, _TABLES, _YAML}
    strangers = sorted(p.name for p in out.iterdir() if p.name not in ours and not p.name.startswith("."))
    if strangers:
        raise FileExistsError(
            f"{out}: holds files that are not an extraction's ({', '.join(strangers[:3])}); "
            "give an empty folder, or one an earlier `ledger extract` wrote"
        )
    (out / _TABLES).mkdir(exist_ok=True)
    (out / _YAML).mkdir(exist_ok=True)


def _run_here(pieces: list[Piece], out: str, options: dict[str, Any], progress: bool) -> list[_PieceResult]:
    total = sum(p.articles for p in pieces)
    bar = _Bar(total) if progress else None
    try:
        return [_extract_piece(piece, out, options, bar.advance if bar else None) for piece in pieces]
    finally:
        if bar:
            bar.close()


def _extract_piece(
    piece: Piece, out: str, options: dict[str, Any], advance: Callable[[int], None] | None = None
) -> _PieceResult:
    """Run on a worker (or here): read one partition, extract each article, write its table and YAML files."""
    rows: list[tuple[Article, Candidate]] = []
    yamls: dict[str, str] = {}
    problems: list[ArticleProblem] = []
    ids: list[str] = []
    places: list[int | None] = []
    articles = with_candidates = 0
    for place, found in enumerate(read_piece(piece)):
        if advance is not None:
            advance(1)
        if isinstance(found, ArticleProblem):
            problems.append(found)
            continue
        try:
            candidates = extract(found.text, found.published_on, **options)
        except ArticleTooLongError as refusal:
            problems.append(_too_long(found, refusal))  # refused and counted; the other articles go on
            continue
        except Exception as exc:  # a bug for one article must not lose the archive; it is reported, not skipped
            problems.append(_failed(found, exc))
            continue
        articles += 1
        ids.append(found.id)
        places.append(place if piece.kind == "folder" else found.line)
        if candidates:
            with_candidates += 1
            rows.extend((found, c) for c in candidates)
            yamls[_yaml_name(found.id, yamls)] = candidates_to_yaml(candidates, url=found.url, title=found.title)
    _write_piece(Path(out), piece.number, _table(rows), yamls)
    return _PieceResult(
        piece.number,
        articles,
        with_candidates,
        len(rows),
        problems,
        pa.array(ids, pa.string()),
        pa.array(places, pa.int64()),
    )


def _too_long(article: Article, refusal: ArticleTooLongError) -> ArticleProblem:
    message = f"article {article.id!r} not extracted: {refusal}"
    unit = "row" if article.path.endswith((".parquet", ".pq")) else "line"
    return ArticleProblem("article_too_long", article.path, article.line, None, None, message, unit)


def _failed(article: Article, exc: Exception) -> ArticleProblem:
    message = f"extracting article {article.id!r} failed ({type(exc).__name__}: {exc}); please report it"
    unit = "row" if article.path.endswith((".parquet", ".pq")) else "line"
    return ArticleProblem("extract_failed", article.path, article.line, None, None, message, unit)


def _yaml_name(article_id: str, taken: dict[str, str]) -> str:
    """``<id>.yaml``, or ``<id>.2.yaml`` ... for an id this partition already wrote (a duplicate_id problem)."""
    name, n = f"{article_id}.yaml", 1
    while name in taken:
        n += 1
        name = f"{article_id}.{n}.yaml"
    return name


def _table(rows: list[tuple[Article, Candidate]]) -> pa.Table:  # one piece: a column per field
    """The candidates of a partition as a table of ``CANDIDATE_SCHEMA``."""
    windows = [c.window for _, c in rows]
    columns = {
        "article_id": [a.id for a, _ in rows],
        "url": [a.url for a, _ in rows],
        "published_on": [a.published_on for a, _ in rows],
        "source": [a.path for a, _ in rows],
        "line": [a.line for a, _ in rows],
        "candidate_id": [c.id for _, c in rows],
        "actor": [c.actor for _, c in rows],
        "organisation": [c.organisation for _, c in rows],
        "text": [c.text for _, c in rows],
        "quote": [c.quote for _, c in rows],
        "sentence": [c.sentence for _, c in rows],
        "sentence_start": [c.sentence_span[0] for _, c in rows],
        "sentence_end": [c.sentence_span[1] for _, c in rows],
        "phrase": [c.deadline.text for _, c in rows],
        "phrase_start": [c.deadline.start for _, c in rows],
        "phrase_end": [c.deadline.end for _, c in rows],
        "stated_on": [c.stated_on for _, c in rows],
        "stated_phrase": [c.stated_phrase for _, c in rows],
        "earliest": [w.earliest for w in windows],
        "due": [w.due for w in windows],
        "latest": [w.latest for w in windows],
        "kind": [w.kind for w in windows],
        "bound": [w.bound for w in windows],
        "rule": [w.rule for w in windows],
        "confidence": [c.confidence for _, c in rows],
        "hedged": [w.hedged for w in windows],
        "vague": [w.vague for w in windows],
        "stated_approximate": [c.stated_approximate for _, c in rows],
        "resets": [c.resets for _, c in rows],
        "supersedes": [c.supersedes for _, c in rows],
        "reasons": [list(c.reasons) for _, c in rows],
    }
    arrays = []
    for field in CANDIDATE_SCHEMA:
        values = columns[field.name]
        if pa.types.is_dictionary(field.type):
            arrays.append(pa.array(values, pa.string()).dictionary_encode().cast(field.type))
        else:
            arrays.append(pa.array(values, field.type))
    return pa.Table.from_arrays(arrays, schema=CANDIDATE_SCHEMA)


def _write_piece(out: Path, number: int, table: pa.Table, yamls: dict[str, str]) -> None:
    """The partition's table (atomically), then its YAML folder (written aside, renamed into place)."""
    name = f"part-{number:05d}"
    write_parquet(table, out / _TABLES / f"{name}.parquet")
    target = out / _YAML / name
    aside = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out / _YAML))
    try:
        for file_name, text in yamls.items():
            write_text_atomic(text, aside / file_name)
        old = None
        if target.exists():
            old = target.rename(out / _YAML / f".{name}.old-{os.getpid()}-{time.monotonic_ns()}")
        aside.rename(target)
    except BaseException:
        shutil.rmtree(aside, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_stale(out: Path, current: set[str]) -> None:
    """Partitions an earlier, larger run left, and folders a killed run left aside."""
    for path in (out / _TABLES).glob("part-*.parquet"):
        if path.stem not in current:
            path.unlink()
    for path in (out / _YAML).iterdir():
        if path.name.startswith(".part-") or (path.name.startswith("part-") and path.name not in current):
            shutil.rmtree(path, ignore_errors=True)


def _duplicates(results: list[_PieceResult], pieces: list[Piece]) -> list[ArticleProblem]:
    """An error for each article whose id an earlier article already has, in the archive's order."""
    everything = pa.chunked_array([r.ids for r in results], pa.string())
    counts = pc.value_counts(everything)
    twice = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
    if len(twice) == 0:
        return []
    by_number = {piece.number: piece for piece in pieces}
    seen: dict[str, str] = {}
    problems = []
    for result in results:
        piece = by_number[result.number]
        for at in pc.indices_nonzero(pc.is_in(result.ids, value_set=twice)).to_pylist():
            article_id, place = result.ids[at].as_py(), result.places[at].as_py()
            if piece.kind == "folder":
                path, line, unit = str(Path(piece.path) / piece.names[place]), None, "line"
            else:
                path, line, unit = piece.path, place, "row" if piece.kind == "parquet" else "line"
            if article_id not in seen:
                seen[article_id] = path if line is None else f"{path} {unit} {line}"
                continue
            message = f"the id is already used by the article at {seen[article_id]}; give each article its own id"
            problems.append(ArticleProblem("duplicate_id", path, line, "id", article_id, message, unit))
    return problems


def _manifest(source, kind, partition_size, default_actor, results: list[_PieceResult], problems: int) -> dict:
    return {
        "format": _FORMAT,
        "ledger_version": __version__,
        "source": str(source),
        "source_kind": kind,
        "partition_size": partition_size,
        "default_actor": default_actor,
        "articles": sum(r.articles for r in results),
        "articles_with_candidates": sum(r.with_candidates for r in results),
        "candidates": sum(r.candidates for r in results),
        "problems": problems,
        "partitions": [
            {
                "candidates": f"{_TABLES}/part-{r.number:05d}.parquet",
                "yaml": f"{_YAML}/part-{r.number:05d}",
                "articles": r.articles,
                "with_candidates": r.with_candidates,
                "candidate_rows": r.candidates,
            }
            for r in results
        ],
    }


class _Bar:
    """A progress bar of articles on stderr, redrawn at most ten times a second."""

    def __init__(self, total: int):
        self.total, self.done, self.started, self.drawn = total, 0, time.perf_counter(), 0.0

    def advance(self, n: int) -> None:
        self.done += n
        now = time.perf_counter()
        if now - self.drawn >= 0.1 or self.done == self.total:
            self.drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        width = 30
        filled = width * self.done // self.total if self.total else width
        rate = self.done / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate if rate else 0.0
        line = f"\r[{'#' * filled}{'-' * (width - filled)}] {self.done:,}/{self.total:,} articles"
        print(f"{line}, {rate:,.0f}/s, {left:,.0f}s left".ljust(79), end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.drawn == 0.0 or self.done != self.total:
            self._draw(time.perf_counter())  # where it stopped, if an error stopped it
        print(file=sys.stderr)
