#!/usr/bin/env python3
"""Differential fuzzing: swasm against wasmtime on modules from `wasm-tools smith`.

Usage: .venv/bin/python Scripts/fuzz_differential.py [--seed N] [--modules N] [--jobs N]
           [--swasm-fuzz BIN] [--batch N] [--sets N] [--fuel N] [--no-reduce]
       .venv/bin/python Scripts/fuzz_differential.py --dirs DIR...  (existing modules instead)
       .venv/bin/python Scripts/fuzz_differential.py --compare FILE...   (report on given modules)
       .venv/bin/python Scripts/fuzz_differential.py --predicate FILE    (exit 0 if they diverge:
                                                                           for wasm-tools shrink)

Modules come from Scripts/fuzz_smith.py's "diff" profile: WebAssembly 2.0, no imports, every
item exported, --ensure-termination (a fuel global) and --canonicalize-nans (deterministic
floats). Both engines instantiate each module and call every exported function, in export
order, with the argument sets of `Arguments` in Sources/SwasmFuzz/Harness.swift (mirrored
below); then the final exported globals, memories (size and CRC-32) and tables (size and
null map) are compared. swasm's side is `SwasmFuzz exec` (one process per batch), wasmtime's
the Python bindings with raw calls (exact float and v128 bits).

--dirs takes existing modules (spec test modules, `SwasmFuzz mutate --emit` mutants) instead.
Their NaNs are not canonical, so a module whose wasmtime results change when Cranelift
canonicalizes NaNs ("NaN-sensitive") is compared loosely: any NaN equals any NaN, and v128
values and memory contents are not compared; modules that only one engine accepts are
checked with `wasm-tools validate --features wasm2` (wasmtime accepts some later proposals).

Modules whose execution smith bounds (--ensure-termination, files named *-t.wasm) also run
in swasm without engine fuel, i.e. compiled without checkpoints, swasm's default: the lines
must be the same as with them.

Each call runs in a fresh instance in both engines, and the state (exported globals,
memories, tables) is compared after each. Both engines also charge engine fuel (--fuel, per
call); a call that runs out of fuel or stack in either engine is skipped with its state, and a
module whose instantiation does is "resource-limited" (counted apart), since the two engines
count differently. Any other difference is a divergence: the module is saved under
.fuzz-failures/ with a note and, unless --no-reduce, shrunk with `wasm-tools shrink`.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzz_smith  # noqa: E402
from fuzz_wasmtime import MAX_PAGES, MAX_TABLE_ELEMENTS, Wasmtime  # noqa: E402

ROOT = fuzz_smith.ROOT
FAILURES = os.path.join(ROOT, ".fuzz-failures")

SWASM_ALIASES = {"undefined-element": "out-of-bounds-table-access"}
RESOURCE_TRAPS = ("fuel-exhausted", "call-stack-exhausted")


# MARK: swasm side

def run_swasm(fuzz_bin, paths, fuel, sets, timeout=600):
    """{path: lines} from one `SwasmFuzz exec`; modules missing from the answer are absent."""
    cmd = [fuzz_bin, "exec"] + (["--fuel", str(fuel)] if fuel else []) + [
        "--sets", str(sets), "--max-pages", str(MAX_PAGES), "--max-table-elements", str(MAX_TABLE_ELEMENTS)] + paths
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout)
        out, code, err = r.stdout.decode(errors="replace"), r.returncode, r.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        out, code, err = (e.stdout or b"").decode(errors="replace"), "timeout", ""
    results, current, lines = {}, None, []
    for line in out.splitlines():
        if line.startswith("module "):
            current, lines = line[len("module "):], []
        elif line == "end" and current is not None:
            results[current] = lines
            current = None
        elif current is not None:
            lines.append(line)
    return results, code, err


def normalize(line):
    """What must agree: trap names as wasmtime can tell them apart; a rejection of any kind."""
    if line.startswith("load "):
        return "load rejected"
    for x, y in SWASM_ALIASES.items():
        line = line.replace(x, y)
    return line


def loosen(line):
    """A line with what may depend on NaN bits blurred: NaN floats are just NaN, v128 values and
    memory contents are not compared (their lanes' types are unknown)."""
    words = line.split(" ")
    if words[0] == "memory":
        return " ".join(words[:3] + ["*"])
    out = []
    for w in words:
        kind, _, bits = w.partition(":")
        if kind == "f32" and (int(bits, 16) & 0x7FFFFFFF) > 0x7F800000:
            w = "f32:nan"
        elif kind == "f64" and (int(bits, 16) & 0x7FFFFFFFFFFFFFFF) > 0x7FF0000000000000:
            w = "f64:nan"
        elif kind == "v128":
            w = "v128:*"
        out.append(w)
    return " ".join(out)


def blocks(lines):
    """Lines grouped by instantiation or call, each with the state lines after it."""
    out = []
    for line in lines:
        if not out or not line.startswith(("global ", "memory ", "table ")):
            out.append([])
        out[-1].append(line)
    return out


def compare(swasm, wasmtime):
    """(verdict, compared lines, skipped calls, detail). The verdict is same, resource-limited
    (loading hit an implementation limit of swasm, or instantiating ran out of fuel or stack in
    either engine) or diverged. A call that runs out of fuel or stack in either engine is
    skipped, with the state after it."""
    a_blocks, b_blocks = blocks(swasm), blocks(wasmtime)
    compared = skipped = 0
    for n in range(max(len(a_blocks), len(b_blocks))):
        a = a_blocks[n] if n < len(a_blocks) else ["<nothing>"]
        b = b_blocks[n] if n < len(b_blocks) else ["<nothing>"]
        if a[0] == "load unsupported" or any(t in a[0] or t in b[0] for t in RESOURCE_TRAPS):
            if n == 0:
                return "resource-limited", compared, skipped, ""
            skipped += 1
            continue
        for m in range(max(len(a), len(b))):
            x = normalize(a[m]) if m < len(a) else "<nothing>"
            y = normalize(b[m]) if m < len(b) else "<nothing>"
            if x != y:
                context = " (after %r)" % a[0] if m > 0 else ""
                return "diverged", compared, skipped, "swasm %r, wasmtime %r%s" % (a[m] if m < len(a) else x, y, context)
            compared += 1
    return "same", compared, skipped, ""


def valid_2_0(path):
    return validate_2_0(path)[0]


def validate_2_0(path):
    """(valid, message) from `wasm-tools validate --features wasm2`."""
    r = subprocess.run([fuzz_smith.WASM_TOOLS, "validate", "--features", fuzz_smith.VALIDATE_FEATURES, path], capture_output=True)
    return r.returncode == 0, r.stderr.decode(errors="replace")


# wasmparser's implementation limits (e.g. 50,000 locals a function), not rules of the spec.
TOOL_LIMITS = ("too many", "exceed", "maximum", "limit")
# 3.0 rules that wasmparser only applies with the GC proposal on (which the comparison leaves
# off): a constant expression may read any earlier immutable global (3.0's global.wast).
GC_GATED = ("global.get of locally defined global",)


def diverges(path, fuzz_bin, fuel, sets, wasmtime):
    """The divergence detail for one module, or None."""
    with open(path, "rb") as f:
        data = f.read()
    got, code, err = run_swasm(fuzz_bin, [path], fuel, sets, timeout=60)
    if path not in got:
        return "swasm crashed or hung (exit %s): %s" % (code, err.strip()[-2000:])
    verdict, _, _, detail = compare(got[path], wasmtime.run(data, sets))
    return detail if verdict == "diverged" else None


def save_failure(path, kind, note):
    os.makedirs(FAILURES, exist_ok=True)
    with open(path, "rb") as f:
        data = f.read()
    name = os.path.join(FAILURES, "%s-%08x" % (kind, zlib.crc32(data)))
    shutil.copyfile(path, name + ".wasm")
    with open(name + ".txt", "w") as f:
        f.write(note + "\n")
    return name + ".wasm"


def reduce(saved, args):
    """Shrinks a divergent module with wasm-tools shrink; returns the reduced path or None."""
    predicate = tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False)
    predicate.write("#!/bin/sh\n%s %s --predicate \"$1\" --swasm-fuzz %s --fuel %d --sets %d\n"
                    % (sys.executable, os.path.abspath(__file__), args.swasm_fuzz, args.fuel, args.sets))
    predicate.close()
    os.chmod(predicate.name, 0o755)
    out = saved[:-len(".wasm")] + ".reduced.wasm"
    try:
        r = subprocess.run([fuzz_smith.WASM_TOOLS, "shrink", "--attempts", "300", predicate.name, saved, "-o", out],
                           capture_output=True, timeout=1800)
        return out if r.returncode == 0 and os.path.exists(out) else None
    except subprocess.TimeoutExpired:
        return None
    finally:
        os.unlink(predicate.name)


class Campaign:
    """Counts and findings of a run over batches of modules."""

    def __init__(self, args):
        self.args = args
        self.wasmtime = Wasmtime(args.fuel)
        # --dirs: modules without canonical NaNs; those whose results under wasmtime change
        # with NaN canonicalization are set aside.
        self.canonical = Wasmtime(args.fuel, canonicalize_nans=True) if args.dirs else None
        self.totals = {"modules": 0, "same": 0, "resource-limited": 0, "nan-sensitive": 0,
                       "beyond-2.0": 0, "tool-limits": 0, "gc-gated": 0, "diverged": 0, "crashed": 0, "lines compared": 0,
                       "calls compared": 0, "calls skipped": 0, "no-checkpoint lines": 0}
        self.findings = []

    def run_batch(self, paths, label):
        args, totals = self.args, self.totals
        got, _, _ = run_swasm(args.swasm_fuzz, paths, args.fuel, args.sets)
        self.without_checkpoints([p for p in paths if p.endswith("-t.wasm") and p in got], got, label)
        for path in paths:
            totals["modules"] += 1
            if path not in got:
                # The batch died here (or earlier): run this module alone to see.
                alone, code, err = run_swasm(args.swasm_fuzz, [path], args.fuel, args.sets, timeout=60)
                if path not in alone:
                    totals["crashed"] += 1
                    saved = save_failure(path, "crash", "SwasmFuzz exec %s: exit %s\n%s" % (path, code, err[-4000:]))
                    self.findings.append("CRASH %s (exit %s)" % (saved, code))
                    print("  CRASH: %s -> %s" % (path, saved), flush=True)
                    continue
                got[path] = alone[path]
            with open(path, "rb") as f:
                data = f.read()
            mine = self.wasmtime.run(data, args.sets)
            if self.canonical and self.canonical.run(data, args.sets) != mine:
                # Results depend on NaN bits, which the spec leaves open: compare loosely.
                totals["nan-sensitive"] += 1
                verdict, compared, skipped, detail = compare([loosen(x) for x in got[path]], [loosen(x) for x in mine])
            else:
                verdict, compared, skipped, detail = compare(got[path], mine)
            if verdict == "diverged" and (got[path][0].startswith("load ") or mine[0].startswith("load ")):
                # Accepted by one engine only: wasm-tools says which is right for 2.0 (wasmtime
                # accepts some later proposals that have no switch in the bindings), unless it
                # rejects for one of its own implementation limits.
                valid, message = validate_2_0(path)
                swasm_accepts = not got[path][0].startswith("load ")
                if valid == swasm_accepts:
                    verdict = "beyond-2.0"
                elif swasm_accepts and any(w in message for w in TOOL_LIMITS):
                    verdict = "tool-limits"
                elif swasm_accepts and fuzz_smith.WASM3 and any(w in message for w in GC_GATED):
                    verdict = "gc-gated"
            totals[verdict] += 1
            totals["lines compared"] += compared
            totals["calls skipped"] += skipped
            if verdict == "same":
                totals["calls compared"] += sum(1 for line in mine if line.startswith("call ")) - skipped
            if verdict == "diverged":
                self.diverged(path, "%s, %s" % (label, os.path.basename(path)), detail)

    def without_checkpoints(self, paths, got, label):
        """Modules whose execution smith bounds run again without engine fuel, so compiled
        without checkpoints (swasm's default code): the answers must be the same."""
        if not paths:
            return
        plain, code, err = run_swasm(self.args.swasm_fuzz, paths, None, self.args.sets)
        for path in paths:
            if path not in plain:
                saved = save_failure(path, "no-checkpoints", "SwasmFuzz exec without fuel on %s: exit %s\n%s"
                                     % (path, code, err[-4000:]))
                self.findings.append("CRASH OR HANG without checkpoints %s (exit %s)" % (saved, code))
                print("  CRASH OR HANG without checkpoints: %s -> %s" % (path, saved), flush=True)
                return  # the rest of the batch is missing too
            verdict, compared, _, detail = compare(plain[path], got[path])
            self.totals["no-checkpoint lines"] += compared
            if verdict == "diverged":
                detail = "without checkpoints " + detail.replace("wasmtime", "with checkpoints")
                self.diverged(path, "%s, %s" % (label, os.path.basename(path)), detail)

    def diverged(self, path, where, detail):
        saved = save_failure(path, "divergence", "divergence (fuzz_differential %s): %s" % (where, detail))
        print("  DIVERGENCE: %s -> %s\n    %s" % (path, saved, detail), flush=True)
        finding = "DIVERGENCE %s: %s" % (saved, detail)
        if not self.args.no_reduce:
            reduced = reduce(saved, self.args)
            if reduced:
                finding += " (reduced: %s)" % reduced
                print("    reduced: %s" % reduced, flush=True)
        self.findings.append(finding)

    def progress(self, start):
        print("  %.1f s: %s" % (time.time() - start, ", ".join("%s %d" % kv for kv in self.totals.items())), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--modules", type=int, default=1000)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--batch", type=int, default=500)
    p.add_argument("--sets", type=int, default=3)
    p.add_argument("--fuel", type=int, default=5_000_000)
    p.add_argument("--swasm-fuzz", default=fuzz_smith.DEFAULT_FUZZ_BIN)
    p.add_argument("--no-reduce", action="store_true")
    p.add_argument("--keep", action="store_true")
    p.add_argument("--compare", nargs="+", metavar="FILE")
    p.add_argument("--predicate", metavar="FILE")
    p.add_argument("--dirs", nargs="+", metavar="DIR")
    args = p.parse_args()

    if args.predicate:
        sys.exit(0 if valid_2_0(args.predicate)
                 and diverges(args.predicate, args.swasm_fuzz, args.fuel, args.sets, Wasmtime(args.fuel)) else 1)
    if args.compare:
        wasmtime = Wasmtime(args.fuel)
        for path in args.compare:
            with open(path, "rb") as f:
                mine = wasmtime.run(f.read(), args.sets)
            got, code, err = run_swasm(args.swasm_fuzz, [path], args.fuel, args.sets)
            theirs = got.get(path, ["<crashed: exit %s> %s" % (code, err.strip()[-500:])])
            print("%s: %s" % (path, compare(theirs, mine)))
            for n in range(max(len(mine), len(theirs))):
                a = theirs[n] if n < len(theirs) else ""
                b = mine[n] if n < len(mine) else ""
                print("  %s %-60s | %s" % (" " if normalize(a) == normalize(b) else "!", a, b))
        return

    campaign = Campaign(args)
    start = time.time()
    if args.dirs:
        paths = sorted(os.path.join(root, f) for d in args.dirs for root, _, files in os.walk(d)
                       for f in files if f.endswith(".wasm"))
        print("fuzz_differential: %d modules from %s, fuel %d, %d argument sets"
              % (len(paths), " ".join(args.dirs), args.fuel, args.sets), flush=True)
        for first in range(0, len(paths), args.batch):
            campaign.run_batch(paths[first:first + args.batch], "--dirs")
            campaign.progress(start)
    else:
        out = os.path.join(ROOT, ".build", "fuzz", "diff-%d" % args.seed)
        print("fuzz_differential: seed %d, %d modules, fuel %d, %d argument sets, in %s"
              % (args.seed, args.modules, args.fuel, args.sets, out), flush=True)
        for first in range(0, args.modules, args.batch):
            count = min(args.batch, args.modules - first)
            batch_dir = os.path.join(out, "%07d" % first)
            paths, _ = fuzz_smith.generate(args.seed, first, count, batch_dir, "diff", args.jobs)
            campaign.run_batch(paths, "--seed %d" % args.seed)
            campaign.progress(start)
            if not args.keep and not campaign.findings:
                shutil.rmtree(batch_dir, ignore_errors=True)
    t = campaign.totals
    print("fuzz_differential: %d modules in %.1f s: %d same, %d resource-limited (swasm limit, or fuel or "
          "stack in either engine while instantiating), %d NaN-sensitive (compared loosely), "
          "%d beyond 2.0 (wasmtime accepts), "
          "%d over wasmparser's implementation limits, %d valid 3.0 that wasmparser ties to GC, "
          "%d diverged, %d crashed; %d lines compared, "
          "%d calls compared in modules without divergence, %d calls skipped (fuel or stack); "
          "%d lines the same with and without checkpoints"
          % (t["modules"], time.time() - start, t["same"], t["resource-limited"], t["nan-sensitive"],
             t["beyond-2.0"], t["tool-limits"], t["gc-gated"], t["diverged"], t["crashed"], t["lines compared"], t["calls compared"],
             t["calls skipped"], t["no-checkpoint lines"]), flush=True)
    for f in campaign.findings:
        print("  " + f)
    sys.exit(1 if campaign.findings else 0)


if __name__ == "__main__":
    main()
