#!/usr/bin/env bash
# Bounded load test of the example server on loopback (make example-load): starts it, runs wrk
# for the stdio demo alone, then with trapping and spinning requests mixed in, and prints
# requests/s, p50/p99 latency and the server's RSS after a 10 s run and after 90 s more (about 10x the requests).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8089}
server=.build/release/SwasmServer
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
# A spinning request stops after 20 million units of fuel (tens of ms), or 0.5 s at most.
"$server" --modules modules --port "$port" --fuel 20000000 --timeout 0.5 --max-memory-pages 1024 > .build/server.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/modules" && break
    sleep 0.1
done
rss() { awk '/VmRSS/ { print $2 / 1024 " MB" }' "/proc/$pid/status"; }
# wrk with one thread and 8 connections for SECONDS; prints the requests it completed.
# (Runs are timed rather than counted: a wrk thread stopped from a response callback still
# waits out the whole duration.)
load() {
    MIX=$2 wrk -t1 -c8 -d"$1"s --latency -s Scripts/load.lua "http://127.0.0.1:$port" |
        awk '/requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
             /Non-2xx/ { errors = $5 } END { printf "%s requests, %s requests/s, p50 %s, p99 %s, non-2xx %s\n", n, rps, p50, p99, errors + 0 }'
}
echo "stdio demo, 10 s:                         $(load 10 0)"
echo "  server RSS after it:                    $(rss)"
echo "stdio demo, 90 s more:                    $(load 90 0)"
echo "  server RSS after it:                    $(rss)"
echo "with 10% trapping + 5% spinning, 10 s:    $(load 10 1)"
echo "  server RSS after it:                    $(rss)"
