#!/usr/bin/env bash
# The WebAssembly tests in headless Chromium, in a dedicated worker, through
# wasm-bindgen-test-runner and chromedriver: every integration test that uses
# wasm_bindgen_test, gathered in tests/wasm.rs (the binding's session and the pseudonymisation vectors, which
# prove native and WebAssembly give the same identifiers).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/install.sh
ensure_wasm_bindgen
ensure_browsers
ensure_wasm_target
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}"
cargo test --target wasm32-unknown-unknown --test wasm
