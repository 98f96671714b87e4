"""Turning a checked result into feedback the learner reads.

Exercise views receive feedback as *lines of segments*: plain strings with a language and
a style, which the browser writes with `textContent`. Data and learner text therefore
never become markup. `text()` gives the same interface strings as escaped HTML for the
views that still write HTML (trainer, progress page).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from ..content.kinds import answer_text, kind_of
from ..marking.answers import ItemResult
from .i18n import Language, say
from .wording import count_phrase

if TYPE_CHECKING:
    from ..content import exercise_model

# "label" is a strong heading followed by a colon; "quote" is set in «guillemets».
Style = Literal["", "strong", "em", "quote", "label"]


class Segment(TypedDict):
    text: str
    lang: str
    style: str


Line = list[Segment]


def text(key: str, lang: Language, **values: object) -> str:
    """An interface string as escaped HTML; Russian carries lang="ru" for screen readers."""
    body = escape(say(key, lang, **{k: str(v) for k, v in values.items()}), quote=False)
    return f'<span lang="ru">{body}</span>' if lang == "ru" else body


def ui(key: str, lang: Language, style: Style = "", **values: object) -> Segment:
    """An interface string as a segment in the interface language."""
    return {"text": say(key, lang, **{k: str(v) for k, v in values.items()}), "lang": lang, "style": style}


def content(words: str, style: Style = "", lang: str = "en") -> Segment:
    """Course content (explanations, quotes, keys): in the language of the text."""
    return {"text": words, "lang": lang, "style": style}


def shown(segment: Segment) -> str:
    """A segment's words as the browser shows them (`static/*.js` writes the same)."""
    if segment["style"] == "label":
        return f"{segment['text']}:"
    if segment["style"] == "quote":
        return f"«{segment['text']}»"
    return segment["text"]


def plain(lines: list[Line]) -> str:
    """The words of some lines, as a learner reads them (for tests and logs)."""
    return "\n".join(" ".join(shown(segment) for segment in line) for line in lines)


def evidence_line(evidence: list[exercise_model.Evidence], lang: Language) -> Line:
    if not evidence:
        return []
    line: Line = [ui("evidence", lang, "label")]
    for n, quote in enumerate(evidence):
        line += [content(quote.quote, "quote"), content(f"({quote.paragraph})" + (";" if n + 1 < len(evidence) else ""))]
    return line


def item_feedback(exercise: Any, index: int, result: ItemResult, lang: Language) -> list[Line]:
    """Feedback for one item after Check: right or wrong in words, then why."""
    item = exercise.items[index]
    lines: list[Line] = [[ui(result.status, lang, "strong")]]
    if result.problem is not None:
        lines[0].append(ui(result.problem.code, lang, detail=result.problem.detail))
    if result.note == "self_check_pending":
        lines.append([ui("self_check_pending", lang)])
    elif result.note:
        lines.append([content(result.note)])
    if result.words is not None and getattr(item, "mode", "") == "writing":
        lines.append([ui("words_written", lang, count=count_phrase(result.words, "unit_words", lang))])
    if result.found:
        lines.append([ui("found_terms", lang, terms=", ".join(result.found))])
    if result.missing:
        lines.append([ui("missing_terms", lang, terms=", ".join(result.missing))])
    if result.status == "right":
        lines.append([content(item.explanation)])
    elif result.status == "wrong":
        lines.append(evidence_line(item.evidence, lang))
    return [line for line in lines if line]


def answer_lines(exercise: Any, index: int, lang: Language) -> list[Line]:
    """The key of one item, its explanation and the evidence: shown by Show answer."""
    item = exercise.items[index]
    lines: list[Line] = [
        [ui("the_answer", lang, "label"), key_segment(exercise, index, lang)],
        [content(item.explanation)],
        evidence_line(item.evidence, lang),
    ]
    return [line for line in lines if line]


def key_segment(exercise: Any, index: int, lang: Language) -> Segment:
    """The key as the learner saw the options: a judgement in the interface's words."""
    if kind_of(exercise).scale:
        return ui(exercise.items[index].answer, lang, "strong")
    return content(answer_text(exercise, index), "strong")


def model_answer_line(model_answer: str, lang: Language) -> Line:
    return [ui("model_answer", lang, "label"), content(model_answer)]


def hint_lines(exercise: Any, lang: Language) -> list[Line]:
    paragraphs = sorted({e.paragraph for item in exercise.items for e in item.evidence})
    line: Line = [ui("hint", lang, "label"), content(exercise.hint)]
    if paragraphs:
        line.append(ui("hint_paragraphs", lang, ids=", ".join(paragraphs)))
    return [line]


def score_line(score: int | None, total: int, lang: Language, self_credited: int = 0) -> Line:
    """"Score: 2 of 3." — self-credited items count, and the line says how many there are."""
    if score is None:
        return [ui("not_checked", lang, "em")]
    line: Line = [ui("score", lang, "strong", score=score + self_credited, total=total)]
    if self_credited:
        line.append(ui("self_credited_count", lang, n=self_credited))
    if score + self_credited == total:
        line.append(ui("all_right", lang))
    return line
