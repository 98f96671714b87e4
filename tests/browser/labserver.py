"""A throw-away JupyterLab on 127.0.0.1 over a copy of the course, and headless Chromium.

Used by the browser tests (conftest.py), `make screenshots` and `make bench`. Nothing
lands in $HOME or in the repository: the course is copied to a temporary folder and every
Jupyter directory, the learner's progress file and the user settings live there too.

    with LabServer() as lab:
        lab.url("notebooks/01-iom-activities.ipynb")   # /lab/tree/...?reset&token=...
        lab.delete_sessions()                          # "the next day": kernels gone
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
COURSE_FOLDERS = ("notebooks", "solutions", "data")
SAVE_HOOK = "lessonkit.jupyter_hooks.scrub_saved_notebook"

SETTINGS = {
    # A news toast would otherwise cover widgets.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    # Autosave would write outputs into the notebook under test.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # A notebook without a kernel choice would otherwise show a modal dialog.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def save_hook_available() -> bool:
    """The save hook is passed to the server only once its module exists.

    jupyter_server imports a `pre_save_hook` given as a string when it reads its
    configuration and refuses to start when the import fails.
    """
    module, _, name = SAVE_HOOK.rpartition(".")
    try:
        if importlib.util.find_spec(module) is None:
            return False
    except ModuleNotFoundError:
        return False
    try:
        return callable(getattr(importlib.import_module(module), name, None))
    except Exception:  # a module being written may not import yet
        return False


def notebook_paths() -> list[str]:
    """Every notebook of the course as a path under the server root: notebooks/ then solutions/."""
    return [f"{folder}/{path.name}" for folder in ("notebooks", "solutions")
            for path in sorted((ROOT / folder).glob("*.ipynb"))]


class LabServer:
    """JupyterLab over a temporary copy of notebooks/, solutions/ and data/."""

    what = "JupyterLab"  # as a failed start names it

    def __init__(self, home: Path | None = None, save_hook: bool | None = None, settings: dict | None = None) -> None:
        self._tmp = None if home is not None else tempfile.TemporaryDirectory(prefix="lessonkit-lab-")
        self.home = Path(home) if home is not None else Path(self._tmp.name)
        self.course = self.home / "course"
        self.progress = self.home / "progress.json"
        self.log_path = self.home / "server.log"
        self.save_hook = save_hook_available() if save_hook is None else save_hook
        self.settings = {**SETTINGS, **(settings or {})}
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self._log = None

    # --- start / stop ---------------------------------------------------------------------

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "XDG_CONFIG_HOME",
                    "XDG_CACHE_HOME", "MPLCONFIGDIR"):
            env[var] = str(self.home / var.lower())
        env["JUPYTER_PLATFORM_DIRS"] = "1"
        env["LESSONKIT_PROGRESS"] = str(self.progress)
        # The kernel's Python must be this one (the venv with lessonkit), whatever PATH says.
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        return env

    def command(self) -> list[str]:
        command = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.course}",
            f"--LabApp.workspaces_dir={self.home / 'workspaces'}", f"--LabApp.user_settings_dir={self.home / 'settings'}",
            # window.jupyterapp: lets a test ask the kernel's status instead of guessing from the page.
            "--LabApp.expose_app_in_browser=True",
        ]
        if self.save_hook:
            command.append(f"--ContentsManager.pre_save_hook={SAVE_HOOK}")
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        return command

    def start(self, timeout: float = 60) -> LabServer:
        for folder in COURSE_FOLDERS:
            shutil.copytree(ROOT / folder, self.course / folder)
        for name, value in self.settings.items():
            path = self.home / "settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value), encoding="utf-8")
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(self.command(), env=self.env(), stdout=self._log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.api("GET", "status", timeout=2)
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    log = self.log_text()
                    self.stop()
                    raise RuntimeError(f"{self.what} did not start:\n" + log[-3000:]) from None
                time.sleep(0.3)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    # --- REST API -------------------------------------------------------------------------

    def api(self, method: str, path: str, body: Any = None, timeout: float = 30) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.base}/api/{path}?token={self.token}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            raw = reply.read()
        return json.loads(raw) if raw else None

    def sessions(self) -> list[dict]:
        return self.api("GET", "sessions")

    def delete_sessions(self) -> int:
        """Shut down every kernel the server runs (DELETE /api/sessions/ID); how many there were."""
        sessions = self.sessions()
        for session in sessions:
            try:
                self.api("DELETE", f"sessions/{session['id']}")
            except OSError:
                pass  # already gone
        return len(sessions)

    # --- pages ----------------------------------------------------------------------------

    def url(self, path: str, reset: bool = True) -> str:
        """The JupyterLab address that opens `path` (relative to the server root) as the current tab."""
        query = "reset&" if reset else ""
        return f"{self.base}/lab/tree/{quote(path)}?{query}token={self.token}"

    def reset_progress(self) -> None:
        """A learner who has done nothing yet: the progress file and any copies beside it go."""
        for path in self.progress.parent.glob(f"{self.progress.stem}*.json"):
            path.unlink()

    def set_language(self, lang: str) -> None:
        """The learner's interface language, as the progress file remembers it."""
        from lessonkit.learner.progress import ProgressStore

        ProgressStore(self.progress).set_language(lang)


def launch_chromium(playwright: Any, home: Path) -> Any:
    """Headless Debian Chromium whose own files (crash reports, dconf) go to `home`, not $HOME."""
    home = Path(home)
    env = dict(os.environ)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, env=env,
                                      args=[*CHROMIUM_ARGS, "--disable-breakpad", "--disable-crash-reporter"])


class AppServer(LabServer):
    """The course as an app: the command `make app` runs (lessonkit/app_server.py), on
    127.0.0.1 over the same kind of temporary copy, with a token and no browser."""

    what = "The app server (Jupyter Server with Voilà)"

    def command(self) -> list[str]:
        from lessonkit.app_server import app_command, start_notebook

        start = start_notebook(self.course / "data")
        return [*app_command(self.course, start, "127.0.0.1", self.port, open_browser=False),
                "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}"]

    def url(self, path: str, reset: bool = True) -> str:
        """The app page of `path` (relative to the server root)."""
        from lessonkit.app_server import app_url_path

        return f"{self.base}{app_url_path(quote(path))}?token={self.token}"
