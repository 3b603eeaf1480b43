"""ledger: hold people in public life to their word.

Record stated commitments with deadlines, read each deadline phrase as a
dated due window, record what happened later, and compute follow-through
as of any date. The public API is re-exported here; see README.md.
"""

from ledger._version import __version__
from ledger.articles.archive import CANDIDATE_SCHEMA, ArchiveResult, extract_archive, read_candidates
from ledger.articles.archive_input import ArticleProblem
from ledger.articles.extract import MAX_ARTICLE_LENGTH, ArticleTooLongError, Candidate, candidates_to_yaml, extract
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
from ledger.deadlines.reader import MAX_PHRASE_LENGTH
from ledger.deadlines.window import SetAside
from ledger.io.append import Appended, append_commitment, append_event, ledger_lock
from ledger.io.convert import Converted, convert
from ledger.io.csv_format import MAX_CELL_LENGTH
from ledger.io.dump import dump_csv, dump_yaml
from ledger.io.loader import ERROR_CODES, WARNING_CODES, LoadError, LoadResult, load, load_text
from ledger.io.parquet import (
    EVALUATION_COLUMNS,
    EvaluationTables,
    MixedTablesError,
    read_arrow,
    read_for_evaluation,
    read_tables,
    write_parquet,
    write_tables,
)
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
from ledger.verdicts.batched import BatchPlan, FolderResults, evaluate_folder, plan_batches
from ledger.verdicts.chains import chains
from ledger.verdicts.changes import CHANGE_KINDS, DESK_SECTIONS, LedgerChanges, changes, desk_sections, ledger_changes
from ledger.verdicts.distributed import evaluate_partitions, evaluate_partitions_into, partition_ledger
from ledger.verdicts.evaluate import UnreadableDeadlines, evaluate
from ledger.verdicts.expect import Expectation, backtest, brier_score, expect
from ledger.verdicts.over_time import KNOWN_THEN, follow_through_over_time, over_time_chart_rows
from ledger.verdicts.scales import to_scale
from ledger.verdicts.stats import DUE_STATUSES, follow_through, time_to_fulfilment, wilson_interval

__all__ = [
    "ACTOR_KINDS",
    "Actor",
    "Agreement",
    "Appended",
    "ArchiveResult",
    "ArticleProblem",
    "ArticleTooLongError",
    "BOUNDS",
    "BatchPlan",
    "CANDIDATE_SCHEMA",
    "CANDIDATE_TAG",
    "CHANGE_KINDS",
    "Candidate",
    "Commitment",
    "Converted",
    "DEFAULT_POLICY",
    "DESK_SECTIONS",
    "DUE_STATUSES",
    "DeadlineError",
    "DeadlineMatch",
    "DeadlinePolicy",
    "DueWindow",
    "ERROR_CODES",
    "EVALUATION_COLUMNS",
    "EVENT_TYPES",
    "EvaluationTables",
    "Event",
    "Expectation",
    "FieldTypeError",
    "FieldValueError",
    "FolderResults",
    "Headline",
    "IntegrityError",
    "KNOWN_THEN",
    "Ledger",
    "LedgerChanges",
    "LedgerTables",
    "LoadError",
    "LoadResult",
    "MAX_ARTICLE_LENGTH",
    "MAX_CELL_LENGTH",
    "MAX_PHRASE_LENGTH",
    "MixedTablesError",
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
    "append_commitment",
    "append_event",
    "backtest",
    "brier_score",
    "build_report",
    "candidates_to_yaml",
    "chains",
    "changes",
    "convert",
    "deadline_windows",
    "desk_sections",
    "dump_csv",
    "dump_yaml",
    "evaluate",
    "evaluate_folder",
    "evaluate_partitions",
    "evaluate_partitions_into",
    "expect",
    "extract",
    "extract_archive",
    "find_deadlines",
    "follow_through",
    "follow_through_over_time",
    "ledger_changes",
    "ledger_hash",
    "ledger_lock",
    "load",
    "load_text",
    "over_time_chart_rows",
    "parse_deadline",
    "partition_ledger",
    "plan_batches",
    "plot_survival",
    "plot_timeline",
    "read_arrow",
    "read_candidates",
    "read_for_evaluation",
    "read_tables",
    "summarize",
    "time_to_fulfilment",
    "to_scale",
    "wilson_interval",
    "write_parquet",
    "write_results",
    "write_tables",
]
