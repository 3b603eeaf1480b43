"""Deadline phrases to dated due windows, and finding deadline phrases in prose.

Imports only ``ledger.core``. The modules, bottom to top:

- ``policy``: ``DeadlinePolicy``, every convention as a named parameter;
- ``lexicon`` and ``grammar``: the words of deadline phrases and the patterns built from them;
- ``errors``: ``DeadlineError``, and how the reader refuses a phrase inside;
- ``dates`` and ``periods``: calendar arithmetic, and the periods a phrase names;
- ``rules``: what the core of a phrase names (a ``Target``), and ``RULE_NAMES``;
- ``window``: ``DueWindow`` and its explanation, ``DeadlineMatch``;
- ``reader``: ``parse_deadline``, one phrase said on one day;
- ``batch``: ``deadline_windows`` and ``window_columns``, a whole column at once;
- ``find``: ``find_deadlines``, deadline phrases in running prose.
"""

from ledger.core.vocabulary import BOUNDS, WINDOW_KINDS
from ledger.deadlines.batch import deadline_windows
from ledger.deadlines.errors import DeadlineError
from ledger.deadlines.find import find_deadlines
from ledger.deadlines.policy import DEFAULT_POLICY, PUBLIC_EVENT_KINDS, DeadlinePolicy
from ledger.deadlines.reader import parse_deadline
from ledger.deadlines.rules import RULE_NAMES
from ledger.deadlines.window import DeadlineMatch, DueWindow

__all__ = [
    "BOUNDS",
    "DEFAULT_POLICY",
    "RULE_NAMES",
    "WINDOW_KINDS",
    "DeadlineError",
    "DeadlineMatch",
    "DeadlinePolicy",
    "PUBLIC_EVENT_KINDS",
    "DueWindow",
    "deadline_windows",
    "find_deadlines",
    "parse_deadline",
]
