#!/usr/bin/env bash
# Builds one libFuzzer target and runs it.
#
# Usage: Scripts/fuzz.sh TARGET [RUNS] [extra libFuzzer flags...]
#   TARGET  schema (vi-gen's parser and validator), soap (a SOAP response through VIClient and the
#           generated decode table), uri (esx:// URIs), vmx (the .vmx parser and VMX -> domain XML)
#   RUNS    executions (default 1000000)
# The build (debug, AddressSanitizer, libFuzzer coverage) goes to .build-fuzz/. The run starts
# from the committed seeds in Fuzz/Corpus/TARGET plus the inputs earlier runs found
# (.build-fuzz/corpus/TARGET, not committed); crashes are written to Fuzz/Crashes/ and end the run
# with a non-zero status -- add each as a regression input under Fuzz/Corpus/TARGET.
# stdout: one JSON line {"target","runs","exec_per_s","crashes","corpus_inputs","new_inputs","seconds"}.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${1:?usage: Scripts/fuzz.sh schema|soap|uri|vmx [RUNS]}"
RUNS="${2:-1000000}"
shift $(( $# >= 2 ? 2 : 1 ))
cd "$ROOT"

case "$TARGET" in
    schema) PRODUCT=vi-gen; export VI_GEN_FUZZ=1; MAX_LEN=8192 ;;
    soap) PRODUCT=fuzz-soap; MAX_LEN=32768 ;;
    uri) PRODUCT=fuzz-uri; MAX_LEN=1024 ;;
    vmx) PRODUCT=fuzz-vmx; MAX_LEN=8192 ;;
    *) echo "error: unknown target '$TARGET' (schema, soap, uri, vmx)" >&2; exit 2 ;;
esac

FUZZER_LIB="$(ls "$(dirname "$(dirname "$(command -v swiftc)")")"/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a | head -n 1)"
[[ -f "$FUZZER_LIB" ]] || { echo "error: libFuzzer runtime not found next to swiftc" >&2; exit 1; }

# -sanitize=fuzzer would also link libFuzzer's own main, which clashes with Swift's @main; the
# targets call LLVMFuzzerRunDriver instead, so only the coverage instrumentation is asked for.
FLAGS=(-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
    -Xswiftc -DFUZZING -Xlinker "$FUZZER_LIB" -Xlinker -lstdc++)
echo "== building $PRODUCT with libFuzzer instrumentation" >&2
swift build --product "$PRODUCT" --scratch-path .build-fuzz "${FLAGS[@]}" >&2
BIN=".build-fuzz/debug/$PRODUCT"

WORK=".build-fuzz/corpus/$TARGET"
mkdir -p "$WORK" Fuzz/Crashes
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
start=$SECONDS
status=0
ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1" "$BIN" "$WORK" "Fuzz/Corpus/$TARGET" \
    -runs="$RUNS" -max_len="$MAX_LEN" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 \
    -artifact_prefix="Fuzz/Crashes/$TARGET-" "$@" 2>"$LOG" || status=$?
tail -n 25 "$LOG" >&2
python3 - "$LOG" "$TARGET" "$status" "$((SECONDS - start))" "$WORK" <<'PY'
import json, os, re, sys
log, target, status, seconds, work = open(sys.argv[1], errors="replace").read(), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def stat(name):
    m = re.search(r"stat::%s:\s+(\d+)" % name, log)
    return int(m.group(1)) if m else None
crashes = len(re.findall(r"Test unit written to Fuzz/Crashes/", log))
print(json.dumps({"target": target, "runs": stat("number_of_executed_units"),
                  "exec_per_s": stat("average_exec_per_sec"), "crashes": crashes, "exit_status": status,
                  "corpus_inputs": len(os.listdir(work)), "new_inputs": stat("new_units_added"),
                  "peak_rss_mb": stat("peak_rss_mb"), "seconds": seconds}, separators=(",", ":")))
PY
exit "$status"
