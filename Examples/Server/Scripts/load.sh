#!/usr/bin/env bash
# Bounded load test of the example server on loopback (make example-load): starts it, runs wrk
# for the stdio demo alone, then with trapping and spinning requests mixed in, and prints
# requests/s, p50/p99 latency and the server's RSS after 10,000 and after 100,000 requests.
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
# wrk with one thread and 8 connections; LIMIT responses, then it stops.
load() {
    LIMIT=$1 MIX=$2 wrk -t1 -c8 -d300s --latency -s Scripts/load.lua "http://127.0.0.1:$port" |
        awk '/requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
             /Non-2xx/ { errors = $5 } END { printf "%s requests, %s requests/s, p50 %s, p99 %s, non-2xx %s\n", n, rps, p50, p99, errors + 0 }'
}
echo "stdio demo, 10,000 requests:            $(load 10000 0)"
echo "  server RSS after 10,000 requests:     $(rss)"
echo "stdio demo, 90,000 more requests:       $(load 90000 0)"
echo "  server RSS after 100,000 requests:    $(rss)"
echo "with 10% trapping + 5% spinning, 10,000: $(load 10000 1)"
echo "  server RSS after 110,000 requests:    $(rss)"
