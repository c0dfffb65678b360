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
#                               [--parts bare,peer,caabot,caabot-inmemory,memory,startup] [--server-cpus 0] [--host <CaaBot.Web.dll>]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/load-driver.sh
source "$root/bench/load-driver.sh"

if [[ ! -d "$root/bench/js-peer/node_modules" ]]; then
    echo "== Installing the botbuilder-js peer (npm ci in bench/js-peer)"
    (cd "$root/bench/js-peer" && npm_config_yes=true npm ci --no-audit --no-fund)
fi

build_host_and_driver http
run_pinned_driver http "$root/bench/results/http-load.json" "$@"
