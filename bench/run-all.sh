#!/usr/bin/env bash
# Every benchmark in one run, then one summary: bench/results/summary.md (each figure against its target) and
# bench/results/summary.svg (a chart drawn from the same numbers). About 12-15 minutes on 2 cores.
#   1. the engine in process vs the botbuilder-js peer (run-engine-vs-botbuilder.sh)
#   2. HTTP POST /api/messages with expectReplies: bare endpoint, botbuilder-js peer, CaaBot on SQLite and on its in-memory
#      store; memory at 10,000 active conversations; start to first answer (run-http-load.sh); then CaaBot on a throwaway
#      local PostgreSQL (run-http-postgres.sh, when PostgreSQL 15 is installed)
#   3. Direct Line over WebSocket, N = 1,000 (run-directline-load.sh)
#   4. the outage burst: 2,000 people with one code escalating at once (run-burst.sh)
#
# Usage: bench/run-all.sh [--postgres <connection string>] [--host-env A=1,B=2]
#   --postgres and --host-env go to the HTTP load (the CaaBot host only); the other parts are unchanged.
# Environment: DIRECTLINE_COUNTS (default 1000), HTTP_ARGS (more options for run-http-load.sh, e.g. "--seconds 5").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
started=$(date +%s)
rm -f "$bench/results/engine-vs-botbuilder.json" "$bench/results/http-load.json" "$bench/results/http-load-postgres.json" "$bench/results/directline-websocket-load.json" "$bench/results/burst.json"

echo "#### 1/4 engine vs botbuilder-js (in process)"
"$bench/run-engine-vs-botbuilder.sh"

echo "#### 2/4 HTTP expectReplies load, memory, start-up"
# shellcheck disable=SC2086
"$bench/run-http-load.sh" "$@" ${HTTP_ARGS:-}

echo "#### 2b/4 the same HTTP load with the host on PostgreSQL (a throwaway local server)"
if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    # shellcheck disable=SC2086
    "$bench/run-http-postgres.sh" ${HTTP_ARGS:-}
else
    echo "   skipped: PostgreSQL 15 is not installed (apt-get install -y postgresql; ./test.sh installs it)"
fi

echo "#### 3/4 Direct Line over WebSocket"
"$bench/run-directline-load.sh" --counts "${DIRECTLINE_COUNTS:-1000}"

echo "#### 4/4 outage burst"
"$bench/run-burst.sh"

echo "#### summary"
node "$bench/summary.js" "$bench/results"
echo "== all benchmarks in $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s"
