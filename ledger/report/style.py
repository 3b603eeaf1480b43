"""How statuses look, and how numbers, dates and charts are written, in reports.

One closed mapping over ``STATUSES`` (colour, marker, bar hatch, symbol; the
label and the meaning come from ``ledger.core.vocabulary.STATUS_WORDS``); a
test walks it, so a new status without a look fails. Nothing here reads the
locale, the clock or the installed fonts: charts use DejaVu (which ships with
matplotlib) and SVG output is made deterministic. Dates and percentages are
written by ``ledger.core.formats``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ledger.core.vocabulary import STATUS_WORDS, STATUSES

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

#: matplotlib's marker fill styles.
FillStyle = Literal["full", "left", "right", "bottom", "top", "none"]


@attrs.frozen
class StatusStyle:
    """How one status is drawn and named. ``marker``/``fill`` are matplotlib's.

    ``label`` and ``meaning`` are the words of ``ledger.core.vocabulary.STATUS_WORDS``.
    """

    label: str
    colour: str
    marker: str
    fill: FillStyle  # matplotlib fillstyle of the marker: "full", "none", "left"...
    hatch: str  # bar hatch, so statuses differ in grey print as well as in colour
    meaning: str  # the words of docs/statistics.md
    symbol: str  # a text character that echoes the marker in tables


#: How each status looks: (colour, marker, fill, hatch, symbol). Colours are
#: the Okabe–Ito colour-blind-safe set; markers and hatches carry the
#: distinction in grey.
_LOOKS: dict[str, tuple[str, str, FillStyle, str, str]] = {
    "kept": ("#009E73", "o", "full", "", "●"),
    "late": ("#56B4E9", "D", "full", "..", "◆"),
    "partial": ("#E69F00", "o", "left", "\\\\\\", "◐"),
    "broken": ("#D55E00", "X", "full", "xxx", "✖"),
    "withdrawn": ("#CC79A7", "v", "full", "++", "▼"),
    "superseded": ("#8C8C8C", ">", "full", "---", "▶"),
    "missed": ("#993404", "s", "full", "O", "■"),
    "lapsed": ("#5A3D8A", "|", "full", "///", "❙"),
    "pending": ("#0072B2", "o", "none", "", "○"),
    "unreadable": ("#111111", "$?$", "full", "**", "?"),
}

#: The status palette, one entry per status, named in the vocabulary's words.
STATUS_STYLES: Mapping[str, StatusStyle] = {
    status: StatusStyle(STATUS_WORDS[status].label, colour, marker, fill, hatch, STATUS_WORDS[status].meaning, symbol)
    for status, (colour, marker, fill, hatch, symbol) in _LOOKS.items()
}

if tuple(STATUS_STYLES) != STATUSES:  # pragma: no cover - guarded by tests too
    raise RuntimeError("STATUS_STYLES must list every status of ledger.STATUSES, in order")

# -- charts --------------------------------------------------------------------

#: matplotlib settings used for every chart the report draws.
RC: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.edgecolor": "#444444",
    "axes.linewidth": 0.6,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "hatch.linewidth": 0.6,
    "svg.fonttype": "path",  # glyphs as paths: the SVG looks the same wherever it is opened
    "svg.hashsalt": "ledger-report",  # fixed ids, so the same input gives the same bytes
    "svg.image_inline": True,
}

_ID = re.compile(r'\bid="([^"]+)"')
_PATH_D = re.compile(r'\bd="([^"]*)"')
_DECIMAL = re.compile(r"-?\d+\.\d+")


def _squeeze(match: re.Match) -> str:
    """A path's d attribute with numbers to one decimal and single spaces."""
    d = _DECIMAL.sub(lambda n: f"{float(n.group(0)):.1f}".rstrip("0").rstrip("."), match.group(1))
    return 'd="' + " ".join(d.split()) + '"'


def figure_svg(figure, *, title: str, desc: str, prefix: str) -> str:
    """The figure as an inline ``<svg>`` element: no prolog, ids prefixed, a title and a description.

    Prefixing the ids keeps two charts in one page from sharing glyph or clip
    ids; ``<title>``/``<desc>`` with ``role="img"`` let screen readers name it.
    """
    import html

    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context(RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    ids = set(_ID.findall(text))
    text = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = re.sub(
        r'(href="#|url\(#)([^")]+)',
        lambda m: f"{m.group(1)}{prefix}-{m.group(2)}" if m.group(2) in ids else m.group(0),
        text,
    )
    # Scale with the page; the viewBox keeps the aspect ratio.
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", text, count=1)
    # matplotlib's "* { stroke-linejoin... }" would style every element of a page the chart is pasted
    # into; the same two properties, inherited from the <svg> itself, style only the chart.
    text = re.sub(r"<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>", "", text, count=1)
    head = text.index(">") + 1
    labelled = (
        f' role="img" aria-labelledby="{prefix}-title {prefix}-desc" class="chart"'
        ' style="stroke-linejoin: round; stroke-linecap: butt"'
    )
    opening = text[: head - 1] + labelled + ">"
    text = (
        opening
        + f'<title id="{prefix}-title">{html.escape(title)}</title>'
        + f'<desc id="{prefix}-desc">{html.escape(desc)}</desc>'
        + text[head:]
    )
    # Hatch tiles are drawn with six decimals; a tenth of a point is finer than any screen, at a third the size.
    text = re.sub(r"<pattern\b.*?</pattern>", lambda m: _PATH_D.sub(_squeeze, m.group(0)), text, flags=re.S)
    # Comments carry nothing a reader needs.
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return text.strip()
