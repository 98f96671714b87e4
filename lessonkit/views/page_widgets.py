"""The small views around the exercises: the language bar, live status lines, the timeline.

Each is one anywidget model drawn by `static/widgets.js`. Their words follow the notebook's
`InterfaceLanguage`; the language bar *writes* it (a two-way link), so one switch moves
every view of the notebook.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import traitlets

from .course_widget import CourseWidget
from .feedback import Line
from .i18n import Language, say
from .language import FollowsLanguage, InterfaceLanguage


class PageWidget(FollowsLanguage, CourseWidget):

    view = traitlets.Unicode("line").tag(sync=True)
    css_class = traitlets.Unicode("").tag(sync=True)
    lang = traitlets.Unicode("en").tag(sync=True)
    lines: traitlets.List[Any] = traitlets.List().tag(sync=True)
    legend = traitlets.Unicode("").tag(sync=True)
    choices: traitlets.List[Any] = traitlets.List().tag(sync=True)
    image = traitlets.Unicode("").tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)

    def __repr__(self) -> str:  # stable text/plain in saved outputs
        return f"{type(self).__name__}()"


class StatusLine(PageWidget):
    """Lines that are rewritten whenever the language changes or `refresh()` is called."""

    def __init__(self, language: InterfaceLanguage, lines_in: Callable[[Language], list[Line]], css_class: str = "",
                 **traits: Any) -> None:
        # The first state goes out with the opening message, not one message per trait.
        traits.setdefault("view", "line")
        super().__init__(css_class=css_class, lang=language.code, lines=lines_in(language.code), **traits)
        self.language = language
        self.lines_in = lines_in
        self.follow_language(language, lambda _code: self.refresh())

    def refresh(self) -> None:
        with self.hold_sync():
            self.lang = self.language.code
            self.lines = self.lines_in(self.language.code)

    def text(self) -> str:
        from .feedback import plain

        return plain(self.lines)


class LanguageBar(StatusLine):
    """The English / Русский switch, with lines under it (saved-progress notices, words due)."""

    def __init__(self, language: InterfaceLanguage, lines_in: Callable[[Language], list[Line]] | None = None) -> None:
        super().__init__(language, lines_in or (lambda _lang: []), view="bar",
                         choices=[["en", "English"], ["ru", "Русский"]], legend=say("language", language.code))
        # The bar's `lang` is the notebook's language: the browser writes it, every view follows.
        traitlets.link((self, "lang"), (language, "code"))
        self.follow_language(language, lambda code: setattr(self, "legend", say("language", code)))

    def choose(self, code: Language) -> None:
        """What a click on "English" or "Русский" does."""
        self.lang = code


class TimelineView(PageWidget):
    """A button that draws a chart on demand (drawing costs most of a second)."""

    def __init__(self, language: InterfaceLanguage, draw: Callable[[], tuple[str, str]]) -> None:
        super().__init__(view="timeline", css_class="lk-timeline", lang=language.code,
                         legend=say("show_timeline", language.code))
        self.language = language
        self.draw_chart = draw
        self.follow_language(language, self._write_legend)
        self.on_msg(self._on_message)

    def _write_legend(self, code: Language) -> None:
        with self.hold_sync():
            self.lang = code
            self.legend = say("show_timeline", code)
            if self.image:  # a chart already drawn is drawn again: its title and notes are words too
                self.draw()

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("action") == "draw":
            self.draw()

    def draw(self) -> None:
        """What the button does: draw the chart as an image with its text alternative."""
        self.image, self.alt = self.draw_chart()
