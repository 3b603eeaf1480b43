"""per_sentence keeps one answer, for the very sentence it was asked about: never another sentence's."""

from __future__ import annotations

import threading

from ledger.articles import candidates, clauses, non_deadlines, wording
from ledger.articles.per_sentence import per_sentence
from ledger.core.text import split_sentences

KEPT = [
    clauses._governing,
    wording._clause_ends,
    wording._clause_starts,
    wording._evenly_spaced,
    candidates._plain_sentence,
    candidates._words_of,
    non_deadlines._openings,
]
TEXT = "He will act by June. The deadline was set, when she said so. We are grateful  it was pushed back. " * 3


def test_each_kept_answer_is_the_answer_asked_afresh_in_any_order() -> None:
    sentences = split_sentences(TEXT)
    # equal texts at other offsets are other sentences: each gets its own answer, by identity
    for sentence in sentences + sentences[::-1] + sentences[::2]:
        for function in KEPT:
            assert function(sentence) == function.__wrapped__(sentence), (function.__name__, sentence.text)


def test_threads_asking_of_their_own_sentences_get_their_own_answers() -> None:
    sentences = split_sentences(TEXT * 20)
    wrong: list[str] = []

    def ask(offset: int) -> None:
        for sentence in sentences[offset:] + sentences[:offset]:
            for function in KEPT:
                if function(sentence) != function.__wrapped__(sentence):
                    wrong.append(sentence.text)

    threads = [threading.Thread(target=ask, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_an_equal_sentence_elsewhere_is_asked_again() -> None:
    calls = []

    @per_sentence
    def start(sentence):
        calls.append(sentence)
        return sentence.start

    first, second = split_sentences("Go. Go.")
    assert first.text == second.text and first != second
    assert [start(first), start(first), start(second), start(first)] == [0, 0, 4, 0]
    assert len(calls) == 3
