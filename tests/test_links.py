"""Every relative link in README.md and the notebooks points at a file that exists."""

from __future__ import annotations

from pathlib import Path

from lessonkit.publish.links import broken_links, links_in, markdown_sources

ROOT = Path(__file__).resolve().parent.parent


def test_no_broken_links():
    assert broken_links(ROOT) == []


def test_links_are_actually_found():
    sources = dict(markdown_sources(ROOT))
    readme = links_in(sources[ROOT / "README.md"])
    assert "notebooks/00-start-here.ipynb" in readme
    assert any("mybinder.org" in link for link in readme)
    assert any("urlpath=voila%2Frender%2Fnotebooks" in link for link in readme)  # the app links
    start = links_in(sources[ROOT / "notebooks" / "00-start-here.ipynb"])
    assert "../data/source/handout.md" in start


def test_a_moved_file_is_reported(tmp_path):
    (tmp_path / "README.md").write_text(
        "[gone](notebooks/99-gone.ipynb) [ok](README.md) "
        "[binder](https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/notebooks/98-moved.ipynb) "
        "[encoded](https://mybinder.org/v2/gh/o/r/main?urlpath=lab%2Ftree%2Fnotebooks%2F97-moved.ipynb) "
        "[present](https://mybinder.org/v2/gh/o/r/main?urlpath=lab%2Ftree%2FREADME.md) "
        "[app](https://mybinder.org/v2/gh/o/r/main?urlpath=voila%2Frender%2Fnotebooks%2F96-moved.ipynb) "
        "[app present](https://mybinder.org/v2/gh/o/r/main?urlpath=voila%2Frender%2FREADME.md)",
        encoding="utf-8",
    )
    report = broken_links(tmp_path)
    assert len(report) == 4
    assert "notebooks/99-gone.ipynb" in report[0] and "notebooks/98-moved.ipynb" in report[1]
    assert report[2].endswith("Binder link opens a missing file: notebooks/97-moved.ipynb")
    assert report[3].endswith("Binder link opens a missing file: notebooks/96-moved.ipynb")  # an app link



def test_a_notebook_with_cell_sources_stored_as_lists_of_lines_is_read(tmp_path):
    """Jupyter saves a cell's source as a list of lines (valid nbformat); a link may span two."""
    import json

    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("placeholder"),
        nbformat.v4.new_code_cell("print('[not a link](nowhere.md)')"),
        nbformat.v4.new_markdown_cell("placeholder"),
    ]
    stored = json.loads(nbformat.writes(notebook))
    stored["cells"][0]["source"] = ["Read [the ", "handout](../data/handout.md) first."]
    stored["cells"][2]["source"] = ["Then [the next\n", "lesson](02-next.ipynb)."]
    nbformat.validate(stored)  # raises unless this is a valid notebook
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01-first.ipynb").write_text(json.dumps(stored), encoding="utf-8")
    (tmp_path / "notebooks" / "02-next.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8")

    text = dict(markdown_sources(tmp_path))[tmp_path / "notebooks" / "01-first.ipynb"]
    assert text == "Read [the handout](../data/handout.md) first.\nThen [the next\nlesson](02-next.ipynb)."
    assert links_in(text) == ["../data/handout.md", "02-next.ipynb"]  # code cells are not read
    assert broken_links(tmp_path) == ["notebooks/01-first.ipynb: broken link: ../data/handout.md"]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "handout.md").write_text("# Handout\n", encoding="utf-8")
    assert broken_links(tmp_path) == []


def test_an_older_notebook_format_is_read_too(tmp_path):
    """A version 3 notebook keeps its cells in worksheets; nbformat upgrades it on reading."""
    from nbformat import v3

    old = v3.new_notebook(worksheets=[v3.new_worksheet(cells=[v3.new_text_cell("markdown", source="[gone](99-gone.ipynb)")])])
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "01-old.ipynb").write_text(v3.writes_json(old), encoding="utf-8")
    assert broken_links(tmp_path) == ["solutions/01-old.ipynb: broken link: 99-gone.ipynb"]
