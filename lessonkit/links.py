"""Relative links in README.md and the notebooks' Markdown cells must point at files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

_MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
_HTML_LINK = re.compile(r'href="([^"]+)"')
_BINDER = re.compile(r"urlpath=lab/tree/([^)&\s]+)")


def markdown_sources(root: Path) -> list[tuple[Path, str]]:
    """README.md, data/README.md and every Markdown cell of the built notebooks."""
    sources = [(root / name, (root / name).read_text(encoding="utf-8")) for name in ("README.md", "data/README.md") if (root / name).exists()]
    for folder in ("notebooks", "solutions"):
        for notebook in sorted((root / folder).glob("*.ipynb")):
            cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
            text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
            sources.append((notebook, text))
    return sources


def links_in(text: str) -> list[str]:
    return _MD_LINK.findall(text) + _HTML_LINK.findall(text)


def broken_links(root: Path) -> list[str]:
    """One line per relative link (or Binder urlpath) that does not resolve to a file."""
    broken = []
    for source, text in markdown_sources(root):
        for link in links_in(text):
            parsed = urlparse(link)
            if parsed.scheme in ("http", "https"):
                match = _BINDER.search(link)
                if match and not (root / unquote(match.group(1))).exists():
                    broken.append(f"{source.relative_to(root)}: Binder link opens a missing file: {match.group(1)}")
                continue
            if parsed.scheme or link.startswith("#"):
                continue
            target = (source.parent / unquote(parsed.path)).resolve()
            if not target.exists():
                broken.append(f"{source.relative_to(root)}: broken link: {link}")
    return broken
