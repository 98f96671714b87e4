"""What differs when a page runs as an app (Voilà) rather than in JupyterLab.

Voilà tells the kernel the page's address in `VOILA_REQUEST_URL` and the server's base in
`VOILA_BASE_URL`; JupyterLab sets neither. The one difference a view needs: an app has no
file browser, so a file the kernel writes beside the notebook (a progress export) is
offered as a download link through the server's `/files/` handler instead.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from urllib.parse import quote, unquote, urlsplit

APP_PATH = "voila/render/"  # a notebook as an app page: the server path, and the urlpath of Binder app links
RENDER = f"/{APP_PATH}"


def download_url(file_name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """In an app, the address that downloads `file_name`, saved beside the notebook; None in JupyterLab."""
    env = os.environ if environ is None else environ
    request = env.get("VOILA_REQUEST_URL", "")
    path = urlsplit(request).path
    if RENDER not in path:
        return None
    notebook = unquote(path.split(RENDER, 1)[1])
    base = env.get("VOILA_BASE_URL") or "/"
    target = posixpath.join(posixpath.dirname(notebook), file_name)
    return f"{base.rstrip('/')}/files/{quote(target)}?download=1"
