"""Reports: headline sentences, HTML and Markdown pages, charts and notebook plots.

Imports every layer below it; nothing below imports it.
"""

from ledger.core.formats import SMALL_N
from ledger.report.build import Headline, Report, build_report, ledger_title, summarize
from ledger.report.plots import plot_survival, plot_timeline

__all__ = [
    "SMALL_N",
    "Headline",
    "Report",
    "build_report",
    "ledger_title",
    "plot_survival",
    "plot_timeline",
    "summarize",
]
