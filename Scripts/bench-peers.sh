#!/usr/bin/env bash
# Lists 5,000 VMs with swift-esx's esx-bench and with govmomi (peer-bench) against
# the same simulator in one run, and compares the median listing times.
#
# Usage: [ITERS=10] Scripts/bench-peers.sh
# Env:   ITERS       listings per implementation (default 10)
#        HOSTS, VMS_PER_HOST   inventory (default 50 x 100 = 5,000 VMs, vpx model, no clusters)
#        ESX_BENCH   path of a prebuilt esx-bench (skips the swift build)
#        PEER_ONLY=1 skip esx-bench (e.g. before it exists)
# stdout: esx-bench's JSON line, peer-bench's JSON line, then
#   {"vms":..,"iters":..,"esx_median_s":..,"govmomi_median_s":..,"govmomi_over_esx":..}
# Build output and progress go to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ITERS="${ITERS:-10}"
HOSTS="${HOSTS:-50}"
VMS_PER_HOST="${VMS_PER_HOST:-100}"
EXPECTED=$((HOSTS * VMS_PER_HOST))
PEER_ONLY="${PEER_ONLY:-0}"

cd "$ROOT"
if [[ $PEER_ONLY != 1 && -z "${ESX_BENCH:-}" ]]; then
    echo "== building esx-bench (release)" >&2
    swift build -c release --product esx-bench >&2
    ESX_BENCH="$(swift build -c release --show-bin-path)/esx-bench"
fi
echo "== building simulator and peer-bench" >&2
Scripts/build-simulator.sh >&2

# A private simulator (not Scripts/simulator.sh, so a manual one is left alone).
RUN="$(mktemp -d "${TMPDIR:-/tmp}/bench-peers.XXXXXX")"
SIM_PID=""
cleanup() {
    if [[ -n "$SIM_PID" ]] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill -TERM "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
    fi
    rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== starting simulator: vpx, $HOSTS standalone hosts x $VMS_PER_HOST VMs" >&2
start=$SECONDS
.build/sim/vcsim -model vpx -datacenter 1 -cluster 0 -host "$HOSTS" -vm "$VMS_PER_HOST" \
    -listen 127.0.0.1:0 -url-file "$RUN/url" </dev/null >"$RUN/vcsim.out" 2>"$RUN/vcsim.log" &
SIM_PID=$!
until [[ -s "$RUN/url" ]]; do
    if ! kill -0 "$SIM_PID" 2>/dev/null; then
        echo "error: simulator exited:" >&2
        tail -n 20 "$RUN/vcsim.log" >&2
        exit 1
    fi
    if ((SECONDS - start > 300)); then
        echo "error: simulator did not start within 300 s" >&2
        exit 1
    fi
    sleep 0.2
done
URL="$(cat "$RUN/url")"
CRED_URL="${URL/:\/\//://user:pass@}"
echo "== simulator up in $((SECONDS - start)) s: $URL" >&2

# Warm-up listing, which also checks the inventory size.
vms="$(.build/sim/peer-bench -url "$CRED_URL" -iters 1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["vms"])')"
if [[ "$vms" != "$EXPECTED" ]]; then
    echo "error: simulator lists $vms VMs, expected $EXPECTED" >&2
    exit 1
fi

esx_line='{}'
if [[ $PEER_ONLY != 1 ]]; then
    echo "== esx-bench list-vms x $ITERS" >&2
    esx_out="$("$ESX_BENCH" list-vms --url "$CRED_URL" --iters "$ITERS")"
    esx_line="$(grep '^{' <<<"$esx_out" | tail -n 1 || true)"
    if [[ -z "$esx_line" ]]; then
        echo "error: esx-bench printed no JSON line; its output was:" >&2
        echo "$esx_out" >&2
        exit 1
    fi
    echo "$esx_line"
fi
echo "== peer-bench (govmomi) x $ITERS" >&2
peer_line="$(.build/sim/peer-bench -url "$CRED_URL" -iters "$ITERS" | tail -n 1)"
echo "$peer_line"

python3 - "$esx_line" "$peer_line" "$EXPECTED" "$ITERS" <<'PY'
import json, sys
esx, peer = json.loads(sys.argv[1]), json.loads(sys.argv[2])
expected, iters = int(sys.argv[3]), int(sys.argv[4])
for name, res in (("esx-bench", esx), ("peer-bench", peer)):
    if res and res.get("vms") != expected:
        sys.exit(f"error: {name} listed {res.get('vms')} VMs, expected {expected}")
e, g = esx.get("list_median_s"), peer["list_median_s"]
print(json.dumps({
    "vms": expected,
    "iters": iters,
    "esx_median_s": e,
    "govmomi_median_s": g,
    "govmomi_over_esx": round(g / e, 3) if e else None,
}, separators=(",", ":")))
PY
