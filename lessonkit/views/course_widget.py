"""The base of every course widget: one copy of the front-end code per page.

An anywidget carries its ES module and its style sheet in its own state. A lesson shows
25 or so widgets, and each would send, compile and apply the same 30 KB of `widgets.js` and
`lessonkit.css`. Here every widget's module is the small `static/loader.js`; the first
widget drawn asks the kernel for the code and the style (a custom message), and all the
page's widgets draw with that one copy. The loader's version is a hash of the code, so a
page that outlives a kernel running another version of the engine loads the new code.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets

STATIC = Path(__file__).parent / "static"


@cache
def front_end() -> tuple[str, str, str]:
    """(code, style, version) of the course's front end, read once per kernel."""
    code = (STATIC / "widgets.js").read_text(encoding="utf-8")
    style = (STATIC / "lessonkit.css").read_text(encoding="utf-8")
    version = hashlib.sha256((code + "\0" + style).encode()).hexdigest()[:16]
    return code, style, version


def loader() -> str:
    return (STATIC / "loader.js").read_text(encoding="utf-8").replace("__LESSONKIT_VERSION__", front_end()[2])


_LAYOUT: list[ipywidgets.Layout] = []


def shared_layout() -> ipywidgets.Layout:
    """The one Layout model of the kernel's course widgets. Every ipywidget gets a Layout model
    of its own, and none of ours sets one (the style sheet lays them out): one for all is half
    the models of a lesson, and their messages, gone. A closed one is replaced."""
    if not _LAYOUT or _LAYOUT[0].comm is None:
        _LAYOUT[:] = [ipywidgets.Layout()]
    return _LAYOUT[0]


class CourseWidget(anywidget.AnyWidget):
    """An anywidget whose code and style come from the kernel once per page (see above)."""

    _esm = loader()

    def __init__(self, **traits: Any) -> None:
        traits.setdefault("layout", shared_layout())
        super().__init__(**traits)
        self.on_msg(self._send_front_end)

    def _send_front_end(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("action") == "lessonkit_module":
            code, style, _version = front_end()
            self.send({"lessonkit_module": code, "lessonkit_style": style})
