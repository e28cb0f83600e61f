#!/usr/bin/env python3
"""Reference host for Fixtures/demos/memory_multiplier.wasm, using wasmtime.

Usage: run_memory_demo_wasmtime.py [MODULE] < input.json

Provides the three imports the reactor needs:
  host.get_input_size() -> i32          length of the input bytes
  host.get_input(ptr: i32)              copies the input to memory[ptr..]
  host.set_output(ptr: i32, len: i32)   captures memory[ptr..ptr+len]
then calls _initialize() once and run() -> i32. Writes the captured output
to stdout and exits with run()'s return value (0 ok, 2 bad input, 3 OOM).
This is a reference for the swasm tests that embed the same host API.
"""
import os
import sys

import wasmtime

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "Fixtures", "demos", "memory_multiplier.wasm")


def run_demo(wasm_path, input_bytes):
    """Returns (status, output_bytes or None)."""
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    module = wasmtime.Module.from_file(engine, wasm_path)
    state = {"memory": None, "output": None}

    def mem():
        return state["memory"]

    def get_input_size():
        return len(input_bytes)

    def get_input(ptr):
        mem().write(store, input_bytes, ptr)

    def set_output(ptr, length):
        state["output"] = bytes(mem().read(store, ptr, ptr + length))

    i32 = wasmtime.ValType.i32()
    linker = wasmtime.Linker(engine)
    linker.define_func("host", "get_input_size", wasmtime.FuncType([], [i32]), get_input_size)
    linker.define_func("host", "get_input", wasmtime.FuncType([i32], []), get_input)
    linker.define_func("host", "set_output", wasmtime.FuncType([i32, i32], []), set_output)

    instance = linker.instantiate(store, module)
    exports = instance.exports(store)
    state["memory"] = exports["memory"]
    exports["_initialize"](store)
    status = exports["run"](store)
    return status, state["output"]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    data = sys.stdin.buffer.read()
    status, out = run_demo(path, data)
    if out is not None:
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    if status != 0:
        sys.stderr.write("memory_multiplier: run() returned %d\n" % status)
    sys.exit(status)


if __name__ == "__main__":
    main()
