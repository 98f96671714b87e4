"""Through a real browser: open a lesson in JupyterLab, run it, answer wrongly then rightly.

Written against the exercise DOM contract: `section.lk-exercise[data-exercise][data-kind]`,
items in `li.lk-item`, native radios / check boxes in fieldsets, `div.lk-feedback` per
item, real buttons named Check / Hint / Show answer / Try again, `.lk-score`, and the
notebook's score line `.lk-notebook-score`. (The keyboard-only test is test_keyboard.py.)
"""

from __future__ import annotations

import re

from helpers import OUTPUTS, exercise, open_and_run
from playwright.sync_api import Page, expect


def lesson_path(course, lesson_id: str) -> str:
    return f"notebooks/{course.lesson_ref(lesson_id).notebook}.ipynb"


def choose(box, label: str) -> None:
    """Choose the option with this visible text (its label: radios may be visually hidden)."""
    box.locator("label", has=box.page.get_by_text(label, exact=True)).first.click()


def test_lesson_runs_and_feedback_changes_with_the_answer(page: Page, server):
    open_and_run(page, server, "notebooks/01-iom-activities.ipynb")
    box = exercise(page, "IOM1-03")
    expect(box).to_have_attribute("data-kind", "single_choice")
    expect(box).to_have_attribute("lang", "en")
    expect(box.locator("h4")).to_have_text(re.compile(r"^Exercise \d+ of \d+ · \S.* Core IOM1-03$"))
    expect(box.locator("h4 .lk-part")).to_have_text("Core")
    box.get_by_role("radio", name="The European Commission").check()
    box.get_by_role("button", name="Check", exact=True).click()
    feedback = box.locator("li.lk-item .lk-feedback").first
    expect(feedback).to_have_class(re.compile(r"\blk-wrong\b"))
    expect(feedback).to_contain_text("Not right")
    expect(feedback).to_contain_text("I-05")
    expect(box.locator(".lk-score")).to_contain_text("Score: 0 of 3")
    box.get_by_role("radio", name="States, with IOM assistance").check()
    box.get_by_role("button", name="Check", exact=True).click()
    expect(feedback).to_have_class(re.compile(r"\blk-right\b"))
    expect(feedback).to_contain_text("Right.")
    expect(feedback).not_to_contain_text("Not right")
    expect(box.locator(".lk-score")).to_contain_text("Score: 1 of 3")
    expect(page.locator(f"{OUTPUTS} .lk-notebook-score")).to_contain_text(re.compile(r"\b1 of \d+"))
    errors = page.locator(f"{OUTPUTS}[data-mime-type='application/vnd.jupyter.stderr']")
    expect(errors).to_have_count(0)
    # Under each paragraph, the "Words in" list keeps its class through JupyterLab's sanitizer
    # and the course's style sheet puts space under it (the next paragraph touched it).
    words = page.locator(".jp-RenderedMarkdown details.lk-words").first
    expect(words).to_contain_text("Words in I-01")
    assert float(words.evaluate("d => getComputedStyle(d).marginBottom").removesuffix("px")) > 5


def test_an_ngo_lesson_exercise_can_be_completed(page: Page, server):
    from lessonkit.content.load import load_course
    from lessonkit.views.i18n import say

    course = load_course(server.course / "data")
    # The lesson's first judgement exercise (its ids change as the lesson is rewritten).
    key = next(e for e in course.lessons["NGO-2"].exercises if e.kind in ("true_false_not_given", "stated_inferred"))
    open_and_run(page, server, lesson_path(course, "NGO-2"))
    box = exercise(page, key.id)
    statements = box.locator("fieldset.lk-judgement")
    expect(statements).to_have_count(len(key.items))
    for n, item in enumerate(key.items):
        statements.nth(n).get_by_text(say(item.answer, "en"), exact=True).click()
        # (The checked segment's accessible name gains a CSS "✓ ": find the radio by value.)
        expect(statements.nth(n).locator(f"input[type=radio][value='{item.answer}']")).to_be_checked()
    box.get_by_role("button", name="Check", exact=True).click()
    expect(box.locator(".lk-score")).to_contain_text(f"Score: {len(key.items)} of {len(key.items)}")
    expect(box.locator(".lk-score")).to_contain_text("All right, well done.")
    expect(box.locator(".lk-feedback.lk-right")).to_have_count(len(key.items))


def test_last_time_is_shown_after_a_kernel_restart(page: Page, server):
    open_and_run(page, server, "notebooks/04-iom-recommendations.ipynb")
    box = exercise(page, "IOM4-06")
    expect(box).to_have_attribute("data-kind", "multiple_select")
    expect(box).not_to_contain_text("Last time")
    box.get_by_role("checkbox").first.check()
    box.get_by_role("button", name="Check", exact=True).click()
    score = box.locator(".lk-score")
    expect(score).to_contain_text(re.compile(r"Score: \d of 1"))
    got = re.search(r"Score: (\d) of 1", score.inner_text()).group(1)
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Restart Kernel and Run All Cells")).click()
    page.locator(".jp-Dialog button.jp-mod-accept").click()
    box = exercise(page, "IOM4-06")
    expect(box.locator(".lk-last")).to_contain_text(re.compile(rf"Last time: {got} of 1, (just now|1 minute ago)"),
                                                    timeout=60_000)


def test_buttons_are_named_and_russian_is_remembered(page: Page, server):
    open_and_run(page, server, "notebooks/03-iom-challenges.ipynb", lang="ru")
    box = page.locator(f"{OUTPUTS} section.lk-exercise").first
    expect(box).to_have_attribute("lang", "ru")
    expect(box.locator("h4 .lk-ex-num")).to_have_text(re.compile(r"^Упражнение 1 из \d+$"))
    expect(box.locator("h4 .lk-part")).to_have_text(re.compile(r"^(Основное|Дополнительное)$"))
    for name in ("Проверить", "Подсказка", "Показать ответ", "Ещё раз"):
        expect(box.get_by_role("button", name=name, exact=True)).to_have_count(1)
    switch = page.locator(f"{OUTPUTS} .lk-toolbar fieldset.lk-language")
    expect(switch.get_by_role("radio", name="Русский")).to_be_checked()
    # Back to English with the switch: every view follows, and the choice is saved.
    switch.get_by_text("English", exact=True).click()
    expect(box).to_have_attribute("lang", "en")
    for name in ("Check", "Hint", "Show answer", "Try again"):
        expect(box.get_by_role("button", name=name, exact=True)).to_have_count(1)
    from lessonkit.learner.progress import ProgressStore

    for _ in range(50):  # the kernel saves the choice when the switch's change reaches it
        if ProgressStore(server.progress).read().language == "en":
            break
        page.wait_for_timeout(100)
    assert ProgressStore(server.progress).read().language == "en"
