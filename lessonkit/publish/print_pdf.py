"""Printed pages as A4 PDF: headless Chromium's own print (`--print-to-pdf`).

The page size and margins come from the HTML's `@page` rule. Each file is printed by a
Chromium of its own, with a throw-away profile and home folder (nothing lands in $HOME),
a few at a time. Without Chromium nothing is printed and `find_chromium` says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TIMEOUT = 120  # seconds for one file
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-breakpad",
         "--disable-crash-reporter", "--no-pdf-header-footer", "--print-to-pdf-no-header")
MISSING = ("PDFs need Chromium, which is not installed: the HTML files are written; install it "
           "(Debian: apt-get install chromium) or set LESSONKIT_CHROMIUM to its path, then run the command again.")


def find_chromium() -> str | None:
    """Chromium's path: $LESSONKIT_CHROMIUM, `chromium` on the PATH, or Debian's /usr/bin/chromium."""
    for candidate in (os.environ.get("LESSONKIT_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def html_to_pdf(chromium: str, html: Path, pdf: Path) -> str | None:
    """Print one HTML file to `pdf`; None when it worked, else one line saying why not."""
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="lessonkit-print-") as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=f"{home}/config", XDG_CACHE_HOME=f"{home}/cache")
        command = [chromium, *FLAGS, f"--user-data-dir={home}/profile", f"--print-to-pdf={pdf.resolve()}", html.resolve().as_uri()]
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return f"{pdf}: Chromium did not finish within {TIMEOUT} s"
        except OSError as error:
            return f"{pdf}: cannot run {chromium}: {error.strerror}"
    if not pdf.is_file() or not pdf.read_bytes()[:5] == b"%PDF-":
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"{pdf}: Chromium wrote no PDF (exit code {done.returncode}: {last})"
    return None


def print_pdfs(chromium: str, pairs: Sequence[tuple[Path, Path]]) -> list[str]:
    """Print each (html, pdf) pair, a few at a time; the problems, one line each."""
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda pair: html_to_pdf(chromium, *pair), pairs))
    return [problem for problem in results if problem]
