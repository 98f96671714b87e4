"""The exercise kinds: one definition per kind, and every list of kinds derived from it.

A kind is its record class (`exercise_model`), its checker (`answers`), the item
builder that draws it (`static/widgets.js`, named by `control`) and one
`KindDefinition` below. Marking, the widget spec, the solution notebooks and the
fairness examples all look a kind up here, so adding a kind touches these four places
and `tests/test_kinds.py` fails while one is missing. Pure: this module imports no
widget or view code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..marking import answers
from ..marking.answers import ExerciseResult, OpenResponse
from .languages import Language

if TYPE_CHECKING:
    # The records are pydantic classes (tens of ms to build): they are imported when the
    # course is loaded, not when a view that looks a kind up is imported.
    from . import exercise_model

    ExampleSets = list[tuple[str | None, exercise_model.Examples | None]]

# What one unit of an exercise's work is, for the load model's minutes (`load_model.MINUTES`):
# an objective item, a table cell to fill, a short answer, a sentence to translate, a task.
LoadUnit = Literal["item", "cell", "short_answer", "sentence", "task"]

Checker = Callable[[Any, Sequence[Any]], ExerciseResult]


def _answer(item: Any) -> Any:
    """The key of an item whose `answer` field is what the learner gives."""
    return item.answer


def _one_example_set(item: Any) -> ExampleSets:
    return [(None, item.examples)]


@dataclass(frozen=True)
class KindDefinition:
    """Everything the engine knows of one exercise kind, in one place."""

    key: str  # the `kind:` value in data/lessons/*.yml
    record_name: str  # the exercise's pydantic class in `exercise_model` (see `record`)
    checker: Checker
    name_en: str  # as the solution notebooks name the kind
    name_ru: str
    control: str  # the item builder in widgets.js (the spec's `type`)
    stem: str | None  # the item field holding its words; None: a table row (its given cells)
    key_response: Callable[[Any], Any] = _answer  # item -> the response the key itself gives
    answer_text: Callable[[Any], str] = _answer  # item -> the key as a learner should read it
    scale: tuple[str, ...] = ()  # a judgement's fixed answers, in the order they are offered
    stem_lang: Language = "en"  # a Russian stem is a source text to translate
    # Typed answers: the authors' learner examples are judged under this rule (`fairness`).
    fairness: Literal["form", "key_terms"] | None = None
    example_sets: Callable[[Any], ExampleSets] = _one_example_set  # item -> examples per blank
    claimable: bool = False  # a wrong answer may be self-credited or reported
    shows_model_answer: bool = False  # the model answer is shown after every check
    load: LoadUnit = "item"  # how the load model counts its minutes

    @property
    def record(self) -> type[exercise_model.ExerciseBase]:
        """The exercise's record class."""
        from . import exercise_model

        record: type[exercise_model.ExerciseBase] = getattr(exercise_model, self.record_name)
        return record

    def key_responses(self, exercise: Any) -> list[Any]:
        return [self.key_response(item) for item in exercise.items]


def _judgement_text(item: Any) -> str:
    return str(item.answer).replace("_", " ").upper()


def _model_answer(item: Any) -> str:
    return str(item.model_answer)


def _open_key(item: exercise_model.OpenTaskItem) -> OpenResponse:
    return OpenResponse(item.model_answer, frozenset(range(len(item.checklist))))


def _row_key(row: exercise_model.TableRow) -> dict[str, str]:
    return {column: answers[0] for column, answers in row.blanks.items()}


def _row_text(row: exercise_model.TableRow) -> str:
    return "; ".join(f"{column}: {answers[0]}" for column, answers in row.blanks.items())


def _row_example_sets(row: exercise_model.TableRow) -> ExampleSets:
    return [(column, row.examples.get(column)) for column in row.blanks]


DEFINITIONS: tuple[KindDefinition, ...] = (
    KindDefinition(
        "single_choice", "SingleChoice", answers.check_single_choice,
        "single choice", "выбор одного ответа", control="choice", stem="prompt",
    ),
    KindDefinition(
        "multiple_select", "MultipleSelect", answers.check_multiple_select,
        "multiple select", "выбор нескольких ответов", control="multi", stem="prompt",
        key_response=lambda item: set(item.answers), answer_text=lambda item: "; ".join(item.answers),
    ),
    KindDefinition(
        "true_false_not_given", "TrueFalseNotGiven", answers.check_judgements,
        "true / false / not given", "верно / неверно / нет в тексте", control="judgement", stem="statement",
        answer_text=_judgement_text, scale=("true", "false", "not_given"),
    ),
    KindDefinition(
        "stated_inferred", "StatedInferred", answers.check_judgements,
        "stated / inferred / not in the text", "сказано / следует из текста / нет в тексте",
        control="judgement", stem="statement", answer_text=_judgement_text, scale=("stated", "inferred", "not_in_text"),
    ),
    KindDefinition(
        "matching", "Matching", answers.check_matching,
        "matching", "сопоставление", control="select", stem="left",
    ),
    KindDefinition(
        "gap_fill", "GapFill", answers.check_gap_fill,
        "gap-fill", "заполнение пропусков", control="gap", stem="text", fairness="form",
    ),
    KindDefinition(
        "word_formation", "WordFormation", answers.check_gap_fill,
        "word formation", "словообразование", control="gap", stem="text", fairness="form",
    ),
    KindDefinition(
        "ordering", "Ordering", answers.check_ordering,
        "ordering", "восстановление порядка", control="order", stem="prompt",
        answer_text=lambda item: " – ".join(item.answer),
    ),
    KindDefinition(
        "short_answer", "ShortAnswer", answers.check_key_terms,
        "short answer", "краткий ответ", control="text", stem="prompt",
        key_response=_model_answer, answer_text=_model_answer, fairness="key_terms", claimable=True, load="short_answer",
    ),
    KindDefinition(
        "translation", "Translation", answers.check_key_terms,
        "translation RU → EN", "перевод RU → EN", control="text", stem="source", stem_lang="ru",
        key_response=_model_answer, answer_text=_model_answer, fairness="key_terms", claimable=True,
        shows_model_answer=True, load="sentence",
    ),
    KindDefinition(
        "open_task", "OpenTask", answers.check_open_task,
        "open task", "открытое задание", control="open", stem="prompt",
        key_response=_open_key, answer_text=_model_answer, shows_model_answer=True, load="task",
    ),
    KindDefinition(
        "table_completion", "TableCompletion", answers.check_table,
        "table to complete", "заполнение таблицы", control="row", stem=None,
        key_response=_row_key, answer_text=_row_text, fairness="form", example_sets=_row_example_sets, load="cell",
    ),
)

KINDS: dict[str, KindDefinition] = {definition.key: definition for definition in DEFINITIONS}


def kind_of(exercise: Any) -> KindDefinition:
    """The definition of an exercise's kind."""
    return KINDS[exercise.kind]


def check(exercise: Any, responses: Sequence[Any]) -> ExerciseResult:
    """Check the responses to any exercise; the kind picks the checker."""
    return kind_of(exercise).checker(exercise, responses)


def key_responses(exercise: Any) -> list[Any]:
    """The responses that the answer key itself gives: used by self-checks and tests."""
    return kind_of(exercise).key_responses(exercise)


def answer_text(exercise: Any, index: int) -> str:
    """The key of one item as a learner should read it."""
    return kind_of(exercise).answer_text(exercise.items[index])


def item_words(exercise: Any, item: Any) -> str:
    """What an item asks, as plain text for a key or a report: its stem (a word-formation
    item's base word after it in brackets), or a table row's given cells, "column: value; …".
    Each page escapes it for its own format."""
    stem = kind_of(exercise).stem
    if stem is None:
        return "; ".join(f"{column}: {value}" for column, value in item.cells.items())
    base = getattr(item, "base", None)
    return str(getattr(item, stem)) + (f" ({base})" if base else "")
