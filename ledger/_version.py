"""The library version, kept in one place (read by pyproject and table metadata)."""

__version__ = "0.1.0"
