"""The small views around the exercises: the language bar, live status lines, the timeline.

Each is one anywidget model drawn by `static/widgets.js`. Their words follow the notebook's
`InterfaceLanguage`; the language bar *writes* it (a two-way link), so one switch moves
every view of the notebook.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import traitlets

from .course_widget import CourseWidget
from .feedback import Line
from .i18n import Language, say
from .language import FollowsLanguage, InterfaceLanguage, Labels, write_labels


class PageWidget(FollowsLanguage, CourseWidget):
    """A small view whose words follow the notebook's language: its `LABELS` (see
    `language.write_labels`), then whatever `redraw_content` writes."""

    LABELS: ClassVar[Labels] = {}

    view = traitlets.Unicode("line").tag(sync=True)
    css_class = traitlets.Unicode("").tag(sync=True)
    lang = traitlets.Unicode("en").tag(sync=True)
    lines: traitlets.List[Any] = traitlets.List().tag(sync=True)
    legend = traitlets.Unicode("").tag(sync=True)
    choices: traitlets.List[Any] = traitlets.List().tag(sync=True)
    image = traitlets.Unicode("").tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)

    def __init__(self, language: InterfaceLanguage, **traits: Any) -> None:
        # The first state goes out with the opening message, not one message per trait.
        super().__init__(lang=language.code, **{path: say(key, language.code) for path, key in self.LABELS.items()}, **traits)
        self.language = language
        self.follow_language(language, lambda _code: self.refresh())

    def __repr__(self) -> str:  # stable text/plain in saved outputs
        return f"{type(self).__name__}()"

    def refresh(self) -> None:
        """Every word of the view again, in the notebook's language."""
        with self.hold_sync():
            self.lang = self.language.code
            write_labels(self, self.LABELS, self.language.code)
            self.redraw_content()

    def redraw_content(self) -> None:
        """What a view writes besides its labels (a status line: its lines)."""


class StatusLine(PageWidget):
    """Lines that are rewritten whenever the language changes or `refresh()` is called."""

    def __init__(self, language: InterfaceLanguage, lines_in: Callable[[Language], list[Line]], css_class: str = "",
                 **traits: Any) -> None:
        traits.setdefault("view", "line")
        self.lines_in = lines_in
        super().__init__(language, css_class=css_class, lines=lines_in(language.code), **traits)

    def redraw_content(self) -> None:
        self.lines = self.lines_in(self.language.code)

    def text(self) -> str:
        from .feedback import plain

        return plain(self.lines)


class LanguageBar(StatusLine):
    """The English / Русский switch, with lines under it (saved-progress notices, words due)."""

    LABELS = {"legend": "language"}

    def __init__(self, language: InterfaceLanguage, lines_in: Callable[[Language], list[Line]] | None = None) -> None:
        super().__init__(language, lines_in or (lambda _lang: []), view="bar", choices=[["en", "English"], ["ru", "Русский"]])
        # The bar's `lang` is the notebook's language: the browser writes it, every view follows.
        traitlets.link((self, "lang"), (language, "code"))

    def choose(self, code: Language) -> None:
        """What a click on "English" or "Русский" does."""
        self.lang = code


class TimelineView(PageWidget):
    """A button that draws a chart on demand (drawing costs most of a second)."""

    LABELS = {"legend": "show_timeline"}

    def __init__(self, language: InterfaceLanguage, draw: Callable[[], tuple[str, str]]) -> None:
        super().__init__(language, view="timeline", css_class="lk-timeline")
        self.draw_chart = draw
        self.on_msg(self._on_message)

    def redraw_content(self) -> None:
        if self.image:  # a chart already drawn is drawn again: its title and notes are words too
            self.draw()

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("action") == "draw":
            self.draw()

    def draw(self) -> None:
        """What the button does: draw the chart as an image with its text alternative."""
        self.image, self.alt = self.draw_chart()
