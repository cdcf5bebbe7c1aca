#!/usr/bin/env bash
# Scripts/generate-manual.sh OUTDIR BINDIR TOOL...
# Writes OUTDIR/TOOL.1 for each TOOL in BINDIR, generated from the command definitions by
# swift-argument-parser's generate-manual: the tool its GenerateManual plugin runs on
# `TOOL --experimental-dump-help`. The plugin itself builds every product of the package first
# (VIFull included), so this script builds only the tool (a debug build of swift-argument-parser)
# and runs it on the given binaries. The page's date is the last commit's, so the output is
# reproducible.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$1"
BINDIR="$2"
shift 2
SWIFT="${SWIFT:-swift}"
$SWIFT build --product generate-manual
GENERATE="$($SWIFT build --show-bin-path)/generate-manual"
[[ -x "$GENERATE" ]] || { echo "error: $GENERATE was not built" >&2; exit 1; }
DATE="$(git log -1 --format=%cs 2>/dev/null || date +%F)"
mkdir -p "$OUT"
for tool in "$@"; do
    "$GENERATE" "$BINDIR/$tool" --output-directory "$OUT" --date "$DATE" --section 1
    [[ -s "$OUT/$tool.1" ]] || { echo "error: no man page for $tool in $OUT" >&2; exit 1; }
done
