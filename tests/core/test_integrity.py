"""One table of broken ledgers: the loader, Ledger(...) and evaluate refuse each with the same rule code."""

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import ERROR_CODES, Commitment, Event, FieldValueError, Ledger, evaluate
from ledger.core.integrity import RULES, IntegrityError, rule
from tests.helpers import load_doc, plain_doc, plain_tables

AS_OF = dt.date(2026, 1, 1)

# Each ledger breaks exactly one rule. The source and deadline are valid
# everywhere, so the only problem each one has is its rule.
_C = "actor: X, text: t, deadline: soon, sources: [{url: 'https://example.org'}]"
BROKEN = {
    "duplicate_id": f"""
        commitments:
          - {{id: a, stated_on: 2025-01-01, {_C}}}
          - {{id: a, stated_on: 2025-01-02, {_C}}}
        """,
    "unknown_commitment": f"""
        commitments:
          - {{id: a, stated_on: 2025-01-01, {_C}}}
        events:
          - {{commitment_id: zzz, on: 2025-01-03, type: broken}}
        """,
    "event_before_stated": """
        commitments:
          - id: a
            stated_on: 2025-01-05
            actor: X
            text: t
            deadline: soon
            sources: [{url: 'https://example.org'}]
            events:
              - {on: 2025-01-04, type: fulfilled}
        """,
    "supersedes_unknown": f"""
        commitments:
          - {{id: b, stated_on: 2025-01-01, supersedes: zzz, {_C}}}
        """,
    "supersedes_self": f"""
        commitments:
          - {{id: a, stated_on: 2025-01-01, supersedes: a, {_C}}}
        """,
    "supersedes_later": f"""
        commitments:
          - {{id: a, stated_on: 2025-01-05, {_C}}}
          - {{id: b, stated_on: 2025-01-01, supersedes: a, {_C}}}
        """,
    "supersedes_cycle": f"""
        commitments:
          - {{id: a, stated_on: 2025-01-01, {_C}}}
          - {{id: b, stated_on: 2025-01-02, supersedes: d, {_C}}}
          - {{id: c, stated_on: 2025-01-02, supersedes: b, {_C}}}
          - {{id: d, stated_on: 2025-01-02, supersedes: c, {_C}}}
        """,
    "supersedes_twice": f"""
        commitments:
          - {{id: a, stated_on: 2025-01-01, {_C}}}
          - {{id: b, stated_on: 2025-01-02, supersedes: a, {_C}}}
          - {{id: c, stated_on: 2025-01-03, supersedes: a, {_C}}}
        """,
    "unknown_event_type": f"""
        commitments:
          - {{id: a, stated_on: 2025-01-01, {_C}}}
        events:
          - {{commitment_id: a, on: 2025-01-03, type: cancelled}}
        """,
}


def _records(text):
    commitments, events = plain_doc(text)
    return Ledger([Commitment.from_fields(c) for c in commitments], [Event.from_fields(e) for e in events])


def test_the_table_breaks_every_rule_once():
    """Every rule has a broken ledger here, and every rule code is a loader error code with the same sentence."""
    assert set(BROKEN) == {r.code for r in RULES}
    for r in RULES:
        assert ERROR_CODES[r.code] == r.sentence


@pytest.mark.parametrize("code", list(BROKEN))
def test_the_loader_reports_the_rule(code):
    """load_text reports the broken rule, located, with its code and nothing else."""
    result = load_doc(BROKEN[code])
    assert result.errors and {e.code for e in result.errors} == {code}
    assert all(e.line is not None and e.field == rule(code).field for e in result.errors)


@pytest.mark.parametrize("code", list(BROKEN))
def test_ledger_refuses_the_same_content_as_records(code):
    """Ledger(...), built from the same content as records, raises an IntegrityError with the rule's code."""
    with pytest.raises(FieldValueError, match=rf"\[{code}\]$") as info:
        _records(BROKEN[code])
    assert isinstance(info.value, IntegrityError) and info.value.code == code
    assert info.value.field == rule(code).field and repr(rule(code).field) in str(info.value)


@pytest.mark.parametrize("code", list(BROKEN))
def test_evaluate_refuses_the_same_content_as_tables(code):
    """evaluate on the same content as Arrow tables raises a ValueError with the rule's code."""
    tables = plain_tables(*plain_doc(BROKEN[code]))
    with pytest.raises(ValueError, match=rf"\[{code}\]$") as info:
        evaluate(tables, as_of=AS_OF)
    assert isinstance(info.value, IntegrityError) and info.value.code == code


SOUND = f"""
    commitments:
      - {{id: a, stated_on: 2025-01-01, {_C}}}
      - {{id: b, stated_on: 2025-01-02, supersedes: a, {_C}}}
      - {{id: c, stated_on: 2025-01-02, supersedes: b, {_C}}}
      - id: d
        stated_on: 2025-01-02
        actor: X
        text: t
        deadline: soon
        sources: [{{url: 'https://example.org'}}]
        events:
          - {{on: 2025-01-02, type: fulfilled}}
    events:
      - {{commitment_id: c, on: 2025-01-03, type: broken}}
    """


def test_a_sound_ledger_of_the_same_shapes_passes_all_three():
    """Resets on the same day, events on the day stated, nested and top-level: no rule is broken."""
    assert load_doc(SOUND).ok
    assert len(_records(SOUND)) == 4
    assert len(evaluate(plain_tables(*plain_doc(SOUND)), as_of=AS_OF)) == 4


# -- the three agree on any small ledger of links -----------------------------

_IDS = ("a", "b", "c", "d")


@st.composite
def _link_ledgers(draw):
    """YAML text of a few commitments with random ids, days, resets and events, many of them broken."""
    lines = ["commitments:"]
    for _ in range(draw(st.integers(1, 5))):
        cid = draw(st.sampled_from(_IDS))
        resets = draw(st.none() | st.sampled_from((*_IDS, "z")))
        day = draw(st.integers(1, 4))
        reset = f", supersedes: {resets}" if resets else ""
        lines.append(f"  - {{id: {cid}, stated_on: 2025-01-0{day}{reset}, {_C}}}")
    events = draw(
        st.lists(
            st.tuples(st.sampled_from((*_IDS, "y")), st.integers(1, 5), st.sampled_from(("note", "fulfilled", "nope"))),
            max_size=3,
        )
    )
    if events:
        lines.append("events:")
        lines += [f"  - {{commitment_id: {cid}, on: 2025-01-0{day}, type: {kind}}}" for cid, day, kind in events]
    return "\n".join(lines) + "\n"


def _first_code(build):
    try:
        build()
    except IntegrityError as exc:
        return exc.code
    return None


@given(_link_ledgers())
def test_loader_ledger_and_evaluate_agree(text):
    """On any small ledger of links, the loader finds a problem exactly when Ledger and evaluate refuse it,
    and Ledger and evaluate name the same first rule."""
    reported = {e.code for e in load_doc(text).errors}
    by_records = _first_code(lambda: _records(text))
    by_columns = _first_code(lambda: evaluate(plain_tables(*plain_doc(text)), as_of=AS_OF))
    assert (by_records is None) == (by_columns is None) == (not reported)
    # Records refuse a self-reset or an unknown event type as they are
    # built, before Ledger checks the rest in the order of RULES. (The
    # loader reports every problem, but leaves out a record that reads badly
    # and whatever depends on it, so its first code may be another.)
    if by_records not in ("supersedes_self", "unknown_event_type"):
        assert by_records == by_columns


@given(
    st.lists(st.sampled_from("abcdef"), max_size=8),
    st.lists(st.one_of(st.none(), st.sampled_from("abcdefgh")), max_size=10),
    st.lists(st.one_of(st.none(), st.sampled_from("abcdefgh")), max_size=8),
    st.integers(1, 3),
)
def test_numbered_links_equal_a_dictionary_look_up(ids, references, resets, chunks):
    """Hashing each run of equal event references once, and only the resets given, finds what a
    look-up of every reference finds: the row of the id first seen, -1 for none or no such id."""
    import numpy as np
    import pyarrow as pa

    from ledger.core.integrity import _numbered

    def chunked(values):
        cut = [len(values) * k // chunks for k in range(chunks + 1)]
        return pa.chunked_array([pa.array(values[a:b], pa.string()) for a, b in zip(cut, cut[1:])], pa.string())

    resets = (resets + [None] * len(ids))[: len(ids)]
    own, events, target = _numbered(chunked(ids), chunked(sorted(references, key=str)), chunked(resets))
    first: dict[str, int] = {}
    for row, value in enumerate(ids):
        first.setdefault(value, row)

    def row_of(value):
        return -1 if value is None else first.get(value, len(ids))

    unique = len(set(ids)) == len(ids)
    assert np.array_equal(own, np.arange(len(ids))) == unique
    if not unique:
        # The first row numbered other than its own is the first that repeats an id: what duplicate_id names.
        repeat = next(row for row, value in enumerate(ids) if first[value] != row)
        assert int(np.flatnonzero(own != np.arange(len(ids)))[0]) == repeat
        return
    assert [min(n, len(ids)) for n in events.tolist()] == [row_of(value) for value in sorted(references, key=str)]
    assert [min(n, len(ids)) for n in target.tolist()] == [row_of(value) for value in resets]


# -- a large ledger's strings are hashed in parts, in two threads ------------------------------

_STRINGS = st.one_of(st.none(), st.sampled_from(("", "a", "b", "ab", "ba", "c1", "c2", "c10", "1c", "abc", "é")))


def _columns(draw, values, chunks):
    """``values`` as a string column of ``chunks`` chunks, the first sometimes a slice of a longer array."""
    cut = [len(values) * k // chunks for k in range(chunks + 1)]
    pieces = [pa.array(values[a:b], pa.string()) for a, b in zip(cut, cut[1:])]
    if pieces and draw(st.booleans()):
        pieces[0] = pa.array(["zz", *values[: cut[1]], "q"], pa.string()).slice(1, cut[1])
    return pa.chunked_array(pieces, pa.string())


@given(st.data(), st.integers(1, 3))
def test_numbering_in_parts_finds_what_one_table_finds(data, chunks):
    """Hashed in parts (each by a number made of its bytes) in two threads, every id, reference and reset
    is given what one hash table of them all gives, where that matters: the same first repeated id, and
    with unique ids each reference's row (len(ids) for none, -1 for null)."""
    from ledger.core.integrity import _numbers_in_one, _numbers_in_parts

    unique_ids = data.draw(st.booleans())
    values = st.sampled_from(["", "a", "b", "ab", "ba", "c1", "c2", "c10", "1c", "abc", "é", "x" * 40])
    if unique_ids:
        ids = data.draw(st.lists(values, max_size=8, unique=True))
    else:
        ids = data.draw(st.lists(st.one_of(st.none(), values), max_size=8))
    columns = [_columns(data.draw, ids, chunks)]
    columns += [_columns(data.draw, data.draw(st.lists(_STRINGS, max_size=12)), chunks) for _ in range(2)]
    one, parts = _numbers_in_one(*columns), _numbers_in_parts(*columns)
    n = len(ids)
    first_other = [np.flatnonzero(numbers[:n] != np.arange(n))[:1].tolist() for numbers in (one, parts)]
    assert first_other[0] == first_other[1]
    if not first_other[0]:
        assert np.minimum(one[n:], n).tolist() == parts[n:].tolist()


@pytest.mark.parametrize("code", [*BROKEN, None])
def test_check_links_in_parts_raises_what_it_raises_in_one_table(code, monkeypatch):
    """With every ledger above the size hashed in parts, check_links finds the same links, and refuses a
    broken ledger with the same first error, as with one hash table."""
    import ledger.core.integrity as integrity
    import ledger.verdicts.arrays as arrays

    tables = plain_tables(*plain_doc(SOUND if code is None else BROKEN[code]))
    c, e = tables.commitments, tables.events
    columns = (c["id"], c["supersedes"], e["commitment_id"], e["type"])
    days = (arrays.days_of_arrow(c["stated_on"]), arrays.days_of_arrow(e["happened_on"]))

    def outcome():
        try:
            return [column.tolist() for column in integrity.check_links(*columns, *days)]
        except IntegrityError as exc:
            return str(exc)

    in_one = outcome()
    monkeypatch.setattr(integrity, "_IN_PARTS_FROM", 0)
    assert outcome() == in_one
    assert (code is None) == isinstance(in_one, list)


@given(st.lists(st.sampled_from(["", "a", "b", "ab", "ba", "abc", "é", "x" * 40]), max_size=12), st.integers(0, 3))
def test_equal_strings_fall_in_the_same_part(values, start):
    """The part of a string is of its own bytes alone: wherever it stands, after or before whatever
    (empty strings among others, at the end, in a slice of a longer array)."""
    from ledger.core.integrity import _PARTS, _part

    padded = pa.array(["q" * k for k in range(start)] + values + ["zz"], pa.string()).slice(start, len(values))
    parts = _part(padded).tolist()
    assert all(0 <= part < _PARTS for part in parts)
    for value, part in zip(values, parts):
        assert part == _part(pa.array([value], pa.string())).tolist()[0]


@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["note", "fulfilled", "broken", "nope", ""])), max_size=12),
    st.integers(1, 3),
    st.booleans(),
)
def test_event_types_are_numbered_alike_from_strings_and_from_a_dictionary(types, chunks, as_dictionary):
    """Each event type's index in EVENT_TYPES (-1: none, or not one), whether the column is plain strings
    or dictionary-encoded (as Parquet gives it), in any chunks."""
    from ledger.core.integrity import _event_type_numbers
    from ledger.core.vocabulary import EVENT_TYPES

    cut = [len(types) * k // chunks for k in range(chunks + 1)]
    pieces = [pa.array(types[a:b], pa.string()) for a, b in zip(cut, cut[1:])]
    if as_dictionary:
        pieces = [piece.dictionary_encode() for piece in pieces]
    column = pa.chunked_array(pieces, pieces[0].type)
    expected = [EVENT_TYPES.index(t) if t in EVENT_TYPES else -1 for t in types]
    assert _event_type_numbers(column).tolist() == expected


# -- the rows `ledger tables` stores beside the references: checked, never trusted -----------------

_NAMES = st.sampled_from(["", "a", "b", "ab", "c1", "c10", "é", "x" * 40])


def _honest_rows(ids, references):
    """The row of the first id equal to each reference (null for a null reference or no such id)."""
    first: dict[str, int] = {}
    for row, value in enumerate(ids):
        if value is not None:
            first.setdefault(value, row)
    return [None if value is None else first.get(value) for value in references]


def _stored(draw, ids, references):
    """Rows for ``references`` as a stored column might hold them: right, or stale, damaged, of another type."""
    rows = _honest_rows(ids, references)
    how = draw(st.sampled_from(["right", "right", "one_changed", "random", "int64", "int8", "string"]))
    if how == "one_changed" and rows:
        at = draw(st.integers(0, len(rows) - 1))
        rows[at] = draw(st.none() | st.integers(-2, len(ids) + 1))
    elif how == "random":
        rows = draw(st.lists(st.none() | st.integers(-2, len(ids) + 1), min_size=len(rows), max_size=len(rows)))
    kind = {"int64": pa.int64(), "int8": pa.int8(), "string": pa.string()}.get(how, pa.int32())
    if how == "string":
        return pa.array([None if row is None else str(row) for row in rows], kind)
    return pa.array(rows, kind) if all(row is None or -128 <= row < 128 for row in rows) else pa.array(rows, pa.int32())


def _ranks(draw, ids):
    """Each id's rank in byte order as stored, or not stored, or stale, damaged, of another type."""
    order = sorted(range(len(ids)), key=lambda row: (ids[row] is not None, (ids[row] or "").encode(), row))
    ranks = [0] * len(ids)
    for place, row in enumerate(order):
        ranks[row] = place
    how = draw(st.sampled_from(["right", "right", "none", "one_changed", "shuffled", "int64", "string"]))
    if how == "none":
        return None
    if how == "one_changed" and ranks:
        ranks[draw(st.integers(0, len(ranks) - 1))] = draw(st.none() | st.integers(-2, len(ids) + 1))
    elif how == "shuffled":
        ranks = draw(st.permutations(ranks))
    if how == "string":
        return pa.array([str(rank) for rank in ranks], pa.string())
    return pa.array(ranks, pa.int64() if how == "int64" else pa.int32())


@settings(max_examples=300)
@given(st.data())
def test_stored_rows_give_what_hashing_every_reference_gives(data):
    """With the references' rows and the ids' ranks given as `ledger tables` stores them, right or not
    (stale after another tool reordered a table, out of range, null where a reference is given, of
    another type), check_links finds the same links, or refuses the ledger with the same first error, as
    when it hashes every id and reference; in one hash table or in parts."""
    from unittest import mock

    import ledger.core.integrity as integrity

    draw = data.draw
    unique = draw(st.booleans())
    ids = draw(st.lists(_NAMES, max_size=7, unique=True) if unique else st.lists(st.none() | _NAMES, max_size=7))
    references = sorted(draw(st.lists(st.none() | _NAMES, max_size=9)), key=str)
    resets = draw(st.lists(st.none() | _NAMES, min_size=len(ids), max_size=len(ids)))
    types = draw(
        st.lists(st.sampled_from(["note", "fulfilled", "nope"]), min_size=len(references), max_size=len(references))
    )
    stated = np.array(draw(st.lists(st.integers(0, 3), min_size=len(ids), max_size=len(ids))), dtype=np.int64)
    on = np.array(draw(st.lists(st.integers(0, 4), min_size=len(references), max_size=len(references))), dtype=np.int64)
    columns = [pa.array(values, pa.string()) for values in (ids, resets, references, types)]
    stored = (_stored(draw, ids, references), _stored(draw, ids, resets), _ranks(draw, ids))

    def outcome(**rows):
        try:
            return [column.tolist() for column in integrity.check_links(*columns, stated, on, **rows)]
        except IntegrityError as exc:
            return str(exc)

    hashed = outcome()
    with mock.patch.object(integrity, "_IN_PARTS_FROM", draw(st.sampled_from([0, integrity._IN_PARTS_FROM]))):
        assert outcome(stored_rows=stored) == hashed
