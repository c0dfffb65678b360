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
# shellcheck source=bench/load-driver.sh
source "$root/bench/load-driver.sh"

build_host_and_driver burst
run_pinned_driver burst "$root/bench/results/burst.json" "$@"
