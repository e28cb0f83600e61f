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
#
# Nothing here is needed by `make test` or `make bench`.

PEERS_WASMKIT_TAG ?= 0.4.2

# Keep the includer's default goal (restored at the end).
BENCH_MK_SAVED_DEFAULT_GOAL := $(.DEFAULT_GOAL)

.PHONY: peers

peers:
	WASMKIT_TAG=$(PEERS_WASMKIT_TAG) sh Scripts/build_wasmkit_peer.sh

.DEFAULT_GOAL := $(BENCH_MK_SAVED_DEFAULT_GOAL)
