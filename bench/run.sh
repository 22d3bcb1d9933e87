#!/usr/bin/env bash
# Throughput benchmark of the release binary on generated files (best of 3 runs each).
# Prints MB/s and rows/s for (a) the reader alone, (b) the full check as shipped (record rules
# on a second thread when the machine has two cores or more), (b1) the full check on one thread
# (OLINPE_THREADS=1), their ratios to (a), (c) pseudonymise on a nominative file, (d) the
# continuity check of two generated consecutive years of ROWS rows each (generate --years 2):
# its time (both files' bytes and rows) and its peak resident memory against the bound stated
# in docs/ARCHITECTURE.md "Memory", and (e) a spreadsheet: 100 000 nominative records as XLSX
# (whatever ROWS), check and pseudonymise, with the peak resident memory of each (GNU time);
# with LibreOffice installed, the same sheet saved as ODS by it too.
# Usage: bench/run.sh [ROWS] (default 1 000 000).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --bin olinpe >/dev/null 2>&1 || cargo build --release --bin olinpe
BIN=${OLINPE_BIN:-${CARGO_TARGET_DIR:-target}/release/olinpe}
DIR=${BENCH_DIR:-bench/out}
mkdir -p "$DIR"
[ -f "$DIR/plain-$ROWS.csv" ] || $BIN generate --rows "$ROWS" --seed 42 --error-rate 0.01 --out "$DIR/plain-$ROWS.csv"
[ -f "$DIR/nomin-$ROWS.csv" ] || $BIN generate --rows "$ROWS" --seed 43 --error-rate 0.01 --nominative --out "$DIR/nomin-$ROWS.csv"
printf 'CLE_DE_TEST' > "$DIR/key.txt"   # dummy key (docs/spec/OLINPE.md §3.3)

best() { # best wall time in seconds of 3 runs of "$@"
  local best=
  for _ in 1 2 3; do
    local s e t
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
report() { # name seconds bytes rows
  local mbs rps
  mbs=$(echo "$3 / 1000000 / $2" | bc -l); rps=$(echo "$4 / $2" | bc -l)
  printf '%-28s %8.3f s  %8.1f MB/s  %10.0f rows/s\n' "$1" "$2" "$mbs" "$rps"
}
PLAIN="$DIR/plain-$ROWS.csv"; NOMIN="$DIR/nomin-$ROWS.csv"
PB=$(stat -c %s "$PLAIN"); NB=$(stat -c %s "$NOMIN")
echo "input: $ROWS rows, $(echo "$PB/1000000" | bc) MB (plain), $(echo "$NB/1000000" | bc) MB (nominative)"
ta=$(best $BIN read-only "$PLAIN");                    report "(a) reader alone" "$ta" "$PB" "$ROWS"
tb=$(best $BIN check "$PLAIN" --format json);          report "(b) full check" "$tb" "$PB" "$ROWS"
tb1=$(best env OLINPE_THREADS=1 $BIN check "$PLAIN" --format json); report "(b1) full check, one thread" "$tb1" "$PB" "$ROWS"
printf 'cores: %s, load average: %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'ratio b/a (throughput of check / reader): %.2f (target >= 0.40)\n' "$(echo "$ta / $tb" | bc -l)"
printf 'ratio b1/a (one thread): %.2f\n' "$(echo "$ta / $tb1" | bc -l)"
mkdir -p "$DIR/pseudo"
tc=$(best $BIN pseudonymise "$NOMIN" --key-file "$DIR/key.txt" --date-export 2019-03-01 --force --out-dir "$DIR/pseudo")
report "(c) pseudonymise" "$tc" "$NB" "$ROWS"
PAIR1="$DIR/pair1-$ROWS.csv"; PAIR2="$DIR/pair2-$ROWS.csv"
[ -f "$PAIR2" ] || $BIN generate --years 2 --rows "$ROWS" --seed 44 --out "$PAIR1" --out-next "$PAIR2" 2>/dev/null
P1B=$(stat -c %s "$PAIR1"); P2B=$(stat -c %s "$PAIR2")
td=$(best $BIN continuity "$PAIR1" "$PAIR2" --format json)
/usr/bin/time -v $BIN continuity "$PAIR1" "$PAIR2" --format json >"$DIR/continuity.json" 2>"$DIR/continuity-time.txt" || true
read -r r1 r2 y1 y2 < <(python3 -c 'import json,sys;r=json.load(open(sys.argv[1]));print(r["previous"]["rows"],r["current"]["rows"],r["previous"]["young_people"],r["current"]["young_people"])' "$DIR/continuity.json")
report "(d) continuity, both years" "$td" "$((P1B + P2B))" "$((r1 + r2))"
peak_kb=$(awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); print $2}' "$DIR/continuity-time.txt")
# docs/ARCHITECTURE.md "Memory": 64 bytes per row of either file + 64 bytes per young person of
# either file + 32 MiB.
bound_kb=$(( ((r1 + r2) * 64 + (y1 + y2) * 64) / 1024 + 32 * 1024 ))
printf '(d) continuity: %s + %s rows, %s + %s young people, peak RSS %s kB (bound %s kB): %s\n' \
  "$r1" "$r2" "$y1" "$y2" "$peak_kb" "$bound_kb" "$([ "$peak_kb" -le "$bound_kb" ] && echo within || echo OVER)"

# (e) A workbook is read whole, then its sheet row by row: time and peak memory (best of 3).
SHEET_ROWS=100000
XLSX="$DIR/nomin-$SHEET_ROWS.xlsx"
[ -f "$XLSX" ] || $BIN generate --rows "$SHEET_ROWS" --seed 44 --error-rate 0.01 --nominative --format xlsx --out "$XLSX"
peak() { # best wall seconds and the peak resident memory (MiB) of that run, of 3 runs of "$@"
  local best= mem=
  for _ in 1 2 3; do
    local out t m
    /usr/bin/time -f '%e %M' -o "$DIR/time.txt" "$@" >/dev/null 2>&1 || true
    out=$(tail -n 1 "$DIR/time.txt")
    t=${out% *}; m=${out#* }
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; mem=$m; fi
  done
  echo "$best $((mem / 1024))"
}
sheet_line() { # name file command…
  local name=$1 file=$2; shift 2
  local r t m
  r=$(peak "$@"); t=${r% *}; m=${r#* }
  printf '%-28s %8.3f s  %8.1f MB/s  %10.0f rows/s  peak %5s MiB\n' "$name" "$t" \
    "$(echo "$(stat -c %s "$file") / 1000000 / $t" | bc -l)" "$(echo "$SHEET_ROWS / $t" | bc -l)" "$m"
}
echo "spreadsheet: $SHEET_ROWS rows, XLSX $(echo "$(stat -c %s "$XLSX")/1000000" | bc -l | cut -c1-5) MB"
sheet_line "(e) XLSX check" "$XLSX" $BIN check "$XLSX" --format json
sheet_line "(e) XLSX pseudonymise" "$XLSX" $BIN pseudonymise "$XLSX" --key-file "$DIR/key.txt" --date-export 2019-03-01 --force --out-dir "$DIR/pseudo"
if command -v soffice >/dev/null 2>&1; then
  ODS="$DIR/nomin-$SHEET_ROWS.ods"
  [ -f "$ODS" ] || soffice --headless --convert-to ods --outdir "$DIR" "$XLSX" >/dev/null 2>&1 || true
  [ -f "$ODS" ] && sheet_line "(e) ODS check (LibreOffice)" "$ODS" $BIN check "$ODS" --format json
fi
