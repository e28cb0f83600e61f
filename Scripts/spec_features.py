#!/usr/bin/env python3
"""Proposes the per-file lines of Spec/features.txt for the WebAssembly 3.0 suite.

usage: python3 Scripts/spec_features.py SPEC_DIR

A file needs a proposal when it comes from that proposal's folder upstream (manifest.json
`source`), or when its text uses that proposal's syntax. The output is reviewed by hand:
Spec/features.txt is the data `swasm spec` reads, this only drafts it.
"""
import json
import re
import sys

FOLDERS = {
    "test/core/gc": ["gc"],
    "test/core/memory64": ["memory64"],
    "test/core/multi-memory": ["multi-memory"],
    "test/core/relaxed-simd": ["relaxed-simd"],
    "test/core/exceptions": ["exceptions"],
}

SYNTAX = [
    ("gc", r"\((?:struct|array|rec|sub)\b|\b(?:i31ref|anyref|eqref|structref|arrayref|nullref)\b|"
           r"\b(?:ref\.i31|i31\.get_[su]|ref\.test|ref\.cast|br_on_cast(?:_fail)?|any\.convert_extern|"
           r"extern\.convert_any|ref\.eq|struct\.\w+|array\.\w+)\b|\(ref (?:null )?(?:any|eq|i31|struct|array|none)\)|"
           r"\(ref\.(?:struct|array|i31|eq|any|host)\b"),
    ("function-references", r"\b(?:call_ref|return_call_ref|ref\.as_non_null|br_on_null|br_on_non_null)\b|"
                            r"\(ref (?:null )?(?:\$|\d|func\)|extern\)|nofunc|noextern)|\b(?:nullfuncref|nullexternref)\b"),
    ("tail-call", r"\breturn_call(?:_indirect)?\b"),
    ("exceptions", r"\(tag\b|\bthrow(?:_ref)?\b|\btry_table\b|\b(?:exnref|nullexnref)\b|\bnoexn\b|assert_exception"),
    ("memory64", r"\((?:memory|table)(?:\s+\$\S+)?(?:\s+\(export \"[^\"]*\"\))*(?:\s+\(import \"[^\"]*\" \"[^\"]*\"\))?\s+i64\b"),
    ("relaxed-simd", r"\.relaxed_"),
    ("extended-const", r"\((?:global|elem|data|offset)[^\n]*\((?:i32|i64)\.(?:add|sub|mul)\b"),
]


def main():
    spec = sys.argv[1]
    files = json.load(open(f"{spec}/manifest.json"))["versions"]["3.0"]["files"]
    for entry in sorted(files, key=lambda e: e["name"]):
        name = entry["name"]
        needs = list(FOLDERS.get(entry["source"].rsplit("/", 1)[0], []))
        text = open(f"{spec}/wasm-3.0/wast/{name}.wast", encoding="utf-8", errors="replace").read()
        text = re.sub(r";;[^\n]*", "", text)
        for feature, pattern in SYNTAX:
            if feature not in needs and re.search(pattern, text):
                needs.append(feature)
        if needs:
            print(f"wasm-3.0/{name}.wast {' '.join(needs)}")


if __name__ == "__main__":
    main()
