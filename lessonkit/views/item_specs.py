"""What the browser draws for one item, and how its responses are read back.

Each kind names its control (`KindDefinition.control`); `static/widgets.js` has one item
builder per control. `item_spec` turns an exercise's item into the JSON spec that
builder draws, in the interface language; `empty_response` is what an untouched item
sends; `checker_input` turns the browser's JSON into what the kind's checker takes.
Pure: no widget library is imported, so the specs can be tested and reused without a
kernel's front end.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..content.kinds import KindDefinition, kind_of
from ..marking.answers import OpenResponse, pad
from .feedback import Line, content, ui
from .i18n import Language, say


def display_order(options: Sequence[str], salt: str) -> list[str]:
    """The options in a fixed order that does not follow the data's order.

    Authors tend to write the key first; a hash of the exercise and the option gives every
    learner, every run and nbval the same order without putting the key in a set place.
    """
    return sorted(options, key=lambda option: hashlib.sha256(f"{salt}|{option}".encode()).hexdigest())


@dataclass(frozen=True)
class Control:
    """One item builder of widgets.js: what its spec adds to the item's type and prompt, what
    an untouched item sends, and how the browser's JSON becomes what the checker takes."""

    spec: Callable[[KindDefinition, Any, int, Language], dict[str, Any]]
    empty: Callable[[dict[str, Any]], Any]
    read: Callable[[dict[str, Any], Any], Any]


def _options(values: Sequence[str]) -> list[dict[str, str]]:
    return [{"value": value, "label": value} for value in values]


def _choice_spec(kind: KindDefinition, exercise: Any, index: int, lang: Language) -> dict[str, Any]:
    return {"options": _options(display_order(exercise.items[index].options, f"{exercise.id}/{index}"))}


def _judgement_spec(kind: KindDefinition, exercise: Any, index: int, lang: Language) -> dict[str, Any]:
    return {"options": [{"value": key, "label": say(key, lang)} for key in kind.scale]}


def _order_spec(kind: KindDefinition, exercise: Any, index: int, lang: Language) -> dict[str, Any]:
    segments = exercise.items[index].segments
    return {"segments": [{"label": label, "text": words} for label, words in sorted(segments.items())],
            "positions": [say("position", lang, n=n + 1) for n in range(len(segments))]}


def _text_spec(kind: KindDefinition, exercise: Any, index: int, lang: Language) -> dict[str, Any]:
    before = say("source_text", lang) if kind.stem_lang != "en" else ""  # a source text to translate
    return {"prompt_lang": kind.stem_lang, "before": before, "rows": 4}


def _lang_of(words: str) -> str:
    """The language of a data value shown in an interface line (a reader, a genre)."""
    return "ru" if any("\u0400" <= ch <= "\u04ff" for ch in words) else "en"


def task_lines(item: Any, lang: Language) -> list[Line]:
    """What an open task asks for, above its box: reader and genre, the language and the
    length of a text, or the times of a speaking task."""
    lines: list[Line] = []
    about: Line = []
    for key, value in (("task_reader", item.reader), ("task_genre", item.genre)):
        if value:
            about += [content("·")] if about else []
            about += [ui(key, lang, "label"), content(value, lang=_lang_of(value))]
    lines.append(about)
    low, high = item.min_words, item.max_words
    if item.mode == "speaking":
        lines.append([ui("task_times", lang, "strong", prepare=item.prepare_minutes, speak=item.speak_minutes)])
        lines.append([ui("task_notes_max", lang, high=high)] if high else [])
    else:
        lines.append([ui("task_in_russian", lang, "strong")] if item.answer_lang == "ru" else [])
        if high:
            lines.append([ui("task_words_range", lang, low=low, high=high) if low > 1 else ui("task_words_max", lang, high=high)])
        elif low > 1:
            lines.append([ui("task_words_min", lang, low=low)])
    return [line for line in lines if line]


def _open_spec(kind: KindDefinition, exercise: Any, index: int, lang: Language) -> dict[str, Any]:
    item = exercise.items[index]
    speaking = item.mode == "speaking"
    russian_prompt = lang == "ru" and item.prompt_ru
    russian_checklist = lang == "ru" and bool(item.checklist_ru)
    return {
        "prompt": item.prompt_ru if russian_prompt else item.prompt,
        "prompt_lang": "ru" if russian_prompt else "en",
        "mode": item.mode,
        "answer_lang": item.answer_lang,
        "task": task_lines(item, lang),
        "box_label": say("notes_label" if speaking else "your_answer", lang),
        "checklist_label": say("self_check_speaking" if speaking else "self_check", lang),
        "counter": say("word_counter", lang, n="{n}"),
        "checklist": list(item.checklist_ru if russian_checklist else item.checklist),
        "checklist_lang": "ru" if russian_checklist else "en",
        "rows": 5 if speaking else 8,
    }


def _row_spec(kind: KindDefinition, exercise: Any, index: int, lang: Language) -> dict[str, Any]:
    cells = exercise.items[index].cells
    return {"cells": [{"column": c, "given": cells[c]} if c in cells else {"column": c} for c in exercise.columns]}


def _nothing(spec: dict[str, Any]) -> None:
    return None


def _read_choice(spec: dict[str, Any], raw: Any) -> str | None:
    return raw if isinstance(raw, str) and raw else None


def _read_text(spec: dict[str, Any], raw: Any) -> str:
    return raw if isinstance(raw, str) else ""


def _read_order(spec: dict[str, Any], raw: Any) -> list[str | None]:
    return [str(v) if isinstance(v, str) and v else None for v in raw] if isinstance(raw, list) else []


def _read_open(spec: dict[str, Any], raw: Any) -> OpenResponse:
    raw = raw if isinstance(raw, dict) else {}
    ticked = raw.get("ticked", [])
    text = raw.get("text", "")
    return OpenResponse(text if isinstance(text, str) else "",
                        frozenset(n for n in ticked if isinstance(n, int)) if isinstance(ticked, list) else frozenset())


def _read_row(spec: dict[str, Any], raw: Any) -> dict[str, str]:
    raw = raw if isinstance(raw, dict) else {}
    return {str(k): v if isinstance(v, str) else "" for k, v in raw.items()}


CONTROLS: dict[str, Control] = {
    "choice": Control(_choice_spec, _nothing, _read_choice),
    "multi": Control(_choice_spec, lambda spec: [], lambda spec, raw: {str(v) for v in raw} if isinstance(raw, list) else set()),
    "judgement": Control(_judgement_spec, _nothing, _read_choice),
    "select": Control(lambda kind, exercise, index, lang: {"options": _options(exercise.choices)}, _nothing, _read_choice),
    "gap": Control(lambda kind, exercise, index, lang: {"base": getattr(exercise.items[index], "base", None) or ""},
                   lambda spec: "", _read_text),
    "order": Control(_order_spec, lambda spec: [None] * len(spec["segments"]), _read_order),
    "text": Control(_text_spec, lambda spec: "", _read_text),
    "open": Control(_open_spec, lambda spec: {"text": "", "ticked": []}, _read_open),
    "row": Control(_row_spec, lambda spec: {c["column"]: "" for c in spec["cells"] if "given" not in c}, _read_row),
}


def item_spec(exercise: Any, index: int, lang: Language) -> dict[str, Any]:
    """The item as the browser needs it to draw its controls, in the interface language."""
    kind = kind_of(exercise)
    spec: dict[str, Any] = {"type": kind.control}
    if kind.stem is not None:
        spec["prompt"] = str(getattr(exercise.items[index], kind.stem))
    return spec | CONTROLS[kind.control].spec(kind, exercise, index, lang)


def _control(spec: dict[str, Any]) -> Control:
    """The control a spec names; an unknown one (a stale front end) is read as a choice."""
    return CONTROLS.get(spec.get("type", ""), CONTROLS["choice"])


def empty_response(spec: dict[str, Any]) -> Any:
    """What an untouched item sends: nothing chosen, nothing typed."""
    return _control(spec).empty(spec)


def restored_response(spec: dict[str, Any], raw: Any) -> Any:
    """A response saved earlier (a quiz answer in the progress file), drawn again: kept when it
    has the shape the item's control sends, else the untouched item's."""
    empty = empty_response(spec)
    if raw is None:
        return empty
    if empty is None:
        return raw if isinstance(raw, str) else None
    return raw if type(raw) is type(empty) else empty


def checker_input(spec: dict[str, Any], raw: Any) -> Any:
    """The browser's JSON response, in the shape the kind's checker takes.

    Anything malformed (a hostile or stale front end) reads as no answer, never raises.
    """
    return _control(spec).read(spec, raw)


def restored_responses(specs: list[dict[str, Any]], saved: Sequence[Any] | None) -> list[Any]:
    """`restored_response` for every item, one each whatever was saved."""
    return [restored_response(spec, raw) for spec, raw in zip(specs, pad(saved or [], len(specs)))]


def checker_inputs(specs: list[dict[str, Any]], responses: Sequence[Any]) -> list[Any]:
    """`checker_input` for every item, one each whatever the browser sent."""
    return [checker_input(spec, raw) for spec, raw in zip(specs, pad(responses, len(specs)))]
