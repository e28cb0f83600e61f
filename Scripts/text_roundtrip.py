#!/usr/bin/env python3
"""Round trip through the text format: `wasm-tools smith` modules, printed by `wasm-tools print`,
parsed back by swasm, must give smith's binary again (custom sections aside).

usage: .venv/bin/python Scripts/text_roundtrip.py [--modules N] [--seed N] [--jobs N] [--swasm BIN] [--keep]

Module i of campaign N is smith's answer to random bytes drawn from Random("text:N:i"), with
the WebAssembly 3.0 proposals (all of which swasm's text parser reads) each switched on at
random: GC and typed function references, exceptions, tail calls, memory64, multi-memory,
relaxed SIMD, extended constants. One `swasm text-roundtrip` process then compares them all.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fuzz_smith import WASM_TOOLS, flag  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Post-3.0 proposals the text parser does not read: always off.
BEYOND_3_0 = [
    "--threads-enabled", "false",
    "--shared-everything-threads-enabled", "false",
    "--wide-arithmetic-enabled", "false",
    "--custom-page-sizes-enabled", "false",
    "--custom-descriptors-enabled", "false",
    "--compact-imports-enabled", "false",
]


def smith_args(rng):
    args = list(BEYOND_3_0)
    gc = rng.random() < 0.5
    args += flag("--gc-enabled", gc)
    args += flag("--reference-types-enabled", gc or rng.random() < 0.9)
    args += flag("--exceptions-enabled", rng.random() < 0.5)
    args += flag("--tail-call-enabled", rng.random() < 0.5)
    args += flag("--memory64-enabled", rng.random() < 0.4)
    args += flag("--relaxed-simd-enabled", rng.random() < 0.4)
    args += flag("--extended-const-enabled", rng.random() < 0.5)
    args += flag("--simd-enabled", rng.random() < 0.7)
    args += flag("--max-memories", rng.choice([1, 1, 2, 4]))
    args += flag("--max-tables", rng.choice([1, 2, 5]))
    args += flag("--max-funcs", rng.choice([4, 10, 30, 100]))
    args += flag("--max-instructions", rng.choice([50, 200, 1000, 5000]))
    args += flag("--max-types", rng.choice([10, 50, 200]))
    args += flag("--min-funcs", rng.choice([0, 1, 3]))
    args += flag("--max-imports", rng.choice([0, 2, 10]))
    args += flag("--export-everything", rng.random() < 0.5)
    args += flag("--generate-custom-sections", rng.random() < 0.2)
    args += flag("--canonicalize-nans", rng.random() < 0.3)
    return args


def generate_one(seed, index, out_dir):
    rng = random.Random("text:%s:%s" % (seed, index))
    data = rng.randbytes(rng.choice([256, 1024, 4096, 16384]) + rng.randrange(256))
    base = os.path.join(out_dir, "m%07d" % index)
    r = subprocess.run([WASM_TOOLS, "smith", "-o", base + ".wasm"] + smith_args(rng), input=data, capture_output=True)
    if r.returncode != 0:
        return "smith failed"
    r = subprocess.run([WASM_TOOLS, "print", base + ".wasm", "-o", base + ".wat"], capture_output=True)
    if r.returncode != 0:
        os.remove(base + ".wasm")
        return "print failed"
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--modules", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--swasm", default=os.path.join(ROOT, ".build", "release", "swasm"))
    parser.add_argument("--keep", action="store_true", help="keep the modules (printed directory)")
    args = parser.parse_args()
    out_dir = tempfile.mkdtemp(prefix="swasm-text-roundtrip-")
    # Module indices past --modules replace those smith or print could not make, so that
    # exactly --modules modules are compared.
    failures = {}
    next_index, printed = 0, 0
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        while printed < args.modules:
            batch = range(next_index, next_index + args.modules - printed)
            next_index += len(batch)
            for reason in pool.map(lambda i: generate_one(args.seed, i, out_dir), batch):
                if reason:
                    failures[reason] = failures.get(reason, 0) + 1
                else:
                    printed += 1
    skipped = ", ".join("%d %s" % (n, r) for r, n in sorted(failures.items())) or "none"
    print("text round trip: seed %d, %d smith modules printed (indices not made: %s)" % (args.seed, printed, skipped))
    status = subprocess.run([args.swasm, "text-roundtrip", out_dir]).returncode
    if args.keep or status != 0:
        print("modules kept in", out_dir)
    else:
        shutil.rmtree(out_dir)
    return status


if __name__ == "__main__":
    sys.exit(main())
