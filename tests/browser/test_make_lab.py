"""`make lab` serves the course on 127.0.0.1 and opens the start page."""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

from labserver import ROOT, free_port


def test_make_lab_serves_the_start_page_on_loopback(tmp_path: Path):
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        env[var] = str(tmp_path / var.lower())
    port = free_port()
    log = tmp_path / "lab.log"
    with open(log, "w") as out:
        server = subprocess.Popen(["make", "--no-print-directory", "lab", f"PORT={port}"], cwd=ROOT, env=env,
                                  stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        token = None
        while token is None:
            match = re.search(r"token=([0-9a-f]+)", log.read_text())
            token = match.group(1) if match else None
            if token is None:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
                time.sleep(0.3)
        text = log.read_text()
        assert f"http://127.0.0.1:{port}/lab/tree/notebooks/00-start-here.ipynb" in text
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/notebooks/00-start-here.ipynb?token={token}", timeout=10) as reply:
            assert reply.status == 200
        # The start page links to the original handout: the server's root must include data/.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/data/source/handout.md?token={token}", timeout=10) as reply:
            assert reply.status == 200
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
