#!/usr/bin/env bash
# Builds the Go tools in Scripts/ with Debian's govmomi (GOPATH mode):
#   .build/sim/vcsim       vSphere simulator with swift-esx's extensions (Scripts/simulator)
#   .build/sim/peer-bench  govmomi peer of esx-bench (Scripts/peer-bench)
# Each is rebuilt only when its sources (or this script) are newer than the binary.
# Usage: Scripts/build-simulator.sh [--force]
# Prerequisites: Scripts/install-deps.sh (golang-go, golang-github-vmware-govmomi-dev).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/.build/sim"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

export GO111MODULE=off
export GOPATH="${GOVMOMI_GOPATH:-/usr/share/gocode}"
export GOCACHE="$ROOT/.build/go-cache"
export GOFLAGS=""

mkdir -p "$OUT"
# Serialise concurrent callers (e.g. parallel test processes).
if command -v flock >/dev/null 2>&1; then
    exec 9>"$OUT/.build.lock"
    flock 9
fi

# build NAME: Scripts/NAME/*.go -> .build/sim/BINARY
build() {
    local src="$1" bin="$OUT/$2"
    if [[ $FORCE == 0 && -x "$bin" && ! "${BASH_SOURCE[0]}" -nt "$bin" ]] &&
        [[ -z "$(find "$ROOT/Scripts/$src" -name '*.go' -newer "$bin" -print -quit)" ]]; then
        echo "up to date: $bin"
        return
    fi
    if ! command -v go >/dev/null 2>&1; then
        echo "error: 'go' not found; run Scripts/install-deps.sh" >&2
        exit 1
    fi
    if [[ ! -d "$GOPATH/src/github.com/vmware/govmomi/simulator" ]]; then
        echo "error: govmomi not found under $GOPATH; run Scripts/install-deps.sh" >&2
        exit 1
    fi
    local start=$SECONDS
    # Build beside the target and rename, so a running binary is never overwritten.
    (cd "$ROOT" && go build -o "$bin.tmp.$$" "./Scripts/$src")
    mv -f "$bin.tmp.$$" "$bin"
    echo "built: $bin ($((SECONDS - start)) s)"
}

build simulator vcsim
build peer-bench peer-bench
