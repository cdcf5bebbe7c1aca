#!/usr/bin/env bash
# make demo: start a simulator (ESX model plus a few VMs), print its VMs through the SDK, stop it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
Scripts/simulator.sh stop >/dev/null 2>&1 || true
Scripts/simulator.sh start -model vpx -cluster 1 -host 1 -vm 3 >/dev/null
trap 'Scripts/simulator.sh stop >/dev/null 2>&1 || true' EXIT
URL="$(Scripts/simulator.sh url)"
echo "simulator: $URL"
BIN="$(swift build --show-bin-path)"
ESX_PASSWORD=pass "$BIN/esx-bench" demo --url "$URL" --user user --insecure
