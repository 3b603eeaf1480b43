"""Small ledgers as text, for the hostile-input tests."""


def yaml_ledger(n: int = 3, *, deadline: str = "in two weeks", extra: str = "", at: int = 1) -> str:
    """A YAML ledger of ``n`` valid commitments c0..c{n-1}; commitment ``at`` gets ``deadline`` and ``extra`` lines."""
    rows = []
    for i in range(n):
        rows.append(
            f"  - id: c{i}\n"
            "    actor: Mayor Ada Example\n"
            "    stated_on: 2025-03-03\n"
            f"    text: Reopen bridge number {i}\n"
            f"    deadline: {deadline if i == at else 'in two weeks'}\n"
            "    sources:\n"
            f"      - url: https://example.org/{i}\n" + (extra if i == at else "")
        )
    return "commitments:\n" + "".join(rows)


CSV_HEADER = "id,actor,stated_on,text,deadline,source_url\n"


def csv_row(i: int, text: str | None = None) -> str:
    """One valid commitments.csv row with id c{i}."""
    return f"c{i},Mayor Ada Example,2025-03-03,{text or f'Reopen bridge number {i}'},in two weeks,https://example.org/{i}\n"


def csv_ledger(n: int = 3) -> str:
    """A commitments.csv of ``n`` valid rows c0..c{n-1}."""
    return CSV_HEADER + "".join(csv_row(i) for i in range(n))
