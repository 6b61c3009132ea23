# nigerlens: `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
OUT    := out
ARTICLE ?= data/articles/rt-20230814-washington-niger.txt

.DEFAULT_GOAL := help
.PHONY: help run test lab app lint clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-6s %s\n", $$1, $$2}'

# One stamp per extra: a second `make run` reinstalls nothing unless pyproject.toml changed.
$(VENV)/.stamp-base:
	@$(PYTHON) -c 'import sys; sys.exit("nigerlens needs Python 3.11+, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.stamp-notebooks: pyproject.toml $(VENV)/.stamp-base
	$(PY) -m pip install --quiet -e '.[notebooks]'
	@touch $@

$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-base
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.stamp-notebooks $(VENV)/.stamp-app

$(VENV)/.stamp-lab: pyproject.toml $(VENV)/.stamp-base
	$(PY) -m pip install --quiet -e '.[lab]'
	@touch $@ $(VENV)/.stamp-notebooks

run: $(VENV)/.stamp-notebooks  ## execute every notebook on the bundled article; HTML to out/notebooks, CSV to out/tables
	MPLBACKEND=Agg $(PY) -m nigerlens.outputs.notebooks --article $(ARTICLE) --out $(OUT)

test: $(VENV)/.stamp-dev  ## install the dev extras and run the tests
	$(PY) -m pytest

lint: $(VENV)/.stamp-dev  ## ruff
	$(VENV)/bin/ruff check .

# JupyterLab refuses to start as root (containers, CI boxes) unless told it may
LAB_FLAGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(VENV)/.stamp-lab  ## open the notebooks in JupyterLab
	$(VENV)/bin/jupyter lab notebooks/ $(LAB_FLAGS)

$(VENV)/.stamp-app: pyproject.toml $(VENV)/.stamp-base
	$(PY) -m pip install --quiet -e '.[app]'
	@touch $@ $(VENV)/.stamp-notebooks

APP_PORT ?= 8866

# Voila on the loopback only; no --port_retries so a busy port fails instead of moving silently
app: $(VENV)/.stamp-app  ## serve notebooks/00_overview.ipynb as a dashboard (Voila) on 127.0.0.1:8866
	@echo "nigerlens dashboard: http://127.0.0.1:$(APP_PORT)/"
	$(VENV)/bin/voila notebooks/00_overview.ipynb --no-browser --port=$(APP_PORT) --Voila.ip=127.0.0.1 --Voila.port_retries=0

clean:  ## remove out/ (keeps the virtual environment)
	rm -rf $(OUT)
