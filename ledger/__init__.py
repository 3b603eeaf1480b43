"""ledger: hold people in public life to their word.

Record stated commitments with deadlines, read each deadline phrase as a
dated due window, record what happened later, and compute follow-through
as of any date. The public API is re-exported here; see README.md.
"""

from ledger._version import __version__
from ledger.articles.extract import Candidate, candidates_to_yaml, extract
from ledger.core.errors import FieldTypeError, FieldValueError
from ledger.core.integrity import IntegrityError
from ledger.core.records import ACTOR_KINDS, Actor, Commitment, Event, Ledger, Origin, Source
from ledger.core.tables import LedgerTables, ledger_hash
from ledger.core.vocabulary import (
    BOUNDS,
    CANDIDATE_TAG,
    EVENT_TYPES,
    STATUS_RULES,
    STATUSES,
    UNREADABLE_RULE,
    WINDOW_KINDS,
)
from ledger.deadlines import (
    DEFAULT_POLICY,
    PUBLIC_EVENT_KINDS,
    RULE_NAMES,
    DeadlineError,
    DeadlineMatch,
    DeadlinePolicy,
    DueWindow,
    deadline_windows,
    find_deadlines,
    parse_deadline,
)
from ledger.deadlines.window import SetAside
from ledger.io.dump import dump_csv, dump_yaml
from ledger.io.loader import ERROR_CODES, WARNING_CODES, LoadError, LoadResult, load, load_text
from ledger.io.parquet import read_arrow, read_tables, write_parquet, write_tables
from ledger.io.results import ResultsWriter, TableCheckError, write_results
from ledger.report import (
    Headline,
    Report,
    build_report,
    plot_survival,
    plot_timeline,
    summarize,
)
from ledger.verdicts.agreement import Agreement, agreement
from ledger.verdicts.chains import chains
from ledger.verdicts.evaluate import UnreadableDeadlines, evaluate
from ledger.verdicts.scales import to_scale
from ledger.verdicts.stats import DUE_STATUSES, follow_through, time_to_fulfilment, wilson_interval

__all__ = [
    "ACTOR_KINDS",
    "Actor",
    "Agreement",
    "BOUNDS",
    "CANDIDATE_TAG",
    "Candidate",
    "Commitment",
    "DEFAULT_POLICY",
    "DUE_STATUSES",
    "DeadlineError",
    "DeadlineMatch",
    "DeadlinePolicy",
    "DueWindow",
    "ERROR_CODES",
    "EVENT_TYPES",
    "Event",
    "FieldTypeError",
    "FieldValueError",
    "Headline",
    "IntegrityError",
    "Ledger",
    "LedgerTables",
    "LoadError",
    "LoadResult",
    "Origin",
    "PUBLIC_EVENT_KINDS",
    "RULE_NAMES",
    "Report",
    "ResultsWriter",
    "STATUSES",
    "STATUS_RULES",
    "SetAside",
    "Source",
    "TableCheckError",
    "UNREADABLE_RULE",
    "UnreadableDeadlines",
    "WARNING_CODES",
    "WINDOW_KINDS",
    "__version__",
    "agreement",
    "build_report",
    "candidates_to_yaml",
    "chains",
    "deadline_windows",
    "dump_csv",
    "dump_yaml",
    "evaluate",
    "extract",
    "find_deadlines",
    "follow_through",
    "ledger_hash",
    "load",
    "load_text",
    "parse_deadline",
    "plot_survival",
    "plot_timeline",
    "read_arrow",
    "read_tables",
    "summarize",
    "time_to_fulfilment",
    "to_scale",
    "wilson_interval",
    "write_parquet",
    "write_results",
    "write_tables",
]
