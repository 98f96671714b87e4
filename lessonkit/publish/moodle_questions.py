"""Moodle XML questions: one builder per kind of exercise, on one writer per Moodle type.

`export_moodle` walks the course and asks `questions()` for an exercise's questions; the
module docstring there says which kind becomes which Moodle type. Every data string is
HTML-escaped (`h`) before it becomes part of an HTML text, and ElementTree escapes that HTML
again as XML: a key with `<`, `&` or quotes reaches Moodle as the learner should read it.

What Moodle's importer (question/format/xml/format.php and the question types) insists on,
and so what is done here:
- an answer's grade must be one of Moodle's fixed fractions (`FRACTIONS`), else the question
  is refused; the right answers of a multiple-answer question must add up to 100 %;
- a cloze answer ends at an unescaped `~`, `#` or `}` and the importer HTML-decodes it after
  splitting, unescaping only `\\}` and `\\#`: so special characters are written as numeric
  character references (`&#126;`), never backslashed, and a raw `{` never stands in the text;
- a `*` in a short answer is a wildcard: written `\\*` to mean itself.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from html import escape
from typing import Any

from ..content.item_model import GAP
from ..content.kinds import kind_of
from ..views.i18n import say
from .print_tasks import task_meta

# question_bank::fraction_options_full(), in percent as Moodle writes them (7 significant digits).
FRACTIONS = ("100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333",
             "30", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5")
PENALTY = "0.3333333"  # Moodle's default: a third of the mark off for each wrong try
COMBINED = (("correctfeedback", "Your answer is correct."),
            ("partiallycorrectfeedback", "Your answer is partially correct."),
            ("incorrectfeedback", "Your answer is incorrect."))
# Inside a cloze answer: HTML-escaped, and Moodle's separators as character references.
# (`&#38;`, not `&amp;`: Moodle reads a separator right after `&amp;` as part of the answer.)
CLOZE_SAFE = str.maketrans({"&": "&#38;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                            "{": "&#123;", "}": "&#125;", "#": "&#35;", "~": "&#126;", "=": "&#61;",
                            "%": "&#37;", "\\": "&#92;", "/": "&#47;"})


def h(text: object) -> str:
    """Data text as HTML that shows literally; `{` too, so no text can start a cloze answer."""
    return escape(str(text), quote=True).replace("{", "&#123;")


def ru(text: str) -> str:
    return f'<span lang="ru">{h(text)}</span>'


def share(count: int) -> str:
    """The Moodle fraction nearest to 100 / count: one of `count` answers' share of the mark."""
    return min(FRACTIONS, key=lambda fraction: abs(float(fraction) - 100 / count))


def literal(answer: str) -> str:
    """A short answer as Moodle compares it: `*` is its wildcard, `\\*` a star."""
    return answer.replace("*", "\\*")


# --- the XML pieces every type shares ---------------------------------------------------


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attrs)
    if text is not None:
        child.text = text
    return child


def text_field(parent: ET.Element, tag: str, html: str, **attrs: str) -> ET.Element:
    """`<tag format="html"><text>html</text></tag>`: the shape of every formatted text."""
    field = sub(parent, tag, **attrs, format="html")
    sub(field, "text", html)
    return field


def question(qtype: str, name: str, text: str, general: str, grade: int = 1) -> ET.Element:
    node = ET.Element("question", type=qtype)
    sub(sub(node, "name"), "text", name)
    text_field(node, "questiontext", text)
    text_field(node, "generalfeedback", general)
    sub(node, "defaultgrade", str(grade))
    sub(node, "penalty", "0" if qtype == "essay" else PENALTY)
    sub(node, "hidden", "0")
    return node


def combined_feedback(node: ET.Element) -> None:
    for tag, words in COMBINED:
        text_field(node, tag, f"<p>{words}</p>")
    sub(node, "shownumcorrect")


def hint(node: ET.Element, words: str) -> None:
    """The exercise's hint, shown after a wrong try (Moodle's interactive behaviour)."""
    text_field(node, "hint", f"<p>{h(words)}</p>")


def feedback(item: Any, extra: str = "") -> str:
    """The general feedback: why the key is right, then the words of the text that show it."""
    quotes = "".join(f"<li>«{h(ev.quote)}» ({h(ev.paragraph)})</li>" for ev in item.evidence)
    evidence = f"<p>In the text:</p><ul>{quotes}</ul>" if quotes else ""
    return f"<p>{h(item.explanation)}</p>{extra}{evidence}"


def also(values: Sequence[str]) -> str:
    return f"<p>Also accepted: {', '.join(h(v) for v in values)}.</p>" if values else ""


# --- one writer per Moodle type ---------------------------------------------------------


def multichoice(name: str, text: str, general: str, hint_words: str,
                answers: Sequence[tuple[str, str, str]], single: bool = True) -> ET.Element:
    """answers: (fraction, answer HTML, feedback HTML) in the order the course offers them."""
    node = question("multichoice", name, text, general)
    sub(node, "single", "true" if single else "false")
    sub(node, "shuffleanswers", "false")  # the course keeps the authors' order (a scale must stay in order)
    sub(node, "answernumbering", "abc")
    sub(node, "showstandardinstruction", "1")
    combined_feedback(node)
    for fraction, answer, note in answers:
        text_field(text_field(node, "answer", answer, fraction=fraction), "feedback", note)
    hint(node, hint_words)
    return node


def shortanswer(name: str, text: str, general: str, hint_words: str, variants: Sequence[str]) -> ET.Element:
    node = question("shortanswer", name, text, general)
    sub(node, "usecase", "0")
    for variant in dict.fromkeys(variants):
        answer = sub(node, "answer", fraction="100", format="moodle_auto_format")
        sub(answer, "text", literal(variant))
        text_field(answer, "feedback", "")
    hint(node, hint_words)
    return node


def matching(name: str, text: str, general: str, hint_words: str, pairs: Sequence[tuple[str, str]],
             distractors: Sequence[str] = (), grade: int = 1) -> ET.Element:
    """pairs: (stem HTML, answer as plain text); a distractor is an answer without a stem."""
    node = question("matching", name, text, general, grade)
    sub(node, "shuffleanswers", "false")  # the stems stay in the course's order; Moodle shuffles the answers
    combined_feedback(node)
    for stem, answer in [*pairs, *(("", d) for d in distractors)]:
        sub(sub(text_field(node, "subquestion", stem), "answer"), "text", answer)
    hint(node, hint_words)
    return node


def blank(kind: str, alternatives: Sequence[tuple[bool, str]]) -> str:
    """One embedded cloze answer, `{1:KIND:=right~wrong}`, each alternative made safe."""
    return "{1:" + kind + ":" + "~".join(("=" if right else "") + value.translate(CLOZE_SAFE)
                                         for right, value in alternatives) + "}"


def cloze(name: str, text: str, general: str, hint_words: str, blanks: int) -> ET.Element:
    # Moodle counts the cloze's mark from its blanks (one each); defaultgrade says the same.
    node = question("cloze", name, text, general, blanks)
    hint(node, hint_words)
    return node


def essay(name: str, text: str, general: str, grader: str, lines: int, required: bool = True,
          min_words: int | None = None, max_words: int | None = None) -> ET.Element:
    node = question("essay", name, text, general)
    sub(node, "responseformat", "editor")
    sub(node, "responserequired", "1" if required else "0")
    sub(node, "responsefieldlines", str(lines))
    if min_words:
        sub(node, "minwordlimit", str(min_words))
    if max_words:
        sub(node, "maxwordlimit", str(max_words))
    for tag in ("attachments", "attachmentsrequired", "maxbytes"):
        sub(node, tag, "0")
    sub(node, "filetypeslist", "")
    text_field(node, "graderinfo", grader)
    text_field(node, "responsetemplate", "")
    return node


# --- the kinds --------------------------------------------------------------------------


def _single_choice(ex: Any, item: Any, name: str, head: str) -> ET.Element:
    notes = item.option_feedback
    answers = [("100" if o == item.answer else "0", h(o), f"<p>{h(notes[o])}</p>" if o in notes else "")
               for o in item.options]
    return multichoice(name, head + f"<p>{h(item.prompt)}</p>", feedback(item), ex.hint, answers)


def _judgement(ex: Any, item: Any, name: str, head: str) -> ET.Element:
    answers = [("100" if value == item.answer else "0", h(say(value, "en")), "") for value in kind_of(ex).scale]
    return multichoice(name, head + f"<p>{h(item.statement)}</p>", feedback(item), ex.hint, answers)


def _multiple_select(ex: Any, item: Any, name: str, head: str) -> ET.Element:
    # The right answers share the mark and the wrong ones together take it all back: ticking
    # every box earns nothing (Moodle never lets a question's mark fall below zero).
    wrong = len(item.options) - len(item.answers)
    right, penalty = share(len(item.answers)), ("-" + share(wrong) if wrong else "0")
    answers = [(right if o in item.answers else penalty, h(o), "") for o in item.options]
    return multichoice(name, head + f"<p>{h(item.prompt)}</p>", feedback(item), ex.hint, answers, single=False)


def _gap(ex: Any, item: Any, name: str, head: str) -> ET.Element:
    general = feedback(item, also(item.accept))
    if getattr(ex, "word_bank", False) and len(ex.bank) > 1:  # a drop-down needs two words
        before, after = GAP.split(item.text, maxsplit=1)
        drop_down = blank("MULTICHOICE", [(word == item.answer, word) for word in ex.bank])
        return cloze(name, head + f"<p>{h(before)}{drop_down}{h(after)}</p>", general, ex.hint, 1)
    base = f" <b>({h(item.base)})</b>" if getattr(item, "base", None) else ""
    return shortanswer(name, head + f"<p>{h(item.text)}{base}</p>", general, ex.hint, [item.answer, *item.accept])


def _row(ex: Any, row: Any, name: str, head: str) -> ET.Element:
    heads = "".join(f"<th>{h(column)}</th>" for column in ex.columns)
    cells = "".join(f"<td>{h(row.cells[c])}</td>" if c in row.cells
                    else f"<td>{blank('SHORTANSWER', [(True, literal(v)) for v in dict.fromkeys(row.blanks[c])])}</td>"
                    for c in ex.columns)
    table = f'<table border="1" cellpadding="4"><thead><tr>{heads}</tr></thead><tbody><tr>{cells}</tr></tbody></table>'
    keys = "".join(f"<p>{h(column)}: <b>{h(answers[0])}</b></p>{also(answers[1:])}" for column, answers in row.blanks.items())
    return cloze(name, head + table, feedback(row, keys), ex.hint, len(row.blanks))


def _ordering(ex: Any, item: Any, name: str, head: str) -> ET.Element:
    pairs = [(f"<b>{h(label)}</b> {h(text)}", str(item.answer.index(label) + 1)) for label, text in sorted(item.segments.items())]
    text = head + f"<p>{h(item.prompt)}</p><p>Give each part its place in the order: 1 is the first.</p>"
    order = f"<p>The order: <b>{' – '.join(h(label) for label in item.answer)}</b>.</p>"
    return matching(name, text, feedback(item, order), ex.hint, pairs)


def _key_terms(item: Any) -> str:
    flags = "".join(f"<li>Red flag “{h(flag.term)}”: {h(flag.message)}</li>" for flag in getattr(item, "red_flags", []))
    return f"<p>The notebook checks it by key terms (* stands for any ending): {h(item.key_terms_rule)}.</p>" + (f"<ul>{flags}</ul>" if flags else "")


def _model(item: Any) -> str:
    lang = ' lang="ru"' if getattr(item, "answer_lang", "en") == "ru" else ""
    # A model text keeps its line breaks (a справка's heading and numbered points).
    answer = "<br>".join(h(line) for line in item.model_answer.strip().split("\n"))
    return f"<p><b>Model answer:</b></p><p{lang}>{answer}</p>"


def _typed(ex: Any, item: Any, name: str, head: str) -> ET.Element:
    stem = f"<p>{ru(item.source)}</p>" if ex.kind == "translation" else f"<p>{h(item.prompt)}</p>"
    return essay(name, head + stem, feedback(item, _model(item)), _model(item) + _key_terms(item), lines=5)


def _open_task(ex: Any, item: Any, name: str, head: str) -> ET.Element:
    speaking = item.mode == "speaking"
    points = "".join(f"<li>{h(point)}</li>" for point in item.checklist)
    check = f"<p>{'After you speak' if speaking else 'Before you hand in'}, check:</p><ul>{points}</ul>"
    notes = "<p>Write your notes here, then speak.</p>" if speaking else ""
    prompt = f"<p>{h(item.prompt)}</p>" + (f"<p>{ru(item.prompt_ru)}</p>" if item.prompt_ru else "")
    grader = _model(item) + f"<p>The learner's self-check list:</p><ul>{points}</ul>"
    # Speaking notes may be left empty (the task is the talk); a written text has its length.
    return essay(name, head + prompt + task_meta(item) + notes + check, feedback(item, _model(item)), grader,
                 lines=5 if speaking else 15, required=not speaking,
                 min_words=None if speaking or item.min_words <= 1 else item.min_words, max_words=item.max_words)


BUILDERS = {
    "single_choice": _single_choice, "true_false_not_given": _judgement, "stated_inferred": _judgement,
    "multiple_select": _multiple_select, "gap_fill": _gap, "word_formation": _gap, "table_completion": _row,
    "ordering": _ordering, "short_answer": _typed, "translation": _typed, "open_task": _open_task,
}


def _matching(ex: Any, name: str, head: str) -> ET.Element:
    pairs = [(h(item.left), item.answer) for item in ex.items]
    why = "".join(f"<p><b>{h(item.left)} → {h(item.answer)}</b></p>" + feedback(item) for item in ex.items)
    notes = "".join(f"<p>{h(d)}: {h(ex.distractor_feedback[d])}</p>" for d in ex.distractors if d in ex.distractor_feedback)
    return matching(name, head, why + notes, ex.hint, pairs, ex.distractors, grade=len(ex.items))


def questions(exercise: Any, head: str) -> list[ET.Element]:
    """An exercise's questions: one per item ("IOM1-03 #2 · title"), but one for a whole
    matching exercise (its pairs are the subquestions of one Moodle matching question)."""
    if exercise.kind == "matching":
        return [_matching(exercise, f"{exercise.id} · {exercise.title}", head)]
    build = BUILDERS[exercise.kind]
    return [build(exercise, item, f"{exercise.id} #{n} · {exercise.title}", head)
            for n, item in enumerate(exercise.items, start=1)]
