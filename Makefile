# Every target creates the virtual environment it needs (Python >= 3.10 as `python3`).
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test check clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,tasks]'
	touch $(STAMP)

# Training and cluster extras for the tests of the TRL and Ray integrations. torch is pinned to
# the machine's local CPU build first: a looser pin would pull gigabytes of CUDA packages.
TRAIN_STAMP := $(VENV)/.train-stamp
$(TRAIN_STAMP): $(STAMP)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev,tasks,train,ray]'
	touch $(TRAIN_STAMP)

# VeRL's own environment, for the test that loads realcode's reward through VeRL's reward manager
# (VeRL pins transformers below what the training extras use). torch first, as above.
VERL_VENV  ?= .venv-verl
VERL_STAMP := $(VERL_VENV)/.installed-stamp
$(VERL_STAMP): pyproject.toml
	python3 -m venv $(VERL_VENV)
	$(VERL_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VERL_VENV)/bin/python -m pip install --quiet torch==2.13.0
	$(VERL_VENV)/bin/python -m pip install --quiet -e '.[verl]'
	touch $(VERL_STAMP)

# Debian's Chromium for the test that renders the HTML report in a real browser (best effort: the
# test skips, saying why, where it cannot be installed).
BROWSER_STAMP := $(VENV)/.browser-stamp
$(BROWSER_STAMP): $(STAMP)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    (DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1)); } || \
	  echo "chromium not installed: the browser test will be skipped"
	touch $(BROWSER_STAMP)

# The main job, offline: the bundled starter benchmark, its safe references and their flawed twins.
# Each run scores afresh: a results file from another version's rules is never appended to.
demo: $(STAMP)
	rm -f results/starter-reference.jsonl results/starter-flawed.jsonl
	$(VENV)/bin/realcode eval --benchmark starter --solutions reference --out results/starter-reference.jsonl
	$(VENV)/bin/realcode eval --benchmark starter --solutions flawed --out results/starter-flawed.jsonl

# The project's own lint and type checks.
check: $(STAMP)
	$(PY) -m ruff check src tests
	$(PY) -m mypy

# Lint, types, then the whole test suite (pytest's "no tests collected", exit 5, is not a failure).
test: $(TRAIN_STAMP) $(VERL_STAMP) $(BROWSER_STAMP) check
	$(PY) -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$status

clean:
	rm -rf $(VENV) $(VERL_VENV) results .pytest_cache .mypy_cache .ruff_cache
