"""`lessonkit print` to A4 PDF, printed by headless Chromium: the tiny course's first lesson,
with page 1 of its worksheet kept as a PNG in tests/browser/artifacts/ to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from lessonkit.cli import main

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # git-ignored test output


def pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def test_a_lesson_prints_as_a4_pdf(chromium_path, mini_root, mini, tmp_path):
    assert main(["--data", str(mini_root / "data"), "print", "-o", str(tmp_path), "--lesson", "RIV-1"]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert names == ["01-riv-danube-key.pdf", "01-riv-danube-materials.pdf", "01-riv-danube-worksheet.pdf"]
    sheet = tmp_path / "01-riv-danube-worksheet.pdf"
    for pdf in tmp_path.glob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF") and pdf_pages(pdf) >= 1
    if shutil.which("pdfinfo"):
        size = subprocess.run(["pdfinfo", str(sheet)], capture_output=True, text=True, check=True).stdout
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", size).groups())
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1, size  # A4 in points
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True, check=True).stdout
        for exercise_id in mini.lessons["RIV-1"].page_order:
            assert exercise_id in text
        assert "crosses ten countries" not in text  # RIV1-11's model answer
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = ARTIFACTS / "print-RIV-1-worksheet-page1"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(sheet), str(stem)], check=True)
        assert stem.with_suffix(".png").read_bytes().startswith(b"\x89PNG")
