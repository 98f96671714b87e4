"""Every notebook, in English and in Russian, as a learner sees it at 1366×768 (DESIGN §10).

After Run All, and in lessons again after the timeline charts were drawn and one exercise
of each kind was answered and checked, and once more after its Hint and Show answer: no horizontal scrollbar inside an output, no output child wider than its output,
no clipped label, no image wider than its output, no "Error displaying widget", no stderr;
and axe-core finds no serious or critical violation in the outputs.

One page serves every notebook; each notebook×language is opened and run once and both
tests of this module look at it (pytest runs the tests of one parameter together).
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import (
    OUTPUTS,
    count_outputs,
    draw_charts,
    fill_and_check,
    hint_and_show_answer,
    kinds_in_page,
    learner_page,
    measure_layout,
    reopen_in_place,
    run_all,
    run_axe,
    save_failure_screenshot,
)
from labserver import ROOT, notebook_paths

LANGUAGES = ("en", "ru")
CASES = [(path, lang) for path in notebook_paths() for lang in LANGUAGES]
VIEWPORT = {"width": 1366, "height": 768}


def case_id(case: tuple[str, str]) -> str:
    path, lang = case
    return f"{path.removesuffix('.ipynb')}-{lang}"


def shown_exercises(path: str) -> list[str]:
    """The exercise ids a lesson notebook shows (`lesson.show("IOM1-03")` cells)."""
    cells = json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return re.findall(r"""\.show\(\s*["']([^"']+)["']\s*\)""", source)


class Rendered:
    def __init__(self, page, path: str, lang: str) -> None:
        self.page, self.path, self.lang = page, path, lang

    @property
    def where(self) -> str:
        return f"{self.path} [{self.lang}]"


@pytest.fixture(scope="module")
def shared_page(browser, server):
    with learner_page(browser, server, VIEWPORT, 60_000) as page:
        yield page


@pytest.fixture(scope="module", params=CASES, ids=case_id)
def rendered(request, shared_page, server):
    path, lang = request.param
    reopen_in_place(shared_page, server, path, lang)
    run_all(shared_page)
    return Rendered(shared_page, path, lang)


@pytest.fixture(autouse=True)
def screenshot_on_failure(request, shared_page):
    yield
    save_failure_screenshot(shared_page, request)


def language_problems(page, lang: str) -> list[str]:
    """Views that are not in the language the learner chose."""
    return page.evaluate(
        """([sel, lang]) => {
             const out = [];
             for (const s of document.querySelectorAll(sel + ' section.lk-exercise'))
               if (s.getAttribute('lang') !== lang) out.push(`${s.dataset.exercise}: lang="${s.getAttribute('lang')}"`);
             for (const f of document.querySelectorAll(sel + ' fieldset.lk-language')) {
               const chosen = f.querySelector('input[type=radio]:checked');
               if (!chosen || chosen.value !== lang) out.push(`language switch shows ${chosen ? chosen.value : 'nothing'}`);
             }
             return out; }""",
        [OUTPUTS, lang],
    )


def test_layout(rendered):
    page = rendered.page
    report = []
    layout = measure_layout(page)
    if layout.problems:
        report.append(layout.report(f"{rendered.where} after Run All"))
    expected = shown_exercises(rendered.path)
    if expected:
        drawn = page.evaluate("(sel) => Array.from(document.querySelectorAll(sel + ' section.lk-exercise'))"
                              ".map(s => s.dataset.exercise)", OUTPUTS)
        missing = [e for e in expected if e not in drawn]
        assert not missing, f"{rendered.where}: exercises not drawn as section.lk-exercise: {missing}"
        wrong_language = language_problems(page, rendered.lang)
        assert not wrong_language, f"{rendered.where}: not in the chosen language: {wrong_language}"
        charts = draw_charts(page)
        kinds = kinds_in_page(page)
        checked = fill_and_check(page, list(kinds.values()))
        assert sorted(checked) == sorted(kinds.values()), f"{rendered.where}: no Check button in {set(kinds.values()) - set(checked)}"
        done = ", ".join(f"{k} ({v})" for k, v in sorted(kinds.items())) + (f" and {charts} timeline chart(s) drawn" if charts else "")
        after = measure_layout(page)
        if after.problems:
            report.append(after.report(f"{rendered.where} after checking {done}"))
        revealed = hint_and_show_answer(page, checked)
        assert sorted(revealed) == sorted(checked), f"{rendered.where}: Show answer not enabled after Check in {set(checked) - set(revealed)}"
        shown = measure_layout(page)
        if shown.problems:
            report.append(shown.report(f"{rendered.where} after Hint and Show answer in {done}"))
    assert not report, "\n".join(report)


def test_axe(rendered):
    page = rendered.page
    cells = json.loads((ROOT / rendered.path).read_text(encoding="utf-8"))["cells"]
    if not any(cell["cell_type"] == "code" for cell in cells):
        pytest.skip(f"{rendered.where}: no output element to check (the notebook has no code cell)")
    # A notebook with code has outputs after Run All: wait for them rather than skip the check.
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length > 0", arg=OUTPUTS, timeout=30_000)
    assert count_outputs(page) > 0, f"{rendered.where}: no output to check after Run All"
    violations = run_axe(page)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    lines = []
    for violation in serious:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            lines.append(f"    {node['target']}  {node['html']}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    assert not serious, f"{rendered.where}: axe-core found {len(serious)} serious/critical violations:\n" + "\n".join(lines)
