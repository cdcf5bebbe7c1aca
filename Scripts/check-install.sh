#!/usr/bin/env bash
# make check-install (CI): `make install` into a temporary prefix, then check what it installed:
# both tools run, `man -l` renders both pages with their commands, bash loads the completion and
# completes `esx snapshot-l`, and the zsh and fish scripts are the tools' own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PREFIX="$(mktemp -d)"
trap 'rm -rf "$PREFIX"' EXIT
make --no-print-directory install PREFIX="$PREFIX" CONFIGURATION="${CONFIGURATION:-release}"

fail() { echo "check-install: $*" >&2; exit 1; }
checked=0
for path in bin/esx bin/vi-gen share/man/man1/esx.1 share/man/man1/vi-gen.1 \
    share/bash-completion/completions/esx share/bash-completion/completions/vi-gen \
    share/zsh/site-functions/_esx share/zsh/site-functions/_vi-gen \
    share/fish/vendor_completions.d/esx.fish share/fish/vendor_completions.d/vi-gen.fish; do
    [[ -s "$PREFIX/$path" ]] || fail "missing $path"
    checked=$((checked + 1))
done
"$PREFIX/bin/esx" --help | grep -q 'snapshot-list' || fail "installed esx does not run"
"$PREFIX/bin/vi-gen" --help | grep -q -- '--roots' || fail "installed vi-gen does not run"

PAGE="$(LC_ALL=C MANWIDTH=100 man -l "$PREFIX/share/man/man1/esx.1" 2>/dev/null | sed $'s/.\b//g')"
for word in NAME SYNOPSIS esx snapshot-list domxml-from-native --json; do
    grep -q -- "$word" <<<"$PAGE" || fail "man -l esx.1 lacks '$word'"
done
LC_ALL=C MANWIDTH=100 man -l "$PREFIX/share/man/man1/vi-gen.1" 2>/dev/null | sed $'s/.\b//g' | grep -q -- '--module-name' \
    || fail "man -l vi-gen.1 lacks --module-name"

COMPLETIONS="$(bash -c '
    source "$1"
    COMP_WORDS=(esx snapshot-l); COMP_CWORD=1; COMP_LINE="esx snapshot-l"; COMP_POINT=${#COMP_LINE}
    fn=$(complete -p esx | sed -E "s/.*-F ([^ ]+).*/\1/")
    "$fn" esx snapshot-l esx
    printf "%s\n" "${COMPREPLY[@]}"' _ "$PREFIX/share/bash-completion/completions/esx")"
grep -qx 'snapshot-list' <<<"$COMPLETIONS" || fail "bash completion of 'esx snapshot-l' gave: $COMPLETIONS"
grep -q '#compdef esx' "$PREFIX/share/zsh/site-functions/_esx" || fail "_esx is not a zsh completion"
grep -Eq "complete -c '?esx'?" "$PREFIX/share/fish/vendor_completions.d/esx.fish" || fail "esx.fish is not a fish completion"
echo "check-install: $checked files installed under a temporary prefix; esx and vi-gen run, man -l renders both pages, bash completes esx snapshot-l"
