"""swasm's in-process measurements for Scripts/bench.py (no process start-up in the numbers;
wall-clock times, so load on the machine shows in them):

  compile_speed  `SWASM compile-speed FILE RUNS [THREADS]`: decode + validate + compile,
                 median of RUNS, on THREADS threads (default: one per core)
  host_call      `SwasmBench host-call`: ns per wasm -> Swift call
  instantiate    `SwasmBench instantiate`: µs per request cycle (new Store + WASI +
                 instantiate + _start of Fixtures/wasi/hello.wasm), and the cost of 257
                 pages of memory over 1 page
"""
import glob
import os
import re
import subprocess

from bench_runtimes import ROOT


def run_capture(cmd, timeout):
    """subprocess.run with cwd=ROOT; returns the CompletedProcess or an error string."""
    try:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return "timeout (%ss)" % timeout
    except OSError as e:
        return "failed: %s" % e


def failure(p):
    return "failed (exit %s): %s" % (p.returncode, (p.stderr or p.stdout).strip()[-200:])


MBS_RE = re.compile(r"([0-9.]+) MB in ([0-9.]+) ms \(median of (\d+)(?: on (\d+) threads?)?\): ([0-9.]+) MB/s")


def compile_speed(swasm, module, runs, timeout, threads=None):
    """Runs `swasm compile-speed module runs [threads]`; returns (dict, error). The dict has
    mb, ms, runs, mbps as swasm printed them."""
    cmd = [os.path.abspath(swasm), "compile-speed", module, str(runs)] + ([str(threads)] if threads else [])
    p = run_capture(cmd, timeout)
    if isinstance(p, str):
        return None, p
    m = MBS_RE.search(p.stdout)
    if p.returncode != 0 or not m:
        return None, "compile-speed " + failure(p)
    if threads and m.group(4) != str(threads):
        return None, "compile-speed did not report %s threads: %s" % (threads, p.stdout.strip())
    return {"mb": float(m.group(1)), "ms": float(m.group(2)), "runs": int(m.group(3)),
            "mbps": float(m.group(5))}, None


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


def find_swasm_bench(explicit, swasm):
    """The SwasmBench executable: explicit, or next to the swasm CLI; (path, error)."""
    exe = explicit
    if not exe and swasm:
        d = os.path.dirname(os.path.abspath(swasm))
        for cand in ("SwasmBench", "swasm-bench"):
            if os.access(os.path.join(d, cand), os.X_OK):
                exe = os.path.join(d, cand)
                break
    if not exe or not os.access(exe, os.X_OK):
        return None, "SwasmBench executable not found (build it: swift build -c release; or pass --swasm-bench)"
    return exe, None


HOST_RE = re.compile(r"^host-call: (\w+) ([0-9.]+) ns/call \(median of (\d+) x (\d+) calls\)", re.M)


def host_call(bench_exe, timeout):
    """Runs `SwasmBench host-call`; returns ({loop: ns}, repeats, calls, error)."""
    p = run_capture([os.path.abspath(bench_exe), "host-call", "--calls", "1000000", "--repeats", "5"], timeout)
    if isinstance(p, str):
        return None, 0, 0, p
    found = HOST_RE.findall(p.stdout)
    if p.returncode != 0 or not found:
        return None, 0, 0, failure(p)
    return {loop: float(ns) for loop, ns, _, _ in found}, int(found[0][2]), int(found[0][3]), None


CYCLE_RE = re.compile(r"^instantiate: cycle ([0-9.]+) us \(.* of (\S+), median of (\d+)\)", re.M)
PAGES_RE = re.compile(r"^instantiate: memory of (\d+) pages? ([0-9.]+) us ", re.M)


def instantiate(bench_exe, module, repeats, timeout):
    """Runs `SwasmBench instantiate`; returns ({"cycle": us, "module": path, "repeats": n,
    "pages": {pages: us}}, error)."""
    p = run_capture([os.path.abspath(bench_exe), "instantiate", "--module", module, "--repeats", str(repeats)],
                    timeout)
    if isinstance(p, str):
        return None, p
    cycle = CYCLE_RE.search(p.stdout)
    pages = {int(n): float(us) for n, us in PAGES_RE.findall(p.stdout)}
    if p.returncode != 0 or not cycle or set(pages) != {1, 257}:
        return None, failure(p)
    return {"cycle": float(cycle.group(1)), "module": cycle.group(2), "repeats": int(cycle.group(3)),
            "pages": pages}, None
