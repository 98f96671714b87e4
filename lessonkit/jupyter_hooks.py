"""A Jupyter server save hook: using the course leaves the course's notebooks unchanged.

JupyterLab saves widget outputs into the notebook. With a new kernel (the next day, a
Binder restart) they point at widgets that no longer exist and show "Error displaying
widget: model not found", and they make the learner's checkout differ from the built
notebooks. A learner's work lives in the progress file, so the hook saves a course
notebook without its outputs: what the learner typed into cells is kept; what running
them drew is not, and comes back with Run All.

Enable it with `--ContentsManager.pre_save_hook=lessonkit.jupyter_hooks.scrub_saved_notebook`
(`make lab` and `postBuild` do). It touches only notebooks the course built (metadata
`lessonkit.role`), and importing this module loads nothing else of the engine.
"""

from __future__ import annotations

from typing import Any

# What the build writes; the kernel adds its version details, which would differ per machine.
BUILT_LANGUAGE_INFO = {"name": "python"}
# Solutions keep the printed lines the build wrote (nbval compares them); widgets and
# errors are never part of a built notebook.
KEPT_IN_SOLUTIONS = ("stream",)


def scrub_saved_notebook(model: dict[str, Any], **_kwargs: Any) -> None:
    """Strip what running drew from a course notebook about to be saved (in place)."""
    if not isinstance(model, dict) or model.get("type") != "notebook":
        return
    notebook = model.get("content")
    if not isinstance(notebook, dict):
        return
    metadata = notebook.get("metadata") or {}
    role = (metadata.get("lessonkit") or {}).get("role") if isinstance(metadata.get("lessonkit"), dict) else None
    if role is None:
        return  # not built by the course: the learner's own notebook is saved as it is
    metadata["language_info"] = dict(BUILT_LANGUAGE_INFO)
    metadata.pop("widgets", None)
    count = 0
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        if role == "solution":
            count += 1
            cell["outputs"] = [o for o in cell.get("outputs", []) if o.get("output_type") in KEPT_IN_SOLUTIONS]
            cell["execution_count"] = count
        else:
            cell["outputs"] = []
            cell["execution_count"] = None
        cell_metadata = cell.get("metadata")
        if isinstance(cell_metadata, dict):
            # JupyterLab records these as the learner scrolls and runs; the build never writes them.
            for key in ("execution", "scrolled", "collapsed", "trusted"):
                cell_metadata.pop(key, None)
