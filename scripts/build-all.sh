#!/usr/bin/env bash
# Builds the WebAssembly engine and the page: pkg/ (wasm-bindgen --target no-modules output,
# optimised by npm binaryen's wasm-opt) then dist/olinpe.html, dist/olinpe.csp and
# dist/olinpe.html.sha256.
# Needs: the wasm32-unknown-unknown target, wasm-bindgen-cli at the version of Cargo.lock,
# node_modules (npm ci). Never Debian's binaryen (its output crashes at init).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/install.sh
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
ensure_wasm_bindgen
ensure_wasm_target
ensure_npm

# The module keeps the source paths of its crates.io dependencies (panic locations): give them
# the same name on every machine, so that the page's bytes do not depend on where Cargo's home
# is (docs/hosting.md, "Vérifier"; scripts/test-reproducible.sh checks no local path is left).
RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo" \
  cargo build --release --lib --target wasm32-unknown-unknown
rm -rf pkg
wasm-bindgen --target no-modules --no-typescript --out-dir pkg \
  "$TARGET_DIR/wasm32-unknown-unknown/release/olinpe.wasm"
npx --no-install wasm-opt -Oz pkg/olinpe_bg.wasm -o pkg/olinpe_bg.wasm
node scripts/build-page.mjs
