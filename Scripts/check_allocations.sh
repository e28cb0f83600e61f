#!/usr/bin/env bash
# Checks that typed calls allocate nothing: runs the typed host-call loop (wasm -> Swift) and the
# typed export loop (Swift -> wasm) of SwasmBench under valgrind, with 1,000 and with 101,000
# calls, and compares the heap allocation counts valgrind reports. Any per-call allocation
# would add 200,000 allocations (two runs of 100,000 more calls); fixed set-up costs cancel out.
#
# usage: Scripts/check_allocations.sh .build/release/SwasmBench
set -euo pipefail
bench=${1:-.build/release/SwasmBench}
if ! command -v valgrind >/dev/null; then
    echo "check_allocations: valgrind not found, skipped"
    exit 0
fi
allocations() {
    valgrind "$bench" host-call --loops "$1" --calls "$2" --repeats 1 2>&1 >/dev/null |
        sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
}
status=0
for loop in host_loop typed_export values_loop; do
    few=$(allocations "$loop" 1000)
    many=$(allocations "$loop" 101000)
    extra=$((many - few))
    echo "check_allocations: $loop: $few allocations with 2 x 1,000 calls, $many with 2 x 101,000 (+$extra)"
    # The [Value] loop is the control: it must show its per-call allocations.
    if [ "$loop" = values_loop ]; then
        [ "$extra" -ge 200000 ] || { echo "check_allocations: the control loop shows no allocations"; status=1; }
    elif [ "$extra" -ge 100 ]; then
        echo "check_allocations: $loop allocates per call"
        status=1
    fi
done
exit $status
