#!/usr/bin/env bash
# Records the conversation the fault-injection tests replay (Tests/ESXTests/FaultInjection):
# the built `esx` against the simulator (esx model) through the recording proxy of
# Scripts/fake-vsphere-server.py. Re-run after the driver changes what it asks the server.
#   esx list --all          RetrieveServiceContent, Login, inventory discovery, listing, Logout
#   esx event --loop        the same set-up, CreateContainerView, CreateFilter, WaitForUpdatesEx,
#                           CancelWaitForUpdates, Destroy*, Logout
# Usage: Scripts/record-conversations.sh   (after `swift build --product esx`)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/Tests/ESXTests/Fixtures/Conversations/esx.json"
ESX="${ESX_BINARY:-$ROOT/.build/debug/esx}"
"$ROOT/Scripts/build-simulator.sh" >/dev/null

coproc SIM { exec "$ROOT/.build/sim/vcsim" -model esx -username user -password pass \
    -listen 127.0.0.1:0 -watch-stdin 2>/dev/null; }
read -r SIM_URL <&"${SIM[0]}"
coproc PROXY { exec python3 "$ROOT/Scripts/fake-vsphere-server.py" --record "$OUT" --upstream "$SIM_URL"; }
read -r PORT <&"${PROXY[0]}"
URI="esx://user@127.0.0.1:$PORT/?transport=http"

export ESX_PASSWORD=pass
"$ESX" -c "$URI" list --all
"$ESX" -c "$URI" event --loop --timeout 3 || true

eval "exec ${SIM[1]}>&- ${PROXY[1]}>&-"
wait
echo "recorded $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$OUT") exchanges in $OUT"
