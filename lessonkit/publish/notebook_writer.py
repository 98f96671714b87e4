"""Cells to notebook JSON: stable cell ids, fixed metadata, deterministic bytes."""

from __future__ import annotations

from typing import Any

import nbformat
from nbformat import v4

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# metadata.lessonkit.role of each built notebook: what it is, for tools that open it (a save hook).
ROLES = ("lesson", "solution", "page")


class NotebookWriter:
    """Collects cells with stable ids and writes a notebook as deterministic JSON.

    With `join_markdown`, Markdown that follows Markdown goes into the same cell unless it
    opens with a heading: a section's heading, instructions and passage are one cell, and
    every cell still begins at its heading. A learner's lesson has fewer cells, and JupyterLab
    spends a few milliseconds on each when it opens a notebook.
    """

    def __init__(self, prefix: str, join_markdown: bool = False) -> None:
        self.prefix = prefix
        self.join_markdown = join_markdown
        self.cells: list[Any] = []
        self.execution_count = 0

    def _id(self) -> str:
        return f"{self.prefix}-{len(self.cells):03d}"

    def markdown(self, source: str) -> None:
        """Add a Markdown cell (or, joining, add to the Markdown cell before)."""
        if self.join_markdown and self.cells and self.cells[-1].cell_type == "markdown" and not source.lstrip().startswith("#"):
            self.cells[-1].source += "\n\n" + source.strip()
            return
        self.cells.append(v4.new_markdown_cell(source.strip(), id=self._id()))

    def code(self, source: str, hidden: bool = False, output: str | None = None, executed: bool = False) -> None:
        """Add a code cell: `hidden` folds it as setup; `executed` numbers it and stores `output`."""
        cell = v4.new_code_cell(source.strip(), id=self._id())
        if hidden:
            cell.metadata["jupyter"] = {"source_hidden": True}
            cell.metadata["tags"] = ["setup"]
        if executed:
            self.execution_count += 1
            cell.execution_count = self.execution_count
            if output is not None:
                cell.outputs = [v4.new_output("stream", name="stdout", text=output)]
        self.cells.append(cell)

    def render(self, title: str, role: str) -> str:
        """The notebook as validated nbformat JSON; `role` is one of ROLES."""
        if role not in ROLES:
            raise ValueError(f"unknown notebook role {role!r}; use one of {ROLES}")
        notebook = v4.new_notebook(cells=self.cells)
        notebook.metadata = {
            "kernelspec": KERNELSPEC,
            "language_info": {"name": "python"},
            "lessonkit": {"role": role},
            "title": title,
        }
        nbformat.validate(notebook)
        return nbformat.writes(notebook) + "\n"
