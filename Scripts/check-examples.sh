#!/usr/bin/env bash
# make examples (CI): build the example packages from this checkout, as a user's package would
# depend on it (by path here), run them against a simulator, and check that both generator plugins
# write what vi-gen writes:
#   - the build plugin's file for Examples/CustomSubset == `vi-gen --output DIR` for its schema
#     (Scripts/compare-generated.py: same files, byte for byte, header comment aside);
#   - the command plugin, run as `make generate` runs vi-gen, leaves the committed files unchanged.
# Needs `make vi-gen` and the simulator (`make simulator`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VIGEN="$(swift build --show-bin-path)/vi-gen"
[[ -x "$VIGEN" ]] || { echo "error: $VIGEN missing; run 'make vi-gen'" >&2; exit 1; }
WORK="$(mktemp -d)"
cleanup() {
    Scripts/simulator.sh stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

for example in ListVMs CustomSubset; do
    started=$SECONDS
    swift build --package-path "Examples/$example"
    echo "Examples/$example built in $((SECONDS - started)) s"
done

echo "== build plugin output vs vi-gen"
GENERATED="$(find Examples/CustomSubset/.build/plugins/outputs -path '*VIGenBuildPlugin*' -name Inventory.swift | head -n 1)"
[[ -n "$GENERATED" ]] || { echo "error: the build plugin wrote no Inventory.swift" >&2; exit 1; }
"$VIGEN" Examples/CustomSubset/Sources/Inventory/Inventory.input --output "$WORK/vi-gen" --module-name Inventory
python3 Scripts/compare-generated.py "$GENERATED" "$WORK/vi-gen"

echo "== command plugin vs make generate"
swift package --allow-writing-to-package-directory generate-vi-bindings \
    --input Tests/VIGenTests/Fixtures/golden.input --output Tests/GoldenCorpusTests/Generated --module-name Golden
swift package --allow-writing-to-package-directory generate-vi-bindings \
    --input Input/vim25.input --output Sources/VI/Generated --module-name VI --roots Input/vi-roots.txt
if [[ -n "$(git status --porcelain -- Tests/GoldenCorpusTests/Generated Sources/VI/Generated)" ]]; then
    echo "error: the command plugin's output differs from the committed (make generate) files:" >&2
    git status --porcelain -- Tests/GoldenCorpusTests/Generated Sources/VI/Generated >&2
    exit 1
fi
echo "command plugin output equals make generate's"

echo "== running the examples against a simulator"
Scripts/simulator.sh start -model esx -vm 2 >/dev/null
URL="$(Scripts/simulator.sh url)"
HOSTPORT="${URL#http://}"
HOSTPORT="${HOSTPORT%%/*}"
ESX_PASSWORD=pass timeout 120 Examples/ListVMs/.build/debug/ListVMs "esx://user@$HOSTPORT/?transport=http" ha-host_VM1 \
    | tee "$WORK/listvms.out"
grep -q 'ESXError.authenticationFailed' "$WORK/listvms.out"
grep -q 'refuses a wrong password with the typed fault InvalidLogin' "$WORK/listvms.out"
grep -q '^2 virtual machines' "$WORK/listvms.out"
grep -q 'ha-host_VM1 is running' "$WORK/listvms.out"
ESX_PASSWORD=pass timeout 60 Examples/CustomSubset/.build/debug/CustomSubset "$URL" user | tee "$WORK/custom.out"
grep -q 'refused with the typed fault InvalidLogin' "$WORK/custom.out"
grep -q '^logged in as user' "$WORK/custom.out"
echo "examples: 2 built, 2 ran, plugin outputs match vi-gen"
