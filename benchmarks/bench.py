"""Performance budgets (DESIGN.md section 8), measured here rather than in timed tests.

Run with `make bench`. Prints one line per budget with the measured figure and PASS/OVER;
exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def seconds(command: list[str], repeat: int = 3, cwd: Path = ROOT) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def import_cost() -> float:
    base = seconds([PY, "-c", "import pandas, ipywidgets"], repeat=5)
    with_engine = seconds([PY, "-c", "import pandas, ipywidgets, lessonkit.notebook"], repeat=5)
    return with_engine - base


def build_time() -> float:
    code = (
        "import time; from lessonkit.load import load_course; from lessonkit.build import build_all;"
        "t=time.perf_counter(); build_all(load_course()); print(time.perf_counter()-t)"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return float(out)


def check_time() -> float:
    code = (
        "import timeit; from lessonkit.load import load_course; from lessonkit.answers import check;"
        "c=load_course(); ex=[e for _, e in c.all_exercises() if e.kind=='translation'][0];"
        "n=2000; print(timeit.timeit(lambda: check(ex, [i.model_answer for i in ex.items]), number=n)/n)"
    )
    return float(subprocess.run([PY, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout)


def notebook_count() -> int:
    return len(list((ROOT / "notebooks").glob("*.ipynb"))) + len(list((ROOT / "solutions").glob("*.ipynb")))


def floor_time(count: int) -> float:
    """nbval over `count` notebooks that only import the same libraries, in one process."""
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(count):
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas, ipywidgets")])
            nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
            nbformat.write(nb, Path(tmp) / f"{n:02d}.ipynb")
        return seconds([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax", "--nbval-current-env", tmp], repeat=1)


def suite_time() -> float:
    """`make test` without the browser test: the same steps, timed together."""
    steps = [
        [PY, "-m", "lessonkit", "check"],
        [PY, "-m", "lessonkit", "build", "--check"],
        [PY, "-m", "pytest", "-q", "tests", "--ignore=tests/browser"],
        [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", "tests/nbval-sanitize.cfg", "notebooks", "solutions"],
    ]
    return sum(seconds(step, repeat=1) for step in steps)


def main() -> int:
    count = notebook_count()
    floor = floor_time(count)
    # The floor covers the nbval step; the other steps get the same 2.5 s per pytest
    # process that DESIGN.md allows for a process start.
    allowed_suite = 1.3 * (floor + 2.5 + 1.0)
    rows = [
        ("engine import over pandas+ipywidgets", import_cost(), 0.1, "s"),
        ("build every notebook from data/", build_time(), 2.0, "s"),
        ("check one answer (translation, key terms)", check_time() * 1000, 1.0, "ms"),
        (f"make test without browser (floor {floor:.1f} s for {count} notebooks)", suite_time(), allowed_suite, "s"),
    ]
    over = 0
    for name, value, budget, unit in rows:
        verdict = "PASS" if value <= budget else "OVER"
        over += verdict == "OVER"
        print(f"{verdict}  {name}: {value:.3f} {unit} (budget {budget:.3f} {unit})")
    sizes = sorted((p.stat().st_size, p.name) for p in (ROOT / "notebooks").glob("*.ipynb"))
    print(f"info  largest learner notebook: {sizes[-1][1]} {sizes[-1][0] / 1024:.1f} KB")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
