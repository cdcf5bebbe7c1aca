#!/usr/bin/env bash
# make install PREFIX=... [CONFIGURATION=release|debug] [DESTDIR=...]
# Builds esx and vi-gen, then installs them with their man pages (generated from the command
# definitions by swift-argument-parser's generate-manual) and bash, zsh and fish completions:
#   $PREFIX/bin/{esx,vi-gen}
#   $PREFIX/share/man/man1/{esx,vi-gen}.1
#   $PREFIX/share/bash-completion/completions/{esx,vi-gen}
#   $PREFIX/share/zsh/site-functions/_{esx,vi-gen}
#   $PREFIX/share/fish/vendor_completions.d/{esx,vi-gen}.fish
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PREFIX="${PREFIX:-/usr/local}"
CONFIGURATION="${CONFIGURATION:-release}"
SWIFT="${SWIFT:-swift}"
DEST="${DESTDIR:-}${PREFIX}"
TOOLS=(esx vi-gen)

for tool in "${TOOLS[@]}"; do
    $SWIFT build -c "$CONFIGURATION" --product "$tool"
done
BIN="$($SWIFT build -c "$CONFIGURATION" --show-bin-path)"
MANDIR="$(mktemp -d)"
trap 'rm -rf "$MANDIR"' EXIT
Scripts/generate-manual.sh "$MANDIR" "$BIN" "${TOOLS[@]}"

install -d "$DEST/bin" "$DEST/share/man/man1" "$DEST/share/bash-completion/completions" \
    "$DEST/share/zsh/site-functions" "$DEST/share/fish/vendor_completions.d"
for tool in "${TOOLS[@]}"; do
    install -m 0755 "$BIN/$tool" "$DEST/bin/$tool"
    install -m 0644 "$MANDIR/$tool.1" "$DEST/share/man/man1/$tool.1"
    "$BIN/$tool" --generate-completion-script bash > "$MANDIR/$tool.bash"
    "$BIN/$tool" --generate-completion-script zsh > "$MANDIR/_$tool"
    "$BIN/$tool" --generate-completion-script fish > "$MANDIR/$tool.fish"
    install -m 0644 "$MANDIR/$tool.bash" "$DEST/share/bash-completion/completions/$tool"
    install -m 0644 "$MANDIR/_$tool" "$DEST/share/zsh/site-functions/_$tool"
    install -m 0644 "$MANDIR/$tool.fish" "$DEST/share/fish/vendor_completions.d/$tool.fish"
done
echo "installed ${TOOLS[*]} ($CONFIGURATION), man pages and completions under $DEST"
