"""Launch links for a workshop: per lesson, an nbgitpuller link for the class's JupyterHub
and a Binder link, both opening JupyterLab at that lesson, and a Binder link that opens the
lesson as an app (Voilà: the page without code cells).

nbgitpuller clones the repository into a folder named after it in the learner's home, so
the hub link's `urlpath` starts with that folder; Binder serves the repository as the
server's root. Every query value is percent-encoded whole (`/` included), as nbgitpuller's
own link generator does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..content.model import Course
from ..views.app_mode import APP_PATH
from .page_list import course_page_list

LAB_PATH = "lab/tree/"  # a notebook in JupyterLab: the urlpath of Binder and hub links
OPENERS = (LAB_PATH, APP_PATH)  # what `links` accepts as a link's urlpath

GITHUB = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?/?$")


class LinkError(ValueError):
    """An address that cannot make a working link; the message says which and why."""


@dataclass(frozen=True)
class LaunchLinks:
    lesson: str  # "IOM-1: Migration and development activities"
    notebook: str  # notebooks/01-iom-activities.ipynb
    hub: str
    binder: str
    app: str  # Binder, the lesson as an app (Voilà)


def _web_address(url: str, what: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url.strip()):
        raise LinkError(f"{what} must be a web address such as https://hub.example.edu (got {url!r})")
    return url.strip().rstrip("/")


def repository_folder(repo: str) -> str:
    """The folder nbgitpuller clones `repo` into: the last part of its path, without `.git`."""
    name = urlsplit(repo).path.rstrip("/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".git") else name


def hub_link(hub: str, repo: str, branch: str, notebook: str) -> str:
    """nbgitpuller: pull `repo` at `branch` into the learner's home and open `notebook` in JupyterLab."""
    hub, repo = _web_address(hub, "--hub"), _web_address(repo, "--repo")
    urlpath = f"{LAB_PATH}{repository_folder(repo)}/{notebook}"
    return (f"{hub}/hub/user-redirect/git-pull?repo={quote(repo, safe='')}"
            f"&branch={quote(branch, safe='')}&urlpath={quote(urlpath, safe='')}")


def binder_link(repo: str, branch: str, notebook: str, app: bool = False) -> str:
    """mybinder.org: build `repo` at `branch` and open `notebook` in JupyterLab, or with
    `app` as a Voilà page (the exercises and the text, no code)."""
    repo = _web_address(repo, "--repo")
    urlpath = quote(f"{APP_PATH if app else LAB_PATH}{notebook}", safe="")
    github = GITHUB.match(repo)
    if github:
        return f"https://mybinder.org/v2/gh/{github['owner']}/{github['name']}/{quote(branch, safe='')}?urlpath={urlpath}"
    return f"https://mybinder.org/v2/git/{quote(repo, safe='')}/{quote(branch, safe='')}?urlpath={urlpath}"


def launch_links(course: Course, hub: str, repo: str, branch: str = "main") -> list[LaunchLinks]:
    """Every learner notebook, in the order of `page_list`."""
    if not branch.strip() or any(c.isspace() for c in branch):
        raise LinkError(f"--branch must be a branch name without spaces (got {branch!r})")
    return [LaunchLinks(page.label, page.path, hub_link(hub, repo, branch, page.path), binder_link(repo, branch, page.path),
                        binder_link(repo, branch, page.path, app=True))
            for page in course_page_list(course)]


def as_markdown(links: list[LaunchLinks]) -> str:
    """A table a teacher can paste into a course page or an LMS."""
    rows = ["| lesson | on the hub | on Binder | as an app on Binder |", "|---|---|---|---|"]
    rows += [f"| {link.lesson.replace('|', '/')} | [open]({link.hub}) | [open]({link.binder}) | [open]({link.app}) |" for link in links]
    return "\n".join(rows) + "\n"
