#!/bin/bash
# Compares `swasm wit` with `wasm-tools component wit` on every component given (e.g.
# ../shared/spec/component-model/json/*.wasm Fixtures/components/*.wasm): prints each
# difference and the figures. Components wasm-tools cannot print as WIT are not counted.
# Usage: Scripts/compare_wit.sh [SWASM] FILE.wasm...   (SWASM defaults to .build/release/swasm)
SWASM=.build/release/swasm
if [ -x "$1" ] && [[ "$1" != *.wasm ]]; then SWASM=$1; shift; fi
WASM_TOOLS=${WASM_TOOLS:-.venv/bin/wasm-tools}
same=0; different=0
for f in "$@"; do
  expected=$("$WASM_TOOLS" component wit "$f" 2>/dev/null) || continue
  actual=$("$SWASM" wit "$f" 2>&1)
  if [ "$expected" == "$actual" ]; then
    same=$((same + 1))
  else
    different=$((different + 1))
    echo "DIFFERENT $f"
    diff <(echo "$expected") <(echo "$actual") | head -8
  fi
done
echo "swasm wit: $same components print as wasm-tools prints them, $different differently"
[ "$different" == 0 ]
