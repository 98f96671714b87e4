"""`lessonkit print` to A4 PDF, printed by headless Chromium: the tiny course's first lesson,
with page 1 of its worksheet kept as a PNG in tests/browser/artifacts/ to look at. The PDFs
are read with poppler's pdfinfo, pdftotext and pdftoppm (Debian: poppler-utils; .ci/run
installs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from helpers import ARTIFACTS

from lessonkit.cli import main

POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")


@pytest.fixture
def poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        if os.environ.get("LESSONKIT_REQUIRE_BROWSER"):
            pytest.fail(f"{', '.join(missing)} required here (LESSONKIT_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("poppler-utils is not installed (apt-get install poppler-utils); .ci/run installs it")


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_a_lesson_prints_as_a4_pdf(chromium_path, poppler, mini_root, mini, tmp_path):
    assert main(["--data", str(mini_root / "data"), "print", "-o", str(tmp_path), "--lesson", "RIV-1"]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert names == ["01-riv-danube-key.pdf", "01-riv-danube-materials.pdf", "01-riv-danube-worksheet.pdf"]
    for pdf in tmp_path.glob("*.pdf"):
        info = run("pdfinfo", str(pdf))
        assert pdf.read_bytes().startswith(b"%PDF") and int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) >= 1
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1, (pdf.name, info)  # A4 in points
    sheet = tmp_path / "01-riv-danube-worksheet.pdf"
    text = run("pdftotext", "-layout", str(sheet), "-")
    for exercise_id in mini.lessons["RIV-1"].page_order:
        assert exercise_id in text
    assert "crosses ten countries" not in text  # RIV1-11's model answer
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / "print-RIV-1-worksheet-page1"
    run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(sheet), str(stem))
    assert stem.with_suffix(".png").read_bytes().startswith(b"\x89PNG")
