#!/usr/bin/env python3
"""Prints the README's conformance tables from fresh `swasm spec` runs.

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
    ("Fixed-width SIMD", None),  # every simd_*
]


def run(swasm, path):
    out = subprocess.run([swasm, "spec", "--skips", "Spec/skips.txt", "--features", "Spec/features.txt"] + path.split(" "),
                         capture_output=True, text=True).stdout
    files, skips = {}, {}
    for line in out.splitlines():
        m = re.match(r"(\S+)\.(?:json|wast): (\d+) passed, (\d+) failed, (\d+) skipped", line)
        if m:
            files[m.group(1)] = tuple(int(m.group(i)) for i in (2, 3, 4))
        m = re.match(r"\s+SKIP (\d+) commands: needs (.*) \(not implemented by the engine\)", line)
        if m:
            skips[m.group(2)] = skips.get(m.group(2), 0) + int(m.group(1))
    total = re.search(r"total: (\d+) passed, (\d+) failed, (\d+) skipped", out)
    return files, tuple(int(x) for x in total.groups()), skips


def main():
    swasm, spec = sys.argv[1], sys.argv[2]
    runs = [
        ("WebAssembly 1.0", "JSON (wast2json)", f"{spec}/wasm-1.0/json"),
        ("WebAssembly 1.0", "`.wast`", f"{spec}/wasm-1.0/wast"),
        ("WebAssembly 2.0", "JSON (wast2json)", f"{spec}/wasm-2.0/json"),
        ("WebAssembly 2.0", "`.wast`", f"{spec}/wasm-2.0/wast"),
        ("WebAssembly 3.0", "`.wast`", f"{spec}/wasm-3.0/wast"),
        ("WebAssembly 3.0", "JSON (wast2json)", f"{spec}/wasm-3.0/json"),
        ("WebAssembly 3.0", "JSON (wasm-tools: `tag`, `try_table`)", f"{spec}/wasm-3.0/json-wasm-tools/tag.json "
                                                                     f"{spec}/wasm-3.0/json-wasm-tools/try_table.json"),
    ]
    results = {path: run(swasm, path) for _, _, path in runs}
    print("| Suite | Scripts | Files | Passed | Failed | Skipped |")
    print("|---|---|---:|---:|---:|---:|")
    for suite, form, path in runs:
        files, total, _ = results[path]
        print(f"| {suite} | {form} | {len(files)} | {total[0]} | {total[1]} | {total[2]} |")
    print()
    v2 = results[f"{spec}/wasm-2.0/wast"][0]
    print("| 2.0 feature | Suite files | Passed | Failed | Skipped |")
    print("|---|---|---:|---:|---:|")
    for name, names in PROPOSALS:
        if names is None:
            names = sorted(n for n in v2 if n.startswith("simd_"))
            label = f"{len(names)} files `simd_*`"
        else:
            label = ", ".join(f"`{n}`" for n in names)
        p, f, s = (sum(v2[n][i] for n in names if n in v2) for i in range(3))
        print(f"| {name} | {label} | {p} | {f} | {s} |")
    print()
    skips = results[f"{spec}/wasm-3.0/wast"][2]
    print("| 3.0 commands skipped because the engine lacks | Commands |")
    print("|---|---:|")
    for needs, count in sorted(skips.items(), key=lambda kv: -kv[1]):
        print(f"| {needs} | {count} |")


if __name__ == "__main__":
    main()
