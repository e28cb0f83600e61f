#!/usr/bin/env python3
"""Runs every fixture under wasmkit, wasmtime and wasm3 and checks that they
agree (stdout bytes and exit code). Used by `make fixtures-check`; not part
of `make test`.

Usage: check_fixtures.py [--skip-wasm3] [--swasm PATH]

Each case has fixed args, env and stdin. wasm3 runs a canonicalised copy of
the module (wasm-tools print | wasm-tools parse, see bench_runtimes.py) placed under
.bench-tmp/wasm3/ with the same file name. The memory_multiplier reactor is
checked with Scripts/run_memory_demo_wasmtime.py against stdio_multiplier.
Exit status 0 when everything agrees.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "Scripts"))
sys.dont_write_bytecode = True  # keep Scripts/ free of __pycache__
import bench_runtimes  # noqa: E402  (shared runtime command builders)

PROBE_ENV = {"SWASM_ALPHA": "1", "SWASM_BETA": "two words", "OTHER": "ignored"}
# (name, module, args, env, stdin)
CASES = [
    ("hello", "Fixtures/wasi/hello.wasm", [], {}, b""),
    ("wasi_probe", "Fixtures/wasi/wasi_probe.wasm", ["a b", "--flag"], PROBE_ENV, b"some stdin bytes\n" * 1000),
    ("wasi_probe exit 0", "Fixtures/wasi/wasi_probe.wasm", ["0"], {}, b""),
    ("stdio_multiplier", "Fixtures/demos/stdio_multiplier.wasm", [], {}, b'{"name":"Rust","num":10}'),
    ("stdio_multiplier escapes", "Fixtures/demos/stdio_multiplier.wasm", [], {},
     b' {"x":[1,2,{"y":null}], "num" : 3, "name":"q\\"\\\\\\/\\u00e9\\ud83d\\ude00\\n\\t"} '),
    ("stdio_multiplier bad", "Fixtures/demos/stdio_multiplier.wasm", [], {}, b'{"name":"Rust"}'),
] + [(n, "Fixtures/bench/%s.wasm" % n, [], {}, b"") for n in bench_runtimes.discover_benchmarks(include_big=True)]

MEMORY_DEMO_INPUTS = [
    b'{"name":"Rust","num":10}',
    b'{"num":0,"name":"x"}',
    b'{"name":"a\\"\\u0001","num":2}',
    b'{"name":"Rust"}',
    b'not json',
]


# Known deviations of a runtime, tolerated (and reported) by the comparison:
# runtime -> list of (line it prints, line the others print, explanation).
KNOWN_DEVIATIONS = {
    "wasmkit": [(b"clock realtime: bad", b"clock realtime: ok",
                 "WasmKit 0.1.6 returns time since boot for CLOCK_REALTIME")],
}


def normalise(runtime, out):
    """Returns (stdout with known deviations undone, explanations used)."""
    used = []
    for bad, good, why in KNOWN_DEVIATIONS.get(runtime, []):
        lines = out.split(b"\n")
        if bad in lines:
            out = b"\n".join(good if l == bad else l for l in lines)
            used.append(why)
    return out, used


def run(cmd, env, stdin):
    p = subprocess.run(cmd, input=stdin, capture_output=True, env=env, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-wasm3", action="store_true")
    ap.add_argument("--swasm", help="also check this swasm CLI binary")
    args = ap.parse_args()

    runtimes = bench_runtimes.available_runtimes(args.swasm, [], skip_wasm3=args.skip_wasm3, quiet=False)
    failures = 0
    for name, module, margs, menv, stdin in CASES:
        results = {}
        for rt in runtimes:
            cmd = rt.command(module, margs, menv)
            if cmd is None:
                continue
            env = dict(os.environ)
            env = {k: v for k, v in env.items() if not k.startswith("SWASM_")}
            env.update(menv)  # for runtimes that inherit the environment
            results[rt.name] = run(cmd, env, stdin)
        known = []
        for rt in list(results):
            rc, out, err = results[rt]
            out, used = normalise(rt, out)
            known += ["%s: %s" % (rt, why) for why in used]
            results[rt] = (rc, out, err)
        digests = {rt: (rc, hashlib.sha256(out).hexdigest()[:12]) for rt, (rc, out, _) in results.items()}
        same = len(set(digests.values())) == 1
        first = next(iter(results.values()))
        line = first[1].decode("utf-8", "replace").splitlines()
        summary = line[-1] if line else ""
        print("%-26s %s  rc=%s  %s" % (name, "same" if same else "DIFFERENT", first[0], summary[:90]))
        for k in known:
            print("    known deviation tolerated: " + k)
        if not same:
            failures += 1
            for rt, (rc, out, err) in results.items():
                print("    %-10s rc=%s stdout=%s stderr=%s" % (rt, rc, digests[rt][1], err[-200:]))

    demo = [sys.executable, os.path.join(ROOT, "Scripts", "run_memory_demo_wasmtime.py")]
    for inp in MEMORY_DEMO_INPUTS:
        r1 = run(demo, None, inp)
        r2 = run(["wasmkit", "run", "Fixtures/demos/stdio_multiplier.wasm"], None, inp) if shutil.which("wasmkit") \
            else run(bench_runtimes.RUNTIME_WASMTIME + ["Fixtures/demos/stdio_multiplier.wasm"], None, inp)
        same = r1[0] == r2[0] and r1[1] == r2[1]
        print("%-26s %s  rc=%s  input %s" % ("memory_multiplier", "same" if same else "DIFFERENT", r1[0], inp[:40]))
        if not same:
            failures += 1
            print("    reactor: rc=%s %r\n    stdio:   rc=%s %r" % (r1[0], r1[1][:100], r2[0], r2[1][:100]))
    print("%d passed, %d failed" % (len(CASES) + len(MEMORY_DEMO_INPUTS) - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
