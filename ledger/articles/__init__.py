"""Candidate commitments proposed from article text, for a person to confirm.

Imports ``ledger.core`` and ``ledger.deadlines``; the archive runner (``archive``,
``archive_input``) also ``ledger.io``, for atomic writes, Parquet and the range of dates.
"""
