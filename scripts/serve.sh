#!/usr/bin/env bash
# Builds everything (native CLI, WebAssembly engine, the single-file page dist/olinpe.html),
# checks a generated sample with the CLI (printing its report), then serves the page on
# http://127.0.0.1:${PORT:-8080}/ with its Content-Security-Policy.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
cargo build --release --bin olinpe
BIN=target/release/olinpe
mkdir -p target/sample
"$BIN" generate --sample small --out target/sample/exemple.csv --manifest target/sample/exemple-manifeste.json
echo "=== olinpe check target/sample/exemple.csv (échantillon généré, erreurs plantées)"
"$BIN" check target/sample/exemple.csv || true
if [ -x scripts/build-all.sh ]; then
  scripts/build-all.sh
  echo "=== page autonome : $(pwd)/dist/olinpe.html (s'ouvre aussi directement depuis le disque)"
  exec "$BIN" serve --port "${PORT:-8080}" --dir dist
fi
