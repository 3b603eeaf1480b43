#!/usr/bin/env python3
"""Render a ledger's report to HTML, then to PNG in headless Chromium at desktop and phone width.

    PYTHONPATH=. .venv/bin/python scripts/render_report.py fixtures/russia-ukraine-2025.yaml --as-of 2025-10-17 \\
        -o docs/report.png --height 4500 --phone docs/report-phone.png --phone-height 6100

(heights that reach down to the methods box, so the screenshots show follow-through over time and
what to expect as well as the findings and the timelines).

Needs Debian's Chromium (``apt-get install -y chromium``) and the ``playwright``
package of the test extra, which drives that browser (it never downloads one).
The page is served from memory and every other request is refused, so the
screenshots show the report exactly as it works offline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
URL = "http://ledger.test/report.html"


def find_chromium() -> str:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("no chromium found; install it with: apt-get install -y chromium")


def screenshots(html: str, shots: list[tuple[Path, int, int]]) -> None:
    """Open the page at each (png, width, height) and save a PNG of the top width x height CSS pixels."""
    from playwright.sync_api import sync_playwright

    refused: list[str] = []

    def serve(route) -> None:
        if route.request.url.split("#")[0] == URL:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        else:
            refused.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_FLAGS))
        try:
            for png, width, height in shots:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.route("**/*", serve)
                page.goto(URL)
                page.screenshot(path=str(png))
                page.close()
        finally:
            browser.close()
    if refused:
        sys.exit(f"the page asked for {len(refused)} outside resource(s), e.g. {refused[0]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", metavar="PATH", help="ledger file or folder")
    parser.add_argument("--as-of", required=True, type=dt.date.fromisoformat, metavar="DATE")
    parser.add_argument("--by", default="actor")
    parser.add_argument("--height", type=int, default=3000, help="desktop screenshot height in pixels (default 3000)")
    parser.add_argument("--html", metavar="FILE", help="also keep the HTML here")
    parser.add_argument("-o", "--output", required=True, metavar="PNG", help="the desktop screenshot (1280 px wide)")
    parser.add_argument("--phone", metavar="PNG", help="also a phone screenshot (390 px wide)")
    parser.add_argument("--phone-height", type=int, default=3200, help="phone screenshot height (default 3200)")
    args = parser.parse_args(argv)

    import ledger
    from ledger.report.build import ledger_title

    result = ledger.load(*args.paths)
    if result.errors:
        for error in result.errors:
            print(error, file=sys.stderr)
        return 1
    report = ledger.build_report(result.ledger, as_of=args.as_of, by=args.by, title=ledger_title(args.paths))
    html = report.to_html()
    if args.html:
        Path(args.html).write_text(html, encoding="utf-8")
    shots = [(Path(args.output), 1280, args.height)]
    if args.phone:
        shots.append((Path(args.phone), 390, args.phone_height))
    screenshots(html, shots)
    for png, width, _ in shots:
        print(f"wrote {png} ({width} px wide)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
