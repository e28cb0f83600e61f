#!/usr/bin/env python3
"""Prints the README's conformance tables from a fresh `swasm spec` run.

usage: python3 Scripts/conformance_table.py SWASM SPEC_DIR
"""
import re
import subprocess
import sys

# Which 2.0 suite files cover which proposal (the rest are core 1.0 features, rechecked).
PROPOSALS = [
    ("Multi-value", ["block", "br", "br_if", "call", "call_indirect", "fac", "func", "if", "loop", "type"]),
    ("Reference types", ["ref_func", "ref_is_null", "ref_null", "select", "table", "table-sub", "table_fill",
                         "table_get", "table_grow", "table_set", "table_size", "linking", "imports", "exports"]),
    ("Bulk memory", ["bulk", "memory_copy", "memory_fill", "memory_init", "table_copy", "table_init", "data", "elem"]),
    ("Sign extension", ["i32", "i64"]),
    ("Saturating float-to-int", ["conversions"]),
    ("Fixed-width SIMD", None),  # every simd_*.json
]


def run(swasm, path):
    out = subprocess.run([swasm, "spec", "--skips", "Spec/skips.txt", path], capture_output=True, text=True).stdout
    files = {}
    for line in out.splitlines():
        m = re.match(r"(\S+)\.json: (\d+) passed, (\d+) failed, (\d+) skipped", line)
        if m:
            files[m.group(1)] = tuple(int(m.group(i)) for i in (2, 3, 4))
    total = re.search(r"total: (\d+) passed, (\d+) failed, (\d+) skipped", out)
    return files, tuple(int(x) for x in total.groups())


def main():
    swasm, spec = sys.argv[1], sys.argv[2]
    v1, t1 = run(swasm, f"{spec}/wasm-1.0/json")
    v2, t2 = run(swasm, f"{spec}/wasm-2.0/json")
    print("| Suite | Files | Passed | Failed | Skipped |")
    print("|---|---:|---:|---:|---:|")
    print(f"| WebAssembly 1.0 | {len(v1)} | {t1[0]} | {t1[1]} | {t1[2]} |")
    print(f"| WebAssembly 2.0 | {len(v2)} | {t2[0]} | {t2[1]} | {t2[2]} |")
    print()
    print("| 2.0 feature | Suite files | Passed | Failed | Skipped |")
    print("|---|---|---:|---:|---:|")
    for name, names in PROPOSALS:
        if names is None:
            names = sorted(n for n in v2 if n.startswith("simd_"))
            label = f"{len(names)} files `simd_*`"
        else:
            label = ", ".join(f"`{n}`" for n in names)
        p = sum(v2[n][0] for n in names if n in v2)
        f = sum(v2[n][1] for n in names if n in v2)
        s = sum(v2[n][2] for n in names if n in v2)
        print(f"| {name} | {label} | {p} | {f} | {s} |")


if __name__ == "__main__":
    main()
