"""The ledger's integrity rules: what must hold across records, listed once.

Each rule is a ``Rule``: a stable code and a sentence (the loader's
``ERROR_CODES`` and ``docs/format.md`` use both), and the field it is about.
Three places enforce them, with the same codes:

- ``Ledger(...)`` and ``evaluate`` call ``check_links``, which checks whole
  columns and raises ``IntegrityError`` (a ``FieldValueError``, so a
  ``ValueError``) for the first broken rule, in the order of ``RULES``;
- the record validators raise it for the two rules one record can break on
  its own (``supersedes_self``, ``unknown_event_type``);
- the loader reports every broken rule as a located ``LoadError`` with the
  rule's code, and leaves out what breaks one (``ledger.io.linking``).

``tests/core/test_integrity.py`` holds one table of broken ledgers that all
three must refuse with the same code.

>>> [rule.code for rule in RULES][:3]
['duplicate_id', 'unknown_commitment', 'event_before_stated']
>>> str(IntegrityError("supersedes_self", "a", "'a' resetting itself"))
"'supersedes' must name another commitment (got 'a' resetting itself) [supersedes_self]"
"""

from __future__ import annotations

import datetime as _dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ledger.core.errors import FieldValueError
from ledger.core.vocabulary import EVENT_TYPES

__all__ = ["RULES", "IntegrityError", "Links", "Rule", "check_links", "rule"]


@attrs.frozen
class Rule:
    """One integrity rule: its code, what breaking it means, and what it asks of which field."""

    code: str
    #: What breaking the rule means, as ``ERROR_CODES`` and docs/format.md say it.
    sentence: str
    #: The field the rule is about, named in errors.
    field: str
    #: What the field must do, completing "'field' must ...".
    requirement: str


#: Every integrity rule, in the order they are checked: ids are unique
#: before anything is looked up by id, references resolve before their
#: dates are compared, and resets only go back in time before cycles are
#: looked for (so a cycle can only join same-day commitments).
RULES: tuple[Rule, ...] = (
    Rule("duplicate_id", "two commitments share an id", "id", "be unique within the ledger"),
    Rule(
        "unknown_commitment",
        "an event names a commitment id the ledger does not have",
        "commitment_id",
        "name a commitment of the ledger",
    ),
    Rule(
        "event_before_stated",
        "an event is dated before its commitment was stated",
        "on",
        "not be before the commitment was stated",
    ),
    Rule(
        "supersedes_unknown",
        "supersedes names a commitment id the ledger does not have",
        "supersedes",
        "name a commitment of the ledger",
    ),
    Rule("supersedes_self", "a commitment supersedes itself", "supersedes", "name another commitment"),
    Rule(
        "supersedes_later",
        "a commitment supersedes one stated after it",
        "supersedes",
        "name a commitment stated on or before this one",
    ),
    Rule("supersedes_cycle", "supersedes links form a cycle", "supersedes", "not form a cycle"),
    Rule(
        "supersedes_twice", "two commitments supersede the same one", "supersedes", "name each commitment at most once"
    ),
    Rule(
        "unknown_event_type",
        "an event type is not one of the closed set",
        "type",
        "be one of " + ", ".join(EVENT_TYPES),
    ),
)

_BY_CODE = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    """The rule with this code; KeyError names the code if there is none.

    >>> rule("supersedes_cycle").sentence
    'supersedes links form a cycle'
    """
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"no integrity rule with code {code!r}") from None


class IntegrityError(FieldValueError):
    """A ledger breaks an integrity rule. ``code`` is the rule's; the message ends with it in brackets.

    ``got`` is the offending value; ``shown`` (optional) says it with its
    context ("'b' resetting 'a', stated later").
    """

    def __init__(self, code: str, got: Any, shown: str | None = None):
        broken = rule(code)
        self.code = code
        self.field, self.expected, self.got = broken.field, broken.requirement, got
        # Not FieldValueError's "'field' must be ...": a rule's requirement has its own verb.
        ValueError.__init__(self, f"{broken.field!r} must {broken.requirement} (got {shown or repr(got)}) [{code}]")


class Links(NamedTuple):
    """What ``check_links`` found: every reference as a row number."""

    #: The row of each event's commitment.
    event_commitment: np.ndarray
    #: The row of the commitment each commitment supersedes, -1 for none.
    superseded: np.ndarray
    #: Each event's type as its index in EVENT_TYPES.
    event_type: np.ndarray


_EPOCH = _dt.date(1970, 1, 1)


def _day(number: int) -> _dt.date:
    return _EPOCH + _dt.timedelta(days=int(number))


def _chunked(column: pa.Array | pa.ChunkedArray) -> pa.ChunkedArray:
    return column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([column], column.type)


def _numbered(
    ids: pa.ChunkedArray, commitment_ids: pa.ChunkedArray, supersedes: pa.ChunkedArray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every id, event reference and reset of the ledger, numbered in order of first appearance.

    One hash table answers every look-up: when the ids are unique they are
    numbered 0 to n - 1 in order, so a reference's number is the row it
    names (n or more: no such commitment). Nulls are -1. Only what can differ
    is hashed: an event's reference once per run of equal ones (a ledger
    keeps each commitment's events together) and the resets that are given,
    a third fewer strings than every column whole at a million rows.

    >>> [a.tolist() for a in _numbered(*(pa.chunked_array([x], pa.string()) for x in
    ...     (["a", "b"], ["b", "b", "x", "b"], [None, "a"])))]
    [[0, 1], [1, 1, 2, 1], [-1, 0]]
    """
    references = _one_array(commitment_ids)
    n_events = len(references)
    # Where a run of equal references begins (a null begins its own: not equal to anything).
    begins = np.ones(n_events, dtype=bool)
    if n_events > 1:
        same = pc.equal(references.slice(1), references.slice(0, n_events - 1))
        begins[1:] = ~pc.fill_null(same, False).to_numpy(zero_copy_only=False)
    heads = np.flatnonzero(begins)
    given = np.flatnonzero(supersedes.is_valid().to_numpy(zero_copy_only=False))
    columns = (ids, pa.chunked_array([references.take(pa.array(heads))]), pc.drop_null(supersedes))
    strings = sum(len(column) for column in columns)
    if strings >= _IN_PARTS_FROM and all(column.type == pa.string() for column in columns):
        found = _numbers_in_parts(*columns)
    else:
        found = _numbers_in_one(*columns)
    n = len(ids)
    own, head_numbers = found[:n], found[n : n + heads.size]
    # Each event takes its run's number.
    events = head_numbers[np.cumsum(begins) - 1] if n_events else np.zeros(0, dtype=np.int64)
    target = np.full(len(supersedes), -1, dtype=np.int64)
    target[given] = found[n + heads.size :]
    return own, events, target


#: Strings at and above which ``_numbered`` hashes them in parts, in two threads (a million commitments hash
#: about 1.9 million: ids, the heads of the events' runs, the resets).
_IN_PARTS_FROM = 200_000


def _numbers_in_one(*columns: pa.ChunkedArray) -> np.ndarray:
    """Every string of ``columns``, one after another, numbered in order of first appearance; null: -1.

    >>> _numbers_in_one(*(pa.chunked_array([x], pa.string()) for x in (["a", "b"], ["b", None, "c"]))).tolist()
    [0, 1, 1, -1, 2]
    """
    every_id = pa.chunked_array([chunk for column in columns for chunk in column.chunks], pa.string())
    numbered = pc.dictionary_encode(every_id)
    first = numbered.chunks[0].dictionary if numbered.num_chunks else None
    if not all(chunk.dictionary.equals(first) for chunk in numbered.chunks[1:]):
        # Each chunk numbered on its own: renumber all against one dictionary,
        # which keeps the order of first appearance.
        numbered = pa.table({"id": numbered}).unify_dictionaries()["id"]
    return np.concatenate(
        [pc.fill_null(chunk.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64) for chunk in numbered.chunks]
        or [np.zeros(0, dtype=np.int64)]
    )


def _numbers_in_parts(ids: pa.ChunkedArray, *references: pa.ChunkedArray) -> np.ndarray:
    """What ``_numbers_in_one`` gives for ``ids`` then ``references`` where that matters: each id its
    row while the ids are unique (the first repeated id, or null, the first row numbered otherwise), each
    reference the row of its id, ``len(ids)`` for no such id, -1 for null.

    The strings are sorted into ``_PARTS`` parts by a number made of their bytes and length (equal
    strings, one part; within a part, the ids first, in row order) and each part hashed on its own: a
    part's hash table fits the processor's cache, where one table of every id does not, and the parts
    are shared by two threads (Arrow hashes without the GIL). At a million commitments, about a third
    less CPU than one table and half that wall time; no more memory.

    >>> columns = (pa.chunked_array([x], pa.string()) for x in (["a", "b", "c"], ["c", None, "x", "a"]))
    >>> _numbers_in_parts(*columns).tolist()
    [0, 1, 2, 2, -1, 3, 0]
    """
    # Each column as one array: a chunked array's take joins its chunks again for every part.
    columns = [_one_array(column) for column in (ids, *references)]
    firsts = np.cumsum([0] + [len(column) for column in columns])
    part = np.concatenate([_part(column) for column in columns])
    # Where each part's strings are; stable, so each part holds its ids first, in row order.
    order = np.argsort(part, kind="stable")
    sizes = np.bincount(part, minlength=_PARTS)
    ids_in = np.bincount(part[: len(ids)], minlength=_PARTS)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    del part
    found = np.empty(int(firsts[-1]), dtype=np.int64)

    def number(first: int, last: int) -> None:
        """Number the strings of parts ``first`` to ``last`` (not included), into ``found``."""
        for part_number in range(first, last):
            where = order[starts[part_number] : starts[part_number + 1]]
            if not where.size:
                continue
            # The part's strings of each column (ascending: each column's come one after another).
            cut = np.searchsorted(where, firsts)
            strings = pa.chunked_array(
                [column.take(pa.array(where[a:b] - at)) for column, at, a, b in zip(columns, firsts, cut, cut[1:])],
                pa.string(),
            )
            numbers = np.concatenate(
                [
                    pc.fill_null(chunk.indices, -1).to_numpy(zero_copy_only=False)
                    for chunk in pc.dictionary_encode(strings).chunks
                ]
            )
            # A number below the part's count of ids is the position of an id among the part's strings,
            # which are in row order: where that string is is its row. Beyond them, no id.
            known = int(ids_in[part_number])
            rows = where[np.minimum(numbers, known - 1)]  # (-1: the last, for a number that is not a row)
            found[where] = np.where(numbers < 0, -1, np.where(numbers < known, rows, len(ids)))

    # Two threads, each with about half the strings.
    middle = int(np.searchsorted(starts, starts[-1] // 2))
    with ThreadPoolExecutor(max_workers=1) as pool:
        other = pool.submit(number, middle, _PARTS)
        number(0, middle)
        other.result()
    return found


#: How many parts ``_numbers_in_parts`` hashes (a power of two).
_PARTS = 16


def _part(strings: pa.StringArray) -> np.ndarray:
    """A number below ``_PARTS`` for each string, of its bytes and its length: equal strings, equal numbers.

    >>> _part(pa.array(["a", "b", "", "b", "ab", None])).tolist()[:5]
    [5, 3, 0, 3, 13]
    """
    _, offsets, data = strings.buffers()
    ends = np.frombuffer(offsets, dtype=np.int32)[strings.offset : strings.offset + len(strings) + 1]
    length = np.diff(ends).astype(np.uint32)
    mixed = length * np.uint32(0x01000193)
    if data is not None and ends.size and ends[-1] > ends[0]:
        data_bytes = np.frombuffer(data, dtype=np.uint8)[: ends[-1]]
        # The exclusive or of each string's bytes, in one pass over them (in bytes: a sum in wider numbers
        # would first copy every byte wider). The strings from the end of the last bytes on are empty, and
        # left out (a reduction must begin within the bytes); an empty string before them is given the
        # next string's first byte, which is not its own: it is set to 0.
        within = int(np.searchsorted(ends[:-1], ends[-1]))
        combined = np.zeros(len(strings), dtype=np.uint8)
        combined[:within] = np.bitwise_xor.reduceat(data_bytes, ends[:within])
        combined[length == 0] = 0
        mixed ^= combined.astype(np.uint32) * np.uint32(0x9E3779B1)
    # The top bits of a multiplicative hash are its best mixed.
    return ((mixed * np.uint32(0x9E3779B1)) >> np.uint32(33 - _PARTS.bit_length())).astype(np.uint8)


def check_links(
    ids: pa.Array | pa.ChunkedArray,
    supersedes: pa.Array | pa.ChunkedArray,
    commitment_ids: pa.Array | pa.ChunkedArray,
    types: pa.Array | pa.ChunkedArray,
    stated: np.ndarray,
    on: np.ndarray,
    *,
    stored_rows: tuple[pa.Array | pa.ChunkedArray, pa.Array | pa.ChunkedArray, pa.Array | pa.ChunkedArray | None]
    | None = None,
) -> Links:
    """Check every integrity rule on a ledger's columns, and return its references as row numbers.

    ``ids``, ``supersedes`` and ``stated`` (day numbers since 1970-01-01)
    are the commitments' columns; ``commitment_ids``, ``types`` and ``on``
    the events'. Raises ``IntegrityError`` for the first rule of ``RULES``
    that a row breaks. Whole columns, one hash table: a million commitments
    take well under a second.

    ``stored_rows``: the rows the references name as ``ledger tables`` stores them (each event's
    commitment row, each commitment's reset row, null for none) and each id's rank among the ids
    (None: not stored), if the tables have them. They are not trusted: the ids in the order of their
    ranks must be strictly increasing (so unique; without ranks, or if they are not, the ids are
    hashed), and each stored row must hold the id its reference names, by a gather and a compare.
    Rows that do not check out (a table edited by another tool, with stale rows) are set aside and the
    references hashed as without them: the links, and the error a broken ledger gets, are the same (for the
    string columns the tables hold; other types the hash refuses may be linked here).

    >>> import pyarrow as pa, numpy as np
    >>> links = check_links(pa.array(["a", "b"]), pa.array([None, "a"]), pa.array(["b"]), pa.array(["broken"]),
    ...                     np.array([0, 1]), np.array([2]))
    >>> links.event_commitment.tolist(), links.superseded.tolist(), links.event_type.tolist()
    ([1], [-1, 0], [2])
    >>> none = pa.array([], pa.string())
    >>> check_links(pa.array(["a", "a"]), pa.array([None, None], pa.string()), none, none,
    ...             np.array([0, 0]), np.array([], dtype=np.int64))
    Traceback (most recent call last):
    ...
    ledger.core.integrity.IntegrityError: 'id' must be unique within the ledger (got 'a' twice) [duplicate_id]
    """
    ids, supersedes, commitment_ids = _chunked(ids), _chunked(supersedes), _chunked(commitment_ids)
    n = len(ids)
    found = None if stored_rows is None else _stored_links(ids, supersedes, commitment_ids, *stored_rows)
    if found is not None:
        cidx, target = found
    else:
        own, cidx, target = _numbered(ids, commitment_ids, supersedes)
        cidx[cidx >= n] = -1
        target[target >= n] = -1
        if not np.array_equal(own, np.arange(n)):
            row = int(np.flatnonzero(own != np.arange(n))[0])
            raise IntegrityError("duplicate_id", ids[row].as_py(), f"{ids[row].as_py()!r} twice")
    if (cidx < 0).any():  # (with stored rows, an event naming no commitment: null)
        raise IntegrityError("unknown_commitment", commitment_ids[int(np.flatnonzero(cidx < 0)[0])].as_py())
    early = np.flatnonzero(on < stated[cidx]) if cidx.size else np.zeros(0, dtype=np.int64)
    if early.size:
        row = int(early[0])
        raise IntegrityError(
            "event_before_stated",
            _day(on[row]),
            f"an event of {commitment_ids[row].as_py()!r} on {_day(on[row])}, stated on {_day(stated[cidx[row]])}",
        )
    _check_resets(ids, supersedes, target, stated)
    types = _chunked(types)
    type_index = _event_type_numbers(types)
    if (type_index < 0).any():
        raise IntegrityError("unknown_event_type", types[int(np.flatnonzero(type_index < 0)[0])].as_py())
    return Links(cidx, target, type_index)


def _stored_links(
    ids: pa.ChunkedArray,
    supersedes: pa.ChunkedArray,
    commitment_ids: pa.ChunkedArray,
    event_rows: pa.Array | pa.ChunkedArray,
    reset_rows: pa.Array | pa.ChunkedArray,
    id_ranks: pa.Array | pa.ChunkedArray | None = None,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Each event's commitment row and each commitment's reset row (-1: none), from the stored rows, if
    the ids are unique and every stored row holds the id its reference names; else None.

    The ids are unique if in the order of their stored ranks they are strictly increasing (else, or
    with no ranks, they are hashed); a reference holds if its row's id is it. At a million
    commitments a gather and a compare of each column, not 1.9 million strings hashed.

    >>> column = lambda *values: pa.chunked_array([pa.array(values, pa.string())])
    >>> ids, resets, references = column("a", "b"), column(None, "a"), column("b", "b")
    >>> [a.tolist() for a in _stored_links(ids, resets, references, pa.array([1, 1]), pa.array([None, 0]))]
    [[1, 1], [-1, 0]]
    >>> _stored_links(ids, resets, references, pa.array([1, 0]), pa.array([None, 0])) is None  # a stale row
    True
    """
    n = len(ids)
    event_rows, reset_rows = _chunked(event_rows), _chunked(reset_rows)
    lengths = (len(event_rows), len(reset_rows)) == (len(commitment_ids), n)
    if not lengths or not all(pa.types.is_integer(rows.type) for rows in (event_rows, reset_rows)):
        return None
    column = _one_array(ids)  # joined once for the three look-ups below (a take of a chunked array joins it each time)
    if id_ranks is None or not _increasing_by_rank(column, _chunked(id_ranks)):
        own = _numbers_in_parts(ids) if ids.type == pa.string() and n >= _IN_PARTS_FROM else _numbers_in_one(ids)
        if not np.array_equal(own, np.arange(n)):
            return None  # a repeated id (or none): the hash of every string finds which
        del own
    cidx = _checked_rows(column, commitment_ids, event_rows)
    target = _checked_rows(column, supersedes, reset_rows)
    if cidx is None or target is None:
        return None
    return cidx, target


def _one_array(column: pa.ChunkedArray) -> pa.Array:
    """``column`` as one array: its one chunk as it is, or its chunks joined."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _increasing_by_rank(ids: pa.Array, ranks: pa.ChunkedArray) -> bool:
    """Whether ``ranks`` orders the ids (none null) strictly increasing: a place for each id, each place
    once, and each id less than the next in that order (so no two equal).

    >>> column = lambda *values: pa.chunked_array([pa.array(values)])
    >>> _increasing_by_rank(pa.array(["b", "a", "c"]), column(1, 0, 2))
    True
    >>> _increasing_by_rank(pa.array(["b", "a", "a"]), column(2, 0, 1))  # "a" < "a" does not hold
    False
    """
    n = len(ids)
    if len(ranks) != n or not pa.types.is_integer(ranks.type) or ranks.null_count or ids.null_count:
        return False
    if n < 2:
        return True
    numbers = ranks.cast(pa.int64(), safe=False).to_numpy()  # (a rank that wraps around is out of range)
    if numbers.min() < 0 or numbers.max() >= n:
        return False
    order = np.full(n, -1, dtype=np.int64)
    order[numbers] = np.arange(n)
    if (order < 0).any():
        return False  # a place given twice, so another not at all
    in_order = ids.take(pa.array(order))
    return bool(pc.all(pc.less(in_order.slice(0, n - 1), in_order.slice(1))).as_py())


def _checked_rows(ids: pa.Array, references: pa.ChunkedArray, rows: pa.ChunkedArray) -> np.ndarray | None:
    """``rows`` (-1 for null) if each is null exactly where its reference is, and else holds a row whose
    id is the reference; else None."""
    given = references.is_valid().to_numpy(zero_copy_only=False)
    if not np.array_equal(rows.is_valid().to_numpy(zero_copy_only=False), given):
        return None
    # (Not a safe cast: a row that wraps around is out of range, or holds another id, and is refused below.)
    numbers = pc.fill_null(rows.cast(pa.int64(), safe=False), -1).to_numpy()
    every = bool(given.all())
    named = numbers if every else numbers[given]
    if not named.size:
        return numbers
    if named.min() < 0 or named.max() >= len(ids):
        return None
    wanted = references if every else pc.drop_null(references)
    if not pc.all(pc.equal(ids.take(pa.array(named)), wanted)).as_py():
        return None
    return numbers


def _event_type_numbers(types: pa.ChunkedArray) -> np.ndarray:
    """Each event type's index in ``EVENT_TYPES``; -1 for none, or one not of them.

    A dictionary column (as Parquet gives it) has only its few values looked up, not every row
    (at a million events, 0.03 s less).

    >>> _event_type_numbers(pa.chunked_array([pa.array(["note", None, "nope", "note"]).dictionary_encode()])).tolist()
    [5, -1, -1, 5]
    """
    known = pa.array(EVENT_TYPES)
    found = [np.zeros(0, dtype=np.int64)]
    for chunk in types.chunks:
        if pa.types.is_dictionary(chunk.type):
            # Each value's index, and -1 after them for a row without one.
            by_value = pc.fill_null(pc.index_in(chunk.dictionary, value_set=known), -1).to_numpy(zero_copy_only=False)
            by_value = np.append(by_value.astype(np.int64), -1)
            rows = pc.fill_null(chunk.indices, len(chunk.dictionary)).to_numpy(zero_copy_only=False)
            found.append(by_value[rows])
        else:
            index = pc.fill_null(pc.index_in(chunk, value_set=known), -1)
            found.append(index.to_numpy(zero_copy_only=False).astype(np.int64))
    return np.concatenate(found)


def _check_resets(ids: pa.ChunkedArray, supersedes: pa.ChunkedArray, target: np.ndarray, stated: np.ndarray) -> None:
    """The rules of ``supersedes``: known, not itself, not later, no cycle, one reset each."""
    n = len(ids)
    named = supersedes.is_valid().to_numpy(zero_copy_only=False)
    if (named & (target < 0)).any():
        raise IntegrityError("supersedes_unknown", supersedes[int(np.flatnonzero(named & (target < 0))[0])].as_py())
    linked = np.flatnonzero(target >= 0)
    if (target[linked] == linked).any():
        row = int(linked[target[linked] == linked][0])
        raise IntegrityError("supersedes_self", ids[row].as_py(), f"{ids[row].as_py()!r} resetting itself")
    later = linked[stated[target[linked]] > stated[linked]]
    if later.size:
        row = int(later[0])
        raise IntegrityError(
            "supersedes_later",
            supersedes[row].as_py(),
            f"{ids[row].as_py()!r} resetting {ids[int(target[row])].as_py()!r}, stated later",
        )
    cycle = _a_cycle(target, linked[stated[target[linked]] == stated[linked]])
    if cycle:
        shown = " -> ".join(repr(ids[row].as_py()) for row in [*cycle, cycle[0]])
        raise IntegrityError("supersedes_cycle", ids[cycle[0]].as_py(), shown)
    if n and linked.size:
        counts = np.bincount(target[linked], minlength=n)
        if counts.max() > 1:
            twice = int(np.flatnonzero(counts > 1)[0])
            first, second = (int(row) for row in linked[target[linked] == twice][:2])
            raise IntegrityError(
                "supersedes_twice",
                ids[twice].as_py(),
                f"{ids[second].as_py()!r} resetting {ids[twice].as_py()!r}, "
                f"already superseded by {ids[first].as_py()!r}",
            )


def _a_cycle(target: np.ndarray, same_day: np.ndarray) -> list[int]:
    """The rows of one cycle of ``supersedes`` links, or [] when there is none.

    Every link goes back in time or stays on the same day, so a cycle joins
    same-day links only: ``same_day`` (the rows whose link stays on the
    day), which are few. Pointer jumping over them: after k passes each row
    points 2**k links ahead, or to -1 where its chain left them; a row still
    pointing somewhere after enough passes to cover every chain is in a
    cycle or leads into one.
    """
    if not same_day.size:
        return []
    position = np.full(target.size, -1, dtype=np.int64)
    position[same_day] = np.arange(same_day.size)
    ahead = position[target[same_day]]
    for _ in range(int(np.log2(same_day.size)) + 2):
        ahead = np.where(ahead >= 0, ahead[np.maximum(ahead, 0)], -1)
    caught = np.flatnonzero(ahead >= 0)
    if not caught.size:
        return []
    # Walk from a caught row until a row repeats: the repeat starts the cycle.
    row, seen = int(same_day[caught[0]]), dict[int, int]()
    while row not in seen:
        seen[row] = len(seen)
        row = int(target[row])
    return list(seen)[seen[row] :]
