"""The interface language of one notebook: a single observable value every view follows.

A notebook has one `InterfaceLanguage`. The switch at the top writes it; every view
(exercises, score line, trainer, progress page) observes it and redraws its own words, so
nothing fans the change out by hand and a new view only has to observe it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import traitlets

from .i18n import LANGUAGES, Language, say

# A view's interface words: the attribute that shows each ("legend", or a child widget's
# "export_button.description") and its key in the interface strings.
Labels = dict[str, str]


def write_labels(owner: Any, labels: Labels, lang: Language) -> None:
    """Write every labelled attribute of `owner` (or of one of its widgets) in `lang`: the one
    way every view puts its words in the notebook's language."""
    for path, key in labels.items():
        *widgets, attribute = path.split(".")
        target = owner
        for name in widgets:
            target = getattr(target, name)
        if not target.has_trait(attribute):  # a misspelt label would otherwise set a plain attribute nobody draws
            raise AttributeError(f"{type(target).__name__} has no trait {attribute!r} to write {key!r} into")
        setattr(target, attribute, say(key, lang))


class InterfaceLanguage(traitlets.HasTraits):
    """`code` is "en" or "ru"; observe it with `follow(callback)`."""

    code = traitlets.Enum(LANGUAGES, default_value="en")

    def __init__(self, code: Language = "en") -> None:
        super().__init__(code=code)

    def follow(self, callback: Callable[[Language], Any]) -> Callable[[], None]:
        """Run `callback(new_code)` whenever the language changes; returns how to stop."""

        def handler(change: Any) -> None:
            callback(change["new"])

        self.observe(handler, names="code")
        return lambda: self.unobserve(handler, names="code")


class FollowsLanguage:
    """For a widget that follows the language: it stops when it is closed.

    A cell run again replaces its widget; without this the closed one would go on
    redrawing itself at every switch, for a view nobody sees.
    """

    def follow_language(self, language: InterfaceLanguage, callback: Callable[[Language], Any]) -> None:
        if not hasattr(self, "_stop_following"):
            self._stop_following: list[Callable[[], None]] = []
        self._stop_following.append(language.follow(callback))

    def close(self) -> None:
        for stop in getattr(self, "_stop_following", []):
            stop()
        self._stop_following = []
        super().close()  # type: ignore[misc]
