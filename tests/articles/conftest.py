"""Fixtures shared by the extraction tests."""

from __future__ import annotations

import pytest

from ledger.articles import extract as extract_module


@pytest.fixture
def reads(monkeypatch) -> list[int]:
    """The start of every sentence ``extract`` reads afresh (not given again from its memory), as it reads."""
    started: list[int] = []
    read_afresh = extract_module._Reader._read_afresh

    def counting(self, sentence, own):
        started.append(sentence.start)
        return read_afresh(self, sentence, own)

    monkeypatch.setattr(extract_module._Reader, "_read_afresh", counting)
    return started
