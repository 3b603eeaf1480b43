#!/usr/bin/env python3
"""Render a ledger's report to HTML, then to PNG with headless Chromium, so a person can look at it.

    .venv/bin/python scripts/render_report.py fixtures/russia-ukraine-2025.yaml --as-of 2025-10-17 -o docs/report.png

Needs Debian's chromium (``apt-get install -y chromium``); nothing in the test
suite needs it. The browser runs with a throwaway profile, no network
features and no sandbox (it runs as root in CI-like containers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
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


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("no chromium found; install it with: apt-get install -y chromium")


def screenshot(html_path: Path, png_path: Path, *, width: int = 1280, height: int = 3000) -> None:
    """Open the page in headless Chromium and save a PNG of the first width x height pixels."""
    with tempfile.TemporaryDirectory(prefix="ledger-chromium-") as profile:
        command = [
            find_chromium(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png_path.resolve()}",
            f"--window-size={width},{height}",
            html_path.resolve().as_uri(),
        ]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if completed.returncode != 0 or not png_path.exists():
            sys.exit(f"chromium failed ({completed.returncode}):\n{completed.stderr[-2000:]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", metavar="PATH", help="ledger file or folder")
    parser.add_argument("--as-of", required=True, type=dt.date.fromisoformat, metavar="DATE")
    parser.add_argument("--by", default="actor")
    parser.add_argument("--height", type=int, default=3000, help="screenshot height in pixels (default 3000)")
    parser.add_argument("--html", metavar="FILE", help="also keep the HTML here")
    parser.add_argument("-o", "--output", required=True, metavar="PNG")
    args = parser.parse_args(argv)

    import ledger
    from ledger.report.build import ledger_title

    result = ledger.load(*args.paths)
    if result.errors:
        for error in result.errors:
            print(error, file=sys.stderr)
        return 1
    report = ledger.build_report(result.ledger, as_of=args.as_of, by=args.by, title=ledger_title(args.paths))
    png = Path(args.output)
    with tempfile.TemporaryDirectory(prefix="ledger-report-") as folder:
        html_path = Path(args.html) if args.html else Path(folder) / "report.html"
        report.write(html_path)
        screenshot(html_path, png, height=args.height)
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
