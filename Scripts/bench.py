#!/usr/bin/env python3
"""Benchmark harness: runs the Fixtures/bench programs under swasm and other
WebAssembly runtimes and prints Markdown tables.

Usage (from `make bench`):
  .venv/bin/python Scripts/bench.py --swasm .build/release/swasm [--runs 5]
      [--only NAME...] [--peer NAME=CMD]... [--skip RUNTIME]... [--out FILE]
      [--swasm-bench PATH] [--spec-dir DIR]

Runtimes (a column is "n/a" when the runtime is unavailable, with the reason
in the notes; a cell is "failed" when the runtime exits non-zero or times
out, and "wrong" when its stdout differs from the others'):
  swasm     `SWASM run FILE` (the CLI given by --swasm)
  wasmkit   `wasmkit run FILE` (WasmKit CLI on PATH: the one of the Swift
            toolchain, 0.1.6; its column is labelled wasmkit-VERSION)
  wasmkit-0.4.2  `.build-peers/wasmkit-0.4.2/bin/wasmkit run FILE`, added
            automatically when that binary exists (`make peers`, i.e.
            Scripts/build_wasmkit_peer.sh); any .build-peers/wasmkit-*/bin/wasmkit
            is picked up the same way
  wasm3     Scripts/run_wasm3.py (pywasm3 + a small Python WASI layer); the
            module is first canonicalised with `wasm-tools print | wasm-tools
            parse` (untimed) because wasm3 0.5.0 rejects the 5-byte LEB
            table index that LLVM emits in call_indirect
  wasmtime  Scripts/run_wasmtime.py (wasmtime Python bindings, Cranelift,
            no compilation cache)
  --peer NAME=CMD  any other command, run as `CMD FILE`
                   (e.g. --peer 'wasmkit-0.4.2=/path/to/wasmkit run')

For each benchmark (Fixtures/bench/*.wasm except big_module) every runtime is
run --runs times; the time reported is the median CPU time (user+sys of the
child and its waited-for descendants, from os.wait4), and peak RSS is the
largest ru_maxrss seen. wasm3 and wasmtime run inside a Python interpreter,
so their numbers include Python start-up and import time (see the hello row
of the start-up table). The start-up table gives the median wall time in ms of
hello.wasm (instantiate + _start, 20 runs) and of big_module.wasm (--runs
runs, decode + validate + compile of 1.3 MB of code, then a short run).

swasm only (in-process, so no process start-up in the numbers):
  compile throughput  `SWASM compile-speed FILE RUNS` (decode + validate +
            compile, median of RUNS) on big_module.wasm and on the largest
            module of the spec suites (--spec-dir, wasm-1.0 and wasm-2.0 json
            directories) that swasm accepts
  host calls  the SwasmBench executable next to the swasm CLI (or
            --swasm-bench): ns per call of a wasm loop calling a Swift host
            function 10^6 times, next to the same loop calling a wasm function
            and with no call at all (median of 5)
"""
import argparse
import glob
import re
import datetime
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
BENCH_DIR = os.path.join("Fixtures", "bench")
HELLO = os.path.join("Fixtures", "wasi", "hello.wasm")
BIG = os.path.join(BENCH_DIR, "big_module.wasm")
TMP = os.path.join(ROOT, ".bench-tmp")
PREFERRED_ORDER = ["fib", "sieve", "matmul", "nbody", "hash", "coremark_like", "tinylang"]
PY = sys.executable
PEERS_DIR = os.path.join(ROOT, ".build-peers")
DEFAULT_SPEC_DIR = os.path.normpath(os.path.join(ROOT, "..", "shared", "spec"))
RUNTIME_WASMTIME = [PY, os.path.join(ROOT, "Scripts", "run_wasmtime.py")]
RUNTIME_WASM3 = [PY, os.path.join(ROOT, "Scripts", "run_wasm3.py")]


def discover_benchmarks(include_big=False):
    names = sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, BENCH_DIR)) if f.endswith(".wasm"))
    if not include_big:
        names = [n for n in names if n != "big_module"]
    ordered = [n for n in PREFERRED_ORDER if n in names]
    return ordered + [n for n in names if n not in ordered]


class Runtime:
    """A way to run a WASI command module. command() returns argv or None."""

    def __init__(self, name, prefix, available=True, reason="", env_flag="--env", module_filter=None):
        self.name = name
        self.prefix = prefix
        self.available = available
        self.reason = reason
        self.env_flag = env_flag
        self.module_filter = module_filter
        self.version = ""
        self.label = name  # column heading

    def command(self, module, args=(), env=None):
        if not self.available:
            return None
        if self.module_filter:
            module = self.module_filter(module)
            if module is None:
                return None
        cmd = list(self.prefix)
        for k, v in sorted((env or {}).items()):
            if self.env_flag:
                cmd += [self.env_flag, "%s=%s" % (k, v)]
        return cmd + [module] + list(args)


def canonical_for_wasm3(module):
    """Re-encodes module via wasm-tools text round trip into .bench-tmp/wasm3/
    (same file name); cached while the source is older than the copy."""
    src = module if os.path.isabs(module) else os.path.join(ROOT, module)
    dst_dir = os.path.join(TMP, "wasm3")
    dst = os.path.join(dst_dir, os.path.basename(module))
    if os.path.exists(dst) and os.path.getmtime(dst) >= os.path.getmtime(src):
        return dst
    os.makedirs(dst_dir, exist_ok=True)
    tools = wasm_tools()
    text = subprocess.run([tools, "print", src], capture_output=True, check=True).stdout
    subprocess.run([tools, "parse", "-o", dst + ".part"], input=text, capture_output=True, check=True)
    os.replace(dst + ".part", dst)
    return dst


def wasm_tools():
    local = os.path.join(os.path.dirname(PY), "wasm-tools")
    return local if os.path.exists(local) else shutil.which("wasm-tools")


def python_module_ok(mod):
    p = subprocess.run([PY, "-c", "import %s" % mod], capture_output=True, text=True)
    return p.returncode == 0, (p.stderr.strip().splitlines() or [""])[-1]


def pkg_version(dist):
    try:
        from importlib.metadata import version
        return version(dist)
    except Exception:
        return "?"


def available_runtimes(swasm, peers, skip_wasm3=False, skip=(), quiet=True):
    rts = []
    # swasm
    if swasm and os.path.isfile(swasm) and os.access(swasm, os.X_OK):
        rt = Runtime("swasm", [os.path.abspath(swasm), "run"])
    else:
        rt = Runtime("swasm", [], False, "swasm CLI not found at %r (build it with `swift build -c release`)" % swasm
                     if swasm else "no --swasm given")
    rts.append(rt)
    # wasmkit
    wk = shutil.which("wasmkit")
    rt = Runtime("wasmkit", [wk, "run"] if wk else [], bool(wk), "" if wk else "`wasmkit` not on PATH")
    if wk:
        p = subprocess.run([wk, "--version"], capture_output=True, text=True)
        rt.version = p.stdout.strip()
        if rt.version:
            rt.label = "wasmkit-" + rt.version
    rts.append(rt)
    # wasm3
    ok, err = python_module_ok("wasm3")
    reason = ""
    if skip_wasm3:
        ok, reason = False, "skipped"
    elif not ok:
        reason = "pywasm3 not importable: " + err
    elif not wasm_tools():
        ok, reason = False, "wasm-tools (needed to canonicalise modules for wasm3) not found"
    rt = Runtime("wasm3", RUNTIME_WASM3, ok, reason, module_filter=canonical_for_wasm3)
    rt.version = "pywasm3 " + pkg_version("pywasm3") if ok else ""
    rts.append(rt)
    # wasmtime
    ok, err = python_module_ok("wasmtime")
    rt = Runtime("wasmtime", RUNTIME_WASMTIME, ok, "" if ok else "wasmtime (Python) not importable: " + err)
    rt.version = "wasmtime-py " + pkg_version("wasmtime") if ok else ""
    rts.append(rt)
    # WasmKit builds under .build-peers/ (Scripts/build_wasmkit_peer.sh), e.g. wasmkit-0.4.2
    for exe in sorted(glob.glob(os.path.join(PEERS_DIR, "wasmkit-*", "bin", "wasmkit"))):
        if not os.access(exe, os.X_OK):
            continue
        tag = exe.split(os.sep)[-3][len("wasmkit-"):]
        rt = Runtime("wasmkit-" + tag, [exe, "run"])
        p = subprocess.run([exe, "--version"], capture_output=True, text=True)
        rt.version = p.stdout.strip() or tag
        rt.label = "wasmkit-" + rt.version
        rts.append(rt)
    # peers
    for spec in peers:
        name, sep, cmd = spec.partition("=")
        if not sep or not name or not cmd:
            raise SystemExit("--peer expects NAME=CMD, got %r" % spec)
        argv = shlex.split(cmd)
        exe = shutil.which(argv[0]) or (argv[0] if os.access(argv[0], os.X_OK) else None)
        rt = Runtime(name, argv, bool(exe), "" if exe else "%r not found" % argv[0], env_flag=None)
        rts.append(rt)
    for rt in rts:
        if (rt.name in skip or rt.label in skip) and rt.available:
            rt.available, rt.reason = False, "skipped (--skip)"
        if not quiet and not rt.available:
            print("note: %s unavailable: %s" % (rt.name, rt.reason), file=sys.stderr)
    return rts


class Result:
    def __init__(self):
        self.cpu, self.wall, self.rss_kb = [], [], []
        self.stdout = None
        self.error = None  # "failed: ..." / "timeout"

    def median_cpu(self):
        return statistics.median(self.cpu) if self.cpu else None

    def median_wall(self):
        return statistics.median(self.wall) if self.wall else None


def run_once(cmd, timeout):
    """Runs cmd (cwd=ROOT, stdin=/dev/null) and returns
    (rc, cpu_s, wall_s, maxrss_kb, stdout_bytes, stderr_bytes); rc None = timeout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=ROOT)
        except OSError as e:
            return -1, 0.0, 0.0, 0, b"", str(e).encode()
        deadline = t0 + timeout
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, ru = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return None, ru.ru_utime + ru.ru_stime, time.perf_counter() - t0, ru.ru_maxrss, b"", b"timeout"
            time.sleep(0.002)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return proc.returncode, ru.ru_utime + ru.ru_stime, wall, ru.ru_maxrss, out.read(), err.read()


def measure(rt, module, runs, timeout, args=()):
    res = Result()
    try:
        cmd = rt.command(module, args)
    except Exception as e:  # e.g. canonicalisation failed
        res.error = "failed: %s" % e
        return res
    if cmd is None:
        res.error = "n/a"
        return res
    for _ in range(runs):
        rc, cpu, wall, rss, out, err = run_once(cmd, timeout)
        if rc is None:
            res.error = "timeout (%ss)" % timeout
            return res
        if rc != 0:
            tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            res.error = "failed: exit %s %s" % (rc, tail[0][:160])
            return res
        if res.stdout is None:
            res.stdout = out
        elif out != res.stdout:
            res.error = "failed: output differs between runs"
            return res
        res.cpu.append(cpu)
        res.wall.append(wall)
        res.rss_kb.append(rss)
    return res


def fmt_s(x):
    return "%.3f" % x if x is not None else "n/a"


def cell(res, value):
    if res.error == "n/a":
        return "n/a"
    if res.error:
        return "timeout" if res.error.startswith("timeout") else "failed"
    if getattr(res, "wrong", False):
        return "wrong"
    return value


def reference_output(results):
    """Most common stdout among successful runtimes (wasmkit breaks ties)."""
    outs = {}
    for name, r in results.items():
        if not r.error and r.stdout is not None:
            outs.setdefault(r.stdout, []).append(name)
    if not outs:
        return None
    return max(outs.items(), key=lambda kv: (len(kv[1]), "wasmkit" in kv[1]))[0]


MBS_RE = re.compile(r"([0-9.]+) MB in ([0-9.]+) ms \(median of (\d+)\): ([0-9.]+) MB/s")


def compile_speed(swasm, module, runs, timeout):
    """Runs `swasm compile-speed module runs`; returns (dict, error). The dict has
    mb, ms, runs, mbps as swasm printed them."""
    p = run_capture([os.path.abspath(swasm), "compile-speed", module, str(runs)], timeout)
    if isinstance(p, str):
        return None, p
    m = MBS_RE.search(p.stdout)
    if p.returncode != 0 or not m:
        return None, "compile-speed failed (exit %s): %s" % (p.returncode, (p.stderr or p.stdout).strip()[-200:])
    return {"mb": float(m.group(1)), "ms": float(m.group(2)), "runs": int(m.group(3)),
            "mbps": float(m.group(4))}, None


def run_capture(cmd, timeout):
    """subprocess.run with cwd=ROOT; returns the CompletedProcess or an error string."""
    try:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return "timeout (%ss)" % timeout
    except OSError as e:
        return "failed: %s" % e


def largest_spec_module(swasm, spec_dir, timeout):
    """The largest .wasm of spec_dir/wasm-1.0/json and wasm-2.0/json that `swasm validate`
    accepts (the json directories also hold malformed and invalid modules); returns
    (path, error)."""
    files = []
    for sub in ("wasm-1.0", "wasm-2.0"):
        files += glob.glob(os.path.join(spec_dir, sub, "json", "*.wasm"))
    if not files:
        return None, "no spec modules under %s (wasm-1.0/json, wasm-2.0/json)" % spec_dir
    files.sort(key=lambda f: (-os.path.getsize(f), f))
    for f in files[:50]:
        p = run_capture([os.path.abspath(swasm), "validate", f], timeout)
        if not isinstance(p, str) and p.returncode == 0 and p.stdout.strip() == "valid":
            return f, None
    return None, "none of the 50 largest spec modules validates"


HOST_RE = re.compile(r"^host-call: (\w+) ([0-9.]+) ns/call \(median of (\d+) x (\d+) calls\)", re.M)


def host_call(bench_exe, timeout):
    """Runs `SwasmBench host-call`; returns ({loop: ns}, repeats, calls, error)."""
    p = run_capture([os.path.abspath(bench_exe), "host-call", "--calls", "1000000", "--repeats", "5"], timeout)
    if isinstance(p, str):
        return None, 0, 0, p
    found = HOST_RE.findall(p.stdout)
    if p.returncode != 0 or not found:
        return None, 0, 0, "failed (exit %s): %s" % (p.returncode, (p.stderr or p.stdout).strip()[-200:])
    return {loop: float(ns) for loop, ns, _, _ in found}, int(found[0][2]), int(found[0][3]), None


def machine_info():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d cores, %s" % (cpu, os.cpu_count() or 0, platform.platform())


def main():
    ap = argparse.ArgumentParser(description="swasm benchmark harness", epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--swasm", help="path to the swasm CLI (e.g. .build/release/swasm)")
    ap.add_argument("--runs", type=int, default=5, help="runs per benchmark and runtime (median taken)")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these benchmarks (e.g. fib sieve)")
    ap.add_argument("--peer", action="append", default=[], metavar="NAME=CMD",
                    help="extra runtime, run as `CMD FILE` (repeatable)")
    ap.add_argument("--skip", action="append", default=[], metavar="RUNTIME",
                    help="leave out a runtime (swasm, wasmkit, wasm3, wasmtime or a peer name)")
    ap.add_argument("--hello-runs", type=int, default=20, help="runs of hello.wasm for start-up time")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up table")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per single run")
    ap.add_argument("--out", help="also write the Markdown report to this file")
    ap.add_argument("--swasm-bench", help="path to the SwasmBench executable (default: SwasmBench next to --swasm)")
    ap.add_argument("--spec-dir", default=DEFAULT_SPEC_DIR,
                    help="spec suites (wasm-1.0/json, wasm-2.0/json) for the compile-throughput line "
                         "(default: ../shared/spec)")
    ap.add_argument("--compile-runs", type=int, default=21, help="runs of `swasm compile-speed` (median taken)")
    ap.add_argument("--no-compile-speed", action="store_true", help="skip the compile-throughput line")
    ap.add_argument("--no-host-call", action="store_true", help="skip the host-call lines")
    args = ap.parse_args()
    t_start = time.perf_counter()
    load_start = os.getloadavg()

    runtimes = available_runtimes(args.swasm, args.peer, skip=set(args.skip))
    names = discover_benchmarks()
    if args.only:
        unknown = [n for n in args.only if n not in names]
        if unknown:
            raise SystemExit("unknown benchmark(s): %s (have: %s)" % (", ".join(unknown), ", ".join(names)))
        names = [n for n in names if n in args.only]

    notes = []
    for rt in runtimes:
        if not rt.available:
            notes.append("%s: n/a (%s)" % (rt.name, rt.reason))

    # ---- benchmarks
    table = {}  # name -> {runtime: Result}
    for name in names:
        module = os.path.join(BENCH_DIR, name + ".wasm")
        results = {}
        for rt in runtimes:
            r = measure(rt, module, args.runs, args.timeout)
            results[rt.name] = r
            status = r.error or "%.3fs cpu, %d KB" % (r.median_cpu(), max(r.rss_kb))
            print("[bench] %-14s %-10s %s" % (name, rt.name, status), file=sys.stderr, flush=True)
        ref = reference_output(results)
        checksum = ref.decode("utf-8", "replace").strip() if ref is not None else ""
        for rn, r in results.items():
            r.wrong = not r.error and ref is not None and r.stdout != ref
            if r.wrong:
                notes.append("%s on %s printed %r, others printed %r" % (
                    rn, name, r.stdout.decode("utf-8", "replace").strip()[:120], checksum[:120]))
            elif r.error and r.error != "n/a":
                notes.append("%s on %s: %s" % (rn, name, r.error))
        table[name] = (results, checksum)

    # ---- start-up
    startup = []
    if not args.no_startup:
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

    swasm_rt = runtimes[0]
    # ---- compile throughput (swasm, in-process)
    compile_rows = []  # (label, dict or None, error)
    if not args.no_compile_speed:
        targets = [("big_module.wasm", BIG)]
        spec_mod, err = (None, "swasm unavailable") if not swasm_rt.available else \
            largest_spec_module(args.swasm, args.spec_dir, args.timeout)
        if spec_mod:
            rel = os.path.relpath(spec_mod, args.spec_dir)
            targets.append(("%s (largest valid spec module)" % rel, spec_mod))
        else:
            compile_rows.append(("largest spec module", None, err))
        for label, module in targets:
            if not swasm_rt.available:
                compile_rows.append((label, None, "swasm unavailable"))
                continue
            # Small modules compile in well under a millisecond: more runs for a steady median.
            size = os.path.getsize(module if os.path.isabs(module) else os.path.join(ROOT, module))
            runs = args.compile_runs if size > 200_000 else max(args.compile_runs, 201)
            res, err = compile_speed(args.swasm, module, runs, args.timeout)
            if res:
                res["bytes"] = size
            compile_rows.insert(0 if module == BIG else len(compile_rows), (label, res, err))
            print("[compile] %-40s %s" % (label, err or "%.1f MB/s" % res["mbps"]), file=sys.stderr, flush=True)
            if err:
                notes.append("swasm compile-speed on %s: %s" % (label, err))

    # ---- host calls (swasm, in-process)
    host = None
    if not args.no_host_call:
        exe = args.swasm_bench
        if not exe and args.swasm:
            d = os.path.dirname(os.path.abspath(args.swasm))
            for cand in ("SwasmBench", "swasm-bench"):
                if os.access(os.path.join(d, cand), os.X_OK):
                    exe = os.path.join(d, cand)
                    break
        if not exe or not os.access(exe, os.X_OK):
            host = (None, 0, 0, "SwasmBench executable not found (build it: swift build -c release; "
                                "or pass --swasm-bench)")
        else:
            host = host_call(exe, args.timeout)
        print("[host-call] %s" % (host[3] or ", ".join("%s %.2f ns" % kv for kv in host[0].items())),
              file=sys.stderr, flush=True)
        if host[3]:
            notes.append("host-call: %s" % host[3])

    # ---- report
    rnames = [rt.name for rt in runtimes]
    labels = {rt.name: rt.label for rt in runtimes}
    others = [n for n in rnames if n != "swasm"]
    lines = []
    lines.append("## swasm benchmarks")
    lines.append("")
    lines.append("%s; %s; median of %d runs; CPU seconds (user+sys)." % (
        datetime.date.today().isoformat(), machine_info(), args.runs))
    vers = ["%s (%s)" % (rt.name, rt.version) for rt in runtimes if rt.available and rt.version]
    if vers:
        lines.append("Runtimes: %s." % ", ".join(vers))
    lines.append("")
    head = (["benchmark"] + ["%s s" % labels[n] for n in rnames] + ["swasm/%s" % labels[n] for n in others]
            + ["checksum (stdout)"])
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(head) - 2) + ["---"]) + "|")
    for name in names:
        results, checksum = table[name]
        row = [name]
        for n in rnames:
            r = results[n]
            row.append(cell(r, fmt_s(r.median_cpu())))
        s = results["swasm"]
        for n in others:
            o = results[n]
            if s.error or o.error or s.wrong or o.wrong:
                row.append("n/a")
            else:
                row.append("%.2fx" % (s.median_cpu() / o.median_cpu()) if o.median_cpu() else "n/a")
        row.append("`%s`" % checksum.replace("|", "\\|") if checksum else "")
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    lines.append("swasm/X = swasm CPU time divided by X's (below 1 means swasm is faster).")
    lines.append("")

    lines.append("### Peak RSS (MB, max over runs)")
    lines.append("")
    lines.append("| benchmark | " + " | ".join(labels[n] for n in rnames) + " |")
    lines.append("|---|" + "---:|" * len(rnames))
    for name in names:
        results, _ = table[name]
        row = [name]
        for n in rnames:
            r = results[n]
            row.append(cell(r, "%.1f" % (max(r.rss_kb) / 1024.0) if r.rss_kb else "n/a"))
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")

    if startup:
        lines.append("### Start-up: process start + decode + instantiate + run (median wall ms; CPU ms in parentheses)")
        lines.append("")
        lines.append("| module | runs | " + " | ".join(labels[n] for n in rnames) + " |")
        lines.append("|---|---:|" + "---:|" * len(rnames))
        for label, runs, row in startup:
            cells = [label, str(runs)]
            for n in rnames:
                r = row[n]
                cells.append(cell(r, "%.1f (%.1f)" % (r.median_wall() * 1e3, r.median_cpu() * 1e3) if r.wall else "n/a"))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        lines.append("hello.wasm: instantiate + `_start` of a WASI hello world; big_module.wasm: "
                     "decode + validate + compile of 1.39 MB, then a short run. "
                     "wasm3 and wasmtime run in a Python interpreter here (Scripts/run_wasm3.py, "
                     "Scripts/run_wasmtime.py): their times include Python start-up and import.")
        lines.append("")

    if compile_rows:
        lines.append("### swasm compile throughput (decode + validate + compile, in-process)")
        lines.append("")
        for label, res, err in compile_rows:
            if res:
                lines.append("- %s, %s bytes: **%.1f MB/s** (%.1f ms, median of %d)" % (
                    label, format(res["bytes"], ","), res["mbps"], res["ms"], res["runs"]))
            else:
                lines.append("- %s: n/a (%s)" % (label, err))
        lines.append("")

    if host:
        ns, repeats, calls, err = host
        lines.append("### swasm host calls (wasm -> Swift, in-process)")
        lines.append("")
        if err:
            lines.append("- n/a (%s)" % err)
        else:
            desc = {"host_loop": "wasm loop calling a typed Swift host function `host.inc(i32) -> i32`",
                    "values_loop": "the same loop calling a `[Value]` host function `host.inc_values`",
                    "wasm_loop": "the same loop calling a wasm function `inc(i32) -> i32` (baseline)",
                    "empty_loop": "the same loop with no call"}
            for loop, v in ns.items():
                lines.append("- %s: **%.2f ns per call**" % (desc.get(loop, loop), v))
            if "host_loop" in ns and "wasm_loop" in ns:
                lines.append("- host-call overhead over a wasm call: %.2f ns" % (ns["host_loop"] - ns["wasm_loop"]))
            lines.append("")
            lines.append("%d calls per run, median of %d runs (SwasmBench host-call)." % (calls, repeats))
        lines.append("")

    if notes:
        lines.append("Notes:")
        lines.append("")
        for n in notes:
            lines.append("- " + n)
        lines.append("")

    load_end = os.getloadavg()
    lines.append("Total harness time: %.0f s. Load average (1 min) at start %.2f, at end %.2f on %d cores "
                 "(other load on the machine inflates wall times, and the in-process swasm lines, "
                 "which are wall-clock; CPU times less so)." % (
                     time.perf_counter() - t_start, load_start[0], load_end[0], os.cpu_count() or 0))
    lines.append("")
    report = "\n".join(lines)
    print(report)
    if args.out:
        d = os.path.dirname(os.path.abspath(args.out))
        os.makedirs(d, exist_ok=True)
        with open(args.out, "w") as f:
            f.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
