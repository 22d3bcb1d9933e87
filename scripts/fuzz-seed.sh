#!/usr/bin/env bash
# Seeds the fuzz corpora: copies every golden fixture input (tests/fixtures/*/input.*) and every
# committed hostile file (tests/hostile/files/*) into fuzz/seeds/<target>/, each prefixed with
# the 8 option bytes of the fuzz input layout set to zero (= default options, one push), so a
# seed is the fixture as the CLI would read it. Idempotent: the seed folders are rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(read_csv read_xml check pseudonymise rehash read_sheet continuity)
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
      read_csv:*.xml | read_xml:*.csv | read_sheet:* | continuity:*) continue ;;
    esac
    cat "$header" "$f" >"fuzz/seeds/$t/$name"
  done
  n=$((n + 1))
done
# read_sheet has its own layout (mode byte, limits byte, payload; see its target): two small
# sheets, an XLSX worksheet and an ODS content part.
printf '\001\000%s' '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>43243</v></c><c r="C1" t="inlineStr"><is><t>x</t></is></c><c r="D1" t="b"><v>1</v></c></row><row r="3"><c r="B3" s="2"><v>43243.5</v></c></row></sheetData></worksheet>' >fuzz/seeds/read_sheet/xlsx-sheet
printf '\003\000%s' '<office:document-content><office:body><office:spreadsheet><table:table table:name="T"><table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="3"/><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2018-05-23"/><table:covered-table-cell/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>' >fuzz/seeds/read_sheet/ods-content
# continuity: two files, the first one's length on two bytes (little-endian) — the pairs of
# the continuity fixtures, and each single fixture against itself.
pair() { # OUT PREVIOUS CURRENT
  local len
  len=$(stat -c %s "$2")
  [ "$len" -le 65535 ] || return 0
  { cat "$header"; printf "\\$(printf %03o $((len % 256)))\\$(printf %03o $((len / 256)))"; cat "$2" "$3"; } >"$1"
}
for d in tests/fixtures/continuity-*/; do
  pair "fuzz/seeds/continuity/$(basename "$d")" "$d/previous.csv" "$d/input.csv"
done
for f in tests/fixtures/audit/*.xml tests/fixtures/read/*.csv; do
  [ "$(stat -c %s "$f")" -le 32768 ] || continue
  pair "fuzz/seeds/continuity/self_$(basename "$f")" "$f" "$f"
done
echo "fuzz-seed: $n file(s) copied to fuzz/seeds/{$(IFS=,; echo "${targets[*]}")}"
