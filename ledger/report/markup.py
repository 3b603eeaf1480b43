"""Small pieces of report markup: escaped text, safe links, status badges, commitment anchors."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from ledger.report.style import STATUS_STYLES

__all__ = ["anchor", "domain", "esc", "link", "status_badge"]


def esc(value) -> str:
    """Text from data, escaped for HTML text and attribute values; '' for None.

    >>> esc('<b> & "x"')
    '&lt;b&gt; &amp; &quot;x&quot;'
    """
    return html.escape("" if value is None else str(value), quote=True)


def link(url: str | None, text: str | None = None) -> str:
    """An <a> for an http(s) URL (anything else is shown as text, never as a link).

    >>> link("https://www.example.org/a"), link("javascript:alert(1)", "x")
    ('<a href="https://www.example.org/a">example.org</a>', 'x')
    """
    if not url:
        return ""
    shown = text or domain(url)
    if urlsplit(url).scheme not in ("http", "https"):
        return esc(shown)
    return f'<a href="{esc(url)}">{esc(shown)}</a>'


def domain(url: str) -> str:
    """The site a URL is on, without 'www.'.

    >>> domain("https://www.example.org/a?b=1")
    'example.org'
    """
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def status_badge(status: str, rating: str | None = None) -> str:
    """A status as a coloured badge: its symbol (hidden from screen readers) and its label; then its rating, if any.

    >>> status_badge("kept")
    '<span class="status s-kept"><span aria-hidden="true">●</span> kept</span>'
    >>> status_badge("late", "Compromise").split("</span> ")[-1]
    '<span class="rating">Compromise</span>'
    """
    style = STATUS_STYLES[status]
    badge = (
        f'<span class="status s-{esc(status)}"><span aria-hidden="true">{esc(style.symbol)}</span> '
        f"{esc(style.label)}</span>"
    )
    return badge + (f' <span class="rating">{esc(rating)}</span>' if rating else "")


def anchor(commitment_id: str) -> str:
    """The id of a commitment's section in the page (prefixed, so no id can clash with the page's own).

    >>> anchor("bridge-reopening")
    'c-bridge-reopening'
    """
    return f"c-{commitment_id}"
