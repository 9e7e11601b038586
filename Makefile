# Rasid: `make setup` then `make test`. Everything lives in .venv/ in the repo root.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Tests and the bundle check render offscreen; `make run` and `make gui-check` use the real display.
OFFSCREEN := QT_QPA_PLATFORM=offscreen

.PHONY: setup test lint typecheck model incident-model wordfreq run gui-check bench clean rules-diff rules-snapshot

setup: $(BIN)/activate
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=$$(for p in $$(cat requirements-apt.txt); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi; \
	fi
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --no-deps camel-tools==1.6.0
	$(BIN)/pip install -q -e '.[gui,dev]'

$(BIN)/activate:
	$(PY) -m venv $(VENV)

test: lint typecheck
	$(OFFSCREEN) $(BIN)/pytest -q

lint:
	$(BIN)/ruff check desktop tests scripts benchmarks

typecheck:
	$(BIN)/mypy

# Retrain the NER model deterministically from ../shared/data (see resources/models/README.md).
model:
	$(BIN)/python scripts/train_ner.py

# Retrain the incident decision (resources/models/incidents.json) with its CV report (build/).
incident-model:
	$(BIN)/python scripts/train_incidents.py --features calibrated rich hand-plus

wordfreq:
	$(BIN)/python scripts/build_wordfreq.py

run:
	$(BIN)/rasid gui --sample

# The app on a real X server (Xvfb, the xcb platform, not offscreen): a window must map.
gui-check:
	$(BIN)/python scripts/check_display.py --screenshot build/xcb-window.png

bench:
	$(BIN)/python benchmarks/bench_text_layer.py

# The rules' regression harness (benchmarks/rules_diff.py): what changed against the committed
# snapshot, each change with its rule ids. Update the snapshot only deliberately, in its own commit.
rules-diff:
	$(BIN)/python benchmarks/rules_diff.py

rules-snapshot:
	$(BIN)/python benchmarks/rules_diff.py --update

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache

# --- Packaging (PyInstaller one-folder bundle in dist/rasid/; see build.spec) -------------------
.PHONY: package package-check
BUNDLE ?= dist/rasid
package:
	@$(BIN)/pyinstaller --version >/dev/null 2>&1 || $(BIN)/pip install -q 'pyinstaller>=6.10'
	$(BIN)/pyinstaller --noconfirm --clean build.spec

# The bundle checks itself end to end, then imports the sample articles into a fresh project and
# renders it offscreen (no display needed), through the bundled CLI and GUI.
package-check:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && export RASID_HOME="$$tmp/home" $(OFFSCREEN) && \
	  $(BUNDLE)/rasid --selftest && \
	  $(BUNDLE)/rasid project new "$$tmp/sample.rasid" >/dev/null && \
	  $(BUNDLE)/rasid import "$$tmp/sample.rasid" resources/sample/articles.jsonl -j 1 && \
	  $(BUNDLE)/rasid gui --project "$$tmp/sample.rasid" --screenshot "$$tmp/window.png" && \
	  test -s "$$tmp/window.png" && mkdir -p build && cp "$$tmp/window.png" build/bundle-window.png && \
	  echo "ok   bundle screenshot: build/bundle-window.png" && \
	  echo "bundle: $$(du -sh $(BUNDLE) | cut -f1)"
