#!/usr/bin/env bash
# make demo: start a simulator (an ESXi host with 3 VMs), list its VMs through the SDK, power one
# off and on again with the esx CLI (progress bar on a terminal), print the lifecycle events that
# caused, then stop the simulator and print commands to try next.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$(swift build --show-bin-path)"
ESX="$BIN/esx"
for tool in esx esx-bench; do
    [[ -x "$BIN/$tool" ]] || { echo "error: $BIN/$tool is missing; run 'make demo'" >&2; exit 1; }
done

Scripts/simulator.sh stop >/dev/null 2>&1 || true
Scripts/simulator.sh start -model esx -vm 3 >/dev/null
EVENTS="$(mktemp)"
EVENT_PID=
cleanup() {
    if [[ -n "$EVENT_PID" ]]; then kill "$EVENT_PID" 2>/dev/null || true; wait "$EVENT_PID" 2>/dev/null || true; fi
    rm -f "$EVENTS"
    Scripts/simulator.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

URL="$(Scripts/simulator.sh url)"          # http://127.0.0.1:PORT/sdk
HOSTPORT="${URL#http://}"
HOSTPORT="${HOSTPORT%%/*}"
export ESX_DEFAULT_URI="esx://user@$HOSTPORT/?transport=http"
export ESX_PASSWORD=pass                   # the simulator's; a real password is typed at the prompt
VM=ha-host_VM0
if [[ -t 1 ]]; then
    step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
    step() { printf '\n== %s\n' "$*"; }
fi

step "simulator: $URL (ESX_DEFAULT_URI=$ESX_DEFAULT_URI)"

step "the SDK lists the VMs (typed property paths, one ContainerView; esx-bench demo)"
"$BIN/esx-bench" demo --url "$URL" --user user --insecure

step "watching lifecycle events: esx event --loop --json (JSON Lines) in the background"
"$ESX" event --loop --json --timeout 120 >"$EVENTS" &
EVENT_PID=$!
sleep 2   # the watch takes its first snapshot before anything changes

step "esx destroy $VM   (power off)"
"$ESX" destroy "$VM"
step "esx start $VM     (power on)"
"$ESX" start "$VM"
[[ -t 2 ]] || echo "(the progress bar is drawn only when standard error is a terminal)"
step "esx domstate $VM"
"$ESX" domstate "$VM"

# Wait (at most 15 s) for both transitions to reach the event stream, then stop watching.
for _ in $(seq 1 30); do
    [[ "$(grep -c '"event":"lifecycle"' "$EVENTS" || true)" -ge 2 ]] && break
    sleep 0.5
done
kill "$EVENT_PID" 2>/dev/null || true
wait "$EVENT_PID" 2>/dev/null || true
EVENT_PID=

step "the lifecycle events these two commands caused (one JSON object per line)"
if [[ -s "$EVENTS" ]]; then cat "$EVENTS"; else echo "(no events arrived)"; fi

step "try next (start a simulator with: Scripts/simulator.sh start -model esx -vm 3)"
E=esx
[[ -x .build/debug/esx ]] && E=.build/debug/esx
cat <<TRY
  export ESX_DEFAULT_URI='esx://user@127.0.0.1:PORT/?transport=http' ESX_PASSWORD=pass
  $E list --all                       # every VM, with state
  $E dominfo $VM                      # memory, vCPUs, state
  $E suspend $VM && $E resume $VM
  $E snapshot-create-as $VM first && $E snapshot-list $VM --tree
  $E dumpxml $VM                      # libvirt domain XML
  $E event --loop --json | jq -c .    # JSON Lines, one event per line
  $E --help                           # every command; esx COMMAND --help for one
  Examples/ListVMs, Examples/CustomSubset: the SDK from your own package
TRY
