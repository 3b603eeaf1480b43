"""Files: the YAML and CSV formats, the loader and dumpers, atomic writes, Parquet in and out, result tables.

Imports ``ledger.core`` and ``ledger.deadlines`` (the loader checks that every deadline can be read).
"""
