#!/usr/bin/env bash
# Load test of one ESXConnection: esx-bench load with N concurrent callers against a private
# simulator (ESX model), then optionally the same under periodic session expiry.
#
# Usage: [CALLERS=64] [DURATION=60] [EXPIRE=0] Scripts/bench-load.sh
# Env:   CALLERS    concurrent callers (default 64)
#        DURATION   measured seconds (default 60)
#        WARMUP     unmeasured seconds first (default 2)
#        VMS        VMs of the ESX model (default 10)
#        EXPIRE     also run with --expire-session-every EXPIRE seconds (default 0: skip)
#        ESX_BENCH  path of a prebuilt esx-bench (skips the release build)
# stdout: one JSON line per run (see esx-bench load --help); build output and progress go to stderr.
# Exits non-zero when a run had failed calls or re-logins that do not match the expiries.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALLERS="${CALLERS:-64}"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-2}"
VMS="${VMS:-10}"
EXPIRE="${EXPIRE:-0}"

cd "$ROOT"
if [[ -z "${ESX_BENCH:-}" ]]; then
    echo "== building esx-bench (release)" >&2
    swift build -c release --product esx-bench >&2
    ESX_BENCH="$(swift build -c release --show-bin-path)/esx-bench"
fi
echo "== building simulator" >&2
Scripts/build-simulator.sh >&2

RUN="$(mktemp -d "${TMPDIR:-/tmp}/bench-load.XXXXXX")"
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

echo "== starting simulator: esx, $VMS VMs" >&2
start=$SECONDS
.build/sim/vcsim -model esx -vm "$VMS" -listen 127.0.0.1:0 -url-file "$RUN/url" \
    </dev/null >"$RUN/vcsim.out" 2>"$RUN/vcsim.log" &
SIM_PID=$!
until [[ -s "$RUN/url" ]]; do
    if ! kill -0 "$SIM_PID" 2>/dev/null; then
        echo "error: simulator exited:" >&2
        tail -n 20 "$RUN/vcsim.log" >&2
        exit 1
    fi
    if ((SECONDS - start > 120)); then
        echo "error: simulator did not start within 120 s" >&2
        exit 1
    fi
    sleep 0.2
done
URL="$(cat "$RUN/url")"
echo "== simulator up: $URL" >&2

export ESX_PASSWORD=pass
echo "== esx-bench load: $CALLERS callers, $DURATION s" >&2
"$ESX_BENCH" load --url "$URL" --user user --callers "$CALLERS" --seconds "$DURATION" --warmup "$WARMUP"
if [[ "$EXPIRE" != 0 ]]; then
    echo "== esx-bench load: $CALLERS callers, $DURATION s, session expired every $EXPIRE s" >&2
    "$ESX_BENCH" load --url "$URL" --user user --callers "$CALLERS" --seconds "$DURATION" --warmup "$WARMUP" \
        --expire-session-every "$EXPIRE"
fi
