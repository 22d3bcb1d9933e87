#!/usr/bin/env bash
# Builds the WebAssembly engine and the page: pkg/ (wasm-bindgen --target no-modules output,
# optimised by npm binaryen's wasm-opt) then dist/olinpe.html and dist/olinpe.csp.
# Needs: the wasm32-unknown-unknown target, wasm-bindgen-cli at the version of Cargo.lock,
# node_modules (npm ci). Never Debian's binaryen (its output crashes at init).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]; then
  echo "build-all: wasm-bindgen $WB_VERSION absent; installing (about 2 minutes)" >&2
  cargo install wasm-bindgen-cli --version "$WB_VERSION"   # no --locked: see shared toolchain notes
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
node -e 'for (const p of ["binaryen","@gouvfr/dsfr"]) require.resolve(p + "/package.json")' 2>/dev/null \
  || npm ci --no-audit --no-fund

cargo build --release --lib --target wasm32-unknown-unknown
rm -rf pkg
wasm-bindgen --target no-modules --no-typescript --out-dir pkg \
  "$TARGET_DIR/wasm32-unknown-unknown/release/olinpe.wasm"
npx --no-install wasm-opt -Oz pkg/olinpe_bg.wasm -o pkg/olinpe_bg.wasm
node scripts/build-page.mjs
