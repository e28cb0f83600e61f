#!/usr/bin/env python3
"""Run a WASI command module under wasmtime (Python bindings).

Usage: run_wasmtime.py [--env K=V]... [--inherit-env] [--dir DIR]... FILE [ARGS...]

stdin/stdout/stderr are inherited. argv[0] seen by the guest is FILE exactly
as given (like `wasmkit run`). The guest's exit code (proc_exit) becomes this
process's exit code; a trap prints a message to stderr and exits with 134.
No compilation cache is used, so Cranelift compile time is part of the run.
Used by Scripts/bench.py and for checking fixtures; not needed by `make test`.
"""
import os
import sys


def parse_args(argv):
    env, dirs, inherit_env = [], [], False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--env" and i + 1 < len(argv):
            k, _, v = argv[i + 1].partition("=")
            env.append((k, v))
            i += 2
        elif a.startswith("--env="):
            k, _, v = a[len("--env="):].partition("=")
            env.append((k, v))
            i += 1
        elif a == "--dir" and i + 1 < len(argv):
            dirs.append(argv[i + 1])
            i += 2
        elif a == "--inherit-env":
            inherit_env = True
            i += 1
        elif a == "--":
            i += 1
            break
        else:
            break
    rest = argv[i:]
    if not rest:
        sys.exit(__doc__)
    return env, dirs, inherit_env, rest[0], rest[1:]


def main():
    env, dirs, inherit_env, path, args = parse_args(sys.argv[1:])
    import wasmtime

    engine = wasmtime.Engine()
    module = wasmtime.Module.from_file(engine, path)

    cfg = wasmtime.WasiConfig()
    cfg.argv = [path] + args
    if inherit_env:
        cfg.inherit_env()
    else:
        cfg.env = env
    for d in dirs:
        cfg.preopen_dir(d, d)
    cfg.inherit_stdin()
    cfg.inherit_stdout()
    cfg.inherit_stderr()

    store = wasmtime.Store(engine)
    store.set_wasi(cfg)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()

    try:
        instance = linker.instantiate(store, module)
        instance.exports(store)["_start"](store)
    except wasmtime.ExitTrap as e:
        sys.stdout.flush()
        os._exit(e.code)
    except wasmtime.Trap as e:
        sys.stderr.write("run_wasmtime: trap: %s\n" % e)
        sys.stderr.flush()
        os._exit(134)
    os._exit(0)


if __name__ == "__main__":
    main()
