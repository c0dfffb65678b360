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
  { apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql >/dev/null; } || { echo "installing postgresql failed"; echo "0 passed, 1 failed"; exit 1; }
fi

log "Request Tracker 5 for the helpdesk connector tests (Debian's packages, SQLite, standalone server; the tests start their own instance)"
if [ ! -x /usr/share/request-tracker5/libexec/rt-server ] || [ ! -x /usr/sbin/rt-setup-database-5 ]; then
  # Preseeded so the package makes no database of its own and asks nothing.
  debconf-set-selections <<'PRESEED'
request-tracker5 request-tracker5/dbconfig-install boolean false
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/rtname string caabot-test
request-tracker5 request-tracker5/organization string caabot.test
request-tracker5 request-tracker5/correspondaddress string rt@caabot.test
request-tracker5 request-tracker5/commentaddress string rt-comment@caabot.test
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1
PRESEED
  # msmtp-mta keeps apt from pulling in exim4; w3m avoids a warning on every request.
  { apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
      request-tracker5 rt5-db-sqlite rt5-standalone rt5-clients msmtp-mta w3m >/dev/null; } || { echo "installing Request Tracker failed"; echo "0 passed, 1 failed"; exit 1; }
fi

log "SMTP sink for the email connector tests (Debian's python3-aiosmtpd)"
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  { apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends python3-aiosmtpd >/dev/null; } || { echo "installing python3-aiosmtpd failed"; echo "0 passed, 1 failed"; exit 1; }
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
