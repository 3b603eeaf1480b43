"""Files: the YAML and CSV formats, the loader and dumpers, atomic writes, Parquet in and out, result tables.

Imports ``ledger.core`` and ``ledger.deadlines`` (the loader checks that every deadline can be read).

Reading a ledger, file to ``Ledger``: ``loader`` finds and decodes the files;
``yaml_format`` and ``csv_format`` turn their text into located fields;
``entries`` reads each entry's fields by its record's declaration into a
record; ``linking`` checks the integrity rules across records. ``problems``
holds ``LoadError`` and the error codes, ``layout`` the formats' field lists
(derived from the declarations), which ``dump`` also writes by.
"""
