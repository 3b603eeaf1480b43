"""The report's CSS and its small script, both scoped under one root class so the report embeds anywhere.

Every rule of ``report_css`` starts with ``.ledger-report`` (``ROOT_CLASS``):
the fragment a CMS pastes restyles nothing of its host page. Only the full
page adds ``@page`` (print margins), which a fragment must not set. The
script finds its own root (``document.currentScript``), touches nothing
outside it, loads nothing and sends nothing; without it the page is whole,
only the filter, search and sort controls stay hidden.
"""

from __future__ import annotations

import re

from ledger.report.charts import WIDE_FROM_PX
from ledger.report.style import STATUS_STYLES

__all__ = ["PAGE_CSS", "ROOT_CLASS", "SCRIPT", "report_css"]

#: The class of the element that holds the whole report, page or fragment.
ROOT_CLASS = "ledger-report"

_NARROW_MAX = WIDE_FROM_PX - 1

# One rule a line; "R" stands for the root class. Colours, then layout, then narrow screens, then print.
_RULES = """
R { --ink: #1a1a1a; --muted: #5b5b5b; --rule: #d9d9d9; --paper: #ffffff; --tint: #f5f3ee; --link: #0b4f8a; }
R { box-sizing: border-box; max-width: 1120px; margin: 0 auto; padding: 32px 40px 64px; color: var(--ink); background: var(--paper); font: 16px/1.55 Georgia, "Iowan Old Style", "Source Serif Pro", "DejaVu Serif", serif; overflow-wrap: break-word; text-align: left; }
R *, R *::before, R *::after { box-sizing: inherit; }
R [hidden] { display: none !important; }
R .sans, R table, R figcaption, R .kicker, R .dek, R .meta, R aside, R nav, R .status, R .rating, R footer, R form, R h3, R h4, R dl.facts { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
R header { border-bottom: 3px solid var(--ink); padding-bottom: 14px; margin-bottom: 24px; }
R .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0 0 6px; }
R h1 { font-size: 36px; line-height: 1.15; margin: 0 0 10px; font-weight: 700; }
R .dek { font-size: 16px; color: #333; margin: 0; }
R h2 { font-size: 22px; line-height: 1.25; margin: 40px 0 10px; padding-top: 8px; border-top: 1px solid var(--rule); }
R h2.first { border: 0; margin-top: 0; }
R h3 { font-size: 17px; margin: 28px 0 8px; }
R h4 { font-size: 15px; margin: 0 0 4px; line-height: 1.35; }
R p { margin: 0 0 12px; }
R .findings { list-style: none; margin: 0; padding: 0; }
R .findings li { font-size: 19px; line-height: 1.5; padding: 12px 16px 12px 18px; border-left: 4px solid var(--ink); margin-bottom: 12px; background: var(--tint); }
R .findings li:first-child { font-size: 22px; border-left-width: 6px; }
R p.note { color: var(--muted); font-size: 14px; }
R .scroll { overflow-x: auto; max-width: 100%; margin: 0 0 8px; }
R table { border-collapse: collapse; width: 100%; font-size: 13px; line-height: 1.4; }
R th { text-align: left; font-weight: 600; border-bottom: 2px solid var(--ink); padding: 6px 8px; vertical-align: bottom; }
R tbody th { font-weight: 600; border-bottom: 1px solid var(--rule); vertical-align: top; }
R td { border-bottom: 1px solid var(--rule); padding: 6px 8px; vertical-align: top; }
R td.num, R th.num { text-align: right; font-variant-numeric: tabular-nums; }
R tr.total td, R tr.total th { font-weight: 700; border-top: 2px solid var(--ink); }
R td.zero { color: #8a8a8a; }
R th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
R th[aria-sort="ascending"] button::after { content: " ▲"; }
R th[aria-sort="descending"] button::after { content: " ▼"; }
R .id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
R .said { font-style: italic; }
R .quiet { color: var(--muted); }
R .status { display: inline-block; font-weight: 600; font-size: 12px; padding: 1px 7px; border-radius: 3px; border: 1.5px solid; white-space: nowrap; }
R .rating { display: inline-block; font-size: 12px; padding: 1px 6px; border: 1px dashed var(--muted); border-radius: 3px; margin-left: 4px; white-space: nowrap; }
R ul.sources, R ol.record { margin: 0; padding-left: 18px; }
R ul.sources li, R ol.record li { margin: 0 0 6px; }
R .quote { font-style: italic; color: #333; }
R a { color: var(--link); text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: 2px; }
R figure { margin: 18px 0 8px; padding: 0; }
R figure svg.chart { width: 100%; height: auto; display: block; }
R .chart-narrow { display: none; }
R figcaption { font-size: 13px; color: #333; margin-top: 6px; max-width: 860px; }
R figcaption b { color: var(--ink); }
R aside.methods { background: var(--tint); border: 1px solid #cfcac0; padding: 14px 20px; margin-top: 36px; font-size: 13px; line-height: 1.5; }
R aside.methods h2 { border: 0; margin: 0 0 8px; padding: 0; font-size: 18px; }
R aside.methods dl { display: grid; grid-template-columns: 150px minmax(0, 1fr); gap: 6px 14px; margin: 0; }
R aside.methods dt { font-weight: 700; }
R aside.methods dd { margin: 0; overflow-wrap: anywhere; }
R form.controls { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; background: var(--tint); padding: 10px 12px; margin: 0 0 14px; font-size: 14px; }
R form.controls label { display: flex; flex-direction: column; gap: 2px; min-width: 0; flex: 1 1 150px; }
R form.controls select, R form.controls input { font: inherit; font-size: 15px; padding: 4px 6px; min-width: 0; max-width: 100%; border: 1px solid #999; border-radius: 3px; background: #fff; color: var(--ink); }
R form.controls output { flex: 1 1 100%; color: var(--muted); }
R section.group > h3 { border-bottom: 1px solid var(--ink); padding-bottom: 4px; }
R article.promise { border-left: 3px solid var(--rule); padding: 4px 0 4px 14px; margin: 0 0 22px; }
R article.promise:target { border-left-color: var(--link); background: #eef4fa; }
R article.promise p.what { margin: 2px 0 6px; }
R dl.facts { display: grid; grid-template-columns: 120px minmax(0, 1fr); gap: 4px 12px; margin: 0 0 8px; font-size: 14px; }
R dl.facts dt { color: var(--muted); font-weight: 600; }
R dl.facts dd { margin: 0; }
R ol.chain { margin: 0; padding-left: 18px; }
R .record { font-size: 14px; }
R table.figures td.num { white-space: nowrap; }
R ul.expect { padding-left: 20px; }
R ul.expect li { margin: 0 0 10px; }
R details.numbers summary { cursor: pointer; font-size: 14px; color: var(--muted); margin: 4px 0; }
R footer { margin-top: 30px; font-size: 12px; color: var(--muted); }
@media (max-width: NARROWpx) {
R { padding: 18px 14px 40px; }
R h1 { font-size: 27px; }
R h2 { font-size: 20px; margin-top: 30px; }
R .findings li { font-size: 17px; padding: 10px 12px; }
R .findings li:first-child { font-size: 18px; }
R .chart-wide { display: none; }
R .chart-narrow { display: block; }
R figure svg.chart-narrow { max-width: 520px; }
R aside.methods { padding: 12px; }
R aside.methods dl, R dl.facts { grid-template-columns: minmax(0, 1fr); gap: 2px; }
R aside.methods dd, R dl.facts dd { margin-bottom: 8px; }
R article.promise { padding-left: 10px; }
R table.index, R table.index thead, R table.index tbody { display: block; }
R table.index thead tr { display: flex; flex-wrap: wrap; gap: 2px 14px; }
R table.index thead th { border: 0; padding: 2px 0; }
R table.index tbody tr { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 2px 10px; border-top: 1px solid var(--rule); padding: 8px 0; }
R table.index td { border: 0; padding: 0; }
R table.index td:nth-child(3), R table.index td:nth-child(6) { grid-column: 1 / -1; }
}
@media print {
R { padding: 0; max-width: none; font-size: 11pt; }
R a { color: inherit; }
R a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; color: #444; overflow-wrap: anywhere; }
R form.controls, R th button::after { display: none; }
R .findings li { background: none; }
R .chart-wide { display: block; }
R .chart-narrow { display: none; }
R figure svg.chart { max-height: 230mm; width: auto; max-width: 100%; }
R tr, R figure, R li, R article.promise, R dl div { break-inside: avoid; }
R h2, R h3, R h4 { break-after: avoid; }
}
"""  # noqa: E501

#: The rules a full page adds for print: page margins (a fragment leaves its host's pages alone).
PAGE_CSS = "@page { margin: 18mm 16mm 20mm; }"


def report_css() -> str:
    """The report's CSS: every selector under ``.ledger-report``, plus one badge colour rule per status.

    >>> css = report_css()
    >>> all(line.startswith((".ledger-report", "@media", "}")) for line in css.splitlines() if line)
    True
    """
    text = _RULES.replace("NARROW", str(_NARROW_MAX))
    text = re.sub(r"(^|, )R\b", lambda m: m.group(1) + "." + ROOT_CLASS, text, flags=re.M)
    badges = "\n".join(
        f".{ROOT_CLASS} .s-{status} {{ border-color: {style.colour}; color: #111; background: {style.colour}22; }}"
        for status, style in STATUS_STYLES.items()
    )
    return text.strip() + "\n" + badges


#: Filters (actor, topic, status), search and sortable columns; kept small and dependency-free.
SCRIPT = """
(function () {
  var me = document.currentScript, root = me && me.closest(".ledger-report");
  if (!root) return;
  var form = root.querySelector("form.controls");
  var cards = Array.prototype.slice.call(root.querySelectorAll("article.promise"));
  var rows = {};
  Array.prototype.forEach.call(root.querySelectorAll("tr[data-for]"), function (tr) {
    rows[tr.getAttribute("data-for")] = tr;
  });
  var count = root.querySelector("form.controls output");
  function value(name) { var f = form.elements.namedItem(name); return f ? f.value : ""; }
  function apply() {
    var actor = value("actor"), topic = value("topic"), status = value("status");
    var words = value("q").toLowerCase().split(/\\s+/).filter(Boolean), shown = 0;
    cards.forEach(function (card) {
      var text = card.textContent.toLowerCase(), d = card.dataset;
      var ok = (!actor || d.actor === actor) && (!topic || d.topic === topic) && (!status || d.status === status) &&
        words.every(function (w) { return text.indexOf(w) >= 0; });
      card.hidden = !ok;
      if (rows[card.id]) rows[card.id].hidden = !ok;
      if (ok) shown += 1;
    });
    Array.prototype.forEach.call(root.querySelectorAll("section.group"), function (group) {
      group.hidden = !group.querySelector("article.promise:not([hidden])");
    });
    if (count) count.textContent = "Showing " + shown + " of " + cards.length + " commitments.";
  }
  if (form) {
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }
  window.addEventListener("hashchange", function () {
    var id = decodeURIComponent(location.hash.slice(1)), target = id && document.getElementById(id);
    if (form && target && root.contains(target) && target.closest("[hidden]")) {
      form.reset();
      apply();
      target.scrollIntoView();
    }
  });
  function key(cell) {
    var raw = cell.getAttribute("data-sort") || cell.textContent.trim(), n = parseFloat(raw);
    return /^-?\\d+(\\.\\d+)?$/.test(raw) ? n : raw.toLowerCase();
  }
  Array.prototype.forEach.call(root.querySelectorAll("table.sortable"), function (table) {
    var heads = table.tHead.rows[0].cells, body = table.tBodies[0];
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var all = Array.prototype.slice.call(body.rows);
        var fixed = all.filter(function (r) { return r.classList.contains("total"); });
        var moving = all.filter(function (r) { return !r.classList.contains("total"); });
        moving.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          if (typeof x !== typeof y) { x = String(x); y = String(y); }
          return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
        });
        moving.concat(fixed).forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
"""
