"""One exercise of each kind done with the keyboard alone, and its feedback appears.

After the exercise's first control has the focus, only keys: Tab / Shift+Tab to move,
Space for a radio or check box, arrow keys for a judgement radio group and for selects,
typing into text boxes and text areas, Enter on Check. Every item must count as answered
(no `lk-unanswered` feedback), so each control really took the keyboard's input.

The lessons are chosen from the course data (`load_course()`): as few as cover every kind.
"""

from __future__ import annotations

import pytest
from helpers import TEST_ANSWER, exercise, learner_page, reopen_in_place, run_all, save_failure_screenshot
from labserver import ROOT
from playwright.sync_api import Page

KINDS = ("single_choice", "multiple_select", "true_false_not_given", "stated_inferred", "matching", "gap_fill",
         "word_formation", "ordering", "short_answer", "translation", "open_task", "table_completion")


def pick_exercises() -> list[tuple[str, str, str]]:
    """(kind, lesson notebook path, exercise id): the fewest lessons that hold every kind."""
    from lessonkit.content.load import load_course

    course = load_course(ROOT / "data")
    first_of: dict[str, dict[str, str]] = {}
    for ref in course.map.lessons:
        for ex in course.lessons[ref.id].exercises:
            first_of.setdefault(ref.id, {}).setdefault(ex.kind, ex.id)
    notebooks = {ref.id: f"notebooks/{ref.notebook}.ipynb" for ref in course.map.lessons}
    chosen: list[tuple[str, str, str]] = []
    left = set(KINDS)
    while left:
        lesson = max(first_of, key=lambda lid: len(left & set(first_of[lid])))
        found = left & set(first_of[lesson])
        if not found:
            break
        chosen += [(kind, notebooks[lesson], first_of[lesson][kind]) for kind in KINDS if kind in found]
        left -= found
    chosen += [(kind, "", "") for kind in KINDS if kind in left]  # no lesson has it: the test says so
    return chosen


CASES = pick_exercises()
OPENED: dict = {}  # page -> the lesson it shows

ACTIVE = """(root) => {
  const e = document.activeElement;
  const group = e && e.type === 'radio' && e.name
    ? Array.from(document.getElementsByName(e.name)).some(r => r.checked) : false;
  const fieldset = e && e.closest ? e.closest('fieldset') : null;
  const item = e && e.closest ? e.closest('li.lk-item, tr') : null;
  return {
    inside: !!(e && root.contains(e)),
    tag: e ? e.tagName.toLowerCase() : '',
    type: e && e.type ? e.type : '',
    checked: !!(e && e.checked),
    groupChecked: group,
    judgement: !!(fieldset && fieldset.classList.contains('lk-judgement')),
    fieldsetTicked: !!(fieldset && fieldset.querySelector('input[type=checkbox]:checked')),
    action: e && e.dataset ? (e.dataset.action || '') : '',
    text: e ? (e.textContent || '').trim().slice(0, 40) : '',
    where: e ? `<${e.tagName.toLowerCase()} class="${typeof e.className === 'string' ? e.className.slice(0, 80) : ''}">` : 'nothing',
    selectIndex: e && e.tagName === 'SELECT' ? e.selectedIndex : -1,
    selectsBefore: item && e.tagName === 'SELECT'
      ? Array.from(item.querySelectorAll('select')).indexOf(e) : 0,
  };
}"""


@pytest.fixture(scope="module")
def lesson_page(browser, server):
    with learner_page(browser, server, {"width": 1366, "height": 768}, 30_000) as page:
        yield page


@pytest.fixture(autouse=True)
def screenshot_on_failure(request, lesson_page):
    yield
    save_failure_screenshot(lesson_page, request)


def do_with_keyboard(page: Page, box) -> list[str]:
    """Answer every item of `box` with keys only and press Check with Enter; the keys pressed."""
    keys: list[str] = []
    root = box.element_handle()

    def press(key: str) -> None:
        keys.append(key)
        page.keyboard.press(key)

    def state() -> dict:
        return page.evaluate(ACTIVE, root)

    for _ in range(300):
        now = state()
        assert now["inside"], (f"the focus left the exercise after the keys {' '.join(keys[-6:])}: it is now on "
                               f"{now['where']} (JupyterLab's command-mode shortcuts took the key?)")
        if now["tag"] == "button":
            if now["action"] == "check" or now["text"] in ("Check", "Проверить"):
                break
            press("Tab")  # a button before Check (none expected): go on
            continue
        if now["type"] == "radio":
            if not now["groupChecked"]:
                # A judgement row is a segmented switch: arrows move along it and choose.
                press("ArrowRight" if now["judgement"] else "Space")
        elif now["type"] == "checkbox":
            if not now["fieldsetTicked"]:
                press("Space")
        elif now["tag"] == "select":
            if now["selectIndex"] <= 0:
                # The n-th select of an item takes the n-th choice: an ordering gets a permutation.
                for _ in range(now["selectsBefore"] + 1):
                    press("ArrowDown")
        elif now["tag"] in ("textarea", "input") and now["type"] in ("text", "textarea", ""):
            keys.append(f"type:{TEST_ANSWER}")
            page.keyboard.type(TEST_ANSWER)
        press("Tab")
    else:
        raise AssertionError("Tab never reached the Check button: " + " ".join(keys[-12:]))
    # Shift+Tab goes back into the exercise's last control, Tab returns to Check.
    press("Shift+Tab")
    back = state()
    assert back["inside"] and back["tag"] != "button", f"Shift+Tab from Check went to {back}"
    press("Tab")
    assert state()["action"] == "check" or state()["text"] in ("Check", "Проверить"), "Tab did not return to Check"
    press("Enter")
    return keys


@pytest.mark.parametrize("kind,notebook,exercise_id", CASES, ids=[case[0] for case in CASES])
def test_an_exercise_of_each_kind_with_the_keyboard_alone(lesson_page: Page, server, kind, notebook, exercise_id):
    assert notebook, f"no lesson in data/lessons has an exercise of kind {kind}"
    page = lesson_page
    if OPENED.get(page) != notebook:
        reopen_in_place(page, server, notebook, "en")
        run_all(page)
        OPENED[page] = notebook
    box = exercise(page, exercise_id)
    assert box.get_attribute("data-kind") == kind
    items = box.locator(".lk-feedback").count()
    assert items > 0, f"{exercise_id} has no .lk-feedback"
    first = box.locator("input, select, textarea").first
    first.scroll_into_view_if_needed()
    first.focus()  # the only pointer-free step before the keys: put the focus in the exercise
    keys = do_with_keyboard(page, box)
    page.wait_for_function(
        """(box) => Array.from(box.querySelectorAll('.lk-feedback'))
                 .every(f => ['lk-right', 'lk-wrong', 'lk-unanswered', 'lk-invalid'].some(c => f.classList.contains(c)))""",
        arg=box.element_handle(), polling=100, timeout=15_000)
    statuses = box.locator(".lk-feedback").evaluate_all("(nodes) => nodes.map(n => n.className.replace('lk-feedback', '').trim())")
    unanswered = [n + 1 for n, status in enumerate(statuses) if status == "lk-unanswered"]
    assert not unanswered, (f"{exercise_id} ({kind}): items {unanswered} of {len(statuses)} count as unanswered after "
                            f"the keys: {' '.join(keys)}")
    assert box.locator(".lk-score").inner_text().strip(), f"{exercise_id}: no score line after Check"
