"""Performance budgets (DESIGN.md section 8), measured here rather than in timed tests.

Run with `make bench`. Prints one line per budget with the measured figure and PASS/OVER;
exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import os
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
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        if done.returncode:
            # A timed command that fails (a test, a kernel that would not start) says what failed.
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-40:])
            raise SystemExit(f"bench: {' '.join(command[:6])} ... failed (exit {done.returncode}):\n{tail}")
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def import_cost() -> float:
    base = seconds([PY, "-c", "import pandas, ipywidgets"], repeat=5)
    with_engine = seconds([PY, "-c", "import pandas, ipywidgets, lessonkit.views.session"], repeat=5)
    return with_engine - base


def build_time() -> float:
    code = (
        "import time; from lessonkit.content.load import load_course; from lessonkit.publish.build import build_all;"
        "t=time.perf_counter(); build_all(load_course()); print(time.perf_counter()-t)"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return float(out)


def check_time() -> tuple[float, int]:
    """Seconds to check one translation exercise (every item by key terms), and its items."""
    code = (
        "import timeit; from lessonkit.content.load import load_course; from lessonkit.content.kinds import check;"
        "c=load_course(); ex=[e for _, e in c.all_exercises() if e.kind=='translation'][0];"
        "n=2000; print(timeit.timeit(lambda: check(ex, [i.model_answer for i in ex.items]), number=n)/n, len(ex.items))"
    )
    seconds_taken, items = subprocess.run([PY, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
    return float(seconds_taken), int(items)


NOTEBOOK_FOLDERS = ("notebooks", "solutions", "tests/fixtures/minicourse/notebooks", "tests/fixtures/minicourse/solutions")


def lesson_open_overhead() -> float:
    """Kernel-side time to run a whole lesson notebook, minus an empty notebook's.

    The kernel's share of the browser budget (browser_bench.py measures the whole of it in
    JupyterLab and Chromium).
    """
    from nbclient import NotebookClient

    def run(notebook) -> float:
        start = time.perf_counter()
        NotebookClient(notebook, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
        return time.perf_counter() - start

    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    lesson = nbformat.read(ROOT / "notebooks" / "01-iom-activities.ipynb", as_version=4)
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="lessonkit-bench-") as home:
        # The kernels' progress file and lesson cache: here, never the user's. The first run
        # of the lesson fills the cache; the median is a returning learner's start.
        os.environ.update(LESSONKIT_PROGRESS=str(Path(home) / "progress.json"), LESSONKIT_CACHE=str(Path(home) / "cache"))
        try:
            base = statistics.median(run(empty) for _ in range(3))
            full = statistics.median(run(lesson) for _ in range(3))
        finally:
            os.environ.clear()
            os.environ.update(saved)
    return full - base


def notebook_count() -> int:
    """Every notebook that `make test` runs through nbval."""
    return sum(len(list((ROOT / folder).glob("*.ipynb"))) for folder in NOTEBOOK_FOLDERS)


WORKERS = ["-n", "2", "--dist", "loadfile"]  # as in the Makefile's `test`
SUITE_BUDGET = 1.2  # `make test` without the browser, at most this many times the floor


def floor_time(count: int) -> float:
    """nbval over `count` notebooks that only import the same libraries, on the same workers."""
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(count):
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas, ipywidgets")])
            nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
            nbformat.write(nb, Path(tmp) / f"{n:02d}.ipynb")
        return seconds([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", *WORKERS, "--nbval", "--nbval-current-env", tmp],
                       repeat=1)


def suite_time() -> float:
    """`make test` without the browser test: the same pytest command as the Makefile."""
    return seconds(
        [PY, "-m", "pytest", "-q", *WORKERS, "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
         "tests/nbval-sanitize.cfg", "tests", "notebooks", "solutions", "--ignore=tests/browser"],
        repeat=1,
    )


def suite_parts() -> tuple[float, float]:
    """The two halves of `suite_time`, each run alone: nbval over the notebooks, and the tests
    in tests/ (unit, widget, content, build, CLI). Where the suite's time goes, for the budget."""
    nbval = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval-sanitize.cfg"]
    notebooks = seconds([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", *WORKERS, *nbval, *NOTEBOOK_FOLDERS], repeat=1)
    units = seconds([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", *WORKERS, "tests", "--ignore=tests/browser"], repeat=1)
    return notebooks, units


def main() -> int:
    count = notebook_count()
    floor = floor_time(count)
    suite = suite_time()
    notebooks_alone, units_alone = suite_parts()
    exercise, items = check_time()
    rows = [
        ("engine import over pandas+ipywidgets", import_cost(), 0.1, "s"),
        ("build every notebook from data/", build_time(), 2.0, "s"),
        ("run the IOM-1 lesson over an empty notebook (kernel side)", lesson_open_overhead(), 1.0, "s"),
        (f"check one answer (translation by key terms: the exercise's {items} items in {exercise * 1000:.2f} ms)",
         exercise / items * 1000, 1.0, "ms"),
        (f"make test without browser over the nbval floor ({suite:.1f} s / {floor:.1f} s for {count} import-only notebooks)",
         suite / floor, SUITE_BUDGET, "x"),
    ]
    if "--no-browser" not in sys.argv[1:]:
        # The browser part: JupyterLab + Chromium, per lesson (benchmarks/browser_bench.py).
        from browser_bench import measure as browser_rows

        rows += browser_rows()
    over = 0
    for name, value, budget, unit in rows:
        verdict = "PASS" if value <= budget else "OVER"
        over += verdict == "OVER"
        print(f"{verdict}  {name}: {value:.3f} {unit} (budget {budget:.3f} {unit})")
    print(f"info  where the suite's time goes: nbval over the {count} notebooks alone {notebooks_alone:.1f} s "
          f"({notebooks_alone / floor:.2f}x the floor); the tests in tests/ alone {units_alone:.1f} s")
    sizes = sorted((p.stat().st_size, p.name) for p in (ROOT / "notebooks").glob("*.ipynb"))
    print(f"info  largest learner notebook: {sizes[-1][1]} {sizes[-1][0] / 1024:.1f} KB")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
