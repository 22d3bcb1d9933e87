#!/usr/bin/env bash
# Runs olinpe's fuzz targets (fuzz/, cargo-fuzz + libFuzzer, nightly toolchain) one after the
# other, each for SECONDS (default 30):   scripts/fuzz.sh [SECONDS] [TARGET…]
# Targets: read_csv read_xml check pseudonymise rehash read_sheet continuity (default: all).
# Each run: no panic, no hang (-timeout), bounded memory (-rss_limit_mb), and the properties
# of fuzz/src/lib.rs. A crash leaves its input in fuzz/artifacts/<target>/ and the script ends
# with status 1 after the other targets have run. Skipped (status 0, with a message) when the
# nightly toolchain is absent. Environment:
#   OLINPE_FUZZ_TARGET_DIR  cargo target dir of the fuzz build (default fuzz/target)
#   OLINPE_FUZZ_JOBS        targets run at once (default 1)
#   OLINPE_FUZZ_RSS_MB      memory limit per target process (default 2048)
#   OLINPE_FUZZ_SEED        libFuzzer's random seed (default 0: a new one each run);
#                           scripts/test.sh fixes it, so a CI run can be replayed here
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds=${1:-30}
shift || true
all=(read_csv read_xml check pseudonymise rehash read_sheet continuity)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi
for t in "${targets[@]}"; do
  case " ${all[*]} " in *" $t "*) ;; *) echo "fuzz: unknown target «$t» (targets: ${all[*]})" >&2; exit 2 ;; esac
done
case "$seconds" in '' | *[!0-9]*) echo "fuzz: invalid duration «$seconds» (seconds)" >&2; exit 2 ;; esac

if ! command -v rustup >/dev/null 2>&1 || ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: SKIPPED — the nightly Rust toolchain is not installed (rustup toolchain install nightly); fuzzing needs it."
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo install cargo-fuzz (about 40 s; no --locked, see docs/toolchain.md)"
  cargo install cargo-fuzz
fi

target_dir=${OLINPE_FUZZ_TARGET_DIR:-fuzz/target}
rss=${OLINPE_FUZZ_RSS_MB:-2048}
jobs=${OLINPE_FUZZ_JOBS:-1}
seed=${OLINPE_FUZZ_SEED:-0}
case "$seed" in '' | *[!0-9]*) echo "fuzz: invalid seed «$seed» (a number)" >&2; exit 2 ;; esac
scripts/fuzz-seed.sh

start=$(date +%s)
echo "fuzz: building ${targets[*]} (nightly, AddressSanitizer, debug assertions)"
# `cargo fuzz build TARGET` takes one target; build them all when more than one is asked.
if [ "${#targets[@]}" -gt 1 ]; then
  cargo +nightly fuzz build --target-dir "$target_dir"
else
  cargo +nightly fuzz build --target-dir "$target_dir" "${targets[0]}"
fi
echo "fuzz: build took $(( $(date +%s) - start )) s"

logdir=fuzz/artifacts/logs
mkdir -p "$logdir"
run_one() {
  local t=$1
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  # -timeout: an input taking over 10 s is a hang; -rss_limit_mb/-malloc_limit_mb: memory.
  if cargo +nightly fuzz run --target-dir "$target_dir" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      -max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb="$rss" -malloc_limit_mb="$rss" \
      -max_len=131072 -dict=fuzz/olinpe.dict -print_final_stats=1 \
      -artifact_prefix="fuzz/artifacts/$t/" >"$logdir/$t.log" 2>&1; then
    echo "fuzz: $t ok — $(summary "$t")"
    return 0
  fi
  echo "fuzz: $t FAILED — see $logdir/$t.log and fuzz/artifacts/$t/"
  grep -E "panicked at|ERROR: libFuzzer|SUMMARY|Test unit written" "$logdir/$t.log" | head -n 8 || true
  grep -A3 -E "panicked at" "$logdir/$t.log" | head -n 8 || true
  # The input itself, so that a failure on a machine one cannot reach (CI) can be replayed:
  # `base64 -d > crash` then the command of docs/toolchain.md.
  local crash
  crash=$(ls -t "fuzz/artifacts/$t"/crash-* "fuzz/artifacts/$t"/timeout-* "fuzz/artifacts/$t"/oom-* 2>/dev/null | head -n 1 || true)
  if [ -n "$crash" ] && [ "$(stat -c %s "$crash")" -le 16384 ]; then
    echo "fuzz: $t input ($(stat -c %s "$crash") bytes, base64):"
    base64 -w 0 "$crash"
    echo
  fi
  return 1
}
summary() {
  local execs corpus
  execs=$(awk '/stat::number_of_executed_units/{print $2}' "$logdir/$1.log" | tail -n 1)
  corpus=$(find "fuzz/corpus/$1" -type f | wc -l)
  echo "${execs:-?} executions, corpus of ${corpus} inputs"
}

passed=0
failed=0
if [ "$jobs" -le 1 ]; then
  for t in "${targets[@]}"; do
    if run_one "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
else
  pids=()
  for t in "${targets[@]}"; do
    run_one "$t" >"$logdir/$t.status" 2>&1 &
    pids+=("$!")
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  done
  i=0
  for pid in "${pids[@]}"; do
    if wait "$pid"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    cat "$logdir/${targets[$i]}.status"
    i=$((i + 1))
  done
fi
echo "fuzz: ${passed} passed, ${failed} failed"
[ "$failed" = 0 ]
