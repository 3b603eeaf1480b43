"""Deadline phrases to dated due windows, and finding deadline phrases in prose.

Imports only ``ledger.core``.
"""

from ledger.core.vocabulary import BOUNDS, WINDOW_KINDS
from ledger.deadlines.find import find_deadlines
from ledger.deadlines.reader import (
    DEFAULT_POLICY,
    RULE_NAMES,
    DeadlineError,
    DeadlineMatch,
    DeadlinePolicy,
    DueWindow,
    deadline_windows,
    parse_deadline,
)

__all__ = [
    "BOUNDS",
    "DEFAULT_POLICY",
    "RULE_NAMES",
    "WINDOW_KINDS",
    "DeadlineError",
    "DeadlineMatch",
    "DeadlinePolicy",
    "DueWindow",
    "deadline_windows",
    "find_deadlines",
    "parse_deadline",
]
