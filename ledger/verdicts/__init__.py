"""Verdicts as of a date, reset chains, follow-through statistics and rating scales.

Imports ``ledger.core``, ``ledger.deadlines`` and ``ledger.io``.
"""
