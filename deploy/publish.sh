#!/usr/bin/env bash
# Publishes the host exactly as the container image is built (deploy/Dockerfile runs this script), then checks the
# output holds what the container needs and that the published app itself runs.
#   deploy/publish.sh [output folder, default artifacts/publish] [extra dotnet publish options, e.g. --no-build]
# Needs the .NET 10 SDK and node/npm (the Web Chat and Chart.js bundles are installed by the build with npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/publish}
shift || true

dotnet publish src/CaaBot.Web -c Release -o "$out" --nologo -v quiet "$@"

problems=0
need() { [ -e "$out/$1" ] || { echo "publish output lacks $1"; problems=$((problems + 1)); }; }
need CaaBot.Web.dll
need CaaBot.Web.runtimeconfig.json
need appsettings.json
need playbooks/caa20003.md
need playbooks/_shared
need wwwroot/webchat/webchat.js
need wwwroot/helpdesk/chart.umd.js
# Development-only and build-only files stay out of the image.
for unwanted in webchat/node_modules webchat/package.json helpdesk-console/node_modules helpdesk-console/package.json; do
  [ ! -e "$out/$unwanted" ] || { echo "publish output should not contain $unwanted"; problems=$((problems + 1)); }
done

# The published app runs: its playbooks lint clean, the Teams manifest template is embedded (teams package fills it
# in), and the container's health check command answers (1: nothing is listening on this port).
check_dir=$(mktemp -d)
trap 'rm -rf "$check_dir"' EXIT
dotnet "$out/CaaBot.Web.dll" kb lint "$out/playbooks" >"$check_dir/lint.txt" 2>&1 || { cat "$check_dir/lint.txt"; echo "kb lint failed on the published playbooks"; problems=$((problems + 1)); }
dotnet "$out/CaaBot.Web.dll" teams package --app-id 00000000-0000-0000-0000-00000000cafe --out "$check_dir/app.zip" >/dev/null 2>&1 \
  && [ -s "$check_dir/app.zip" ] || { echo "teams package failed: the manifest template is not embedded"; problems=$((problems + 1)); }
set +e
dotnet "$out/CaaBot.Web.dll" healthcheck --url http://127.0.0.1:9/readyz --timeout 2 >/dev/null 2>&1
health=$?
set -e
[ "$health" -eq 1 ] || { echo "healthcheck against a closed port exited $health, expected 1"; problems=$((problems + 1)); }

if [ "$problems" -ne 0 ]; then
  echo "publish check: $problems problem(s) in $out"
  exit 1
fi
echo "publish check: $out has what the container needs"
