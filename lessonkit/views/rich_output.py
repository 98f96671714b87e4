"""HTML for the pages' rich outputs: links to notebooks, language attributes, and showing it.

The progress page and the trainer write HTML with links. A link works only in a rich
display output, never in an HTML widget: JupyterLab's link handler only sees links in
rendered outputs, so a link in an HTML widget reloads the whole page instead of opening
a tab. These helpers write that HTML (escaping what they are given) and put it in an
`Output` as a display; `AUTO` is the button width both pages share.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .i18n import Language, say

if TYPE_CHECKING:
    import ipywidgets as w

AUTO = "auto"  # buttons as wide as their label: a fixed width clips Russian labels


def show_html(output: w.Output, html: str, plain: str) -> None:
    """Make `output` show `html` as a rich display (links open JupyterLab tabs), `plain` as fallback."""
    output.outputs = ({"output_type": "display_data", "data": {"text/html": html, "text/plain": plain}, "metadata": {}},)


def lang_attribute(lang: Language) -> str:
    return ' lang="ru"' if lang == "ru" else ""


def link(href: str, label: str, download: bool = False) -> str:
    """A relative link to a notebook beside this one, or (`download`) to a file to save
    (the href and label are escaped here)."""
    # nowrap: a lesson id such as "IOM-1" would otherwise break at its hyphen
    # A download link sits in an HTML widget, which gives links no colour of their own.
    saved = f' download="{escape(label, quote=True)}"' if download else ""
    look = "white-space:nowrap" + (";color:var(--jp-content-link-color,#1a5fb4);text-decoration:underline" if download else "")
    return f'<a href="{escape(href, quote=True)}"{saved} style="{look}">{escape(label)}</a>'


def say_linked(key: str, lang: Language, name: str, label: str, href: str, download: bool = False) -> str:
    """The interface string `key` as HTML, its `{name}` placeholder a link to `href`."""
    marker = "\x00"
    before, _, after = say(key, lang, **{name: marker}).partition(marker)
    return f"{escape(before)}{link(href, label, download)}{escape(after)}"
