"""The two languages of the course: its texts are English, its learners read Russian too."""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "ru"]
LANGUAGES: tuple[Language, ...] = ("en", "ru")
