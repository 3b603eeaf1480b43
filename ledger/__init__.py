"""ledger: hold people in public life to their word.

Record stated commitments with deadlines, read each deadline phrase as a
dated due window, record what happened later, and compute follow-through
as of any date. The public API is re-exported here; see README.md.
"""

from ledger._version import __version__
from ledger.deadlines import (
    DEFAULT_POLICY,
    DeadlineError,
    DeadlineMatch,
    DeadlinePolicy,
    DueWindow,
    deadline_windows,
    find_deadlines,
    parse_deadline,
)
from ledger.dump import dump_csv, dump_yaml
from ledger.evaluate import STATUSES, UnreadableDeadlines, chains, evaluate
from ledger.extract import Candidate, candidates_to_yaml, extract
from ledger.load import ERROR_CODES, LoadError, LoadResult, load, load_text
from ledger.model import EVENT_TYPES, Commitment, Event, FieldTypeError, FieldValueError, Ledger, Origin, Source
from ledger.outputs import ResultsWriter, TableCheckError, write_results
from ledger.plots import plot_survival, plot_timeline
from ledger.report import Headline, Report, build_report, summarize
from ledger.scales import to_scale
from ledger.stats import follow_through, time_to_fulfilment, wilson_interval
from ledger.tables import LedgerTables, ledger_hash, read_arrow, read_tables, write_parquet, write_tables

__all__ = sorted(
    [
        "Candidate",
        "Commitment",
        "DEFAULT_POLICY",
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
        "Ledger",
        "LedgerTables",
        "LoadError",
        "LoadResult",
        "Origin",
        "Report",
        "ResultsWriter",
        "STATUSES",
        "Source",
        "TableCheckError",
        "UnreadableDeadlines",
        "__version__",
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
)
