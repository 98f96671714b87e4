"""`python -m lessonkit links --hub URL --repo URL`: per lesson, links that open it on the
class's JupyterHub (nbgitpuller) and on Binder, correctly encoded."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from lessonkit.cli import main
from lessonkit.publish.launch_links import LinkError, binder_link, hub_link, launch_links

HUB = "https://hub.example.edu"
REPO = "https://github.com/migration-reading-course/migration-reading-course"


def test_a_hub_link_pulls_the_repository_and_opens_the_lesson_in_its_folder():
    link = hub_link(HUB + "/", REPO + ".git", "student release", "notebooks/01-iom-activities.ipynb")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    query = parse_qs(parts.query)
    assert query == {"repo": [REPO + ".git"], "branch": ["student release"],
                     "urlpath": ["lab/tree/migration-reading-course/notebooks/01-iom-activities.ipynb"]}
    assert "/" not in parts.query.split("urlpath=")[1]  # encoded whole, as nbgitpuller expects


def test_a_binder_link_opens_the_lesson_from_the_repository_root():
    parts = urlsplit(binder_link(REPO, "main", "notebooks/02-iom-gaps.ipynb"))
    assert parts.netloc == "mybinder.org" and parts.path == "/v2/gh/migration-reading-course/migration-reading-course/main"
    assert parse_qs(parts.query) == {"urlpath": ["lab/tree/notebooks/02-iom-gaps.ipynb"]}
    app = urlsplit(binder_link(REPO, "main", "notebooks/02-iom-gaps.ipynb", app=True))
    assert parse_qs(app.query) == {"urlpath": ["voila/render/notebooks/02-iom-gaps.ipynb"]}  # Voilà, no code
    other = urlsplit(binder_link("https://gitlab.example.org/team/course.git", "main", "notebooks/x.ipynb"))
    assert other.path == "/v2/git/https%3A%2F%2Fgitlab.example.org%2Fteam%2Fcourse.git/main"


def test_every_lesson_of_the_course_map_gets_both_links_in_course_order(course):
    links = launch_links(course, HUB, REPO, "main")
    expected = [course.map.start_page] + [ref.notebook for ref in course.map.lessons]
    expected += [name for name in (course.map.progress_page, course.map.trainer) if name]
    assert [link.notebook for link in links] == [f"notebooks/{name}.ipynb" for name in expected]
    for link, ref in zip(links[1:], course.map.lessons):
        assert link.lesson.startswith(ref.id)
        assert parse_qs(urlsplit(link.hub).query)["urlpath"] == [f"lab/tree/migration-reading-course/{link.notebook}"]
        assert parse_qs(urlsplit(link.app).query)["urlpath"] == [f"voila/render/{link.notebook}"]


@pytest.mark.parametrize("hub, repo, branch", [
    ("hub.example.edu", REPO, "main"),  # no scheme
    (HUB, "migration-reading-course/migration-reading-course", "main"),  # not an address
    (HUB, REPO, "my branch"),
    ("javascript:alert(1)", REPO, "main"),
])
def test_an_address_that_cannot_work_is_refused_with_a_reason(course, hub, repo, branch):
    with pytest.raises(LinkError):
        launch_links(course, hub, repo, branch)


def test_the_command_prints_a_table_and_refuses_half_an_address(capsys):
    assert main(["links", "--hub", HUB, "--repo", REPO, "--branch", "student"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "open" in line]
    assert rows and all(len(re.findall(r"\]\((https://[^)\s]+)\)", row)) == 3 for row in rows)
    assert main(["links", "--hub", HUB]) == 2
    assert "need both --hub and --repo" in capsys.readouterr().err
    assert main(["links", "--hub", "hub.example.edu", "--repo", REPO]) == 2
    assert "--hub must be a web address" in capsys.readouterr().err


def test_the_app_command_needs_the_built_notebooks(mini_copy, capsys):
    import shutil

    shutil.rmtree(mini_copy / "notebooks")
    assert main(["--data", str(mini_copy / "data"), "app", "--no-browser"]) == 1
    assert "no notebooks/ folder" in capsys.readouterr().err


def test_the_app_opens_on_the_start_page_that_course_yml_names(mini_copy, capsys):
    from lessonkit.app_server import app_command, start_notebook
    from lessonkit.content.load import load_course

    data = mini_copy / "data"
    start = start_notebook(data)
    assert start == f"notebooks/{load_course(data).map.start_page}.ipynb"
    course_yml = data / "course.yml"
    course_yml.write_text(course_yml.read_text(encoding="utf-8").replace(
        f"start_page: {start[10:-6]}", "start_page: 00-welcome"), encoding="utf-8")
    assert start_notebook(data) == "notebooks/00-welcome.ipynb"
    command = app_command(mini_copy, start_notebook(data), port=9999, open_browser=False)
    assert "--ServerApp.default_url=/voila/render/notebooks/00-welcome.ipynb" in command
    course_yml.write_text("lessons: [", encoding="utf-8")
    assert main(["--data", str(data), "app", "--no-browser"]) == 1
    assert "course.yml cannot be read" in capsys.readouterr().err


def test_make_app_runs_the_app_command():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\napp: $(RUNTIME)\n", 1)[1].split("\n\n", 1)[0]
    assert "$(PY) -m lessonkit app --host $(HOST) --port $(APP_PORT)" in recipe


def test_the_readme_the_release_readme_and_the_links_name_the_same_notebooks_in_one_order(course):
    """One list of pages (`page_list`): the three tables cannot drift apart."""
    from lessonkit.publish.page_list import course_page_list
    from lessonkit.publish.readme import course_map_markdown
    from lessonkit.publish.release_readme import lessons_table

    expected = [page.path for page in course_page_list(course)]
    pages = [p for p in (course.map.progress_page, course.map.trainer) if p]
    assert expected == [f"notebooks/{name}.ipynb" for name in [course.map.start_page, *(r.notebook for r in course.map.lessons), *pages]]
    row_target = re.compile(r"^\| \[[^\]]+\]\(([^)]+)\)", re.M)
    assert row_target.findall(course_map_markdown(course)) == expected
    assert row_target.findall(lessons_table(course, "main")) == expected
    assert [link.notebook for link in launch_links(course, HUB, REPO, "main")] == expected
