# The course in two commands: `make lab` to learn, `make test` to check everything.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Learners get the course alone; the test tools (pytest, nbval, Playwright, ruff, mypy:
# about a quarter of the environment) come with `make test`.
RUNTIME := $(VENV)/.runtime
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8888
APP_PORT ?= 8866

.PHONY: lab app test test-fast check build bench print clean help

help:
	@echo "make lab    - create .venv, install, open JupyterLab on the start page ($(HOST):$(PORT))"
	@echo "make app    - the course as an app (Voila): pages with the text and the exercises, no code ($(HOST):$(APP_PORT))"
	@echo "make test   - run the whole test suite (data, build freshness, units, widgets, nbval, browser)"
	@echo "make build  - rebuild notebooks/ and solutions/ from data/"
	@echo "make check  - validate data/"
	@echo "make bench  - measure the performance budgets"
	@echo "make print  - print each lesson into print/: worksheet, answer key, workshop materials (HTML and A4 PDF; PDFs need chromium)"
	@echo "make screenshots - render every notebook in English and Russian into screenshots/<lang>/ (PNG, 1366x768)"

$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

lab: $(RUNTIME)
	$(PY) -m jupyter lab --ip=$(HOST) --port=$(PORT) $(if $(filter 0,$(shell id -u)),--allow-root) \
		--ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb \
		--ContentsManager.pre_save_hook=lessonkit.jupyter_hooks.scrub_saved_notebook

# The same notebooks as pages without code (Voila runs each page when it opens); the
# command lives in lessonkit/app_server.py, which the browser test starts too.
app: $(RUNTIME)
	$(PY) -m lessonkit app --host $(HOST) --port $(APP_PORT)

check: $(RUNTIME)
	$(PY) -m lessonkit check

build: $(RUNTIME)
	$(PY) -m lessonkit build

# Worksheets, answer keys and workshop materials for paper, into print/ (git-ignored);
# the PDFs are printed by headless Chromium (Debian: apt-get install chromium).
print: $(RUNTIME)
	$(PY) -m lessonkit print

# One pytest run for the unit, widget, content and build tests (among them
# `lessonkit check` and `lessonkit build --check` on the course data) and for nbval over
# every notebook, on two workers; --dist loadfile keeps each notebook's cells together.
# The browser tests run in a process of their own (Playwright stays out of nbval).
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval-sanitize.cfg
WORKERS := -n 2 --dist loadfile

# ruff and mypy first: a lint or type error is the quickest failure to read.
test: $(STAMP)
	$(PY) -m ruff check lessonkit tests benchmarks scripts
	$(PY) -m mypy lessonkit
	$(PY) -m pytest $(WORKERS) $(NBVAL) tests notebooks solutions --ignore=tests/browser
	$(PY) -m pytest tests/browser

test-fast: $(STAMP)
	$(PY) -m pytest tests --ignore=tests/browser

bench: $(STAMP)
	$(PY) benchmarks/bench.py

.PHONY: screenshots
screenshots: $(STAMP)
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
