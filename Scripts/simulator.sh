#!/usr/bin/env bash
# Runs one background simulator (.build/sim/vcsim) on 127.0.0.1 for manual use.
#   Scripts/simulator.sh start [vcsim flags...]   e.g. start -model esx -tls -ask
#   Scripts/simulator.sh url                      prints the SDK URL (user "user", password "pass")
#   Scripts/simulator.sh stop
# State lives in .build/sim/run/ (vcsim.pid, url, vcsim.log). Flags: .build/sim/vcsim -h.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.build/sim/vcsim"
RUN="$ROOT/.build/sim/run"
PIDFILE="$RUN/vcsim.pid"
URLFILE="$RUN/url"
LOG="$RUN/vcsim.log"
TIMEOUT="${SIM_START_TIMEOUT:-180}" # seconds; 5,000 VMs take up to ~30 s

running() {
    [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

# answers URL: true once the server returns any HTTP response.
answers() {
    local url="$1"
    if command -v curl >/dev/null 2>&1; then
        curl -sk -o /dev/null --max-time 5 "${url}/vimServiceVersions.xml"
    else
        python3 - "$url" <<'PY'
import ssl, sys, urllib.request
ctx = ssl._create_unverified_context()
urllib.request.urlopen(sys.argv[1] + "/vimServiceVersions.xml", timeout=5, context=ctx).read()
PY
    fi
}

cmd="${1:-}"
shift || true
case "$cmd" in
start)
    if running; then
        echo "already running (pid $(cat "$PIDFILE")): $(cat "$URLFILE" 2>/dev/null)"
        exit 0
    fi
    "$ROOT/Scripts/build-simulator.sh" >/dev/null
    mkdir -p "$RUN"
    rm -f "$URLFILE"
    # Later flags win, so "$@" may override -listen.
    nohup "$BIN" -listen 127.0.0.1:0 -url-file "$URLFILE" "$@" </dev/null >"$LOG" 2>&1 &
    echo $! >"$PIDFILE"
    deadline=$((SECONDS + TIMEOUT))
    until [[ -s "$URLFILE" ]] && answers "$(cat "$URLFILE")" >/dev/null 2>&1; do
        if ! running; then
            echo "error: vcsim exited; log $LOG:" >&2
            tail -n 20 "$LOG" >&2
            rm -f "$PIDFILE"
            exit 1
        fi
        if ((SECONDS > deadline)); then
            echo "error: vcsim did not answer within ${TIMEOUT} s; log $LOG" >&2
            exit 1
        fi
        sleep 0.2
    done
    echo "vcsim pid $(cat "$PIDFILE"): $(cat "$URLFILE")"
    ;;
stop)
    if running; then
        pid="$(cat "$PIDFILE")"
        kill -TERM "$pid"
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$pid" 2>/dev/null || true
        echo "stopped vcsim pid $pid"
    else
        echo "not running"
    fi
    rm -f "$PIDFILE" "$URLFILE"
    ;;
url)
    if running && [[ -s "$URLFILE" ]]; then
        cat "$URLFILE"
    else
        echo "error: not running (Scripts/simulator.sh start)" >&2
        exit 1
    fi
    ;;
*)
    echo "usage: $0 start [vcsim flags...] | stop | url" >&2
    exit 2
    ;;
esac
