"""Where the course's data/ folder is: the one thing a notebook needs before it reads anything.

Kept apart from `load` so that finding the folder imports neither YAML nor the schema.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "LESSONKIT_DATA"


def find_data_dir(start: Path | None = None) -> Path:
    """The course's data/ folder, wherever the notebook or command runs from.

    Order: $LESSONKIT_DATA; the nearest data/course.yml at or above `start` (default: the
    working directory). When there is none, the answer is `data/` where the search began:
    the course then says it found no course.yml there, instead of quietly opening another
    course (the one beside this package) in a notebook that was copied elsewhere.
    """
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "course.yml").is_file():
            return folder / "data"
    return here / "data"
