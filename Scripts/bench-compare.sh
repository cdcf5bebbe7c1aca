#!/usr/bin/env bash
# Lists the simulator's VMs with this tree's esx-bench and with the esx-bench of another revision,
# against one simulator in one run, alternating rounds, and reports both medians and their ratio.
#
# Usage: [ROUNDS=5] [ITERS=5] Scripts/bench-compare.sh BASE_REV
# Env:   ROUNDS      alternating rounds (default 5); each runs `list-vms --iters ITERS` per binary
#        HOSTS, VMS_PER_HOST   inventory (default 50 x 100 = 5,000 VMs, vpx model)
#        BASE_BENCH / HEAD_BENCH   prebuilt binaries (skip the release builds)
# stdout: one JSON line {"vms","base","head","base_median_s","head_median_s","head_over_base"}
# The base revision is built (release) in a git worktree under .build-compare/ (git-ignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${1:?usage: Scripts/bench-compare.sh BASE_REV}"
ROUNDS="${ROUNDS:-5}"
ITERS="${ITERS:-5}"
HOSTS="${HOSTS:-50}"
VMS_PER_HOST="${VMS_PER_HOST:-100}"
cd "$ROOT"

if [[ -z "${HEAD_BENCH:-}" ]]; then
    echo "== building esx-bench (release) at HEAD" >&2
    swift build -c release --product esx-bench >&2
    HEAD_BENCH="$(swift build -c release --show-bin-path)/esx-bench"
fi
if [[ -z "${BASE_BENCH:-}" ]]; then
    tree="$ROOT/.build-compare/$BASE"
    if [[ ! -d "$tree" ]]; then git worktree add --detach "$tree" "$BASE" >&2; fi
    echo "== building esx-bench (release) at $BASE" >&2
    (cd "$tree" && swift build -c release --product esx-bench >&2)
    BASE_BENCH="$(cd "$tree" && swift build -c release --show-bin-path)/esx-bench"
fi
Scripts/build-simulator.sh >&2

RUN="$(mktemp -d "${TMPDIR:-/tmp}/bench-compare.XXXXXX")"
SIM_PID=""
cleanup() {
    [[ -n "$SIM_PID" ]] && kill -TERM "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
    rm -rf "$RUN"
}
trap cleanup EXIT
.build/sim/vcsim -model vpx -datacenter 1 -cluster 0 -host "$HOSTS" -vm "$VMS_PER_HOST" \
    -listen 127.0.0.1:0 -url-file "$RUN/url" </dev/null >"$RUN/vcsim.out" 2>"$RUN/vcsim.log" &
SIM_PID=$!
for _ in $(seq 1 1500); do [[ -s "$RUN/url" ]] && break; sleep 0.2; done
[[ -s "$RUN/url" ]] || { echo "error: simulator did not start" >&2; exit 1; }
URL="$(cat "$RUN/url")"
CRED_URL="${URL/:\/\//://user:pass@}"

: >"$RUN/base.jsonl"
: >"$RUN/head.jsonl"
"$HEAD_BENCH" list-vms --url "$CRED_URL" --iters 1 >/dev/null 2>&1   # warm-up
for round in $(seq 1 "$ROUNDS"); do
    echo "== round $round/$ROUNDS" >&2
    "$BASE_BENCH" list-vms --url "$CRED_URL" --iters "$ITERS" 2>/dev/null | grep '^{' >>"$RUN/base.jsonl"
    "$HEAD_BENCH" list-vms --url "$CRED_URL" --iters "$ITERS" 2>/dev/null | grep '^{' >>"$RUN/head.jsonl"
done
python3 - "$RUN/base.jsonl" "$RUN/head.jsonl" "$BASE" <<'PY'
import json, statistics, sys
base = [json.loads(l) for l in open(sys.argv[1])]
head = [json.loads(l) for l in open(sys.argv[2])]
b = statistics.median(r["list_median_s"] for r in base)
h = statistics.median(r["list_median_s"] for r in head)
assert base[0]["vms"] == head[0]["vms"], "both binaries must list the same VMs"
print(json.dumps({"vms": head[0]["vms"], "base": sys.argv[3], "head": "HEAD",
                  "base_median_s": round(b, 4), "head_median_s": round(h, 4),
                  "base_rounds": [r["list_median_s"] for r in base],
                  "head_rounds": [r["list_median_s"] for r in head],
                  "head_over_base": round(h / b, 3)}, separators=(",", ":")))
PY
