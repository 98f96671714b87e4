"""Driving JupyterLab in a page: open a notebook, Run All, wait, measure, answer, run axe.

The page-side checks are JavaScript run in the page (one round trip each), so checking
every output of every notebook stays fast. They look only inside the notebook panel in
front (`.jp-NotebookPanel:not(.lm-mod-hidden)`): the JupyterLab frame is not ours.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


@contextmanager
def running(server: Any) -> Iterator[Any]:
    """A started server for a fixture, stopped afterwards; a server that cannot start fails
    the test with its log (`start` has stopped it already)."""
    import pytest

    try:
        server.start()
    except RuntimeError as error:
        pytest.fail(str(error))
    try:
        yield server
    finally:
        server.stop()
OUTPUTS = f"{PANEL} .jp-OutputArea-output"
AXE_JS = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TEST_ANSWER = "test answer"

# --- waiting on JupyterLab (window.jupyterapp: the server runs with expose_app_in_browser) ----

_KERNEL = """() => {
  const app = window.jupyterapp; const panel = app && app.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle'
    && !panel.sessionContext.pendingInput;
}"""

_RAN = """() => {
  const app = window.jupyterapp; const panel = app && app.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  for (const cell of panel.content.model.cells) {
    if (cell.type === 'code' && !cell.executionCount) return false;
  }
  // Widget outputs say "Loading widget..." until their view is attached.
  for (const out of panel.node.querySelectorAll('.jp-OutputArea-output')) {
    if ((out.textContent || '').trim() === 'Loading widget...') return false;
  }
  return true;
}"""

_CODE_CELLS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  let n = 0; for (const cell of panel.content.model.cells) if (cell.type === 'code') n += 1; return n;
}"""


@contextmanager
def learner_page(browser: Any, server: Any, viewport: dict[str, int], timeout: float) -> Iterator[Any]:
    """A page of a new learner (no progress file); afterwards the kernels are shut down and
    the progress file goes, so one test's kernels and answers do not weigh on the next."""
    server.reset_progress()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(timeout)
    try:
        yield page
    finally:
        context.close()
        server.delete_sessions()
        server.reset_progress()


def wait_for_kernel(page: Any, timeout: float = 60_000) -> None:
    """The current tab's kernel is connected and idle."""
    page.wait_for_function(_KERNEL, timeout=timeout, polling=100)


def wait_until_ran(page: Any, timeout: float = 90_000) -> None:
    """Every code cell has an execution count, the kernel is idle, every widget is attached."""
    page.wait_for_function(_RAN, timeout=timeout, polling=100)


def open_notebook(page: Any, server: Any, path: str, lang: str | None = None) -> None:
    """Open `path` (e.g. "notebooks/01-iom-activities.ipynb") as the only tab, kernel idle.

    `lang` is written into the learner's progress file first: the notebook opens in it.
    """
    if lang is not None:
        server.set_language(lang)
    page.goto(server.url(path))
    page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", state="attached")
    wait_for_kernel(page)


def reopen_in_place(page: Any, server: Any, path: str, lang: str | None = None) -> None:
    """Like `open_notebook`, without reloading JupyterLab when the page already shows it.

    Every tab is closed and every kernel shut down first, then `path` is opened as the
    only tab (File → Open from path does the same): about 2 s cheaper than loading the page.
    """
    if not page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.shell)"):
        if page.url != "about:blank":
            blank(page)
        server.delete_sessions()
        open_notebook(page, server, path, lang)
        return
    # Closing without saving: the notebook under test must stay as the server started it.
    page.evaluate("""async () => {
        const app = window.jupyterapp;
        for (const widget of Array.from(app.shell.widgets('main'))) {
          if (widget.context && widget.context.model) widget.context.model.dirty = false;
        }
        await app.commands.execute('application:close-all');
    }""")
    page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel')", polling=100)
    server.delete_sessions()
    if lang is not None:
        server.set_language(lang)
    page.evaluate("async (path) => { await window.jupyterapp.commands.execute('docmanager:open', {path}); }", path)
    page.wait_for_function(
        """(path) => { const w = window.jupyterapp.shell.currentWidget;
                       return !!w && w.context && w.context.path === path && !!w.node.querySelector('.jp-Cell'); }""",
        arg=path, polling=100)
    wait_for_kernel(page)


def run_all(page: Any, timeout: float = 90_000) -> None:
    """Run → Run All Cells, as a learner does, then wait until everything ran and rendered.

    A Run All sent while the kernel session is still being set up runs the Markdown cells
    and silently skips the code cells: try again (at most twice) when no cell ran.
    """
    code_cells = page.evaluate(_CODE_CELLS)
    first_count = """() => { for (const c of window.jupyterapp.shell.currentWidget.content.model.cells)
                                 if (c.type === 'code') return !!c.executionCount; return true; }"""
    for attempt in range(3):
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        if not code_cells:
            break
        try:
            page.wait_for_function(first_count, timeout=20_000, polling=100)
            break
        except Exception:
            if attempt == 2:
                raise
    wait_until_ran(page, timeout=timeout)


def open_and_run(page: Any, server: Any, path: str, lang: str | None = None) -> None:
    open_notebook(page, server, path, lang)
    run_all(page)


def blank(page: Any) -> None:
    """Leave JupyterLab (so no open tab reconnects to a kernel that is being shut down)."""
    page.goto("about:blank")


# --- the exercise DOM contract ----------------------------------------------------------------


def exercise(page: Any, exercise_id: str) -> Any:
    box = page.locator(f"{OUTPUTS} section.lk-exercise[data-exercise='{exercise_id}']")
    box.scroll_into_view_if_needed()
    return box


def kinds_in_page(page: Any) -> dict[str, str]:
    """kind -> id of the first exercise of that kind in the notebook in front."""
    return page.evaluate(
        """(sel) => { const out = {};
           for (const s of document.querySelectorAll(sel + ' section.lk-exercise[data-kind]'))
             if (!(s.dataset.kind in out)) out[s.dataset.kind] = s.dataset.exercise;
           return out; }""",
        OUTPUTS,
    )


FILL_AND_CHECK = """([sel, ids, typed]) => {
  const done = [];
  for (const id of ids) {
    const box = document.querySelector(`${sel} section.lk-exercise[data-exercise="${id}"]`);
    if (!box) continue;
    for (const fieldset of box.querySelectorAll('fieldset')) {
      const radio = fieldset.querySelector('input[type=radio]');
      if (radio && !radio.checked) radio.click();
    }
    const tick = box.querySelector('input[type=checkbox]');
    if (tick && !tick.checked) tick.click();
    for (const select of box.querySelectorAll('select')) {
      if (select.options.length > 1) {
        select.selectedIndex = 1;
        select.dispatchEvent(new Event('input', {bubbles: true}));
        select.dispatchEvent(new Event('change', {bubbles: true}));
      }
    }
    for (const input of box.querySelectorAll('input[type=text], textarea')) {
      input.value = typed;
      input.dispatchEvent(new Event('input', {bubbles: true}));
      input.dispatchEvent(new Event('change', {bubbles: true}));
    }
    const check = box.querySelector('button[data-action=check]')
      || Array.from(box.querySelectorAll('button')).find(b => /^(Check|Проверить)$/.test(b.textContent.trim()));
    if (check) { check.click(); done.push(id); }
  }
  return done;
}"""

_ALL_CHECKED = """([sel, ids]) => ids.every(id => {
  const box = document.querySelector(`${sel} section.lk-exercise[data-exercise="${id}"]`);
  return box && Array.from(box.querySelectorAll('.lk-feedback'))
    .some(f => ['lk-right', 'lk-wrong', 'lk-unanswered', 'lk-invalid'].some(c => f.classList.contains(c)));
})"""


def fill_and_check(page: Any, exercise_ids: list[str], timeout: float = 30_000) -> list[str]:
    """Answer each exercise generically and press Check; wait until each shows item feedback.

    Generic answers: the first radio of each fieldset, the first check box, the 2nd option
    of each select, "test answer" in each text box and text area.
    """
    done = page.evaluate(FILL_AND_CHECK, [OUTPUTS, exercise_ids, TEST_ANSWER])
    if done:
        page.wait_for_function(_ALL_CHECKED, arg=[OUTPUTS, done], timeout=timeout, polling=100)
    return done


REVEAL = """([sel, ids]) => {
  const done = [];
  for (const id of ids) {
    const box = document.querySelector(`${sel} section.lk-exercise[data-exercise="${id}"]`);
    if (!box) continue;
    const named = (re) => Array.from(box.querySelectorAll('button')).find(b => re.test(b.textContent.trim()));
    const hint = box.querySelector('button[data-action=hint]') || named(/^(Hint|Подсказка)$/);
    const answer = box.querySelector('button[data-action=answer]') || named(/^(Show answer|Показать ответ)$/);
    if (hint) hint.click();
    if (answer && !answer.disabled) { answer.click(); done.push(id); }
  }
  return done;
}"""

_ALL_REVEALED = """([sel, ids]) => ids.every(id => {
  const box = document.querySelector(`${sel} section.lk-exercise[data-exercise="${id}"]`);
  return box && Array.from(box.querySelectorAll('.lk-feedback')).every(f => f.classList.contains('lk-answer'));
})"""


def hint_and_show_answer(page: Any, exercise_ids: list[str], timeout: float = 30_000) -> list[str]:
    """Press Hint and Show answer (enabled after a Check) in each exercise; wait for the answers."""
    done = page.evaluate(REVEAL, [OUTPUTS, exercise_ids])
    if done:
        page.wait_for_function(_ALL_REVEALED, arg=[OUTPUTS, done], timeout=timeout, polling=100)
    return done


def draw_charts(page: Any, timeout: float = 30_000) -> int:
    """Press every "show the timeline" button (charts drawn on demand); wait for the images."""
    pressed = page.evaluate(
        """(sel) => { let n = 0;
             for (const b of document.querySelectorAll(sel + ' .lk-timeline button')) if (!b.hidden) { b.click(); n += 1; }
             return n; }""", OUTPUTS)
    if pressed:
        page.wait_for_function(
            """([sel, n]) => { const imgs = Array.from(document.querySelectorAll(sel + ' .lk-timeline img'));
                              return imgs.length >= n && imgs.every(i => i.complete && i.naturalWidth > 0); }""",
            arg=[OUTPUTS, pressed], timeout=timeout, polling=100)
    return pressed


# --- what a learner must never see ------------------------------------------------------------

LAYOUT_JS = """(sel) => {
  const text = (el) => {
    const t = (el.innerText || el.textContent || el.getAttribute('aria-label') || el.getAttribute('alt') || '')
      .replace(/\\s+/g, ' ').trim();
    const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '');
    return `<${name}> "${t.slice(0, 60)}"`;
  };
  const found = {overflow: [], wide: [], clipped: [], images: [], widget_errors: [], stderr: []};
  const outputs = Array.from(document.querySelectorAll(sel));
  for (const out of outputs) {
    const limit = out.clientWidth + 1;
    const scrollable = [out, ...out.querySelectorAll('*')];
    for (const el of scrollable) {
      const style = getComputedStyle(el);
      if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        found.overflow.push(`${text(el)} (${el.scrollWidth} > ${el.clientWidth} px)`);
    }
    for (const child of out.children) {
      const width = Math.max(child.scrollWidth, child.getBoundingClientRect().width);
      if (width > limit) found.wide.push(`${text(child)} (${Math.round(width)} > ${out.clientWidth} px)`);
    }
    for (const el of out.querySelectorAll('button, select, label, .widget-toggle-button')) {
      if (el.scrollWidth > el.clientWidth + 1)
        found.clipped.push(`${text(el)} (${el.scrollWidth} > ${el.clientWidth} px)`);
    }
    const right = out.getBoundingClientRect().right;
    for (const img of out.querySelectorAll('img, svg, canvas')) {
      if (img.tagName.toLowerCase() === 'svg' && img.parentElement && img.parentElement.closest('svg')) continue;
      const box = img.getBoundingClientRect();
      if (box.width > limit || box.right > right + 1)
        found.images.push(`${text(img)} (${Math.round(box.width)} px in ${out.clientWidth} px)`);
    }
    if ((out.textContent || '').includes('Error displaying widget')) found.widget_errors.push(text(out));
    const mime = out.getAttribute('data-mime-type') || '';
    if (mime === 'application/vnd.jupyter.stderr' || mime === 'application/vnd.jupyter.error') found.stderr.push(text(out));
  }
  found.outputs = outputs.length;
  return found;
}"""

PROBLEM_NAMES = {
    "overflow": "output elements with a horizontal scrollbar",
    "wide": "output children wider than their output",
    "clipped": "clipped labels",
    "images": "images wider than their output",
    "widget_errors": '"Error displaying widget"',
    "stderr": "stderr / error outputs",
}


@dataclass
class Layout:
    outputs: int = 0
    problems: dict[str, list[str]] = field(default_factory=dict)

    def report(self, where: str) -> str:
        lines = []
        for key, name in PROBLEM_NAMES.items():
            found = self.problems.get(key, [])
            if found:
                lines.append(f"{where}: {len(found)} {name}:")
                lines.extend(f"    {entry}" for entry in found[:15])
                if len(found) > 15:
                    lines.append(f"    ... and {len(found) - 15} more")
        return "\n".join(lines)


SHOW_EVERY_CELL = """() => {
  if (!document.getElementById('lk-test-every-cell')) {
    const style = document.createElement('style');
    style.id = 'lk-test-every-cell';
    style.textContent = '.jp-Notebook .jp-Notebook-cell { content-visibility: visible !important; contain: none !important; }';
    document.head.append(style);
  }
  return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
}"""


def show_every_cell(page: Any) -> None:
    """Lay out every cell, also those never scrolled into view.

    JupyterLab's default windowing gives each cell `content-visibility: auto`: the content
    of a cell that has not been on screen is not laid out, so its widths read 0 and axe
    sees nothing. Measured with every cell laid out, a cell looks as it does on screen.
    """
    page.evaluate(SHOW_EVERY_CELL)


def measure_layout(page: Any) -> Layout:
    show_every_cell(page)
    found = page.evaluate(LAYOUT_JS, OUTPUTS)
    outputs = found.pop("outputs")
    return Layout(outputs, {key: value for key, value in found.items() if value})


def run_axe(page: Any) -> list[dict]:
    """axe-core over the outputs of the notebook in front; the violations (all impacts)."""
    show_every_cell(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async ([sel, tags]) => {
             const r = await axe.run({include: [[sel]]}, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact, html: n.html.slice(0, 160)}))}));
           }""",
        [OUTPUTS, AXE_TAGS],
    )
    return result


def count_outputs(page: Any) -> int:
    return page.locator(OUTPUTS).count()


ARTIFACTS = Path(__file__).parent / "artifacts"


def save_failure_screenshot(page, request) -> None:
    if getattr(request.node, "failed_call", False):
        ARTIFACTS.mkdir(exist_ok=True)
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.name)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        except Exception:  # a page that crashed has no screenshot; the failure says why
            pass
