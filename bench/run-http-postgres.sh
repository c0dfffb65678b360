#!/usr/bin/env bash
# The HTTP expectReplies load against the CaaBot host on PostgreSQL: starts a throwaway PostgreSQL 15 (Debian's package,
# as the tests do: initdb into a temp folder, a free loopback port, trust authentication, removed afterwards), pinned to
# the host's CPU, then runs bench/run-http-load.sh --parts caabot --postgres against it.
# Writes bench/results/http-load-postgres.json (bench/summary.js adds it to the HTTP table and chart).
#
# Usage: bench/run-http-postgres.sh [more run-http-load.sh options, e.g. --seconds 5]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pg_bin=/usr/lib/postgresql/15/bin
if [[ ! -x "$pg_bin/initdb" ]]; then
    echo "PostgreSQL 15 is not installed ($pg_bin/initdb is missing): apt-get install -y postgresql (./test.sh installs it)." >&2
    exit 1
fi

pg_root="$(mktemp -d /tmp/caabot-bench-pg-XXXXXX)"
as_postgres=()
if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres:postgres "$pg_root"
    as_postgres=(runuser -u postgres --)
fi
pin=()
if command -v taskset >/dev/null 2>&1 && [[ "$(nproc --all)" -ge 2 ]]; then
    pin=(taskset -c 0)   # with the host, as run_pinned_driver pins it; the driver keeps CPU 1
fi

stop_postgres() {
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_root"
}
trap stop_postgres EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
echo "== PostgreSQL 15 on 127.0.0.1:$port (throwaway, $pg_root)"
"${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_root/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# synchronous_commit=off: a commit returns before its WAL is flushed, as SQLite's synchronous=NORMAL in WAL mode does;
# a crash of the machine may lose the last moments, never consistency. fsync stays on.
"${pin[@]}" "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 60 \
    -o "-p $port -k $pg_root -c listen_addresses=127.0.0.1 -c max_connections=300 -c synchronous_commit=off" start >/dev/null
"$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE caabot_bench;"

"$root/bench/run-http-load.sh" --parts caabot --postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=caabot_bench" \
    --out "$root/bench/results/http-load-postgres.json" "$@"
