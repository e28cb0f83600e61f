# swasm: a WebAssembly runtime in pure Swift.
#
#   make demo    build and run the two data-in/data-out demos (the main job)
#   make test    unit tests, the spec conformance suites and a bounded fuzzing campaign
#                (fixed seed + clock seed), in a release build
#   make spec    the spec suites: 1.0 and 2.0 (JSON and .wast), 3.0 (.wast; what the engine lacks is skipped)
#   make text-oracle  every module of the suites' .wast files against the reference binaries
#   make bench   benchmarks side by side with other runtimes (needs `make venv`)
#   make fuzz    a fuzzing campaign (FUZZ_CASES=..., FUZZ_MODULES=..., FUZZ_SEED=...)

SWIFT ?= swift
SPEC_DIR ?= ../shared/spec
CONFIG ?= release
# Handlers tail-call each other; without frame pointers each one saves a push/pop pair.
# (A command-line option of our own builds only: packages that depend on swasm are unaffected.)
BUILD_FLAGS ?= -c $(CONFIG) --omit-frame-pointers
BIN := .build/$(CONFIG)/swasm

.PHONY: build test unit spec text-oracle tailcalls demo bench fuzz clean

build:
	$(SWIFT) build $(BUILD_FLAGS)

test: build unit spec tailcalls fuzz-ci

unit:
	$(SWIFT) test $(BUILD_FLAGS)

# Every interpreter handler must hand over to the next with a jump, not a call (see Docs).
tailcalls: build
	python3 Scripts/check_tail_calls.py $(BIN)

spec: build
	$(BIN) spec --skips Spec/skips.txt $(SPEC_DIR)/wasm-1.0/json $(SPEC_DIR)/wasm-2.0/json
	$(BIN) spec --skips Spec/skips.txt $(SPEC_DIR)/wasm-1.0/wast $(SPEC_DIR)/wasm-2.0/wast
	$(BIN) spec --skips Spec/skips.txt --features Spec/features.txt $(SPEC_DIR)/wasm-3.0/wast

# The text parser's encoding of every module of the suites vs wast2json's / wasm-tools' binaries
# (also run by `make unit`, in TextOracleTests).
text-oracle: build
	$(BIN) text-oracle --exceptions Spec/text-oracle-exceptions.txt \
		$(SPEC_DIR)/wasm-1.0/wast $(SPEC_DIR)/wasm-2.0/wast $(SPEC_DIR)/wasm-3.0/wast

demo: build
	.build/$(CONFIG)/SwasmDemo

clean:
	rm -rf .build

include Fixtures/Fixtures.mk
include Fixtures/Bench.mk
include Fixtures/Fuzz.mk

bench: build venv
	$(VENV)/bin/python Scripts/bench.py --swasm $(BIN) --out .bench-tmp/bench.md
