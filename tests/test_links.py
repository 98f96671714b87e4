"""Every relative link in README.md and the notebooks points at a file that exists."""

from __future__ import annotations

from pathlib import Path

from lessonkit.links import broken_links, links_in, markdown_sources

ROOT = Path(__file__).resolve().parent.parent


def test_no_broken_links():
    assert broken_links(ROOT) == []


def test_links_are_actually_found():
    sources = dict(markdown_sources(ROOT))
    readme = links_in(sources[ROOT / "README.md"])
    assert "notebooks/00-start-here.ipynb" in readme
    assert any("mybinder.org" in link for link in readme)
    start = links_in(sources[ROOT / "notebooks" / "00-start-here.ipynb"])
    assert "../data/source/handout.md" in start


def test_a_moved_file_is_reported(tmp_path):
    (tmp_path / "README.md").write_text(
        "[gone](notebooks/99-gone.ipynb) [ok](README.md) "
        "[binder](https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/notebooks/98-moved.ipynb)",
        encoding="utf-8",
    )
    report = broken_links(tmp_path)
    assert len(report) == 2
    assert "notebooks/99-gone.ipynb" in report[0] and "98-moved" in report[1]
