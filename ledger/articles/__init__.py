"""Candidate commitments proposed from article text, for a person to confirm.

Imports ``ledger.core`` and ``ledger.deadlines``.
"""
