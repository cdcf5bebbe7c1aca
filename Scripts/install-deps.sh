#!/usr/bin/env bash
# Installs the Debian packages swift-esx needs besides the Swift toolchain:
# C libraries for the runtime, Go + govmomi for the simulator and peer bench,
# python3 for helper scripts. Idempotent: only missing packages are installed,
# and "apt-get update" runs only when something is missing.
set -euo pipefail

PACKAGES=(
    libxml2-dev
    libcurl4-openssl-dev
    libssl-dev
    pkg-config
    golang-go
    golang-github-vmware-govmomi-dev
    python3
    man-db
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "all dependencies installed: ${PACKAGES[*]}"
    exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO=(sudo)
fi

echo "installing: ${missing[*]}"
"${SUDO[@]}" apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
