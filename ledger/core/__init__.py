"""The bottom layer: records, closed vocabularies, the column layout, day arithmetic, text and house formats.

Nothing here imports another layer of ``ledger``.
"""
