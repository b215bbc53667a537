# The README's two commands are `make demo` and `make test`; everything else is for developers.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?= -n auto

.PHONY: demo test lint bench setup setup-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e .

setup-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

## Set up the demo workspace (SQLite, bundled demo company, local models) and serve it, with a
## simulated stream of customer messages, at http://127.0.0.1:8000/ (Ctrl-C stops it).
SIMULATE ?= 30
PORT ?= 8000
## Without a mail server of yours, the demo's e-mail replies are written as .eml files to
## tandemdesk-workspace/outbox (set TANDEMDESK_SMTP_URL to send them for real).
DEMO_MAIL ?= file://$(CURDIR)/tandemdesk-workspace/outbox
demo: setup
	$(BIN)/tandemdesk init --demo
	TANDEMDESK_SMTP_URL="$${TANDEMDESK_SMTP_URL:-$(DEMO_MAIL)}" \
		$(BIN)/tandemdesk serve --port $(PORT) --simulate $(SIMULATE)

## Set up and run the whole test suite (PostgreSQL too when TANDEMDESK_TEST_POSTGRES_URL is set).
test: setup-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/import_speed.py

clean:
	rm -rf $(VENV) tandemdesk.db* tandemdesk-workspace
