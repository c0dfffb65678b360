#!/usr/bin/env bash
# Opens N concurrent Direct Line WebSocket conversations (default: 100, then 1,000) against the real CaaBot.Web host
# and against a bare ASP.NET Core WebSocket peer, each started as its own process on 127.0.0.1, runs a short journey
# on every conversation and writes bench/results/directline-websocket-load.md: round trips (p50/p95/p99/max),
# turns per second, errors and timeouts, connect times, memory per connection, and CaaBot's ratios against the peer
# measured in the same run. Everything is bounded: per-turn timeouts, a fixed number of conversations, a 40-minute cap.
#
# Usage: bench/run-directline-load.sh [--counts 100,1000] [--journey-concurrency 32] [--connect-concurrency 32]
#                                    [--warmup 300] [--timeout-seconds 30] [--settle-seconds 3]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/load-driver.sh
source "$root/bench/load-driver.sh"
build_host_and_driver load

echo "== Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# The driver starts both targets itself (fresh process, fresh temp data directory for CaaBot, free port each) and
# kills them when it is done; their output goes to bench/results/logs/.
dotnet "$root/bench/CaaBot.LoadDriver/bin/Release/net10.0/CaaBot.LoadDriver.dll" \
    --out "$root/bench/results/directline-websocket-load.md" "$@"
