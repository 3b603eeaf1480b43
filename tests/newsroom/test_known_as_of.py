"""`list`, `show` and `diff` agree on a day when an outcome was recorded after it (recorded_on)."""

import json

from ledger.cli import main

# Fulfilled on 10 April, but the desk only learned it (recorded it) on 10 May.
LATE_NEWS = """\
commitments:
  - id: a
    actor: Mayor Ada Example
    stated_on: 2025-04-01
    text: Reopen the library
    deadline: in two weeks
    sources: [{url: "https://example.org/a"}]
    events:
      - {on: 2025-04-10, type: fulfilled, recorded_on: 2025-05-10, sources: [{url: "https://example.org/d"}]}
"""


def _status(capsys, *args):
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    return out


def test_list_show_and_diff_agree_as_known_then(tmp_path, capsys):
    """Judged on 1 May as known on 1 May, the commitment had lapsed; judged on 1 May with what we know
    now, it was kept. A Friday note made with diff can be checked with list and show."""
    path = tmp_path / "desk.yaml"
    path.write_text(LATE_NEWS)
    day = ["--as-of", "2025-05-01"]
    known = ["--known-as-of", "2025-05-01"]
    assert _status(capsys, "list", str(path), *day)["commitments"][0]["status"] == "kept"
    assert _status(capsys, "list", str(path), *day, *known)["commitments"][0]["status"] == "lapsed"
    shown = _status(capsys, "show", str(path), "a", *day, *known)
    assert shown["verdict"]["status"] == "lapsed"
    assert shown["events"][0]["counted"] is False
    assert shown["events"][0]["why_not_counted"] == "recorded after the known-as-of day"
    assert main(["show", str(path), "a", *day, *known]) == 0
    assert "[recorded after the known-as-of day: not counted]" in capsys.readouterr().out
    # diff judges each day as known then: nothing moved between 20 April and 1 May
    assert main(["diff", str(path), "--from", "2025-04-20", "--to", "2025-05-01"]) == 0
    note = capsys.readouterr().out.splitlines()
    assert note[2].startswith("_Each day as it was known then") and "--known-as-of DAY" in note[2]
    assert note[-1].startswith("Nothing changed")
    # and by 12 May the news is in: newly kept
    assert main(["diff", str(path), "--from", "2025-05-01", "--to", "2025-05-12"]) == 0
    assert "**Newly kept (1)**" in capsys.readouterr().out
