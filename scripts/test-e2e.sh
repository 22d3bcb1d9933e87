#!/usr/bin/env bash
# Browser tests of the page in Chromium: installs what is missing (idempotent), builds the
# WebAssembly engine and the page, builds the CLI for the parity tests, runs
# `node --test e2e/*.test.mjs` (the Firefox ESR tests of e2e/firefox/: scripts/test-firefox.sh).
# Environment: OLINPE_BIN (a CLI binary to use instead of building one), CHROMIUM (browser
# path, default /usr/bin/chromium), CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/install.sh
# Debian's Chromium; never `npx playwright install` (it downloads a browser build).
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || ensure_browsers
ensure_npm
ensure_pdftotext    # the print tests read the page printed to PDF
apt_install nginx   # e2e/hosting.test.mjs: the page behind Debian's nginx and deploy/ (docs/hosting.md)

bash scripts/build-all.sh

if [ -z "${OLINPE_BIN:-}" ]; then
  cargo build --release --bin olinpe
  export OLINPE_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/olinpe"
fi

# One test file at a time: each starts its own Chromium, and the machines have 2 cores.
node --test --test-concurrency=1 e2e/*.test.mjs
