"""The course as an app: Jupyter Server with Voilà's extension, the start page first.

Voilà runs a notebook when its page opens and shows the Markdown and the outputs, never
the code. `make app`, the browser test and anyone serving the course that way use this one
command. It is Jupyter Server with Voilà's extension, not the `voila` command: `voila
FOLDER` opens on a file list, and `voila NOTEBOOK` serves that page alone, so the links
between lessons would lead nowhere. Here every notebook is `/voila/render/<path>` and a
lesson's relative link to the next one is simply the next page.

Importing this module loads nothing else of the engine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

START_PAGE = "notebooks/00-start-here.ipynb"


def app_url_path(notebook: str) -> str:
    """The server path that shows `notebook` (relative to the course root) as an app page."""
    return f"/voila/render/{notebook}"


def app_command(root: Path, host: str = "127.0.0.1", port: int = 8866, open_browser: bool = True) -> list[str]:
    """The command that serves the course folder `root` as an app on host:port."""
    command = [
        sys.executable, "-m", "jupyter", "server", f"--ip={host}", f"--port={port}",
        f"--ServerApp.root_dir={root}", f"--ServerApp.default_url={app_url_path(START_PAGE)}",
        f"--ServerApp.open_browser={open_browser}",
        # A learner's page shows a short error line, not a Python traceback, if a cell fails.
        "--VoilaConfiguration.show_tracebacks=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers (Binder's build, CI) run as root
    return command
