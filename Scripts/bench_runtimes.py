"""Runtimes for Scripts/bench.py and Scripts/check_fixtures.py: how each one runs a WASI
command module, and how a run is timed (CPU time and peak RSS from os.wait4).

Runtimes (a runtime that is missing is "unavailable", with the reason):
  swasm     `SWASM run FILE` (the CLI given by --swasm)
  wasmkit   `wasmkit run FILE` (WasmKit CLI on PATH: the one of the Swift
            toolchain, 0.1.6; its column is labelled wasmkit-VERSION)
  wasmkit-0.4.2  `.build-peers/wasmkit-0.4.2/bin/wasmkit run FILE`, added
            automatically when that binary exists (`make peers`, i.e.
            Scripts/build_wasmkit_peer.sh); any .build-peers/wasmkit-*/bin/wasmkit
            is picked up the same way
  wasm3     Scripts/run_wasm3.py (pywasm3 + a small Python WASI layer); the
            module is first canonicalised with `wasm-tools print | wasm-tools
            parse` (untimed, cached in .bench-tmp/wasm3) because wasm3 0.5.0
            rejects the 5-byte LEB table index that LLVM emits in call_indirect
  wasmtime  Scripts/run_wasmtime.py (wasmtime Python bindings, Cranelift,
            no compilation cache)
  --peer NAME=CMD  any other command, run as `CMD FILE`
"""
import glob
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
BENCH_DIR = os.path.join("Fixtures", "bench")
TMP = os.path.join(ROOT, ".bench-tmp")
PREFERRED_ORDER = ["fib", "sieve", "matmul", "nbody", "hash", "coremark_like", "tinylang"]
PY = sys.executable
PEERS_DIR = os.path.join(ROOT, ".build-peers")
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
    # A pipe between the two, so that the text (hundreds of MB for a 25 MB module) never
    # enters this process: children spawned later would report this process's peak RSS as
    # their own (Linux keeps the high-water mark across vfork + exec).
    with subprocess.Popen([tools, "print", src], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as printer:
        parsed = subprocess.run([tools, "parse", "-o", dst + ".part"], stdin=printer.stdout,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        printer.stdout.close()
    if printer.returncode != 0 or parsed.returncode != 0:
        raise RuntimeError("wasm-tools print | parse of %s failed: %s" % (module, parsed.stderr.decode()[-200:]))
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


def run_once(cmd, timeout, stdin=None):
    """Runs cmd (cwd=ROOT, stdin from the file stdin or /dev/null) and returns
    (rc, cpu_s, wall_s, maxrss_kb, stdout_bytes, stderr_bytes); rc None = timeout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            open(stdin or os.devnull, "rb") as inp:
        t0 = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdin=inp, stdout=out, stderr=err, cwd=ROOT)
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


def measure(rt, module, runs, timeout, args=(), stdin=None):
    """Runs module under rt runs times (args after the module, stdin from the file stdin);
    stops at the first failure or timeout, or when the output differs between runs."""
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
        rc, cpu, wall, rss, out, err = run_once(cmd, timeout, stdin)
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


def reference_output(results):
    """Most common stdout among successful runtimes (wasmkit breaks ties)."""
    outs = {}
    for name, r in results.items():
        if not r.error and r.stdout is not None:
            outs.setdefault(r.stdout, []).append(name)
    if not outs:
        return None
    return max(outs.items(), key=lambda kv: (len(kv[1]), "wasmkit" in kv[1]))[0]
