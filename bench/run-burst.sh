#!/usr/bin/env bash
# The outage burst: a fresh CaaBot.Web host (Release, Development, anonymous, SQLite in a temp directory, incident
# threshold 10), warmed up, then 2,000 people report the same code and go straight to a person over POST /api/messages
# with expectReplies, 64 at a time, as fast as the host answers. Reports turn latency p50/p99 and turns/s during the burst,
# and how many got a ticket of their own or joined the one incident. The host runs pinned to CPU 0, the driver to CPU 1.
# Writes bench/results/burst.json (bench/summary.js adds it to summary.md).
#
# Usage: bench/run-burst.sh [--users 2000] [--concurrency 64] [--threshold 10] [--warmup-conversations 200]
#                           [--postgres <connection string>] [--host-env A=1,B=2] [--server-cpus 0] [--host <CaaBot.Web.dll>]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
logs_dir="$root/bench/results/logs"
mkdir -p "$logs_dir"

echo "== Building CaaBot.Web and the load driver (Release)"
for project in src/CaaBot.Web/CaaBot.Web.csproj bench/CaaBot.LoadDriver/CaaBot.LoadDriver.csproj; do
    dotnet build "$root/$project" -c Release --nologo -v quiet -clp:ErrorsOnly >"$logs_dir/build-burst.log" 2>&1 \
        || { cat "$logs_dir/build-burst.log"; exit 1; }
done

pin=()
server_cpus=()
if command -v taskset >/dev/null 2>&1 && [[ "$(nproc --all)" -ge 2 ]]; then
    pin=(taskset -c 1)
else
    server_cpus=(--server-cpus "")
fi

echo "== Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc --all) cores"
"${pin[@]}" dotnet "$root/bench/CaaBot.LoadDriver/bin/Release/net10.0/CaaBot.LoadDriver.dll" burst \
    --out "$root/bench/results/burst.json" "${server_cpus[@]}" "$@"
