"""docs/deadlines.md: its examples table is executed row by row."""

import pathlib
import re
from datetime import date

import pytest

from ledger.deadlines import parse_deadline

DOC = pathlib.Path(__file__).parents[2] / "docs" / "deadlines.md"


def _rows():
    text = DOC.read_text(encoding="utf-8").split("## Examples", 1)[1]
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 8 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[1]):
            rows.append(cells)
    return rows


ROWS = _rows()


def test_docs_table_has_examples():
    """The docs carry a real examples table."""
    assert len(ROWS) >= 40


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}@{r[1]}" for r in ROWS])
def test_docs_example(row):
    """Each docs example reads exactly as documented."""
    phrase, said, earliest, due, latest, kind, bound, hedged = row
    w = parse_deadline(phrase, date.fromisoformat(said))
    none = lambda d: "—" if d is None else d.isoformat()
    got = (w.earliest.isoformat(), none(w.due), none(w.latest), w.kind, w.bound, "yes" if w.hedged else "no")
    assert got == (earliest, due, latest, kind, bound, hedged)


def test_docs_python_block_runs():
    """The python code block in the docs runs."""
    block = DOC.read_text(encoding="utf-8").split("```python", 1)[1].split("```", 1)[0]
    exec(compile(block, str(DOC), "exec"), {})
