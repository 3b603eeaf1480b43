"""Verdicts as of a date, reset chains, follow-through statistics and rating scales.

- ``evaluate``: ``evaluate()``, one verdict per commitment, as a list of steps.
- ``chains``: each commitment's chain and position, and the chains table.
- ``stats``: follow-through rates with Wilson intervals, and time to fulfilment.
- ``scales``: statuses on a fact-checker's rating scale.
- ``arrays``: the column helpers they share (day numbers, takes with a "none" row).

Imports ``ledger.core`` and ``ledger.deadlines``; the layer below, ``ledger.io``,
is allowed but not needed.
"""
