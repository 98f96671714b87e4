"""What the progress page and the trainer notebooks call: `open_progress()`, `open_trainer()`.

Each is a view of the whole course plus the language bar, in a `PageSession`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .i18n import Language
from .language import InterfaceLanguage
from .page_widgets import LanguageBar
from .session import notice_lines

if TYPE_CHECKING:
    from ..learner.progress import ProgressStore


class PageSession:
    """The progress page or the trainer in a notebook: a view plus the language bar.

    The view follows `self.language`; the bar writes it; each change is saved.
    """

    def __init__(self, view: Any, store: ProgressStore, language: InterfaceLanguage) -> None:
        self.view = view
        self.store = store
        self.language = language
        language.follow(self._remember_language)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.view, name)

    def _remember_language(self, lang: Language) -> None:
        if self.store.read().language != lang:
            self.store.set_language(lang)

    def toolbar(self) -> LanguageBar:
        """The language switch and the store's notice, redrawn after every save of the view."""
        bar = LanguageBar(self.language, lambda lang: notice_lines(self.store, lang))
        self.view.after_save.append(bar.refresh)
        return bar

    def set_language(self, lang: Language) -> None:
        self.language.code = lang


def _course_and_store(data_dir: Path | str | None) -> tuple[Any, Any]:
    from ..content.load import load_course
    from ..learner.progress import ProgressStore

    return load_course(Path(data_dir) if data_dir else None, examples=False), ProgressStore()


def open_progress(data_dir: Path | str | None = None) -> Any:
    """The progress page: table, chart, most missed, export / import / reset."""
    from .progress_page import ProgressPage

    course, store = _course_and_store(data_dir)
    language = InterfaceLanguage(store.read().language)
    return PageSession(ProgressPage(course, store, language), store, language)


def open_trainer(data_dir: Path | str | None = None) -> Any:
    """The vocabulary trainer over the whole glossary."""
    from .trainer import VocabularyTrainer

    course, store = _course_and_store(data_dir)
    language = InterfaceLanguage(store.read().language)
    return PageSession(VocabularyTrainer(course, store, language), store, language)
