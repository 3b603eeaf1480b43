"""Convert a ledger between a YAML file and a CSV pair, losing nothing without saying so.

The input is loaded (it must load clean), written with ``dump_yaml`` or
``dump_csv`` (and an ``actors.csv`` when it has actors), and the output is
loaded again before it is put in place: it must give back an equal ledger and
the same actors, or nothing is written and the record that would change is
named. A CSV pair has no place for a YAML file's ``title`` and
``description``; they are named in ``left_out``. The output replaces an
existing file only with ``force``; it is written atomically, a pair as a set
(``ledger.io.atomic.replace_together``), under the ledger's lock.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "pair"
>>> done = convert("fixtures/examples/example.yaml", out)
>>> done.ok, [pathlib.Path(p).name for p in done.written], done.left_out
(True, ['commitments.csv', 'events.csv', 'actors.csv'], ('title', 'description'))
>>> convert(out, out.with_name("again.yaml")).result.summary()
'4 commitments, 4 events, no problems'
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from ledger.core.fields import Kind, declared
from ledger.core.formats import plural
from ledger.core.records import Actor
from ledger.io.append import ledger_files, ledger_lock
from ledger.io.atomic import (
    discard,
    flush_to_disk,
    replace_together,
    temporary_beside,
    writable,
    write_text_atomic,
)
from ledger.io.dump import dump_csv, dump_yaml
from ledger.io.entries import ACTOR_FIELDS
from ledger.io.layout import MULTI_SEPARATOR, SOURCE_READ
from ledger.io.loader import LoadResult, load

__all__ = ["Converted", "actors_csv", "convert"]


def _texts(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class Converted:
    """What ``convert`` returns: the files written, what had no place in them, or why nothing was written.

    >>> Converted("a.yaml", None, refusal="no").ok
    False
    """

    source: str
    #: The input as loaded (None when it could not be looked at).
    result: LoadResult | None
    written: tuple[str, ...] = attrs.field(converter=_texts, default=(), kw_only=True)
    #: Fields of the input the output format has no place for (a YAML file's title and description in a CSV pair).
    left_out: tuple[str, ...] = attrs.field(converter=_texts, default=(), kw_only=True)
    refusal: str | None = attrs.field(default=None, kw_only=True)

    @property
    def ok(self) -> bool:
        """True when the output was written."""
        return self.refusal is None


def actors_csv(actors: Sequence[Actor]) -> str:
    """The text of an ``actors.csv`` (aliases separated by ' | '), as ``load`` reads it.

    >>> actors_csv([Actor(name="Mayor Ada Example", aliases=["Ada Example"], kind="person")]).splitlines()
    ['name,aliases,kind,organisation', 'Mayor Ada Example,Ada Example,person,']
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ACTOR_FIELDS)
    for actor in actors:
        for alias in actor.aliases:
            if MULTI_SEPARATOR in alias:
                raise ValueError(f"alias {alias!r} holds {MULTI_SEPARATOR!r}, which separates values in a CSV cell")
        aliases = f" {MULTI_SEPARATOR} ".join(actor.aliases)
        writer.writerow([actor.name, aliases, actor.kind or "", actor.organisation or ""])
    return buffer.getvalue()


def _description(files: Sequence[str]) -> str | None:
    """The ``description`` of a single YAML input file, which ``LoadResult`` does not keep."""
    if len(files) != 1 or Path(files[0]).suffix.lower() not in (".yaml", ".yml"):
        return None
    root = yaml.compose(
        Path(files[0]).read_text(encoding="utf-8-sig"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "description" and isinstance(value, yaml.ScalarNode) and value.value.strip():
                return value.value
    return None


def _outputs(target: Path, result: LoadResult, description: str | None) -> tuple[dict[Path, str], tuple[str, ...]]:
    """The output files' texts, and what has no place in them."""
    if target.suffix.lower() in (".yaml", ".yml"):
        text = dump_yaml(result.ledger, title=result.title, description=description, actors=result.actors)
        return {target: text}, ()
    folder = target.parent if target.suffix.lower() == ".csv" else target
    commitments, events = dump_csv(result.ledger)
    texts = {folder / "commitments.csv": commitments, folder / "events.csv": events}
    if result.actors or (folder / "actors.csv").exists():
        texts[folder / "actors.csv"] = actors_csv(result.actors)
    left_out = tuple(name for name, value in (("title", result.title), ("description", description)) if value)
    return texts, left_out


def _separator_in(record: Any) -> tuple[str, str] | None:
    """The first field of ``record`` that goes into a shared CSV cell (tags, sources) holding '|', and its value."""
    for f in declared(type(record)):
        value = getattr(record, f.name)
        if f.kind is Kind.TEXTS:
            for text in value:
                if MULTI_SEPARATOR in text:
                    return f.name, text
        elif f.kind is Kind.RECORDS:
            for n, source in enumerate(value, 1):
                for s in SOURCE_READ:
                    text = getattr(source, s.name)
                    if isinstance(text, str) and MULTI_SEPARATOR in text:
                        return f"source {n}'s {s.name}", text
    return None


def _holding(result: LoadResult) -> str | None:
    """The first value ``dump_csv`` or ``actors_csv`` cannot write, with its entry and field, as a sentence.

    Each record is looked at alone, so the entry named is the one holding the value.
    """
    where: tuple[str, str, str] | None = None
    for c in result.ledger.commitments:
        found = _separator_in(c)
        if found:
            where = (f"commitment {c.id!r}", *found)
            break
        for n, event in enumerate(result.ledger.events_for(c.id), 1):
            found = _separator_in(event)
            if found:
                where = (f"event {n} of commitment {c.id!r}", *found)
                break
        if where:
            break
    for actor in result.actors if where is None else ():
        for alias in actor.aliases:
            if MULTI_SEPARATOR in alias and where is None:
                where = (f"actor {actor.name!r}", "alias", alias)
    if where is None:
        return None
    entry, field, value = where
    return (
        f"{entry}, {field}: {value!r} holds {MULTI_SEPARATOR!r}, which separates values in a CSV cell; "
        "write it without '|', or keep the ledger in YAML"
    )


def _first_change(before: LoadResult, after: LoadResult) -> str:
    for kind in ("commitments", "events"):
        for old, new in zip(getattr(before.ledger, kind), getattr(after.ledger, kind)):
            if old != new:
                fields = [
                    a.name for a in attrs.fields(type(old)) if a.eq and getattr(old, a.name) != getattr(new, a.name)
                ]
                what = f"commitment {old.id!r}" if kind == "commitments" else f"an event of {old.commitment_id!r}"
                return f"{what} would change in its {', '.join(fields)} ({getattr(old, fields[0])!r})"
    if before.actors != after.actors:
        return "the actors would change"
    return "the number of entries would change"


def convert(
    source: str | os.PathLike, target: str | os.PathLike, *, force: bool = False, dates: str | None = None
) -> Converted:
    """Write the ledger at ``source`` (a YAML file, or a CSV pair: its folder or a file of it) to ``target``.

    ``target`` ending in .yaml or .yml is a YAML file; anything else is a CSV
    pair (a folder, or a commitments.csv in one). See the module docstring.
    """
    files = ledger_files(Path(source))
    result = load(*files, dates=dates) if files else load(source, dates=dates)
    if result.errors:
        return Converted(
            str(source), result, refusal=f"{source} has {plural(len(result.errors), 'error')}; nothing written"
        )
    target = Path(target)
    try:
        texts, left_out = _outputs(target, result, _description(result.files))
    except ValueError as exc:
        return Converted(str(source), result, refusal=f"{_holding(result) or exc}; nothing written")
    lock_target = next(iter(texts))
    lock_target.parent.mkdir(parents=True, exist_ok=True)
    with ledger_lock(lock_target):
        there = [str(p) for p in texts if p.exists()]
        if there and not force:
            return Converted(
                str(source), result, refusal=f"{', '.join(there)} already exists; pass --force to replace it"
            )
        read_only = [str(p) for p in texts if not writable(p)]
        if read_only:
            return Converted(
                str(source),
                result,
                refusal=f"{', '.join(read_only)} is read-only (no write permission); nothing written",
            )
        data = {path: text.encode("utf-8") for path, text in texts.items()}
        again = load(*texts, dates=dates, texts={str(path): content for path, content in data.items()})
        if again.errors or again.ledger != result.ledger or again.actors != result.actors:
            why = _first_change(result, again) if not again.errors else str(again.errors[0])
            return Converted(str(source), result, refusal=f"{why} in {target}; nothing written")
        if len(data) == 1:
            write_text_atomic(texts[lock_target], lock_target)
        else:
            moves: list[tuple[str, Path]] = []
            try:
                for path, content in data.items():
                    moves.append((temporary_beside(path), path))
                    Path(moves[-1][0]).write_bytes(content)
                    flush_to_disk(moves[-1][0])
            except BaseException:
                for tmp, _ in moves:
                    discard(tmp)
                raise
            replace_together(moves, lock_target.parent)
    return Converted(str(source), result, written=[str(p) for p in texts], left_out=left_out)
