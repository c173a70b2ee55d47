PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test bench lint system-deps clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

system-deps:
	scripts/install-system-deps

demo: $(BIN)/.installed
	$(BIN)/python scripts/demo.py

test: system-deps $(BIN)/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py

lint: $(BIN)/.installed
	bash -n shell/bash/aws-vault.bash && zsh -n shell/zsh/aws-vault.zsh && fish --no-execute shell/fish/aws-vault.fish

clean:
	rm -rf $(VENV) build dist
