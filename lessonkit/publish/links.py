"""Relative links in README.md and the notebooks' Markdown cells must point at files."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import nbformat

from .launch_links import OPENERS

_MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
_HTML_LINK = re.compile(r'href="([^"]+)"')


def markdown_sources(root: Path) -> list[tuple[Path, str]]:
    """README.md, data/README.md and every Markdown cell of the built notebooks."""
    sources = [(root / name, (root / name).read_text(encoding="utf-8")) for name in ("README.md", "data/README.md") if (root / name).exists()]
    for folder in ("notebooks", "solutions"):
        for notebook in sorted((root / folder).glob("*.ipynb")):
            sources.append((notebook, notebook_markdown(notebook)))
    return sources


def notebook_markdown(path: Path) -> str:
    """The Markdown cells of a notebook, one after another.

    nbformat reads the file rather than our own JSON walking: it upgrades older notebook
    versions and joins a cell source stored as a list of lines (as Jupyter saves them)
    into one string, so a link split across two stored lines is still one link.
    """
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def links_in(text: str) -> list[str]:
    """Targets of Markdown links (not images) and HTML hrefs, in the order written."""
    return _MD_LINK.findall(text) + _HTML_LINK.findall(text)




def broken_links(root: Path) -> list[str]:
    """One line per relative link (or Binder urlpath) that does not resolve to a file."""
    broken = []
    for source, text in markdown_sources(root):
        for link in links_in(text):
            parsed = urlparse(link)
            if parsed.scheme in ("http", "https"):
                # A Binder link's urlpath (encoded or not) names a file of the repository.
                urlpath = parse_qs(parsed.query).get("urlpath", [""])[0]
                # JupyterLab (lab/tree/) or the app view (voila/render/)
                opened = next((urlpath.removeprefix(view) for view in OPENERS if urlpath.startswith(view)), "")
                if parsed.netloc == "mybinder.org" and opened and not (root / opened).exists():
                    broken.append(f"{source.relative_to(root)}: Binder link opens a missing file: {opened}")
                continue
            if parsed.scheme or link.startswith("#"):
                continue
            target = (source.parent / unquote(parsed.path)).resolve()
            if not target.exists():
                broken.append(f"{source.relative_to(root)}: broken link: {link}")
    return broken
