"""The course as an app: Jupyter Server with Voilà's extension, the start page first.

Voilà runs a notebook when its page opens and shows the Markdown and the outputs, never
the code. `make app`, the browser test and anyone serving the course that way use this one
command. It is Jupyter Server with Voilà's extension, not the `voila` command: `voila
FOLDER` opens on a file list, and `voila NOTEBOOK` serves that page alone, so the links
between lessons would lead nowhere. Here every notebook is `/voila/render/<path>` and a
lesson's relative link to the next one is simply the next page.

Importing this module loads nothing else of the engine but `views.app_mode` (the standard
library only).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .views.app_mode import RENDER


def app_url_path(notebook: str) -> str:
    """The server path that shows `notebook` (relative to the course root) as an app page."""
    return f"{RENDER}{notebook}"


def start_notebook(data_dir: Path) -> str | None:
    """The start page named in `data_dir`/course.yml, relative to the course root; None when
    course.yml cannot be read (`lessonkit check` says why)."""
    from .content.load import read_file
    from .content.model import CourseMap

    course_map, _problems, _name = read_file(CourseMap, data_dir, "course.yml")
    return f"notebooks/{course_map.start_page}.ipynb" if course_map is not None else None


def app_command(root: Path, start: str, host: str = "127.0.0.1", port: int = 8866, open_browser: bool = True) -> list[str]:
    """The command that serves the course folder `root` as an app on host:port, opening on
    the notebook `start` (see `start_notebook`)."""
    command = [
        sys.executable, "-m", "jupyter", "server", f"--ip={host}", f"--port={port}",
        f"--ServerApp.root_dir={root}", f"--ServerApp.default_url={app_url_path(start)}",
        f"--ServerApp.open_browser={open_browser}",
        # A learner's page shows a short error line, not a Python traceback, if a cell fails.
        "--VoilaConfiguration.show_tracebacks=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers (Binder's build, CI) run as root
    return command
