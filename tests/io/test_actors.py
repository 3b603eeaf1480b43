"""One actor is one actor: the actors section, whitespace, and warnings about names that look alike."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ledger
from ledger import load_text
from ledger.core.records import ACTOR_KINDS, Actor, Commitment
from ledger.io.actors import actor_key
from ledger.io.dump import dump_yaml
from tests import strategies


def _ledger(*actors: str, section: str = "") -> str:
    """A YAML ledger with one commitment per actor name, in order, and an optional actors section."""
    entries = "".join(
        f"""
  - id: c{i}
    actor: "{name}"
    stated_on: 2025-01-29
    text: Launch it
    deadline: in June
    sources: [{{url: https://example.org/{i}}}]"""
        for i, name in enumerate(actors)
    )
    return section + "commitments:" + entries + "\n"


MUSK_SECTION = """actors:
  - name: Elon Musk
    aliases: [Musk, elon musk]
    kind: person
    organisation: Tesla
"""
FIVE_MUSKS = ("Elon Musk", "Elon  Musk", "Elon Musk ", "elon musk", "Musk")


def test_the_five_spellings_of_one_actor_are_one_actor_with_an_actors_section():
    """The issue's five spellings group as one actor once the section lists the aliases; nothing is queried."""
    result = load_text(_ledger(*FIVE_MUSKS, section=MUSK_SECTION))
    assert result.ok and result.warnings == ()
    assert {c.actor for c in result.ledger.commitments} == {"Elon Musk"}
    verdicts = ledger.evaluate(result.ledger, as_of=dt.date(2025, 8, 1))
    table = ledger.follow_through(verdicts, by="actor")
    assert table["actor"].tolist() == ["Elon Musk"] and table["n"].tolist() == [5]
    assert result.actors == (
        Actor(name="Elon Musk", aliases=("Musk", "elon musk"), kind="person", organisation="Tesla"),
    )


def test_without_a_section_whitespace_joins_and_the_rest_is_queried_with_a_line():
    """Spacing is normalised on load; case and surname variants stay apart, each with a warning at its line."""
    result = load_text(_ledger(*FIVE_MUSKS), path="musk.yaml")
    assert result.ok
    assert len(result.ledger) == 5  # a warning never loses a record
    assert sorted({c.actor for c in result.ledger.commitments}) == ["Elon Musk", "Musk", "elon musk"]
    found = [(w.code, w.severity, w.line, w.field) for w in result.warnings]
    assert found == [("similar_actors", "warning", 21, "actor"), ("similar_actors", "warning", 27, "actor")]
    case, surname = (w.message for w in result.warnings)
    assert "'elon musk'" in case and "only in case" in case and "aliases: [elon musk]" in case
    assert "surname of 'Elon Musk'" in surname and "aliases: [Musk]" in surname
    assert str(result.warnings[0]).startswith("musk.yaml:21: warning: ")


@pytest.mark.parametrize(
    "names, how",
    [
        (("Volodymyr Zelensky", "volodymyr zelensky"), "only in case"),
        (("Volodymyr Zelensky", "VolodymyrZelensky"), "only in spacing"),
        (("Volodymyr Zelensky", "Volodymyr Zelensky."), "only in punctuation"),
        (("Volodymyr Zelensky", "Zelensky"), "surname of 'Volodymyr Zelensky'"),
    ],
)
def test_each_kind_of_near_name_is_queried(names, how):
    """Case, spacing, punctuation and a surname alone each give one warning naming the difference."""
    result = load_text(_ledger(*names, names[0]))
    assert [w.code for w in result.warnings] == ["similar_actors"]
    assert how in result.warnings[0].message and repr(names[1]) in result.warnings[0].message


def test_distinct_actors_are_not_queried():
    """Different people, and two names each declared as an actor of its own, give no warning."""
    assert load_text(_ledger("Donald Trump", "Vladimir Putin", "Keith Kellogg")).warnings == ()
    section = "actors:\n  - name: Madonna\n  - name: Jane Madonna\n"
    assert load_text(_ledger("Madonna", "Jane Madonna", section=section)).warnings == ()


def test_a_declared_name_is_the_one_suggested():
    """The suggested canonical name is the declared one, even where a variant is written more often."""
    section = "actors:\n  - name: Elon Musk\n"
    result = load_text(_ledger("elon musk", "elon musk", "Elon Musk", section=section))
    assert [w.message.split(";")[0] for w in result.warnings] == [
        "actor 'elon musk' (written so in 2 commitments) differs from 'Elon Musk' only in case"
    ]


def test_actors_csv_beside_the_pair_resolves_aliases(tmp_path):
    """actors.csv (name, aliases with ' | ', kind, organisation) does for a CSV ledger what the section does."""
    (tmp_path / "actors.csv").write_text("name,aliases,kind,organisation\nElon Musk,Musk | elon musk,person,Tesla\n")
    (tmp_path / "commitments.csv").write_text(
        "id,actor,stated_on,text,deadline,source_url\n"
        "a,Musk,2025-01-29,Launch it,in June,https://example.org/a\n"
        "b,elon musk,2025-01-29,Launch it,in June,https://example.org/b\n"
    )
    result = ledger.load(tmp_path)
    assert result.ok and result.warnings == ()
    assert [c.actor for c in result.ledger.commitments] == ["Elon Musk", "Elon Musk"]
    assert result.actors[0].aliases == ("Musk", "elon musk") and result.actors[0].kind == "person"


def test_a_file_of_actors_alone_is_a_ledger_file(tmp_path):
    """A YAML file holding only `actors:` is shared by the ledger's other files."""
    (tmp_path / "actors.yaml").write_text(MUSK_SECTION)
    (tmp_path / "ledger.yaml").write_text(_ledger("Musk"))
    result = ledger.load(tmp_path)
    assert result.ok and [c.actor for c in result.ledger.commitments] == ["Elon Musk"]


def test_an_actor_kind_in_capitals_is_read_and_a_wrong_one_suggests():
    """`Person` is person; `persn` is an error with the nearest kind, and its aliases are not applied."""
    assert load_text("actors:\n  - name: A B\n    kind: Person\n").actors[0].kind == "person"
    result = load_text("actors:\n  - name: A B\n    kind: persn\n" + _ledger("A B"))
    assert [(e.code, e.line) for e in result.errors] == [("bad_actor_kind", 3)]
    assert "did you mean 'person'?" in result.errors[0].message and len(result.ledger) == 1


def test_whitespace_in_an_actor_is_normalised_in_the_model_too():
    """A Commitment built in code reads its actor as the loader does, so both count one actor once."""
    c = Commitment(id="a", actor=" Elon \t Musk ", stated_on=dt.date(2025, 1, 1), text="t", deadline="soon")
    assert c.actor == "Elon Musk"


NAMES = ("Elon Musk", "Keith Kellogg", "Ann")
named_ledgers = strategies.ledgers(actors=st.sampled_from(NAMES), free_text=strategies.words, max_commitments=6)


def _respelled(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from([name, name.upper(), name.lower(), f"  {name}  ", name.replace(" ", "  "), name.split()[-1]])


@settings(max_examples=30)  # two loads of a whole ledger each: the default 100 took 8 s
@given(named_ledgers, st.data())
def test_respelled_actors_never_lose_a_record_and_an_actors_section_joins_them(ledger_, data):
    """Respell actors any way: every commitment loads (warnings only); listing the spellings as aliases
    makes each commitment's actor its canonical name again."""
    lines = dump_yaml(ledger_).split("\n")
    used: dict[str, set[str]] = {}
    for i, line in enumerate(lines):
        if line.startswith("  actor: "):
            name = line.removeprefix("  actor: ")
            variant = data.draw(_respelled(name))
            lines[i] = f'  actor: "{variant}"'
            used.setdefault(name, set()).add(" ".join(variant.split()))
    respelled = "\n".join(lines)
    result = load_text(respelled)
    assert result.ok and len(result.ledger) == len(ledger_)
    assert {w.code for w in result.warnings} <= {"similar_actors"}
    section = "actors:\n" + "".join(
        f"  - name: {name}\n    aliases: [{', '.join(sorted(v - {name}))}]\n" for name, v in used.items()
    )
    joined = load_text(section + respelled)
    assert joined.ok and joined.warnings == ()
    assert [c.actor for c in joined.ledger.commitments] == [c.actor for c in ledger_.commitments]


@given(strategies.texts, strategies.texts)
def test_actor_key_ignores_spacing_and_punctuation(a, b):
    """Spaces and punctuation between two parts of a name never change its key; case never does."""
    assert actor_key(a + " " + b) == actor_key(a + b) == actor_key(f"{a}. {b}") == actor_key(f" {a}-{b} ")
    assert actor_key(a.casefold()) == actor_key(a)


_actor_names = strategies.texts.map(lambda s: " ".join(s.split())).filter(bool)
actor_lists = st.lists(
    st.builds(
        Actor,
        name=_actor_names,
        aliases=st.lists(_actor_names, max_size=3),
        kind=st.none() | st.sampled_from(ACTOR_KINDS),
        organisation=st.none() | strategies.texts,
    ),
    max_size=4,
).filter(lambda actors: len(names := [n for a in actors for n in (a.name, *a.aliases)]) == len(set(names)))


@given(actor_lists)
def test_an_actors_section_round_trips_through_yaml(actors):
    """dump_yaml(..., actors=) then load gives the same actors, in order."""
    result = load_text(dump_yaml(ledger.Ledger(), actors=actors))
    assert result.ok, [str(e) for e in result.errors]
    assert result.actors == tuple(actors)


def test_the_notebook_view_lists_warnings_beside_errors():
    """A LoadResult shown in a notebook names each warning, its line and its code, as `ledger check` does."""
    import html

    import html5lib

    result = load_text(_ledger("Volodymyr Zelensky", "Zelensky", "Volodymyr Zelensky"))
    cell = result._repr_html_()
    html5lib.HTMLParser(strict=True).parseFragment(cell)
    warning = result.warnings[0]
    assert "<code>similar_actors</code>" in cell and "warning" in cell
    assert html.escape(f"{warning.path}:{warning.line}") in cell
