#!/usr/bin/env bash
# The WebAssembly tests in headless Chromium, in a dedicated worker, through
# wasm-bindgen-test-runner and chromedriver: every integration test that uses
# wasm_bindgen_test (the binding's tests/wasm_*.rs and the pseudonymisation vectors, which
# prove native and WebAssembly give the same identifiers).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  cargo install wasm-bindgen-cli --version "$WB_VERSION"   # no --locked: see docs/toolchain.md
fi
if ! command -v chromedriver >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}"
tests=()
for f in $(grep -l 'wasm_bindgen_test' tests/*.rs); do tests+=(--test "$(basename "$f" .rs)"); done
cargo test --target wasm32-unknown-unknown "${tests[@]}"
