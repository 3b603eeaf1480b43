"""One actor is one actor: the ``actors`` section read into names, and the names a desk editor would query.

A ledger may list its actors (YAML ``actors:`` or ``actors.csv``): each has
a canonical name and the aliases it is also written as. The loader reads
every commitment's actor through that table (``canonical_names``), so the
statistics count "Musk" and "Elon Musk" once. Names the table does not join
but that look like one actor -- the same but for case, spacing or
punctuation, or a surname alone -- are warnings (``similar_actor_warnings``):
the editor decides, ledger never merges two names on a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from ledger.core.records import Actor
from ledger.io.problems import Collector

__all__ = ["ActorUse", "actor_key", "canonical_names", "similar_actor_warnings"]


def canonical_names(actors: Iterable[Actor], out: Collector) -> dict[str, str]:
    """Every name and alias of the declared actors, mapped to the canonical name.

    A name claimed twice (two actors, or an alias that is another actor's
    name) is an error; the first claim holds.

    >>> out = Collector()
    >>> canonical_names([Actor(name="Elon Musk", aliases=["Musk"])], out)
    {'Elon Musk': 'Elon Musk', 'Musk': 'Elon Musk'}
    """
    names: dict[str, str] = {}
    claimed_at: dict[str, Actor] = {}
    for actor in actors:
        for name in (actor.name, *actor.aliases):
            first = claimed_at.get(name)
            if first is None:
                names[name] = actor.name
                claimed_at[name] = actor
            elif first is not actor and names[name] != actor.name:
                where = actor.origin or first.origin
                field = "aliases" if name != actor.name else "name"
                out.add(
                    "duplicate_actor",
                    where.path if where else "<actors>",
                    where.line if where else None,
                    field,
                    f"{name!r} (in {field} of actor {actor.name!r}) is already a name of {names[name]!r}"
                    f"{f' at {first.origin}' if first.origin else ''}; one name belongs to one actor "
                    f"(statistics count {name!r} as {names[name]!r})",
                )
    return names


class ActorUse(NamedTuple):
    """One commitment's actor as the statistics will count it, and where it was written."""

    name: str
    path: str
    line: int | None


_PUNCTUATION = re.compile(r"[^\w\s]")


def actor_key(name: str) -> str:
    """What is left of a name without case, accents' spacing, punctuation and spaces: equal keys, one actor?

    >>> actor_key("Elon  Musk"), actor_key("elon musk."), actor_key("ElonMusk")
    ('elonmusk', 'elonmusk', 'elonmusk')
    """
    return "".join(_PUNCTUATION.sub("", unicodedata.normalize("NFKC", name)).casefold().split())


def _words(name: str) -> list[str]:
    return _PUNCTUATION.sub(" ", unicodedata.normalize("NFKC", name)).casefold().split()


def _how(variant: str, name: str) -> str:
    if variant.casefold() == name.casefold():
        return "only in case"
    if variant.replace(" ", "").casefold() == name.replace(" ", "").casefold():
        return "only in spacing"
    return "only in punctuation"


def _alias_hint(variant: str, name: str) -> str:
    return (
        f"if they are one actor, add it as an alias in the ledger's actors section "
        f"(actors: [{{name: {name}, aliases: [{variant}]}}]) or actors.csv, and statistics will count them as one"
    )


def similar_actor_warnings(uses: Iterable[ActorUse], declared: Mapping[str, str], out: Collector) -> None:
    """Warn once per actor name that looks like another's: at its first use, with the alias to add.

    ``declared`` is ``canonical_names``' table: two names both declared as
    actors of their own are never queried.
    """
    first: dict[str, ActorUse] = {}
    count: dict[str, int] = {}
    for use in uses:
        first.setdefault(use.name, use)
        count[use.name] = count.get(use.name, 0) + 1
    canonical = set(declared.values())
    by_key: dict[str, list[str]] = {}
    for name in first:
        by_key.setdefault(actor_key(name), []).append(name)
    queried: set[str] = set()
    seen = list(first)
    main_of: dict[str, str] = {}
    for names in by_key.values():
        # The name to suggest: a declared one, else the most used (the first seen on a tie).
        main = max(names, key=lambda n: (n in canonical, count[n], -seen.index(n)))
        main_of.update((n, main) for n in names)
        for variant in names:
            if variant == main or variant in canonical:
                continue
            queried.add(variant)
            _warn(out, first[variant], count[variant], f"differs from {main!r} {_how(variant, main)}", variant, main)
    # A surname alone ("Musk") beside a full name that ends in it ("Elon Musk").
    by_last: dict[str, list[str]] = {}
    for name in first:
        words = _words(name)
        if len(words) > 1 and main_of[name] not in by_last.get(words[-1], []):
            by_last.setdefault(words[-1], []).append(main_of[name])
    for name in first:
        words = _words(name)
        if len(words) != 1 or name in queried or name in canonical or words[0] not in by_last:
            continue
        fulls = sorted(by_last[words[0]], key=lambda n: (-count[n], n))
        listed = " or ".join(repr(n) for n in fulls)
        _warn(out, first[name], count[name], f"may be the surname of {listed}", name, fulls[0])


def _warn(out: Collector, use: ActorUse, uses: int, how: str, variant: str, main: str) -> None:
    times = f" (written so in {uses} commitments)" if uses > 1 else ""
    out.warn(
        "similar_actors",
        use.path,
        use.line,
        "actor",
        f"actor {variant!r}{times} {how}; {_alias_hint(variant, main)}",
    )
