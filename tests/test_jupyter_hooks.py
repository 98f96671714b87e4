"""The save hook: a notebook saved after use is the notebook the build wrote."""

from __future__ import annotations

import copy
import json
import os
import subprocess
from pathlib import Path

import nbformat
import pytest

from lessonkit.jupyter_hooks import scrub_saved_notebook

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = {"application/vnd.jupyter.widget-view+json": {"model_id": "4c1d", "version_major": 2, "version_minor": 0},
               "text/plain": "ExerciseWidget('X')"}


def used(path: Path) -> dict:
    """The notebook as JupyterLab saves it after Run All: outputs, counts, kernel details."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["metadata"]["language_info"] = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python"}
    notebook["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    for n, cell in enumerate(c for c in notebook["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = 40 + n
        cell["metadata"]["execution"] = {"iopub.status.busy": "2026-11-27T10:00:00Z"}
        cell["outputs"] = cell.get("outputs", []) + [
            {"output_type": "display_data", "data": WIDGET_VIEW, "metadata": {}},
            {"output_type": "error", "ename": "KeyError", "evalue": "x", "traceback": []},
        ]
    return notebook


def saved(notebook: dict) -> str:
    model = {"type": "notebook", "content": notebook}
    scrub_saved_notebook(model, path="x.ipynb", contents_manager=None)
    return nbformat.writes(nbformat.from_dict(model["content"])) + "\n"


@pytest.mark.parametrize("folder", ["notebooks", "solutions"])
def test_a_used_course_notebook_saves_as_built(folder):
    paths = sorted((ROOT / folder).glob("*.ipynb"))
    assert paths
    for path in paths:
        assert saved(used(path)) == path.read_text(encoding="utf-8"), path.name


def test_the_learners_own_cells_are_kept():
    notebook = used(ROOT / "notebooks" / "01-iom-activities.ipynb")
    notebook["cells"].append({"cell_type": "markdown", "id": "mine", "metadata": {}, "source": "My notes: rights-based"})
    assert "My notes: rights-based" in saved(notebook)


def test_other_notebooks_and_files_are_left_alone():
    mine = {"cells": [{"cell_type": "code", "execution_count": 3, "id": "a", "metadata": {}, "source": "1",
                       "outputs": [{"output_type": "execute_result", "data": {"text/plain": "1"}, "metadata": {}, "execution_count": 3}]}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    before = copy.deepcopy(mine)
    scrub_saved_notebook({"type": "notebook", "content": mine})
    assert mine == before
    for model in ({"type": "file", "content": "text"}, {"type": "notebook", "content": None}, "junk", {}):
        scrub_saved_notebook(model)  # never raises


def test_binder_post_build_configures_the_hook(tmp_path):
    """postBuild writes the server config that names the hook, and never overwrites one."""
    script = (ROOT / "postBuild").read_text(encoding="utf-8")
    config_part = script.split("pip install --no-deps -e .", 1)[1]
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(["bash", "-c", "set -e" + config_part], env=env, check=True)
    config = json.loads((tmp_path / ".jupyter" / "jupyter_server_config.json").read_text())
    module, _, name = config["ContentsManager"]["pre_save_hook"].rpartition(".")
    assert getattr(__import__(module, fromlist=[name]), name) is scrub_saved_notebook
    (tmp_path / ".jupyter" / "jupyter_server_config.json").write_text("{}")
    subprocess.run(["bash", "-c", "set -e" + config_part], env=env, check=True)
    assert (tmp_path / ".jupyter" / "jupyter_server_config.json").read_text() == "{}"


def test_make_lab_enables_the_hook():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lab = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "--ContentsManager.pre_save_hook=lessonkit.jupyter_hooks.scrub_saved_notebook" in lab
