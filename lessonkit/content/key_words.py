"""A lesson's key words as a pandas table: the one source of the lesson's key-word list.

Pure data: it imports pandas and the model only, so the build and the lesson session can
both use it (the build must not load the widgets).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .model import Course, Lesson


def key_words_frame(course: Course, lesson: Lesson) -> pd.DataFrame:
    """A lesson's glossary words as a pandas DataFrame: term, contextual Russian, handout, paragraph.

    The build prints it into the lesson as a static table (readable before anything runs);
    `lesson.key_words()` returns it live for instructors who want to sort or filter.
    """
    import pandas as pd  # imported here: pandas is only needed for this table

    entries = course.glossary_entries(lesson.shown_paragraph_ids)
    return pd.DataFrame(
        [{"term": e.term, "in this text (Russian)": e.contextual, "handout gave": e.handout or "", "paragraph": e.paragraph}
         for e in entries],
        columns=["term", "in this text (Russian)", "handout gave", "paragraph"],
    )
