#!/usr/bin/env bash
# Tests that need the release binary (built by scripts/test.sh): a generated file of
# 1 000 000 rows checked within the stated memory bound (docs/ARCHITECTURE.md), printing the
# measured peak. Each case counts as one test in the closing "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${OLINPE_BIN:-${CARGO_TARGET_DIR:-target}/release/olinpe}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
passed=0; failed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }
ko() { echo "FAIL $*"; failed=$((failed + 1)); }
[ -x "$BIN" ] || { echo "FAIL: release binary $BIN missing"; exit 1; }

# 1. One million generated rows: every row counted, peak memory within the stated bound:
#    at most 64 bytes per row (file-rule summary) + 192 bytes per young person (hash-map slots, growth) + 64 MiB fixed
#    (findings store, buffers, the binary itself).
"$BIN" generate --rows 1000000 --seed 7 --error-rate 0.01 --out "$OUT/big.csv" --manifest "$OUT/big.json" 2>"$OUT/gen.err"
start=$(date +%s.%N)
status=0
/usr/bin/time -v "$BIN" check "$OUT/big.csv" --format json >"$OUT/big-report.json" 2>"$OUT/time.txt" || status=$?
secs=$(echo "$(date +%s.%N) - $start" | bc -l)
peak_kb=$(awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); print $2}' "$OUT/time.txt")
read -r rows people < <(python3 -c 'import json,sys;r=json.load(open(sys.argv[1]));print(r["input"]["rows"], r["young_people"])' "$OUT/big-report.json")
bound_kb=$(( (rows * 64 + people * 192) / 1024 + 64 * 1024 ))
printf '1 000 000-row check: %s rows, %s young people, exit %s, %.1f s, peak RSS %s kB (bound %s kB)\n' \
  "$rows" "$people" "$status" "$secs" "$peak_kb" "$bound_kb"
if [ "$rows" = 1000000 ] && [ "$status" = 1 ] && [ "$peak_kb" -le "$bound_kb" ]; then
  ok "1M rows within the memory bound"
else
  ko "1M rows: rows=$rows exit=$status peak=${peak_kb}kB bound=${bound_kb}kB"
fi

echo "release: $passed passed, $failed failed"
[ "$failed" = 0 ]
