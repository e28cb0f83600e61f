#!/usr/bin/env python3
"""Two swasm builds side by side on the C kernels of Fixtures/bench: median CPU time (user +
system) of N alternating runs each, as a Markdown table. For checking that a change does not
slow the interpreter down (`make bench` compares runtimes; this compares commits).

  python3 Scripts/compare_builds.py OLD_SWASM NEW_SWASM [--runs 5]
"""
import argparse, resource, statistics, subprocess

KERNELS = ["fib", "sieve", "matmul", "hash", "nbody", "coremark_like", "tinylang"]


def cpu_seconds(swasm, kernel):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([swasm, "run", f"Fixtures/bench/{kernel}.wasm"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print("| kernel | old (s) | new (s) | new/old |\n|---|---:|---:|---:|")
    for kernel in KERNELS:
        old, new = [], []
        for _ in range(args.runs):  # alternate, so that machine noise hits both alike
            old.append(cpu_seconds(args.old, kernel))
            new.append(cpu_seconds(args.new, kernel))
        a, b = statistics.median(old), statistics.median(new)
        print(f"| {kernel} | {a:.3f} | {b:.3f} | {b / a:.3f} |", flush=True)


if __name__ == "__main__":
    main()
