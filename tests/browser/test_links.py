"""Links between notebooks open JupyterLab tabs; they never reload the page (DESIGN §10).

`window.__marker` is set before each click: a page reload would lose it. After the clicks
the lesson opened first must still work: its Check still gives feedback.
"""

from __future__ import annotations

import re

import pytest
from helpers import PANEL, exercise, open_notebook, run_all, wait_for_kernel
from labserver import ROOT
from playwright.sync_api import Page, expect


@pytest.fixture(scope="module")
def course_map():
    from lessonkit.content.load import load_course

    return load_course(ROOT / "data").map


def current_path(page: Page) -> str:
    return page.evaluate("() => { const w = window.jupyterapp.shell.currentWidget;"
                         " return w && w.context ? w.context.path : ''; }")


def open_paths(page: Page) -> list[str]:
    return page.evaluate("() => Array.from(window.jupyterapp.shell.widgets('main'))"
                         ".filter(w => w.context).map(w => w.context.path)")


def activate(page: Page, path: str) -> None:
    """Bring the tab of `path` to the front by clicking its tab, as a learner does."""
    name = path.rsplit("/", 1)[-1]
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab").filter(has_text=name).first.click()
    page.wait_for_function("(path) => { const w = window.jupyterapp.shell.currentWidget;"
                           " return w && w.context && w.context.path === path; }", arg=path, polling=100)


def click_link_opens_tab(page: Page, source: str, target: str, link_selector: str, what: str) -> None:
    """In the notebook `source`, click the link and expect `target` in a new tab, same page."""
    activate(page, source)
    link = page.locator(f"{PANEL} .jp-RenderedMarkdown {link_selector}").first
    assert link.count() == 1, f"{source} has no link to {what} ({link_selector})"
    before = open_paths(page)
    page.evaluate("() => { window.__marker = 1; }")
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_function(
        "(target) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " return !!w && !!w.context && w.context.path === target; }",
        arg=target, polling=100, timeout=20_000)
    assert page.evaluate("() => window.__marker") == 1, f"clicking the link to {what} in {source} reloaded the page"
    assert target not in before and target in open_paths(page), f"{what}: no new tab for {target} (tabs: {open_paths(page)})"
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
    expect(tab).to_contain_text(target.rsplit("/", 1)[-1])
    page.wait_for_selector(f"{PANEL} .jp-Cell", state="attached")


def href_to(path: str) -> str:
    """JupyterLab rewrites a relative link to an absolute /files/... address: match its end."""
    return f"a[href*='/files/{path}']"


def test_start_page_links_open_tabs(page: Page, server, course_map):
    start = f"notebooks/{course_map.start_page}.ipynb"
    open_notebook(page, server, start)
    first_lesson = f"notebooks/{course_map.lessons[0].notebook}.ipynb"
    targets = [
        (first_lesson, href_to(first_lesson), "the first lesson"),
        (f"notebooks/{course_map.trainer}.ipynb", href_to(f"notebooks/{course_map.trainer}.ipynb"), "the vocabulary trainer"),
        (f"notebooks/{course_map.progress_page}.ipynb", href_to(f"notebooks/{course_map.progress_page}.ipynb"), "the progress page"),
    ]
    for target, selector, what in targets:
        click_link_opens_tab(page, start, target, selector, what)
    # The solutions: whichever notebook of solutions/ the start page links to.
    activate(page, start)
    solutions = page.evaluate(
        """(panel) => {
             const links = Array.from(document.querySelectorAll(panel + ' .jp-RenderedMarkdown a[href]'));
             return links.map(a => new URL(a.href).pathname).filter(p => /\\/files\\/solutions\\/[^/]+\\.ipynb$/.test(p)); }""",
        PANEL)
    assert solutions, "the start page has no link to a solutions notebook"
    target = re.search(r"/files/(solutions/[^/]+\.ipynb)$", solutions[0]).group(1)
    click_link_opens_tab(page, start, target, href_to(target), "the solutions")
    assert page.evaluate("() => window.__marker") == 1


def test_lesson_links_open_tabs_and_the_lesson_still_works(page: Page, server, course_map):
    lesson_ref, next_ref = course_map.lessons[0], course_map.lessons[1]
    lesson = f"notebooks/{lesson_ref.notebook}.ipynb"
    open_notebook(page, server, lesson)
    run_all(page)
    page.evaluate("() => { window.__marker = 1; }")
    targets = [
        (f"notebooks/{next_ref.notebook}.ipynb", "the next lesson"),
        (f"notebooks/{course_map.trainer}.ipynb", "the vocabulary trainer"),
        (f"notebooks/{course_map.progress_page}.ipynb", "the progress page"),
    ]
    for target, what in targets:
        click_link_opens_tab(page, lesson, target, href_to(target), what)
    activate(page, lesson)
    wait_for_kernel(page)
    box = page.locator(f"{PANEL} .jp-OutputArea-output section.lk-exercise").first
    exercise_id = box.get_attribute("data-exercise")
    box = exercise(page, exercise_id)
    answer_generically(box)
    box.get_by_role("button", name="Check", exact=True).click()
    expect(box.locator(".lk-feedback").first).to_have_class(re.compile(r"\blk-(right|wrong|unanswered|invalid)\b"))
    expect(box.locator(".lk-score")).to_contain_text(re.compile(r"Score: \d+ of \d+"))
    assert page.evaluate("() => window.__marker") == 1


def answer_generically(box) -> None:
    """Give the first control some answer with the mouse, whatever the exercise kind."""
    for kind, action in (("input[type=radio]", "check"), ("input[type=checkbox]", "check"),
                         ("select", "select"), ("input[type=text], textarea", "fill")):
        control = box.locator(kind).first
        if control.count():
            if action == "check":
                control.check(force=True)
            elif action == "select":
                control.select_option(index=1)
            else:
                control.fill("test answer")
            return
    raise AssertionError(f"no answer control in {box.get_attribute('data-exercise')}")
