"""Issue 19, items 1 and 2: deep and long inputs are refused with a sentence, fast, never a RecursionError."""

import contextlib
import datetime as dt
import time

import pytest
from ledgers import yaml_ledger

from ledger import load_text, parse_deadline
from ledger.articles.extract import MAX_ARTICLE_LENGTH, ArticleTooLongError, extract
from ledger.core.text import MAX_SENTENCE_LENGTH, split_sentences
from ledger.deadlines import DeadlineError
from ledger.deadlines.reader import MAX_PHRASE_LENGTH

SAID = dt.date(2025, 1, 1)

#: The phrases of the issue, and each at 1 MB.
PATHOLOGICAL = {
    "end of x332": "end of " * 332 + "June",
    "or x995": "or " * 995 + "June",
    "or so x498": "or so " * 498,
    "by x33000": "by " * 33_000 + "June 1",
    "end of 1MB": "end of " * 150_000,
    "or so 1MB": "or so " * 175_000,
    "by 1MB": "by " * 350_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_item1_recursion_and_quadratic_time_in_the_deadline_reader(name):
    """A phrase over the cap is refused at once as too long, naming the cap; never a RecursionError."""
    phrase = PATHOLOGICAL[name]
    started = time.process_time()
    with pytest.raises(DeadlineError, match=f"at most {MAX_PHRASE_LENGTH} characters"):
        parse_deadline(phrase, SAID)
    assert time.process_time() - started < 2.0


@pytest.mark.parametrize("unit", ["end of ", "or ", "or so ", "by ", "the end of the "])
def test_item1_phrases_just_under_the_cap_are_read_or_refused_quickly(unit):
    """Under the cap, the worst nesting is read or refused as a phrase, well within a second."""
    phrase = (unit * (MAX_PHRASE_LENGTH // len(unit)))[: MAX_PHRASE_LENGTH - 5] + " June"
    started = time.process_time()
    with contextlib.suppress(DeadlineError):
        parse_deadline(phrase, SAID)
    assert time.process_time() - started < 1.0


def test_item1_the_loader_keeps_a_commitment_whose_deadline_is_too_long():
    """`load` warns about the one deadline (unreadable, naming the cap) and keeps every commitment."""
    result = load_text(yaml_ledger(deadline="'" + "end of " * 332 + "June'"), path="l.yaml")
    assert len(result.ledger.commitments) == 3 and not result.errors
    [warning] = result.warnings
    assert warning.code == "deadline_not_read" and warning.line == 13
    assert f"at most {MAX_PHRASE_LENGTH} characters" in warning.message


@pytest.mark.parametrize("depth", [500, 990])
def test_item2_deep_yaml_nesting(depth):
    """A field nested 500-990 lists deep (libyaml stops at 1,000) is wrong_type on its line; the rest loads."""
    result = load_text(yaml_ledger(extra="    tags: " + "[" * depth + "]" * depth + "\n"), path="l.yaml")
    assert [(e.code, e.line) for e in result.errors] == [("wrong_type", 16)]
    assert [c.id for c in result.ledger.commitments] == ["c0", "c2"]


def test_item2_yaml_nesting_past_the_parser_limit_is_a_located_syntax_error():
    """Past the YAML parser's own depth limit the file is a syntax error with a line, not a traceback."""
    result = load_text(yaml_ledger(extra="    tags: " + "[" * 5000 + "]" * 5000 + "\n"), path="l.yaml")
    assert [(e.code, e.line) for e in result.errors] == [("yaml_syntax", 16)]


PARAGRAPH = (
    "Mayor Ada Ruiz said on Tuesday that the bridge would reopen within two weeks. "
    "The works began three weeks ago, and Mr. Ruiz met the U.S. envoy. "
)


def _seconds(function, *args) -> float:
    started = time.process_time()
    function(*args)
    return time.process_time() - started


def test_item5_quadratic_extraction_is_linear():
    """Extraction on 4x the prose takes well under 16x the time (it was quadratic: 438 s on 1 MB)."""
    small = (PARAGRAPH * 200)[:20_000]
    large = (PARAGRAPH * 800)[:80_000]
    extract(small, SAID)  # warm the caches first
    small_seconds = max(_seconds(extract, small, SAID), 0.01)
    large_seconds = _seconds(extract, large, SAID)
    assert large_seconds < 8 * small_seconds + 0.5
    assert large_seconds < 10.0


@pytest.mark.parametrize("unit", [". ", ".", "a. "])
def test_item5_quadratic_extraction_full_stops(unit):
    """Full stops (96 s for 100 KB when it was quadratic) cost time in proportion to their length."""
    small_seconds = max(_seconds(extract, unit * (1_500 // len(unit)), SAID), 0.01)
    assert _seconds(extract, unit * (6_000 // len(unit)), SAID) < 8 * small_seconds + 0.5


def test_item1_a_phrase_over_the_cap_is_named_by_its_start_in_the_warning():
    """The warning for a 100 KB deadline names its first words and the cap, not all 100 KB."""
    result = load_text(yaml_ledger(deadline="'" + "by " * 33_000 + "June'"), path="l.yaml")
    [warning] = result.warnings
    assert len(warning.message) < 1_000 and "'by by by" in warning.message and "at most 300" in warning.message


def test_item5_short_sentences_cost_little_each():
    """200 KB of "a. a. a." (each "a" may start a deadline) takes a few seconds at most (it took 20 s, 100 µs a
    character, when every "a" was read a dozen ways)."""
    assert _seconds(extract, "a. " * 66_667, SAID) < 8.0


#: Units that made one step of extract do the most work (benchmarks/pathological_speed.py has them all).
WORST_UNITS = {
    "phrases in one long sentence": "within two weeks ",
    "short committing sentences": "We will finish within two weeks. ",
    "resets": "Ruiz said the city would need two more weeks to finish the bridge. ",
    "honorifics": "Mr. ",
    "names that commit": "Ada Ruiz Ben Cole Carl Diaz will act by June. ",
    "bylines": "By Ann Lee\nRuiz will act by June.\n",
    "transcript labels": "MS. LEAVITT: We will act by June.\n",
    "pronouns": "He said he would do it by June. ",
    "full stops and spaces": ". ",
    "blank lines": "\n",
    "spaces and line breaks": " \n",
}


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("name", sorted(WORST_UNITS))
def test_item5_every_pathological_text_is_read_in_linear_time(name):
    """Four times the text takes well under sixteen times as long (each was quadratic: a look over the whole
    sentence, the whole history or every earlier candidate for each phrase, name or reset)."""
    unit = WORST_UNITS[name]
    extract(_repeat(unit, 2_000), SAID)  # warm the caches first
    small_seconds = max(_seconds(extract, _repeat(unit, 12_000), SAID), 0.01)
    large_seconds = _seconds(extract, _repeat(unit, 48_000), SAID)
    assert large_seconds < 8 * small_seconds + 0.5
    assert large_seconds < 6.0


def test_item5_a_sentence_without_an_end_is_read_in_pieces():
    """A page with no sentence end comes as pieces of at most MAX_SENTENCE_LENGTH, cut at white space, that
    cover every word: no look around a phrase reads more than one piece."""
    text = "within two weeks " * 2_000
    pieces = split_sentences(text)
    assert max(len(s.text) for s in pieces) <= MAX_SENTENCE_LENGTH < len(text)
    assert all(text[s.start : s.end] == s.text and not s.text[-1].isspace() for s in pieces)
    assert "".join(s.text for s in pieces).replace(" ", "") == text.replace(" ", "")


def test_item5_an_article_over_the_cap_is_refused_whole_and_at_once():
    """One character over MAX_ARTICLE_LENGTH is an ArticleTooLongError (a ValueError) naming the length and
    the cap, raised before any reading."""
    started = time.process_time()
    with pytest.raises(ArticleTooLongError, match="has 10,000,001 characters, more than the 10,000,000") as refusal:
        extract("a" * (MAX_ARTICLE_LENGTH + 1), SAID)
    assert time.process_time() - started < 1.0
    assert isinstance(refusal.value, ValueError)
    assert (refusal.value.length, refusal.value.limit) == (MAX_ARTICLE_LENGTH + 1, MAX_ARTICLE_LENGTH)


def test_item5_an_article_at_the_cap_is_read(monkeypatch):
    """The cap is a limit, not a guess: an article of exactly MAX_ARTICLE_LENGTH characters is read."""
    import ledger.articles.extract as extract_module

    text = "Mayor Ada Ruiz said the bridge would reopen within two weeks."
    monkeypatch.setattr(extract_module, "MAX_ARTICLE_LENGTH", len(text))
    assert [c.deadline.text for c in extract(text, SAID)] == ["within two weeks"]
    with pytest.raises(ArticleTooLongError, match=f"more than the {len(text)} that"):
        extract(text + " ", SAID)


@pytest.mark.parametrize(
    "text", ["\u017fhe will do it by June.", "\u0131t will be done by June.", "\u0130 will act by June."]
)
def test_item5_a_case_blind_pronoun_outside_ascii_is_no_pronoun(text):
    """A long s ("\u017fhe"), a dotless or dotted i: the case-blind pronoun pattern takes them, and each raised a
    KeyError; now they are passed over like any other word, and the commitment is still proposed."""
    assert [c.deadline.text for c in extract(text, SAID)] == ["by June"]


def test_item5_a_run_on_sentence_is_cut_before_a_clause_and_its_candidates_say_so():
    """A run of over 3,000 characters is cut before its last " and " (not between "will publish" and its
    deadline), and a candidate read from a piece carries the reason long_sentence_piece: its speaker may be
    in another piece, so the desk is told to check it rather than given a silent guess or nothing."""
    from ledger.core.text import split_sentences

    filler = "and the council will consider roads schools parks and libraries "
    text = "The mayor said the city will repair the bridge " + filler * 45
    text += "x" * (2975 - len(text)) + " and the agency will publish its full report by the end of March 2026."
    pieces = split_sentences(text)
    assert [p.piece for p in pieces] == [True, True]
    assert pieces[1].text.startswith("and the agency will publish")
    (found,) = extract(text, SAID)
    assert found.deadline.text == "by the end of March 2026"
    assert "long_sentence_piece" in found.reasons
    assert all("long_sentence_piece" not in c.reasons for c in extract("The mayor will act by June.", SAID))


@pytest.mark.parametrize("day", [dt.date(9999, 12, 30), dt.date(1, 1, 2), dt.date(1799, 12, 31), dt.date(2200, 1, 1)])
def test_extract_refuses_a_publication_day_past_the_dates_ledger_reads(day):
    """A publication day outside 1800-2199 is refused with the range, as the command line and an archive's rows
    refuse it: from year 9999 a deadline read ran past the calendar and raised OverflowError."""
    text = "Owen Pryce gave the rail union until Friday to accept the pay offer."
    with pytest.raises(ValueError, match="is too far: ledger reads dates from 1800-01-01 to 2199-12-31"):
        extract(text, day)
    assert extract(text, dt.date(2199, 12, 31)) and extract(text, dt.date(1800, 1, 1))
