"""A real JupyterLab on 127.0.0.1 and headless Chromium, for the browser tests.

One server for the whole session (tests/browser/labserver.py) on a copy of notebooks/,
solutions/ and data/ in a temporary folder, with every Jupyter directory pointed there,
so nothing lands in $HOME or in the repository. Server and browser are stopped when the
session ends, also after a failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import running, save_failure_screenshot  # noqa: E402
from labserver import CHROMIUM, LabServer, launch_chromium  # noqa: E402


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("LESSONKIT_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (LESSONKIT_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    return CHROMIUM


@pytest.fixture(scope="session")
def server(tmp_path_factory, chromium_path):
    """The session's LabServer (base, token, course, progress, REST helpers)."""
    with running(LabServer(home=tmp_path_factory.mktemp("lab"))) as lab:
        yield lab


@pytest.fixture(scope="session")
def browser(chromium_path, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, tmp_path_factory.mktemp("chromium"))
        try:
            yield browser
        finally:
            browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.failed_call = report.failed


@pytest.fixture
def page(browser, server, request):
    """A fresh browser page; on failure its screenshot goes to tests/browser/artifacts/.

    Each test starts as a learner who has done nothing yet (no progress file); afterwards
    the server's kernels are shut down, so one test's kernels and answers do not weigh on
    the next.
    """
    from helpers import learner_page

    with learner_page(browser, server, {"width": 1400, "height": 1000}, 60_000) as page:
        try:
            yield page
        finally:
            save_failure_screenshot(page, request)
