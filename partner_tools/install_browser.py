#!/usr/bin/env python3
"""Make sure Debian's Chromium is installed, for the test that opens the partner report in a browser.

    python -m partner_tools.install_browser    # prints the browser's path

The report test (tests/python/test_report.py) drives /usr/bin/chromium headless through
playwright; it never downloads a browser build of its own. When Chromium is missing and this runs
as root, it installs Debian's `chromium` package (as partner_tools.local_postgres does PostgreSQL);
otherwise it stops and says what to run. `python3 scripts/tasks.py test` runs it before pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")


def log(message: str) -> None:
    print(f"[browser] {message}", file=sys.stderr, flush=True)


def ensure_chromium() -> Path:
    """Debian's Chromium, installed first when it is missing and this process is root."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0:
        sys.exit("Chromium is not installed: run `apt-get install chromium` as root and retry")
    log("installing Debian's chromium package")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
    if not CHROMIUM.exists():
        sys.exit(f"apt-get installed chromium, but there is no {CHROMIUM}")
    return CHROMIUM


if __name__ == "__main__":
    print(ensure_chromium())
