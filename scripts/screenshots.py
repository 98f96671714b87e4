"""`make screenshots`: every notebook, in English and in Russian, as a learner sees it.

Starts a throw-away JupyterLab on 127.0.0.1 over a copy of the course (the browser tests'
tests/browser/labserver.py), opens each notebook of notebooks/ and solutions/ at 1366×768
with the interface language set in the learner's progress file, runs all cells, and saves
one PNG of the top and then one per screen, scrolling JupyterLab's notebook scroller
(`.jp-WindowedPanel-outer`) by its own height each time:

    screenshots/<lang>/<notebook>-NN.png        (solutions: solutions-<notebook>-NN.png)

The folder is git-ignored and emptied of old PNGs first. The server is stopped at the end,
also after an error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from helpers import PANEL, reopen_in_place, run_all  # noqa: E402
from labserver import LabServer, launch_chromium, notebook_paths  # noqa: E402

VIEWPORT = {"width": 1366, "height": 768}
SCROLLER = f"{PANEL} .jp-WindowedPanel-outer"
MAX_SCREENS = 80  # a runaway scroller must not fill the disk


def shot_name(path: str) -> str:
    folder, name = path.split("/", 1)
    stem = name.removesuffix(".ipynb")
    return stem if folder == "notebooks" else f"{folder}-{stem}"


def settle(page) -> None:
    """Let the cells that just came into view paint (content-visibility, images, fonts)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(120)


def screens(page, out: Path, stem: str) -> int:
    scroller = page.locator(SCROLLER)
    scroller.evaluate("(s) => { s.scrollTop = 0; }")
    settle(page)
    count = 0
    while count < MAX_SCREENS:
        page.screenshot(path=str(out / f"{stem}-{count:02d}.png"))
        count += 1
        moved = scroller.evaluate(
            """(s) => { const before = s.scrollTop;
                       if (before + s.clientHeight >= s.scrollHeight - 1) return false;
                       s.scrollTop = before + s.clientHeight; return s.scrollTop > before; }""")
        if not moved:
            break
        settle(page)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="folder for the PNGs (default: screenshots/)")
    parser.add_argument("--lang", choices=("en", "ru"), action="append", help="only this language (repeatable)")
    parser.add_argument("notebooks", nargs="*", help="only these notebooks (e.g. notebooks/01-iom-activities.ipynb)")
    args = parser.parse_args(argv)
    languages = args.lang or ["en", "ru"]
    paths = args.notebooks or notebook_paths()

    from playwright.sync_api import sync_playwright

    start = time.perf_counter()
    total = 0
    with LabServer() as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright, server.home / "chromium")
        try:
            page = browser.new_context(viewport=VIEWPORT).new_page()
            page.set_default_timeout(90_000)
            for lang in languages:
                out = args.out / lang
                out.mkdir(parents=True, exist_ok=True)
                for old in out.glob("*.png"):
                    if not args.notebooks or any(old.name.startswith(shot_name(p) + "-") for p in paths):
                        old.unlink()
                for path in paths:
                    reopen_in_place(page, server, path, lang)
                    run_all(page)
                    made = screens(page, out, shot_name(path))
                    total += made
                    print(f"{lang}  {path}: {made} screenshots", flush=True)
        finally:
            browser.close()
    print(f"{total} screenshots in {args.out} ({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
