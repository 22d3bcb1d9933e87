#!/usr/bin/env bash
# Differential test of two olinpe binaries: runs both over the same corpus, in every mode,
# and compares every output byte for byte (reports, findings CSV, repaired copies,
# transmission files, receipts, re-hashed files), the exit status, stdout and stderr.
# For refactorings that must not change a byte, and to list exactly what an intended change
# changed.
#
#   scripts/differential.sh OLD_BIN NEW_BIN [ROWS]      (ROWS: the big generated file, 200000)
#
# The corpus: every golden fixture and reading fixture, the hostile files, files generated
# by OLD_BIN (clean, faulty, nominative, with UTDP, the three training samples, ROWS rows).
# Prints one line per case that differs and a count; exit status 1 when any differs.
set -euo pipefail
OLD=$(realpath "$1"); NEW=$(realpath "$2"); ROWS=${3:-200000}
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CORPUS="$WORK/corpus"; mkdir -p "$CORPUS"

i=0
add() { i=$((i + 1)); cp "$1" "$CORPUS/$(printf '%04d' "$i")-$(basename "$1")"; }
for f in tests/fixtures/*/input.* tests/fixtures/audit/*.xml tests/fixtures/read/* tests/hostile/files/*; do
  [ -f "$f" ] && add "$f"
done
gen() { local name=$1; shift; "$OLD" generate "$@" --out "$CORPUS/gen-$name" >/dev/null 2>&1; }
gen clean.csv --rows 3000 --seed 11 --error-rate 0
gen faulty.csv --rows 3000 --seed 12 --error-rate 0.05
gen nominative.csv --rows 3000 --seed 13 --error-rate 0.02 --nominative
gen nominative-prev.csv --rows 3000 --seed 13 --error-rate 0.02 --nominative --year 2017
gen utdp.csv --rows 2000 --seed 14 --error-rate 0.03 --utdp
gen small.csv --sample small
gen medium.csv --sample medium
gen big.csv --rows "$ROWS" --seed 15 --error-rate 0.02 --nominative
printf 'CLE_DE_TEST\n' >"$WORK/key.txt"
printf 'NUMDO=NUMDO\n' >"$WORK/map.txt"

# run BIN SIDE CASE ARGS... — runs one command in $WORK/SIDE/CASE (outputs land there).
run() {
  local bin=$1 side=$2 case=$3; shift 3
  local dir="$WORK/$side/$case"; mkdir -p "$dir/out"
  (cd "$dir" && set +e; "$bin" "$@" >stdout 2>stderr; echo $? >status)
}

cases=0; differ=0
compare() {
  local case=$1
  cases=$((cases + 1))
  if ! diff -r -q "$WORK/old/$case" "$WORK/new/$case" >/dev/null 2>&1; then
    differ=$((differ + 1))
    echo "DIFFERS $case:"; diff -r -q "$WORK/old/$case" "$WORK/new/$case" | sed "s/^/    /" | head -5 || true
  fi
  rm -rf "$WORK/old/$case" "$WORK/new/$case"
}

for f in "$CORPUS"/*; do
  b=$(basename "$f")
  for side in old new; do
    bin=$OLD; [ "$side" = new ] && bin=$NEW
    run "$bin" $side "$b.check-json" check "$f" --format json --findings-csv out/constats.csv
    run "$bin" $side "$b.check-text" check "$f" --max-findings 50
    run "$bin" $side "$b.check-repair" check "$f" --format json --repair out/repare --year 2018
    run "$bin" $side "$b.pseudo" pseudonymise "$f" --key-file "$WORK/key.txt" --date-export 2019-03-01 --out-dir out
    run "$bin" $side "$b.pseudo-day-upper-repair" pseudonymise "$f" --key-file "$WORK/key.txt" --with-day --uppercase --repair --date-export 2019-03-01 --out-dir out
    run "$bin" $side "$b.rehash" rehash "$f" --key-file "$WORK/key.txt" --out out/rehache.${b##*.}
  done
  for c in check-json check-text check-repair pseudo pseudo-day-upper-repair rehash; do compare "$b.$c"; done
done
# --previous, --map-file, OLINPE_KEY and the one-thread path.
for side in old new; do
  bin=$OLD; [ "$side" = new ] && bin=$NEW
  run "$bin" $side previous pseudonymise "$CORPUS/gen-nominative.csv" --key-file "$WORK/key.txt" --previous "$CORPUS/gen-nominative-prev.csv" --date-export 2019-03-01 --out-dir out
  run "$bin" $side map pseudonymise "$CORPUS/gen-nominative.csv" --key-file "$WORK/key.txt" --map-file "$WORK/map.txt" --date-export 2019-03-01 --out-dir out
  (export OLINPE_KEY=CLE_DE_TEST; run "$bin" $side env-key pseudonymise "$CORPUS/gen-small.csv" --date-export 2019-03-01 --out-dir out)
  (export OLINPE_THREADS=1; run "$bin" $side one-thread check "$CORPUS/gen-big.csv" --format json --findings-csv out/constats.csv)
  run "$bin" $side no-key pseudonymise "$CORPUS/gen-small.csv" --out-dir out
  run "$bin" $side bad-option check "$CORPUS/gen-small.csv" --format yaml
  run "$bin" $side missing check "$WORK/absent.csv"
done
for c in previous map env-key one-thread no-key bad-option missing; do compare "$c"; done
echo "differential: $cases cases over $(ls "$CORPUS" | wc -l) inputs, $differ differ"
[ "$differ" = 0 ]
