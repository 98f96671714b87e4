"""Learner text that the course echoes back is shown as text, never run as markup.

Each test feeds hostile text through a path that really quotes it back to the learner,
driving the real widget as a learner does:

- an exercise's typed answer with a Cyrillic look-alike letter: the feedback names the
  word as typed ("“…” contains Cyrillic letters …"), as plain-text segments that the
  browser writes with textContent;
- the vocabulary trainer's recall card: the same message, in an ipywidgets HTML value,
  which must be escaped;
- a progress file imported on the progress page whose schema version is hostile: the
  refusal notice quotes it, in an ipywidgets HTML value, which must be escaped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest

from lessonkit.learner.progress import ProgressStore
from lessonkit.views.course_widget import STATIC
from lessonkit.views.exercise_widget import ExerciseWidget
from lessonkit.views.language import InterfaceLanguage
from lessonkit.views.progress_page import ProgressPage
from lessonkit.views.trainer import VocabularyTrainer

# One word (no spaces), so the look-alike message quotes all of it; the "а" of "аlert" is
# Cyrillic, which is what makes the checker quote the word back.
HOSTILE = "<img/src=x/onerror=аlert(1)>"
ESCAPED = "&lt;img/src=x/onerror=аlert(1)&gt;"
def segments(view: ExerciseWidget) -> list[dict]:
    """Every feedback segment as the widget syncs it to the browser."""
    state = view.get_state()
    return [segment for row in state["feedback"] for line in row["lines"] for segment in line]


@pytest.mark.parametrize("exercise_id", ["RIV1-07", "RIV1-09", "RIV1-10"], ids=["gap_fill", "short_answer", "translation"])
def test_a_typed_answer_quoted_in_the_feedback_reaches_the_browser_as_plain_text(mini, exercise_id):
    view = ExerciseWidget(mini.lessons["RIV-1"].exercise(exercise_id), InterfaceLanguage("en"))
    view.receive({"action": "check", "responses": [HOSTILE] * len(view.spec["items"])})
    assert view.feedback[0]["status"] == "invalid"
    quoted = [segment["text"] for segment in segments(view) if HOSTILE in segment["text"]]
    message = f"“{HOSTILE}” contains Cyrillic letters that look like Latin ones. Retype the word with the English layout."
    assert quoted == [message] * len(view.spec["items"])
    # Plain text, not HTML: no entity in any segment (the browser would show "&lt;" literally).
    assert not any("&lt;" in segment["text"] or "&amp;" in segment["text"] for segment in segments(view))
    assert HOSTILE in view.feedback_text(0)


def write_in_node(lines: list, tmp_path: Path) -> dict:
    """widgets.js's own line writer, run in node over a DOM that records how it is written to."""
    source = (STATIC / "widgets.js").read_text(encoding="utf-8")
    helpers = source[: source.index("const GAP")]  # h(), segment() and writeLines(): how every line is written
    assert "function writeLines(" in helpers
    script = tmp_path / "write.js"
    script.write_text(
        """
const parsed = [];
class Node {
  constructor(tag) { this.tag = tag; this.children = []; this.attributes = {}; this.text = ""; this.className = ""; }
  set textContent(value) { this.text = String(value); this.children = []; }
  get textContent() { return this.text + this.children.map((c) => (typeof c === "string" ? c : c.textContent)).join(""); }
  set innerHTML(value) { parsed.push(value); }
  set outerHTML(value) { parsed.push(value); }
  insertAdjacentHTML(_where, value) { parsed.push(value); }
  setAttribute(name, value) { this.attributes[name] = value; }
  append(...nodes) { this.children.push(...nodes); }
  replaceChildren(...nodes) { this.children = nodes; }
}
const document = { createElement: (tag) => new Node(tag) };
""" + helpers + """
const root = new Node("div");
writeLines(root, JSON.parse(process.argv[2]));
const tags = [];
const kept = [];
const walk = (n) => {
  if (typeof n === "string") return;
  tags.push(n.tag);
  if (n.className === "lk-pid") kept.push(n.textContent);
  n.children.forEach(walk);
};
walk(root);
console.log(JSON.stringify({ parsed, tags, kept, text: root.textContent }));
""",
        encoding="utf-8",
    )
    run = subprocess.run(["node", str(script), json.dumps(lines)], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(run.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_browser_writes_the_quoted_answer_with_text_content(mini, tmp_path):
    view = ExerciseWidget(mini.lessons["RIV-1"].exercise("RIV1-09"), InterfaceLanguage("en"))
    view.receive({"action": "check", "responses": [HOSTILE]})
    drawn = write_in_node(view.get_state()["feedback"][0]["lines"], tmp_path)
    assert drawn["parsed"] == []  # nothing went through the HTML parser
    assert HOSTILE in drawn["text"] and "img" not in drawn["tags"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_a_paragraph_id_is_kept_on_one_line_and_the_text_is_unchanged(tmp_path):
    """"(I-16)" at a line end must not wrap as "(I-" and "16)"; the words read the same."""
    text = "IOM works in 151 Member States (I-01; see also NGO-12) and in <b>pre-departure</b> training."
    drawn = write_in_node([[{"text": text, "style": "plain"}]], tmp_path)
    assert drawn["kept"] == ["I-01", "NGO-12"]  # "pre-departure" is a word, not an id
    assert drawn["text"] == text and drawn["parsed"] == [] and "b" not in drawn["tags"]


def test_the_trainer_escapes_a_typed_recall_answer_it_quotes(mini, tmp_path, clock):
    store = ProgressStore(tmp_path / "progress.json", clock=clock)
    for day, term in ((0, "barge"), (0, "rise"), (1, "barge"), (1, "rise")):
        clock.now = clock.start + timedelta(days=day)
        store.record_review(term, True)
    clock.now = clock.start + timedelta(days=10)
    trainer = VocabularyTrainer(mini, store, InterfaceLanguage("en"), clock=clock)
    trainer.start_button.click()
    assert trainer.cards and trainer.cards[0].recall
    trainer.typed.value = HOSTILE
    trainer.check_button.click()
    html = trainer.result.value
    assert ESCAPED in html and "<img" not in html
    assert HOSTILE in unescape(html)  # the learner reads exactly what they typed


def test_the_progress_page_escapes_an_imported_files_words_it_quotes(mini, tmp_path, clock):
    store = ProgressStore(tmp_path / "progress.json")
    language = InterfaceLanguage("en")
    page = ProgressPage(mini, store, language, folder=tmp_path)
    hostile = "<img src=x onerror=alert(1)>"
    content = json.dumps({"schema_version": hostile}).encode("utf-8")
    page.upload.value = ({"name": f"{hostile}.json", "type": "application/json", "size": len(content),
                          "content": memoryview(content), "last_modified": clock.start},)
    notice = page.message.value
    assert "not imported" in notice and "&lt;img src=x onerror=alert(1)&gt;" in notice and "<img" not in notice
    language.code = "ru"  # the notice is said again in the other language: escaped again
    assert "не импортирован" in page.message.value and "&lt;img" in page.message.value and "<img" not in page.message.value
