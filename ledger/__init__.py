"""ledger: hold people in public life to their word.

Record stated commitments with deadlines, read each deadline phrase as a
dated due window, record what happened later, and compute follow-through
as of any date. The public API is re-exported here; see README.md.
"""

from ledger._version import __version__
from ledger.dump import dump_csv, dump_yaml
from ledger.load import ERROR_CODES, LoadError, LoadResult, load, load_text
from ledger.model import EVENT_TYPES, Commitment, Event, FieldTypeError, FieldValueError, Ledger, Origin, Source
from ledger.tables import ledger_hash, read_tables, write_parquet, write_tables

__all__ = sorted(
    [
        "Commitment",
        "ERROR_CODES",
        "EVENT_TYPES",
        "Event",
        "FieldTypeError",
        "FieldValueError",
        "Ledger",
        "LoadError",
        "LoadResult",
        "Origin",
        "Source",
        "__version__",
        "dump_csv",
        "dump_yaml",
        "ledger_hash",
        "load",
        "load_text",
        "read_tables",
        "write_parquet",
        "write_tables",
    ]
)
