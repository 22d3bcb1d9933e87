#!/usr/bin/env bash
# Seeds the fuzz corpora: copies every golden fixture input (tests/fixtures/*/input.*) and every
# committed hostile file (tests/hostile/files/*) into fuzz/seeds/<target>/, each prefixed with
# the 8 option bytes of the fuzz input layout set to zero (= default options, one push), so a
# seed is the fixture as the CLI would read it. Idempotent: the seed folders are rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(read_csv read_xml check pseudonymise rehash)
header=$(mktemp)
trap 'rm -f "$header"' EXIT
head -c 8 /dev/zero >"$header"
for t in "${targets[@]}"; do
  rm -rf "fuzz/seeds/$t"
  mkdir -p "fuzz/seeds/$t"
done
n=0
shopt -s nullglob
for f in tests/fixtures/*/input.* tests/hostile/files/*; do
  [ -f "$f" ] || continue
  # Seeds above 256 KiB slow every mutation down and add nothing the small ones lack.
  [ "$(stat -c %s "$f")" -le 262144 ] || continue
  name=$(echo "$f" | tr '/' '_')
  for t in "${targets[@]}"; do
    case "$t:$f" in
      read_csv:*.xml | read_xml:*.csv) continue ;;
    esac
    cat "$header" "$f" >"fuzz/seeds/$t/$name"
  done
  n=$((n + 1))
done
echo "fuzz-seed: $n file(s) copied to fuzz/seeds/{$(IFS=,; echo "${targets[*]}")}"
