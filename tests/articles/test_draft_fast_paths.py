"""The drafting steps' fast paths give what the plain reading gives (issue 19: every pathological text at 1 MB
under 2 s, each repetition distinct).

Each shortcut in drafting a candidate rests on a stated fact; these tests
hold it to the plain reading on generated sentences.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import threading

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from ledger.articles import candidates, clauses, linking, non_deadlines, schedule, wording
from ledger.articles import extract as extract_module
from ledger.articles.actors import Discourse, Entity, Mention, read_mentions
from ledger.articles.calibration import calibrate
from ledger.articles.candidate import Candidate
from ledger.articles.nearby import last_ending_by, nearest_usable, usable
from ledger.core.text import split_sentences
from ledger.deadlines import DEFAULT_POLICY, DeadlineMatch, find_deadlines

WORDS = ["that", "to", "he", "will", "act", "by June", "and", "case 4", ",", '"', "\u201c", "'", ";", "Ruiz"]
DAY = dt.date(2025, 10, 16)
BLANKS = [" ", "  ", "\n", "\t", "\u00a0", "\u2028", "\x1c"]


# -- wording: an evenly spaced sentence's clause joined without a split into words ---------------------------


def test_str_split_and_the_pattern_blank_take_the_same_characters() -> None:
    # ``_UNEVEN_BLANK`` finds with ``\s`` the blanks ``str.split`` splits at: the two must be one set
    blank = re.compile(r"\s")
    assert all((blank.match(chr(c)) is not None) == chr(c).isspace() for c in range(0x110000))


@given(st.lists(st.sampled_from(WORDS + BLANKS), max_size=16), st.lists(st.sampled_from(WORDS + BLANKS), max_size=16))
def test_an_evenly_spaced_clause_tidies_as_the_split_and_join_did(head: list[str], tail: list[str]) -> None:
    for joiner in ("", " "):
        h, t = joiner.join(head), joiner.join(tail)
        if wording._UNEVEN_BLANK.search(h + "|" + t) is None:
            assert wording._tidy_even(h, t) == wording._tidy(f"{h} {t}"), (h, t)


@given(st.lists(st.sampled_from(WORDS + BLANKS), min_size=1, max_size=24))
def test_a_sentence_is_evenly_spaced_when_it_has_only_single_spaces(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for sentence in split_sentences(text):
        plain = all(c == " " for c in sentence.text if c.isspace()) and "  " not in sentence.text
        assert wording._evenly_spaced(sentence) == plain, sentence.text


# -- nearby: mentions found by bisection, not by a list of all of them for each phrase --------------------------

ADA, HE = Entity("Ada Ruiz", "person"), Entity("Ben Cole", "person")


@st.composite
def mention_lists(draw) -> list[Mention]:
    """Mentions in order of their starts, some overlapping, some unusable (no entity, or generic)."""
    spans = sorted(draw(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=14)))
    kinds = st.sampled_from([(ADA, False), (HE, False), (None, False), (ADA, True), (None, True)])
    return [Mention(a, a + n, "x" * n, "name", *draw(kinds)) for a, n in spans]


@given(mention_lists(), st.integers(-2, 80))
def test_the_last_mention_ending_by_an_offset_is_the_last_of_the_list(mentions: list[Mention], at: int) -> None:
    before = [m for m in mentions if m.end <= at]
    assert last_ending_by(mentions, at) == (before[-1] if before else None)


@given(mention_lists(), st.lists(st.integers(-2, 80), max_size=6))
def test_the_nearest_usable_mention_is_the_walk_back(mentions: list[Mention], offsets: list[int]) -> None:
    for at in offsets:  # one list asked about again and again, as a sentence's drafts ask
        walked = [m for m in mentions if m.start < at and m.end <= at and usable(m)]
        assert nearest_usable(mentions, at) == (walked[-1] if walked else None), at
    other = list(mentions)  # an equal list is another list: never the indices of the first one
    for at in offsets:
        walked = [m for m in other if m.start < at and m.end <= at and usable(m)]
        assert nearest_usable(other, at) == (walked[-1] if walked else None), at


def test_the_nearest_usable_mention_is_each_threads_own() -> None:
    """Threads that ask about their own lists at once (extract over an archive on Dask's threads) each get the
    walk back over their own list: the last list asked about is remembered per thread."""
    lists = [
        [Mention(0, 3, "Ada", "name", ADA), Mention(10, 12, "he", "pronoun", HE)],
        [Mention(0, 3, "Ben", "name", HE), Mention(10, 18, "analysts", "name", None, generic=True)],
    ]
    wrong: list[tuple[int, int]] = []
    start = threading.Barrier(2)

    def ask(k: int) -> None:
        start.wait()
        mentions = lists[k]
        expected = mentions[1] if k == 0 else mentions[0]
        for _ in range(20_000):
            if nearest_usable(mentions, 15) is not expected:
                wrong.append((k, 15))

    threads = [threading.Thread(target=ask, args=(k,)) for k in (0, 1)]
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can: a shared memory would show
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert wrong == []


def test_the_nearest_usable_mention_in_a_read_sentence() -> None:
    text = "Ada Ruiz met them, and analysts said the crew would act by June."
    sentence = split_sentences(text)[0]
    mentions = read_mentions(sentence, Discourse(), lambda offset: False)
    assert [m.text for m in mentions if not usable(m)] == ["analysts"]  # passed over: nobody in particular
    assert nearest_usable(mentions, text.index("would")).text == "Ada Ruiz"
    assert nearest_usable(mentions, 3) is None


# -- non_deadlines: a sentence without the opening word has no "when" clause and no "have" anywhere -----------

CONDITION_PIECES = ["when", "Whenever", "once", "as soon as", "as  soon\nas", "have", "HAS", "had", "only", "an"]
CONDITION_PIECES += ["additional", "two weeks", "15 minutes", "will", "the Senate", "completes", ",", "xwhen", "hadn't"]
CONDITION_PIECES += ["a\u017f \u017foon a\u017f", "ha\u017f", "WHEN", "\u212aonce", "5once", "once_", "H\u0130S"]


@given(st.lists(st.sampled_from(CONDITION_PIECES + BLANKS), min_size=1, max_size=14))
def test_the_sentence_gates_give_what_the_window_searches_give(pieces: list[str]) -> None:
    filler = "x " * (non_deadlines._LOOK_BACK // 2 + 1) * (len(pieces) % 2)  # the gates read long sentences only
    text = filler + " ".join(pieces) + "."
    for sentence in split_sentences(text):
        for at in range(sentence.start, sentence.end + 1):
            window = max(0, at - sentence.start - non_deadlines._LOOK_BACK), at - sentence.start
            when = non_deadlines._WHEN_CLAUSE.search(sentence.text, *window)
            full = when is not None and not non_deadlines._FUTURE.search(when.group("clause"))
            assert non_deadlines.in_temporal_condition(sentence, at) == full, (text, at)
            if non_deadlines._HAVE_BEFORE.search(sentence.text, *window) is not None:
                assert non_deadlines._openings(sentence).have, (text, at)
                assert sentence.may_hold(non_deadlines._HAVE_WORDS) or "\u017f" in sentence.text, (text, at)


# -- candidates: the parts a sentence is searched for, each first letter named for a quick skip ---------------


def test_each_part_starts_with_a_character_its_look_ahead_names() -> None:
    for pattern in (candidates._FEELING_PART, candidates._RESET_PART):
        named = re.match(r"\(\?=\[(\w+)\]\)\(\?:([\w|]+)\)", pattern.pattern)
        assert named is not None, pattern.pattern
        for part in named.group(2).split("|"):
            first = re.compile(re.escape(part[0]), re.IGNORECASE)
            assert {chr(c) for c in range(0x110000) if first.fullmatch(chr(c))} <= set(named.group(1)), part


def test_only_the_odd_letters_match_an_ascii_letter_case_blind_or_lower_to_one() -> None:
    """What ``_words_of`` rests on: but for ``_ODD_LETTERS``, a character matches an ASCII letter case-blind
    only if it is one, and lowers to text holding one only if it is one."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = set("\u017f\u0131\u0130\u212a")
    for c in map(chr, range(0x110000)):
        if c in odd:
            continue
        ascii_letter = c.isascii() and c.isalpha()
        assert (letter.fullmatch(c) is not None) == ascii_letter, hex(ord(c))
        assert ascii_letter or letter.search(c.lower()) is None, hex(ord(c))
    assert set(candidates._ODD_LETTERS.pattern[1:-1]) == odd


PART_PIECES = ["HOPE", "pushed", "mOrE", "reſet", "truſt", "pleaſed", "Deadline", "x", "ho", "p", "İ", "K"]
PART_PIECES += ["\u201c", "caf\u00e9", "\u0131", "HOP", "tRuSt", "MOVED", "deLAY"]


@given(st.lists(st.sampled_from(PART_PIECES + BLANKS), max_size=10))
def test_the_words_of_a_sentence_are_the_two_searches(pieces: list[str]) -> None:
    for joiner in ("", " "):
        text = joiner.join(pieces) or "x"
        words = candidates._words_of.__wrapped__(split_sentences(text + ".")[0])
        assert words.feeling == (candidates._FEELING_PART.search(text + ".") is not None), text
        assert words.reset == (candidates._RESET_PART.search(text + ".") is not None), text


# -- schedule and clauses: a look at what comes before a phrase, and at its first word, without copies --------


@given(st.text(alphabet=" \t\"'\u201c\u201dxA.\n", max_size=12), st.integers(0, 14), st.integers(0, 14))
def test_an_opening_phrase_is_found_as_the_strip_found_it(text: str, start: int, end: int) -> None:
    found = schedule._OPENING_WORD.search(text, start, end) is not None
    assert found == bool(text[start:end].strip(" \t\"'\u201c")), (text, start, end)


def trim_by_words(text, match, policy):
    """``trim_phrase`` as it was: every word of the phrase listed before the first is looked at."""
    words = list(clauses._NON_SPACE.finditer(match.text))
    for k, w in enumerate(words[:-1]):
        if w.group().lower() not in clauses._PHRASE_JUNK:
            break
        nxt = words[k + 1]
        if clauses._LEAD.match(nxt.group()):
            again = clauses._rematch(text, match.start + nxt.start(), match.end, match.window.stated_on, policy)
            if again is not None:
                return again
    return match


TRIM_PIECES = ["has", "HAS", "until", "Friday", "give", "them", "two", "more", "weeks", "the", "rebels", "by", "June"]


@given(st.lists(st.sampled_from([*TRIM_PIECES, "  ", "\n", "x"]), min_size=1, max_size=8))
@example(["HAS", "until", "Friday"])
@example(["give", "them", "two", "more", "weeks"])
def test_a_phrase_is_trimmed_as_the_list_of_its_words_trimmed_it(pieces: list[str]) -> None:
    text = "Ruiz " + " ".join(pieces) + "."
    for match in find_deadlines(text, DAY):
        # the phrase as found, and as a finder might have found it with any of the words before it
        for start in [m.start() for m in re.finditer(r"\S+", text) if m.start() <= match.start]:
            whole = DeadlineMatch(start, match.end, text[start : match.end], match.window)
            assert clauses.trim_phrase(text, whole, DEFAULT_POLICY) == trim_by_words(text, whole, DEFAULT_POLICY)


# -- extract: a short text said once is never keyed, a long piece is kept from its first reading --------------


def test_a_repeated_run_on_is_kept_from_its_first_reading_and_prose_from_its_second(reads: list[int]) -> None:
    started = reads
    # pieces of a run with no sentence end: 17 alignments of the unit, each piece kept at its first reading
    assert extract_module.extract("within two weeks " * 20_000, DAY) == []
    assert len(started) <= 6
    started.clear()
    # a short sentence said again is read again until its state repeats, then given again
    found = extract_module.extract("Ada Ruiz will act by June. " * 8, DAY)
    assert len(found) == 8 and len(started) < 8


# -- linking: a candidate made without its checks is the one its checks make -----------------------------------

ARTICLE_PIECES = [
    "Ada Ruiz will act by June.",
    "He said he would finish within two weeks.",
    "\u201cWe will sign it by Friday,\u201d the minister said.",
    "Ruiz said the city would need two more weeks to finish the bridge.",
    "I ask unanimous consent that the Senate adjourn until 10 a.m. tomorrow.",
    "On Monday, the mayor said the road would reopen in 50 days.",
    "The analysts expect prices to peak by the summer.",
    "MS. LEAVITT: We will act by June.\n",
    "Nothing happened.",
    "\n\n",
]


@given(st.lists(st.sampled_from(ARTICLE_PIECES), min_size=1, max_size=8), st.sampled_from([None, "Office of X"]))
def test_a_candidate_made_unchecked_is_the_checked_one(pieces: list[str], default_actor: str | None) -> None:
    for c in extract_module.extract(" ".join(pieces), DAY, default_actor=default_actor):
        values = {field.name: getattr(c, field.name) for field in attrs.fields(Candidate)}
        checked = Candidate(**values)  # runs every check and converter: the values pass them unchanged
        assert checked == c and repr(checked) == repr(c)
        assert all(type(getattr(checked, k)) is type(v) for k, v in values.items()), values
    assert extract_module._NO_ENTITIES == []  # shared by the readings that mention nobody: never changed


# -- wording: the clause's ends and starts found by one look-up of each token's lower case ----------------------


def clause_ends_as_was(sentence):
    tokens, text, s0 = sentence.tokens, sentence.text, sentence.start
    return [
        i
        for i, t in enumerate(tokens)
        if t.text in wording._CLAUSE_MARKS
        or t.text in ".!?"
        or t.lower in wording._CLAUSE_END_WORDS
        or t.lower == "and"
        and wording._THAT_NEXT.match(text, t.end - s0) is not None
    ]


def clause_starts_as_was(sentence):
    tokens = sentence.tokens
    found = wording._ClauseStarts([], [], [])
    for i, t in enumerate(tokens):
        speech = t.lower in wording.SPEECH_VERBS
        noun = speech and (
            (i + 1 < len(tokens) and tokens[i + 1].lower in wording._MODALS)
            or (i > 0 and tokens[i - 1].lower in wording.DETERMINERS)
        )
        if t.text in wording._CLAUSE_MARKS or t.lower == "that" or (speech and not noun):
            found.indices.append(i)
            found.ends.append(t.end)
            found.speech.append(speech)
    return found


CLAUSE_PIECES = [*WORDS, "said", "SAID", "told", "the", "posts", "would", "And", "that", "THAT", "after", "Unless"]
CLAUSE_PIECES += ["\u2014", "\u2013", "(", ")", ":", "!", "?", ".", "\u201d", "\u2019", "U.S.", "it\u2019s", "5:04"]


@given(st.lists(st.sampled_from(CLAUSE_PIECES + BLANKS), min_size=1, max_size=20))
def test_a_sentences_clause_ends_and_starts_are_the_walks_they_were(pieces: list[str]) -> None:
    for joiner in ("", " "):
        for sentence in split_sentences(joiner.join(pieces)):
            assert wording._clause_ends.__wrapped__(sentence) == clause_ends_as_was(sentence), sentence.text
            assert wording._clause_starts.__wrapped__(sentence) == clause_starts_as_was(sentence), sentence.text


@given(st.integers(-20, 120))
def test_the_remembered_calibration_is_the_calibration(hundredths: int) -> None:
    score = round(hundredths / 100, 2)
    assert linking._calibrated(score) == calibrate(score) and type(linking._calibrated(score)) is float


# -- session 10: fewer calls and searches for each candidate ---------------------------------------------------

TAIL_PIECES = ["to", "By", "IN", "within", "no later than", "into", "bypass", "act", "starting", "\u017ftarting"]
TAIL_PIECES += ["\u212a", "\u0131n", "t\u0130ll", "x" * 30, "a" * 9, "on"]


@given(st.lists(st.sampled_from(TAIL_PIECES + BLANKS), max_size=12), st.integers(0, 60))
def test_a_lead_looked_for_in_the_tail_is_the_lead_the_pattern_takes(pieces: list[str], blanks: int) -> None:
    """``_without_lead`` looks at the last 40 characters of an ASCII head for a lead's last word: it gives what
    the pattern gives for heads longer and shorter than that, with any run of blanks after them."""
    for head in ("".join(pieces), " ".join(pieces), " ".join(pieces) + " " * blanks, "x " * 30 + " ".join(pieces)):
        assert wording._without_lead(head) == wording._LEADS.sub("", head), repr(head)


@given(st.lists(st.sampled_from(WORDS + BLANKS + ["  ", "\u3000", "\x85"]), max_size=24))
def test_evenly_spaced_is_the_pattern_it_splits(pieces: list[str]) -> None:
    for text in ("".join(pieces), " ".join(pieces)):
        for sentence in split_sentences(text):
            assert wording._evenly_spaced(sentence) == (wording._UNEVEN_BLANK.search(sentence.text) is None)


MORE_PIECES = [*CONDITION_PIECES, "Saturday", "will mark", "is", "years past", "ago", "earlier", "gone by", "to act"]


@given(st.lists(st.sampled_from(MORE_PIECES + BLANKS), min_size=1, max_size=14), st.integers(0, 40))
def test_not_a_commitment_time_is_the_four_rules_it_asks(pieces: list[str], length: int) -> None:
    """The four rules asked in one call, each sentence's words looked at once: what asking each gives."""
    filler = "x " * (non_deadlines._LOOK_BACK // 2 + 1) * (len(pieces) % 2)
    text = filler + " ".join(pieces) + "."
    for sentence in split_sentences(text):
        for start in range(sentence.start, sentence.end):
            end = min(sentence.end, start + length)
            phrase = text[start:end]
            expected = (
                non_deadlines.in_temporal_condition(sentence, start)
                or non_deadlines.allotted_length(sentence, start, end, phrase)
                or non_deadlines.day_as_subject(sentence, start, end)
                or non_deadlines.looks_back(sentence, end)
            )
            assert non_deadlines.not_a_commitment_time(sentence, start, end, phrase) == expected, (text, start, end)


def test_unchecked_candidate_takes_the_fields_in_their_order() -> None:
    """Its parameters, written out one a field, are Candidate's fields in their order (the id as ``ident``)."""
    import inspect

    from ledger.articles import candidate

    names = list(inspect.signature(candidate.unchecked_candidate).parameters)
    assert ["id", *names[1:]] == [field.name for field in attrs.fields(Candidate)]
    assert ("id", *names[1:]) == candidate._FIELD_NAMES


QUOTE_PIECES = [*WORDS, "x", "by Friday", "the bridge would reopen", "\u201c", "said"]


@given(st.lists(st.sampled_from(QUOTE_PIECES + BLANKS), min_size=1, max_size=40))
def test_a_quote_joins_the_words_as_the_split_and_join_did(pieces: list[str]) -> None:
    """``quote`` joins the words ``rsplit`` gave, once: what a join of them then a split and join gave."""
    text = " ".join(pieces) + " by Friday."
    match = DeadlineMatch(len(text) - 10, len(text) - 1, "by Friday", find_deadlines("by Friday", DAY)[0].window)
    for sentence in split_sentences(text):
        if not sentence.start <= match.start < sentence.end:
            continue
        for start in range(sentence.start, match.start + 1, 3):
            fragment = sentence.text[start - sentence.start : match.end - sentence.start]
            words = fragment.rsplit(maxsplit=16)
            if len(words) > 16:
                fragment = " ".join(words[1:])
            expected = " ".join(fragment.split()).strip(" ,;:\"'\u201c\u201d") or match.text
            assert wording.quote(sentence, start, match) == expected, (text, start)


@given(st.lists(st.sampled_from(["that", "To", "THAT  ", "to\n", "tot", "that's", "x", " ", "thatto"]), max_size=6))
def test_a_leading_that_or_to_is_taken_as_the_pattern_took_it(pieces: list[str]) -> None:
    head = "".join(pieces)
    expected = wording._LEADING_THAT_OR_TO.sub("", head.strip(" ,;:\"'\u201c\u201d\u2018\u2019"))
    got = wording._tidy_even(head, "")
    assert got == (expected[:1].upper() + expected[1:] if expected else expected), head


GOVERN_PIECES = ["will", "would", "may", "or", "not", "may or may not", "peak", "rise", "prices", "deadline", "of"]
GOVERN_PIECES += ["for", "the", "window", "set", "by Friday", "within two weeks", ",", "met", "DEADLINE", "Deadlines"]
GOVERN_PIECES += ["RISE", "ORe", "peak5"]


@given(st.lists(st.sampled_from(GOVERN_PIECES), min_size=1, max_size=12))
def test_the_forecast_and_deadline_noun_gates_change_no_governor(pieces: list[str]) -> None:
    """``govern`` asks for a forecast or a deadline noun only in a sentence that holds one of their words:
    without one, the walks back it no longer makes find none."""
    text = " ".join(pieces) + "."
    for sentence in split_sentences(text):
        for match in find_deadlines(text, DAY):
            if sentence.start <= match.start < sentence.end:
                first = sentence.token_at(match.start)
                if not sentence.may_hold(clauses._FORECAST_WORDS):
                    assert not clauses._forecast(sentence.tokens, first), text
                if not sentence.may_hold(clauses._DEADLINE_NOUN_PLAIN):
                    tokens = sentence.tokens
                    assert not any(t.lower in clauses._DEADLINE_NOUN_WORDS for t in tokens), text


def test_reset_words_look_ahead_names_every_first_character() -> None:
    """``RESET_WORDS``'s look-ahead names every character its words can start with, case-blind."""
    named = re.match(r"\(\?=\[(\w+)\]\)\\b\(\?:(.+)\)\\b$", clauses.RESET_WORDS.pattern)
    assert named is not None, clauses.RESET_WORDS.pattern
    for part in named.group(2).split("|"):
        first = re.compile(re.escape(part[0]), re.IGNORECASE)
        assert {chr(c) for c in range(0x110000) if first.fullmatch(chr(c))} <= set(named.group(1)), part


RESET_PIECES = ["more", "MORE than", "more  than", "another", "Extra", "additional", "further", "fmore", "more5", "two"]
RESET_PIECES += ["\u212aa", "weeks", "m\u00f6re", "_more", "ANOTHER"]


@given(st.lists(st.sampled_from(RESET_PIECES + BLANKS), max_size=10))
def test_reset_words_finds_what_the_pattern_without_its_look_ahead_finds(pieces: list[str]) -> None:
    plain = re.compile(clauses.RESET_WORDS.pattern.replace("(?=[AEFMaefm])", "", 1), re.IGNORECASE)
    assert plain.pattern != clauses.RESET_WORDS.pattern
    for text in ("".join(pieces), " ".join(pieces)):
        found, expected = clauses.RESET_WORDS.search(text), plain.search(text)
        assert (found and found.span()) == (expected and expected.span()), text


GAP_PIECES = ["Ruiz", "will", "also", "has", "quickly", "and", "ly", "x"]


@given(st.lists(st.sampled_from(GAP_PIECES + BLANKS), min_size=1, max_size=10))
def test_a_subject_before_a_blank_gap_is_the_one_the_pattern_takes(pieces: list[str]) -> None:
    text = " ".join(pieces) + "."
    for sentence in split_sentences(text):
        mentions = read_mentions(sentence, Discourse(), lambda offset: False)
        for index, token in enumerate(sentence.tokens):
            m = last_ending_by(mentions, token.start)
            gap = None if m is None else sentence.text[m.end - sentence.start : token.start - sentence.start]
            expected = m if gap is not None and clauses._SUBJECT_GAP.fullmatch(gap) else None
            assert clauses.subject_before(sentence, mentions, index) == expected, (text, index)
