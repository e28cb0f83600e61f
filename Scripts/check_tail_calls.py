#!/usr/bin/env python3
"""Checks, in a release binary, that every interpreter handler passes control to the next one
with a jump (a tail call), never with a call that would grow the native stack.

usage: python3 Scripts/check_tail_calls.py .build/release/swasm
Needs objdump (binutils). Exits 1 and names the handlers that do not tail-call.
"""
import re
import shutil
import subprocess
import sys


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/swasm"
    if not shutil.which("objdump"):
        print("check_tail_calls: objdump not found, skipped")
        return 0
    text = subprocess.run(["objdump", "-d", "--no-show-raw-insn", binary],
                          capture_output=True, text=True, check=True).stdout
    functions = re.split(r"\n(?=[0-9a-f]+ <)", text)
    handlers = {}
    for f in functions:
        m = re.match(r"([0-9a-f]+) <(\$s5Swasm[0-9]+op_(\w+?)ySiSpy[^>]*)>:", f)
        if m:
            handlers[m.group(2)] = (m.group(3), f)
    bad = []
    for symbol, (name, body) in handlers.items():
        # An indirect call would be a handler called without a tail call.
        if re.search(r"\bcall\s+\*", body):
            bad.append(f"{name}: indirect call")
        for callee in re.findall(r"\bcall\s+[0-9a-f]+ <([^>]+)>", body):
            if callee in handlers:
                bad.append(f"{name}: calls handler {handlers[callee][0]}")
    if not handlers:
        print("check_tail_calls: no handlers found (symbols stripped?)")
        return 1
    if bad:
        print("check_tail_calls: handlers that do not tail-call:\n  " + "\n  ".join(bad))
        return 1
    print(f"check_tail_calls: all {len(handlers)} handlers dispatch with jumps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
