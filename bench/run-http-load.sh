#!/usr/bin/env bash
# POST /api/messages with deliveryMode "expectReplies": turns per second and p50/p99 latency at concurrency 1, 8 and 64
# against a bare ASP.NET Core endpoint (the ceiling), the botbuilder-js peer (node bench/js-peer/server.js) and the real
# CaaBot.Web host (Release, Development, anonymous, SQLite in a fresh temp directory) on the 0xCAA20003 journey; then
# CaaBot's RSS and persisted bytes with 10,000 active conversations and its time from process start to the first answer.
# Targets run pinned to CPU 0, the driver to CPU 1 (when the machine has 2 or more and taskset exists).
# Writes bench/results/http-load.json (bench/summary.js turns it into tables and a chart).
#
# Usage: bench/run-http-load.sh [--postgres <connection string>] [--host-env A=1,B=2] [--concurrency 1,8,64]
#                               [--seconds 10] [--warmup-seconds 30] [--memory-conversations 10000] [--startup-runs 3]
#                               [--parts bare,peer,caabot,memory,startup] [--server-cpus 0] [--host <CaaBot.Web.dll>]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
logs_dir="$root/bench/results/logs"
mkdir -p "$logs_dir"

if [[ ! -d "$root/bench/js-peer/node_modules" ]]; then
    echo "== Installing the botbuilder-js peer (npm ci in bench/js-peer)"
    (cd "$root/bench/js-peer" && npm_config_yes=true npm ci --no-audit --no-fund)
fi

echo "== Building CaaBot.Web and the load driver (Release)"
for project in src/CaaBot.Web/CaaBot.Web.csproj bench/CaaBot.LoadDriver/CaaBot.LoadDriver.csproj; do
    dotnet build "$root/$project" -c Release --nologo -v quiet -clp:ErrorsOnly >"$logs_dir/build-http.log" 2>&1 \
        || { cat "$logs_dir/build-http.log"; exit 1; }
done

pin=()
server_cpus=()
if command -v taskset >/dev/null 2>&1 && [[ "$(nproc --all)" -ge 2 ]]; then
    pin=(taskset -c 1)
else
    server_cpus=(--server-cpus "")
fi

echo "== Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc --all) cores"
"${pin[@]}" dotnet "$root/bench/CaaBot.LoadDriver/bin/Release/net10.0/CaaBot.LoadDriver.dll" http \
    --out "$root/bench/results/http-load.json" "${server_cpus[@]}" "$@"
