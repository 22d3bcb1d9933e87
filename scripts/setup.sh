#!/usr/bin/env bash
# Installs what olinpe's build and tests need, idempotently (skips what is there).
# Used by scripts/serve.sh and scripts/test.sh; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/install.sh
ensure_browsers
ensure_firefox
ensure_pdftotext
command -v xmllint >/dev/null 2>&1 || apt_install libxml2-utils
[ -x /usr/bin/time ] || apt_install time
ensure_wasm_target
ensure_wasm_bindgen
ensure_npm
