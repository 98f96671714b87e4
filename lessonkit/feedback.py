"""Turning a checked result into feedback HTML.

Pure functions: data strings and learner input are escaped here, before they reach any
HTML widget (the ipywidgets HTML widget does not sanitise what it is given).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from .answers import ItemResult, answer_text
from .i18n import Language, say

if TYPE_CHECKING:
    from . import model


def text(key: str, lang: Language, **values: object) -> str:
    """An interface string as escaped HTML; Russian carries lang="ru" for screen readers."""
    body = escape(say(key, lang, **{k: str(v) for k, v in values.items()}), quote=False)
    return f'<span lang="ru">{body}</span>' if lang == "ru" else body


def evidence_html(evidence: list[model.Evidence], lang: Language) -> str:
    if not evidence:
        return ""
    quotes = "; ".join(f"«{escape(e.quote)}» ({escape(e.paragraph)})" for e in evidence)
    return f"<div>{text('evidence', lang)}: <span lang=\"en\">{quotes}</span></div>"


def item_feedback(exercise: Any, index: int, result: ItemResult, lang: Language) -> str:
    """Feedback for one item after Check: right or wrong in words, then why."""
    item = exercise.items[index]
    parts = [f"<strong>{text(result.status, lang)}</strong>"]
    if result.problem is not None:
        parts.append(text(result.problem.code, lang, detail=result.problem.detail))
    if result.note == "self_check_pending":
        parts.append(text("self_check_pending", lang))
    elif result.note:
        parts.append(f'<span lang="en">{escape(result.note)}</span>')
    if result.missing:
        parts.append(text("missing_terms", lang, terms=", ".join(result.missing)))
    if result.status == "right":
        parts.append(f'<span lang="en">{escape(item.explanation)}</span>')
    elif result.status == "wrong":
        parts.append(evidence_html(item.evidence, lang))
    return f'<div class="lessonkit-feedback lessonkit-{result.status}">{" ".join(parts)}</div>'


def answer_feedback(exercise: Any, index: int, lang: Language) -> str:
    """The key of one item, its explanation and the evidence: shown by Show answer."""
    item = exercise.items[index]
    return (
        f"<div><strong>{text('the_answer', lang)}:</strong> <span lang=\"en\">{escape(answer_text(exercise, index))}</span>"
        f" — <span lang=\"en\">{escape(item.explanation)}</span>{evidence_html(item.evidence, lang)}</div>"
    )


def hint_html(exercise: Any, lang: Language) -> str:
    paragraphs = sorted({e.paragraph for item in exercise.items for e in item.evidence})
    where = text("hint_paragraphs", lang, ids=", ".join(paragraphs)) if paragraphs else ""
    return f'<div class="lessonkit-hint"><b>{text("hint", lang)}:</b> <span lang="en">{escape(exercise.hint)}</span> {where}</div>'


def score_html(score: int | None, total: int, lang: Language) -> str:
    if score is None:
        return f"<em>{text('not_checked', lang)}</em>"
    extra = f" {text('all_right', lang)}" if score == total else ""
    return f"<strong>{text('score', lang, score=score, total=total)}</strong>{extra}"
