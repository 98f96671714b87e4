"""The interface language of one notebook: a single observable value every view follows.

A notebook has one `InterfaceLanguage`. The switch at the top writes it; every view
(exercises, score line, trainer, progress page) observes it and redraws its own words, so
nothing fans the change out by hand and a new view only has to observe it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import traitlets

from .i18n import LANGUAGES, Language


class InterfaceLanguage(traitlets.HasTraits):
    """`code` is "en" or "ru"; observe it with `follow(callback)`."""

    code = traitlets.Enum(LANGUAGES, default_value="en")

    def __init__(self, code: Language = "en") -> None:
        super().__init__(code=code)

    def follow(self, callback: Callable[[Language], Any]) -> None:
        """Run `callback(new_code)` whenever the language changes."""
        self.observe(lambda change: callback(change["new"]), names="code")
