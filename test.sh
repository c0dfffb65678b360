#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh machine, then runs every test.
# This is the README's test command; .ci/run runs exactly this.
# Last line of output: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

log "Node packages for the real-client tests (npm ci from committed lock files)"
for dir in tests/e2e-clients; do
  if [ -f "$dir/package-lock.json" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error || { echo "npm ci failed in $dir"; echo "0 passed, 1 failed"; exit 1; }
  fi
done

log "Chromium for the Web Chat browser tests (Debian's package; Playwright drives /usr/bin/chromium)"
if ! command -v chromium >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || { echo "installing chromium failed"; echo "0 passed, 1 failed"; exit 1; }
fi

log "PostgreSQL 15 for the storage, web and multi-instance tests (Debian's package; the tests start their own servers)"
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } || { echo "installing postgresql failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# src/CaaBot.Web/webchat (the official Web Chat bundle) is installed by the CaaBot.Web build itself (npm ci from its lock file).
log "Build"
if ! dotnet build CaaBot.sln -c Release --nologo -v quiet; then
  echo "0 passed, 1 failed"
  exit 1
fi

log "Publish check (what deploy/Dockerfile's build stage runs: the same publish, reusing this build)"
publish_dir=$(mktemp -d)
publish_ok=1
deploy/publish.sh "$publish_dir" --no-build || publish_ok=0
rm -rf "$publish_dir"

log "Tests"
results=$(mktemp -d)
dotnet test CaaBot.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

# Count outcomes from the TRX files, so a crashed test host cannot hide behind a partial summary.
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# The publish check counts as one test.
if [ "$publish_ok" -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the runner failed without a failing test to show for it (crash, build or discovery error)
fi
rm -rf "$results"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
